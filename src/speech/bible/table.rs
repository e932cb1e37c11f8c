//! One language's way with Scripture: how it writes the books' names, which of them are also
//! ordinary words, and the words a reference is said with. A language gives a [`Table`] of
//! plain data; [`Scripture`] indexes it once for the parser.

use super::{canon, Onward};
use std::collections::{HashMap, HashSet};

/// One book as a language names it.
#[derive(Debug)]
pub struct BookName {
    /// OSIS code, matching `versification.txt`.
    pub osis: &'static str,
    /// The name as read aloud.
    pub spoken: &'static str,
    /// 0 for unnumbered books, else 1–3 ("First Peter").
    pub number: u8,
    /// Written forms after any number prefix, lower case without periods.
    pub forms: &'static [&'static str],
}

/// The words a reference is said with.
#[derive(Debug)]
pub struct Phrasing {
    /// "chapter", before one chapter's number.
    pub chapter: &'static str,
    /// "chapters", before several.
    pub chapters: &'static str,
    /// "verse".
    pub verse: &'static str,
    /// "verses".
    pub verses: &'static str,
    /// "Psalm": Psalms are read by number, not chapter.
    pub psalm: &'static str,
    /// "Psalms".
    pub psalms: &'static str,
    /// Between the book's name and its chapter: " " ("Romans chapter eight").
    pub after_book: &'static str,
    /// Between the two numbers of a range: "through".
    pub through: &'static str,
    /// Before the end of a range that crosses chapters or psalms ("through chapter two").
    pub span_through: &'static str,
    /// Between two adjacent numbers and before a list's last item: "and".
    pub and: &'static str,
    /// "or", between numbered books ("First or Second Samuel").
    pub or: &'static str,
    /// After a number with "ff.": "and following".
    pub following: &'static str,
    /// After a number with "f.": "and the next".
    pub next: &'static str,
    /// Between numbered books named as a range ("First through Third John").
    pub books_through: &'static str,
    /// Whether a list of three or more has a comma before its "and" ("one, two, and
    /// three"), and a list of two whose items are ranges too.
    pub serial_comma: bool,
}

/// A language's Scripture tables, as plain data.
pub struct Table {
    /// The books, each with its OSIS code; every book of [`canon`] must be named.
    pub books: &'static [BookName],
    /// How the number of a numbered book is written: "1", "i", "1st", "first".
    pub number_prefixes: fn(u8) -> &'static [&'static str],
    /// Written forms that are also ordinary words or names: a book only when capitalised and
    /// followed by a chapter that is not a counted noun ("he acts 3 times").
    pub ambiguous: &'static [&'static str],
    /// Ambiguous forms so common as words that only a chapter and verse make them a book
    /// ("Is 53:5").
    pub needs_verse: &'static [&'static str],
    /// Written forms read as the writer named the book ("Song of Solomon").
    pub as_written: &'static [(&'static str, &'static str)],
    /// Words that are full names of a book although no book lists them first ("psalm"): a
    /// period after them ends a sentence as after any word.
    pub full_names: &'static [&'static str],
    /// Nouns a number counts ("3 times"): such a number is no chapter or verse.
    pub counted: &'static [&'static str],
    /// Words after a number that keep an ambiguous name from being a book ("Numbers 4 of
    /// them"), though they do not end a list of verses.
    pub links: &'static [&'static str],
    /// Words joining items of a list of verses: "and" ("3:16 and 18").
    pub joints: &'static [&'static str],
    /// Markers after a number for the next verse or chapter, or all that follow, in the
    /// order they are tried: ("ff", All), ("f", Next).
    pub onward: &'static [(&'static str, Onward)],
    /// Words that open a list of verses of the chapter last named ("vv. ", "Verses ").
    pub verse_markers: &'static [&'static str],
    /// Whether a comma glued between numbers may part chapter from verse, and a period
    /// glued between verses list them, as Catholic editions write ("Jn 3,16.18").
    pub comma_verses: bool,
    /// Numbered books named together: each written joint and what is said ("-" is "and"
    /// between adjacent books, else [`Phrasing::books_through`]).
    pub book_joints: &'static [(&'static str, &'static str)],
    /// The words of a spoken reference.
    pub phrasing: Phrasing,
    /// Chapter and verse numbers in words.
    pub cardinal: fn(u64) -> String,
}

/// A language's table, indexed: every written form of every book, in lower case without
/// periods, with its book's index in [`canon`].
pub struct Scripture {
    /// The plain data.
    pub table: &'static Table,
    /// The spoken name of each book of the canon, by index.
    spoken: Vec<&'static str>,
    /// The index of each book's [`BookName`] in the table, by canon index.
    entries: Vec<usize>,
    pub(super) names: HashMap<String, usize>,
    pub(super) max_words: usize,
    abbreviations: HashSet<String>,
}

impl Scripture {
    /// Indexes `table`. Every book of the canon must be named in it.
    pub fn new(table: &'static Table) -> Scripture {
        let canon = canon();
        let mut spoken = vec![""; canon.len()];
        let mut entries = vec![usize::MAX; canon.len()];
        let mut names = HashMap::new();
        for (k, b) in table.books.iter().enumerate() {
            let Some(i) = canon.iter().position(|c| c.osis == b.osis) else {
                continue;
            };
            spoken[i] = b.spoken;
            entries[i] = k;
            for name in written_forms(b, table.number_prefixes) {
                names.insert(name, i);
            }
        }
        let max_words = names
            .keys()
            .map(|n| n.split(' ').count())
            .max()
            .unwrap_or(1);
        Scripture {
            table,
            spoken,
            entries,
            names,
            max_words,
            abbreviations: abbreviations(table),
        }
    }

    /// The spoken name of book `book` (an index into [`canon`]).
    pub fn spoken(&self, book: usize) -> &'static str {
        self.spoken.get(book).copied().unwrap_or("")
    }

    /// The table's entry for book `book` (an index into [`canon`]), if it names it.
    pub fn entry(&self, book: usize) -> Option<&'static BookName> {
        self.table.books.get(*self.entries.get(book)?)
    }

    /// Whether every book of the canon has a name and a spoken form.
    pub fn names_every_book(&self) -> bool {
        self.spoken.iter().all(|s| !s.is_empty())
    }

    /// Whether a word (without its period) abbreviates a book, so a period after it does not
    /// end a sentence before a number ("Heb. 7"). Full names ("Romans.", "John.") are not.
    pub fn is_book_abbreviation(&self, word: &str) -> bool {
        self.abbreviations.contains(&word.to_lowercase())
    }
}

/// Every written form of a book: numbered books with each number prefix ("1 pet", "1pet",
/// "i pet", "first pet").
fn written_forms(b: &BookName, prefixes: fn(u8) -> &'static [&'static str]) -> Vec<String> {
    if b.number == 0 {
        return b.forms.iter().map(|f| f.to_string()).collect();
    }
    let mut out = Vec::new();
    for p in prefixes(b.number) {
        for f in b.forms {
            out.push(format!("{p} {f}"));
            if p.chars().all(|c| c.is_ascii_digit()) {
                out.push(format!("{p}{f}"));
            }
        }
    }
    out
}

/// The last words of the books' forms that are short forms, not full names.
fn abbreviations(table: &Table) -> HashSet<String> {
    let full: HashSet<&str> = table
        .books
        .iter()
        .flat_map(|b| b.forms.first().copied())
        .chain(table.full_names.iter().copied())
        .collect();
    table
        .books
        .iter()
        .flat_map(|b| b.forms.iter())
        .flat_map(|f| f.split(' ').next_back())
        .filter(|w| w.chars().all(char::is_alphabetic) && !full.contains(w))
        .map(str::to_string)
        .collect()
}
