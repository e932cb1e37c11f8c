//! Loaded models shared between voices: two speakers of one multi-speaker model (the
//! narrator and `[voices.scripture] speaker = 3`) run on one loaded copy, not two. A model
//! stays loaded while a voice uses it (the table holds weak references only).

use super::Runtime;
use anyhow::Result;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, Weak};

/// Loaded models by what they were loaded from: the model's content hash and the runtime
/// with its settings.
fn loaded() -> &'static Mutex<HashMap<String, Weak<dyn Runtime>>> {
    static LOADED: OnceLock<Mutex<HashMap<String, Weak<dyn Runtime>>>> = OnceLock::new();
    LOADED.get_or_init(Default::default)
}

/// The model loaded under `key`, loading it with `load` only if no voice holds it now.
pub fn runtime(
    key: &str,
    load: impl FnOnce() -> Result<Arc<dyn Runtime>>,
) -> Result<Arc<dyn Runtime>> {
    // Held across the load: two voices opened at once must not load the model twice.
    let mut table = loaded()
        .lock()
        .map_err(|_| anyhow::anyhow!("the loaded models' table is poisoned"))?;
    if let Some(r) = table.get(key).and_then(Weak::upgrade) {
        return Ok(r);
    }
    let r = load()?;
    table.retain(|_, w| w.strong_count() > 0);
    table.insert(key.to_string(), Arc::downgrade(&r));
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    struct Model;
    impl Runtime for Model {
        fn describe(&self) -> String {
            "test".into()
        }
        fn infer(&self, _: &[i64], _: [f32; 3], _: Option<i64>) -> Result<Vec<f32>> {
            Ok(Vec::new())
        }
    }

    #[test]
    fn a_second_speaker_reuses_the_loaded_model_while_it_is_held() {
        let loads = AtomicUsize::new(0);
        let load = || -> Result<Arc<dyn Runtime>> {
            loads.fetch_add(1, Ordering::SeqCst);
            Ok(Arc::new(Model))
        };
        let a = runtime("test-model/rten", load).unwrap();
        let b = runtime("test-model/rten", load).unwrap();
        assert_eq!(loads.load(Ordering::SeqCst), 1);
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(Arc::strong_count(&a), 2);
        // Another runtime of the model is another copy.
        let c = runtime("test-model/onnxruntime", load).unwrap();
        assert_eq!(loads.load(Ordering::SeqCst), 2);
        assert!(!Arc::ptr_eq(&a, &c));
        // Once no voice holds it, it is unloaded, and loaded again when asked for.
        drop((a, b));
        let _d = runtime("test-model/rten", load).unwrap();
        assert_eq!(loads.load(Ordering::SeqCst), 3);
    }
}
