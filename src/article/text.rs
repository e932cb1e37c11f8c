//! Plain-text articles as ministry blogs export them.
//!
//! The shape (see `tests/fixtures/seed-shape.txt`): one paragraph per line or paragraphs
//! separated by blank lines; headings are bare title-case lines without closing punctuation;
//! `- ` starts a list item; `# ` starts a numbered hymn item (a stanza whose lines are
//! separated by ` / `, ending with a citation such as "(Hymns #114)"), not a heading; a
//! paragraph ending in a book citation "(…, pp. 25-26, by …)" is a quotation. A heading-like
//! first line is the title.

use super::{split_hymn_citation, stanza_lines, Article, Block, Section};
use anyhow::Result;

/// Words that stay lower-case in title case, so they do not count against a heading.
const MINOR_WORDS: &[&str] = &[
    "a", "about", "all", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "his",
    "in", "into", "is", "it", "its", "my", "nor", "not", "of", "off", "on", "onto", "or", "our",
    "over", "per", "so", "than", "that", "the", "their", "this", "those", "these", "through", "to",
    "toward", "up", "upon", "us", "via", "was", "we", "who", "with", "within", "without", "yet",
    "your",
];

enum Unit {
    Heading(String),
    Para(String),
    ListItem(String),
    Hymn(String),
    Quote(String),
    /// A letter's closing: its lines as written.
    Closing(Vec<String>),
}

/// Parses plain text into an article (title may be empty; the caller falls back).
pub fn parse(text: &str) -> Result<Article> {
    let units = units_with_closing(text);
    let mut title = String::new();
    let mut sections = vec![Section::default()];
    let mut list: Vec<String> = Vec::new();
    for (i, unit) in units.into_iter().enumerate() {
        if !matches!(unit, Unit::ListItem(_)) && !list.is_empty() {
            push(&mut sections, Block::List(std::mem::take(&mut list)));
        }
        match unit {
            Unit::Heading(h) if i == 0 => title = h,
            Unit::Heading(h) => sections.push(Section {
                heading: Some(h),
                blocks: Vec::new(),
            }),
            Unit::ListItem(item) => list.push(item),
            Unit::Hymn(h) => push(&mut sections, hymn_block(&h)),
            Unit::Closing(lines) => push(&mut sections, Block::Lines { lines, cite: None }),
            Unit::Quote(q) => {
                let (text, cite) = split_book_citation(&q);
                push(&mut sections, Block::Quote { text, cite })
            }
            Unit::Para(p) => {
                // Lines parted by " / " are a hymn only when cited as one; uncited, three or
                // more are verse kept as lines (a psalm, a poem).
                let parted = stanza_lines(&p);
                let block = if parted.len() >= 2 && split_hymn_citation(&p).2.is_some() {
                    hymn_block(&p)
                } else if parted.len() >= 3 {
                    Block::Lines {
                        lines: parted,
                        cite: None,
                    }
                } else {
                    match split_book_citation(&p) {
                        (text, Some(cite)) => Block::Quote {
                            text,
                            cite: Some(cite),
                        },
                        (text, None) => Block::Paragraph(text),
                    }
                };
                push(&mut sections, block)
            }
        }
    }
    if !list.is_empty() {
        push(&mut sections, Block::List(list));
    }
    Ok(Article {
        slug: String::new(),
        source: Default::default(),
        title,
        date: None,
        summary: None,
        sections,
        warnings: Vec::new(),
        draft: false,
        author: None,
        link: None,
        language: None,
    })
}

fn push(sections: &mut [Section], block: Block) {
    if let Some(s) = sections.last_mut() {
        s.blocks.push(block);
    }
}

fn hymn_block(text: &str) -> Block {
    let (body, number, cite) = split_hymn_citation(text);
    Block::HymnStanza {
        number,
        lines: stanza_lines(&body),
        cite,
    }
}

/// The units of the text, with a letter's closing at its end ("Grace and peace," / "Pastor
/// Ana Ruiz") as one unit, so its name lines never become headings.
fn units_with_closing(text: &str) -> Vec<Unit> {
    let lines: Vec<&str> = text.lines().collect();
    let Some(range) = super::closing::closing(&lines) else {
        return units(text);
    };
    let offset = |line: usize| -> usize { lines[..line].iter().map(|l| l.len() + 1).sum() };
    let (head, tail) = (
        &text[..offset(range.start)],
        &text[offset(range.end).min(text.len())..],
    );
    let closing: Vec<String> = lines[range]
        .iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let mut out = units(head);
    out.push(Unit::Closing(closing));
    out.extend(units(tail));
    out
}

/// Splits the lines into units: each line of a blank-line-separated group is its own unit
/// when the lines look like whole paragraphs (the seed's shape), otherwise the group is one
/// wrapped paragraph.
fn units(text: &str) -> Vec<Unit> {
    let mut out = Vec::new();
    for group in text.split("\n\n") {
        let lines: Vec<&str> = group
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            continue;
        }
        // Wrapped prose breaks lines mid-sentence; exported posts end nearly every line
        // with a sentence, a heading or a list marker.
        let whole = lines
            .iter()
            .filter(|l| {
                is_heading(l)
                    || l.starts_with("- ")
                    || l.starts_with("# ")
                    || l.starts_with("> ")
                    || ends_sentence(l)
                    || l.ends_with(')')
            })
            .count();
        let one_per_line = lines.len() == 1 || whole * 5 >= lines.len() * 4;
        let owned: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        let cited_verse = lines.len() >= 2
            && lines.last().is_some_and(|l| super::citation_only(l))
            && lines[..lines.len() - 1].iter().all(|l| {
                !is_heading(l) && !["- ", "* ", "# ", "> "].iter().any(|m| l.starts_with(m))
            })
            && matches!(
                super::line_block(&owned, super::Breaks::Source),
                Some(Block::HymnStanza { .. })
            );
        if cited_verse {
            // A stanza a line to a line, its citation on the last.
            out.push(Unit::Hymn(lines.join(" / ")));
        } else if lines.len() == 1 && is_lone_heading(lines[0]) {
            out.push(Unit::Heading(lines[0].to_string()));
        } else if one_per_line {
            out.extend(lines.into_iter().map(classify));
        } else {
            out.push(classify(&lines.join(" ")));
        }
    }
    out
}

fn classify(line: &str) -> Unit {
    if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        Unit::ListItem(rest.trim().to_string())
    } else if let Some(rest) = line.strip_prefix("# ") {
        Unit::Hymn(rest.trim().to_string())
    } else if let Some(rest) = line.strip_prefix("> ") {
        Unit::Quote(rest.trim().to_string())
    } else if is_heading(line) && !super::citation_only(line) {
        // "Hymn No. 302" looks like a heading; it is a citation.
        Unit::Heading(line.to_string())
    } else {
        Unit::Para(line.to_string())
    }
}

fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end_matches(['"', '\'', '”', '’', ')']);
    t.ends_with(['.', '!', '?', ':', ';'])
}

/// Words that stand alone on a line as an exclamation, not as a heading.
const EXCLAMATIONS: &[&str] = &[
    "amen",
    "hallelujah",
    "alleluia",
    "selah",
    "hosanna",
    "maranatha",
    "praise",
    "yes",
    "oh",
];

/// A single capitalised word on a line of its own between blank lines ("Prayer",
/// "Conclusion", "References"): a heading, unless it is an exclamation.
pub fn is_lone_heading(line: &str) -> bool {
    let w = line.trim();
    !w.contains(char::is_whitespace)
        && (2..=30).contains(&w.chars().count())
        && w.chars().next().is_some_and(char::is_uppercase)
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '’' || c == '-')
        && !EXCLAMATIONS.contains(&w.to_lowercase().as_str())
}

/// A bare title-case line without closing punctuation.
pub fn is_heading(line: &str) -> bool {
    let line = line.trim();
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() < 2 || words.len() > 25 || line.chars().count() > 160 {
        return false;
    }
    if !line
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        return false;
    }
    if line.ends_with(['.', ',', ';', ':', '!', ')', '"', '”']) || line.contains(" / ") {
        return false;
    }
    let content: Vec<&str> = words
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .filter(|w| !MINOR_WORDS.contains(&w.to_lowercase().as_str()))
        .collect();
    if content.len() < 2 {
        return false;
    }
    let capitalised = content
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    capitalised * 4 >= content.len() * 3
}

/// A paragraph ending with "(Title, pp. 25-26, by Author)" is a quotation of that book.
fn split_book_citation(text: &str) -> (String, Option<String>) {
    let t = text.trim_end();
    if let (true, Some(open)) = (t.ends_with(')'), t.rfind('(')) {
        let inner = &t[open + 1..t.len() - 1];
        let before = t[..open].trim_end();
        let bookish = inner.contains(" by ")
            || inner.contains("pp.")
            || inner.contains("p. ")
            || inner.contains("msg.");
        if bookish && ends_sentence(before) && before.len() > 80 {
            return (before.to_string(), Some(inner.trim().to_string()));
        }
    }
    (t.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_title_case_lines() {
        assert!(is_heading("Christ Is Praying for Us at the Right Hand"));
        assert!(is_heading("References and Hymns on this Topic"));
        assert!(is_heading("What Is the Lord Praying For?"));
        assert!(!is_heading("He prays for us today."));
        assert!(!is_heading("Amen!!!"));
        assert!(!is_heading("Hallelujah"));
        assert!(!is_heading("the lord is near to all who call"));
        assert!(!is_heading(
            "Thank You Lord for Your care for us in all things."
        ));
        assert!(!is_heading("Rest, my soul / in His care / forever"));
    }

    #[test]
    fn one_word_headings_between_blank_lines() {
        let a = parse(
            "Kept by His Care\n\nOpening words here.\n\nPrayer\n\nLord, keep us.\n\nAmen\n\nConclusion\n\nWe rest.\n",
        )
        .unwrap();
        let headings: Vec<_> = a
            .sections
            .iter()
            .filter_map(|s| s.heading.as_deref())
            .collect();
        assert_eq!(headings, vec!["Prayer", "Conclusion"]);
        assert!(format!("{:?}", a.sections[1].blocks).contains("Amen"));
        assert!(!is_lone_heading("Amen!!!") && !is_lone_heading("Hallelujah"));
        assert!(is_lone_heading("References") && !is_lone_heading("references"));
    }

    #[test]
    fn wrapped_paragraphs_are_joined() {
        let a = parse(
            "A Title Line Here\n\nThis paragraph is wrapped\nacross two lines.\n\nSecond one.\n",
        )
        .unwrap();
        assert_eq!(a.title, "A Title Line Here");
        assert_eq!(
            a.sections[0].blocks,
            vec![
                Block::Paragraph("This paragraph is wrapped across two lines.".into()),
                Block::Paragraph("Second one.".into())
            ]
        );
    }

    fn headings(a: &Article) -> Vec<&str> {
        a.sections
            .iter()
            .filter_map(|s| s.heading.as_deref())
            .collect()
    }

    fn last_block(a: &Article) -> &Block {
        a.sections.last().and_then(|s| s.blocks.last()).unwrap()
    }

    #[test]
    fn a_sign_off_is_one_block_of_lines_not_headings() {
        for (closing, lines) in [
            (
                "Grace and peace,\nPastor Ana Ruiz\nHope Fellowship Church\n",
                vec![
                    "Grace and peace,",
                    "Pastor Ana Ruiz",
                    "Hope Fellowship Church",
                ],
            ),
            (
                "\nIn Christ,\n\nElder Tom Baker\n",
                vec!["In Christ,", "Elder Tom Baker"],
            ),
            (
                "Yours in His Service,\nRev. Mark Ellis\nSenior Pastor\nGrace Chapel\n",
                vec![
                    "Yours in His Service,",
                    "Rev. Mark Ellis",
                    "Senior Pastor",
                    "Grace Chapel",
                ],
            ),
            (
                "\nYour brother in Christ,\nDavid Lee\n",
                vec!["Your brother in Christ,", "David Lee"],
            ),
            (
                "With love,\nThe Prayer Team\n",
                vec!["With love,", "The Prayer Team"],
            ),
            ("\nBlessings,\nMaria\n", vec!["Blessings,", "Maria"]),
        ] {
            let text = format!(
                "Kept in His Love\nThe Lord keeps us day by day.\nOur Daily Walk\nHe walks with us in every step.\n{closing}"
            );
            let a = parse(&text).unwrap();
            assert_eq!(headings(&a), vec!["Our Daily Walk"], "{closing:?}");
            assert_eq!(
                last_block(&a),
                &Block::Lines {
                    lines: lines.iter().map(|l| l.to_string()).collect(),
                    cite: None
                },
                "{closing:?}"
            );
        }
        // A postscript after the closing stays a paragraph of its own.
        let a = parse("T Is Here\nBody text.\nIn Christ,\nPastor Ana Ruiz\nHope Church\nP.S. Join us on Sunday.\n").unwrap();
        assert!(headings(&a).is_empty());
        assert_eq!(
            last_block(&a),
            &Block::Paragraph("P.S. Join us on Sunday.".into())
        );
        // A heading near the end with text under it is still a heading.
        let a = parse("T Is Here\nBody text.\nClosing Thoughts\nHe is near.\n").unwrap();
        assert_eq!(headings(&a), vec!["Closing Thoughts"]);
    }

    #[test]
    fn slashed_lines_are_a_hymn_only_when_cited() {
        let poem = "The Lord is my shepherd; / I shall not want. / He makes me lie down.";
        let a = parse(&format!("A Title Here\n{poem}\n")).unwrap();
        assert!(matches!(last_block(&a), Block::Lines { lines, .. } if lines.len() == 3));
        for cite in [
            "(Hymn 302)",
            "(Hymns 302)",
            "Hymn No. 302",
            "(hymn #302)",
            "— Hymn 302",
        ] {
            let text = format!("A Title Here\nCome, weary one, / lay down your load / {cite}\n");
            let a = parse(&text).unwrap();
            assert!(
                matches!(last_block(&a), Block::HymnStanza { number: Some(302), lines, .. } if lines.len() == 2),
                "{cite}: {:?}",
                last_block(&a)
            );
            let text = format!("A Title Here\n# Come, weary one, / lay down your load {cite}\n");
            let a = parse(&text).unwrap();
            assert!(
                matches!(
                    last_block(&a),
                    Block::HymnStanza {
                        number: Some(302),
                        ..
                    }
                ),
                "# {cite}: {:?}",
                last_block(&a)
            );
        }
    }
}
