//! The pure-Rust espeak-ng port compiled into devocast: works on a fresh machine with no
//! set-up. Its English is less clear than the C library's (an offline recogniser mis-hears
//! about half the words, against about a tenth), so `auto` prefers the system library.
//! It carries English and Spanish ([`LANGUAGES`]); another language is refused when opened.

use super::{i16_to_f32, Speech, Voice};
use crate::config::VoiceConfig;
use anyhow::{anyhow, Context, Result};
use espeak_ng::{EspeakNg, Parameter};
use std::path::PathBuf;

/// The languages whose dictionaries are compiled in (cargo features `bundled-data-*` of
/// `espeak-ng`; each dictionary adds well under a megabyte).
pub const LANGUAGES: [&str; 2] = ["en", "es"];

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
    // The languages are in the name: data unpacked before Spanish came has no Spanish.
    base.join(format!(
        "espeak-ng-data-{}-{}",
        EspeakNg::version(),
        LANGUAGES.join("-")
    ))
}

/// Unpacks the bundled data once; a marker file says the unpack completed.
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
    espeak_ng::install_bundled_languages(&tmp, &LANGUAGES).with_context(|| {
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
        let language = super::languages::primary(&config.name);
        if !LANGUAGES.contains(&language.as_str()) {
            anyhow::bail!(
                "the embedded espeak-ng speaks only {}, not {:?}: install the system espeak-ng library for it",
                LANGUAGES.join(" and "),
                config.name
            );
        }
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
    fn language(&self) -> Option<String> {
        Some(super::languages::espeak_language(&self.name))
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> VoiceConfig {
        VoiceConfig {
            name: name.into(),
            ..VoiceConfig::default()
        }
    }

    #[test]
    fn the_embedded_voice_speaks_spanish_and_says_so() {
        for (name, language) in [("es", "es"), ("es-419", "es-419"), ("en-us", "en-US")] {
            let v = EmbeddedEspeak::open(&named(name)).expect(name);
            assert_eq!(v.language().as_deref(), Some(language), "{name}");
            let speech = v.synthesize("Dios es amor.").expect(name);
            assert!(speech.samples.iter().any(|s| s.abs() > 0.01), "{name}");
        }
    }

    #[test]
    fn a_language_the_embedded_voice_lacks_is_refused_by_name() {
        let err = EmbeddedEspeak::open(&named("de")).err().expect("refused");
        assert!(format!("{err:#}").contains("\"de\""), "{err:#}");
    }
}
