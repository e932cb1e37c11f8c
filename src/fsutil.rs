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

/// Opens `path` for reading if it is a regular file of at most `limit` bytes, naming it in
/// the error: a device (`/dev/zero` never ends), a pipe, a folder, or a larger file is
/// refused before a byte is read. Returns the file and its size.
pub fn open_regular(path: &Path, limit: u64) -> Result<(std::fs::File, u64)> {
    let fail = |why: String| anyhow::anyhow!("`{}` {why}", path.display());
    let failed = || format!("failed to read `{}`", path.display());
    // Looked at before it is opened: opening a pipe waits for a writer, maybe forever.
    refuse_irregular(&std::fs::metadata(path).with_context(failed)?, limit).map_err(fail)?;
    let file = std::fs::File::open(path).with_context(failed)?;
    // And again once open, in case it was replaced in between.
    let meta = file.metadata().with_context(failed)?;
    refuse_irregular(&meta, limit).map_err(fail)?;
    Ok((file, meta.len()))
}

/// Why a file with `meta` may not be read whole within `limit` bytes, if it may not.
fn refuse_irregular(meta: &std::fs::Metadata, limit: u64) -> std::result::Result<(), String> {
    if meta.is_dir() {
        return Err("is a folder, not a regular file".into());
    }
    if !meta.is_file() {
        return Err("is a device, pipe or socket, not a regular file".into());
    }
    if meta.len() > limit {
        return Err(format!(
            "is {} bytes, over the limit of {limit} bytes for it",
            meta.len()
        ));
    }
    Ok(())
}

/// Hashes a regular file of at most `limit` bytes as it is read ([`open_regular`]), never
/// holding it whole.
pub fn hash_limited(path: &Path, limit: u64) -> Result<blake3::Hash> {
    use std::io::Read;
    let (file, _) = open_regular(path, limit)?;
    let mut h = blake3::Hasher::new();
    h.update_reader(file.take(limit))
        .with_context(|| format!("failed to read `{}`", path.display()))?;
    Ok(h.finalize())
}

/// Reads a whole regular file of at most `limit` bytes ([`open_regular`]); a file that grows
/// past the limit while it is read is refused too.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let (file, len) = open_regular(path, limit)?;
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("failed to read `{}`", path.display()))?;
    if bytes.len() as u64 > limit {
        anyhow::bail!(
            "`{}` grew past the limit of {limit} bytes for it while it was read",
            path.display()
        );
    }
    Ok(bytes)
}

/// [`read_limited`] as UTF-8 text.
pub fn read_text_limited(path: &Path, limit: u64) -> Result<String> {
    String::from_utf8(read_limited(path, limit)?)
        .map_err(|_| anyhow::anyhow!("`{}` is not UTF-8 text", path.display()))
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

/// The marker in temporary file names: `.<name>.tmp-<pid>-<n>-<host>`.
const TEMP_MARK: &str = ".tmp-";

/// This machine, as 8 hex digits of a hash of its host name: shards on several machines
/// share one folder, and process ids repeat across machines (in containers, every worker
/// may be process 7).
fn host_token() -> &'static str {
    static TOKEN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TOKEN.get_or_init(|| {
        let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
            .or_else(|_| std::fs::read_to_string("/etc/hostname"))
            .or_else(|_| std::env::var("HOSTNAME").or_else(|_| std::env::var("COMPUTERNAME")))
            .unwrap_or_default();
        blake3::hash(name.trim().as_bytes()).to_hex()[..8].to_string()
    })
}

/// This machine's token (as in temporary names), for records other machines read: a
/// deploy's lock on a shared target.
pub fn host_name() -> String {
    host_token().to_string()
}

/// Whether process `pid` runs on this machine; where that cannot be known (no process
/// table), it is taken to run.
pub fn process_alive(pid: u32) -> bool {
    !Path::new("/proc/self").exists() || Path::new(&format!("/proc/{pid}")).exists()
}

/// `<pid>-<n>-<host>`: unique to this call among every process on every machine sharing a
/// folder, for temporary names.
pub fn unique_suffix() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{}-{n}-{}", std::process::id(), host_token())
}

/// A temporary file beside `path`, unique to this write.
fn temp_path(path: &Path) -> Result<std::path::PathBuf> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(dir)
        .with_context(|| format!("failed to create directory `{}`", dir.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Unique per write: threads of one build may write the same cache entry at once.
    Ok(dir.join(format!(".{name}{TEMP_MARK}{}", unique_suffix())))
}

fn create_temp(tmp: &Path, bytes: &[u8], sync: bool) -> std::io::Result<()> {
    // create_new: never truncate a file someone else is writing.
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(tmp)?;
    f.write_all(bytes)?;
    if sync {
        f.sync_all()?;
    }
    Ok(())
}

fn write_via_temp(path: &Path, bytes: &[u8], sync: bool) -> Result<()> {
    let tmp = temp_path(path)?;
    let result = (|| -> std::io::Result<()> {
        injected_fault(path)?;
        create_temp(&tmp, bytes, sync)?;
        checkpoint();
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("failed to write `{}`", path.display()));
    }
    Ok(())
}

/// Writes `bytes` as `path` only if there is no `path` yet, and whole or not at all: the
/// bytes go to a temporary file, which is then linked under the final name, an operation
/// that fails rather than replace (on every POSIX file system, NFS included). For
/// content-addressed stores written by many processes at once: an entry, once there, is
/// never overwritten. Returns whether this call wrote it.
pub fn write_new_unsynced(path: &Path, bytes: &[u8]) -> Result<bool> {
    let tmp = temp_path(path)?;
    let result = (|| -> std::io::Result<bool> {
        injected_fault(path)?;
        create_temp(&tmp, bytes, false)?;
        checkpoint();
        match std::fs::hard_link(&tmp, path) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
            // File systems without hard links: a rename, which may replace an entry
            // written at the same instant (with the same content: the key is its hash).
            Err(_) => std::fs::rename(&tmp, path).map(|()| true),
        }
    })();
    let _ = std::fs::remove_file(&tmp);
    result.with_context(|| format!("failed to write `{}`", path.display()))
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

/// The process that wrote a temporary file, if `name` is one: its id, and whether it ran on
/// this machine.
pub fn temp_file_owner(name: &str) -> Option<(u32, bool)> {
    let (_, tail) = name.rsplit_once(TEMP_MARK)?;
    name.starts_with('.').then_some(())?;
    let mut parts = tail.split('-');
    let pid = parts.next()?.parse().ok()?;
    parts.next()?.parse::<u64>().ok()?;
    // Names without a host (written by earlier versions) were written here.
    let here = match parts.next() {
        None => true,
        Some(h) if h.len() == 8 && h.bytes().all(|b| b.is_ascii_hexdigit()) => h == host_token(),
        Some(_) => return None,
    };
    parts.next().is_none().then_some((pid, here))
}

/// Whether the directory entry is one of devocast's temporaries (its name says which process
/// wrote it) whose process no longer runs. Where that cannot be known (no process table, or
/// an entry written by another machine sharing the folder), an entry is stale once it is an
/// hour old. This process's own temporaries are never stale.
pub fn is_stale_temp(entry: &std::fs::DirEntry) -> bool {
    let name = entry.file_name().to_string_lossy().into_owned();
    let Some((pid, here)) = temp_file_owner(&name) else {
        return false;
    };
    if here && pid == std::process::id() {
        return false;
    }
    if here && Path::new("/proc/self").exists() {
        return !Path::new(&format!("/proc/{pid}")).exists();
    }
    entry
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age.as_secs() > 3600)
}

/// Removes temporary files in `dir` left by processes that no longer run (a build killed
/// mid-write); returns how many. Files of running processes are left alone, and so are
/// young ones whose process cannot be known ([`is_stale_temp`]).
pub fn remove_stale_temp_files(dir: &Path) -> Result<usize> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(0);
    };
    let mut removed = 0;
    for e in entries.flatten() {
        if is_stale_temp(&e) && remove_file(&e.path())? {
            removed += 1;
        }
    }
    Ok(removed)
}

/// Removes temporary folders in `dir` left by processes that no longer run (a download
/// stopped by `kill -9`), with everything in them; returns how many. Only real folders named
/// as devocast names its temporaries are touched (a link is not followed), and only when
/// [`is_stale_temp`] says their process is gone.
pub fn remove_stale_temp_dirs(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let real_dir = e.file_type().is_ok_and(|t| t.is_dir());
        if real_dir && is_stale_temp(&e) && std::fs::remove_dir_all(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Whether `name` can stand as one file name in a folder devocast writes, as a manifest or
/// record read back may give it: not empty, not `.` or `..`, no separator or NUL, not
/// hidden (devocast's temporaries are), at most 255 bytes. Names read back from files are
/// checked with it before they become paths, so a damaged or hostile record cannot lead
/// outside the folder.
pub fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
        && !name.starts_with('.')
        && !name.contains(['/', '\\', '\0'])
}

/// Whether `path` (with `/` between its parts, as manifests write them) is relative and
/// every part a plain file name ([`is_plain_file_name`]) or `.`: it cannot lead out of the
/// folder it is joined to.
pub fn is_plain_relative(path: &str) -> bool {
    path.len() <= 4096
        && path.split('/').any(|p| p != ".")
        && path.split('/').all(|p| p == "." || is_plain_file_name(p))
}

/// Test hooks: `DEVOCAST_INJECT_WRITE_ERROR=<text>` makes every write to (or removal of) a
/// path containing `<text>` fail as a full disk would, so tests can prove nothing published
/// is damaged; `DEVOCAST_INJECT_PANIC=<text>` makes it stop on an internal error (a
/// panic), so tests can prove one episode's bug never stops the others or the feed.
fn injected_fault(path: &Path) -> std::io::Result<()> {
    injected_panic(&path.to_string_lossy());
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

/// Test hook: stops on an internal error (a panic) when `what` (a path, or a step such as
/// "feed entry one") contains `DEVOCAST_INJECT_PANIC`, where `*` stands for any text (a
/// content hash in a file name).
pub fn injected_panic(what: &str) {
    if let Ok(pattern) = std::env::var("DEVOCAST_INJECT_PANIC") {
        if !pattern.is_empty() && contains_pattern(what, &pattern) {
            panic!("internal error injected for testing at `{what}`");
        }
    }
}

/// Whether `text` holds the parts of `pattern` between its `*`s, in order.
fn contains_pattern(text: &str, pattern: &str) -> bool {
    let mut rest = text;
    for part in pattern.split('*') {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}

/// Test hook: with `DEVOCAST_CRASH_AT=<n>`, the process dies at the n-th change to the file
/// system (counting from 1), as `kill -9` would: no clean-up, no unwinding, locks released
/// only by the operating system. Deploys pass it at every change to a target too.
pub fn checkpoint() {
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
        // Another machine's file (its process table is not ours): kept while young.
        let other = dir.path().join(".three.mp3.tmp-1-1-0badf00d");
        std::fs::write(&other, b"x").unwrap();
        assert_eq!(
            temp_file_owner(".one.mp3.tmp-999999999-3"),
            Some((999_999_999, true))
        );
        assert_eq!(
            temp_file_owner(&format!(".a.tmp-5-6-{}", host_token())),
            Some((5, true))
        );
        assert_eq!(
            temp_file_owner(".three.mp3.tmp-1-1-0badf00d"),
            Some((1, false))
        );
        assert_eq!(temp_file_owner("notes.tmp-1-2"), None);
        assert_eq!(remove_stale_temp_files(dir.path()).unwrap(), 1);
        assert!(!dead.exists() && mine.exists() && user.exists() && other.exists());
    }

    #[test]
    fn names_read_back_from_records_stay_where_they_are_joined() {
        for good in ["one.3f9a2c41d0.mp3", "a", "été.html", "x..y"] {
            assert!(is_plain_file_name(good), "{good}");
        }
        for bad in [
            "",
            ".",
            "..",
            "../x",
            "/etc/passwd",
            "a/b",
            "a\\b",
            "a\0b",
            ".hidden",
            &"x".repeat(256),
        ] {
            assert!(!is_plain_file_name(bad), "{bad:?}");
        }
        for good in ["feed/one.mp3", "./feed/x", "public/podcast/book/a.epub"] {
            assert!(is_plain_relative(good), "{good}");
        }
        for bad in [
            "",
            ".",
            "feed/../../x",
            "../feed/x",
            "/feed/x",
            "feed//x",
            "feed/x/",
            "feed/.x.tmp-1-2",
            "feed\\..\\x",
        ] {
            assert!(!is_plain_relative(bad), "{bad:?}");
        }
    }

    #[test]
    fn new_entries_are_written_once_and_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ab").join("entry.pcm");
        assert!(write_new_unsynced(&p, b"first").unwrap());
        assert!(!write_new_unsynced(&p, b"second").unwrap());
        assert_eq!(std::fs::read(&p).unwrap(), b"first");
        let left: Vec<_> = std::fs::read_dir(p.parent().unwrap()).unwrap().collect();
        assert_eq!(left.len(), 1, "temporary file left behind");
        // Many writers at once: exactly one wins, every reader sees a whole entry.
        let q = dir.path().join("race.pcm");
        let wins: usize = std::thread::scope(|s| {
            let hs: Vec<_> = (0..8u8)
                .map(|i| {
                    let q = &q;
                    s.spawn(move || usize::from(write_new_unsynced(q, &[i; 4096]).unwrap()))
                })
                .collect();
            hs.into_iter().map(|h| h.join().unwrap()).sum()
        });
        assert_eq!(wins, 1);
        let got = std::fs::read(&q).unwrap();
        assert!(got.len() == 4096 && got.iter().all(|&b| b == got[0]));
    }
}
