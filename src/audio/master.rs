//! Mastering: recorded music level-matched to the narration, then the whole episode brought
//! to the loudness target with a look-ahead true-peak limiter (never clipping).

use super::loudness::{measure, Loudness};
use super::meter;
use super::Pcm;
use anyhow::{anyhow, Result};
use ebur128::{EbuR128, Mode};

/// Headroom kept below the true-peak ceiling for the lossy encoder's overshoot, dB.
pub const CODEC_HEADROOM_DB: f64 = 0.6;

/// What a stretch of the timeline holds, for level matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionKind {
    /// A hymn recording.
    Hymn,
    /// The intro clip.
    Intro,
    /// The outro clip.
    Outro,
}

/// A recorded clip's place in the episode, in frames.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// First frame.
    pub start: usize,
    /// One past the last frame.
    pub end: usize,
    /// What it is.
    pub kind: RegionKind,
}

/// What mastering measured and did.
#[derive(Debug, Clone)]
pub struct Report {
    /// Narration loudness before any gain, LUFS.
    pub narration_lufs: f64,
    /// The finished episode.
    pub result: Loudness,
}

/// Integrated loudness (K-weighted, gated) of interleaved samples; no true-peak scan, which
/// costs several times more.
pub fn integrated(samples: &[f32], channels: u16, rate: u32) -> Result<f64> {
    let mut m = EbuR128::new(u32::from(channels), rate, Mode::I)
        .map_err(|e| anyhow!("loudness meter: {e:?}"))?;
    m.add_frames_f32(samples)
        .map_err(|e| anyhow!("loudness meter: {e:?}"))?;
    m.loudness_global()
        .map_err(|e| anyhow!("loudness meter: {e:?}"))
}

fn gain(samples: &mut [f32], db: f64) {
    let g = 10f64.powf(db / 20.0) as f32;
    for s in samples {
        *s *= g;
    }
}

/// The episode after its recordings were level-matched to the narration, with the meter
/// state mastering continues from.
pub struct Matched {
    energies: meter::Energies,
    /// Power scale of each 100 ms sub-block relative to the measured energies.
    scale: Vec<f64>,
    /// Narration loudness before any gain, LUFS.
    pub narration_lufs: f64,
    /// Loudness of the whole episode after matching, LUFS (−∞ for silence).
    pub loudness: f64,
}

/// Level-matches recorded clips to the narration (`music_offset_lu` relative to it).
///
/// The episode is K-filtered once, here; every later loudness (after region gains, the
/// overall gain and the limiter) is computed from its 100 ms sub-block energies.
pub fn match_levels(pcm: &mut Pcm, regions: &[Region], music_offset_lu: f64) -> Result<Matched> {
    let ch = usize::from(pcm.channels);
    let e = meter::energies(&pcm.samples, pcm.channels, pcm.rate);
    let per = e.frames_per_block;
    let span = |k: usize| (k * per, (k + 1) * per);
    let overlap = |k: usize, r: &Region| {
        let (a, b) = span(k);
        b.min(r.end).saturating_sub(a.max(r.start)) as f64 / per as f64
    };
    let mut scale = vec![1.0f64; e.blocks.len()];
    let narration_lufs = meter::gated(
        &e,
        |k| regions.iter().all(|r| overlap(k, r) == 0.0),
        |_| 1.0,
    );
    if narration_lufs.is_finite() {
        for r in regions {
            let clip = meter::gated(&e, |k| overlap(k, r) == 1.0, |_| 1.0);
            let clip = if clip.is_finite() {
                clip
            } else {
                // Clips shorter than one gating block: measure them on their own.
                integrated(
                    &pcm.samples[r.start * ch..r.end * ch],
                    pcm.channels,
                    pcm.rate,
                )?
            };
            if !clip.is_finite() {
                continue;
            }
            let db = narration_lufs + music_offset_lu - clip;
            gain(&mut pcm.samples[r.start * ch..r.end * ch], db);
            let power = 10f64.powf(db / 10.0);
            for (k, s) in scale.iter_mut().enumerate() {
                let f = overlap(k, r);
                if f > 0.0 {
                    *s *= 1.0 + f * (power - 1.0);
                }
            }
        }
    }
    let loudness = meter::gated(&e, |_| true, |k| scale[k]);
    Ok(Matched {
        energies: e,
        scale,
        narration_lufs,
        loudness,
    })
}

/// Normalises matched audio to `target_lufs` and limits the true peak to `ceiling_dbtp` less
/// the codec headroom. `codec_loss_lu` is how much quieter the delivery encoder makes this
/// audio (measured by the caller, which knows the encoder); the target is raised by that much
/// so the delivered file, not the master, meets it.
pub fn normalise(
    pcm: &mut Pcm,
    matched: Matched,
    target_lufs: f64,
    ceiling_dbtp: f64,
    codec_loss_lu: f64,
) -> Result<Report> {
    let Matched {
        energies: e,
        mut scale,
        narration_lufs,
        loudness: before,
    } = matched;
    let per = e.frames_per_block;
    let loudness = |scale: &[f64]| meter::gated(&e, |_| true, |k| scale[k]);
    if !before.is_finite() {
        return Ok(Report {
            narration_lufs,
            result: measure(pcm)?,
        });
    }
    let apply = |pcm: &mut Pcm, scale: &mut [f64], db: f64| {
        gain(&mut pcm.samples, db);
        let p = 10f64.powf(db / 10.0);
        scale.iter_mut().for_each(|s| *s *= p);
    };
    let loss = codec_loss_lu.clamp(0.0, 3.0);
    let target = target_lufs + loss;
    apply(pcm, &mut scale, target - before);

    // MP3 coding adds overshoot of a few tenths of a dB on speech peaks: keep the master's
    // true peak that far below the ceiling so the MP3 listeners get still meets it.
    let ceiling_dbtp = ceiling_dbtp - CODEC_HEADROOM_DB;
    let mut ceiling = ceiling_dbtp - 0.3; // sample peaks, with headroom for inter-sample peaks
    let mut result = Loudness {
        integrated: before,
        true_peak: 0.0,
    };
    for _ in 0..10 {
        for (k, ratio) in limit(pcm, ceiling, per) {
            if let Some(s) = scale.get_mut(k) {
                *s *= ratio;
            }
        }
        result = Loudness {
            integrated: loudness(&scale),
            true_peak: true_peak(pcm, ceiling_dbtp - 3.0),
        };
        let over = result.true_peak - ceiling_dbtp;
        let short = target - result.integrated;
        if over > 0.0 {
            ceiling -= over + 0.05;
        } else if short > 0.05 {
            apply(pcm, &mut scale, short);
        } else {
            break;
        }
    }
    result.integrated -= loss;
    Ok(Report {
        narration_lufs,
        result,
    })
}

/// True peak in dBTP, estimated by 4× oversampling (windowed-sinc interpolation) around every
/// sample louder than `floor_db` dBFS; quieter stretches cannot hold the peak and are skipped,
/// which makes this far cheaper than oversampling the whole episode.
pub fn true_peak(pcm: &Pcm, floor_db: f64) -> f64 {
    const TAPS: usize = 12; // each side
    let ch = usize::from(pcm.channels);
    let n = pcm.frames();
    let floor = 10f64.powf(floor_db / 20.0) as f32;
    // Interpolation kernels for the three in-between phases.
    let kernel = |frac: f64| -> Vec<f32> {
        (0..2 * TAPS)
            .map(|k| {
                let x = k as f64 - (TAPS as f64 - 1.0) - frac;
                let sinc = if x.abs() < 1e-9 {
                    1.0
                } else {
                    (std::f64::consts::PI * x).sin() / (std::f64::consts::PI * x)
                };
                let w = 0.5 + 0.5 * (std::f64::consts::PI * x / (TAPS as f64 + 0.5)).cos();
                (sinc * w) as f32
            })
            .collect()
    };
    let phases = [kernel(0.25), kernel(0.5), kernel(0.75)];
    let mut peak = pcm.samples.iter().fold(0f32, |m, s| m.max(s.abs()));
    if peak < floor {
        return 20.0 * f64::from(peak.max(1e-9)).log10();
    }
    for c in 0..ch {
        for i in 0..n {
            let x = pcm.samples[i * ch + c].abs();
            if x < floor || i + 1 < TAPS || i + TAPS >= n {
                continue;
            }
            // Between sample i and i + 1.
            for kern in &phases {
                let mut acc = 0f32;
                for (k, w) in kern.iter().enumerate() {
                    acc += w * pcm.samples[(i + 1 + k - TAPS) * ch + c];
                }
                peak = peak.max(acc.abs());
            }
        }
    }
    20.0 * f64::from(peak.max(1e-9)).log10()
}

/// A look-ahead peak limiter: the gain needed at each frame is spread ±5 ms around it
/// (sliding minimum, then moving average), so the gain is already down when a peak arrives
/// and no sample exceeds `ceiling_db` dBFS. Only the neighbourhoods of over-ceiling peaks are
/// processed. Returns, for each `block`-frame sub-block it touched, the ratio of its energy
/// after to before.
pub fn limit(pcm: &mut Pcm, ceiling_db: f64, block: usize) -> Vec<(usize, f64)> {
    let ch = usize::from(pcm.channels);
    let n = pcm.frames();
    let ceiling = 10f64.powf(ceiling_db / 20.0) as f32;
    let half = (pcm.rate as usize / 200).max(1); // 5 ms
    let peak_at = |s: &[f32], f: usize| {
        s[f * ch..(f + 1) * ch]
            .iter()
            .fold(0f32, |m, x| m.max(x.abs()))
    };
    // Clusters of over-ceiling frames, each widened by the two 5 ms windows.
    let mut clusters: Vec<(usize, usize)> = Vec::new();
    for f in 0..n {
        if peak_at(&pcm.samples, f) > ceiling {
            let (lo, hi) = (f.saturating_sub(2 * half), (f + 2 * half + 1).min(n));
            match clusters.last_mut() {
                Some((_, end)) if lo <= *end => *end = hi,
                _ => clusters.push((lo, hi)),
            }
        }
    }
    let mut touched: std::collections::BTreeMap<usize, (f64, f64)> =
        std::collections::BTreeMap::new();
    for (lo, hi) in clusters {
        let need: Vec<f32> = (lo..hi)
            .map(|f| {
                let p = peak_at(&pcm.samples, f);
                if p > ceiling {
                    ceiling / p
                } else {
                    1.0
                }
            })
            .collect();
        let minimum = sliding_min(&need, half);
        let len = need.len();
        let w = 2 * half + 1;
        let at = |i: isize| -> f64 {
            if i < 0 || i as usize >= len {
                1.0
            } else {
                f64::from(minimum[i as usize])
            }
        };
        let mut sum: f64 = (-(half as isize)..=half as isize).map(at).sum();
        for i in 0..len {
            let g = ((sum / w as f64) as f32).min(1.0);
            sum += at(i as isize + half as isize + 1) - at(i as isize - half as isize);
            if g >= 1.0 {
                continue;
            }
            let f = lo + i;
            let entry = touched.entry(f / block).or_insert((0.0, 0.0));
            for s in &mut pcm.samples[f * ch..(f + 1) * ch] {
                let before = f64::from(*s) * f64::from(*s);
                *s *= g;
                entry.0 += before;
                entry.1 += f64::from(*s) * f64::from(*s);
            }
        }
    }
    // Turn the changed energy into a ratio for the whole sub-block.
    touched
        .into_iter()
        .map(|(k, (before, after))| {
            let range = (k * block * ch).min(pcm.samples.len())
                ..((k + 1) * block * ch).min(pcm.samples.len());
            let now: f64 = pcm.samples[range]
                .iter()
                .map(|s| f64::from(*s) * f64::from(*s))
                .sum();
            let was = now - after + before;
            (k, if was > 0.0 { now / was } else { 1.0 })
        })
        .collect()
}

/// Minimum over the window [i − half, i + half] for every i (monotonic deque, O(n)).
fn sliding_min(v: &[f32], half: usize) -> Vec<f32> {
    let n = v.len();
    let mut out = vec![1.0; n];
    let mut dq: std::collections::VecDeque<usize> = std::collections::VecDeque::new();
    let mut next = 0;
    for (i, o) in out.iter_mut().enumerate() {
        let hi = (i + half).min(n - 1);
        while next <= hi {
            while dq.back().is_some_and(|&b| v[b] >= v[next]) {
                dq.pop_back();
            }
            dq.push_back(next);
            next += 1;
        }
        while dq.front().is_some_and(|&f| f + half < i) {
            dq.pop_front();
        }
        *o = dq.front().map_or(1.0, |&f| v[f]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(rate: u32, secs: f32, freq: f32, amp: f32) -> Vec<f32> {
        (0..(rate as f32 * secs) as usize)
            .map(|i| (i as f32 * freq * std::f32::consts::TAU / rate as f32).sin() * amp)
            .collect()
    }

    #[test]
    fn sliding_min_matches_brute_force() {
        let v: Vec<f32> = (0..200).map(|i| ((i * 37 % 101) as f32) / 100.0).collect();
        let fast = sliding_min(&v, 3);
        for (i, got) in fast.iter().enumerate() {
            let lo = i.saturating_sub(3);
            let hi = (i + 3).min(v.len() - 1);
            let brute = v[lo..=hi].iter().cloned().fold(f32::MAX, f32::min);
            assert_eq!(*got, brute, "at {i}");
        }
    }

    #[test]
    fn limiter_holds_the_ceiling_without_clipping() {
        let mut samples = tone(44_100, 1.0, 220.0, 0.3);
        // Sharp transients at 1.5× full scale.
        for k in 0..10 {
            samples[4000 + k * 3000] = 1.5;
        }
        let mut pcm = Pcm {
            rate: 44_100,
            channels: 1,
            samples,
        };
        limit(&mut pcm, -1.0, 4410);
        let peak = pcm.samples.iter().fold(0f32, |m, s| m.max(s.abs()));
        assert!(20.0 * peak.log10() <= -1.0 + 1e-3, "peak {peak}");
        // Quiet material away from the transients is untouched.
        assert!(
            (pcm.samples[30_000]
                - (30_000f32 * 220.0 * std::f32::consts::TAU / 44_100.0).sin() * 0.3)
                .abs()
                < 1e-6
        );
    }

    #[test]
    fn music_is_matched_and_the_episode_meets_target() {
        let rate = 44_100;
        let mut samples = Vec::new();
        // Narration-like bursts at one level, then a loud "hymn" 12 dB hotter.
        for _ in 0..8 {
            samples.extend(tone(rate, 0.6, 300.0, 0.05));
            samples.extend(vec![0.0; 8820]);
        }
        let start = samples.len();
        samples.extend(tone(rate, 5.0, 440.0, 0.9));
        let end = samples.len();
        for _ in 0..8 {
            samples.extend(tone(rate, 0.6, 300.0, 0.05));
            samples.extend(vec![0.0; 8820]);
        }
        let mut pcm = Pcm {
            rate,
            channels: 1,
            samples,
        };
        let regions = [Region {
            start,
            end,
            kind: RegionKind::Hymn,
        }];
        let matched = match_levels(&mut pcm, &regions, 0.0).unwrap();
        let report = normalise(&mut pcm, matched, -19.0, -1.0, 0.0).unwrap();
        let exact = measure(&pcm).unwrap();
        assert!(
            (exact.true_peak - report.result.true_peak).abs() < 0.2,
            "estimate {report:?} vs ebur128 {exact:?}"
        );
        assert!((report.result.integrated + 19.0).abs() <= 0.5, "{report:?}");
        assert!(
            report.result.true_peak <= -1.0 - CODEC_HEADROOM_DB,
            "{report:?}"
        );
        let hymn = measure(&Pcm {
            rate,
            channels: 1,
            samples: pcm.samples[start..end].to_vec(),
        })
        .unwrap();
        let speech = measure(&Pcm {
            rate,
            channels: 1,
            samples: pcm.samples[..start].to_vec(),
        })
        .unwrap();
        assert!(
            (hymn.integrated - speech.integrated).abs() < 1.0,
            "hymn {hymn:?} vs speech {speech:?}"
        );
    }
}
