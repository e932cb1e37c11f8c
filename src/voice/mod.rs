//! Text-to-speech engines behind one [`Voice`] trait, and the choice among them.
//!
//! `auto` (the default) narrates with a natural Piper voice when one is installed, fetching
//! the default voice once when none is and the network allows; otherwise with the system
//! espeak-ng library, and on a bare machine with the pure-Rust port compiled into devocast.
//! Whichever it settles on, the build says so, and says how to get the better voice.

pub mod by_language;
pub mod catalog;
pub mod embedded;
pub mod fetch;
pub mod identity;
pub mod languages;
pub mod listing;
pub mod listing_languages;
pub mod names;
pub mod piper;
pub mod presence;
mod python;
pub mod system;

use crate::config::{Engine, VoiceConfig};
use anyhow::{Context, Result};
pub use identity::Identity;
use std::path::Path;

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
    /// The language the voice speaks (BCP 47), when known.
    fn language(&self) -> Option<String> {
        None
    }
    /// The voice as listeners hear it, the same on every machine with the same voice files:
    /// what the podcast's record keeps. By default, the description and a digest of
    /// [`Voice::id`].
    fn identity(&self) -> Identity {
        Identity {
            engine: "other".into(),
            name: self.describe(),
            version: None,
            digest: Some(blake3::hash(self.id().as_bytes()).to_hex().to_string()),
            speaker: None,
            from: None,
        }
    }
}

/// Environment variable that turns "system espeak-ng not found" into an error in `auto` mode
/// (CI uses it so the system path cannot silently fall back).
pub const REQUIRE_SYSTEM_ENV: &str = "DEVOCAST_REQUIRE_SYSTEM_ESPEAK";

/// Environment variable that forbids any download (`DEVOCAST_OFFLINE=1`).
pub const OFFLINE_ENV: &str = "DEVOCAST_OFFLINE";

/// Whether opening a voice may fetch one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Network {
    /// A build may fetch the voice it needs, once, unless the settings or the environment
    /// say otherwise.
    Allowed,
    /// Nothing is fetched (`--offline`, proofreading, listing).
    Offline,
}

/// The voice a build narrates with, and what the producer should hear about the choice.
pub struct Chosen {
    /// The engine.
    pub voice: Box<dyn Voice>,
    /// One-line notes: a fallback and the command that fixes it, a download made.
    pub notes: Vec<String>,
}

impl Network {
    fn allows(self, config: &VoiceConfig) -> bool {
        self == Network::Allowed
            && config.download
            && !std::env::var(OFFLINE_ENV).is_ok_and(|v| v == "1")
    }
}

/// The configuration with paths made relative to the project.
fn in_project(config: &VoiceConfig, project: &Path) -> VoiceConfig {
    let mut c = config.clone();
    c.onnxruntime = config.onnxruntime.as_ref().map(|p| project.join(p));
    c
}

/// A Piper voice by setting (name or path), fetching a named one if allowed and missing.
fn piper_voice(
    config: &VoiceConfig,
    project: &Path,
    setting: &str,
    network: Network,
    log: &dyn Fn(&str),
) -> Result<Box<dyn Voice>> {
    let model = match catalog::resolve(setting, project) {
        Ok(m) => m,
        Err(_) if catalog::is_name(setting) && network.allows(config) => {
            let progress = download_progress();
            let m = fetch::install(setting, log, &|done, total| progress(done, total))
                .with_context(|| format!("could not download the voice {setting}"))?;
            log(&format!("installed the voice {setting}"));
            m
        }
        Err(e) => return Err(e),
    };
    open_piper(config, project, &model, Some(setting))
}

/// Opens the Piper model at `model`, chosen by `setting` (a name or a file), saying where it
/// was found.
fn open_piper(
    config: &VoiceConfig,
    project: &Path,
    model: &Path,
    setting: Option<&str>,
) -> Result<Box<dyn Voice>> {
    let origin = presence::origin_of(model, setting);
    Ok(Box::new(
        piper::Piper::open(&in_project(config, project), model)?.from(origin),
    ))
}

/// The podcast's recorded voice, opened if this machine has it (for `auto`).
fn open_recorded(
    config: &VoiceConfig,
    project: &Path,
    recorded: &Identity,
) -> Option<Box<dyn Voice>> {
    let voice: Box<dyn Voice> = match recorded.engine.as_str() {
        identity::engine::PIPER => {
            let model = presence::find_piper(recorded, project)?;
            let setting = match &recorded.from {
                Some(identity::Origin::File(f)) => Some(f.as_str()),
                _ => None,
            };
            open_piper(config, project, &model, setting).ok()?
        }
        identity::engine::SYSTEM => Box::new(system::SystemEspeak::open(config).ok()?),
        identity::engine::EMBEDDED => Box::new(embedded::EmbeddedEspeak::open(config).ok()?),
        _ => return None,
    };
    voice.identity().same_voice(recorded).then_some(voice)
}

/// A progress bar on a terminal, nothing otherwise (logs get the start and end lines).
pub fn download_progress() -> impl Fn(u64, u64) + Sync {
    use std::io::IsTerminal;
    let bar: Option<indicatif::ProgressBar> = std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    move |done, total| {
        if let Some(b) = &bar {
            b.set_length(total);
            b.set_position(done);
            if done >= total {
                b.finish_and_clear();
            }
        }
    }
}

/// espeak-ng: the system library if installed, else the embedded port; for a language the
/// embedded port lacks, its English, with a note saying so.
fn espeak(config: &VoiceConfig) -> Result<(Box<dyn Voice>, Option<String>)> {
    let require_system = std::env::var(REQUIRE_SYSTEM_ENV).is_ok_and(|v| v == "1");
    match system::SystemEspeak::open(config) {
        Ok(v) => Ok((Box::new(v), None)),
        Err(e) if require_system => Err(e.context(format!(
            "{REQUIRE_SYSTEM_ENV}=1 requires the system espeak-ng library"
        ))),
        Err(_) => {
            let language = languages::primary(&config.name);
            if embedded::LANGUAGES.contains(&language.as_str()) {
                return Ok((Box::new(embedded::EmbeddedEspeak::open(config)?), None));
            }
            let english = VoiceConfig {
                name: languages::espeak_voice("en"),
                ..config.clone()
            };
            let note = format!(
                "no voice on this machine speaks {:?}: reading it with English espeak-ng; install the system espeak-ng library (`apt-get install libespeak-ng1 espeak-ng-data`) for it",
                config.name
            );
            Ok((
                Box::new(embedded::EmbeddedEspeak::open(&english)?),
                Some(note),
            ))
        }
    }
}

/// What the podcast's record says about its voice, for choosing one under `auto`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Recorded<'a> {
    /// The podcast's voice, preferred when this machine has it (none when the settings now
    /// ask for another voice, or the voice is being changed).
    pub prefer: Option<&'a Identity>,
    /// Whether the podcast has a voice at all: the default voice is fetched only for a
    /// podcast that has none yet.
    pub exists: bool,
}

/// Opens the engine the configuration asks for; paths are relative to `project`. Under
/// `auto`, the podcast's recorded voice comes first. `log` hears about a download as it
/// happens.
pub fn choose(
    config: &VoiceConfig,
    project: &Path,
    network: Network,
    recorded: Recorded,
    log: &dyn Fn(&str),
) -> Result<Chosen> {
    let chosen = |voice: Box<dyn Voice>| Chosen {
        voice,
        notes: Vec::new(),
    };
    match config.engine {
        Engine::System => Ok(chosen(Box::new(system::SystemEspeak::open(config)?))),
        Engine::Embedded => Ok(chosen(Box::new(embedded::EmbeddedEspeak::open(config)?))),
        Engine::Piper => {
            let setting = config.model.as_deref().unwrap_or(catalog::DEFAULT_VOICE);
            Ok(chosen(piper_voice(config, project, setting, network, log)?))
        }
        Engine::Auto => {
            // The podcast's own voice, else the configured one, else the default one, else
            // any installed voice in the language the espeak voice names.
            if let Some(voice) = recorded
                .prefer
                .and_then(|r| open_recorded(config, project, r))
            {
                return Ok(chosen(voice));
            }
            let wanted = config.model.as_deref();
            // The language the narrator speaks is the espeak voice's (`settings_for` and
            // the configuration make it the article's and the podcast's).
            let language = languages::espeak_language(&config.name);
            let default_voice = languages::default_piper(&language);
            let installed = match wanted {
                Some(w) => catalog::resolve(w, project).ok(),
                None => default_voice
                    .and_then(catalog::find)
                    .or_else(|| {
                        catalog::installed().into_iter().find(|v| {
                            languages::piper_language(&v.language)
                                .is_some_and(|l| languages::same_language(&l, &language))
                        })
                    })
                    .map(|v| v.model),
            };
            let mut notes = Vec::new();
            let setting = wanted.or(default_voice).unwrap_or("");
            // A voice named in the settings may be fetched; the language's default one only
            // for a podcast that has no voice yet.
            let may_fetch = network.allows(config)
                && catalog::is_name(setting)
                && !setting.is_empty()
                && (wanted.is_some() || !recorded.exists);
            let attempt = match installed {
                Some(model) => Some(open_piper(config, project, &model, wanted)),
                None if may_fetch => Some(piper_voice(config, project, setting, network, log)),
                None => None,
            };
            let failure = match attempt {
                Some(Ok(voice)) => return Ok(Chosen { voice, notes }),
                Some(Err(e)) => Some(e),
                None => None,
            };
            let (voice, fallback) = espeak(config)?;
            notes.extend(fallback);
            let size = if setting == catalog::DEFAULT_VOICE {
                " (about 63 MB)"
            } else {
                ""
            };
            let fix = if setting.is_empty() {
                // No Piper voice devocast knows of speaks it: espeak-ng is the voice.
                format!("devocast names no neural voice for {language}; an installed Piper voice of it is used when there is one")
            } else if catalog::is_name(setting) {
                // This build's voice becomes the podcast's: the better one, once installed,
                // takes over only by decision.
                format!("`devocast voices get {setting}` installs it{size}, then `devocast build --change-voice` narrates the podcast with it")
            } else {
                format!("check `voice.model = {setting:?}`")
            };
            let why = match failure {
                Some(e) => format!("{e:#}"),
                None => "no neural voice is installed".to_string(),
            };
            notes.push(format!(
                "{why}: narrating with {}, which listeners find much harder to follow; {fix}",
                voice.describe()
            ));
            Ok(Chosen { voice, notes })
        }
    }
}

/// Opens the configured engine without fetching anything (for proofreading and tests).
pub fn open(config: &VoiceConfig, project: &Path) -> Result<Box<dyn Voice>> {
    choose(
        config,
        project,
        Network::Offline,
        Recorded::default(),
        &|_| {},
    )
    .map(|c| c.voice)
}

/// Converts 16-bit samples to floats.
pub(crate) fn i16_to_f32(samples: &[i16]) -> Vec<f32> {
    samples.iter().map(|&s| f32::from(s) / 32768.0).collect()
}

/// What each engine needs and whether this machine has it, for `devocast voices`.
pub fn available(config: &VoiceConfig, project: &Path) -> Vec<(String, Result<String>)> {
    let config = &in_project(config, project);
    let mut out = Vec::new();
    let piper_voices = catalog::installed();
    // The recommended voice is the one for the language the narrator speaks.
    let language = languages::espeak_language(&config.name);
    out.push((
        "piper".to_string(),
        if piper_voices.is_empty() {
            Err(match languages::default_piper(&language) {
                Some(v) => anyhow::anyhow!(
                    "no Piper voice installed; `devocast voices get {v}` fetches the recommended one"
                ),
                None => anyhow::anyhow!(
                    "no Piper voice installed; devocast names none for {language}: any Piper voice of it that you install is used"
                ),
            })
        } else {
            Ok(format!(
                "natural neural voices, run in-process by rten; {} installed",
                piper_voices.len()
            ))
        },
    ));
    #[cfg(feature = "onnxruntime")]
    out.push((
        "piper (onnxruntime)".to_string(),
        piper::with_ort::find_onnxruntime(config.onnxruntime.as_deref()).map(|lib| {
            format!(
                "ONNX Runtime at {} (set voice.runtime = \"onnxruntime\" to use it)",
                lib.display()
            )
        }),
    ));
    out.push((
        "system".to_string(),
        system::SystemEspeak::open(config).map(|v| {
            format!(
                "{} — robotic but clear and very fast; the fallback when no neural voice is installed",
                v.describe()
            )
        }),
    ));
    out.push((
        "embedded".to_string(),
        embedded::EmbeddedEspeak::open(config).map(|v| {
            format!(
                "{} — always available; a last resort, hard to follow in places",
                v.describe()
            )
        }),
    ));
    out
}
