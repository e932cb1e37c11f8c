//! Piper neural voices (`.onnx` + `.onnx.json`) run with ONNX Runtime, fully offline.
//!
//! ONNX Runtime is loaded at run time (`ort` with `load-dynamic`): from `[voice] onnxruntime`,
//! `ORT_DYLIB_PATH`, or an installed Python `onnxruntime` package. Text is phonemized by the
//! embedded espeak-ng in the voice's espeak voice, keeping clause punctuation as Piper
//! expects, and mapped to ids with the voice's `phoneme_id_map`: `^`, then each phoneme
//! followed by the `_` pad, then `$`. Each worker thread has its own session, reused across
//! sentences. Piper's output varies run to run (its noise inputs); the segment cache keeps
//! episodes stable.

use super::{Speech, Voice};
use crate::config::VoiceConfig;
use anyhow::{anyhow, bail, Context, Result};
use ort::session::Session;
use ort::value::Tensor;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

#[derive(Debug, Deserialize)]
struct VoiceFile {
    audio: AudioSection,
    espeak: EspeakSection,
    #[serde(default)]
    inference: Inference,
    #[serde(default)]
    num_speakers: u32,
    phoneme_id_map: HashMap<String, Vec<i64>>,
}

#[derive(Debug, Deserialize)]
struct AudioSection {
    sample_rate: u32,
}

#[derive(Debug, Deserialize)]
struct EspeakSection {
    voice: String,
}

#[derive(Debug, Deserialize)]
struct Inference {
    noise_scale: f32,
    length_scale: f32,
    noise_w: f32,
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

/// Where ONNX Runtime is looked for, in order, with the first that exists.
pub fn find_onnxruntime(configured: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = configured {
        return if p.is_file() {
            Ok(p.to_path_buf())
        } else {
            bail!("[voice] onnxruntime = {:?} does not exist", p)
        };
    }
    if let Some(p) = std::env::var_os("ORT_DYLIB_PATH") {
        let p = PathBuf::from(p);
        return if p.is_file() {
            Ok(p)
        } else {
            bail!("ORT_DYLIB_PATH={} does not exist", p.display())
        };
    }
    let mut roots: Vec<PathBuf> = Vec::new();
    if let Some(v) = std::env::var_os("VIRTUAL_ENV") {
        roots.push(PathBuf::from(v).join("lib"));
    }
    // The Python on PATH knows where its packages are.
    if let Ok(out) = std::process::Command::new("python3")
        .args([
            "-c",
            "import sys; print('\\n'.join(p for p in sys.path if p))",
        ])
        .output()
    {
        roots.extend(
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .map(PathBuf::from),
        );
    }
    if let Some(home) = std::env::var_os("HOME") {
        roots.push(PathBuf::from(home).join(".local/lib"));
    }
    roots.extend(["/usr/lib/python3/dist-packages", "/usr/local/lib"].map(PathBuf::from));
    for root in roots {
        for dir in [root.clone(), root.join("site-packages")]
            .into_iter()
            .chain(
                std::fs::read_dir(&root)
                    .into_iter()
                    .flatten()
                    .flatten()
                    .map(|e| e.path().join("site-packages")),
            )
        {
            let capi = dir.join("onnxruntime/capi");
            if let Ok(entries) = std::fs::read_dir(&capi) {
                let mut libs: Vec<PathBuf> = entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| {
                        p.file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with("libonnxruntime.so"))
                    })
                    .collect();
                libs.sort();
                if let Some(l) = libs.pop() {
                    return Ok(l);
                }
            }
        }
    }
    bail!(
        "ONNX Runtime was not found: install it with `pip install onnxruntime` (devocast finds the \
         library inside the Python package), or set ORT_DYLIB_PATH to libonnxruntime.so, or \
         `onnxruntime = \"/path/to/libonnxruntime.so\"` under [voice]"
    )
}

/// The ONNX Runtime environment: one per process, kept for its lifetime.
static ORT: OnceLock<Result<(PathBuf, ort::environment::Environment), String>> = OnceLock::new();

fn init_ort(configured: Option<&Path>) -> Result<&'static ort::environment::Environment> {
    ORT.get_or_init(|| {
        let lib = find_onnxruntime(configured).map_err(|e| format!("{e:#}"))?;
        let env = ort::init_from(&lib)
            .map_err(|e| format!("cannot load ONNX Runtime from {}: {e}", lib.display()))?
            .with_name("devocast")
            .build()
            .map_err(|e| format!("ONNX Runtime from {} would not start: {e}", lib.display()))?;
        Ok((lib, env))
    })
    .as_ref()
    .map(|(_, env)| env)
    .map_err(|e| anyhow!("{e}"))
}

/// A Piper voice.
pub struct Piper {
    name: String,
    id: String,
    rate: u32,
    scales: [f32; 3],
    speaker: Option<i64>,
    map: HashMap<String, Vec<i64>>,
    phonemizer: espeak_ng::EspeakNg,
    sessions: Vec<Mutex<Option<Session>>>,
    env: &'static ort::environment::Environment,
    model: PathBuf,
    threads: usize,
}

impl Piper {
    /// Loads the voice description and ONNX Runtime; sessions are created on first use.
    pub fn open(config: &VoiceConfig, project: &Path) -> Result<Piper> {
        let model = config
            .model
            .as_ref()
            .map(|m| project.join(m))
            .ok_or_else(|| {
                anyhow!("engine = \"piper\" needs `model = \"path/to/voice.onnx\"` under [voice]")
            })?;
        if !model.is_file() {
            bail!("the Piper voice model `{}` does not exist", model.display());
        }
        let json_path = PathBuf::from(format!("{}.json", model.display()));
        let text = std::fs::read_to_string(&json_path).with_context(|| {
            format!(
                "failed to read the voice description `{}` (it belongs beside the model)",
                json_path.display()
            )
        })?;
        let file: VoiceFile = serde_json::from_str(&text).with_context(|| {
            format!("`{}` is not a Piper voice description", json_path.display())
        })?;
        let env = init_ort(
            config
                .onnxruntime
                .as_ref()
                .map(|p| project.join(p))
                .as_deref(),
        )?;
        let scales = [
            config.noise_scale.unwrap_or(file.inference.noise_scale),
            config.length_scale.unwrap_or(file.inference.length_scale),
            config.noise_w.unwrap_or(file.inference.noise_w),
        ];
        let speaker = (file.num_speakers > 1).then(|| i64::from(config.speaker.unwrap_or(0)));
        let hash = blake3::hash(
            &std::fs::read(&model)
                .with_context(|| format!("failed to read `{}`", model.display()))?,
        );
        let id = format!(
            "piper/{}/scales={:?}/speaker={:?}/phonemizer=espeak-embedded-{}",
            hash.to_hex(),
            scales,
            speaker,
            espeak_ng::EspeakNg::version()
        );
        let phonemizer = super::embedded::phonemizer(&file.espeak.voice)?;
        let workers = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .max(1);
        Ok(Piper {
            name: model
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            id,
            rate: file.audio.sample_rate,
            scales,
            speaker,
            map: file.phoneme_id_map,
            phonemizer,
            sessions: (0..workers + 1).map(|_| Mutex::new(None)).collect(),
            env,
            model,
            threads: config.threads.max(1),
        })
    }

    /// The phonemes Piper is given for a sentence.
    pub fn phonemes(&self, text: &str) -> Result<String> {
        self.phonemizer
            .text_to_phonemes_phonemizer(text)
            .map_err(|e| anyhow!("phonemizing {text:?}: {e}"))
    }
}

impl Voice for Piper {
    fn describe(&self) -> String {
        format!(
            "Piper {} ({} Hz, ONNX Runtime {})",
            self.name,
            self.rate,
            ORT.get()
                .and_then(|r| r.as_ref().ok())
                .map(|(p, _)| p.display().to_string())
                .unwrap_or_default()
        )
    }

    fn id(&self) -> String {
        self.id.clone()
    }

    fn synthesize(&self, text: &str) -> Result<Speech> {
        let ids = phoneme_ids(&self.phonemes(text)?, &self.map)?;
        let n = ids.len();
        // One session per worker thread; the last slot serves threads outside the pool.
        let slot = rayon::current_thread_index().map_or(self.sessions.len() - 1, |i| {
            i % (self.sessions.len() - 1).max(1)
        });
        let mut guard = self.sessions[slot]
            .lock()
            .map_err(|_| anyhow!("session lock poisoned"))?;
        if guard.is_none() {
            let session = Session::builder(self.env)
                .map_err(|e| anyhow!("ONNX Runtime: {e}"))?
                .with_intra_threads(self.threads)
                .map_err(|e| anyhow!("ONNX Runtime: {e}"))?
                .commit_from_file(&self.model)
                .map_err(|e| {
                    anyhow!(
                        "cannot load the Piper model `{}`: {e}",
                        self.model.display()
                    )
                })?;
            *guard = Some(session);
        }
        let session = guard.as_mut().ok_or_else(|| anyhow!("no session"))?;
        let input = Tensor::from_array(([1usize, n], ids)).map_err(|e| anyhow!("{e}"))?;
        let lengths = Tensor::from_array(([1usize], vec![n as i64])).map_err(|e| anyhow!("{e}"))?;
        let scales =
            Tensor::from_array(([3usize], self.scales.to_vec())).map_err(|e| anyhow!("{e}"))?;
        let outputs = match self.speaker {
            Some(s) => {
                let sid = Tensor::from_array(([1usize], vec![s])).map_err(|e| anyhow!("{e}"))?;
                session.run(ort::inputs!["input" => input, "input_lengths" => lengths, "scales" => scales, "sid" => sid])
            }
            None => session.run(ort::inputs!["input" => input, "input_lengths" => lengths, "scales" => scales]),
        }
        .map_err(|e| anyhow!("Piper inference failed on {text:?}: {e}"))?;
        let (_, audio) = outputs[0]
            .try_extract_tensor::<f32>()
            .map_err(|e| anyhow!("Piper output: {e}"))?;
        Ok(Speech {
            samples: audio.iter().map(|s| s.clamp(-1.0, 1.0)).collect(),
            rate: self.rate,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn missing_runtime_says_what_to_install() {
        let err = find_onnxruntime(Some(Path::new("/nonexistent/libonnxruntime.so")))
            .unwrap_err()
            .to_string();
        assert!(err.contains("does not exist"), "{err}");
    }
}
