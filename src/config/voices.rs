//! `[voices.*]`: voices of their own for parts of an article — Scripture, other quotations,
//! hymn words read aloud and prayers. A part without a table is read by the narrator
//! (`[voice]`); a table's unset keys are the narrator's, so `[voices.scripture] speaker = 3`
//! alone is the narrator's model with another speaker.

use super::{Engine, PiperRuntime, VoiceConfig};
use anyhow::{Context as _, Result};
use serde::{Deserialize, Serialize};

/// Who reads a sentence: what the sentence is, decided from its place in the article. The
/// voice for it is the narrator's unless `[voices.<role>]` gives another.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything not below.
    #[default]
    Narrator,
    /// Quoted Scripture: a block quote, or a quotation, followed by a Bible reference.
    Scripture,
    /// Other block quotes.
    Quote,
    /// Hymn words read aloud.
    Stanza,
    /// A prayer: a section headed as one, or a paragraph marked as one.
    Prayer,
}

impl Role {
    /// Every role, the narrator first.
    pub const ALL: [Role; 5] = [
        Role::Narrator,
        Role::Scripture,
        Role::Quote,
        Role::Stanza,
        Role::Prayer,
    ];

    /// As written in `devocast.toml` and `script --json`.
    pub fn key(self) -> &'static str {
        match self {
            Role::Narrator => "narrator",
            Role::Scripture => "scripture",
            Role::Quote => "quote",
            Role::Stanza => "stanza",
            Role::Prayer => "prayer",
        }
    }

    /// As a transcript names the reader ("Scripture reader").
    pub fn reader_name(self) -> &'static str {
        match self {
            Role::Narrator => "Narrator",
            Role::Scripture => "Scripture reader",
            Role::Quote => "Quotation reader",
            Role::Stanza => "Hymn reader",
            Role::Prayer => "Prayer reader",
        }
    }

    /// Whether this is the narrator (serde skips it where only other readers are shown).
    pub fn is_narrator(&self) -> bool {
        *self == Role::Narrator
    }
}

/// `[voices]`: the voice of each part that has one of its own.
#[derive(Debug, Clone, Deserialize, Serialize, Default, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Voices {
    /// The voice for quoted Scripture (a block quote or a quotation followed by a Bible
    /// reference), with the same keys as `[voice]`. Default: none (the narrator).
    pub scripture: Option<PartVoice>,
    /// The voice for other block quotes. Default: none (the narrator).
    pub quote: Option<PartVoice>,
    /// The voice for hymn words read aloud. Default: none (the narrator).
    pub stanza: Option<PartVoice>,
    /// The voice for prayers: a section headed "Prayer" (or "A Prayer", "Closing Prayer",
    /// "Let us pray", "Oración"), an HTML paragraph or block with `class="prayer"`, or the
    /// paragraphs from front matter `prayer: "first words"` to the end of their section.
    /// Default: none (the narrator).
    pub prayer: Option<PartVoice>,
}

/// One part's voice: any key of `[voice]` it leaves unset is the narrator's.
#[derive(Debug, Clone, Deserialize, Serialize, Default, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct PartVoice {
    /// As `voice.engine`.
    pub engine: Option<Engine>,
    /// As `voice.name`.
    pub name: Option<String>,
    /// As `voice.rate`.
    pub rate: Option<u32>,
    /// As `voice.pitch`.
    pub pitch: Option<u32>,
    /// As `voice.model`.
    pub model: Option<String>,
    /// As `voice.runtime`.
    pub runtime: Option<PiperRuntime>,
    /// As `voice.speaker`: another speaker of the narrator's model shares the loaded model.
    pub speaker: Option<u32>,
    /// As `voice.length_scale`.
    pub length_scale: Option<f32>,
    /// As `voice.noise_scale`.
    pub noise_scale: Option<f32>,
    /// As `voice.noise_w`.
    pub noise_w: Option<f32>,
}

impl PartVoice {
    /// The whole settings: these keys over the narrator's.
    pub fn over(&self, narrator: &VoiceConfig) -> VoiceConfig {
        let mut v = narrator.clone();
        if let Some(e) = self.engine {
            v.engine = e;
        }
        if let Some(n) = &self.name {
            v.name = n.clone();
        }
        if let Some(r) = self.rate {
            v.rate = r;
        }
        if let Some(p) = self.pitch {
            v.pitch = p;
        }
        if let Some(m) = &self.model {
            v.model = Some(m.clone());
        }
        if let Some(r) = self.runtime {
            v.runtime = r;
        }
        v.speaker = self.speaker.or(v.speaker);
        v.length_scale = self.length_scale.or(v.length_scale);
        v.noise_scale = self.noise_scale.or(v.noise_scale);
        v.noise_w = self.noise_w.or(v.noise_w);
        v
    }
}

impl Voices {
    /// The table of `role`, if it has one (the narrator never does).
    pub fn table(&self, role: Role) -> Option<&PartVoice> {
        match role {
            Role::Narrator => None,
            Role::Scripture => self.scripture.as_ref(),
            Role::Quote => self.quote.as_ref(),
            Role::Stanza => self.stanza.as_ref(),
            Role::Prayer => self.prayer.as_ref(),
        }
    }

    /// Whether any part has a voice of its own.
    pub fn any(&self) -> bool {
        Role::ALL.iter().any(|r| self.table(*r).is_some())
    }

    /// The settings `role` is read with, given the narrator's.
    pub fn settings(&self, role: Role, narrator: &VoiceConfig) -> VoiceConfig {
        match self.table(role) {
            Some(t) => t.over(narrator),
            None => narrator.clone(),
        }
    }

    /// Each table's settings, over the narrator's, checked as `[voice]` is.
    pub fn validate(&self, narrator: &VoiceConfig) -> Result<()> {
        for role in Role::ALL {
            if self.table(role).is_some() {
                self.settings(role, narrator)
                    .validate()
                    .with_context(|| format!("in [voices.{}]", role.key()))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use std::path::Path;

    #[test]
    fn a_part_voice_inherits_what_it_leaves_unset() {
        let c = Config::parse(
            "[voice]\nengine = \"piper\"\nmodel = \"en_US-joe-medium\"\nrate = 170\n[voices.scripture]\nspeaker = 3\n[voices.prayer]\nengine = \"system\"\nname = \"en-gb\"\n",
            Path::new("x"),
        )
        .unwrap();
        let s = c.voices.settings(Role::Scripture, &c.voice);
        assert_eq!(s.engine, Engine::Piper);
        assert_eq!(s.model.as_deref(), Some("en_US-joe-medium"));
        assert_eq!(s.speaker, Some(3));
        assert_eq!(s.rate, 170);
        let p = c.voices.settings(Role::Prayer, &c.voice);
        assert_eq!((p.engine, p.name.as_str()), (Engine::System, "en-gb"));
        // Unset parts are the narrator.
        let q = c.voices.settings(Role::Quote, &c.voice);
        assert_eq!(q.speaker, None);
        assert_eq!(q.engine, Engine::Piper);
        assert!(c.voices.any());
        assert!(!Config::default().voices.any());
    }

    #[test]
    fn unknown_parts_and_keys_are_refused_with_the_valid_ones() {
        let err = Config::parse("[voices.psalm]\nspeaker = 1\n", Path::new("x")).unwrap_err();
        let text = format!("{err:#}");
        for part in ["psalm", "scripture", "quote", "stanza", "prayer"] {
            assert!(text.contains(part), "{text}");
        }
        let err = Config::parse("[voices.quote]\nspeed = 1\n", Path::new("x")).unwrap_err();
        assert!(format!("{err:#}").contains("speed"), "{err:#}");
        // Values are checked as [voice]'s, naming the table.
        let err = Config::parse("[voices.stanza]\nrate = 20\n", Path::new("x")).unwrap_err();
        let text = format!("{err:#}");
        assert!(
            text.contains("voices.stanza") && text.contains("rate"),
            "{text}"
        );
    }
}
