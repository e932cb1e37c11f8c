//! A post's body made fit for the ear and the page: WordPress block comments and
//! shortcodes gone, scripts, embeds, images and share widgets gone, and what is left written
//! with a few plain elements (headings, paragraphs, line breaks, lists, quotations) that
//! devocast's HTML reader turns into chapters, paragraphs and stanzas. WordPress's own
//! notations go first (`shortcodes`); a post nested too deep to parse is told by
//! [`nesting_depth`] before anything is parsed.

mod furniture;
mod nesting;
mod shortcodes;

pub use nesting::{nesting_depth, MAX_NESTING};

use super::post::Body;
use crate::text::escape_text;
use furniture::{is_furniture, is_label, is_widget, without_trailing_link};
use scraper::{ElementRef, Html, Node};
use shortcodes::{easy_footnotes, shortcodes, strip_comments};

/// Elements whose content is not part of the article's text.
const SKIP: &[&str] = &[
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "noscript",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "svg",
    "video",
    "audio",
    "canvas",
    "img",
    "picture",
    "figcaption",
    "map",
    "template",
    "nav",
    "aside",
    "footer",
    "head",
    "title",
    "meta",
    "link",
    "source",
    "track",
    "math",
];

/// Deeper nesting than this is flattened: no article needs it and a hostile one cannot
/// exhaust the stack.
const MAX_DEPTH: usize = 200;

/// The body of a post as clean HTML (may be empty: nothing to read).
pub fn body(raw: &str, kind: Body) -> String {
    let (text, had_blocks) = strip_comments(raw);
    let mut text = shortcodes(&text);
    if kind == Body::Stored {
        text = easy_footnotes(&text);
    }
    // WordPress adds paragraphs to classic posts when it shows them; block-editor posts
    // carry their own.
    let autop = kind == Body::Stored && !had_blocks;
    let doc = Html::parse_fragment(&text);
    let mut out = Emitter {
        html: String::new(),
        para: String::new(),
        autop,
        ..Emitter::default()
    };
    out.container(doc.root_element(), 0);
    out.flush();
    out.html
}

/// Text without markup: entities decoded, white space collapsed (titles, excerpts).
pub fn plain_text(s: &str) -> String {
    let (s, _) = strip_comments(s);
    let s = shortcodes(&s);
    let doc = Html::parse_fragment(&s);
    let mut t = String::new();
    for n in doc.root_element().descendants() {
        match n.value() {
            Node::Text(x) => t.push_str(x),
            Node::Element(e) if matches!(e.name(), "br" | "p" | "li") => t.push(' '),
            _ => {}
        }
    }
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Default)]
struct Emitter {
    html: String,
    /// Inline content waiting to become a paragraph.
    para: String,
    /// Blank lines part paragraphs and line ends are line breaks (WordPress's own rule for
    /// classic posts).
    autop: bool,
    /// Inside a quotation, whose `<cite>` names its source and stays its own element.
    in_quote: bool,
    /// The paragraph being gathered is all a link (a button, a related post's title).
    linked: bool,
    /// After a furniture label ("Related posts:"): its list, or the links under it, go.
    after_label: bool,
    /// Under a furniture heading ("About the author"): all goes until the next heading.
    in_furniture: bool,
}

impl Emitter {
    fn flush(&mut self) {
        let p = std::mem::take(&mut self.para);
        // Two line breaks in a row part paragraphs (Blogger writes paragraphs so).
        let p = p.replace("<br>\n", "<br>");
        let mut rest = p.as_str();
        loop {
            let (para, next) = match find_double_break(rest) {
                Some((a, b)) => (&rest[..a], Some(&rest[b..])),
                None => (rest, None),
            };
            let trimmed = without_trailing_link(trim_breaks(para)).replace("<br>", "<br>\n");
            if self.keeps(&trimmed) {
                self.html.push_str("<p>");
                self.html.push_str(&trimmed);
                self.html.push_str("</p>\n");
            }
            match next {
                Some(n) => rest = n,
                None => break,
            }
        }
    }

    /// Whether a paragraph is the writer's: not empty, not furniture, not under a
    /// furniture heading, and not a link listed after a furniture label.
    fn keeps(&mut self, para: &str) -> bool {
        let text = plain_text(para);
        if text.is_empty() || self.in_furniture {
            return false;
        }
        if is_label(&text) {
            self.after_label = true;
            return false;
        }
        if self.after_label && self.linked {
            return false;
        }
        self.after_label = false;
        !is_furniture(&text, self.linked)
    }

    /// Children of an element that holds blocks (the body, a quotation, a list item, a
    /// division): inline content gathers into paragraphs.
    fn container(&mut self, el: ElementRef, depth: usize) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.container_text(t),
                Node::Element(_) => {
                    if let Some(e) = ElementRef::wrap(child) {
                        self.element(e, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    fn container_text(&mut self, t: &str) {
        if !self.autop {
            // In HTML a line end is a space; only <br> breaks a line.
            self.para
                .push_str(&escape_text(&t.replace(['\r', '\n'], " ")));
            return;
        }
        // WordPress's rule for classic posts: a blank line (spaces, tabs or a non-breaking
        // space on it count as blank) ends a paragraph, a line end is a line break.
        let t = t.replace("\r\n", "\n");
        let mut first = true;
        for l in t.split('\n') {
            if !first {
                if l.trim().is_empty() {
                    self.flush();
                    continue;
                }
                if !self.para.trim().is_empty() && !self.para.ends_with("<br>\n") {
                    self.para.push_str("<br>\n");
                } else {
                    self.para.push(' ');
                }
            }
            first = false;
            self.para.push_str(&escape_text(l));
        }
    }

    fn element(&mut self, e: ElementRef, depth: usize) {
        let name = e.value().name();
        // A quotation's <footer> holds its attribution.
        let attribution = self.in_quote && name == "footer";
        if (SKIP.contains(&name) && !attribution) || is_widget(e) {
            return;
        }
        if depth > MAX_DEPTH {
            let t: String = e.text().collect();
            self.para.push_str(&escape_text(&t));
            return;
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.heading(e, depth),
            "p" | "pre" | "address" | "dt" | "dd" | "figcaption" => {
                self.flush();
                let text = self.inline_of(e, depth);
                self.para = text;
                self.linked = all_linked(e);
                self.flush();
                self.linked = false;
            }
            "ul" | "ol" => self.list(e, depth),
            "blockquote" => self.quotation(e, depth),
            "cite" | "footer" if self.in_quote && self.para.trim().is_empty() => {
                let t = plain_text(&self.inline_of(e, depth));
                self.cite(&t);
            }
            "br" => self.para.push_str("<br>\n"),
            "hr" => self.flush(),
            "tr" => self.table_row(e, depth),
            "div" | "section" | "article" | "main" | "header" | "figure" | "table" | "tbody"
            | "thead" | "tfoot" | "dl" | "center" | "details" | "li" => {
                self.flush();
                self.container(e, depth);
                self.flush();
            }
            // Inline: kept in the paragraph being gathered.
            _ => {
                let t = self.inline_of(e, depth);
                let t = wrap_inline(name, t);
                self.para.push_str(&t);
            }
        }
    }

    fn heading(&mut self, e: ElementRef, depth: usize) {
        self.flush();
        // The post's title is the page's only h1.
        let name = e.value().name();
        let level = if name == "h1" { "h2" } else { name };
        let text = self.inline_of(e, depth);
        let text = trim_breaks(&text).replace("<br>", " ");
        // A furniture heading ("Related posts", "About the author") and all under it go.
        self.in_furniture = is_label(&plain_text(&text));
        self.after_label = false;
        if !text.trim().is_empty() && !self.in_furniture {
            self.html
                .push_str(&format!("<{level}>{}</{level}>\n", text.trim()));
        }
    }

    fn list(&mut self, e: ElementRef, depth: usize) {
        self.flush();
        if self.in_furniture || std::mem::take(&mut self.after_label) {
            return;
        }
        let name = e.value().name();
        let items: Vec<String> = e
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|li| li.value().name() == "li" && !is_widget(*li))
            .map(|li| {
                let t = self.inline_of(li, depth);
                trim_breaks(&t).replace("<br>", " ").trim().to_string()
            })
            .filter(|t| !t.is_empty())
            .collect();
        if !items.is_empty() {
            self.html.push_str(&format!("<{name}>\n"));
            for i in items {
                self.html.push_str(&format!("<li>{i}</li>\n"));
            }
            self.html.push_str(&format!("</{name}>\n"));
        }
    }

    /// A quotation, with its attribution as `<cite>`: its own, or the caption of the
    /// figure around it (a pull quote's).
    fn quotation(&mut self, e: ElementRef, depth: usize) {
        self.flush();
        if self.in_furniture {
            return;
        }
        let mut inner = Emitter {
            autop: self.autop,
            in_quote: true,
            ..Emitter::default()
        };
        inner.container(e, depth);
        inner.flush();
        let caption = e
            .parent()
            .and_then(ElementRef::wrap)
            .filter(|f| f.value().name() == "figure")
            .and_then(|f| {
                f.children()
                    .filter_map(ElementRef::wrap)
                    .find(|c| c.value().name() == "figcaption")
            })
            .map(|c| plain_text(&c.text().collect::<String>()));
        if let Some(c) = caption {
            if !inner.html.contains("<cite>") {
                inner.cite(&c);
            }
        }
        if !inner.html.trim().is_empty() {
            self.html.push_str("<blockquote>\n");
            self.html.push_str(&inner.html);
            self.html.push_str("</blockquote>\n");
        }
    }

    /// An attribution, without the dash before it; nothing when nothing is left.
    fn cite(&mut self, t: &str) {
        let t = t.trim_start_matches(['—', '–', '-', '~', ' ']);
        if !t.is_empty() {
            self.html
                .push_str(&format!("<cite>{}</cite>\n", escape_text(t)));
        }
    }

    /// A table row as one paragraph, its cells parted by semicolons.
    fn table_row(&mut self, e: ElementRef, depth: usize) {
        self.flush();
        let cells: Vec<String> = e
            .children()
            .filter_map(ElementRef::wrap)
            .map(|c| self.inline_of(c, depth).replace("<br>", " "))
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect();
        self.para = cells.join("; ");
        self.flush();
    }

    /// The inline content of an element as HTML: emphasis and citations kept, links and
    /// spans unwrapped, line breaks as `<br>`.
    fn inline_of(&self, e: ElementRef, depth: usize) -> String {
        let mut out = String::new();
        for child in e.children() {
            match child.value() {
                Node::Text(t) => {
                    if self.autop {
                        out.push_str(&escape_text(t).replace("\r\n", "\n").replace('\n', "<br>\n"));
                    } else {
                        out.push_str(&escape_text(&t.replace(['\r', '\n'], " ")));
                    }
                }
                Node::Element(_) => {
                    let Some(c) = ElementRef::wrap(child) else {
                        continue;
                    };
                    let name = c.value().name();
                    if SKIP.contains(&name) || is_widget(c) {
                        continue;
                    }
                    if name == "br" {
                        out.push_str("<br>\n");
                        continue;
                    }
                    if depth > MAX_DEPTH {
                        out.push_str(&escape_text(&c.text().collect::<String>()));
                        continue;
                    }
                    let inner = self.inline_of(c, depth + 1);
                    // Footnote markers ("1", "[2]", a Bible site's "[a]", "*") are not read;
                    // an ordinal's "st" or "th" is.
                    if name == "sup" && is_footnote_marker(&plain_text(&inner)) {
                        continue;
                    }
                    if matches!(
                        name,
                        "p" | "div"
                            | "li"
                            | "blockquote"
                            | "tr"
                            | "h1"
                            | "h2"
                            | "h3"
                            | "h4"
                            | "h5"
                            | "h6"
                    ) {
                        // A block inside inline content: keep the words apart.
                        out.push(' ');
                        out.push_str(&inner);
                        out.push(' ');
                    } else {
                        out.push_str(&wrap_inline(name, inner));
                    }
                }
                _ => {}
            }
        }
        out
    }
}

/// Whether all the words of an element are inside links (a button, a list of posts).
fn all_linked(e: ElementRef) -> bool {
    let count = |t: &mut dyn Iterator<Item = &str>| -> usize {
        t.map(|s| s.chars().filter(|c| c.is_alphanumeric()).count())
            .sum()
    };
    let all = count(&mut e.text());
    let in_links: usize = e
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|a| a.value().name() == "a")
        .map(|a| count(&mut a.text()))
        .sum();
    all > 0 && in_links >= all
}

/// Emphasis and citations keep their element; anything else inline is unwrapped.
fn wrap_inline(name: &str, inner: String) -> String {
    match name {
        "em" | "strong" | "i" | "b" | "cite" | "q" => format!("<{name}>{inner}</{name}>"),
        _ => inner,
    }
}

/// Where two `<br>` with only white space between them are: (start, end).
fn find_double_break(s: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = s[from..].find("<br>") {
        let a = from + i;
        let after = &s[a + 4..];
        let gap = after.len() - after.trim_start().len();
        if after[gap..].starts_with("<br>") {
            let mut b = a + 4 + gap + 4;
            // A run of breaks is one paragraph break.
            loop {
                let more = &s[b..];
                let g = more.len() - more.trim_start().len();
                if more[g..].starts_with("<br>") {
                    b += g + 4;
                } else {
                    break;
                }
            }
            return Some((a, b));
        }
        from = a + 4;
    }
    None
}

fn is_footnote_marker(m: &str) -> bool {
    let core = m.trim_matches(|c: char| "[]() ".contains(c));
    !core.is_empty()
        && core.chars().count() <= 4
        && (core.chars().all(|c| c.is_ascii_digit())
            || core.chars().all(|c| "*†‡".contains(c))
            || (core.len() == 1 && core.chars().all(|c| c.is_ascii_lowercase()))
            || (m.starts_with('[') && core.chars().all(|c| c.is_ascii_alphanumeric())))
}

/// Line breaks at the start or end of a paragraph mark nothing.
fn trim_breaks(s: &str) -> &str {
    let mut t = s.trim();
    loop {
        let before = t.len();
        t = t.trim_start_matches("<br>").trim();
        t = t.trim_end_matches("<br>").trim();
        if t.len() == before {
            return t;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_posts_get_paragraphs_and_line_breaks() {
        let raw = "First paragraph\nstill first.\n\n<h2>A Heading</h2>\nSecond <em>one</em>.\n\n\
                   <blockquote>Line one,\nline two,\nline three.</blockquote>\n\n<!--more-->Last.";
        let h = body(raw, Body::Stored);
        assert_eq!(
            h,
            "<p>First paragraph<br>\nstill first.</p>\n<h2>A Heading</h2>\n<p>Second <em>one</em>.</p>\n\
             <blockquote>\n<p>Line one,<br>\nline two,<br>\nline three.</p>\n</blockquote>\n<p>Last.</p>\n"
        );
    }

    #[test]
    fn block_posts_keep_their_own_paragraphs() {
        let raw = "<!-- wp:paragraph -->\n<p>One\nline.</p>\n<!-- /wp:paragraph -->\n\n\
                   <!-- wp:image --><figure class=\"wp-block-image\"><img src=\"x.jpg\" alt=\"A cross\"/><figcaption>Photo</figcaption></figure><!-- /wp:image -->\n\
                   <!-- wp:heading {\"level\":1} --><h1>Big</h1><!-- /wp:heading -->\n\
                   <div class=\"sharedaddy sd-sharing\"><h3>Share this:</h3></div><script>x()</script>\
                   <iframe src=\"https://v.example\"></iframe><p>Two<sup>1</sup>.</p>\
                   <p>https://www.youtube.com/watch?v=x1</p>";
        let h = body(raw, Body::Stored);
        assert_eq!(h, "<p>One line.</p>\n<h2>Big</h2>\n<p>Two.</p>\n");
    }

    #[test]
    fn line_ends_blank_lines_and_double_breaks() {
        // A feed's hard-wrapped paragraph is one paragraph, not verse.
        assert_eq!(
            body("<p>One line\nwrapped\nthrice.</p>", Body::Rendered),
            "<p>One line wrapped thrice.</p>\n"
        );
        // Blank lines with spaces, tabs or a non-breaking space part classic paragraphs.
        assert_eq!(
            body("One.\n \nTwo.\n\t\nThree.\n&nbsp;\nFour.", Body::Stored),
            "<p>One.</p>\n<p>Two.</p>\n<p>Three.</p>\n<p>Four.</p>\n"
        );
        // Blogger's <br><br> paragraphs.
        assert_eq!(
            body(
                "<div>First.<br><br>Second.<br />\n<br>Third<br>line.</div>",
                Body::Rendered
            ),
            "<p>First.</p>\n<p>Second.</p>\n<p>Third<br>\nline.</p>\n"
        );
    }

    #[test]
    fn editorial_brackets_inline_shortcodes_and_attributions() {
        let s = shortcodes("he [the Lord] will [emphasis mine] and [dropcap]T[/dropcap]here [highlight]Grace[/highlight]s");
        assert_eq!(s, "he [the Lord] will [emphasis mine] and There Graces");
        let h = body(
            "<figure class=\"wp-block-pullquote\"><blockquote><p>Words.</p></blockquote><figcaption>— Spurgeon</figcaption></figure>\
             <blockquote><p>More.</p><footer>— <cite>Jim Elliot</cite></footer></blockquote>\
             <p>He loved<sup>[a]</sup> the 1<sup>st</sup> day<sup>2</sup>.</p>",
            Body::Rendered,
        );
        assert_eq!(
            h,
            "<blockquote>\n<p>Words.</p>\n<cite>Spurgeon</cite>\n</blockquote>\n<blockquote>\n<p>More.</p>\n<cite>Jim Elliot</cite>\n</blockquote>\n<p>He loved the 1st day.</p>\n"
        );
    }

    #[test]
    fn platform_furniture_goes() {
        let h = body(
            "<p>Text.<a class=\"footnote-anchor\" href=\"#f1\">1</a></p>\
             <p class=\"button-wrapper\"><a>Subscribe now</a></p>\
             <div class=\"footnote\"><p>1. A note.</p></div>\
             <div class=\"addtoany_share_save_container\">Share</div>\
             <p><a class=\"more-link\" href=\"x\">Continue reading “Grace”</a></p>\
             <p>Walking was originally published in Notes on Medium, where people are talking.</p>\
             <div class=\"wp-caption\"><img src=\"a.jpg\"><p class=\"wp-caption-text\">Sheep</p></div>",
            Body::Rendered,
        );
        assert_eq!(h, "<p>Text.</p>\n");
    }

    #[test]
    fn nesting_is_measured_in_one_pass() {
        assert_eq!(
            nesting_depth("<div><p>a<br>b</p><div><img src=x/></div></div>"),
            2
        );
        assert_eq!(nesting_depth(&"<div>".repeat(5000)), 5000);
        // HTML opens a div written `<div/>`; SVG's `<path/>` closes itself.
        assert_eq!(nesting_depth(&"<div/>".repeat(300)), 300);
        assert_eq!(nesting_depth(&"<svg><path d=x/></svg>".repeat(300)), 1);
        assert_eq!(nesting_depth(&"<kbd/>".repeat(300)), 300);
        assert_eq!(nesting_depth("<svg/><div>x</div>"), 1);
        assert_eq!(nesting_depth("<x-card/>"), 1);
        let t = std::time::Instant::now();
        let _ = shortcodes(&"[a ".repeat(200_000));
        let _ = nesting_depth(&"<a ".repeat(200_000));
        assert!(t.elapsed().as_secs() < 5, "markup scans are not linear");
    }

    #[test]
    fn inline_footnotes_are_not_read_mid_sentence() {
        assert_eq!(
            easy_footnotes("He keeps us ((See John 10:28.)) to the end."),
            "He keeps us to the end."
        );
        // Across a paragraph break it is no footnote; an unclosed one stays.
        assert_eq!(easy_footnotes("a ((b\n\nc)) d"), "a ((b\n\nc)) d");
        assert_eq!(easy_footnotes("a (( b"), "a (( b");
        // Emoticons and parentheses of a writer's stay.
        for kept in [
            "Грустно(( Но Бог верен)) Аминь",
            "a (((b))) c",
            "<p>a ((b</p><p>c)) d</p>",
        ] {
            assert_eq!(easy_footnotes(kept), kept);
        }
        let body = body("Grace abounds ((Rom. 5:20.)) for all.", Body::Stored);
        assert!(body.contains("Grace abounds for all."), "{body}");
        assert!(!body.contains("5:20"), "{body}");
        let t = std::time::Instant::now();
        let _ = easy_footnotes(&"((a ".repeat(200_000));
        assert!(t.elapsed().as_secs() < 5, "footnote scan is not linear");
    }

    #[test]
    fn plain_text_of_titles() {
        assert_eq!(
            plain_text("Grace &amp; <em>Truth</em>&#8217;s  way"),
            "Grace & Truth’s way"
        );
    }
}
