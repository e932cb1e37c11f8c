//! Recorded clips (hymns, intro, outro) prepared for an episode: decoded from any format
//! symphonia reads, cut to the part to play, trimmed of the silence at both edges (so the
//! gap around a clip is the one the producer set), mixed down or up to the episode's
//! channels, resampled with the FFT resampler, and faded: a short fade-in against clicks,
//! and a fade-out as short when the recording dies away by itself, or musical (seconds)
//! when it is cut short or stops loud.

use super::decode::decode_file_checked;
use super::silence::{find_sound, SILENCE_DB};
use super::{resample, Pcm};
use crate::config::{Config, HymnClip};
use anyhow::{Context, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// File extensions tried for `audio/hymns/<number>.<ext>`, in order.
pub const EXTENSIONS: &[&str] = &["flac", "wav", "ogg", "oga", "opus", "mp3", "m4a", "aac"];

/// How clips are prepared; part of every episode's input hash, so a change to it rebuilds
/// the episodes that play clips. 2: edges trimmed, musical fade-out.
const PREPARATION: u32 = 2;

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
    /// Fade-out.
    pub fade_out: FadeOut,
}

/// How a clip fades out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FadeOut {
    /// This many seconds, however the recording ends (`[hymns.N] fade_out`).
    Fixed(f64),
    /// Chosen by how the recording ends, seconds.
    ByEnding {
        /// When it dies away to silence by itself: just enough to avoid a click.
        natural: f64,
        /// When it is cut short by `end` or stops loud: a musical fade, at most a third of
        /// the clip.
        stopped: f64,
    },
}

/// How a clip's sound ends, once trimmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// It dies away to silence.
    Natural,
    /// It is cut short by `end`, or stops loud.
    Stopped,
}

/// A prepared clip's identity: its file and every setting that changes its audio (the
/// title does not), written exactly (`{:?}` of a float round-trips).
type ClipKey = (PathBuf, String);

/// Finds and prepares clips for one project and output format; prepared clips are cached,
/// so a hymn used by several episodes is decoded once per build.
pub struct Library {
    project: PathBuf,
    hymns_dir: PathBuf,
    table: HashMap<u32, HymnClip>,
    fade: f64,
    fade_stopped: f64,
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
            fade_stopped: f64::from(config.production.fade_out_ms) / 1000.0,
            rate: config.audio.sample_rate,
            channels: config.audio.channels,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// Everything besides the files and their `[hymns]` entries that decides how clips
    /// sound: the preparation's version and the fades. For the episode's input hash.
    pub fn fingerprint(&self) -> String {
        format!(
            "clips {PREPARATION} silence {SILENCE_DB} fade {:?} stopped {:?} at {} Hz × {}",
            self.fade, self.fade_stopped, self.rate, self.channels
        )
    }

    /// Where hymn `number` would be looked for, for messages.
    pub fn search_description(&self, number: u32) -> String {
        format!(
            "no recording for hymn {number}: {}",
            self.where_to_add(number)
        )
    }

    /// The fade-out a clip gets unless its `[hymns.N]` entry sets one.
    fn fade_out(&self) -> FadeOut {
        FadeOut::ByEnding {
            natural: self.fade,
            stopped: self.fade_stopped,
        }
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
                fade_out: c.fade_out.map_or(self.fade_out(), FadeOut::Fixed),
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
            fade_out: self.fade_out(),
        }
    }

    /// Decodes and prepares a clip in the episode's format.
    pub fn prepare(&self, spec: &ClipSpec) -> Result<Arc<Prepared>> {
        // Every setting that changes the prepared audio is part of the key: the same file may
        // serve as a hymn with its own trim and fades and, say, as the outro.
        let key = (
            spec.path.clone(),
            format!("{:?}", (spec.start, spec.end, spec.fade_in, spec.fade_out)),
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

/// Decode → cut → trim → channels → resample → fades.
pub fn prepare(spec: &ClipSpec, rate: u32, channels: u16) -> Result<Pcm> {
    prepare_checked(spec, rate, channels).map(|(pcm, _)| pcm)
}

/// As [`prepare`], with warnings about the file (cut short, or no sound to trim to).
pub fn prepare_checked(spec: &ClipSpec, rate: u32, channels: u16) -> Result<(Pcm, Vec<String>)> {
    let checked = decode_file_checked(&spec.path)?;
    let mut warnings: Vec<String> = checked.truncated.into_iter().collect();
    let (part, cut_short) = cut(checked.pcm, spec)?;
    let (trimmed, ending) = match trim(part, cut_short) {
        Ok(trimmed) => trimmed,
        Err(whole) => {
            // Nothing to trim to: played as it is (a file that is silence outright was
            // refused when decoded; this is a part of one, or clicks and hiss).
            warnings.push(format!(
                "the part played holds no sound above {SILENCE_DB} dBFS (silence, clicks or hiss only); it is played as it is"
            ));
            (whole, Ending::Natural)
        }
    };
    let mixed = trimmed.with_channels(channels);
    let samples = resample(&mixed.samples, usize::from(channels), mixed.rate, rate)?;
    let mut pcm = Pcm {
        rate,
        channels,
        samples,
    };
    fade_in(&mut pcm, spec.fade_in);
    let out = fade_out_seconds(spec.fade_out, ending, pcm.seconds());
    fade_out(&mut pcm, out);
    Ok((pcm, warnings))
}

/// The part of a decoded file from `start` to `end`, and whether `end` cut the file short.
fn cut(decoded: Pcm, spec: &ClipSpec) -> Result<(Pcm, bool)> {
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
    let part = Pcm {
        rate: decoded.rate,
        channels: decoded.channels,
        samples: decoded.samples[first * ch..last * ch].to_vec(),
    };
    Ok((part, last < total))
}

/// The part without its leading and trailing silence, and how its sound ends: stopped when
/// it stops loud, or when `cut_short` and the cut falls in the sound rather than in the
/// silence after it. The part untouched (`Err`) when nothing in it is sound.
fn trim(part: Pcm, cut_short: bool) -> Result<(Pcm, Ending), Pcm> {
    let Some(sound) = find_sound(&part, SILENCE_DB) else {
        return Err(part);
    };
    let cut_in_sound = cut_short && sound.end == part.frames();
    let ending = if sound.stops_loud || cut_in_sound {
        Ending::Stopped
    } else {
        Ending::Natural
    };
    let ch = usize::from(part.channels);
    let trimmed = Pcm {
        rate: part.rate,
        channels: part.channels,
        samples: part.samples[sound.start * ch..sound.end * ch].to_vec(),
    };
    Ok((trimmed, ending))
}

/// The fade-out for a clip of `seconds` that ends as `ending`: a musical fade is at most a
/// third of the clip, so a short clip is not all fade.
pub fn fade_out_seconds(fade: FadeOut, ending: Ending, seconds: f64) -> f64 {
    match (fade, ending) {
        (FadeOut::Fixed(s), _) => s,
        (FadeOut::ByEnding { natural, .. }, Ending::Natural) => natural,
        (FadeOut::ByEnding { natural, stopped }, Ending::Stopped) => {
            stopped.min(seconds / 3.0).max(natural)
        }
    }
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

    #[test]
    fn a_musical_fade_is_for_stopped_clips_and_at_most_a_third_of_them() {
        let auto = FadeOut::ByEnding {
            natural: 0.015,
            stopped: 2.0,
        };
        assert_eq!(fade_out_seconds(auto, Ending::Natural, 30.0), 0.015);
        assert_eq!(fade_out_seconds(auto, Ending::Stopped, 30.0), 2.0);
        assert_eq!(fade_out_seconds(auto, Ending::Stopped, 3.0), 1.0);
        assert_eq!(fade_out_seconds(auto, Ending::Stopped, 0.01), 0.015);
        for ending in [Ending::Natural, Ending::Stopped] {
            assert_eq!(fade_out_seconds(FadeOut::Fixed(3.0), ending, 4.0), 3.0);
        }
    }

    #[test]
    fn the_settings_choose_the_fades_and_the_fingerprint() {
        let parse = |text: &str| Config::parse(text, Path::new("devocast.toml")).unwrap();
        let config = parse(
            "[production]\nfade_out_ms = 2500\n[hymns.3]\nfile = \"a.flac\"\nfade_out = 3.0\n[hymns.4]\nfile = \"b.flac\"\nend = 9.0\n",
        );
        let library = Library::new(Path::new("/p"), &config);
        assert_eq!(library.hymn(3).unwrap().fade_out, FadeOut::Fixed(3.0));
        let auto = FadeOut::ByEnding {
            natural: 0.015,
            stopped: 2.5,
        };
        assert_eq!(library.hymn(4).unwrap().fade_out, auto);
        // The intro and outro fade as hymns do.
        assert_eq!(library.plain(PathBuf::from("/p/intro.flac")).fade_out, auto);
        let default = Library::new(Path::new("/p"), &Config::default());
        assert_ne!(library.fingerprint(), default.fingerprint());
        let fade = Library::new(Path::new("/p"), &parse("[production]\nfade_ms = 20\n"));
        assert_ne!(fade.fingerprint(), default.fingerprint());
    }
}
