//! What `init` finds in the folder it is asked to start a project in. An empty folder (or
//! one holding only hidden files, such as a git repository's) is started as it is; a folder
//! of articles, as a producer who has been writing them has, is adopted: the articles move
//! into `episodes/`. Anything else is someone's other work, and `init` leaves it alone.

use crate::article::is_article;
use anyhow::{bail, Context, Result};
use std::path::Path;

/// How many of the entries that stop `init` its message names.
const NAMED: usize = 5;

/// Articles lying in the folder, to be moved into the episodes folder (file names, sorted).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Found {
    /// Article files directly in the folder.
    pub loose: Vec<String>,
    /// Article files already in its `episodes/` folder.
    pub in_episodes: usize,
}

/// Looks at `dir` (which may not exist): its articles, or why a project cannot start there.
pub fn survey(dir: &Path, episodes: &str) -> Result<Found> {
    let mut found = Found::default();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(found);
    };
    let mut others = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("failed to list `{}`", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_clutter(&name) {
            continue;
        }
        let path = entry.path();
        if name == episodes && path.is_dir() {
            found.in_episodes = articles_only(&path, &mut others, &name)?;
        } else if is_article_file(&path) {
            found.loose.push(name);
        } else {
            others.push(shown(&name, &path));
        }
    }
    if !others.is_empty() {
        others.sort();
        let more = others.len().saturating_sub(NAMED);
        others.truncate(NAMED);
        let mut listed = others.join(", ");
        if more > 0 {
            listed.push_str(&format!(" and {more} more"));
        }
        bail!(
            "`{}` already holds files that are not articles ({listed}); `devocast init` starts a project in a new or empty folder, or in one holding only articles (.md, .txt, .html), which it moves into {episodes}/. Give a new folder: `devocast init my-podcast`",
            dir.display()
        );
    }
    found.loose.sort();
    for name in &found.loose {
        if Path::new(dir).join(episodes).join(name).exists() {
            bail!(
                "`{name}` is both in `{}` and in its {episodes}/ folder; keep one, then run `devocast init` again",
                dir.display()
            );
        }
    }
    Ok(found)
}

/// Moves the loose articles into the episodes folder (which exists).
pub fn adopt(dir: &Path, episodes: &str, found: &Found) -> Result<()> {
    for name in &found.loose {
        let (from, to) = (dir.join(name), dir.join(episodes).join(name));
        std::fs::rename(&from, &to).with_context(|| {
            format!(
                "failed to move `{}` into `{}`",
                from.display(),
                to.display()
            )
        })?;
    }
    crate::fsutil::sync_dir(&dir.join(episodes));
    crate::fsutil::sync_dir(dir);
    Ok(())
}

/// Counts the articles in an existing episodes folder, noting what else it holds.
fn articles_only(folder: &Path, others: &mut Vec<String>, name: &str) -> Result<usize> {
    let mut count = 0;
    for entry in std::fs::read_dir(folder)
        .with_context(|| format!("failed to list `{}`", folder.display()))?
    {
        let entry = entry.with_context(|| format!("failed to list `{}`", folder.display()))?;
        let inner = entry.file_name().to_string_lossy().into_owned();
        if is_clutter(&inner) {
            continue;
        }
        if is_article_file(&entry.path()) {
            count += 1;
        } else {
            others.push(shown(&format!("{name}/{inner}"), &entry.path()));
        }
    }
    Ok(count)
}

/// An article by its name that is a regular file (not a folder named `x.md`).
fn is_article_file(path: &Path) -> bool {
    is_article(path) && std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
}

/// A name as the refusal lists it: a folder with its slash.
fn shown(name: &str, path: &Path) -> String {
    if path.is_dir() {
        format!("{name}/")
    } else {
        name.to_string()
    }
}

/// Hidden files, editors' backups and operating-system clutter: no one's work to protect.
fn is_clutter(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.eq_ignore_ascii_case("Thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_articles_and_hidden_files_may_be_there() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        assert_eq!(
            survey(&d.join("absent"), "episodes").unwrap(),
            Found::default()
        );
        std::fs::create_dir_all(d.join(".git")).unwrap();
        std::fs::write(d.join(".DS_Store"), "x").unwrap();
        assert_eq!(survey(d, "episodes").unwrap(), Found::default());
        std::fs::write(d.join("b.md"), "B\n\nText.").unwrap();
        std::fs::write(d.join("a.TXT"), "A\n\nText.").unwrap();
        std::fs::create_dir_all(d.join("episodes")).unwrap();
        std::fs::write(d.join("episodes/c.html"), "<h1>C</h1><p>x</p>").unwrap();
        let found = survey(d, "episodes").unwrap();
        assert_eq!(found.loose, ["a.TXT", "b.md"]);
        assert_eq!(found.in_episodes, 1);
        std::fs::create_dir_all(d.join("notes.md")).unwrap();
        std::fs::write(d.join("Cargo.toml"), "").unwrap();
        std::fs::write(d.join("episodes/x.docx"), "").unwrap();
        let err = survey(d, "episodes").unwrap_err().to_string();
        assert!(
            err.contains("(Cargo.toml, episodes/x.docx, notes.md/)"),
            "{err}"
        );
    }
}
