//! Script → episode timeline: every sentence synthesized and resampled to the episode rate,
//! hymn recordings, intro and outro placed with their pauses, and the start of every chapter,
//! sentence and clip recorded in frames.

use crate::audio::library::Library;
use crate::audio::master::{Region, RegionKind};
use crate::audio::{self, Pcm};
use crate::config::{HymnPlacement, Production, Role};
use crate::script::{Cue, Part, PartKind, Script};
use crate::voice::Voice;
use anyhow::{Context as _, Result};

/// A chapter mark.
#[derive(Debug, Clone, PartialEq)]
pub struct Chapter {
    /// Start in frames at the episode rate.
    pub start: usize,
    /// Title as the article writes it.
    pub title: String,
}

/// A sentence (or hymn line, or hymn recording) and when it is heard.
#[derive(Debug, Clone, PartialEq)]
pub struct Timed {
    /// First frame.
    pub start: usize,
    /// One past the last frame.
    pub end: usize,
    /// What the article says (or "♪ title" for a recording).
    pub text_shown: String,
    /// Where it sits in the article (`None` for the intro and outro music).
    pub part: Option<Part>,
    /// Who read it (the narrator for music).
    pub reader: Role,
}

/// Something the producer should know about; `--strict` turns these into failures.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    /// The hymn number concerned, if any.
    pub hymn: Option<u32>,
    /// What happened and how to fix it.
    pub message: String,
}

/// The episode timeline before mastering.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// Audio at the episode rate and channel count.
    pub pcm: Pcm,
    /// Chapter starts, ascending.
    pub chapters: Vec<Chapter>,
    /// Sentence times, ascending.
    pub sentences: Vec<Timed>,
    /// Where recorded clips are (for level matching).
    pub regions: Vec<Region>,
    /// Missing recordings and the like.
    pub warnings: Vec<Warning>,
    /// Which voice (by id) read which stretch, for level matching between voices.
    pub spoken_by: Vec<(String, usize, usize)>,
}

/// What rendering needs besides the script.
pub struct Context<'a> {
    /// The narrating voice.
    pub voice: &'a dyn Voice,
    /// The voices of parts with one of their own (`[voices.*]`); the narrator reads the rest.
    pub readers: &'a [(Role, &'a dyn Voice)],
    /// Hymn, intro and outro recordings.
    pub library: &'a Library,
    /// Placement, gaps, intro and outro.
    pub production: &'a Production,
    /// Episode sample rate.
    pub rate: u32,
    /// Episode channels.
    pub channels: u16,
    /// The project folder (intro and outro paths are relative to it).
    pub project: &'a std::path::Path,
}

struct State<'a> {
    out: Rendered,
    ctx: &'a Context<'a>,
    /// The current section's title, to resume after a hymn's chapter.
    section: String,
    /// Set after a hymn chapter: the next speech starts "(continued)".
    resume: bool,
    /// Whether anything was spoken since the last chapter mark.
    spoken: bool,
    /// Frames of silence at the end so far: pauses that meet merge into the longest, so the
    /// gap around a recording is `hymn_gap_ms`, never that plus the paragraph's pause.
    silent_tail: usize,
}

/// The sentences rendering will ask the voice for, in order: hymn stanzas are included only
/// where they will be read (no recording, or placement "after"), and a hymn's announcement
/// only where its recording plays.
pub fn texts_to_speak<'s>(script: &'s Script, ctx: &Context) -> Vec<&'s str> {
    speech_by_reader(script, ctx)
        .into_iter()
        .map(|(_, t)| t)
        .collect()
}

/// [`texts_to_speak`], each with who reads it.
pub fn speech_by_reader<'s>(script: &'s Script, ctx: &Context) -> Vec<(Role, &'s str)> {
    fn walk<'s>(cues: &'s [Cue], ctx: &Context, out: &mut Vec<(Role, &'s str)>) {
        for c in cues {
            match c {
                Cue::Speak {
                    text_spoken,
                    reader,
                    ..
                } => out.push((*reader, text_spoken)),
                Cue::Hymn {
                    number,
                    announcement,
                    fallback,
                    ..
                } => {
                    let recorded = number.is_some_and(|n| ctx.library.hymn(n).is_some());
                    if !recorded || ctx.production.hymn_placement == HymnPlacement::After {
                        walk(fallback, ctx, out);
                    }
                    if recorded {
                        walk(announcement, ctx, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&script.cues, ctx, &mut out);
    out
}

/// Renders a script into the episode timeline.
pub fn render(script: &Script, ctx: &Context) -> Result<Rendered> {
    let mut st = State {
        out: Rendered {
            pcm: Pcm::new(ctx.rate, ctx.channels),
            chapters: Vec::new(),
            sentences: Vec::new(),
            regions: Vec::new(),
            warnings: Vec::new(),
            spoken_by: Vec::new(),
        },
        ctx,
        section: script.title.clone(),
        resume: false,
        spoken: false,
        silent_tail: 0,
    };
    if let Some(intro) = &ctx.production.intro {
        st.chapter(script.title.clone());
        st.clip(&ctx.project.join(intro), RegionKind::Intro, None)?;
        let end = st.out.pcm.frames();
        st.out.sentences.push(Timed {
            start: 0,
            end,
            text_shown: "♪ Opening music".into(),
            part: None,
            reader: Role::Narrator,
        });
        st.pause(ctx.production.hymn_gap_ms);
    }
    st.cues(&script.cues)?;
    crate::audio::readers::match_readers(&mut st.out.pcm, &st.out.spoken_by, &ctx.voice.id())?;
    if let Some(outro) = &ctx.production.outro {
        st.pause(ctx.production.hymn_gap_ms);
        let start = st.out.pcm.frames();
        st.clip(&ctx.project.join(outro), RegionKind::Outro, None)?;
        let end = st.out.pcm.frames();
        st.out.sentences.push(Timed {
            start,
            end,
            text_shown: "♪ Closing music".into(),
            part: None,
            reader: Role::Narrator,
        });
    }
    Ok(st.out)
}

impl Context<'_> {
    /// The voice that reads `role`'s sentences.
    pub fn voice_for(&self, role: Role) -> &dyn Voice {
        self.readers
            .iter()
            .find(|(r, _)| *r == role)
            .map_or(self.voice, |(_, v)| *v)
    }
}

impl State<'_> {
    fn pause(&mut self, ms: u32) {
        let frames = self.out.pcm.ms_to_frames(ms);
        if frames > self.silent_tail {
            self.out.pcm.push_silence(frames - self.silent_tail);
            self.silent_tail = frames;
        }
    }

    fn chapter(&mut self, title: String) {
        let start = self.out.pcm.frames();
        // The same title again with nothing spoken since (the intro's chapter, then the
        // article's first) is one chapter.
        if !self.spoken && self.out.chapters.last().is_some_and(|c| c.title == title) {
            return;
        }
        self.spoken = false;
        // Two marks at one instant (a heading right after the title) keep the later.
        if self.out.chapters.last().is_some_and(|c| c.start == start) {
            self.out.chapters.pop();
        }
        self.out.chapters.push(Chapter { start, title });
    }

    fn append(&mut self, pcm: &Pcm) {
        self.out.pcm.samples.extend_from_slice(&pcm.samples);
        self.silent_tail = 0;
    }

    fn speak(&mut self, shown: &str, spoken: &str, part: Part, reader: Role) -> Result<()> {
        if self.resume {
            self.resume = false;
            self.chapter(format!("{} (continued)", self.section));
        }
        let voice = self.ctx.voice_for(reader);
        let speech = voice
            .synthesize(spoken)
            .with_context(|| format!("the voice failed on {spoken:?}"))?;
        let trimmed = audio::trim_silence(&speech.samples, speech.rate);
        let mono = Pcm {
            rate: self.ctx.rate,
            channels: 1,
            samples: audio::resample(trimmed, 1, speech.rate, self.ctx.rate)?,
        };
        let start = self.out.pcm.frames();
        self.spoken = true;
        self.append(&mono.with_channels(self.ctx.channels));
        self.out.sentences.push(Timed {
            start,
            end: self.out.pcm.frames(),
            text_shown: shown.to_string(),
            part: Some(part),
            reader,
        });
        if !self.ctx.readers.is_empty() {
            let end = self.out.pcm.frames();
            self.out.spoken_by.push((voice.id(), start, end));
        }
        Ok(())
    }

    fn clip(
        &mut self,
        path: &std::path::Path,
        kind: RegionKind,
        spec: Option<crate::audio::library::ClipSpec>,
    ) -> Result<()> {
        let spec = spec.unwrap_or_else(|| self.ctx.library.plain(path.to_path_buf()));
        let prepared = self.ctx.library.prepare(&spec)?;
        for w in &prepared.warnings {
            self.out.warnings.push(Warning {
                hymn: None,
                message: w.clone(),
            });
        }
        let start = self.out.pcm.frames();
        self.append(&prepared.pcm);
        self.out.regions.push(Region {
            start,
            end: self.out.pcm.frames(),
            kind,
        });
        Ok(())
    }

    fn cues(&mut self, cues: &[Cue]) -> Result<()> {
        for cue in cues {
            match cue {
                Cue::Chapter { title } => {
                    self.section = title.clone();
                    self.resume = false;
                    self.chapter(title.clone());
                }
                Cue::Pause { ms } => self.pause(*ms),
                Cue::Speak {
                    text_shown,
                    text_spoken,
                    part,
                    reader,
                    ..
                } => self.speak(text_shown, text_spoken, *part, *reader)?,
                Cue::Hymn {
                    number,
                    title,
                    announcement,
                    fallback,
                } => self.hymn(*number, title, announcement, fallback)?,
            }
        }
        Ok(())
    }

    /// A hymn: its recording, named by its announcement, or without one its stanza read
    /// aloud and a warning (one per hymn, however often it is cited).
    fn hymn(
        &mut self,
        number: Option<u32>,
        title: &str,
        announcement: &[Cue],
        fallback: &[Cue],
    ) -> Result<()> {
        let spec = number.and_then(|n| self.ctx.library.hymn(n));
        let Some(spec) = spec else {
            if let Some(n) =
                number.filter(|n| !self.out.warnings.iter().any(|w| w.hymn == Some(*n)))
            {
                self.out.warnings.push(Warning {
                    hymn: Some(n),
                    message: self.ctx.library.search_description(n),
                });
            }
            if !fallback.is_empty() {
                // Never silent: the stanza is read aloud, under its own chapter.
                self.chapter(title.to_string());
                self.cues_in_hymn(fallback)?;
                self.resume = true;
            }
            return Ok(());
        };
        let title = spec.title.clone().unwrap_or_else(|| title.to_string());
        self.chapter(title.clone());
        if self.ctx.production.hymn_placement == HymnPlacement::After && !fallback.is_empty() {
            self.cues_in_hymn(fallback)?;
        }
        // The listener hears what is about to be sung before it starts.
        self.cues_in_hymn(announcement)?;
        self.pause(self.ctx.production.hymn_gap_ms);
        let start = self.out.pcm.frames();
        self.clip(&spec.path.clone(), RegionKind::Hymn, Some(spec))?;
        let end = self.out.pcm.frames();
        let read_aloud = self.ctx.production.hymn_placement == HymnPlacement::After;
        self.recording_lines(&title, fallback, start, end, read_aloud);
        self.pause(self.ctx.production.hymn_gap_ms);
        self.resume = true;
        Ok(())
    }

    /// Transcript lines for a recording: its title, then (when the recording replaces the
    /// stanza) the stanza's words, the recording's time shared among them by length, so
    /// the words are never lost from transcripts and pages.
    fn recording_lines(
        &mut self,
        title: &str,
        fallback: &[Cue],
        start: usize,
        end: usize,
        read: bool,
    ) {
        let block = fallback.iter().find_map(|c| match c {
            Cue::Speak { part, .. } => Some(part.block),
            _ => None,
        });
        let music = Part {
            kind: PartKind::Music,
            block: block.unwrap_or(0),
            item: 0,
        };
        let mut lines: Vec<(String, Part)> = vec![(format!("♪ {title}"), music)];
        if !read {
            lines.extend(fallback.iter().filter_map(|c| match c {
                Cue::Speak {
                    text_shown, part, ..
                } => Some((text_shown.clone(), *part)),
                _ => None,
            }));
        }
        let weight = |t: &str| t.chars().count().max(12);
        let total: usize = lines.iter().map(|(t, _)| weight(t)).sum();
        let span = end - start;
        let mut at = start;
        let mut done = 0;
        for (text, part) in lines {
            done += weight(&text);
            let until = start + span * done / total.max(1);
            self.out.sentences.push(Timed {
                start: at,
                end: until.max(at + 1).min(end.max(at + 1)),
                text_shown: text,
                part: Some(part),
                reader: Role::Narrator,
            });
            at = until;
        }
    }

    /// Hymn lines are spoken without starting a "(continued)" chapter.
    fn cues_in_hymn(&mut self, cues: &[Cue]) -> Result<()> {
        for cue in cues {
            match cue {
                Cue::Pause { ms } => self.pause(*ms),
                Cue::Speak {
                    text_shown,
                    text_spoken,
                    part,
                    reader,
                    ..
                } => {
                    let resume = std::mem::take(&mut self.resume);
                    self.speak(text_shown, text_spoken, *part, *reader)?;
                    self.resume = resume;
                }
                _ => {}
            }
        }
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::config::Config;
    use crate::voice::Speech;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A voice that hums for 10 ms per character and counts its calls.
    pub struct FakeVoice {
        pub calls: AtomicUsize,
    }

    impl Voice for FakeVoice {
        fn describe(&self) -> String {
            "fake".into()
        }
        fn id(&self) -> String {
            "fake/1".into()
        }
        fn synthesize(&self, text: &str) -> Result<Speech> {
            self.calls.fetch_add(1, Ordering::SeqCst);
            let n = text.chars().count() * 160;
            let samples = (0..n).map(|i| ((i as f32) * 0.2).sin() * 0.3).collect();
            Ok(Speech {
                samples,
                rate: 16_000,
            })
        }
    }

    fn speak(t: &str, id: usize) -> Cue {
        Cue::Speak {
            text_shown: t.into(),
            text_spoken: t.into(),
            sentence_id: id,
            part: Part::default(),
            reader: Role::Narrator,
        }
    }

    #[test]
    fn timings_follow_the_cues() {
        let script = Script {
            title: "t".into(),
            cues: vec![
                Cue::Chapter { title: "A".into() },
                speak("Hi.", 0),
                Cue::Pause { ms: 500 },
                Cue::Chapter { title: "B".into() },
                speak("Yo.", 1),
            ],
        };
        let voice = FakeVoice {
            calls: AtomicUsize::new(0),
        };
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::default();
        config.audio.sample_rate = 32_000;
        let library = Library::new(dir.path(), &config);
        let ctx = Context {
            voice: &voice,
            readers: &[],
            library: &library,
            production: &config.production,
            rate: 32_000,
            channels: 1,
            project: dir.path(),
        };
        let r = render(&script, &ctx).unwrap();
        assert_eq!(voice.calls.load(Ordering::SeqCst), 2);
        assert_eq!(r.chapters[0].start, 0);
        assert_eq!(r.sentences[0].start, 0);
        let first_len = r.sentences[0].end;
        assert!((first_len as i64 - 960).abs() <= 2 * 32, "{first_len}"); // 30 ms at 32 kHz ± trim
        assert_eq!(r.chapters[1].start, first_len + 16_000);
        assert_eq!(r.sentences[1].start, r.chapters[1].start);
        assert_eq!(r.pcm.frames(), r.sentences[1].end);
    }

    #[test]
    fn missing_hymn_is_read_aloud_with_a_warning() {
        let script = Script {
            title: "t".into(),
            cues: vec![
                Cue::Chapter { title: "A".into() },
                speak("Before.", 0),
                Cue::Hymn {
                    number: Some(9),
                    title: "Line (Hymn 9)".into(),
                    announcement: vec![speak("Hymn 9: Line", 1)],
                    fallback: vec![speak("Line one,", 2)],
                },
                speak("After.", 3),
                // Cited again in prose: no second warning.
                Cue::Hymn {
                    number: Some(9),
                    title: "Hymn 9".into(),
                    announcement: vec![speak("Hymn 9", 4)],
                    fallback: Vec::new(),
                },
            ],
        };
        let voice = FakeVoice {
            calls: AtomicUsize::new(0),
        };
        let dir = tempfile::tempdir().unwrap();
        let config = Config::default();
        let library = Library::new(dir.path(), &config);
        let ctx = Context {
            voice: &voice,
            readers: &[],
            library: &library,
            production: &config.production,
            rate: 44_100,
            channels: 2,
            project: dir.path(),
        };
        let r = render(&script, &ctx).unwrap();
        assert_eq!(
            voice.calls.load(Ordering::SeqCst),
            3,
            "the stanza must be read, and no announcement made"
        );
        assert!(!r
            .sentences
            .iter()
            .any(|t| t.text_shown.starts_with("Hymn 9")));
        assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
        assert!(
            r.warnings[0].message.contains("audio/hymns/9.mp3"),
            "{:?}",
            r.warnings
        );
        let titles: Vec<_> = r.chapters.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles, vec!["A", "Line (Hymn 9)", "A (continued)"]);
        assert_eq!(r.pcm.channels, 2);
    }

    #[test]
    fn a_recording_is_announced_before_it_plays() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("audio/hymns")).unwrap();
        let tone = Pcm {
            rate: 44_100,
            channels: 1,
            samples: (0..44_100)
                .map(|i| ((i as f32) * 0.05).sin() * 0.5)
                .collect(),
        };
        std::fs::write(
            dir.path().join("audio/hymns/9.wav"),
            crate::encode::wav::encode(&tone).unwrap(),
        )
        .unwrap();
        let mut announced = speak("Hymn 9: Line", 1);
        if let Cue::Speak { part, .. } = &mut announced {
            part.kind = PartKind::Announcement;
        }
        let script = Script {
            title: "t".into(),
            cues: vec![
                Cue::Chapter { title: "A".into() },
                speak("Before.", 0),
                Cue::Hymn {
                    number: Some(9),
                    title: "Line (Hymn 9)".into(),
                    announcement: vec![announced],
                    fallback: vec![speak("Line one,", 2)],
                },
            ],
        };
        let voice = FakeVoice {
            calls: AtomicUsize::new(0),
        };
        let mut config = Config::default();
        for (placement, announced_at) in [(HymnPlacement::Replace, 1), (HymnPlacement::After, 2)] {
            config.production.hymn_placement = placement;
            let library = Library::new(dir.path(), &config);
            let ctx = Context {
                voice: &voice,
                readers: &[],
                library: &library,
                production: &config.production,
                rate: 44_100,
                channels: 1,
                project: dir.path(),
            };
            let texts = texts_to_speak(&script, &ctx);
            assert!(texts.contains(&"Hymn 9: Line"), "{texts:?}");
            let r = render(&script, &ctx).unwrap();
            assert!(r.warnings.is_empty());
            let shown: Vec<&str> = r.sentences.iter().map(|t| t.text_shown.as_str()).collect();
            assert_eq!(shown[announced_at], "Hymn 9: Line", "{shown:?}");
            let announcement = &r.sentences[announced_at];
            let clip = r
                .regions
                .iter()
                .find(|g| g.kind == RegionKind::Hymn)
                .unwrap();
            // Spoken in the hymn's chapter, then the gap, then the music.
            assert!(announcement.start >= r.chapters[1].start);
            let gap = clip.start - announcement.end;
            assert_eq!(gap, ctx.production.hymn_gap_ms as usize * 441 / 10);
        }
    }

    /// A voice of its own tone and level.
    struct Quiet(f32, &'static str);

    impl Voice for Quiet {
        fn describe(&self) -> String {
            self.1.into()
        }
        fn id(&self) -> String {
            self.1.into()
        }
        fn synthesize(&self, text: &str) -> Result<Speech> {
            let n = text.chars().count() * 800;
            let samples = (0..n).map(|i| ((i as f32) * 0.07).sin() * self.0).collect();
            Ok(Speech {
                samples,
                rate: 16_000,
            })
        }
    }

    #[test]
    fn every_reader_is_as_loud_as_the_narrator() {
        let cue = |t: &str, id: usize, reader: Role| Cue::Speak {
            text_shown: t.into(),
            text_spoken: t.into(),
            sentence_id: id,
            part: Part::default(),
            reader,
        };
        let script = Script {
            title: "t".into(),
            cues: vec![
                cue("The narrator speaks first.", 0, Role::Narrator),
                Cue::Pause { ms: 400 },
                cue("In the beginning was the Word.", 1, Role::Scripture),
                Cue::Pause { ms: 400 },
                cue("And the narrator goes on.", 2, Role::Narrator),
                cue("Lord, hear our prayer.", 3, Role::Prayer),
            ],
        };
        let narrator = FakeVoice {
            calls: AtomicUsize::new(0),
        };
        let (soft, loud) = (Quiet(0.02, "soft"), Quiet(0.9, "loud"));
        let readers: Vec<(Role, &dyn Voice)> =
            vec![(Role::Scripture, &soft), (Role::Prayer, &loud)];
        let dir = tempfile::tempdir().unwrap();
        let config = Config::default();
        let library = Library::new(dir.path(), &config);
        let ctx = Context {
            voice: &narrator,
            readers: &readers,
            library: &library,
            production: &config.production,
            rate: 44_100,
            channels: 1,
            project: dir.path(),
        };
        let r = render(&script, &ctx).unwrap();
        let level = |role: Role| {
            let spans: Vec<(usize, usize)> = r
                .sentences
                .iter()
                .filter(|t| t.reader == role)
                .map(|t| (t.start, t.end))
                .collect();
            crate::audio::readers::loudness_of(&r.pcm, &spans).unwrap()
        };
        let n = level(Role::Narrator);
        for role in [Role::Scripture, Role::Prayer] {
            let l = level(role);
            assert!((l - n).abs() <= 1.0, "{role:?}: {l} LUFS, narrator {n}");
        }
        // Without other readers, nothing is gained: the narrator alone renders as before.
        let alone = Context {
            readers: &[],
            ..ctx
        };
        let before = render(&script, &alone).unwrap();
        assert!(before.spoken_by.is_empty());
    }
}
