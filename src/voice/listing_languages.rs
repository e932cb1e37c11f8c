//! The languages section of `devocast voices`: each language the podcast's articles are in,
//! how many articles, whether devocast has reading rules for it, the espeak-ng voice that
//! speaks it here, the Piper voices of it, and the voice its articles would be read with.

use super::{by_language, catalog, embedded, languages, system, Network, Recorded};
use crate::config::Config;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

/// The podcast's languages: its own, then each article's own, with the articles in it.
pub fn languages_of(config: &Config, project: &Path) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    out.insert(config.podcast.language.clone(), Vec::new());
    let Ok(layout) = crate::project::layout::Layout::new(project, config) else {
        return out;
    };
    let Ok(plan) = crate::project::plan::plan(&layout) else {
        return out;
    };
    for path in &plan.articles {
        let Ok(article) = crate::project::read_article(path) else {
            continue;
        };
        let tag = crate::script::article_language(config, &article);
        // Tags differing only in case are one language, and so is a bare language ("en")
        // with the podcast's regional tag of it ("en-us").
        let key = out
            .keys()
            .find(|k| {
                k.eq_ignore_ascii_case(tag)
                    || (!tag.contains('-') && languages::same_language(k, tag))
            })
            .cloned()
            .unwrap_or_else(|| tag.to_string());
        out.entry(key).or_default().push(layout.rel(path));
    }
    out
}

/// Writes the section.
pub fn section(out: &mut String, config: &Config, project: &Path) {
    let _ = writeln!(out, "Languages of the podcast:");
    let installed = catalog::installed();
    for (tag, files) in languages_of(config, project) {
        let own = if tag == config.podcast.language {
            "the podcast's language; "
        } else {
            ""
        };
        let articles = crate::text::plural(files.len(), "article", "articles");
        let named = if files.is_empty() || files.len() > 3 {
            String::new()
        } else {
            format!(": {}", files.join(", "))
        };
        let _ = writeln!(out, "  {tag} ({own}{articles}{named})");
        let rules = match crate::speech::language(&tag) {
            Some(l) => l.name().to_string(),
            None => "none: read by the English rules".to_string(),
        };
        let _ = writeln!(out, "    reading rules: {rules}");
        let espeak = languages::espeak_voice(&tag);
        let _ = writeln!(
            out,
            "    espeak-ng voice: {espeak} ({})",
            espeak_here(config, &espeak)
        );
        let piper: Vec<&str> = installed
            .iter()
            .filter(|v| {
                languages::piper_language(&v.language)
                    .is_some_and(|l| languages::same_language(&l, &tag))
            })
            .map(|v| v.name.as_str())
            .collect();
        let piper = match (piper.is_empty(), languages::default_piper(&tag)) {
            (false, _) => piper.join(", "),
            (true, Some(d)) => format!(
                "none installed; `devocast voices get {d}` fetches the default one ({})",
                languages::default_piper_note(d).unwrap_or_default()
            ),
            (true, None) => "none installed, and devocast names none".to_string(),
        };
        let _ = writeln!(out, "    Piper voices: {piper}");
        let settings = by_language::settings_for(&config.voice, &config.podcast.language, &tag);
        let voice = match super::choose(
            &settings,
            project,
            Network::Offline,
            Recorded::default(),
            &|_| {},
        ) {
            Ok(c) => {
                let mut line = c.voice.describe();
                let spoken = c.voice.language().unwrap_or_default();
                if let Some(w) = by_language::mismatch("it", &spoken, &tag) {
                    line.push_str(&format!(" (warning: {w})"));
                }
                line
            }
            Err(e) => format!("none: {e:#}"),
        };
        let _ = writeln!(out, "    read with: {voice}");
    }
}

/// Which espeak-ng engines here speak the voice `name`.
fn espeak_here(config: &Config, name: &str) -> String {
    let settings = crate::config::VoiceConfig {
        name: name.to_string(),
        ..config.voice.clone()
    };
    let system = system::SystemEspeak::open(&settings).is_ok();
    let embedded = embedded::LANGUAGES.contains(&languages::primary(name).as_str());
    match (system, embedded) {
        (true, true) => "system and embedded espeak-ng",
        (true, false) => "system espeak-ng",
        (false, true) => "embedded espeak-ng only",
        (false, false) => "no espeak-ng here speaks it",
    }
    .to_string()
}
