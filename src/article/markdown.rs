//! Markdown articles (their front matter is read before, in [`super::front`]).
//!
//! Block quotes ending in a hymn citation are hymn stanzas; other block quotes whose lines
//! read as verse are kept as lines, and the rest are quotations.

use super::{Article, Block, Section};
use anyhow::Result;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// Parses a Markdown body into an article. `title` is the front matter's: a first-level
/// heading that repeats it is not read twice. The title may come out empty; the caller falls
/// back.
pub fn parse(body: &str, title: Option<&str>) -> Result<Article> {
    let mut title = title.unwrap_or_default().to_string();
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
    Ok(Article {
        title,
        sections,
        ..Default::default()
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

    /// A whole Markdown file, front matter and all, as the build reads it.
    fn parse(text: &str) -> Result<Article> {
        super::super::parse(std::path::Path::new("t.md"), text)
    }

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
    fn misspelt_front_matter_keys_are_named_with_a_guess() {
        let a = parse("---\ntitel: Kept\ntags: [a]\nauthor: Me\nvoice: x\n---\n\n## H\n\nBody.\n")
            .unwrap();
        // `voice` is no misspelling of a key devocast reads: the producer's own, left alone.
        assert_eq!(a.warnings.len(), 1, "{:?}", a.warnings);
        assert!(
            a.warnings[0].contains("line 2") && a.warnings[0].contains("did you mean `title`"),
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
        assert_eq!(a.authors, ["Ann Writer"]);
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
        assert!(parse("---\ndraft: Yes\n---\n\nBody.\n")
            .unwrap()
            .draft
            .is_some());
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
