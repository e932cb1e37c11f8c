//! The build's cast: the narrator, and a voice for each part with one of its own
//! (`[voices.*]`). Parts asking for the same settings share one voice; a part asking for
//! the narrator's settings is read by the narrator.

use crate::cache::CachedVoice;
use crate::config::{Config, Role};
use crate::project::state::{Published, VoiceRecord};
use crate::voice::identity::Settings;
use crate::voice::{self, Voice};
use anyhow::{Context as _, Result};
use std::path::Path;
use std::sync::Arc;

/// Opens the voice `settings` ask for, the recorded one first: `recorded` is what
/// published.toml keeps for this narrator, part or language, preferred while the settings
/// that chose it are unchanged and no `--change-voice` was given. `exists` says the podcast
/// already has that voice, so the default voice is not fetched for it.
pub(super) fn open_as_recorded(
    project: &Path,
    settings: &crate::config::VoiceConfig,
    recorded: Option<&VoiceRecord>,
    exists: bool,
    options: &super::Options,
    log: &(dyn Fn(&str) + Sync),
) -> Result<voice::Chosen> {
    let network = match options.offline {
        true => voice::Network::Offline,
        false => voice::Network::Allowed,
    };
    let asked = Settings::of(settings);
    let prefer = recorded
        .filter(|r| !options.change_voice && r.settings == asked)
        .map(|r| &r.voice);
    voice::choose(
        settings,
        project,
        network,
        voice::Recorded { prefer, exists },
        &|l| log(l),
    )
}

/// The voices of the parts that have their own, opened (the recorded one first, as for the
/// narrator).
pub fn open_readers(
    project: &Path,
    config: &Config,
    published: &Published,
    options: &super::Options,
    log: &(dyn Fn(&str) + Sync),
) -> Result<Vec<(Role, Arc<dyn Voice>)>> {
    // The narrator in the podcast's language (articles in another language: see
    // `voice::by_language`).
    let language = &config.podcast.language;
    let narrator = voice::by_language::settings_for(&config.voice, language, language);
    let mut opened: Vec<(String, Arc<dyn Voice>)> = Vec::new();
    let mut out = Vec::new();
    for role in Role::ALL {
        if config.voices.table(role).is_none() {
            continue;
        }
        let settings = config.voices.settings(role, &narrator);
        let key = format!("{settings:?}");
        if key == format!("{narrator:?}") {
            continue;
        }
        if let Some((_, v)) = opened.iter().find(|(k, _)| *k == key) {
            out.push((role, v.clone()));
            continue;
        }
        // A reader never fetches the default voice: its settings name the voice it wants.
        let chosen = open_as_recorded(
            project,
            &settings,
            published.reader(role),
            true,
            options,
            log,
        )
        .with_context(|| format!("failed to open the voice of [voices.{}]", role.key()))?;
        let v: Arc<dyn Voice> = Arc::from(chosen.voice);
        opened.push((key, v.clone()));
        out.push((role, v));
    }
    Ok(out)
}

/// "Piper joe (narrator), system espeak-ng 1.51 (scripture, prayer)"; the narrator alone
/// is named as before.
pub fn voice_line(narrator: &dyn Voice, readers: &[(Role, Arc<dyn Voice>)]) -> String {
    if readers.is_empty() {
        return narrator.describe();
    }
    let mut line = format!("{} (narrator)", narrator.describe());
    for r in book_readers(readers) {
        line.push_str(", ");
        line.push_str(&r);
    }
    line
}

/// The record of each part's voice, as published.toml keeps it.
pub fn records(config: &Config, readers: &[(Role, Arc<dyn Voice>)]) -> Vec<(Role, VoiceRecord)> {
    readers
        .iter()
        .map(|(role, v)| {
            let settings = config.voices.settings(*role, &config.voice);
            (
                *role,
                VoiceRecord {
                    voice: v.identity(),
                    settings: Settings::of(&settings),
                },
            )
        })
        .collect()
}

/// The readers of a build of `project` (see [`open_readers`]).
pub fn open_for(
    project: &Path,
    options: &super::Options,
    log: &(dyn Fn(&str) + Sync),
) -> Result<Vec<(Role, Arc<dyn Voice>)>> {
    let config = Config::load(project)?;
    let published = Published::load(&project.join(crate::config::PUBLISHED_FILE))?;
    open_readers(project, &config, &published, options, log)
}

/// Loads or synthesizes every sentence of `by_reader` with the voice that reads it: the
/// narrator's are those no other voice reads. Returns how many were synthesized.
pub fn prefetch(
    narrator: &CachedVoice,
    readers: &[(Role, CachedVoice)],
    by_reader: &[(Role, &str)],
) -> Result<usize> {
    let mut new = 0;
    for (role, voice) in
        std::iter::once((None, narrator)).chain(readers.iter().map(|(r, v)| (Some(*r), v)))
    {
        let texts: Vec<&str> = by_reader
            .iter()
            .filter(|(r, _)| match role {
                Some(role) => *r == role,
                None => !readers.iter().any(|(c, _)| c == r),
            })
            .map(|(_, t)| *t)
            .collect();
        new += voice.prefetch(&texts)?;
    }
    Ok(new)
}

/// Each sentence's reader as transcripts name it ("Scripture reader"), only when the
/// podcast has more than one voice; music names none. A part without a voice of its own
/// is the narrator's.
pub fn reader_names(
    words: &crate::publish::words::Words,
    readers: &[(Role, Arc<dyn Voice>)],
    sentences: &[crate::render::Timed],
) -> Vec<Option<String>> {
    sentences
        .iter()
        .map(|t| {
            let spoken = t
                .part
                .is_some_and(|p| p.kind != crate::script::PartKind::Music);
            let role = match readers.iter().any(|(r, _)| *r == t.reader) {
                true => t.reader,
                false => Role::Narrator,
            };
            (spoken && !readers.is_empty()).then(|| words.reader(role).to_string())
        })
        .collect()
}

/// The other voices as the build's voice line names them: "Piper joe (scripture, prayer)".
pub fn book_readers(readers: &[(Role, Arc<dyn Voice>)]) -> Vec<String> {
    named_readers(readers, |r| r.key())
}

/// The other voices as a talking book lists them, each with what it reads in the
/// podcast's language: "Piper joe (Scripture reader, Prayer reader)".
pub fn book_narrators(
    words: &crate::publish::words::Words,
    readers: &[(Role, Arc<dyn Voice>)],
) -> Vec<String> {
    named_readers(readers, |r| words.reader(r))
}

/// Each distinct voice with the parts it reads, named by `name`.
fn named_readers(
    readers: &[(Role, Arc<dyn Voice>)],
    name: impl Fn(Role) -> &'static str,
) -> Vec<String> {
    let mut named: Vec<(String, Vec<&str>)> = Vec::new();
    for (role, v) in readers {
        let d = v.describe();
        match named.iter_mut().find(|(n, _)| *n == d) {
            Some((_, roles)) => roles.push(name(*role)),
            None => named.push((d, vec![name(*role)])),
        }
    }
    named
        .into_iter()
        .map(|(d, roles)| format!("{d} ({})", roles.join(", ")))
        .collect()
}
