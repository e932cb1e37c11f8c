//! `devocast voices get NAME`: fetches a Piper voice by name from the Piper voices
//! repository, through [`crate::net`].
//!
//! The repository keeps an index, `voices.json`, keyed by voice name, with each voice's
//! language, quality and files (relative path → size and MD5). Every file is fetched into a
//! temporary folder and checked against both; only when all are complete and correct is the
//! folder renamed into place, so a 404, a dropped connection or a wrong digest installs
//! nothing. A dead network fails within seconds, never hangs.

use super::catalog;
use crate::net::{Client, Expected};
use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The index is a few megabytes; a server sending more is not the voices repository.
const INDEX_LIMIT: u64 = 64 * 1024 * 1024;

/// The Piper voices repository at the release devocast is tested with.
pub const DEFAULT_BASE: &str = "https://huggingface.co/rhasspy/piper-voices/resolve/v1.0.0";

/// Overrides the repository address (tests point it at a local server).
pub const BASE_ENV: &str = "DEVOCAST_VOICES_URL";

/// The repository address in use.
pub fn base_url() -> String {
    std::env::var(BASE_ENV)
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| DEFAULT_BASE.to_string())
        .trim_end_matches('/')
        .to_string()
}

/// The repository's index.
pub type Index = BTreeMap<String, IndexVoice>;

/// One voice of the index.
#[derive(Debug, Clone, Deserialize)]
pub struct IndexVoice {
    /// Its language.
    pub language: IndexLanguage,
    /// "medium" and the like.
    #[serde(default)]
    pub quality: String,
    /// Relative path → size and digest.
    pub files: BTreeMap<String, IndexFile>,
}

/// `language` of an index entry.
#[derive(Debug, Clone, Deserialize)]
pub struct IndexLanguage {
    /// "en_US".
    pub code: String,
}

/// A file of an index entry.
#[derive(Debug, Clone, Deserialize)]
pub struct IndexFile {
    /// Exact size.
    pub size_bytes: u64,
    /// Lower-case hex MD5.
    pub md5_digest: String,
}

impl IndexVoice {
    /// Total download size.
    pub fn bytes(&self) -> u64 {
        self.files.values().map(|f| f.size_bytes).sum()
    }
}

/// Downloads the repository's index.
pub fn index() -> Result<Index> {
    let url = format!("{}/voices.json", base_url());
    let text = Client::new().text(&url, INDEX_LIMIT, "the voice index")?;
    serde_json::from_str(&text).with_context(|| format!("{url} is not a Piper voice index"))
}

/// What a download reports as it goes: (bytes so far, bytes in all).
pub type Progress<'a> = &'a (dyn Fn(u64, u64) + Sync);

/// Fetches one voice into the data folder and returns its model's path. `announce` hears one
/// line before the download starts (what, how large, where).
pub fn install(name: &str, announce: &dyn Fn(&str), progress: Progress) -> Result<PathBuf> {
    let index = index()?;
    let Some(voice) = index.get(name) else {
        let near: Vec<&String> = index
            .keys()
            .filter(|k| {
                let prefix = name.split('-').next().unwrap_or(name);
                k.starts_with(prefix)
            })
            .take(8)
            .collect();
        bail!(
            "the Piper voices repository has no voice {name:?}{}",
            if near.is_empty() {
                String::new()
            } else {
                format!(
                    "; voices for that language include {}",
                    near.iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        );
    };
    let dir = catalog::voices_dir();
    let dest = dir.join(name);
    announce(&format!(
        "downloading the voice {name} ({}, {} {}) into {}",
        catalog::megabytes(voice.bytes()),
        voice.language.code,
        voice.quality,
        dest.display()
    ));
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("failed to create `{}`", dir.display()))?;
    let tmp = dir.join(format!(".{name}.tmp-{}", crate::fsutil::unique_suffix()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp)
        .with_context(|| format!("failed to create `{}`", tmp.display()))?;
    let result = download_all(name, voice, &tmp, progress).and_then(|()| {
        // All files are here and correct: the voice appears whole, in one rename.
        let old = dir.join(format!(".{name}.old-{}", std::process::id()));
        if dest.exists() {
            std::fs::rename(&dest, &old)
                .with_context(|| format!("failed to replace `{}`", dest.display()))?;
        }
        std::fs::rename(&tmp, &dest)
            .with_context(|| format!("failed to install `{}`", dest.display()))?;
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    });
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result?;
    let model = dest.join(format!("{name}.onnx"));
    if !model.is_file() {
        bail!(
            "the voice {name} was downloaded but holds no `{name}.onnx`; the repository's index may have changed"
        );
    }
    Ok(model)
}

fn download_all(name: &str, voice: &IndexVoice, tmp: &Path, progress: Progress) -> Result<()> {
    let client = Client::new();
    let total = voice.bytes();
    let mut done = 0u64;
    for (rel, file) in &voice.files {
        let base = rel.rsplit('/').next().unwrap_or(rel);
        // Keep only plain file names: an index naming `../x` writes nothing outside.
        if base.is_empty() || base.starts_with('.') || base.contains('\\') {
            bail!("the voice index names an unsafe file {rel:?} for {name}");
        }
        let url = format!("{}/{}", base_url(), rel);
        let expected = Expected {
            size: file.size_bytes,
            md5: &file.md5_digest,
        };
        client.download(&url, &tmp.join(base), &expected, &|got| {
            progress(done + got, total)
        })?;
        done += file.size_bytes;
    }
    Ok(())
}
