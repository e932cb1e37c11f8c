//! `devocast.toml` → [`Config`]: defaults, validation, unknown keys rejected.
//!
//! One file per section of the file, each owning its struct, its `Default` and its
//! `validate()`, so adding a setting touches one place: `podcast`, `voice`, `audio`, `pauses`,
//! `production`, `hymns`, `book` and `cache`; `folders` checks the paths of every section
//! together and says which files are the producer's. This file puts the sections together,
//! parses and loads the file, and holds the checks several sections share.
//!
//! Every field's doc comment ends with its default, held to `Default` by a test
//! (`documented.rs`); the user guide's configuration reference states the same defaults,
//! held to the code by `tests/guide.rs`.

use anyhow::{bail, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

mod audio;
mod book;
pub mod cache;
pub mod deploy;
#[cfg(test)]
mod documented;
mod folders;
mod hymns;
mod inputs;
mod language;
mod pauses;
mod podcast;
mod problems;
mod production;
mod publish;
mod voice;
mod voices;

pub use audio::{AudioConfig, Mp3Mode};
pub use book::BookConfig;
pub use cache::CacheConfig;
pub use deploy::DeployConfig;
pub use folders::inside;
pub use hymns::{HymnClip, MAX_CLIP_SECONDS};
pub use inputs::{
    NamedFile, MAX_CONFIG_BYTES, MAX_IMAGE_BYTES, MAX_LEXICON_BYTES, MAX_RECORDING_BYTES,
};
pub use pauses::Pauses;
pub use podcast::{Funding, Person, Podcast, DEFAULT_BASE_URL};
pub use production::{HymnPlacement, Production};
pub use publish::PublishConfig;
pub use voice::{Engine, PiperRuntime, VoiceConfig, DEFAULT_SPEAKER};
pub use voices::{PartVoice, Role, Voices};

/// The name of the project configuration file.
pub const FILE_NAME: &str = "devocast.toml";
/// The folder devocast keeps its cache, manifests and locks in (git-ignored).
pub const STATE_DIR: &str = ".devocast";
/// The project's record of publication dates; commit it.
pub const PUBLISHED_FILE: &str = "published.toml";

/// The longest pause or fade a configuration may ask for, ms.
pub const MAX_PAUSE_MS: u32 = 10_000;

/// The whole project configuration.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The podcast as a whole (channel metadata).
    pub podcast: Podcast,
    /// Which text-to-speech engine narrates, and how.
    pub voice: VoiceConfig,
    /// Voices of their own for Scripture, quotations, hymn words and prayers.
    pub voices: Voices,
    /// The episode's sample format and encoders.
    pub audio: AudioConfig,
    /// Silence inserted by document structure.
    pub pauses: Pauses,
    /// Intro, outro, announcement and hymn placement.
    pub production: Production,
    /// Hymn recordings by hymn number (in addition to `audio/hymns/<number>.<ext>`).
    pub hymns: BTreeMap<String, HymnClip>,
    /// Talking books.
    pub book: BookConfig,
    /// How long a voice's synthesized sentences are kept once it no longer narrates.
    pub cache: CacheConfig,
    /// How long files an earlier feed named stay published.
    pub publish: PublishConfig,
    /// Where `devocast deploy` publishes.
    pub deploy: DeployConfig,
    /// What was cleaned while loading (control characters in text), for the build's report.
    #[serde(skip)]
    pub warnings: Vec<String>,
}

impl Config {
    /// Loads `devocast.toml` from a project folder; a missing file means all defaults.
    pub fn load(project: &Path) -> Result<Config> {
        let path = project.join(FILE_NAME);
        if let Err(e) = std::fs::metadata(&path) {
            if e.kind() == std::io::ErrorKind::NotFound {
                return Ok(Config::default());
            }
        }
        let text = crate::fsutil::read_text_limited(&path, MAX_CONFIG_BYTES)?;
        Config::parse(&text, &path)
    }

    /// Parses configuration text; `path` is only used in messages. Every problem is
    /// reported at once, each with its line.
    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let mut config = problems::parse(text, path)?;
        config.clean_text(path);
        config.follow_language(text);
        Ok(config)
    }

    /// An unset `voice.name` is the espeak-ng voice of the podcast's language ("es" for a
    /// Spanish podcast), not English's.
    fn follow_language(&mut self, text: &str) {
        let named = text
            .parse::<toml::Table>()
            .ok()
            .is_some_and(|t| t.get("voice").and_then(|v| v.get("name")).is_some());
        if !named {
            self.voice.name = crate::voice::languages::espeak_voice(&self.podcast.language);
        }
    }

    /// Checks every section, then the paths of all of them together; the first problem is
    /// the error.
    fn validate(&self) -> Result<()> {
        // First: the other messages quote the values they refuse.
        inputs::check_text_sizes(self)?;
        self.audio.validate()?;
        self.voice.validate()?;
        self.voices.validate(&self.voice)?;
        self.cache.validate()?;
        self.publish.validate()?;
        self.deploy.validate()?;
        self.pauses.validate()?;
        self.production.validate()?;
        hymns::validate(&self.hymns)?;
        self.podcast.validate()?;
        folders::validate(self)
    }

    /// A warning when the feed's address is still the placeholder: apps elsewhere cannot
    /// reach `localhost`.
    pub fn base_url_warning(&self) -> Option<String> {
        (self.podcast.base_url.trim_end_matches('/') == DEFAULT_BASE_URL).then(|| {
            format!(
                "podcast.base_url is still {DEFAULT_BASE_URL}: set it to the address where feed/ will be published before listeners subscribe (`devocast serve` fills in its own address meanwhile)"
            )
        })
    }

    /// Removes characters no feed may carry from the texts that reach listeners, with a
    /// warning for each.
    fn clean_text(&mut self, path: &Path) {
        let mut texts = self.podcast.texts_mut();
        for (n, h) in &mut self.hymns {
            if let Some(t) = &mut h.title {
                texts.push((format!("[hymns.{n}] title"), t));
            }
        }
        let mut warnings = Vec::new();
        for (key, value) in texts {
            if let std::borrow::Cow::Owned(cleaned) = crate::sanitize::clean(value) {
                let removed: Vec<String> = value
                    .chars()
                    .filter(|&ch| crate::sanitize::is_forbidden(ch))
                    .map(crate::sanitize::describe)
                    .collect();
                warnings.push(format!(
                    "`{}`: {key}: removed {} (feeds and pages may not contain it)",
                    path.display(),
                    removed.join(", ")
                ));
                *value = cleaned;
            }
        }
        self.warnings = warnings;
    }
}

/// Checks a pause, gap or fade named `key` is at most [`MAX_PAUSE_MS`]: a pause of
/// 4,294,967,295 ms would ask for hundreds of gigabytes of silence.
fn check_ms(key: &str, ms: u32) -> Result<()> {
    if ms > MAX_PAUSE_MS {
        bail!("{key} = {ms} is too long; use 0–{MAX_PAUSE_MS} ms");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_gives_defaults() {
        let c = Config::parse("", Path::new("devocast.toml")).unwrap();
        assert_eq!(c.audio.sample_rate, 44_100);
        assert_eq!(c.audio.target(), -19.0);
        assert_eq!(c.voice.engine, Engine::Auto);
    }

    #[test]
    fn unknown_key_is_rejected_with_line() {
        let err = Config::parse(
            "[podcast]\ntitle = \"x\"\ntitel = \"y\"\n",
            Path::new("p.toml"),
        )
        .unwrap_err();
        let msg = format!("{err:#}");
        assert!(
            msg.contains("p.toml") && msg.contains("line 3") && msg.contains("titel"),
            "{msg}"
        );
    }

    #[test]
    fn every_section_refuses_keys_it_does_not_know() {
        for section in [
            "[podcast]\ntitle = \"x\"",
            "[voice]\nrate = 170",
            "[audio]\nwav = false",
            "[pauses]\nline_ms = 300",
            "[production]\nfade_ms = 20",
            "[book]\nepub = false",
            "[cache]\nkeep_days = 2",
            "[publish]\nretention_days = 2",
            "[deploy]\nregion = \"auto\"",
            "[hymns.3]\nfile = \"x.mp3\"",
        ] {
            let toml = format!("# a comment\n{section}\nnot_a_key = 1\n");
            let err = Config::parse(&toml, Path::new("devocast.toml")).expect_err(&toml);
            let msg = format!("{err:#}");
            assert!(
                msg.contains("line 4") && msg.contains("not_a_key"),
                "{section}: {msg}"
            );
        }
    }

    #[test]
    fn invalid_values_are_rejected() {
        for bad in [
            "[audio]\nsample_rate = 22050",
            "[audio]\nchannels = 3",
            "[audio]\nmp3_bitrate = 65",
            "[voice]\nengine = \"festival\"",
            "[podcast]\nbase_url = \"example.org\"",
            "[hymns.abc]\nfile = \"x.mp3\"",
            "[hymns.12]\nfile = \"x.mp3\"\nstart = 5.0\nend = 2.0",
            "[hymns.12]\nfile = \"x.mp3\"\nvolume = 3",
            "[production]\nhymn_placement = \"before\"",
            "[audio]\nmp3_mode = \"abr\"",
        ] {
            assert!(Config::parse(bad, Path::new("x.toml")).is_err(), "{bad}");
        }
    }

    #[test]
    fn numbers_have_sane_bounds_and_nan_is_refused() {
        for bad in [
            "[pauses]\nsentence_ms = 4294967295",
            "[pauses]\nparagraph_ms = 10001",
            "[production]\nhymn_gap_ms = 4000000000",
            "[production]\nfade_ms = 99999",
            "[production]\nfade_out_ms = 10001",
            "[production]\nfade_out_ms = -1",
            "[hymns.3]\nfile = \"x.mp3\"\nstart = nan",
            "[hymns.3]\nfile = \"x.mp3\"\nend = nan",
            "[hymns.3]\nfile = \"x.mp3\"\nstart = inf",
            "[hymns.3]\nfile = \"x.mp3\"\nend = 1e12",
            "[hymns.3]\nfile = \"x.mp3\"\nfade_in = nan",
            "[voice]\nthreads = 0",
            "[voice]\nthreads = 100000",
            "[voice]\nlength_scale = nan",
            "[voice]\nlength_scale = 1e9",
            "[voice]\nnoise_w = -1",
            "[voice]\nspeaker = 4000000000",
            "[audio]\ntarget_lufs = nan",
            "[production]\nmusic_offset_lu = nan",
            "[production]\ntrue_peak_dbtp = nan",
        ] {
            let r = Config::parse(bad, Path::new("x.toml"));
            assert!(r.is_err(), "{bad} was accepted");
        }
        assert!(Config::parse("[pauses]\nsentence_ms = 10000", Path::new("x")).is_ok());
        let c = Config::parse("[production]\nfade_out_ms = 3500", Path::new("x")).unwrap();
        assert_eq!(c.production.fade_out_ms, 3500);
        assert_eq!(Config::default().production.fade_out_ms, 2000);
    }

    #[test]
    fn control_characters_in_texts_are_removed_with_a_warning() {
        let c = Config::parse(
            "[podcast]\ntitle = \"Morning\\u0007 Manna\"\ncopyright = \"\\u000b2026\"",
            Path::new("devocast.toml"),
        )
        .unwrap();
        assert_eq!(c.podcast.title, "Morning Manna");
        assert_eq!(c.podcast.copyright.as_deref(), Some(" 2026"));
        assert_eq!(c.warnings.len(), 2, "{:?}", c.warnings);
        assert!(
            c.warnings[0].contains("devocast.toml")
                && c.warnings[0].contains("podcast.title")
                && c.warnings[0].contains("U+0007"),
            "{:?}",
            c.warnings
        );
    }

    #[test]
    fn texts_are_cleaned_in_every_section_that_reaches_listeners() {
        let c = Config::parse(
            "[podcast]\nfunding = { url = \"https://example.org\", text = \"Give\\u0001\" }\n[[podcast.person]]\nname = \"Ann\\u0002\"\n[hymns.5]\nfile = \"a.mp3\"\ntitle = \"Abide\\u0003\"",
            Path::new("devocast.toml"),
        )
        .unwrap();
        assert_eq!(c.podcast.person[0].name, "Ann");
        assert_eq!(
            c.podcast.funding.as_ref().map(|f| f.text.as_str()),
            Some("Give")
        );
        assert_eq!(c.hymns["5"].title.as_deref(), Some("Abide"));
        let keys: Vec<&str> = c
            .warnings
            .iter()
            .map(|w| w.split(": ").nth(1).unwrap_or(w))
            .collect();
        assert_eq!(
            keys,
            [
                "[[podcast.person]] name",
                "[podcast.funding] text",
                "[hymns.5] title"
            ]
        );
    }
}
