//! Typography straightened before reading: quotes, dashes, ellipses, odd spaces.

use super::language::{Language, Spans};

/// Dashes of every width, and the minus sign: between two numbers they make a range.
const DASHES: &[char] = &[
    '-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2212}',
];

/// Straightens typography that engines misread: curly quotes and apostrophes (the embedded
/// engine reads "God’s" as "God S"), dashes (a range between numbers, "2:25–35" and
/// "23:1 – 6" alike, else a pause), ellipses, hymn line slashes, non-breaking and zero-width
/// spaces.
pub fn clean(text: &str, language: &dyn Language) -> String {
    let spans = language.spans();
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' | '«' | '»' => out.push('"'),
            c if DASHES.contains(&c) && names_a_span(&out, chars.clone(), spans) => {
                trim_trailing_space(&mut out);
                out.push_str(spans.word);
                while chars.peek() == Some(&' ') {
                    chars.next();
                }
            }
            c if DASHES.contains(&c) && is_range(&out, chars.clone(), spans) => {
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
fn is_range(before: &str, after: std::iter::Peekable<std::str::Chars>, spans: &Spans) -> bool {
    let before = before.trim_end_matches(' ');
    // "25a–27", "1st–3rd": a verse part or an ordinal's ending after the number.
    let before = spans
        .number_endings
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

/// Whether a dash stands between two day or month names.
fn names_a_span(before: &str, after: std::iter::Peekable<std::str::Chars>, spans: &Spans) -> bool {
    let name = |w: &str| {
        (w.starts_with(char::is_uppercase) || !spans.capitalised)
            && spans
                .names
                .contains(&w.trim_end_matches('.').to_lowercase().as_str())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speech::english;

    #[test]
    fn typography_is_straightened() {
        let clean = |t| clean(t, english());
        assert_eq!(clean("God’s “word” – always…"), "God's \"word\", always...");
        assert_eq!(clean("Line one, / line two"), "Line one, line two");
        assert_eq!(clean("Line one / line two"), "Line one, line two");
    }
}
