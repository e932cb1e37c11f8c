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

/// The voices of the parts that have their own, opened (the recorded one first, as for the
/// narrator).
pub fn open_readers(
    project: &Path,
    config: &Config,
    published: &Published,
    network: voice::Network,
    change_voice: bool,
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
        let recorded = published.reader(role);
        let asked = Settings::of(&settings);
        let prefer = recorded
            .filter(|r| !change_voice && r.settings == asked)
            .map(|r| &r.voice);
        let chosen = voice::choose(
            &settings,
            project,
            network,
            voice::Recorded {
                prefer,
                exists: true,
            },
            &|l| log(l),
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
    let network = match options.offline {
        true => voice::Network::Offline,
        false => voice::Network::Allowed,
    };
    open_readers(
        project,
        &config,
        &published,
        network,
        options.change_voice,
        log,
    )
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
            (spoken && !readers.is_empty()).then(|| role.reader_name().to_string())
        })
        .collect()
}

/// The other voices as a talking book lists them: "Piper joe (scripture, prayer)".
pub fn book_readers(readers: &[(Role, Arc<dyn Voice>)]) -> Vec<String> {
    let mut named: Vec<(String, Vec<&str>)> = Vec::new();
    for (role, v) in readers {
        let d = v.describe();
        match named.iter_mut().find(|(n, _)| *n == d) {
            Some((_, roles)) => roles.push(role.key()),
            None => named.push((d, vec![role.key()])),
        }
    }
    named
        .into_iter()
        .map(|(d, roles)| format!("{d} ({})", roles.join(", ")))
        .collect()
}
