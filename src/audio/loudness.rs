//! Integrated loudness (EBU R 128 / ITU-R BS.1770, via the `ebur128` crate, which agrees with
//! `ffmpeg -af ebur128` to 0.01 LU) and normalisation to a podcast target.

use super::Pcm;
use anyhow::{anyhow, Result};
use ebur128::{EbuR128, Mode};

/// Loudness measurements of a buffer.
#[derive(Debug, Clone, Copy)]
pub struct Loudness {
    /// Integrated loudness in LUFS.
    pub integrated: f64,
    /// True peak in dBTP (4× oversampled).
    pub true_peak: f64,
}

/// Measures integrated loudness and true peak.
pub fn measure(pcm: &Pcm) -> Result<Loudness> {
    let mut m = EbuR128::new(u32::from(pcm.channels), pcm.rate, Mode::I | Mode::TRUE_PEAK)
        .map_err(|e| anyhow!("loudness meter: {e:?}"))?;
    m.add_frames_f32(&pcm.samples)
        .map_err(|e| anyhow!("loudness meter: {e:?}"))?;
    let integrated = m
        .loudness_global()
        .map_err(|e| anyhow!("loudness meter: {e:?}"))?;
    let mut peak: f64 = 0.0;
    for c in 0..u32::from(pcm.channels) {
        peak = peak.max(
            m.true_peak(c)
                .map_err(|e| anyhow!("loudness meter: {e:?}"))?,
        );
    }
    Ok(Loudness {
        integrated,
        true_peak: 20.0 * peak.max(1e-9).log10(),
    })
}

/// Applies one gain so the integrated loudness meets `target` LUFS, reduced if needed so the
/// true peak stays at or below `ceiling` dBTP. Returns the gain applied in dB.
pub fn normalise(pcm: &mut Pcm, target: f64, ceiling: f64) -> Result<f64> {
    let before = measure(pcm)?;
    if !before.integrated.is_finite() {
        return Ok(0.0); // silence: nothing to normalise
    }
    let gain_db = (target - before.integrated).min(ceiling - before.true_peak);
    let gain = 10f64.powf(gain_db / 20.0) as f32;
    for s in &mut pcm.samples {
        *s *= gain;
    }
    Ok(gain_db)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_to_target() {
        // A 1 kHz tone with pauses, like speech bursts.
        let rate = 44_100;
        let mut samples = Vec::new();
        for burst in 0..10 {
            for i in 0..rate / 2 {
                let t = (burst * rate + i) as f32 / rate as f32;
                samples.push((t * 1000.0 * std::f32::consts::TAU).sin() * 0.05);
            }
            samples.extend(std::iter::repeat_n(0.0, rate as usize / 4));
        }
        let mut pcm = Pcm {
            rate,
            channels: 1,
            samples,
        };
        normalise(&mut pcm, -19.0, -1.0).unwrap();
        let after = measure(&pcm).unwrap();
        assert!((after.integrated + 19.0).abs() < 0.1, "{after:?}");
        assert!(after.true_peak <= -1.0 + 0.01, "{after:?}");
    }
}
