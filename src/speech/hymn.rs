//! Hymn citations ("(Hymns #114)", "Hymn 302", "hymn no. 302", "Hymnal #302, stanza 2"):
//! one finder for the article readers (the citation that ends a stanza), the script (a hymn
//! cited in prose plays after its paragraph) and the reader (how a citation is read aloud),
//! so the three can never disagree about what a citation is.
//!
//! The finder knows no language: the words come from a [`Words`] table, so another language
//! supplies its own ("Himno 302", "(Himnario #302)", "himno n.º 302") and the logic stays.

use std::ops::Range;

/// The words hymn citations are made of in one language, all in lower case.
#[derive(Debug)]
pub struct Words {
    /// Words for one hymn: "hymn".
    pub hymn: &'static [&'static str],
    /// Words naming a hymnal or a collection, whose number is read "Hymns, number 114".
    pub hymnal: &'static [&'static str],
    /// Number markers: "#", "no.", "number".
    pub markers: &'static [&'static str],
    /// Words before a hymn word that make a bare number after it something else than a
    /// citation ("a hymn 3 times", "the hymns 1850 saw").
    pub determiners: &'static [&'static str],
    /// Words after a bare number that make it a count ("hymn 3 times").
    pub counted: &'static [&'static str],
    /// Words that open a stanza's citation without a number: "(Song on the Lord's care)".
    pub titles: &'static [&'static str],
    /// Details a citation may carry after its number: "stanza" in "Hymn 302, stanza 2".
    pub details: &'static [&'static str],
    /// Words that may open a line holding a stanza's citation: "from" in "— from Hymn 302".
    pub lead_ins: &'static [&'static str],
    /// Openings of such a bracket that are Scripture, not a song: "song of songs".
    pub not_titles: &'static [&'static str],
    /// How the narrator names a hymn before its recording: "Hymn".
    pub hymn_name: &'static str,
    /// How a number marker is read: "number".
    pub number: &'static str,
}

/// A hymn cited by number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The citation in the text; its brackets are included when they enclose it
    /// ("(Hymn #302, stanza 2)").
    pub span: Range<usize>,
    /// The hymn number.
    pub number: u32,
    /// The citation as written, without enclosing brackets: "Hymns #114".
    pub text: String,
    /// The hymn word ("Hymns"); `None` for a later number of a list ("#115" in
    /// "Hymns #114, #115").
    pub word: Option<Range<usize>>,
    /// Whether the word names a hymnal ("Hymns", "Hymnal") rather than one hymn.
    pub hymnal: bool,
    /// The number marker ("#", "No."), if one is written.
    pub marker: Option<Range<usize>>,
    /// The number's digits.
    pub digits: Range<usize>,
}

/// The citation that ends a stanza.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StanzaCitation {
    /// Where it starts (its bracket, dash or line); the stanza is the text before.
    pub start: usize,
    /// The hymn number, when the citation gives one ("(Song on rest)" gives none).
    pub number: Option<u32>,
    /// As written, without brackets or a leading dash: "Hymns #114".
    pub text: String,
}

/// Every hymn cited by number in running text, in order.
pub fn find_all(text: &str, words: &Words) -> Vec<Citation> {
    find(text, words, false)
}

/// The citation that ends a stanza's text, if there is one: in brackets at the end
/// ("… (Hymns #114)", "… (Song on rest)", "… (#114)"), or a last line (after " / " or a line
/// break) or a dash that holds nothing but a citation ("— Hymn 302").
pub fn stanza_citation(text: &str, words: &Words) -> Option<StanzaCitation> {
    let t = text.trim_end();
    // A period after the closing bracket or the bare citation is the sentence's, not part
    // of the citation.
    let t = t.strip_suffix('.').unwrap_or(t).trim_end();
    if t.ends_with([')', ']']) {
        return bracketed_at_end(t, words);
    }
    let line_start = [" / ", "\n", " — ", " – ", " -- ", " - "]
        .iter()
        .filter_map(|sep| t.rfind(sep).map(|i| (i, sep.len())))
        .max_by_key(|(i, _)| *i);
    let (start, skip) = line_start.unwrap_or((0, 0));
    let line = &t[start + skip..];
    let lead = line.len()
        - line
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '—' | '–' | '-' | '~'))
            .len();
    let bare = line[lead..].trim_end_matches('.').trim_end();
    let lead_in = words
        .lead_ins
        .iter()
        .filter_map(|w| prefix_ci(bare, 0, w))
        .find(|&end| bare[end..].starts_with(is_space))
        .map_or(0, |end| skip_spaces(bare, end));
    let bare = &bare[lead_in..];
    let found = find(bare, words, true);
    let ends = |c: &Citation| detail_only(&bare[c.span.end..], words);
    match found.first() {
        Some(c) if c.span.start == 0 && found.last().is_some_and(ends) => Some(StanzaCitation {
            start,
            number: Some(c.number),
            text: bare.to_string(),
        }),
        // "… lay down your load Hymn No. 302": a citation as prose would have it, last.
        _ => {
            let tail = t.trim_end_matches('.').trim_end();
            let last = find(tail, words, false).pop()?;
            let ends_text = last.word.is_some() && detail_only(&tail[last.span.end..], words);
            ends_text.then(|| StanzaCitation {
                start: last.span.start,
                number: Some(last.number),
                text: tail[last.span.start..].to_string(),
            })
        }
    }
}

/// Whether `rest` is nothing, or only a citation's details: ", stanza 2", " vv. 1-3".
fn detail_only(rest: &str, words: &Words) -> bool {
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'));
    if rest.is_empty() {
        return true;
    }
    let lower = rest.to_lowercase();
    words.details.iter().any(|d| {
        lower.starts_with(d)
            && lower[d.len()..]
                .replace("and", "")
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ' ' | ',' | '-' | '–' | '&'))
    })
}

/// A stanza ending in a bracket: a citation with a number anywhere in it, a bare number
/// ("(#114)"), or a song's title ("(Song on rest)").
fn bracketed_at_end(t: &str, words: &Words) -> Option<StanzaCitation> {
    let open = matching_open(t)?;
    let inner = t[open + 1..t.len() - 1].trim();
    let number = find(inner, words, true)
        .first()
        .map(|c| c.number)
        .or_else(|| marked_number(inner, words));
    let lower = inner.to_lowercase();
    let titled = words.titles.iter().any(|w| {
        lower.starts_with(w)
            && !lower[w.len()..].starts_with(char::is_alphanumeric)
            && !words.not_titles.iter().any(|n| lower.starts_with(n))
    }) && !inner.contains(|c: char| c.is_ascii_digit());
    (number.is_some() || titled).then(|| StanzaCitation {
        start: open,
        number,
        text: inner.to_string(),
    })
}

/// The opening bracket that the closing bracket ending `t` closes.
fn matching_open(t: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in t.char_indices().rev() {
        match c {
            ')' | ']' => depth += 1,
            '(' | '[' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// "#114", "No. 114": a marker and a number and nothing else.
fn marked_number(inner: &str, words: &Words) -> Option<u32> {
    let after = marker_at(inner, 0, words)?;
    let at = skip_spaces(inner, after);
    let (digits, n) = number_at(inner, at)?;
    (digits.end == inner.len()).then_some(n)
}

/// The finder: with `whole`, the text is known to be a citation's place (a stanza's last
/// line or bracket), so a bare number after a hymn word needs no further evidence.
fn find(text: &str, words: &Words, whole: bool) -> Vec<Citation> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let at_word = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if at_word {
            if let Some(found) = citation_at(text, i, words, whole) {
                i = found.last().map_or(i + 1, |c| c.digits.end);
                out.extend(found);
                continue;
            }
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// A citation whose hymn word starts at `start`, with the later numbers of its list.
fn citation_at(text: &str, start: usize, words: &Words, whole: bool) -> Option<Vec<Citation>> {
    let (word_end, hymnal) = hymn_word_at(text, start, words)?;
    let mut at = word_end;
    if text[at..].starts_with([',', ':']) {
        at += 1;
    }
    at = skip_spaces(text, at);
    let marker = marker_at(text, at, words).map(|end| at..end);
    if let Some(m) = &marker {
        at = skip_spaces(text, m.end);
    } else if at == word_end {
        return None; // "Hymn302"
    }
    let (digits, number) = number_at(text, at)?;
    if marker.is_none() && !bare_number_is_citation(text, start, word_end, &digits, words, whole) {
        return None;
    }
    let (span, written) = enclosed(text, start, digits.end);
    let mut found = vec![Citation {
        span,
        number,
        text: written,
        word: Some(start..word_end),
        hymnal,
        marker,
        digits,
    }];
    // "Hymns #114, #115 and #116": later numbers need their marker.
    while let Some(next) = listed_number(text, found[found.len() - 1].digits.end, words) {
        found.push(Citation { hymnal, ..next });
    }
    Some(found)
}

/// A hymn word at `at` ending before a non-letter: its end, and whether it names a hymnal.
fn hymn_word_at(text: &str, at: usize, words: &Words) -> Option<(usize, bool)> {
    let hymnal = words.hymnal.iter().map(|w| (w, true));
    let single = words.hymn.iter().map(|w| (w, false));
    hymnal
        .chain(single)
        .filter_map(|(w, h)| {
            let end = prefix_ci(text, at, w)?;
            let next = text[end..].chars().next();
            (!next.is_some_and(char::is_alphanumeric)).then_some((end, h))
        })
        .max_by_key(|(end, _)| *end)
}

/// A number marker at `at`: its end. A marker ending in a letter ("no") must end the word.
fn marker_at(text: &str, at: usize, words: &Words) -> Option<usize> {
    words
        .markers
        .iter()
        .filter_map(|m| {
            let end = prefix_ci(text, at, m)?;
            let word_like = m.ends_with(char::is_alphabetic);
            let next = text[end..].chars().next();
            (!(word_like && next.is_some_and(char::is_alphanumeric))).then_some(end)
        })
        .max()
}

/// One to four digits at `at` making a number from 1 that is not part of something longer
/// ("302a", "3.5", "1,300", "3:16").
fn number_at(text: &str, at: usize) -> Option<(Range<usize>, u32)> {
    let len = text[at..].bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=4).contains(&len) {
        return None;
    }
    let end = at + len;
    let mut rest = text[end..].chars();
    match (rest.next(), rest.next()) {
        (Some(c), _) if c.is_alphanumeric() => return None,
        (Some('.' | ',' | ':'), Some(d)) if d.is_ascii_digit() => return None,
        _ => {}
    }
    let n: u32 = text[at..end].parse().ok()?;
    (n >= 1).then_some((at..end, n))
}

/// Whether "Hymn 302" without a marker cites a hymn here. In brackets of its own or on a
/// line of its own it does; in prose a count ("a hymn 3 times", "this hymn 4 of us sing"), a
/// year ("hymns 1850") or a range ("Hymns 1850-1900") is not a citation.
fn bare_number_is_citation(
    text: &str,
    start: usize,
    word_end: usize,
    digits: &Range<usize>,
    words: &Words,
    whole: bool,
) -> bool {
    let after = text[digits.end..].trim_start_matches(is_space);
    let next_word: String = after
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    let counted = words.counted.contains(&next_word.as_str())
        || after.starts_with('%')
        || after
            .strip_prefix(['-', '–', '—'])
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
    if counted {
        return false;
    }
    let bracketed = text[..start]
        .trim_end_matches(is_space)
        .ends_with(['(', '[']);
    if whole || bracketed {
        return true;
    }
    let before = text[..start].trim_end_matches(is_space);
    let previous: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<char>>()
        .into_iter()
        .rev()
        .collect::<String>()
        .to_lowercase();
    let capital = text[start..].starts_with(char::is_uppercase);
    let word = text[start..word_end].to_lowercase();
    let hymnal = words.hymnal.contains(&word.as_str());
    let n: u32 = text[digits.clone()].parse().unwrap_or(0);
    let year_like = (1500..=2099).contains(&n);
    // A capital makes it a name ("the Hymn 302"); in lower case, "a hymn 1850" is a count
    // or a year.
    capital || !(words.determiners.contains(&previous.as_str()) || hymnal || year_like)
}

/// "…, #115", "… and #116", "…; No. 117": a later number of a list after `at`.
fn listed_number(text: &str, at: usize, words: &Words) -> Option<Citation> {
    let mut p = skip_spaces(text, at);
    let sep = [",", ";", "&", "and", "or"]
        .iter()
        .find_map(|s| prefix_ci(text, p, s))?;
    p = skip_spaces(text, sep);
    if let Some(end) = [",", "and"].iter().find_map(|s| prefix_ci(text, p, s)) {
        p = skip_spaces(text, end); // ", and #116"
    }
    let marker_end = marker_at(text, p, words)?;
    let digits_at = skip_spaces(text, marker_end);
    let (digits, number) = number_at(text, digits_at)?;
    Some(Citation {
        span: p..digits.end,
        number,
        text: text[p..digits.end].to_string(),
        word: None,
        hymnal: false,
        marker: Some(p..marker_end),
        digits,
    })
}

/// The citation's span and text: its brackets too when they open right before it and close
/// soon after, with nothing but its details between ("(Hymn #302, stanza 2)").
fn enclosed(text: &str, start: usize, end: usize) -> (Range<usize>, String) {
    let before = text[..start].trim_end_matches(is_space);
    let close = text[end..]
        .char_indices()
        .take_while(|(i, _)| *i <= 60)
        .find(|(_, c)| matches!(c, '(' | ')' | '[' | ']'));
    match (before.chars().next_back(), close) {
        (Some(o), Some((i, c))) if matches!((o, c), ('(', ')') | ('[', ']')) => {
            let open = before.len() - 1;
            let close = end + i;
            (open..close + 1, text[open + 1..close].trim().to_string())
        }
        _ => (start..end, text[start..end].to_string()),
    }
}

/// Case-insensitive prefix: the end of `word` in `text` at `at`, if it is there.
fn prefix_ci(text: &str, at: usize, word: &str) -> Option<usize> {
    let mut chars = text[at..].char_indices();
    let mut end = at;
    for w in word.chars() {
        let (i, c) = chars.next()?;
        if !c.to_lowercase().eq(w.to_lowercase()) {
            return None;
        }
        end = at + i + c.len_utf8();
    }
    Some(end)
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

fn skip_spaces(text: &str, at: usize) -> usize {
    text.len() - text[at..].trim_start_matches(is_space).len()
}

/// How the narrator names a hymn before its recording plays: "Hymn 302: Come, you weary".
/// `name` is the recording's title or the stanza's first line; one that already cites the
/// hymn is said as it is.
pub fn announcement(number: u32, name: Option<&str>, words: &Words) -> String {
    let name = name
        .map(|n| {
            n.trim()
                .trim_end_matches([',', ';', ':', '.', '—', '–', '-'])
                .trim_end()
        })
        .filter(|n| !n.is_empty());
    match name {
        Some(n) if find(n, words, true).iter().any(|c| c.number == number) => n.to_string(),
        Some(n) => format!("{} {number}: {n}", words.hymn_name),
        None => format!("{} {number}", words.hymn_name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speech::en::HYMNS as ENGLISH;

    fn numbers(text: &str) -> Vec<u32> {
        find_all(text, &ENGLISH).iter().map(|c| c.number).collect()
    }

    #[test]
    fn every_common_form_is_a_citation() {
        for (text, n, written) in [
            ("(Hymns #114)", 114, "Hymns #114"),
            ("(Hymn 302)", 302, "Hymn 302"),
            ("Hymn 302", 302, "Hymn 302"),
            ("sing hymn #302 now", 302, "hymn #302"),
            ("Hymn No. 302", 302, "Hymn No. 302"),
            ("(Hymns 302)", 302, "Hymns 302"),
            ("Hymnal #302", 302, "Hymnal #302"),
            ("Hymns, #302", 302, "Hymns, #302"),
            ("HYMN 302 is sung", 302, "HYMN 302"),
            ("we sang hymn no 302", 302, "hymn no 302"),
            ("(Hymn #302, stanza 2)", 302, "Hymn #302, stanza 2"),
            ("Hymn number 41 today", 41, "Hymn number 41"),
            ("[Hymnal 7]", 7, "Hymnal 7"),
            ("see hymn # 12.", 12, "hymn # 12"),
            ("Sing Hymn 1850 with us", 1850, "Hymn 1850"),
        ] {
            let found = find_all(text, &ENGLISH);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].number, n, "{text}");
            assert_eq!(found[0].text, written, "{text}");
            let span = &text[found[0].span.clone()];
            assert!(span.contains(written), "{text}: {span}");
        }
    }

    #[test]
    fn counts_years_scripture_and_tags_are_not_citations() {
        for text in [
            "we sang a hymn 3 times",
            "the 2 hymns we love",
            "Psalm 23 is a song",
            "hymn writers in 1850",
            "a hymn 1850 saw printed",
            "English hymns 1850-1900",
            "hymns 1850 and later",
            "#hashtag #5",
            "Hymn302 is glued",
            "hymn 3.5 minutes",
            "hymn 302a",
            "sing the hymn 2 times more",
            "this hymn 4 of us know",
            "Song 2:1 is Scripture",
            "a hymn no one knows",
            "Hymns of praise",
        ] {
            assert!(numbers(text).is_empty(), "{text}: {:?}", numbers(text));
        }
    }

    #[test]
    fn lists_of_numbers_are_each_a_citation() {
        assert_eq!(numbers("(Hymns #114, #1129)"), vec![114, 1129]);
        assert_eq!(numbers("Hymns #3, #4, and #5"), vec![3, 4, 5]);
        assert_eq!(numbers("Hymn 3 and 4"), vec![3]);
        assert_eq!(
            numbers("Sing it (Hymns #114) and (Hymns #1129)."),
            vec![114, 1129]
        );
    }

    #[test]
    fn positions_name_the_parts() {
        let t = "then Hymn No. 302 plays";
        let c = &find_all(t, &ENGLISH)[0];
        assert_eq!(&t[c.word.clone().unwrap()], "Hymn");
        assert_eq!(&t[c.marker.clone().unwrap()], "No.");
        assert_eq!(&t[c.digits.clone()], "302");
        assert!(!c.hymnal);
        let t = "(Hymns #114)";
        let c = &find_all(t, &ENGLISH)[0];
        assert_eq!(c.span, 0..t.len());
        assert!(c.hymnal);
    }

    #[test]
    fn a_stanza_ends_with_its_citation() {
        let cases = [
            (
                "Savior, hail! / Where for us (Hymns #114)",
                Some(114),
                "Hymns #114",
            ),
            ("Line a / line b (Hymn 302).", Some(302), "Hymn 302"),
            ("Line a / line b / Hymn No. 302", Some(302), "Hymn No. 302"),
            ("Line a\nline b\n— Hymn 302", Some(302), "Hymn 302"),
            ("Line a / line b — hymn #302.", Some(302), "hymn #302"),
            ("Line a / line b (#114)", Some(114), "#114"),
            ("A line / another (Song on rest)", None, "Song on rest"),
            (
                "Lines / more (see Hymns #12, stanza 3)",
                Some(12),
                "see Hymns #12, stanza 3",
            ),
            ("Rest / in Him (hymn 40)", Some(40), "hymn 40"),
            (
                "Rest / in Him / Hymn 40, stanza 2",
                Some(40),
                "Hymn 40, stanza 2",
            ),
        ];
        for (text, number, written) in cases {
            let c = stanza_citation(text, &ENGLISH).unwrap_or_else(|| panic!("{text}"));
            assert_eq!((c.number, c.text.as_str()), (number, written), "{text}");
            assert!(!text[..c.start].contains(written), "{text}");
        }
        for text in [
            "He rose (see John 20:1).",
            "My beloved / is mine (Song of Songs 2:16)",
            "The Lord is my shepherd; / I shall not want.",
            "Praise Him / in the hymn 3 times",
            "We sang / a hymn (a hymn 3 times)",
            "Old lines / from (1850)",
        ] {
            assert_eq!(stanza_citation(text, &ENGLISH), None, "{text}");
        }
    }

    #[test]
    fn announcements_name_the_hymn() {
        assert_eq!(
            announcement(302, Some("Come, you weary,"), &ENGLISH),
            "Hymn 302: Come, you weary"
        );
        assert_eq!(announcement(302, None, &ENGLISH), "Hymn 302");
        assert_eq!(
            announcement(302, Some("Hymn 302 — Come"), &ENGLISH),
            "Hymn 302 — Come"
        );
    }

    #[test]
    fn another_language_brings_its_words() {
        const SPANISH: Words = Words {
            hymn: &["himno"],
            hymnal: &["himnos", "himnario"],
            markers: &["#", "n.º", "nº", "no.", "núm.", "número"],
            determiners: &["un", "una", "el", "la", "los", "las", "este", "ese"],
            counted: &["veces", "años"],
            titles: &["himno", "canción"],
            details: &["estrofa"],
            not_titles: &["cantar de los cantares"],
            lead_ins: &["de", "véase"],
            hymn_name: "Himno",
            number: "número",
        };
        let n = |t: &str| -> Vec<u32> { find_all(t, &SPANISH).iter().map(|c| c.number).collect() };
        assert_eq!(n("Cantamos el Himno 302 hoy"), vec![302]);
        assert_eq!(n("(Himnario #302)"), vec![302]);
        assert_eq!(n("el himno n.º 302"), vec![302]);
        assert!(n("un himno 3 veces").is_empty());
        assert_eq!(
            announcement(302, Some("Venid"), &SPANISH),
            "Himno 302: Venid"
        );
    }
}
