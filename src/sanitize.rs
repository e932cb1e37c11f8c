//! Characters no published format may carry.
//!
//! XML 1.0 forbids most control characters even when escaped, so one vertical tab from a Word
//! export in a title makes a feed no app can parse. Text is cleaned where it enters (articles,
//! configuration), with a warning naming the file and line, and again where it leaves (feed,
//! pages, transcripts, chapters, tags), so no path can carry one through.

use std::borrow::Cow;

/// Whether a character is one XML 1.0 forbids or discourages (C0 controls other than tab,
/// line feed and carriage return; DEL and the C1 controls; Unicode noncharacters).
pub fn is_forbidden(c: char) -> bool {
    let u = u32::from(c);
    matches!(u, 0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F..=0x9F | 0xFDD0..=0xFDEF)
        || (u & 0xFFFE) == 0xFFFE
}

/// What a forbidden character becomes in text: line-like controls (vertical tab, form feed,
/// next line) separate words, so they become a space; the rest are dropped.
fn replacement(c: char) -> Option<char> {
    matches!(c, '\u{0B}' | '\u{0C}' | '\u{85}').then_some(' ')
}

/// `text` without forbidden characters (unchanged text is not copied).
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_forbidden) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter_map(|c| {
                if is_forbidden(c) {
                    replacement(c)
                } else {
                    Some(c)
                }
            })
            .collect(),
    )
}

/// A character's name for messages ("U+000B (vertical tab)").
pub fn describe(c: char) -> String {
    let name = match c {
        '\u{07}' => " (bell)",
        '\u{08}' => " (backspace)",
        '\u{0B}' => " (vertical tab)",
        '\u{0C}' => " (form feed)",
        '\u{1B}' => " (escape)",
        '\u{7F}' => " (delete)",
        '\u{85}' => " (next line)",
        '\u{FFFE}' | '\u{FFFF}' => " (not a character)",
        _ => "",
    };
    format!("U+{:04X}{name}", u32::from(c))
}

/// Cleans a document's text for reading, keeping its structure: line-like controls
/// (vertical tab, form feed, next line; Word's manual line and page breaks) become line
/// breaks, Unicode line and paragraph separators become line and paragraph breaks, and other
/// forbidden characters are dropped. With `breaks` false (front matter, HTML, where a line
/// break would change the meaning or means nothing) they become spaces instead. Lines are
/// numbered from `first_line`. Returns the text and one warning per kind of character
/// removed, with the line of its first occurrence.
pub fn clean_document(text: &str, breaks: bool, first_line: usize) -> (String, Vec<String>) {
    if !text
        .chars()
        .any(|c| is_forbidden(c) || c == '\u{2028}' || c == '\u{2029}')
    {
        return (text.to_string(), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    // Per character: (first line, count), in order of first appearance.
    let mut seen: Vec<(char, usize, usize)> = Vec::new();
    let mut line = first_line;
    for c in text.chars() {
        let put = match c {
            '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' if !breaks => Some(" "),
            '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' => Some("\n"),
            '\u{2029}' => Some("\n\n"),
            c if is_forbidden(c) => None,
            _ => {
                if c == '\n' {
                    line += 1;
                }
                out.push(c);
                continue;
            }
        };
        if is_forbidden(c) {
            match seen.iter_mut().find(|s| s.0 == c) {
                Some(s) => s.2 += 1,
                None => seen.push((c, line, 1)),
            }
        }
        // Lines are counted as the producer's editor shows them: by line feeds only.
        if let Some(p) = put {
            out.push_str(p);
        }
    }
    let warnings = seen
        .into_iter()
        .map(|(c, line, n)| {
            let times = if n == 1 {
                String::new()
            } else {
                format!(" ({n} times)")
            };
            let what = if !breaks && matches!(c, '\u{0B}' | '\u{0C}' | '\u{85}') {
                "replaced with a space"
            } else if matches!(c, '\u{0B}' | '\u{0C}' | '\u{85}') {
                "replaced with a line break"
            } else {
                "removed"
            };
            format!(
                "line {line}: {} {what}{times}; feeds and pages may not contain it",
                describe(c)
            )
        })
        .collect();
    (out, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_those_xml_refuses() {
        for c in [
            '\u{0}',
            '\u{7}',
            '\u{B}',
            '\u{C}',
            '\u{1F}',
            '\u{7F}',
            '\u{9F}',
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{1FFFF}',
            '\u{FDD0}',
        ] {
            assert!(is_forbidden(c), "{c:?}");
        }
        for c in [
            '\t',
            '\n',
            '\r',
            ' ',
            'é',
            '\u{A0}',
            '\u{2028}',
            '\u{FFFD}',
            '\u{1F600}',
        ] {
            assert!(!is_forbidden(c), "{c:?}");
        }
        assert_eq!(clean("a\u{B}b\u{7}c"), "a bc");
        assert!(matches!(clean("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn documents_keep_their_line_structure_and_say_what_was_removed() {
        let (t, w) = clean_document("Title\u{C}Heading\nline\u{B}two\u{7}\u{7}\n", true, 1);
        assert_eq!(t, "Title\nHeading\nline\ntwo\n");
        assert_eq!(w.len(), 3, "{w:?}");
        assert!(
            w[0].starts_with("line 1: U+000C (form feed) replaced"),
            "{w:?}"
        );
        assert!(w[1].starts_with("line 2: U+000B (vertical tab)"), "{w:?}");
        assert!(
            w[2].starts_with("line 2: U+0007 (bell) removed (2 times)"),
            "{w:?}"
        );
        let (t, w) = clean_document("a\u{2029}b", true, 1);
        assert_eq!((t.as_str(), w.len()), ("a\n\nb", 0));
        let (t, w) = clean_document("title: A\u{B}B\n", false, 5);
        assert_eq!(t, "title: A B\n");
        assert!(
            w[0].starts_with("line 5: U+000B (vertical tab) replaced with a space"),
            "{w:?}"
        );
    }
}
