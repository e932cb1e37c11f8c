//! Reading for the ear: turning what an article says into what a voice should read.
//!
//! This module owns sentence splitting (so every sentence can be timed) and the clean-up that
//! keeps engines from misreading typography. Bible references, numbers and a lexicon build on
//! it.

pub mod bible;
pub mod books;
pub mod hymn;
pub mod lexicon;
pub mod normalize;
pub mod numbers;

/// Abbreviations after which a period does not end a sentence (Bible book abbreviations
/// come from the book table).
const NO_BREAK: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "rev", "fr", "no", "nos", "vol", "vols", "p", "pp", "ch", "chs",
    "v", "vv", "vs", "cf", "msg", "msgs", "e.g", "i.e", "ibid", "ed", "eds", "approx", "trans",
    "s.s",
];

/// Straightens typography that engines misread: curly quotes and apostrophes (the embedded
/// engine reads "God’s" as "God S"), dashes (read as pauses), ellipses, hymn line slashes,
/// non-breaking and zero-width spaces.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' | '«' | '»' => out.push('"'),
            '\u{2013}' | '\u{2014}' | '\u{2015}' => {
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

fn trim_trailing_space(s: &mut String) {
    while s.ends_with(' ') {
        s.pop();
    }
}

fn is_abbreviation(word: &str) -> bool {
    let Some(stem) = word.strip_suffix('.') else {
        return false;
    };
    let stem = stem.trim_start_matches(['(', '"', '\'', '[']);
    let lower = stem.to_lowercase();
    NO_BREAK.contains(&lower.as_str())
        || bible::is_book_abbreviation(&lower)
        // initials such as "C. S. Lewis"
        || (stem.chars().count() == 1 && stem.chars().all(char::is_alphabetic))
}

/// Splits prose into sentences at `.`, `!` or `?` followed by space, except after known
/// abbreviations, initials and inside parentheses. The pieces joined with spaces give back
/// the text (white space collapsed).
pub fn sentences(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut depth: i32 = 0;
    for (i, w) in words.iter().enumerate() {
        current.push(w);
        depth += w.matches('(').count() as i32 - w.matches(')').count() as i32;
        let core = w.trim_end_matches(['"', '\'', '”', '’', ')', ']']);
        let ends = core.ends_with(['.', '!', '?']) && !core.ends_with("...");
        let next = words.get(i + 1);
        let next_starts_sentence = next.is_some_and(|n| {
            n.trim_start_matches(['"', '\'', '“', '‘', '(', '['])
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        });
        let abbreviation = core.ends_with('.') && {
            let lower = core.trim_end_matches('.').to_lowercase();
            let soft = lower == "etc";
            (is_abbreviation(core) && !soft) || (soft && !next_starts_sentence)
        };
        if ends && depth <= 0 && !abbreviation && (next.is_none() || next_starts_sentence) {
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
