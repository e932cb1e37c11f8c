//! `devocast book`: the whole podcast as one talking book, made from the episodes' own books
//! as the last build published them (nothing is rendered again).

use super::layout::Layout;
use super::lock::Lock;
use super::state::{EpisodeState, PublishManifest};
use crate::config::Config;
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
    found.sort_by(|a, b| (a.0.date, a.0.number, &a.0.slug).cmp(&(b.0.date, b.0.number, &b.0.slug)));
    Ok(found)
}

/// The books recorded as written into the output folder (project-relative paths).
pub fn recorded(layout: &Layout) -> std::collections::BTreeSet<String> {
    std::fs::read_to_string(layout.books())
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

fn record(layout: &Layout, rel: &str) -> Result<()> {
    let mut books = recorded(layout);
    if books.insert(rel.to_string()) {
        crate::fsutil::write_atomic(
            &layout.books(),
            serde_json::to_string_pretty(&books)?.as_bytes(),
        )?;
    }
    Ok(())
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
    if let Some(n) = options.last {
        if n == 0 {
            bail!("--last 0 leaves no episode for the book");
        }
        let skip = episodes.len().saturating_sub(n);
        episodes.drain(..skip);
    }
    let path = options.out.clone().unwrap_or_else(|| {
        layout
            .output
            .join("book")
            .join(format!("{}.epub", file_stem(&config.podcast.title)))
    });
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .with_context(|| format!("failed to create `{}`", dir.display()))?;
    let name = path
        .file_name()
        .with_context(|| format!("`{}` names no file", path.display()))?
        .to_string_lossy();
    let temp = dir.join(format!(".{name}.tmp-{}", crate::fsutil::unique_suffix()));
    // A book in the output folder is recorded before it is written, so `clean` finds it
    // even if this is stopped midway; one written elsewhere is the producer's to keep.
    if let Ok(inside) = std::fs::canonicalize(dir) {
        let output = std::fs::canonicalize(&layout.output).unwrap_or(layout.output.clone());
        if inside.starts_with(&output) {
            let rel = layout.rel(
                &layout
                    .output
                    .join(inside.strip_prefix(&output)?)
                    .join(&*name),
            );
            record(&layout, &rel)?;
        }
    }
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
    // The same podcast (its feed address and title) and the same selection: the same book,
    // edition after edition. The newest N are another book than the whole series.
    let seed = format!(
        "devocast book\n{}\n{}",
        config.podcast.title,
        options
            .last
            .map_or_else(|| "all".to_string(), |n| format!("last {n}"))
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
            let _ = std::fs::remove_file(&temp);
            return Err(e);
        }
    };
    // Renamed into place whole: a reader copying the book never gets half of one.
    std::fs::rename(&temp, &path)
        .with_context(|| format!("failed to write `{}`", path.display()))?;
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
