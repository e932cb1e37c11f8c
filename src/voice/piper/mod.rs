//! Piper neural voices (`.onnx` + `.onnx.json`), run in-process, fully offline.
//!
//! The model runs in rten (pure Rust, the default: nothing to install beside the voice) or,
//! when asked (`voice.runtime = "onnxruntime"`), in ONNX Runtime loaded at run time. Text is
//! phonemized by the embedded espeak-ng in the voice's espeak voice, keeping clause
//! punctuation as Piper expects; lexicon entries given as espeak phonemes (`[[...]]`) are
//! turned into IPA by the same phonemizer, so they reach the model like its own output. The
//! IPA is mapped to ids with the voice's `phoneme_id_map`: `^`, then each phoneme followed by
//! the `_` pad, then `$`. The model's random nodes are given fixed seeds, so a sentence always
//! sounds the same whichever worker, shard or machine speaks it.

pub mod seed;
pub mod shared;
#[cfg(feature = "onnxruntime")]
pub mod with_ort;
pub mod with_rten;

use super::{Speech, Voice};
use crate::config::{PiperRuntime, VoiceConfig};
use anyhow::{anyhow, Context, Result};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A voice's description (`<voice>.onnx.json`), as far as devocast uses it.
#[derive(Debug, Clone, Deserialize)]
pub struct VoiceFile {
    /// The output format.
    pub audio: AudioSection,
    /// The espeak voice the phonemes come from.
    pub espeak: EspeakSection,
    /// Default noise and length scales.
    #[serde(default)]
    pub inference: Inference,
    /// Speakers in a multi-speaker voice.
    #[serde(default)]
    pub num_speakers: u32,
    /// Phoneme (a character of IPA) → model ids.
    pub phoneme_id_map: HashMap<String, Vec<i64>>,
    /// The voice's language, when the description gives it.
    #[serde(default)]
    pub language: Option<Language>,
    /// The dataset it was trained on, when given.
    #[serde(default)]
    pub dataset: Option<String>,
}

/// `audio` of a voice description.
#[derive(Debug, Clone, Deserialize)]
pub struct AudioSection {
    /// Output sample rate, Hz.
    pub sample_rate: u32,
    /// "x_low", "low", "medium" or "high".
    #[serde(default)]
    pub quality: Option<String>,
}

/// `espeak` of a voice description.
#[derive(Debug, Clone, Deserialize)]
pub struct EspeakSection {
    /// The espeak-ng voice ("en-us").
    pub voice: String,
}

/// `language` of a voice description.
#[derive(Debug, Clone, Deserialize)]
pub struct Language {
    /// "en_US".
    pub code: String,
}

/// `inference` of a voice description.
#[derive(Debug, Clone, Deserialize)]
pub struct Inference {
    /// Voice variation.
    pub noise_scale: f32,
    /// Speaking-rate factor (above 1 is slower).
    pub length_scale: f32,
    /// Phoneme-length variation.
    pub noise_w: f32,
}

impl Default for Inference {
    fn default() -> Self {
        Inference {
            noise_scale: 0.667,
            length_scale: 1.0,
            noise_w: 0.8,
        }
    }
}

impl VoiceFile {
    /// The voice's language (BCP 47): the description's `language.code` ("es_MX" →
    /// "es-MX"), else that of the espeak voice it is phonemized with.
    pub fn language_tag(&self) -> Option<String> {
        self.language
            .as_ref()
            .and_then(|l| super::languages::piper_language(&l.code))
            .or_else(|| {
                Some(super::languages::espeak_language(&self.espeak.voice))
                    .filter(|l| !l.is_empty())
            })
    }

    /// Reads `<model>.json`, the description beside a model.
    pub fn load(model: &Path) -> Result<VoiceFile> {
        let json_path = description_of(model);
        let text = crate::fsutil::read_text_limited(&json_path, MAX_DESCRIPTION_BYTES)
            .context("failed to read the voice description (it belongs beside the model)")?;
        serde_json::from_str(&text)
            .with_context(|| format!("`{}` is not a Piper voice description", json_path.display()))
    }
}

/// The largest voice description read (Piper's are a few kilobytes).
pub const MAX_DESCRIPTION_BYTES: u64 = 16 * 1024 * 1024;

/// Where a model's description lives: `<model>.onnx.json`.
pub fn description_of(model: &Path) -> PathBuf {
    PathBuf::from(format!("{}.json", model.display()))
}

/// Maps phonemes to Piper ids: `^`, each phoneme then the `_` pad, `$`. Phonemes the voice
/// does not know are skipped.
pub fn phoneme_ids(phonemes: &str, map: &HashMap<String, Vec<i64>>) -> Result<Vec<i64>> {
    let get = |k: &str| {
        map.get(k)
            .ok_or_else(|| anyhow!("the voice's phoneme_id_map has no {k:?}"))
    };
    let pad = get("_")?;
    let mut ids = get("^")?.clone();
    ids.extend(pad);
    for c in phonemes.chars() {
        if let Some(id) = map.get(c.encode_utf8(&mut [0; 4]) as &str) {
            ids.extend(id);
            ids.extend(pad);
        }
    }
    ids.extend(get("$")?);
    Ok(ids)
}

/// Phonemes per inference at most (about six seconds of speech): longer sentences are split
/// at clause punctuation, then at spaces. The model's working memory grows with the audio it
/// makes in one go (measured with rten: about 150 MB for 6 s, 500 MB for 15 s), so this keeps
/// a build with one inference per core well under a gigabyte.
pub const MAX_PHONEMES: usize = 160;

/// Splits IPA (as the phonemizer writes it: words separated by spaces, clause punctuation
/// kept) into pieces of at most `max` characters, preferring to cut after `, ; : . ! ?`.
pub fn chunk_phonemes(ipa: &str, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = ipa.trim();
    while rest.chars().count() > max {
        let cut_at = |pred: &dyn Fn(char) -> bool| -> Option<usize> {
            rest.char_indices()
                .take_while(|(i, _)| rest[..*i].chars().count() < max)
                .filter(|(_, c)| pred(*c))
                .map(|(i, c)| i + c.len_utf8())
                .last()
        };
        let end = cut_at(&|c| matches!(c, ',' | ';' | ':' | '.' | '!' | '?'))
            .or_else(|| cut_at(&|c| c == ' '))
            .unwrap_or_else(|| rest.char_indices().nth(max).map_or(rest.len(), |(i, _)| i));
        out.push(rest[..end].trim().to_string());
        rest = rest[end..].trim_start();
    }
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
    out
}

/// Runs a Piper model: phoneme ids in, samples out.
pub trait Runtime: Send + Sync {
    /// "rten" or "ONNX Runtime 1.x at /path".
    fn describe(&self) -> String;
    /// One inference.
    fn infer(&self, ids: &[i64], scales: [f32; 3], speaker: Option<i64>) -> Result<Vec<f32>>;
}

/// A Piper voice.
pub struct Piper {
    name: String,
    id: String,
    digest: String,
    origin: Option<super::identity::Origin>,
    language: Option<String>,
    rate: u32,
    scales: [f32; 3],
    speaker: Option<i64>,
    map: HashMap<String, Vec<i64>>,
    phonemizer: espeak_ng::EspeakNg,
    /// Shared by the voices of one model (see [`shared`]).
    runtime: std::sync::Arc<dyn Runtime>,
}

impl Piper {
    /// Opens the voice at `model` (its `.onnx.json` beside it) in the configured runtime.
    pub fn open(config: &VoiceConfig, model: &Path) -> Result<Piper> {
        if !model.is_file() {
            anyhow::bail!("the Piper voice model `{}` does not exist", model.display());
        }
        let file = VoiceFile::load(model)?;
        let scales = [
            config.noise_scale.unwrap_or(file.inference.noise_scale),
            config.length_scale.unwrap_or(file.inference.length_scale),
            config.noise_w.unwrap_or(file.inference.noise_w),
        ];
        let speaker = (file.num_speakers > 1)
            .then(|| i64::from(config.speaker.unwrap_or(crate::config::DEFAULT_SPEAKER)));
        let bytes = crate::fsutil::read_limited(model, super::fetch::MAX_VOICE_BYTES)?;
        let hash = blake3::hash(&bytes);
        let description =
            crate::fsutil::read_limited(&description_of(model), MAX_DESCRIPTION_BYTES)?;
        let digest = super::identity::piper_digest(&hash, &description);
        let key = format!(
            "{}/{:?}/{}/{:?}",
            hash.to_hex(),
            config.runtime,
            config.threads,
            config.onnxruntime
        );
        let runtime = shared::runtime(&key, || {
            let seeded = seed::seed_random_nodes(&bytes)
                .with_context(|| format!("`{}` is not an ONNX model", model.display()))?
                .unwrap_or(bytes);
            Ok(match config.runtime {
                PiperRuntime::Rten => std::sync::Arc::new(with_rten::Rten::load(seeded, model)?),
                #[cfg(feature = "onnxruntime")]
                PiperRuntime::Onnxruntime => {
                    std::sync::Arc::new(with_ort::Ort::load(seeded, model, config)?)
                }
                #[cfg(not(feature = "onnxruntime"))]
                PiperRuntime::Onnxruntime => anyhow::bail!(
                    "voice.runtime = \"onnxruntime\" needs devocast built with the `onnxruntime` feature"
                ),
            })
        })?;
        let runtime_id = match config.runtime {
            PiperRuntime::Rten => "rten",
            PiperRuntime::Onnxruntime => "onnxruntime",
        };
        let id = format!(
            "piper/{}/{runtime_id}/seeded/scales={:?}/speaker={:?}/phonemizer=espeak-embedded-{}",
            hash.to_hex(),
            scales,
            speaker,
            espeak_ng::EspeakNg::version()
        );
        let phonemizer = super::embedded::phonemizer(&file.espeak.voice)?;
        let language = file.language_tag();
        Ok(Piper {
            name: model
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            id,
            digest,
            origin: None,
            language,
            rate: file.audio.sample_rate,
            scales,
            speaker,
            map: file.phoneme_id_map,
            phonemizer,
            runtime,
        })
    }

    /// Whether `other` runs on the very model this voice loaded (another speaker of it).
    pub fn shares_model_with(&self, other: &Piper) -> bool {
        std::sync::Arc::ptr_eq(&self.runtime, &other.runtime)
    }

    /// The voice, saying where this machine found it (so the podcast's record can tell
    /// another machine how to get it).
    pub fn from(mut self, origin: super::identity::Origin) -> Piper {
        self.origin = Some(origin);
        self
    }

    /// The IPA Piper is given for a sentence (espeak `[[...]]` phonemes included, as IPA).
    pub fn phonemes(&self, text: &str) -> Result<String> {
        self.phonemizer
            .text_to_phonemes_phonemizer(text)
            .map_err(|e| anyhow!("phonemizing {text:?}: {e}"))
    }
}

impl Voice for Piper {
    fn describe(&self) -> String {
        format!(
            "Piper {} ({} Hz, {})",
            self.name,
            self.rate,
            self.runtime.describe()
        )
    }

    fn id(&self) -> String {
        self.id.clone()
    }

    fn accepts_phonemes(&self) -> bool {
        true
    }

    fn language(&self) -> Option<String> {
        self.language.clone()
    }

    fn identity(&self) -> super::Identity {
        super::Identity {
            engine: super::identity::engine::PIPER.into(),
            name: self.name.clone(),
            version: None,
            digest: Some(self.digest.clone()),
            speaker: self.speaker,
            from: self.origin.clone(),
        }
    }

    fn synthesize(&self, text: &str) -> Result<Speech> {
        let ipa = self.phonemes(text)?;
        let mut samples = Vec::new();
        let pieces = chunk_phonemes(&ipa, MAX_PHONEMES);
        for (i, piece) in pieces.iter().enumerate() {
            let ids = phoneme_ids(piece, &self.map)?;
            let audio = self
                .runtime
                .infer(&ids, self.scales, self.speaker)
                .map_err(|e| anyhow!("Piper could not speak {text:?}: {e:#}"))?;
            if i > 0 {
                // A clause pause between the pieces of a long sentence.
                samples.extend(std::iter::repeat_n(0.0, self.rate as usize * 3 / 20));
            }
            samples.extend(audio.into_iter().map(|s| s.clamp(-1.0, 1.0)));
        }
        Ok(Speech {
            samples,
            rate: self.rate,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_voice_says_its_language_from_its_description() {
        let file = |extra: &str, espeak: &str| -> VoiceFile {
            serde_json::from_str(&format!(
                r#"{{"audio": {{"sample_rate": 22050}}, "espeak": {{"voice": "{espeak}"}},
                    "phoneme_id_map": {{}}{extra}}}"#
            ))
            .unwrap()
        };
        let mexican = file(r#", "language": {"code": "es_MX"}"#, "es-419");
        assert_eq!(mexican.language_tag().as_deref(), Some("es-MX"));
        let castilian = file(r#", "language": {"code": "es_ES"}"#, "es");
        assert_eq!(castilian.language_tag().as_deref(), Some("es-ES"));
        // An older description without `language`: the espeak voice's.
        assert_eq!(file("", "en-us").language_tag().as_deref(), Some("en-US"));
        assert_eq!(file("", "es").language_tag().as_deref(), Some("es"));
    }

    #[test]
    fn ids_follow_the_piper_format() {
        let map: HashMap<String, Vec<i64>> = [
            ("_", 0),
            ("^", 1),
            ("$", 2),
            (" ", 3),
            ("h", 20),
            ("ə", 59),
            ("ˈ", 120),
            (",", 8),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), vec![v]))
        .collect();
        assert_eq!(
            phoneme_ids("hˈə, h", &map).unwrap(),
            vec![1, 0, 20, 0, 120, 0, 59, 0, 8, 0, 3, 0, 20, 0, 2]
        );
        // Unknown phonemes are skipped, not fatal.
        assert_eq!(phoneme_ids("hx", &map).unwrap(), vec![1, 0, 20, 0, 2]);
        let broken: HashMap<String, Vec<i64>> = HashMap::new();
        assert!(phoneme_ids("h", &broken)
            .unwrap_err()
            .to_string()
            .contains("\"_\""));
    }

    #[test]
    fn long_input_is_cut_at_clauses_then_words() {
        let clause = "ðə lˈɔːɹd ɪz nˈɪɹ, ";
        let ipa = clause.repeat(60);
        let pieces = chunk_phonemes(&ipa, 100);
        assert!(
            pieces.iter().all(|p| p.chars().count() <= 100),
            "{pieces:?}"
        );
        assert!(
            pieces[..pieces.len() - 1].iter().all(|p| p.ends_with(',')),
            "{pieces:?}"
        );
        let rejoined: String = pieces.join(" ");
        assert_eq!(
            rejoined.split_whitespace().collect::<Vec<_>>(),
            ipa.split_whitespace().collect::<Vec<_>>()
        );
        let words = "wˈɜːd ".repeat(100);
        assert!(chunk_phonemes(&words, 50)
            .iter()
            .all(|p| p.chars().count() <= 50));
        assert_eq!(chunk_phonemes("short", 100), vec!["short"]);
        let blob = "a".repeat(250);
        assert_eq!(chunk_phonemes(&blob, 100).len(), 3);
    }

    #[test]
    fn espeak_phonemes_in_the_text_become_ipa() {
        let p = super::super::embedded::phonemizer("en-us").unwrap();
        let ipa = p
            .text_to_phonemes_phonemizer("Mel [[mElk'Iz@dEk]] met Abram.")
            .unwrap();
        assert!(!ipa.contains('[') && !ipa.contains('@'), "{ipa}");
        assert!(ipa.contains("ɛlkˈɪzədɛk") || ipa.contains("mɛlk"), "{ipa}");
    }
}
