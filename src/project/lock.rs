//! Build locks taken with the operating system's advisory file locks (`flock`), never by
//! checking for a file and then writing one: two builds started at the same instant cannot
//! both win, and a build killed with `kill -9` releases its lock with its last file handle.

use anyhow::{Context, Result};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// A held lock; released when dropped (or when the process ends, however it ends).
#[derive(Debug)]
pub struct Lock {
    _file: File,
    path: PathBuf,
}

#[derive(Clone, Copy)]
enum Mode {
    Exclusive,
    Shared,
    Wait,
}

/// Why a lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another process holds it.
    #[error("{what} is in use by another devocast (process {pid}); wait for it to finish (the lock is `{path}`)")]
    Busy {
        /// What the lock protects, for the message.
        what: String,
        /// The holder's process id as it wrote it, or "unknown".
        pid: String,
        /// The lock file.
        path: PathBuf,
    },
    /// The lock file could not be opened.
    #[error(transparent)]
    Io(#[from] anyhow::Error),
}

impl Lock {
    /// Takes the lock at `path` without waiting; `what` names what it protects in messages
    /// ("the project", "episode `one`").
    pub fn try_acquire(path: &Path, what: &str) -> Result<Lock, LockError> {
        Lock::take(path, what, Mode::Exclusive)
    }

    /// Takes the lock at `path` shared, without waiting: any number of shared holders (the
    /// shards of one build) at once, but never alongside an exclusive holder (a whole build,
    /// a publish, a clean).
    pub fn try_acquire_shared(path: &Path, what: &str) -> Result<Lock, LockError> {
        Lock::take(path, what, Mode::Shared)
    }

    /// Takes the lock at `path`, waiting for it if another process holds it (`waiting` is
    /// called once, before the wait).
    pub fn acquire(path: &Path, what: &str, waiting: &dyn Fn()) -> Result<Lock, LockError> {
        match Lock::take(path, what, Mode::Exclusive) {
            Err(LockError::Busy { .. }) => {
                waiting();
                Lock::take(path, what, Mode::Wait)
            }
            other => other,
        }
    }

    fn take(path: &Path, what: &str, mode: Mode) -> Result<Lock, LockError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("failed to create `{}`", dir.display()))?;
        }
        // Never truncated on open: the holder's pid stays readable for the message.
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .with_context(|| format!("failed to open the lock `{}`", path.display()))?;
        let taken = match mode {
            Mode::Exclusive => file.try_lock(),
            Mode::Shared => file.try_lock_shared(),
            Mode::Wait => file.lock().map_err(TryLockError::Error),
        };
        match taken {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut pid = String::new();
                let _ = file.read_to_string(&mut pid);
                let pid = pid.trim();
                return Err(LockError::Busy {
                    what: what.to_string(),
                    pid: if pid.is_empty() { "unknown" } else { pid }.to_string(),
                    path: path.to_path_buf(),
                });
            }
            Err(TryLockError::Error(e)) => {
                return Err(LockError::Io(
                    anyhow::Error::new(e).context(format!("failed to lock `{}`", path.display())),
                ))
            }
        }
        // Only holders write: the pid is for the message others see (with shared holders,
        // the last one's).
        let _ = file.set_len(0);
        let _ = file.rewind();
        let _ = write!(file, "{}", std::process::id());
        Ok(Lock {
            _file: file,
            path: path.to_path_buf(),
        })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Barrier};

    #[test]
    fn exactly_one_of_many_simultaneous_takers_wins_every_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("build.lock");
        for round in 0..40 {
            let start = Arc::new(Barrier::new(8));
            let tried = Arc::new(Barrier::new(8));
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    let (b, t, p) = (start.clone(), tried.clone(), path.clone());
                    std::thread::spawn(move || {
                        b.wait();
                        let got = Lock::try_acquire(&p, "the project");
                        // A winner holds the lock until every thread has tried.
                        t.wait();
                        got.is_ok()
                    })
                })
                .collect();
            let winners = handles
                .into_iter()
                .map(|h| h.join().unwrap())
                .filter(|&w| w)
                .count();
            assert_eq!(winners, 1, "round {round}");
        }
    }

    #[test]
    fn a_held_lock_names_its_holder_and_is_free_after_drop() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        let held = Lock::try_acquire(&path, "the project").unwrap();
        let err = Lock::try_acquire(&path, "the project").unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains(&std::process::id().to_string()) && msg.contains("in use"),
            "{msg}"
        );
        drop(held);
        assert!(Lock::try_acquire(&path, "the project").is_ok());
    }

    #[test]
    fn shared_holders_coexist_but_exclude_an_exclusive_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("build.lock");
        let a = Lock::try_acquire_shared(&path, "the project").unwrap();
        let b = Lock::try_acquire_shared(&path, "the project").unwrap();
        assert!(Lock::try_acquire(&path, "the project").is_err());
        drop(a);
        assert!(Lock::try_acquire(&path, "the project").is_err());
        drop(b);
        let whole = Lock::try_acquire(&path, "the project").unwrap();
        assert!(Lock::try_acquire_shared(&path, "the project").is_err());
        drop(whole);
    }

    #[test]
    fn acquire_waits_for_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("one.lock");
        let held = Lock::try_acquire(&path, "episode `one`").unwrap();
        let waited = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (p, w) = (path.clone(), waited.clone());
        let t = std::thread::spawn(move || {
            let lock = Lock::acquire(&p, "episode `one`", &|| {
                w.store(true, std::sync::atomic::Ordering::SeqCst)
            });
            lock.is_ok()
        });
        while !waited.load(std::sync::atomic::Ordering::SeqCst) {
            std::thread::yield_now();
        }
        drop(held);
        assert!(t.join().unwrap());
    }
}
