//! References said aloud in the words of a language's [`Phrasing`]: "Romans chapter eight,
//! verses twenty-nine, and thirty-four through thirty-nine", Psalms by number, one-chapter
//! books by verse.

use super::{canon, Item, Onward, Phrasing, Reference, Scripture, Verse};

/// The words and the numbers of one language, as the speaking functions need them.
#[derive(Clone, Copy)]
struct Say<'a> {
    words: &'a Phrasing,
    cardinal: fn(u64) -> String,
}

impl<'a> Say<'a> {
    fn of(scripture: &'a Scripture) -> Say<'a> {
        Say {
            words: &scripture.table.phrasing,
            cardinal: scripture.table.cardinal,
        }
    }

    fn number(self, n: u16) -> String {
        (self.cardinal)(n.into())
    }

    /// A verse with its part letter: "twenty-five a".
    fn verse(self, v: Verse) -> String {
        match v.1 {
            Some(l) => format!("{} {l}", self.number(v.0)),
            None => self.number(v.0),
        }
    }
}

impl Reference {
    /// The spoken form in a language's words.
    pub fn spoken(&self, scripture: &Scripture) -> String {
        let say = Say::of(scripture);
        let book = &canon()[self.book];
        if book.osis == "Ps" {
            return self.spoken_psalms(say);
        }
        let groups: Vec<String> = self
            .groups
            .iter()
            .map(|(c, items)| speak_group(say, *c, items, book.single_chapter()))
            .collect();
        format!(
            "{}{}{}",
            self.name.unwrap_or(scripture.spoken(self.book)),
            say.words.after_book,
            groups.join("; ")
        )
    }

    /// The spoken form without the book's name, for a bare "(3:14)" after a reference to the
    /// same book: "verse fourteen" in the chapter it follows, else "chapter three, verse
    /// fourteen".
    pub fn spoken_in_context(&self, chapter: u16, scripture: &Scripture) -> String {
        let say = Say::of(scripture);
        let book = &canon()[self.book];
        match self.groups.as_slice() {
            [(Some(c), items)] if *c == chapter => verses(say, items),
            _ if book.osis == "Ps" => self.spoken_psalms(say),
            groups => groups
                .iter()
                .map(|(c, items)| speak_group(say, *c, items, book.single_chapter()))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }

    /// Psalms are read by number, not chapter: "Psalm twenty-three, verses one through three".
    fn spoken_psalms(&self, say: Say) -> String {
        let w = say.words;
        let parts: Vec<String> = self
            .groups
            .iter()
            .map(|(c, items)| match (c, items.as_slice()) {
                (Some(c), _) => format!("{} {}, {}", w.psalm, say.number(*c), verses(say, items)),
                (None, [Item::Span { from, to, parts }]) => format!(
                    "{psalm} {}, {verse} {}, {through} {psalm} {}, {verse} {}",
                    say.number(from.0),
                    say.verse((from.1, parts.0)),
                    say.number(to.0),
                    say.verse((to.1, parts.1)),
                    psalm = w.psalm,
                    verse = w.verse,
                    through = w.span_through,
                ),
                (None, [Item::Chapter(c)]) => format!("{} {}", w.psalm, say.number(*c)),
                (None, items) => format!("{} {}", w.psalms, list(say, &chapter_words(say, items))),
            })
            .collect();
        parts.join("; ")
    }
}

/// "twenty-nine, and thirty-four through thirty-nine".
fn list(say: Say, items: &[String]) -> String {
    let (and, through) = (say.words.and, say.words.through);
    let inner = |x: &String| x.contains(&format!(" {through} ")) || x.contains(&format!(" {and} "));
    match items {
        [] => String::new(),
        [one] => one.clone(),
        // "four and five", but "thirty-four, and twenty-six and twenty-seven".
        [a, b] if !say.words.serial_comma || ![a, b].iter().any(|x| inner(x)) => {
            format!("{a} {and} {b}")
        }
        [init @ .., last] if say.words.serial_comma => {
            format!("{}, {and} {last}", init.join(", "))
        }
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

/// One range of verses or chapters: adjacent pairs read "and", longer ranges "through".
fn range(say: Say, a: Verse, b: Verse) -> String {
    let joint = if b.0 == a.0 + 1 {
        say.words.and
    } else {
        say.words.through
    };
    format!("{} {joint} {}", say.verse(a), say.verse(b))
}

/// "sixteen and following", "sixteen and the next".
fn onward(say: Say, n: u16, o: Onward) -> String {
    let words = match o {
        Onward::All => say.words.following,
        Onward::Next => say.words.next,
    };
    format!("{} {words}", say.number(n))
}

/// Whole chapters and chapter ranges as words ("eight", "one through three").
fn chapter_words(say: Say, items: &[Item]) -> Vec<String> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Chapter(c) => Some(say.number(*c)),
            Item::Chapters(a, b) => Some(range(say, (*a, None), (*b, None))),
            Item::ChapterOnward(c, o) => Some(onward(say, *c, *o)),
            _ => None,
        })
        .collect()
}

/// Reads a list of verse items ("verses twenty-nine, and thirty-four through thirty-nine").
pub fn speak_verses(items: &[Item], scripture: &Scripture) -> String {
    verses(Say::of(scripture), items)
}

fn verses(say: Say, items: &[Item]) -> String {
    let plural = items.len() > 1
        || items
            .iter()
            .any(|i| matches!(i, Item::Verses(..) | Item::VerseOnward(_, Onward::All)));
    let words: Vec<String> = items
        .iter()
        .filter_map(|i| match i {
            Item::Verse(v, l) => Some(say.verse((*v, *l))),
            Item::Verses(a, b) => Some(range(say, *a, *b)),
            Item::VerseOnward(v, o) => Some(onward(say, *v, *o)),
            _ => None,
        })
        .collect();
    let w = say.words;
    let word = if plural { w.verses } else { w.verse };
    format!("{word} {}", list(say, &words))
}

fn speak_group(say: Say, chapter: Option<u16>, items: &[Item], single: bool) -> String {
    let w = say.words;
    match (chapter, items) {
        (Some(1), _) if single => verses(say, items),
        (Some(c), _) => format!("{} {}, {}", w.chapter, say.number(c), verses(say, items)),
        (None, [Item::Span { from, to, parts }]) => format!(
            "{chapter} {}, {verse} {}, {through} {chapter} {}, {verse} {}",
            say.number(from.0),
            say.verse((from.1, parts.0)),
            say.number(to.0),
            say.verse((to.1, parts.1)),
            chapter = w.chapter,
            verse = w.verse,
            through = w.span_through,
        ),
        (None, _) if single => verses(say, items),
        (None, _) => {
            let plural = items.len() > 1
                || items
                    .iter()
                    .any(|i| matches!(i, Item::Chapters(..) | Item::ChapterOnward(_, Onward::All)));
            let word = if plural { w.chapters } else { w.chapter };
            format!("{word} {}", list(say, &chapter_words(say, items)))
        }
    }
}
