//! Bible references found in prose and read the way a careful reader says them:
//! "Heb. 7:25-26" → "Hebrews chapter seven, verses twenty-five and twenty-six".
//!
//! Only real references are rewritten: every chapter and verse is checked against the
//! versification table (`versification.txt`), and words that are also book names ("Mark",
//! "Acts", "Job") need a capital and a chapter. Numbers come out as words, so no engine can
//! read "7:25" as a time.

use super::books::{number_prefixes, AMBIGUOUS, BOOKS};
use super::numbers::cardinal;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A book with its versification.
pub struct Book {
    /// OSIS code.
    pub osis: &'static str,
    /// Spoken name.
    pub spoken: &'static str,
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

/// The book table with every written form indexed.
pub struct Bible {
    /// Books in canonical order.
    pub books: Vec<Book>,
    names: HashMap<String, usize>,
    max_words: usize,
}

/// The shared table, built once.
pub fn bible() -> &'static Bible {
    static B: OnceLock<Bible> = OnceLock::new();
    B.get_or_init(|| {
        let data = include_str!("versification.txt");
        let mut verses: HashMap<&str, Vec<u16>> = HashMap::new();
        for line in data
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let mut parts = line.split_whitespace();
            if let Some(osis) = parts.next() {
                verses.insert(osis, parts.filter_map(|n| n.parse().ok()).collect());
            }
        }
        let mut books = Vec::new();
        let mut names = HashMap::new();
        let mut max_words = 1;
        for (i, b) in BOOKS.iter().enumerate() {
            books.push(Book {
                osis: b.osis,
                spoken: b.spoken,
                verses: verses.remove(b.osis).unwrap_or_default(),
            });
            let mut add = |name: String| {
                max_words = max_words.max(name.split(' ').count());
                names.insert(name, i);
            };
            if b.number == 0 {
                for f in b.forms {
                    add(f.to_string());
                }
            } else {
                for p in number_prefixes(b.number) {
                    for f in b.forms {
                        add(format!("{p} {f}"));
                        if p.chars().all(|c| c.is_ascii_digit()) {
                            add(format!("{p}{f}"));
                        }
                    }
                }
            }
        }
        Bible {
            books,
            names,
            max_words,
        }
    })
}

/// One item in a chapter's list of verses.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A verse, with an optional part letter ("25a").
    Verse(u16, Option<char>),
    /// Verses a–b.
    Verses(u16, u16),
    /// A whole chapter.
    Chapter(u16),
    /// Chapters a–b.
    Chapters(u16, u16),
    /// From chapter:verse to chapter:verse.
    Span { from: (u16, u16), to: (u16, u16) },
}

/// A reference: a book and its groups of items by chapter.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// Index into [`Bible::books`].
    pub book: usize,
    /// Chapter groups in order; `chapter` is `None` for whole-chapter items.
    pub groups: Vec<(Option<u16>, Vec<Item>)>,
}

impl Reference {
    /// The chapter a following "v."/"vv." refers to.
    pub fn last_chapter(&self) -> Option<u16> {
        let (c, items) = self.groups.last()?;
        match (c, items.last()?) {
            (Some(c), _) => Some(*c),
            (None, Item::Chapter(c)) | (None, Item::Chapters(_, c)) => Some(*c),
            (None, Item::Span { to, .. }) => Some(to.0),
            _ => None,
        }
    }

    /// OSIS ranges, for comparing with other parsers ("Rom.8.29", "Rom.8.34-Rom.8.39").
    pub fn osis(&self) -> Vec<String> {
        let b = bible().books[self.book].osis;
        let mut out = Vec::new();
        for (c, items) in &self.groups {
            for item in items {
                out.push(match (c, item) {
                    (Some(c), Item::Verse(v, _)) => format!("{b}.{c}.{v}"),
                    (Some(c), Item::Verses(x, y)) => format!("{b}.{c}.{x}-{b}.{c}.{y}"),
                    (_, Item::Chapter(c)) => format!("{b}.{c}"),
                    (_, Item::Chapters(x, y)) => format!("{b}.{x}-{b}.{y}"),
                    (_, Item::Span { from, to }) => {
                        format!("{b}.{}.{}-{b}.{}.{}", from.0, from.1, to.0, to.1)
                    }
                    (None, Item::Verse(v, _)) => format!("{b}.1.{v}"),
                    (None, Item::Verses(x, y)) => format!("{b}.1.{x}-{b}.1.{y}"),
                });
            }
        }
        out
    }

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
        format!("{} {}", book.spoken, groups.join("; "))
    }
}

impl Reference {
    /// Psalms are read by number, not chapter: "Psalm twenty-three, verses one through three".
    fn spoken_psalms(&self) -> String {
        let parts: Vec<String> = self
            .groups
            .iter()
            .map(|(c, items)| match (c, items.as_slice()) {
                (Some(c), _) => format!("Psalm {}, {}", cardinal((*c).into()), speak_verses(items)),
                (None, [Item::Span { from, to }]) => format!(
                    "Psalm {}, verse {}, through Psalm {}, verse {}",
                    cardinal(from.0.into()),
                    cardinal(from.1.into()),
                    cardinal(to.0.into()),
                    cardinal(to.1.into())
                ),
                (None, [Item::Chapter(c)]) => format!("Psalm {}", cardinal((*c).into())),
                (None, items) => {
                    let words = chapter_words(items);
                    format!("Psalms {}", speak_list(&words))
                }
            })
            .collect();
        parts.join("; ")
    }
}

fn letter_suffix(l: Option<char>) -> String {
    l.map(|c| format!(" {c}")).unwrap_or_default()
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
    if b == a + 1 {
        format!("{} and {}", cardinal(a.into()), cardinal(b.into()))
    } else {
        format!("{} through {}", cardinal(a.into()), cardinal(b.into()))
    }
}

/// Whole chapters and chapter ranges as words ("eight", "one through three").
fn chapter_words(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .map(|i| match i {
            Item::Chapter(c) => cardinal((*c).into()),
            Item::Chapters(a, b) => speak_range(*a, *b),
            _ => String::new(),
        })
        .collect()
}

/// Reads a list of verse items ("verses twenty-nine, and thirty-four through thirty-nine").
pub fn speak_verses(items: &[Item]) -> String {
    let plural = items.len() > 1 || items.iter().any(|i| matches!(i, Item::Verses(..)));
    let words: Vec<String> = items
        .iter()
        .map(|i| match i {
            Item::Verse(v, l) => format!("{}{}", cardinal((*v).into()), letter_suffix(*l)),
            Item::Verses(a, b) => speak_range(*a, *b),
            _ => String::new(),
        })
        .collect();
    format!(
        "{} {}",
        if plural { "verses" } else { "verse" },
        speak_list(&words)
    )
}

fn speak_group(chapter: Option<u16>, items: &[Item], single: bool) -> String {
    match chapter {
        Some(c) if single && c == 1 => speak_verses(items),
        Some(c) => format!("chapter {}, {}", cardinal(c.into()), speak_verses(items)),
        None => {
            if let [Item::Span { from, to }] = items {
                return format!(
                    "chapter {}, verse {}, through chapter {}, verse {}",
                    cardinal(from.0.into()),
                    cardinal(from.1.into()),
                    cardinal(to.0.into()),
                    cardinal(to.1.into())
                );
            }
            if single {
                return speak_verses(items);
            }
            let plural = items.len() > 1 || items.iter().any(|i| matches!(i, Item::Chapters(..)));
            let words = chapter_words(items);
            format!(
                "{} {}",
                if plural { "chapters" } else { "chapter" },
                speak_list(&words)
            )
        }
    }
}

/// A reference found in text, with its byte span.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Byte offset where the book name starts.
    pub start: usize,
    /// Byte offset after the last number (and letter).
    pub end: usize,
    /// What was found.
    pub reference: Reference,
}

struct Cursor<'a> {
    s: &'a str,
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.pos..].chars().next()
    }
    fn number(&mut self) -> Option<u16> {
        let rest = &self.s[self.pos..];
        let len = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if len == 0 || len > 3 {
            return None;
        }
        let n = rest[..len].parse().ok()?;
        self.pos += len;
        Some(n)
    }
    /// A verse letter "a"–"c" directly after a number and not starting a word.
    fn letter(&mut self) -> Option<char> {
        let rest = &self.s[self.pos..];
        let mut it = rest.chars();
        let c = it.next()?;
        if matches!(c, 'a' | 'b' | 'c') && !it.next().is_some_and(char::is_alphanumeric) {
            self.pos += 1;
            Some(c)
        } else {
            None
        }
    }
    fn dash(&mut self) -> bool {
        let rest = &self.s[self.pos..];
        for d in ["-", "–", "—"] {
            if let Some(r) = rest.strip_prefix(d) {
                if r.starts_with(|c: char| c.is_ascii_digit()) {
                    self.pos += d.len();
                    return true;
                }
            }
        }
        false
    }
    /// A list separator ", " or "; " (or " and ") followed by a digit.
    fn separator(&mut self) -> Option<char> {
        let rest = &self.s[self.pos..];
        let (sep, skip) = if let Some(r) = rest.strip_prefix(',') {
            (',', rest.len() - r.trim_start().len())
        } else if let Some(r) = rest.strip_prefix(';') {
            (';', rest.len() - r.trim_start().len())
        } else {
            return None;
        };
        if rest[skip..].starts_with(|c: char| c.is_ascii_digit()) {
            self.pos += skip;
            Some(sep)
        } else {
            None
        }
    }
}

/// Words counted by a number: "he acts 3 times", "Numbers 4 of them".
const COUNTED: &[&str] = &[
    "times", "time", "items", "item", "things", "people", "persons", "days", "day", "years",
    "year", "hours", "minutes", "weeks", "months", "men", "women", "children", "of", "more",
    "less", "or", "percent", "points", "dollars", "pounds", "miles", "feet", "steps", "ways",
    "books", "pages", "copies", "votes", "goals", "runs", "out",
];

/// Parses chapter and verse numbers after a book name, at `pos`.
fn parse_body(text: &str, pos: usize, book: usize, ambiguous: bool) -> Option<(usize, Reference)> {
    let b = &bible().books[book];
    let mut cur = Cursor { s: text, pos };
    let mut groups: Vec<(Option<u16>, Vec<Item>)> = Vec::new();
    // The context for bare numbers after a separator.
    let mut chapter: Option<u16> = None; // Some when the last item had verses
    let mut end;
    let mut first = true;
    loop {
        let save = cur.pos;
        let a = cur.number()?;
        let item_ok;
        if cur.peek() == Some(':')
            || cur.peek() == Some('.')
                && text[cur.pos + 1..].starts_with(|c: char| c.is_ascii_digit())
                && first
        {
            // chapter:verse
            cur.pos += 1;
            let v = cur.number()?;
            let l = cur.letter();
            let c = a;
            if cur.dash() {
                let save_dash = cur.pos;
                let x = cur.number()?;
                if cur.peek() == Some(':')
                    && text[cur.pos + 1..].starts_with(|c: char| c.is_ascii_digit())
                {
                    cur.pos += 1;
                    let y = cur.number()?;
                    cur.letter();
                    item_ok = b.has(c, Some(v)) && b.has(x, Some(y)) && (x, y) > (c, v);
                    if item_ok {
                        groups.push((
                            None,
                            vec![Item::Span {
                                from: (c, v),
                                to: (x, y),
                            }],
                        ));
                        chapter = Some(x);
                    }
                } else {
                    let _ = save_dash;
                    cur.letter();
                    // "4:17-17" is written now and then; it is the one verse.
                    item_ok = b.has(c, Some(v)) && b.has(c, Some(x)) && x >= v;
                    if item_ok {
                        let item = if x == v {
                            Item::Verse(v, l)
                        } else {
                            Item::Verses(v, x)
                        };
                        groups.push((Some(c), vec![item]));
                        chapter = Some(c);
                    }
                }
            } else {
                item_ok = b.has(c, Some(v));
                if item_ok {
                    groups.push((Some(c), vec![Item::Verse(v, l)]));
                    chapter = Some(c);
                }
            }
        } else if let (Some(c), false) = (chapter, first) {
            // A bare verse (range) continuing the current chapter: ", 34-39".
            let l = cur.letter();
            let item = if cur.dash() {
                let y = cur.number()?;
                cur.letter();
                (b.has(c, Some(y)) && y > a).then_some(Item::Verses(a, y))
            } else {
                b.has(c, Some(a)).then_some(Item::Verse(a, l))
            };
            item_ok = item.is_some();
            if let Some(item) = item {
                match groups.last_mut() {
                    Some((Some(gc), items)) if *gc == c => items.push(item),
                    _ => groups.push((Some(c), vec![item])),
                }
            }
        } else if b.single_chapter() {
            // "Jude 3", "Philem. 5-6": verses of the only chapter.
            let l = cur.letter();
            let item = if cur.dash() {
                let y = cur.number()?;
                (b.has(1, Some(y)) && y > a).then_some(Item::Verses(a, y))
            } else {
                b.has(1, Some(a)).then_some(Item::Verse(a, l))
            };
            item_ok = item.is_some();
            if let Some(item) = item {
                match groups.last_mut() {
                    Some((Some(1), items)) => items.push(item),
                    _ => groups.push((Some(1), vec![item])),
                }
                chapter = Some(1);
            }
        } else {
            // Whole chapters: "Romans 8", "Gen. 1-3".
            let item = if cur.dash() {
                let y = cur.number()?;
                (b.has(a, None) && b.has(y, None) && y > a).then_some(Item::Chapters(a, y))
            } else {
                b.has(a, None).then_some(Item::Chapter(a))
            };
            item_ok = item.is_some();
            if let Some(item) = item {
                match groups.last_mut() {
                    Some((None, items)) if !matches!(items[0], Item::Span { .. }) => {
                        items.push(item)
                    }
                    _ => groups.push((None, vec![item])),
                }
                chapter = None;
            }
        }
        let glued = cur.peek().is_some_and(char::is_alphanumeric)
            || (cur.peek() == Some(':')
                && text[cur.pos + 1..].starts_with(|c: char| c.is_ascii_digit()));
        if !item_ok || glued {
            if first {
                return None;
            }
            // Keep what was valid before this item.
            cur.pos = save;
            break;
        }
        end = cur.pos;
        first = false;
        let before_sep = cur.pos;
        match cur.separator() {
            Some(sep) => {
                // "; 1 John 2:27" starts a new book, not a chapter of this one.
                if starts_book(text, cur.pos) {
                    cur.pos = before_sep;
                    break;
                }
                if sep == ';' && !b.single_chapter() {
                    chapter = None;
                    // "; 12:4-5" or "; 9" (a chapter)
                }
            }
            None => break,
        }
        let _ = end;
    }
    // Trim a trailing separator we stepped over.
    let mut end_pos = cur.pos;
    while end_pos > pos && !text[..end_pos].ends_with(|c: char| c.is_ascii_alphanumeric()) {
        end_pos -= text[..end_pos]
            .chars()
            .next_back()
            .map_or(1, char::len_utf8);
    }
    if groups.is_empty() {
        return None;
    }
    if ambiguous {
        let only_chapter = groups.iter().all(|(c, _)| c.is_none());
        if only_chapter {
            let next = text[end_pos..].trim_start();
            let word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
            if COUNTED.contains(&word.to_lowercase().as_str()) {
                return None;
            }
        }
    }
    Some((end_pos, Reference { book, groups }))
}

/// The book whose written form starts at `pos`, with the byte offset after the name (and
/// its period), and whether the form is an ambiguous word.
fn book_at(text: &str, pos: usize) -> Option<(usize, usize, bool)> {
    let bible = bible();
    let rest = &text[pos..];
    // Candidate words: up to max_words whitespace-separated chunks.
    let mut chunks: Vec<(usize, &str)> = Vec::new(); // (end offset within rest, chunk)
    let mut offset = 0;
    for _ in 0..bible.max_words {
        let r = &rest[offset..];
        let lead = r.len() - r.trim_start().len();
        if offset > 0 && lead == 0 {
            break;
        }
        let r = &r[lead..];
        let len = r
            .find(|c: char| !(c.is_alphanumeric() || c == '.'))
            .unwrap_or(r.len());
        if len == 0 {
            break;
        }
        offset += lead + len;
        chunks.push((offset, &r[..len]));
    }
    for k in (1..=chunks.len()).rev() {
        let words: Vec<&str> = chunks[..k].iter().map(|(_, c)| *c).collect();
        // A period may only end an abbreviation, or separate letters ("S.S.").
        let last = words[k - 1];
        let inner_period = words[..k - 1].iter().any(|w| w.contains('.'));
        if inner_period {
            continue;
        }
        let key = words
            .iter()
            .map(|w| w.replace('.', "").to_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
        let Some(&book) = bible.names.get(&key) else {
            continue;
        };
        let mut end = pos + chunks[k - 1].0;
        // "1Pet.1:3": a period glued to the number is not part of the name.
        if last.ends_with('.') {
            // fine: the period belongs to the abbreviation
        } else if last.contains('.') && !last.chars().filter(|&c| c == '.').count() > 1 {
            continue;
        }
        let base = key.rsplit(' ').next().unwrap_or(&key);
        let is_ambiguous = AMBIGUOUS.contains(&base) && !key.contains(' ');
        if is_ambiguous {
            let first = text[pos..].chars().next();
            if !first.is_some_and(char::is_uppercase) {
                continue;
            }
        }
        // The name must be followed by white space then a digit.
        let after = &text[end..];
        let ws = after.len() - after.trim_start().len();
        if ws == 0 || !after[ws..].starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        end += ws;
        return Some((book, end, is_ambiguous));
    }
    None
}

/// Whether a word (without its period) abbreviates a book, so a period after it does not end
/// a sentence ("Heb. 7"). Full names ("Romans.", "John.") can end one.
pub fn is_book_abbreviation(word: &str) -> bool {
    static WORDS: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    WORDS
        .get_or_init(|| {
            let full: std::collections::HashSet<&str> = BOOKS
                .iter()
                .flat_map(|b| b.forms.first().copied())
                .chain([
                    "psalm",
                    "songs",
                    "solomon",
                    "canticles",
                    "song",
                    "samuel",
                    "kings",
                ])
                .collect();
            BOOKS
                .iter()
                .flat_map(|b| b.forms.iter())
                .flat_map(|f| f.split(' ').next_back())
                .filter(|w| w.chars().all(char::is_alphabetic) && !full.contains(w))
                .map(str::to_string)
                .collect()
        })
        .contains(&word.to_lowercase())
}

fn starts_book(text: &str, pos: usize) -> bool {
    book_at(text, pos).is_some_and(|(b, end, amb)| parse_body(text, end, b, amb).is_some())
}

fn word_start(text: &str, i: usize) -> bool {
    i == 0 || !text[..i].ends_with(|c: char| c.is_alphanumeric() || c == '.' || c == '\'')
}

/// A book name followed by a number, at `start`: the reference it makes, or `None` when the
/// numbers are not a valid reference for that book.
struct Candidate {
    start: usize,
    body: usize,
    ambiguous: bool,
    parsed: Option<(usize, Reference)>,
}

/// Every book name followed by a number, left to right. After a valid reference the scan
/// goes on past it; after an invalid one, past the name, so "2 John 2:1" is not retried as
/// "John 2:1".
fn candidates(text: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let alnum = text[i..].starts_with(|c: char| c.is_alphanumeric());
        if alnum && word_start(text, i) {
            if let Some((book, body, ambiguous)) = book_at(text, i) {
                let parsed = parse_body(text, body, book, ambiguous);
                let next = parsed.as_ref().map_or(body, |(end, _)| *end);
                out.push(Candidate {
                    start: i,
                    body,
                    ambiguous,
                    parsed,
                });
                i = next;
                continue;
            }
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// Every reference in a text, left to right.
pub fn find_all(text: &str) -> Vec<Found> {
    candidates(text)
        .into_iter()
        .filter_map(|c| {
            c.parsed.map(|(end, reference)| Found {
                start: c.start,
                end,
                reference,
            })
        })
        .collect()
}

/// Book names followed by numbers that are not a valid reference ("Heb. 14:1": Hebrews has
/// 13 chapters), as written, for `devocast check`. Ambiguous words ("Mark 2 items") are
/// ordinary prose, not mistakes.
pub fn unreadable(text: &str) -> Vec<String> {
    candidates(text)
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

/// A "v."/"vv."/"verse(s)" list after a reference: parsed against the context chapter.
pub fn parse_verse_list(text: &str, pos: usize) -> Option<(usize, Vec<Item>)> {
    let mut cur = Cursor { s: text, pos };
    let mut items = Vec::new();
    loop {
        let a = cur.number()?;
        let l = cur.letter();
        if cur.dash() {
            let b = cur.number()?;
            cur.letter();
            if b <= a {
                return None;
            }
            items.push(Item::Verses(a, b));
        } else {
            items.push(Item::Verse(a, l));
        }
        if cur.peek().is_some_and(|c| c.is_alphanumeric() || c == ':') {
            return None;
        }
        let before = cur.pos;
        match cur.separator() {
            Some(',') => continue,
            _ => {
                cur.pos = before;
                break;
            }
        }
    }
    Some((cur.pos, items))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speak(text: &str) -> String {
        let found = find_all(text);
        let mut out = String::new();
        let mut last = 0;
        for f in found {
            out.push_str(&text[last..f.start]);
            out.push_str(&f.reference.spoken());
            last = f.end;
        }
        out.push_str(&text[last..]);
        out
    }

    #[test]
    fn table_has_66_books_with_chapters() {
        let b = bible();
        assert_eq!(b.books.len(), 66);
        assert!(
            b.books.iter().all(|b| !b.verses.is_empty()),
            "a book lacks versification"
        );
        assert_eq!(b.books[18].chapters(), 150);
        assert_eq!(b.books[64].verses, vec![25]);
    }

    #[test]
    fn spoken_forms() {
        for (written, spoken) in [
            ("Heb. 7:25-26", "Hebrews chapter seven, verses twenty-five and twenty-six"),
            ("1 Pet. 1:3", "First Peter chapter one, verse three"),
            (
                "Rom. 8:29, 34-39; 12:4-5",
                "Romans chapter eight, verses twenty-nine, and thirty-four through thirty-nine; chapter twelve, verses four and five",
            ),
            ("Romans 8", "Romans chapter eight"),
            ("Gen. 1-3", "Genesis chapters one through three"),
            ("John 1:1-2:11", "John chapter one, verse one, through chapter two, verse eleven"),
            ("Jude 3", "Jude verse three"),
            ("Philem. 5", "Philemon verse five"),
            ("3 John 4", "Third John verse four"),
            ("Psa. 23:1-3", "Psalm twenty-three, verses one through three"),
            ("Ps 119:105", "Psalm one hundred nineteen, verse one hundred five"),
            ("Psalm 23", "Psalm twenty-three"),
            ("Psalms 1-2", "Psalms one and two"),
            ("Ps. 23:1; 24:1", "Psalm twenty-three, verse one; Psalm twenty-four, verse one"),
            ("S.S. 1:4", "Song of Songs chapter one, verse four"),
            ("Song of Songs 2:4", "Song of Songs chapter two, verse four"),
            ("I Cor. 13:4", "First Corinthians chapter thirteen, verse four"),
            ("1st John 4:8", "First John chapter four, verse eight"),
            ("First Thessalonians 5:16-18", "First Thessalonians chapter five, verses sixteen through eighteen"),
            ("2 Tim 4:22", "Second Timothy chapter four, verse twenty-two"),
            ("1Pet 2:2", "First Peter chapter two, verse two"),
            ("Heb. 7:25a", "Hebrews chapter seven, verse twenty-five a"),
            ("Phil. 1:6, 19-21; 4:11-13", "Philippians chapter one, verses six, and nineteen through twenty-one; chapter four, verses eleven through thirteen"),
            ("Heb. 12:10–11", "Hebrews chapter twelve, verses ten and eleven"),
            ("Rom. 8:34, 26-27", "Romans chapter eight, verses thirty-four, and twenty-six and twenty-seven"),
            ("John 3:16, 18", "John chapter three, verses sixteen and eighteen"),
            ("Gal. 2:20; 5:22-23", "Galatians chapter two, verse twenty; chapter five, verses twenty-two and twenty-three"),
        ] {
            assert_eq!(speak(written), spoken, "{written}");
        }
    }

    #[test]
    fn references_in_prose() {
        assert_eq!(
            speak("we were born anew (1 Pet. 1:3). See John 15:1-16; 1 John 2:27."),
            "we were born anew (First Peter chapter one, verse three). See John chapter fifteen, verses one through sixteen; First John chapter two, verse twenty-seven."
        );
        assert_eq!(speak("(cf. Heb. 12:10-11; Rom. 8:28-29)"), "(cf. Hebrews chapter twelve, verses ten and eleven; Romans chapter eight, verses twenty-eight and twenty-nine)");
        assert_eq!(
            speak("In John 15 the Lord speaks"),
            "In John chapter fifteen the Lord speaks"
        );
    }

    #[test]
    fn non_references_stay() {
        for text in [
            "mark 2 items",
            "he acts 3 times",
            "John 3 times a day",
            "Numbers 4 of them",
            "Heb. 14:1", // Hebrews has 13 chapters
            "Rom. 8:40", // Romans 8 has 39 verses
            "Jude 30",   // Jude has 25 verses
            "Job well done",
            "I am 5",
            "a song 3 times",
            "Mark my words",
            "at 7:25 am",
            "pp. 25-26",
        ] {
            assert_eq!(speak(text), text, "rewrote {text:?}");
        }
    }

    #[test]
    fn partially_valid_lists_keep_the_valid_part() {
        assert_eq!(
            speak("Rom. 8:29, 99"),
            "Romans chapter eight, verse twenty-nine, 99"
        );
    }

    #[test]
    fn unreadable_references_are_reported() {
        assert_eq!(
            unreadable("See Heb. 14:1 and Rom. 8:28."),
            vec!["Heb. 14:1"]
        );
        assert!(unreadable("Mark 2 items, John 3:16").is_empty());
    }

    #[test]
    fn osis_for_differential_checks() {
        let f = find_all("Rom. 8:29, 34-39; 12:4-5");
        assert_eq!(
            f[0].reference.osis(),
            vec!["Rom.8.29", "Rom.8.34-Rom.8.39", "Rom.12.4-Rom.12.5"]
        );
    }
}
