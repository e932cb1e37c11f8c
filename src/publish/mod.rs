//! Published files: the RSS feed, Podcasting 2.0 chapters JSON, transcripts, pages and the
//! cover image.

pub mod chapters;
pub mod cover;
pub mod epub;
pub mod feed;
pub mod format;
pub mod mark;
pub mod page;
pub mod transcript;
pub mod words;

pub use format::{url_escape, url_for};

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
    /// The plain HTML transcript's file name.
    #[serde(default)]
    pub transcript_html: Option<String>,
    /// The talking book's file name (EPUB 3 with Media Overlays), if one is made.
    #[serde(default)]
    pub epub: Option<String>,
    /// `itunes:episode`: assigned once, when the episode is first published.
    #[serde(default)]
    pub number: Option<u32>,
    /// Who wrote the article, if it says: its authors as one line (the item's
    /// `itunes:author`, the page's byline).
    #[serde(default)]
    pub author: Option<String>,
    /// Each of its authors (the item's `podcast:person` tags).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Its tags and categories (the item's `itunes:keywords`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// Its own artwork (the item's `itunes:image`): an http(s) address, or a file name in the
    /// output folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Where the article was first published (the blog post it was imported from): the
    /// feed item's `<link>` and a link on the episode page.
    #[serde(default)]
    pub link: Option<String>,
    /// The article's language (BCP 47) when it names one other than the podcast's: its
    /// title and text are marked with it on pages, transcripts and in the book.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl EpisodeInfo {
    /// Every file in the output folder this episode's feed item references.
    pub fn files(&self) -> Vec<&str> {
        let mut f = vec![
            self.mp3.as_str(),
            &self.chapters_file,
            &self.transcript_vtt,
            &self.transcript_srt,
            &self.page,
        ];
        f.extend(self.transcript_html.as_deref());
        f.extend(self.epub.as_deref());
        f.extend(self.image.as_deref().filter(|i| !i.contains("://")));
        f
    }
}

/// A published file's name: `<slug>.<hash>.<suffix>`, the hash taken of its bytes. A new
/// version never overwrites the one the live feed points at; it gets a new name.
pub fn content_name(slug: &str, suffix: &str, bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes).to_hex();
    format!("{slug}.{}.{suffix}", &hash[..10])
}

#[cfg(test)]
mod tests {
    #[test]
    fn content_names_follow_the_bytes() {
        let a = super::content_name("one", "mp3", b"x");
        assert!(
            a.starts_with("one.") && a.ends_with(".mp3") && a.len() == "one.".len() + 10 + 4,
            "{a}"
        );
        assert_eq!(a, super::content_name("one", "mp3", b"x"));
        assert_ne!(a, super::content_name("one", "mp3", b"y"));
    }
}
