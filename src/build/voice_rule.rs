//! The podcast's voice rule ([`crate::project::voicelock`]) applied to a build and to the
//! publish after shards, with the options they were given.

use super::Options;
use crate::project::layout::Layout;
use crate::project::state::{Published, VoiceRecord};
use crate::project::voicelock::{decide, earlier_voice, refuse_earlier, Decision, Refusal};
use crate::voice::identity::{Identity, Settings};
use anyhow::Result;

/// Whether this build may narrate with `voice`: the podcast's recorded voice, or a change
/// decided by the settings or `--change-voice` (see the module doc). A podcast published
/// before voices were recorded is held to the voice its manifests name.
pub fn for_build(
    layout: &Layout,
    published: &Published,
    config: &crate::config::Config,
    voice: &dyn crate::voice::Voice,
    options: &Options,
) -> Result<Decision> {
    let refusal = Refusal {
        stop: "nothing built",
        rerun: match options.shard {
            None => "devocast build --change-voice".to_string(),
            Some(s) => format!(
                "devocast build --shard {s} --change-voice` for every shard, then `devocast publish --change-voice"
            ),
        },
    };
    let identity = voice.identity();
    if published.voice().is_none() && !options.change_voice {
        if let Some((earlier, _)) = earlier_voice(layout, published, &voice.id()) {
            return Err(refuse_earlier(&earlier, &identity, &refusal));
        }
    }
    decide(
        published.voice(),
        &Settings::of(&config.voice),
        &identity,
        options.change_voice,
        &refusal,
    )
}

/// The voice that narrated some of the episodes shards built.
pub struct Narrator {
    /// As shown to people.
    pub voice: String,
    /// As recorded (none from a devocast that did not record it).
    pub identity: Option<Identity>,
    /// The episodes.
    pub slugs: Vec<String>,
}

/// One voice narrated every episode the shards built, and it is the podcast's (or a change
/// decided as for a build): then it is recorded and the line saying so returned. Otherwise
/// nothing is published.
pub fn for_publish(
    voices: &std::collections::BTreeMap<String, Narrator>,
    published: &mut Published,
    config: &crate::config::Config,
    options: &Options,
) -> Result<Option<String>> {
    let Some(identity) = one_voice(voices)? else {
        return Ok(None);
    };
    let settings = Settings::of(&config.voice);
    let decision = decide(
        published.voice(),
        &settings,
        &identity,
        options.change_voice,
        &Refusal {
            stop: "nothing published",
            rerun: "devocast publish --change-voice".into(),
        },
    )?;
    let line = decision.line(&identity);
    published.set_voice(VoiceRecord {
        voice: identity,
        settings,
    });
    Ok(line)
}

/// As [`for_publish`], for the articles of each language read by a narrator of its own
/// (keyed by tag): one voice per language, held to the language's recorded one.
pub fn for_publish_languages(
    languages: &std::collections::BTreeMap<String, std::collections::BTreeMap<String, Narrator>>,
    published: &mut Published,
    config: &crate::config::Config,
    options: &Options,
) -> Result<()> {
    let mut records = Vec::new();
    for (tag, voices) in languages {
        let in_language = || format!("the narrator of the articles in {tag}");
        let Some(identity) = one_voice(voices).map_err(|e| e.context(in_language()))? else {
            continue;
        };
        let asked =
            crate::voice::by_language::settings_for(&config.voice, &config.podcast.language, tag);
        let settings = Settings::of(&asked);
        decide(
            published.language(tag),
            &settings,
            &identity,
            options.change_voice,
            &Refusal {
                stop: "nothing published",
                rerun: "devocast publish --change-voice".into(),
            },
        )
        .map_err(|e| e.context(in_language()))?;
        records.push((
            tag.clone(),
            VoiceRecord {
                voice: identity,
                settings,
            },
        ));
    }
    published.set_languages(records);
    Ok(())
}

/// The one voice that narrated the episodes of `voices` (as recorded), if any; several
/// voices stop the publish.
fn one_voice(voices: &std::collections::BTreeMap<String, Narrator>) -> Result<Option<Identity>> {
    if voices.len() > 1 {
        let list: Vec<String> = voices
            .values()
            .map(|n| {
                format!(
                    "{} by {} ({}{})",
                    crate::text::plural(n.slugs.len(), "episode", "episodes"),
                    n.voice,
                    n.slugs
                        .iter()
                        .take(3)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", "),
                    if n.slugs.len() > 3 { ", …" } else { "" }
                )
            })
            .collect();
        anyhow::bail!(
            "nothing published: the episodes were narrated by different voices: {}. A worker probably lacks the voice the others have: install it there (or set `voice.model` and `voice.engine`) and rebuild those episodes with `--force`",
            list.join("; ")
        );
    }
    Ok(voices.values().next().and_then(|n| n.identity.clone()))
}

/// Whether this build may read each part with its own voice: the part's recorded voice, a
/// first one, or a change its settings or `--change-voice` decided (as for the narrator).
pub fn for_readers(
    published: &Published,
    config: &crate::config::Config,
    readers: &[(crate::config::Role, std::sync::Arc<dyn crate::voice::Voice>)],
    options: &Options,
) -> Result<Vec<String>> {
    let mut lines = Vec::new();
    for (role, voice) in readers {
        let refusal = Refusal {
            stop: "nothing built",
            rerun: "devocast build --change-voice".to_string(),
        };
        let asked = Settings::of(&config.voices.settings(*role, &config.voice));
        let what = format!("[voices.{}]", role.key());
        let decision = decide(
            published.reader(*role),
            &asked,
            &voice.identity(),
            options.change_voice,
            &refusal,
        )
        .map_err(|e| e.context(format!("the voice of {what}")))?;
        lines.extend(line_for(&what, &decision, &voice.identity()));
    }
    Ok(lines)
}

/// What a build says about the voice of a part or a language (`what`), when it is recorded
/// for the first time or changed.
pub fn line_for(
    what: &str,
    decision: &crate::project::voicelock::Decision,
    found: &crate::voice::Identity,
) -> Option<String> {
    use crate::project::voicelock::{Decision, Why};
    match decision {
        Decision::Same => None,
        Decision::First => Some(format!(
            "voice of {what}: {} (recorded in published.toml; a build with another voice for it will refuse)",
            found.describe()
        )),
        Decision::Change { from, why } => Some(format!(
            "voice of {what} changed: {} replaces {} ({}); its sentences are read again",
            found.describe(),
            from.describe(),
            match why {
                Why::Settings => "devocast.toml asks for it",
                Why::Flag => "--change-voice",
            }
        )),
    }
}
