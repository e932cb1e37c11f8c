//! What a blog source is read into: its kind, and one entry at a time, each a post or what
//! is not imported. Plain data, shared by the reader, the cleaner and the import that
//! writes articles.

use super::links::guid_key;
use super::skip::Skip;
use chrono::NaiveDateTime;

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
#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    /// The post's identity in its blog: the same post gives the same key on every import.
    pub key: Key,
    /// Title as the source writes it (may hold markup and entities): the caller cleans it,
    /// as it cleans the body.
    pub title: String,
    /// The blog's slug for it (may be empty).
    pub slug: String,
    /// When it was published, in UTC where the source says.
    pub date: Option<NaiveDateTime>,
    /// The date is the blog's local time, its zone unknown (WordPress without a GMT date).
    pub date_local: bool,
    /// A date the source gives that could not be read, as written.
    pub bad_date: Option<String>,
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
    pub body_kind: Body,
    /// The source line where the post starts, for messages.
    pub line: u64,
}

/// What the reader meets, one at a time.
#[derive(Debug)]
pub enum Entry {
    /// A published post.
    Post(Post),
    /// Something that is not a published post: why it is not imported, its title as
    /// written and its line.
    Skipped {
        kind: Skip,
        title: String,
        line: u64,
    },
    /// Comments found in a post (never imported).
    Comments(usize),
    /// The blog itself, met before its first post: its title, description and author as
    /// the source writes them.
    Blog {
        title: String,
        description: Option<String>,
        author: Option<String>,
    },
    /// A post too large to import (its fields were dropped as they were read): its title
    /// as written (perhaps cut short), its line, and what is too large.
    TooLarge {
        title: String,
        line: u64,
        why: String,
    },
}

/// How a post is known from one import to the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    /// The source names the post (a WordPress id, a guid, an Atom id, a link): the key.
    Given(String),
    /// The source does not name it: it is known by its cleaned title, under this scheme
    /// ("rss", "atom").
    Title(&'static str),
}

impl Key {
    /// The key as kept in the project's state, `title` being the post's cleaned title.
    pub fn resolve(&self, title: &str) -> String {
        match self {
            Key::Given(k) => k.clone(),
            Key::Title(scheme) => guid_key(title, scheme),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_the_source_does_not_name_is_known_by_its_title() {
        assert_eq!(Key::Given("rss:g1".into()).resolve("Any title"), "rss:g1");
        assert_eq!(
            Key::Title("rss").resolve("Fine & dandy"),
            "rss:Fine & dandy"
        );
        assert_eq!(Key::Title("atom").resolve(""), "atom:");
        // A title that reads as a WordPress address is that post, as its guid would be.
        assert_eq!(
            Key::Title("rss").resolve("https://b.example/?p=7"),
            "wp:b.example#7"
        );
    }
}
