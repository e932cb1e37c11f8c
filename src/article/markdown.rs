//! Markdown articles with YAML-style front matter (`title`, `date`, `description`).
//!
//! Block quotes ending in a hymn citation are hymn stanzas; other block quotes whose lines
//! read as verse are kept as lines, and the rest are quotations. Front matter holds flat `key: value` pairs only.

use super::{read_date, Article, Block, Section};
use anyhow::{bail, Result};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// Front matter fields devocast reads.
#[derive(Debug, Default)]
struct FrontMatter {
    title: Option<String>,
    /// With their lines, for errors.
    date: Option<(usize, String)>,
    description: Option<String>,
    draft: Option<(usize, String)>,
    author: Option<String>,
    link: Option<(usize, String)>,
    language: Option<String>,
    /// Keys neither read nor known to be blog furniture, with their lines.
    unknown: Vec<(usize, String)>,
}

/// Keys devocast reads.
const READ: &[&str] = &[
    "title",
    "date",
    "description",
    "summary",
    "draft",
    "author",
    "link",
    "language",
    "lang",
];

/// Keys static-site generators and blogs use that have no bearing on an episode: ignored
/// without a word. Anything else is named, since it is most likely a typo of a key above.
const BLOG_KEYS: &[&str] = &[
    "tags",
    "categories",
    "category",
    "author",
    "authors",
    "layout",
    "slug",
    "permalink",
    "draft",
    "image",
    "images",
    "cover",
    "lastmod",
    "updated",
    "modified",
    "aliases",
    "weight",
    "type",
    "keywords",
    "excerpt",
    "published",
    "series",
    "comments",
    "toc",
    "featured",
    "id",
    "url",
    "menu",
    "subtitle",
    "thumbnail",
    "status",
    "showtoc",
    "hidden",
    "sitemap",
    "canonical",
    "canonical_url",
    "og_image",
    "audio",
    "podcast",
];

/// The read key `key` is most likely a typo of, if any (at most two edits away).
fn suggestion(key: &str) -> Option<&'static str> {
    fn distance(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut prev = row[0];
            row[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let cur = row[j + 1];
                row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
                prev = cur;
            }
        }
        row[b.len()]
    }
    READ.iter()
        .copied()
        .filter(|k| distance(&key.to_lowercase(), k) <= 2)
        .min_by_key(|k| distance(&key.to_lowercase(), k))
}

/// Splits off and reads `---` front matter; returns it and the body.
fn front_matter(text: &str) -> Result<(FrontMatter, &str)> {
    let mut fm = FrontMatter::default();
    let Some(rest) = text.strip_prefix("---\n") else {
        return Ok((fm, text));
    };
    if !rest.lines().any(|l| matches!(l.trim_end(), "---" | "...")) {
        bail!("the front matter that starts on line 1 is never closed: did you forget the closing `---`?");
    }
    let mut offset = 4;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        let lineno = i + 2;
        offset += line.len();
        let line = line.trim_end();
        if line == "---" || line == "..." {
            return Ok((fm, &text[offset..]));
        }
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if line.starts_with([' ', '\t', '-']) {
            continue; // nested values (tags lists etc.) are not used
        }
        let Some((key, value)) = line.split_once(':') else {
            bail!("front matter line {lineno}: expected `key: value`, found {line:?}");
        };
        let value = unquote(value.trim());
        match key.trim() {
            "title" => fm.title = Some(value),
            "date" => fm.date = Some((lineno, value)),
            "description" | "summary" => fm.description = Some(value),
            "draft" => fm.draft = Some((lineno, value)),
            "author" if !value.is_empty() => fm.author = Some(value),
            "language" | "lang" if !value.is_empty() => fm.language = Some(value),
            // `url` is often a site-relative path (Hugo); only an absolute address is a link.
            "link" | "canonical" | "canonical_url" => fm.link = Some((lineno, value)),
            "url" if value.starts_with("http") => fm.link = Some((lineno, value)),
            k if BLOG_KEYS.contains(&k.to_lowercase().as_str()) => {}
            k => fm.unknown.push((lineno, k.to_string())),
        }
    }
    bail!(
        "the front matter that starts on line 1 is never closed: did you forget the closing `---`?"
    )
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return v[1..v.len() - 1].replace("\\\"", "\"");
        }
    }
    v.to_string()
}

/// Parses Markdown into an article (title may be empty; the caller falls back).
pub fn parse(text: &str) -> Result<Article> {
    let (fm, body) = front_matter(text)?;
    let date = match &fm.date {
        Some((line, d)) => Some(
            read_date(d)
                .map_err(|why| anyhow::anyhow!("front matter line {line}: date {d:?} {why}"))?,
        ),
        None => None,
    };
    let draft = match &fm.draft {
        None => false,
        Some((line, d)) => match d.to_ascii_lowercase().as_str() {
            "false" | "no" | "off" | "0" => false,
            "true" | "yes" | "on" | "1" => true,
            _ => bail!("front matter line {line}: draft {d:?} must be true or false"),
        },
    };
    let mut title = fm.title.clone().unwrap_or_default();
    let mut sections = vec![Section::default()];

    let mut buf = String::new();
    let mut quote_depth = 0;
    let mut quote_paras: Vec<String> = Vec::new();
    let mut list_depth = 0;
    let mut items: Vec<String> = Vec::new();
    let mut heading: Option<HeadingLevel> = None;

    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(level);
                buf.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                let h = clean(&buf);
                buf.clear();
                let level = heading.take();
                if level == Some(HeadingLevel::H1) && (title.is_empty() || title == h) {
                    if title.is_empty() {
                        title = h;
                    }
                } else if !h.is_empty() {
                    sections.push(Section {
                        heading: Some(h),
                        blocks: Vec::new(),
                    });
                }
            }
            Event::Start(Tag::BlockQuote(_)) => {
                quote_depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                quote_depth -= 1;
                if quote_depth == 0 {
                    let block =
                        quote_block(&std::mem::take(&mut quote_paras), super::Breaks::Source);
                    push(&mut sections, block);
                }
            }
            Event::Start(Tag::List(_)) => list_depth += 1,
            Event::End(TagEnd::List(_)) => {
                list_depth -= 1;
                if list_depth == 0 && quote_depth == 0 {
                    push(&mut sections, Block::List(std::mem::take(&mut items)));
                }
            }
            Event::Start(Tag::Item) => buf.clear(),
            Event::End(TagEnd::Item) => {
                let item = clean(&buf);
                buf.clear();
                if !item.is_empty() {
                    items.push(item);
                }
            }
            Event::Start(Tag::Paragraph) if list_depth == 0 => buf.clear(),
            Event::End(TagEnd::Paragraph) => {
                if list_depth > 0 {
                    buf.push(' ');
                } else if quote_depth > 0 {
                    quote_paras.push(std::mem::take(&mut buf));
                } else {
                    if !clean(&buf).is_empty() {
                        for block in paragraph_blocks(&buf) {
                            push(&mut sections, block);
                        }
                    }
                    buf.clear();
                }
            }
            Event::Text(t) | Event::Code(t) => buf.push_str(&t),
            Event::SoftBreak | Event::HardBreak => buf.push('\n'),
            _ => {}
        }
    }
    let mut warnings: Vec<String> = fm
        .unknown
        .iter()
        .map(|(line, key)| {
            let hint = suggestion(key)
                .map(|k| format!("; did you mean `{k}`?"))
                .unwrap_or_default();
            format!(
                "front matter line {line}: `{key}` is not a key devocast reads (it reads title, date, description, author, link and draft); it was ignored{hint}"
            )
        })
        .collect();
    let link = match fm.link {
        Some((line, l)) => match super::absolute_link(&l) {
            Some(l) => Some(l),
            None => {
                warnings.push(format!(
                    "front matter line {line}: the link {l:?} is not an absolute http(s) address; it was ignored"
                ));
                None
            }
        },
        None => None,
    };
    Ok(Article {
        slug: String::new(),
        source: Default::default(),
        title,
        date,
        author: fm.author,
        link,
        summary: fm.description,
        sections,
        warnings,
        draft,
        language: fm.language,
    })
}

fn push(sections: &mut [Section], block: Block) {
    if let Some(s) = sections.last_mut() {
        s.blocks.push(block);
    }
}

/// Collapses runs of white space (but not line breaks, which mark stanza lines).
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A block quote is a hymn stanza when a hymn citation ends it, lines kept as written when
/// they read as verse (a psalm, a poem), otherwise a quotation; a last line starting with a
/// dash is the citation of either.
pub(crate) fn quote_block(paras: &[String], breaks: super::Breaks) -> Block {
    let lines: Vec<String> = paras
        .iter()
        .flat_map(|p| p.split('\n'))
        .map(str::to_string)
        .collect();
    if let Some(block) = super::line_block(&lines, breaks) {
        return block;
    }
    let mut text_lines: Vec<String> = paras.iter().map(|p| clean(p)).collect();
    let cite = match text_lines.last() {
        Some(l) if l.starts_with(['—', '–']) || l.starts_with("-- ") => {
            let c = l.trim_start_matches(['—', '–', '-', ' ']).to_string();
            text_lines.pop();
            Some(c)
        }
        _ => None,
    };
    Block::Quote {
        text: text_lines.join(" "),
        cite,
    }
}

/// A paragraph's blocks: prose, a letter's closing ("Grace and peace," / "Pastor Ana
/// Ruiz") kept as its lines, or a stanza whose last line is its hymn citation.
fn paragraph_blocks(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    // Verse lines with a citation on a line of its own are the hymn's stanza.
    if lines.len() >= 2 && lines.last().is_some_and(|l| super::citation_only(l)) {
        let owned: Vec<String> = lines.iter().map(|l| clean(l)).collect();
        if let Some(b @ Block::HymnStanza { .. }) = super::line_block(&owned, super::Breaks::Source)
        {
            return vec![b];
        }
    }
    let Some(range) = super::closing::closing(&lines) else {
        return vec![Block::Paragraph(clean(text))];
    };
    let mut out = Vec::new();
    let before = clean(&lines[..range.start].join(" "));
    if !before.is_empty() {
        out.push(Block::Paragraph(before));
    }
    out.push(Block::Lines {
        lines: lines[range.clone()]
            .iter()
            .map(|l| clean(l))
            .filter(|l| !l.is_empty())
            .collect(),
        cite: None,
    });
    let after = clean(&lines[range.end..].join(" "));
    if !after.is_empty() {
        out.push(Block::Paragraph(after));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "---\ntitle: \"Resting in Him\"\ndate: 2026-10-04\ndescription: A short one.\ntags:\n  - rest\n---\n\
# Resting in Him\n\nIntro paragraph with *emphasis*.\n\n## First Point\n\nBody text\nwrapped here.\n\n\
> Come, weary one,\n> lay down your load;\n> He bears it all.\n> (Hymns #302)\n\n\
> A quotation that runs on for a while and is not verse at all, as you can see.\n>\n> — Some Author\n\n\
- one\n- two\n";

    #[test]
    fn front_matter_and_blocks() {
        let a = parse(DOC).unwrap();
        assert_eq!(a.title, "Resting in Him");
        assert_eq!(a.date.unwrap().to_string(), "2026-10-04");
        assert_eq!(a.summary.as_deref(), Some("A short one."));
        assert_eq!(a.sections.len(), 2);
        assert_eq!(
            a.sections[0].blocks,
            vec![Block::Paragraph("Intro paragraph with emphasis.".into())]
        );
        let s = &a.sections[1];
        assert_eq!(s.heading.as_deref(), Some("First Point"));
        assert_eq!(
            s.blocks[0],
            Block::Paragraph("Body text wrapped here.".into())
        );
        assert_eq!(
            s.blocks[1],
            Block::HymnStanza {
                number: Some(302),
                lines: vec![
                    "Come, weary one,".into(),
                    "lay down your load;".into(),
                    "He bears it all.".into()
                ],
                cite: Some("Hymns #302".into())
            }
        );
        match &s.blocks[2] {
            Block::Quote { cite, .. } => assert_eq!(cite.as_deref(), Some("Some Author")),
            b => panic!("expected quote, got {b:?}"),
        }
        assert_eq!(s.blocks[3], Block::List(vec!["one".into(), "two".into()]));
    }

    #[test]
    fn unknown_front_matter_keys_are_named_with_a_guess() {
        let a = parse("---\ntitel: Kept\ntags: [a]\nauthor: Me\nvoice: x\n---\n\n## H\n\nBody.\n")
            .unwrap();
        assert_eq!(a.warnings.len(), 2, "{:?}", a.warnings);
        assert!(
            a.warnings[0].contains("line 2") && a.warnings[0].contains("did you mean `title`"),
            "{:?}",
            a.warnings
        );
        assert!(
            a.warnings[1].contains("line 5") && a.warnings[1].contains("`voice`"),
            "{:?}",
            a.warnings
        );
    }

    #[test]
    fn author_and_the_first_publication_are_read() {
        let a = parse(
            "---\ntitle: T\nauthor: Ann Writer\nlink: https://blog.example.org/t/\n---\n\nBody.\n",
        )
        .unwrap();
        assert_eq!(a.author.as_deref(), Some("Ann Writer"));
        assert_eq!(a.link.as_deref(), Some("https://blog.example.org/t/"));
        // A site-relative `url` (Hugo's) is not a link; a bad `link` is named.
        let a = parse("---\nurl: /posts/t/\nlink: not a link\n---\n\nBody.\n").unwrap();
        assert_eq!(a.link, None);
        assert!(
            a.warnings
                .iter()
                .any(|w| w.contains("line 3") && w.contains("not an absolute")),
            "{:?}",
            a.warnings
        );
    }

    #[test]
    fn bad_front_matter_values_name_their_line() {
        let err = parse("---\ntitle: x\ndate: 2026-13-45\n---\n\nBody.\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("front matter line 3: date \"2026-13-45\""),
            "{err}"
        );
        let err = parse("---\ntitle: x\n\ndraft: maybe\n---\n\nBody.\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("front matter line 4: draft \"maybe\""),
            "{err}"
        );
        assert!(parse("---\ndraft: Yes\n---\n\nBody.\n").unwrap().draft);
    }

    #[test]
    fn dates_no_feed_can_carry_are_refused_on_their_line() {
        for (date, line, year) in [
            ("-0044-03-15", 3, "-44"),
            ("\"0000-01-01\"", 3, "0"),
            ("10000-01-01", 3, "10000"),
            ("+12026-05-05T06:00", 3, "12026"),
        ] {
            let err = parse(&format!("---\ntitle: x\ndate: {date}\n---\n\nBody.\n"))
                .unwrap_err()
                .to_string();
            assert!(
                err.starts_with(&format!("front matter line {line}: date"))
                    && err.contains(&format!("year {year}:")),
                "{err}"
            );
        }
        let err = parse("---\ntitle: x\n\n\ndate: '-0001-12-31'\n---\n\nBody.\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("front matter line 5: date"), "{err}");
        // The first and last days a feed can carry are kept.
        for d in ["0001-01-01", "9999-12-31"] {
            let a = parse(&format!("---\ndate: {d}\n---\n\nBody.\n")).unwrap();
            assert_eq!(a.date.unwrap().to_string(), d);
        }
    }

    #[test]
    fn unclosed_front_matter_suggests_the_fix() {
        let err = parse("---\ntitle: x\n\nBody.").unwrap_err().to_string();
        assert!(err.contains("closing `---`"), "{err}");
    }

    #[test]
    fn bad_front_matter_line_is_named() {
        let err = parse("---\ntitle: x\nthis is not yaml\n---\nBody.")
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 3"), "{err}");
        let err = parse("---\ndate: someday\n---\nBody.")
            .unwrap_err()
            .to_string();
        assert!(err.contains("someday"), "{err}");
    }

    fn blocks(md: &str) -> Vec<Block> {
        parse(md)
            .unwrap()
            .sections
            .into_iter()
            .flat_map(|s| s.blocks)
            .collect()
    }

    #[test]
    fn block_quotes_are_a_hymn_only_when_cited() {
        let psalm = "# T\n\n> The Lord is my shepherd;\n> I shall not want.\n> He restores my soul.\n> — Psalm 23:1-3\n";
        assert_eq!(
            blocks(psalm),
            vec![Block::Lines {
                lines: vec![
                    "The Lord is my shepherd;".into(),
                    "I shall not want.".into(),
                    "He restores my soul.".into()
                ],
                cite: Some("Psalm 23:1-3".into())
            }]
        );
        // Prose wrapped by the editor is a quotation, not verse.
        let wrapped = "# T\n\n> We must not think that the Lord\n> waits for us to be strong before\n> He comes near to help us.\n";
        assert!(matches!(&blocks(wrapped)[0], Block::Quote { .. }));
        for cite in ["(Hymn 302)", "Hymn No. 302", "— hymn #302", "(Hymns 302)"] {
            let md = format!("# T\n\n> Come, weary one,\n> lay down your load;\n> {cite}\n");
            assert!(
                matches!(&blocks(&md)[0], Block::HymnStanza { number: Some(302), lines, .. } if lines.len() == 2),
                "{cite}: {:?}",
                blocks(&md)
            );
        }
    }

    #[test]
    fn a_closing_paragraph_keeps_its_lines() {
        let md =
            "# T\n\nWe rest in Him.\n\nGrace and peace,\nPastor Ana Ruiz\nHope Fellowship Church\n";
        assert_eq!(
            blocks(md)[1],
            Block::Lines {
                lines: vec![
                    "Grace and peace,".into(),
                    "Pastor Ana Ruiz".into(),
                    "Hope Fellowship Church".into()
                ],
                cite: None
            }
        );
        assert_eq!(
            blocks("# T\n\nOne line\nwrapped here.\n")[0],
            Block::Paragraph("One line wrapped here.".into())
        );
    }
}
