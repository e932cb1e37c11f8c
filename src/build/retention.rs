//! Removing published files once no feed within the retention window references them: at
//! the end of every publish, and on its own with `devocast clean --expired` (time passes
//! without builds, and the window closes all the same).

use crate::config::Config;
use crate::fsutil::remove_file;
use crate::project::layout::Layout;
use crate::project::lock::Lock;
use crate::project::state::{EpisodeState, PublishManifest};
use anyhow::Result;
use std::collections::{BTreeSet, HashSet};
use std::path::Path;

/// Removes every file devocast published that is not in `keep` (paths relative to the
/// project): the podcast's own files listed in `stale_podcast_files`, and each episode's.
/// The masters of `articles` are always kept, and the state of an episode whose article is
/// gone goes with its last file. Returns how many files were removed.
pub fn remove_unkept(
    layout: &Layout,
    manifest: &mut PublishManifest,
    mut keep: BTreeSet<String>,
    stale_podcast_files: &[String],
    articles: &[String],
) -> Result<usize> {
    for slug in articles {
        keep.insert(layout.rel(&layout.masters.join(format!("{slug}.wav"))));
    }
    let articles: HashSet<&String> = articles.iter().collect();
    let mut removed = 0;
    for f in stale_podcast_files {
        if !keep.contains(f) {
            removed += usize::from(remove_file(&layout.root.join(f))?);
            manifest.podcast_files.remove(f);
        }
    }
    manifest.referenced.retain(|f, _| keep.contains(f));
    manifest.save(layout)?;
    for slug in EpisodeState::slugs(layout) {
        let Some(mut state) = EpisodeState::load(layout, &slug) else {
            continue;
        };
        let gone: Vec<String> = state.files.difference(&keep).cloned().collect();
        for f in &gone {
            removed += usize::from(remove_file(&layout.root.join(f))?);
            state.files.remove(f);
        }
        if state.files.is_empty() && !articles.contains(&slug) {
            // The article is gone and so is everything it published.
            remove_file(&crate::project::state::episode_state_path(layout, &slug))?;
        } else if !gone.is_empty() {
            state.save(layout, &slug)?;
        }
    }
    Ok(removed)
}

/// `devocast clean --expired`: removes the published files no feed has referenced within
/// `publish.retention_days` before `now`; the current feed's files, the previous feed's,
/// and every master stay. Returns how many files were removed.
pub fn clean_expired(project: &Path, now: chrono::DateTime<chrono::Utc>) -> Result<usize> {
    let config = Config::load(project)?;
    let layout = Layout::new(project, &config)?;
    if !layout.publish_manifest().exists() {
        return Ok(0);
    }
    let _lock = Lock::try_acquire(&layout.lock_file(), "the project")?;
    let mut manifest = PublishManifest::load(&layout);
    let keep = manifest.within(config.publish.window(), now);
    let stale: Vec<String> = manifest.podcast_files.difference(&keep).cloned().collect();
    // Masters are never published: every one stays, whatever its article.
    let masters: Vec<String> = EpisodeState::slugs(&layout);
    remove_unkept(&layout, &mut manifest, keep, &stale, &masters)
}
