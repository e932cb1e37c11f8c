//! 16-bit PCM WAV masters.

use crate::audio::Pcm;
use anyhow::{Context, Result};
use std::io::Cursor;

/// Encodes audio as a 16-bit WAV file in memory.
pub fn encode(pcm: &Pcm) -> Result<Vec<u8>> {
    let spec = hound::WavSpec {
        channels: pcm.channels,
        sample_rate: pcm.rate,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut cursor = Cursor::new(Vec::with_capacity(pcm.samples.len() * 2 + 44));
    {
        let mut w = hound::WavWriter::new(&mut cursor, spec).context("WAV header")?;
        let mut i16w = w.get_i16_writer(pcm.samples.len() as u32);
        for &s in &pcm.samples {
            i16w.write_sample(to_i16(s));
        }
        i16w.flush().context("WAV samples")?;
        w.finalize().context("WAV finalize")?;
    }
    Ok(cursor.into_inner())
}

fn to_i16(s: f32) -> i16 {
    (s * 32767.0).round().clamp(-32768.0, 32767.0) as i16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_hound() {
        let pcm = Pcm {
            rate: 44_100,
            channels: 2,
            samples: vec![0.0, 0.5, -0.5, 1.0],
        };
        let bytes = encode(&pcm).unwrap();
        let r = hound::WavReader::new(Cursor::new(bytes)).unwrap();
        assert_eq!(r.spec().channels, 2);
        assert_eq!(r.spec().sample_rate, 44_100);
        let s: Vec<i16> = r.into_samples().map(|s| s.unwrap()).collect();
        assert_eq!(s, vec![0, 16384, -16384, 32767]);
    }
}
