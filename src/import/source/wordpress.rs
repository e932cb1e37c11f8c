//! The rules of a WordPress export (WXR): only published posts come in, each known by its
//! id on its site, dated by its GMT date when it has one, its author by display name.

use super::dates::{is_unset, rfc2822, wp_date};
use super::item::{Channel, Item, Ns};
use crate::import::links::{guid_key, wp_key};
use crate::import::post::{Body, Entry, Key, Post};
use crate::import::skip::Skip;
use crate::text::percent_decode_lenient;
use chrono::NaiveDateTime;

/// Whether an item is WordPress's: the export says so, or the item carries a post type.
pub fn is_wordpress(it: &Item, channel: &Channel) -> bool {
    channel.wordpress || it.get(Ns::Wp, "post_type").is_some()
}

/// A WordPress item as an entry: a published post, or why it is not imported.
pub fn entry(it: Item, channel: &Channel) -> Entry {
    if let Some(why) = not_published(&it) {
        return it.skipped(why);
    }
    let (date, date_local) = date(&it);
    let bad_date = date.is_none().then(|| written_date(&it)).flatten();
    Entry::Post(Post {
        key: key(&it, channel),
        title: it.title(),
        slug: percent_decode_lenient(&it.text(Ns::Wp, "post_name").unwrap_or_default()),
        date,
        date_local,
        bad_date,
        author: author(&it, channel),
        excerpt: it.text(Ns::Excerpt, "encoded"),
        link: it.text(Ns::None, "link"),
        categories: it.categories(),
        body: it.get(Ns::Content, "encoded").unwrap_or("").to_string(),
        body_kind: Body::Stored,
        line: it.line,
    })
}

/// Why an item is not a published post (a page, a draft, a post behind a password …).
fn not_published(it: &Item) -> Option<Skip> {
    let post_type = it
        .text(Ns::Wp, "post_type")
        .unwrap_or_else(|| "post".into());
    if post_type != "post" {
        return Some(Skip::NotAPost(post_type.replace('_', " ")));
    }
    let status = it
        .text(Ns::Wp, "status")
        .unwrap_or_else(|| "publish".into());
    match status.as_str() {
        "publish" => {}
        "future" => return Some(Skip::Scheduled),
        "draft" | "auto-draft" => return Some(Skip::Draft),
        "pending" => return Some(Skip::PendingReview),
        "private" => return Some(Skip::Private),
        "trash" => return Some(Skip::Trash),
        other => return Some(Skip::Status(other.to_string())),
    }
    it.text(Ns::Wp, "post_password")
        .map(|_| Skip::PasswordProtected)
}

/// The post's id on its site; without one its guid, else its title.
fn key(it: &Item, channel: &Channel) -> Key {
    let id = it.text(Ns::Wp, "post_id").unwrap_or_default();
    if !id.is_empty() {
        return Key::Given(wp_key(&channel.site, &id));
    }
    it.text(Ns::None, "guid")
        .map_or(Key::Title("rss"), |g| Key::Given(guid_key(&g, "rss")))
}

/// The GMT date; else the blog's local date (its zone unknown, so marked local); else the
/// RSS date.
fn date(it: &Item) -> (Option<NaiveDateTime>, bool) {
    let gmt = it.text(Ns::Wp, "post_date_gmt").and_then(|d| wp_date(&d));
    let local = it.text(Ns::Wp, "post_date").and_then(|d| wp_date(&d));
    match (gmt, local) {
        (Some(d), _) => (Some(d), false),
        (None, Some(d)) => (Some(d), true),
        (None, None) => (
            it.text(Ns::None, "pubDate").and_then(|d| rfc2822(&d)),
            false,
        ),
    }
}

/// The first date the item writes (WordPress's zero date is no date), for a warning when
/// none can be read.
fn written_date(it: &Item) -> Option<String> {
    [
        it.text(Ns::Wp, "post_date_gmt"),
        it.text(Ns::Wp, "post_date"),
        it.text(Ns::None, "pubDate"),
    ]
    .into_iter()
    .flatten()
    .find(|d| !is_unset(d))
}

/// The author's display name, from the export's list of authors, else the login.
fn author(it: &Item, channel: &Channel) -> Option<String> {
    it.text(Ns::Dc, "creator").map(|login| {
        channel
            .authors
            .get(&login)
            .filter(|n| !n.trim().is_empty())
            .cloned()
            .unwrap_or(login)
    })
}
