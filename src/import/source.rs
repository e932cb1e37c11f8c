//! Blog exports and feeds read as a stream of posts: a WordPress export (WXR), RSS 2.0 (and
//! RSS 1.0), or Atom. One post is held at a time, so an export of any size reads in the
//! memory of its largest post.

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

/// What kind of source was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A WordPress export (Tools → Export).
    Wordpress,
    /// An RSS feed (2.0, or 1.0/RDF).
    Rss,
    /// An Atom feed.
    Atom,
}

impl Kind {
    /// How the summary names it.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Wordpress => "WordPress export",
            Kind::Rss => "RSS feed",
            Kind::Atom => "Atom feed",
        }
    }
}

/// How a post's body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// As WordPress stores it: paragraphs may be plain text parted by blank lines, with
    /// block comments and shortcodes.
    Stored,
    /// HTML as a feed serves it, already rendered.
    Rendered,
}

/// One published post.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Post {
    /// The post's identity in its blog: the same post gives the same key on every import.
    pub key: String,
    /// Title as plain text.
    pub title: String,
    /// The blog's slug for it (may be empty).
    pub slug: String,
    /// When it was published, in UTC where the source says.
    pub date: Option<NaiveDateTime>,
    /// Author's display name.
    pub author: Option<String>,
    /// Excerpt or summary (HTML or text).
    pub excerpt: Option<String>,
    /// The post's address on the blog.
    pub link: Option<String>,
    /// Category names and their slugs.
    pub categories: Vec<String>,
    /// The body.
    pub body: String,
    /// How the body is written.
    pub body_kind: Option<Body>,
    /// The source line where the post starts, for messages.
    pub line: u64,
}

/// What the reader meets, one at a time.
#[derive(Debug)]
pub enum Entry {
    /// A published post.
    Post(Post),
    /// Something that is not a published post: what it is ("draft", "page",
    /// "attachment", …), its title and line.
    Skipped {
        kind: String,
        title: String,
        line: u64,
    },
    /// Comments found in a post (never imported).
    Comments(usize),
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
    /// WordPress author logins → display names.
    authors: HashMap<String, String>,
    author_login: Option<String>,
    author_name: Option<String>,
}

/// Reads `input` (named `name` in messages), handing each entry to `each` as soon as it is
/// complete. Returns the kind of source.
pub fn read<R: BufRead>(
    input: R,
    name: &str,
    mut each: impl FnMut(Entry) -> Result<()>,
) -> Result<Kind> {
    let mut reader = NsReader::from_reader(Lines {
        inner: input,
        line: 1,
    });
    // Blog exports carry stray ampersands and mismatched tags inside CDATA-less HTML more
    // often than one would hope; the structure we need is still there.
    reader.config_mut().allow_dangling_amp = true;
    let mut buf = Vec::new();
    let mut kind: Option<Kind> = None;
    let mut channel = Channel::default();
    // Names of the open elements, outside any item.
    let mut path: Vec<(Ns, String)> = Vec::new();
    let mut item: Option<(Item, usize)> = None;
    let mut field: Option<(Field, usize)> = None; // the field and its depth
    let mut channel_field: Option<(String, String)> = None;
    loop {
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
                    kind = Some(match local.as_str() {
                        "rss" | "RDF" => Kind::Rss,
                        "feed" if ns == Ns::Atom => Kind::Atom,
                        "html" => bail!("`{name}` is a web page, not a feed: give the blog's feed (often its address with /feed/ added) or a WordPress export"),
                        other => bail!("`{name}` is XML of an unknown kind (its root element is <{other}>); devocast imports WordPress exports, RSS and Atom feeds"),
                    });
                }
                if let Some((f, _)) = field.as_mut() {
                    f.inner.push(local.clone());
                    if f.xhtml {
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
                        if f.xhtml && !is_void(&local) {
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
                if !empty {
                    path.push((ns, local));
                }
            }
            Event::End(_) => {
                if let Some((f, _)) = field.as_mut() {
                    if let Some(local) = f.inner.pop() {
                        if f.xhtml && !is_void(&local) {
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
                            .unwrap_or_else(|| format!("&{n};"))
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
        buf.clear();
    }
    match kind {
        Some(k) if k == Kind::Rss && channel.wordpress => Ok(Kind::Wordpress),
        Some(k) => {
            if item.is_some() || !path.is_empty() {
                bail!(
                    "`{name}` ends in the middle of {} (is the file cut short?)",
                    if item.is_some() { "a post" } else { "the feed" }
                );
            }
            Ok(k)
        }
        None => bail!("`{name}` is empty or holds no XML element; it is not a WordPress export, RSS or Atom feed"),
    }
}

fn push_text(f: &mut Field, t: &str) {
    // Atom authors hold a name, an e-mail and an address: only the name is wanted.
    if f.name == "author" && f.ns == Ns::Atom && f.inner.last().map(String::as_str) != Some("name")
    {
        return;
    }
    if f.xhtml {
        f.text.push_str(&escape_text(t));
    } else {
        f.text.push_str(t);
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

fn escape_text(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn escape_attr(t: &str) -> String {
    escape_text(t).replace('"', "&quot;")
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
        .map(|t| super::clean::plain_text(&t))
        .unwrap_or_default();
    let wordpress = channel.wordpress || it.get(Ns::Wp, "post_type").is_some();
    if wordpress {
        let post_type = it
            .text(Ns::Wp, "post_type")
            .unwrap_or_else(|| "post".into());
        let status = it
            .text(Ns::Wp, "status")
            .unwrap_or_else(|| "publish".into());
        let skipped = |kind: &str| Entry::Skipped {
            kind: kind.to_string(),
            title: title.clone(),
            line: it.line,
        };
        if post_type != "post" {
            return skipped(&post_type.replace('_', " "));
        }
        match status.as_str() {
            "publish" => {}
            "future" => return skipped("scheduled post"),
            "draft" | "auto-draft" => return skipped("draft"),
            "pending" => return skipped("post pending review"),
            "private" => return skipped("private post"),
            "trash" => return skipped("post in the trash"),
            other => return skipped(&format!("post with status {other}")),
        }
        if it.text(Ns::Wp, "post_password").is_some() {
            return skipped("password-protected post");
        }
        let id = it.text(Ns::Wp, "post_id").unwrap_or_default();
        let key = if id.is_empty() {
            format!(
                "guid:{}",
                it.text(Ns::None, "guid").unwrap_or_else(|| title.clone())
            )
        } else {
            format!("wp:{}#{id}", channel.site)
        };
        let date = it
            .text(Ns::Wp, "post_date_gmt")
            .and_then(|d| wp_date(&d))
            .or_else(|| it.text(Ns::Wp, "post_date").and_then(|d| wp_date(&d)))
            .or_else(|| it.text(Ns::None, "pubDate").and_then(|d| rfc2822(&d)));
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
            slug: percent_decode(&it.text(Ns::Wp, "post_name").unwrap_or_default()),
            date,
            author,
            excerpt: it.text(Ns::Excerpt, "encoded"),
            link: it.text(Ns::None, "link"),
            categories: categories(&it),
            body: it.get(Ns::Content, "encoded").unwrap_or("").to_string(),
            body_kind: Some(Body::Stored),
            line: it.line,
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
            let skipped = |kind: &str| Entry::Skipped {
                kind: kind.to_string(),
                title: title.clone(),
                line: it.line,
            };
            if let Some(k) = blogger_kind.filter(|k| k != "post") {
                return skipped(&k);
            }
            let draft = it.any("control").is_some_and(|c| c.contains("yes"))
                || it.any("status").is_some_and(|s| s.trim() == "DRAFT");
            if draft {
                return skipped("draft");
            }
            if it
                .any("status")
                .is_some_and(|s| s.contains("TRASH") || s.trim() == "DELETED")
            {
                return skipped("post in the trash");
            }
            let link = it
                .fields
                .iter()
                .filter(|(n, k, _, _)| *n == Ns::Atom && k == "link")
                .find(|(_, _, a, _)| matches!(Item::attr(a, "rel"), None | Some("alternate")))
                .and_then(|(_, _, a, _)| Item::attr(a, "href").map(str::to_string));
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
                .unwrap_or_else(|| title.clone());
            let date = it
                .text(Ns::Atom, "published")
                .or_else(|| it.text(Ns::Atom, "updated"))
                .and_then(|d| rfc3339(&d));
            Entry::Post(Post {
                key: format!("atom:{key}"),
                slug: slug_from_link(link.as_deref()),
                title,
                date,
                author: it.text(Ns::Atom, "author"),
                excerpt: it.text(Ns::Atom, "summary"),
                link,
                categories: categories(&it),
                body,
                body_kind: Some(Body::Rendered),
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
                .unwrap_or_else(|| title.clone());
            let date = it
                .text(Ns::None, "pubDate")
                .and_then(|d| rfc2822(&d))
                .or_else(|| it.text(Ns::Dc, "date").and_then(|d| rfc3339(&d)));
            let author = it
                .text(Ns::Dc, "creator")
                .or_else(|| it.text(Ns::None, "author").map(|a| rss_author(&a)));
            Entry::Post(Post {
                key: format!("rss:{key}"),
                slug: slug_from_link(link.as_deref()),
                title,
                date,
                author,
                excerpt,
                link,
                categories: categories(&it),
                body,
                body_kind: Some(Body::Rendered),
                line: it.line,
            })
        }
    }
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
            percent_decode(last)
        }
        None => String::new(),
    }
}

/// `%e2%80%99`-style escapes (WordPress stores non-ASCII slugs so) decoded; invalid ones kept.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
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

/// RSS dates, in UTC.
fn rfc2822(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    DateTime::parse_from_rfc2822(s)
        .ok()
        .map(|d| d.with_timezone(&Utc).naive_utc())
        .or_else(|| rfc3339(s))
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
        assert_eq!(p.title, "Grace & Truth");
        assert_eq!(p.key, "atom:urn:1");
        assert_eq!(p.slug, "grace-and-truth");
        assert_eq!(p.author.as_deref(), Some("Ann Writer"));
        assert_eq!(p.date.unwrap().to_string(), "2024-03-06 04:30:00");
        assert_eq!(p.body, "<p>One &amp; two.</p><p>Line<br>break</p>");
        let Entry::Post(p) = &v[1] else { panic!() };
        assert_eq!(p.body, "<p>Escaped &amp; body.</p>");
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
                Entry::Skipped { kind, .. } => kind.clone(),
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
    fn percent_decoding_and_link_slugs() {
        assert_eq!(percent_decode("caf%c3%a9-time"), "café-time");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("a%zzb"), "a%zzb");
        assert_eq!(
            slug_from_link(Some("https://x.example/2024/03/held-fast/?utm=1")),
            "held-fast"
        );
        assert_eq!(slug_from_link(Some("https://x.example/p/42.html")), "42");
        assert_eq!(slug_from_link(Some("https://x.example")), "");
    }
}
