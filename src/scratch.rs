//! Temporary folders that never outlive an interruption: a [`Scratch`] folder is removed
//! when it is dropped, and also when the process is stopped by SIGINT (Ctrl-C) or SIGTERM,
//! before the process ends as that signal ends it. A SIGKILL cannot be caught: the names
//! carry the process id and host ([`crate::fsutil::unique_suffix`]), so the next run sweeps
//! what a dead process left ([`crate::fsutil::remove_stale_temp_dirs`]).
//!
//! The signals are watched by one thread, started with the first scratch folder; while no
//! scratch folder exists, a signal ends the process exactly as before.

use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// The scratch folders alive in this process, by id.
static LIVE: Mutex<BTreeMap<u64, PathBuf>> = Mutex::new(BTreeMap::new());

/// A temporary folder of this process, removed with everything in it when dropped or when
/// the process is interrupted, unless [`Scratch::keep`] was called.
#[derive(Debug)]
pub struct Scratch {
    id: u64,
    path: PathBuf,
}

impl Scratch {
    /// Creates the folder `path` (which must not exist: a name unique to this process, as
    /// [`crate::fsutil::unique_suffix`] gives) and registers it for removal.
    pub fn create_dir(path: PathBuf) -> Result<Scratch> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        watch_signals();
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        // Registered before it exists: a signal between the two finds nothing to remove.
        if let Ok(mut live) = LIVE.lock() {
            live.insert(id, path.clone());
        }
        if let Err(e) = std::fs::create_dir(&path) {
            // Not ours (it may be another's folder): never removed.
            forget(id);
            return Err(e).with_context(|| format!("failed to create `{}`", path.display()));
        }
        Ok(Scratch { id, path })
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Stops watching the folder, once it has been renamed into place: it is no longer
    /// scratch.
    pub fn keep(self) {
        forget(self.id);
        std::mem::forget(self);
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        forget(self.id);
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

fn forget(id: u64) {
    if let Ok(mut live) = LIVE.lock() {
        live.remove(&id);
    }
}

/// Removes every scratch folder alive now (on an interruption).
fn remove_all() {
    // A panicking holder poisons the lock; the paths are still good.
    let live = match LIVE.lock() {
        Ok(l) => l,
        Err(poisoned) => poisoned.into_inner(),
    };
    for path in live.values() {
        let _ = std::fs::remove_dir_all(path);
    }
}

/// Starts, once, the thread that removes the scratch folders on SIGINT or SIGTERM and then
/// ends the process as the signal would have (a shell sees 130 or 143).
#[cfg(unix)]
fn watch_signals() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
            return;
        };
        let spawned = std::thread::Builder::new()
            .name("scratch-signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    remove_all();
                    // Restores the default action and raises the signal again.
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    std::process::exit(128 + signal);
                }
            });
        drop(spawned);
    });
}

#[cfg(not(unix))]
fn watch_signals() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scratch_folder_goes_when_dropped_and_stays_when_kept() {
        let dir = tempfile::tempdir().unwrap();
        let a = Scratch::create_dir(dir.path().join("a")).unwrap();
        std::fs::write(a.path().join("f"), b"x").unwrap();
        assert!(Scratch::create_dir(dir.path().join("a")).is_err(), "exists");
        assert!(
            a.path().join("f").exists(),
            "a failed creation removes nothing"
        );
        drop(a);
        assert!(!dir.path().join("a").exists());
        let b = Scratch::create_dir(dir.path().join("b")).unwrap();
        b.keep();
        assert!(dir.path().join("b").is_dir());
        assert!(LIVE
            .lock()
            .unwrap()
            .values()
            .all(|p| !p.starts_with(dir.path())));
    }
}
