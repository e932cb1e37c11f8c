//! What an article says about itself besides its text, from its front matter or its page's
//! `<meta>` tags: title, dates, summary, authors, artwork, keywords, whether it is held back
//! and where it was first published. One shape for every source, so a fact means the same
//! whichever tool wrote it.

use super::front::{Field, Value};
use super::keys::{self, Kind};
use super::read_date;
use anyhow::{bail, Result};
use chrono::NaiveDate;

/// Most keywords an episode carries (podcast apps show a few; a tag cloud is not for them).
pub const MAX_KEYWORDS: usize = 12;

/// What an article says about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// Its title.
    pub title: Option<String>,
    /// `date`: when it is published.
    pub date: Option<NaiveDate>,
    /// `publishDate` / `pubDate`: when it is published, if `date` does not say.
    pub publish_date: Option<NaiveDate>,
    /// `expiryDate`: after this day it leaves the feed.
    pub expires: Option<NaiveDate>,
    /// A short description.
    pub summary: Option<String>,
    /// Who wrote it, each name once.
    pub authors: Vec<String>,
    /// Its own artwork, as written (a path, or a web address).
    pub image: Option<String>,
    /// Its tags, categories and keywords, each once.
    pub keywords: Vec<String>,
    /// What holds it back, as written (`draft: true`, `status: private`).
    pub hold: Option<String>,
    /// Where it was first published (an absolute http(s) address).
    pub link: Option<String>,
    /// `language` / `lang`: the language it is written in (a BCP 47 tag, as written).
    pub language: Option<String>,
    /// `prayer`: the first words of the paragraph where the article's prayer starts.
    pub prayer: Option<String>,
    /// What the producer should know, each naming its line.
    pub warnings: Vec<String>,
}

impl Facts {
    /// The publication date: `date`, else `publishDate` / `pubDate`.
    pub fn published(&self) -> Option<NaiveDate> {
        self.date.or(self.publish_date)
    }

    /// Facts of `self`, with what it does not say taken from `other` (front matter first,
    /// then the page's own tags).
    pub fn or(mut self, other: Facts) -> Facts {
        self.title = self.title.or(other.title);
        self.date = self.date.or(other.date);
        self.publish_date = self.publish_date.or(other.publish_date);
        self.expires = self.expires.or(other.expires);
        self.summary = self.summary.or(other.summary);
        if self.authors.is_empty() {
            self.authors = other.authors;
        }
        self.image = self.image.or(other.image);
        if self.keywords.is_empty() {
            self.keywords = other.keywords;
        }
        self.hold = self.hold.or(other.hold);
        self.link = self.link.or(other.link);
        self.language = self.language.or(other.language);
        self.warnings.extend(other.warnings);
        self
    }

    /// Adds names to the authors, each once.
    pub fn add_authors(&mut self, names: impl IntoIterator<Item = String>) {
        for n in names {
            let n = collapse(&n);
            if !n.is_empty() && !self.authors.contains(&n) {
                self.authors.push(n);
            }
        }
    }

    /// Adds keywords, each once (in any case), up to [`MAX_KEYWORDS`].
    pub fn add_keywords(&mut self, words: impl IntoIterator<Item = String>) {
        for w in words {
            let w = collapse(&w);
            let known = self
                .keywords
                .iter()
                .any(|k| k.to_lowercase() == w.to_lowercase());
            if !w.is_empty() && !known && self.keywords.len() < MAX_KEYWORDS {
                self.keywords.push(w);
            }
        }
    }
}

/// White space collapsed to single spaces, trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The facts front matter gives. A value devocast cannot take (a date that is no date, a
/// draft flag that is neither true nor false) is an error naming its line; a likely
/// misspelling of a key it reads is a warning with the guess.
pub fn from_front_matter(fields: &[Field]) -> Result<Facts> {
    let mut facts = Facts::default();
    let mut summaries: [Option<String>; 3] = Default::default();
    for f in fields {
        let key = match keys::kind(&f.key) {
            Kind::Read(k) => k,
            Kind::Typo(k) => {
                facts.warnings.push(format!(
                    "front matter line {}: `{}` is not a key devocast reads; did you mean `{k}`? It was ignored",
                    f.line, f.key
                ));
                continue;
            }
            Kind::Ignored | Kind::Other => continue,
        };
        let line = f.line;
        match key {
            "title" => facts.title = texts(&f.value).into_iter().next(),
            "language" => facts.language = texts(&f.value).into_iter().next(),
            "prayer" => facts.prayer = texts(&f.value).into_iter().next(),
            "date" => facts.date = date(f, "date")?,
            "publishDate" | "pubDate" => {
                facts.publish_date = facts.publish_date.or(date(f, key)?);
            }
            "expiryDate" => facts.expires = date(f, key)?,
            "description" => summaries[0] = texts(&f.value).into_iter().next(),
            "summary" => summaries[1] = texts(&f.value).into_iter().next(),
            "excerpt" => summaries[2] = texts(&f.value).into_iter().next(),
            "author" | "authors" => facts.add_authors(names(&f.value)),
            // `image` wins over `cover`, whichever comes first.
            "image" | "cover" if facts.image.is_none() || key == "image" => {
                facts.image = image(&f.value).or(facts.image.take());
            }
            "tags" | "categories" | "keywords" => facts.add_keywords(words(&f.value)),
            "draft" if truth(f, key)? => {
                facts
                    .hold
                    .get_or_insert_with(|| format!("`{}: true`", f.key));
            }
            "published" => match f.value.text().and_then(|t| read_date(&t).ok()) {
                // Some tools write the publication date under this key.
                Some(d) => facts.publish_date = facts.publish_date.or(Some(d)),
                None => {
                    if !truth(f, key)? {
                        facts
                            .hold
                            .get_or_insert_with(|| format!("`{}: false`", f.key));
                    }
                }
            },
            "status" => {
                if let Some(why) = status(f) {
                    facts.hold.get_or_insert(why);
                }
            }
            "link" => {
                let written = f.value.text().unwrap_or_default();
                if let Some(l) = super::absolute_link(&written) {
                    facts.link = Some(l);
                } else if !written.trim().is_empty() {
                    facts.warnings.push(format!(
                        "front matter line {line}: the link {written:?} is not an absolute http(s) address; it was ignored"
                    ));
                }
            }
            _ => {}
        }
    }
    // Zola keeps tags, categories and authors under [taxonomies].
    if let Some(tax) = fields
        .iter()
        .find(|f| super::front::norm(&f.key) == "taxonomies")
    {
        for key in ["tags", "categories"] {
            if let Some(v) = tax.value.get(key) {
                facts.add_keywords(words(v));
            }
        }
        if let Some(v) = tax.value.get("authors") {
            facts.add_authors(names(v));
        }
    }
    facts.summary = summaries.into_iter().flatten().find(|s| !s.is_empty());
    Ok(facts)
}

/// A date value, or an error naming its line.
fn date(f: &Field, key: &str) -> Result<Option<NaiveDate>> {
    let Some(written) = f.value.text() else {
        if f.value == Value::Null {
            return Ok(None);
        }
        bail!("front matter line {}: {key} is not a date", f.line);
    };
    // Eleventy's words for "the file's own date": no date written, so the next source says.
    let eleventy = [
        "created",
        "last modified",
        "git created",
        "git last modified",
    ];
    if written.trim().is_empty() || eleventy.contains(&written.trim().to_lowercase().as_str()) {
        return Ok(None);
    }
    match read_date(&written) {
        Ok(d) => Ok(Some(d)),
        Err(why) => bail!("front matter line {}: {key} {written:?} {why}", f.line),
    }
}

/// A truth value (`true`, `yes`, `on`, `1` and their opposites), or an error naming its line.
fn truth(f: &Field, key: &str) -> Result<bool> {
    let written = f.value.text().unwrap_or_default();
    match written.trim().to_ascii_lowercase().as_str() {
        "false" | "no" | "off" | "0" | "" => Ok(false),
        "true" | "yes" | "on" | "1" => Ok(true),
        _ => bail!(
            "front matter line {}: {key} {written:?} must be true or false",
            f.line
        ),
    }
}

/// WordPress's post statuses that keep a post off the blog, and the ones that put it there.
const HELD_STATUSES: &[&str] = &[
    "draft",
    "private",
    "pending",
    "future",
    "trash",
    "autodraft",
    "inherit",
    "scheduled",
    "hidden",
    "unpublished",
    "unlisted",
    "archived",
];
const PUBLISHED_STATUSES: &[&str] = &["publish", "published", "public", "live", "active", ""];

/// Why a `status` holds an article back: a status that keeps it off the blog, or one
/// devocast does not know (better heard late than published by mistake).
fn status(f: &Field) -> Option<String> {
    let written = f.value.text().unwrap_or_default();
    let n = super::front::norm(written.trim());
    if PUBLISHED_STATUSES.contains(&n.as_str()) {
        return None;
    }
    if HELD_STATUSES.contains(&n.as_str()) {
        return Some(format!("`{}: {}`", f.key, written.trim()));
    }
    Some(format!(
        "`{}: {}`, a status devocast does not know (it publishes `status: publish`)",
        f.key,
        written.trim()
    ))
}

/// The texts of a value: itself, or the items of a list.
fn texts(v: &Value) -> Vec<String> {
    match v {
        Value::List(items) => items.iter().flat_map(texts).collect(),
        Value::Table(_) | Value::Null => Vec::new(),
        v => v.text().map(|t| collapse(&t)).into_iter().collect(),
    }
}

/// Authors: a name, a list of names, or tables with a `name` (`{name: Ruth, email: …}`).
fn names(v: &Value) -> Vec<String> {
    match v {
        Value::List(items) => items.iter().flat_map(names).collect(),
        Value::Table(_) => ["name", "displayName", "title"]
            .iter()
            .find_map(|k| v.get(k).and_then(Value::text))
            .into_iter()
            .collect(),
        v => texts(v),
    }
}

/// Tags or categories: a list, or one text of them (Jekyll's `tags: grace rest` is split at
/// spaces, a text with commas at its commas).
fn words(v: &Value) -> Vec<String> {
    match v {
        Value::Text(t) if t.contains(',') => t.split(',').map(str::to_string).collect(),
        Value::Text(t) => t.split_whitespace().map(str::to_string).collect(),
        Value::List(items) => items.iter().flat_map(texts).collect(),
        _ => Vec::new(),
    }
}

/// An image: a path or address, or a table holding one (Chirpy's `image: {path: …}`,
/// PaperMod's `cover: {image: …}`).
fn image(v: &Value) -> Option<String> {
    match v {
        Value::Table(_) => ["path", "image", "src", "url", "file"]
            .iter()
            .find_map(|k| v.get(k).and_then(image)),
        Value::List(items) => items.iter().find_map(image),
        v => v
            .text()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(text: &str) -> Result<Facts> {
        let block = super::super::front::split(text)?.expect("front matter");
        from_front_matter(&super::super::front::fields(&block)?)
    }

    #[test]
    fn drafts_by_every_tool_s_word_are_held() {
        for (fm, held) in [
            ("draft: true", Some("`draft: true`")),
            ("draft: yes", Some("`draft: true`")),
            ("draft: false", None),
            ("published: false", Some("`published: false`")),
            ("published: true", None),
            ("status: draft", Some("`status: draft`")),
            ("status: private", Some("`status: private`")),
            ("status: pending", Some("`status: pending`")),
            ("status: future", Some("`status: future`")),
            ("status: Publish", None),
            ("status: publish", None),
            ("Draft: True", Some("`Draft: true`")),
        ] {
            let f = facts(&format!("---\n{fm}\n---\nBody.\n")).unwrap();
            assert_eq!(f.hold.as_deref(), held, "{fm}");
        }
        let f = facts("+++\ndraft = true\n+++\nBody.\n").unwrap();
        assert!(f.hold.is_some());
        let f = facts("{\"draft\": true}\nBody.\n").unwrap();
        assert!(f.hold.is_some());
        let f = facts("---\nstatus: wobbly\n---\nBody.\n").unwrap();
        assert!(f.hold.unwrap().contains("does not know"));
    }

    #[test]
    fn dates_come_from_date_then_publish_date() {
        let f = facts("---\npubDate: 2026-02-02\ndate: 2026-01-01\n---\n").unwrap();
        assert_eq!(f.published().unwrap().to_string(), "2026-01-01");
        let f = facts("---\npublishDate: 2026-02-02T06:00:00+01:00\n---\n").unwrap();
        assert_eq!(f.published().unwrap().to_string(), "2026-02-02");
        let f = facts("+++\npublishdate = 2026-03-03\nexpirydate = 2026-04-04\n+++\n").unwrap();
        assert_eq!(f.published().unwrap().to_string(), "2026-03-03");
        assert_eq!(f.expires.unwrap().to_string(), "2026-04-04");
        let f = facts("---\ndate: Last Modified\npubDate: 2026-05-05\n---\n").unwrap();
        assert_eq!(f.published().unwrap().to_string(), "2026-05-05");
        let e = facts("---\ntitle: x\nexpiryDate: soon\n---\n").unwrap_err();
        assert!(
            e.to_string().starts_with("front matter line 3: expiryDate"),
            "{e}"
        );
    }

    #[test]
    fn summaries_authors_images_and_keywords() {
        let f = facts(
            "---\nexcerpt: Third.\nsummary: Second.\nauthors:\n  - Ruth Anders\n  - name: Tom Baker\n    email: t@example.org\nauthor: Ruth Anders\ncover:\n  image: img/c.png\n  alt: A cover\ntags: [grace, rest]\ncategories: Devotions, Rest\n---\n",
        )
        .unwrap();
        assert_eq!(f.summary.as_deref(), Some("Second."));
        assert_eq!(f.authors, ["Ruth Anders", "Tom Baker"]);
        assert_eq!(f.image.as_deref(), Some("img/c.png"));
        assert_eq!(f.keywords, ["grace", "rest", "Devotions"]);
        let f = facts(
            "+++\ntitle = \"T\"\n[taxonomies]\ntags = [\"hope\"]\ncategories = [\"Advent\"]\nauthors = [\"Ana Ruiz\"]\n[extra]\nimage = \"x.jpg\"\n+++\n",
        )
        .unwrap();
        assert_eq!(f.keywords, ["hope", "Advent"]);
        assert_eq!(f.authors, ["Ana Ruiz"]);
        assert_eq!(f.image, None);
        let f = facts("---\ntags: grace rest peace\nimage:\n  path: /assets/a.jpg\n---\n").unwrap();
        assert_eq!(f.keywords, ["grace", "rest", "peace"]);
        assert_eq!(f.image.as_deref(), Some("/assets/a.jpg"));
    }

    #[test]
    fn only_likely_typos_are_warned_about() {
        let f = facts("---\ntitel: T\nlayout: post\npermalink: /x/\nmood: calm\nauthr: Me\n---\n")
            .unwrap();
        assert_eq!(f.warnings.len(), 2, "{:?}", f.warnings);
        assert!(
            f.warnings[0].starts_with("front matter line 2: `titel`")
                && f.warnings[0].contains("did you mean `title`?"),
            "{:?}",
            f.warnings
        );
        assert!(f.warnings[1].contains("line 6") && f.warnings[1].contains("`author`"));
    }
}
