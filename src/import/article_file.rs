//! The article file import writes for a post: a small HTML page the HTML reader takes, with
//! the post's date, author, summary and address in its head, and the post's key, so a file
//! import wrote is known again even when the import's record of it is lost.

use super::clean;
use super::links::without_tracking;
use super::post::Post;
use crate::text::escape_attr;

/// The article file for a post known by `key`, with its cleaned title and body.
pub fn article_html(post: &Post, key: &str, title: &str, body: &str) -> String {
    let mut h = String::new();
    // Nothing from the project's settings goes in: the file depends on the post alone, so
    // a changed setting never makes every post look changed on the blog.
    h.push_str(&format!(
        "<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n",
        escape_attr(title)
    ));
    if let Some(d) = post.date {
        // A local time of unknown zone is given as a day only.
        let when = if post.date_local {
            d.format("%Y-%m-%d").to_string()
        } else {
            d.format("%Y-%m-%dT%H:%M:%SZ").to_string()
        };
        h.push_str(&format!(
            "<meta property=\"article:published_time\" content=\"{when}\">\n"
        ));
    }
    if let Some(a) = post.author.as_deref().filter(|a| !a.trim().is_empty()) {
        h.push_str(&format!(
            "<meta name=\"author\" content=\"{}\">\n",
            escape_attr(a.trim())
        ));
    }
    if let Some(d) = post.excerpt.as_deref().and_then(description) {
        h.push_str(&format!(
            "<meta name=\"description\" content=\"{}\">\n",
            escape_attr(&d)
        ));
    }
    if let Some(l) = post
        .link
        .as_deref()
        .and_then(crate::article::absolute_link)
        .map(|l| without_tracking(&l))
    {
        h.push_str(&format!(
            "<link rel=\"canonical\" href=\"{}\">\n",
            escape_attr(&l)
        ));
    }
    // The post's identity, so a file written by an import that was stopped before it
    // recorded it is still known as that post's.
    h.push_str(&format!(
        "<meta name=\"generator\" content=\"devocast import\">\n<meta name=\"devocast-post\" content=\"{}\">\n</head>\n<body>\n<article>\n",
        escape_attr(key)
    ));
    h.push_str(&format!("<h1>{}</h1>\n", escape_attr(title)));
    h.push_str(body);
    h.push_str("</article>\n</body>\n</html>\n");
    h
}

/// The post (its key, as written in the file) an article file says import wrote it for.
pub fn post_named(bytes: &[u8]) -> Option<String> {
    let end = bytes
        .windows(7)
        .position(|w| w == b"</head>")
        .unwrap_or(bytes.len().min(65_536));
    let head = String::from_utf8_lossy(&bytes[..end]);
    if !head.contains("<meta name=\"generator\" content=\"devocast import\">") {
        return None;
    }
    let mark = "<meta name=\"devocast-post\" content=\"";
    let rest = &head[head.find(mark)? + mark.len()..];
    Some(rest[..rest.find("\">")?].to_string())
}

/// Whether an article file is one import wrote for the post `key`.
pub fn names_post(bytes: &[u8], key: &str) -> bool {
    post_named(bytes).is_some_and(|k| k == escape_attr(key))
}

/// Fewer words than this before a "Continue reading" link make an excerpt; a whole post
/// some themes end with the same link is longer.
const EXCERPT_WORDS: usize = 150;

/// A feed item that holds only an excerpt: WordPress's "[…]" at its end, or a "Continue
/// reading" link after a text too short to be the whole post.
pub fn looks_like_summary(html: &str) -> bool {
    let t = html.trim_end();
    let mut from = t.len().saturating_sub(400);
    while !t.is_char_boundary(from) {
        from += 1;
    }
    let tail = &t[from..];
    let cut = ["[&#8230;]", "[…]", "[...]", "[&hellip;]"]
        .iter()
        .any(|m| tail.contains(m));
    let link = ["more-link", "Continue reading", "Read more", "Keep reading"]
        .iter()
        .any(|m| tail.contains(m));
    cut || (link && clean::plain_text(html).split_whitespace().count() < EXCERPT_WORDS)
}

/// A feed's excerpt as a description: plain text, without WordPress's "[…]" and its "The
/// post … appeared first on …" line.
fn description(excerpt: &str) -> Option<String> {
    let mut t = clean::plain_text(excerpt);
    if let Some(i) = t.find("The post ") {
        if t[i..].contains(" appeared first on ") {
            t.truncate(i);
        }
    }
    let t = t.trim_end();
    let t = ["[…]", "[...]", "…", "..."]
        .iter()
        .find_map(|m| t.strip_suffix(m))
        .map(|s| {
            let s = s.trim_end();
            // A cut-off sentence says so; a finished one needs nothing more.
            if s.ends_with(['.', '!', '?', '”', '"']) {
                s.to_string()
            } else {
                format!("{s}…")
            }
        })
        .unwrap_or_else(|| t.to_string());
    (!t.trim().is_empty()).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_lose_feed_furniture() {
        assert_eq!(
            description("<p>He keeps us. [&hellip;]</p><p>The post <a>Kept</a> appeared first on <a>Blog</a>.</p>")
                .as_deref(),
            Some("He keeps us.")
        );
        assert_eq!(description("  "), None);
    }

    #[test]
    fn summaries_are_told_from_whole_posts() {
        assert!(looks_like_summary("<p>Grace is … so that [&#8230;]</p>"));
        assert!(looks_like_summary(
            "<p>Text</p><p><a class=\"more-link\">Continue reading “Grace”</a></p>"
        ));
        assert!(!looks_like_summary("<p>A whole post, ending in Amen.</p>"));
        // A whole post some theme ends with the same link is not an excerpt.
        let whole = format!(
            "<p>{}</p><p><a href=\"x\">Continue reading →</a></p>",
            "Every word of the devotion is here. ".repeat(40)
        );
        assert!(!looks_like_summary(&whole));
        assert!(looks_like_summary(
            "<p>The first lines only.</p><p><a href=\"x\">Continue reading →</a></p>"
        ));
        assert!(!looks_like_summary(&"é".repeat(500)));
    }
}
