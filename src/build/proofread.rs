//! `devocast script FILE`: an article's cues exactly as the build would speak them (the
//! project's pauses, lexicon, dates and engine), so pronunciation can be proofread before
//! anything is rendered.

use super::episode::{read_article, script_for};
use super::layout::Layout;
use super::state::Published;
use crate::config::Config;
use crate::speech::lexicon::Lexicon;
use crate::voice;
use anyhow::Result;
use std::path::{Path, PathBuf};

/// The project folder an article belongs to: the nearest ancestor holding `devocast.toml`,
/// else the current folder.
pub fn project_of(file: &Path) -> PathBuf {
    let abs = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    abs.ancestors()
        .skip(1)
        .find(|d| d.join(crate::config::FILE_NAME).is_file())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The cues as text, one per line (or JSON).
pub fn script_text(file: &Path, json: bool) -> Result<String> {
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
    if json {
        return Ok(serde_json::to_string_pretty(&script)? + "\n");
    }
    Ok(script.listing())
}
