//! Integrated loudness and true peak (EBU R 128 / ITU-R BS.1770, via the `ebur128` crate,
//! which agrees with `ffmpeg -af ebur128` to 0.01 LU): the reference measurement.
//! Normalisation lives in [`super::master`].

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
