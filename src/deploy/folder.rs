//! A local or mounted folder as a deploy target (`file:///srv/www/podcast`, or a path):
//! each file written to a temporary name beside it and renamed into place, as the build
//! writes `feed/`.

use super::{Kind, Target};
use crate::fsutil;
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A folder target.
pub struct Folder {
    root: PathBuf,
    address: String,
}

impl Folder {
    /// The folder at `root`, created if missing (its parent must exist: a typo should not
    /// grow a tree of folders).
    pub fn open(root: &Path) -> Result<Folder> {
        if !root.is_dir() {
            let parent = root.parent().filter(|p| !p.as_os_str().is_empty());
            if parent.is_some_and(|p| !p.is_dir()) {
                anyhow::bail!(
                    "deploy target `{}`: its parent folder does not exist",
                    root.display()
                );
            }
            // Another deploy starting at the same moment may have just made it: fine, the
            // target's lock then decides which of the two goes on.
            match std::fs::create_dir(root) {
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && root.is_dir() => {}
                other => other.with_context(|| format!("failed to create `{}`", root.display()))?,
            }
        }
        Ok(Folder {
            root: root.to_path_buf(),
            address: root.display().to_string(),
        })
    }

    fn path(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }
}

impl Target for Folder {
    fn address(&self) -> &str {
        &self.address
    }

    fn list(&mut self) -> Result<BTreeMap<String, u64>> {
        let mut out = BTreeMap::new();
        walk(&self.root, "", &mut out)?;
        Ok(out)
    }

    fn put(&mut self, name: &str, bytes: &[u8], _kind: Kind) -> Result<()> {
        fsutil::write_atomic(&self.path(name), bytes)
    }

    fn create_new(&mut self, name: &str, bytes: &[u8]) -> Result<bool> {
        fsutil::write_new_unsynced(&self.path(name), bytes)
    }

    fn get(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let path = self.path(name);
        match std::fs::read(&path) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("failed to read `{}`", path.display())),
        }
    }

    fn delete(&mut self, name: &str) -> Result<()> {
        fsutil::remove_file(&self.path(name)).map(|_| ())
    }
}

/// Lists `dir` into `out` under `prefix`, leaving out (and removing, once their writer is
/// gone) temporary files of interrupted writes.
fn walk(dir: &Path, prefix: &str, out: &mut BTreeMap<String, u64>) -> Result<()> {
    fsutil::remove_stale_temp_files(dir)?;
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("failed to read `{}`", dir.display()))?;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        // Another deploy's temporary file may be renamed or removed between the listing and
        // this look: gone, it is not part of the target.
        let meta = match std::fs::symlink_metadata(e.path()) {
            Ok(m) => m,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => continue,
            Err(err) => {
                return Err(err).with_context(|| format!("failed to read `{}`", e.path().display()))
            }
        };
        let rel = format!("{prefix}{name}");
        if meta.is_dir() {
            walk(&e.path(), &format!("{rel}/"), out)?;
        } else if fsutil::temp_file_owner(&name).is_none() {
            out.insert(rel, meta.len());
        }
    }
    Ok(())
}
