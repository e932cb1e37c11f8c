//! Talking books: each episode as an EPUB 3 package with Media Overlays, for reading
//! systems built for readers who cannot see (Thorium, DAISY players, VoiceDream, Apple
//! Books), where text and narration move together sentence by sentence.
//!
//! One XHTML document per chapter holds the article's own text (headings, paragraphs,
//! quotations, hymn stanzas, lists) with an id on every sentence; one SMIL overlay per document
//! pairs each sentence with its clip of the episode's MP3, from the same sentence times as the
//! transcripts. The MP3 is gapless, so a reading system decodes it to exactly the mixed
//! timeline and the clip times hold. The package is written deterministically (fixed times, a
//! fixed file order, `mimetype` first and stored), so the same episode gives the same bytes.

use super::page::{by_chapter, shapes, Line, Shape};
use super::EpisodeInfo;
use crate::text::escape_clean;
use anyhow::{Context, Result};
use std::io::{Seek, Write};

mod whole;
pub use whole::{whole, Part, Whole};

/// Media type of the package.
pub const MIME: &str = "application/epub+zip";

/// What a book needs beyond the episode's published description.
pub struct Book<'a> {
    /// The episode.
    pub episode: &'a EpisodeInfo,
    /// Every timed sentence, music and stanza line, in order.
    pub lines: &'a [Line<'a>],
    /// The episode's MP3.
    pub mp3: &'a [u8],
    /// A JPEG of the cover.
    pub cover_jpeg: &'a [u8],
    /// The podcast's title (the publisher).
    pub podcast: &'a str,
    /// The author.
    pub author: &'a str,
    /// Language tag.
    pub lang: &'a str,
    /// The episode's identity (its feed guid).
    pub guid: &'a str,
    /// What narrates it, for the package's metadata.
    pub narrator: &'a str,
    /// The other voices reading parts of it ("Piper joe (scripture)"), each listed as a
    /// narrator beside the first; none when one voice reads everything.
    pub readers: &'a [String],
}

/// With several voices, each as a contributor in the MARC relator role of narrator (`nrt`),
/// the first voice first; nothing with one voice.
fn narrators(book: &Book) -> String {
    if book.readers.is_empty() {
        return String::new();
    }
    let first = format!("{} (narrator)", book.narrator);
    std::iter::once(first.as_str())
        .chain(book.readers.iter().map(String::as_str))
        .enumerate()
        .map(|(n, v)| {
            format!(
                "<dc:contributor id=\"nrt-{i}\">{}</dc:contributor>\n<meta refines=\"#nrt-{i}\" property=\"role\" scheme=\"marc:relators\">nrt</meta>\n<meta property=\"media:narrator\">{}</meta>\n",
                escape_clean(&format!("{v}, a synthetic voice")),
                escape_clean(v),
                i = n + 1
            )
        })
        .collect()
}

/// Seconds in whole milliseconds, rounded as the VTT transcript rounds.
fn clock_ms(seconds: f64) -> u64 {
    (seconds.max(0.0) * 1000.0).round() as u64
}

/// A SMIL clock value in seconds with milliseconds ("12.345s"), so clips and the VTT agree
/// to the millisecond.
pub fn clock(seconds: f64) -> String {
    let ms = clock_ms(seconds);
    format!("{}.{:03}s", ms / 1000, ms % 1000)
}

/// `h:mm:ss.mmm`, as `media:duration` is written.
fn duration_ms(ms: u64) -> String {
    format!(
        "{}:{:02}:{:02}.{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

const STYLE: &str = "body{font-family:serif;line-height:1.5;margin:0 5%}\n\
h1,h2{font-family:sans-serif;line-height:1.2}\n\
blockquote{margin:1em 0 1em 1.5em}\n\
.stanza p{font-style:italic}\n\
.music,.opening{color:#4f4f4f}\n\
.-epub-media-overlay-active{background-color:#ffe27a;color:#000}\n";

/// The content document of one chapter and the ids of its sentences, in order.
fn chapter_doc(
    lang: &str,
    title: &str,
    level: u8,
    lines: &[&Line],
    first_id: usize,
) -> (String, Vec<(usize, String)>) {
    let mut ids: Vec<(usize, String)> = Vec::new();
    let mut span = |k: usize| {
        let id = format!("s{}", first_id + ids.len());
        let text = lines[k].text;
        // The music sign is for the eye: a screen reader would say "eighth note".
        let html = match text.strip_prefix('♪') {
            Some(rest) => format!(
                "<span id=\"{id}\"><span aria-hidden=\"true\">♪</span>{}</span>",
                escape_clean(rest)
            ),
            None => format!("<span id=\"{id}\">{}</span>", escape_clean(text)),
        };
        ids.push((k, id));
        html
    };
    let mut body = String::new();
    // The chapter's heading, spoken at its start, is a sentence of the overlay too.
    let heading_line = lines.iter().position(|l| {
        l.text == title
            && l.part
                .is_some_and(|p| p.kind == crate::script::PartKind::Heading)
    });
    match heading_line {
        Some(k) => body.push_str(&format!("<h{level}>{}</h{level}>\n", span(k))),
        None => body.push_str(&format!("<h{level}>{}</h{level}>\n", escape_clean(title))),
    }
    for shape in shapes(lines, title) {
        let join = |ks: &[usize], span: &mut dyn FnMut(usize) -> String, sep: &str| {
            ks.iter().map(|&k| span(k)).collect::<Vec<_>>().join(sep)
        };
        match shape {
            Shape::Paragraph(ks) => {
                // The narrator's own words (the opening, a hymn's announcement) are set apart.
                let opening = lines[ks[0]].part.is_some_and(|p| {
                    matches!(
                        p.kind,
                        crate::script::PartKind::Opening | crate::script::PartKind::Announcement
                    )
                });
                let class = if opening { " class=\"opening\"" } else { "" };
                body.push_str(&format!("<p{class}>{}</p>\n", join(&ks, &mut span, " ")));
            }
            Shape::Music(ks) => {
                body.push_str(&format!(
                    "<p class=\"music\">{}</p>\n",
                    join(&ks, &mut span, " ")
                ));
            }
            Shape::List(items) => {
                body.push_str("<ul>\n");
                for item in items {
                    body.push_str(&format!("<li>{}</li>\n", join(&item, &mut span, " ")));
                }
                body.push_str("</ul>\n");
            }
            Shape::Quote { body: b, cite } => {
                body.push_str(&format!(
                    "<blockquote>\n<p>{}</p>\n",
                    join(&b, &mut span, " ")
                ));
                if !cite.is_empty() {
                    body.push_str(&format!(
                        "<p class=\"cite\">{}</p>\n",
                        join(&cite, &mut span, " ")
                    ));
                }
                body.push_str("</blockquote>\n");
            }
            Shape::Lines { lines, cite } => {
                let text = join(&lines, &mut span, "<br/>\n");
                if cite.is_empty() {
                    body.push_str(&format!("<p>{text}</p>\n"));
                } else {
                    body.push_str(&format!(
                        "<blockquote>\n<p>{text}</p>\n<p class=\"cite\">{}</p>\n</blockquote>\n",
                        join(&cite, &mut span, " ")
                    ));
                }
            }
            Shape::Stanza { music, words } => {
                body.push_str("<blockquote class=\"stanza\">\n");
                for m in music {
                    body.push_str(&format!("<p class=\"music\">{}</p>\n", span(m)));
                }
                if !words.is_empty() {
                    body.push_str(&format!("<p>{}</p>\n", join(&words, &mut span, "<br/>\n")));
                }
                body.push_str("</blockquote>\n");
            }
        }
    }
    let doc = format!(
        "{}<section id=\"chapter\" epub:type=\"chapter\" role=\"doc-chapter\">\n{body}</section>\n</body>\n</html>\n",
        xhtml_head(lang, title)
    );
    (doc, ids)
}

/// An XHTML document's opening, up to and including `<body>`: its language, title and the
/// book's style sheet.
fn xhtml_head(lang: &str, title: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" xml:lang=\"{l}\" lang=\"{l}\">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>{t}</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\"/>\n</head>\n<body>\n",
        l = escape_clean(lang),
        t = escape_clean(title),
    )
}

/// The contents page's opening, up to its list of chapters.
fn nav_start(lang: &str, title: &str) -> String {
    format!(
        "{}<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\">\n<h1>Contents</h1>\n<ol>\n",
        xhtml_head(lang, title)
    )
}

/// The contents page's end: its landmarks, the body matter starting at `start` (named `label`).
fn nav_end(start: &str, label: &str) -> String {
    format!("</ol>\n</nav>\n<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<h2>Landmarks</h2>\n<ol>\n<li><a epub:type=\"toc\" href=\"nav.xhtml#toc\">Contents</a></li>\n<li><a epub:type=\"bodymatter\" href=\"{start}\">{label}</a></li>\n</ol>\n</nav>\n</body>\n</html>\n")
}

/// The manifest items every book opens with: contents page, style sheet and cover.
const MANIFEST_START: &str = "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n<item id=\"css\" href=\"style.css\" media-type=\"text/css\"/>\n<item id=\"cover\" href=\"cover.jpg\" media-type=\"image/jpeg\" properties=\"cover-image\"/>\n";

/// The contents page is in the spine (outside the reading order) so reading systems and the
/// landmarks can open it.
const SPINE_START: &str = "<itemref idref=\"nav\" linear=\"no\"/>\n";

/// `META-INF/container.xml`: where the package document is.
const CONTAINER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n<rootfiles>\n<rootfile full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/>\n</rootfiles>\n</container>\n";

/// The Dublin Core metadata both kinds of book open with; `date` is also the modification
/// date, so the same book gives the same bytes.
struct Identity<'a> {
    uid: &'a str,
    title: &'a str,
    author: &'a str,
    publisher: &'a str,
    lang: &'a str,
    date: chrono::NaiveDate,
    description: &'a str,
}

impl Identity<'_> {
    fn metadata(&self) -> String {
        format!(
            "<dc:identifier id=\"uid\">urn:uuid:{}</dc:identifier>\n<dc:title>{}</dc:title>\n{}<dc:publisher>{}</dc:publisher>\n<dc:language>{}</dc:language>\n<dc:date>{date}</dc:date>\n{}<meta property=\"dcterms:modified\">{date}T00:00:00Z</meta>\n",
            escape_clean(self.uid),
            escape_clean(self.title),
            dc("creator", self.author),
            escape_clean(self.publisher),
            escape_clean(self.lang),
            dc("description", self.description),
            date = self.date,
        )
    }
}

/// A Dublin Core element, or nothing when its value is empty (the package schema forbids
/// empty ones).
fn dc(element: &str, value: &str) -> String {
    if value.trim().is_empty() {
        String::new()
    } else {
        format!("<dc:{element}>{}</dc:{element}>\n", escape_clean(value))
    }
}

/// The package document from its metadata, manifest and spine.
fn package_doc(lang: &str, meta: &str, manifest: &str, spine: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"uid\" xml:lang=\"{}\">\n<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n{meta}</metadata>\n<manifest>\n{manifest}</manifest>\n<spine>\n{spine}</spine>\n</package>\n",
        escape_clean(lang)
    )
}

/// Adds one file to the book.
fn put<W: Write + Seek>(
    zip: &mut zip::ZipWriter<W>,
    name: &str,
    bytes: &[u8],
    stored: bool,
) -> Result<()> {
    zip.start_file(name, entry(stored))
        .with_context(|| format!("cannot add {name} to the book"))?;
    zip.write_all(bytes)
        .with_context(|| format!("cannot add {name} to the book"))?;
    Ok(())
}

/// Starts a book in `out` with the files every book opens with, in a fixed order:
/// `mimetype` first and stored (how reading systems recognise the package), the container,
/// the package document, the contents page and the style sheet.
fn start_book<W: Write + Seek>(out: W, opf: &str, nav: &str) -> Result<zip::ZipWriter<W>> {
    let mut zip = zip::ZipWriter::new(out);
    put(&mut zip, "mimetype", MIME.as_bytes(), true)?;
    put(
        &mut zip,
        "META-INF/container.xml",
        CONTAINER.as_bytes(),
        false,
    )?;
    put(&mut zip, "EPUB/package.opf", opf.as_bytes(), false)?;
    put(&mut zip, "EPUB/nav.xhtml", nav.as_bytes(), false)?;
    put(&mut zip, "EPUB/style.css", STYLE.as_bytes(), false)?;
    Ok(zip)
}

/// A ZIP entry's options: a fixed time (so the package's bytes never depend on when it was
/// built), stored or deflated.
fn entry(stored: bool) -> zip::write::SimpleFileOptions {
    let method = if stored {
        zip::CompressionMethod::Stored
    } else {
        zip::CompressionMethod::Deflated
    };
    zip::write::SimpleFileOptions::default()
        .compression_method(method)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644)
}

/// EPUB Accessibility 1.1 metadata; `what` opens the summary ("The full text of …").
fn accessibility(what: &str, podcast: &str) -> String {
    let mut meta = String::new();
    for (prop, value) in [
        ("schema:accessMode", "textual"),
        ("schema:accessMode", "auditory"),
        ("schema:accessModeSufficient", "textual"),
        ("schema:accessModeSufficient", "auditory"),
        ("schema:accessModeSufficient", "textual,auditory"),
        ("schema:accessibilityFeature", "synchronizedAudioText"),
        ("schema:accessibilityFeature", "structuralNavigation"),
        ("schema:accessibilityFeature", "tableOfContents"),
        ("schema:accessibilityFeature", "readingOrder"),
        ("schema:accessibilityFeature", "displayTransformability"),
        ("schema:accessibilityHazard", "none"),
    ] {
        meta.push_str(&format!("<meta property=\"{prop}\">{value}</meta>\n"));
    }
    meta.push_str(&format!("<meta property=\"schema:accessibilitySummary\">{what}, so it can be read, listened to, or both at once; the narration is a synthetic (text-to-speech) voice. Navigation by chapter through the table of contents; the reading order follows the narration. The hymns' words are shown as their recordings play. No flashing, motion or sound hazards.</meta>\n"));
    // The claim rests on what the build checks (epubcheck, and axe-core on the same markup
    // in the episode pages); the producer is the one who publishes it.
    meta.push_str(&format!(
        "<meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>\n<meta property=\"a11y:certifiedBy\">{}</meta>\n",
        escape_clean(podcast)
    ));
    meta
}

/// The EPUB 3 package of one episode.
pub fn package(book: &Book) -> Result<Vec<u8>> {
    let e = book.episode;
    let lang = book.lang;
    let chapters = by_chapter(e, book.lines);
    let mut docs: Vec<(String, String, String, u64)> = Vec::new(); // (file, xhtml, smil, ms)
    let mut next_id = 1;
    for (n, (_, title, lines)) in chapters.iter().enumerate() {
        let level = if n == 0 { 1 } else { 2 };
        let (xhtml, ids) = chapter_doc(lang, title, level, lines, next_id);
        next_id += ids.len();
        let file = format!("chapter-{}.xhtml", n + 1);
        let mut smil = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<smil xmlns=\"http://www.w3.org/ns/SMIL\" xmlns:epub=\"http://www.idpf.org/2007/ops\" version=\"3.0\">\n<body>\n<seq id=\"seq-{}\" epub:textref=\"{file}#chapter\" epub:type=\"chapter\">\n",
            n + 1
        );
        let mut ms = 0u64;
        // In document order, which is time order within a chapter.
        let mut pars: Vec<&(usize, String)> = ids.iter().collect();
        pars.sort_by(|a, b| lines[a.0].start.total_cmp(&lines[b.0].start));
        for (k, id) in pars {
            let begin = lines[*k].start;
            let stop = lines[*k].end;
            // Whole milliseconds, as written in the clips, so the durations add up exactly.
            ms += clock_ms(stop) - clock_ms(begin);
            smil.push_str(&format!(
                "<par id=\"par-{id}\">\n<text src=\"{file}#{id}\"/>\n<audio src=\"audio/episode.mp3\" clipBegin=\"{}\" clipEnd=\"{}\"/>\n</par>\n",
                clock(begin),
                clock(stop)
            ));
        }
        smil.push_str("</seq>\n</body>\n</smil>\n");
        docs.push((file, xhtml, smil, ms));
    }

    let mut nav = nav_start(lang, &e.title);
    for (n, (_, title, _)) in chapters.iter().enumerate() {
        nav.push_str(&format!(
            "<li><a href=\"chapter-{}.xhtml\">{}</a></li>\n",
            n + 1,
            escape_clean(title)
        ));
    }
    nav.push_str(&nav_end("chapter-1.xhtml", "Start of the episode"));

    let mut meta = Identity {
        uid: book.guid,
        title: &e.title,
        author: book.author,
        publisher: book.podcast,
        lang,
        date: e.date,
        description: &e.description,
    }
    .metadata();
    meta.push_str(&format!(
        "<meta property=\"media:duration\">{}</meta>\n",
        duration_ms(docs.iter().map(|d| d.3).sum())
    ));
    for (n, d) in docs.iter().enumerate() {
        meta.push_str(&format!(
            "<meta property=\"media:duration\" refines=\"#mo-{}\">{}</meta>\n",
            n + 1,
            duration_ms(d.3)
        ));
    }
    meta.push_str(&format!(
        "<meta property=\"media:narrator\">{}</meta>\n<meta property=\"media:active-class\">-epub-media-overlay-active</meta>\n",
        escape_clean(&format!("{} (a synthetic voice)", book.narrator))
    ));
    meta.push_str(&narrators(book));
    meta.push_str(&accessibility(
        "The full text of the episode, every sentence synchronised with its narration",
        book.podcast,
    ));

    let mut manifest = format!(
        "{MANIFEST_START}<item id=\"audio\" href=\"audio/episode.mp3\" media-type=\"audio/mpeg\"/>\n"
    );
    let mut spine = SPINE_START.to_string();
    for (n, d) in docs.iter().enumerate() {
        manifest.push_str(&format!(
            "<item id=\"c-{i}\" href=\"{}\" media-type=\"application/xhtml+xml\" media-overlay=\"mo-{i}\"/>\n<item id=\"mo-{i}\" href=\"chapter-{i}.smil\" media-type=\"application/smil+xml\"/>\n",
            d.0,
            i = n + 1
        ));
        spine.push_str(&format!("<itemref idref=\"c-{}\"/>\n", n + 1));
    }
    let opf = package_doc(lang, &meta, &manifest, &spine);

    let mut zip = start_book(std::io::Cursor::new(Vec::new()), &opf, &nav)?;
    for (n, d) in docs.iter().enumerate() {
        put(&mut zip, &format!("EPUB/{}", d.0), d.1.as_bytes(), false)?;
        put(
            &mut zip,
            &format!("EPUB/chapter-{}.smil", n + 1),
            d.2.as_bytes(),
            false,
        )?;
    }
    put(&mut zip, "EPUB/cover.jpg", book.cover_jpeg, true)?;
    // Already compressed: stored.
    put(&mut zip, "EPUB/audio/episode.mp3", book.mp3, true)?;
    let cursor = zip.finish().context("cannot finish the book")?;
    Ok(cursor.into_inner())
}

#[cfg(test)]
mod tests {
    #[test]
    fn empty_metadata_is_left_out() {
        assert_eq!(super::dc("description", " "), "");
        assert_eq!(
            super::dc("creator", "A & B"),
            "<dc:creator>A &amp; B</dc:creator>\n"
        );
    }

    #[test]
    fn clock_values() {
        assert_eq!(super::clock(12.3456), "12.346s");
        assert_eq!(super::clock(0.0), "0.000s");
        assert_eq!(super::duration_ms(3_723_250), "1:02:03.250");
    }
}
