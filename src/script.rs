//! Article → [`Script`]: the ordered cues an episode is rendered from.
//!
//! Each spoken cue keeps both what the article says (`text_shown`, for transcripts) and what
//! the voice reads (`text_spoken`), so transcripts stay faithful while the audio is read for
//! the ear.

use crate::article::{Article, Block};
use crate::config::Pauses;
use crate::speech;
use crate::speech::normalize::Reader;
use serde::Serialize;

/// One instruction to the renderer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "cue", rename_all = "lowercase")]
pub enum Cue {
    /// A chapter starts here.
    Chapter { title: String },
    /// One sentence to synthesize.
    Speak {
        text_shown: String,
        text_spoken: String,
        sentence_id: usize,
        /// Where it sits in the article.
        part: Part,
    },
    /// Silence.
    Pause { ms: u32 },
    /// A hymn stanza: a recording plays here when one exists, else the fallback cues read it.
    Hymn {
        number: Option<u32>,
        title: String,
        fallback: Vec<Cue>,
    },
}

/// Where a spoken sentence sits in the article, so pages, transcripts and books can give it
/// back its shape: paragraphs stay paragraphs, list items list items, stanza lines lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Part {
    /// What kind of block.
    pub kind: PartKind,
    /// Which block, numbered through the article (sentences of one paragraph share it).
    pub block: usize,
    /// Which item of a list, or line of a stanza.
    pub item: usize,
}

/// The kinds of [`Part`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum PartKind {
    /// The opening announcement or title.
    #[default]
    Opening,
    /// A heading, read aloud.
    Heading,
    /// Prose.
    Paragraph,
    /// A quotation.
    Quote,
    /// A quotation's or stanza's citation.
    Cite,
    /// An item of a list.
    Item,
    /// A line of a hymn stanza.
    Stanza,
    /// Recorded music (no words of its own).
    Music,
}

/// The whole episode as cues.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Script {
    /// Episode title.
    pub title: String,
    /// Cues in playing order.
    pub cues: Vec<Cue>,
}

struct Builder<'a, 'r> {
    cues: Vec<Cue>,
    next_id: usize,
    pauses: &'a Pauses,
    reader: &'a mut Reader<'r>,
    /// Where the next sentence sits.
    part: Part,
}

impl Builder<'_, '_> {
    fn pause(&mut self, ms: u32) {
        if ms == 0 {
            return;
        }
        // Adjacent pauses from structure merge into the longest, not their sum.
        if let Some(Cue::Pause { ms: last }) = self.cues.last_mut() {
            *last = (*last).max(ms);
        } else {
            self.cues.push(Cue::Pause { ms });
        }
    }

    fn speak_cue(&mut self, shown: &str) -> Option<Cue> {
        let spoken = self.reader.read(shown);
        if !spoken.chars().any(char::is_alphanumeric) {
            return None;
        }
        let id = self.next_id;
        self.next_id += 1;
        Some(Cue::Speak {
            text_shown: shown.to_string(),
            text_spoken: spoken,
            sentence_id: id,
            part: self.part,
        })
    }

    /// Speaks prose sentence by sentence, then pauses for the end of the block.
    fn prose(&mut self, text: &str, end_ms: u32) {
        for s in speech::sentences(text) {
            if let Some(c) = self.speak_cue(&s) {
                self.cues.push(c);
                self.pause(self.pauses.sentence_ms);
            }
        }
        self.pause(end_ms);
    }
}

/// Builds the script for an article, reading every sentence with `reader`. With
/// `announcement` (e.g. "Morning Manna. Rest for the Weary. November 8, 2026.") the episode
/// opens with it instead of the bare title.
pub fn build(
    article: &Article,
    pauses: &Pauses,
    reader: &mut Reader,
    announcement: Option<&str>,
) -> Script {
    let mut b = Builder {
        cues: Vec::new(),
        next_id: 0,
        pauses,
        reader,
        part: Part::default(),
    };
    let mut block = 0;
    let mut next_part = |kind: PartKind| {
        block += 1;
        Part {
            kind,
            block,
            item: 0,
        }
    };
    b.cues.push(Cue::Chapter {
        title: article.title.clone(),
    });
    let opening = match announcement {
        Some(a) => a.to_string(),
        None => format!("{}.", article.title.trim_end_matches(['.', '!', '?'])),
    };
    b.prose(&opening, pauses.heading_ms);
    for section in &article.sections {
        if let Some(h) = &section.heading {
            b.pause(pauses.section_ms);
            b.cues.push(Cue::Chapter { title: h.clone() });
            b.part = next_part(PartKind::Heading);
            let spoken_heading = if h.ends_with(['.', '!', '?']) {
                h.clone()
            } else {
                format!("{h}.")
            };
            if let Some(c) = b.speak_cue(&spoken_heading) {
                // Transcripts show the heading as written, without the added period.
                let c = match c {
                    Cue::Speak {
                        text_spoken,
                        sentence_id,
                        part,
                        ..
                    } => Cue::Speak {
                        text_shown: h.clone(),
                        text_spoken,
                        sentence_id,
                        part,
                    },
                    other => other,
                };
                b.cues.push(c);
            }
            b.pause(pauses.heading_ms);
        }
        for block in &section.blocks {
            match block {
                Block::Paragraph(t) => {
                    b.part = next_part(PartKind::Paragraph);
                    b.prose(t, pauses.paragraph_ms);
                    // A hymn cited in prose plays after the paragraph when a recording exists.
                    for n in cited_hymns(t) {
                        b.cues.push(Cue::Hymn {
                            number: Some(n),
                            title: format!("Hymn {n}"),
                            fallback: Vec::new(),
                        });
                        b.pause(pauses.paragraph_ms);
                    }
                }
                Block::Quote { text, cite } => {
                    b.part = next_part(PartKind::Quote);
                    b.prose(text, pauses.sentence_ms);
                    if let Some(c) = cite {
                        b.part.kind = PartKind::Cite;
                        b.prose(
                            &format!("From {}.", c.trim_end_matches('.')),
                            pauses.paragraph_ms,
                        );
                    }
                    b.pause(pauses.paragraph_ms);
                }
                Block::List(items) => {
                    b.part = next_part(PartKind::Item);
                    for (i, item) in items.iter().enumerate() {
                        b.part.item = i;
                        b.prose(item, pauses.sentence_ms * 2);
                    }
                    b.pause(pauses.paragraph_ms);
                }
                Block::HymnStanza {
                    number,
                    lines,
                    cite,
                } => {
                    let title = hymn_title(*number, lines, cite.as_deref());
                    let mut inner = Builder {
                        cues: Vec::new(),
                        next_id: b.next_id,
                        pauses,
                        reader: &mut *b.reader,
                        part: next_part(PartKind::Stanza),
                    };
                    for (i, line) in lines.iter().enumerate() {
                        inner.part.item = i;
                        if let Some(c) = inner.speak_cue(line) {
                            inner.cues.push(c);
                            inner.pause(pauses.line_ms);
                        }
                    }
                    if let Some(c) = cite {
                        inner.part.kind = PartKind::Cite;
                        if let Some(cue) = inner.speak_cue(&format!("({c})")) {
                            inner.cues.push(cue);
                        }
                    }
                    let (next_id, fallback) = (inner.next_id, inner.cues);
                    b.next_id = next_id;
                    b.pause(pauses.paragraph_ms);
                    b.cues.push(Cue::Hymn {
                        number: *number,
                        title,
                        fallback,
                    });
                    b.pause(pauses.paragraph_ms);
                }
            }
        }
    }
    while matches!(b.cues.last(), Some(Cue::Pause { .. })) {
        b.cues.pop();
    }
    Script {
        title: article.title.clone(),
        cues: b.cues,
    }
}

/// Hymn numbers cited in prose as "(Hymns #114)".
pub fn cited_hymns(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("Hymns #").or_else(|| rest.find("Hymn #")) {
        let after = &rest[i..];
        let start = after.find('#').map_or(0, |h| h + 1);
        let digits: String = after[start..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if let Ok(n) = digits.parse() {
            out.push(n);
        }
        rest = &after[start..];
    }
    out
}

/// "Savior, hail! enthroned in glory (Hymns #114)" — first line and number.
pub fn hymn_title(number: Option<u32>, lines: &[String], cite: Option<&str>) -> String {
    let first = lines
        .first()
        .map(|l| l.trim_end_matches([',', ';', ':', '.']).to_string())
        .unwrap_or_default();
    match (number, cite) {
        (Some(n), _) => format!("{first} (Hymn {n})"),
        (None, Some(c)) => format!("{first} ({c})"),
        (None, None) => first,
    }
}

impl Script {
    /// The cues as text for proofreading, one per line: what is spoken, with the written form
    /// beside any sentence that was rewritten; hymn fallbacks indented.
    pub fn listing(&self) -> String {
        let mut out = String::new();
        write_cues(&self.cues, "", &mut out);
        out
    }

    /// Every spoken cue in order, including those inside hymn fallbacks.
    pub fn spoken(&self) -> Vec<&Cue> {
        fn walk<'a>(cues: &'a [Cue], out: &mut Vec<&'a Cue>) {
            for c in cues {
                match c {
                    Cue::Speak { .. } => out.push(c),
                    Cue::Hymn { fallback, .. } => walk(fallback, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.cues, &mut out);
        out
    }
}

fn write_cues(cues: &[Cue], indent: &str, out: &mut String) {
    for cue in cues {
        match cue {
            Cue::Chapter { title } => out.push_str(&format!("{indent}chapter  {title}\n")),
            Cue::Pause { ms } => out.push_str(&format!("{indent}pause    {ms} ms\n")),
            Cue::Speak {
                text_shown,
                text_spoken,
                ..
            } => {
                out.push_str(&format!("{indent}speak    {text_spoken}\n"));
                if text_shown != text_spoken {
                    out.push_str(&format!("{indent}         (written: {text_shown})\n"));
                }
            }
            Cue::Hymn {
                number,
                title,
                fallback,
            } => {
                let n = number.map(|n| format!("#{n} ")).unwrap_or_default();
                let how = if fallback.is_empty() {
                    "recording only"
                } else {
                    "recording, or read aloud without one"
                };
                out.push_str(&format!("{indent}hymn     {n}{title} ({how})\n"));
                write_cues(fallback, &format!("{indent}  "), out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Section;
    use crate::speech::lexicon::Lexicon;

    fn build(a: &Article, p: &Pauses) -> Script {
        let lex = Lexicon::default();
        super::build(a, p, &mut Reader::new(&lex, false), None)
    }

    fn article() -> Article {
        Article {
            slug: "a".into(),
            source: Default::default(),
            title: "Kept".into(),
            date: None,
            summary: None,
            sections: vec![
                Section {
                    heading: None,
                    blocks: vec![Block::Paragraph("One. Two.".into())],
                },
                Section {
                    heading: Some("A Heading".into()),
                    blocks: vec![Block::HymnStanza {
                        number: Some(12),
                        lines: vec!["Line a,".into(), "line b.".into()],
                        cite: Some("Hymns #12".into()),
                    }],
                },
            ],
            warnings: Vec::new(),
            draft: false,
            author: None,
            link: None,
        }
    }

    #[test]
    fn chapters_and_sentences_in_order() {
        let s = build(&article(), &Pauses::default());
        let chapters: Vec<_> = s
            .cues
            .iter()
            .filter_map(|c| match c {
                Cue::Chapter { title } => Some(title.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(chapters, vec!["Kept", "A Heading"]);
        let shown: Vec<_> = s
            .spoken()
            .iter()
            .map(|c| match c {
                Cue::Speak { text_shown, .. } => text_shown.as_str(),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(
            shown,
            vec![
                "Kept.",
                "One.",
                "Two.",
                "A Heading",
                "Line a,",
                "line b.",
                "(Hymns #12)"
            ]
        );
        let ids: Vec<_> = s
            .spoken()
            .iter()
            .map(|c| match c {
                Cue::Speak { sentence_id, .. } => *sentence_id,
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(ids, (0..7).collect::<Vec<_>>());
        assert!(!matches!(s.cues.last(), Some(Cue::Pause { .. })));
        assert!(!s
            .cues
            .windows(2)
            .any(|w| matches!(w, [Cue::Pause { .. }, Cue::Pause { .. }])));
    }

    #[test]
    fn cited_hymns_in_prose() {
        assert_eq!(
            cited_hymns("Sing it (Hymns #114) and (Hymns #1129)."),
            vec![114, 1129]
        );
        assert!(cited_hymns("no hymn here #5").is_empty());
    }

    #[test]
    fn hymn_cue_carries_number_and_title() {
        let s = build(&article(), &Pauses::default());
        let hymn = s.cues.iter().find_map(|c| match c {
            Cue::Hymn { number, title, .. } => Some((*number, title.clone())),
            _ => None,
        });
        assert_eq!(hymn, Some((Some(12), "Line a (Hymn 12)".to_string())));
    }
}
