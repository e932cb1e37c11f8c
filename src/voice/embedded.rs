//! The pure-Rust espeak-ng port compiled into devocast: works on a fresh machine with no
//! set-up. Its English is less clear than the C library's (an offline recogniser mis-hears
//! about half the words, against about a tenth), so `auto` prefers the system library.

use super::{i16_to_f32, Speech, Voice};
use crate::config::VoiceConfig;
use anyhow::{anyhow, Context, Result};
use espeak_ng::{EspeakNg, Parameter};
use std::path::PathBuf;

/// The embedded voice.
pub struct EmbeddedEspeak {
    engine: EspeakNg,
    name: String,
    rate: u32,
    pitch: u32,
}

/// Where the bundled language data is unpacked: a per-user cache, versioned so upgrades
/// never read stale data.
fn data_dir() -> PathBuf {
    let base = std::env::var_os("DEVOCAST_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(|p| PathBuf::from(p).join("devocast")))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/devocast")))
        .unwrap_or_else(|| std::env::temp_dir().join("devocast"));
    base.join(format!("espeak-ng-data-{}", EspeakNg::version()))
}

/// Unpacks the bundled English data once; a marker file says the unpack completed.
fn install_data() -> Result<PathBuf> {
    let dir = data_dir();
    let marker = dir.join(".complete");
    if marker.exists() {
        return Ok(dir);
    }
    // Unpack beside the final folder and rename, so concurrent builds never see half a tree.
    let tmp = dir.with_extension(format!("tmp-{}", crate::fsutil::unique_suffix()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp)
        .with_context(|| format!("failed to create `{}`", tmp.display()))?;
    espeak_ng::install_bundled_language(&tmp, "en").with_context(|| {
        format!(
            "failed to unpack the embedded voice data into `{}`",
            tmp.display()
        )
    })?;
    std::fs::write(tmp.join(".complete"), b"")?;
    match std::fs::rename(&tmp, &dir) {
        Ok(()) => {}
        Err(_) if marker.exists() => {
            let _ = std::fs::remove_dir_all(&tmp);
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::rename(&tmp, &dir).with_context(|| {
                format!("failed to move voice data into `{}` ({e})", dir.display())
            })?;
        }
    }
    Ok(dir)
}

/// An espeak-ng instance for phonemizing (Piper), in the given espeak voice.
pub fn phonemizer(voice: &str) -> Result<EspeakNg> {
    let dir = install_data()?;
    EspeakNg::with_data_dir(voice, &dir).map_err(|e| anyhow!("espeak-ng phonemizer ({voice}): {e}"))
}

impl EmbeddedEspeak {
    /// Unpacks the data if needed and creates the engine.
    pub fn open(config: &VoiceConfig) -> Result<EmbeddedEspeak> {
        let dir = install_data()?;
        let mut engine = EspeakNg::with_data_dir(&config.name, &dir)
            .map_err(|e| anyhow!("embedded espeak-ng: {e}"))?;
        engine.set_parameter(Parameter::Rate, config.rate as i32);
        engine.set_parameter(Parameter::Pitch, config.pitch as i32);
        Ok(EmbeddedEspeak {
            engine,
            name: config.name.clone(),
            rate: config.rate,
            pitch: config.pitch,
        })
    }
}

impl Voice for EmbeddedEspeak {
    fn describe(&self) -> String {
        format!("embedded espeak-ng {} ({})", EspeakNg::version(), self.name)
    }

    fn id(&self) -> String {
        format!(
            "espeak-embedded/{}/{}/rate={}/pitch={}",
            EspeakNg::version(),
            self.name,
            self.rate,
            self.pitch
        )
    }

    fn identity(&self) -> super::Identity {
        super::Identity {
            engine: super::identity::engine::EMBEDDED.into(),
            name: self.name.clone(),
            version: Some(EspeakNg::version().to_string()),
            digest: None,
            speaker: None,
            from: None,
        }
    }

    fn synthesize(&self, text: &str) -> Result<Speech> {
        let (pcm, rate) = self
            .engine
            .synth(text)
            .map_err(|e| anyhow!("embedded espeak-ng could not read {text:?}: {e}"))?;
        Ok(Speech {
            samples: i16_to_f32(&pcm),
            rate,
        })
    }
}
