//! One article through every stage: read, script, narrate, mix and master, encode, and the
//! episode's published files written under content-hashed names, recorded in its manifest
//! before they are written.

use super::artwork::Artwork;
pub use super::inputs::Project;
use super::narrators::Reading;
use super::{Held, Options, Outcome};
use crate::article::{self, Article};
use crate::audio::{frames_to_ms, Pcm};
use crate::cache::{CachedVoice, SegmentCache};
use crate::config::Config;
use crate::encode::{self, TagChapter, Tags};
use crate::fsutil::{write_atomic, write_if_changed};
use crate::project::read_article;
use crate::project::state::{EpisodeState, Published};
use crate::publish::{chapters, content_name, epub, page, transcript, EpisodeInfo};
use crate::render::{self, Rendered};
use crate::script;
use crate::speech::lexicon::Lexicon;
use crate::speech::normalize::Reader;
use crate::voice::Voice;
use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Everything an episode build needs, set up once per build.
pub struct Context<'a> {
    /// The shared inputs.
    pub project: Project<'a>,
    /// The narrating voice.
    pub voice: Box<dyn Voice>,
    /// The voices of parts with one of their own (`[voices.*]`): empty when the narrator
    /// reads everything. Roles with the same settings share one voice.
    pub readers: Vec<(crate::config::Role, std::sync::Arc<dyn Voice>)>,
    /// The narrators of articles in other languages than the podcast's (see
    /// [`super::narrators`]): empty when the narrator reads every article.
    pub languages: super::narrators::ByLanguage,
    /// Synthesized sentences.
    pub cache: SegmentCache,
    /// The build's options.
    pub options: Options,
    /// Publication dates of undated articles.
    pub published: Mutex<Published>,
    /// Sentences synthesized so far.
    pub synthesized: AtomicUsize,
    /// The podcast's date when the build started (in its time zone).
    pub today: NaiveDate,
}

impl<'a> std::ops::Deref for Context<'a> {
    type Target = Project<'a>;
    fn deref(&self) -> &Project<'a> {
        &self.project
    }
}

/// "Morning Manna. Rest for the Weary. November 8, 2026."
fn announcement(config: &Config, article: &Article, date: NaiveDate) -> Option<String> {
    config.production.announce.then(|| {
        format!(
            "{}. {}. {}.",
            config.podcast.title.trim_end_matches('.'),
            article.title.trim_end_matches(['.', '!', '?']),
            script::reading_language(config, article).date(date)
        )
    })
}

/// The script of an article as the build speaks it: the project's pauses and lexicon, and
/// the announcement when configured. Shared by the build and `devocast script`, so the
/// proofreading view is exactly what is rendered.
pub fn script_for(
    config: &Config,
    lexicon: &Lexicon,
    phonemes: bool,
    article: &Article,
    date: NaiveDate,
) -> script::Script {
    script::build(
        article,
        &script::Settings::of(config, announcement(config, article, date)),
        &mut Reader::new(lexicon, phonemes).in_language(script::reading_language(config, article)),
    )
}

/// Under `--strict`, warnings (a hymn without a recording) fail the episode.
fn strict_check(options: &Options, path: &Path, warnings: &[String]) -> Result<()> {
    if options.strict && !warnings.is_empty() {
        anyhow::bail!("`{}`: --strict: {}", path.display(), warnings.join("; "));
    }
    Ok(())
}

/// The bytes of one episode's files, each with its name in the output folder.
pub(super) struct Written {
    /// What the feed would list.
    pub info: EpisodeInfo,
    /// Media and data files, content-named: written once, never overwritten.
    pub media: Vec<(String, Vec<u8>)>,
    /// The page, at its stable name.
    pub page: Vec<u8>,
    /// The talking book, at its stable name.
    pub book: Option<Vec<u8>>,
    /// The WAV master, if configured.
    pub wav: Option<Vec<u8>>,
}

/// An episode made in memory: its files, its warnings, and the cache keys of its sentences.
pub(super) struct Produced {
    pub written: Written,
    pub warnings: Vec<String>,
    pub segments: Vec<String>,
}

/// How an episode's media files are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Names {
    /// `<slug>.<hash>.<suffix>`: published files, never overwritten while a feed names them.
    Content,
    /// `<slug>.<suffix>`: a preview's, replaced by the next preview (no feed names them).
    Stable,
}

impl Names {
    fn of(self, slug: &str, suffix: &str, bytes: &[u8]) -> String {
        match self {
            Names::Content => content_name(slug, suffix, bytes),
            Names::Stable => format!("{slug}.{suffix}"),
        }
    }
}

impl Context<'_> {
    /// The hash of everything an episode's outputs depend on: its sources and the voices
    /// that read it.
    pub(super) fn input_hash(&self, source_hash: &str, reading: &Reading) -> String {
        let mut h = blake3::Hasher::new();
        h.update(source_hash.as_bytes());
        h.update(&[0]);
        h.update(reading.narrator.id().as_bytes());
        // Other readers only when there are some: a narrator alone hashes as before.
        for (role, voice) in &reading.readers {
            h.update(&[0]);
            h.update(role.key().as_bytes());
            h.update(voice.id().as_bytes());
        }
        h.finalize().to_hex().to_string()
    }

    /// One article through every stage, unless nothing it depends on changed. A panic in
    /// any stage fails this episode only. A failure is recorded in the episode's manifest
    /// with the sources it failed on, so `devocast publish` can tell it from a shard that
    /// never ran.
    pub fn episode(&self, path: &Path) -> Outcome {
        let mut attempt: Option<(String, NaiveDate)> = None;
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.try_episode(path, &mut attempt)
        }));
        let outcome = Self::outcome(path, result);
        if let (Outcome::Failed { error, .. }, Some((source_hash, date))) = (&outcome, attempt) {
            // Best effort, and caught too: without the record, publish reports the episode
            // as not built.
            let _ = super::caught(|| {
                let slug = article::slug_of(path);
                let mut state = EpisodeState::load(self.layout, &slug).unwrap_or_default();
                state.failure = Some(crate::project::state::Failure {
                    source_hash,
                    date,
                    error: format!("{error:#}"),
                });
                state.save(self.layout, &slug)
            });
        }
        outcome
    }

    fn outcome(path: &Path, result: std::thread::Result<Result<Outcome>>) -> Outcome {
        match result {
            Ok(Ok(o)) => o,
            Ok(Err(error)) => Outcome::Failed {
                source: path.to_path_buf(),
                error,
            },
            Err(panic) => {
                let what = super::panic_text(panic.as_ref());
                Outcome::Failed {
                    source: path.to_path_buf(),
                    error: anyhow::anyhow!(
                        "`{}`: devocast stopped on an internal error ({what}); this is a bug, please report it with the article",
                        path.display()
                    ),
                }
            }
        }
    }

    fn try_episode(
        &self,
        path: &Path,
        attempt: &mut Option<(String, NaiveDate)>,
    ) -> Result<Outcome> {
        let article = read_article(path)?;
        // Before a date is given: a draft takes none.
        if let Some(why) = &article.draft {
            return Ok(Outcome::Held {
                source: path.to_path_buf(),
                why: Held::Draft(why.clone()),
            });
        }
        let date = match article.date {
            Some(d) => d,
            None => self
                .published
                .lock()
                .map_err(|_| anyhow::anyhow!("lock poisoned"))?
                .date_for(&article.slug, self.today),
        };
        if let Some(why) = Held::of(&article, date, self.today, &self.options) {
            return Ok(Outcome::Held {
                source: path.to_path_buf(),
                why,
            });
        }
        let reading = self.reading(&article);
        let script = script_for(
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
        *attempt = Some((source_hash.clone(), date));
        let input_hash = self.input_hash(&source_hash, &reading);
        let mut old = EpisodeState::load(self.layout, &article.slug)
            .map(|s| s.adopt_legacy(self.layout, &article.slug))
            .unwrap_or_default();
        if !self.options.force
            && old.input_hash.as_deref() == Some(input_hash.as_str())
            && self.intact(&old)
        {
            if old.failure.take().is_some() {
                // The article is back to what last built: the failure is history.
                old.save(self.layout, &article.slug)?;
            }
            if let Some(info) = old.info {
                strict_check(&self.options, path, &old.warnings)?;
                self.cache.keep(&reading.narrator.id(), &old.segments);
                return Ok(Outcome::Unchanged {
                    info: Box::new(info),
                    warnings: old.warnings,
                });
            }
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
            Names::Content,
        )?;

        // The manifest names the new files before they exist, so a crash at any point leaves
        // nothing devocast cannot find again.
        let slug = &article.slug;
        let out = &self.layout.output;
        let wav_path = self.layout.masters.join(format!("{slug}.wav"));
        let mut state = old;
        state.files.extend(
            written
                .media
                .iter()
                .map(|(n, _)| self.layout.rel(&out.join(n))),
        );
        state
            .files
            .insert(self.layout.rel(&out.join(&written.info.page)));
        if written.wav.is_some() {
            state.files.insert(self.layout.rel(&wav_path));
        }
        if let Some(name) = &written.info.epub {
            state.files.insert(self.layout.rel(&out.join(name)));
        }
        state
            .save(self.layout, slug)
            .with_context(|| format!("failed to record the episode for `{}`", path.display()))?;
        for (name, bytes) in &written.media {
            let p = out.join(name);
            // Same name, same content: a file already there is this very file.
            if std::fs::metadata(&p).is_ok_and(|m| m.len() == bytes.len() as u64) {
                continue;
            }
            write_atomic(&p, bytes)?;
        }
        if let Some(wav) = &written.wav {
            write_atomic(&wav_path, wav)?;
        }
        if let (Some(name), Some(bytes)) = (&written.info.epub, &written.book) {
            write_if_changed(&out.join(name), bytes)?;
        }
        write_if_changed(&out.join(&written.info.page), &written.page)?;
        state.input_hash = Some(input_hash);
        state.source_hash = Some(source_hash);
        state.voice = Some(reading.narrator.describe());
        state.voice_id = Some(reading.narrator.id());
        state.voice_identity = Some(reading.narrator.identity());
        state.language = reading.language.clone();
        state.failure = None;
        state.info = Some(written.info.clone());
        state.page_hash = Some(blake3::hash(&written.page).to_hex().to_string());
        state.segments = segments;
        state.warnings = warnings.clone();
        state
            .save(self.layout, slug)
            .with_context(|| format!("failed to record the episode for `{}`", path.display()))?;
        Ok(Outcome::Built {
            info: Box::new(written.info),
            warnings,
        })
    }

    /// Narrates (through the cache), renders, masters and formats an episode, in memory:
    /// what a build publishes and a preview shows alike, named as `names` says.
    pub(super) fn produce(
        &self,
        path: &Path,
        article: &Article,
        (artwork, artwork_warning): (Option<&Artwork>, Option<String>),
        script: &script::Script,
        date: NaiveDate,
        names: Names,
    ) -> Result<Produced> {
        let reading = self.reading(article);
        let voice = CachedVoice::new(reading.narrator, &self.cache);
        let cached: Vec<(crate::config::Role, CachedVoice)> = reading
            .readers
            .iter()
            .map(|(r, v)| (*r, CachedVoice::new(v.as_ref(), &self.cache)))
            .collect();
        let readers: Vec<(crate::config::Role, &dyn Voice)> =
            cached.iter().map(|(r, v)| (*r, v as &dyn Voice)).collect();
        let ctx = render::Context {
            voice: &voice,
            readers: &readers,
            library: &self.library,
            production: &self.config.production,
            rate: self.config.audio.sample_rate,
            channels: self.config.audio.channels,
            project: &self.layout.root,
            // Devocast's word, in the podcast's language like every other it shows; the pages
            // keep it outside the article's language mark.
            continued: crate::publish::words::of(&self.config.podcast.language).continued,
            music: crate::publish::words::of(&self.config.podcast.language).music,
        };
        // Synthesize every sentence first, in parallel; rendering then reads them from memory.
        let new = super::cast::prefetch(&voice, &cached, &render::speech_by_reader(script, &ctx))
            .with_context(|| format!("failed to narrate `{}`", path.display()))?;
        self.synthesized.fetch_add(new, Ordering::SeqCst);
        let rendered = render::render(script, &ctx)
            .with_context(|| format!("failed to render `{}`", path.display()))?;
        let mut warnings: Vec<String> = article.warnings.clone();
        warnings.extend(artwork_warning);
        let file = self.layout.rel(path);
        warnings.extend(super::language::warnings(
            &self.config,
            article,
            &file,
            reading.narrator,
        ));
        warnings.extend(rendered.warnings.iter().map(|w| w.message.clone()));
        strict_check(&self.options, path, &warnings)?;
        let master = master(rendered, &self.config)?;
        let written = self
            .outputs(article, artwork, script, date, &master, names)
            .with_context(|| format!("failed to write the episode for `{}`", path.display()))?;
        let mut segments = voice.keys.into_inner().unwrap_or_default();
        for (_, c) in cached {
            segments.extend(c.keys.into_inner().unwrap_or_default());
        }
        segments.sort();
        segments.dedup();
        Ok(Produced {
            written,
            warnings,
            segments,
        })
    }

    /// Encodes and formats every file of the episode, in memory.
    fn outputs(
        &self,
        article: &Article,
        artwork: Option<&Artwork>,
        script: &script::Script,
        date: NaiveDate,
        master: &Master,
        names: Names,
    ) -> Result<Written> {
        let config = &self.config;
        let slug = &article.slug;
        let description = article.description();
        let tags = self.tags(article, artwork, date, &description, master);
        let (wav, mp3) = self.encode(master, &tags)?;
        let chapter_list: Vec<(f64, String)> = master
            .chapters
            .iter()
            .map(|c| (c.start as f64 / f64::from(master.pcm.rate), c.title.clone()))
            .collect();
        let chapters_json = chapters::json(&chapter_list).into_bytes();
        // Transcripts: what the article says, when it is heard.
        let reading = self.reading(article);
        let words = crate::publish::words::of(&config.podcast.language);
        let readers = super::cast::reader_names(words, &reading.readers, &master.sentences);
        let mut lines = timed_lines(master);
        for (line, name) in lines.iter_mut().zip(&readers) {
            line.reader = name.as_deref();
        }
        let timed: Vec<(f64, f64, String)> = lines
            .iter()
            .map(|l| (l.start, l.end, l.text.to_string()))
            .collect();
        let captions = transcript::voiced_captions(&timed, &readers);
        let vtt = transcript::vtt(&captions).into_bytes();
        let srt = transcript::srt(&captions).into_bytes();
        let mut info = EpisodeInfo {
            slug: slug.clone(),
            title: article.title.clone(),
            description,
            date,
            mp3: names.of(slug, "mp3", &mp3),
            mp3_bytes: mp3.len() as u64,
            seconds: master.pcm.seconds(),
            chapters_file: names.of(slug, "chapters.json", &chapters_json),
            chapters: chapter_list,
            transcript_vtt: names.of(slug, "vtt", &vtt),
            transcript_srt: names.of(slug, "srt", &srt),
            page: format!("{slug}.html"),
            scripture: super::mentions::scripture_in(
                script,
                script::reading_language(config, article),
            ),
            hymns: super::mentions::hymns_in(script, &self.library, &config.podcast.language),
            transcript_html: None,
            epub: config.book.epub.then(|| format!("{slug}.epub")),
            number: None,
            author: article.author(),
            authors: article.authors.clone(),
            keywords: article.keywords.clone(),
            image: artwork.map(|a| a.reference().to_string()),
            link: article.link.clone(),
            language: article.language.clone(),
        };
        let transcript_html = page::transcript_page(
            &config.podcast.title,
            &config.podcast.language,
            &info,
            &lines,
        )
        .into_bytes();
        info.transcript_html = Some(names.of(slug, "transcript.html", &transcript_html));
        let book = self.talking_book(&info, article, artwork, &lines, &mp3)?;
        let html = page::episode_page(
            &config.podcast.title,
            &config.podcast.language,
            &info,
            &lines,
        );
        let mut media = vec![
            (info.mp3.clone(), mp3),
            (info.chapters_file.clone(), chapters_json),
            (info.transcript_vtt.clone(), vtt),
            (info.transcript_srt.clone(), srt),
            (
                info.transcript_html.clone().unwrap_or_default(),
                transcript_html,
            ),
        ];
        if let Some(Artwork::File {
            file_name, bytes, ..
        }) = artwork
        {
            media.push((file_name.clone(), bytes.clone()));
        }
        Ok(Written {
            media,
            page: html.into_bytes(),
            book,
            wav,
            info,
        })
    }

    /// The MP3's ID3 tags: the episode's names, its chapters in milliseconds, the cover.
    fn tags(
        &self,
        article: &Article,
        artwork: Option<&Artwork>,
        date: NaiveDate,
        description: &str,
        master: &Master,
    ) -> Tags {
        let config = &self.config;
        let rate = master.pcm.rate;
        let total_ms = frames_to_ms(master.pcm.frames(), rate) as u32;
        let chapters: Vec<TagChapter> = master
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
        Tags {
            title: article.title.clone(),
            // The article's writer where it names one: the voice reads their words.
            artist: article
                .author()
                .unwrap_or_else(|| config.podcast.author.clone()),
            album: config.podcast.title.clone(),
            date: Some(date.to_string()),
            genre: "Podcast".into(),
            comment: description.to_string(),
            chapters,
            cover: Some(match artwork {
                Some(Artwork::File { embedded, .. }) => ("image/jpeg".into(), embedded.clone()),
                _ => self.cover.embedded.clone(),
            }),
        }
    }

    /// The WAV master (when asked for) and the MP3.
    fn encode(&self, master: &Master, tags: &Tags) -> Result<(Option<Vec<u8>>, Vec<u8>)> {
        let audio = &self.config.audio;
        // The two are independent: encode them side by side.
        let (wav, mp3) = rayon::join(
            || {
                audio
                    .wav
                    .then(|| encode::wav::encode(&master.pcm))
                    .transpose()
            },
            || encode::mp3::encode(&master.pcm, &encode::mp3::Settings::from(audio), tags),
        );
        Ok((wav?, mp3?))
    }

    /// The episode's talking book, when books are on.
    fn talking_book(
        &self,
        info: &EpisodeInfo,
        article: &Article,
        artwork: Option<&Artwork>,
        lines: &[page::Line],
        mp3: &[u8],
    ) -> Result<Option<Vec<u8>>> {
        let config = &self.config;
        if !config.book.epub {
            return Ok(None);
        }
        let reading = self.reading(article);
        let book = epub::package(&epub::Book {
            episode: info,
            lines,
            mp3,
            cover_jpeg: match artwork {
                Some(Artwork::File { embedded, .. }) => embedded,
                _ => &self.cover.embedded.1,
            },
            podcast: &config.podcast.title,
            author: &article
                .author()
                .unwrap_or_else(|| config.podcast.author.clone()),
            lang: &config.podcast.language,
            guid: &crate::publish::feed::episode_guid(&config.podcast, &info.slug),
            narrator: &reading.narrator.describe(),
            readers: &super::cast::book_narrators(
                crate::publish::words::of(&config.podcast.language),
                &reading.readers,
            ),
        })?;
        Ok(Some(book))
    }
}

/// Every sentence the master holds, with its times in seconds and its place in the article.
fn timed_lines(master: &Master) -> Vec<page::Line<'_>> {
    let secs = |f: usize| f as f64 / f64::from(master.pcm.rate);
    master
        .sentences
        .iter()
        .map(|t| page::Line {
            start: secs(t.start),
            end: secs(t.end),
            text: &t.text_shown,
            part: t.part,
            reader: None,
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
/// MP3 listeners receive (not just the WAV) meets the loudness target: the encoder's loss is
/// measured here, where the encoder is known, and handed to mastering as a number.
pub fn master(rendered: Rendered, config: &Config) -> Result<Master> {
    use crate::audio::master;
    let mut pcm = rendered.pcm;
    let target = config.audio.target();
    let matched = master::match_levels(
        &mut pcm,
        &rendered.regions,
        config.production.music_offset_lu,
    )?;
    let loss = if matched.loudness.is_finite() {
        encode::mp3::loudness_loss(
            &pcm,
            target - matched.loudness,
            &encode::mp3::Settings::from(&config.audio),
        )?
    } else {
        0.0
    };
    let report = master::normalise(
        &mut pcm,
        matched,
        target,
        config.production.true_peak_dbtp,
        loss,
    )?;
    Ok(Master {
        pcm,
        chapters: rendered.chapters,
        sentences: rendered.sentences,
        loudness: report.result,
    })
}
