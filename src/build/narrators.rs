//! A narrator per language: an article in a language other than the podcast's is read by
//! a voice of its own language (`voice::by_language::settings_for` says which settings),
//! opened once for each language the build's articles are in.
//!
//! Readers (`[voices.*]`) and languages: the readers read their parts of the articles in
//! the podcast's language (same primary subtag). An article in another language is read
//! entirely by its language's narrator, except the parts of a reader whose voice speaks
//! that language: a Spanish Scripture reader of an English podcast still reads the
//! Scripture of its Spanish articles; an English one does not.

use super::episode;
use crate::article::Article;
use crate::config::{Config, Role};
use crate::project::state::{Published, VoiceRecord};
use crate::voice::by_language::settings_for;
use crate::voice::identity::Settings;
use crate::voice::languages::same_language;
use crate::voice::Voice;
use anyhow::{Context as _, Result};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

/// The narrator of the articles in each language (BCP 47 tag, as the articles give it)
/// that is not read by the podcast's narrator. Tags with the same settings share a voice.
pub type ByLanguage = Vec<(String, Arc<dyn Voice>)>;

/// Who reads one article: its language's narrator and the readers that suit it.
pub struct Reading<'v> {
    /// The narrator of the article's language.
    pub narrator: &'v dyn Voice,
    /// The readers of its parts (see the module doc).
    pub readers: Vec<(Role, Arc<dyn Voice>)>,
    /// The article's language, when a narrator of its own reads it.
    pub language: Option<String>,
}

impl episode::Context<'_> {
    /// Who reads `article` (see the module doc).
    pub fn reading(&self, article: &Article) -> Reading<'_> {
        let tag = crate::script::article_language(&self.config, article);
        let own = self.languages.iter().find(|(t, _)| t == tag);
        let podcasts = same_language(&self.config.podcast.language, tag);
        let readers = self
            .readers
            .iter()
            .filter(|(_, v)| podcasts || v.language().is_some_and(|l| same_language(&l, tag)))
            .cloned()
            .collect();
        Reading {
            narrator: own.map_or(self.voice.as_ref(), |(_, v)| v.as_ref()),
            readers,
            language: own.map(|(t, _)| t.clone()),
        }
    }
}

impl episode::Context<'_> {
    /// The ids of every voice of the build, whose cached sentences are kept.
    pub fn narrating(&self) -> Vec<String> {
        std::iter::once(self.voice.id())
            .chain(self.readers.iter().map(|(_, v)| v.id()))
            .chain(self.languages.iter().map(|(_, v)| v.id()))
            .collect()
    }
}

/// The languages of the articles of `project` (drafts and unreadable files aside).
fn languages_present(project: &Path, config: &Config) -> Result<BTreeSet<String>> {
    let layout = crate::project::layout::Layout::new(project, config)?;
    let plan = crate::project::plan::plan(&layout)?;
    Ok(plan
        .articles
        .iter()
        .filter_map(|p| crate::project::read_article(p).ok())
        .filter(|a| a.draft.is_none())
        .map(|a| crate::script::article_language(config, &a).to_string())
        .collect())
}

/// Opens the narrator of each language the articles of `project` are in whose settings
/// differ from the podcast narrator's, the recorded one first (as for the narrator).
/// Returns them and the notes of how they were found.
pub fn open_for(
    project: &Path,
    options: &super::Options,
    narrator: &dyn Voice,
    log: &(dyn Fn(&str) + Sync),
) -> Result<(ByLanguage, Vec<String>)> {
    let config = Config::load(project)?;
    let published = Published::load(&project.join(crate::config::PUBLISHED_FILE))?;
    let podcast = &config.podcast.language;
    let own = format!("{:?}", settings_for(&config.voice, podcast, podcast));
    let mut opened: Vec<(String, Arc<dyn Voice>)> = Vec::new();
    let (mut out, mut notes) = (ByLanguage::new(), Vec::new());
    for tag in languages_present(project, &config)? {
        let settings = settings_for(&config.voice, podcast, &tag);
        let key = format!("{settings:?}");
        if key == own {
            continue;
        }
        if let Some((_, v)) = opened.iter().find(|(k, _)| *k == key) {
            out.push((tag, v.clone()));
            continue;
        }
        let recorded = published.language(&tag);
        let chosen = super::cast::open_as_recorded(
            project,
            &settings,
            recorded,
            recorded.is_some(),
            options,
            log,
        )
        .with_context(|| format!("failed to open the narrator of the articles in {tag}"))?;
        let named = language_name(&tag);
        notes.extend(chosen.notes.into_iter().map(|n| format!("{named}: {n}")));
        // The same voice as the podcast's (an installed model of both languages) is the
        // podcast's narrator.
        if chosen.voice.id() == narrator.id() {
            continue;
        }
        let v: Arc<dyn Voice> = Arc::from(chosen.voice);
        opened.push((key, v.clone()));
        out.push((tag, v));
    }
    Ok((out, notes))
}

/// The record of each language's narrator, as published.toml keeps it.
pub fn records(config: &Config, languages: &ByLanguage) -> Vec<(String, VoiceRecord)> {
    languages
        .iter()
        .map(|(tag, v)| {
            let settings = settings_for(&config.voice, &config.podcast.language, tag);
            (
                tag.clone(),
                VoiceRecord {
                    voice: v.identity(),
                    settings: Settings::of(&settings),
                },
            )
        })
        .collect()
}

/// The build's voice line: the podcast's narrator and readers as before, then each other
/// language's narrator ("; Spanish (es): system espeak-ng 1.52 (es)").
pub fn voice_line(
    narrator: &dyn Voice,
    readers: &[(Role, Arc<dyn Voice>)],
    languages: &ByLanguage,
) -> String {
    let mut line = super::cast::voice_line(narrator, readers);
    for (tag, v) in languages {
        line.push_str(&format!("; {}: {}", language_name(tag), v.describe()));
    }
    line
}

/// "Spanish (es)", or the tag alone for a language devocast has no rules for.
fn language_name(tag: &str) -> String {
    crate::speech::language(tag).map_or(tag.to_string(), |l| format!("{} ({tag})", l.name()))
}

/// Whether this build may narrate each language with the voice it found: the language's
/// recorded narrator, a first one, or a change its settings or `--change-voice` decided.
pub fn check(
    published: &Published,
    config: &Config,
    languages: &ByLanguage,
    options: &super::Options,
) -> Result<Vec<String>> {
    use crate::project::voicelock::{decide, Refusal};
    let mut lines = Vec::new();
    for (tag, voice) in languages {
        let refusal = Refusal {
            stop: "nothing built",
            rerun: "devocast build --change-voice".to_string(),
        };
        let asked = settings_for(&config.voice, &config.podcast.language, tag);
        let decision = decide(
            published.language(tag),
            &Settings::of(&asked),
            &voice.identity(),
            options.change_voice,
            &refusal,
        )
        .map_err(|e| e.context(format!("the narrator of the articles in {tag}")))?;
        let what = format!("the articles in {}", language_name(tag));
        lines.extend(super::voice_rule::line_for(
            &what,
            &decision,
            &voice.identity(),
        ));
    }
    Ok(lines)
}

/// The voices of a build: the podcast's narrator, the readers of parts with a voice of
/// their own, and the narrator of each other language.
pub struct Cast {
    /// The narrator of the podcast's language.
    pub narrator: Box<dyn Voice>,
    /// The readers (`[voices.*]`).
    pub readers: Vec<(Role, Arc<dyn Voice>)>,
    /// The narrators of other languages.
    pub languages: ByLanguage,
}

/// Opens every voice a build of `project` reads with (see [`Cast`]), with the notes of how
/// they were found.
pub fn open_cast(
    project: &Path,
    options: &super::Options,
    log: &(dyn Fn(&str) + Sync),
) -> Result<(Cast, Vec<String>)> {
    let (narrator, mut notes) = super::open_voice(project, options, log)?;
    let readers = super::cast::open_for(project, options, log)?;
    let (languages, more) = open_for(project, options, narrator.as_ref(), log)?;
    notes.extend(more);
    let cast = Cast {
        narrator,
        readers,
        languages,
    };
    Ok((cast, notes))
}

/// Whether this build may read with every voice of `cast` (the podcast's, each reader's,
/// each language's: see `voice_rule`): the narrator's decision, and a line for each other
/// voice recorded for the first time or changed.
pub fn check_cast(
    layout: &crate::project::layout::Layout,
    published: &Published,
    config: &Config,
    voice: &dyn Voice,
    readers: &[(Role, Arc<dyn Voice>)],
    languages: &ByLanguage,
    options: &super::Options,
) -> Result<(crate::project::voicelock::Decision, Vec<String>)> {
    let decision = super::voice_rule::for_build(layout, published, config, voice, options)?;
    let mut lines = super::voice_rule::for_readers(published, config, readers, options)?;
    lines.extend(check(published, config, languages, options)?);
    Ok((decision, lines))
}
