//! `devocast script FILE`: an article's cues exactly as the build would speak them (the
//! project's pauses, lexicon, dates and engine), so pronunciation can be proofread before
//! anything is rendered.

use super::episode::script_for;
use crate::audio::library::Library;
use crate::config::{Config, HymnPlacement, Role};
use crate::project::layout::Layout;
use crate::project::read_article;
use crate::project::state::Published;
use crate::script::{Cue, Script};
use crate::speech::lexicon::Lexicon;
use crate::voice;
use anyhow::Result;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The project folder an article belongs to: the nearest ancestor holding `devocast.toml`,
/// else the current folder's project.
pub fn project_of(file: &Path) -> PathBuf {
    let abs = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    abs.ancestors()
        .skip(1)
        .find(|d| crate::project::root::has_settings(d))
        .map(Path::to_path_buf)
        .unwrap_or_else(|| crate::project::root::find(Path::new(".")))
}

/// An article's script as the build would speak it, with what the proofreader needs around it.
pub struct Proof {
    pub script: Script,
    /// The script's hymns, in order, with their recordings as the build finds them.
    pub hymns: Vec<HymnFact>,
    pub placement: HymnPlacement,
    /// The article's language (BCP 47), for a speech service choosing its voice.
    pub language: String,
    /// The voice each reader is read with, as settings describe it (every role; those
    /// without `[voices.*]` are the narrator's).
    pub voices: Vec<(Role, String)>,
    /// The roles with a voice of their own.
    pub own: Vec<Role>,
}

/// Every role with the voice its settings ask for ("Piper en_US-joe-medium, speaker 3"),
/// given the article's narrator; `readers` false when the parts' voices do not read the
/// article (one in another language than the podcast's: its narrator reads it all).
pub fn voices_of(
    config: &Config,
    narrator: &crate::config::VoiceConfig,
    readers: bool,
) -> Vec<(Role, String)> {
    Role::ALL
        .iter()
        .map(|r| {
            let s = match readers {
                true => config.voices.settings(*r, narrator),
                false => narrator.clone(),
            };
            let speaker = s
                .speaker
                .filter(|_| s.engine != crate::config::Engine::System)
                .map(|n| format!(", speaker {n}"))
                .unwrap_or_default();
            (
                *r,
                format!(
                    "{}{speaker}",
                    crate::voice::identity::Settings::of(&s).describe()
                ),
            )
        })
        .collect()
}

/// Reads an article in its project and makes its script.
pub fn proof(file: &Path) -> Result<Proof> {
    let project = project_of(file);
    let config = Config::load(&project)?;
    let layout = Layout::new(&project, &config)?;
    let lexicon = Lexicon::for_project(&project)?;
    let phonemes = voice::open(&config.voice, &project)
        .map(|v| v.accepts_phonemes())
        .unwrap_or(false);
    // The same checks as the build: a configuration file or a picture is not an article.
    let article = read_article(file)?;
    let date = match article.date {
        Some(d) => d,
        None => Published::load(&layout.published_file())?.date_for(
            &article.slug,
            crate::publish::feed::today(&config.podcast, chrono::Utc::now()),
        ),
    };
    let script = script_for(&config, &lexicon, phonemes, &article, date);
    let hymns = hymns_of(&script, &Library::new(&project, &config));
    // Who reads it, as the build decides (`build::narrators`; a reader whose voice speaks
    // the article's language is known only once the voice is open, so not shown here).
    let tag = crate::script::article_language(&config, &article).to_string();
    let podcasts = crate::voice::languages::same_language(&config.podcast.language, &tag);
    let narrator =
        crate::voice::by_language::settings_for(&config.voice, &config.podcast.language, &tag);
    Ok(Proof {
        script,
        hymns,
        placement: config.production.hymn_placement,
        voices: voices_of(&config, &narrator, podcasts),
        own: Role::ALL
            .into_iter()
            .filter(|r| podcasts && config.voices.table(*r).is_some())
            .collect(),
        language: tag,
    })
}

/// The cues as text, one per line (or JSON).
pub fn script_text(file: &Path, json: bool) -> Result<String> {
    let proof = proof(file)?;
    if json {
        let listing = Json {
            script: &proof.script,
            hymns: &proof.hymns,
            voices: proof
                .voices
                .iter()
                .map(|(r, v)| (r.key(), v.as_str()))
                .collect(),
        };
        return Ok(serde_json::to_string_pretty(&listing)? + "\n");
    }
    let mut text = listing(&proof.script, &proof.hymns, proof.placement);
    if !proof.own.is_empty() {
        // Which voice reads what, then each sentence not the narrator's marked in the listing.
        let voices: Vec<String> = proof
            .voices
            .iter()
            .filter(|(r, _)| r.is_narrator() || proof.own.contains(r))
            .map(|(r, v)| format!("voice    {}: {v}\n", r.key()))
            .collect();
        text = voices.concat() + &mark_readers(&text, &proof.script, &proof.own);
    }
    Ok(text)
}

/// What the proofreader learns about one hymn of the script: whether a recording plays,
/// and which file, or where to put one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HymnFact {
    /// The hymn number, if the article gives one.
    pub number: Option<u32>,
    /// The hymn's title in the script.
    pub title: String,
    /// The recording that plays, relative to the project.
    pub recording: Option<String>,
    /// Without a recording: how to add one ("add audio/hymns/302.mp3 …").
    pub missing: Option<String>,
}

/// The JSON listing: the script's cues (each `speak` with its `reader`), its hymns' facts,
/// and the voice each reader is read with.
#[derive(Serialize)]
struct Json<'a> {
    #[serde(flatten)]
    script: &'a Script,
    hymns: &'a [HymnFact],
    voices: std::collections::BTreeMap<&'static str, &'a str>,
}

/// The listing with "(read by: scripture)" under each spoken sentence whose reader has a
/// voice of its own, matched in order.
fn mark_readers(text: &str, script: &Script, own: &[Role]) -> String {
    let mut readers = script.spoken().into_iter().filter_map(|c| match c {
        Cue::Speak {
            text_spoken,
            reader,
            ..
        } => Some((text_spoken.as_str(), *reader)),
        _ => None,
    });
    let mut next = readers.next();
    let mut out = String::new();
    for line in text.lines() {
        out.push_str(line);
        out.push('\n');
        let Some(said) = line.trim_start().strip_prefix("speak    ") else {
            continue;
        };
        // Advance to this sentence (cues a recording replaces are never spoken).
        while let Some((t, _)) = next {
            if t == said {
                break;
            }
            next = readers.next();
        }
        if let Some((_, reader)) = next.take() {
            if own.contains(&reader) {
                let indent = &line[..line.len() - line.trim_start().len()];
                out.push_str(&format!("{indent}         (read by: {})\n", reader.key()));
            }
            next = readers.next();
        }
    }
    out
}

/// The hymns of a script, in order, with their recordings as the build will find them.
pub fn hymns_of(script: &Script, library: &Library) -> Vec<HymnFact> {
    script
        .cues
        .iter()
        .filter_map(|c| match c {
            Cue::Hymn { number, title, .. } => {
                let spec = number.and_then(|n| library.hymn(n));
                let recording = spec.as_ref().map(|spec| library.shown(&spec.path));
                // A recording's own title names its chapter, as the build does.
                let title = spec.and_then(|s| s.title).unwrap_or_else(|| title.clone());
                let missing = match (number, &recording) {
                    (Some(n), None) => Some(library.where_to_add(*n)),
                    _ => None,
                };
                Some(HymnFact {
                    number: *number,
                    title,
                    recording,
                    missing,
                })
            }
            _ => None,
        })
        .collect()
}

/// The cues as text for proofreading, one per line: what is spoken, with the written form
/// beside any sentence that was rewritten; under each hymn, whether its recording plays (and
/// which file) and what is spoken or shown with it.
pub fn listing(script: &Script, hymns: &[HymnFact], placement: HymnPlacement) -> String {
    let mut out = String::new();
    let mut facts = hymns.iter();
    for cue in &script.cues {
        match cue {
            Cue::Hymn {
                announcement,
                fallback,
                ..
            } => {
                let Some(fact) = facts.next() else { continue };
                out.push_str(&hymn_line(fact, fallback.is_empty()));
                let plan = hymn_plan(fact, announcement, fallback, placement);
                write_cues(plan.read, "  ", Heard::Spoken, &mut out);
                write_cues(plan.announce, "  ", Heard::Spoken, &mut out);
                write_cues(plan.shown, "  ", Heard::Shown, &mut out);
            }
            other => write_cues(std::slice::from_ref(other), "", Heard::Spoken, &mut out),
        }
    }
    out
}

/// What a listener meets at one hymn, in order: the stanza read (without a recording, or
/// before it when the recording plays after), the announcement, then the recording (during
/// which the words replaced by it are only shown).
pub struct HymnPlan<'a> {
    pub read: &'a [Cue],
    pub announce: &'a [Cue],
    pub shown: &'a [Cue],
    /// The recording that plays, relative to the project.
    pub plays: Option<&'a str>,
}

/// The build's rule for one hymn, shared by the listing and the spoken preview.
pub fn hymn_plan<'a>(
    fact: &'a HymnFact,
    announcement: &'a [Cue],
    fallback: &'a [Cue],
    placement: HymnPlacement,
) -> HymnPlan<'a> {
    let plays = fact.recording.as_deref();
    let recorded = plays.is_some();
    let read = !recorded || placement == HymnPlacement::After;
    let shown = recorded && placement == HymnPlacement::Replace;
    HymnPlan {
        read: if read { fallback } else { &[] },
        announce: if recorded { announcement } else { &[] },
        shown: if shown { fallback } else { &[] },
        plays,
    }
}

/// "hymn     #302 Come, you weary (Hymn 302) (recording: audio/hymns/302.ogg)".
fn hymn_line(fact: &HymnFact, cited_in_prose: bool) -> String {
    // "#302 Come, you weary (Hymn 302)"; a title that is the citation is not repeated.
    let cites_itself = |n: u32| {
        crate::speech::hymn::find_all(&fact.title, crate::speech::english().hymn_words())
            .iter()
            .any(|c| c.number == n && c.span == (0..fact.title.len()))
    };
    let n = fact
        .number
        .filter(|n| !cites_itself(*n))
        .map(|n| format!("#{n} "))
        .unwrap_or_default();
    let how = match (&fact.recording, &fact.missing) {
        (Some(file), _) => format!("recording: {file}"),
        (None, Some(add)) if cited_in_prose => format!("no recording: {add}; nothing plays"),
        (None, Some(add)) => format!("no recording: {add}; the stanza is read"),
        (None, None) => "no hymn number: the stanza is read".to_string(),
    };
    format!("hymn     {n}{} ({how})\n", fact.title)
}

/// Whether listed cues are heard, or only shown (the words of a stanza a recording replaces).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Heard {
    Spoken,
    Shown,
}

fn write_cues(cues: &[Cue], indent: &str, heard: Heard, out: &mut String) {
    for cue in cues {
        match (cue, heard) {
            (Cue::Chapter { title }, _) => out.push_str(&format!("{indent}chapter  {title}\n")),
            (Cue::Pause { ms }, Heard::Spoken) => {
                out.push_str(&format!("{indent}pause    {ms} ms\n"))
            }
            (Cue::Speak { text_shown, .. }, Heard::Shown) => {
                out.push_str(&format!("{indent}shown    {text_shown}\n"))
            }
            (
                Cue::Speak {
                    text_shown,
                    text_spoken,
                    ..
                },
                Heard::Spoken,
            ) => {
                out.push_str(&format!("{indent}speak    {text_spoken}\n"));
                if text_shown != text_spoken {
                    out.push_str(&format!("{indent}         (written: {text_shown})\n"));
                }
            }
            _ => {}
        }
    }
}
