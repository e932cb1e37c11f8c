//! MP3 through LAME (built from source by `mp3lame-encoder`, no system package), with the
//! LAME/Xing tag for gapless playback and an ID3v2.4 tag with chapters in front.
//!
//! Two details matter for whole files: flushing with `FlushGap` (the no-gap flush drops the
//! last ~800 samples), and writing the LAME tag into the placeholder frame LAME reserved at
//! the start of the stream rather than adding a frame (which decoders would play as silence
//! and which would shift every chapter).

use super::{TagChapter, Tags};
use crate::audio::Pcm;
use anyhow::{anyhow, bail, Context, Result};
use mp3lame_encoder::{Bitrate, Builder, DualPcm, FlushGap, MonoPcm, Quality};

/// Frames fed to LAME per call; bounds the output buffer.
const CHUNK: usize = 1152 * 32;

fn bitrate(kbps: u32) -> Result<Bitrate> {
    Ok(match kbps {
        32 => Bitrate::Kbps32,
        40 => Bitrate::Kbps40,
        48 => Bitrate::Kbps48,
        64 => Bitrate::Kbps64,
        80 => Bitrate::Kbps80,
        96 => Bitrate::Kbps96,
        112 => Bitrate::Kbps112,
        128 => Bitrate::Kbps128,
        160 => Bitrate::Kbps160,
        192 => Bitrate::Kbps192,
        224 => Bitrate::Kbps224,
        256 => Bitrate::Kbps256,
        320 => Bitrate::Kbps320,
        other => bail!("{other} kbit/s is not an MP3 bitrate LAME offers"),
    })
}

/// Rate control for the encoder.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Constant bitrate in kbit/s, or `None` for VBR.
    pub cbr_kbps: Option<u32>,
    /// VBR quality 0–9.
    pub vbr_quality: u8,
}

impl From<&crate::config::AudioConfig> for Settings {
    fn from(a: &crate::config::AudioConfig) -> Settings {
        Settings {
            cbr_kbps: (a.mp3_mode == crate::config::Mp3Mode::Cbr).then_some(a.mp3_bitrate),
            vbr_quality: a.mp3_vbr_quality,
        }
    }
}

fn quality(q: u8) -> Quality {
    match q {
        0 => Quality::Best,
        1 => Quality::SecondBest,
        2 => Quality::NearBest,
        3 => Quality::VeryNice,
        4 => Quality::Nice,
        5 => Quality::Good,
        6 => Quality::Decent,
        7 => Quality::Ok,
        8 => Quality::SecondWorst,
        _ => Quality::Worst,
    }
}

/// Encodes audio as an MP3 with the given tags.
pub fn encode(pcm: &Pcm, settings: &Settings, tags: &Tags) -> Result<Vec<u8>> {
    let mut b = Builder::new().ok_or_else(|| anyhow!("LAME could not allocate an encoder"))?;
    b.set_num_channels(pcm.channels as u8)
        .map_err(|e| anyhow!("LAME channels: {e}"))?;
    b.set_sample_rate(pcm.rate)
        .map_err(|e| anyhow!("LAME sample rate: {e}"))?;
    match settings.cbr_kbps {
        Some(kbps) => b
            .set_brate(bitrate(kbps)?)
            .map_err(|e| anyhow!("LAME bitrate: {e}"))?,
        None => {
            b.set_vbr_mode(mp3lame_encoder::VbrMode::Mtrh)
                .map_err(|e| anyhow!("LAME VBR: {e}"))?;
            b.set_vbr_quality(quality(settings.vbr_quality))
                .map_err(|e| anyhow!("LAME VBR quality: {e}"))?;
        }
    }
    b.set_quality(Quality::Good)
        .map_err(|e| anyhow!("LAME quality: {e}"))?;
    b.set_to_write_vbr_tag(true)
        .map_err(|e| anyhow!("LAME tag: {e}"))?;
    let mut enc = b
        .build()
        .map_err(|e| anyhow!("LAME rejected the settings: {e}"))?;

    let channels = usize::from(pcm.channels);
    let kbps = settings.cbr_kbps.unwrap_or(128) as usize;
    let mut audio: Vec<u8> =
        Vec::with_capacity(pcm.frames() * kbps * 125 / pcm.rate as usize + 8192);
    let mut left = Vec::with_capacity(CHUNK);
    let mut right = Vec::with_capacity(CHUNK);
    for chunk in pcm.samples.chunks(CHUNK * channels) {
        audio.reserve(mp3lame_encoder::max_required_buffer_size(
            chunk.len() / channels,
        ));
        if channels == 1 {
            enc.encode_to_vec(MonoPcm(chunk), &mut audio)
        } else {
            left.clear();
            right.clear();
            for f in chunk.chunks_exact(2) {
                left.push(f[0]);
                right.push(f[1]);
            }
            enc.encode_to_vec(
                DualPcm {
                    left: &left,
                    right: &right,
                },
                &mut audio,
            )
        }
        .map_err(|e| anyhow!("LAME encode: {e}"))?;
    }
    audio.reserve(7200);
    enc.flush_to_vec::<FlushGap>(&mut audio)
        .map_err(|e| anyhow!("LAME flush: {e}"))?;

    let mut lame_tag = Vec::with_capacity(enc.lame_tag_size().max(1));
    if enc
        .lame_tag_encode_to_vec(&mut lame_tag)
        .is_some_and(|n| n.get() <= audio.len())
    {
        audio[..lame_tag.len()].copy_from_slice(&lame_tag);
    }

    let mut out = id3_bytes(tags)?;
    out.extend_from_slice(&audio);
    Ok(out)
}

/// Builds the ID3v2.4 tag: text frames, one CHAP per chapter and a top-level ordered CTOC
/// (Overcast and others ignore chapters without one).
pub fn id3_bytes(tags: &Tags) -> Result<Vec<u8>> {
    use id3::frame::{Chapter, Comment, Content, Frame, TableOfContents};
    use id3::{Tag, TagLike, Version};
    // Players show these texts; none may carry a control character.
    let clean = |s: &str| crate::sanitize::clean(s).into_owned();
    let mut tag = Tag::new();
    tag.set_title(clean(&tags.title));
    tag.set_artist(clean(&tags.artist));
    tag.set_album(clean(&tags.album));
    if !tags.genre.is_empty() {
        tag.set_genre(clean(&tags.genre));
    }
    if let Some(d) = &tags.date {
        if let Ok(ts) = d.parse::<id3::Timestamp>() {
            tag.set_date_recorded(ts);
        }
    }
    if let Some((mime, data)) = &tags.cover {
        tag.add_frame(id3::frame::Picture {
            mime_type: mime.clone(),
            picture_type: id3::frame::PictureType::CoverFront,
            description: "Cover".into(),
            data: data.clone(),
        });
    }
    if !tags.comment.is_empty() {
        tag.add_frame(Comment {
            lang: "eng".into(),
            description: String::new(),
            text: clean(&tags.comment),
        });
    }
    let ids: Vec<String> = (0..tags.chapters.len()).map(|i| format!("ch{i}")).collect();
    for (
        id,
        TagChapter {
            start_ms,
            end_ms,
            title,
        },
    ) in ids.iter().zip(&tags.chapters)
    {
        tag.add_frame(Chapter {
            element_id: id.clone(),
            start_time: *start_ms,
            end_time: *end_ms,
            start_offset: u32::MAX,
            end_offset: u32::MAX,
            frames: vec![Frame::with_content("TIT2", Content::Text(clean(title)))],
        });
    }
    if !ids.is_empty() {
        tag.add_frame(TableOfContents {
            element_id: "toc".into(),
            top_level: true,
            ordered: true,
            elements: ids,
            frames: Vec::new(),
        });
    }
    let mut bytes = Vec::new();
    tag.write_to(&mut bytes, Version::Id3v24)
        .context("failed to write the ID3 tag")?;
    Ok(bytes)
}

/// How much quieter the MP3 encoder makes this audio (after `gain_db`), in LU, estimated on a 15-second
/// sample of the episode (three 5-second excerpts). LAME at speech bitrates drops masked
/// detail and reads about 0.3–0.5 LU quieter than its input, which would leave episodes
/// short of the loudness target; mastering compensates by this amount.
pub fn loudness_loss(pcm: &Pcm, gain_db: f64, settings: &Settings) -> Result<f64> {
    use crate::audio::master::integrated;
    let ch = usize::from(pcm.channels);
    let piece = pcm.rate as usize * 5;
    let frames = pcm.frames();
    let mut excerpt = Pcm::new(pcm.rate, pcm.channels);
    if frames <= 3 * piece {
        excerpt.samples = pcm.samples.clone();
    } else {
        for k in 1..=3 {
            let start = frames * k / 4 - piece / 2;
            excerpt
                .samples
                .extend_from_slice(&pcm.samples[start * ch..(start + piece) * ch]);
        }
    }
    let g = 10f64.powf(gain_db / 20.0) as f32;
    excerpt.samples.iter_mut().for_each(|s| *s *= g);
    let before = integrated(&excerpt.samples, excerpt.channels, excerpt.rate)?;
    let bytes = encode(&excerpt, settings, &Tags::default())?;
    let mut hint = symphonia::core::formats::probe::Hint::new();
    hint.with_extension("mp3");
    let decoded = crate::audio::decode::decode(Box::new(std::io::Cursor::new(bytes)), &hint)?;
    let after = integrated(&decoded.samples, decoded.channels, decoded.rate)?;
    Ok(if before.is_finite() && after.is_finite() {
        before - after
    } else {
        0.0
    })
}
