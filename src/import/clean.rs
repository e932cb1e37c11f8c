//! A post's body made fit for the ear and the page: WordPress block comments and
//! shortcodes gone, scripts, embeds, images and share widgets gone, and what is left written
//! with a few plain elements (headings, paragraphs, line breaks, lists, quotations) that
//! devocast's HTML reader turns into chapters, paragraphs and stanzas.

use super::post::Body;
use crate::text::escape_text;
use scraper::{ElementRef, Html, Node};
use std::collections::{HashMap, HashSet};

/// Shortcodes whose content is never spoken: captions describe a picture, players and
/// embeds are not text.
const DROP_WITH_CONTENT: &[&str] = &[
    "caption",
    "wp_caption",
    "audio",
    "video",
    "playlist",
    "embed",
    "gallery",
    "soundcloud",
    "youtube",
    "vimeo",
    "spotify",
    "tweet",
    "instagram",
    "googlemaps",
    // Footnotes would be read in the middle of a sentence.
    "footnote",
    "efn_note",
    "mfn",
    "ref",
];

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

/// Class names of share buttons, related-post lists and similar widgets blogs add to a post.
const WIDGET_CLASSES: &[&str] = &[
    "sharedaddy",
    "sharing",
    "share",
    "social",
    "jp-relatedposts",
    "related-posts",
    "addtoany",
    "wp-block-buttons",
    "wp-block-embed",
    "wp-block-image",
    "wp-block-gallery",
    "wp-block-file",
    "wp-block-audio",
    "wp-block-video",
    "subscribe",
    "newsletter",
    "advert",
    // Captions under pictures (WordPress classic, Blogger).
    "wp-caption",
    "tr-caption",
    // Footnotes, read mid-sentence or as a list of references (WordPress, Substack).
    "wp-block-footnotes",
    "footnote",
    "footnotes",
    "footnote-anchor",
    "footnote-backref",
    // Platform buttons and cards (Substack, Ghost, click-to-tweet plugins).
    "button-wrapper",
    "subscription-widget",
    "kg-bookmark-card",
    "kg-btn",
    "kg-button-card",
    "kg-signup-card",
    "click-to-tweet",
    "tm-click-to-tweet",
    "more-link",
];

/// Deeper nesting than this is flattened: no article needs it and a hostile one cannot
/// exhaust the stack.
const MAX_DEPTH: usize = 200;

/// A post nested deeper than this (by [`nesting_depth`]) is not read at all: parsing such
/// markup costs time that grows with the square of its depth.
pub const MAX_NESTING: usize = 1_000;

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
        in_quote: false,
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

/// HTML comments removed (`<!-- wp:paragraph -->`, `<!--more-->`); says whether any was a
/// block-editor comment.
fn strip_comments(s: &str) -> (String, bool) {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut blocks = false;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 4..];
        let end = after.find("-->");
        let inner = &after[..end.unwrap_or(after.len())];
        let t = inner.trim_start();
        if t.starts_with("wp:") || t.starts_with("/wp:") {
            blocks = true;
        }
        rest = end.map_or("", |e| &after[e + 3..]);
    }
    out.push_str(rest);
    (out, blocks)
}

/// A shortcode tag found at the start of a string.
struct Tag<'a> {
    name: &'a str,
    closing: bool,
    /// Has attributes or ends in `/]`.
    marked: bool,
    len: usize,
}

/// The tag opening `s`, if it is one. `marks` are where in `s` the next ']', the next '['
/// after the first character and the next line end are (or `usize::MAX`): the caller keeps
/// them, so a text of many '[' is scanned once, not once per '['.
fn parse_tag(s: &str, marks: [usize; 3]) -> Option<Tag<'_>> {
    let [next_close, next_open, next_line] = marks;
    let b = s.as_bytes();
    if b.first() != Some(&b'[') {
        return None;
    }
    let mut i = 1;
    let closing = b.get(1) == Some(&b'/');
    if closing {
        i += 1;
    }
    let start = i;
    // Shortcode names are lower case by convention; "[Jesus]" and "[sic]"-like editorial
    // brackets are told apart below.
    if !b.get(i).is_some_and(|c| c.is_ascii_lowercase()) {
        return None;
    }
    while b
        .get(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-')
    {
        i += 1;
    }
    let name = &s[start..i];
    // Shortcode tags are short: a ']' far off closes no tag.
    if next_close == usize::MAX || next_close < i || next_close - i > 2048 {
        return None;
    }
    let end = next_close;
    let between = &s[i..end];
    if next_open < end || next_line < end && between.len() > 500 {
        return None;
    }
    if closing && !between.trim().is_empty() {
        return None;
    }
    let attrs = between.trim();
    if !attrs.is_empty() && !between.starts_with([' ', '\t', '\n', '/']) {
        return None;
    }
    Some(Tag {
        name,
        closing,
        // `[gallery ids="1"]`, `[toc /]`; "[the Lord]" or "[emphasis mine]" are a writer's.
        marked: attrs.contains('=') || attrs.ends_with('/'),
        len: end + 1,
    })
}

/// Shortcodes removed: the known media ones with what they enclose, any other tag alone
/// (the text a layout shortcode wraps is kept). A bracketed word that is not a shortcode
/// ("[sic]", "[Jesus]", "[1]") stays; `[[x]]` is WordPress's way to write a literal `[x]`.
fn shortcodes(s: &str) -> String {
    if !s.contains('[') {
        return s.to_string();
    }
    // Which shortcodes are closed somewhere, found in one pass.
    let closed: HashSet<&str> = s
        .match_indices("[/")
        .filter_map(|(i, _)| {
            let rest = &s[i + 2..];
            let end = rest.as_bytes()[..rest.len().min(65)]
                .iter()
                .position(|c| *c == b']')?;
            Some(&rest[..end])
        })
        .collect();
    // Where a search for a closing mark found none: none lies further on either, so later
    // tags skip the search (which would otherwise make many open tags quadratic).
    let mut no_double_close_from = usize::MAX;
    // Where the next ']', '[' and line end are (absolute), found once and reused until passed.
    let mut marks: [Option<usize>; 3] = [None; 3];
    let mut no_close_from: HashMap<&str, usize> = HashMap::new();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(j) = s[i..].find('[') {
        let at = i + j;
        out.push_str(&s[i..at]);
        let rest = &s[at..];
        if let Some(inner) = rest
            .strip_prefix("[[")
            .filter(|_| at < no_double_close_from)
        {
            match inner.find("]]") {
                Some(k) => {
                    out.push('[');
                    out.push_str(&inner[..k]);
                    out.push(']');
                    i = at + 2 + k + 2;
                    continue;
                }
                None => no_double_close_from = at,
            }
        }
        let mut relative = [usize::MAX; 3];
        for (k, c) in [']', '[', '\n'].into_iter().enumerate() {
            let from = if c == '[' { at + 1 } else { at };
            let pos = match marks[k] {
                Some(p) if p >= from => p,
                _ => {
                    let p = s[from..].find(c).map_or(usize::MAX, |x| from + x);
                    marks[k] = Some(p);
                    p
                }
            };
            if pos != usize::MAX {
                relative[k] = pos - at;
            }
        }
        let Some(tag) = parse_tag(rest, relative) else {
            out.push('[');
            i = at + 1;
            continue;
        };
        let close = format!("[/{}]", tag.name);
        let closed_later = !tag.closing && closed.contains(tag.name);
        let known = DROP_WITH_CONTENT.contains(&tag.name);
        let is_shortcode =
            tag.closing || known || tag.marked || closed_later || tag.name.contains(['_', '-']);
        if !is_shortcode {
            out.push('[');
            i = at + 1;
            continue;
        }
        let searched =
            known && closed_later && no_close_from.get(tag.name).is_none_or(|from| at < *from);
        let found = if searched {
            rest[tag.len..].find(&close)
        } else {
            None
        };
        match found {
            Some(k) => i = at + tag.len + k + close.len(),
            None => {
                if searched {
                    no_close_from.insert(tag.name, at);
                }
                i = at + tag.len;
            }
        }
        // A removed tag parts the words on either side, unless it sat inside a word
        // ("[dropcap]T[/dropcap]here").
        let before = out.chars().next_back();
        let after = s[i..].chars().next();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
        if !(space(before) || space(after) || word(before) && word(after)) {
            out.push(' ');
        }
    }
    out.push_str(&s[i..]);
    out
}

/// Footnotes written inline as `((…))` (the Easy Footnotes plugin, as stored; a feed has
/// them rendered as footnotes already) removed: they interrupt the sentence they sit in.
/// Only a short span within one paragraph is taken for one.
fn easy_footnotes(s: &str) -> String {
    if !s.contains("((") {
        return s.to_string();
    }
    // The next of each mark is found once and reused until passed, so the scan stays
    // linear however many "((" there are.
    const BOUNDS: [&str; 7] = ["\n\n", "<p", "</p", "<br", "<div", "</div", "<blockquote"];
    let next = |pat: &str, from: usize| s[from..].find(pat).map_or(usize::MAX, |k| from + k);
    let mut close = 0usize;
    let mut open = 0usize;
    let mut bounds = [0usize; BOUNDS.len()];
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(j) = s[i..].find("((") {
        let at = i + j;
        let from = at + 2;
        if close < from {
            close = next("))", from);
        }
        if open < from {
            open = next("((", from);
        }
        for (pos, pat) in bounds.iter_mut().zip(BOUNDS) {
            if *pos < from {
                *pos = next(pat, from);
            }
        }
        let boundary = bounds.iter().copied().min().unwrap_or(usize::MAX).min(open);
        // A note hugs its parentheses ("((See John 10:28.))"); "Sad(( but faithful))" and
        // "(((" are a writer's, and a note never crosses a paragraph.
        let note = close != usize::MAX
            && close > from
            && close - at <= 2000
            && boundary > close
            && (at == 0 || b[at - 1] != b'(')
            && !b[from].is_ascii_whitespace()
            && b[from] != b'('
            && !b[close - 1].is_ascii_whitespace()
            && b.get(close + 2) != Some(&b')');
        if note {
            out.push_str(s[i..at].trim_end_matches([' ', '\t']));
            i = close + 2;
        } else {
            out.push_str(&s[i..from]);
            i = from;
        }
    }
    out.push_str(&s[i..]);
    out
}

struct Emitter {
    html: String,
    /// Inline content waiting to become a paragraph.
    para: String,
    /// Blank lines part paragraphs and line ends are line breaks (WordPress's own rule for
    /// classic posts).
    autop: bool,
    /// Inside a quotation, whose `<cite>` names its source and stays its own element.
    in_quote: bool,
}

fn is_widget(e: ElementRef) -> bool {
    let class = e.value().attr("class").unwrap_or("");
    let id = e.value().attr("id").unwrap_or("");
    class
        .split_whitespace()
        .chain(std::iter::once(id))
        .any(|c| {
            // `addtoany_share_save_container` is the same widget as `addtoany-share`.
            let c = c.to_ascii_lowercase().replace('_', "-");
            WIDGET_CLASSES
                .iter()
                .any(|w| c == *w || c.starts_with(&format!("{w}-")) || c.contains(&format!("-{w}")))
        })
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
            let trimmed = trim_breaks(para).replace("<br>", "<br>\n");
            if !is_furniture(&trimmed) && !trimmed.chars().all(char::is_whitespace) {
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
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                // The post's title is the page's only h1.
                let level = if name == "h1" { "h2" } else { name };
                let text = self.inline_of(e, depth);
                let text = trim_breaks(&text).replace("<br>", " ");
                if !text.trim().is_empty() {
                    self.html
                        .push_str(&format!("<{level}>{}</{level}>\n", text.trim()));
                }
            }
            "p" | "pre" | "address" | "dt" | "dd" | "figcaption" => {
                self.flush();
                let text = self.inline_of(e, depth);
                self.para = text;
                self.flush();
            }
            "ul" | "ol" => {
                self.flush();
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
            "blockquote" => {
                self.flush();
                let mut inner = Emitter {
                    html: String::new(),
                    para: String::new(),
                    autop: self.autop,
                    in_quote: true,
                };
                inner.container(e, depth);
                inner.flush();
                // A pull quote's attribution is the caption of the figure around it.
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
                    let c = c.trim_start_matches(['—', '–', '-', '~', ' ']);
                    if !c.is_empty() && !inner.html.contains("<cite>") {
                        inner
                            .html
                            .push_str(&format!("<cite>{}</cite>\n", escape_text(c)));
                    }
                }
                if !inner.html.trim().is_empty() {
                    self.html.push_str("<blockquote>\n");
                    self.html.push_str(&inner.html);
                    self.html.push_str("</blockquote>\n");
                }
            }
            "cite" | "footer" if self.in_quote && self.para.trim().is_empty() => {
                let t = plain_text(&self.inline_of(e, depth));
                let t = t.trim_start_matches(['—', '–', '-', '~', ' ']);
                if !t.is_empty() {
                    self.html
                        .push_str(&format!("<cite>{}</cite>\n", escape_text(t)));
                }
            }
            "br" => self.para.push_str("<br>\n"),
            "hr" => self.flush(),
            "tr" => {
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

/// How deep a page's elements nest, counted in one pass over the markup (void and
/// self-closed elements do not count).
pub fn nesting_depth(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    let mut next_gt: Option<usize> = None;
    // Open <svg> and <math> elements: only inside them does "/>" close an element.
    let mut foreign = 0usize;
    while let Some(k) = html[i..].find('<') {
        let at = i + k;
        i = at + 1;
        let closing = b.get(at + 1) == Some(&b'/');
        let start = at + 1 + usize::from(closing);
        if !b.get(start).is_some_and(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        let name_end = html[start..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map_or(html.len(), |e| start + e);
        let name = html[start..name_end].to_ascii_lowercase();
        // Void elements, and those HTML lets stand unclosed, do not nest.
        let flat = matches!(
            name.as_str(),
            "br" | "img"
                | "hr"
                | "input"
                | "meta"
                | "link"
                | "source"
                | "wbr"
                | "area"
                | "col"
                | "embed"
                | "track"
                | "p"
                | "li"
        );
        if flat {
            continue;
        }
        let is_foreign_root = matches!(name.as_str(), "svg" | "math");
        if closing {
            depth = depth.saturating_sub(1);
            if is_foreign_root {
                foreign = foreign.saturating_sub(1);
            }
            continue;
        }
        // The next '>' is found once and reused until passed: a page of '<' with no '>'
        // stays one pass.
        let gt = match next_gt {
            Some(g) if g >= at => g,
            _ => {
                let g = html[at..].find('>').map_or(html.len(), |e| at + e);
                next_gt = Some(g);
                g
            }
        };
        // HTML ignores "/>" (`<div/>` and `<kbd/>` open elements, as do unknown names);
        // only SVG and MathML close themselves that way. An `<a name=x/>` (old exports'
        // anchors) is left open, but the next `<a>` closes it, so anchors never pile up.
        let self_closed =
            html[..gt].ends_with('/') && (foreign > 0 || is_foreign_root || name == "a");
        if !self_closed {
            depth += 1;
            max = max.max(depth);
            if is_foreign_root {
                foreign += 1;
            }
        }
    }
    max
}

/// Lines platforms add to posts that are not the writer's words.
fn is_furniture(p: &str) -> bool {
    let text = plain_text(p);
    // SEO plugins' "The post X appeared first on Y."; Medium's "X was originally published
    // in Y on Medium"; WordPress's "Continue reading" under summaries.
    (text.starts_with("The post ") && text.contains(" appeared first on "))
        || (text.contains(" was originally published in ") && text.contains(" on Medium"))
        || matches!(
            text.trim_end_matches(['→', '»', '.', '…', ' ']).to_lowercase().as_str(),
            "continue reading" | "read more" | "read the rest of this entry"
        )
        || text.to_lowercase().starts_with("continue reading ")
            && text.chars().count() < 120
        // WordPress shows an address alone on its line as the video or post it names.
        || is_bare_url(&text)
}

fn is_bare_url(s: &str) -> bool {
    (s.starts_with("http://") || s.starts_with("https://")) && !s.contains(char::is_whitespace)
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
    fn shortcodes_go_and_brackets_stay() {
        let s = shortcodes(
            "A [caption id=\"x\" width=\"300\"]<img src=\"a.jpg\"> A picture[/caption] B \
             [audio mp3=\"x.mp3\"][/audio] [gallery ids=\"1,2\"] [vc_row][vc_column]Kept words[/vc_column][/vc_row] \
             He [Jesus] said [sic] see [1] and [[gallery]] [contact-form-7 id=\"9\"] [toc /]",
        );
        for gone in [
            "picture",
            "img",
            "mp3",
            "gallery ids",
            "vc_",
            "contact",
            "toc",
        ] {
            assert!(!s.contains(gone), "{gone} stayed: {s}");
        }
        for kept in ["Kept words", "[Jesus]", "[sic]", "[1]", "[gallery]"] {
            assert!(s.contains(kept), "{kept} went: {s}");
        }
    }

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
    fn shortcode_scans_stay_linear_and_inside_characters() {
        // A window's end inside a character, with no ']' before it.
        let s = format!("[audio {}]", "é".repeat(3000));
        let _ = shortcodes(&s);
        let s = format!("[a{}", "…".repeat(1000));
        assert_eq!(shortcodes(&s), s);
        let t = std::time::Instant::now();
        // A closing tag before many opening ones; many "[[" with no "]]"; many "[/x" with
        // their "]" far off.
        let _ = shortcodes(&format!("[/audio]{}", "[audio src=x] w ".repeat(50_000)));
        let _ = shortcodes(&"[[x ".repeat(200_000));
        let _ = shortcodes(&"[a".repeat(1_000_000));
        let _ = shortcodes(&format!("{}]", "[/".repeat(200_000)));
        assert!(t.elapsed().as_secs() < 5, "shortcode scans are not linear");
        assert_eq!(shortcodes("[[gallery]] stays"), "[gallery] stays");
        // What a media shortcode encloses goes with it.
        assert_eq!(shortcodes("a [audio src=x]b[/audio] c").trim(), "a  c");
    }

    #[test]
    fn plain_text_of_titles() {
        assert_eq!(
            plain_text("Grace &amp; <em>Truth</em>&#8217;s  way"),
            "Grace & Truth’s way"
        );
    }
}
