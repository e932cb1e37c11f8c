//! Reading for the ear: turning what an article says into what a voice should read.
//!
//! This module owns sentence splitting (so every sentence can be timed) and the clean-up that
//! keeps engines from misreading typography. Bible references, numbers and a lexicon build on
//! it.

pub mod abbrev;
pub mod bible;
pub mod books;
pub mod hymn;
pub mod lexicon;
pub mod normalize;
pub mod numbers;
pub mod numeric;
pub mod phone;
pub mod roman;
pub mod symbols;
pub mod token;
pub mod words;

/// Dashes of every width, and the minus sign: between two numbers they make a range.
const DASHES: &[char] = &[
    '-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2212}',
];

/// Straightens typography that engines misread: curly quotes and apostrophes (the embedded
/// engine reads "God’s" as "God S"), dashes (a range between numbers, "2:25–35" and
/// "23:1 – 6" alike, else a pause), ellipses, hymn line slashes, non-breaking and zero-width
/// spaces.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' | '«' | '»' => out.push('"'),
            c if DASHES.contains(&c) && names_a_span(&out, chars.clone()) => {
                trim_trailing_space(&mut out);
                out.push_str(" through ");
                while chars.peek() == Some(&' ') {
                    chars.next();
                }
            }
            c if DASHES.contains(&c) && is_range(&out, chars.clone()) => {
                trim_trailing_space(&mut out);
                out.push('-');
                while chars.peek() == Some(&' ') {
                    chars.next();
                }
            }
            '-' | '\u{2010}' | '\u{2011}' => out.push('-'),
            c if DASHES.contains(&c) => {
                trim_trailing_space(&mut out);
                out.push_str(", ");
                while chars.peek() == Some(&' ') {
                    chars.next();
                }
            }
            '\u{2026}' => out.push_str("..."),
            '\u{00A0}' | '\u{2009}' | '\u{202F}' => out.push(' '),
            // Zero-width characters mark word breaks in pasted web text.
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => out.push(' '),
            '/' if out.ends_with(' ') && chars.peek() == Some(&' ') => {
                trim_trailing_space(&mut out);
                out.push(',');
            }
            _ => out.push(c),
        }
    }
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.replace(" ,", ",").replace(",,", ",")
}

/// Whether a dash stands between two numbers (spaces allowed around it): a number, or a
/// verse with its part letter ("25a"), before; a digit after.
fn is_range(before: &str, after: std::iter::Peekable<std::str::Chars>) -> bool {
    let before = before.trim_end_matches(' ');
    // "25a–27", "1st–3rd": a verse part or an ordinal's ending after the number.
    let before = ["a", "b", "c", "st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| before.strip_suffix(s))
        .filter(|b| b.ends_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(before);
    // "$20–$30": the second amount may repeat its currency.
    let mut after = after
        .skip_while(|&c| c == ' ')
        .skip_while(|c| matches!(c, '$' | '£' | '€'));
    before.ends_with(|c: char| c.is_ascii_digit())
        && after.next().is_some_and(|c| c.is_ascii_digit())
}

/// Days and months, written out or short, that a dash between makes a span ("Mon.–Fri.",
/// "Jan–Mar"): the dash is read "through".
const SPAN_NAMES: &[&str] = &[
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Whether a dash stands between two day or month names.
fn names_a_span(before: &str, after: std::iter::Peekable<std::str::Chars>) -> bool {
    let name = |w: &str| {
        w.starts_with(char::is_uppercase)
            && SPAN_NAMES.contains(&w.trim_end_matches('.').to_lowercase().as_str())
    };
    let last = before.trim_end().rsplit(' ').next().unwrap_or("");
    let next: String = after
        .skip_while(|&c| c == ' ')
        .take_while(|c| c.is_alphabetic() || *c == '.')
        .collect();
    name(last) && name(&next)
}

fn trim_trailing_space(s: &mut String) {
    while s.ends_with(' ') {
        s.pop();
    }
}

/// Splits prose into sentences at `.`, `!` or `?` followed by space, except after known
/// abbreviations ([`abbrev`]: "Feb. 14", "Dr. Lee", "A.D. 70"), initials and inside
/// parentheses. The pieces joined with spaces give back the text (white space collapsed).
pub fn sentences(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut depth: i32 = 0;
    for (i, w) in words.iter().enumerate() {
        current.push(w);
        depth += w.matches('(').count() as i32 - w.matches(')').count() as i32;
        let before = &current[..current.len() - 1];
        if depth <= 0 && ends_sentence(w, before, words.get(i + 1)) {
            out.push(current.join(" "));
            current.clear();
            depth = 0;
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

/// Whether `word` closes its sentence, given the words around it.
fn ends_sentence(word: &str, before: &[&str], next: Option<&&str>) -> bool {
    let core = word.trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    if !core.ends_with(['.', '!', '?']) || core.ends_with("...") {
        return false;
    }
    let core = core.trim_start_matches(['(', '"', '\'', '[', '“', '‘']);
    if core.ends_with('.') && core.len() > 1 {
        return abbrev::period_ends_sentence(core, before, next.copied());
    }
    next.is_none_or(|n| {
        n.trim_start_matches(['"', '\'', '“', '‘', '(', '['])
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typography_is_straightened() {
        assert_eq!(clean("God’s “word” – always…"), "God's \"word\", always...");
        assert_eq!(clean("Line one, / line two"), "Line one, line two");
        assert_eq!(clean("Line one / line two"), "Line one, line two");
    }

    #[test]
    fn abbreviations_do_not_split_sentences() {
        let s =
            sentences("According to Heb. 7 and Rom. 8, He prays. We (see 1 Pet. 1:3) live! Yes?");
        assert_eq!(
            s,
            vec![
                "According to Heb. 7 and Rom. 8, He prays.",
                "We (see 1 Pet. 1:3) live!",
                "Yes?"
            ]
        );
    }

    #[test]
    fn etc_ends_a_sentence_only_before_a_capital() {
        assert_eq!(sentences("a house, etc. What now?").len(), 2);
        assert_eq!(sentences("a house, etc. and more.").len(), 1);
    }

    #[test]
    fn full_book_names_can_end_a_sentence() {
        assert_eq!(
            sentences("It is in the Song of Songs. Ephesians says more.").len(),
            2
        );
        assert_eq!(
            sentences("spiritual songs. Ephesians says the same.").len(),
            2
        );
        assert_eq!(
            sentences("As in 1 Pet. 1:3 and Gal. 5:22-23: love.").len(),
            1
        );
    }

    #[test]
    fn sentences_keep_every_word() {
        let t = "One. Two three! (Four. Five.) Six? seven";
        assert_eq!(sentences(t).join(" "), t);
    }
}
