//! HTML pages for `feed/`: one per episode, an index with a subscribe section, and a plain
//! HTML transcript per episode.
//!
//! The pages are for listening offline and with assistive technology: landmarks, one `h1`,
//! headings for chapters and transcript, labelled controls, the language declared, the
//! article's own paragraphs, lists and quotes (so a screen reader moves paragraph by
//! paragraph), time links named in words ("Play from 2 minutes 5 seconds"), a focus ring of
//! at least 3:1 contrast in light and dark schemes, and a few lines of script so chapter
//! links seek the player without moving focus and the chapter playing is marked
//! (`aria-current`). Without script every link still works.

use super::format::{clock, hms, url_escape};
use super::EpisodeInfo;
use crate::script::{Part, PartKind};
use crate::text::{escape_clean, percent_decode_strict};

/// File name of the index page inside the output folder.
pub const INDEX_FILE: &str = "index.html";

/// The files in the output folder a page links to or embeds: every `href` and `src` that is
/// a plain relative name, decoded. Used to keep whatever a published page points at.
pub fn local_links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let Some(end) = rest.find('"') else { break };
            let value = rest[..end].replace("&amp;", "&");
            rest = &rest[end..];
            let name = value.split(['#', '?']).next().unwrap_or("");
            if name.is_empty() || name.contains(':') || name.starts_with('/') || name.contains('/')
            {
                continue;
            }
            if let Some(decoded) = percent_decode_strict(name) {
                out.push(decoded);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Light and dark schemes; every pairing checked for contrast (text ≥ 4.5:1, focus ring
/// ≥ 3:1 against the page).
const STYLE: &str = "\
:root{color-scheme:light dark;--bg:#fffdf8;--fg:#1b1b1b;--muted:#4f4f4f;--link:#14437a;--ring:#14437a;--panel:#f3efe4}\
@media (prefers-color-scheme:dark){:root{--bg:#15171b;--fg:#ece9e4;--muted:#b9b6b0;--link:#9cc2ff;--ring:#ffc46b;--panel:#23262c}}\
body{font:1.1rem/1.6 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;color:var(--fg);background:var(--bg)}\
a{color:var(--link)}a:focus-visible,button:focus-visible,audio:focus-visible{outline:3px solid var(--ring);outline-offset:2px}\
audio{width:100%}.meta{color:var(--muted)}ol.chapters li{padding:.3rem 0}\
a[aria-current]{font-weight:700}a.t{font-size:.85em;margin-right:.4em;color:var(--muted)}\
blockquote{margin:1rem 0;padding:.2rem 1rem;border-left:4px solid var(--muted)}.stanza p{font-style:italic}\
.music{color:var(--muted)}.panel{background:var(--panel);padding:1rem;border-radius:.5rem}\
.feedurl{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center}.feedurl input{flex:1 1 16rem;font:inherit;padding:.3rem;color:var(--fg);background:var(--bg);border:1px solid var(--muted)}\
button{font:inherit;padding:.3rem .8rem;color:var(--bg);background:var(--link);border:0;border-radius:.3rem;cursor:pointer}\
.qr{background:#fff;padding:8px;display:inline-block;line-height:0}\
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}\
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem}";

/// Seeks the player from chapter and time links without moving focus, and marks the
/// chapter playing.
const SEEK: &str = "<script>\n\
const player = document.getElementById('player');\n\
const chapters = [...document.querySelectorAll('ol.chapters a[data-t]')];\n\
for (const a of document.querySelectorAll('a[data-t]')) {\n\
  a.addEventListener('click', (e) => {\n\
    if (!player) return;\n\
    e.preventDefault();\n\
    player.currentTime = Number(a.dataset.t);\n\
    player.play();\n\
  });\n\
}\n\
if (player) player.addEventListener('timeupdate', () => {\n\
  let now = null;\n\
  for (const a of chapters) if (Number(a.dataset.t) <= player.currentTime + 0.01) now = a;\n\
  for (const a of chapters) {\n\
    if (a === now) a.setAttribute('aria-current', 'true'); else a.removeAttribute('aria-current');\n\
  }\n\
});\n\
</script>\n";

fn head(lang: &str, title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<title>{}</title>\n<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Podcast feed\" href=\"feed.xml\">\n<style>{STYLE}</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n",
        escape_clean(lang),
        escape_clean(title)
    )
}

/// One sentence, stanza line or recording in the transcript.
pub struct Line<'a> {
    /// Start, seconds.
    pub start: f64,
    /// End, seconds.
    pub end: f64,
    /// Text as written.
    pub text: &'a str,
    /// Where it sits in the article (`None` for intro and outro music).
    pub part: Option<Part>,
    /// Who reads it ("Scripture reader"), only when the podcast has several voices.
    pub reader: Option<&'a str>,
}

/// "2 minutes 5 seconds", for names read aloud.
pub fn spoken_time(seconds: f64) -> String {
    let s = seconds.round() as u64;
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    let unit = |n: u64, one: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {one}s"),
    };
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(unit(h, "hour"));
    }
    if m > 0 {
        parts.push(unit(m, "minute"));
    }
    if sec > 0 || parts.is_empty() {
        parts.push(unit(sec, "second"));
    }
    parts.join(" ")
}

/// A link that plays from `t`: it shows the clock time and says, to a screen reader, "play
/// from 2 minutes 5 seconds" (its name begins with what it shows, as WCAG 2.5.3 asks).
fn time_link(mp3: &str, t: f64) -> String {
    format!(
        "<a class=\"t\" href=\"{}#t={t:.3}\" data-t=\"{t:.3}\">{}<span class=\"vh\">, play from {}</span></a>",
        escape_clean(&url_escape(mp3)),
        clock(t),
        spoken_time(t)
    )
}

/// A block of a chapter's transcript, in the article's shape; the numbers index the
/// chapter's lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// Prose (or the opening), sentence by sentence.
    Paragraph(Vec<usize>),
    /// A list: each item's sentences.
    List(Vec<Vec<usize>>),
    /// A quotation and its citation.
    Quote {
        /// The quoted sentences.
        body: Vec<usize>,
        /// The citation's.
        cite: Vec<usize>,
    },
    /// A hymn: the recording's title line(s), then the stanza's lines.
    Stanza {
        /// "♪ title" lines.
        music: Vec<usize>,
        /// The words, line by line (the citation last).
        words: Vec<usize>,
    },
    /// Music with no words (intro, outro).
    Music(Vec<usize>),
    /// Lines kept as written (a psalm, a poem, a letter's closing), and their citation.
    Lines {
        /// The lines.
        lines: Vec<usize>,
        /// The citation's.
        cite: Vec<usize>,
    },
}

/// Groups a chapter's lines into the article's blocks. A heading line that repeats the
/// chapter's title is left out (it is the chapter's own heading).
pub fn shapes(lines: &[&Line], heading: &str) -> Vec<Shape> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let key = lines[i].part.map(|p| p.block);
        let mut j = i + 1;
        while j < lines.len() && key.is_some() && lines[j].part.map(|p| p.block) == key {
            j += 1;
        }
        let idx: Vec<usize> = (i..j).collect();
        let kind_of = |k: usize| lines[k].part.map_or(PartKind::Music, |p| p.kind);
        let has = |kinds: &[PartKind]| idx.iter().any(|&k| kinds.contains(&kind_of(k)));
        let first_kind = kind_of(i);
        i = j;
        if first_kind == PartKind::Heading && idx.iter().all(|&k| lines[k].text == heading) {
            continue;
        }
        let shape = if first_kind == PartKind::Item {
            let mut items: Vec<Vec<usize>> = Vec::new();
            let mut last = None;
            for &k in &idx {
                let item = lines[k].part.map(|p| p.item);
                if last != Some(item) || items.is_empty() {
                    items.push(Vec::new());
                    last = Some(item);
                }
                if let Some(v) = items.last_mut() {
                    v.push(k);
                }
            }
            Shape::List(items)
        } else if has(&[PartKind::Line]) {
            let (cite, lines) = idx.iter().partition(|&&k| kind_of(k) == PartKind::Cite);
            Shape::Lines { lines, cite }
        } else if has(&[PartKind::Quote]) {
            Shape::Quote {
                body: idx
                    .iter()
                    .copied()
                    .filter(|&k| kind_of(k) != PartKind::Cite)
                    .collect(),
                cite: idx
                    .iter()
                    .copied()
                    .filter(|&k| kind_of(k) == PartKind::Cite)
                    .collect(),
            }
        } else if has(&[PartKind::Stanza])
            || (has(&[PartKind::Music]) && lines[idx[0]].part.is_some())
        {
            let (music, words) = idx.iter().partition(|&&k| kind_of(k) == PartKind::Music);
            Shape::Stanza { music, words }
        } else if first_kind == PartKind::Music {
            Shape::Music(idx)
        } else {
            Shape::Paragraph(idx)
        };
        out.push(shape);
    }
    out
}

/// A line's text; with several voices, marked with its reader (a class, and the reader's
/// name for screen readers where the reader changes).
fn read_by(lines: &[&Line], k: usize) -> String {
    let text = escape_clean(lines[k].text);
    let Some(reader) = lines[k].reader else {
        return text;
    };
    let class: String = reader
        .to_lowercase()
        .split_whitespace()
        .next()
        .unwrap_or("narrator")
        .to_string();
    let label = if k == 0 || lines[k - 1].reader != Some(reader) {
        format!("<span class=\"vh\">{}: </span>", escape_clean(reader))
    } else {
        String::new()
    };
    format!("<span class=\"reader {class}\">{label}{text}</span>")
}

/// The transcript of one chapter's lines in the article's own shape: a paragraph per
/// paragraph, a list for a list, a quotation for a quote, a stanza line by line. With `mp3`,
/// each block opens with a link that plays from it.
fn blocks(lines: &[&Line], heading: &str, mp3: Option<&str>) -> String {
    let link = |k: usize| {
        mp3.map(|m| time_link(m, lines[k].start))
            .unwrap_or_default()
    };
    let text = |ks: &[usize], sep: &str| {
        ks.iter()
            .map(|&k| read_by(lines, k))
            .collect::<Vec<_>>()
            .join(sep)
    };
    let mut h = String::new();
    for shape in shapes(lines, heading) {
        match shape {
            Shape::Paragraph(ks) => {
                h.push_str(&format!("<p>{}{}</p>\n", link(ks[0]), text(&ks, " ")));
            }
            Shape::Music(ks) => {
                h.push_str(&format!(
                    "<p class=\"music\">{}{}</p>\n",
                    link(ks[0]),
                    text(&ks, " ")
                ));
            }
            Shape::List(items) => {
                h.push_str("<ul>\n");
                for item in items {
                    h.push_str(&format!("<li>{}{}</li>\n", link(item[0]), text(&item, " ")));
                }
                h.push_str("</ul>\n");
            }
            Shape::Quote { body, cite } => {
                let first = body.first().or(cite.first()).copied().unwrap_or(0);
                h.push_str(&format!(
                    "<blockquote>\n<p>{}{}</p>\n",
                    link(first),
                    text(&body, " ")
                ));
                if !cite.is_empty() {
                    h.push_str(&format!("<footer>{}</footer>\n", text(&cite, " ")));
                }
                h.push_str("</blockquote>\n");
            }
            Shape::Lines { lines, cite } if cite.is_empty() => {
                h.push_str(&format!(
                    "<p>{}{}</p>\n",
                    link(lines[0]),
                    text(&lines, "<br>\n")
                ));
            }
            Shape::Lines { lines, cite } => {
                h.push_str(&format!(
                    "<blockquote>\n<p>{}{}</p>\n<footer>{}</footer>\n</blockquote>\n",
                    link(lines.first().or(cite.first()).copied().unwrap_or(0)),
                    text(&lines, "<br>\n"),
                    text(&cite, " ")
                ));
            }
            Shape::Stanza { music, words } => {
                h.push_str("<blockquote class=\"stanza\">\n");
                for &m in &music {
                    h.push_str(&format!(
                        "<p class=\"music\">{}{}</p>\n",
                        link(m),
                        escape_clean(lines[m].text)
                    ));
                }
                if !words.is_empty() {
                    let l = if music.is_empty() {
                        link(words[0])
                    } else {
                        String::new()
                    };
                    h.push_str(&format!("<p>{l}{}</p>\n", text(&words, "<br>\n")));
                }
                h.push_str("</blockquote>\n");
            }
        }
    }
    h
}

/// Lines of each chapter: (start, title, lines).
pub fn by_chapter<'l, 'a>(
    e: &'l EpisodeInfo,
    lines: &'l [Line<'a>],
) -> Vec<(f64, &'l str, Vec<&'l Line<'a>>)> {
    e.chapters
        .iter()
        .enumerate()
        .map(|(i, (t, title))| {
            let end = e.chapters.get(i + 1).map_or(f64::INFINITY, |c| c.0);
            let ls = lines
                .iter()
                .filter(|l| l.start >= *t && l.start < end)
                .collect();
            (*t, title.as_str(), ls)
        })
        .collect()
}

/// The size of a file for a download link ("5.9 MB").
fn size(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

/// The episode page: player, chapters that seek, downloads, and the transcript in the
/// article's own shape.
pub fn episode_page(podcast_title: &str, lang: &str, e: &EpisodeInfo, lines: &[Line]) -> String {
    let mut h = head(lang, &format!("{} — {}", e.title, podcast_title));
    h.push_str(&format!(
        "<header>\n<p><a href=\"index.html\">{}</a></p>\n</header>\n<main id=\"main\">\n<h1>{}</h1>\n<p class=\"meta\">{}{} · {}</p>\n<p>{}</p>\n{}",
        escape_clean(podcast_title),
        escape_clean(&e.title),
        e.author
            .as_deref()
            .map(|a| format!("By {} · ", escape_clean(a)))
            .unwrap_or_default(),
        e.date.format("%B %-d, %Y"),
        spoken_time(e.seconds),
        escape_clean(&e.description),
        e.link
            .as_deref()
            .map(|l| format!(
                "<p><a href=\"{}\">Read “{}” as first published</a></p>\n",
                escape_clean(l),
                escape_clean(&e.title)
            ))
            .unwrap_or_default()
    ));
    if let Some(image) = &e.image {
        // Beside the page, or on the web: decoration, the title says what the episode is.
        let src = if image.contains("://") {
            image.clone()
        } else {
            url_escape(image)
        };
        h.push_str(&format!(
            "<p><img class=\"artwork\" src=\"{}\" alt=\"\" width=\"300\" height=\"300\"></p>\n",
            escape_clean(&src)
        ));
    }
    let mp3 = escape_clean(&url_escape(&e.mp3));
    h.push_str(&format!(
        "<audio id=\"player\" controls preload=\"metadata\" aria-label=\"Play {}\" src=\"{mp3}\">\n<track kind=\"captions\" src=\"{}\" srclang=\"{}\" label=\"Transcript\" default>\n<a href=\"{mp3}\">Download the episode (MP3)</a>\n</audio>\n<p><a href=\"{mp3}\" download=\"{}\">Download the episode (MP3, {})</a> · <a href=\"{}\">Transcript (WebVTT)</a> · <a href=\"{}\">Transcript (SRT)</a>{}</p>\n",
        escape_clean(&e.title),
        escape_clean(&url_escape(&e.transcript_vtt)),
        escape_clean(lang.split('-').next().unwrap_or("en")),
        escape_clean(&format!("{}.mp3", e.slug)),
        size(e.mp3_bytes),
        escape_clean(&url_escape(&e.transcript_vtt)),
        escape_clean(&url_escape(&e.transcript_srt)),
        [
            e.transcript_html
                .as_ref()
                .map(|t| format!(" · <a href=\"{}\">Transcript (HTML)</a>", escape_clean(&url_escape(t)))),
            e.epub.as_ref().map(|b| {
                format!(
                    " · <a href=\"{}\" download>Talking book (EPUB 3, text and narration together)</a>",
                    escape_clean(&url_escape(b))
                )
            }),
        ]
        .into_iter()
        .flatten()
        .collect::<String>(),
    ));
    h.push_str("<nav aria-labelledby=\"chapters\">\n<h2 id=\"chapters\">Chapters</h2>\n<ol class=\"chapters\">\n");
    for (t, title) in &e.chapters {
        h.push_str(&format!(
            "<li><a href=\"{mp3}#t={t:.3}\" data-t=\"{t:.3}\">{}</a> <span class=\"meta\"><span class=\"vh\">from </span>{}</span></li>\n",
            escape_clean(title),
            clock(*t)
        ));
    }
    h.push_str("</ol>\n</nav>\n<section aria-labelledby=\"transcript\">\n<h2 id=\"transcript\">Transcript</h2>\n");
    for (n, (t, title, ls)) in by_chapter(e, lines).into_iter().enumerate() {
        h.push_str(&format!(
            "<h3 id=\"chapter-{}\">{} {}</h3>\n",
            n + 1,
            time_link(&e.mp3, t),
            escape_clean(title)
        ));
        h.push_str(&blocks(&ls, title, Some(&e.mp3)));
    }
    h.push_str("</section>\n</main>\n<footer>\n<p><a href=\"index.html#subscribe\">Subscribe to the podcast</a></p>\n</footer>\n");
    h.push_str(SEEK);
    h.push_str("</body>\n</html>\n");
    h
}

/// The plain HTML transcript (`podcast:transcript type="text/html"`): the article's words in
/// its own shape, each block with its time, nothing else.
pub fn transcript_page(podcast_title: &str, lang: &str, e: &EpisodeInfo, lines: &[Line]) -> String {
    let mut h = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<title>Transcript: {} — {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n<p class=\"meta\">{} · {}</p>\n",
        escape_clean(lang),
        escape_clean(&e.title),
        escape_clean(podcast_title),
        escape_clean(&e.title),
        escape_clean(podcast_title),
        e.date.format("%B %-d, %Y")
    );
    for (t, title, ls) in by_chapter(e, lines) {
        h.push_str(&format!(
            "<h2><time datetime=\"PT{}S\">{}</time> {}</h2>\n",
            t.round() as u64,
            clock(t),
            escape_clean(title)
        ));
        h.push_str(&blocks(&ls, title, None));
    }
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

/// The robots instruction every preview page carries: no search engine lists it.
pub const NOINDEX: &str = "<meta name=\"robots\" content=\"noindex\">";

/// A page of a private preview (`devocast build --preview`): kept out of search engines,
/// without the feed's link (no feed lists a preview), and saying at its top that it is not
/// published, and why (`note`).
pub fn preview_marked(html: &str, note: &str) -> String {
    let html = unlisted_head(html);
    let banner = format!(
        "<p class=\"panel\" role=\"note\"><strong>Preview, not published.</strong> {}</p>\n",
        escape_clean(note)
    );
    match html.find("<main") {
        Some(i) => match html[i..].find('>') {
            Some(j) => format!("{}{banner}{}", &html[..i + j + 2], &html[i + j + 2..]),
            None => html,
        },
        None => html,
    }
}

/// The page listing the previews in `preview/`: each held episode's page, with why it is
/// held. Never linked from the podcast's index.
pub fn preview_index(
    podcast_title: &str,
    lang: &str,
    previews: &[(EpisodeInfo, String)],
) -> String {
    let mut h = head(lang, &format!("Previews — {podcast_title}"));
    h.push_str(&format!(
        "<main id=\"main\">\n<h1>Previews of {}</h1>\n<p>Episodes not published yet, for the producer: no feed or index lists them.</p>\n<ul>\n",
        escape_clean(podcast_title)
    ));
    let mut sorted: Vec<&(EpisodeInfo, String)> = previews.iter().collect();
    sorted.sort_by(|a, b| a.0.date.cmp(&b.0.date).then(a.0.slug.cmp(&b.0.slug)));
    for (e, why) in sorted {
        h.push_str(&format!(
            "<li><a href=\"{}\">{}</a> <span class=\"meta\">{} · {} · {}</span></li>\n",
            escape_clean(&url_escape(&e.page)),
            escape_clean(&e.title),
            e.date.format("%B %-d, %Y"),
            hms(e.seconds),
            escape_clean(why)
        ));
    }
    h.push_str("</ul>\n</main>\n</body>\n</html>\n");
    unlisted_head(&h)
}

/// A page's head with the robots instruction, and without the feed's link.
fn unlisted_head(html: &str) -> String {
    html.replacen("<head>\n", &format!("<head>\n{NOINDEX}\n"), 1)
        .replacen(
            "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Podcast feed\" href=\"feed.xml\">\n",
            "",
            1,
        )
}

/// A QR code of `text` as an inline SVG, black on white.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(180, 180)
        .quiet_zone(false)
        .build();
    // The renderer writes an XML declaration; inline SVG in HTML does without.
    let start = svg.find("<svg")?;
    Some(svg[start..].replacen(
        "<svg ",
        "<svg role=\"img\" aria-label=\"QR code of the feed address\" ",
        1,
    ))
}

/// What the index page shows of the podcast.
pub struct Index<'a> {
    /// The podcast's title.
    pub title: &'a str,
    /// Its description.
    pub description: &'a str,
    /// Its language tag.
    pub lang: &'a str,
    /// The cover's file name.
    pub cover: &'a str,
    /// The feed's full address.
    pub feed_url: &'a str,
}

/// The index page: the podcast, how to subscribe (the address to copy, a QR code for
/// phones, a word for the common apps), and every episode, newest first.
pub fn index_page(p: &Index, episodes: &[EpisodeInfo]) -> String {
    let mut h = head(p.lang, p.title);
    h.push_str(&format!(
        "<main id=\"main\">\n<h1>{}</h1>\n<img src=\"{}\" alt=\"Cover of {}\" width=\"200\" height=\"200\">\n<p>{}</p>\n",
        escape_clean(p.title),
        escape_clean(&url_escape(p.cover)),
        escape_clean(p.title),
        escape_clean(p.description)
    ));
    let feed = escape_clean(p.feed_url);
    h.push_str(&format!(
        "<section id=\"subscribe\" class=\"panel\" aria-labelledby=\"subscribe-h\">\n<h2 id=\"subscribe-h\">Subscribe</h2>\n<p>Add this address to your podcast app:</p>\n<div class=\"feedurl\"><label for=\"feed-address\">Feed address</label> <input id=\"feed-address\" readonly value=\"{feed}\"> <button type=\"button\" id=\"copy\">Copy</button> <span id=\"copied\" role=\"status\"></span></div>\n"
    ));
    if let Some(svg) = qr_svg(p.feed_url) {
        h.push_str(&format!(
            "<p>On a phone, scan this code with the camera:</p>\n<div class=\"qr\">{svg}</div>\n"
        ));
    }
    h.push_str("<ul>\n<li>Apple Podcasts: Library, then the … menu, then “Follow a Show by URL”, and paste the address.</li>\n<li>Pocket Casts, Overcast, Podcast Addict: search, or “Add by URL”, and paste the address.</li>\n<li>AntennaPod: “Add podcast”, then “Add podcast by RSS address”.</li>\n</ul>\n");
    h.push_str(&format!(
        "<p>Or open the <a href=\"{}\">feed</a> in an app that subscribes to RSS.</p>\n</section>\n<h2>Episodes</h2>\n<ul>\n",
        escape_clean(&url_escape(super::feed::FEED_FILE))
    ));
    let mut sorted: Vec<&EpisodeInfo> = episodes.iter().collect();
    sorted.sort_by(|a, b| crate::publish::feed::newest_first(a, b));
    for e in sorted {
        h.push_str(&format!(
            "<li><a href=\"{}\">{}</a> <span class=\"meta\">{} · {}</span></li>\n",
            escape_clean(&url_escape(&e.page)),
            escape_clean(&e.title),
            e.date.format("%B %-d, %Y"),
            hms(e.seconds)
        ));
    }
    h.push_str("</ul>\n</main>\n<script>\n\
const copy = document.getElementById('copy');\n\
copy.addEventListener('click', async () => {\n\
  const field = document.getElementById('feed-address');\n\
  field.select();\n\
  try { await navigator.clipboard.writeText(field.value); } catch (e) { document.execCommand('copy'); }\n\
  document.getElementById('copied').textContent = 'Copied';\n\
});\n\
</script>\n</body>\n</html>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_named_in_words() {
        assert_eq!(spoken_time(125.2), "2 minutes 5 seconds");
        assert_eq!(spoken_time(60.0), "1 minute");
        assert_eq!(spoken_time(3601.0), "1 hour 1 second");
        assert_eq!(spoken_time(0.2), "0 seconds");
    }

    /// WCAG contrast ratio of two `#rrggbb` colours.
    fn contrast(a: &str, b: &str) -> f64 {
        let lum = |h: &str| {
            let c = |i: usize| {
                let v = f64::from(u8::from_str_radix(&h[i..i + 2], 16).unwrap()) / 255.0;
                if v <= 0.03928 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5)
        };
        let (x, y) = (lum(a), lum(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn colours_meet_wcag_contrast_in_both_schemes() {
        let var = |scheme: &str, name: &str| -> String {
            let block = if scheme == "dark" {
                &STYLE[STYLE.find("prefers-color-scheme:dark").unwrap()..]
            } else {
                STYLE
            };
            let at = block.find(&format!("--{name}:")).unwrap() + name.len() + 3;
            block[at..at + 7].to_string()
        };
        for scheme in ["light", "dark"] {
            let bg = var(scheme, "bg");
            // The focus ring against the page: at least 3:1 (WCAG 2.4.11 / 1.4.11).
            assert!(contrast(&var(scheme, "ring"), &bg) >= 3.0, "{scheme} ring");
            for text in ["fg", "muted", "link"] {
                let c = contrast(&var(scheme, text), &bg);
                assert!(c >= 4.5, "{scheme} {text}: {c:.2}");
            }
            // Text on the subscribe panel too.
            assert!(
                contrast(&var(scheme, "muted"), &var(scheme, "panel")) >= 4.5,
                "{scheme}"
            );
        }
    }

    #[test]
    fn the_qr_code_is_inline_svg() {
        let svg = qr_svg("https://example.org/feed.xml").unwrap();
        assert!(
            svg.starts_with("<svg role=\"img\"") && svg.contains("</svg>"),
            "{svg}"
        );
    }
}
