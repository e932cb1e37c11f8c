//! Finding references: a book name as written, then its chapters and verses.

use super::{canon, Book, Item, Onward, Reference, Scripture, MAX_VERSE};

/// Reads numbers, letters and separators from a position in the text.
struct Cursor<'a> {
    s: &'a str,
    pos: usize,
    /// The language's onward markers and list joints.
    scripture: &'a Scripture,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        &self.s[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn number(&mut self) -> Option<u16> {
        let rest = self.rest();
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
        let mut it = self.rest().chars();
        let c = it.next()?;
        if matches!(c, 'a' | 'b' | 'c') && !it.next().is_some_and(char::is_alphanumeric) {
            self.pos += 1;
            Some(c)
        } else {
            None
        }
    }

    /// A range dash followed by a digit (the typography cleaner has made every dash a hyphen,
    /// but references are also parsed from the text as written).
    fn dash(&mut self) -> bool {
        for d in ["-", "–", "—"] {
            if let Some(r) = self.rest().strip_prefix(d) {
                if r.starts_with(|c: char| c.is_ascii_digit()) {
                    self.pos += d.len();
                    return true;
                }
            }
        }
        false
    }

    /// The colon (or, right after the book, a period: "Gen. 1.3"; or, where the language's
    /// editions write it, a glued comma: "Jn 3,16") between chapter and verse.
    fn verse_mark(&mut self, period_allowed: bool) -> bool {
        let rest = self.rest();
        let mark = rest.starts_with(':')
            || (period_allowed && rest.starts_with('.'))
            || (self.scripture.table.comma_verses && rest.starts_with(','));
        if mark && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
            self.pos += 1;
            return true;
        }
        false
    }

    /// "f."/"ff." after a number, glued or after one space. The period goes with it unless it
    /// is the last thing in the text, where it also ends the sentence.
    fn onward(&mut self) -> Option<Onward> {
        let rest = self.rest();
        let spaced = rest.starts_with(' ');
        let r = rest.trim_start_matches(' ');
        let (kind, len) = self
            .scripture
            .table
            .onward
            .iter()
            .find(|(m, _)| r.starts_with(m))
            .map(|(m, kind)| (*kind, m.len()))?;
        let after = &r[len..];
        let period = after.starts_with('.');
        if after[usize::from(period)..].starts_with(char::is_alphanumeric) || (spaced && !period) {
            return None;
        }
        let keep_period = period && !after[1..].trim().is_empty();
        self.pos += rest.len() - r.len() + len + usize::from(keep_period);
        Some(kind)
    }

    /// A list separator followed by a digit: ", ", "; ", " and " or ", and " (returned as
    /// ',', ';' and '&').
    fn separator(&mut self) -> Option<char> {
        let rest = self.rest();
        // ", and 18", " and 18".
        let joined = self.scripture.table.joints.iter().find_map(|j| {
            let r = rest.strip_prefix(", ").or_else(|| rest.strip_prefix(' '))?;
            Some(('&', r.strip_prefix(j)?.strip_prefix(' ')?))
        });
        let (sep, after) = match joined {
            Some(j) => j,
            // "Jn 3,16.18": a glued period lists verses where a comma parts chapter from verse.
            None if self.scripture.table.comma_verses && rest.starts_with('.') => (',', &rest[1..]),
            None => {
                let sep = rest.chars().next().filter(|c| matches!(c, ',' | ';'))?;
                (sep, rest[1..].trim_start())
            }
        };
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            self.pos += rest.len() - after.len();
            Some(sep)
        } else {
            None
        }
    }

    /// Whether the item just read runs into a word or another number ("3:16NIV", "3:16:2").
    fn glued(&self) -> bool {
        let rest = self.rest();
        rest.starts_with(char::is_alphanumeric)
            || (rest.starts_with(':') && rest[1..].starts_with(|c: char| c.is_ascii_digit()))
    }
}

/// Chapters and verses after a book name, checked against the table when `strict`, else
/// only kept within the bounds any book has.
struct Body<'a> {
    cur: Cursor<'a>,
    scripture: &'a Scripture,
    book: &'a Book,
    strict: bool,
    groups: Vec<(Option<u16>, Vec<Item>)>,
    /// The chapter that bare numbers continue (after a verse); `None` after whole chapters.
    chapter: Option<u16>,
}

impl Body<'_> {
    fn valid(&self, chapter: u16, verse: Option<u16>) -> bool {
        if self.strict {
            self.book.has(chapter, verse)
        } else {
            (1..=150).contains(&chapter) && verse.is_none_or(|v| (1..=MAX_VERSE).contains(&v))
        }
    }

    /// Reads one item; `None` when the numbers there do not make one.
    fn item(&mut self, first: bool) -> Option<()> {
        let a = self.cur.number()?;
        if self.cur.verse_mark(first) {
            self.chapter_and_verse(a)
        } else if let (Some(c), false) = (self.chapter, first) {
            self.verses_of(c, a)
        } else if self.book.single_chapter() {
            // "Jude 3", "Philem. 5-6": verses of the only chapter.
            self.verses_of(1, a)
        } else {
            self.whole_chapters(a)
        }
    }

    /// "7:25", "7:25-26", "4:17-17", "5:1-7:29", "3:16ff.".
    fn chapter_and_verse(&mut self, c: u16) -> Option<()> {
        let v = self.cur.number()?;
        let l = self.cur.letter();
        if !self.cur.dash() {
            let item = match self.cur.onward() {
                Some(o) => Item::VerseOnward(v, o),
                None => Item::Verse(v, l),
            };
            self.valid(c, Some(v)).then_some(())?;
            self.push(Some(c), item);
            self.chapter = Some(c);
            return Some(());
        }
        let x = self.cur.number()?;
        if self.cur.verse_mark(false) {
            let y = self.cur.number()?;
            let ly = self.cur.letter();
            (self.valid(c, Some(v)) && self.valid(x, Some(y)) && (x, y) > (c, v)).then_some(())?;
            self.groups.push((
                None,
                vec![Item::Span {
                    from: (c, v),
                    to: (x, y),
                    parts: (l, ly),
                }],
            ));
            self.chapter = Some(x);
            return Some(());
        }
        let lx = self.cur.letter();
        (self.valid(c, Some(v)) && self.valid(c, Some(x)) && x >= v).then_some(())?;
        // "4:17-17" is written now and then; it is the one verse.
        let item = if x == v && lx.is_none() {
            Item::Verse(v, l)
        } else {
            Item::Verses((v, l), (x, lx))
        };
        self.push(Some(c), item);
        self.chapter = Some(c);
        Some(())
    }

    /// A bare verse or verse range continuing chapter `c`: ", 34-39".
    fn verses_of(&mut self, c: u16, a: u16) -> Option<()> {
        let l = self.cur.letter();
        let item = if self.cur.dash() {
            let y = self.cur.number()?;
            let ly = self.cur.letter();
            (y > a && self.valid(c, Some(y))).then_some(Item::Verses((a, l), (y, ly)))?
        } else if let Some(o) = self.cur.onward() {
            Item::VerseOnward(a, o)
        } else {
            Item::Verse(a, l)
        };
        self.valid(c, Some(a)).then_some(())?;
        self.push(Some(c), item);
        self.chapter = Some(c);
        Some(())
    }

    /// Whole chapters: "Romans 8", "Gen. 1-3", "Gen. 12ff.".
    fn whole_chapters(&mut self, a: u16) -> Option<()> {
        let item = if self.cur.dash() {
            let y = self.cur.number()?;
            (self.valid(a, None) && self.valid(y, None) && y > a).then_some(Item::Chapters(a, y))?
        } else if let Some(o) = self.cur.onward() {
            Item::ChapterOnward(a, o)
        } else {
            Item::Chapter(a)
        };
        self.valid(a, None).then_some(())?;
        match self.groups.last_mut() {
            Some((None, items)) if !matches!(items[0], Item::Span { .. }) => items.push(item),
            _ => self.groups.push((None, vec![item])),
        }
        self.chapter = None;
        Some(())
    }

    /// Adds a verse item to its chapter's group, continuing the last group when it is the
    /// same chapter.
    fn push(&mut self, chapter: Option<u16>, item: Item) {
        match self.groups.last_mut() {
            Some((c, items)) if *c == chapter && chapter.is_some() => items.push(item),
            _ => self.groups.push((chapter, vec![item])),
        }
    }
}

/// Parses chapter and verse numbers after a book name, at `pos`: the end of the reference
/// and what it says.
fn parse_body(
    text: &str,
    pos: usize,
    name: &NameAt,
    strict: bool,
    scripture: &Scripture,
) -> Option<(usize, Reference)> {
    let mut body = Body {
        cur: Cursor {
            s: text,
            pos,
            scripture,
        },
        scripture,
        book: &canon()[name.book],
        strict,
        groups: Vec::new(),
        chapter: None,
    };
    let mut end = pos;
    loop {
        let first = end == pos;
        // What an item that turns out not to belong must give back.
        let before = (body.groups.clone(), body.chapter);
        let good =
            body.item(first).is_some() && !body.cur.glued() && (first || !counts_after(&body));
        if !good {
            if first {
                return None;
            }
            // Keep what was valid before this item.
            (body.groups, body.chapter) = before;
            break;
        }
        end = body.cur.pos;
        match body.cur.separator() {
            // "; 1 John 2:27" starts a new book, not a chapter of this one.
            Some(_) if starts_book(text, body.cur.pos, scripture) => break,
            // After "; " a bare number is a chapter again ("; 9"), or a chapter with verses.
            Some(';') if !body.book.single_chapter() => body.chapter = None,
            Some(_) => {}
            None => break,
        }
    }
    let reference = Reference {
        book: name.book,
        name: name.spoken,
        groups: body.groups,
    };
    plausible(text, end, name, &reference, scripture).then_some((end, reference))
}

/// Whether the word after the item just read is a noun it counts ("Psalm 23 and 4 more
/// verses"), so the item is not part of the reference.
fn counts_after(body: &Body) -> bool {
    let next = body.cur.rest().trim_start();
    let word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
    let word = word.to_lowercase();
    body.scripture.table.counted.contains(&word.as_str())
}

/// Whether an ambiguous name with its numbers reads as a reference: "Is 53:5" needs its
/// verse, and "Mark 2 items" counts things.
fn plausible(
    text: &str,
    end: usize,
    name: &NameAt,
    reference: &Reference,
    scripture: &Scripture,
) -> bool {
    let only_chapters = reference.groups.iter().all(|(c, _)| c.is_none());
    if !name.ambiguous || !only_chapters {
        return true;
    }
    if name.needs_verse {
        return false;
    }
    let next = text[end..].trim_start();
    let word: String = next
        .chars()
        .take_while(|c| c.is_alphabetic() || matches!(c, '.' | '\''))
        .collect();
    let word = word.to_lowercase();
    let table = scripture.table;
    !(table.counted.contains(&word.as_str()) || table.links.contains(&word.as_str()))
}

/// A book name found at a position of the text.
pub(super) struct NameAt {
    book: usize,
    /// Where its numbers start.
    body: usize,
    /// A form that is also a word or a name ("Mark", "Phil").
    ambiguous: bool,
    /// So common a word that only a chapter and verse make it a book ("Is").
    needs_verse: bool,
    /// The name to say, when the writer chose another than the usual one.
    spoken: Option<&'static str>,
}

/// Up to `max` words at the start of `rest` (letters, digits and periods), each with the
/// byte offset after it.
fn leading_words(rest: &str, max: usize) -> Vec<(usize, &str)> {
    let mut chunks = Vec::new();
    let mut offset = 0;
    for _ in 0..max {
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
    chunks
}

/// The book whose written form starts at `pos` and is followed by white space and a digit;
/// the longest form wins ("1 John" over "John").
fn book_at(text: &str, pos: usize, scripture: &Scripture) -> Option<NameAt> {
    let table = scripture.table;
    let chunks = leading_words(&text[pos..], scripture.max_words);
    for k in (1..=chunks.len()).rev() {
        let words: Vec<&str> = chunks[..k].iter().map(|(_, c)| *c).collect();
        // A period may only end a name's last word (an abbreviation, or letters: "S.S."), or
        // stand inside an ordinal's number ("1.ª Corintios").
        let last = words[k - 1];
        if words[..k - 1]
            .iter()
            .any(|w| w.contains('.') && !is_ordinal_number(w))
            || (last.contains('.') && !last.ends_with('.'))
        {
            continue;
        }
        let key = words
            .iter()
            .map(|w| w.replace('.', "").to_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
        let Some(&book) = scripture.names.get(&key) else {
            continue;
        };
        let base = key.rsplit(' ').next().unwrap_or(&key);
        let ambiguous = table.ambiguous.contains(&base) && !key.contains(' ');
        if ambiguous && !text[pos..].starts_with(char::is_uppercase) {
            continue;
        }
        let end = pos + chunks[k - 1].0;
        let after = &text[end..];
        let ws = after.len() - after.trim_start().len();
        if ws == 0 || !after[ws..].starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let spoken = table
            .as_written
            .iter()
            .find(|(form, _)| *form == key)
            .map(|(_, s)| *s);
        return Some(NameAt {
            book,
            body: end + ws,
            ambiguous,
            needs_verse: ambiguous && table.needs_verse.contains(&base),
            spoken,
        });
    }
    None
}

/// "1.ª", "2.º", "1ra.": a number with an ordinal's letters after or before a period.
fn is_ordinal_number(word: &str) -> bool {
    let letters_after = word.split_once('.').is_some_and(|(n, letters)| {
        !n.is_empty()
            && n.chars().all(|c| c.is_ascii_digit())
            && !letters.is_empty()
            && letters.chars().all(char::is_alphabetic)
    });
    let letters_before = word.strip_suffix('.').is_some_and(|w| {
        let letters = w.trim_start_matches(|c: char| c.is_ascii_digit());
        letters.len() < w.len() && !letters.is_empty() && letters.chars().all(char::is_alphabetic)
    });
    letters_after || letters_before
}

fn starts_book(text: &str, pos: usize, scripture: &Scripture) -> bool {
    book_at(text, pos, scripture)
        .is_some_and(|n| parse_body(text, n.body, &n, true, scripture).is_some())
}

fn word_start(text: &str, i: usize) -> bool {
    i == 0 || !text[..i].ends_with(|c: char| c.is_alphanumeric() || c == '.' || c == '\'')
}

/// A book name followed by a number, at `start`: the reference it makes, if the numbers are
/// valid for that book, and the one it would make unchecked.
pub(super) struct Candidate {
    pub start: usize,
    pub body: usize,
    pub ambiguous: bool,
    pub parsed: Option<(usize, Reference)>,
    /// For an unambiguous name with a chapter and verse the table lacks.
    pub unchecked: Option<(usize, Reference)>,
}

/// Every book name followed by a number, left to right. After a reference the scan goes on
/// past it; after an invalid one, past the name, so "2 John 2:1" is not retried as
/// "John 2:1".
pub(super) fn candidates(text: &str, scripture: &Scripture) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let alnum = text[i..].starts_with(|c: char| c.is_alphanumeric());
        if alnum && word_start(text, i) {
            if let Some(name) = book_at(text, i, scripture) {
                let parsed = parse_body(text, name.body, &name, true, scripture);
                let unchecked = match (&parsed, name.ambiguous) {
                    (None, false) if has_verse_mark(&text[name.body..]) => {
                        parse_body(text, name.body, &name, false, scripture)
                    }
                    _ => None,
                };
                let next = parsed
                    .as_ref()
                    .or(unchecked.as_ref())
                    .map_or(name.body, |(end, _)| *end);
                out.push(Candidate {
                    start: i,
                    body: name.body,
                    ambiguous: name.ambiguous,
                    parsed,
                    unchecked,
                });
                i = next;
                continue;
            }
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// "14:1…": a chapter and verse, the shape no time of day after a book name has.
fn has_verse_mark(body: &str) -> bool {
    let digits = body.trim_start_matches(|c: char| c.is_ascii_digit());
    digits.len() < body.len()
        && digits.starts_with(':')
        && digits[1..].starts_with(|c: char| c.is_ascii_digit())
}

/// A "v."/"vv."/"verse(s)" list after a reference: parsed against the context chapter.
pub fn parse_verse_list(
    text: &str,
    pos: usize,
    scripture: &Scripture,
) -> Option<(usize, Vec<Item>)> {
    let mut cur = Cursor {
        s: text,
        pos,
        scripture,
    };
    let mut items = Vec::new();
    loop {
        let a = cur.number()?;
        let l = cur.letter();
        if cur.dash() {
            let b = cur.number()?;
            let lb = cur.letter();
            if b <= a {
                return None;
            }
            items.push(Item::Verses((a, l), (b, lb)));
        } else if let Some(o) = cur.onward() {
            items.push(Item::VerseOnward(a, o));
        } else {
            items.push(Item::Verse(a, l));
        }
        if cur.peek().is_some_and(|c| c.is_alphanumeric() || c == ':') {
            return None;
        }
        let before = cur.pos;
        match cur.separator() {
            Some(',' | '&') => continue,
            _ => {
                cur.pos = before;
                break;
            }
        }
    }
    Some((cur.pos, items))
}

/// A bare "3:14" read in the book a reference just named: the end and the reference, when
/// the numbers are valid there.
pub fn parse_in_book(
    text: &str,
    pos: usize,
    book: usize,
    scripture: &Scripture,
) -> Option<(usize, Reference)> {
    let name = NameAt {
        book,
        body: pos,
        ambiguous: false,
        needs_verse: false,
        spoken: None,
    };
    has_verse_mark(&text[pos..])
        .then(|| parse_body(text, pos, &name, true, scripture))
        .flatten()
}

/// Numbered books named together without a chapter: "1 and 2 Samuel" → "First and Second
/// Samuel", "1–3 John" → "First through Third John".
pub fn name_numbered_books(text: &str, scripture: &Scripture) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if word_start(text, i) {
            if let Some((end, said)) = numbered_pair(text, i, scripture) {
                out.push_str(&said);
                i = end;
                continue;
            }
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// "1 and 2 Samuel" at `pos`: the end of the name and its spoken form.
fn numbered_pair(text: &str, pos: usize, scripture: &Scripture) -> Option<(usize, String)> {
    let phrasing = &scripture.table.phrasing;
    let rest = &text[pos..];
    let digit = |s: &str| {
        s.chars()
            .next()
            .and_then(|c| c.to_digit(10))
            .filter(|d| (1..=3).contains(d))
    };
    let a = digit(rest)?;
    let (joint, after) = scripture
        .table
        .book_joints
        .iter()
        .find_map(|(w, said)| rest[1..].strip_prefix(w).map(|r| (*said, r)))?;
    let b = digit(after)?;
    if b <= a {
        return None;
    }
    // "1-2 Kings" is both books; "1-3 John" all three.
    let joint = match joint {
        "-" if b == a + 1 => phrasing.and,
        "-" => phrasing.books_through,
        other => other,
    };
    // The second number with the book's base name must name a numbered book.
    let name_pos = text.len() - after.len();
    let words = leading_words(&text[name_pos..], scripture.max_words);
    let (len, book) = words.iter().rev().find_map(|(end, _)| {
        let key = text[name_pos..name_pos + end]
            .replace('.', "")
            .to_lowercase();
        scripture.names.get(&key).map(|&b| (*end, b))
    })?;
    // Numbered books stand together in the canon: the first of them is `b - a` before.
    let first = book.checked_sub((b - a) as usize)?;
    scripture
        .entry(first)
        .filter(|e| u32::from(e.number) == a)?;
    // Spoken names start with the book's number: "First Samuel", "Primera de Corintios".
    let (ordinal_b, base) = scripture.spoken(book).split_once(' ')?;
    let ordinal_a = scripture.spoken(first).split(' ').next()?;
    let said = format!("{ordinal_a} {joint} {ordinal_b} {base}");
    // An abbreviation's period goes with the name, unless it also ends the sentence.
    let mut end = name_pos + len;
    let continues = !text[end..].trim().is_empty();
    let last_word = text[..end].rsplit(' ').next().unwrap_or("");
    if last_word.ends_with('.')
        && !(continues && scripture.is_book_abbreviation(last_word.trim_end_matches('.')))
    {
        end -= 1;
    }
    Some((end, said))
}
