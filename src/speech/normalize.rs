//! The reader: one sentence as written → the same sentence as a careful human would read it.
//!
//! Order matters: typography is straightened first (a dash between numbers becomes a range),
//! then Bible references (which own their numbers), verse lists, hymn numbers, phone numbers
//! (digit groups, before any rule reads them as amounts), then word by word abbreviations,
//! other numbers and symbols, capitals ([`Language::words`]), and last the lexicon. The
//! output contains no digits, so reading it again changes nothing. Each step takes its words
//! and tables from the reader's [`Language`].

use super::bible::{self, Item, Scripture};
use super::hymn;
use super::language::Language;
use super::lexicon::Lexicon;

/// Reads sentences of one article in order, remembering the last Bible reference so that
/// "vv. 29-30" knows its book and chapter.
pub struct Reader<'a> {
    lexicon: &'a Lexicon,
    phonemes: bool,
    language: &'static dyn Language,
    context: Option<(usize, u16)>,
    /// Whether the sentence being read named a book (so "(3:14)" refers to it).
    named_here: bool,
}

impl<'a> Reader<'a> {
    /// A reader of English using `lexicon`; with `phonemes`, lexicon phonemes are passed to
    /// the engine.
    pub fn new(lexicon: &'a Lexicon, phonemes: bool) -> Reader<'a> {
        Reader {
            lexicon,
            phonemes,
            language: super::english(),
            context: None,
            named_here: false,
        }
    }

    /// The same reader reading by `language`'s rules.
    pub fn in_language(self, language: &'static dyn Language) -> Reader<'a> {
        Reader { language, ..self }
    }

    /// The language this reader reads.
    pub fn language(&self) -> &'static dyn Language {
        self.language
    }

    fn scripture(&self) -> &'static Scripture {
        self.language.scripture()
    }

    /// Forgets the reference context (at a new section).
    pub fn reset_context(&mut self) {
        self.context = None;
    }

    /// The spoken form of one sentence.
    pub fn read(&mut self, sentence: &str) -> String {
        let language = self.language;
        let text = super::clean(sentence, language);
        let text = self.references(&text);
        let text = self.verse_lists(&text);
        let text = hymn_numbers(&text, language);
        let text = language.phone_numbers(&text);
        let text = language.words(&text, self.lexicon);
        let text = punctuation(&text);
        self.lexicon.apply(&text, self.phonemes)
    }

    fn references(&mut self, text: &str) -> String {
        let scripture = self.scripture();
        let text = &bible::name_numbered_books(text, scripture);
        let found = bible::find_readable(text, scripture);
        self.named_here = !found.is_empty();
        if found.is_empty() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len() * 2);
        let mut last = 0;
        for f in found {
            out.push_str(&text[last..f.start]);
            out.push_str(&f.reference.spoken(scripture));
            if let Some(c) = f.reference.last_chapter() {
                self.context = Some((f.reference.book, c));
            }
            last = f.end;
        }
        out.push_str(&text[last..]);
        out
    }

    /// "v. 25a", "vv. 29-30", "verses 4, 6" → words, checked against the context chapter;
    /// a bare "(3:14)" after a reference is read in that reference's book.
    fn verse_lists(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < text.len() {
            let at_word = i == 0 || !text[..i].ends_with(|c: char| c.is_alphanumeric());
            let read = match at_word {
                true => self
                    .verse_list_at(text, i)
                    .or_else(|| self.bare_reference_at(text, i)),
                false => None,
            };
            if let Some((end, spoken)) = read {
                out.push_str(&spoken);
                i = end;
                continue;
            }
            let ch = text[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
        }
        out
    }

    /// "vv. 29-30" at `i`: where it ends and how it is said.
    fn verse_list_at(&self, text: &str, i: usize) -> Option<(usize, String)> {
        let scripture = self.scripture();
        let rest = &text[i..];
        let m = scripture.table.verse_markers.iter().find(|m| {
            rest.starts_with(**m) && rest[m.len()..].starts_with(|c: char| c.is_ascii_digit())
        })?;
        let (end, items) = bible::parse_verse_list(text, i + m.len(), scripture)?;
        if !self.verses_valid(&items) {
            return None;
        }
        let spoken = bible::speak_verses(&items, scripture);
        if !m.starts_with(char::is_uppercase) {
            return Some((end, spoken));
        }
        let mut c = spoken.chars();
        let capital: String = c
            .next()
            .map(|f| f.to_ascii_uppercase())
            .into_iter()
            .collect();
        Some((end, capital + c.as_str()))
    }

    /// "(3:14)" at `i`, after a reference gave the book: "(verse fourteen)".
    fn bare_reference_at(&self, text: &str, i: usize) -> Option<(usize, String)> {
        // Only in a sentence that named the book: elsewhere "(7:30)" is more likely a time.
        let (book, chapter) = self.context.filter(|_| self.named_here)?;
        let pos = i + text[i..].strip_prefix('(').map(|_| 1)?;
        let scripture = self.scripture();
        let (end, reference) = bible::parse_in_book(text, pos, book, scripture)?;
        text[end..].starts_with(')').then_some(())?;
        Some((
            end,
            format!("({}", reference.spoken_in_context(chapter, scripture)),
        ))
    }
    fn verses_valid(&self, items: &[Item]) -> bool {
        let max = match self.context {
            Some((book, chapter)) => bible::canon()[book]
                .verses
                .get(usize::from(chapter) - 1)
                .copied()
                .unwrap_or(bible::MAX_VERSE),
            None => bible::MAX_VERSE,
        };
        items.iter().all(|i| match i {
            Item::Verse(v, _) | Item::VerseOnward(v, _) => (1..=max).contains(v),
            Item::Verses((a, _), (b, _)) => *a >= 1 && *b <= max,
            _ => false,
        })
    }
}

/// Hymn citations as the one finder finds them: "(Hymns #114)" → "(Hymns, number one hundred
/// fourteen)", "Hymn No. 302" → "Hymn number three hundred two", "Hymn 302" → "Hymn three
/// hundred two"; any other "#N" → "number …".
fn hymn_numbers(text: &str, language: &dyn Language) -> String {
    let words = language.hymn_words();
    let mut out = String::with_capacity(text.len() * 2);
    let mut last = 0;
    for c in hymn::find_all(text, words) {
        let n = language.hymn_number(c.number);
        match c.word {
            Some(w) => {
                marked_numbers(&text[last..w.end], &mut out, language);
                // A hymnal's number, or one marked "#", is "Hymns, number …".
                let comma = c.hymnal || c.marker.as_ref().is_some_and(|m| &text[m.clone()] == "#");
                match (comma, c.marker.is_some()) {
                    (true, _) => out.push_str(&format!(", {} {n}", words.number)),
                    (false, true) => out.push_str(&format!(" {} {n}", words.number)),
                    (false, false) => out.push_str(&format!(" {n}")),
                }
            }
            None => {
                let m = c.marker.clone().unwrap_or(c.digits.clone());
                marked_numbers(&text[last..m.start], &mut out, language);
                out.push_str(&format!("{} {n}", words.number));
            }
        }
        last = c.digits.end;
    }
    marked_numbers(&text[last..], &mut out, language);
    out
}

/// "#N" that is no hymn citation → "number …", appended to `out`.
fn marked_numbers(text: &str, out: &mut String, language: &dyn Language) {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '#' && text[i + 1..].starts_with(|d: char| d.is_ascii_digit()) {
            let digits: String = text[i + 1..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let n: u64 = digits.parse().unwrap_or(0);
            if !out.is_empty() && !out.ends_with([' ', '(', '[', '"', '\'']) {
                out.push(' ');
            }
            out.push_str(language.hymn_words().number);
            out.push(' ');
            out.push_str(&language.cardinal(n));
            if text[i + 1 + digits.len()..].starts_with(char::is_alphanumeric) {
                out.push(' ');
            }
            for _ in 0..digits.len() {
                chars.next();
            }
            continue;
        }
        out.push(c);
    }
}

/// "!!!" read once, "?!" as a question, ellipses kept as one pause.
fn punctuation(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '.' if out.ends_with("...") => {}
            _ => out.push(c),
        }
    }
    let mut text = out.split_whitespace().collect::<Vec<_>>().join(" ");
    // Repeated marks are read once, and commas sit on their word as `clean` leaves them:
    // collapse to a fixed point.
    loop {
        let tidy = text
            .replace(" ,", ",")
            .replace(",,", ",")
            .replace("....", "...")
            .replace("!!", "!")
            .replace("??", "?")
            .replace("?!", "?")
            .replace("!?", "?");
        if tidy == text {
            return text;
        }
        text = tidy;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> String {
        let lex = Lexicon::default();
        Reader::new(&lex, false).read(text)
    }

    #[test]
    fn table() {
        for (written, spoken) in [
            // Bible references in prose
            ("According to Heb. 7 and Rom. 8, He prays.", "According to Hebrews chapter seven and Romans chapter eight, He prays."),
            ("(as seen in Heb. 7:25-26)", "(as seen in Hebrews chapter seven, verses twenty-five and twenty-six)"),
            ("see Rom. 8:29, 34-39; 12:4-5).", "see Romans chapter eight, verses twenty-nine, and thirty-four through thirty-nine; chapter twelve, verses four and five)."),
            ("(cf. Heb. 12:10-11)", "(compare Hebrews chapter twelve, verses ten and eleven)"),
            ("described in Gal. 5:22-23: love", "described in Galatians chapter five, verses twenty-two and twenty-three: love"),
            // hymns
            ("(Hymns #114)", "(Hymns, number one hundred fourteen)"),
            ("(Hymn 302)", "(Hymn three hundred two)"),
            ("Hymn No. 302 plays", "Hymn number three hundred two plays"),
            ("sing hymn #302 now", "sing hymn, number three hundred two now"),
            ("(Hymns 302)", "(Hymns, number three hundred two)"),
            ("Hymnal #1850, stanza 2", "Hymnal, number eighteen fifty, stanza two"),
            ("Hymns, #302 and #5", "Hymns, number three hundred two and number five"),
            ("Sing Hymn 1850.", "Sing Hymn eighteen fifty."),
            ("a hymn 1850 saw", "a hymn eighteen fifty saw"),
            ("hymn no 12", "hymn number twelve"),
            ("see #1129 too", "see number one thousand one hundred twenty-nine too"),
            // abbreviations
            ("msgs. 37-38, msg. 6", "messages thirty-seven to thirty-eight, message six"),
            ("Life-study, pp. 25-26, by him", "Life-study, pages twenty-five to twenty-six, by him"),
            ("p. 3 and vol. 2, ch. 4", "page three and volume two, chapter four"),
            ("a car, a job, etc.", "a car, a job, et cetera."),
            ("e.g. grace, i.e. life", "for example grace, that is life"),
            ("St. John met Dr. Lee and Mr. and Mrs. Day on Main St. today", "Saint John met Doctor Lee and Mister and Missus Day on Main Street today"),
            ("No. 5 vs. No. 6", "number five versus number six"),
            // numbers
            ("the 1st and 21st days", "the first and twenty-first days"),
            ("in 2017 and 1900", "in twenty seventeen and nineteen hundred"),
            ("3.5 miles, 1,300 people, 50%", "three point five miles, one thousand three hundred people, fifty percent"),
            ("at 6:30 am, or 10:00.", "at six thirty a.m, or ten o'clock."),
            ("$5 and $1", "five dollars and one dollar"),
            ("on November 15, 2026 at 10:30 pm.", "on November fifteenth, twenty twenty-six at ten thirty p.m."),
            ("posted 2026-11-15", "posted November fifteenth, twenty twenty-six"),
            // symbols and punctuation
            ("faith & love", "faith and love"),
            ("Amen!!!", "Amen!"),
            ("Really?!", "Really?"),
            ("wait... then", "wait... then"),
            ("Line one, / line two", "Line one, line two"),
            ("God’s “word”", "God's \"word\""),
            ("visit https://www.example.org/a/b now", "visit example dot org now"),
            ("write to podcast@example.org", "write to podcast at example dot org"),
            ("GOD IS GOOD, says the KJV", "God Is Good, says the K.J.V"),
        ] {
            assert_eq!(read(written), spoken, "{written}");
        }
    }

    #[test]
    fn verse_lists_use_context() {
        let lex = Lexicon::default();
        let mut r = Reader::new(&lex, false);
        assert_eq!(
            r.read("Come to Me (Matt. 11:28)."),
            "Come to Me (Matthew chapter eleven, verse twenty-eight)."
        );
        assert_eq!(
            r.read("Take My yoke (vv. 29-30)."),
            "Take My yoke (verses twenty-nine and thirty)."
        );
        assert_eq!(r.read("See v. 25a."), "See verse twenty-five a.");
        // Matthew 11 has 30 verses: "vv. 31-32" is not a verse list there.
        assert_eq!(r.read("vv. 31-32"), "verses thirty-one to thirty-two");
        assert_eq!(
            r.read("In John 3, He speaks of the wind (3:8) and the serpent (3:14)."),
            "In John chapter three, He speaks of the wind (verse eight) and the serpent (verse fourteen)."
        );
        assert_eq!(
            r.read("From John 14 to the vine (15:5)."),
            "From John chapter fourteen to the vine (chapter fifteen, verse five)."
        );
        // A sentence that names no book keeps "(7:30)" a time.
        assert_eq!(
            r.read("Come at the usual time (7:30)."),
            "Come at the usual time (seven thirty)."
        );
    }

    #[test]
    fn non_references_stay_words() {
        assert_eq!(read("mark 2 items"), "mark two items");
        assert_eq!(read("he acts 3 times"), "he acts three times");
    }

    #[test]
    fn output_has_no_digits_and_is_stable() {
        for t in [
            "Heb. 7:25-26 and 2017, #114, 3.5%, 6:30 pm",
            "See John 1:1-2:11; vv. 3-4.",
        ] {
            let once = read(t);
            assert!(!once.chars().any(|c| c.is_ascii_digit()), "{once}");
            assert_eq!(read(&once), once);
        }
    }
}
