//! Small text helpers several modules share: escaping for HTML and XML, percent-decoding, and
//! counted nouns. One home each, so the feed, the pages and the imported articles escape and
//! decode the same way, and a fix lands everywhere at once.

/// Escapes `&`, `<` and `>`: text between tags, where quotes need no escaping.
pub fn escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Escapes `&`, `<`, `>` and `"`: text fit for a quoted attribute value, or between tags.
pub fn escape_attr(s: &str) -> String {
    escape_text(s).replace('"', "&quot;")
}

/// [`escape_attr`] after dropping the characters XML 1.0 forbids ([`crate::sanitize`]), for
/// what devocast publishes: one stray control character would make a feed no app can parse.
pub fn escape_clean(s: &str) -> String {
    escape_attr(&crate::sanitize::clean(s))
}

/// Decodes `%XX` escapes strictly: `None` for a malformed escape (`%` not followed by two
/// hexadecimal digits) or for bytes that are not UTF-8. For addresses devocast wrote itself,
/// where anything malformed is an error to report.
pub fn percent_decode_strict(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Decodes `%XX` escapes leniently: a malformed escape is kept as written and bytes that are
/// not UTF-8 become U+FFFD. For slugs and addresses from a blog (WordPress stores non-ASCII
/// slugs as `%e2%80%99`), where a stray `%` is the writer's.
pub fn percent_decode_lenient(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A count with its noun: "1 chapter", "3 chapters", "0 chapters".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Text for a message: at most `max` characters (the last an ellipsis when cut), so a name
/// from outside, however long, never floods the terminal.
pub fn shorten(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => std::borrow::Cow::Borrowed(s),
        Some(_) => {
            let keep = max.saturating_sub(1);
            let end = s.char_indices().nth(keep).map_or(s.len(), |(i, _)| i);
            std::borrow::Cow::Owned(format!("{}…", s[..end].trim_end()))
        }
    }
}

/// Edits (insertions, deletions, substitutions, swaps of neighbours) between two words,
/// ignoring case and counting `-` and `_` alike: how far a typo is from what was meant.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let norm = |s: &str| -> Vec<char> {
        s.chars()
            .map(|c| if c == '-' { '_' } else { c })
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (a, b) = (norm(a), norm(b));
    // Rows i-2, i-1 and i of the table of distances between prefixes.
    let mut before: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(before[j - 2] + 1);
            }
        }
        before = std::mem::replace(&mut prev, row);
    }
    prev[b.len()]
}

/// The candidate `word` is most likely a typo of: the nearest within one edit for short
/// words and two for longer ones, if any.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let allowed = if word.chars().count() <= 4 { 1 } else { 2 };
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|&(d, _)| d <= allowed)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_messages_are_shortened() {
        assert_eq!(shorten("Grace", 10), "Grace");
        assert_eq!(shorten("abcdefghij", 10), "abcdefghij");
        assert_eq!(shorten("abcdefghijk", 10), "abcdefghi…");
        assert_eq!(shorten("ééééé", 3), "éé…");
        assert_eq!(shorten("a                 b", 5), "a…");
        let huge = "x".repeat(1 << 20);
        assert_eq!(shorten(&huge, 80).chars().count(), 80);
    }

    #[test]
    fn escaping_drops_forbidden_characters() {
        assert_eq!(
            escape_clean("a\u{7}<b>&\"c\u{B}d"),
            "a&lt;b&gt;&amp;&quot;c d"
        );
    }

    #[test]
    fn text_and_attribute_escaping_differ_only_in_quotes() {
        assert_eq!(
            escape_text("\"Tom & <Jerry>\""),
            "\"Tom &amp; &lt;Jerry&gt;\""
        );
        assert_eq!(
            escape_attr("\"Tom & <Jerry>\""),
            "&quot;Tom &amp; &lt;Jerry&gt;&quot;"
        );
        // Apostrophes are left alone by all three, and only the published form drops
        // control characters.
        assert_eq!(escape_attr("it's\u{B}"), "it's\u{B}");
        assert_eq!(escape_clean("it's\u{1}"), "it's");
        // Already escaped text is escaped again: these take text, not markup.
        assert_eq!(escape_text("&amp;"), "&amp;amp;");
    }

    #[test]
    fn strict_decoding_refuses_what_lenient_decoding_keeps() {
        for (s, strict, lenient) in [
            ("caf%c3%a9-time", Some("café-time"), "café-time"),
            ("a%20b%2Fc", Some("a b/c"), "a b/c"),
            ("100%", None, "100%"),
            ("a%zzb", None, "a%zzb"),
            ("a%2", None, "a%2"),
            ("%e9t%e9", None, "\u{FFFD}t\u{FFFD}"),
            ("plain", Some("plain"), "plain"),
        ] {
            assert_eq!(percent_decode_strict(s).as_deref(), strict, "{s}");
            assert_eq!(percent_decode_lenient(s), lenient, "{s}");
        }
    }

    #[test]
    fn counted_nouns() {
        assert_eq!(plural(1, "cache entry", "cache entries"), "1 cache entry");
        assert_eq!(plural(0, "episode", "episodes"), "0 episodes");
        assert_eq!(
            plural(12, "article has", "articles have"),
            "12 articles have"
        );
    }

    #[test]
    fn typos_are_near_what_was_meant() {
        assert_eq!(edit_distance("auther", "author"), 1);
        assert_eq!(edit_distance("titel", "title"), 1);
        assert_eq!(edit_distance("Base-URL", "base_url"), 0);
        assert_eq!(edit_distance("", "abc"), 3);
        let keys = ["title", "author", "language", "base_url", "email"];
        assert_eq!(closest("auther", keys), Some("author"));
        assert_eq!(closest("langauge", keys), Some("language"));
        assert_eq!(closest("baseurl", keys), Some("base_url"));
        assert_eq!(closest("emial", keys), Some("email"));
        assert_eq!(closest("colour", keys), None);
        assert_eq!(closest("xyz", ["abc"]), None);
    }
}
