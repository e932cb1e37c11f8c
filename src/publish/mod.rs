//! Published files: the RSS feed, Podcasting 2.0 chapters JSON, and the cover image.

pub mod chapters;
pub mod cover;
pub mod feed;
pub mod page;
pub mod transcript;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Everything the feed needs to know about one built episode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpisodeInfo {
    /// File stem of the article and its outputs.
    pub slug: String,
    /// Episode title.
    pub title: String,
    /// Plain-text description (summary or first paragraph).
    pub description: String,
    /// Publication date.
    pub date: NaiveDate,
    /// MP3 file name inside the output folder.
    pub mp3: String,
    /// MP3 size in bytes.
    pub mp3_bytes: u64,
    /// Duration in seconds.
    pub seconds: f64,
    /// Chapters JSON file name inside the output folder.
    pub chapters_file: String,
    /// Chapter starts in seconds with titles.
    pub chapters: Vec<(f64, String)>,
    /// WebVTT transcript file name.
    pub transcript_vtt: String,
    /// SRT transcript file name.
    pub transcript_srt: String,
    /// HTML page file name.
    pub page: String,
    /// Bible references as the article writes them, in order of first mention.
    pub scripture: Vec<String>,
    /// Hymns in the episode ("Hymn 302: Come, you weary, come and rest").
    pub hymns: Vec<String>,
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
    #[test]
    fn urls_are_escaped() {
        assert_eq!(
            super::url_for("https://x.org/p/", "a b&c.mp3"),
            "https://x.org/p/a%20b%26c.mp3"
        );
    }
}
