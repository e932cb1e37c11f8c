//! Article → [`Script`]: the ordered cues an episode is rendered from.
//!
//! Each spoken cue keeps both what the article says (`text_shown`, for transcripts) and what
//! the voice reads (`text_spoken`), so transcripts stay faithful while the audio is read for
//! the ear.

use crate::article::{Article, Block};
use crate::config::{Config, Pauses, Role};
use crate::speech::hymn;
use crate::speech::normalize::Reader;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// How an article becomes a script, besides the article itself.
#[derive(Debug, Clone)]
pub struct Settings<'a> {
    /// Silence inserted by the article's structure.
    pub pauses: &'a Pauses,
    /// Spoken at the start instead of the bare title ("Morning Manna. Rest for the Weary.
    /// November 8, 2026.").
    pub opening: Option<String>,
    /// Whether the narrator names a hymn before its recording plays.
    pub announce_hymns: bool,
    /// Recordings' titles by hymn number (`[hymns.N] title`), for those announcements.
    pub hymn_titles: BTreeMap<u32, String>,
}

impl<'a> Settings<'a> {
    /// Only the pauses: the title opens, hymns are announced by their first line.
    pub fn new(pauses: &'a Pauses) -> Settings<'a> {
        Settings {
            pauses,
            opening: None,
            announce_hymns: true,
            hymn_titles: BTreeMap::new(),
        }
    }

    /// The project's pauses, hymn announcements and recording titles.
    pub fn of(config: &'a Config, opening: Option<String>) -> Settings<'a> {
        Settings {
            pauses: &config.pauses,
            opening,
            announce_hymns: config.production.announce_hymns,
            hymn_titles: config
                .hymns
                .iter()
                .filter_map(|(n, h)| Some((n.parse().ok()?, h.title.clone()?)))
                .collect(),
        }
    }
}

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
        /// Who reads it (the voice is the narrator's unless `[voices.<reader>]` is set).
        reader: Role,
    },
    /// Silence.
    Pause { ms: u32 },
    /// A hymn: a recording plays here when one exists, named first by the announcement
    /// cues; without one, the fallback cues read the stanza (a hymn cited in prose has none).
    Hymn {
        number: Option<u32>,
        title: String,
        /// Spoken just before the recording ("Hymn 302: Come, you weary"), only when it plays.
        announcement: Vec<Cue>,
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
    /// The narrator naming a recording before it plays (words not in the article).
    Announcement,
    /// A line of lines kept as written (a psalm or poem, a letter's closing).
    Line,
}

/// The whole episode as cues.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Script {
    /// Episode title.
    pub title: String,
    /// Cues in playing order.
    pub cues: Vec<Cue>,
}

/// Builds the script for an article, reading every sentence with `reader`: the opening,
/// then each section's heading and blocks.
pub fn build(article: &Article, settings: &Settings, reader: &mut Reader) -> Script {
    let mut b = Builder::new(settings, reader, quoted_hymns(article));
    b.opening(article);
    for section in &article.sections {
        if let Some(h) = &section.heading {
            b.heading(h);
        }
        let mut prayer = section
            .heading
            .as_deref()
            .is_some_and(roles::is_prayer_heading);
        for block in &section.blocks {
            let marked = match block {
                Block::Paragraph(p) => {
                    let (marked, starts) = roles::marked_prayer(article, p);
                    prayer |= starts;
                    marked
                }
                _ => false,
            };
            b.prose_role = if prayer || marked {
                Role::Prayer
            } else {
                Role::Narrator
            };
            b.block(block);
        }
    }
    b.finish(&article.title)
}

/// Hymns whose stanza the article quotes: they play at the stanza, never again after a
/// paragraph that cites them.
fn quoted_hymns(article: &Article) -> BTreeSet<u32> {
    article
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::HymnStanza { number, .. } => *number,
            _ => None,
        })
        .collect()
}

/// The rules an article is read by: its own language if it names one (front matter
/// `language`, HTML `lang`), else the podcast's; English where devocast has no rules.
pub fn reading_language(
    config: &Config,
    article: &Article,
) -> &'static dyn crate::speech::Language {
    crate::speech::language_or_english(article_language(config, article))
}

/// The article's language (BCP 47): its own if it names one, else the podcast's.
pub fn article_language<'a>(config: &'a Config, article: &'a Article) -> &'a str {
    article
        .language
        .as_deref()
        .unwrap_or(&config.podcast.language)
}

/// A warning when devocast has no reading rules for the article's language (it is then
/// read by the English rules), naming `file`.
pub fn unread_language_warning(config: &Config, article: &Article, file: &str) -> Option<String> {
    let tag = article_language(config, article);
    crate::speech::language(tag).is_none().then(|| {
        format!(
            "`{file}` is in {tag:?}, which devocast has no reading rules for: its numbers, dates and Bible references will be read as in English"
        )
    })
}

/// Hymn numbers cited in prose ("(Hymns #114)", "Hymn 302", "hymn no. 302"), in order, each
/// once.
pub fn cited_hymns(text: &str, words: &hymn::Words) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for c in hymn::find_all(text, words) {
        if !out.contains(&c.number) {
            out.push(c.number);
        }
    }
    out
}

/// "Savior, hail! enthroned in glory (Hymn 114)" — first line and number, with the hymn's
/// name in the article's language (`hymn_name`).
pub fn hymn_title(
    number: Option<u32>,
    lines: &[String],
    cite: Option<&str>,
    hymn_name: &str,
) -> String {
    let first = lines
        .first()
        .map(|l| l.trim_end_matches([',', ';', ':', '.']).to_string())
        .unwrap_or_default();
    match (number, cite) {
        (Some(n), _) => format!("{first} ({hymn_name} {n})"),
        (None, Some(c)) => format!("{first} ({c})"),
        (None, None) => first,
    }
}

impl Script {
    /// Every spoken cue in order, including hymn announcements and fallbacks.
    pub fn spoken(&self) -> Vec<&Cue> {
        fn walk<'a>(cues: &'a [Cue], out: &mut Vec<&'a Cue>) {
            for c in cues {
                match c {
                    Cue::Speak { .. } => out.push(c),
                    Cue::Hymn {
                        announcement,
                        fallback,
                        ..
                    } => {
                        walk(announcement, out);
                        walk(fallback, out);
                    }
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.cues, &mut out);
        out
    }
}

mod builder;
pub mod roles;
use builder::Builder;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Section;
    use crate::speech::lexicon::Lexicon;

    fn build(a: &Article, p: &Pauses) -> Script {
        build_with(a, &Settings::new(p))
    }

    fn build_with(a: &Article, settings: &Settings) -> Script {
        let lex = Lexicon::default();
        super::build(a, settings, &mut Reader::new(&lex, false))
    }

    fn with_blocks(blocks: Vec<Block>) -> Article {
        let mut a = article();
        a.sections = vec![Section {
            heading: None,
            blocks,
        }];
        a
    }

    /// A hymn cue's number, title and announcement (as shown, as read).
    type HymnCue = (Option<u32>, String, Vec<(String, String)>);

    /// The hymn cues.
    fn hymns(s: &Script) -> Vec<HymnCue> {
        s.cues
            .iter()
            .filter_map(|c| match c {
                Cue::Hymn {
                    number,
                    title,
                    announcement,
                    ..
                } => Some((
                    *number,
                    title.clone(),
                    announcement
                        .iter()
                        .map(|a| match a {
                            Cue::Speak {
                                text_shown,
                                text_spoken,
                                ..
                            } => (text_shown.clone(), text_spoken.clone()),
                            _ => unreachable!(),
                        })
                        .collect(),
                )),
                _ => None,
            })
            .collect()
    }

    fn article() -> Article {
        Article {
            slug: "a".into(),
            title: "Kept".into(),
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
            ..Default::default()
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
                "Hymn 12: Line a",
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
        assert_eq!(ids, (0..8).collect::<Vec<_>>());
        assert!(!matches!(s.cues.last(), Some(Cue::Pause { .. })));
        assert!(!s
            .cues
            .windows(2)
            .any(|w| matches!(w, [Cue::Pause { .. }, Cue::Pause { .. }])));
    }

    #[test]
    fn cited_hymns_in_prose() {
        assert_eq!(
            cited_hymns(
                "Sing it (Hymns #114) and (Hymns #1129).",
                &crate::speech::en::HYMNS
            ),
            vec![114, 1129]
        );
        assert!(cited_hymns("no hymn here #5", &crate::speech::en::HYMNS).is_empty());
        assert_eq!(
            cited_hymns(
                "Sing Hymn 302, then hymn #12, Hymn No. 302 again and (Hymns 40).",
                &crate::speech::en::HYMNS
            ),
            vec![302, 12, 40]
        );
        assert!(cited_hymns(
            "We sang a hymn 3 times; the 2 hymns of 1850.",
            &crate::speech::en::HYMNS
        )
        .is_empty());
    }

    #[test]
    fn every_form_cited_in_prose_plays_once_after_its_paragraph() {
        for text in [
            "Sing with us (Hymn 302).",
            "Turn to Hymn 302 now.",
            "We love hymn #302 here.",
            "Sing Hymn No. 302 with me.",
            "Sing it (Hymns 302) today.",
            "It is in the Hymnal #302, stanza 2.",
        ] {
            let s = build(
                &with_blocks(vec![Block::Paragraph(text.into())]),
                &Pauses::default(),
            );
            let h = hymns(&s);
            assert_eq!(h.len(), 1, "{text}: {h:?}");
            assert_eq!(h[0].0, Some(302), "{text}");
            assert_eq!(
                h[0].2,
                vec![(
                    "Hymn 302".to_string(),
                    "Hymn three hundred two.".to_string()
                )],
                "{text}"
            );
            // The hymn comes after the paragraph's words.
            let at = s
                .cues
                .iter()
                .position(|c| matches!(c, Cue::Hymn { .. }))
                .unwrap();
            assert!(s.cues[..at]
                .iter()
                .any(|c| matches!(c, Cue::Speak { text_shown, .. } if text_shown == text)));
        }
        // Cited twice, or also quoted as a stanza: it plays once, at the stanza.
        let s = build(
            &with_blocks(vec![
                Block::Paragraph("We will sing Hymn 302 and Hymn 5.".into()),
                Block::Paragraph("Hymn 5 again.".into()),
                Block::HymnStanza {
                    number: Some(302),
                    lines: vec!["Come, you weary,".into(), "come and rest.".into()],
                    cite: Some("Hymn 302".into()),
                },
            ]),
            &Pauses::default(),
        );
        let numbers: Vec<_> = hymns(&s).iter().map(|h| h.0).collect();
        assert_eq!(numbers, vec![Some(5), Some(302)]);
    }

    #[test]
    fn hymns_are_announced_by_title_or_first_line_unless_turned_off() {
        let stanza = Block::HymnStanza {
            number: Some(302),
            lines: vec![
                "Come, you weary, come and rest,".into(),
                "Lean on Him;".into(),
            ],
            cite: Some("Hymn No. 302".into()),
        };
        let pauses = Pauses::default();
        let s = build(&with_blocks(vec![stanza.clone()]), &pauses);
        assert_eq!(
            hymns(&s)[0].2,
            vec![(
                "Hymn 302: Come, you weary, come and rest".to_string(),
                "Hymn three hundred two: Come, you weary, come and rest.".to_string()
            )]
        );
        let mut settings = Settings::new(&pauses);
        settings
            .hymn_titles
            .insert(302, "Rest for the Weary".into());
        let s = build_with(&with_blocks(vec![stanza.clone()]), &settings);
        assert_eq!(hymns(&s)[0].2[0].0, "Hymn 302: Rest for the Weary");
        // Sentence ids stay one sequence: the announcement, then the stanza's lines.
        let ids: Vec<usize> = s
            .spoken()
            .iter()
            .map(|c| match c {
                Cue::Speak { sentence_id, .. } => *sentence_id,
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(ids, (0..ids.len()).collect::<Vec<_>>());
        settings.announce_hymns = false;
        let s = build_with(&with_blocks(vec![stanza]), &settings);
        assert!(hymns(&s)[0].2.is_empty());
        // A stanza without a number has nothing to announce.
        let s = build(
            &with_blocks(vec![Block::HymnStanza {
                number: None,
                lines: vec!["A line".into()],
                cite: Some("Song on rest".into()),
            }]),
            &pauses,
        );
        assert!(hymns(&s)[0].2.is_empty());
    }

    #[test]
    fn lines_are_read_line_by_line_and_are_no_hymn() {
        let s = build(
            &with_blocks(vec![Block::Lines {
                lines: vec!["Grace and peace,".into(), "Pastor Ana Ruiz".into()],
                cite: None,
            }]),
            &Pauses::default(),
        );
        assert!(hymns(&s).is_empty());
        let lines: Vec<(String, Part)> = s
            .spoken()
            .iter()
            .filter_map(|c| match c {
                Cue::Speak {
                    text_shown, part, ..
                } if part.kind == PartKind::Line => Some((text_shown.clone(), *part)),
                _ => None,
            })
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].0, "Grace and peace,");
        assert_eq!((lines[0].1.item, lines[1].1.item), (0, 1));
        assert_eq!(lines[0].1.block, lines[1].1.block);
        assert_eq!(
            s.cues
                .iter()
                .filter(|c| matches!(c, Cue::Chapter { .. }))
                .count(),
            1
        );
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
