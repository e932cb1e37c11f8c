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
}
