//! Any audio file symphonia reads (MP3, FLAC, Ogg Vorbis, WAV) → [`Pcm`] at its own rate.
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

/// Decodes a whole file into interleaved floating-point samples.
pub fn decode_file(path: &Path) -> Result<Pcm> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("failed to open `{}`", path.display()))?;
    let mut hint = Hint::new();
    if let Some(ext) = path.extension().and_then(|e| e.to_str()) {
        hint.with_extension(ext);
    }
    decode(Box::new(file), &hint).with_context(|| format!("cannot decode `{}`", path.display()))
}

/// Decodes from a media source.
pub fn decode(source: Box<dyn symphonia::core::io::MediaSource>, hint: &Hint) -> Result<Pcm> {
    let mss = MediaSourceStream::new(source, Default::default());
    let mut format = symphonia::default::get_probe()
        .probe(
            hint,
            mss,
            FormatOptions::default(),
            MetadataOptions::default(),
        )
        .map_err(|e| anyhow!("not a supported audio file ({e})"))?;
    let track = format
        .default_track(TrackType::Audio)
        .ok_or_else(|| anyhow!("the file has no audio track"))?;
    let track_id = track.id;
    let params = track
        .codec_params
        .as_ref()
        .and_then(|p| p.audio())
        .ok_or_else(|| anyhow!("the audio track has no codec parameters"))?
        .clone();
    let mut decoder = symphonia::default::get_codecs()
        .make_audio_decoder(&params, &AudioDecoderOptions::default())
        .map_err(|e| anyhow!("unsupported codec ({e})"))?;

    let mut samples: Vec<f32> = Vec::new();
    let mut chunk: Vec<f32> = Vec::new();
    let mut rate = params.sample_rate.unwrap_or(0);
    let mut channels = params.channels.as_ref().map_or(0, |c| c.count() as u16);
    let mut bad_packets = 0usize;
    loop {
        let packet = match format.next_packet() {
            Ok(Some(p)) => p,
            Ok(None) => break,
            Err(Error::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
            Err(e) => bail!("the file is damaged ({e})"),
        };
        if packet.track_id != track_id {
            continue;
        }
        match decoder.decode(&packet) {
            Ok(buf) => {
                rate = buf.spec().rate();
                channels = buf.spec().channels().count() as u16;
                buf.copy_to_vec_interleaved(&mut chunk);
                samples.extend_from_slice(&chunk);
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
    Ok(Pcm {
        rate,
        channels,
        samples,
    })
}
