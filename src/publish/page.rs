//! Show notes for the feed and HTML pages for `feed/`: one per episode and an index.
//!
//! The pages are for listening offline and with assistive technology: landmarks, one `h1`,
//! headings for chapters and transcript, labelled controls, the language declared, and a few
//! lines of script so chapter links seek the player (they still work as plain links).

use super::format::{clock, esc, hms, percent_decode, url_escape};
use super::EpisodeInfo;

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
            if let Some(decoded) = percent_decode(name) {
                out.push(decoded);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

const STYLE: &str = "body{font:1.1rem/1.6 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;color:#1b1b1b;background:#fffdf8}\
a{color:#14437a}a:focus,button:focus{outline:3px solid #e0a100;outline-offset:2px}\
audio{width:100%}.meta{color:#555}ol.chapters a{display:inline-block;padding:.2rem 0}\
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}";

const SEEK: &str = "<script>\n\
for (const a of document.querySelectorAll('a[data-t]')) {\n\
  a.addEventListener('click', (e) => {\n\
    const p = document.getElementById('player');\n\
    if (!p) return;\n\
    e.preventDefault();\n\
    p.currentTime = Number(a.dataset.t);\n\
    p.play();\n\
    p.focus();\n\
  });\n\
}\n\
</script>\n";

fn head(lang: &str, title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Podcast feed\" href=\"feed.xml\">\n<style>{STYLE}</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n",
        esc(lang),
        esc(title)
    )
}

/// One sentence or hymn in the page transcript.
pub struct Line<'a> {
    /// Start, seconds.
    pub start: f64,
    /// Text as written.
    pub text: &'a str,
}

/// The episode page: player, chapters that seek, and the transcript grouped by chapter.
pub fn episode_page(podcast_title: &str, lang: &str, e: &EpisodeInfo, lines: &[Line]) -> String {
    let mut h = head(lang, &format!("{} — {}", e.title, podcast_title));
    h.push_str(&format!(
        "<header>\n<p><a href=\"index.html\">{}</a></p>\n</header>\n<main id=\"main\">\n<h1>{}</h1>\n<p class=\"meta\">{} · {}</p>\n<p>{}</p>\n",
        esc(podcast_title),
        esc(&e.title),
        e.date.format("%B %-d, %Y"),
        hms(e.seconds),
        esc(&e.description)
    ));
    h.push_str(&format!(
        "<audio id=\"player\" controls preload=\"metadata\" aria-label=\"Play {}\" src=\"{}\">\n<track kind=\"captions\" src=\"{}\" srclang=\"{}\" label=\"Transcript\" default>\n<a href=\"{}\">Download the episode (MP3)</a>\n</audio>\n<p><a href=\"{}\">Download MP3</a> · <a href=\"{}\">WebVTT</a> · <a href=\"{}\">SRT</a></p>\n",
        esc(&e.title),
        esc(&url_escape(&e.mp3)),
        esc(&url_escape(&e.transcript_vtt)),
        esc(lang.split('-').next().unwrap_or("en")),
        esc(&url_escape(&e.mp3)),
        esc(&url_escape(&e.mp3)),
        esc(&url_escape(&e.transcript_vtt)),
        esc(&url_escape(&e.transcript_srt)),
    ));
    h.push_str("<nav aria-labelledby=\"chapters\">\n<h2 id=\"chapters\">Chapters</h2>\n<ol class=\"chapters\">\n");
    for (t, title) in &e.chapters {
        h.push_str(&format!(
            "<li><a href=\"{}#t={t:.3}\" data-t=\"{t:.3}\">{} {}</a></li>\n",
            esc(&url_escape(&e.mp3)),
            clock(*t),
            esc(title)
        ));
    }
    h.push_str("</ol>\n</nav>\n<section aria-labelledby=\"transcript\">\n<h2 id=\"transcript\">Transcript</h2>\n");
    for (i, (t, title)) in e.chapters.iter().enumerate() {
        let end = e.chapters.get(i + 1).map_or(f64::INFINITY, |c| c.0);
        // The chapter's heading is its h3; music gets a paragraph of its own.
        let mut paragraphs: Vec<String> = Vec::new();
        let mut prose: Vec<&str> = Vec::new();
        for l in lines
            .iter()
            .filter(|l| l.start >= *t && l.start < end && l.text != title.as_str())
        {
            if l.text.starts_with('♪') {
                if !prose.is_empty() {
                    paragraphs.push(esc(&prose.join(" ")));
                    prose.clear();
                }
                paragraphs.push(esc(l.text));
            } else {
                prose.push(l.text);
            }
        }
        if !prose.is_empty() {
            paragraphs.push(esc(&prose.join(" ")));
        }
        h.push_str(&format!(
            "<h3><a href=\"{}#t={t:.3}\" data-t=\"{t:.3}\">{}</a> {}</h3>\n",
            esc(&url_escape(&e.mp3)),
            clock(*t),
            esc(title)
        ));
        for p in paragraphs {
            h.push_str(&format!("<p>{p}</p>\n"));
        }
    }
    h.push_str("</section>\n</main>\n<footer>\n<p><a href=\"feed.xml\">Subscribe (RSS)</a></p>\n</footer>\n");
    h.push_str(SEEK);
    h.push_str("</body>\n</html>\n");
    h
}

/// The index page: every episode, newest first.
pub fn index_page(
    podcast_title: &str,
    description: &str,
    lang: &str,
    cover: &str,
    episodes: &[EpisodeInfo],
) -> String {
    let mut h = head(lang, podcast_title);
    h.push_str(&format!(
        "<main id=\"main\">\n<h1>{}</h1>\n<img src=\"{}\" alt=\"Cover of {}\" width=\"200\" height=\"200\">\n<p>{}</p>\n<p><a href=\"feed.xml\">Subscribe in a podcast app (RSS feed)</a></p>\n<h2>Episodes</h2>\n<ul>\n",
        esc(podcast_title),
        esc(cover),
        esc(podcast_title),
        esc(description)
    ));
    let mut sorted: Vec<&EpisodeInfo> = episodes.iter().collect();
    sorted.sort_by(|a, b| b.date.cmp(&a.date).then(a.slug.cmp(&b.slug)));
    for e in sorted {
        h.push_str(&format!(
            "<li><a href=\"{}\">{}</a> <span class=\"meta\">{} · {}</span></li>\n",
            esc(&url_escape(&e.page)),
            esc(&e.title),
            e.date.format("%B %-d, %Y"),
            hms(e.seconds)
        ));
    }
    h.push_str("</ul>\n</main>\n</body>\n</html>\n");
    h
}
