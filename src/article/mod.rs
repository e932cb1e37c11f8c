//! Articles in three source shapes → one [`Article`].
//!
//! Plain text shaped like ministry blog exports ([`text`]), Markdown with front matter
//! ([`markdown`]) and HTML pages ([`html`]) all end up as sections of blocks; nothing here
//! knows about sound.

pub mod closing;
pub mod facts;
pub mod front;
pub mod html;
pub mod keys;
pub mod markdown;
pub mod text;
pub mod verse;

pub use verse::{citation_only, line_block, split_hymn_citation, stanza_lines, Breaks};

use anyhow::{bail, Context, Result};
use chrono::{Datelike, NaiveDate};
use std::path::{Path, PathBuf};

/// One devotional article.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Article {
    /// File stem, used for output names and the episode's identity.
    pub slug: String,
    /// Where it was read from.
    pub source: PathBuf,
    /// Title from front matter, the page, the first line, or the file name.
    pub title: String,
    /// Publication date: front matter `date`, else `publishDate` / `pubDate`, else the
    /// file name's `YYYY-MM-DD-` (Jekyll's); a page's own date for HTML.
    pub date: Option<NaiveDate>,
    /// Front matter `expiryDate` (Hugo's): after this day the episode leaves the feed.
    pub expires: Option<NaiveDate>,
    /// A short description if the source gives one.
    pub summary: Option<String>,
    /// Sections in reading order; the first may have no heading (the introduction).
    pub sections: Vec<Section>,
    /// What the reader cleaned up or could not use (control characters, misspelt front
    /// matter keys), each naming the line where it can.
    pub warnings: Vec<String>,
    /// What holds it back from the podcast, as its front matter writes it (`draft: true`,
    /// `published: false`, `status: private`); `None` when nothing does.
    pub draft: Option<String>,
    /// Who wrote it, if the source says (front matter `author` / `authors`, `<meta
    /// name="author">`), each name once.
    pub authors: Vec<String>,
    /// The episode's own artwork as the source writes it (front matter `image` / `cover`,
    /// `<meta property="og:image">`): a path, resolved and checked by the build.
    pub image: Option<String>,
    /// Tags, categories and keywords, each once (the feed item's `itunes:keywords`).
    pub keywords: Vec<String>,
    /// Where the article was first published (an absolute http(s) address): the blog post
    /// an imported article came from. The feed item and the episode page point back to it.
    pub link: Option<String>,
    /// The language the article says it is written in, as a BCP 47 tag (front matter
    /// `language` or `lang`, HTML `lang`); `None` reads it in the podcast's language.
    pub language: Option<String>,
    /// Paragraphs marked as prayers (HTML `class="prayer"` on the paragraph or around it),
    /// as the blocks write them: read by the prayer's voice (`[voices.prayer]`).
    pub prayers: Vec<String>,
    /// Front matter `prayer`: the first words of the paragraph where a prayer starts; it
    /// runs to the end of that paragraph's section.
    pub prayer_from: Option<String>,
}

/// A heading and the blocks under it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Section {
    /// `None` for text before the first heading.
    pub heading: Option<String>,
    /// Blocks in reading order.
    pub blocks: Vec<Block>,
}

/// A unit of the article body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Ordinary prose.
    Paragraph(String),
    /// Quoted prose with its citation if one is given.
    Quote { text: String, cite: Option<String> },
    /// Lines of a hymn, with the hymnal number when cited ("Hymns #114") and the citation as written.
    HymnStanza {
        number: Option<u32>,
        lines: Vec<String>,
        cite: Option<String>,
    },
    /// A bulleted or numbered list.
    List(Vec<String>),
    /// Lines kept where the writer broke them, not a hymn: a psalm or poem quoted line by
    /// line, a letter's closing ("Grace and peace," / "Pastor Ana Ruiz"); with the
    /// quotation's citation when one is given.
    Lines {
        lines: Vec<String>,
        cite: Option<String>,
    },
}

impl Article {
    /// Its authors as one line ("Ruth Anders, Tom Baker"), if it names any.
    pub fn author(&self) -> Option<String> {
        (!self.authors.is_empty()).then(|| self.authors.join(", "))
    }

    /// The first paragraph of the article, used when no summary is given.
    pub fn first_paragraph(&self) -> Option<&str> {
        self.sections
            .iter()
            .flat_map(|s| &s.blocks)
            .find_map(|b| match b {
                Block::Paragraph(p) => Some(p.as_str()),
                _ => None,
            })
    }

    /// Summary if given, else the first paragraph.
    pub fn description(&self) -> String {
        self.summary
            .clone()
            .or_else(|| self.first_paragraph().map(str::to_string))
            .unwrap_or_else(|| self.title.clone())
    }

    /// Number of words in title, headings and blocks (for reports).
    pub fn word_count(&self) -> usize {
        let mut n = self.title.split_whitespace().count();
        for s in &self.sections {
            n += s
                .heading
                .as_deref()
                .map_or(0, |h| h.split_whitespace().count());
            for b in &s.blocks {
                n += match b {
                    Block::Paragraph(t) | Block::Quote { text: t, .. } => {
                        t.split_whitespace().count()
                    }
                    Block::HymnStanza { lines, .. }
                    | Block::List(lines)
                    | Block::Lines { lines, .. } => {
                        lines.iter().map(|l| l.split_whitespace().count()).sum()
                    }
                };
            }
        }
        n
    }
}

/// An absolute http(s) address fit for a feed's `<link>`, else `None`.
pub fn absolute_link(s: &str) -> Option<String> {
    let s = s.trim();
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let clean = !host.is_empty()
        && s.len() <= 2048
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'));
    clean.then(|| s.to_string())
}

/// The source formats devocast reads, by file extension.
pub fn is_article(path: &Path) -> bool {
    let ext = extension(path);
    matches!(ext.as_str(), "txt" | "html" | "htm") || MARKDOWN.contains(&ext.as_str())
}

/// The file extensions of Markdown, as blog tools name it.
const MARKDOWN: &[&str] = &["md", "markdown", "mdown", "mkdn", "mkd", "mkdown"];

/// The lower-case extension of `path`.
fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default()
}

/// Reads and parses one article file.
pub fn load(path: &Path) -> Result<Article> {
    let bytes =
        std::fs::read(path).with_context(|| format!("failed to read `{}`", path.display()))?;
    let text =
        decode_text(&bytes).with_context(|| format!("cannot read `{}` as text", path.display()))?;
    // Characters no feed or page may carry, removed before anything reads the text.
    let (text, cleaned) = clean_text(path, &text);
    let mut article =
        parse(path, &text).with_context(|| format!("failed to parse `{}`", path.display()))?;
    article.warnings.splice(0..0, cleaned);
    Ok(article)
}

/// Removes the characters no feed may carry from an article's text. Word's line breaks
/// become line breaks in plain text and Markdown bodies (they separate stanza lines), and
/// spaces in front matter (a break would end the value) and HTML (where it is white space).
fn clean_text(path: &Path, text: &str) -> (String, Vec<String>) {
    let ext = extension(path);
    if matches!(ext.as_str(), "html" | "htm") && front::split(text).ok().flatten().is_none() {
        return crate::sanitize::clean_document(text, false, 1);
    }
    // Through the front matter's closing line, if it has one.
    let head_len = front::split(text)
        .ok()
        .flatten()
        .map_or(0, |b| b.body_start);
    let (head, body) = text.split_at(head_len);
    let breaks = !matches!(ext.as_str(), "html" | "htm");
    let (mut clean, mut warnings) = crate::sanitize::clean_document(head, false, 1);
    let (b, w) = crate::sanitize::clean_document(body, breaks, 1 + head.matches('\n').count());
    clean.push_str(&b);
    warnings.extend(w);
    (clean, warnings)
}

/// Parses article text; the format is chosen by the file extension of `path`. Front
/// matter (YAML, TOML or JSON) may open any of them, and says more than the body can.
pub fn parse(path: &Path, text: &str) -> Result<Article> {
    let (front, body) = match front::split(text)? {
        Some(block) => (
            facts::from_front_matter(&front::fields(&block)?)?,
            &text[block.body_start..],
        ),
        None => (facts::Facts::default(), text),
    };
    let mut article = match extension(path).as_str() {
        "html" | "htm" => html::parse(body)?,
        e if MARKDOWN.contains(&e) => markdown::parse(body, front.title.as_deref())?,
        _ => text::parse(body)?,
    };
    apply(&mut article, front);
    article.slug = slug_of(path);
    article.source = path.to_path_buf();
    if article.date.is_none() {
        article.date = date_of_file_name(path);
    }
    let titled = !article.title.trim().is_empty();
    if !titled {
        // A file name may hold anything but `/`: only its printable part makes a title.
        article.title = crate::sanitize::clean(&title_from_file_name(path)).into_owned();
    }
    for section in &mut article.sections {
        section.blocks = verse::gather_stanzas(
            section.heading.as_deref(),
            std::mem::take(&mut section.blocks),
        );
    }
    article
        .sections
        .retain(|s| s.heading.is_some() || !s.blocks.is_empty());
    if article.sections.iter().all(|s| s.blocks.is_empty()) {
        bail!("{}", nothing_to_read(text, titled, &article));
    }
    Ok(article)
}

/// Front matter's facts over what the body says of itself (an HTML page's `<meta>` tags).
fn apply(article: &mut Article, front: facts::Facts) {
    let facts = front.or(facts::Facts {
        title: Some(std::mem::take(&mut article.title)).filter(|t| !t.is_empty()),
        date: article.date,
        summary: article.summary.take(),
        authors: std::mem::take(&mut article.authors),
        image: article.image.take(),
        keywords: std::mem::take(&mut article.keywords),
        link: article.link.take(),
        language: article.language.take(),
        ..Default::default()
    });
    article.date = facts.published();
    article.title = facts.title.unwrap_or_default();
    article.expires = facts.expires;
    article.summary = facts.summary;
    article.authors = facts.authors;
    article.image = facts.image;
    article.keywords = facts.keywords;
    article.draft = facts.hold;
    article.link = facts.link;
    article.language = facts.language;
    article.prayer_from = facts.prayer;
    article.warnings.splice(0..0, facts.warnings);
}

/// The date a Jekyll post's file name starts with (`2026-01-15-grace.md`).
pub fn date_of_file_name(path: &Path) -> Option<NaiveDate> {
    let stem = slug_of(path);
    let head = stem.get(..10)?;
    let rest = &stem[10..];
    if !(rest.is_empty() || rest.starts_with(['-', '_', ' ', '.'])) {
        return None;
    }
    NaiveDate::parse_from_str(head, "%Y-%m-%d")
        .ok()
        .filter(|d| feed_can_date(*d))
}

/// Why an article has nothing to read, in the producer's terms: an empty file, a title (or
/// headings) with no text under it, or markup with no words.
fn nothing_to_read(text: &str, titled: bool, article: &Article) -> String {
    if text.trim().is_empty() {
        return "the file is empty (no text to read): write the devotion in it, or remove it"
            .to_string();
    }
    let headings = article.sections.iter().any(|s| s.heading.is_some());
    if titled || headings {
        return format!(
            "no text after the title \"{}\": write the devotion under it (a title alone makes no episode)",
            article.title.trim()
        );
    }
    "no text to read: the file holds no paragraphs (only markup or front matter)".to_string()
}

/// Decodes bytes as UTF-8 (BOM allowed) or, with its byte-order mark, UTF-16 (as Windows
/// Notepad and Word save "Unicode" text); anything else is refused with the byte offset and
/// a hint at the encoding it looks like.
pub fn decode_text(bytes: &[u8]) -> Result<String> {
    if bytes.starts_with(b"\x00\x00\xFE\xFF") || bytes.starts_with(b"\xFF\xFE\x00\x00") {
        bail!("it is UTF-32 text: re-save it as UTF-8");
    }
    for (bom, big_endian) in [(b"\xFF\xFE", false), (b"\xFE\xFF", true)] {
        if let Some(body) = bytes.strip_prefix(bom) {
            return decode_utf16(body, big_endian);
        }
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        // Text in UTF-16 without a byte-order mark has a zero in every other byte.
        let pairs = bytes.len() / 2;
        let zero_at = |k: usize| bytes.chunks_exact(2).filter(|p| p[k] == 0).count();
        if pairs > 0 && (zero_at(0) * 3 > pairs * 2 || zero_at(1) * 3 > pairs * 2) {
            bail!(
                "it looks like UTF-16 text without a byte-order mark; re-save it as UTF-8 (in Notepad: Save As → Encoding → UTF-8)"
            );
        }
        bail!("it contains NUL bytes: this looks like a binary file, not an article");
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.replace("\r\n", "\n").replace('\r', "\n")),
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            bail!(
                "it is not UTF-8: invalid byte 0x{:02X} at byte offset {at} (line {line}); \
                 if it was saved as Windows-1252 or Latin-1, re-save it as UTF-8",
                bytes[at]
            )
        }
    }
}

fn decode_utf16(body: &[u8], big_endian: bool) -> Result<String> {
    if !body.len().is_multiple_of(2) {
        bail!("it is UTF-16 text with an odd number of bytes (cut short?); re-save it as UTF-8");
    }
    let units: Vec<u16> = body
        .chunks_exact(2)
        .map(|p| {
            if big_endian {
                u16::from_be_bytes([p[0], p[1]])
            } else {
                u16::from_le_bytes([p[0], p[1]])
            }
        })
        .collect();
    let text = String::from_utf16(&units).map_err(|_| {
        anyhow::anyhow!("it is UTF-16 text with a broken character; re-save it as UTF-8")
    })?;
    if text.contains('\0') {
        bail!("it contains NUL characters: this looks like a binary file, not an article");
    }
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// The file stem as the episode's slug.
pub fn slug_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "episode".into())
}

/// "2024-03-a_new-day" → "A new day": the last resort for a title.
pub fn title_from_file_name(path: &Path) -> String {
    let stem = slug_of(path);
    let words: Vec<&str> = stem
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let joined = if words.is_empty() {
        stem.clone()
    } else {
        words.join(" ")
    };
    let mut c = joined.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => "Untitled".into(),
    }
}

/// The years a podcast feed can date an episode in: RFC 2822 writes the year in four
/// digits, and has no year before 1.
pub const FEED_YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

/// Whether a podcast feed can carry `date`.
pub fn feed_can_date(date: NaiveDate) -> bool {
    FEED_YEARS.contains(&date.year())
}

/// Why a written date is not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// It is not a date written YYYY-MM-DD.
    NotADate,
    /// A date, in a year no podcast feed can carry.
    Year(i64),
}

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DateError::NotADate => write!(f, "is not a date like 2026-11-26"),
            DateError::Year(y) => write!(
                f,
                "is in the year {y}: a podcast feed carries dates from the year {} to {}",
                FEED_YEARS.start(),
                FEED_YEARS.end()
            ),
        }
    }
}

/// Reads a date written as YYYY-MM-DD (optionally followed by a time), in the years a feed
/// can carry.
pub fn read_date(s: &str) -> Result<NaiveDate, DateError> {
    let s = s.trim().trim_matches(['"', '\'']);
    // The year first: a signed or five-digit year is not cut to ten characters and misread.
    if let Some(year) = leading_year(s) {
        if !FEED_YEARS.contains(&i32::try_from(year).unwrap_or(i32::MAX)) {
            return Err(DateError::Year(year));
        }
    }
    let head = s.get(..10).ok_or(DateError::NotADate)?;
    let date = NaiveDate::parse_from_str(head, "%Y-%m-%d").map_err(|_| DateError::NotADate)?;
    if !feed_can_date(date) {
        return Err(DateError::Year(i64::from(date.year())));
    }
    Ok(date)
}

/// The year of text shaped like a date (`-0044-03-15`, `+12026-01-01`): an optional sign,
/// digits, a dash, digits, a dash, a digit. Years too long to count are taken as the largest.
fn leading_year(s: &str) -> Option<i64> {
    let (negative, rest) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = rest[digits..].strip_prefix('-')?;
    let month = after.bytes().take_while(u8::is_ascii_digit).count();
    let day = after[month..].strip_prefix('-')?;
    if digits == 0 || month == 0 || !day.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let year = rest[..digits].parse::<i64>().unwrap_or(i64::MAX);
    Some(if negative { -year } else { year })
}

/// Parses a date written as YYYY-MM-DD (optionally followed by a time), in the years a feed
/// can carry; `None` otherwise (see [`read_date`] for why).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    read_date(s).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_a_feed_cannot_carry_are_refused_with_their_year() {
        for (s, year) in [
            ("-0044-03-15", -44),
            ("0000-12-25", 0),
            ("-1-01-01", -1),
            ("+10000-01-01", 10000),
            ("10000-01-01", 10000),
            ("99999999999999999999999-01-01", i64::MAX),
            ("\"-0001-06-01T10:00:00Z\"", -1),
        ] {
            assert_eq!(read_date(s), Err(DateError::Year(year)), "{s}");
            assert_eq!(parse_date(s), None, "{s}");
        }
        for (s, want) in [
            ("0001-01-01", "0001-01-01"),
            ("9999-12-31", "9999-12-31"),
            ("2026-11-26T06:00:00+02:00", "2026-11-26"),
            ("'2024-02-29'", "2024-02-29"),
        ] {
            assert_eq!(
                read_date(s).map(|d| d.to_string()).as_deref(),
                Ok(want),
                "{s}"
            );
        }
        for s in ["someday", "2026-13-01", "26-11-2026", "", "-", "2026-02-30"] {
            assert_eq!(read_date(s), Err(DateError::NotADate), "{s}");
        }
        let why = DateError::Year(-44).to_string();
        assert!(why.contains("-44") && why.contains("9999"), "{why}");
    }

    #[test]
    fn title_from_file_names() {
        assert_eq!(
            title_from_file_name(Path::new("x/2024-03-a_new-day.txt")),
            "A new day"
        );
        assert_eq!(
            title_from_file_name(Path::new("000_64832d2d6aa5683d.txt")),
            "64832d2d6aa5683d"
        );
    }

    #[test]
    fn non_utf8_names_offset_and_line() {
        let err = decode_text(b"caf\xe9\nx").unwrap_err().to_string();
        assert!(
            err.contains("0xE9") && err.contains("byte offset 3") && err.contains("line 1"),
            "{err}"
        );
        assert!(decode_text(b"\x00\x01binary")
            .unwrap_err()
            .to_string()
            .contains("binary"));
    }

    #[test]
    fn utf16_is_read_with_a_byte_order_mark_and_named_without_one() {
        let text = "Grace Upon Grace\r\nA line, caf\u{e9}.\r\n";
        let le: Vec<u8> = b"\xFF\xFE"
            .iter()
            .copied()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = b"\xFE\xFF"
            .iter()
            .copied()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(
            decode_text(&le).unwrap(),
            "Grace Upon Grace\nA line, caf\u{e9}.\n"
        );
        assert_eq!(
            decode_text(&be).unwrap(),
            "Grace Upon Grace\nA line, caf\u{e9}.\n"
        );
        let bare: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let err = decode_text(&bare).unwrap_err().to_string();
        assert!(err.contains("UTF-16") && err.contains("UTF-8"), "{err}");
    }

    #[test]
    fn empty_article_is_an_error() {
        let err = parse(Path::new("e.txt"), "  \n\n").unwrap_err().to_string();
        assert!(err.contains("the file is empty"), "{err}");
        for (name, text) in [
            ("t.md", "# Still Waters\n\n"),
            ("t.html", "<h1>Still Waters</h1>"),
            ("t.txt", "Still Waters\n"),
        ] {
            let err = parse(Path::new(name), text).unwrap_err().to_string();
            assert!(
                err.contains("no text after the title \"Still Waters\""),
                "{name}: {err}"
            );
        }
    }
}

#[cfg(test)]
mod hostile {
    use super::*;

    /// Shapes that break recursive parsers, in every format, on a small stack: each either
    /// parses or fails with a message, never aborts the process.
    #[test]
    fn hostile_shapes_never_overflow_the_stack() {
        let n = 50_000;
        let cases: Vec<(&str, String)> = vec![
            ("a.md", format!("# T\n\n## H\n\n{}deep\n", "> ".repeat(n))),
            ("b.md", format!("# T\n\n## H\n\n{}deep\n", "- ".repeat(n))),
            (
                "c.md",
                format!("# T\n\n## H\n\n{}x{}\n", "*".repeat(n), "*".repeat(n)),
            ),
            ("d.md", format!("# T\n\n## H\n\n{}x\n", "[".repeat(n))),
            ("e.md", format!("# T\n\n## H\n\n{}\n", "<div>".repeat(n))),
            (
                "f.txt",
                format!("A Title Here\n\nA Heading Here\n{}\n", "(".repeat(n)),
            ),
            (
                "g.txt",
                format!("A Title Here\n\nA Heading Here\n{}.\n", "word ".repeat(n)),
            ),
            // HTML parsers check scope through every open element, so depth costs time
            // squared; the size limit on articles bounds it, and 16,000 levels (80 KB of
            // `<div>`) is what broke the build before.
            (
                "h.html",
                format!("<h1>T</h1><h2>H</h2>{}", "<blockquote>".repeat(16_000)),
            ),
            (
                "i.html",
                format!("<h1>T</h1><h2>H</h2>{}", "<ul><li>".repeat(8_000)),
            ),
        ];
        let handle = std::thread::Builder::new()
            .stack_size(512 * 1024)
            .spawn(move || {
                for (name, text) in cases {
                    let _ = parse(Path::new(name), &text);
                }
            })
            .unwrap();
        handle.join().expect("a parser overflowed a 512 KB stack");
    }
}
