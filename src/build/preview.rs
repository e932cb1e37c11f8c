//! `devocast build --preview`: held articles (drafts and scheduled ones) built privately,
//! to be heard and read before their day.
//!
//! A preview goes through the build's own stages (script, the podcast's voice through the
//! cache, render, master, the page and book writers) into `<output>/preview/`, under stable
//! names (`preview/<slug>.mp3`, `.html`, `.epub`, …), with a `preview/index.html` listing
//! them. It never touches what is published: no feed or index lists it, it takes no episode
//! number, `published.toml` is not written, and no published file is changed or removed.
//! Its pages carry `noindex`.
//!
//! What each preview wrote, and the cache keys of its sentences, is recorded in
//! `.devocast/previews/<slug>.json`. A normal build ([`tidy`]) keeps the sentences of every
//! article still held, so the build on the day renders nothing again, and removes the
//! preview of an article that is published now or gone. `devocast clean` removes them all.

use super::episode::{self, Names, Produced};
use super::{Held, Options};
use crate::article;
use crate::cache::SegmentCache;
use crate::config::Config;
use crate::fsutil::{remove_file, write_if_changed};
use crate::project::layout::Layout;
use crate::project::{lock, read_article, state};
use crate::publish::{page, words, EpisodeInfo};
use crate::report::Report;
use crate::voice::Voice;
use anyhow::{Context as _, Result};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::Instant;

/// The folder previews are written to, inside the output folder.
pub const FOLDER: &str = "preview";

/// What one preview wrote (`.devocast/previews/<slug>.json`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Record {
    /// Hash of everything the preview depends on (as an episode's input hash).
    pub input_hash: String,
    /// Why the article was held when previewed, as the page says it.
    pub why: String,
    /// What its page shows.
    pub info: Option<EpisodeInfo>,
    /// Every file written for it, relative to the project; recorded before they are written.
    pub files: BTreeSet<String>,
    /// The voice that narrated it.
    pub voice_id: String,
    /// Cache keys of its sentences: kept while the article is held.
    pub segments: Vec<String>,
    /// Warnings it had.
    pub warnings: Vec<String>,
}

fn record_path(layout: &Layout, slug: &str) -> PathBuf {
    layout.state.join("previews").join(format!("{slug}.json"))
}

impl Record {
    /// The record of `slug`'s preview, if there is one.
    pub fn load(layout: &Layout, slug: &str) -> Option<Record> {
        let text = std::fs::read_to_string(record_path(layout, slug)).ok()?;
        serde_json::from_str(&text).ok()
    }

    fn save(&self, layout: &Layout, slug: &str) -> Result<()> {
        write_if_changed(
            &record_path(layout, slug),
            serde_json::to_string_pretty(self)?.as_bytes(),
        )?;
        Ok(())
    }

    /// Every slug with a preview recorded.
    pub fn slugs(layout: &Layout) -> Vec<String> {
        state::json_stems(&layout.state.join("previews"))
    }

    /// Whether every file it names is in place.
    fn intact(&self, layout: &Layout) -> bool {
        !self.files.is_empty() && self.files.iter().all(|f| layout.root.join(f).is_file())
    }
}

/// Why an article named to `--preview` was not previewed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotHeld {
    /// Published already, with this number (none when published early and not yet numbered).
    Published(Option<u32>),
    /// Due: the next build publishes it.
    Due,
    /// Taken out of the feed on its `expiryDate`.
    Expired(chrono::NaiveDate),
}

impl std::fmt::Display for NotHeld {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotHeld::Published(Some(n)) => write!(
                f,
                "published already (episode {n}): nothing to preview; `devocast build` updates its episode"
            ),
            NotHeld::Published(None) | NotHeld::Due => write!(
                f,
                "not held (no draft mark, dated today or earlier): nothing to preview; `devocast build` publishes it"
            ),
            NotHeld::Expired(d) => write!(
                f,
                "expired on {} (its `expiryDate`): nothing to preview",
                d.format("%B %-d, %Y")
            ),
        }
    }
}

/// The outcome of one article of a preview.
#[derive(Debug)]
pub enum Previewed {
    /// Previewed now.
    Built {
        /// The article.
        source: PathBuf,
        /// Why it is held.
        why: Held,
        /// Its preview page.
        page: PathBuf,
        /// Missing recordings and the like.
        warnings: Vec<String>,
    },
    /// Its preview is up to date.
    Unchanged {
        /// The article.
        source: PathBuf,
        /// Why it is held.
        why: Held,
        /// Its preview page.
        page: PathBuf,
    },
    /// Named on the command line, but not held: nothing to preview.
    NotHeld {
        /// The article.
        source: PathBuf,
        /// Why.
        why: NotHeld,
    },
    /// Failed; the error names the file.
    Failed {
        /// The article (or the name given).
        source: PathBuf,
        /// What went wrong.
        error: anyhow::Error,
    },
}

/// What a preview did.
#[derive(Debug)]
pub struct Summary {
    /// Which engine narrated.
    pub voice: String,
    /// Per article previewed or named, in file-name order.
    pub outcomes: Vec<Previewed>,
    /// Things the producer should know that belong to no one article.
    pub notes: Vec<String>,
    /// Sentences synthesized now (not taken from the cache).
    pub synthesized: usize,
    /// The preview folder.
    pub folder: PathBuf,
    /// Whether articles were named (`--preview FILE…`) rather than every held one.
    pub named: bool,
    /// Wall time.
    pub seconds: f64,
}

impl Summary {
    fn count(&self, f: impl Fn(&Previewed) -> bool) -> usize {
        self.outcomes.iter().filter(|o| f(o)).count()
    }
    /// Articles previewed now.
    pub fn built(&self) -> usize {
        self.count(|o| matches!(o, Previewed::Built { .. }))
    }
    /// Previews left as they were.
    pub fn unchanged(&self) -> usize {
        self.count(|o| matches!(o, Previewed::Unchanged { .. }))
    }
    /// Articles that failed, and articles named that have nothing to preview: the run did
    /// not do what was asked for them.
    pub fn failed(&self) -> usize {
        self.count(|o| matches!(o, Previewed::Failed { .. } | Previewed::NotHeld { .. }))
    }

    /// What to tell the producer: each article, then the totals and where to listen.
    pub fn report(&self, project: &Path) -> Report {
        let mut r = Report::default();
        let rel = |p: &Path| {
            p.strip_prefix(project)
                .unwrap_or(p)
                .to_string_lossy()
                .into_owned()
        };
        for note in &self.notes {
            r.err(format!("warning: {note}"));
        }
        for o in &self.outcomes {
            match o {
                Previewed::Built {
                    source,
                    why,
                    page,
                    warnings,
                } => {
                    r.out(format!("previewed {} ({why}): {}", rel(source), rel(page)));
                    for w in warnings {
                        r.err(format!("warning: {}: {w}", rel(source)));
                    }
                }
                Previewed::Unchanged { source, page, .. } => r.out(format!(
                    "preview up to date: {}: {}",
                    rel(source),
                    rel(page)
                )),
                Previewed::NotHeld { source, why } => r.err(format!("{}: {why}", rel(source))),
                Previewed::Failed { error, .. } => r.err(format!("error: {error:#}")),
            }
        }
        if self.outcomes.is_empty() {
            r.out("nothing to preview: no article is a draft or scheduled for a later day");
            return r;
        }
        r.out(format!(
            "preview: {} built, {} up to date, {} failed or not held; {} synthesized; {:.1} s",
            self.built(),
            self.unchanged(),
            self.failed(),
            crate::text::plural(self.synthesized, "sentence", "sentences"),
            self.seconds
        ));
        if self.built() + self.unchanged() > 0 {
            r.out(format!(
                "open {} in a browser, or run `devocast serve` and visit /{FOLDER}/ (never listed in the feed or the index)",
                rel(&self.folder.join(page::INDEX_FILE))
            ));
        }
        r
    }
}

/// Previews the held articles of `project` (or only `files`, when any are given) with the
/// podcast's voice; `log` receives one line per article.
pub fn preview(
    project: &Path,
    options: &Options,
    files: &[PathBuf],
    log: &(dyn Fn(&str) + Sync),
) -> Result<Summary> {
    // The voices a build would read them with: narrator, readers, each language's narrator.
    let (cast, notes) = super::narrators::open_cast(project, options, log)?;
    let mut summary = preview_with_voices(project, options, files, cast, log)?;
    summary.notes.splice(0..0, notes);
    Ok(summary)
}

/// [`preview`] with a given voice (tests pass one that counts its calls).
pub fn preview_with_voice(
    project: &Path,
    options: &Options,
    files: &[PathBuf],
    voice: Box<dyn Voice>,
    log: &(dyn Fn(&str) + Sync),
) -> Result<Summary> {
    let cast = super::narrators::Cast {
        narrator: voice,
        readers: Vec::new(),
        languages: Vec::new(),
    };
    preview_with_voices(project, options, files, cast, log)
}

/// [`preview`] with given voices.
pub fn preview_with_voices(
    project: &Path,
    options: &Options,
    files: &[PathBuf],
    cast: super::narrators::Cast,
    log: &(dyn Fn(&str) + Sync),
) -> Result<Summary> {
    let super::narrators::Cast {
        narrator: voice,
        readers,
        languages,
    } = cast;
    let started = Instant::now();
    let now = options.now.unwrap_or_else(chrono::Utc::now);
    let config = Config::load(project)?;
    let layout = Layout::new(project, &config)?;
    // It reads the build's state and writes its cache: one at a time with builds.
    let _lock = lock::Lock::try_acquire(&layout.lock_file(), "the project")?;
    let super::Opened {
        plan,
        notes,
        today,
        project,
    } = super::open(&layout, config, now)?;
    let line = super::narrators::voice_line(voice.as_ref(), &readers, &languages);
    log(&format!("voice: {line}"));
    // The podcast's voices, as a build would narrate; a preview records nothing.
    let published = state::Published::load(&layout.published_file())?;
    super::narrators::check_cast(
        &layout,
        &published,
        &project.config,
        voice.as_ref(),
        &readers,
        &languages,
        options,
    )?;
    let named = !files.is_empty();
    let (articles, mut outcomes) = if named {
        select(&layout, &project.config, &plan, files)
    } else {
        let refused = plan
            .refused
            .into_iter()
            .map(|(source, error)| Previewed::Failed { source, error });
        (plan.articles, refused.collect())
    };
    let ctx = episode::Context {
        cache: SegmentCache::open(&layout.cache()),
        published: std::sync::Mutex::new(published),
        synthesized: Default::default(),
        today,
        // Held is judged as by a build without `--include-future`.
        options: Options {
            include_future: false,
            ..options.clone()
        },
        project,
        voice,
        readers,
        languages,
    };
    let jobs = match options.jobs {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .context("failed to start worker threads")?;
    let done: Vec<Previewed> = pool.install(|| {
        articles
            .par_iter()
            .filter_map(|path| {
                let outcome = ctx.preview(path, named)?;
                log(&outcome_line(&layout, &outcome));
                Some(outcome)
            })
            .collect()
    });
    outcomes.extend(done);
    outcomes.sort_by(|a, b| source_of(a).cmp(source_of(b)));
    if outcomes
        .iter()
        .any(|o| matches!(o, Previewed::Built { .. }))
    {
        write_index(&layout, &ctx.config)?;
    }
    Ok(Summary {
        voice: ctx.voice.describe(),
        outcomes,
        notes,
        synthesized: ctx.synthesized.load(Ordering::SeqCst),
        folder: layout.output.join(FOLDER),
        named,
        seconds: started.elapsed().as_secs_f64(),
    })
}

fn source_of(o: &Previewed) -> &Path {
    match o {
        Previewed::Built { source, .. }
        | Previewed::Unchanged { source, .. }
        | Previewed::NotHeld { source, .. }
        | Previewed::Failed { source, .. } => source,
    }
}

/// One line of progress.
fn outcome_line(layout: &Layout, o: &Previewed) -> String {
    let source = layout.rel(source_of(o));
    match o {
        Previewed::Built { .. } => format!("previewed {source}"),
        Previewed::Unchanged { .. } => format!("preview up to date: {source}"),
        Previewed::NotHeld { .. } => format!("not held: {source}"),
        Previewed::Failed { .. } => format!("failed: {source}"),
    }
}

/// The project's articles that `files` name (a path as given, inside the project or its
/// articles folder, or an article's slug), each once; a name that is no article fails alone.
fn select(
    layout: &Layout,
    config: &Config,
    plan: &crate::project::plan::Plan,
    files: &[PathBuf],
) -> (Vec<PathBuf>, Vec<Previewed>) {
    let real = |p: &Path| std::fs::canonicalize(p).ok();
    let known: Vec<(PathBuf, Option<PathBuf>)> =
        plan.articles.iter().map(|a| (a.clone(), real(a))).collect();
    let mut chosen: Vec<PathBuf> = Vec::new();
    let mut failed = Vec::new();
    for given in files {
        let found = [
            given.clone(),
            layout.root.join(given),
            layout.episodes.join(given),
        ]
        .iter()
        .find_map(|p| real(p));
        let article = match &found {
            Some(r) => known.iter().find(|(_, k)| k.as_ref() == Some(r)),
            // Not a file: an article's name without its folder or extension.
            None => known
                .iter()
                .find(|(a, _)| article::slug_of(a) == article::slug_of(given)),
        };
        match article {
            Some((a, _)) => {
                if !chosen.contains(a) {
                    chosen.push(a.clone());
                }
            }
            None => {
                let refused = plan
                    .refused
                    .iter()
                    .find(|(r, _)| found.is_some() && real(r) == found);
                let error = match refused {
                    Some((_, e)) => anyhow::anyhow!("{e:#}"),
                    None => anyhow::anyhow!(
                        "`{}`: no such article in `{}` (give its file, or its name without the extension)",
                        given.display(),
                        config.podcast.episodes_dir.display()
                    ),
                };
                failed.push(Previewed::Failed {
                    source: given.clone(),
                    error,
                });
            }
        }
    }
    (chosen, failed)
}

impl episode::Context<'_> {
    /// One article's preview, or `None` for an article that is not held and was not named.
    /// A panic fails this article only.
    fn preview(&self, path: &Path, named: bool) -> Option<Previewed> {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.try_preview(path, named)
        }));
        match result {
            Ok(Ok(o)) => o,
            Ok(Err(error)) => Some(Previewed::Failed {
                source: path.to_path_buf(),
                error,
            }),
            Err(panic) => Some(Previewed::Failed {
                source: path.to_path_buf(),
                error: anyhow::anyhow!(
                    "`{}`: devocast stopped on an internal error ({}); this is a bug, please report it with the article",
                    path.display(),
                    super::panic_text(panic.as_ref())
                ),
            }),
        }
    }

    fn try_preview(&self, path: &Path, named: bool) -> Result<Option<Previewed>> {
        let article = read_article(path)?;
        let slug = article.slug.clone();
        let (date, number) = {
            let published = self
                .published
                .lock()
                .map_err(|_| anyhow::anyhow!("lock poisoned"))?;
            // An undated article's day is the one recorded, or today: nothing is recorded.
            let date = article
                .date
                .or_else(|| published.get(&slug))
                .unwrap_or(self.today);
            (date, published.number(&slug))
        };
        let why = match Held::of(&article, date, self.today, &self.options) {
            Some(why @ (Held::Draft(_) | Held::Scheduled(_))) => why,
            other if named => {
                let why = match other {
                    Some(Held::Expired(d)) => NotHeld::Expired(d),
                    _ if number.is_some() => NotHeld::Published(number),
                    _ if self.project.previous(&slug).is_some() => NotHeld::Published(None),
                    _ => NotHeld::Due,
                };
                let source = path.to_path_buf();
                return Ok(Some(Previewed::NotHeld { source, why }));
            }
            _ => return Ok(None),
        };
        let reading = self.reading(&article);
        let script = episode::script_for(
            &self.config,
            &self.lexicon,
            reading.narrator.accepts_phonemes(),
            &article,
            date,
        );
        let (artwork, artwork_warning) = match super::artwork::resolve(&article, &self.layout.root)
        {
            Ok(a) => (a, None),
            Err(w) => (None, Some(w)),
        };
        let source_hash = self.source_hash(path, &script, date, artwork.as_ref())?;
        let input_hash = self.input_hash(&source_hash, &reading);
        let folder = self.layout.output.join(FOLDER);
        let page_path = folder.join(format!("{slug}.html"));
        let old = Record::load(self.layout, &slug).unwrap_or_default();
        let note = note(&why, &self.config.podcast.language);
        if !self.options.force
            && old.input_hash == input_hash
            && old.why == note
            && old.intact(self.layout)
        {
            let source = path.to_path_buf();
            let page = page_path;
            return Ok(Some(Previewed::Unchanged { source, why, page }));
        }
        let Produced {
            written,
            warnings,
            segments,
        } = self.produce(
            path,
            &article,
            (artwork.as_ref(), artwork_warning),
            &script,
            date,
            Names::Stable,
        )?;
        let mut files: Vec<(String, Vec<u8>)> = written.media;
        files.push((written.info.page.clone(), written.page));
        if let (Some(name), Some(book)) = (&written.info.epub, written.book) {
            files.push((name.clone(), book));
        }
        for (name, bytes) in &mut files {
            if name.ends_with(".html") {
                let text = String::from_utf8_lossy(bytes);
                *bytes = page::preview_marked(&text, &note).into_bytes();
            }
        }
        let new: BTreeSet<String> = files
            .iter()
            .map(|(n, _)| self.layout.rel(&folder.join(n)))
            .collect();
        // Recorded before they are written, so `clean` finds whatever a crash leaves.
        let mut record = Record {
            input_hash,
            why: note,
            info: Some(written.info),
            files: old.files.union(&new).cloned().collect(),
            voice_id: reading.narrator.id(),
            segments,
            warnings: warnings.clone(),
        };
        record.save(self.layout, &slug)?;
        for (name, bytes) in &files {
            write_if_changed(&folder.join(name), bytes)?;
        }
        for gone in old.files.difference(&new) {
            remove_file(&self.layout.root.join(gone))?;
        }
        record.files = new;
        record.save(self.layout, &slug)?;
        Ok(Some(Previewed::Built {
            source: path.to_path_buf(),
            why,
            page: page_path,
            warnings,
        }))
    }
}

/// What a preview page says of why it is not published, in the podcast's language.
fn note(why: &Held, lang: &str) -> String {
    let w = words::of(lang);
    match why {
        Held::Draft(mark) => words::fill(w.held_draft, &[mark]),
        Held::Scheduled(d) => words::fill(w.held_scheduled, &[&w.date(*d)]),
        Held::Expired(d) => words::fill(w.held_expired, &[&w.date(*d)]),
    }
}

/// Writes `preview/index.html` listing the recorded previews, or removes it (and the
/// folder, once empty) when there are none.
fn write_index(layout: &Layout, config: &Config) -> Result<()> {
    let folder = layout.output.join(FOLDER);
    let previews: Vec<(EpisodeInfo, String)> = Record::slugs(layout)
        .iter()
        .filter_map(|s| Record::load(layout, s))
        .filter_map(|r| r.info.map(|i| (i, r.why)))
        .collect();
    let index = folder.join(page::INDEX_FILE);
    if previews.iter().any(|(i, _)| i.page == page::INDEX_FILE) {
        // An article named `index` has that page itself: the list gives way.
        return Ok(());
    }
    if previews.is_empty() {
        remove_file(&index)?;
        crate::fsutil::remove_stale_temp_files(&folder)?;
        if std::fs::read_dir(&folder).is_ok_and(|mut e| e.next().is_none()) {
            std::fs::remove_dir(&folder)
                .with_context(|| format!("failed to remove `{}`", folder.display()))?;
        }
        return Ok(());
    }
    let html = page::preview_index(&config.podcast.title, &config.podcast.language, &previews);
    write_if_changed(&index, html.as_bytes())?;
    Ok(())
}

/// After a build's publish: the previews of articles still held (or failing now) stay, and
/// their sentences are kept in the cache for the day they are published; the previews of
/// articles published now, or no longer in the project, are removed. Returns the files
/// removed. Touches nothing when there is no preview.
pub(super) fn tidy(
    layout: &Layout,
    config: &Config,
    outcomes: &[(PathBuf, super::Outcome)],
    cache: &SegmentCache,
) -> Result<usize> {
    let slugs = Record::slugs(layout);
    if slugs.is_empty() {
        return Ok(0);
    }
    let (mut removed, mut changed) = (0, false);
    for slug in slugs {
        let Some(record) = Record::load(layout, &slug) else {
            continue;
        };
        let outcome = outcomes
            .iter()
            .find(|(p, _)| article::slug_of(p) == slug)
            .map(|(_, o)| o);
        if let Some(super::Outcome::Held { .. } | super::Outcome::Failed { .. }) = outcome {
            cache.keep(&record.voice_id, &record.segments);
            continue;
        }
        for f in &record.files {
            removed += usize::from(remove_file(&layout.root.join(f))?);
        }
        remove_file(&record_path(layout, &slug))?;
        changed = true;
    }
    if changed {
        write_index(layout, config)?;
    }
    Ok(removed)
}

/// Every file the previews wrote, relative to the project (for `clean`), with the index.
pub fn files(layout: &Layout) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = Record::slugs(layout)
        .iter()
        .filter_map(|s| Record::load(layout, s))
        .flat_map(|r| r.files)
        .collect();
    if !out.is_empty() {
        out.insert(layout.rel(&layout.output.join(FOLDER).join(page::INDEX_FILE)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_pages_are_unlisted_and_say_why() {
        let episode = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Podcast feed\" href=\"feed.xml\">\n</head>\n<body>\n<main id=\"main\">\n<h1>T</h1>\n</main>\n</body>\n</html>\n";
        let transcript = episode.replace("<main id=\"main\">", "<main>");
        for html in [episode.to_string(), transcript] {
            let why = note(
                &Held::Scheduled(chrono::NaiveDate::from_ymd_opt(2030, 1, 2).unwrap()),
                "en",
            );
            let marked = page::preview_marked(&html, &why);
            let head = &marked[..marked.find("</head>").unwrap()];
            assert!(head.contains(page::NOINDEX), "{marked}");
            assert!(!marked.contains("feed.xml"), "{marked}");
            let body = &marked[marked.find("<main").unwrap()..];
            assert!(
                body.contains("Preview, not published.</strong> Scheduled for January 2, 2030.")
                    && body.find("Preview").unwrap() < body.find("<h1>").unwrap(),
                "{marked}"
            );
        }
    }

    #[test]
    fn a_draft_says_its_mark_and_a_published_article_its_number() {
        assert!(note(&Held::Draft("`status: pending`".into()), "en").contains("`status: pending`"));
        let said = NotHeld::Published(Some(12)).to_string();
        assert!(
            said.contains("published already (episode 12)") && said.contains("nothing to preview")
        );
        assert!(NotHeld::Due.to_string().contains("nothing to preview"));
    }
}
