//! Cues for each kind of block, in order, with the pauses between them and each sentence's
//! place in the article.

use super::{hymn_title, roles, Cue, Part, PartKind, Script, Settings};
use crate::article::{Article, Block};
use crate::config::Role;
use crate::speech;
use crate::speech::hymn;
use crate::speech::normalize::Reader;
use std::collections::BTreeSet;

/// The script being written.
pub(super) struct Builder<'a, 'r> {
    cues: Vec<Cue>,
    next_id: usize,
    settings: &'a Settings<'a>,
    reader: &'a mut Reader<'r>,
    /// Where the next sentence sits.
    part: Part,
    /// Blocks numbered so far.
    block: usize,
    /// Hymns already played (or to be played at their quoted stanza).
    played: BTreeSet<u32>,
    /// Who reads the next sentence.
    role: Role,
    /// Who reads the next block's prose: the narrator, or the prayer's reader in a prayer.
    pub(super) prose_role: Role,
}

impl<'a, 'r> Builder<'a, 'r> {
    pub(super) fn new(
        settings: &'a Settings<'a>,
        reader: &'a mut Reader<'r>,
        played: BTreeSet<u32>,
    ) -> Builder<'a, 'r> {
        Builder {
            cues: Vec::new(),
            next_id: 0,
            settings,
            reader,
            part: Part::default(),
            block: 0,
            played,
            role: Role::Narrator,
            prose_role: Role::Narrator,
        }
    }

    /// The next block's place.
    fn next_part(&mut self, kind: PartKind) -> Part {
        self.block += 1;
        Part {
            kind,
            block: self.block,
            item: 0,
        }
    }

    /// The title's chapter and the opening announcement (or the bare title).
    pub(super) fn opening(&mut self, article: &Article) {
        self.cues.push(Cue::Chapter {
            title: article.title.clone(),
        });
        let opening = match &self.settings.opening {
            Some(a) => a.clone(),
            None => format!("{}.", article.title.trim_end_matches(['.', '!', '?'])),
        };
        self.prose(&opening, self.settings.pauses.heading_ms);
    }

    /// A section heading: a chapter, read aloud (shown as written, without the added period).
    pub(super) fn heading(&mut self, h: &str) {
        let pauses = self.settings.pauses;
        self.pause(pauses.section_ms);
        self.cues.push(Cue::Chapter {
            title: h.to_string(),
        });
        self.part = self.next_part(PartKind::Heading);
        let spoken = if h.ends_with(['.', '!', '?']) {
            h.to_string()
        } else {
            format!("{h}.")
        };
        if let Some(c) = self.speak_cue_as(&spoken, h) {
            self.cues.push(c);
        }
        self.pause(pauses.heading_ms);
    }

    /// One block of the article body.
    pub(super) fn block(&mut self, block: &Block) {
        match block {
            Block::Paragraph(t) => self.paragraph(t),
            Block::Quote { text, cite } => self.quote(text, cite.as_deref()),
            Block::List(items) => self.list(items),
            Block::Lines { lines, cite } => self.lines(lines, cite.as_deref()),
            Block::HymnStanza {
                number,
                lines,
                cite,
            } => self.stanza(*number, lines, cite.as_deref()),
        }
    }

    /// The finished script: trailing pauses dropped.
    pub(super) fn finish(mut self, title: &str) -> Script {
        while matches!(self.cues.last(), Some(Cue::Pause { .. })) {
            self.cues.pop();
        }
        Script {
            title: title.to_string(),
            cues: self.cues,
        }
    }

    /// Prose, then each hymn it cites that has not played yet, after it.
    fn paragraph(&mut self, text: &str) {
        let pauses = self.settings.pauses;
        self.part = self.next_part(PartKind::Paragraph);
        self.role = self.prose_role;
        self.prose(text, pauses.paragraph_ms);
        self.role = Role::Narrator;
        for n in super::cited_hymns(text, self.reader.language().hymn_words()) {
            if !self.played.insert(n) {
                continue;
            }
            let part = self.next_part(PartKind::Announcement);
            let announcement = self.announcement(Some(n), None, part);
            self.cues.push(Cue::Hymn {
                number: Some(n),
                title: format!("{} {n}", self.reader.language().hymn_words().hymn_name),
                announcement,
                fallback: Vec::new(),
            });
            self.pause(pauses.paragraph_ms);
        }
    }

    fn quote(&mut self, text: &str, cite: Option<&str>) {
        let pauses = self.settings.pauses;
        self.part = self.next_part(PartKind::Quote);
        let scripture = self.reader.language().scripture();
        self.role = if roles::cites_scripture(text, cite, scripture) {
            Role::Scripture
        } else {
            Role::Quote
        };
        self.prose(text, pauses.sentence_ms);
        self.citation(cite);
        self.role = Role::Narrator;
        self.pause(pauses.paragraph_ms);
    }

    fn list(&mut self, items: &[String]) {
        let pauses = self.settings.pauses;
        self.part = self.next_part(PartKind::Item);
        self.role = self.prose_role;
        for (i, item) in items.iter().enumerate() {
            self.part.item = i;
            self.prose(item, pauses.sentence_ms * 2);
        }
        self.role = Role::Narrator;
        self.pause(pauses.paragraph_ms);
    }

    /// Lines kept as written (a psalm, a poem, a closing), read line by line.
    fn lines(&mut self, lines: &[String], cite: Option<&str>) {
        self.part = self.next_part(PartKind::Line);
        let scripture = self.reader.language().scripture();
        self.role = if roles::cites_scripture(&lines.join(" "), cite, scripture) {
            Role::Scripture
        } else {
            self.prose_role
        };
        self.each_line(lines);
        self.citation(cite);
        self.role = Role::Narrator;
        self.pause(self.settings.pauses.paragraph_ms);
    }

    /// A hymn stanza: its recording (announced) plays here, or its lines are read.
    fn stanza(&mut self, number: Option<u32>, lines: &[String], cite: Option<&str>) {
        let hymn_name = self.reader.language().hymn_words().hymn_name;
        let title = hymn_title(number, lines, cite, hymn_name);
        let part = self.next_part(PartKind::Announcement);
        let announcement = self.announcement(number, lines.first().map(String::as_str), part);
        // The lines as the fallback: cues of their own, numbered in the article's order.
        let outer_cues = std::mem::take(&mut self.cues);
        let stanza = self.next_part(PartKind::Stanza);
        let outer_part = std::mem::replace(&mut self.part, stanza);
        self.role = Role::Stanza;
        self.each_line(lines);
        if let Some(c) = cite {
            self.part.kind = PartKind::Cite;
            if let Some(cue) = self.speak_cue(&format!("({c})")) {
                self.cues.push(cue);
            }
        }
        let fallback = std::mem::replace(&mut self.cues, outer_cues);
        self.part = outer_part;
        self.role = Role::Narrator;
        let paragraph_ms = self.settings.pauses.paragraph_ms;
        self.pause(paragraph_ms);
        self.cues.push(Cue::Hymn {
            number,
            title,
            announcement,
            fallback,
        });
        self.pause(paragraph_ms);
    }

    /// Each line its own sentence, with the line pause after it.
    fn each_line(&mut self, lines: &[String]) {
        for (i, line) in lines.iter().enumerate() {
            self.part.item = i;
            if let Some(c) = self.speak_cue(line) {
                self.cues.push(c);
                self.pause(self.settings.pauses.line_ms);
            }
        }
    }

    /// "From …." after a quotation or lines that name their source.
    fn citation(&mut self, cite: Option<&str>) {
        if let Some(c) = cite {
            self.part.kind = PartKind::Cite;
            self.prose(
                &format!("From {}.", c.trim_end_matches('.')),
                self.settings.pauses.paragraph_ms,
            );
        }
    }

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
        self.speak_cue_as(shown, shown)
    }

    /// A sentence read from `read` and shown as `shown` (a heading shows no added period).
    fn speak_cue_as(&mut self, read: &str, shown: &str) -> Option<Cue> {
        let spoken = self.reader.read(read);
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
            reader: self.role,
        })
    }

    /// "Hymn 302: Come, you weary", spoken before hymn `number`'s recording plays, named by
    /// its `[hymns.N]` title or `first_line`; nothing when announcements are off.
    fn announcement(
        &mut self,
        number: Option<u32>,
        first_line: Option<&str>,
        part: Part,
    ) -> Vec<Cue> {
        let Some(n) = number.filter(|_| self.settings.announce_hymns) else {
            return Vec::new();
        };
        let title = self.settings.hymn_titles.get(&n).map(String::as_str);
        let words = self.reader.language().hymn_words();
        let shown = hymn::announcement(n, title.or(first_line), words);
        let read = if shown.ends_with(['.', '!', '?']) {
            shown.clone()
        } else {
            format!("{shown}.")
        };
        let outer = std::mem::replace(&mut self.part, part);
        let cue = self.speak_cue_as(&read, &shown);
        self.part = outer;
        cue.into_iter().collect()
    }

    /// Speaks prose sentence by sentence, then pauses for the end of the block. In the
    /// narrator's prose, a sentence that is mostly a quotation followed by a Bible reference
    /// is Scripture's.
    fn prose(&mut self, text: &str, end_ms: u32) {
        let sentences = speech::split::sentences_in(text, self.reader.language());
        // The sentences joined with spaces give back the text with white space collapsed.
        let joined = sentences.join(" ");
        let quoted = match self.role {
            Role::Narrator => roles::quoted_scripture(&joined, self.reader.language().scripture()),
            _ => Vec::new(),
        };
        let outer = self.role;
        let mut at = 0;
        for s in sentences {
            let range = (at, at + s.len());
            at = range.1 + 1;
            if roles::mostly_within(range, &quoted) {
                self.role = Role::Scripture;
            }
            if let Some(c) = self.speak_cue(&s) {
                self.cues.push(c);
                self.pause(self.settings.pauses.sentence_ms);
            }
            self.role = outer;
        }
        self.pause(end_ms);
    }
}
