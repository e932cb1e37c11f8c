//! `devocast book`: the whole podcast as one talking book, made from the episodes' own books
//! as the last build published them (nothing is rendered again).

use crate::config::Config;
use crate::project::layout::Layout;
use crate::project::lock::Lock;
use crate::project::state::{EpisodeState, PublishManifest};
use crate::publish::{epub, feed, EpisodeInfo};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

/// What to put in the book, and where.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// Where to write it (default `<output>/book/<podcast>.epub`).
    pub out: Option<PathBuf>,
    /// Only the newest N episodes.
    pub last: Option<usize>,
}

/// What `book` wrote.
#[derive(Debug)]
pub struct Made {
    /// The book.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// Episodes in it, oldest first.
    pub episodes: Vec<String>,
    /// Their narration, in seconds.
    pub seconds: f64,
}

/// A file name from the podcast's title: lower-case letters and digits parted by hyphens.
fn file_stem(title: &str) -> String {
    let mut s = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if !s.is_empty() && !s.ends_with('-') {
            s.push('-');
        }
        if s.len() >= 80 {
            break;
        }
    }
    let s = s.trim_end_matches('-');
    if s.is_empty() {
        "podcast".into()
    } else {
        s.into()
    }
}

/// The episodes the current feed lists that have a book, oldest first.
fn published(layout: &Layout) -> Result<Vec<(EpisodeInfo, PathBuf)>> {
    let listed = PublishManifest::load(layout).current;
    let mut found = Vec::new();
    for slug in EpisodeState::slugs(layout) {
        let Some(info) = EpisodeState::load(layout, &slug).and_then(|s| s.info) else {
            continue;
        };
        let Some(name) = &info.epub else {
            continue;
        };
        let path = layout.output.join(name);
        if !listed.contains(&layout.rel(&layout.output.join(&info.mp3))) {
            // Rebuilt (by a shard) since the feed was written: its book no longer matches
            // what the feed lists.
            if listed.contains(&layout.rel(&path)) {
                bail!(
                    "episode `{slug}` was built again since the feed was published; run `devocast publish` (after a sharded build) or `devocast build` first"
                );
            }
            continue;
        }
        if !path.is_file() {
            bail!(
                "`{}` is listed but missing; run `devocast build` again",
                layout.rel(&path)
            );
        }
        found.push((info, path));
    }
    // The feed's order, oldest first.
    found.sort_by(|a, b| feed::newest_first(&b.0, &a.0));
    Ok(found)
}

/// The books recorded as written into the output folder (project-relative paths).
pub fn recorded(layout: &Layout) -> std::collections::BTreeSet<String> {
    let mut books: std::collections::BTreeSet<String> = std::fs::read_to_string(layout.books())
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    // `clean` removes what is recorded: a name leading outside the project is dropped.
    books.retain(|f| crate::project::state::stays_inside(f));
    books
}

/// Records a book written into the output folder; true if it was not recorded before.
fn record(layout: &Layout, rel: &str) -> Result<bool> {
    let mut books = recorded(layout);
    let new = books.insert(rel.to_string());
    if new {
        save(layout, &books)?;
    }
    Ok(new)
}

fn forget(layout: &Layout, rel: &str) -> Result<()> {
    let mut books = recorded(layout);
    if books.remove(rel) {
        save(layout, &books)?;
    }
    Ok(())
}

fn save(layout: &Layout, books: &std::collections::BTreeSet<String>) -> Result<()> {
    crate::fsutil::write_atomic(
        &layout.books(),
        serde_json::to_string_pretty(books)?.as_bytes(),
    )
}

/// Where a book may go, checked before anything is written.
struct Target {
    /// Its project-relative path when it lands in the output folder (recorded for `clean`).
    recorded_as: Option<String>,
}

/// A path with every folder that exists resolved (links followed); the part that does not
/// exist yet is kept as written, without `..`.
fn resolve_existing(path: &Path) -> Result<PathBuf> {
    let abs = std::path::absolute(path)
        .with_context(|| format!("cannot resolve `{}`", path.display()))?;
    let mut rest = Vec::new();
    let mut base = abs.as_path();
    loop {
        if let Ok(real) = std::fs::canonicalize(base) {
            let mut out = real;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return Ok(out);
        }
        match (base.parent(), base.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                base = parent;
            }
            _ => bail!("cannot resolve `{}`", path.display()),
        }
    }
}

/// Refuses a target that would overwrite what the producer wrote or what the feed
/// publishes: a book is an `.epub` file, never a source, a folder or a device.
fn check_target(layout: &Layout, config: &Config, path: &Path) -> Result<Target> {
    let shown = path.display();
    let written = path.to_string_lossy();
    let sep = std::path::MAIN_SEPARATOR;
    let folder = written.trim_end_matches(sep);
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => {
            bail!("--out `{shown}` is a folder; give a file inside it, such as `{folder}{sep}podcast.epub`")
        }
        Ok(m) if !m.is_file() => {
            bail!("--out `{shown}` exists and is not a regular file (a link or a device); give another name")
        }
        _ => {}
    }
    // What a path ends in as written: `a.epub/` and `a.epub/.` name folders, not files.
    let last = written.rsplit(sep).next().unwrap_or("");
    if last.is_empty() || last == "." || last == ".." {
        bail!("--out `{shown}` names a folder; give a file such as `{folder}{sep}podcast.epub`");
    }
    let is_epub = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("epub"));
    if !is_epub {
        bail!("--out `{shown}`: a book's file name ends in `.epub`");
    }
    let real = resolve_existing(path).with_context(|| {
        format!("--out `{shown}`: give a path without `..` after a folder that does not exist")
    })?;
    let mut guarded = layout.sources(config);
    guarded.push(("podcast.masters_dir".into(), layout.masters.clone()));
    guarded.push(("the state folder".into(), layout.state.clone()));
    for (key, src) in &guarded {
        let Ok(src_real) = resolve_existing(src) else {
            continue;
        };
        if real.starts_with(&src_real) {
            bail!(
                "--out `{shown}` is {} {key} (`{}`): the book would write over what you wrote or what devocast keeps; write it into `{}` or outside the project",
                if real == src_real { "the file of" } else { "inside" },
                layout.rel(src),
                layout.rel(&layout.output.join("book"))
            );
        }
    }
    let output = resolve_existing(&layout.output)?;
    let Ok(inside) = real.strip_prefix(&output) else {
        // Inside the project devocast writes only into its output folder: the rest (audio,
        // notes, the project's own top level) is the producer's.
        let root = resolve_existing(&layout.root)?;
        if real.starts_with(&root) {
            bail!(
                "--out `{shown}` is in the project but outside its output folder `{}`, where everything is the producer's; write the book into `{}` or outside the project",
                layout.rel(&layout.output),
                layout.rel(&layout.output.join("book"))
            );
        }
        return Ok(Target { recorded_as: None });
    };
    let rel = layout.rel(&layout.output.join(inside));
    // Every file the feed lists or an episode wrote belongs to the build,
    let published = crate::project::state::build_files(layout);
    // even where a book was written before (an episode may since have taken its name), and
    // whatever the case (a file system may not tell `a.EPUB` from `a.epub`).
    let lower = rel.to_lowercase();
    if published.iter().any(|p| p.to_lowercase() == lower) {
        bail!(
            "--out `{shown}` is `{rel}`, a file the feed publishes; write the book into `{}` or outside the project",
            layout.rel(&layout.output.join("book"))
        );
    }
    Ok(Target {
        recorded_as: Some(rel),
    })
}

/// Writes the podcast's book from the episodes the feed lists.
pub fn book(project: &Path, options: &Options) -> Result<Made> {
    let config = Config::load(project)?;
    let layout = Layout::new(project, &config)?;
    // Exclusive: no build, shard or publish rewrites the episodes' books while they are read.
    let _lock = Lock::try_acquire(&layout.lock_file(), "the project")?;
    if !config.book.epub {
        bail!("the episodes' talking books are switched off (`[book] epub = false` in devocast.toml); switch them on and run `devocast build` first");
    }
    let mut episodes = published(&layout)?;
    if episodes.is_empty() {
        bail!(
            "no episode with a talking book is published in `{}` yet; run `devocast build` first",
            layout.rel(&layout.output)
        );
    }
    // `--last N` with N at least the number published is the whole podcast: the same book.
    let last = match options.last {
        Some(0) => bail!("--last 0 leaves no episode for the book"),
        Some(n) if n < episodes.len() => Some(n),
        _ => None,
    };
    if let Some(n) = last {
        episodes.drain(..episodes.len() - n);
    }
    let title = match last {
        Some(n) => {
            let w = crate::publish::words::of(&config.podcast.language);
            let (one, many) = w.newest_unit;
            crate::publish::words::fill(
                w.newest,
                &[&config.podcast.title, &crate::text::plural(n, one, many)],
            )
        }
        None => config.podcast.title.clone(),
    };
    let path = options.out.clone().unwrap_or_else(|| {
        let stem = file_stem(&config.podcast.title);
        let name = match last {
            Some(n) => format!("{stem}-newest-{n}.epub"),
            None => format!("{stem}.epub"),
        };
        layout.output.join("book").join(name)
    });
    let target = check_target(&layout, &config, &path)?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // The folders this makes, innermost first, so a failed write takes them away again.
    let created: Vec<PathBuf> = dir
        .ancestors()
        .take_while(|d| !d.as_os_str().is_empty() && std::fs::symlink_metadata(d).is_err())
        .map(Path::to_path_buf)
        .collect();
    std::fs::create_dir_all(dir)
        .with_context(|| format!("failed to create `{}`", dir.display()))?;
    // Short, whatever the book's name: a long name plus a suffix could pass the name limit.
    let temp = dir.join(format!(".book.tmp-{}", crate::fsutil::unique_suffix()));
    // A book in the output folder is recorded before it is written, so `clean` finds it
    // even if this is stopped midway; one written elsewhere is the producer's to keep.
    let newly_recorded = match &target.recorded_as {
        Some(rel) => record(&layout, rel)?,
        None => false,
    };
    // A failed write leaves neither its temporary file nor a record of a book never made.
    let undo = |layout: &Layout| {
        let _ = std::fs::remove_file(&temp);
        if let Some(rel) = target.recorded_as.as_deref().filter(|_| newly_recorded) {
            if std::fs::symlink_metadata(&path).is_err() {
                let _ = forget(layout, rel);
            }
        }
        for d in &created {
            if std::fs::remove_dir(d).is_err() {
                break;
            }
        }
    };
    // A write stopped midway (killed) left its temporary file here.
    crate::fsutil::remove_stale_temp_files(dir)?;
    let guids: Vec<String> = episodes
        .iter()
        .map(|(info, _)| feed::episode_guid(&config.podcast, &info.slug))
        .collect();
    let parts: Vec<epub::Part> = episodes
        .iter()
        .zip(&guids)
        .map(|((info, book), guid)| epub::Part {
            episode: info,
            book,
            guid,
        })
        .collect();
    // The same podcast (its feed address) and the same selection: the same book, edition
    // after edition, so reading systems keep their place; a new title does not change it.
    // The newest N are another book than the whole series.
    let seed = format!(
        "devocast book\n{}",
        last.map_or_else(|| "all".to_string(), |n| format!("last {n}"))
    );
    let uuid = uuid::Uuid::new_v5(
        &feed::podcast_guid(&feed::feed_url(&config.podcast)),
        seed.as_bytes(),
    )
    .to_string();
    let written = (|| -> Result<u64> {
        let file = std::fs::File::create(&temp)
            .with_context(|| format!("failed to create `{}`", temp.display()))?;
        let file = epub::whole(
            &epub::Whole {
                title: &title,
                podcast: &config.podcast.title,
                description: &config.podcast.description,
                author: &config.podcast.author,
                lang: &config.podcast.language,
                uuid: &uuid,
                parts: &parts,
            },
            std::io::BufWriter::new(file),
        )?;
        let file = file
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("failed to write `{}`", temp.display()))?;
        file.sync_all()
            .with_context(|| format!("failed to write `{}`", temp.display()))?;
        Ok(file.metadata()?.len())
    })();
    let bytes = match written {
        Ok(b) => b,
        Err(e) => {
            undo(&layout);
            return Err(e);
        }
    };
    // Renamed into place whole: a reader copying the book never gets half of one.
    if let Err(e) = std::fs::rename(&temp, &path) {
        undo(&layout);
        return Err(e).with_context(|| format!("failed to write `{}`", path.display()));
    }
    crate::fsutil::sync_dir(dir);
    Ok(Made {
        path,
        bytes,
        seconds: episodes.iter().map(|(i, _)| i.seconds).sum(),
        episodes: episodes.into_iter().map(|(i, _)| i.slug).collect(),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_stems() {
        assert_eq!(
            super::file_stem("Morning Light: A Podcast"),
            "morning-light-a-podcast"
        );
        assert_eq!(super::file_stem("…"), "podcast");
        assert_eq!(super::file_stem("Café Gospel"), "café-gospel");
    }
}
