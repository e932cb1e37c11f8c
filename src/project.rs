//! A whole podcast folder built as a readable list of steps.
//!
//! One bad article is reported and the others still build; every output is written to a
//! temporary file and renamed; the feed is written last, so an interrupted build leaves the
//! previous feed and the files it points at intact.

use crate::article::{self, Article};
use crate::audio::library::Library;
use crate::audio::{frames_to_ms, Pcm};
use crate::cache::{CachedVoice, SegmentCache};
use crate::config::Config;
use crate::encode::{self, TagChapter, Tags};
use crate::fsutil::{write_atomic, write_if_changed};
use crate::publish::{chapters, cover, feed, page, transcript, EpisodeInfo};
use crate::render::{self, Rendered};
use crate::script;
use crate::speech::lexicon::Lexicon;
use crate::speech::normalize::Reader;
use crate::voice::{self, Voice};
use anyhow::{Context, Result};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// Where the build keeps what it needs between runs (git-ignored).
pub const STATE_DIR: &str = ".devocast";
/// First-publication dates of articles without a date, kept with the project (commit it).
pub const PUBLISHED_FILE: &str = "published.toml";
/// Articles larger than this are refused: they would make episodes of many hours.
pub const MAX_ARTICLE_BYTES: u64 = 256 * 1024;

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
    /// Sentences synthesized now (not taken from the cache).
    pub synthesized: usize,
    /// Cache entries pruned.
    pub pruned: usize,
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
    /// All warnings, prefixed with the episode.
    pub fn warnings(&self) -> Vec<String> {
        self.outcomes
            .iter()
            .flat_map(|o| match o {
                Outcome::Built { info, warnings } | Outcome::Unchanged { info, warnings } => {
                    warnings
                        .iter()
                        .map(|w| format!("{}: {w}", info.slug))
                        .collect()
                }
                Outcome::Failed { .. } => Vec::new(),
            })
            .collect()
    }
    /// Total audio in the feed's episodes, seconds.
    pub fn audio_seconds(&self) -> f64 {
        self.outcomes
            .iter()
            .map(|o| match o {
                Outcome::Built { info, .. } | Outcome::Unchanged { info, .. } => info.seconds,
                Outcome::Failed { .. } => 0.0,
            })
            .sum()
    }
}

/// Lists article files in the episodes folder, sorted by name; hidden files are skipped.
pub fn episode_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let entries = std::fs::read_dir(dir).with_context(|| {
        format!(
            "failed to read the episodes folder `{}` (does it exist?)",
            dir.display()
        )
    })?;
    for entry in entries {
        let entry = entry.with_context(|| format!("failed to list `{}`", dir.display()))?;
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if !hidden && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Options of one build.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Treat warnings (a hymn without a recording) as failures.
    pub strict: bool,
    /// Rebuild every episode, ignoring what is recorded as up to date.
    pub force: bool,
    /// Episodes (and sentences) processed at once; 0 = one per core.
    pub jobs: usize,
}

/// What the last successful build of an episode recorded.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct EpisodeState {
    /// Hash of everything the episode's outputs depend on.
    input_hash: String,
    /// Cache keys of its sentences.
    segments: Vec<String>,
    /// Warnings it had.
    warnings: Vec<String>,
    /// What the feed lists.
    info: EpisodeInfo,
}

fn state_path(project: &Path, slug: &str) -> PathBuf {
    project
        .join(STATE_DIR)
        .join("episodes")
        .join(format!("{slug}.json"))
}

fn load_state(project: &Path, slug: &str) -> Option<EpisodeState> {
    serde_json::from_str(&std::fs::read_to_string(state_path(project, slug)).ok()?).ok()
}

/// Everything an episode build needs, set up once per build.
struct Build<'a> {
    project: &'a Path,
    config: Config,
    config_text: String,
    lexicon: Lexicon,
    lexicon_text: String,
    library: Library,
    voice: Box<dyn Voice>,
    cache: SegmentCache,
    out_dir: PathBuf,
    cover: Cover,
    options: Options,
    published: Mutex<Published>,
    synthesized: AtomicUsize,
}

/// Builds the podcast in `project` with the configured voice; `log` receives one line per
/// event (it may be called from several threads).
pub fn build(project: &Path, options: &Options, log: &(dyn Fn(&str) + Sync)) -> Result<Summary> {
    let config = Config::load(project)?;
    let voice = voice::open(&config.voice, project).context("failed to open the voice")?;
    build_with_voice(project, options, voice, log)
}

/// Builds the podcast with a given voice (tests use a fake one that counts its calls).
pub fn build_with_voice(
    project: &Path,
    options: &Options,
    voice: Box<dyn Voice>,
    log: &(dyn Fn(&str) + Sync),
) -> Result<Summary> {
    let started = Instant::now();
    let _lock = Lock::acquire(project)?;
    let config = Config::load(project)?;
    let config_text =
        std::fs::read_to_string(project.join(crate::config::FILE_NAME)).unwrap_or_default();
    let out_dir = project.join(&config.podcast.output_dir);
    let files = episode_files(&project.join(&config.podcast.episodes_dir))?;
    let lexicon = Lexicon::for_project(project)?;
    let lexicon_text = std::fs::read_to_string(project.join(crate::speech::lexicon::FILE_NAME))
        .unwrap_or_default();
    log(&format!("voice: {}", voice.describe()));
    let cover = Cover::load(project, &config)?;
    let b = Build {
        project,
        library: Library::new(project, &config),
        config,
        config_text,
        lexicon,
        lexicon_text,
        voice,
        cache: SegmentCache::open(project),
        out_dir,
        cover,
        options: options.clone(),
        published: Mutex::new(Published::load(project)?),
        synthesized: AtomicUsize::new(0),
    };

    let jobs = if options.jobs == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        options.jobs
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .context("failed to start worker threads")?;
    let progress = Progress::new(files.len(), log);
    let mut outcomes: Vec<Outcome> = pool.install(|| {
        files
            .par_iter()
            .map(|path| {
                let t = Instant::now();
                let outcome = b.episode(path);
                progress.done(&outcome, path, project, t.elapsed().as_secs_f64());
                outcome
            })
            .collect()
    });
    progress.finish();
    b.published
        .lock()
        .map_err(|_| anyhow::anyhow!("lock poisoned"))?
        .save(project)?;

    // Keep the previous item of an article that failed this time, if its files are still
    // published, so a typo never pulls an episode out of listeners' apps.
    let mut infos: Vec<EpisodeInfo> = Vec::new();
    for o in &mut outcomes {
        match o {
            Outcome::Built { info, .. } | Outcome::Unchanged { info, .. } => {
                infos.push((**info).clone())
            }
            Outcome::Failed { source, .. } => {
                if let Some(old) = previous_info(project, &article::slug_of(source), &b.out_dir) {
                    log(&format!(
                        "keeping the previously published {}",
                        old.info.mp3
                    ));
                    b.cache.keep(&old.segments);
                    infos.push(old.info);
                }
            }
        }
    }

    write_if_changed(&b.out_dir.join(&b.cover.file_name), &b.cover.bytes)?;
    let index = page::index_page(
        &b.config.podcast.title,
        &b.config.podcast.description,
        &b.config.podcast.language,
        &b.cover.file_name,
        &infos,
    );
    write_if_changed(&b.out_dir.join("index.html"), index.as_bytes())?;
    let xml = feed::render(&b.config.podcast, &b.cover.file_name, &infos)?;
    // The feed last: until here, apps still see the previous feed and its files.
    write_if_changed(&b.out_dir.join(feed::FEED_FILE), xml.as_bytes())?;
    let pruned = b.cache.prune()?;
    Ok(Summary {
        voice: b.voice.describe(),
        outcomes,
        synthesized: b.synthesized.load(Ordering::SeqCst),
        pruned,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// One line per finished episode, or a progress bar on a terminal.
struct Progress<'a> {
    bar: Option<indicatif::ProgressBar>,
    log: &'a (dyn Fn(&str) + Sync),
}

impl<'a> Progress<'a> {
    fn new(total: usize, log: &'a (dyn Fn(&str) + Sync)) -> Progress<'a> {
        use std::io::IsTerminal;
        let bar = std::io::stderr().is_terminal().then(|| {
            let b = indicatif::ProgressBar::new(total as u64);
            b.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} [{bar:30}] {pos}/{len} episodes  {msg}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            b.enable_steady_tick(std::time::Duration::from_millis(120));
            b
        });
        Progress { bar, log }
    }

    fn done(&self, o: &Outcome, path: &Path, project: &Path, secs: f64) {
        let line = match o {
            Outcome::Built { info, warnings } => {
                let mut l = format!(
                    "built     {} ({}, {} chapters) in {secs:.1} s",
                    info.mp3,
                    feed::hms(info.seconds),
                    info.chapters.len()
                );
                for w in warnings {
                    l.push_str(&format!("\nwarning {}: {w}", display(path, project)));
                }
                l
            }
            Outcome::Unchanged { info, .. } => format!("unchanged {}", info.mp3),
            Outcome::Failed { error, .. } => {
                format!("failed    {}: {error:#}", display(path, project))
            }
        };
        match &self.bar {
            Some(b) => {
                b.println(&line);
                b.inc(1);
                b.set_message(display(path, project));
            }
            None => (self.log)(&line),
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// A lock file so two builds of one project never write the same files at once. A lock left
/// by a process that no longer runs is taken over.
struct Lock {
    path: PathBuf,
}

impl Lock {
    fn acquire(project: &Path) -> Result<Lock> {
        let dir = project.join(STATE_DIR);
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("failed to create `{}`", dir.display()))?;
        let path = dir.join("build.lock");
        for _ in 0..2 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    use std::io::Write;
                    let _ = write!(f, "{}", std::process::id());
                    return Ok(Lock { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let pid: Option<u32> = std::fs::read_to_string(&path)
                        .ok()
                        .and_then(|s| s.trim().parse().ok());
                    let alive = pid.is_some_and(|p| {
                        Path::new(&format!("/proc/{p}")).exists()
                            || !Path::new("/proc/self").exists()
                    });
                    if alive {
                        anyhow::bail!(
                            "another devocast build (process {}) is running on this project; wait for it, or delete `{}` if it is gone",
                            pid.unwrap_or(0),
                            path.display()
                        );
                    }
                    // Stale: the process that held it has ended.
                    let _ = std::fs::remove_file(&path);
                }
                Err(e) => {
                    return Err(e).with_context(|| format!("failed to create `{}`", path.display()))
                }
            }
        }
        anyhow::bail!("could not take the build lock `{}`", path.display())
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn display(path: &Path, project: &Path) -> String {
    path.strip_prefix(project)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// "Morning Manna. Rest for the Weary. November 8, 2026."
fn announcement(config: &Config, article: &Article, date: NaiveDate) -> Option<String> {
    config.production.announce.then(|| {
        format!(
            "{}. {}. {}.",
            config.podcast.title.trim_end_matches('.'),
            article.title.trim_end_matches(['.', '!', '?']),
            date.format("%B %-d, %Y")
        )
    })
}

/// The script of an article as the build speaks it: the project's pauses and lexicon, and
/// the announcement when configured. Shared by the build and `devocast script`, so the
/// proofreading view is exactly what is rendered.
fn script_for(
    config: &Config,
    lexicon: &Lexicon,
    phonemes: bool,
    article: &Article,
    date: NaiveDate,
) -> script::Script {
    script::build(
        article,
        &config.pauses,
        &mut Reader::new(lexicon, phonemes),
        announcement(config, article, date).as_deref(),
    )
}

/// Under `--strict`, warnings (a hymn without a recording) fail the episode.
fn strict_check(options: &Options, path: &Path, warnings: &[String]) -> Result<()> {
    if options.strict && !warnings.is_empty() {
        anyhow::bail!("`{}`: --strict: {}", path.display(), warnings.join("; "));
    }
    Ok(())
}

/// Reads an article, refusing what cannot be one (wrong type, too large, no headings).
pub fn read_article(path: &Path) -> Result<Article> {
    if !article::is_article(path) {
        anyhow::bail!(
            "`{}` is not an article: devocast reads .txt, .md and .html files",
            path.display()
        );
    }
    let size = std::fs::metadata(path)
        .with_context(|| format!("failed to read `{}`", path.display()))?
        .len();
    if size > MAX_ARTICLE_BYTES {
        anyhow::bail!(
            "`{}` is {:.1} MB; devocast reads articles up to {} KB (about 40,000 words, several hours of audio): split it into episodes",
            path.display(),
            size as f64 / 1_048_576.0,
            MAX_ARTICLE_BYTES / 1024
        );
    }
    let a = article::load(path)?;
    if a.sections.iter().all(|s| s.heading.is_none()) {
        anyhow::bail!(
            "`{}` has no headings: add at least one heading (a bare Title Case line, or `## Heading` in Markdown) so listeners can move through the episode by chapter",
            path.display()
        );
    }
    Ok(a)
}

impl Build<'_> {
    /// The hash of everything an episode's outputs depend on.
    fn input_hash(&self, path: &Path, script: &script::Script, date: NaiveDate) -> Result<String> {
        let mut h = blake3::Hasher::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update(&crate::fsutil::read(path)?);
        for part in [
            &self.config_text,
            &self.lexicon_text,
            &self.voice.id(),
            &date.to_string(),
        ] {
            h.update(&[0]);
            h.update(part.as_bytes());
        }
        // Recordings it plays, by content.
        let mut clips: Vec<PathBuf> = script
            .cues
            .iter()
            .filter_map(|c| match c {
                script::Cue::Hymn {
                    number: Some(n), ..
                } => self.library.hymn(*n).map(|s| s.path),
                _ => None,
            })
            .collect();
        clips.extend(
            self.config
                .production
                .intro
                .iter()
                .chain(&self.config.production.outro)
                .map(|p| self.project.join(p)),
        );
        for c in clips {
            h.update(c.to_string_lossy().as_bytes());
            h.update(&std::fs::read(&c).unwrap_or_default());
        }
        h.update(&self.cover.bytes);
        Ok(h.finalize().to_hex().to_string())
    }

    /// One article through every stage, unless nothing it depends on changed.
    fn episode(&self, path: &Path) -> Outcome {
        match self.try_episode(path) {
            Ok(o) => o,
            Err(error) => Outcome::Failed {
                source: path.to_path_buf(),
                error,
            },
        }
    }

    fn try_episode(&self, path: &Path) -> Result<Outcome> {
        let article = read_article(path)?;
        let date = match article.date {
            Some(d) => d,
            None => self
                .published
                .lock()
                .map_err(|_| anyhow::anyhow!("lock poisoned"))?
                .date_for(&article.slug),
        };
        let script = script_for(
            &self.config,
            &self.lexicon,
            self.voice.accepts_phonemes(),
            &article,
            date,
        );
        let input_hash = self.input_hash(path, &script, date)?;
        if !self.options.force {
            if let Some(old) = load_state(self.project, &article.slug) {
                if old.input_hash == input_hash && outputs_intact(&old.info, &self.out_dir) {
                    strict_check(&self.options, path, &old.warnings)?;
                    self.cache.keep(&old.segments);
                    return Ok(Outcome::Unchanged {
                        info: Box::new(old.info),
                        warnings: old.warnings,
                    });
                }
            }
        }
        let voice = CachedVoice::new(self.voice.as_ref(), &self.cache);
        let ctx = render::Context {
            voice: &voice,
            library: &self.library,
            production: &self.config.production,
            rate: self.config.audio.sample_rate,
            channels: self.config.audio.channels,
            project: self.project,
        };
        // Synthesize every sentence first, in parallel; rendering then reads them from memory.
        let new = voice
            .prefetch(&render::texts_to_speak(&script, &ctx))
            .with_context(|| format!("failed to narrate `{}`", path.display()))?;
        self.synthesized.fetch_add(new, Ordering::SeqCst);
        let rendered = render::render(&script, &ctx)
            .with_context(|| format!("failed to render `{}`", path.display()))?;
        let warnings: Vec<String> = rendered
            .warnings
            .iter()
            .map(|w| w.message.clone())
            .collect();
        strict_check(&self.options, path, &warnings)?;
        let master = master(rendered, &self.config)?;
        let info = self
            .write_outputs(&article, &script, date, &master)
            .with_context(|| format!("failed to write the episode for `{}`", path.display()))?;
        let mut segments = voice.keys.into_inner().unwrap_or_default();
        segments.sort();
        segments.dedup();
        let state = EpisodeState {
            input_hash,
            segments,
            warnings: warnings.clone(),
            info: info.clone(),
        };
        write_if_changed(
            &state_path(self.project, &article.slug),
            serde_json::to_string_pretty(&state)?.as_bytes(),
        )?;
        Ok(Outcome::Built {
            info: Box::new(info),
            warnings,
        })
    }

    fn write_outputs(
        &self,
        article: &Article,
        script: &script::Script,
        date: NaiveDate,
        master: &Master,
    ) -> Result<EpisodeInfo> {
        let config = &self.config;
        let rate = master.pcm.rate;
        let total_ms = frames_to_ms(master.pcm.frames(), rate) as u32;
        let tag_chapters: Vec<TagChapter> = master
            .chapters
            .iter()
            .enumerate()
            .map(|(i, c)| TagChapter {
                start_ms: frames_to_ms(c.start, rate) as u32,
                end_ms: master
                    .chapters
                    .get(i + 1)
                    .map_or(total_ms, |n| frames_to_ms(n.start, rate) as u32),
                title: c.title.clone(),
            })
            .collect();
        let description = article.description();
        let tags = Tags {
            title: article.title.clone(),
            artist: config.podcast.author.clone(),
            album: config.podcast.title.clone(),
            date: Some(date.to_string()),
            genre: "Podcast".into(),
            comment: description.clone(),
            chapters: tag_chapters,
            cover: Some((self.cover.mime.clone(), self.cover.bytes.clone())),
        };
        let slug = &article.slug;
        // The WAV master and the MP3 are independent: encode them side by side.
        let (wav, mp3) = rayon::join(
            || {
                config
                    .audio
                    .wav
                    .then(|| encode::wav::encode(&master.pcm))
                    .transpose()
            },
            || {
                encode::mp3::encode(
                    &master.pcm,
                    &encode::mp3::Settings::from(&config.audio),
                    &tags,
                )
            },
        );
        if let Some(wav) = wav? {
            write_if_changed(&self.out_dir.join(format!("{slug}.wav")), &wav)?;
        }
        let mp3 = mp3?;
        let mp3_name = format!("{slug}.mp3");
        write_if_changed(&self.out_dir.join(&mp3_name), &mp3)?;
        let chapter_list: Vec<(f64, String)> = master
            .chapters
            .iter()
            .map(|c| (c.start as f64 / f64::from(rate), c.title.clone()))
            .collect();
        let chapters_file = format!("{slug}.chapters.json");
        write_if_changed(
            &self.out_dir.join(&chapters_file),
            chapters::json(&chapter_list).as_bytes(),
        )?;
        // Transcripts: what the article says, when it is heard.
        let secs = |f: usize| f as f64 / f64::from(rate);
        let timed: Vec<(f64, f64, String)> = master
            .sentences
            .iter()
            .map(|t| (secs(t.start), secs(t.end), t.text_shown.clone()))
            .collect();
        let captions = transcript::captions(&timed);
        let transcript_vtt = format!("{slug}.vtt");
        let transcript_srt = format!("{slug}.srt");
        write_if_changed(
            &self.out_dir.join(&transcript_vtt),
            transcript::vtt(&captions).as_bytes(),
        )?;
        write_if_changed(
            &self.out_dir.join(&transcript_srt),
            transcript::srt(&captions).as_bytes(),
        )?;
        let info = EpisodeInfo {
            slug: slug.clone(),
            title: article.title.clone(),
            description,
            date,
            mp3: mp3_name,
            mp3_bytes: mp3.len() as u64,
            seconds: master.pcm.seconds(),
            chapters_file,
            chapters: chapter_list,
            transcript_vtt,
            transcript_srt,
            page: format!("{slug}.html"),
            scripture: scripture_in(script),
            hymns: hymns_in(script, &self.library),
        };
        let lines: Vec<page::Line> = timed
            .iter()
            .map(|(start, _, text)| page::Line {
                start: *start,
                text,
            })
            .collect();
        let html = page::episode_page(
            &config.podcast.title,
            &config.podcast.language,
            &info,
            &lines,
        );
        write_if_changed(&self.out_dir.join(&info.page), html.as_bytes())?;
        Ok(info)
    }
}

/// Bible references the episode reads, as the article writes them, first mention first.
fn scripture_in(script: &script::Script) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for cue in script.spoken() {
        if let script::Cue::Speak { text_shown, .. } = cue {
            for f in crate::speech::bible::find_all(text_shown) {
                let r = text_shown[f.start..f.end].to_string();
                if !out.contains(&r) {
                    out.push(r);
                }
            }
        }
    }
    out
}

/// Hymns in the episode, and whether a recording plays or the words are read.
fn hymns_in(script: &script::Script, library: &Library) -> Vec<String> {
    script
        .cues
        .iter()
        .filter_map(|c| match c {
            script::Cue::Hymn {
                number,
                title,
                fallback,
            } => {
                let recorded = number.is_some_and(|n| library.hymn(n).is_some());
                match (recorded, fallback.is_empty()) {
                    (true, _) => Some(format!("{title} (recording)")),
                    (false, false) => Some(format!("{title} (read)")),
                    (false, true) => None,
                }
            }
            _ => None,
        })
        .collect()
}

/// Mixed, loudness-normalised episode audio with its chapters.
pub struct Master {
    /// Episode audio in the output format.
    pub pcm: Pcm,
    /// Chapter starts in frames.
    pub chapters: Vec<render::Chapter>,
    /// Sentence times in frames.
    pub sentences: Vec<render::Timed>,
    /// Loudness measured after mastering.
    pub loudness: crate::audio::loudness::Loudness,
}

/// Level-matches the recordings, normalises loudness and limits the true peak, so that the
/// MP3 listeners receive (not just the WAV) meets the loudness target.
pub fn master(rendered: Rendered, config: &Config) -> Result<Master> {
    let mut pcm = rendered.pcm;
    let settings = encode::mp3::Settings::from(&config.audio);
    let report = crate::audio::master::master(
        &mut pcm,
        &rendered.regions,
        config.audio.target(),
        config.production.true_peak_dbtp,
        config.production.music_offset_lu,
        &|p, g| encode::mp3::loudness_loss(p, g, &settings),
    )?;
    Ok(Master {
        pcm,
        chapters: rendered.chapters,
        sentences: rendered.sentences,
        loudness: report.result,
    })
}

/// Whether the files an episode published are all still there, unchanged in size.
fn outputs_intact(info: &EpisodeInfo, out_dir: &Path) -> bool {
    std::fs::metadata(out_dir.join(&info.mp3)).is_ok_and(|m| m.len() == info.mp3_bytes)
        && [
            &info.chapters_file,
            &info.transcript_vtt,
            &info.transcript_srt,
            &info.page,
        ]
        .iter()
        .all(|f| out_dir.join(f).is_file())
}

/// What was published for an article before, if its files are still in place.
fn previous_info(project: &Path, slug: &str, out_dir: &Path) -> Option<EpisodeState> {
    load_state(project, slug).filter(|s| outputs_intact(&s.info, out_dir))
}

/// The drawn cover, kept in the state folder so a no-op build does not draw it again.
fn generated_cover(project: &Path) -> Result<Vec<u8>> {
    let path = project
        .join(STATE_DIR)
        .join(format!("cover-{}.png", env!("CARGO_PKG_VERSION")));
    if let Ok(bytes) = std::fs::read(&path) {
        if cover::inspect(&bytes).is_ok() {
            return Ok(bytes);
        }
    }
    let bytes = cover::generate()?;
    write_atomic(&path, &bytes)?;
    Ok(bytes)
}

/// The podcast's cover: the configured image, or one devocast draws.
struct Cover {
    file_name: String,
    mime: String,
    bytes: Vec<u8>,
}

impl Cover {
    fn load(project: &Path, config: &Config) -> Result<Cover> {
        match &config.podcast.image {
            Some(image) => {
                let src = project.join(image);
                let bytes =
                    crate::fsutil::read(&src).context("the podcast image in devocast.toml")?;
                let (mime, ext, (w, h)) = cover::inspect(&bytes)
                    .with_context(|| format!("the podcast image `{}`", src.display()))?;
                if w != h || !(1400..=3000).contains(&w) {
                    anyhow::bail!(
                        "the podcast image `{}` is {w}×{h}: podcast apps need a square image of 1400–3000 pixels",
                        src.display()
                    );
                }
                Ok(Cover {
                    file_name: format!("cover.{ext}"),
                    mime: mime.into(),
                    bytes,
                })
            }
            None => Ok(Cover {
                file_name: "cover.png".into(),
                mime: "image/png".into(),
                bytes: generated_cover(project)?,
            }),
        }
    }
}

/// First-publication dates of undated articles, so their pubDate never moves on rebuild.
#[derive(Debug, Default)]
struct Published {
    dates: BTreeMap<String, NaiveDate>,
    changed: bool,
}

impl Published {
    fn load(project: &Path) -> Result<Published> {
        let path = project.join(PUBLISHED_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Published::default()),
            Err(e) => {
                return Err(e).with_context(|| format!("failed to read `{}`", path.display()))
            }
        };
        let raw: BTreeMap<String, String> =
            toml::from_str(&text).with_context(|| format!("`{}` is not valid", path.display()))?;
        let mut dates = BTreeMap::new();
        for (slug, d) in raw {
            let date = article::parse_date(&d).with_context(|| {
                format!(
                    "`{}`: {slug} = {d:?} is not a date like \"2026-11-26\"",
                    path.display()
                )
            })?;
            dates.insert(slug, date);
        }
        Ok(Published {
            dates,
            changed: false,
        })
    }

    fn date_for(&mut self, slug: &str) -> NaiveDate {
        *self.dates.entry(slug.to_string()).or_insert_with(|| {
            self.changed = true;
            chrono::Utc::now().date_naive()
        })
    }

    fn save(&self, project: &Path) -> Result<()> {
        if !self.changed {
            return Ok(());
        }
        let mut text = String::from(
            "# First-publication dates of articles that give no date (written by devocast).\n\
             # Keep this file with the project so episode dates never change on rebuild.\n",
        );
        for (slug, date) in &self.dates {
            text.push_str(&format!("{} = \"{date}\"\n", toml_key(slug)));
        }
        write_atomic(&project.join(PUBLISHED_FILE), text.as_bytes())
    }
}

fn toml_key(s: &str) -> String {
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        s.to_string()
    } else {
        format!("{:?}", s)
    }
}

/// The project folder an article belongs to: the nearest ancestor holding `devocast.toml`,
/// else the current folder.
pub fn project_of(file: &Path) -> PathBuf {
    let abs = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    abs.ancestors()
        .skip(1)
        .find(|d| d.join(crate::config::FILE_NAME).is_file())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// `devocast script`: an article's cues as text (or JSON), with the project's pauses and
/// lexicon, read for the engine the project would use.
pub fn script_text(file: &Path, json: bool) -> Result<String> {
    let project = project_of(file);
    let config = Config::load(&project)?;
    let lexicon = Lexicon::for_project(&project)?;
    let phonemes = voice::open(&config.voice, &project)
        .map(|v| v.accepts_phonemes())
        .unwrap_or(false);
    let article = article::load(file)?;
    let date = match article.date {
        Some(d) => d,
        None => Published::load(&project)?.date_for(&article.slug),
    };
    let script = script_for(&config, &lexicon, phonemes, &article, date);
    if json {
        return Ok(serde_json::to_string_pretty(&script)? + "\n");
    }
    let mut out = String::new();
    write_cues(&script.cues, "", &mut out);
    Ok(out)
}

fn write_cues(cues: &[script::Cue], indent: &str, out: &mut String) {
    use script::Cue;
    for cue in cues {
        match cue {
            Cue::Chapter { title } => out.push_str(&format!("{indent}chapter  {title}\n")),
            Cue::Pause { ms } => out.push_str(&format!("{indent}pause    {ms} ms\n")),
            Cue::Speak {
                text_shown,
                text_spoken,
                ..
            } => {
                out.push_str(&format!("{indent}speak    {text_spoken}\n"));
                if text_shown != text_spoken {
                    out.push_str(&format!("{indent}         (written: {text_shown})\n"));
                }
            }
            Cue::Hymn {
                number,
                title,
                fallback,
            } => {
                let n = number.map(|n| format!("#{n} ")).unwrap_or_default();
                let how = if fallback.is_empty() {
                    "recording only"
                } else {
                    "recording, or read aloud without one"
                };
                out.push_str(&format!("{indent}hymn     {n}{title} ({how})\n"));
                write_cues(fallback, &format!("{indent}  "), out);
            }
        }
    }
}
