//! Mastered audio → files: WAV (hound) and MP3 (LAME) with ID3v2 tags and chapters.

pub mod mp3;
pub mod wav;

/// A chapter as the tag stores it.
#[derive(Debug, Clone, PartialEq)]
pub struct TagChapter {
    /// Start in milliseconds.
    pub start_ms: u32,
    /// End in milliseconds.
    pub end_ms: u32,
    /// Title.
    pub title: String,
}

/// Episode metadata written into the MP3's ID3v2 tag.
#[derive(Debug, Clone, Default)]
pub struct Tags {
    /// Episode title (TIT2).
    pub title: String,
    /// Author (TPE1).
    pub artist: String,
    /// Podcast title (TALB).
    pub album: String,
    /// Recording date as YYYY-MM-DD (TDRC).
    pub date: Option<String>,
    /// Genre (TCON).
    pub genre: String,
    /// Comment (COMM), the episode description.
    pub comment: String,
    /// Chapters (CHAP, with a top-level ordered CTOC).
    pub chapters: Vec<TagChapter>,
    /// Cover art (APIC front cover): MIME type and bytes.
    pub cover: Option<(String, Vec<u8>)>,
}
