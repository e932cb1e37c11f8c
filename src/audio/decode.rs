//! Any audio file symphonia reads (MP3, FLAC, Ogg Vorbis, WAV, AAC) → [`Pcm`] at its own
//! rate, checked: sample rates and channel counts a real recording can have, no more than an
//! hour of audio, not silence, and not cut short.
//!
//! Gapless information (the LAME tag's encoder delay and padding) is honoured, so an MP3
//! devocast wrote decodes to exactly the length it was mixed at.

use super::Pcm;
use anyhow::{anyhow, bail, Context, Result};
use std::path::Path;
use symphonia::core::codecs::audio::AudioDecoderOptions;
use symphonia::core::errors::Error;
use symphonia::core::formats::probe::Hint;
use symphonia::core::formats::{FormatOptions, TrackType};
use symphonia::core::io::MediaSourceStream;
use symphonia::core::meta::MetadataOptions;

/// Sample rates a recording may have, Hz (a header claiming 4 GHz is a broken file).
pub const RATES: std::ops::RangeInclusive<u32> = 4_000..=384_000;
/// Channels a recording may have.
pub const MAX_CHANNELS: u16 = 32;
/// The longest recording devocast decodes, seconds.
pub const MAX_SECONDS: u64 = 3600;
/// Below this peak (−60 dBFS) a recording is silence, not music.
pub const SILENCE: f32 = 0.001;
/// Shorter than this, a file is a fragment, not a recording, seconds.
pub const MIN_SECONDS: f64 = 0.3;

/// A decoded file and what its container said about it.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The audio.
    pub pcm: Pcm,
    /// Why the file looks cut short (fewer frames than its header declares, or a stream
    /// that stops mid-packet), if it does.
    pub truncated: Option<String>,
}

/// Decodes a whole file into interleaved floating-point samples, refusing silence.
pub fn decode_file(path: &Path) -> Result<Pcm> {
    decode_file_checked(path).map(|d| d.pcm)
}

/// Decodes a file and reports whether it was cut short; every error names the file.
pub fn decode_file_checked(path: &Path) -> Result<Decoded> {
    // A device or pipe never ends, and a huge file is not a recording.
    let (file, _) = crate::fsutil::open_regular(path, crate::config::MAX_RECORDING_BYTES)?;
    let mut hint = Hint::new();
    if let Some(ext) = path.extension().and_then(|e| e.to_str()) {
        hint.with_extension(ext);
    }
    let decoded = decode_checked(Box::new(file), &hint)
        .with_context(|| format!("cannot decode `{}`", path.display()))?;
    if decoded.pcm.seconds() < MIN_SECONDS {
        bail!(
            "`{}` holds only {:.2} s of audio: too short to be a recording (damaged, or cut short?); re-export it",
            path.display(),
            decoded.pcm.seconds()
        );
    }
    let peak = decoded.pcm.samples.iter().fold(0f32, |m, s| m.max(s.abs()));
    if peak < SILENCE {
        bail!(
            "`{}` decodes to silence ({:.1} s, peak {:.0} dBFS): it is damaged or empty; re-export it",
            path.display(),
            decoded.pcm.seconds(),
            20.0 * f64::from(peak.max(1e-9)).log10()
        );
    }
    Ok(decoded)
}

/// Decodes from a media source.
pub fn decode(source: Box<dyn symphonia::core::io::MediaSource>, hint: &Hint) -> Result<Pcm> {
    decode_checked(source, hint).map(|d| d.pcm)
}

fn check_format(rate: u32, channels: u16) -> Result<()> {
    if !RATES.contains(&rate) {
        bail!(
            "its header gives a sample rate of {rate} Hz, which no recording has ({}–{} Hz): the file is damaged",
            RATES.start(),
            RATES.end()
        );
    }
    if channels == 0 || channels > MAX_CHANNELS {
        bail!(
            "its header gives {channels} channels (1–{MAX_CHANNELS} expected): the file is damaged"
        );
    }
    Ok(())
}

fn decode_checked(
    source: Box<dyn symphonia::core::io::MediaSource>,
    hint: &Hint,
) -> Result<Decoded> {
    let mss = MediaSourceStream::new(source, Default::default());
    let mut format = symphonia::default::get_probe()
        .probe(
            hint,
            mss,
            FormatOptions::default(),
            MetadataOptions::default(),
        )
        .map_err(|e| match e {
            Error::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
                anyhow!("the file ends before its first audio (cut short?)")
            }
            e => anyhow!("not a supported audio file ({e})"),
        })?;
    let track = format
        .default_track(TrackType::Audio)
        .ok_or_else(|| anyhow!("the file has no audio track"))?;
    let track_id = track.id;
    let declared = track.num_frames;
    let params = track
        .codec_params
        .as_ref()
        .and_then(|p| p.audio())
        .ok_or_else(|| anyhow!("the audio track has no codec parameters"))?
        .clone();
    let mut rate = params.sample_rate.unwrap_or(0);
    let mut channels = params.channels.as_ref().map_or(0, |c| c.count() as u16);
    if rate != 0 && channels != 0 {
        // Refused before a resampler or buffer is sized from a header's claim.
        check_format(rate, channels)?;
    }
    let mut decoder = symphonia::default::get_codecs()
        .make_audio_decoder(&params, &AudioDecoderOptions::default())
        .map_err(|e| anyhow!("unsupported codec ({e})"))?;

    let mut samples: Vec<f32> = Vec::new();
    let mut chunk: Vec<f32> = Vec::new();
    let mut bad_packets = 0usize;
    let mut cut_short = false;
    loop {
        let packet = match format.next_packet() {
            Ok(Some(p)) => p,
            Ok(None) => break,
            Err(Error::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                cut_short = true;
                break;
            }
            Err(e) => bail!("the file is damaged ({e})"),
        };
        if packet.track_id != track_id {
            continue;
        }
        match decoder.decode(&packet) {
            Ok(buf) => {
                let (r, c) = (buf.spec().rate(), buf.spec().channels().count() as u16);
                if (r, c) != (rate, channels) {
                    check_format(r, c)?;
                    if !samples.is_empty() {
                        bail!(
                            "the format changes mid-file ({rate} Hz × {channels} → {r} Hz × {c})"
                        );
                    }
                    (rate, channels) = (r, c);
                }
                buf.copy_to_vec_interleaved(&mut chunk);
                samples.extend_from_slice(&chunk);
                if samples.len() as u64 > MAX_SECONDS * u64::from(rate) * u64::from(channels) {
                    bail!(
                        "it is longer than {} minutes; devocast takes recordings of up to an hour",
                        MAX_SECONDS / 60
                    );
                }
            }
            // One bad frame in a long file is tolerated, as players do; many are not.
            Err(Error::DecodeError(_)) | Err(Error::IoError(_)) => {
                bad_packets += 1;
                if bad_packets > 8 {
                    bail!("the file is damaged: more than 8 frames failed to decode");
                }
            }
            Err(e) => bail!("decoding failed ({e})"),
        }
    }
    if samples.is_empty() || rate == 0 || channels == 0 {
        bail!("the file holds no audio");
    }
    let pcm = Pcm {
        rate,
        channels,
        samples,
    };
    let frames = pcm.frames() as u64;
    let secs = |f: u64| f as f64 / f64::from(rate);
    // One packet's worth of slack: containers round their counts to packets.
    let truncated = match declared {
        Some(d) if frames + 4096 < d => Some(format!(
            "it holds {:.1} s of the {:.1} s its header declares (cut short in a download or copy?); re-export it",
            secs(frames),
            secs(d)
        )),
        _ if cut_short => Some(format!(
            "it stops mid-stream after {:.1} s (cut short in a download or copy?); re-export it",
            secs(frames)
        )),
        _ => None,
    };
    Ok(Decoded { pcm, truncated })
}
