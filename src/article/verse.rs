//! Lines the writer broke, and whether they are a hymn: a hymn citation (found by
//! [`crate::speech::hymn`]) at the end of the lines, or standing alone next to them, makes
//! them a hymn's stanza; uncited verse (a psalm, a poem, a letter's closing) is kept as
//! lines; the rest is prose.

use super::Block;

/// Splits the hymn citation that ends a stanza ("(Hymns #114)", "(Hymn 302)", "— Hymn No.
/// 302", "(Song on rest)", as [`crate::speech::hymn`] finds them) off its text; returns the
/// text without it, the number, and the citation as written.
pub fn split_hymn_citation(text: &str) -> (String, Option<u32>, Option<String>) {
    let t = text.trim_end();
    match stanza_citation(t) {
        Some(c) => (
            t[..c.start]
                .trim_end()
                .trim_end_matches('/')
                .trim_end()
                .to_string(),
            c.number,
            Some(c.text),
        ),
        None => (t.to_string(), None, None),
    }
}

/// Whether a text is nothing but a hymn citation with a number: "(Hymns #302)", "Hymn No.
/// 302", "— hymn #302".
pub fn citation_only(text: &str) -> bool {
    stanza_citation(text).is_some_and(|c| c.start == 0 && c.number.is_some())
}

/// A hymn citation ending a text, in the words of any language devocast reads: an article's
/// hymns are found before its language is known.
fn stanza_citation(text: &str) -> Option<crate::speech::hymn::StanzaCitation> {
    crate::speech::languages()
        .iter()
        .find_map(|l| crate::speech::hymn::stanza_citation(text, l.hymn_words()))
}

/// A citation standing alone next to verse makes that verse the hymn's stanza: after it (a
/// paragraph "(Hymns #302)" after a stanza's lines, each its own paragraph or kept as
/// lines), or right before a block of lines (a paragraph or the section's heading "Hymn
/// 302" over the stanza).
pub(super) fn gather_stanzas(heading: Option<&str>, blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    // The citation waiting for the lines after it, and whether it is the last paragraph
    // (it becomes the stanza's citation, so it is not also read as prose).
    let mut pending: Option<(String, bool)> = heading
        .filter(|h| citation_only(h))
        .map(|h| (h.to_string(), false));
    for block in blocks {
        let before = pending.take();
        match block {
            Block::Lines { lines, cite: None } if before.is_some() => {
                let (citation, paragraph) = before.unwrap_or_default();
                if paragraph {
                    out.pop();
                }
                let (_, number, cite) = split_hymn_citation(&citation);
                out.push(Block::HymnStanza {
                    number,
                    lines,
                    cite,
                });
            }
            Block::Paragraph(p) if citation_only(&p) => match take_verse(&mut out) {
                Some(lines) => {
                    let (_, number, cite) = split_hymn_citation(&p);
                    out.push(Block::HymnStanza {
                        number,
                        lines,
                        cite,
                    });
                }
                None => {
                    pending = Some((p.clone(), true));
                    out.push(Block::Paragraph(p));
                }
            },
            other => out.push(other),
        }
    }
    out
}

/// The verse ending `out`, taken off it: uncited lines, or two or more short paragraphs of
/// which only the last ends a sentence (a stanza written a line to a paragraph).
fn take_verse(out: &mut Vec<Block>) -> Option<Vec<String>> {
    if matches!(
        out.last(),
        Some(Block::Lines { cite: None, .. } | Block::HymnStanza { cite: None, .. })
    ) {
        return match out.pop() {
            Some(Block::Lines { lines, .. } | Block::HymnStanza { lines, .. }) => Some(lines),
            _ => None,
        };
    }
    let run = out
        .iter()
        .rev()
        .enumerate()
        .take_while(|(i, b)| {
            matches!(b, Block::Paragraph(p) if p.chars().count() <= 70
                && (*i == 0 || !p.ends_with(['.', '!', '?'])))
        })
        .count();
    (run >= 2).then(|| {
        out.split_off(out.len() - run)
            .into_iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p),
                _ => None,
            })
            .collect()
    })
}

/// How the lines of a block were broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breaks {
    /// On purpose: `<br>`, " / ".
    Marked,
    /// In the source, where an editor may have wrapped prose (Markdown's line breaks).
    Source,
}

/// Lines the writer broke (a block quote's lines, `<br>`, " / ") as a block: a hymn stanza
/// when a hymn citation ends them; two or more lines kept as written when they read as verse
/// (a psalm, a poem, a letter's closing), with a last line "— Psalm 23:1" as their citation;
/// otherwise `None` (they are prose).
pub fn line_block(lines: &[String], breaks: Breaks) -> Option<Block> {
    let lines: Vec<String> = lines.iter().flat_map(|l| stanza_lines(l)).collect();
    let (body, number, cite) = split_hymn_citation(&lines.join(" / "));
    let stanza = stanza_lines(&body);
    if cite.is_some() && !stanza.is_empty() {
        return Some(Block::HymnStanza {
            number,
            lines: stanza,
            cite,
        });
    }
    let (verse, cite) = match lines.split_last() {
        Some((last, rest)) if last.starts_with(['—', '–']) || last.starts_with("-- ") => (
            rest.to_vec(),
            Some(last.trim_start_matches(['—', '–', '-', ' ']).to_string()),
        ),
        _ => (lines.clone(), None),
    };
    (verse.len() >= 2 && reads_as_verse(&verse, breaks))
        .then_some(Block::Lines { lines: verse, cite })
}

/// Verse lines are short; where the source may have been wrapped, they also end where a
/// thought pauses (prose wrapped at a width runs on from a line without punctuation into
/// one starting in lower case).
fn reads_as_verse(lines: &[String], breaks: Breaks) -> bool {
    let runs_on = lines
        .windows(2)
        .filter(|w| {
            !w[0]
                .ends_with(|c: char| c.is_ascii_punctuation() || matches!(c, '—' | '–' | '”' | '’'))
                && w[1].starts_with(char::is_lowercase)
        })
        .count();
    let wrapped = breaks == Breaks::Source && runs_on * 4 > lines.len().saturating_sub(1);
    lines.iter().all(|l| l.chars().count() <= 70) && !wrapped
}

/// Splits stanza text on " / " into lines.
pub fn stanza_lines(text: &str) -> Vec<String> {
    text.split(" / ")
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{parse, Article};
    use std::path::Path;

    #[test]
    fn hymn_citation_is_split() {
        let (t, n, c) = split_hymn_citation("Savior, hail! / Where for us (Hymns #114)");
        assert_eq!(t, "Savior, hail! / Where for us");
        assert_eq!(n, Some(114));
        assert_eq!(c.as_deref(), Some("Hymns #114"));
        let (_, n, c) = split_hymn_citation("A line / another (Song on rest)");
        assert_eq!((n, c.as_deref()), (None, Some("Song on rest")));
        let (t, n, c) = split_hymn_citation("He rose (see John 20:1).");
        assert_eq!((t.as_str(), n, c), ("He rose (see John 20:1).", None, None));
    }

    #[test]
    fn a_citation_on_its_own_after_verse_makes_it_the_hymns_stanza() {
        let stanza = |a: &Article| {
            a.sections
                .iter()
                .flat_map(|s| &s.blocks)
                .find_map(|b| match b {
                    Block::HymnStanza { number, lines, .. } => Some((*number, lines.clone())),
                    _ => None,
                })
        };
        let want = Some((
            Some(302),
            vec![
                "Come, you weary, come and rest,".to_string(),
                "Lean upon the Savior's breast;".to_string(),
                "You will find a refuge there.".to_string(),
            ],
        ));
        let lines = "Come, you weary, come and rest,\nLean upon the Savior's breast;\nYou will find a refuge there.";
        for (name, text) in [
            // A line to a paragraph, the citation on the last.
            (
                "a.txt",
                format!("A Title Here\nWe sing this today.\n{lines}\n(Hymns #302)\n"),
            ),
            // One group of lines between blank lines.
            (
                "b.txt",
                format!("A Title Here\n\nWe sing this today.\n\n{lines}\nHymn No. 302\n"),
            ),
            (
                "c.md",
                format!("# T\n\nWe sing this today.\n\n{lines}\n(Hymn 302)\n"),
            ),
            (
                "d.md",
                format!(
                    "# T\n\nWe sing this today.\n\n> {}\n\n(Hymns 302)\n",
                    lines.replace('\n', "\n> ")
                ),
            ),
            (
                "e.html",
                format!(
                    "<h1>T</h1><p>We sing this today.</p><p>{}</p><p><em>— hymn #302</em></p>",
                    lines.replace('\n', "<br>")
                ),
            ),
            (
                "f.html",
                format!(
                    "<h1>T</h1><p>We sing this today.</p><p>{}</p><p>(Hymn 302)</p>",
                    lines.replace('\n', "</p><p>")
                ),
            ),
        ] {
            let a = parse(Path::new(name), &text).unwrap();
            assert_eq!(stanza(&a), want, "{name}: {:?}", a.sections);
        }
        // The citation over the lines: a paragraph, or the section's heading (which stays).
        for (name, text) in [
            (
                "h.md",
                format!(
                    "# T\n\nWe sing this today.\n\n(Hymns #302)\n\n> {}\n",
                    lines.replace('\n', "\n> ")
                ),
            ),
            (
                "i.md",
                format!(
                    "# T\n\nWe sing this today.\n\n## Hymn No. 302\n\n> {}\n",
                    lines.replace('\n', "\n> ")
                ),
            ),
            (
                "j.html",
                format!(
                    "<h1>T</h1><p>We sing this today.</p><p><b>Hymn 302</b></p><p>{}</p>",
                    lines.replace('\n', "<br>")
                ),
            ),
        ] {
            let a = parse(Path::new(name), &text).unwrap();
            assert_eq!(stanza(&a), want, "{name}: {:?}", a.sections);
            let blocks = a.sections.iter().map(|s| s.blocks.len()).sum::<usize>();
            assert_eq!(
                blocks, 2,
                "{name}: the citation is read once, with its stanza"
            );
        }
        // A lone citation after prose stays prose (it plays after that paragraph).
        let a = parse(
            Path::new("g.txt"),
            "A Title Here\nWe sing this today.\nLet us rise.\n(Hymns #302)\n",
        )
        .unwrap();
        assert_eq!(stanza(&a), None, "{:?}", a.sections);
        assert!(citation_only("(Hymns #302)") && citation_only("Hymn No. 302"));
        assert!(!citation_only("Sing Hymn 302") && !citation_only("(Song on rest)"));
    }
}
