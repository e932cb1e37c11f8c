//! References said aloud: "Romans chapter eight, verses twenty-nine, and thirty-four through
//! thirty-nine", Psalms by number, one-chapter books by verse.

use super::{bible, Item, Onward, Reference, Verse};
use crate::speech::numbers::cardinal;

impl Reference {
    /// The spoken form.
    pub fn spoken(&self) -> String {
        let book = &bible().books[self.book];
        if book.osis == "Ps" {
            return self.spoken_psalms();
        }
        let groups: Vec<String> = self
            .groups
            .iter()
            .map(|(c, items)| speak_group(*c, items, book.single_chapter()))
            .collect();
        format!("{} {}", self.name.unwrap_or(book.spoken), groups.join("; "))
    }

    /// The spoken form without the book's name, for a bare "(3:14)" after a reference to the
    /// same book: "verse fourteen" in the chapter it follows, else "chapter three, verse
    /// fourteen".
    pub fn spoken_in_context(&self, chapter: u16) -> String {
        let book = &bible().books[self.book];
        match self.groups.as_slice() {
            [(Some(c), items)] if *c == chapter => speak_verses(items),
            _ if book.osis == "Ps" => self.spoken_psalms(),
            groups => groups
                .iter()
                .map(|(c, items)| speak_group(*c, items, book.single_chapter()))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }

    /// Psalms are read by number, not chapter: "Psalm twenty-three, verses one through three".
    fn spoken_psalms(&self) -> String {
        let parts: Vec<String> = self
            .groups
            .iter()
            .map(|(c, items)| match (c, items.as_slice()) {
                (Some(c), _) => format!("Psalm {}, {}", number(*c), speak_verses(items)),
                (None, [Item::Span { from, to, parts }]) => format!(
                    "Psalm {}, verse {}, through Psalm {}, verse {}",
                    number(from.0),
                    verse((from.1, parts.0)),
                    number(to.0),
                    verse((to.1, parts.1))
                ),
                (None, [Item::Chapter(c)]) => format!("Psalm {}", number(*c)),
                (None, items) => format!("Psalms {}", speak_list(&chapter_words(items))),
            })
            .collect();
        parts.join("; ")
    }
}

fn number(n: u16) -> String {
    cardinal(n.into())
}

/// "twenty-nine, and thirty-four through thirty-nine".
pub fn speak_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        // "four and five", but "thirty-four, and twenty-six and twenty-seven".
        [a, b]
            if ![a, b]
                .iter()
                .any(|x| x.contains(" through ") || x.contains(" and ")) =>
        {
            format!("{a} and {b}")
        }
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}

/// One range of verses or chapters: adjacent pairs read "and", longer ranges "through".
pub fn speak_range(a: u16, b: u16) -> String {
    speak_verse_range((a, None), (b, None))
}

/// A verse with its part letter: "twenty-five a".
fn verse(v: Verse) -> String {
    match v.1 {
        Some(l) => format!("{} {l}", number(v.0)),
        None => number(v.0),
    }
}

fn speak_verse_range(a: Verse, b: Verse) -> String {
    let joint = if b.0 == a.0 + 1 { "and" } else { "through" };
    format!("{} {joint} {}", verse(a), verse(b))
}

/// "sixteen and following", "sixteen and the next".
fn onward(n: u16, o: Onward) -> String {
    match o {
        Onward::All => format!("{} and following", number(n)),
        Onward::Next => format!("{} and the next", number(n)),
    }
}

/// Whole chapters and chapter ranges as words ("eight", "one through three").
fn chapter_words(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Chapter(c) => Some(number(*c)),
            Item::Chapters(a, b) => Some(speak_range(*a, *b)),
            Item::ChapterOnward(c, o) => Some(onward(*c, *o)),
            _ => None,
        })
        .collect()
}

/// Reads a list of verse items ("verses twenty-nine, and thirty-four through thirty-nine").
pub fn speak_verses(items: &[Item]) -> String {
    let plural = items.len() > 1
        || items
            .iter()
            .any(|i| matches!(i, Item::Verses(..) | Item::VerseOnward(_, Onward::All)));
    let words: Vec<String> = items
        .iter()
        .filter_map(|i| match i {
            Item::Verse(v, l) => Some(verse((*v, *l))),
            Item::Verses(a, b) => Some(speak_verse_range(*a, *b)),
            Item::VerseOnward(v, o) => Some(onward(*v, *o)),
            _ => None,
        })
        .collect();
    format!(
        "{} {}",
        if plural { "verses" } else { "verse" },
        speak_list(&words)
    )
}

fn speak_group(chapter: Option<u16>, items: &[Item], single: bool) -> String {
    match (chapter, items) {
        (Some(1), _) if single => speak_verses(items),
        (Some(c), _) => format!("chapter {}, {}", number(c), speak_verses(items)),
        (None, [Item::Span { from, to, parts }]) => format!(
            "chapter {}, verse {}, through chapter {}, verse {}",
            number(from.0),
            verse((from.1, parts.0)),
            number(to.0),
            verse((to.1, parts.1))
        ),
        (None, _) if single => speak_verses(items),
        (None, _) => {
            let plural = items.len() > 1
                || items
                    .iter()
                    .any(|i| matches!(i, Item::Chapters(..) | Item::ChapterOnward(_, Onward::All)));
            format!(
                "{} {}",
                if plural { "chapters" } else { "chapter" },
                speak_list(&chapter_words(items))
            )
        }
    }
}
