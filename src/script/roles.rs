//! Who reads what: Scripture quoted with its reference, other quotations, hymn words and
//! prayers are told apart here, from the article's shape and words, so a podcast with
//! `[voices.*]` can give each its own voice. The role is always worked out; without
//! `[voices.*]` every role is read by the narrator.

use crate::article::Article;
use crate::speech::bible::{self, Scripture};

/// Headings that make their section a prayer (compared lowercased, without end marks).
const PRAYER_HEADINGS: &[&str] = &[
    "prayer",
    "a prayer",
    "our prayer",
    "closing prayer",
    "a closing prayer",
    "opening prayer",
    "today's prayer",
    "today’s prayer",
    "prayer for today",
    "morning prayer",
    "evening prayer",
    "let us pray",
    "let's pray",
    "let’s pray",
    "oración",
    "oracion",
    "una oración",
    "oración final",
    "oremos",
];

/// Whether a section headed `heading` is a prayer ("Closing Prayer", "Let us pray",
/// "Oración", "A prayer for the weary"), not a section about prayer ("The Power of Prayer").
pub fn is_prayer_heading(heading: &str) -> bool {
    let h = heading
        .trim()
        .trim_end_matches(['.', ':', '!', '…'])
        .trim()
        .to_lowercase();
    PRAYER_HEADINGS.contains(&h.as_str())
        || [
            "prayer:",
            "a prayer for ",
            "a prayer of ",
            "oración por ",
            "oración de ",
        ]
        .iter()
        .any(|p| h.starts_with(p))
}

/// Whether `paragraph` is marked as a prayer in `article` (HTML `class="prayer"`), or starts
/// the prayer front matter names (`prayer: "Lord, …"`; the rest of its section follows).
pub fn marked_prayer(article: &Article, paragraph: &str) -> (bool, bool) {
    let marked = article.prayers.iter().any(|p| p == paragraph);
    let starts = article
        .prayer_from
        .as_deref()
        .map(str::trim)
        .is_some_and(|w| !w.is_empty() && paragraph.trim_start().starts_with(w));
    (marked || starts, starts)
}

/// Whether quoted text ends with (or is cited as) a Bible reference: a block quote's
/// citation, or "… (John 3:16)" / "… — Psalm 23:1" closing the text itself.
pub fn cites_scripture(text: &str, cite: Option<&str>, scripture: &Scripture) -> bool {
    if cite.is_some_and(|c| !bible::find_readable(c, scripture).is_empty()) {
        return true;
    }
    let t = text.trim_end_matches(|c: char| c.is_whitespace() || ".,;)]”\"’".contains(c));
    bible::find_readable(t, scripture)
        .last()
        .is_some_and(|f| t[f.end..].trim().is_empty())
}

/// Byte ranges of `text` that are a quotation followed by a Bible reference
/// (`“Come to me …” (Matthew 11:28)`, `"Be still" — Psalm 46:10`), reference included.
pub fn quoted_scripture(text: &str, scripture: &Scripture) -> Vec<(usize, usize)> {
    let found = bible::find_readable(text, scripture);
    if found.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut at = 0;
    while let Some((open, close)) = next_quotation(text, at) {
        at = close;
        // Between the closing mark and the reference: only spaces, dashes, commas, an
        // opening parenthesis (a period the sentence ends with may come first).
        let after = &text[close..];
        let gap = after
            .find(|c: char| !(c.is_whitespace() || "(—–-,.:".contains(c)))
            .unwrap_or(after.len());
        if let Some(f) = found.iter().find(|f| f.start == close + gap) {
            let end = text[f.end..]
                .find(|c: char| !(c == ')' || c == '.'))
                .map_or(text.len(), |n| f.end + n);
            out.push((open, end));
            at = end;
        }
    }
    out
}

/// The next quotation at or after `from`: (start of its opening mark, end of its closing one).
fn next_quotation(text: &str, from: usize) -> Option<(usize, usize)> {
    let rest = &text[from..];
    let (i, open) = rest.char_indices().find(|(i, c)| match c {
        '“' | '«' => true,
        // A straight quote opens at the start or after a space or bracket.
        '"' => rest[..*i]
            .chars()
            .next_back()
            .is_none_or(|p| p.is_whitespace() || "([—–".contains(p)),
        _ => false,
    })?;
    let start = from + i;
    let body = start + open.len_utf8();
    let closing: &[char] = match open {
        '“' => &['”'],
        '«' => &['»'],
        _ => &['"'],
    };
    let end = text[body..].find(closing)?;
    let close = body + end;
    let mark = text[close..].chars().next()?;
    Some((start, close + mark.len_utf8()))
}

/// Whether a sentence at `range` of its paragraph is mostly within `quoted` ranges: such a
/// sentence is Scripture; one that only mentions a verse in passing stays the narrator's.
pub fn mostly_within(range: (usize, usize), quoted: &[(usize, usize)]) -> bool {
    let len = range.1.saturating_sub(range.0);
    let inside: usize = quoted
        .iter()
        .map(|(a, b)| range.1.min(*b).saturating_sub(range.0.max(*a)))
        .sum();
    len > 0 && inside * 2 >= len
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scripture() -> &'static Scripture {
        crate::speech::language_or_english("en").scripture()
    }

    #[test]
    fn prayer_headings_are_prayers_and_sections_about_prayer_are_not() {
        for h in [
            "Prayer",
            "A Prayer",
            "Closing Prayer:",
            "Let us pray",
            "Oración",
            "A prayer for the weary",
        ] {
            assert!(is_prayer_heading(h), "{h}");
        }
        for h in [
            "The Power of Prayer",
            "Why we pray",
            "Prayers of the saints",
        ] {
            assert!(!is_prayer_heading(h), "{h}");
        }
    }

    #[test]
    fn a_quotation_followed_by_a_reference_is_scripture() {
        let t = "Jesus calls us. “Come to me, all you who are weary.” (Matthew 11:28) We come.";
        let q = quoted_scripture(t, scripture());
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(t[q[0].0..q[0].1].starts_with("“Come"));
        assert!(
            t[q[0].0..q[0].1].ends_with("11:28)"),
            "{}",
            &t[q[0].0..q[0].1]
        );
        let straight = "He said \"Be still, and know that I am God\" — Psalm 46:10.";
        assert_eq!(quoted_scripture(straight, scripture()).len(), 1);
        // A quotation with no reference after it, or a reference alone, is not.
        assert!(
            quoted_scripture("“Keep going,” she said. Read John 3:16.", scripture()).is_empty()
        );
    }

    #[test]
    fn a_quote_cited_with_a_reference_is_scripture() {
        assert!(cites_scripture(
            "The Lord is my shepherd.",
            Some("Psalm 23:1"),
            scripture()
        ));
        assert!(cites_scripture(
            "The Lord is my shepherd. (Psalm 23:1)",
            None,
            scripture()
        ));
        assert!(!cites_scripture(
            "Courage is grace under pressure.",
            Some("Hemingway"),
            scripture()
        ));
        assert!(!cites_scripture(
            "See John 3:16 for more on this love.",
            None,
            scripture()
        ));
    }

    /// Each spoken sentence of an article (read from `file`'s text) with its reader.
    fn readers(file: &str, text: &str) -> Vec<(String, crate::config::Role)> {
        use crate::speech::lexicon::Lexicon;
        let article = crate::article::parse(std::path::Path::new(file), text).unwrap();
        let pauses = crate::config::Pauses::default();
        let lex = Lexicon::default();
        let mut reader = crate::speech::normalize::Reader::new(&lex, false);
        let script =
            super::super::build(&article, &super::super::Settings::new(&pauses), &mut reader);
        script
            .spoken()
            .into_iter()
            .filter_map(|c| match c {
                super::super::Cue::Speak {
                    text_shown, reader, ..
                } => Some((text_shown.clone(), *reader)),
                _ => None,
            })
            .collect()
    }

    fn reader_of(all: &[(String, crate::config::Role)], words: &str) -> crate::config::Role {
        all.iter()
            .find(|(t, _)| t.contains(words))
            .unwrap_or_else(|| panic!("{words:?} not in {all:?}"))
            .1
    }

    #[test]
    fn each_part_of_a_devotion_has_its_reader() {
        use crate::config::Role::*;
        let md = "---\ntitle: Still Waters\n---\n\nHe leads me. As David sang, \"He restoreth my soul\" (Psalm 23:3). We rest.\n\n> Be still, and know that I am God.\n>\n> — Psalm 46:10\n\n> The best is yet to be.\n>\n> — Robert Browning\n\n> Abide with me, fast falls the eventide,\n> the darkness deepens.\n> (Hymns #50)\n\n## A Prayer\n\nFather, keep us. Amen.\n\n## After\n\nGo in peace.\n";
        let all = readers("still.md", md);
        assert_eq!(reader_of(&all, "He leads me"), Narrator);
        assert_eq!(reader_of(&all, "He restoreth my soul"), Scripture);
        assert_eq!(reader_of(&all, "We rest"), Narrator);
        assert_eq!(reader_of(&all, "Be still"), Scripture);
        assert_eq!(reader_of(&all, "The best is yet"), Quote);
        assert_eq!(reader_of(&all, "the darkness deepens"), Stanza);
        assert_eq!(reader_of(&all, "A Prayer"), Narrator);
        assert_eq!(reader_of(&all, "Father, keep us"), Prayer);
        assert_eq!(reader_of(&all, "Go in peace"), Narrator);
    }

    #[test]
    fn a_paragraph_marked_as_a_prayer_is_one() {
        use crate::config::Role::*;
        let html = r#"<html><body><article><h1>Night</h1><p>The day is done.</p><p class="prayer">Lord, watch over us tonight.</p><div class="prayer"><p>Keep us safe.</p></div><p>Sleep well.</p></article></body></html>"#;
        let all = readers("night.html", html);
        assert_eq!(reader_of(&all, "The day is done"), Narrator);
        assert_eq!(reader_of(&all, "watch over us"), Prayer);
        assert_eq!(reader_of(&all, "Keep us safe"), Prayer);
        assert_eq!(reader_of(&all, "Sleep well"), Narrator);
        // Front matter names where the prayer starts; it runs to its section's end.
        let md = "---\ntitle: Dawn\nprayer: \"Gracious God\"\n---\n\nMorning comes.\n\nGracious God, we thank you.\n\nGuide our steps.\n\n## Next\n\nWalk on.\n";
        let all = readers("dawn.md", md);
        assert_eq!(reader_of(&all, "Morning comes"), Narrator);
        assert_eq!(reader_of(&all, "we thank you"), Prayer);
        assert_eq!(reader_of(&all, "Guide our steps"), Prayer);
        assert_eq!(reader_of(&all, "Walk on"), Narrator);
    }
}
