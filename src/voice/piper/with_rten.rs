//! Piper in rten, the pure-Rust ONNX runtime: the unmodified model, no library to install.
//!
//! One model is loaded and shared; each calling thread runs it with a single-threaded pool of
//! its own, so sentences are spoken side by side. At most one inference per core runs at
//! once, however many episodes are in flight: memory grows with the cores, not with the
//! episodes.

use super::Runtime;
use anyhow::{anyhow, Result};
use rten::{Model, ModelOptions, NodeId, RunOptions, ThreadPool};
use rten_tensor::prelude::*;
use rten_tensor::Tensor;
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};

/// A Piper model in rten.
pub struct Rten {
    model: Model,
    input: NodeId,
    lengths: NodeId,
    scales: NodeId,
    speaker: Option<NodeId>,
    output: NodeId,
    /// Inferences that may still start (one per core).
    free: Mutex<usize>,
    freed: Condvar,
}

thread_local! {
    /// This worker's own single-threaded pool: parallelism comes from running sentences
    /// side by side, which suits this model better than splitting one inference.
    static POOL: Arc<ThreadPool> = Arc::new(ThreadPool::with_num_threads(1));
}

impl Rten {
    /// Loads the model's bytes (already seeded).
    pub fn load(bytes: Vec<u8>, path: &Path) -> Result<Rten> {
        let model = ModelOptions::with_all_ops()
            .load(bytes)
            .map_err(|e| anyhow!("rten cannot load the Piper model `{}`: {e}", path.display()))?;
        let node = |name: &str| {
            model.node_id(name).map_err(|e| {
                anyhow!(
                    "`{}` has no `{name}` node ({e}): is it a Piper voice?",
                    path.display()
                )
            })
        };
        Ok(Rten {
            input: node("input")?,
            lengths: node("input_lengths")?,
            scales: node("scales")?,
            speaker: model.find_node("sid"),
            output: node("output")?,
            model,
            free: Mutex::new(std::thread::available_parallelism().map_or(1, |n| n.get())),
            freed: Condvar::new(),
        })
    }
}

impl Runtime for Rten {
    fn describe(&self) -> String {
        "rten".into()
    }

    fn infer(&self, ids: &[i64], scales: [f32; 3], speaker: Option<i64>) -> Result<Vec<f32>> {
        // rten takes integer tensors as i32; phoneme ids are small.
        let ids: Vec<i32> = ids.iter().map(|&i| i as i32).collect();
        let n = ids.len();
        let mut inputs = vec![
            (self.input, Tensor::from_data(&[1, n], ids).into()),
            (self.lengths, Tensor::from([n as i32]).into()),
            (self.scales, Tensor::from(scales).into()),
        ];
        if let (Some(node), Some(s)) = (self.speaker, speaker) {
            inputs.push((node, Tensor::from([s as i32]).into()));
        }
        let pool = POOL.with(Arc::clone);
        let opts = RunOptions::default().with_thread_pool(Some(pool));
        {
            let mut free = self
                .free
                .lock()
                .map_err(|_| anyhow!("rten lock poisoned"))?;
            while *free == 0 {
                free = self
                    .freed
                    .wait(free)
                    .map_err(|_| anyhow!("rten lock poisoned"))?;
            }
            *free -= 1;
        }
        let result = self.model.run(inputs, &[self.output], Some(opts));
        if let Ok(mut free) = self.free.lock() {
            *free += 1;
        }
        self.freed.notify_one();
        let mut out = result.map_err(|e| anyhow!("rten: {e}"))?;
        let audio: Tensor<f32> = out
            .pop()
            .ok_or_else(|| anyhow!("rten: the model gave no output"))?
            .try_into()
            .map_err(|e| anyhow!("rten: unexpected output ({e:?})"))?;
        Ok(audio.to_vec())
    }
}
