//! The build of a whole podcast folder, as a readable list of steps: plan → episodes →
//! publish.
//!
//! Each episode writes its media under content-hashed names and records them in its manifest
//! before writing them; the feed and index are written last; only then are files that no
//! published document references removed. So at every instant, even after `kill -9` or a
//! full disk, the feed and every file it references agree. One bad article fails alone, and
//! an article that fails keeps the episode it published before.

pub mod clean;
pub mod cover;
pub mod episode;
pub mod layout;
pub mod lock;
pub mod plan;
pub mod progress;
pub mod proofread;
pub mod publish;
pub mod shard;
pub mod state;

use crate::cache::SegmentCache;
use crate::config::Config;
use crate::publish::EpisodeInfo;
use crate::speech::lexicon::Lexicon;
use crate::voice::{self, Voice};
use anyhow::{Context, Result};
use layout::Layout;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::Mutex;
use std::time::Instant;

/// Articles larger than this are refused: they would make episodes of many hours.
pub const MAX_ARTICLE_BYTES: u64 = 256 * 1024;

/// Options of one build.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Treat warnings (a hymn without a recording) as failures.
    pub strict: bool,
    /// Rebuild every episode, ignoring what is recorded as up to date.
    pub force: bool,
    /// Episodes (and sentences) processed at once; 0 = one per core.
    pub jobs: usize,
    /// Never fetch a voice, even on first use.
    pub offline: bool,
    /// Publish articles dated in the future now, instead of on their day.
    pub include_future: bool,
}

/// Why an article is not published (yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Held {
    /// `draft: true` in its front matter.
    Draft,
    /// Dated after today: published on that day.
    Scheduled(chrono::NaiveDate),
}

impl std::fmt::Display for Held {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Held::Draft => write!(f, "a draft (`draft: true`), not published"),
            Held::Scheduled(d) => write!(
                f,
                "scheduled for {}; published by the first build on that day (`--include-future` publishes it now)",
                d.format("%B %-d, %Y")
            ),
        }
    }
}

/// The outcome of one article.
#[derive(Debug)]
pub enum Outcome {
    /// Built now.
    Built {
        /// What the feed lists.
        info: Box<EpisodeInfo>,
        /// Missing recordings and the like.
        warnings: Vec<String>,
    },
    /// Nothing it depends on changed since the last build: its outputs were kept.
    Unchanged {
        /// What the feed lists.
        info: Box<EpisodeInfo>,
        /// Warnings recorded when it was built.
        warnings: Vec<String>,
    },
    /// Not published: a draft, or dated in the future.
    Held {
        /// The article.
        source: PathBuf,
        /// Why.
        why: Held,
    },
    /// Failed; the error names the file.
    Failed {
        /// The article.
        source: PathBuf,
        /// What went wrong.
        error: anyhow::Error,
    },
}

/// What a build did.
#[derive(Debug)]
pub struct Summary {
    /// Which engine narrated.
    pub voice: String,
    /// Per article, in file-name order.
    pub outcomes: Vec<Outcome>,
    /// Things the producer should know that belong to no one episode (skipped files,
    /// cleaned configuration text).
    pub notes: Vec<String>,
    /// Sentences synthesized now (not taken from the cache).
    pub synthesized: usize,
    /// Cache entries pruned.
    pub pruned: usize,
    /// Old output files removed once nothing published referenced them.
    pub removed: usize,
    /// The published feed.
    pub feed: PathBuf,
    /// Wall time.
    pub seconds: f64,
}

impl Summary {
    fn count(&self, f: impl Fn(&Outcome) -> bool) -> usize {
        self.outcomes.iter().filter(|o| f(o)).count()
    }
    /// Number of articles built now.
    pub fn built(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Built { .. }))
    }
    /// Number of articles left as they were.
    pub fn unchanged(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Unchanged { .. }))
    }
    /// Number of failed articles.
    pub fn failed(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Failed { .. }))
    }
    /// Number of drafts and scheduled articles.
    pub fn held(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Held { .. }))
    }
    /// All warnings: the build's notes, then each episode's, prefixed with the episode.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = self.notes.clone();
        for o in &self.outcomes {
            if let Outcome::Built { info, warnings } | Outcome::Unchanged { info, warnings } = o {
                out.extend(warnings.iter().map(|w| format!("{}: {w}", info.slug)));
            }
        }
        out
    }
    /// Total audio in the feed's episodes, seconds.
    pub fn audio_seconds(&self) -> f64 {
        self.outcomes
            .iter()
            .map(|o| match o {
                Outcome::Built { info, .. } | Outcome::Unchanged { info, .. } => info.seconds,
                Outcome::Held { .. } | Outcome::Failed { .. } => 0.0,
            })
            .sum()
    }
}

/// Builds the podcast in `project` with the configured voice; `log` receives one line per
/// event (it may be called from several threads).
pub fn build(project: &Path, options: &Options, log: &(dyn Fn(&str) + Sync)) -> Result<Summary> {
    let config = Config::load(project)?;
    let network = if options.offline {
        voice::Network::Offline
    } else {
        voice::Network::Allowed
    };
    let chosen = voice::choose(&config.voice, project, network, &|l| log(l))
        .context("failed to open the voice")?;
    let mut summary = build_with_voice(project, options, chosen.voice, log)?;
    summary.notes.splice(0..0, chosen.notes);
    Ok(summary)
}

/// Builds the podcast with a given voice (tests use a fake one that counts its calls).
pub fn build_with_voice(
    project: &Path,
    options: &Options,
    voice: Box<dyn Voice>,
    log: &(dyn Fn(&str) + Sync),
) -> Result<Summary> {
    let started = Instant::now();
    let now = chrono::Utc::now();
    let config = Config::load(project)?;
    let layout = Layout::new(project, &config)?;
    let _lock = lock::Lock::try_acquire(&layout.lock_file(), "the project")?;
    let plan = plan::plan(&layout)?;
    log(&format!("voice: {}", voice.describe()));
    let lexicon = Lexicon::for_project(project)?;
    let mut notes = config.warnings.clone();
    notes.extend(config.base_url_warning());
    notes.extend(lexicon.warnings.iter().cloned());
    notes.extend(plan.notes.iter().cloned());
    let ctx = episode::Context {
        cover: cover::Cover::load(&layout, &config)?,
        lexicon,
        lexicon_text: std::fs::read_to_string(project.join(crate::speech::lexicon::FILE_NAME))
            .unwrap_or_default(),
        config_text: std::fs::read_to_string(project.join(crate::config::FILE_NAME))
            .unwrap_or_default(),
        library: crate::audio::library::Library::new(project, &config),
        cache: SegmentCache::open(&layout.cache()),
        published: Mutex::new(state::Published::load(&layout.published_file())?),
        synthesized: Default::default(),
        today: crate::publish::feed::today(&config.podcast, now),
        options: options.clone(),
        layout: &layout,
        config,
        voice,
    };

    // Episodes, in parallel.
    let jobs = match options.jobs {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .context("failed to start worker threads")?;
    let progress = progress::Progress::new(plan.articles.len() + plan.refused.len(), log);
    let mut done: Vec<(PathBuf, Outcome)> = pool.install(|| {
        plan.articles
            .par_iter()
            .map(|path| {
                let t = Instant::now();
                let outcome = ctx.episode(path);
                progress.done(&outcome, &layout.rel(path), t.elapsed().as_secs_f64());
                (path.clone(), outcome)
            })
            .collect()
    });
    for (source, error) in plan.refused {
        let outcome = Outcome::Failed {
            source: source.clone(),
            error,
        };
        progress.done(&outcome, &layout.rel(&source), 0.0);
        done.push((source, outcome));
    }
    done.sort_by(|a, b| a.0.cmp(&b.0));
    let (sources, outcomes): (Vec<PathBuf>, Vec<Outcome>) = done.into_iter().unzip();
    progress.finish();

    // What the feed lists: every episode built or unchanged, and the previously published
    // version of any that failed this time, so a typo never pulls an episode from
    // listeners' apps.
    let mut infos: Vec<EpisodeInfo> = Vec::new();
    for o in &outcomes {
        match o {
            Outcome::Built { info, .. } | Outcome::Unchanged { info, .. } => {
                infos.push((**info).clone())
            }
            Outcome::Held { .. } => {}
            Outcome::Failed { source, .. } => {
                if let Some(old) = ctx.previous(&crate::article::slug_of(source)) {
                    log(&format!(
                        "keeping the previously published episode of {}",
                        layout.rel(source)
                    ));
                    ctx.cache.keep(&old.segments);
                    if let Some(info) = old.info {
                        infos.push(info);
                    }
                }
            }
        }
    }
    // Numbers are given once, when an episode is first published, in date order; the record
    // is kept before the feed that shows them is written.
    {
        let mut published = ctx
            .published
            .lock()
            .map_err(|_| anyhow::anyhow!("lock poisoned"))?;
        let mut new: Vec<&EpisodeInfo> = infos
            .iter()
            .filter(|i| published.number(&i.slug).is_none())
            .collect();
        new.sort_by(|a, b| a.date.cmp(&b.date).then(a.slug.cmp(&b.slug)));
        published.number_new(&new.iter().map(|i| i.slug.as_str()).collect::<Vec<_>>());
        for i in &mut infos {
            i.number = published.number(&i.slug);
        }
        published.save(&layout.published_file())?;
    }
    let slugs: Vec<String> = sources.iter().map(|s| crate::article::slug_of(s)).collect();
    let removed = publish::publish(&ctx, &infos, &slugs, now)?;
    let pruned = ctx.cache.prune()?;
    Ok(Summary {
        voice: ctx.voice.describe(),
        outcomes,
        notes,
        synthesized: ctx.synthesized.load(Ordering::SeqCst),
        pruned,
        removed,
        feed: layout.output.join(crate::publish::feed::FEED_FILE),
        seconds: started.elapsed().as_secs_f64(),
    })
}
