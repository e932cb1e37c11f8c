//! The streaming XML reader: one pass of quick-xml events that gathers each item's fields
//! (an RSS `<item>`, an Atom `<entry>`) and the channel facts items need, and hands each
//! item on as soon as it closes. It knows the shape of feeds, not what their fields mean.
//!
//! Memory is bounded whatever the source holds: no event is read past
//! [`MAX_ELEMENT_BYTES`] ([`Meter`]), and an item larger than [`MAX_POST_BYTES`], with an
//! element, title or attribute past its limit, is handed on marked too large, its fields
//! dropped as soon as that is known; elements nested past [`MAX_DEPTH`] stop the reading.

use super::item::{Attrs, Channel, Item, Ns};
use super::meter::Meter;
use crate::import::links::resolve;
use crate::import::post::Kind;
use crate::text::{escape_attr, escape_text};
use anyhow::{anyhow, bail, Result};
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::NsReader;
use std::io::BufRead;

/// The most one post may hold, as its source writes it.
pub const MAX_POST_BYTES: u64 = 16 << 20;
/// The most one element of a post (its body, its description) may hold.
pub const MAX_ELEMENT_BYTES: usize = 8 << 20;
/// The most a post's title may hold.
pub const MAX_TITLE_BYTES: usize = 16 << 10;
/// The most one attribute value may hold.
pub const MAX_ATTRIBUTE_BYTES: usize = 64 << 10;
/// The most one fact about the blog (its address, an author's name) may hold; a longer one
/// is ignored.
const MAX_CHANNEL_FACT_BYTES: usize = 64 << 10;
/// The most authors a WordPress export may name (more are not looked up).
const MAX_AUTHORS: usize = 100_000;
/// The most elements open at once, and the most their start tags may hold together: the
/// parser keeps every open element's name.
pub const MAX_DEPTH: usize = 4_096;
const MAX_OPEN_BYTES: usize = 16 << 20;
/// The most an event before the first element (the XML declaration, a comment) may hold.
const MAX_PROLOG_EVENT_BYTES: usize = 64 << 10;

/// Reads `input` (named `name` in messages), handing each item to `each` with the kind of
/// source and the channel facts so far. Returns the kind of source.
pub fn items<R: BufRead>(
    input: R,
    name: &str,
    mut each: impl FnMut(Item, Kind, &Channel) -> Result<()>,
) -> Result<Kind> {
    let mut xml = NsReader::from_reader(Meter::new(input, MAX_PROLOG_EVENT_BYTES));
    // Blog exports carry stray ampersands in HTML written without CDATA more often than
    // one would hope; the structure we need is still there.
    xml.config_mut().allow_dangling_amp = true;
    let mut walk = Walk::new(name);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        xml.get_mut().start_event();
        let line = xml.get_ref().line();
        let (resolved, event) = xml
            .read_resolved_event_into(&mut buf)
            .map_err(|e| walk.broken(&e, line))?;
        let ns = Ns::of(&resolved);
        let tag = match &event {
            Event::Start(e) | Event::Empty(e) => Some(local_name(e)),
            _ => None,
        };
        walk.measure(xml.get_ref().was_cut(), xml.get_ref().position(), tag);
        match event {
            Event::Start(e) => walk.open(ns, &e, false, line)?,
            Event::Empty(e) => walk.open(ns, &e, true, line)?,
            Event::End(_) => {
                if let Some(item) = walk.close() {
                    each(item, walk.kind.unwrap_or(Kind::Rss), &walk.channel)?;
                }
            }
            Event::Text(t) => walk.text(&t.xml10_content(), line)?,
            Event::CData(t) => walk.append(&t.xml10_content()),
            Event::GeneralRef(r) => walk.append(&entity(&r)),
            Event::Eof => break,
            _ => {}
        }
        if walk.kind.is_some() {
            // Inside the document, an event past the limit is cut and its post left out.
            xml.get_mut().cut_past(MAX_ELEMENT_BYTES);
        }
        // A post left out keeps only its title (to name it), so the rest of its text is
        // dropped as fast as it is read.
        let in_title = walk.field.as_ref().is_some_and(|f| f.name == "title");
        xml.get_mut().drop_text(walk.dropping() && !in_title);
    }
    walk.finish()
}

/// A child element of an item being read: its name, attributes and text so far.
struct Field {
    ns: Ns,
    name: String,
    attrs: Attrs,
    text: String,
    /// Atom `type="xhtml"`: the markup inside is the content, kept as HTML.
    xhtml: bool,
    /// Names of the elements open inside the field.
    inner: Vec<String>,
}

impl Field {
    /// The field's name as feeds write it, for messages: `content:encoded`, `description`.
    fn shown_name(&self) -> String {
        let prefix = match self.ns {
            Ns::Content => "content:",
            Ns::Excerpt => "excerpt:",
            Ns::Wp => "wp:",
            Ns::Dc => "dc:",
            Ns::None | Ns::Atom | Ns::Other => "",
        };
        format!("{prefix}{}", self.name)
    }

    /// An element opened inside the field. Markup inside a field (xhtml content, or an RSS
    /// description holding unescaped HTML) is kept as HTML, so paragraphs stay apart.
    fn open(&mut self, local: &str, attrs: &Attrs, empty: bool) {
        self.inner.push(local.to_string());
        if self.name != "author" {
            self.text.push('<');
            self.text.push_str(local);
            for (k, v) in attrs {
                if matches!(k.as_str(), "href" | "src" | "alt" | "class") {
                    self.text.push_str(&format!(" {k}=\"{}\"", escape_attr(v)));
                }
            }
            self.text.push('>');
        }
        if empty {
            self.inner.pop();
            self.close_tag(local);
        }
    }

    /// Closes the innermost element open inside the field; `false` when none is (the end
    /// is the field's own).
    fn close(&mut self) -> bool {
        match self.inner.pop() {
            Some(local) => {
                self.close_tag(&local);
                true
            }
            None => false,
        }
    }

    fn close_tag(&mut self, local: &str) {
        if self.name != "author" && !is_void(local) {
            self.text.push_str(&format!("</{local}>"));
        }
    }

    fn push_text(&mut self, t: &str) {
        // Atom authors hold a name, an e-mail and an address: only the name is wanted.
        if self.name == "author"
            && self.ns == Ns::Atom
            && self.inner.last().map(String::as_str) != Some("name")
        {
            return;
        }
        // A NUL byte parts words; it is never text.
        let t = t.replace('\0', " ");
        if self.xhtml {
            self.text.push_str(&escape_text(&t));
        } else {
            self.text.push_str(&t);
        }
    }

    /// The field as read, its text final.
    fn done(self) -> (Ns, String, Attrs, String) {
        let text = if self.xhtml {
            unwrap_xhtml_div(&self.text)
        } else {
            self.text
        };
        (self.ns, self.name, self.attrs, text)
    }
}

/// Where the reader is in the document: the elements open outside any item, the item and
/// field being read, and what is known of the channel.
struct Walk<'a> {
    name: &'a str,
    kind: Option<Kind>,
    channel: Channel,
    /// Names of the open elements, outside any item.
    path: Vec<(Ns, String)>,
    /// The item being read, and the depth it opened at.
    item: Option<(Item, usize)>,
    /// The field being read (its depth is the path's length).
    field: Option<Field>,
    /// A channel fact being read: its name and text so far.
    channel_field: Option<(String, String)>,
    /// The size of each open element's start tag, outermost first.
    open_tags: Vec<usize>,
    /// Their sum.
    open_bytes: usize,
    /// Bytes of the source read so far.
    position: u64,
}

impl<'a> Walk<'a> {
    fn new(name: &'a str) -> Walk<'a> {
        let fetched = name.starts_with("https://") || name.starts_with("http://");
        Walk {
            name,
            kind: None,
            channel: Channel {
                base: fetched.then(|| name.to_string()),
                ..Channel::default()
            },
            path: Vec::new(),
            item: None,
            field: None,
            channel_field: None,
            open_tags: Vec::new(),
            open_bytes: 0,
            position: 0,
        }
    }

    /// After each event: a cut event, or an item grown past its limit, marks the item too
    /// large (outside items, a cut fact about the blog is ignored).
    fn measure(&mut self, cut: bool, position: u64, tag: Option<String>) {
        self.position = position;
        let grown = self
            .item
            .as_ref()
            .is_some_and(|(it, _)| position.saturating_sub(it.start) > MAX_POST_BYTES);
        if cut {
            let why = match (self.field.as_ref(), tag) {
                (_, Some(tag)) => format!(
                    "its <{tag}> tag is larger than {} MB",
                    MAX_ELEMENT_BYTES >> 20
                ),
                (Some(f), None) if f.name == "title" => {
                    format!("its <title> is longer than {} KB", MAX_TITLE_BYTES >> 10)
                }
                (Some(f), None) => format!(
                    "its <{}> is larger than {} MB",
                    f.shown_name(),
                    MAX_ELEMENT_BYTES >> 20
                ),
                (None, None) => format!(
                    "one of its elements is larger than {} MB",
                    MAX_ELEMENT_BYTES >> 20
                ),
            };
            self.too_big(why);
            self.channel_field = None;
        } else if grown {
            self.too_big(format!("it is larger than {} MB", MAX_POST_BYTES >> 20));
        }
    }

    /// Marks the item being read too large to import, dropping what it holds but its title.
    fn too_big(&mut self, why: String) {
        let Some((it, _)) = self.item.as_mut() else {
            return;
        };
        if it.too_big.is_none() {
            it.too_big = Some(why);
            it.fields.retain(|(_, name, _, _)| name == "title");
            it.fields.shrink_to_fit();
        }
        if let Some(f) = self.field.as_mut() {
            // A title is kept, shortened, to name the post in the message.
            let keep = if f.name == "title" {
                SHOWN_TITLE_BYTES
            } else {
                0
            };
            f.text = shortened(std::mem::take(&mut f.text), keep);
        }
    }

    /// Whether the item being read is too large (its text is no longer kept).
    fn dropping(&self) -> bool {
        self.item
            .as_ref()
            .is_some_and(|(it, _)| it.too_big.is_some())
    }

    /// After the field being read grew: past its limit, the item is too large.
    fn check_field(&mut self) {
        let Some(f) = self.field.as_ref() else {
            return;
        };
        let (limit, what) = if f.name == "title" {
            (MAX_TITLE_BYTES, "KB")
        } else {
            (MAX_ELEMENT_BYTES, "MB")
        };
        if f.text.len() > limit {
            let shown = if what == "KB" {
                limit >> 10
            } else {
                limit >> 20
            };
            let verb = if f.name == "title" {
                "longer"
            } else {
                "larger"
            };
            let why = format!("its <{}> is {verb} than {shown} {what}", f.shown_name());
            self.too_big(why);
        }
    }

    /// An element opens: the parser keeps its name until it closes, so nesting is bounded.
    fn push_open(&mut self, size: usize, line: u64) -> Result<()> {
        self.open_tags.push(size);
        self.open_bytes += size;
        if self.open_tags.len() > MAX_DEPTH || self.open_bytes > MAX_OPEN_BYTES {
            bail!(
                "`{}` line {line}: elements nest deeper than any blog export or feed ({} levels open); nothing after it can be read",
                self.name,
                self.open_tags.len()
            );
        }
        Ok(())
    }

    fn pop_open(&mut self) {
        if let Some(size) = self.open_tags.pop() {
            self.open_bytes -= size;
        }
    }

    /// What a reading error means here, in the producer's words.
    fn broken(&self, e: &quick_xml::Error, line: u64) -> anyhow::Error {
        let name = self.name;
        let text = e.to_string();
        if self.kind.is_some() && (text.contains("end of input") || text.contains("EOF")) {
            return anyhow!(
                "`{name}` line {line}: the file ends in the middle of {} (is it cut short?)",
                self.inside()
            );
        }
        if self.kind.is_none() {
            return anyhow!("`{name}` line {line}: this is not XML, so not a WordPress export, RSS or Atom feed ({e})");
        }
        anyhow!("`{name}` line {line}: the XML is broken here ({e}); nothing after it can be read")
    }

    fn inside(&self) -> &'static str {
        if self.item.is_some() {
            "a post"
        } else {
            "the feed"
        }
    }

    /// An element opens (`empty`: and closes at once).
    fn open(&mut self, ns: Ns, e: &BytesStart, empty: bool, line: u64) -> Result<()> {
        let local = local_name(e);
        let mut attrs = attributes(e);
        if !empty {
            let size = e.name().as_ref().len()
                + attrs.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>();
            self.push_open(size, line)?;
        }
        if attrs.iter().any(|(_, v)| v.len() > MAX_ATTRIBUTE_BYTES) {
            self.too_big(format!(
                "an attribute of its <{local}> is larger than {} KB",
                MAX_ATTRIBUTE_BYTES >> 10
            ));
            attrs.clear();
        }
        if self.kind.is_none() && self.path.is_empty() {
            self.root(ns, &local, &attrs)?;
        }
        if let Some(f) = self.field.as_mut() {
            if self
                .item
                .as_ref()
                .is_some_and(|(it, _)| it.too_big.is_some())
            {
                f.inner.push(local);
                if empty {
                    f.inner.pop();
                }
                return Ok(());
            }
            f.open(&local, &attrs, empty);
            self.check_field();
            return Ok(());
        }
        let depth = self.path.len();
        if let Some((it, item_depth)) = self.item.as_mut() {
            if depth == *item_depth + 1 {
                if ns == Ns::Wp && local == "comment" {
                    it.comments += 1;
                }
                let xhtml =
                    self.kind == Some(Kind::Atom) && Item::attr(&attrs, "type") == Some("xhtml");
                let f = Field {
                    ns,
                    name: local.clone(),
                    attrs,
                    text: String::new(),
                    xhtml,
                    inner: Vec::new(),
                };
                if empty {
                    if it.too_big.is_none() {
                        it.fields.push(f.done());
                    }
                } else {
                    self.field = Some(f);
                    self.path.push((ns, local));
                }
                return Ok(());
            }
        }
        let is_item = match self.kind {
            Some(Kind::Atom) => local == "entry" && ns == Ns::Atom,
            _ => local == "item",
        };
        if is_item && self.item.is_none() && !empty {
            self.start_item(&attrs, depth, line);
        } else if self.item.is_none() && !empty {
            self.start_channel_fact(ns, &local, depth);
        }
        if self.item.is_none()
            && ns == Ns::Atom
            && local == "link"
            && depth == 1
            && matches!(Item::attr(&attrs, "rel"), None | Some("alternate"))
        {
            self.channel.alternate = Item::attr(&attrs, "href").map(str::to_string);
        }
        if !empty {
            self.path.push((ns, local));
        }
        Ok(())
    }

    /// The root element says what the source is, and may give the base of its addresses.
    fn root(&mut self, ns: Ns, local: &str, attrs: &Attrs) -> Result<()> {
        let name = self.name;
        // `xml:base` (kept under its local name) outranks the fetch address. A relative
        // xml:base is itself read against the fetch address.
        if let Some(b) = Item::attr(attrs, "base") {
            self.channel.base = Some(match &self.channel.base {
                Some(parent) => resolve(parent, b),
                None => b.to_string(),
            });
        }
        self.kind = Some(match local {
            "rss" | "RDF" => Kind::Rss,
            "feed" if ns == Ns::Atom => Kind::Atom,
            "html" => bail!("`{name}` is a web page, not a feed: give the blog's feed (often its address with /feed/ added) or a WordPress export"),
            other => bail!("`{name}` is XML of an unknown kind (its root element is <{other}>); devocast imports WordPress exports, RSS and Atom feeds"),
        });
        Ok(())
    }

    fn start_item(&mut self, attrs: &Attrs, depth: usize, line: u64) {
        let base = Item::attr(attrs, "base").map(|b| match &self.channel.base {
            Some(parent) => resolve(parent, b),
            None => b.to_string(),
        });
        let item = Item {
            line,
            base,
            start: self.position,
            ..Item::default()
        };
        self.item = Some((item, depth));
    }

    /// Channel facts: the site's address, title, description and author, and WordPress's
    /// authors.
    fn start_channel_fact(&mut self, ns: Ns, local: &str, depth: usize) {
        let parent = self.path.last().map(|(_, n)| n.as_str());
        let wanted = (ns == Ns::Wp
            && matches!(
                local,
                "base_site_url"
                    | "base_blog_url"
                    | "wxr_version"
                    | "author_login"
                    | "author_display_name"
            ))
            || (ns == Ns::None && parent == Some("channel") && is_rss_fact(local))
            || (ns == Ns::Dc && local == "creator" && parent == Some("channel"))
            || (ns == Ns::Atom && depth == 1 && matches!(local, "id" | "title" | "subtitle"))
            || (ns == Ns::Atom && local == "name" && depth == 2 && parent == Some("author"));
        if wanted {
            self.channel_field = Some((local.to_string(), String::new()));
        }
        if ns == Ns::Wp && local == "author" {
            self.channel.author_login = None;
            self.channel.author_name = None;
        }
    }

    /// An element closes; returns the item it completes, if it does.
    fn close(&mut self) -> Option<Item> {
        self.pop_open();
        let dropping = self.dropping();
        if let Some(f) = self.field.as_mut() {
            if dropping {
                if f.inner.pop().is_some() {
                    return None;
                }
            } else if f.close() {
                self.check_field();
                return None;
            }
            let f = self.field.take()?;
            self.path.pop();
            if let Some((it, _)) = self.item.as_mut() {
                if it.too_big.is_none() || f.name == "title" {
                    it.fields.push(f.done());
                }
            }
            return None;
        }
        let (ns, local) = self.path.pop()?;
        if self
            .item
            .as_ref()
            .is_some_and(|(_, d)| self.path.len() == *d)
        {
            return self.item.take().map(|(it, _)| it);
        }
        self.end_channel_fact();
        if ns == Ns::Wp && local == "author" {
            if let (Some(l), Some(n)) = (
                self.channel.author_login.take(),
                self.channel.author_name.take(),
            ) {
                if self.channel.authors.len() < MAX_AUTHORS {
                    self.channel.authors.insert(l, n);
                }
            }
        }
        None
    }

    fn end_channel_fact(&mut self) {
        let Some((fact, text)) = self.channel_field.take() else {
            return;
        };
        let text = text.trim().to_string();
        let channel = &mut self.channel;
        match fact.as_str() {
            "wxr_version" => channel.wordpress = true,
            "base_blog_url" => channel.site = text,
            "base_site_url" if channel.site.is_empty() => channel.site = text,
            "link" | "id" if channel.site.is_empty() => channel.site = text,
            "title" => channel.title = Some(text),
            "description" | "subtitle" => channel.description = Some(text),
            "creator" | "name" | "managingEditor" => channel.author = Some(text),
            "author_login" => channel.author_login = Some(text),
            "author_display_name" => channel.author_name = Some(text),
            _ => {}
        }
    }

    /// Text between tags; before the root element, any is a sign this is not XML.
    fn text(&mut self, t: &str, line: u64) -> Result<()> {
        if self.field.is_none() && self.channel_field.is_none() {
            if self.kind.is_none() && !t.trim().is_empty() {
                let name = self.name;
                bail!("`{name}` line {line}: this is not XML, so not a WordPress export, RSS or Atom feed");
            }
            return Ok(());
        }
        self.append(t);
        Ok(())
    }

    /// Text (from CDATA or an entity) for the field or channel fact being read.
    fn append(&mut self, t: &str) {
        if self.dropping() {
            // Only enough of the title to name the post.
            if let Some(f) = self.field.as_mut().filter(|f| f.name == "title") {
                f.text.push_str(t);
                f.text = shortened(std::mem::take(&mut f.text), SHOWN_TITLE_BYTES);
            }
            return;
        }
        if let Some(f) = self.field.as_mut() {
            f.push_text(t);
            self.check_field();
        } else if let Some((_, s)) = self.channel_field.as_mut() {
            if s.len() + t.len() > MAX_CHANNEL_FACT_BYTES {
                self.channel_field = None;
            } else {
                s.push_str(t);
            }
        }
    }

    /// The end of the input: the kind of source, unless it stopped half way.
    fn finish(self) -> Result<Kind> {
        let name = self.name;
        match self.kind {
            Some(_) if self.item.is_some() || !self.path.is_empty() => bail!(
                "`{name}` ends in the middle of {} (is the file cut short?)",
                self.inside()
            ),
            Some(Kind::Rss) if self.channel.wordpress => Ok(Kind::Wordpress),
            Some(k) => Ok(k),
            None => bail!("`{name}` is empty or holds no XML element; it is not a WordPress export, RSS or Atom feed"),
        }
    }
}

/// How much of a too large post's title is kept to name it.
const SHOWN_TITLE_BYTES: usize = 256;

/// `text` cut to at most `max` bytes, at a character boundary.
fn shortened(mut text: String, max: usize) -> String {
    if text.len() > max {
        let mut end = max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        text.shrink_to_fit();
    }
    text
}

/// A character or entity reference as text; an entity nobody defined is not text to speak.
fn entity(r: &BytesRef) -> String {
    match r.resolve_char_ref() {
        Ok(Some(c)) => c.to_string(),
        _ => {
            let n: &str = r;
            quick_xml::escape::resolve_predefined_entity(n)
                .or_else(|| quick_xml::escape::resolve_html5_entity(n))
                .map(str::to_string)
                .unwrap_or_default()
        }
    }
}

fn local_name(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}

fn attributes(e: &BytesStart) -> Attrs {
    e.attributes()
        .filter_map(Result::ok)
        .map(|a| {
            let key = a.key.local_name().as_ref().to_string();
            let raw: &str = &a.value;
            let value = quick_xml::escape::unescape_with(raw, |n| {
                quick_xml::escape::resolve_predefined_entity(n)
                    .or_else(|| quick_xml::escape::resolve_html5_entity(n))
            })
            .map(|v| v.into_owned())
            .unwrap_or_else(|_| raw.to_string());
            (key, value)
        })
        .collect()
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "br" | "img" | "hr" | "input" | "meta" | "link" | "source" | "wbr" | "area" | "col"
    )
}

/// Atom's xhtml content is wrapped in one `<div>`, which is not part of the content.
fn unwrap_xhtml_div(s: &str) -> String {
    let t = s.trim();
    if let Some(rest) = t.strip_prefix("<div") {
        if let Some(i) = rest.find('>') {
            if let Some(inner) = rest[i + 1..].strip_suffix("</div>") {
                return inner.to_string();
            }
        }
    }
    s.to_string()
}

/// The facts of an RSS channel read from its own elements.
fn is_rss_fact(local: &str) -> bool {
    matches!(local, "link" | "title" | "description" | "managingEditor")
}
