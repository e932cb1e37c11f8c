//! Blog exports and feeds read as a stream of posts: a WordPress export (WXR), RSS 2.0 (and
//! RSS 1.0), or Atom. One post is held at a time, so an export of any size reads in the
//! memory of its largest post.

use super::links::{guid_key, wp_key};
use super::post::{Body, Entry, Key, Kind, Post};
use super::skip::Skip;
use crate::text::{escape_attr, escape_text, percent_decode_lenient};
use anyhow::{bail, Result};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use std::collections::HashMap;
use std::io::BufRead;

const WP_PREFIX: &str = "http://wordpress.org/export/";
const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
const DC_NS: &str = "http://purl.org/dc/elements/1.1/";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
const RSS1_NS: &str = "http://purl.org/rss/1.0/";
const RSS09_NS: &str = "http://my.netscape.com/rdf/simple/0.9/";

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

/// The encoding of a source that is not UTF-8: a UTF-16 byte-order mark, or the XML
/// declaration's `encoding` (ISO-8859-1, Windows-1252 …).
fn legacy_encoding<R: BufRead>(input: &mut R) -> Result<Option<&'static encoding_rs::Encoding>> {
    let head = input.fill_buf()?;
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(head) {
        return Ok((enc != encoding_rs::UTF_8).then_some(enc));
    }
    let head = String::from_utf8_lossy(&head[..head.len().min(512)]).into_owned();
    let Some(decl) = head
        .strip_prefix("<?xml")
        .and_then(|d| d.split("?>").next())
    else {
        return Ok(None);
    };
    let Some(i) = decl.find("encoding") else {
        return Ok(None);
    };
    let value = decl[i + "encoding".len()..]
        .trim_start()
        .trim_start_matches('=')
        .trim_start();
    let quote = value.chars().next().unwrap_or('"');
    // `encoding=` with nothing after it leaves no value at all.
    let label = value
        .get(quote.len_utf8()..)
        .unwrap_or("")
        .split(quote)
        .next()
        .unwrap_or("");
    Ok(encoding_rs::Encoding::for_label(label.trim().as_bytes())
        .filter(|e| *e != encoding_rs::UTF_8))
}

/// Bytes in a legacy encoding, handed on as UTF-8.
struct Utf8<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    raw: Vec<u8>,
    out: Vec<u8>,
    at: usize,
    done: bool,
}

impl<R: BufRead> std::io::Read for Utf8<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.out.len() && !self.done {
            let n = self.inner.read(&mut self.raw)?;
            let last = n == 0;
            self.out.clear();
            self.at = 0;
            // Room for everything these bytes can become, so the decoder takes them all.
            let room = self.decoder.max_utf8_buffer_length(n).unwrap_or(n * 3 + 16);
            let mut s = String::with_capacity(room);
            let (_, read, _) = self.decoder.decode_to_string(&self.raw[..n], &mut s, last);
            debug_assert_eq!(read, n);
            self.out.extend_from_slice(s.as_bytes());
            self.done = last;
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Which namespace an element is in, as far as the reader cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    None,
    Wp,
    Content,
    Excerpt,
    Dc,
    Atom,
    Other,
}

fn ns_of(r: &ResolveResult) -> Ns {
    match r {
        ResolveResult::Bound(ns) => {
            let uri: &str = ns.as_ref();
            if uri.starts_with(WP_PREFIX) {
                if uri.trim_end_matches('/').ends_with("excerpt") {
                    Ns::Excerpt
                } else {
                    Ns::Wp
                }
            } else if uri == CONTENT_NS {
                Ns::Content
            } else if uri == DC_NS {
                Ns::Dc
            } else if uri == ATOM_NS {
                Ns::Atom
            } else if uri == RSS1_NS || uri == RSS09_NS {
                // RSS 1.0 (RDF) puts its elements in a default namespace; they are RSS's.
                Ns::None
            } else {
                Ns::Other
            }
        }
        _ => Ns::None,
    }
}

/// A child element of an item being read: its name, attributes and text so far.
struct Field {
    ns: Ns,
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
    /// Atom `type="xhtml"`: the markup inside is the content, kept as HTML.
    xhtml: bool,
    /// Names of the elements open inside the field.
    inner: Vec<String>,
}

/// A field as read: namespace, name, attributes, text.
type FieldRead = (Ns, String, Vec<(String, String)>, String);

/// The fields of one item as read.
#[derive(Default)]
struct Item {
    fields: Vec<FieldRead>,
    comments: usize,
    line: u64,
    /// An entry's own `xml:base`.
    base: Option<String>,
}

impl Item {
    fn get(&self, ns: Ns, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, k, _, _)| *n == ns && k == name)
            .map(|(_, _, _, v)| v.as_str())
    }
    fn text(&self, ns: Ns, name: &str) -> Option<String> {
        self.get(ns, name)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    }
    /// A field in a namespace devocast does not know (Blogger's, Atom Publishing's).
    fn any(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, k, _, _)| *n == Ns::Other && k == name)
            .map(|(_, _, _, v)| v.as_str())
    }
    fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
        attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Channel facts that items need: who the authors are, which site this is.
#[derive(Default)]
struct Channel {
    wordpress: bool,
    site: String,
    /// What an Atom feed's relative addresses are relative to: its `xml:base`, else the
    /// address it was fetched from, else its own alternate link.
    base: Option<String>,
    alternate: Option<String>,
    /// WordPress author logins → display names.
    authors: HashMap<String, String>,
    author_login: Option<String>,
    author_name: Option<String>,
}

/// Reads `input` (named `name` in messages), handing each entry to `each` as soon as it is
/// complete. Returns the kind of source.
pub fn read<R: BufRead>(
    mut input: R,
    name: &str,
    mut each: impl FnMut(Entry) -> Result<()>,
) -> Result<Kind> {
    let input: Box<dyn BufRead + '_> = match legacy_encoding(&mut input)? {
        Some(encoding) => Box::new(std::io::BufReader::new(Utf8 {
            inner: input,
            decoder: encoding.new_decoder_with_bom_removal(),
            raw: vec![0; 1 << 16],
            out: Vec::new(),
            at: 0,
            done: false,
        })),
        None => Box::new(input),
    };
    let mut reader = NsReader::from_reader(Lines {
        inner: input,
        line: 1,
    });
    // Blog exports carry stray ampersands in HTML written without CDATA more often than
    // one would hope; the structure we need is still there.
    reader.config_mut().allow_dangling_amp = true;
    let mut buf = Vec::new();
    let mut kind: Option<Kind> = None;
    let mut channel = Channel {
        base: (name.starts_with("https://") || name.starts_with("http://"))
            .then(|| name.to_string()),
        ..Channel::default()
    };
    // Names of the open elements, outside any item.
    let mut path: Vec<(Ns, String)> = Vec::new();
    let mut item: Option<(Item, usize)> = None;
    let mut field: Option<(Field, usize)> = None; // the field and its depth
    let mut channel_field: Option<(String, String)> = None;
    loop {
        // Cleared here, not after the match: its arms `continue`.
        buf.clear();
        let line = reader.get_ref().line;
        let event = match reader.read_resolved_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) => {
                let text = e.to_string();
                if kind.is_some() && (text.contains("end of input") || text.contains("EOF")) {
                    bail!("`{name}` line {line}: the file ends in the middle of {} (is it cut short?)", if item.is_some() { "a post" } else { "the feed" });
                }
                if kind.is_none() {
                    bail!("`{name}` line {line}: this is not XML, so not a WordPress export, RSS or Atom feed ({e})");
                }
                bail!("`{name}` line {line}: the XML is broken here ({e}); nothing after it can be read");
            }
        };
        let (res, ev) = event;
        let ns = ns_of(&res);
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let local = local_name(e);
                let attrs = attributes(e);
                if kind.is_none() && path.is_empty() {
                    // `xml:base` (kept under its local name) outranks the fetch address.
                    // A relative xml:base is itself read against the fetch address.
                    if let Some(b) = Item::attr(&attrs, "base") {
                        channel.base = Some(match &channel.base {
                            Some(parent) => resolve(parent, b),
                            None => b.to_string(),
                        });
                    }
                    kind = Some(match local.as_str() {
                        "rss" | "RDF" => Kind::Rss,
                        "feed" if ns == Ns::Atom => Kind::Atom,
                        "html" => bail!("`{name}` is a web page, not a feed: give the blog's feed (often its address with /feed/ added) or a WordPress export"),
                        other => bail!("`{name}` is XML of an unknown kind (its root element is <{other}>); devocast imports WordPress exports, RSS and Atom feeds"),
                    });
                }
                if let Some((f, _)) = field.as_mut() {
                    f.inner.push(local.clone());
                    // Markup inside a field (xhtml content, or an RSS description holding
                    // unescaped HTML) is kept as HTML, so paragraphs stay apart.
                    if f.name != "author" {
                        f.text.push('<');
                        f.text.push_str(&local);
                        for (k, v) in &attrs {
                            if matches!(k.as_str(), "href" | "src" | "alt" | "class") {
                                f.text.push_str(&format!(" {k}=\"{}\"", escape_attr(v)));
                            }
                        }
                        f.text.push('>');
                    }
                    if empty {
                        f.inner.pop();
                        if f.name != "author" && !is_void(&local) {
                            f.text.push_str(&format!("</{local}>"));
                        }
                    }
                    continue;
                }
                let depth = path.len();
                if let Some((it, item_depth)) = item.as_mut() {
                    if depth == *item_depth + 1 {
                        if ns == Ns::Wp && local == "comment" {
                            it.comments += 1;
                        }
                        let xhtml =
                            kind == Some(Kind::Atom) && Item::attr(&attrs, "type") == Some("xhtml");
                        let f = Field {
                            ns,
                            name: local.clone(),
                            attrs,
                            text: String::new(),
                            xhtml,
                            inner: Vec::new(),
                        };
                        if empty {
                            it.fields.push((f.ns, f.name, f.attrs, f.text));
                        } else {
                            field = Some((f, depth + 1));
                            path.push((ns, local));
                        }
                        continue;
                    }
                }
                let is_item = match kind {
                    Some(Kind::Atom) => local == "entry" && ns == Ns::Atom,
                    _ => local == "item",
                };
                if is_item && item.is_none() && !empty {
                    item = Some((
                        Item {
                            line,
                            base: Item::attr(&attrs, "base").map(|b| match &channel.base {
                                Some(parent) => resolve(parent, b),
                                None => b.to_string(),
                            }),
                            ..Item::default()
                        },
                        depth,
                    ));
                } else if item.is_none() && !empty {
                    // Channel facts: site address and WordPress authors.
                    let parent = path.last().map(|(_, n)| n.as_str());
                    let wanted = (ns == Ns::Wp
                        && matches!(
                            local.as_str(),
                            "base_site_url"
                                | "base_blog_url"
                                | "wxr_version"
                                | "author_login"
                                | "author_display_name"
                        ))
                        || (ns == Ns::None && local == "link" && parent == Some("channel"))
                        || (ns == Ns::Atom && local == "id" && depth == 1);
                    if wanted {
                        channel_field = Some((local.clone(), String::new()));
                    }
                    if ns == Ns::Wp && local == "author" {
                        channel.author_login = None;
                        channel.author_name = None;
                    }
                }
                if item.is_none()
                    && ns == Ns::Atom
                    && local == "link"
                    && depth == 1
                    && matches!(Item::attr(&attrs, "rel"), None | Some("alternate"))
                {
                    channel.alternate = Item::attr(&attrs, "href").map(str::to_string);
                }
                if !empty {
                    path.push((ns, local));
                }
            }
            Event::End(_) => {
                if let Some((f, _)) = field.as_mut() {
                    if let Some(local) = f.inner.pop() {
                        if f.name != "author" && !is_void(&local) {
                            f.text.push_str(&format!("</{local}>"));
                        }
                        continue;
                    }
                    let (f, _) = field.take().expect("field is open");
                    path.pop();
                    if let Some((it, _)) = item.as_mut() {
                        let text = if f.xhtml {
                            unwrap_xhtml_div(&f.text)
                        } else {
                            f.text
                        };
                        it.fields.push((f.ns, f.name, f.attrs, text));
                    }
                    continue;
                }
                let Some((ns, local)) = path.pop() else {
                    continue;
                };
                if let Some((_, d)) = &item {
                    if path.len() == *d {
                        let (it, _) = item.take().expect("item is open");
                        if it.comments > 0 {
                            each(Entry::Comments(it.comments))?;
                        }
                        each(entry(it, kind.unwrap_or(Kind::Rss), &channel))?;
                        continue;
                    }
                }
                if let Some((fname, text)) = channel_field.take() {
                    let text = text.trim().to_string();
                    match fname.as_str() {
                        "wxr_version" => channel.wordpress = true,
                        "base_blog_url" => channel.site = text,
                        "base_site_url" if channel.site.is_empty() => channel.site = text,
                        "link" | "id" if channel.site.is_empty() => channel.site = text,
                        "author_login" => channel.author_login = Some(text),
                        "author_display_name" => channel.author_name = Some(text),
                        _ => {}
                    }
                }
                if ns == Ns::Wp && local == "author" {
                    if let (Some(l), Some(n)) =
                        (channel.author_login.take(), channel.author_name.take())
                    {
                        channel.authors.insert(l, n);
                    }
                }
            }
            Event::Text(t) => {
                let t = t.xml10_content();
                if let Some((f, _)) = field.as_mut() {
                    push_text(f, &t);
                } else if let Some((_, s)) = channel_field.as_mut() {
                    s.push_str(&t);
                } else if kind.is_none() && !t.trim().is_empty() {
                    bail!("`{name}` line {line}: this is not XML, so not a WordPress export, RSS or Atom feed");
                }
            }
            Event::CData(t) => {
                let t = t.xml10_content();
                if let Some((f, _)) = field.as_mut() {
                    push_text(f, &t);
                } else if let Some((_, s)) = channel_field.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => {
                        let n: &str = &r;
                        quick_xml::escape::resolve_predefined_entity(n)
                            .or_else(|| quick_xml::escape::resolve_html5_entity(n))
                            .map(str::to_string)
                            // An entity nobody defined is not text to speak.
                            .unwrap_or_default()
                    }
                };
                if let Some((f, _)) = field.as_mut() {
                    push_text(f, &resolved);
                } else if let Some((_, s)) = channel_field.as_mut() {
                    s.push_str(&resolved);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    match kind {
        Some(_) if item.is_some() || !path.is_empty() => bail!(
            "`{name}` ends in the middle of {} (is the file cut short?)",
            if item.is_some() { "a post" } else { "the feed" }
        ),
        Some(Kind::Rss) if channel.wordpress => Ok(Kind::Wordpress),
        Some(k) => Ok(k),
        None => bail!("`{name}` is empty or holds no XML element; it is not a WordPress export, RSS or Atom feed"),
    }
}

fn push_text(f: &mut Field, t: &str) {
    // Atom authors hold a name, an e-mail and an address: only the name is wanted.
    if f.name == "author" && f.ns == Ns::Atom && f.inner.last().map(String::as_str) != Some("name")
    {
        return;
    }
    // A NUL byte parts words; it is never text.
    let t = t.replace('\0', " ");
    if f.xhtml {
        f.text.push_str(&escape_text(&t));
    } else {
        f.text.push_str(&t);
    }
}

fn local_name(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}

fn attributes(e: &BytesStart) -> Vec<(String, String)> {
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

/// Turns an item's fields into an entry by the rules of its kind.
fn entry(it: Item, kind: Kind, channel: &Channel) -> Entry {
    let title = it
        .text(Ns::None, "title")
        .or_else(|| it.text(Ns::Atom, "title"))
        .unwrap_or_default();
    let wordpress = channel.wordpress || it.get(Ns::Wp, "post_type").is_some();
    if wordpress {
        let post_type = it
            .text(Ns::Wp, "post_type")
            .unwrap_or_else(|| "post".into());
        let status = it
            .text(Ns::Wp, "status")
            .unwrap_or_else(|| "publish".into());
        let skipped = |kind: Skip| Entry::Skipped {
            kind,
            title: title.clone(),
            line: it.line,
        };
        if post_type != "post" {
            return skipped(Skip::NotAPost(post_type.replace('_', " ")));
        }
        match status.as_str() {
            "publish" => {}
            "future" => return skipped(Skip::Scheduled),
            "draft" | "auto-draft" => return skipped(Skip::Draft),
            "pending" => return skipped(Skip::PendingReview),
            "private" => return skipped(Skip::Private),
            "trash" => return skipped(Skip::Trash),
            other => return skipped(Skip::Status(other.to_string())),
        }
        if it.text(Ns::Wp, "post_password").is_some() {
            return skipped(Skip::PasswordProtected);
        }
        let id = it.text(Ns::Wp, "post_id").unwrap_or_default();
        let key = if !id.is_empty() {
            Key::Given(wp_key(&channel.site, &id))
        } else {
            it.text(Ns::None, "guid")
                .map_or(Key::Title("rss"), |g| Key::Given(guid_key(&g, "rss")))
        };
        let gmt = it.text(Ns::Wp, "post_date_gmt").and_then(|d| wp_date(&d));
        let local = it.text(Ns::Wp, "post_date").and_then(|d| wp_date(&d));
        let (date, date_local) = match (gmt, local) {
            (Some(d), _) => (Some(d), false),
            (None, Some(d)) => (Some(d), true),
            (None, None) => (
                it.text(Ns::None, "pubDate").and_then(|d| rfc2822(&d)),
                false,
            ),
        };
        let author = it.text(Ns::Dc, "creator").map(|login| {
            channel
                .authors
                .get(&login)
                .filter(|n| !n.trim().is_empty())
                .cloned()
                .unwrap_or(login)
        });
        return Entry::Post(Post {
            key,
            title,
            slug: percent_decode_lenient(&it.text(Ns::Wp, "post_name").unwrap_or_default()),
            date,
            author,
            excerpt: it.text(Ns::Excerpt, "encoded"),
            link: it.text(Ns::None, "link"),
            categories: categories(&it),
            body: it.get(Ns::Content, "encoded").unwrap_or("").to_string(),
            body_kind: Body::Stored,
            line: it.line,
            date_local,
            bad_date: None,
        });
    }
    match kind {
        Kind::Atom => {
            // Blogger's backups are Atom feeds of everything: posts, pages, comments,
            // settings and the template, each marked with its kind, and drafts.
            let blogger_kind = it
                .fields
                .iter()
                .filter(|(n, k, _, _)| *n == Ns::Atom && k == "category")
                .find(|(_, _, a, _)| Item::attr(a, "scheme").is_some_and(|s| s.ends_with("#kind")))
                .and_then(|(_, _, a, _)| Item::attr(a, "term"))
                .map(|t| t.rsplit('#').next().unwrap_or(t).to_ascii_lowercase())
                .or_else(|| it.any("type").map(|t| t.trim().to_ascii_lowercase()));
            let skipped = |kind: Skip| Entry::Skipped {
                kind,
                title: title.clone(),
                line: it.line,
            };
            if let Some(k) = blogger_kind.filter(|k| k != "post") {
                return skipped(match k.as_str() {
                    "comment" => Skip::Comment,
                    _ => Skip::NotAPost(k),
                });
            }
            if it.any("control").is_some_and(|c| c.contains("yes")) {
                return skipped(Skip::Draft);
            }
            // Blogger's newer backups say LIVE for what readers see; anything else is not.
            match it.any("status").map(str::trim) {
                None | Some("LIVE") => {}
                Some("DRAFT") => return skipped(Skip::Draft),
                Some("SCHEDULED") => return skipped(Skip::Scheduled),
                Some(s) if s.contains("TRASH") || s == "DELETED" => return skipped(Skip::Trash),
                Some(other) => return skipped(Skip::Status(other.to_lowercase())),
            }
            let link = it
                .fields
                .iter()
                .filter(|(n, k, _, _)| *n == Ns::Atom && k == "link")
                .find(|(_, _, a, _)| matches!(Item::attr(a, "rel"), None | Some("alternate")))
                .and_then(|(_, _, a, _)| {
                    let href = Item::attr(a, "href")?;
                    // The chain of bases, outermost first: feed (or fetch address, or the
                    // feed's own link), entry, link.
                    let mut base = it
                        .base
                        .clone()
                        .or_else(|| channel.base.clone())
                        .or_else(|| channel.alternate.clone());
                    if let Some(own) = Item::attr(a, "base") {
                        base = Some(match base {
                            Some(b) => resolve(&b, own),
                            None => own.to_string(),
                        });
                    }
                    Some(match base {
                        Some(b) => resolve(&b, href),
                        None => href.to_string(),
                    })
                });
            let content = it
                .fields
                .iter()
                .find(|(n, k, _, _)| *n == Ns::Atom && k == "content");
            let body = match content {
                Some((_, _, a, t)) => match Item::attr(a, "type") {
                    Some("text") | None => escape_text(t).replace("\n\n", "<p>"),
                    _ => t.clone(),
                },
                None => String::new(),
            };
            let key = it
                .text(Ns::Atom, "id")
                .or_else(|| link.clone())
                .map_or(Key::Title("atom"), |k| Key::Given(guid_key(&k, "atom")));
            let written = it
                .text(Ns::Atom, "published")
                .or_else(|| it.text(Ns::Atom, "updated"));
            let date = written.as_deref().and_then(rfc3339);
            Entry::Post(Post {
                key,
                bad_date: written.filter(|_| date.is_none()),
                date_local: false,
                slug: slug_from_link(link.as_deref()),
                title,
                date,
                author: it.text(Ns::Atom, "author"),
                excerpt: it.text(Ns::Atom, "summary"),
                link,
                categories: categories(&it),
                body,
                body_kind: Body::Rendered,
                line: it.line,
            })
        }
        _ => {
            let link = it.text(Ns::None, "link");
            let content = it.text(Ns::Content, "encoded");
            let description = it.text(Ns::None, "description");
            let (body, excerpt) = match content {
                Some(c) => (c, description),
                None => (description.unwrap_or_default(), None),
            };
            let guid = it.text(Ns::None, "guid");
            let key = guid
                .clone()
                .or_else(|| link.clone())
                .map_or(Key::Title("rss"), |k| Key::Given(guid_key(&k, "rss")));
            let written = it
                .text(Ns::None, "pubDate")
                .or_else(|| it.text(Ns::Dc, "date"));
            let date = written.as_deref().and_then(rfc2822);
            let author = it
                .text(Ns::Dc, "creator")
                .or_else(|| it.text(Ns::None, "author").map(|a| rss_author(&a)));
            Entry::Post(Post {
                key,
                bad_date: written.filter(|_| date.is_none()),
                date_local: false,
                slug: slug_from_link(link.as_deref()),
                title,
                date,
                author,
                excerpt,
                link,
                categories: categories(&it),
                body,
                body_kind: Body::Rendered,
                line: it.line,
            })
        }
    }
}

/// `href` read against `base` (RFC 3986, for the forms feeds use: absolute, `//host/…`,
/// `/path`, `?query`, `#fragment` and relative paths with `./` and `../`).
fn resolve(base: &str, href: &str) -> String {
    let href = href.trim();
    let Some((scheme, rest)) = base.split_once("://") else {
        return href.to_string();
    };
    // Absolute: a scheme (RFC 3986: a letter, then letters, digits, "+", "-", ".") before
    // any "/", "?" or "#".
    let scheme_end = href.find(':').filter(|&c| {
        !href[..c].contains(['/', '?', '#'])
            && href[..c].starts_with(|ch: char| ch.is_ascii_alphabetic())
            && href[..c]
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '+' | '-' | '.'))
    });
    if scheme_end.is_some() {
        return href.to_string();
    }
    if let Some(h) = href.strip_prefix("//") {
        return format!("{scheme}://{h}");
    }
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..host_end]);
    let path_and_more = &rest[host_end..];
    let base_path = path_and_more.split(['?', '#']).next().unwrap_or("");
    if href.is_empty() {
        return base.to_string();
    }
    if href.starts_with('#') {
        return format!("{}{href}", base.split('#').next().unwrap_or(base));
    }
    if href.starts_with('?') {
        return format!("{origin}{base_path}{href}");
    }
    let (path, tail) = match href.find(['?', '#']) {
        Some(i) => (&href[..i], &href[i..]),
        None => (href, ""),
    };
    let joined = if path.starts_with('/') {
        path.to_string()
    } else {
        let dir = &base_path[..base_path.rfind('/').map_or(0, |i| i + 1)];
        format!("{}{path}", if dir.is_empty() { "/" } else { dir })
    };
    // Dot segments removed.
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = joined.split('/').skip(1).collect();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *seg {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                out.pop();
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("{origin}/{}{tail}", out.join("/"))
}

/// Category names, their slugs (WordPress `nicename`) and Atom terms and labels.
fn categories(it: &Item) -> Vec<String> {
    let mut out = Vec::new();
    for (ns, k, attrs, text) in &it.fields {
        if k != "category" || !matches!(ns, Ns::None | Ns::Atom | Ns::Dc) {
            continue;
        }
        if Item::attr(attrs, "scheme").is_some_and(|s| s.ends_with("#kind")) {
            continue;
        }
        for v in [
            Some(text.as_str()),
            Item::attr(attrs, "nicename"),
            Item::attr(attrs, "term"),
            Item::attr(attrs, "label"),
        ]
        .into_iter()
        .flatten()
        {
            let v = v.trim();
            if !v.is_empty() {
                out.push(v.to_string());
            }
        }
    }
    out
}

/// RSS `<author>` is "e-mail (Name)"; the name is what a listener wants.
fn rss_author(a: &str) -> String {
    match (a.find('('), a.rfind(')')) {
        (Some(i), Some(j)) if j > i + 1 => a[i + 1..j].trim().to_string(),
        _ => a.trim().to_string(),
    }
}

/// The last path segment of a post's address: the blog's own slug for it.
fn slug_from_link(link: Option<&str>) -> String {
    let Some(link) = link else {
        return String::new();
    };
    let path = link
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_end_matches('/');
    let after_host = path.split_once("://").map_or(path, |(_, r)| r);
    match after_host.split_once('/') {
        Some((_, p)) => {
            let last = p.rsplit('/').next().unwrap_or("");
            let last = last
                .strip_suffix(".html")
                .or_else(|| last.strip_suffix(".htm"))
                .unwrap_or(last);
            percent_decode_lenient(last)
        }
        None => String::new(),
    }
}

/// WordPress's "2024-03-05 06:30:00"; its zero date means "not set".
fn wp_date(s: &str) -> Option<NaiveDateTime> {
    if s.starts_with("0000") {
        return None;
    }
    NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%d %H:%M:%S")
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d")
                .ok()?
                .and_hms_opt(0, 0, 0)
        })
}

/// RSS dates, in UTC, read as leniently as feed readers do: a wrong weekday, a missing
/// zone (taken as UTC), a spelled-out weekday or month, or an ISO date.
fn rfc2822(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.with_timezone(&Utc).naive_utc());
    }
    if let Some(d) = rfc3339(s) {
        return Some(d);
    }
    // The weekday says nothing the date does not; a wrong one must not lose the date.
    let rest = match s.split_once(',') {
        Some((head, rest)) if head.trim().chars().all(char::is_alphabetic) => rest.trim(),
        _ => s,
    };
    if let Ok(d) = DateTime::parse_from_rfc2822(rest) {
        return Some(d.with_timezone(&Utc).naive_utc());
    }
    let words: Vec<&str> = rest.split_whitespace().collect();
    let day_month_year = words.iter().take(3).copied().collect::<Vec<_>>().join(" ");
    let time = words.get(3).copied().unwrap_or("00:00:00");
    for f in ["%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(&day_month_year.replace(',', ""), f) {
            let t = chrono::NaiveTime::parse_from_str(time, "%H:%M:%S")
                .or_else(|_| chrono::NaiveTime::parse_from_str(time, "%H:%M"))
                .unwrap_or_default();
            return Some(d.and_time(t));
        }
    }
    None
}

/// Atom and Dublin Core dates, in UTC.
fn rfc3339(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|d| d.with_timezone(&Utc).naive_utc())
        .or_else(|| wp_date(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(xml: &str) -> Result<(Kind, Vec<Entry>)> {
        let mut v = Vec::new();
        let k = read(xml.as_bytes(), "test.xml", |e| {
            v.push(e);
            Ok(())
        })?;
        Ok((k, v))
    }

    #[test]
    fn atom_entries_with_xhtml_and_html_content() {
        let xml = r#"<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:blog</id>
<entry><title type="html">Grace &amp;amp; Truth</title><id>urn:1</id>
<link rel="alternate" href="https://b.example/2024/grace-and-truth/"/>
<published>2024-03-05T23:30:00-05:00</published>
<author><name>Ann Writer</name><email>ann@b.example</email></author>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One &amp; two.</p><p>Line<br/>break</p></div></content>
</entry>
<entry><title>Second</title><id>urn:2</id><updated>2024-03-07T06:00:00Z</updated>
<content type="html">&lt;p&gt;Escaped &amp;amp; body.&lt;/p&gt;</content></entry>
</feed>"#;
        let (k, v) = read_all(xml).unwrap();
        assert_eq!(k, Kind::Atom);
        let Entry::Post(p) = &v[0] else { panic!() };
        // The title as written: the caller cleans it.
        assert_eq!(p.title, "Grace &amp; Truth");
        assert_eq!(p.key, Key::Given("atom:urn:1".into()));
        assert_eq!(p.slug, "grace-and-truth");
        assert_eq!(p.author.as_deref(), Some("Ann Writer"));
        assert_eq!(p.date.unwrap().to_string(), "2024-03-06 04:30:00");
        assert_eq!(p.body, "<p>One &amp; two.</p><p>Line<br>break</p>");
        let Entry::Post(p) = &v[1] else { panic!() };
        assert_eq!(p.body, "<p>Escaped &amp; body.</p>");
    }

    #[test]
    fn titles_come_as_written_and_unnamed_posts_are_keyed_by_title() {
        let xml = "<rss><channel><item><title>  Fine &amp;amp; &lt;i&gt;dandy&lt;/i&gt; </title><description>x</description></item>\
<item><title>T</title><link>https://b.example/t</link><description>y</description></item></channel></rss>";
        let (_, v) = read_all(xml).unwrap();
        let Entry::Post(p) = &v[0] else { panic!() };
        assert_eq!(p.title, "Fine &amp; <i>dandy</i>");
        assert_eq!(p.key, Key::Title("rss"));
        assert_eq!(p.body_kind, Body::Rendered);
        let Entry::Post(p) = &v[1] else { panic!() };
        assert_eq!(p.key, Key::Given("rss:https://b.example/t".into()));
        let (_, v) = read_all(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>A</title><content>z</content></entry></feed>",
        )
        .unwrap();
        let Entry::Post(p) = &v[0] else { panic!() };
        assert_eq!(p.key, Key::Title("atom"));
    }

    #[test]
    fn blogger_backups_bring_only_published_posts() {
        let xml = r#"<feed xmlns="http://www.w3.org/2005/Atom" xmlns:app="http://purl.org/atom/app#">
<id>tag:blogger.com,1999:blog-1</id>
<entry><id>s1</id><category scheme="http://schemas.google.com/g/2005#kind" term="http://schemas.google.com/blogger/2008/kind#settings"/><title>x</title></entry>
<entry><id>p1</id><category scheme="http://schemas.google.com/g/2005#kind" term="http://schemas.google.com/blogger/2008/kind#post"/><category scheme="http://www.blogger.com/atom/ns#" term="Faith"/><title>Kept</title><published>2019-01-02T10:00:00Z</published><content type="html">&lt;p&gt;Words.&lt;/p&gt;</content></entry>
<entry><id>p2</id><category scheme="http://schemas.google.com/g/2005#kind" term="http://schemas.google.com/blogger/2008/kind#post"/><app:control><app:draft>yes</app:draft></app:control><title>Draft</title><content type="html">x</content></entry>
<entry><id>c1</id><category scheme="http://schemas.google.com/g/2005#kind" term="http://schemas.google.com/blogger/2008/kind#comment"/><title>Nice</title></entry>
</feed>"#;
        let (_, v) = read_all(xml).unwrap();
        let kinds: Vec<String> = v
            .iter()
            .map(|e| match e {
                Entry::Post(p) => format!("post {} {:?}", p.title, p.categories),
                Entry::Skipped { kind, .. } => kind.words().0,
                Entry::Comments(_) => "comments".into(),
            })
            .collect();
        assert_eq!(
            kinds,
            ["settings", "post Kept [\"Faith\"]", "draft", "comment"]
        );
    }

    #[test]
    fn what_is_not_a_feed_is_named() {
        for (xml, says) in [
            ("just some words", "not XML"),
            ("<html><body>x</body></html>", "web page"),
            ("<opml version=\"2.0\"><body/></opml>", "<opml>"),
            ("", "empty"),
            ("<rss><channel><item><title>x</title>", "cut short"),
            // A WordPress export cut off between posts: still cut short.
            (
                "<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><wp:wxr_version>1.2</wp:wxr_version><item><title>x</title></item>",
                "cut short",
            ),
            // An XML declaration whose encoding is left empty.
            ("<?xml version=\"1.0\" encoding=?><html/>", "web page"),
            (
                "<rss><channel>\n<item>\n<title>x</titel></item></channel></rss>",
                "line 3",
            ),
        ] {
            let err = format!("{:#}", read_all(xml).unwrap_err());
            assert!(
                err.contains(says) && err.contains("test.xml"),
                "{xml:?}: {err}"
            );
        }
    }

    #[test]
    fn markup_left_unescaped_in_a_description_keeps_its_paragraphs() {
        let xml = "<rss><channel><item><title>T</title><guid>g</guid><description><p>One.</p><p>Two &amp; <em>three</em>.</p></description></item></channel></rss>";
        let (_, v) = read_all(xml).unwrap();
        let Entry::Post(p) = &v[0] else { panic!() };
        assert_eq!(p.body, "<p>One.</p><p>Two & <em>three</em>.</p>");
    }

    #[test]
    fn rss_1_items_in_their_default_namespace() {
        let xml = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://x.example/"><title>X</title><items><rdf:Seq><rdf:li rdf:resource="https://x.example/a"/></rdf:Seq></items></channel>
<item rdf:about="https://x.example/a"><title>First</title><link>https://x.example/a</link><description>One.</description><dc:date>2024-03-11T06:00:00Z</dc:date></item>
<item rdf:about="https://x.example/b"><title>Second</title><link>https://x.example/b</link><description>Two.</description></item>
</rdf:RDF>"#;
        let (k, v) = read_all(xml).unwrap();
        assert_eq!(k, Kind::Rss);
        let titles: Vec<_> = v
            .iter()
            .filter_map(|e| match e {
                Entry::Post(Post {
                    title,
                    key: Key::Given(key),
                    slug,
                    ..
                }) => Some((title.as_str(), key.as_str(), slug.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(
            titles,
            [
                ("First", "rss:https://x.example/a", "a"),
                ("Second", "rss:https://x.example/b", "b")
            ]
        );
    }

    #[test]
    fn blogger_new_backups_import_live_posts_only() {
        let xml = r#"<feed xmlns="http://www.w3.org/2005/Atom" xmlns:blogger="http://schemas.google.com/blogger/2018">
<entry><id>1</id><blogger:type>POST</blogger:type><blogger:status>LIVE</blogger:status><title>Live</title><content type="html">a</content></entry>
<entry><id>2</id><blogger:type>POST</blogger:type><blogger:status>SCHEDULED</blogger:status><title>Later</title><content type="html">b</content></entry>
<entry><id>3</id><blogger:type>PAGE</blogger:type><blogger:status>LIVE</blogger:status><title>About</title><content type="html">c</content></entry>
</feed>"#;
        let (_, v) = read_all(xml).unwrap();
        let kinds: Vec<String> = v
            .iter()
            .map(|e| match e {
                Entry::Post(p) => p.title.clone(),
                Entry::Skipped { kind, .. } => kind.words().0,
                Entry::Comments(_) => "comments".into(),
            })
            .collect();
        assert_eq!(kinds, ["Live", "scheduled post", "page"]);
    }

    #[test]
    fn legacy_encodings_are_read() {
        let mut latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss><channel><item><title>Caf\xe9</title><link>https://x.example/caf</link><description>Cr\xe8me.</description></item></channel></rss>".to_vec();
        let mut v = Vec::new();
        read(&latin1[..], "latin1.xml", |e| {
            v.push(e);
            Ok(())
        })
        .unwrap();
        let Entry::Post(p) = &v[0] else { panic!() };
        assert_eq!(p.title, "Café");
        assert_eq!(p.body, "Crème.");
        // UTF-16 with its byte-order mark.
        let text = String::from_utf8_lossy(&latin1).replace("ISO-8859-1", "UTF-16");
        latin1 = vec![0xff, 0xfe];
        for u in text.replace('\u{fffd}', "é").encode_utf16() {
            latin1.extend_from_slice(&u.to_le_bytes());
        }
        let mut v = Vec::new();
        read(&latin1[..], "utf16.xml", |e| {
            v.push(e);
            Ok(())
        })
        .unwrap();
        let Entry::Post(p) = &v[0] else { panic!() };
        assert_eq!(p.title, "Café");
    }

    #[test]
    fn dates_are_read_as_leniently_as_feed_readers_do() {
        for (s, want) in [
            ("Sun, 10 Mar 2024 06:00:00 +0000", "2024-03-10 06:00:00"),
            ("Mon, 10 Mar 2024 06:00:00 +0000", "2024-03-10 06:00:00"),
            ("Sun, 10 Mar 2024 06:00:00", "2024-03-10 06:00:00"),
            ("Sunday, 10 March 2024 06:00", "2024-03-10 06:00:00"),
            ("2024-03-10T06:00:00+01:00", "2024-03-10 05:00:00"),
            ("March 10, 2024", "2024-03-10 00:00:00"),
        ] {
            assert_eq!(
                rfc2822(s).map(|d| d.to_string()).as_deref(),
                Some(want),
                "{s}"
            );
        }
        assert_eq!(rfc2822("someday"), None);
    }

    #[test]
    fn relative_atom_links_are_read_against_their_base() {
        for (base, href, want) in [
            (
                "https://b.example/blog/feed.xml",
                "2024/held/",
                "https://b.example/blog/2024/held/",
            ),
            ("https://b.example/blog/", "/p/1", "https://b.example/p/1"),
            (
                "https://b.example/a/b/c",
                "../d?x=1#y",
                "https://b.example/a/d?x=1#y",
            ),
            ("https://b.example/a/", "./", "https://b.example/a/"),
            ("https://b.example", "p", "https://b.example/p"),
            (
                "https://b.example/a",
                "//c.example/q",
                "https://c.example/q",
            ),
            (
                "https://b.example/a",
                "https://c.example/",
                "https://c.example/",
            ),
            ("urn:uuid:1", "p", "p"),
            // A query holding an address is still a relative reference.
            (
                "https://b.example/a/",
                "/go?u=https://x.example/",
                "https://b.example/go?u=https://x.example/",
            ),
            (
                "https://b.example/a/",
                "mailto:a@b.example",
                "mailto:a@b.example",
            ),
        ] {
            assert_eq!(resolve(base, href), want, "{base} + {href}");
        }
        let xml = r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://b.example/blog/">
<title>T</title><link href="https://ignored.example/"/>
<entry><title>One</title><id>urn:1</id><link href="2024/one/"/><content>x</content></entry>
<entry xml:base="https://c.example/x/"><title>Two</title><id>urn:2</id><link href="two"/><content>x</content></entry>
</feed>"#;
        let (_, v) = read_all(xml).unwrap();
        let links: Vec<_> = v
            .iter()
            .filter_map(|e| match e {
                Entry::Post(p) => p.link.clone(),
                _ => None,
            })
            .collect();
        assert_eq!(
            links,
            [
                "https://b.example/blog/2024/one/",
                "https://c.example/x/two"
            ]
        );
        // Relative bases, each read against the one around it.
        let xml = r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://b.example/blog/">
<title>T</title>
<entry xml:base="2024/"><title>One</title><id>urn:1</id><link href="one/"/><content>x</content></entry>
</feed>"#;
        let (_, v) = read_all(xml).unwrap();
        let Entry::Post(p) = &v[0] else { panic!() };
        assert_eq!(p.link.as_deref(), Some("https://b.example/blog/2024/one/"));
        // No xml:base: the feed's own address on the blog.
        let xml = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><link rel="alternate" href="https://d.example/"/>
<entry><title>One</title><id>urn:1</id><link href="/one"/><content>x</content></entry></feed>"#;
        let (_, v) = read_all(xml).unwrap();
        let Entry::Post(p) = &v[0] else { panic!() };
        assert_eq!(p.link.as_deref(), Some("https://d.example/one"));
        assert_eq!(p.slug, "one");
    }

    #[test]
    fn link_slugs_are_percent_decoded() {
        assert_eq!(
            slug_from_link(Some("https://x.example/2024/03/held-fast/?utm=1")),
            "held-fast"
        );
        assert_eq!(slug_from_link(Some("https://x.example/p/42.html")), "42");
        assert_eq!(slug_from_link(Some("https://x.example")), "");
        assert_eq!(
            slug_from_link(Some("https://x.example/caf%c3%a9-time/")),
            "café-time"
        );
    }
}
