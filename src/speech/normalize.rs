//! The reader: one sentence as written → the same sentence as a careful human would read it.
//!
//! Order matters: typography is straightened first, then Bible references (which own their
//! numbers), hymn numbers, abbreviations, other numbers and symbols, capitals, and last the
//! lexicon. The output contains no digits, so reading it again changes nothing.

use super::bible::{self, Item};
use super::hymn;
use super::lexicon::Lexicon;
use super::numbers::{cardinal, decimal, ordinal, year};

/// Acronyms that are spelled letter by letter; other all-capital words are read as words.
const ACRONYMS: &[&str] = &[
    "KJV", "NKJV", "NIV", "ESV", "NASB", "RSV", "NRSV", "NLT", "CSB", "ASV", "OT", "NT", "USA",
    "UK", "US", "TV", "DVD", "CD", "CEO", "BC", "AD", "BCE", "CE", "PDF", "FAQ", "HTML", "URL",
    "RSS",
];

/// Abbreviations read in full. Matched case-insensitively with their period.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("msg.", "message"),
    ("msgs.", "messages"),
    ("p.", "page"),
    ("pp.", "pages"),
    ("vol.", "volume"),
    ("vols.", "volumes"),
    ("ch.", "chapter"),
    ("chs.", "chapters"),
    ("e.g.", "for example"),
    ("i.e.", "that is"),
    ("etc.", "et cetera"),
    ("vs.", "versus"),
    ("cf.", "compare"),
    ("dr.", "Doctor"),
    ("mr.", "Mister"),
    ("mrs.", "Missus"),
    ("ms.", "Miz"),
    ("ibid.", "in the same place"),
    ("approx.", "approximately"),
    ("ed.", "edited by"),
    ("trans.", "translated by"),
];

/// Reads sentences of one article in order, remembering the last Bible reference so that
/// "vv. 29-30" knows its book and chapter.
pub struct Reader<'a> {
    lexicon: &'a Lexicon,
    phonemes: bool,
    context: Option<(usize, u16)>,
}

impl<'a> Reader<'a> {
    /// A reader using `lexicon`; with `phonemes`, lexicon phonemes are passed to the engine.
    pub fn new(lexicon: &'a Lexicon, phonemes: bool) -> Reader<'a> {
        Reader {
            lexicon,
            phonemes,
            context: None,
        }
    }

    /// Forgets the reference context (at a new section).
    pub fn reset_context(&mut self) {
        self.context = None;
    }

    /// The spoken form of one sentence.
    pub fn read(&mut self, sentence: &str) -> String {
        let text = super::clean(sentence);
        let text = self.references(&text);
        let text = self.verse_lists(&text);
        let text = hymn_numbers(&text);
        let text = words(&text, self.lexicon);
        let text = punctuation(&text);
        self.lexicon.apply(&text, self.phonemes)
    }

    fn references(&mut self, text: &str) -> String {
        let found = bible::find_all(text);
        if found.is_empty() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len() * 2);
        let mut last = 0;
        for f in found {
            out.push_str(&text[last..f.start]);
            out.push_str(&f.reference.spoken());
            if let Some(c) = f.reference.last_chapter() {
                self.context = Some((f.reference.book, c));
            }
            last = f.end;
        }
        out.push_str(&text[last..]);
        out
    }

    /// "v. 25a", "vv. 29-30", "verses 4, 6" → words, checked against the context chapter.
    fn verse_lists(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < text.len() {
            let rest = &text[i..];
            let at_word = i == 0 || !text[..i].ends_with(|c: char| c.is_alphanumeric());
            let marker = [
                "vv. ", "v. ", "vs. ", "verses ", "verse ", "Vv. ", "V. ", "Verses ", "Verse ",
            ]
            .iter()
            .find(|m| {
                rest.starts_with(**m) && rest[m.len()..].starts_with(|c: char| c.is_ascii_digit())
            });
            if let (true, Some(m)) = (at_word, marker) {
                if let Some((end, items)) = bible::parse_verse_list(text, i + m.len()) {
                    if self.verses_valid(&items) {
                        let spoken = bible::speak_verses(&items);
                        if m.starts_with(char::is_uppercase) {
                            let mut c = spoken.chars();
                            out.extend(c.next().map(|f| f.to_ascii_uppercase()));
                            out.push_str(c.as_str());
                        } else {
                            out.push_str(&spoken);
                        }
                        i = end;
                        continue;
                    }
                }
            }
            let ch = rest.chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
        }
        out
    }

    fn verses_valid(&self, items: &[Item]) -> bool {
        let max = match self.context {
            Some((book, chapter)) => bible::bible().books[book]
                .verses
                .get(usize::from(chapter) - 1)
                .copied()
                .unwrap_or(176),
            None => 176, // the longest chapter, Psalm 119
        };
        items.iter().all(|i| match i {
            Item::Verse(v, _) => (1..=max).contains(v),
            Item::Verses(a, b) => *a >= 1 && b <= &max,
            _ => false,
        })
    }
}

/// Hymn citations as the one finder finds them: "(Hymns #114)" → "(Hymns, number one hundred
/// fourteen)", "Hymn No. 302" → "Hymn number three hundred two", "Hymn 302" → "Hymn three
/// hundred two"; any other "#N" → "number …".
fn hymn_numbers(text: &str) -> String {
    let words = &hymn::ENGLISH;
    let mut out = String::with_capacity(text.len() * 2);
    let mut last = 0;
    for c in hymn::find_all(text, words) {
        let n = cardinal(u64::from(c.number));
        match c.word {
            Some(w) => {
                marked_numbers(&text[last..w.end], &mut out);
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
                marked_numbers(&text[last..m.start], &mut out);
                out.push_str(&format!("{} {n}", words.number));
            }
        }
        last = c.digits.end;
    }
    marked_numbers(&text[last..], &mut out);
    out
}

/// "#N" that is no hymn citation → "number …", appended to `out`.
fn marked_numbers(text: &str, out: &mut String) {
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
            out.push_str("number ");
            out.push_str(&cardinal(n));
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

/// Word-level rules: abbreviations, numbers, symbols, addresses and capitals.
fn words(text: &str, lexicon: &Lexicon) -> String {
    let text = split_symbols(text, lexicon);
    let tokens: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let tok = tokens[i];
        let next = tokens.get(i + 1).copied();
        let is_last = i + 1 == tokens.len();
        i += 1;
        if tok.is_empty() {
            continue;
        }
        let (lead, core, trail) = split_token(tok);
        let mut trail = trail.to_string();

        let lower = core.to_lowercase();
        // Abbreviations keep a sentence-final period.
        if let Some((_, full)) = ABBREVIATIONS.iter().find(|(a, _)| *a == lower) {
            let keep_period = is_last && trail.is_empty();
            out.push(format!(
                "{lead}{full}{}{trail}",
                if keep_period { "." } else { "" }
            ));
            continue;
        }
        if lower == "no." && next.is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit())) {
            out.push(format!("{lead}number{trail}"));
            continue;
        }
        if lower == "st." {
            let saint = next.is_some_and(|n| n.starts_with(char::is_uppercase));
            out.push(format!(
                "{lead}{}{trail}",
                if saint { "Saint" } else { "Street" }
            ));
            continue;
        }
        let bare = core.trim_end_matches('.');
        if let Some(spoken) = address(bare, lexicon) {
            out.push(format!("{lead}{spoken}{}{trail}", &core[bare.len()..]));
            continue;
        }
        // A number followed by "am"/"pm" reads the time.
        let (core, period_after) = match core.strip_suffix('.') {
            Some(c) if c.ends_with(|ch: char| ch.is_ascii_digit()) => (c, true),
            _ => (core, false),
        };
        if period_after {
            trail.insert(0, '.');
        }
        // "November 15" is read "November fifteenth".
        let after_month = out
            .last()
            .is_some_and(|w: &String| MONTHS.contains(&w.trim_start_matches(['(', '"'])));
        if let (true, Ok(day)) = (after_month, core.parse::<u64>()) {
            if (1..=31).contains(&day) {
                out.push(format!("{lead}{}{trail}", ordinal(day)));
                continue;
            }
        }
        if core.chars().any(|c| c.is_ascii_digit()) {
            let meridiem =
                next.map(|n| n.trim_end_matches(['.', ',', ';', '!', '?']).to_lowercase());
            if let (Some(m), Some(t)) = (meridiem.as_deref(), time(core)) {
                if matches!(m, "am" | "pm" | "a.m" | "p.m") {
                    let nxt = next.unwrap_or("");
                    let tail: String = nxt
                        .chars()
                        .rev()
                        .take_while(|c| matches!(c, ',' | ';' | '!' | '?'))
                        .collect();
                    let ends_sentence = nxt.ends_with('.') && i + 1 == tokens.len();
                    out.push(format!(
                        "{lead}{t} {}{}{}",
                        if m.starts_with('a') { "a m" } else { "p m" },
                        if ends_sentence { "." } else { "" },
                        tail.chars().rev().collect::<String>()
                    ));
                    i += 1;
                    continue;
                }
            }
            out.push(format!("{lead}{}{trail}", number_token(core, lexicon)));
            continue;
        }
        let word = symbol_or_word(core, lexicon);
        // A dropped symbol takes its punctuation with it, so no stray ", ," is left.
        if word.is_empty() && !core.is_empty() {
            continue;
        }
        out.push(format!("{lead}{word}{trail}"));
    }
    out.retain(|w| !w.is_empty());
    out.join(" ")
}

/// Splits opening punctuation, the word, and closing punctuation (a final period stays
/// with the word, where abbreviations need it).
fn split_token(tok: &str) -> (&str, &str, &str) {
    let lead_len = tok.len()
        - tok
            .trim_start_matches(['(', '[', '"', '\'', '!', '?', ',', ';', ':'])
            .len();
    let (lead, rest) = tok.split_at(lead_len);
    let core_len = rest
        .trim_end_matches([')', ']', '"', '\'', ',', ';', ':', '!', '?'])
        .len();
    let (core, trail) = rest.split_at(core_len);
    (lead, core, trail)
}

/// Symbols glued to other characters ("R&D", "=cf.", "and/or") become tokens of their own;
/// web and e-mail addresses are left whole for [`address`]. A percent sign stays on its number.
fn split_symbols(text: &str, lexicon: &Lexicon) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, tok) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let (lead, core, trail) = split_token(tok);
        if address(core.trim_end_matches('.'), lexicon).is_some() {
            out.push_str(tok);
            continue;
        }
        // Emphasis and decoration marks are never read; between letters they separate words.
        let chars: Vec<char> = core
            .chars()
            .map(|c| {
                if matches!(c, '*' | '_' | '~' | '^' | '|') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        out.push_str(lead);
        for (j, &c) in chars.iter().enumerate() {
            let percent_on_number = c == '%' && j > 0 && chars[j - 1].is_ascii_digit();
            if matches!(c, '&' | '%' | '+' | '=' | '@' | '#' | '/' | '\\')
                && !percent_on_number
                && chars.len() > 1
            {
                out.push(' ');
                if c != '/' && c != '\\' {
                    out.push(c);
                }
                out.push(' ');
            } else {
                out.push(c);
            }
        }
        out.push_str(trail);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// URLs are read as their site ("example dot org"); e-mail addresses in full.
fn address(core: &str, lexicon: &Lexicon) -> Option<String> {
    let valid = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+'))
    };
    // Names read word by word ("example dot org"); anything with digits in it is not worth
    // spelling out to a listener and is called what it is.
    let dotted = |s: &str| -> Option<String> {
        let parts: Vec<&str> = s
            .split(['.', '-', '_', '+'])
            .filter(|p| !p.is_empty())
            .collect();
        if parts.iter().any(|p| p.chars().any(|c| c.is_ascii_digit())) {
            return None;
        }
        Some(
            parts
                .iter()
                .map(|p| symbol_or_word(p, lexicon))
                .collect::<Vec<_>>()
                .join(" dot "),
        )
    };
    if let Some(rest) = core
        .strip_prefix("https://")
        .or_else(|| core.strip_prefix("http://"))
        .or_else(|| core.strip_prefix("www.").filter(|r| r.contains('.')))
    {
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        let host = host.strip_prefix("www.").unwrap_or(host);
        return valid(host).then(|| dotted(host).unwrap_or_else(|| "a web link".into()));
    }
    let (user, domain) = core.split_once('@')?;
    if !valid(user) || !valid(domain) || !domain.contains('.') || domain.starts_with('.') {
        return None;
    }
    Some(match (dotted(user), dotted(domain)) {
        (Some(u), Some(d)) => format!("{u} at {d}"),
        _ => "an e-mail address".into(),
    })
}

/// "6:30" → "six thirty", "10:00" → "ten o'clock".
fn time(core: &str) -> Option<String> {
    let (h, m) = core.split_once(':')?;
    let (h, m): (u64, u64) = (h.parse().ok()?, m.parse().ok()?);
    if h > 24 || m > 59 || core.split_once(':')?.1.len() != 2 {
        return None;
    }
    Some(match m {
        0 => format!("{} o'clock", cardinal(h)),
        1..=9 => format!("{} oh {}", cardinal(h), cardinal(m)),
        _ => format!("{} {}", cardinal(h), cardinal(m)),
    })
}

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "2026-11-15" → "November fifteenth, twenty twenty-six".
fn iso_date(core: &str) -> Option<String> {
    let date = chrono::NaiveDate::parse_from_str(core, "%Y-%m-%d").ok()?;
    use chrono::Datelike;
    Some(format!(
        "{} {}, {}",
        MONTHS[date.month0() as usize],
        ordinal(date.day().into()),
        year(date.year().try_into().ok()?)
    ))
}

/// Any token containing digits.
fn number_token(core: &str, lexicon: &Lexicon) -> String {
    // Ordinals: 1st, 22nd, 3rd, 4th.
    for suffix in ["st", "nd", "rd", "th"] {
        if let Some(n) = core
            .strip_suffix(suffix)
            .and_then(|d| d.parse::<u64>().ok())
        {
            return ordinal(n);
        }
    }
    if let Some(t) = time(core) {
        return t;
    }
    if let Some(d) = iso_date(core) {
        return d;
    }
    if let Some(p) = core.strip_suffix('%').and_then(decimal) {
        return format!("{p} percent");
    }
    if let Some(d) = core.strip_prefix('$').and_then(decimal) {
        return if d == "one" {
            "one dollar".into()
        } else {
            format!("{d} dollars")
        };
    }
    for dash in ['-', '–', '—'] {
        if let Some((a, b)) = core.split_once(dash) {
            if let (Some(x), Some(y)) = (plain_number(a), plain_number(b)) {
                return format!("{x} to {y}");
            }
        }
    }
    if let Some(n) = plain_number(core) {
        return n;
    }
    // Mixed tokens ("25a", "MP3s", "4x4"): digit runs become words, letter runs are read as
    // words (so capitals follow the same rule as elsewhere), other characters separate.
    let mut parts: Vec<String> = Vec::new();
    let mut run = String::new();
    let mut run_digits = false;
    let flush = |run: &mut String, digits: bool, parts: &mut Vec<String>| {
        if run.is_empty() {
            return;
        }
        let word = if digits {
            decimal(run).unwrap_or_default()
        } else {
            symbol_or_word(run, lexicon)
        };
        if !word.is_empty() {
            parts.push(word);
        }
        run.clear();
    };
    for c in core.chars() {
        if c.is_ascii_digit() || c.is_alphabetic() {
            let d = c.is_ascii_digit();
            if d != run_digits {
                flush(&mut run, run_digits, &mut parts);
                run_digits = d;
            }
            run.push(c);
        } else {
            flush(&mut run, run_digits, &mut parts);
        }
    }
    flush(&mut run, run_digits, &mut parts);
    parts.join(" ")
}

/// Years read as years; other integers and decimals as cardinals.
fn plain_number(s: &str) -> Option<String> {
    if s.len() == 4 && !s.contains([',', '.']) {
        let n: u64 = s.parse().ok()?;
        if (1100..=2099).contains(&n) {
            return Some(year(n));
        }
    }
    decimal(s)
}

/// Symbols spoken or dropped; ALL-CAPS emphasis read as a word, listed acronyms spelled.
fn symbol_or_word(core: &str, lexicon: &Lexicon) -> String {
    let filtered: String = core
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '~' | '^' | '|'))
        .collect();
    let core = filtered.as_str();
    match core {
        "&" => return "and".into(),
        "%" => return "percent".into(),
        "+" => return "plus".into(),
        "=" => return "equals".into(),
        "@" => return "at".into(),
        "#" => return "number".into(),
        "*" | "_" | "~" | "^" | "|" | "•" | "·" | "/" | "\\" => return String::new(),
        _ => {}
    }

    // ALL-CAPS emphasis is read as a word (only the first capital kept); listed acronyms are
    // spelled. Judged per run of letters, so joining or splitting tokens never changes it.
    let mut out = String::with_capacity(core.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let n = run.chars().count();
        // Words the lexicon lists keep their case so its exact-case entries still match.
        if n >= 2 && run.chars().all(char::is_uppercase) && lexicon.lookup(run).is_none() {
            if ACRONYMS.contains(&run.as_str()) {
                out.push_str(&run.chars().map(String::from).collect::<Vec<_>>().join(" "));
            } else {
                let mut chars = run.chars();
                out.extend(chars.next());
                out.push_str(&chars.as_str().to_lowercase());
            }
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in core.chars() {
        if c.is_alphabetic() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
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
            ("Hymnal #1850, stanza 2", "Hymnal, number one thousand eight hundred fifty, stanza two"),
            ("Hymns, #302 and #5", "Hymns, number three hundred two and number five"),
            ("Sing Hymn 1850.", "Sing Hymn one thousand eight hundred fifty."),
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
            ("at 6:30 am, or 10:00.", "at six thirty a m, or ten o'clock."),
            ("$5 and $1", "five dollars and one dollar"),
            ("on November 15, 2026 at 10:30 pm.", "on November fifteenth, twenty twenty-six at ten thirty p m."),
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
            ("GOD IS GOOD, says the KJV", "God Is Good, says the K J V"),
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
        assert_eq!(r.read("vv. 31-32"), "vv. thirty-one to thirty-two");
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
