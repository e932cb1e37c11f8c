//! The build of a whole podcast folder, as a readable list of steps: plan → episodes →
//! publish.
//!
//! Each episode writes its media under content-hashed names and records them in its manifest
//! before writing them; the feed and index are written last; only then are files that no
//! published document references removed. So at every instant, even after `kill -9` or a
//! full disk, the feed and every file it references agree. One bad article fails alone, and
//! an article that fails keeps the episode it published before.

pub mod artwork;
pub mod book;
pub mod cast;
pub mod clean;
pub mod cover;
pub mod episode;
mod inputs;
mod language;
pub mod listen;
mod mentions;
pub mod narrators;
pub mod preview;
pub mod progress;
pub mod proofread;
pub mod publish;
pub mod report;
pub mod retention;
pub mod shard;
#[cfg(feature = "speak")]
pub mod speak;
mod voice_rule;

use crate::cache::{self, SegmentCache};
use crate::config::Config;
use crate::project::layout::Layout;
use crate::project::{lock, plan, state};
use crate::publish::EpisodeInfo;
use crate::voice::identity::Settings;
use crate::voice::Voice;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::Mutex;
use std::time::Instant;

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
    /// Build only this part of the podcast, and publish nothing (`devocast publish` does,
    /// once every part is built).
    pub shard: Option<shard::Shard>,
    /// Narrate every episode with the voice this build finds and make it the podcast's
    /// (`--change-voice`), instead of refusing a voice other than the recorded one.
    pub change_voice: bool,
    /// The moment the build runs; default: the clock (tests set it).
    pub now: Option<chrono::DateTime<chrono::Utc>>,
}

/// Why an article is not published (yet, or any more).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Held {
    /// Its front matter holds it back: what it says, as written (`draft: true`,
    /// `published: false`, `status: private`).
    Draft(String),
    /// Dated after today: published on that day.
    Scheduled(chrono::NaiveDate),
    /// Its `expiryDate` has passed: out of the feed since the day after.
    Expired(chrono::NaiveDate),
}

impl Held {
    /// Whether an article dated `date` is held back today, and why.
    pub fn of(
        article: &crate::article::Article,
        date: chrono::NaiveDate,
        today: chrono::NaiveDate,
        options: &Options,
    ) -> Option<Held> {
        if let Some(why) = &article.draft {
            return Some(Held::Draft(why.clone()));
        }
        if let Some(expired) = article.expires.filter(|e| *e < today) {
            return Some(Held::Expired(expired));
        }
        (date > today && !options.include_future).then_some(Held::Scheduled(date))
    }
}

impl std::fmt::Display for Held {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Held::Draft(why) => write!(f, "a draft ({why}), not published"),
            Held::Scheduled(d) => write!(
                f,
                "scheduled for {}; published by the first build on that day (`--include-future` publishes it now)",
                d.format("%B %-d, %Y")
            ),
            Held::Expired(d) => write!(
                f,
                "expired on {} (its `expiryDate`), taken out of the feed",
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

/// The kinds of run a [`Summary`] can be of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Run {
    /// `devocast build`: every episode, then the feed.
    Build,
    /// `devocast build --shard K/N`: one part's episodes, and no feed.
    Shard(shard::Shard),
    /// `devocast publish`: the feed from what the shards built.
    Publish,
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
    /// The podcast's voice recorded for the first time, or changed, in one line.
    pub voice_change: Option<String>,
    /// Sentences synthesized now (not taken from the cache).
    pub synthesized: usize,
    /// Cache entries pruned.
    pub pruned: usize,
    /// Old output files removed once nothing published referenced them.
    pub removed: usize,
    /// The feed.
    pub feed: PathBuf,
    /// What kind of run this was: a whole build, one shard's, or the publish after shards.
    pub run: Run,
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
    /// All warnings: the build's notes, then the episodes', each said once and prefixed
    /// with the episodes it concerns (a hymn without a recording in forty episodes is one
    /// warning, not forty).
    pub fn warnings(&self) -> Vec<String> {
        let mut out = self.notes.clone();
        let per_episode = self.outcomes.iter().filter_map(|o| match o {
            Outcome::Built { info, warnings } | Outcome::Unchanged { info, warnings } => {
                Some((info.slug.as_str(), warnings.as_slice()))
            }
            _ => None,
        });
        out.extend(report::once_each(per_episode));
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
    let (cast, notes) = narrators::open_cast(project, options, log)?;
    let mut summary = build_with_voices(project, options, cast, log)?;
    summary.notes.splice(0..0, notes);
    Ok(summary)
}

/// The voice a build of `project` narrates with (the recorded one when it is there), and
/// notes about how it was found.
fn open_voice(
    project: &Path,
    options: &Options,
    log: &(dyn Fn(&str) + Sync),
) -> Result<(Box<dyn Voice>, Vec<String>)> {
    let config = Config::load(project)?;
    let published = state::Published::load(&project.join(crate::config::PUBLISHED_FILE))?;
    let recorded = published.voice();
    let chosen = cast::open_as_recorded(
        project,
        &config.voice,
        recorded,
        recorded.is_some(),
        options,
        log,
    )
    .context("failed to open the voice")?;
    Ok((chosen.voice, chosen.notes))
}

/// Builds the podcast with a given voice (tests use a fake one that counts its calls).
pub fn build_with_voice(
    project: &Path,
    options: &Options,
    voice: Box<dyn Voice>,
    log: &(dyn Fn(&str) + Sync),
) -> Result<Summary> {
    build_with_cast(project, options, voice, Vec::new(), log)
}

/// Builds the podcast with a given narrator and the voices of parts with their own.
pub fn build_with_cast(
    project: &Path,
    options: &Options,
    narrator: Box<dyn Voice>,
    readers: Vec<(crate::config::Role, std::sync::Arc<dyn Voice>)>,
    log: &(dyn Fn(&str) + Sync),
) -> Result<Summary> {
    let languages = Vec::new();
    let cast = narrators::Cast {
        narrator,
        readers,
        languages,
    };
    build_with_voices(project, options, cast, log)
}

/// Builds the podcast with a given cast: the narrator, the readers of parts, and the
/// narrator of each other language (tests give fakes that count their calls).
pub fn build_with_voices(
    project: &Path,
    options: &Options,
    cast: narrators::Cast,
    log: &(dyn Fn(&str) + Sync),
) -> Result<Summary> {
    let narrators::Cast {
        narrator: voice,
        readers,
        languages,
    } = cast;
    let started = Instant::now();
    let now = options.now.unwrap_or_else(chrono::Utc::now);
    let config = Config::load(project)?;
    let layout = Layout::new(project, &config)?;
    // A whole build holds the project alone; shards share it with each other (each episode
    // has its own lock), never with a whole build or a publish.
    let _lock = match options.shard {
        None => lock::Lock::try_acquire(&layout.lock_file(), "the project")?,
        Some(_) => lock::Lock::try_acquire_shared(&layout.lock_file(), "the project")?,
    };
    let Opened {
        plan,
        notes,
        today,
        project,
    } = open(&layout, config, now)?;
    let line = narrators::voice_line(voice.as_ref(), &readers, &languages);
    log(&format!("voice: {line}"));
    // The podcast's voice is settled before anything is written.
    let published = state::Published::load(&layout.published_file())?;
    let identity = voice.identity();
    let (decision, others) = narrators::check_cast(
        &layout,
        &published,
        &project.config,
        voice.as_ref(),
        &readers,
        &languages,
        options,
    )?;
    for line in &others {
        log(line);
    }
    let reader_records = cast::records(&project.config, &readers);
    let language_records = narrators::records(&project.config, &languages);
    let voice_change = decision.line(&identity);
    if let Some(line) = &voice_change {
        log(line);
    }
    let record = state::VoiceRecord {
        voice: identity,
        settings: Settings::of(&project.config.voice),
    };
    let ctx = episode::Context {
        cache: SegmentCache::open(&layout.cache()),
        published: Mutex::new(published),
        synthesized: Default::default(),
        today,
        options: options.clone(),
        project,
        voice,
        readers,
        languages,
    };
    let (articles, refused) = match options.shard {
        None => (plan.articles, plan.refused),
        Some(shard) => {
            let (articles, refused) = shard::select(&ctx.project, plan, shard);
            log(&format!(
                "shard {shard}: {} of the podcast's articles",
                articles.len() + refused.len()
            ));
            (articles, refused)
        }
    };

    let mut done = build_episodes(&ctx, articles, refused, &layout, log)?;

    let mut summary = Summary {
        voice: line,
        outcomes: Vec::new(),
        notes,
        voice_change,
        synthesized: ctx.synthesized.load(Ordering::SeqCst),
        pruned: 0,
        removed: 0,
        feed: layout.output.join(crate::publish::feed::FEED_FILE),
        run: options.shard.map_or(Run::Build, Run::Shard),
        seconds: 0.0,
    };
    if options.shard.is_none() {
        let mut published = std::mem::take(
            &mut *ctx
                .published
                .lock()
                .map_err(|_| anyhow::anyhow!("lock poisoned"))?,
        );
        published.set_voice(record);
        published.set_readers(reader_records);
        published.set_languages(language_records);
        let narrating = ctx.narrating();
        (summary.removed, summary.pruned) = finish(
            &ctx.project,
            &ctx.cache,
            &mut published,
            &mut done,
            &cache::Retention {
                now,
                keep_days: ctx.project.config.cache.keep_days,
                narrating: &narrating,
            },
            log,
        )?;
    }
    summary.outcomes = done.into_iter().map(|(_, o)| o).collect();
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Builds each article in parallel (`options.jobs` threads), and fails each refused one,
/// reporting progress; the outcomes in the articles' order.
fn build_episodes(
    ctx: &episode::Context,
    articles: Vec<PathBuf>,
    refused: Vec<(PathBuf, anyhow::Error)>,
    layout: &Layout,
    log: &(dyn Fn(&str) + Sync),
) -> Result<Vec<(PathBuf, Outcome)>> {
    let options = &ctx.options;
    let jobs = match options.jobs {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .context("failed to start worker threads")?;
    let progress = progress::Progress::new(articles.len() + refused.len(), log);
    let mut done: Vec<(PathBuf, Outcome)> = pool.install(|| {
        articles
            .par_iter()
            .map(|path| {
                let t = Instant::now();
                let outcome = match options.shard {
                    None => ctx.episode(path),
                    Some(_) => episode_alone(ctx, path, log),
                };
                progress.done(&outcome, &layout.rel(path), t.elapsed().as_secs_f64());
                (path.clone(), outcome)
            })
            .collect()
    });
    for (source, error) in refused {
        let outcome = Outcome::Failed {
            source: source.clone(),
            error,
        };
        progress.done(&outcome, &layout.rel(&source), 0.0);
        done.push((source, outcome));
    }
    done.sort_by(|a, b| a.0.cmp(&b.0));
    progress.finish();
    Ok(done)
}

/// One episode of a shard, under the episode's own lock: shards of one project run at once,
/// and a shard started twice (a retried task) waits for the other run instead of writing
/// the same episode beside it; it then finds the episode built.
fn episode_alone(ctx: &episode::Context, path: &Path, log: &(dyn Fn(&str) + Sync)) -> Outcome {
    let slug = crate::article::slug_of(path);
    let lock_path = ctx.layout.episode_lock(&plan::episode_key(&slug));
    let what = format!("episode `{slug}`");
    match lock::Lock::acquire(&lock_path, &what, &|| {
        log(&format!("waiting for another devocast building {what}"))
    }) {
        Ok(_held) => ctx.episode(path),
        Err(e) => Outcome::Failed {
            source: path.to_path_buf(),
            error: anyhow::Error::new(e),
        },
    }
}

/// Everything after the episodes: what the feed lists (an episode that failed keeps the
/// version it published before, so a typo never pulls an episode from listeners' apps),
/// episode numbers, the publication record, then [`publish::publish`] and the cache prune.
/// An episode the feed cannot list fails, alone. Returns (files removed, cache entries
/// pruned).
fn finish(
    project: &episode::Project,
    cache: &SegmentCache,
    published: &mut state::Published,
    outcomes: &mut [(PathBuf, Outcome)],
    retention: &cache::Retention,
    log: &(dyn Fn(&str) + Sync),
) -> Result<(usize, usize)> {
    let now = retention.now;
    let today = crate::publish::feed::today(&project.config.podcast, now);
    let layout = project.layout;
    let mut infos: Vec<EpisodeInfo> = Vec::new();
    for (_, o) in outcomes.iter() {
        match o {
            Outcome::Built { info, .. } | Outcome::Unchanged { info, .. } => {
                infos.push((**info).clone())
            }
            Outcome::Held { source, .. } => {
                // Held again after an early `--include-future` build: its rendering waits.
                if let Some(old) = project.previous(&crate::article::slug_of(source)) {
                    cache.keep(old.voice_id.as_deref().unwrap_or_default(), &old.segments);
                }
            }
            Outcome::Failed { source, .. } => {
                if let Some(old) = project.previous(&crate::article::slug_of(source)) {
                    log(&format!(
                        "keeping the previously published episode of {}",
                        layout.rel(source)
                    ));
                    cache.keep(old.voice_id.as_deref().unwrap_or_default(), &old.segments);
                    if let Some(info) = old.info {
                        infos.push(info);
                    }
                }
            }
        }
    }
    // Numbers are given once, when an episode is first published for good (not early, by
    // `--include-future`), in date order; the record is kept before the feed that shows them
    // is written.
    let mut new: Vec<&EpisodeInfo> = infos
        .iter()
        .filter(|i| published.number(&i.slug).is_none() && i.date <= today)
        .collect();
    new.sort_by(|a, b| a.date.cmp(&b.date).then(a.slug.cmp(&b.slug)));
    published.number_new(&new.iter().map(|i| i.slug.as_str()).collect::<Vec<_>>());
    for i in &mut infos {
        i.number = published.number(&i.slug);
    }
    published.save(&layout.published_file())?;
    let slugs: Vec<String> = outcomes
        .iter()
        .map(|(s, _)| crate::article::slug_of(s))
        .collect();
    let done = caught(|| publish::publish(project, &infos, &slugs, now))?;
    publish::fail_unlisted(project.layout, outcomes, done.unlisted);
    // Previews of articles still held keep their sentences; those published now go.
    let previews = preview::tidy(layout, &project.config, outcomes, cache)?;
    let pruned = cache.prune(retention)?;
    Ok((done.removed + previews, pruned))
}

/// Runs `f`, turning an internal error (a panic) into an error that says so.
pub(crate) fn caught<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|panic| {
        Err(anyhow::anyhow!(
            "devocast stopped on an internal error ({}); this is a bug, please report it",
            panic_text(panic.as_ref())
        ))
    })
}

/// What a panic said.
pub(crate) fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

/// What a build and a publish both start from, read once the project's lock is held.
struct Opened<'a> {
    plan: plan::Plan,
    /// Warnings about the project as a whole (settings, lexicon, skipped files).
    notes: Vec<String>,
    today: chrono::NaiveDate,
    project: episode::Project<'a>,
}

fn open(layout: &Layout, config: Config, now: chrono::DateTime<chrono::Utc>) -> Result<Opened<'_>> {
    let plan = plan::plan(layout)?;
    let mut notes = config.warnings.clone();
    notes.extend(crate::project::placeholders::warnings(&config, layout));
    notes.extend(crate::publish::words::warning(&config.podcast.language));
    let today = crate::publish::feed::today(&config.podcast, now);
    let project = episode::Project::load(layout, config)?;
    notes.extend(project.lexicon.warnings.iter().cloned());
    notes.extend(plan.notes.iter().cloned());
    Ok(Opened {
        plan,
        notes,
        today,
        project,
    })
}

/// `devocast publish`: writes the feed and index from the episodes the shards built, as the
/// last step of a whole build would. Every article must have a current manifest (built from
/// its present sources) or a recorded failure; otherwise nothing is published and the error
/// lists the articles no shard has built.
pub fn publish_shards(
    project_dir: &Path,
    options: &Options,
    log: &(dyn Fn(&str) + Sync),
) -> Result<Summary> {
    let started = Instant::now();
    let now = options.now.unwrap_or_else(chrono::Utc::now);
    let config = Config::load(project_dir)?;
    let layout = Layout::new(project_dir, &config)?;
    let _lock = lock::Lock::try_acquire(&layout.lock_file(), "the project")?;
    let Opened {
        plan,
        notes,
        today,
        project,
    } = open(&layout, config, now)?;
    let cache = SegmentCache::open(&layout.cache());
    let mut published = state::Published::load(&layout.published_file())?;

    let mut done: Vec<(PathBuf, Outcome)> = Vec::new();
    let mut missing: Vec<String> = Vec::new();
    let mut voices: std::collections::BTreeMap<String, voice_rule::Narrator> = Default::default();
    let mut languages: std::collections::BTreeMap<_, std::collections::BTreeMap<_, _>> =
        Default::default();
    for path in &plan.articles {
        // One article's internal error fails that article alone, as in a build.
        let settled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            shard::settled(&project, path, &mut published, today, options)
        }))
        .unwrap_or_else(|panic| {
            let error = anyhow::anyhow!(
                "`{}`: devocast stopped on an internal error ({}); this is a bug, please report it with the article",
                layout.rel(path),
                panic_text(panic.as_ref())
            );
            let source = path.clone();
            Some((Outcome::Failed { source, error }, None))
        });
        match settled {
            Some((outcome, state)) => {
                if let (Outcome::Unchanged { info, .. }, Some(state)) = (&outcome, state) {
                    let id = state.voice_id.unwrap_or_default();
                    cache.keep(&id, &state.segments);
                    // An article read by its language's narrator is held to that language's.
                    let group = match state.language {
                        Some(tag) => languages.entry(tag).or_default(),
                        None => &mut voices,
                    };
                    let entry = group.entry(id).or_insert_with(|| voice_rule::Narrator {
                        voice: state.voice.unwrap_or_default(),
                        identity: state.voice_identity,
                        slugs: Vec::new(),
                    });
                    entry.slugs.push(info.slug.clone());
                }
                done.push((path.clone(), outcome));
            }
            None => missing.push(layout.rel(path)),
        }
    }
    if !missing.is_empty() {
        anyhow::bail!(
            "nothing published: {} no current build (the shard that builds {} did not finish, or the article changed since): {}; run the missing shards again (same N), or `devocast build` here",
            crate::text::plural(missing.len(), "article has", "articles have"),
            if missing.len() == 1 { "it" } else { "them" },
            missing.join(", ")
        );
    }
    let voice_change = voice_rule::for_publish(&voices, &mut published, &project.config, options)?;
    voice_rule::for_publish_languages(&languages, &mut published, &project.config, options)?;
    if let Some(line) = &voice_change {
        log(line);
    }
    for (source, error) in plan.refused {
        done.push((source.clone(), Outcome::Failed { source, error }));
    }
    done.sort_by(|a, b| a.0.cmp(&b.0));
    let narrating: Vec<String> = voices
        .keys()
        .chain(languages.values().flat_map(|v| v.keys()))
        .cloned()
        .collect();
    let retention = cache::Retention {
        now,
        keep_days: project.config.cache.keep_days,
        narrating: &narrating,
    };
    let (removed, pruned) = finish(&project, &cache, &mut published, &mut done, &retention, log)?;
    Ok(Summary {
        voice: voices
            .into_values()
            .next()
            .map_or_else(|| "no episode".to_string(), |v| v.voice),
        outcomes: done.into_iter().map(|(_, o)| o).collect(),
        notes,
        voice_change,
        synthesized: 0,
        pruned,
        removed,
        feed: layout.output.join(crate::publish::feed::FEED_FILE),
        run: Run::Publish,
        seconds: started.elapsed().as_secs_f64(),
    })
}
