//! The last step: the podcast's own files (cover, index, feed, the feed last of all), then
//! the removal of output files no published document references any more.
//!
//! What counts as referenced is read from what is on disk: the feed just written, every feed
//! before it within `publish.retention_days` (apps fetch feeds days late, then download what
//! the feed they hold names), the index, and the page of every listed episode. So a page written by an episode that failed later
//! still finds every file it points at.
//!
//! One episode never stops the feed: an episode whose entry the feed cannot carry (a date
//! outside its years) or whose entry stops a writer on an internal error is left out, alone,
//! and reported; an internal error in the podcast's own files leaves the last good feed in
//! place and fails the build.

use super::episode::Project;
use crate::fsutil::{sync_dir, write_if_changed};
use crate::project::state::PublishManifest;
use crate::publish::{feed, page, EpisodeInfo};
use anyhow::{Context, Result};
use std::collections::BTreeSet;

/// What publishing did.
#[derive(Debug, Default)]
pub struct Published {
    /// Old output files removed once nothing referenced them.
    pub removed: usize,
    /// Episodes left out of the feed and index, by slug, with the reason.
    pub unlisted: Vec<(String, anyhow::Error)>,
}

/// The index page and the feed, rendered.
struct PodcastFiles {
    index: String,
    feed: String,
}

/// Writes cover, index and feed, then removes what nothing references. `articles` are the
/// slugs of every article in the episodes folder.
pub fn publish(
    ctx: &Project,
    infos: &[EpisodeInfo],
    articles: &[String],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Published> {
    let layout = ctx.layout;
    let out = &layout.output;
    std::fs::create_dir_all(out)
        .map_err(|e| anyhow::anyhow!("failed to create `{}`: {e}", out.display()))?;
    write_if_changed(&out.join(&ctx.cover.file_name), &ctx.cover.bytes)?;
    let (files, listed, unlisted) = podcast_files(ctx, infos, now)?;
    let infos = &listed[..];
    super::caught(|| {
        write_if_changed(&out.join(page::INDEX_FILE), files.index.as_bytes())?;
        // The feed last: until here, apps still see the previous feed and its files.
        write_if_changed(&out.join(feed::FEED_FILE), files.feed.as_bytes())?;
        Ok(())
    })
    .context("the feed was not written: the last good feed is left in place")?;
    sync_dir(out);

    let mut manifest = PublishManifest::load(layout);
    let podcast_files: BTreeSet<String> = [
        feed::FEED_FILE,
        page::INDEX_FILE,
        ctx.cover.file_name.as_str(),
    ]
    .iter()
    .map(|f| layout.rel(&out.join(f)))
    .collect();
    let mut current: BTreeSet<String> = podcast_files.clone();
    for i in infos {
        current.extend(i.files().iter().map(|f| layout.rel(&out.join(f))));
    }
    manifest.replace(current, now);
    let stale_podcast_files: Vec<String> = manifest
        .podcast_files
        .difference(&podcast_files)
        .cloned()
        .collect();
    manifest.podcast_files.extend(podcast_files);
    manifest.save(layout)?;

    // Everything still referenced: every feed's files within the retention window, masters
    // of current articles, and whatever the pages of listed episodes point at as they are on
    // disk now.
    let mut keep = manifest.within(ctx.config.publish.window(), now);
    for i in infos {
        if let Ok(html) = std::fs::read_to_string(out.join(&i.page)) {
            keep.extend(
                page::local_links(&html)
                    .into_iter()
                    .map(|f| layout.rel(&out.join(f))),
            );
        }
    }
    let mut removed = super::retention::remove_unkept(
        layout,
        &mut manifest,
        keep,
        &stale_podcast_files,
        articles,
    )?;
    removed += crate::fsutil::remove_stale_temp_files(out)?;
    removed += crate::fsutil::remove_stale_temp_files(&layout.masters)?;
    Ok(Published { removed, unlisted })
}

/// The index and the feed of the episodes that can be listed, with those episodes, and the
/// ones left out with the reason. Rendered whole first; only if that fails is each episode
/// rendered alone, to find the one that stops the writers.
type Rendered = (PodcastFiles, Vec<EpisodeInfo>, Vec<(String, anyhow::Error)>);
fn podcast_files(
    ctx: &Project,
    infos: &[EpisodeInfo],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Rendered> {
    let mut unlisted = Vec::new();
    let mut listable = Vec::with_capacity(infos.len());
    for info in infos {
        if crate::article::feed_can_date(info.date) {
            listable.push(info.clone());
        } else {
            let years = crate::article::FEED_YEARS;
            unlisted.push((
                info.slug.clone(),
                anyhow::anyhow!(
                    "it is dated {}, and a podcast feed carries dates from the year {} to {}",
                    info.date,
                    years.start(),
                    years.end()
                ),
            ));
        }
    }
    if let Ok(files) = render(ctx, &listable, now) {
        return Ok((files, listable, unlisted));
    }
    let mut alone_fine = Vec::with_capacity(listable.len());
    for info in listable {
        match render(ctx, std::slice::from_ref(&info), now) {
            Ok(_) => alone_fine.push(info),
            Err(e) => unlisted.push((info.slug.clone(), e)),
        }
    }
    let files = render(ctx, &alone_fine, now)
        .context("the feed was not written: the last good feed is left in place")?;
    Ok((files, alone_fine, unlisted))
}

/// The index page and the feed of `infos`, in memory; an internal error is an error.
fn render(
    ctx: &Project,
    infos: &[EpisodeInfo],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<PodcastFiles> {
    let config = &ctx.config;
    super::caught(|| {
        for info in infos {
            crate::fsutil::injected_panic(&format!("feed entry {}", info.slug));
        }
        let index = page::index_page(
            &page::Index {
                title: &config.podcast.title,
                description: &config.podcast.description,
                lang: &config.podcast.language,
                cover: &ctx.cover.file_name,
                feed_url: &feed::feed_url(&config.podcast),
            },
            infos,
        );
        let feed = feed::render(&config.podcast, &ctx.cover.file_name, infos, now)?;
        Ok(PodcastFiles { index, feed })
    })
}

/// Episodes the feed could not list become failures, each naming its article.
pub(super) fn fail_unlisted(
    layout: &crate::project::layout::Layout,
    outcomes: &mut [(std::path::PathBuf, super::Outcome)],
    unlisted: Vec<(String, anyhow::Error)>,
) {
    if unlisted.is_empty() {
        return;
    }
    let at: std::collections::HashMap<String, usize> = outcomes
        .iter()
        .enumerate()
        .map(|(i, (p, _))| (crate::article::slug_of(p), i))
        .collect();
    for (slug, why) in unlisted {
        let Some(&i) = at.get(&slug) else { continue };
        let (source, outcome) = &mut outcomes[i];
        let shown = layout.rel(source);
        let error = match std::mem::replace(
            outcome,
            super::Outcome::Held {
                source: source.clone(),
                why: super::Held::Draft(String::new()),
            },
        ) {
            super::Outcome::Failed { error, .. } => anyhow::anyhow!(
                "{error:#}; and its previous episode is left out of the feed: {why:#}"
            ),
            _ => why.context(format!("`{shown}`: left out of the feed")),
        };
        *outcome = super::Outcome::Failed {
            source: source.clone(),
            error,
        };
    }
}
