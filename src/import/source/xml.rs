//! The streaming XML reader: one pass of quick-xml events that gathers each item's fields
//! (an RSS `<item>`, an Atom `<entry>`) and the channel facts items need, and hands each
//! item on as soon as it closes. It knows the shape of feeds, not what their fields mean.

use super::item::{Attrs, Channel, Item, Ns};
use crate::import::links::resolve;
use crate::import::post::Kind;
use crate::text::{escape_attr, escape_text};
use anyhow::{anyhow, bail, Result};
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::NsReader;
use std::io::BufRead;

/// Reads `input` (named `name` in messages), handing each item to `each` with the kind of
/// source and the channel facts so far. Returns the kind of source.
pub fn items<R: BufRead>(
    input: R,
    name: &str,
    mut each: impl FnMut(Item, Kind, &Channel) -> Result<()>,
) -> Result<Kind> {
    let mut xml = NsReader::from_reader(Lines {
        inner: input,
        line: 1,
    });
    // Blog exports carry stray ampersands in HTML written without CDATA more often than
    // one would hope; the structure we need is still there.
    xml.config_mut().allow_dangling_amp = true;
    let mut walk = Walk::new(name);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let line = xml.get_ref().line;
        let (resolved, event) = xml
            .read_resolved_event_into(&mut buf)
            .map_err(|e| walk.broken(&e, line))?;
        let ns = Ns::of(&resolved);
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
    }
    walk.finish()
}

/// A `BufRead` that counts the lines handed on, so messages can name a line.
struct Lines<R> {
    inner: R,
    line: u64,
}

impl<R: BufRead> std::io::Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.line += buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Lines<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        if let Ok(b) = self.inner.fill_buf() {
            let amt = amt.min(b.len());
            self.line += b[..amt].iter().filter(|&&c| c == b'\n').count() as u64;
        }
        self.inner.consume(amt)
    }
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
        let attrs = attributes(e);
        if self.kind.is_none() && self.path.is_empty() {
            self.root(ns, &local, &attrs)?;
        }
        if let Some(f) = self.field.as_mut() {
            f.open(&local, &attrs, empty);
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
                    it.fields.push(f.done());
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
            ..Item::default()
        };
        self.item = Some((item, depth));
    }

    /// Channel facts: the site's address and WordPress's authors.
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
            || (ns == Ns::None && local == "link" && parent == Some("channel"))
            || (ns == Ns::Atom && local == "id" && depth == 1);
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
        if let Some(f) = self.field.as_mut() {
            if f.close() {
                return None;
            }
            let f = self.field.take()?;
            self.path.pop();
            if let Some((it, _)) = self.item.as_mut() {
                it.fields.push(f.done());
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
                self.channel.authors.insert(l, n);
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
        if let Some(f) = self.field.as_mut() {
            f.push_text(t);
        } else if let Some((_, s)) = self.channel_field.as_mut() {
            s.push_str(t);
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
