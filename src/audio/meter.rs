//! A fast loudness meter for mastering decisions: BS.1770 K-weighting and gating computed
//! from 100 ms sub-block energies, so loudness after a gain (or with stretches re-levelled)
//! is recomputed from the energies without filtering the episode again. The `ebur128` crate
//! remains the reference; a test holds the two within 0.05 LU.

/// K-weighted mean-square energy of each 100 ms sub-block, summed over channels.
#[derive(Debug, Clone)]
pub struct Energies {
    /// Frames per sub-block.
    pub frames_per_block: usize,
    /// One value per complete sub-block.
    pub blocks: Vec<f64>,
}

struct Biquad {
    b: [f64; 3],
    a: [f64; 3],
}

/// The two K-weighting stages (high-shelf "head" filter, then the RLB high-pass) designed
/// for `rate` from the BS.1770 analogue prototypes.
fn k_filters(rate: u32) -> (Biquad, Biquad) {
    let pi = std::f64::consts::PI;
    let (f0, g, q) = (1681.974450955533, 3.999843853973347, 0.7071752369554196);
    let k = (pi * f0 / f64::from(rate)).tan();
    let vh = 10f64.powf(g / 20.0);
    let vb = vh.powf(0.4996667741545416);
    let a0 = 1.0 + k / q + k * k;
    let shelf = Biquad {
        b: [
            (vh + vb * k / q + k * k) / a0,
            2.0 * (k * k - vh) / a0,
            (vh - vb * k / q + k * k) / a0,
        ],
        a: [1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0],
    };
    let (f0, q) = (38.13547087602444, 0.5003270373238773);
    let k = (pi * f0 / f64::from(rate)).tan();
    let d = 1.0 + k / q + k * k;
    let highpass = Biquad {
        b: [1.0, -2.0, 1.0],
        a: [1.0, 2.0 * (k * k - 1.0) / d, (1.0 - k / q + k * k) / d],
    };
    (shelf, highpass)
}

/// Filters interleaved audio once and returns its sub-block energies.
pub fn energies(samples: &[f32], channels: u16, rate: u32) -> Energies {
    let ch = usize::from(channels.max(1));
    let per = (rate / 10) as usize;
    let frames = samples.len() / ch;
    let mut blocks = vec![0.0; frames / per];
    let (shelf, hp) = k_filters(rate);
    for c in 0..ch {
        let mut z = [0.0f64; 4];
        for (b, block) in blocks.iter_mut().enumerate() {
            let mut sum = 0.0;
            for f in b * per..(b + 1) * per {
                let y = step(
                    &shelf.b,
                    &shelf.a,
                    &hp.b,
                    &hp.a,
                    &mut z,
                    f64::from(samples[f * ch + c]),
                );
                sum += y * y;
            }
            *block += sum / per as f64;
        }
    }
    Energies {
        frames_per_block: per,
        blocks,
    }
}

/// One sample through both K-weighting stages (transposed direct form II); `z` holds the
/// two stages' states.
#[inline(always)]
fn step(
    b1: &[f64; 3],
    a1: &[f64; 3],
    b2: &[f64; 3],
    a2: &[f64; 3],
    z: &mut [f64; 4],
    x: f64,
) -> f64 {
    let y1 = b1[0] * x + z[0];
    z[0] = b1[1] * x - a1[1] * y1 + z[1];
    z[1] = b1[2] * x - a1[2] * y1;
    let y2 = b2[0] * y1 + z[2];
    z[2] = b2[1] * y1 - a2[1] * y2 + z[3];
    z[3] = b2[2] * y1 - a2[2] * y2;
    y2
}

/// Integrated (gated) loudness in LUFS of the sub-blocks with `include` true, each scaled by
/// `scale` (a power gain): 400 ms blocks every 100 ms, absolute gate −70 LUFS, relative
/// gate −10 LU.
pub fn gated(e: &Energies, include: impl Fn(usize) -> bool, scale: impl Fn(usize) -> f64) -> f64 {
    let lufs = |z: f64| -0.691 + 10.0 * z.log10();
    let mut windows = Vec::new();
    for j in 0..e.blocks.len().saturating_sub(3) {
        if (j..j + 4).all(&include) {
            windows.push((j..j + 4).map(|k| e.blocks[k] * scale(k)).sum::<f64>() / 4.0);
        }
    }
    let above: Vec<f64> = windows.into_iter().filter(|&z| lufs(z) > -70.0).collect();
    if above.is_empty() {
        return f64::NEG_INFINITY;
    }
    let relative = lufs(above.iter().sum::<f64>() / above.len() as f64) - 10.0;
    let kept: Vec<f64> = above.into_iter().filter(|&z| lufs(z) > relative).collect();
    if kept.is_empty() {
        return f64::NEG_INFINITY;
    }
    lufs(kept.iter().sum::<f64>() / kept.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_ebur128() {
        for (rate, channels) in [(44_100u32, 1u16), (48_000, 2), (32_000, 1)] {
            // Bursts of different tones and levels with silences, like speech and music.
            let mut samples = Vec::new();
            let mut seed = 7u32;
            for burst in 0..40 {
                let f = 150.0 + 90.0 * (burst % 7) as f32;
                let amp = 0.02 + 0.04 * (burst % 5) as f32;
                for i in 0..(rate / 3) {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    let noise = ((seed >> 16) as f32 / 32768.0 - 1.0) * 0.01;
                    let s =
                        (i as f32 * f * std::f32::consts::TAU / rate as f32).sin() * amp + noise;
                    for _ in 0..channels {
                        samples.push(s);
                    }
                }
                samples.extend(std::iter::repeat_n(
                    0.0,
                    (rate / 5) as usize * channels as usize,
                ));
            }
            let mine = gated(&energies(&samples, channels, rate), |_| true, |_| 1.0);
            let mut m = ebur128::EbuR128::new(channels.into(), rate, ebur128::Mode::I).unwrap();
            m.add_frames_f32(&samples).unwrap();
            let reference = m.loudness_global().unwrap();
            assert!(
                (mine - reference).abs() < 0.05,
                "{rate}/{channels}: {mine} vs {reference}"
            );
            // Loudness after a gain comes from the energies alone.
            let scaled = gated(
                &energies(&samples, channels, rate),
                |_| true,
                |_| 10f64.powf(0.6),
            );
            assert!((scaled - mine - 6.0).abs() < 1e-9);
        }
    }
}
