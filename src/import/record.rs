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
        let unreadable = || {
            format!(
                "`{}` (what earlier imports wrote where) cannot be read; move it aside to import afresh",
                path.display()
            )
        };
        let imports: Imports = match std::fs::read(path) {
            Ok(b) => serde_json::from_slice(&b).with_context(unreadable)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Imports::default()),
            Err(e) => {
                return Err(anyhow!(e).context(format!("failed to read `{}`", path.display())))
            }
        };
        // Each name is joined onto the episodes folder and written: only a plain file name
        // stays in it.
        if let Some(bad) = imports
            .posts
            .values()
            .find(|i| !crate::fsutil::is_plain_file_name(&i.file))
        {
            return Err(anyhow!(
                "it names the file {:?}, which is not a file in the episodes folder",
                bad.file.chars().take(200).collect::<String>()
            ))
            .with_context(unreadable);
        }
        Ok(imports)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_naming_a_file_outside_the_episodes_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("imports.json");
        for bad in [
            "../../victim.md",
            "/etc/passwd",
            "sub/../../x.md",
            ".hidden.md",
            "",
        ] {
            let record = serde_json::json!({"posts": {"k": {"file": bad, "written": "00"}}});
            std::fs::write(&path, record.to_string()).unwrap();
            let err = format!("{:#}", Imports::load(&path).unwrap_err());
            assert!(
                err.contains("not a file in the episodes folder"),
                "{bad}: {err}"
            );
        }
        let record =
            serde_json::json!({"posts": {"k": {"file": "2024-03-05-grace.html", "written": "00"}}});
        std::fs::write(&path, record.to_string()).unwrap();
        assert_eq!(Imports::load(&path).unwrap().posts.len(), 1);
    }
}
