//! `devocast voices get NAME`: fetches a Piper voice by name from the Piper voices
//! repository, through [`crate::net`].
//!
//! The repository keeps an index, `voices.json`, keyed by voice name, with each voice's
//! language, quality and files (relative path → size and MD5). Every file is fetched into a
//! temporary folder and checked against both; only when all are complete and correct is the
//! folder renamed into place, so a 404, a dropped connection or a wrong digest installs
//! nothing. A dead network fails within seconds, never hangs.
//!
//! Nothing the index or the command line says leads outside the voices folder: the voice's
//! name is a plain name ([`names::check_name`]), checked before any file is touched, and so
//! is every file name the index gives; sizes and digests that no voice can have are refused
//! before anything is fetched. An install replaces only a folder devocast installed (it
//! leaves a marker in each), and its temporary folder goes when the download fails or is
//! interrupted (SIGINT, SIGTERM), or, after a `kill -9`, with the next download.

use super::{catalog, names};
use crate::net::{Client, Expected};
use crate::scratch::Scratch;
use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The index is a few megabytes; a server sending more is not the voices repository.
const INDEX_LIMIT: u64 = 64 * 1024 * 1024;
/// The most a voice may weigh, bytes: Piper's largest are under 150 MB.
pub const MAX_VOICE_BYTES: u64 = 2_000_000_000;
/// The most files a voice may have (Piper's have three).
const MAX_FILES: usize = 32;
/// The file in each folder devocast installed, telling it from a folder someone else made.
pub const MARKER: &str = ".devocast-voice";

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
    /// Total download size (saturating: [`IndexVoice::check`] refuses what does not fit).
    pub fn bytes(&self) -> u64 {
        self.files
            .values()
            .fold(0u64, |sum, f| sum.saturating_add(f.size_bytes))
    }

    /// The files to fetch, each as (its path in the repository, its file name in the
    /// voice's folder, what it must be), once the entry for `name` is found sane: plain file
    /// names, one of them the model, digests that are digests, and a size a voice can have.
    pub fn check(&self, name: &str) -> Result<Vec<(&str, &str, &IndexFile)>> {
        let bad = |why: String| anyhow::anyhow!("the voice index's entry for {name} {why}");
        if self.files.is_empty() || self.files.len() > MAX_FILES {
            return Err(bad(format!(
                "lists {} files; a voice has 1 to {MAX_FILES}",
                self.files.len()
            )));
        }
        let mut out: Vec<(&str, &str, &IndexFile)> = Vec::new();
        let mut total = 0u64;
        for (rel, file) in &self.files {
            // Only the last part names the file here, and the whole path stays under the
            // repository's address: an index naming `../x` reaches nothing outside either.
            let base = rel.rsplit('/').next().unwrap_or(rel);
            if !crate::fsutil::is_plain_relative(rel) || base == MARKER {
                return Err(bad(format!("names an unsafe file {rel:?}")));
            }
            if out.iter().any(|(_, b, _)| *b == base) {
                return Err(bad(format!("names the file {base:?} twice")));
            }
            let digest = &file.md5_digest;
            if digest.len() != 32 || !digest.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(bad(format!(
                    "gives {rel:?} the digest {digest:?}, which is not an MD5"
                )));
            }
            total = total.saturating_add(file.size_bytes);
            if file.size_bytes > MAX_VOICE_BYTES || total > MAX_VOICE_BYTES {
                return Err(bad(format!(
                    "declares {} bytes for {rel:?}; no voice is that large (the limit is {}), so the index is damaged or is not the Piper voices repository's",
                    file.size_bytes,
                    catalog::megabytes(MAX_VOICE_BYTES)
                )));
            }
            out.push((rel, base, file));
        }
        let model = format!("{name}.onnx");
        if !out.iter().any(|(_, b, _)| *b == model) {
            return Err(bad(format!("has no `{model}`")));
        }
        Ok(out)
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
    names::check_name(name).map_err(|why| anyhow::anyhow!("the voice name {name:?} {why}"))?;
    let dir = catalog::voices_dir();
    // What downloads stopped by `kill -9` left goes first, whether or not this one gets far.
    crate::fsutil::remove_stale_temp_dirs(&dir);
    let index = index()?;
    let voice = lookup(&index, name)?;
    let files = voice.check(name)?;
    let dest = dir.join(name);
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("failed to create `{}`", dir.display()))?;
    check_replaceable(&dest, &files)?;
    announce(&format!(
        "downloading the voice {name} ({}, {} {}) into {}",
        catalog::megabytes(voice.bytes()),
        voice.language.code,
        voice.quality,
        dest.display()
    ));
    let tmp =
        Scratch::create_dir(dir.join(format!(".{name}.tmp-{}", crate::fsutil::unique_suffix())))?;
    crate::fsutil::write_atomic(
        &tmp.path().join(MARKER),
        format!("installed by devocast from {}\n", base_url()).as_bytes(),
    )?;
    download_all(&files, voice.bytes(), tmp.path(), progress)?;
    put_in_place(tmp, &dir, &dest, name)?;
    let model = dest.join(format!("{name}.onnx"));
    if !model.is_file() {
        bail!(
            "the voice {name} was downloaded but holds no `{name}.onnx`; the repository's index may have changed"
        );
    }
    Ok(model)
}

/// The index's entry for `name`, or an error naming voices of the same language.
fn lookup<'i>(index: &'i Index, name: &str) -> Result<&'i IndexVoice> {
    if let Some(voice) = index.get(name) {
        return Ok(voice);
    }
    let prefix = name.split('-').next().unwrap_or(name);
    // Names as the index gives them reach the terminal: plain ones only.
    let near: Vec<&str> = index
        .keys()
        .filter(|k| k.starts_with(prefix) && names::is_plain(k))
        .take(8)
        .map(String::as_str)
        .collect();
    bail!(
        "the Piper voices repository has no voice {name:?}{}",
        if near.is_empty() {
            String::new()
        } else {
            format!("; voices for that language include {}", near.join(", "))
        }
    )
}

/// Refuses to replace what devocast did not install at `dest`: anything but a real folder
/// holding its marker, or (installed before the marker) only this voice's files.
fn check_replaceable(dest: &Path, files: &[(&str, &str, &IndexFile)]) -> Result<()> {
    let Ok(meta) = std::fs::symlink_metadata(dest) else {
        return Ok(());
    };
    let refuse = |what: &str| {
        anyhow::anyhow!(
            "`{}` is {what}, which devocast did not install; it is left as it is (move it away to install the voice there)",
            dest.display()
        )
    };
    if !meta.is_dir() {
        return Err(refuse(if meta.is_symlink() {
            "a link"
        } else {
            "a file"
        }));
    }
    if std::fs::symlink_metadata(dest.join(MARKER)).is_ok_and(|m| m.is_file()) {
        return Ok(());
    }
    let entries =
        std::fs::read_dir(dest).with_context(|| format!("cannot read `{}`", dest.display()))?;
    for e in entries {
        let e = e.with_context(|| format!("cannot read `{}`", dest.display()))?;
        let name = e.file_name();
        let known = files.iter().any(|(_, base, _)| name.to_str() == Some(base));
        if !known || !e.file_type().is_ok_and(|t| t.is_file()) {
            return Err(refuse("a folder holding other files"));
        }
    }
    Ok(())
}

/// Renames the complete download into place, the old folder (if any) aside first and
/// removed after: the voice appears whole, in one rename.
fn put_in_place(tmp: Scratch, dir: &Path, dest: &Path, name: &str) -> Result<()> {
    let old = dir.join(format!(
        ".{name}.old.tmp-{}",
        crate::fsutil::unique_suffix()
    ));
    let had_old = std::fs::symlink_metadata(dest).is_ok();
    if had_old {
        std::fs::rename(dest, &old)
            .with_context(|| format!("failed to replace `{}`", dest.display()))?;
    }
    if let Err(e) = std::fs::rename(tmp.path(), dest) {
        if had_old {
            let _ = std::fs::rename(&old, dest);
        }
        return Err(e).with_context(|| format!("failed to install `{}`", dest.display()));
    }
    tmp.keep();
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(())
}

fn download_all(
    files: &[(&str, &str, &IndexFile)],
    total: u64,
    tmp: &Path,
    progress: Progress,
) -> Result<()> {
    let client = Client::new();
    let mut done = 0u64;
    for (rel, base, file) in files {
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
