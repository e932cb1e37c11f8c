//! Recorded clips (hymns, intro, outro) prepared for an episode: decoded from any format
//! symphonia reads, trimmed, mixed down or up to the episode's channels, resampled with the
//! FFT resampler, and faded at both edges so there are no clicks.

use super::decode::decode_file_checked;
use super::{resample, Pcm};
use crate::config::{Config, HymnClip};
use anyhow::{Context, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// File extensions tried for `audio/hymns/<number>.<ext>`, in order.
pub const EXTENSIONS: &[&str] = &["flac", "wav", "ogg", "oga", "opus", "mp3", "m4a", "aac"];

/// How to cut and fade a clip.
#[derive(Debug, Clone, PartialEq)]
pub struct ClipSpec {
    /// The file.
    pub path: PathBuf,
    /// Chapter title override.
    pub title: Option<String>,
    /// Start of the used part, seconds.
    pub start: f64,
    /// End of the used part, seconds (None = end of file).
    pub end: Option<f64>,
    /// Fade-in, seconds.
    pub fade_in: f64,
    /// Fade-out, seconds.
    pub fade_out: f64,
}

/// A prepared clip's identity: its file and the bits of start, end, fade-in and fade-out.
type ClipKey = (PathBuf, [u64; 4]);

/// Finds and prepares clips for one project and output format; prepared clips are cached,
/// so a hymn used by several episodes is decoded once per build.
pub struct Library {
    project: PathBuf,
    hymns_dir: PathBuf,
    table: HashMap<u32, HymnClip>,
    fade: f64,
    rate: u32,
    channels: u16,
    cache: Mutex<HashMap<ClipKey, Arc<Prepared>>>,
}

/// A clip ready to mix, with anything the producer should know about the file.
#[derive(Debug)]
pub struct Prepared {
    /// In the episode's rate and channels, trimmed and faded.
    pub pcm: Pcm,
    /// Problems that did not stop it playing (the file is cut short), naming the file.
    pub warnings: Vec<String>,
}

impl Library {
    /// A library for the project's configuration and output format.
    pub fn new(project: &Path, config: &Config) -> Library {
        Library {
            project: project.to_path_buf(),
            hymns_dir: project.join(&config.production.hymns_dir),
            table: config
                .hymns
                .iter()
                .filter_map(|(k, v)| Some((k.parse().ok()?, v.clone())))
                .collect(),
            fade: f64::from(config.production.fade_ms) / 1000.0,
            rate: config.audio.sample_rate,
            channels: config.audio.channels,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// Where hymn `number` would be looked for, for messages.
    pub fn search_description(&self, number: u32) -> String {
        format!(
            "no recording for hymn {number}: {}",
            self.where_to_add(number)
        )
    }

    /// How to give hymn `number` a recording: "add audio/hymns/302.mp3 (or …) or a
    /// [hymns.302] entry in devocast.toml".
    pub fn where_to_add(&self, number: u32) -> String {
        format!(
            "add {}/{number}.mp3 (or .flac, .ogg, .wav, .m4a) or a [hymns.{number}] entry in devocast.toml",
            self.shown(&self.hymns_dir)
        )
    }

    /// A path as the producer knows it: relative to the project when inside it.
    pub fn shown(&self, path: &Path) -> String {
        path.strip_prefix(&self.project)
            .unwrap_or(path)
            .display()
            .to_string()
    }

    /// The recording for a hymn number, if there is one.
    pub fn hymn(&self, number: u32) -> Option<ClipSpec> {
        if let Some(c) = self.table.get(&number) {
            return Some(ClipSpec {
                path: self.project.join(&c.file),
                title: c.title.clone(),
                start: c.start,
                end: c.end,
                fade_in: c.fade_in.unwrap_or(self.fade),
                fade_out: c.fade_out.unwrap_or(self.fade),
            });
        }
        EXTENSIONS.iter().find_map(|ext| {
            let path = self.hymns_dir.join(format!("{number}.{ext}"));
            path.is_file().then(|| self.plain(path))
        })
    }

    /// A clip used whole with the default fades (intro, outro).
    pub fn plain(&self, path: PathBuf) -> ClipSpec {
        ClipSpec {
            path,
            title: None,
            start: 0.0,
            end: None,
            fade_in: self.fade,
            fade_out: self.fade,
        }
    }

    /// Decodes and prepares a clip in the episode's format.
    pub fn prepare(&self, spec: &ClipSpec) -> Result<Arc<Prepared>> {
        // Every setting that changes the prepared audio is part of the key: the same file may
        // serve as a hymn with its own trim and fades and, say, as the outro.
        let key = (
            spec.path.clone(),
            [
                spec.start,
                spec.end.unwrap_or(-1.0),
                spec.fade_in,
                spec.fade_out,
            ]
            .map(f64::to_bits),
        );
        if let Some(p) = self.cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return Ok(p);
        }
        let (pcm, warnings) = prepare_checked(spec, self.rate, self.channels)
            .with_context(|| format!("cannot use the clip `{}`", spec.path.display()))?;
        let shown = self.shown(&spec.path);
        let prepared = Arc::new(Prepared {
            pcm,
            warnings: warnings
                .into_iter()
                .map(|w| format!("the recording `{shown}`: {w}"))
                .collect(),
        });
        if let Ok(mut c) = self.cache.lock() {
            c.insert(key, prepared.clone());
        }
        Ok(prepared)
    }
}

/// Decode → trim → channels → resample → fades.
pub fn prepare(spec: &ClipSpec, rate: u32, channels: u16) -> Result<Pcm> {
    prepare_checked(spec, rate, channels).map(|(pcm, _)| pcm)
}

/// As [`prepare`], with warnings about the file (cut short).
pub fn prepare_checked(spec: &ClipSpec, rate: u32, channels: u16) -> Result<(Pcm, Vec<String>)> {
    let checked = decode_file_checked(&spec.path)?;
    let warnings: Vec<String> = checked.truncated.into_iter().collect();
    let decoded = checked.pcm;
    let ch = usize::from(decoded.channels);
    let total = decoded.frames();
    let first = ((spec.start * f64::from(decoded.rate)) as usize).min(total);
    let last = spec.end.map_or(total, |e| {
        ((e * f64::from(decoded.rate)) as usize).min(total)
    });
    if last <= first {
        anyhow::bail!(
            "the part to play ({}–{:?} s) is empty; the file is {:.1} s long",
            spec.start,
            spec.end,
            decoded.seconds()
        );
    }
    let trimmed = Pcm {
        rate: decoded.rate,
        channels: decoded.channels,
        samples: decoded.samples[first * ch..last * ch].to_vec(),
    };
    let mixed = trimmed.with_channels(channels);
    let samples = resample(&mixed.samples, usize::from(channels), mixed.rate, rate)?;
    let mut pcm = Pcm {
        rate,
        channels,
        samples,
    };
    fade_in(&mut pcm, spec.fade_in);
    fade_out(&mut pcm, spec.fade_out);
    Ok((pcm, warnings))
}

/// Raised-cosine fade over the first `seconds`.
pub fn fade_in(pcm: &mut Pcm, seconds: f64) {
    let ch = usize::from(pcm.channels);
    let n = ((seconds * f64::from(pcm.rate)) as usize).min(pcm.frames());
    for i in 0..n {
        let g = 0.5 - 0.5 * (std::f64::consts::PI * i as f64 / n as f64).cos();
        for c in 0..ch {
            pcm.samples[i * ch + c] *= g as f32;
        }
    }
}

/// Raised-cosine fade over the last `seconds`.
pub fn fade_out(pcm: &mut Pcm, seconds: f64) {
    let ch = usize::from(pcm.channels);
    let frames = pcm.frames();
    let n = ((seconds * f64::from(pcm.rate)) as usize).min(frames);
    for i in 0..n {
        let g = 0.5 - 0.5 * (std::f64::consts::PI * i as f64 / n as f64).cos();
        let f = frames - 1 - i;
        for c in 0..ch {
            pcm.samples[f * ch + c] *= g as f32;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fades_reach_silence_at_the_edges() {
        let mut p = Pcm {
            rate: 1000,
            channels: 2,
            samples: vec![1.0; 2000],
        };
        fade_in(&mut p, 0.1);
        fade_out(&mut p, 0.1);
        assert_eq!(p.samples[0], 0.0);
        assert_eq!(p.samples[1998], 0.0);
        assert!((p.samples[1000] - 1.0).abs() < 1e-6);
        assert!(p.samples[200] > 0.99 && (p.samples[100] - 0.5).abs() < 0.01);
    }
}
