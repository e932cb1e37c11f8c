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
use std::io::Write;

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
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" xml:lang=\"{l}\" lang=\"{l}\">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>{t}</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\"/>\n</head>\n<body>\n<section id=\"chapter\" epub:type=\"chapter\" role=\"doc-chapter\">\n{body}</section>\n</body>\n</html>\n",
        l = escape_clean(lang),
        t = escape_clean(title),
    );
    (doc, ids)
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

    let mut nav = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" xml:lang=\"{l}\" lang=\"{l}\">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>{t}</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\"/>\n</head>\n<body>\n<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\">\n<h1>Contents</h1>\n<ol>\n",
        l = escape_clean(lang),
        t = escape_clean(&e.title)
    );
    for (n, (_, title, _)) in chapters.iter().enumerate() {
        nav.push_str(&format!(
            "<li><a href=\"chapter-{}.xhtml\">{}</a></li>\n",
            n + 1,
            escape_clean(title)
        ));
    }
    nav.push_str("</ol>\n</nav>\n<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<h2>Landmarks</h2>\n<ol>\n<li><a epub:type=\"toc\" href=\"nav.xhtml#toc\">Contents</a></li>\n<li><a epub:type=\"bodymatter\" href=\"chapter-1.xhtml\">Start of the episode</a></li>\n</ol>\n</nav>\n</body>\n</html>\n");

    let modified = format!("{}T00:00:00Z", e.date);
    let mut meta = format!(
        "<dc:identifier id=\"uid\">urn:uuid:{}</dc:identifier>\n<dc:title>{}</dc:title>\n{}<dc:publisher>{}</dc:publisher>\n<dc:language>{}</dc:language>\n<dc:date>{}</dc:date>\n{}<meta property=\"dcterms:modified\">{modified}</meta>\n",
        escape_clean(book.guid),
        escape_clean(&e.title),
        dc("creator", book.author),
        escape_clean(book.podcast),
        escape_clean(lang),
        e.date,
        dc("description", &e.description),
    );
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
    meta.push_str(&accessibility(
        "The full text of the episode, every sentence synchronised with its narration",
        book.podcast,
    ));

    let mut manifest = String::from(
        "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n<item id=\"css\" href=\"style.css\" media-type=\"text/css\"/>\n<item id=\"cover\" href=\"cover.jpg\" media-type=\"image/jpeg\" properties=\"cover-image\"/>\n<item id=\"audio\" href=\"audio/episode.mp3\" media-type=\"audio/mpeg\"/>\n",
    );
    // The contents page is in the spine (outside the reading order) so reading systems and
    // the landmarks can open it.
    let mut spine = String::from("<itemref idref=\"nav\" linear=\"no\"/>\n");
    for (n, d) in docs.iter().enumerate() {
        manifest.push_str(&format!(
            "<item id=\"c-{i}\" href=\"{}\" media-type=\"application/xhtml+xml\" media-overlay=\"mo-{i}\"/>\n<item id=\"mo-{i}\" href=\"chapter-{i}.smil\" media-type=\"application/smil+xml\"/>\n",
            d.0,
            i = n + 1
        ));
        spine.push_str(&format!("<itemref idref=\"c-{}\"/>\n", n + 1));
    }
    let opf = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"uid\" xml:lang=\"{}\">\n<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n{meta}</metadata>\n<manifest>\n{manifest}</manifest>\n<spine>\n{spine}</spine>\n</package>\n",
        escape_clean(lang)
    );
    let container = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n<rootfiles>\n<rootfile full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/>\n</rootfiles>\n</container>\n";

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut put = |name: &str, bytes: &[u8], stored: bool| -> Result<()> {
        zip.start_file(name, entry(stored))
            .with_context(|| format!("cannot add {name} to the book"))?;
        zip.write_all(bytes)
            .with_context(|| format!("cannot add {name} to the book"))?;
        Ok(())
    };
    // `mimetype` first and stored: how reading systems recognise the package.
    put("mimetype", MIME.as_bytes(), true)?;
    put("META-INF/container.xml", container.as_bytes(), false)?;
    put("EPUB/package.opf", opf.as_bytes(), false)?;
    put("EPUB/nav.xhtml", nav.as_bytes(), false)?;
    put("EPUB/style.css", STYLE.as_bytes(), false)?;
    for (n, d) in docs.iter().enumerate() {
        put(&format!("EPUB/{}", d.0), d.1.as_bytes(), false)?;
        put(
            &format!("EPUB/chapter-{}.smil", n + 1),
            d.2.as_bytes(),
            false,
        )?;
    }
    put("EPUB/cover.jpg", book.cover_jpeg, true)?;
    // Already compressed: stored.
    put("EPUB/audio/episode.mp3", book.mp3, true)?;
    let cursor = zip.finish().context("cannot finish the book")?;
    Ok(cursor.into_inner())
}

/// One episode's talking book as it goes into the podcast's book.
pub struct Part<'a> {
    /// The episode.
    pub episode: &'a EpisodeInfo,
    /// Its book, as the build wrote it.
    pub book: &'a std::path::Path,
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

fn open_part(path: &std::path::Path) -> Result<zip::ZipArchive<std::fs::File>> {
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
    std::io::Read::read_to_string(&mut f, &mut s)
        .with_context(|| format!("cannot read {entry} in `{name}`"))?;
    Ok(s)
}

fn read_part(path: &std::path::Path) -> Result<Read> {
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

/// A Dublin Core element, or nothing when its value is empty (the package schema forbids
/// empty ones).
fn dc(element: &str, value: &str) -> String {
    if value.trim().is_empty() {
        String::new()
    } else {
        format!("<dc:{element}>{}</dc:{element}>\n", escape_clean(value))
    }
}

/// The podcast's book: each episode's book as one part (its overlays, audio and style copied
/// as they are, its chapter pages titled with the episode's name as well), under a folder
/// named by the episode's guid, with one contents page nesting the episodes' chapters under
/// their titles. Written to `out` as it goes, one episode's book open at a time, so a long
/// podcast needs neither its audio in memory nor a file handle per episode.
pub fn whole<W: Write + std::io::Seek>(book: &Whole, out: W) -> Result<W> {
    let lang = book.lang;
    let reads: Vec<Read> = book
        .parts
        .iter()
        .map(|p| read_part(p.book))
        .collect::<Result<_>>()?;
    let Some(first) = book.parts.first() else {
        anyhow::bail!("no episode to put in the book");
    };
    let folder = |p: &Part| format!("p{}", &blake3::hash(p.guid.as_bytes()).to_hex()[..12]);

    let mut nav = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" xml:lang=\"{l}\" lang=\"{l}\">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>{t}</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\"/>\n</head>\n<body>\n<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\">\n<h1>Contents</h1>\n<ol>\n",
        l = escape_clean(lang),
        t = escape_clean(book.title)
    );
    let mut manifest = String::from(
        "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n<item id=\"css\" href=\"style.css\" media-type=\"text/css\"/>\n<item id=\"cover\" href=\"cover.jpg\" media-type=\"image/jpeg\" properties=\"cover-image\"/>\n",
    );
    let mut spine = String::from("<itemref idref=\"nav\" linear=\"no\"/>\n");
    let mut durations = String::new();
    let mut total_ms = 0u64;
    let mut narrators: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (part, read) in book.parts.iter().zip(&reads) {
        let e = folder(part);
        if !seen.insert(e.clone()) {
            anyhow::bail!("two episodes share the guid {}", part.guid);
        }
        let title = escape_clean(&part.episode.title);
        // The episode's own first chapter carries its title; the rest nest under it.
        let nested: Vec<(usize, &String)> = read
            .chapters
            .iter()
            .enumerate()
            .map(|(k, t)| (k + 1, t))
            .filter(|(k, t)| *k > 1 || **t != title)
            .collect();
        nav.push_str(&format!("<li><a href=\"{e}/chapter-1.xhtml\">{title}</a>"));
        if !nested.is_empty() {
            nav.push_str("\n<ol>\n");
            for (k, t) in nested {
                nav.push_str(&format!(
                    "<li><a href=\"{e}/chapter-{k}.xhtml\">{t}</a></li>\n"
                ));
            }
            nav.push_str("</ol>\n");
        }
        nav.push_str("</li>\n");
        manifest.push_str(&format!(
            "<item id=\"{e}-css\" href=\"{e}/style.css\" media-type=\"text/css\"/>\n<item id=\"{e}-audio\" href=\"{e}/audio/episode.mp3\" media-type=\"audio/mpeg\"/>\n"
        ));
        for (k, ms) in read.overlay_ms.iter().enumerate() {
            let k = k + 1;
            manifest.push_str(&format!(
                "<item id=\"{e}-c-{k}\" href=\"{e}/chapter-{k}.xhtml\" media-type=\"application/xhtml+xml\" media-overlay=\"{e}-mo-{k}\"/>\n<item id=\"{e}-mo-{k}\" href=\"{e}/chapter-{k}.smil\" media-type=\"application/smil+xml\"/>\n"
            ));
            spine.push_str(&format!("<itemref idref=\"{e}-c-{k}\"/>\n"));
            durations.push_str(&format!(
                "<meta property=\"media:duration\" refines=\"#{e}-mo-{k}\">{}</meta>\n",
                duration_ms(*ms)
            ));
            total_ms += ms;
        }
        if let Some(v) = &read.narrator {
            if !narrators.contains(v) {
                narrators.push(v.clone());
            }
        }
    }
    nav.push_str(&format!("</ol>\n</nav>\n<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<h2>Landmarks</h2>\n<ol>\n<li><a epub:type=\"toc\" href=\"nav.xhtml#toc\">Contents</a></li>\n<li><a epub:type=\"bodymatter\" href=\"{}/chapter-1.xhtml\">Start of the first episode</a></li>\n</ol>\n</nav>\n</body>\n</html>\n", folder(first)));

    let last = book
        .parts
        .iter()
        .map(|p| p.episode.date)
        .max()
        .unwrap_or(first.episode.date);
    let mut meta = format!(
        "<dc:identifier id=\"uid\">urn:uuid:{}</dc:identifier>\n<dc:title>{}</dc:title>\n{}<dc:publisher>{}</dc:publisher>\n<dc:language>{}</dc:language>\n<dc:date>{last}</dc:date>\n{}<meta property=\"dcterms:modified\">{last}T00:00:00Z</meta>\n",
        escape_clean(book.uuid),
        escape_clean(book.title),
        dc("creator", book.author),
        escape_clean(book.podcast),
        escape_clean(lang),
        dc("description", book.description),
    );
    meta.push_str(&format!(
        "<meta property=\"media:duration\">{}</meta>\n{durations}",
        duration_ms(total_ms)
    ));
    // Already escaped: read from the episodes' own packages.
    if !narrators.is_empty() {
        meta.push_str(&format!(
            "<meta property=\"media:narrator\">{}</meta>\n",
            narrators.join("; ")
        ));
    }
    meta.push_str("<meta property=\"media:active-class\">-epub-media-overlay-active</meta>\n");
    meta.push_str(&accessibility(
        "The full text of every episode, every sentence synchronised with its narration",
        book.podcast,
    ));
    let opf = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"uid\" xml:lang=\"{}\">\n<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n{meta}</metadata>\n<manifest>\n{manifest}</manifest>\n<spine>\n{spine}</spine>\n</package>\n",
        escape_clean(lang)
    );
    let container = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n<rootfiles>\n<rootfile full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/>\n</rootfiles>\n</container>\n";

    let mut zip = zip::ZipWriter::new(out);
    let put = |zip: &mut zip::ZipWriter<W>, name: &str, bytes: &[u8], stored: bool| -> Result<()> {
        zip.start_file(name, entry(stored))
            .with_context(|| format!("cannot add {name} to the book"))?;
        zip.write_all(bytes)
            .with_context(|| format!("cannot add {name} to the book"))?;
        Ok(())
    };
    put(&mut zip, "mimetype", MIME.as_bytes(), true)?;
    put(
        &mut zip,
        "META-INF/container.xml",
        container.as_bytes(),
        false,
    )?;
    put(&mut zip, "EPUB/package.opf", opf.as_bytes(), false)?;
    put(&mut zip, "EPUB/nav.xhtml", nav.as_bytes(), false)?;
    put(&mut zip, "EPUB/style.css", STYLE.as_bytes(), false)?;
    for (n, (part, read)) in book.parts.iter().zip(&reads).enumerate() {
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
        if n == 0 {
            copied.insert(0, ("EPUB/cover.jpg".into(), "EPUB/cover.jpg".into()));
        }
        for k in 1..=read.chapters.len() {
            copied.push((
                format!("EPUB/chapter-{k}.smil"),
                format!("EPUB/{e}/chapter-{k}.smil"),
            ));
            // Among many episodes' chapters, a page's title names its episode too: a
            // screen reader announces it, and "A Prayer" alone is in every episode.
            let from = format!("EPUB/chapter-{k}.xhtml");
            let xhtml = entry_text(&mut source, &name, &from)?;
            // The page that opens the episode, titled as the episode, keeps its title.
            let episode = escape_clean(&part.episode.title);
            let xhtml = match xhtml.split_once("<title>") {
                Some((head, rest)) if !rest.starts_with(&format!("{episode}</title>")) => {
                    format!("{head}<title>{episode} — {rest}")
                }
                _ => xhtml,
            };
            put(
                &mut zip,
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
    }
    zip.finish().context("cannot finish the book")
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
    fn durations_read_back() {
        assert_eq!(super::parse_duration_ms("1:02:03.250"), Some(3_723_250));
        assert_eq!(super::parse_duration_ms("0:00:00.000"), Some(0));
        assert_eq!(super::parse_duration_ms("0:00:01.5"), Some(1500));
        assert_eq!(super::parse_duration_ms("x"), None);
    }

    #[test]
    fn clock_values() {
        assert_eq!(super::clock(12.3456), "12.346s");
        assert_eq!(super::clock(0.0), "0.000s");
        assert_eq!(super::duration_ms(3_723_250), "1:02:03.250");
    }
}
