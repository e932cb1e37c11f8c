//! The podcast's book: every episode's talking book as one part of a single EPUB.

use super::{
    duration_ms, languages, nav_end, nav_start, package_doc, put, start_book, Identity,
    MANIFEST_START, SPINE_START,
};
use crate::publish::EpisodeInfo;
use crate::text::escape_clean;
use anyhow::{Context, Result};
use std::io::{Seek, Write};
use std::path::Path;

/// One episode's talking book as it goes into the podcast's book.
pub struct Part<'a> {
    /// The episode.
    pub episode: &'a EpisodeInfo,
    /// Its book, as the build wrote it.
    pub book: &'a Path,
    /// Its identity (the feed guid): names its folder in the book, so a reader's saved place
    /// in one episode still points there in a later edition with more episodes.
    pub guid: &'a str,
}

/// What the podcast's book (every episode as a part of one EPUB) says of itself.
pub struct Whole<'a> {
    /// The book's title: the podcast's, or which of its episodes.
    pub title: &'a str,
    /// The podcast's title: the book's publisher.
    pub podcast: &'a str,
    /// The podcast's description (may be empty).
    pub description: &'a str,
    /// The author.
    pub author: &'a str,
    /// Language tag.
    pub lang: &'a str,
    /// The book's identity: the same for the same podcast and selection, so reading systems
    /// keep their place when a newer edition replaces it.
    pub uuid: &'a str,
    /// The episodes, in reading order.
    pub parts: &'a [Part<'a>],
}

/// The podcast's book: each episode's book as one part (its overlays, audio and style copied
/// as they are, its chapter pages titled with the episode's name as well), under a folder
/// named by the episode's guid, with one contents page nesting the episodes' chapters under
/// their titles. Written to `out` as it goes, one episode's book open at a time, so a long
/// podcast needs neither its audio in memory nor a file handle per episode.
pub fn whole<W: Write + Seek>(book: &Whole, out: W) -> Result<W> {
    let reads: Vec<Read> = book
        .parts
        .iter()
        .map(|p| read_part(p.book))
        .collect::<Result<_>>()?;
    let Some(first) = book.parts.first() else {
        anyhow::bail!("no episode to put in the book");
    };
    let listing = Listing::of(book.parts, &reads, book.lang)?;
    let w = crate::publish::words::of(book.lang);
    let mut nav = nav_start(book.lang, book.title, "");
    nav.push_str(&listing.contents);
    nav.push_str(&nav_end(
        w,
        &format!("{}/chapter-1.xhtml", folder(first)),
        w.start_first,
    ));
    let opf = package_doc(
        book.lang,
        &metadata(book, first, &listing),
        &listing.manifest,
        &listing.spine,
    );
    let mut zip = start_book(out, &opf, &nav)?;
    for (n, (part, read)) in book.parts.iter().zip(&reads).enumerate() {
        add_part(&mut zip, part, read, n == 0)?;
    }
    zip.finish().context("cannot finish the book")
}

/// An episode's folder in the book, named by its guid.
fn folder(p: &Part) -> String {
    format!("p{}", &blake3::hash(p.guid.as_bytes()).to_hex()[..12])
}

/// What the book lists of its parts, gathered in one pass over them.
#[derive(Default)]
struct Listing {
    /// The contents page's entries: each episode with its chapters nested under it.
    contents: String,
    /// Each part's style sheet, audio, chapter pages and overlays.
    manifest: String,
    /// The chapter pages in reading order.
    spine: String,
    /// Each overlay's `media:duration`.
    durations: String,
    total_ms: u64,
    /// The parts' narrators, each once, in order of first appearance (already escaped).
    narrators: Vec<String>,
}

impl Listing {
    fn of(parts: &[Part], reads: &[Read], lang: &str) -> Result<Listing> {
        let mut listing = Listing {
            manifest: MANIFEST_START.to_string(),
            spine: SPINE_START.to_string(),
            ..Listing::default()
        };
        let mut seen = std::collections::HashSet::new();
        for (part, read) in parts.iter().zip(reads) {
            let e = folder(part);
            if !seen.insert(e.clone()) {
                anyhow::bail!("two episodes share the guid {}", part.guid);
            }
            listing
                .contents
                .push_str(&contents_entry(&e, part, read, lang));
            listing.add_files(&e, read);
            if let Some(v) = &read.narrator {
                if !listing.narrators.contains(v) {
                    listing.narrators.push(v.clone());
                }
            }
        }
        Ok(listing)
    }

    /// One part's files in the manifest, its pages in the spine, its overlays' durations.
    fn add_files(&mut self, e: &str, read: &Read) {
        self.manifest.push_str(&format!(
            "<item id=\"{e}-css\" href=\"{e}/style.css\" media-type=\"text/css\"/>\n<item id=\"{e}-audio\" href=\"{e}/audio/episode.mp3\" media-type=\"audio/mpeg\"/>\n"
        ));
        for (k, ms) in read.overlay_ms.iter().enumerate() {
            let k = k + 1;
            self.manifest.push_str(&format!(
                "<item id=\"{e}-c-{k}\" href=\"{e}/chapter-{k}.xhtml\" media-type=\"application/xhtml+xml\" media-overlay=\"{e}-mo-{k}\"/>\n<item id=\"{e}-mo-{k}\" href=\"{e}/chapter-{k}.smil\" media-type=\"application/smil+xml\"/>\n"
            ));
            self.spine
                .push_str(&format!("<itemref idref=\"{e}-c-{k}\"/>\n"));
            self.durations.push_str(&format!(
                "<meta property=\"media:duration\" refines=\"#{e}-mo-{k}\">{}</meta>\n",
                duration_ms(*ms)
            ));
            self.total_ms += ms;
        }
    }
}

/// One episode on the contents page: its title, then its chapters nested under it.
fn contents_entry(e: &str, part: &Part, read: &Read, lang: &str) -> String {
    let title = escape_clean(&part.episode.title);
    // The episode's own first chapter carries its title; the rest nest under it.
    let nested: Vec<(usize, &String)> = read
        .chapters
        .iter()
        .enumerate()
        .map(|(k, t)| (k + 1, t))
        .filter(|(k, t)| *k > 1 || **t != title)
        .collect();
    // The episode's title and chapters are its article's words, in its language.
    let al = crate::publish::mark::lang_of(lang, part.episode);
    let mut li = format!("<li{al}><a href=\"{e}/chapter-1.xhtml\">{title}</a>");
    if !nested.is_empty() {
        li.push_str("\n<ol>\n");
        for (k, t) in nested {
            li.push_str(&format!(
                "<li><a href=\"{e}/chapter-{k}.xhtml\">{t}</a></li>\n"
            ));
        }
        li.push_str("</ol>\n");
    }
    li.push_str("</li>\n");
    li
}

/// The package's metadata: the book's identity dated by its newest episode, the durations,
/// narrators and accessibility.
fn metadata(book: &Whole, first: &Part, listing: &Listing) -> String {
    let last = book
        .parts
        .iter()
        .map(|p| p.episode.date)
        .max()
        .unwrap_or(first.episode.date);
    let mut meta = Identity {
        uid: book.uuid,
        title: book.title,
        author: book.author,
        publisher: book.podcast,
        langs: &languages(book.lang, book.parts.iter().map(|p| p.episode)),
        date: last,
        description: book.description,
    }
    .metadata();
    meta.push_str(&format!(
        "<meta property=\"media:duration\">{}</meta>\n{}",
        duration_ms(listing.total_ms),
        listing.durations
    ));
    // Already escaped: read from the episodes' own packages.
    if !listing.narrators.is_empty() {
        meta.push_str(&format!(
            "<meta property=\"media:narrator\">{}</meta>\n",
            listing.narrators.join("; ")
        ));
    }
    meta.push_str("<meta property=\"media:active-class\">-epub-media-overlay-active</meta>\n");
    let w = crate::publish::words::of(book.lang);
    meta.push_str(&super::accessibility(w, w.summary_whole, book.podcast));
    meta
}

/// Adds one episode's book under its folder: its chapter pages retitled, then its cover (for
/// the first part), style sheet, audio and overlays copied as they are.
fn add_part<W: Write + Seek>(
    zip: &mut zip::ZipWriter<W>,
    part: &Part,
    read: &Read,
    first: bool,
) -> Result<()> {
    let e = folder(part);
    let name = part.book.display().to_string();
    let mut source = open_part(part.book)?;
    let mut copied = vec![
        ("EPUB/style.css".to_string(), format!("EPUB/{e}/style.css")),
        (
            "EPUB/audio/episode.mp3".to_string(),
            format!("EPUB/{e}/audio/episode.mp3"),
        ),
    ];
    if first {
        copied.insert(0, ("EPUB/cover.jpg".into(), "EPUB/cover.jpg".into()));
    }
    for k in 1..=read.chapters.len() {
        copied.push((
            format!("EPUB/chapter-{k}.smil"),
            format!("EPUB/{e}/chapter-{k}.smil"),
        ));
        let xhtml = entry_text(&mut source, &name, &format!("EPUB/chapter-{k}.xhtml"))?;
        let xhtml = titled_with_episode(xhtml, &part.episode.title);
        put(
            zip,
            &format!("EPUB/{e}/chapter-{k}.xhtml"),
            xhtml.as_bytes(),
            false,
        )?;
    }
    for (from, to) in copied {
        let f = source
            .by_name(&from)
            .with_context(|| format!("`{name}` has no {from}; build it again"))?;
        // Copied as compressed: the audio is not decoded and encoded again.
        zip.raw_copy_file_rename(f, &to)
            .with_context(|| format!("cannot add {to} to the book"))?;
    }
    Ok(())
}

/// Among many episodes' chapters, a page's title names its episode too: a screen reader
/// announces it, and "A Prayer" alone is in every episode. The page that opens the episode,
/// titled as the episode, keeps its title.
fn titled_with_episode(xhtml: String, episode: &str) -> String {
    let episode = escape_clean(episode);
    match xhtml.split_once("<title>") {
        Some((head, rest)) if !rest.starts_with(&format!("{episode}</title>")) => {
            format!("{head}<title>{episode} — {rest}")
        }
        _ => xhtml,
    }
}

/// What one episode's book holds, read back from its package.
struct Read {
    /// Chapter titles (escaped, as the book's contents page writes them), in order.
    chapters: Vec<String>,
    /// Each overlay's duration in milliseconds, in chapter order.
    overlay_ms: Vec<u64>,
    narrator: Option<String>,
}

/// `h:mm:ss.fff` back to milliseconds.
fn parse_duration_ms(s: &str) -> Option<u64> {
    let (hms, frac) = s.trim().split_once('.').unwrap_or((s.trim(), "0"));
    let mut parts = hms.split(':').map(|p| p.parse::<u64>().ok());
    let (h, m, sec) = (parts.next()??, parts.next()??, parts.next()??);
    // A fraction is read as one: ".5" is 500 ms.
    let digits: String = frac.chars().chain("000".chars()).take(3).collect();
    Some((h * 3600 + m * 60 + sec) * 1000 + digits.parse::<u64>().ok()?)
}

/// The text of each `<tag …attrs…>text</tag>` whose opening contains `marker`, in order.
fn texts_after<'t>(doc: &'t str, marker: &str, close: &str) -> Vec<&'t str> {
    doc.match_indices(marker)
        .filter_map(|(i, _)| {
            let rest = &doc[i + marker.len()..];
            rest.find(close).map(|end| &rest[..end])
        })
        .collect()
}

/// The most a text document in a book's part may hold, bytes.
const MAX_ENTRY_BYTES: u64 = 256 << 20;

fn open_part(path: &Path) -> Result<zip::ZipArchive<std::fs::File>> {
    let name = path.display();
    let file = std::fs::File::open(path).with_context(|| format!("cannot open `{name}`"))?;
    zip::ZipArchive::new(file)
        .with_context(|| format!("`{name}` is not a readable book; build it again"))
}

fn entry_text(zip: &mut zip::ZipArchive<std::fs::File>, name: &str, entry: &str) -> Result<String> {
    let mut f = zip
        .by_name(entry)
        .with_context(|| format!("`{name}` has no {entry}; build it again"))?;
    let mut s = String::new();
    // A part's documents are small; a damaged archive may claim anything.
    std::io::Read::read_to_string(
        &mut std::io::Read::take(&mut f, MAX_ENTRY_BYTES + 1),
        &mut s,
    )
    .with_context(|| format!("cannot read {entry} in `{name}`"))?;
    if s.len() as u64 > MAX_ENTRY_BYTES {
        anyhow::bail!("{entry} in `{name}` is over {MAX_ENTRY_BYTES} bytes; build it again");
    }
    Ok(s)
}

fn read_part(path: &Path) -> Result<Read> {
    let name = path.display().to_string();
    let mut zip = open_part(path)?;
    let opf = entry_text(&mut zip, &name, "EPUB/package.opf")?;
    let nav = entry_text(&mut zip, &name, "EPUB/nav.xhtml")?;
    // The contents page lists the chapters as `<li><a href="chapter-N.xhtml">Title</a></li>`.
    let chapters: Vec<String> = texts_after(&nav, "<li><a href=\"chapter-", "</a></li>")
        .into_iter()
        .filter_map(|t| t.split_once("\">").map(|(_, title)| title.to_string()))
        .collect();
    if chapters.is_empty() {
        anyhow::bail!("`{name}` lists no chapters; build it again");
    }
    let mut overlay_ms = Vec::new();
    for n in 1..=chapters.len() {
        let marker = format!("<meta property=\"media:duration\" refines=\"#mo-{n}\">");
        let ms = texts_after(&opf, &marker, "</meta>")
            .first()
            .and_then(|d| parse_duration_ms(d))
            .with_context(|| {
                format!("`{name}` gives no duration for chapter {n}; build it again")
            })?;
        overlay_ms.push(ms);
    }
    let narrator = texts_after(&opf, "<meta property=\"media:narrator\">", "</meta>")
        .first()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    Ok(Read {
        chapters,
        overlay_ms,
        narrator,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations_read_back() {
        assert_eq!(super::parse_duration_ms("1:02:03.250"), Some(3_723_250));
        assert_eq!(super::parse_duration_ms("0:00:00.000"), Some(0));
        assert_eq!(super::parse_duration_ms("0:00:01.5"), Some(1500));
        assert_eq!(super::parse_duration_ms("x"), None);
    }
}
