//! `devocast voices`: the Piper voices on this machine by language, each engine and why any
//! is unavailable, the languages of the podcast's articles with the voice each would get,
//! and the voice a build of this project would narrate with.

use super::{catalog, Network};
use crate::config::{Config, PUBLISHED_FILE};
use anyhow::Result;
use std::fmt::Write;
use std::path::Path;

/// "The podcast's voice" from "the podcast's voice".
fn capitalised(line: &str) -> String {
    let mut c = line.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The listing as text.
pub fn text(project: &Path) -> Result<String> {
    let config = Config::load(project)?;
    let mut out = String::new();
    piper_voices(&mut out);
    let _ = writeln!(out, "\nEngines:");
    for (engine, status) in super::available(&config.voice, project) {
        match status {
            Ok(d) => {
                let _ = writeln!(out, "  {engine:<20} available: {d}");
            }
            Err(e) => {
                let _ = writeln!(out, "  {engine:<20} unavailable: {e:#}");
            }
        }
    }
    let _ = writeln!(out);
    super::listing_languages::section(&mut out, &config, project);
    let _ = writeln!(out);
    let published = crate::project::state::Published::load(&project.join(PUBLISHED_FILE))?;
    let (_, line) = crate::project::voicelock::status(&published, &config.voice, project);
    let _ = writeln!(out, "{}", capitalised(&line));
    let recorded = published.voice();
    let prefer = recorded
        .filter(|r| r.settings == super::identity::Settings::of(&config.voice))
        .map(|r| &r.voice);
    let found = super::choose(
        &config.voice,
        project,
        Network::Offline,
        super::Recorded {
            prefer,
            exists: recorded.is_some(),
        },
        &|_| {},
    );
    match found {
        Ok(c) if prefer.is_some_and(|r| !r.same_voice(&c.voice.identity())) => {
            let _ = writeln!(
                out,
                "A build here refuses: it finds {}, not the podcast's voice (`devocast build --change-voice` would make it the podcast's voice and narrate every episode again)",
                c.voice.describe()
            );
        }
        Ok(c) => {
            let _ = writeln!(out, "A build here narrates with: {}", c.voice.describe());
            for n in c.notes {
                let _ = writeln!(out, "  {n}");
            }
        }
        Err(e) => {
            let _ = writeln!(out, "A build here would fail to open its voice: {e:#}");
        }
    }
    let language = &config.podcast.language;
    if let Some(default) = super::languages::default_piper(language) {
        if catalog::find(default).is_none() {
            let _ = writeln!(
                out,
                "The recommended voice for {language}, {default} ({}): `devocast voices get {default}`",
                super::languages::default_piper_note(default).unwrap_or_default()
            );
        }
    }
    Ok(out)
}

/// The installed Piper voices, grouped by language.
fn piper_voices(out: &mut String) {
    let mut voices = catalog::installed();
    if voices.is_empty() {
        let _ = writeln!(out, "Piper voices: none installed");
        return;
    }
    voices.sort_by(|a, b| (&a.language, &a.name).cmp(&(&b.language, &b.name)));
    let _ = writeln!(out, "Piper voices, by language:");
    let mut language = None;
    for v in &voices {
        if language != Some(&v.language) {
            language = Some(&v.language);
            let tag = super::languages::piper_language(&v.language).unwrap_or_default();
            let _ = writeln!(out, "  {tag} ({}):", v.language);
        }
        let source = match v.source {
            catalog::Source::Downloaded => "downloaded",
            catalog::Source::Python => "Python package",
            catalog::Source::Path => "file",
        };
        let _ = writeln!(
            out,
            "    {:<28} {:<7} {:>5} Hz {:>9}  {source}: {}\n    {:<28} license: {}",
            v.name,
            v.quality,
            v.sample_rate,
            catalog::megabytes(v.bytes),
            v.model.display(),
            "",
            v.license
        );
    }
}
