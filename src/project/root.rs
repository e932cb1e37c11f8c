//! Which project a command works on: the folder it was given (the current one by default),
//! or the nearest folder above it holding `devocast.toml`, as cargo finds `Cargo.toml`. A
//! producer who has changed into `episodes/` to edit an article can build from there.

use crate::config::FILE_NAME;
use std::path::{Component, Path, PathBuf};

/// The project folder for a command given `dir`: `dir` itself when it holds
/// `devocast.toml`, else the nearest folder above it that does, else `dir` (a folder
/// without settings, whose every setting is its default).
///
/// A project found above the current folder is given relative to it (`..`, `../..`), so
/// the paths messages show can be typed as shown; one found above another folder is given
/// as an absolute path.
pub fn find(dir: &Path) -> PathBuf {
    if has_settings(dir) {
        return dir.to_path_buf();
    }
    let Ok(abs) = std::fs::canonicalize(dir) else {
        return dir.to_path_buf();
    };
    for (up, ancestor) in abs.ancestors().enumerate().skip(1) {
        if has_settings(ancestor) {
            if is_current(dir) {
                return std::iter::repeat_n(Component::ParentDir, up).collect();
            }
            return ancestor.to_path_buf();
        }
    }
    dir.to_path_buf()
}

/// Whether `dir` holds a settings file (a folder named like one does not count).
pub fn has_settings(dir: &Path) -> bool {
    dir.join(FILE_NAME).is_file()
}

/// The nearest folder above `dir` (not `dir` itself) that holds `devocast.toml`, if any;
/// `dir` need not exist yet.
pub fn enclosing(dir: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(dir).ok()?;
    let existing = abs.ancestors().find(|a| a.exists())?;
    let real = std::fs::canonicalize(existing).ok()?;
    let itself = usize::from(existing == abs);
    real.ancestors()
        .skip(itself)
        .find(|a| has_settings(a))
        .map(Path::to_path_buf)
}

/// Whether `dir` names the current folder (`.`, `./`, or nothing).
fn is_current(dir: &Path) -> bool {
    dir.components().all(|c| c == Component::CurDir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_project_is_the_nearest_folder_with_settings() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("p");
        std::fs::create_dir_all(p.join("episodes/deeper")).unwrap();
        std::fs::write(p.join(FILE_NAME), "").unwrap();
        assert_eq!(find(&p), p);
        let root = std::fs::canonicalize(&p).unwrap();
        assert_eq!(find(&p.join("episodes")), root);
        assert_eq!(find(&p.join("episodes/deeper")), root);
        assert_eq!(enclosing(&p.join("episodes")), Some(root.clone()));
        assert_eq!(enclosing(&p.join("episodes/not/yet")), Some(root));
        assert_eq!(enclosing(&p), None);
        // A folder named like the settings file is not one.
        let q = tmp.path().join("q");
        std::fs::create_dir_all(q.join(FILE_NAME)).unwrap();
        assert_eq!(find(&q), q);
        // Nowhere above: the folder itself.
        assert_eq!(find(tmp.path()), tmp.path());
        assert!(is_current(Path::new(".")) && is_current(Path::new("./")));
        assert!(!is_current(Path::new("p")));
    }
}
