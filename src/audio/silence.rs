//! Where a recording's sound begins and ends, and how long an episode falls silent.
//!
//! Levels are measured in short blocks (the RMS of the loudest channel), and sound is a run
//! of blocks above the threshold lasting longer than any click: a click or a single loud
//! sample in a silence is not sound, while a reverb tail above the threshold is kept whole.

use super::Pcm;

/// Below this level a recording is silent, dBFS.
pub const SILENCE_DB: f64 = -50.0;
/// One level block, ms: short enough to find an edge closely, as long as a 25 Hz half-cycle.
pub const BLOCK_MS: u32 = 20;
/// Consecutive blocks above the threshold that make sound (60 ms: longer than any click).
const SUSTAIN_BLOCKS: usize = 3;
/// Kept outside the sound at both edges, so an attack that begins inside a block below
/// the threshold is not cut, ms.
const MARGIN_MS: u32 = 25;
/// An ending at least this far above the threshold may be a stop, dB.
const LOUD_ENDING_DB: f64 = 15.0;
/// Blocks at the end of the sound whose level is its ending (40 ms: one whole block even
/// when the sound stops early in the last).
const ENDING_BLOCKS: usize = 2;
/// Blocks before the ending its level is compared with (200 ms).
const BEFORE_BLOCKS: usize = 10;
/// An ending that falls further than this below the 200 ms before it is a release (a note
/// let go, a chord dying into the room), however quick; a stop does not fall first, dB.
const MAX_STOP_FALL_DB: f64 = 6.0;

/// The part of a recording that holds its sound, and how the sound ends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sound {
    /// First frame kept: the first sound less the margin.
    pub start: usize,
    /// One past the last frame kept: the last sound plus the margin (at most the length).
    pub end: usize,
    /// Level of the last 40 ms of sound, dBFS: near the threshold when the recording dies
    /// away, far above it when it stops.
    pub ending_db: f64,
    /// How far the last 40 ms fall below the 200 ms before them, dB (0 when they do not).
    pub fall_db: f64,
    /// The ending is well above the threshold and does not fall first: the recording stops
    /// loud (it is cut, or its music ends without a release).
    pub stops_loud: bool,
}

/// A stretch of silence, in frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Silence {
    /// First frame.
    pub start: usize,
    /// Length in frames (0 when nothing is silent).
    pub frames: usize,
}

/// Mean square of the loudest channel in each block of `window` frames (the last block may
/// be shorter).
pub fn block_power(pcm: &Pcm, window: usize) -> Vec<f64> {
    let ch = usize::from(pcm.channels.max(1));
    pcm.samples
        .chunks(window.max(1) * ch)
        .map(|block| {
            let frames = (block.len() / ch).max(1) as f64;
            (0..ch)
                .map(|c| {
                    block
                        .iter()
                        .skip(c)
                        .step_by(ch)
                        .map(|s| f64::from(*s) * f64::from(*s))
                        .sum::<f64>()
                        / frames
                })
                .fold(0.0, f64::max)
        })
        .collect()
}

/// A power (mean square) in dBFS.
fn db(power: f64) -> f64 {
    10.0 * power.max(1e-20).log10()
}

/// Finds the sound in a recording: from the first to the last run of 60 ms above
/// `threshold_db`, widened by a 25 ms margin. `None` when no such run exists (silence,
/// or only clicks or a hiss below the threshold).
pub fn find_sound(pcm: &Pcm, threshold_db: f64) -> Option<Sound> {
    let block = (pcm.ms_to_frames(BLOCK_MS)).max(1);
    let margin = pcm.ms_to_frames(MARGIN_MS);
    let power = block_power(pcm, block);
    let loud: Vec<bool> = power.iter().map(|p| db(*p) > threshold_db).collect();
    let run = SUSTAIN_BLOCKS.min(loud.len()).max(1);
    let runs: Vec<usize> = loud
        .windows(run)
        .enumerate()
        .filter(|(_, w)| w.iter().all(|l| *l))
        .map(|(i, _)| i)
        .collect();
    let first = *runs.first()?;
    // The last block of the last run.
    let last = runs.last()? + run - 1;
    let mean_db = |blocks: &[f64]| db(blocks.iter().sum::<f64>() / blocks.len().max(1) as f64);
    let ending = (last + 1).saturating_sub(ENDING_BLOCKS);
    let ending_db = mean_db(&power[ending..=last]);
    let before = &power[ending.saturating_sub(BEFORE_BLOCKS)..ending];
    let fall_db = if before.is_empty() {
        0.0
    } else {
        (mean_db(before) - ending_db).max(0.0)
    };
    Some(Sound {
        start: (first * block).saturating_sub(margin),
        end: ((last + 1) * block + margin).min(pcm.frames()),
        ending_db,
        fall_db,
        stops_loud: ending_db >= threshold_db + LOUD_ENDING_DB && fall_db <= MAX_STOP_FALL_DB,
    })
}

/// The longest stretch where every `window`-frame block is below `threshold_db` (the
/// loudest channel's RMS), to the nearest block.
pub fn longest_silence(pcm: &Pcm, threshold_db: f64, window: usize) -> Silence {
    let window = window.max(1);
    let frames = pcm.frames();
    let mut best = Silence::default();
    let mut run: Option<usize> = None;
    let power = block_power(pcm, window);
    for (i, p) in power.iter().chain([&f64::INFINITY]).enumerate() {
        let at = (i * window).min(frames);
        match (db(*p) < threshold_db, run) {
            (true, None) => run = Some(at),
            (false, Some(start)) => {
                if at - start > best.frames {
                    best = Silence {
                        start,
                        frames: at - start,
                    };
                }
                run = None;
            }
            _ => {}
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    const RATE: u32 = 48_000;

    fn secs(s: f64) -> usize {
        (s * f64::from(RATE)) as usize
    }

    /// A 330 Hz tone, `amp` peak, for `s` seconds, each sample scaled by `env(t)`.
    fn tone(s: f64, amp: f32, env: impl Fn(f64) -> f32) -> Vec<f32> {
        (0..secs(s))
            .map(|i| {
                let t = i as f64 / f64::from(RATE);
                (t * 330.0 * std::f64::consts::TAU).sin() as f32 * amp * env(t)
            })
            .collect()
    }

    fn mono(parts: &[Vec<f32>]) -> Pcm {
        Pcm {
            rate: RATE,
            channels: 1,
            samples: parts.concat(),
        }
    }

    fn silence(s: f64) -> Vec<f32> {
        vec![0.0; secs(s)]
    }

    /// Frames of margin allowed beyond the true edge: the margin and one block.
    fn slack() -> usize {
        secs(f64::from(MARGIN_MS + BLOCK_MS) / 1000.0)
    }

    #[test]
    fn leading_and_trailing_silence_are_found() {
        let pcm = mono(&[silence(1.0), tone(2.0, 0.5, |_| 1.0), silence(4.0)]);
        let s = find_sound(&pcm, SILENCE_DB).unwrap();
        assert!(
            s.start <= secs(1.0) && secs(1.0) - s.start <= slack(),
            "{s:?}"
        );
        assert!(s.end >= secs(3.0) && s.end - secs(3.0) <= slack(), "{s:?}");
        assert!(s.stops_loud, "{s:?}");
    }

    #[test]
    fn a_click_or_one_loud_sample_in_the_silence_is_not_sound() {
        let mut samples = [silence(1.0), tone(2.0, 0.5, |_| 1.0), silence(4.0)].concat();
        // A full-scale sample in the lead-in, a five-sample click in the tail, and another
        // lone sample a second before the end.
        samples[secs(0.4)] = 1.0;
        for k in 0..5 {
            samples[secs(4.5) + k] = if k % 2 == 0 { 0.9 } else { -0.9 };
        }
        samples[secs(6.0)] = -1.0;
        let pcm = mono(&[samples]);
        let s = find_sound(&pcm, SILENCE_DB).unwrap();
        assert!(secs(1.0) - s.start <= slack(), "{s:?}");
        assert!(s.end - secs(3.0) <= slack(), "{s:?}");
        // A click alone is no sound at all.
        let mut only = silence(2.0);
        only[secs(1.0)] = 1.0;
        assert_eq!(find_sound(&mono(&[only]), SILENCE_DB), None);
    }

    #[test]
    fn a_decaying_tail_above_the_threshold_is_kept_and_ends_quietly() {
        // One second of tone, then a reverb-like tail falling 40 dB a second from −9 dBFS
        // RMS: it passes −50 dBFS RMS 1.025 s into the tail (2.025 s in all), and is cut to
        // digital silence at −53 dBFS, 1.1 s in, as a mastered file would be.
        let tail = tone(1.1, 0.5, |t| 10f32.powf(-2.0 * t as f32));
        let pcm = mono(&[tone(1.0, 0.5, |_| 1.0), tail, silence(3.0)]);
        let s = find_sound(&pcm, SILENCE_DB).unwrap();
        assert_eq!(s.start, 0, "{s:?}");
        assert!(
            s.end >= secs(2.025) && s.end <= secs(2.025) + slack(),
            "{s:?}"
        );
        assert!(!s.stops_loud, "{s:?}");
        assert!(s.ending_db < SILENCE_DB + 5.0, "{s:?}");
    }

    #[test]
    fn a_note_let_go_is_a_release_and_a_cut_anywhere_in_a_block_is_a_stop() {
        // A tone released linearly over 80 ms, then silence: a quick but musical ending.
        let release = |t: f64| ((1.08 - t) / 0.08).min(1.0) as f32;
        let released = mono(&[tone(1.08, 0.5, release), silence(1.0)]);
        let s = find_sound(&released, SILENCE_DB).unwrap();
        assert!(!s.stops_loud && s.fall_db > 8.0, "{s:?}");
        // Cut at a block's edge, and 1 ms, 10.5 ms and 19 ms into a block.
        for cut in [1.0, 1.001, 1.0105, 1.019] {
            let stopped = mono(&[tone(cut, 0.5, |_| 1.0), silence(1.0)]);
            let s = find_sound(&stopped, SILENCE_DB).unwrap();
            assert!(s.stops_loud && s.fall_db < 4.0, "{cut}: {s:?}");
        }
    }

    #[test]
    fn a_quiet_passage_stays_sound_and_a_quiet_end_is_not_loud() {
        // Peak −40 dBFS (−43 dBFS RMS) is quiet music, not silence.
        let pcm = mono(&[silence(0.5), tone(1.0, 0.01, |_| 1.0), silence(0.5)]);
        let s = find_sound(&pcm, SILENCE_DB).unwrap();
        assert!(secs(0.5) - s.start <= slack() && s.end - secs(1.5) <= slack());
        assert!(!s.stops_loud, "{s:?}");
    }

    #[test]
    fn an_all_silent_or_hissing_recording_has_no_sound() {
        assert_eq!(find_sound(&mono(&[silence(3.0)]), SILENCE_DB), None);
        // Hiss at about −60 dBFS.
        let mut seed = 11u32;
        let hiss: Vec<f32> = (0..secs(2.0))
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                ((seed >> 16) as f32 / 32_768.0 - 1.0) * 0.0017
            })
            .collect();
        assert_eq!(find_sound(&mono(&[hiss]), SILENCE_DB), None);
        assert_eq!(find_sound(&mono(&[vec![]]), SILENCE_DB), None);
    }

    #[test]
    fn sound_in_one_channel_of_stereo_is_sound() {
        // Left: silent. Right: 0.5 s lead-in, 1 s of tone, 2 s of silence.
        let right = [silence(0.5), tone(1.0, 0.3, |_| 1.0), silence(2.0)].concat();
        let samples: Vec<f32> = right.iter().flat_map(|r| [0.0, *r]).collect();
        let pcm = Pcm {
            rate: RATE,
            channels: 2,
            samples,
        };
        let s = find_sound(&pcm, SILENCE_DB).unwrap();
        assert!(
            s.start <= secs(0.5) && secs(0.5) - s.start <= slack(),
            "{s:?}"
        );
        assert!(s.end >= secs(1.5) && s.end - secs(1.5) <= slack(), "{s:?}");
        assert!(s.stops_loud);
    }

    #[test]
    fn sound_to_the_last_frame_ends_at_the_last_frame() {
        let pcm = mono(&[silence(0.2), tone(1.0, 0.5, |_| 1.0)]);
        let s = find_sound(&pcm, SILENCE_DB).unwrap();
        assert_eq!(s.end, pcm.frames());
        // Shorter than one run of blocks: a recording of 30 ms is sound if it is loud.
        let short = mono(&[tone(0.03, 0.5, |_| 1.0)]);
        assert!(find_sound(&short, SILENCE_DB).is_some());
    }

    #[test]
    fn longest_silence_finds_the_longest_gap() {
        let pcm = mono(&[
            tone(0.5, 0.5, |_| 1.0),
            silence(0.8),
            tone(0.5, 0.5, |_| 1.0),
            silence(2.4),
            tone(0.5, 0.5, |_| 1.0),
            silence(1.0),
        ]);
        let window = secs(0.01);
        let s = longest_silence(&pcm, SILENCE_DB, window);
        assert!(s.frames.abs_diff(secs(2.4)) <= window, "{s:?}");
        assert!(s.start.abs_diff(secs(1.8)) <= window, "{s:?}");
        // A silence at the very end counts to the end.
        let end = mono(&[tone(0.5, 0.5, |_| 1.0), silence(3.0)]);
        let s = longest_silence(&end, SILENCE_DB, window);
        assert!(s.frames.abs_diff(secs(3.0)) <= window, "{s:?}");
        assert_eq!(
            longest_silence(&mono(&[tone(1.0, 0.5, |_| 1.0)]), SILENCE_DB, window),
            Silence::default()
        );
    }
}
