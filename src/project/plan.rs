//! The plan: which files in the episodes folder are articles to build, which are refused
//! (with the reason), and which are skipped (with a note, never silently).

use super::layout::Layout;
use anyhow::{anyhow, Context, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// What a build will do with the episodes folder.
#[derive(Debug, Default)]
pub struct Plan {
    /// Articles to build, by file name.
    pub articles: Vec<PathBuf>,
    /// Files that cannot be episodes, each with the reason (reported as failures).
    pub refused: Vec<(PathBuf, anyhow::Error)>,
    /// Entries skipped, each with a note for the summary.
    pub notes: Vec<String>,
}

/// Editors' backups and operating-system clutter: never articles, never worth a word.
fn is_clutter(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.eq_ignore_ascii_case("Thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

/// Whether `path` is named as a picture (an article's artwork, not an article).
fn is_picture(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    matches!(
        ext.as_str(),
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "avif" | "svg"
    )
}

/// What an entry is, for notes.
fn kind_of(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if t.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// The key under which two file names publish as the same episode: the stem, in one Unicode
/// normal form and one case (apps, web servers and macOS or Windows disks would confuse them).
pub fn episode_key(slug: &str) -> String {
    slug.nfc().collect::<String>().to_lowercase()
}

/// Lists the episodes folder.
pub fn plan(layout: &Layout) -> Result<Plan> {
    let dir = &layout.episodes;
    let entries = std::fs::read_dir(dir).with_context(|| {
        format!(
            "failed to read the episodes folder `{}` (does it exist?)",
            dir.display()
        )
    })?;
    let root = std::fs::canonicalize(&layout.root)
        .with_context(|| format!("cannot open `{}`", layout.root.display()))?;
    let mut plan = Plan::default();
    let mut candidates = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("failed to list `{}`", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_clutter(&name) {
            continue;
        }
        let path = entry.path();
        let shown = layout.rel(&path);
        let meta = std::fs::symlink_metadata(&path)
            .with_context(|| format!("failed to read `{shown}`"))?;
        let mut file_type = meta.file_type();
        if file_type.is_symlink() {
            let target = std::fs::read_link(&path).unwrap_or_default();
            let Ok(real) = std::fs::canonicalize(&path) else {
                plan.notes.push(format!(
                    "skipped `{shown}`: a symbolic link to `{}`, which does not exist",
                    target.display()
                ));
                continue;
            };
            if !real.starts_with(&root) {
                plan.refused.push((
                    path,
                    anyhow!(
                        "`{shown}` is a symbolic link to `{}`, outside the project; devocast publishes only files inside the project, so copy the article in",
                        real.display()
                    ),
                ));
                continue;
            }
            file_type = std::fs::metadata(&path)
                .with_context(|| format!("failed to read `{shown}`"))?
                .file_type();
        }
        let article_name = crate::article::is_article(&path);
        if file_type.is_dir() {
            if article_name {
                plan.notes.push(format!(
                    "skipped `{shown}`: it is a folder, not an article (devocast does not read subfolders)"
                ));
            }
            continue;
        }
        if !file_type.is_file() {
            plan.notes.push(format!(
                "skipped `{shown}`: it is {}, not an article file",
                kind_of(file_type)
            ));
            continue;
        }
        if !article_name && is_picture(&path) {
            // An article's own artwork (front matter `image`), as blogs keep it beside the post.
            continue;
        }
        if !article_name {
            plan.refused.push((
                path,
                anyhow!("`{shown}` is not an article: devocast reads .txt, .md and .html files"),
            ));
            continue;
        }
        candidates.push(path);
    }
    // Two files that would publish as one episode: neither may silently win.
    let mut by_key: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for p in candidates {
        by_key
            .entry(episode_key(&crate::article::slug_of(&p)))
            .or_default()
            .push(p);
    }
    for (_, mut paths) in by_key {
        paths.sort();
        if paths.len() == 1 {
            plan.articles.extend(paths);
            continue;
        }
        let names: Vec<String> = paths
            .iter()
            .map(|p| format!("`{}`", layout.rel(p)))
            .collect();
        let listed = match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => names.join(""),
        };
        for p in &paths {
            plan.refused.push((
                p.clone(),
                anyhow!(
                    "{listed} would publish as one episode `{}` (one audio file, one guid): rename or remove all but one",
                    crate::article::slug_of(p)
                ),
            ));
        }
    }
    plan.articles.sort();
    plan.refused.sort_by(|a, b| a.0.cmp(&b.0));
    plan.notes.sort();
    Ok(plan)
}
