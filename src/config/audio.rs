//! `[audio]`: the episode's sample format, loudness and encoders.

use anyhow::{bail, Result};
use serde::{Deserialize, Serialize};

/// The sample rates MP3 offers at podcast quality, Hz.
const SAMPLE_RATES: [u32; 3] = [32_000, 44_100, 48_000];
/// The constant bitrates MP3 (MPEG-1 Layer III) allows, kbit/s.
const MP3_BITRATES: [u32; 14] = [
    32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320,
];

/// Output audio settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct AudioConfig {
    /// Episode sample rate in Hz (32000, 44100 or 48000). Default: 44100.
    pub sample_rate: u32,
    /// Channels: 1 (mono) or 2 (stereo). Default: 1.
    pub channels: u16,
    /// Integrated loudness target in LUFS. Default: −19 (mono; −16 for stereo).
    pub target_lufs: Option<f64>,
    /// MP3 bitrate in kbit/s for constant bitrate. Default: 64.
    pub mp3_bitrate: u32,
    /// "cbr" or "vbr". Default: "cbr" (exact durations in every app).
    pub mp3_mode: Mp3Mode,
    /// VBR quality 0 (best) – 9 (smallest), used when `mp3_mode = "vbr"`. Default: 6.
    pub mp3_vbr_quality: u8,
    /// Also write a WAV master per episode. Default: true.
    pub wav: bool,
}

impl Default for AudioConfig {
    fn default() -> Self {
        AudioConfig {
            sample_rate: 44_100,
            channels: 1,
            target_lufs: None,
            mp3_bitrate: 64,
            mp3_mode: Mp3Mode::Cbr,
            mp3_vbr_quality: 6,
            wav: true,
        }
    }
}

/// MP3 rate control.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Mp3Mode {
    /// Constant bitrate.
    #[default]
    Cbr,
    /// Variable bitrate.
    Vbr,
}

impl AudioConfig {
    /// The loudness target, defaulting by channel count as podcast platforms recommend.
    pub fn target(&self) -> f64 {
        self.target_lufs
            .unwrap_or(if self.channels == 1 { -19.0 } else { -16.0 })
    }

    /// Checks the format is one the encoders take and the numbers are in range.
    pub fn validate(&self) -> Result<()> {
        if !SAMPLE_RATES.contains(&self.sample_rate) {
            bail!(
                "audio.sample_rate = {} is not one MP3 supports at podcast quality; use 32000, 44100 or 48000",
                self.sample_rate
            );
        }
        if self.channels != 1 && self.channels != 2 {
            bail!("audio.channels = {} must be 1 or 2", self.channels);
        }
        if !MP3_BITRATES.contains(&self.mp3_bitrate) {
            bail!(
                "audio.mp3_bitrate = {} is not an MP3 bitrate",
                self.mp3_bitrate
            );
        }
        if let Some(t) = self.target_lufs {
            // `contains` is false for NaN, so this refuses it too.
            if !(-40.0..=-5.0).contains(&t) {
                bail!("audio.target_lufs = {t} is outside −40…−5 LUFS");
            }
        }
        if self.mp3_vbr_quality > 9 {
            bail!(
                "audio.mp3_vbr_quality = {} must be 0–9",
                self.mp3_vbr_quality
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use std::path::Path;

    #[test]
    fn stereo_target_defaults_to_minus_16() {
        let c = Config::parse("[audio]\nchannels = 2", Path::new("x")).unwrap();
        assert_eq!(c.audio.target(), -16.0);
        let c = Config::parse("[audio]\nchannels = 2\ntarget_lufs = -14", Path::new("x")).unwrap();
        assert_eq!(c.audio.target(), -14.0);
    }

    #[test]
    fn formats_the_encoders_cannot_write_are_named() {
        for (bad, why) in [
            ("sample_rate = 22050", "audio.sample_rate = 22050"),
            ("channels = 0", "audio.channels = 0"),
            ("mp3_bitrate = 65", "audio.mp3_bitrate = 65"),
            ("target_lufs = -4", "audio.target_lufs = -4"),
            ("mp3_vbr_quality = 10", "audio.mp3_vbr_quality = 10"),
        ] {
            let toml = format!("[audio]\n{bad}");
            let err = Config::parse(&toml, Path::new("x")).expect_err(&toml);
            assert!(format!("{err:#}").contains(why), "{toml}: {err:#}");
        }
        let ok =
            "[audio]\nsample_rate = 48000\nchannels = 2\nmp3_bitrate = 320\nmp3_vbr_quality = 0";
        assert!(Config::parse(ok, Path::new("x")).is_ok());
    }
}
