//! Bible references found in prose and read the way a careful reader says them:
//! "Heb. 7:25-26" → "Hebrews chapter seven, verses twenty-five and twenty-six".
//!
//! Only real references are rewritten: every chapter and verse is checked against the
//! versification table (`versification.txt`), and words that are also book names ("Mark",
//! "Acts", "Job", "Phil") need a capital and a chapter. Numbers come out as words, so no
//! engine can read "7:25" as a time. A book abbreviation followed by a chapter and verse that
//! the table does not have ("Heb. 14:1") is still read as a reference, never as a time, and
//! `devocast check` reports it.
//!
//! The parser and the speaker know no language: a language's [`Table`] (indexed once as a
//! [`Scripture`]) gives the books' written and spoken names and the words of a reference.
//! `parse` finds book names and reads the numbers after them; `speak` says them.

mod parse;
mod speak;
mod table;

pub use parse::{name_numbered_books, parse_in_book, parse_verse_list};
pub use speak::speak_verses;
pub use table::{BookName, Phrasing, Scripture, Table};

use std::sync::OnceLock;

/// A book of the canon with its versification, the same in every language.
pub struct Book {
    /// OSIS code.
    pub osis: &'static str,
    /// Verses in each chapter.
    pub verses: Vec<u16>,
}

impl Book {
    fn chapters(&self) -> u16 {
        self.verses.len() as u16
    }
    fn single_chapter(&self) -> bool {
        self.verses.len() == 1
    }
    fn has(&self, chapter: u16, verse: Option<u16>) -> bool {
        chapter >= 1
            && chapter <= self.chapters()
            && verse.is_none_or(|v| v >= 1 && v <= self.verses[usize::from(chapter) - 1])
    }
}

/// The books in canonical order (the order of `versification.txt`), built once. A
/// [`Reference`] names its book by an index into this list, whatever the language.
pub fn canon() -> &'static [Book] {
    static C: OnceLock<Vec<Book>> = OnceLock::new();
    C.get_or_init(|| {
        versification()
            .into_iter()
            .map(|(osis, verses)| Book { osis, verses })
            .collect()
    })
}

/// The most verses any chapter has (Psalm 119): the bound for books whose verse counts the
/// table does not give, and for references read unchecked.
pub const MAX_VERSE: u16 = 176;

/// Verses per chapter of every book, with its OSIS code, in the file's order. "14*" gives a
/// book's chapters without their verse counts, which are then bounded by [`MAX_VERSE`].
fn versification() -> Vec<(&'static str, Vec<u16>)> {
    include_str!("../versification.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|line| {
            let mut parts = line.split_whitespace();
            let osis = parts.next()?;
            let counts: Vec<&str> = parts.collect();
            if let [only] = counts[..] {
                if let Some(chapters) = only.strip_suffix('*') {
                    return Some((osis, vec![MAX_VERSE; chapters.parse().ok()?]));
                }
            }
            Some((osis, counts.iter().filter_map(|n| n.parse().ok()).collect()))
        })
        .collect()
}

/// A verse number with its part letter ("23a").
pub type Verse = (u16, Option<char>);

/// What a number's "f." or "ff." adds: the next verse or chapter, or all that follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Onward {
    /// "f.": and the next one.
    Next,
    /// "ff.": and those following.
    All,
}

/// One item in a chapter's list of verses.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A verse, with an optional part letter ("25a").
    Verse(u16, Option<char>),
    /// A verse and the next or all following ("16ff.").
    VerseOnward(u16, Onward),
    /// Verses a–b, each with its part letter ("21b-23a").
    Verses(Verse, Verse),
    /// A whole chapter.
    Chapter(u16),
    /// A chapter and the next or all following ("Gen. 12ff.").
    ChapterOnward(u16, Onward),
    /// Chapters a–b.
    Chapters(u16, u16),
    /// From chapter:verse to chapter:verse, each verse with its part letter ("1:1-2:4a").
    Span {
        from: (u16, u16),
        to: (u16, u16),
        parts: (Option<char>, Option<char>),
    },
}

/// A reference: a book and its groups of items by chapter.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// Index into [`canon`].
    pub book: usize,
    /// The name to say when the writer used another name than the usual one ("Song of
    /// Solomon" for the Song of Songs).
    pub name: Option<&'static str>,
    /// Chapter groups in order; `chapter` is `None` for whole-chapter items.
    pub groups: Vec<(Option<u16>, Vec<Item>)>,
}

impl Reference {
    /// The chapter a following "v."/"vv." refers to.
    pub fn last_chapter(&self) -> Option<u16> {
        let (c, items) = self.groups.last()?;
        match (c, items.last()?) {
            (Some(c), _) => Some(*c),
            (None, Item::Chapter(c) | Item::Chapters(_, c) | Item::ChapterOnward(c, _)) => Some(*c),
            (None, Item::Span { to, .. }) => Some(to.0),
            _ => None,
        }
    }

    /// OSIS ranges, for comparing with other parsers ("Rom.8.29", "Rom.8.34-Rom.8.39").
    /// Part letters and "ff." are not part of OSIS and are left out.
    pub fn osis(&self) -> Vec<String> {
        let b = canon()[self.book].osis;
        let mut out = Vec::new();
        for (c, items) in &self.groups {
            let c = c.unwrap_or(1);
            for item in items {
                out.push(match item {
                    Item::Verse(v, _) | Item::VerseOnward(v, _) => format!("{b}.{c}.{v}"),
                    Item::Verses((x, _), (y, _)) => format!("{b}.{c}.{x}-{b}.{c}.{y}"),
                    Item::Chapter(c) | Item::ChapterOnward(c, _) => format!("{b}.{c}"),
                    Item::Chapters(x, y) => format!("{b}.{x}-{b}.{y}"),
                    Item::Span { from, to, .. } => {
                        format!("{b}.{}.{}-{b}.{}.{}", from.0, from.1, to.0, to.1)
                    }
                });
            }
        }
        out
    }
}

/// A reference found in text, with its byte span.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Byte offset where the book name starts.
    pub start: usize,
    /// Byte offset after the last number (and letter, or "ff.").
    pub end: usize,
    /// What was found.
    pub reference: Reference,
    /// Whether every chapter and verse is in the versification table. An unchecked
    /// reference ("Heb. 14:1") is still read as one, and reported by `check`.
    pub checked: bool,
}

/// Every valid reference in a text, left to right (for show notes and `check`).
pub fn find_all(text: &str, scripture: &Scripture) -> Vec<Found> {
    find_readable(text, scripture)
        .into_iter()
        .filter(|f| f.checked)
        .collect()
}

/// Every reference to read aloud, left to right: the valid ones, and book abbreviations with
/// a chapter and verse the table lacks, which are read as written rather than as a time.
pub fn find_readable(text: &str, scripture: &Scripture) -> Vec<Found> {
    parse::candidates(text, scripture)
        .into_iter()
        .filter_map(|c| {
            let (end, reference, checked) = match (c.parsed, c.unchecked) {
                (Some((end, r)), _) => (end, r, true),
                (None, Some((end, r))) => (end, r, false),
                (None, None) => return None,
            };
            Some(Found {
                start: c.start,
                end,
                reference,
                checked,
            })
        })
        .collect()
}

/// Book names followed by numbers that are not a valid reference ("Heb. 14:1": Hebrews has
/// 13 chapters), as written, for `devocast check`. Ambiguous words ("Mark 2 items") are
/// ordinary prose, not mistakes.
pub fn unreadable(text: &str, scripture: &Scripture) -> Vec<String> {
    parse::candidates(text, scripture)
        .into_iter()
        .filter(|c| c.parsed.is_none() && !c.ambiguous)
        .map(|c| {
            let digits = text[c.body..]
                .find(|ch: char| {
                    !(ch.is_ascii_digit() || matches!(ch, ':' | '-' | '–' | ',' | ' '))
                })
                .map_or(text.len(), |n| c.body + n);
            text[c.start..digits]
                .trim_end_matches([',', ' ', '-'])
                .to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests;
