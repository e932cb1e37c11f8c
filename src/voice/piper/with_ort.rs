//! Piper in ONNX Runtime, loaded at run time (`ort` with `load-dynamic`): from
//! `[voice] onnxruntime`, `ORT_DYLIB_PATH`, or an installed Python `onnxruntime` package.
//! Faster than rten on the same cores; the library is the user's to install.

use super::Runtime;
use crate::config::VoiceConfig;
use anyhow::{anyhow, bail, Result};
use ort::session::Session;
use ort::value::Tensor;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

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
    for dir in crate::voice::python::package_dirs() {
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

/// A Piper model in ONNX Runtime: one session per worker thread, created on first use.
pub struct Ort {
    bytes: Vec<u8>,
    path: PathBuf,
    env: &'static ort::environment::Environment,
    sessions: Vec<Mutex<Option<Session>>>,
    threads: usize,
}

impl Ort {
    /// Finds ONNX Runtime and keeps the model's bytes for its sessions.
    pub fn load(bytes: Vec<u8>, path: &Path, config: &VoiceConfig) -> Result<Ort> {
        let env = init_ort(config.onnxruntime.as_deref())?;
        let workers = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .max(1);
        Ok(Ort {
            bytes,
            path: path.to_path_buf(),
            env,
            sessions: (0..workers + 1).map(|_| Mutex::new(None)).collect(),
            threads: config.threads.max(1),
        })
    }
}

impl Runtime for Ort {
    fn describe(&self) -> String {
        format!(
            "ONNX Runtime {}",
            ORT.get()
                .and_then(|r| r.as_ref().ok())
                .map(|(p, _)| p.display().to_string())
                .unwrap_or_default()
        )
    }

    fn infer(&self, ids: &[i64], scales: [f32; 3], speaker: Option<i64>) -> Result<Vec<f32>> {
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
                .commit_from_memory(&self.bytes)
                .map_err(|e| {
                    anyhow!(
                        "ONNX Runtime cannot load the Piper model `{}`: {e}",
                        self.path.display()
                    )
                })?;
            *guard = Some(session);
        }
        let session = guard.as_mut().ok_or_else(|| anyhow!("no session"))?;
        let input = Tensor::from_array(([1usize, n], ids.to_vec())).map_err(|e| anyhow!("{e}"))?;
        let lengths = Tensor::from_array(([1usize], vec![n as i64])).map_err(|e| anyhow!("{e}"))?;
        let scales = Tensor::from_array(([3usize], scales.to_vec())).map_err(|e| anyhow!("{e}"))?;
        let outputs = match speaker {
            Some(s) => {
                let sid = Tensor::from_array(([1usize], vec![s])).map_err(|e| anyhow!("{e}"))?;
                session.run(ort::inputs!["input" => input, "input_lengths" => lengths, "scales" => scales, "sid" => sid])
            }
            None => session.run(ort::inputs!["input" => input, "input_lengths" => lengths, "scales" => scales]),
        }
        .map_err(|e| anyhow!("ONNX Runtime: {e}"))?;
        let (_, audio) = outputs[0]
            .try_extract_tensor::<f32>()
            .map_err(|e| anyhow!("Piper output: {e}"))?;
        Ok(audio.to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_runtime_says_what_to_install() {
        let err = find_onnxruntime(Some(Path::new("/nonexistent/libonnxruntime.so")))
            .unwrap_err()
            .to_string();
        assert!(err.contains("does not exist"), "{err}");
    }
}
