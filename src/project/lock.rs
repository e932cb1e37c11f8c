//! Build locks taken with the operating system's advisory file locks (`flock`), never by
//! checking for a file and then writing one: two builds started at the same instant cannot
//! both win, and a build killed with `kill -9` releases its lock with its last file handle.
//!
//! The holder writes who it is (process id and host) into the lock file, as one fixed-size
//! record written in place: never truncated first, so a process refused the lock reads a
//! whole record; and it looks again, for a moment, when a holder has just taken the lock and
//! not yet written it, or has just let it go.

use anyhow::{Context, Result};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A held lock; released when dropped (or when the process ends, however it ends).
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
    /// Held alone: the record in the file is this process's, cleared on release.
    exclusive: bool,
}

/// The size of the holder's record: one write, in place, whatever the host's name.
const RECORD_LEN: usize = 512;

/// How long a process refused the lock waits for a holder that has just taken it to say
/// who it is, or to let it go (it writes at once; this covers a busy machine).
const RECORD_WAIT: Duration = Duration::from_millis(500);

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
    #[error("{what} is in use by another devocast (process {pid} on {host}); wait for it to finish (the lock is `{path}`)")]
    Busy {
        /// What the lock protects, for the message.
        what: String,
        /// The holder's process id as it wrote it, or "unknown".
        pid: String,
        /// The host the holder runs on, as it wrote it, or "an unknown host".
        host: String,
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
        // Refused, with no record yet: the holder has just taken the lock (and writes its
        // record at once) or just let it go. Look again, briefly, at both.
        let started = Instant::now();
        loop {
            let taken = match mode {
                Mode::Exclusive => file.try_lock(),
                Mode::Shared => file.try_lock_shared(),
                Mode::Wait => file.lock().map_err(TryLockError::Error),
            };
            match taken {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) => {
                    let holder = Holder::parse(&read_record(&mut file));
                    if holder.pid.is_none() && started.elapsed() < RECORD_WAIT {
                        std::thread::sleep(Duration::from_millis(5));
                        continue;
                    }
                    return Err(LockError::Busy {
                        what: what.to_string(),
                        pid: holder.pid.unwrap_or_else(|| "unknown".into()),
                        host: holder.host.unwrap_or_else(|| "an unknown host".into()),
                        path: path.to_path_buf(),
                    });
                }
                Err(TryLockError::Error(e)) => {
                    return Err(LockError::Io(
                        anyhow::Error::new(e)
                            .context(format!("failed to lock `{}`", path.display())),
                    ))
                }
            }
        }
        // Only holders write: the record is for the message others see (with shared
        // holders, the last one's).
        let _ = write_record(&mut file, &Holder::this_process().record());
        Ok(Lock {
            file,
            path: path.to_path_buf(),
            exclusive: !matches!(mode, Mode::Shared),
        })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // A record left behind would name a finished process to whoever reads it in the
        // instant before the next holder writes its own. Shared holders leave theirs: another
        // may still hold the lock.
        if self.exclusive {
            let _ = write_record(&mut self.file, &[b' '; RECORD_LEN]);
        }
    }
}

/// Overwrites the record in place, in one write of [`RECORD_LEN`] bytes.
fn write_record(file: &mut File, record: &[u8]) -> std::io::Result<()> {
    file.rewind()?;
    file.write_all(record)?;
    file.flush()
}

/// Who holds a lock, as its record says.
#[derive(Debug, Default, PartialEq)]
struct Holder {
    pid: Option<String>,
    host: Option<String>,
}

impl Holder {
    fn this_process() -> Holder {
        Holder {
            pid: Some(std::process::id().to_string()),
            host: host_name(),
        }
    }

    /// `pid 123 host NAME`, padded with spaces to [`RECORD_LEN`] bytes.
    fn record(&self) -> Vec<u8> {
        let mut r = format!(
            "pid {} host {}\n",
            self.pid.as_deref().unwrap_or(""),
            self.host.as_deref().unwrap_or("")
        )
        .into_bytes();
        r.truncate(RECORD_LEN - 1);
        r.resize(RECORD_LEN, b' ');
        r
    }

    /// The record as written: `pid 123 host NAME`, or a bare pid (devocast before hosts
    /// were recorded).
    fn parse(text: &str) -> Holder {
        let text = text.trim();
        let mut holder = Holder::default();
        match text.strip_prefix("pid ") {
            Some(rest) => {
                let (pid, host) = rest.split_once(" host ").unwrap_or((rest, ""));
                holder.pid = Some(pid.trim().to_string()).filter(|p| !p.is_empty());
                holder.host = Some(host.trim().to_string()).filter(|h| !h.is_empty());
            }
            None if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) => {
                holder.pid = Some(text.to_string());
            }
            None => {}
        }
        holder
    }
}

fn read_record(file: &mut File) -> String {
    let mut bytes = Vec::with_capacity(RECORD_LEN);
    if file.rewind().is_ok() {
        let _ = Read::by_ref(file)
            .take(RECORD_LEN as u64)
            .read_to_end(&mut bytes);
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// This machine's name, as the operating system gives it, in printable characters.
fn host_name() -> Option<String> {
    let from_os = ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|f| std::fs::read_to_string(f).ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_default();
    let name: String = from_os
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    (!name.is_empty()).then_some(name)
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
    fn a_taker_refused_at_the_same_instant_still_names_the_holder_and_host() {
        // A fresh lock file every round: the loser reads it in the instant after the winner
        // took the lock, before or while the winner writes who it is.
        let dir = tempfile::tempdir().unwrap();
        let want = format!("process {} on {}", std::process::id(), host_name().unwrap());
        for round in 0..200 {
            let path = dir.path().join(format!("{round}.lock"));
            let start = Arc::new(Barrier::new(2));
            let tried = Arc::new(Barrier::new(2));
            let handles: Vec<_> = (0..2)
                .map(|_| {
                    let (b, t, p) = (start.clone(), tried.clone(), path.clone());
                    std::thread::spawn(move || {
                        b.wait();
                        let got = Lock::try_acquire(&p, "the project");
                        t.wait();
                        got.err().map(|e| e.to_string())
                    })
                })
                .collect();
            for h in handles {
                if let Some(msg) = h.join().unwrap() {
                    assert!(msg.contains(&want), "round {round}: {msg}");
                }
            }
        }
    }

    #[test]
    fn a_lock_released_and_taken_again_never_shows_a_blank_or_stale_holder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (p, s) = (path.clone(), stop.clone());
        let churn = std::thread::spawn(move || {
            while !s.load(std::sync::atomic::Ordering::SeqCst) {
                // Held a moment, as a build holds it for its whole run.
                let _held = Lock::try_acquire(&p, "the project");
                std::thread::sleep(Duration::from_micros(300));
            }
        });
        // Until the lock has been found held often enough, however the threads are
        // scheduled on a busy machine.
        let mut refused = 0;
        for _ in 0..1_000_000 {
            if let Err(e) = Lock::try_acquire(&path, "the project") {
                let msg = e.to_string();
                assert!(!msg.contains("unknown"), "{msg}");
                refused += 1;
                if refused == 200 {
                    break;
                }
            }
        }
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        churn.join().unwrap();
        assert!(refused > 0, "the lock was never found held");
    }

    #[test]
    fn records_of_this_and_earlier_versions_are_read() {
        let h = Holder {
            pid: Some("42".into()),
            host: Some("pew-box".into()),
        };
        let r = h.record();
        assert_eq!(r.len(), RECORD_LEN);
        assert_eq!(Holder::parse(&String::from_utf8(r).unwrap()), h);
        // Before hosts were recorded, the file held the bare pid.
        assert_eq!(
            Holder::parse("4711"),
            Holder {
                pid: Some("4711".into()),
                host: None
            }
        );
        assert_eq!(Holder::parse("   \n  "), Holder::default());
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
