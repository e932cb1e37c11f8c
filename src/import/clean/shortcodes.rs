//! What WordPress stores in a post's text besides its words: block-editor comments
//! (`<!-- wp:paragraph -->`), shortcodes (`[caption]…[/caption]`, `[gallery ids="1"]`) and
//! inline footnotes (`((…))`). Each is removed in one pass over the text, however many
//! brackets a hostile post holds.

use std::collections::{HashMap, HashSet};

/// Shortcodes whose content is never spoken: captions describe a picture, players and
/// embeds are not text.
const DROP_WITH_CONTENT: &[&str] = &[
    "caption",
    "wp_caption",
    "audio",
    "video",
    "playlist",
    "embed",
    "gallery",
    "soundcloud",
    "youtube",
    "vimeo",
    "spotify",
    "tweet",
    "instagram",
    "googlemaps",
    // Footnotes would be read in the middle of a sentence.
    "footnote",
    "efn_note",
    "mfn",
    "ref",
];

/// HTML comments removed (`<!-- wp:paragraph -->`, `<!--more-->`); says whether any was a
/// block-editor comment.
pub fn strip_comments(s: &str) -> (String, bool) {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut blocks = false;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 4..];
        let end = after.find("-->");
        let inner = &after[..end.unwrap_or(after.len())];
        let t = inner.trim_start();
        if t.starts_with("wp:") || t.starts_with("/wp:") {
            blocks = true;
        }
        rest = end.map_or("", |e| &after[e + 3..]);
    }
    out.push_str(rest);
    (out, blocks)
}

/// A shortcode tag found at the start of a string.
struct Tag<'a> {
    name: &'a str,
    closing: bool,
    /// Has attributes or ends in `/]`.
    marked: bool,
    len: usize,
}

/// The tag opening `s`, if it is one. `marks` are where in `s` the next ']', the next '['
/// after the first character and the next line end are (or `usize::MAX`): the caller keeps
/// them, so a text of many '[' is scanned once, not once per '['.
fn parse_tag(s: &str, marks: [usize; 3]) -> Option<Tag<'_>> {
    let [next_close, next_open, next_line] = marks;
    let b = s.as_bytes();
    if b.first() != Some(&b'[') {
        return None;
    }
    let mut i = 1;
    let closing = b.get(1) == Some(&b'/');
    if closing {
        i += 1;
    }
    let start = i;
    // Shortcode names are lower case by convention; "[Jesus]" and "[sic]"-like editorial
    // brackets are told apart below.
    if !b.get(i).is_some_and(|c| c.is_ascii_lowercase()) {
        return None;
    }
    while b
        .get(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-')
    {
        i += 1;
    }
    let name = &s[start..i];
    // Shortcode tags are short: a ']' far off closes no tag.
    if next_close == usize::MAX || next_close < i || next_close - i > 2048 {
        return None;
    }
    let end = next_close;
    let between = &s[i..end];
    if next_open < end || next_line < end && between.len() > 500 {
        return None;
    }
    if closing && !between.trim().is_empty() {
        return None;
    }
    let attrs = between.trim();
    if !attrs.is_empty() && !between.starts_with([' ', '\t', '\n', '/']) {
        return None;
    }
    Some(Tag {
        name,
        closing,
        // `[gallery ids="1"]`, `[toc /]`; "[the Lord]" or "[emphasis mine]" are a writer's.
        marked: attrs.contains('=') || attrs.ends_with('/'),
        len: end + 1,
    })
}

/// Shortcodes removed: the known media ones with what they enclose, any other tag alone
/// (the text a layout shortcode wraps is kept). A bracketed word that is not a shortcode
/// (`[sic]`, `[Jesus]`, `[1]`) stays; `[[x]]` is WordPress's way to write a literal `[x]`.
pub fn shortcodes(s: &str) -> String {
    if !s.contains('[') {
        return s.to_string();
    }
    // Which shortcodes are closed somewhere, found in one pass.
    let closed: HashSet<&str> = s
        .match_indices("[/")
        .filter_map(|(i, _)| {
            let rest = &s[i + 2..];
            let end = rest.as_bytes()[..rest.len().min(65)]
                .iter()
                .position(|c| *c == b']')?;
            Some(&rest[..end])
        })
        .collect();
    // Where a search for a closing mark found none: none lies further on either, so later
    // tags skip the search (which would otherwise make many open tags quadratic).
    let mut no_double_close_from = usize::MAX;
    // Where the next ']', '[' and line end are (absolute), found once and reused until passed.
    let mut marks: [Option<usize>; 3] = [None; 3];
    let mut no_close_from: HashMap<&str, usize> = HashMap::new();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(j) = s[i..].find('[') {
        let at = i + j;
        out.push_str(&s[i..at]);
        let rest = &s[at..];
        if let Some(inner) = rest
            .strip_prefix("[[")
            .filter(|_| at < no_double_close_from)
        {
            match inner.find("]]") {
                Some(k) => {
                    out.push('[');
                    out.push_str(&inner[..k]);
                    out.push(']');
                    i = at + 2 + k + 2;
                    continue;
                }
                None => no_double_close_from = at,
            }
        }
        let mut relative = [usize::MAX; 3];
        for (k, c) in [']', '[', '\n'].into_iter().enumerate() {
            let from = if c == '[' { at + 1 } else { at };
            let pos = match marks[k] {
                Some(p) if p >= from => p,
                _ => {
                    let p = s[from..].find(c).map_or(usize::MAX, |x| from + x);
                    marks[k] = Some(p);
                    p
                }
            };
            if pos != usize::MAX {
                relative[k] = pos - at;
            }
        }
        let Some(tag) = parse_tag(rest, relative) else {
            out.push('[');
            i = at + 1;
            continue;
        };
        let close = format!("[/{}]", tag.name);
        let closed_later = !tag.closing && closed.contains(tag.name);
        let known = DROP_WITH_CONTENT.contains(&tag.name);
        let is_shortcode =
            tag.closing || known || tag.marked || closed_later || tag.name.contains(['_', '-']);
        if !is_shortcode {
            out.push('[');
            i = at + 1;
            continue;
        }
        let searched =
            known && closed_later && no_close_from.get(tag.name).is_none_or(|from| at < *from);
        let found = if searched {
            rest[tag.len..].find(&close)
        } else {
            None
        };
        match found {
            Some(k) => i = at + tag.len + k + close.len(),
            None => {
                if searched {
                    no_close_from.insert(tag.name, at);
                }
                i = at + tag.len;
            }
        }
        // A removed tag parts the words on either side, unless it sat inside a word
        // ("[dropcap]T[/dropcap]here").
        let before = out.chars().next_back();
        let after = s[i..].chars().next();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
        if !(space(before) || space(after) || word(before) && word(after)) {
            out.push(' ');
        }
    }
    out.push_str(&s[i..]);
    out
}

/// Footnotes written inline as `((…))` (the Easy Footnotes plugin, as stored; a feed has
/// them rendered as footnotes already) removed: they interrupt the sentence they sit in.
/// Only a short span within one paragraph is taken for one.
pub fn easy_footnotes(s: &str) -> String {
    if !s.contains("((") {
        return s.to_string();
    }
    // The next of each mark is found once and reused until passed, so the scan stays
    // linear however many "((" there are.
    const BOUNDS: [&str; 7] = ["\n\n", "<p", "</p", "<br", "<div", "</div", "<blockquote"];
    let next = |pat: &str, from: usize| s[from..].find(pat).map_or(usize::MAX, |k| from + k);
    let mut close = 0usize;
    let mut open = 0usize;
    let mut bounds = [0usize; BOUNDS.len()];
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(j) = s[i..].find("((") {
        let at = i + j;
        let from = at + 2;
        if close < from {
            close = next("))", from);
        }
        if open < from {
            open = next("((", from);
        }
        for (pos, pat) in bounds.iter_mut().zip(BOUNDS) {
            if *pos < from {
                *pos = next(pat, from);
            }
        }
        let boundary = bounds.iter().copied().min().unwrap_or(usize::MAX).min(open);
        // A note hugs its parentheses ("((See John 10:28.))"); "Sad(( but faithful))" and
        // "(((" are a writer's, and a note never crosses a paragraph.
        let note = close != usize::MAX
            && close > from
            && close - at <= 2000
            && boundary > close
            && (at == 0 || b[at - 1] != b'(')
            && !b[from].is_ascii_whitespace()
            && b[from] != b'('
            && !b[close - 1].is_ascii_whitespace()
            && b.get(close + 2) != Some(&b')');
        if note {
            out.push_str(s[i..at].trim_end_matches([' ', '\t']));
            i = close + 2;
        } else {
            out.push_str(&s[i..from]);
            i = from;
        }
    }
    out.push_str(&s[i..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcodes_go_and_brackets_stay() {
        let s = shortcodes(
            "A [caption id=\"x\" width=\"300\"]<img src=\"a.jpg\"> A picture[/caption] B \
             [audio mp3=\"x.mp3\"][/audio] [gallery ids=\"1,2\"] [vc_row][vc_column]Kept words[/vc_column][/vc_row] \
             He [Jesus] said [sic] see [1] and [[gallery]] [contact-form-7 id=\"9\"] [toc /]",
        );
        for gone in [
            "picture",
            "img",
            "mp3",
            "gallery ids",
            "vc_",
            "contact",
            "toc",
        ] {
            assert!(!s.contains(gone), "{gone} stayed: {s}");
        }
        for kept in ["Kept words", "[Jesus]", "[sic]", "[1]", "[gallery]"] {
            assert!(s.contains(kept), "{kept} went: {s}");
        }
    }

    #[test]
    fn shortcode_scans_stay_linear_and_inside_characters() {
        // A window's end inside a character, with no ']' before it.
        let s = format!("[audio {}]", "é".repeat(3000));
        let _ = shortcodes(&s);
        let s = format!("[a{}", "…".repeat(1000));
        assert_eq!(shortcodes(&s), s);
        let t = std::time::Instant::now();
        // A closing tag before many opening ones; many "[[" with no "]]"; many "[/x" with
        // their "]" far off.
        let _ = shortcodes(&format!("[/audio]{}", "[audio src=x] w ".repeat(50_000)));
        let _ = shortcodes(&"[[x ".repeat(200_000));
        let _ = shortcodes(&"[a".repeat(1_000_000));
        let _ = shortcodes(&format!("{}]", "[/".repeat(200_000)));
        assert!(t.elapsed().as_secs() < 5, "shortcode scans are not linear");
        assert_eq!(shortcodes("[[gallery]] stays"), "[gallery] stays");
        // What a media shortcode encloses goes with it.
        assert_eq!(shortcodes("a [audio src=x]b[/audio] c").trim(), "a  c");
    }
}
