//! Script → rendered episode audio: every sentence synthesized, resampled to the episode rate
//! and placed with the script's pauses; chapter and sentence start times recorded in frames.

use crate::audio::{self, Pcm};
use crate::script::{Cue, Script};
use crate::voice::Voice;
use anyhow::{Context, Result};

/// A chapter mark.
#[derive(Debug, Clone, PartialEq)]
pub struct Chapter {
    /// Start in frames at the episode rate.
    pub start: usize,
    /// Title as the article writes it.
    pub title: String,
}

/// A sentence (or hymn line) and when it is heard.
#[derive(Debug, Clone, PartialEq)]
pub struct Timed {
    /// First frame.
    pub start: usize,
    /// One past the last frame.
    pub end: usize,
    /// What the article says.
    pub text_shown: String,
}

/// Narration with its timings.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// Mono audio at the episode rate.
    pub pcm: Pcm,
    /// Chapter starts, ascending.
    pub chapters: Vec<Chapter>,
    /// Sentence times, ascending.
    pub sentences: Vec<Timed>,
}

/// Renders a script with a voice into mono audio at `rate`.
pub fn render(script: &Script, voice: &dyn Voice, rate: u32) -> Result<Rendered> {
    let mut out = Rendered {
        pcm: Pcm::new(rate, 1),
        chapters: Vec::new(),
        sentences: Vec::new(),
    };
    render_cues(&script.cues, voice, &mut out)?;
    Ok(out)
}

fn render_cues(cues: &[Cue], voice: &dyn Voice, out: &mut Rendered) -> Result<()> {
    for cue in cues {
        match cue {
            Cue::Chapter { title } => {
                let start = out.pcm.frames();
                // Two marks at one instant (a heading right after the title) keep the later.
                if out.chapters.last().is_some_and(|c| c.start == start) {
                    out.chapters.pop();
                }
                out.chapters.push(Chapter {
                    start,
                    title: title.clone(),
                });
            }
            Cue::Pause { ms } => {
                let frames = out.pcm.ms_to_frames(*ms);
                out.pcm.push_silence(frames);
            }
            Cue::Speak {
                text_shown,
                text_spoken,
                ..
            } => {
                let speech = voice
                    .synthesize(text_spoken)
                    .with_context(|| format!("the voice failed on {text_spoken:?}"))?;
                let trimmed = audio::trim_silence(&speech.samples, speech.rate);
                let samples = audio::resample(trimmed, 1, speech.rate, out.pcm.rate)?;
                let start = out.pcm.frames();
                out.pcm.samples.extend_from_slice(&samples);
                out.sentences.push(Timed {
                    start,
                    end: out.pcm.frames(),
                    text_shown: text_shown.clone(),
                });
            }
            Cue::Hymn { fallback, .. } => render_cues(fallback, voice, out)?,
        }
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::voice::Speech;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A voice that beeps for 10 ms per character and counts its calls.
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

    #[test]
    fn timings_follow_the_cues() {
        let script = Script {
            title: "t".into(),
            cues: vec![
                Cue::Chapter { title: "A".into() },
                Cue::Speak {
                    text_shown: "Hi.".into(),
                    text_spoken: "Hi.".into(),
                    sentence_id: 0,
                },
                Cue::Pause { ms: 500 },
                Cue::Chapter { title: "B".into() },
                Cue::Speak {
                    text_shown: "Yo.".into(),
                    text_spoken: "Yo.".into(),
                    sentence_id: 1,
                },
            ],
        };
        let voice = FakeVoice {
            calls: AtomicUsize::new(0),
        };
        let r = render(&script, &voice, 32_000).unwrap();
        assert_eq!(voice.calls.load(Ordering::SeqCst), 2);
        assert_eq!(r.chapters[0].start, 0);
        assert_eq!(r.sentences[0].start, 0);
        let first_len = r.sentences[0].end;
        assert!((first_len as i64 - 960).abs() <= 2 * 32, "{first_len}"); // 30 ms at 32 kHz ± trim
        assert_eq!(r.chapters[1].start, first_len + 16_000);
        assert_eq!(r.sentences[1].start, r.chapters[1].start);
        assert_eq!(r.pcm.frames(), r.sentences[1].end);
    }
}
