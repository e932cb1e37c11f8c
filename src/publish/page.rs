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
use super::mark::{chapter_title, in_lang, lang_of};
use super::words::{self, fill, Words};
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
    let w = words::of(lang);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<title>{}</title>\n<link rel=\"alternate\" type=\"application/rss+xml\" title=\"{}\" href=\"feed.xml\">\n<style>{STYLE}</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">{}</a>\n",
        escape_clean(lang),
        escape_clean(title),
        escape_clean(w.feed_link),
        escape_clean(w.skip)
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

/// "2 minutes 5 seconds", for names read aloud (in English; [`Words::spoken_time`] in any).
pub fn spoken_time(seconds: f64) -> String {
    words::english().spoken_time(seconds)
}

/// A link that plays from `t`: it shows the clock time and says, to a screen reader, "play
/// from 2 minutes 5 seconds" (its name begins with what it shows, as WCAG 2.5.3 asks).
fn time_link(w: &Words, mp3: &str, t: f64) -> String {
    format!(
        "<a class=\"t\" href=\"{}#t={t:.3}\" data-t=\"{t:.3}\">{}<span class=\"vh\">, {}</span></a>",
        escape_clean(&url_escape(mp3)),
        clock(t),
        escape_clean(&fill(w.play_from, &[&w.spoken_time(t)]))
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
fn read_by(w: &Words, lines: &[&Line], k: usize) -> String {
    let text = escape_clean(lines[k].text);
    let Some(reader) = lines[k].reader else {
        return text;
    };
    // The class names the part in any language: the catalogue lists readers in this order.
    const CLASSES: [&str; 5] = ["narrator", "scripture", "quote", "stanza", "prayer"];
    let class = w
        .readers
        .iter()
        .position(|r| *r == reader)
        .map_or("narrator", |i| CLASSES[i]);
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
fn blocks(w: &Words, al: &str, lines: &[&Line], heading: &str, mp3: Option<&str>) -> String {
    let link = |k: usize| {
        mp3.map(|m| time_link(w, m, lines[k].start))
            .unwrap_or_default()
    };
    let text = |ks: &[usize], sep: &str| {
        let t = ks
            .iter()
            .map(|&k| read_by(w, lines, k))
            .collect::<Vec<_>>()
            .join(sep);
        in_lang(al, &t)
    };
    let mut h = String::new();
    for shape in shapes(lines, heading) {
        match shape {
            Shape::Paragraph(ks) => {
                h.push_str(&format!("<p>{}{}</p>\n", link(ks[0]), text(&ks, " ")));
            }
            Shape::Music(ks) => {
                // The intro and the outro: devocast's words, in the page's language.
                h.push_str(&format!(
                    "<p class=\"music\">{}{}</p>\n",
                    link(ks[0]),
                    ks.iter()
                        .map(|&k| escape_clean(lines[k].text))
                        .collect::<Vec<_>>()
                        .join(" ")
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
                        in_lang(al, &escape_clean(lines[m].text))
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
fn size(w: &Words, bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0).replace('.', w.decimal)
}

/// The episode page: player, chapters that seek, downloads, and the transcript in the
/// article's own shape.
pub fn episode_page(podcast_title: &str, lang: &str, e: &EpisodeInfo, lines: &[Line]) -> String {
    let w = words::of(lang);
    let al = lang_of(lang, e);
    let title = in_lang(&al, &escape_clean(&e.title));
    let mut h = head(lang, &format!("{} — {}", e.title, podcast_title));
    h.push_str(&format!(
        "<header>\n<p><a href=\"index.html\">{}</a></p>\n</header>\n<main id=\"main\">\n<h1{al}>{}</h1>\n<p class=\"meta\">{}{} · {}</p>\n<p{al}>{}</p>\n{}",
        escape_clean(podcast_title),
        escape_clean(&e.title),
        e.author
            .as_deref()
            .map(|a| format!("{} · ", escape_clean(&fill(w.by, &[a]))))
            .unwrap_or_default(),
        w.date(e.date),
        w.spoken_time(e.seconds),
        escape_clean(&e.description),
        e.link
            .as_deref()
            .map(|l| format!(
                "<p><a href=\"{}\">{}</a></p>\n",
                escape_clean(l),
                fill(&escape_clean(w.read_original), &[&title])
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
    h.push_str(&downloads(w, lang, e));
    let mp3 = escape_clean(&url_escape(&e.mp3));
    h.push_str(&format!("<nav aria-labelledby=\"chapters\">\n<h2 id=\"chapters\">{}</h2>\n<ol class=\"chapters\">\n", escape_clean(w.chapters)));
    for (t, title) in &e.chapters {
        h.push_str(&format!(
            "<li><a href=\"{mp3}#t={t:.3}\" data-t=\"{t:.3}\">{}</a> <span class=\"meta\"><span class=\"vh\">{} </span>{}</span></li>\n",
            chapter_title(w, &al, title),
            escape_clean(w.from),
            clock(*t)
        ));
    }
    h.push_str(&format!(
        "</ol>\n</nav>\n<section aria-labelledby=\"transcript\">\n<h2 id=\"transcript\">{}</h2>\n",
        escape_clean(w.transcript)
    ));
    for (n, (t, title, ls)) in by_chapter(e, lines).into_iter().enumerate() {
        h.push_str(&format!(
            "<h3 id=\"chapter-{}\">{} {}</h3>\n",
            n + 1,
            time_link(w, &e.mp3, t),
            chapter_title(w, &al, title)
        ));
        h.push_str(&blocks(w, &al, &ls, title, Some(&e.mp3)));
    }
    h.push_str(&format!("</section>\n</main>\n<footer>\n<p><a href=\"index.html#subscribe\">{}</a></p>\n</footer>\n", escape_clean(w.subscribe_link)));
    h.push_str(SEEK);
    h.push_str("</body>\n</html>\n");
    h
}

/// The player and the download links. The captions track is the article's words: it says
/// the article's language.
fn downloads(w: &Words, lang: &str, e: &EpisodeInfo) -> String {
    let mp3 = escape_clean(&url_escape(&e.mp3));
    let link = |file: &str, label: &str| {
        format!(
            " · <a href=\"{}\">{}</a>",
            escape_clean(&url_escape(file)),
            escape_clean(label)
        )
    };
    let srclang = e.language.as_deref().unwrap_or(lang);
    let mut h = format!(
        "<audio id=\"player\" controls preload=\"metadata\" aria-label=\"{}\" src=\"{mp3}\">\n<track kind=\"captions\" src=\"{}\" srclang=\"{}\" label=\"{}\" default>\n<a href=\"{mp3}\">{}</a>\n</audio>\n<p><a href=\"{mp3}\" download=\"{}\">{}</a>",
        escape_clean(&fill(w.play, &[&e.title])),
        escape_clean(&url_escape(&e.transcript_vtt)),
        escape_clean(srclang.split('-').next().unwrap_or("en")),
        escape_clean(w.transcript),
        escape_clean(w.download),
        escape_clean(&format!("{}.mp3", e.slug)),
        escape_clean(&fill(w.download_size, &[&size(w, e.mp3_bytes)])),
    );
    h.push_str(&link(&e.transcript_vtt, w.transcript_vtt));
    h.push_str(&link(&e.transcript_srt, w.transcript_srt));
    if let Some(t) = &e.transcript_html {
        h.push_str(&link(t, w.transcript_html));
    }
    if let Some(b) = &e.epub {
        h.push_str(&format!(
            " · <a href=\"{}\" download>{}</a>",
            escape_clean(&url_escape(b)),
            escape_clean(w.book_link)
        ));
    }
    h.push_str("</p>\n");
    h
}

/// The plain HTML transcript (`podcast:transcript type="text/html"`): the article's words in
/// its own shape, each block with its time, nothing else.
pub fn transcript_page(podcast_title: &str, lang: &str, e: &EpisodeInfo, lines: &[Line]) -> String {
    let w = words::of(lang);
    let al = lang_of(lang, e);
    let mut h = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<title>{} — {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1{al}>{}</h1>\n<p class=\"meta\">{} · {}</p>\n",
        escape_clean(lang),
        escape_clean(&fill(w.transcript_of, &[&e.title])),
        escape_clean(podcast_title),
        escape_clean(&e.title),
        escape_clean(podcast_title),
        w.date(e.date)
    );
    for (t, title, ls) in by_chapter(e, lines) {
        h.push_str(&format!(
            "<h2><time datetime=\"PT{}S\">{}</time> {}</h2>\n",
            t.round() as u64,
            clock(t),
            chapter_title(w, &al, title)
        ));
        h.push_str(&blocks(w, &al, &ls, title, None));
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
    // The page says its own language; the banner speaks it.
    let lang = html
        .split_once("<html lang=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map_or("en", |(l, _)| l);
    let html = unlisted_head(html, lang);
    let banner = format!(
        "<p class=\"panel\" role=\"note\"><strong>{}</strong> {}</p>\n",
        escape_clean(words::of(lang).preview_banner),
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
    let w = words::of(lang);
    let mut h = head(lang, &format!("{} — {podcast_title}", w.previews));
    h.push_str(&format!(
        "<main id=\"main\">\n<h1>{}</h1>\n<p>{}</p>\n<ul>\n",
        escape_clean(&fill(w.previews_of, &[podcast_title])),
        escape_clean(w.previews_note)
    ));
    let mut sorted: Vec<&(EpisodeInfo, String)> = previews.iter().collect();
    sorted.sort_by(|a, b| a.0.date.cmp(&b.0.date).then(a.0.slug.cmp(&b.0.slug)));
    for (e, why) in sorted {
        h.push_str(&format!(
            "<li><a href=\"{}\"{}>{}</a> <span class=\"meta\">{} · {} · {}</span></li>\n",
            escape_clean(&url_escape(&e.page)),
            lang_of(lang, e),
            escape_clean(&e.title),
            w.date(e.date),
            hms(e.seconds),
            escape_clean(why)
        ));
    }
    h.push_str("</ul>\n</main>\n</body>\n</html>\n");
    unlisted_head(&h, lang)
}

/// A page's head with the robots instruction, and without the feed's link.
fn unlisted_head(html: &str, lang: &str) -> String {
    html.replacen("<head>\n", &format!("<head>\n{NOINDEX}\n"), 1)
        .replacen(
            &format!(
                "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"{}\" href=\"feed.xml\">\n",
                escape_clean(words::of(lang).feed_link)
            ),
            "",
            1,
        )
}

/// A QR code of `text` as an inline SVG, black on white, named in English.
pub fn qr_svg(text: &str) -> Option<String> {
    qr_svg_named(text, words::english().qr_label)
}

/// A QR code of `text` as an inline SVG, black on white, named `label`.
pub fn qr_svg_named(text: &str, label: &str) -> Option<String> {
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
        &format!("<svg role=\"img\" aria-label=\"{}\" ", escape_clean(label)),
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
    let w = words::of(p.lang);
    let mut h = head(p.lang, p.title);
    h.push_str(&format!(
        "<main id=\"main\">\n<h1>{}</h1>\n<img src=\"{}\" alt=\"{}\" width=\"200\" height=\"200\">\n<p>{}</p>\n",
        escape_clean(p.title),
        escape_clean(&url_escape(p.cover)),
        escape_clean(&fill(w.cover_alt, &[p.title])),
        escape_clean(p.description)
    ));
    let feed = escape_clean(p.feed_url);
    h.push_str(&format!(
        "<section id=\"subscribe\" class=\"panel\" aria-labelledby=\"subscribe-h\">\n<h2 id=\"subscribe-h\">{}</h2>\n<p>{}</p>\n<div class=\"feedurl\"><label for=\"feed-address\">{}</label> <input id=\"feed-address\" readonly value=\"{feed}\"> <button type=\"button\" id=\"copy\">{}</button> <span id=\"copied\" role=\"status\"></span></div>\n",
        escape_clean(w.subscribe),
        escape_clean(w.add_address),
        escape_clean(w.feed_address),
        escape_clean(w.copy)
    ));
    if let Some(svg) = qr_svg_named(p.feed_url, w.qr_label) {
        h.push_str(&format!(
            "<p>{}</p>\n<div class=\"qr\">{svg}</div>\n",
            escape_clean(w.scan)
        ));
    }
    h.push_str("<ul>\n");
    for app in w.apps {
        h.push_str(&format!("<li>{}</li>\n", escape_clean(app)));
    }
    let feed_link = format!(
        "<a href=\"{}\">{}</a>",
        escape_clean(&url_escape(super::feed::FEED_FILE)),
        escape_clean(w.feed)
    );
    h.push_str(&format!(
        "</ul>\n<p>{}</p>\n</section>\n<h2>{}</h2>\n<ul>\n",
        fill(&escape_clean(w.open_feed), &[&feed_link]),
        escape_clean(w.episodes)
    ));
    let mut sorted: Vec<&EpisodeInfo> = episodes.iter().collect();
    sorted.sort_by(|a, b| crate::publish::feed::newest_first(a, b));
    for e in sorted {
        h.push_str(&format!(
            "<li><a href=\"{}\"{}>{}</a> <span class=\"meta\">{} · {}</span></li>\n",
            escape_clean(&url_escape(&e.page)),
            lang_of(p.lang, e),
            escape_clean(&e.title),
            w.date(e.date),
            hms(e.seconds)
        ));
    }
    h.push_str(
        "</ul>\n</main>\n<script>\n\
const copied = ",
    );
    // A JSON string is a JavaScript string literal; `</` is escaped so it cannot end the script.
    h.push_str(
        &serde_json::to_string(w.copied)
            .unwrap_or_default()
            .replace("</", "<\\/"),
    );
    h.push_str(";\n\
const copy = document.getElementById('copy');\n\
copy.addEventListener('click', async () => {\n\
  const field = document.getElementById('feed-address');\n\
  field.select();\n\
  try { await navigator.clipboard.writeText(field.value); } catch (e) { document.execCommand('copy'); }\n\
  document.getElementById('copied').textContent = copied;\n\
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

    fn spanish_episode() -> EpisodeInfo {
        let json = r#"{"slug":"luz","title":"La luz","description":"Paz.","date":"2026-02-25",
            "mp3":"luz.mp3","mp3_bytes":5900000,"seconds":125.0,"chapters_file":"luz.json",
            "chapters":[[0.0,"La luz"],[61.0,"En paz (continued)"]],"transcript_vtt":"luz.vtt",
            "transcript_srt":"luz.srt","page":"luz.html","scripture":[],"hymns":[],
            "language":"es"}"#;
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn an_article_in_another_language_is_marked_and_the_chrome_is_the_podcasts() {
        let e = spanish_episode();
        let lines = [Line {
            start: 0.0,
            end: 1.0,
            text: "Dios es amor.",
            part: Some(Part {
                kind: PartKind::Paragraph,
                block: 1,
                item: 0,
            }),
            reader: None,
        }];
        let page = episode_page("Morning Manna", "en-US", &e, &lines);
        assert!(page.contains("<html lang=\"en-US\">"), "{page}");
        assert!(page.contains("<h1 lang=\"es\">La luz</h1>"), "{page}");
        assert!(
            page.contains("<span lang=\"es\">En paz</span> (continued)"),
            "{page}"
        );
        assert!(
            page.contains("<span lang=\"es\">Dios es amor.</span>"),
            "{page}"
        );
        assert!(page.contains("srclang=\"es\"") && page.contains(">Chapters</h2>"));
        assert!(
            page.contains("February 25, 2026 · 2 minutes 5 seconds"),
            "{page}"
        );
        // The same article in a Spanish podcast: nothing to mark, every word Spanish.
        let page = episode_page("Maná", "es", &e, &lines);
        assert!(
            !page.contains("<h1 lang") && !page.contains("<span lang"),
            "{page}"
        );
        for said in [
            "25 de febrero de 2026 · 2 minutos 5 segundos",
            "Descargar el episodio (MP3, 5,9 MB)",
            "reproducir desde 1 minuto 1 segundo",
            ">Capítulos</h2>",
            "title=\"Canal del pódcast\"",
        ] {
            assert!(page.contains(said), "{said} missing:\n{page}");
        }
        let transcript = transcript_page("Maná", "es", &e, &lines);
        assert!(transcript.contains("<title>Transcripción: La luz — Maná</title>"));
    }

    #[test]
    fn the_index_and_previews_speak_the_podcasts_language() {
        let index = index_page(
            &Index {
                title: "Maná",
                description: "Devocionales.",
                lang: "es-419",
                cover: "cover.png",
                feed_url: "https://example.org/feed.xml",
            },
            &[spanish_episode()],
        );
        for said in [
            "alt=\"Portada de Maná\"",
            ">Suscribirse</h2>",
            ">Dirección del canal</label>",
            ">Copiar</button>",
            "const copied = \"Copiada\";",
            "aria-label=\"Código QR de la dirección del canal\"",
            "«Seguir un programa por URL»",
            "<a href=\"feed.xml\">canal</a>",
            ">Episodios</h2>",
            "25 de febrero de 2026",
        ] {
            assert!(index.contains(said), "{said} missing:\n{index}");
        }
        let marked = preview_marked(&index, "Programado.");
        assert!(marked.contains("<strong>Vista previa, no publicada.</strong>"));
        assert!(
            !marked.contains("feed.xml\">\n<style"),
            "the feed's link is gone"
        );
        let previews = preview_index("Maná", "es", &[(spanish_episode(), "x".into())]);
        assert!(
            previews.contains("<h1>Vistas previas de Maná</h1>") && !previews.contains("rss+xml")
        );
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
