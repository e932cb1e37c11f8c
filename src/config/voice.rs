//! `[voice]`: which text-to-speech engine narrates, and how.

use crate::voice::names;
use anyhow::{bail, Result};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The speaker of a multi-speaker Piper voice when `speaker` is not set.
pub const DEFAULT_SPEAKER: u32 = 0;

/// Which engine speaks.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    /// An installed Piper voice (fetching the default one on first use), else the system
    /// espeak-ng library, else the embedded engine.
    #[default]
    Auto,
    /// The system espeak-ng library (`libespeak-ng.so.1`); an error if missing.
    System,
    /// The pure-Rust espeak-ng port compiled into devocast.
    Embedded,
    /// A Piper neural voice (`model`).
    Piper,
}

/// What runs a Piper model.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum PiperRuntime {
    /// rten, in-process and pure Rust: nothing to install.
    #[default]
    Rten,
    /// ONNX Runtime, loaded at run time (faster; install it yourself).
    Onnxruntime,
}

/// Voice settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct VoiceConfig {
    /// Engine selection: "auto", "piper", "system" or "embedded". Default: "auto".
    pub engine: Engine,
    /// espeak-ng voice name; an article in another language is read with that language's
    /// (see `voice::by_language`). Default: "en-us" (unset, the espeak-ng voice of
    /// `podcast.language`: "es" for Spanish, "es-419" for Latin American Spanish).
    pub name: String,
    /// Speaking rate in words per minute (80–450). Default: 165.
    pub rate: u32,
    /// Base pitch (0–100). Default: 45.
    pub pitch: u32,
    /// Piper: a voice name (`en_US-ljspeech-medium`, installed by `devocast voices get` or
    /// as a Python package) or a `.onnx` file relative to the project (its `.onnx.json`
    /// beside it). Default: "en_US-ljspeech-medium".
    pub model: Option<String>,
    /// Piper: "rten" (in-process) or "onnxruntime". Default: "rten".
    pub runtime: PiperRuntime,
    /// Whether a build may fetch the voice it needs (once). Default: true.
    pub download: bool,
    /// Piper: speaker number for multi-speaker voices. Default: 0.
    pub speaker: Option<u32>,
    /// Piper: speaking-rate factor (above 1 is slower). Default: the voice's own.
    pub length_scale: Option<f32>,
    /// Piper: voice variation. Default: the voice's own.
    pub noise_scale: Option<f32>,
    /// Piper: phoneme-length variation. Default: the voice's own.
    pub noise_w: Option<f32>,
    /// Piper: the ONNX Runtime library. Default: `ORT_DYLIB_PATH`, else an installed Python
    /// `onnxruntime` package.
    pub onnxruntime: Option<PathBuf>,
    /// Piper with ONNX Runtime: threads per inference session. Default: 1.
    pub threads: usize,
}

impl Default for VoiceConfig {
    fn default() -> Self {
        VoiceConfig {
            engine: Engine::Auto,
            name: "en-us".into(),
            rate: 165,
            pitch: 45,
            model: None,
            runtime: PiperRuntime::Rten,
            download: true,
            speaker: None,
            length_scale: None,
            noise_scale: None,
            noise_w: None,
            onnxruntime: None,
            threads: 1,
        }
    }
}

impl VoiceConfig {
    /// Checks the numbers are in range (`contains` is false for NaN, so NaN is refused).
    pub fn validate(&self) -> Result<()> {
        if !(80..=450).contains(&self.rate) {
            bail!("voice.rate = {} must be 80–450 words per minute", self.rate);
        }
        if self.pitch > 100 {
            bail!("voice.pitch = {} must be 0–100", self.pitch);
        }
        if !(1..=64).contains(&self.threads) {
            bail!("voice.threads = {} must be 1–64", self.threads);
        }
        for (key, value, range) in [
            ("voice.length_scale", self.length_scale, 0.1..=10.0),
            ("voice.noise_scale", self.noise_scale, 0.0..=2.0),
            ("voice.noise_w", self.noise_w, 0.0..=2.0),
        ] {
            if let Some(x) = value.filter(|x| !range.contains(x)) {
                bail!(
                    "{key} = {x} must be between {} and {}",
                    range.start(),
                    range.end()
                );
            }
        }
        // A name is a folder under the voices folder: only a plain one stays inside it.
        if let Some(m) = self.model.as_deref().filter(|m| names::is_name(m)) {
            if let Err(why) = names::check_name(m) {
                bail!("voice.model = {m:?} is neither a voice name nor a `.onnx` file: as a name, it {why}");
            }
        }
        if self.speaker.is_some_and(|s| s > 10_000) {
            bail!(
                "voice.speaker = {:?} is not a speaker number of any Piper voice",
                self.speaker
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use std::path::Path;

    #[test]
    fn out_of_range_voice_settings_are_named() {
        for (bad, why) in [
            ("rate = 79", "voice.rate = 79"),
            ("rate = 451", "voice.rate = 451"),
            ("pitch = 101", "voice.pitch = 101"),
            ("threads = 65", "voice.threads = 65"),
            (
                "length_scale = 0.05",
                "voice.length_scale = 0.05 must be between 0.1 and 10",
            ),
            (
                "noise_scale = 2.5",
                "voice.noise_scale = 2.5 must be between 0 and 2",
            ),
            ("noise_w = -0.1", "voice.noise_w = -0.1"),
            (
                "speaker = 10001",
                "is not a speaker number of any Piper voice",
            ),
            ("model = \"..\"", "voice.model = \"..\" is neither"),
            ("model = \".\"", "voice.model = \".\" is neither"),
            ("model = \"a b\"", "voice.model = \"a b\" is neither"),
            ("model = \"\"", "voice.model = \"\" is neither"),
        ] {
            let toml = format!("[voice]\n{bad}");
            let err = Config::parse(&toml, Path::new("x")).expect_err(&toml);
            assert!(format!("{err:#}").contains(why), "{toml}: {err:#}");
        }
        for ok in ["en_US-ljspeech-medium", "voices/x.onnx", "x.onnx"] {
            let toml = format!("[voice]\nmodel = {ok:?}");
            assert!(Config::parse(&toml, Path::new("x")).is_ok(), "{toml}");
        }
        let ok = "[voice]\nrate = 80\npitch = 100\nthreads = 64\nlength_scale = 10\nnoise_w = 0\nspeaker = 10000";
        assert!(Config::parse(ok, Path::new("x")).is_ok());
    }

    #[test]
    fn an_unset_espeak_voice_follows_the_podcasts_language() {
        for (language, name) in [
            ("es", "es"),
            ("es-MX", "es-419"),
            ("es-419", "es-419"),
            ("en-us", "en-us"),
            ("en-GB", "en-us"),
            ("de", "de"),
        ] {
            let toml = format!("[podcast]\nlanguage = \"{language}\"");
            let c = Config::parse(&toml, Path::new("x")).expect(&toml);
            assert_eq!(c.voice.name, name, "{toml}");
        }
        // Set, it is kept, whatever the podcast's language.
        let set = "[podcast]\nlanguage = \"es\"\n[voice]\nname = \"en-us\"";
        assert_eq!(
            Config::parse(set, Path::new("x")).unwrap().voice.name,
            "en-us"
        );
        assert_eq!(Config::default().voice.name, "en-us");
    }
}
