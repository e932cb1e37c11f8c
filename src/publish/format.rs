//! Formatting shared by every published file: times and URLs. One home, so the feed, the
//! pages and the transcripts write the same thing the same way (escaping and decoding are
//! [`crate::text`]'s).

/// `mm:ss` (or `h:mm:ss`) for chapter lists.
pub fn clock(seconds: f64) -> String {
    let s = seconds.round() as u64;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

/// `HH:MM:SS`, as Apple documents itunes:duration.
pub fn hms(seconds: f64) -> String {
    let s = seconds.round() as u64;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// `hh:mm:ss` then `sep` and milliseconds: WebVTT and Podlove use `.`, SRT `,`.
pub fn stamp(seconds: f64, sep: char) -> String {
    let ms = (seconds.max(0.0) * 1000.0).round() as u64;
    format!(
        "{:02}:{:02}:{:02}{sep}{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// `hh:mm:ss.mmm`, as WebVTT and Podlove chapters write times.
pub fn hms_millis(seconds: f64) -> String {
    stamp(seconds, '.')
}

/// Percent-encodes a file name for use in a URL path.
pub fn url_escape(name: &str) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `base_url` joined with a file name.
pub fn url_for(base_url: &str, file: &str) -> String {
    format!("{}/{}", base_url.trim_end_matches('/'), url_escape(file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_escaped() {
        assert_eq!(
            url_for("https://x.org/p/", "a b&c.mp3"),
            "https://x.org/p/a%20b%26c.mp3"
        );
    }

    #[test]
    fn times() {
        assert_eq!(hms(3725.4), "01:02:05");
        assert_eq!(clock(65.0), "01:05");
        assert_eq!(clock(3725.0), "1:02:05");
        assert_eq!(stamp(3723.25, ','), "01:02:03,250");
    }
}
