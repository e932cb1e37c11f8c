//! HTML pages as blogs export them: the article body only, never navigation, sidebars,
//! comments or scripts.

use super::markdown::quote_block;
use super::{read_date, Article, Block, DateError, Section};
use anyhow::{bail, Result};
use scraper::{ElementRef, Html, Node, Selector};

/// Elements that are page furniture, not article text.
const SKIP: &[&str] = &[
    "nav", "footer", "aside", "script", "style", "form", "noscript", "button", "svg", "iframe",
    "template", "figure", "select", "input", "textarea",
];

/// Elements nested deeper than this are not an article but a broken or hostile page.
pub const MAX_DEPTH: usize = 256;

/// Where blogs put the article body, most specific first.
const BODY_SELECTORS: &[&str] = &[
    "article .entry-content",
    "article .post-content",
    "article",
    "[role=main]",
    "main",
    ".entry-content",
    ".post-content",
    "body",
];

/// "line N: " for the first line of `text` holding `needle`, or nothing when the page
/// writes it otherwise (with entities, say).
fn line_of(text: &str, needle: &str) -> String {
    match text.find(needle).filter(|_| !needle.is_empty()) {
        Some(at) => format!("line {}: ", text[..at].matches('\n').count() + 1),
        None => String::new(),
    }
}

fn sel(s: &str) -> Selector {
    // The selectors are literals of ours; a failure is a programming error caught by tests.
    Selector::parse(s).unwrap_or_else(|_| panic!("bad built-in selector {s}"))
}

/// Parses an HTML page into an article (title may be empty; the caller falls back).
pub fn parse(text: &str) -> Result<Article> {
    let doc = Html::parse_document(text);
    let meta = |name: &str| -> Option<String> {
        doc.select(&sel(name))
            .next()
            .and_then(|e| e.value().attr("content"))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let written = meta("meta[property=\"article:published_time\"]").or_else(|| {
        doc.select(&sel("time[datetime]"))
            .next()
            .and_then(|e| e.value().attr("datetime").map(str::to_string))
    });
    let date = match written.as_deref().map(read_date) {
        // A date the feed cannot carry would stop the feed: refused here, where it is read.
        Some(Err(why @ DateError::Year(_))) => {
            let d = written.as_deref().unwrap_or_default();
            bail!("{}the date {d:?} {why}", line_of(text, d))
        }
        // A date a page writes in some other shape is not this page's to refuse.
        Some(Err(DateError::NotADate)) | None => None,
        Some(Ok(d)) => Some(d),
    };
    let summary =
        meta("meta[name=\"description\"]").or_else(|| meta("meta[property=\"og:description\"]"));
    let authors: Vec<String> = ["meta[name=\"author\"]", "meta[property=\"article:author\"]"]
        .iter()
        .find_map(|s| meta(s))
        .filter(|a| super::absolute_link(a).is_none())
        .into_iter()
        .collect();
    let keywords = keywords(&doc);
    // The page's own address: where the post was first published.
    let link = doc
        .select(&sel("link[rel=canonical]"))
        .next()
        .and_then(|e| e.value().attr("href"))
        .and_then(super::absolute_link)
        .or_else(|| meta("meta[property=\"og:url\"]").and_then(|u| super::absolute_link(&u)));
    let page_title = doc
        .select(&sel("title"))
        .next()
        .map(|t| collapse(&t.text().collect::<String>()))
        .map(|t| strip_site_name(&t))
        .unwrap_or_default();

    let root = BODY_SELECTORS
        .iter()
        .find_map(|s| doc.select(&sel(s)).next());
    // The language of the article's own element, else of the page.
    let language = root
        .and_then(|r| r.value().attr("lang"))
        .or_else(|| {
            doc.select(&sel("html[lang]"))
                .next()
                .and_then(|h| h.value().attr("lang"))
        })
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());
    let mut walker = Walker {
        title: String::new(),
        sections: vec![Section::default()],
        prayers: Vec::new(),
    };
    if let Some(root) = root {
        walker.walk(root)?;
    }
    let title = if walker.title.is_empty() {
        page_title
    } else {
        walker.title
    };
    Ok(Article {
        title,
        date,
        summary,
        sections: walker.sections,
        authors,
        keywords,
        link,
        language,
        prayers: walker.prayers,
        // No artwork from `og:image`: a page's share picture is a wide banner as a rule, and
        // an address cannot be checked offline. Front matter's `image` is a choice.
        ..Default::default()
    })
}

/// A page's keywords: `<meta name="keywords">` (comma-separated), else its `article:tag`s.
fn keywords(doc: &Html) -> Vec<String> {
    let mut facts = super::facts::Facts::default();
    if let Some(k) = doc
        .select(&sel("meta[name=\"keywords\"]"))
        .next()
        .and_then(|e| e.value().attr("content"))
    {
        facts.add_keywords(k.split(',').map(str::to_string));
    } else {
        facts.add_keywords(
            doc.select(&sel("meta[property=\"article:tag\"]"))
                .filter_map(|e| e.value().attr("content"))
                .map(str::to_string),
        );
    }
    facts.keywords
}

/// "Post title | Blog name" → "Post title".
fn strip_site_name(t: &str) -> String {
    for sep in [" | ", " – ", " — ", " :: "] {
        if let Some((head, _)) = t.split_once(sep) {
            return head.trim().to_string();
        }
    }
    t.to_string()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text of an element with `<br>` as a line break and white space collapsed within lines.
fn text_with_breaks(el: ElementRef) -> String {
    let mut out = String::new();
    for node in el.descendants() {
        match node.value() {
            // A line end in HTML source is a space; only <br> breaks a line.
            Node::Text(t) => out.push_str(&t.replace(['\r', '\n'], " ")),
            Node::Element(e) if e.name() == "br" => out.push('\n'),
            _ => {}
        }
    }
    out.split('\n')
        .map(collapse)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

struct Walker {
    title: String,
    sections: Vec<Section>,
    /// Paragraphs marked `class="prayer"` (or inside an element so marked).
    prayers: Vec<String>,
}

/// Whether `e` or an element around it is marked as a prayer (`class="prayer"`).
fn in_prayer(e: ElementRef) -> bool {
    std::iter::once(e)
        .chain(e.ancestors().filter_map(ElementRef::wrap))
        .any(|a| {
            a.value()
                .attr("class")
                .is_some_and(|c| c.split_whitespace().any(|k| k == "prayer"))
        })
}

impl Walker {
    fn push(&mut self, b: Block) {
        if let Some(s) = self.sections.last_mut() {
            s.blocks.push(b);
        }
    }

    /// Visits the body in document order with a stack of its own, so a page nested
    /// thousands of levels deep cannot exhaust the thread's stack.
    fn walk(&mut self, root: ElementRef) -> Result<()> {
        let mut stack = vec![root.children()];
        while let Some(top) = stack.last_mut() {
            let Some(child) = top.next() else {
                stack.pop();
                continue;
            };
            match child.value() {
                Node::Text(t) => {
                    let t = collapse(t);
                    if t.len() > 1 {
                        self.push(Block::Paragraph(t));
                    }
                }
                Node::Element(_) => {
                    let Some(e) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if self.element(e) {
                        if stack.len() >= MAX_DEPTH {
                            bail!(
                                "the page nests elements more than {MAX_DEPTH} levels deep (unclosed tags?); this is not an article devocast can read"
                            );
                        }
                        stack.push(e.children());
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Takes what an element holds; returns whether its children should be walked.
    fn element(&mut self, e: ElementRef) -> bool {
        let name = e.value().name();
        if SKIP.contains(&name) {
            return false;
        }
        let class = e.value().attr("class").unwrap_or("");
        if [
            "comments",
            "sharedaddy",
            "related",
            "sidebar",
            "widget",
            "nav",
        ]
        .iter()
        .any(|c| class.split_whitespace().any(|k| k.contains(c)))
        {
            return false;
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let h = collapse(&e.text().collect::<String>());
                if h.is_empty() {
                    // An empty heading marks nothing.
                } else if name == "h1" && self.title.is_empty() {
                    self.title = h;
                } else {
                    self.sections.push(Section {
                        heading: Some(h),
                        blocks: Vec::new(),
                    });
                }
            }
            "p" => {
                // Lines broken with <br> are a hymn stanza when a hymn citation ends them,
                // lines kept as written when they read as verse (a psalm, a poem, a letter's
                // closing); otherwise one paragraph.
                let t = text_with_breaks(e);
                if t.contains('\n') {
                    let lines: Vec<String> = t.split('\n').map(str::to_string).collect();
                    if let Some(b) = super::line_block(&lines, super::Breaks::Marked) {
                        self.push(b);
                        return false;
                    }
                }
                let t = collapse(&t);
                if !t.is_empty() {
                    if in_prayer(e) {
                        self.prayers.push(t.clone());
                    }
                    self.push(Block::Paragraph(t));
                }
            }
            "blockquote" => {
                let paras: Vec<String> = {
                    let ps: Vec<String> = e.select(&sel("p")).map(text_with_breaks).collect();
                    if ps.is_empty() {
                        vec![text_with_breaks(e)]
                    } else {
                        ps
                    }
                };
                let mut paras: Vec<String> = paras.into_iter().filter(|p| !p.is_empty()).collect();
                if let Some(cite) = e.select(&sel("cite, footer")).next() {
                    let c = collapse(&cite.text().collect::<String>());
                    if let Some(last) = paras.last_mut() {
                        if last.ends_with(&c) && last.len() > c.len() {
                            let t = last[..last.len() - c.len()].trim_end().to_string();
                            *last = t;
                        }
                    }
                    paras.push(format!("— {c}"));
                }
                if !paras.is_empty() {
                    self.push(quote_block(&paras, super::Breaks::Marked));
                }
            }
            "ul" | "ol" => {
                let items: Vec<String> = e
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|li| li.value().name() == "li")
                    .map(|li| collapse(&li.text().collect::<String>()))
                    .filter(|t| !t.is_empty())
                    .collect();
                if !items.is_empty() {
                    self.push(Block::List(items));
                }
            }
            // An article's own header carries its title; a site header has no h1 we want
            // beyond the first. Other containers are walked too.
            _ => return true,
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="en"><head><title>Held Fast | Morning Bread</title>
<meta name="description" content="On being kept.">
<meta property="article:published_time" content="2026-09-12T06:00:00+00:00"></head>
<body><header class="site"><nav><a href="/">Home</a><a href="/about">About us</a></nav></header>
<main><article><header><h1>Held Fast</h1><time datetime="2026-09-12">Sept 12</time></header>
<div class="entry-content"><p>First   paragraph.</p><h2>Kept by Power</h2><p>Body.</p>
<blockquote><p>Line one of verse,<br>line two of verse,<br>line three here.<br>(Hymns #12)</p></blockquote>
<blockquote><p>Words of a teacher that go on at some length and are not verse.</p><cite>A Teacher</cite></blockquote>
<ul><li>One</li><li>Two</li></ul>
<div class="sharedaddy">Share this: Twitter</div>
</div></article><aside>Recent posts</aside></main>
<footer>Copyright</footer><script>var x = 1;</script></body></html>"#;

    #[test]
    fn a_date_no_feed_can_carry_is_refused_on_its_line() {
        for (head, line) in [
            (
                "<meta property=\"article:published_time\" content=\"-0044-03-15T00:00:00Z\">",
                3,
            ),
            (
                "<meta property=\"article:published_time\"\n content=\"0000-06-01\">",
                4,
            ),
        ] {
            let page = format!("<html>\n<head>\n{head}\n</head><body><p>Words.</p></body></html>");
            let err = parse(&page).unwrap_err().to_string();
            assert!(
                err.starts_with(&format!("line {line}: the date")) && err.contains("9999"),
                "{err}"
            );
        }
        let page = "<html><body>\n<article><time datetime=\"10000-01-01\">soon</time>\n<p>Words.</p></article></body></html>";
        let err = parse(page).unwrap_err().to_string();
        assert!(
            err.contains("line 2: the date \"10000-01-01\" is in the year 10000"),
            "{err}"
        );
        // A date in some other shape is no date at all, as before.
        let page = "<html><body><time datetime=\"Sept 12\">x</time><p>Words.</p></body></html>";
        assert_eq!(parse(page).unwrap().date, None);
    }

    #[test]
    fn article_body_only() {
        let a = parse(PAGE).unwrap();
        assert_eq!(a.title, "Held Fast");
        assert_eq!(a.date.unwrap().to_string(), "2026-09-12");
        assert_eq!(a.summary.as_deref(), Some("On being kept."));
        assert_eq!(
            a.sections[0].blocks,
            vec![Block::Paragraph("First paragraph.".into())]
        );
        let s = &a.sections[1];
        assert_eq!(s.heading.as_deref(), Some("Kept by Power"));
        assert_eq!(s.blocks[0], Block::Paragraph("Body.".into()));
        assert!(
            matches!(&s.blocks[1], Block::HymnStanza { number: Some(12), lines, .. } if lines.len() == 3)
        );
        assert!(matches!(&s.blocks[2], Block::Quote { cite: Some(c), .. } if c == "A Teacher"));
        assert_eq!(s.blocks[3], Block::List(vec!["One".into(), "Two".into()]));
        assert_eq!(s.blocks.len(), 4, "furniture leaked in: {:?}", s.blocks);
        let all = format!("{a:?}");
        for junk in [
            "Home",
            "About us",
            "Recent posts",
            "Copyright",
            "var x",
            "Share this",
        ] {
            assert!(!all.contains(junk), "{junk} leaked");
        }
    }

    #[test]
    fn deeply_nested_pages_fail_cleanly_on_a_small_stack() {
        // 80 KB of unclosed <div>s, and the same depth of other containers.
        let pages = [
            format!(
                "<html><body><h1>T</h1>{}<p>x</p></body></html>",
                "<div>".repeat(16_000)
            ),
            format!("<html><body><h2>T</h2>{}", "<section><span>".repeat(8_000)),
        ];
        let handle = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                pages
                    .iter()
                    .map(|p| parse(p).map(|_| ()))
                    .collect::<Vec<_>>()
            })
            .unwrap();
        for r in handle.join().expect("parsing overflowed a 256 KB stack") {
            let err = r.unwrap_err().to_string();
            assert!(err.contains("levels deep"), "{err}");
        }
        // Ordinary nesting still reads.
        let a = parse(&format!(
            "<html><body><h1>T</h1>{}<h2>H</h2><p>Deep text.</p>{}</body></html>",
            "<div>".repeat(40),
            "</div>".repeat(40)
        ))
        .unwrap();
        assert!(format!("{a:?}").contains("Deep text."));
    }

    #[test]
    fn title_falls_back_to_title_element() {
        let a = parse(
            "<html><head><title>Only Title | Site</title></head><body><p>x y</p></body></html>",
        )
        .unwrap();
        assert_eq!(a.title, "Only Title");
    }

    fn blocks(body: &str) -> Vec<Block> {
        let a = parse(&format!("<html><body><h1>T</h1>{body}</body></html>")).unwrap();
        a.sections.into_iter().flat_map(|s| s.blocks).collect()
    }

    #[test]
    fn lines_broken_with_br_are_a_hymn_only_when_cited() {
        // A psalm and a sign-off: lines, never a hymn.
        let psalm = "<p>The Lord is my shepherd;<br>I shall not want.<br>He makes me lie down in green pastures;<br>He leads me beside still waters.</p>";
        assert_eq!(
            blocks(psalm),
            vec![Block::Lines {
                lines: vec![
                    "The Lord is my shepherd;".into(),
                    "I shall not want.".into(),
                    "He makes me lie down in green pastures;".into(),
                    "He leads me beside still waters.".into()
                ],
                cite: None
            }]
        );
        let closing = "<p>In Christ,<br>Pastor Ana Ruiz<br>Hope Fellowship Church</p>";
        assert!(matches!(&blocks(closing)[0], Block::Lines { lines, .. } if lines.len() == 3));
        let quoted = "<blockquote><p>Be still, and know<br>that I am God;<br>I will be exalted<br>— Psalm 46:10</p></blockquote>";
        assert!(
            matches!(&blocks(quoted)[0], Block::Lines { cite: Some(c), lines } if c == "Psalm 46:10" && lines.len() == 3),
            "{:?}",
            blocks(quoted)
        );
        // Every citation form makes them a hymn.
        for cite in [
            "(Hymn 302)",
            "Hymn 302",
            "hymn #302",
            "Hymn No. 302",
            "(Hymns 302)",
            "(Hymns #302)",
        ] {
            for wrap in ["<p>{}</p>", "<blockquote><p>{}</p></blockquote>"] {
                let html = wrap.replace(
                    "{}",
                    &format!("Come, weary one,<br>lay down your load;<br>{cite}"),
                );
                assert_eq!(
                    blocks(&html),
                    vec![Block::HymnStanza {
                        number: Some(302),
                        lines: vec!["Come, weary one,".into(), "lay down your load;".into()],
                        cite: Some(cite.trim_matches(['(', ')']).into()),
                    }],
                    "{html}"
                );
            }
        }
        // Prose with a line break stays a paragraph.
        let prose = "<p>We gathered on a quiet morning to read together and to pray for one another,<br>and then we went home.</p>";
        assert!(matches!(&blocks(prose)[0], Block::Paragraph(_)));
    }
}
