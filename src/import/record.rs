//! What earlier imports wrote where: the mapping from posts to article files, kept in the
//! project's state, so re-importing knows each post's file and what import last wrote there.

use anyhow::{anyhow, Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The mapping from posts to article files, kept in the project's state.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Imports {
    /// Post key → what was written for it.
    pub posts: BTreeMap<String, Imported>,
}

/// What import wrote for one post.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Imported {
    /// The article's file name in the episodes folder.
    pub file: String,
    /// blake3 of the bytes import last wrote there.
    pub written: String,
}

impl Imports {
    /// The record at `path`; an empty one when there is none yet.
    pub fn load(path: &Path) -> Result<Imports> {
        match std::fs::read(path) {
            Ok(b) => serde_json::from_slice(&b).with_context(|| {
                format!(
                    "`{}` (what earlier imports wrote where) cannot be read; move it aside to import afresh",
                    path.display()
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Imports::default()),
            Err(e) => Err(anyhow!(e).context(format!("failed to read `{}`", path.display()))),
        }
    }

    /// Writes the record, atomically.
    pub fn save(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("failed to create `{}`", dir.display()))?;
        }
        let json = serde_json::to_vec_pretty(self)?;
        crate::fsutil::write_atomic(path, &json)
    }
}

/// The hash import keeps of what it wrote (blake3, hex).
pub fn hash(b: &[u8]) -> String {
    blake3::hash(b).to_hex().to_string()
}
