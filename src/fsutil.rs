//! File-system helpers whose errors always name the path, and atomic writes.
//!
//! Every output goes through [`write_atomic`]: a crash or a full disk mid-write leaves the
//! previously published file untouched, because the new bytes only replace it by a rename.
//! Every change to the file system (a rename into place, a removal) passes one checkpoint,
//! which tests use to stop the process at each one in turn and check what it left.

use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Reads a whole file, naming it in the error.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("failed to read `{}`", path.display()))
}

/// Writes `bytes` to a temporary file beside `path`, syncs it, then renames it into place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_via_temp(path, bytes, true)
}

/// As [`write_atomic`] without waiting for the disk: for caches, where an entry lost in a
/// crash is merely recomputed.
pub fn write_atomic_unsynced(path: &Path, bytes: &[u8]) -> Result<()> {
    write_via_temp(path, bytes, false)
}

/// The marker in temporary file names: `.<name>.tmp-<pid>-<n>`.
const TEMP_MARK: &str = ".tmp-";

fn write_via_temp(path: &Path, bytes: &[u8], sync: bool) -> Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(dir)
        .with_context(|| format!("failed to create directory `{}`", dir.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Unique per write: threads of one build may write the same cache entry at once.
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}{TEMP_MARK}{}-{n}", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        injected_fault(path)?;
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        if sync {
            f.sync_all()?;
        }
        checkpoint();
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("failed to write `{}`", path.display()));
    }
    Ok(())
}

/// Removes a file; one already gone is fine. Returns whether there was one.
pub fn remove_file(path: &Path) -> Result<bool> {
    if std::fs::symlink_metadata(path).is_err() {
        return Ok(false);
    }
    injected_fault(path).with_context(|| format!("failed to remove `{}`", path.display()))?;
    checkpoint();
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e).with_context(|| format!("failed to remove `{}`", path.display())),
    }
}

/// Asks the disk to keep the renames done in `dir` (after the feed is in place). Best
/// effort: not every file system can sync a folder.
pub fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// The process that wrote a temporary file, if `name` is one.
pub fn temp_file_owner(name: &str) -> Option<u32> {
    let (_, tail) = name.rsplit_once(TEMP_MARK)?;
    let (pid, n) = tail.split_once('-')?;
    n.parse::<u64>().ok()?;
    name.starts_with('.').then_some(())?;
    pid.parse().ok()
}

/// Removes temporary files in `dir` left by processes that no longer run (a build killed
/// mid-write); returns how many. Files of running processes are left alone, and where the
/// process table cannot be read, so are files younger than an hour.
pub fn remove_stale_temp_files(dir: &Path) -> Result<usize> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(0);
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = temp_file_owner(&name) else {
            continue;
        };
        if pid == std::process::id() {
            continue;
        }
        let proc_known = Path::new("/proc/self").exists();
        let stale = if proc_known {
            !Path::new(&format!("/proc/{pid}")).exists()
        } else {
            e.metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 3600)
        };
        if stale && remove_file(&e.path())? {
            removed += 1;
        }
    }
    Ok(removed)
}

/// Test hook: `DEVOCAST_INJECT_WRITE_ERROR=<text>` makes every write to (or removal of) a
/// path containing `<text>` fail as a full disk would, so tests can prove nothing published
/// is damaged.
fn injected_fault(path: &Path) -> std::io::Result<()> {
    match std::env::var("DEVOCAST_INJECT_WRITE_ERROR") {
        Ok(pattern) if !pattern.is_empty() && path.to_string_lossy().contains(&pattern) => {
            Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "No space left on device (injected for testing)",
            ))
        }
        _ => Ok(()),
    }
}

/// Test hook: with `DEVOCAST_CRASH_AT=<n>`, the process dies at the n-th change to the file
/// system (counting from 1), as `kill -9` would: no clean-up, no unwinding, locks released
/// only by the operating system.
fn checkpoint() {
    static AT: std::sync::OnceLock<Option<u64>> = std::sync::OnceLock::new();
    static SEEN: AtomicU64 = AtomicU64::new(0);
    let at = *AT.get_or_init(|| {
        std::env::var("DEVOCAST_CRASH_AT")
            .ok()
            .and_then(|v| v.parse().ok())
    });
    if let Some(at) = at {
        if SEEN.fetch_add(1, Ordering::SeqCst) + 1 == at {
            std::process::abort();
        }
    }
}

/// Writes `bytes` atomically unless the file already holds exactly these bytes, so an
/// unchanged rebuild leaves modification times (and podcast apps' caches) alone.
/// Returns whether the file was written.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool> {
    if let Ok(old) = std::fs::read(path) {
        if old == bytes {
            return Ok(false);
        }
    }
    write_atomic(path, bytes)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "temporary file left behind");
    }

    #[test]
    fn failed_write_names_the_path() {
        let dir = tempfile::tempdir().unwrap();
        // A directory where the file should be makes the rename fail.
        let p = dir.path().join("taken");
        std::fs::create_dir(&p).unwrap();
        std::fs::write(p.join("x"), b"keep").unwrap();
        let err = write_atomic(&p, b"new").unwrap_err();
        assert!(format!("{err:#}").contains("taken"), "{err:#}");
        assert_eq!(std::fs::read(p.join("x")).unwrap(), b"keep");
    }

    #[test]
    fn unchanged_bytes_are_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        assert!(write_if_changed(&p, b"x").unwrap());
        assert!(!write_if_changed(&p, b"x").unwrap());
        assert!(write_if_changed(&p, b"y").unwrap());
    }

    #[test]
    fn temp_files_of_dead_processes_are_removed_and_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dir.path().join(".one.mp3.tmp-999999999-3");
        let mine = dir
            .path()
            .join(format!(".two.mp3.tmp-{}-1", std::process::id()));
        let user = dir.path().join("notes.tmp-1-2");
        for p in [&dead, &mine, &user] {
            std::fs::write(p, b"x").unwrap();
        }
        assert_eq!(
            temp_file_owner(".one.mp3.tmp-999999999-3"),
            Some(999_999_999)
        );
        assert_eq!(temp_file_owner("notes.tmp-1-2"), None);
        assert_eq!(remove_stale_temp_files(dir.path()).unwrap(), 1);
        assert!(!dead.exists() && mine.exists() && user.exists());
    }
}
