//! Text-to-speech engines behind one [`Voice`] trait.
//!
//! `auto` picks the system espeak-ng library when it is installed (clearer, and about
//! 1,300× faster than real time) and otherwise the pure-Rust port compiled into devocast, so a
//! fresh machine needs no set-up.

pub mod embedded;
pub mod system;

use crate::config::{Engine, VoiceConfig};
use anyhow::Result;

/// Mono speech at the engine's own sample rate.
#[derive(Debug, Clone)]
pub struct Speech {
    /// Samples in −1.0…1.0.
    pub samples: Vec<f32>,
    /// Sample rate in Hz.
    pub rate: u32,
}

/// A text-to-speech engine: one sentence in, PCM out.
pub trait Voice: Send + Sync {
    /// Human-readable engine name for logs ("system espeak-ng 1.51").
    fn describe(&self) -> String;
    /// A stable identity of engine, version and settings; cached audio is keyed on it.
    fn id(&self) -> String;
    /// Synthesizes one sentence.
    fn synthesize(&self, text: &str) -> Result<Speech>;
    /// Whether `[[...]]` espeak phoneme input in the text is honoured.
    fn accepts_phonemes(&self) -> bool {
        false
    }
}

/// Environment variable that turns "system espeak-ng not found" into an error in `auto` mode
/// (CI uses it so the system path cannot silently fall back).
pub const REQUIRE_SYSTEM_ENV: &str = "DEVOCAST_REQUIRE_SYSTEM_ESPEAK";

/// Opens the engine the configuration asks for.
pub fn open(config: &VoiceConfig) -> Result<Box<dyn Voice>> {
    let require_system = std::env::var(REQUIRE_SYSTEM_ENV).is_ok_and(|v| v == "1");
    match config.engine {
        Engine::System => Ok(Box::new(system::SystemEspeak::open(config)?)),
        Engine::Embedded => Ok(Box::new(embedded::EmbeddedEspeak::open(config)?)),
        Engine::Auto => match system::SystemEspeak::open(config) {
            Ok(v) => Ok(Box::new(v)),
            Err(e) if require_system => Err(e.context(format!(
                "{REQUIRE_SYSTEM_ENV}=1 requires the system espeak-ng library"
            ))),
            Err(_) => Ok(Box::new(embedded::EmbeddedEspeak::open(config)?)),
        },
    }
}

/// Converts 16-bit samples to floats.
pub(crate) fn i16_to_f32(samples: &[i16]) -> Vec<f32> {
    samples.iter().map(|&s| f32::from(s) / 32768.0).collect()
}
