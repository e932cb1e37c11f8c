//! `devocast clean`: removes what devocast wrote, and only that. The files come from its own
//! manifests (every episode's files, the podcast's feed, index and cover); anything else in
//! the output folder is the producer's and stays, and so does every source.

use crate::config::Config;
use crate::fsutil::remove_file;
use crate::project::layout::Layout;
use crate::project::lock::Lock;
use anyhow::{Context, Result};
use std::collections::BTreeSet;
use std::path::Path;

/// What `clean` did.
#[derive(Debug, Default)]
pub struct Cleaned {
    /// Files and folders removed, relative to the project.
    pub removed: Vec<String>,
    /// Files left in the output folders because devocast did not write them.
    pub kept: Vec<String>,
}

/// Removes devocast's outputs, manifests and cache from `project`.
pub fn clean(project: &Path) -> Result<Cleaned> {
    let config = Config::load(project)?;
    let layout = Layout::new(project, &config)?;
    let mut done = Cleaned::default();
    if !layout.state.exists() {
        return Ok(done);
    }
    // A build in progress must not lose its files under it.
    let lock = Lock::try_acquire(&layout.lock_file(), "the project")?;
    let mut files = crate::project::state::build_files(&layout);
    let books = super::book::recorded(&layout);
    files.extend(books.iter().cloned());
    let previews = super::preview::files(&layout);
    files.extend(previews.iter().cloned());
    let ours = |f: &str| {
        let p = Path::new(f);
        [&config.podcast.output_dir, &config.podcast.masters_dir]
            .iter()
            .any(|d| p.starts_with(d))
    };
    // Where each output folder really is: a file is removed only where its recorded path
    // leads without a link, since a folder swapped for a link since would lead elsewhere.
    let real_dirs: Vec<(&Path, Option<std::path::PathBuf>)> =
        [&config.podcast.output_dir, &config.podcast.masters_dir]
            .into_iter()
            .map(|d| (d.as_path(), std::fs::canonicalize(layout.root.join(d)).ok()))
            .collect();
    let in_place = |f: &str| -> bool {
        let p = Path::new(f);
        real_dirs.iter().any(|(d, real)| {
            let (Ok(inside), Some(real)) = (p.strip_prefix(d), real) else {
                return false;
            };
            let expected = real.join(inside);
            match (
                expected.parent(),
                layout
                    .root
                    .join(f)
                    .parent()
                    .and_then(|q| std::fs::canonicalize(q).ok()),
            ) {
                (Some(e), Some(actual)) => e == actual,
                _ => false,
            }
        })
    };
    for f in files.iter().filter(|f| ours(f)) {
        let path = layout.root.join(f);
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        // A folder where a file was recorded (made by someone since), or a path that now
        // leads through a link elsewhere, is not ours to remove.
        if meta.is_dir() || !in_place(f) {
            done.kept.push(f.clone());
            continue;
        }
        if remove_file(&path)? {
            done.removed.push(f.clone());
        }
    }
    // The folders books and previews were written into, once empty (the default
    // `feed/book/`, and `feed/preview/`).
    let book_dirs: BTreeSet<std::path::PathBuf> = books
        .iter()
        .chain(&previews)
        .filter(|f| ours(f))
        .filter_map(|f| layout.root.join(f).parent().map(Path::to_path_buf))
        .filter(|d| *d != layout.output)
        .collect();
    for dir in book_dirs {
        // Up to the output folder, each real (not linked) folder left empty goes.
        for d in dir.ancestors() {
            if !d.starts_with(&layout.output) || d == layout.output {
                break;
            }
            if !std::fs::symlink_metadata(d).is_ok_and(|m| m.is_dir()) {
                break;
            }
            crate::fsutil::remove_stale_temp_files(d)?;
            if !std::fs::read_dir(d).is_ok_and(|mut e| e.next().is_none()) {
                break;
            }
            std::fs::remove_dir(d)
                .with_context(|| format!("failed to remove `{}`", d.display()))?;
            done.removed.push(format!("{}/", layout.rel(d)));
        }
    }
    for dir in [&layout.output, &layout.masters] {
        crate::fsutil::remove_stale_temp_files(dir)?;
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut left: Vec<String> = entries.flatten().map(|e| layout.rel(&e.path())).collect();
        left.sort();
        if left.is_empty() {
            std::fs::remove_dir(dir)
                .with_context(|| format!("failed to remove `{}`", dir.display()))?;
            done.removed.push(format!("{}/", layout.rel(dir)));
        } else {
            done.kept.extend(left);
        }
    }
    drop(lock);
    // What import wrote where, and the producer's replaced articles, describe sources, not
    // outputs: they stay.
    let keep = [layout.imports(), layout.import_replaced()];
    let mut kept_state = false;
    for entry in std::fs::read_dir(&layout.state)
        .with_context(|| format!("failed to read `{}`", layout.state.display()))?
        .flatten()
    {
        let path = entry.path();
        if keep.contains(&path) {
            kept_state = true;
            continue;
        }
        let r = if entry.file_type().is_ok_and(|t| t.is_dir()) {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        r.with_context(|| format!("failed to remove `{}`", path.display()))?;
    }
    if kept_state {
        done.removed.push(format!(
            "{}/ cache and manifests (kept: what `import` wrote where)",
            layout.rel(&layout.state)
        ));
    } else {
        std::fs::remove_dir(&layout.state)
            .with_context(|| format!("failed to remove `{}`", layout.state.display()))?;
        done.removed.push(format!(
            "{}/ (cache and manifests)",
            layout.rel(&layout.state)
        ));
    }
    Ok(done)
}
