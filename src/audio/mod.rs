//! PCM, resampling and loudness. Nothing here knows about articles.
//!
//! Time is counted in frames at a known rate and converted to seconds only at the edges.

pub mod decode;
pub mod library;
pub mod loudness;
pub mod master;
pub mod meter;
pub mod readers;
pub mod silence;

use anyhow::{anyhow, Result};
use rubato::audioadapter_buffers::direct::InterleavedSlice;
use rubato::{Fft, FixedSync, Resampler};

/// Interleaved floating-point audio.
#[derive(Debug, Clone, PartialEq)]
pub struct Pcm {
    /// Sample rate in Hz.
    pub rate: u32,
    /// Channel count.
    pub channels: u16,
    /// Interleaved samples in −1.0…1.0.
    pub samples: Vec<f32>,
}

impl Pcm {
    /// Empty audio in a format.
    pub fn new(rate: u32, channels: u16) -> Pcm {
        Pcm {
            rate,
            channels,
            samples: Vec::new(),
        }
    }

    /// Number of frames (samples per channel).
    pub fn frames(&self) -> usize {
        self.samples.len() / usize::from(self.channels.max(1))
    }

    /// Duration in seconds.
    pub fn seconds(&self) -> f64 {
        self.frames() as f64 / f64::from(self.rate)
    }

    /// Appends `frames` frames of silence.
    pub fn push_silence(&mut self, frames: usize) {
        self.samples.resize(
            self.samples.len() + frames * usize::from(self.channels),
            0.0,
        );
    }

    /// Frames in `ms` milliseconds at this rate.
    pub fn ms_to_frames(&self, ms: u32) -> usize {
        (u64::from(ms) * u64::from(self.rate) / 1000) as usize
    }

    /// This audio with one channel made into `channels` (mono is copied; stereo is averaged).
    pub fn with_channels(self, channels: u16) -> Pcm {
        if channels == self.channels {
            return self;
        }
        let from = usize::from(self.channels);
        let to = usize::from(channels);
        let mut out = Vec::with_capacity(self.frames() * to);
        for frame in self.samples.chunks_exact(from) {
            let mean = frame.iter().sum::<f32>() / from as f32;
            for c in 0..to {
                out.push(if from == to {
                    frame[c]
                } else if from == 1 {
                    frame[0]
                } else {
                    mean
                });
            }
        }
        Pcm {
            rate: self.rate,
            channels,
            samples: out,
        }
    }
}

/// Converts seconds-at-a-rate frame counts to milliseconds.
pub fn frames_to_ms(frames: usize, rate: u32) -> u64 {
    (frames as u64 * 1000 + u64::from(rate) / 2) / u64::from(rate)
}

/// Resamples mono or interleaved audio with rubato's FFT resampler (band-limited; the
/// polynomial resamplers alias). The output has `ceil(len × to / from)` frames, aligned with
/// the input (the resampler's delay is trimmed).
pub fn resample(samples: &[f32], channels: usize, from: u32, to: u32) -> Result<Vec<f32>> {
    if from == to || samples.is_empty() {
        return Ok(samples.to_vec());
    }
    let frames = samples.len() / channels;
    let mut r = Fft::<f32>::new(from as usize, to as usize, 1024, channels, FixedSync::Input)
        .map_err(|e| anyhow!("cannot resample {from} Hz → {to} Hz: {e}"))?;
    let input = InterleavedSlice::new(samples, channels, frames)
        .map_err(|e| anyhow!("resampler input: {e}"))?;
    let out = r
        .process_all(&input, frames, None)
        .map_err(|e| anyhow!("resampling failed: {e}"))?;
    Ok(out.take_data())
}

/// Removes leading and trailing near-silence (below −50 dBFS) from mono speech, keeping a
/// few milliseconds so consonants are not clipped. Engines pad sentences unevenly; devocast
/// sets the pauses itself.
pub fn trim_silence(samples: &[f32], rate: u32) -> &[f32] {
    const THRESHOLD: f32 = 0.003;
    let keep = (rate / 100) as usize; // 10 ms
    let first = samples.iter().position(|s| s.abs() > THRESHOLD);
    let last = samples.iter().rposition(|s| s.abs() > THRESHOLD);
    match (first, last) {
        (Some(f), Some(l)) => &samples[f.saturating_sub(keep)..(l + keep + 1).min(samples.len())],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sine(freq: f32, rate: u32, secs: f32) -> Vec<f32> {
        (0..(rate as f32 * secs) as usize)
            .map(|i| (i as f32 * freq * std::f32::consts::TAU / rate as f32).sin() * 0.5)
            .collect()
    }

    #[test]
    fn resample_keeps_length_and_pitch() {
        let input = sine(440.0, 22_050, 1.0);
        let out = resample(&input, 1, 22_050, 44_100).unwrap();
        assert!((out.len() as i64 - 44_100).abs() <= 1, "{}", out.len());
        // Count zero crossings: 440 Hz → about 880 a second.
        let crossings = out.windows(2).filter(|w| w[0] < 0.0 && w[1] >= 0.0).count();
        assert!((438..=442).contains(&crossings), "{crossings}");
    }

    #[test]
    fn resample_does_not_alias_above_nyquist() {
        // 20 kHz at 48 kHz → 22.05 kHz must be filtered out, not folded down.
        let input = sine(20_000.0, 48_000, 0.5);
        let out = resample(&input, 1, 48_000, 22_050).unwrap();
        let mid = &out[2000..out.len() - 2000];
        let rms = (mid.iter().map(|s| s * s).sum::<f32>() / mid.len() as f32).sqrt();
        assert!(rms < 0.01, "aliased energy {rms}");
    }

    #[test]
    fn trim_keeps_the_sound() {
        let mut s = vec![0.0; 1000];
        s.extend(sine(200.0, 22_050, 0.1));
        s.extend(vec![0.0; 1000]);
        let t = trim_silence(&s, 22_050);
        assert!(t.len() < s.len() - 1500 && t.len() >= 2205, "{}", t.len());
        assert!(trim_silence(&[0.0; 100], 22_050).is_empty());
    }

    #[test]
    fn channel_conversion() {
        let p = Pcm {
            rate: 8000,
            channels: 1,
            samples: vec![0.5, -0.5],
        };
        let s = p.clone().with_channels(2);
        assert_eq!(s.samples, vec![0.5, 0.5, -0.5, -0.5]);
        assert_eq!(s.with_channels(1), p);
    }
}
