//! The rules of feeds: an Atom entry (Blogger's backups among them, which hold far more
//! than posts) and an RSS item (2.0, or 1.0/RDF), each made a post served as rendered HTML.

use super::dates::{rfc2822, rfc3339};
use super::item::{Channel, Item, Ns};
use crate::import::links::{guid_key, resolve, slug_from_link};
use crate::import::post::{Body, Entry, Key, Post};
use crate::import::skip::Skip;
use crate::text::escape_text;

/// An Atom entry as an entry: a post, or why it is not imported.
pub fn atom_entry(it: Item, channel: &Channel) -> Entry {
    if let Some(why) = not_a_blogger_post(&it) {
        return it.skipped(why);
    }
    let link = atom_link(&it, channel);
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
        title: it.title(),
        date,
        // Entries without an author of their own are the feed's author's.
        author: it
            .text(Ns::Atom, "author")
            .or_else(|| channel.author.clone()),
        link,
        categories: it.categories(),
        // An entry with no content is read from its summary (and said to be one).
        body: Some(atom_body(&it))
            .filter(|b| !b.trim().is_empty())
            .or_else(|| it.text(Ns::Atom, "summary"))
            .unwrap_or_default(),
        excerpt: it.text(Ns::Atom, "summary"),
        body_kind: Body::Rendered,
        line: it.line,
    })
}

/// An RSS item as a post: the full text when the feed gives it (`content:encoded`), else
/// the description; its author, else the channel's.
pub fn rss_entry(it: Item, channel: &Channel) -> Entry {
    let link = it.text(Ns::None, "link");
    let content = it.text(Ns::Content, "encoded");
    let description = it.text(Ns::None, "description");
    let (body, excerpt) = match content {
        Some(c) => (c, description),
        None => (description.unwrap_or_default(), None),
    };
    let key = it
        .text(Ns::None, "guid")
        .or_else(|| link.clone())
        .map_or(Key::Title("rss"), |k| Key::Given(guid_key(&k, "rss")));
    let written = it
        .text(Ns::None, "pubDate")
        .or_else(|| it.text(Ns::Dc, "date"));
    let date = written.as_deref().and_then(rfc2822);
    let author = it
        .text(Ns::Dc, "creator")
        .or_else(|| it.text(Ns::None, "author").map(|a| rss_author(&a)))
        .or_else(|| channel.author.as_deref().map(rss_author));
    Entry::Post(Post {
        key,
        bad_date: written.filter(|_| date.is_none()),
        date_local: false,
        slug: slug_from_link(link.as_deref()),
        title: it.title(),
        date,
        author,
        excerpt,
        link,
        categories: it.categories(),
        body,
        body_kind: Body::Rendered,
        line: it.line,
    })
}

/// Why an entry of a Blogger backup is not a published post. Blogger's backups are Atom
/// feeds of everything: posts, pages, comments, settings and the template, each marked with
/// its kind, and drafts. Any other feed's entries are all posts.
fn not_a_blogger_post(it: &Item) -> Option<Skip> {
    let blogger_kind = it
        .all(Ns::Atom, "category")
        .find(|(a, _)| Item::attr(a, "scheme").is_some_and(|s| s.ends_with("#kind")))
        .and_then(|(a, _)| Item::attr(a, "term"))
        .map(|t| t.rsplit('#').next().unwrap_or(t).to_ascii_lowercase())
        .or_else(|| it.any("type").map(|t| t.trim().to_ascii_lowercase()));
    if let Some(k) = blogger_kind.filter(|k| k != "post") {
        return Some(match k.as_str() {
            "comment" => Skip::Comment,
            _ => Skip::NotAPost(k),
        });
    }
    if it.any("control").is_some_and(|c| c.contains("yes")) {
        return Some(Skip::Draft);
    }
    // Blogger's newer backups say LIVE for what readers see; anything else is not.
    match it.any("status").map(str::trim) {
        None | Some("LIVE") => None,
        Some("DRAFT") => Some(Skip::Draft),
        Some("SCHEDULED") => Some(Skip::Scheduled),
        Some(s) if s.contains("TRASH") || s == "DELETED" => Some(Skip::Trash),
        Some(other) => Some(Skip::Status(other.to_lowercase())),
    }
}

/// The entry's address: its alternate link, read against the chain of bases.
fn atom_link(it: &Item, channel: &Channel) -> Option<String> {
    let (a, _) = it
        .all(Ns::Atom, "link")
        .find(|(a, _)| matches!(Item::attr(a, "rel"), None | Some("alternate")))?;
    let href = Item::attr(a, "href")?;
    // The chain of bases, outermost first: feed (or fetch address, or the feed's own
    // link), entry, link.
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
}

/// The entry's content as HTML: plain text escaped, its blank lines parting paragraphs.
fn atom_body(it: &Item) -> String {
    match it.all(Ns::Atom, "content").next() {
        Some((a, t)) => match Item::attr(a, "type") {
            Some("text") | None => escape_text(t).replace("\n\n", "<p>"),
            _ => t.clone(),
        },
        None => String::new(),
    }
}

/// RSS `<author>` is "e-mail (Name)"; the name is what a listener wants.
pub(super) fn rss_author(a: &str) -> String {
    match (a.find('('), a.rfind(')')) {
        (Some(i), Some(j)) if j > i + 1 => a[i + 1..j].trim().to_string(),
        _ => a.trim().to_string(),
    }
}
