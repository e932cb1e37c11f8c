//! A Piper-like test voice, for tests of which voice reads what: its own identity, tone and
//! loudness, the language it speaks if set, and a record of what it was asked to say.

use anyhow::Result;
use devocast::voice::identity::{engine, Origin};
use devocast::voice::{Identity, Speech, Voice};
use std::sync::{Arc, Mutex};

/// See the module doc. Clones share their record.
#[derive(Clone)]
pub struct PiperLike {
    name: &'static str,
    gain: f32,
    language: Option<&'static str>,
    said: Arc<Mutex<Vec<String>>>,
}

impl PiperLike {
    /// A voice named like a Piper voice ("xx_XX-name-low"), at a moderate level.
    pub fn new(name: &'static str) -> PiperLike {
        PiperLike {
            name,
            gain: 0.3,
            language: None,
            said: Arc::default(),
        }
    }

    /// The same voice at another level (0–1).
    pub fn gain(mut self, gain: f32) -> PiperLike {
        self.gain = gain;
        self
    }

    /// The same voice saying it speaks `language`.
    pub fn speaking(mut self, language: &'static str) -> PiperLike {
        self.language = Some(language);
        self
    }

    /// Every sentence it synthesized, in order.
    pub fn said(&self) -> Vec<String> {
        self.said.lock().unwrap().clone()
    }

    /// How many sentences it synthesized.
    pub fn calls(&self) -> usize {
        self.said.lock().unwrap().len()
    }

    /// Whether it read a sentence holding `words`.
    pub fn read(&self, words: &str) -> bool {
        self.said().iter().any(|t| t.contains(words))
    }
}

impl Voice for PiperLike {
    fn describe(&self) -> String {
        format!("Piper {} (test)", self.name)
    }
    fn id(&self) -> String {
        format!("piper/{}/test", self.name)
    }
    fn language(&self) -> Option<String> {
        self.language.map(str::to_string)
    }
    fn identity(&self) -> Identity {
        Identity {
            engine: engine::PIPER.into(),
            name: self.name.into(),
            version: None,
            digest: Some(blake3::hash(self.name.as_bytes()).to_hex().to_string()),
            speaker: None,
            from: Some(Origin::Repository),
        }
    }
    fn synthesize(&self, text: &str) -> Result<Speech> {
        self.said.lock().unwrap().push(text.to_string());
        // A tone of the voice's own pitch, so voices differ in the audio too.
        let step = 0.04 + self.name.len() as f32 * 0.01;
        let n = text.chars().count() * 160;
        Ok(Speech {
            samples: (0..n)
                .map(|i| (i as f32 * step).sin() * self.gain)
                .collect(),
            rate: 16_000,
        })
    }
}
