//! `devocast.toml` → [`Config`]: defaults, validation, unknown keys rejected.
//!
//! Every field is documented with its default; the same text is the reference in the README.

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The name of the project configuration file.
pub const FILE_NAME: &str = "devocast.toml";

/// The whole project configuration.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The podcast as a whole (channel metadata).
    pub podcast: Podcast,
    /// Which text-to-speech engine narrates, and how.
    pub voice: VoiceConfig,
    /// The episode's sample format and encoders.
    pub audio: AudioConfig,
    /// Silence inserted by document structure.
    pub pauses: Pauses,
    /// Intro, outro, announcement and hymn placement.
    pub production: Production,
    /// Hymn recordings by hymn number (in addition to `audio/hymns/<number>.<ext>`).
    pub hymns: BTreeMap<String, HymnClip>,
}

/// Where a hymn recording goes relative to the stanza quoted in the article.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum HymnPlacement {
    /// The recording plays instead of reading the stanza.
    #[default]
    Replace,
    /// The stanza is read, then the recording plays.
    After,
}

/// Production settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Production {
    /// Folder searched for `<number>.<ext>` hymn recordings. Default: "audio/hymns".
    pub hymns_dir: PathBuf,
    /// Recording instead of, or after, the read stanza: "replace" or "after". Default: "replace".
    pub hymn_placement: HymnPlacement,
    /// Silence before and after a hymn recording, ms. Default: 800.
    pub hymn_gap_ms: u32,
    /// Loudness of music relative to the narration, LU (negative is quieter). Default: −2.
    pub music_offset_lu: f64,
    /// Clip played at the start of every episode. Default: none.
    pub intro: Option<PathBuf>,
    /// Clip played at the end of every episode. Default: none.
    pub outro: Option<PathBuf>,
    /// Speak "<podcast>. <episode title>. <date>." at the start. Default: true.
    pub announce: bool,
    /// Fade at every clip edge, ms (no clicks). Default: 15.
    pub fade_ms: u32,
    /// True-peak ceiling in dBTP for the finished episode. Default: −1.0.
    pub true_peak_dbtp: f64,
}

impl Default for Production {
    fn default() -> Self {
        Production {
            hymns_dir: PathBuf::from("audio/hymns"),
            hymn_placement: HymnPlacement::Replace,
            hymn_gap_ms: 800,
            music_offset_lu: -2.0,
            intro: None,
            outro: None,
            announce: true,
            fade_ms: 15,
            true_peak_dbtp: -1.0,
        }
    }
}

/// One entry of the `[hymns]` table.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HymnClip {
    /// Audio file, relative to the project.
    pub file: PathBuf,
    /// Title for the chapter; default: the stanza's first line.
    pub title: Option<String>,
    /// Start of the part to play, seconds. Default: 0.
    #[serde(default)]
    pub start: f64,
    /// End of the part to play, seconds. Default: the end of the file.
    pub end: Option<f64>,
    /// Fade-in, seconds. Default: the production fade.
    pub fade_in: Option<f64>,
    /// Fade-out, seconds. Default: the production fade.
    pub fade_out: Option<f64>,
}

/// Channel metadata for the feed and the ID3 tags.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Podcast {
    /// Podcast title. Default: "Untitled devotions".
    pub title: String,
    /// Channel description. Default: empty (the feed then repeats the title).
    pub description: String,
    /// Author shown in apps (itunes:author, ID3 artist). Default: "devocast".
    pub author: String,
    /// Owner e-mail for itunes:owner. Default: none.
    pub email: Option<String>,
    /// Language tag of the articles (RSS language). Default: "en-us".
    pub language: String,
    /// Public URL where the contents of `feed/` will be served; enclosure URLs start with it.
    /// Default: "http://localhost:8000".
    pub base_url: String,
    /// Cover image (square JPEG or PNG, 1400–3000 px), relative to the project. Default: none,
    /// and devocast draws one.
    pub image: Option<PathBuf>,
    /// Apple Podcasts category. Default: "Religion & Spirituality".
    pub category: String,
    /// Optional subcategory. Default: "Christianity".
    pub subcategory: Option<String>,
    /// itunes:explicit. Default: false.
    pub explicit: bool,
    /// Copyright line. Default: none.
    pub copyright: Option<String>,
    /// Folder of article sources, relative to the project. Default: "episodes".
    pub episodes_dir: PathBuf,
    /// Output folder, relative to the project. Default: "feed".
    pub output_dir: PathBuf,
}

impl Default for Podcast {
    fn default() -> Self {
        Podcast {
            title: "Untitled devotions".into(),
            description: String::new(),
            author: "devocast".into(),
            email: None,
            language: "en-us".into(),
            base_url: "http://localhost:8000".into(),
            image: None,
            category: "Religion & Spirituality".into(),
            subcategory: Some("Christianity".into()),
            explicit: false,
            copyright: None,
            episodes_dir: PathBuf::from("episodes"),
            output_dir: PathBuf::from("feed"),
        }
    }
}

/// Which engine speaks.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    /// The system espeak-ng library if installed, else the embedded engine.
    #[default]
    Auto,
    /// The system espeak-ng library (`libespeak-ng.so.1`); an error if missing.
    System,
    /// The pure-Rust espeak-ng port compiled into devocast.
    Embedded,
    /// A Piper neural voice (`model`), run with ONNX Runtime.
    Piper,
}

/// Voice settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct VoiceConfig {
    /// Engine selection: "auto", "system" or "embedded". Default: "auto".
    pub engine: Engine,
    /// espeak-ng voice name. Default: "en-us".
    pub name: String,
    /// Speaking rate in words per minute (80–450). Default: 165.
    pub rate: u32,
    /// Base pitch (0–100). Default: 45.
    pub pitch: u32,
    /// Piper: the voice model (`.onnx`, with its `.onnx.json` beside it), relative to the
    /// project. Default: none.
    pub model: Option<PathBuf>,
    /// Piper: speaker number for multi-speaker voices. Default: 0.
    pub speaker: Option<u32>,
    /// Piper: speaking-rate factor (above 1 is slower). Default: the voice's own.
    pub length_scale: Option<f32>,
    /// Piper: voice variation. Default: the voice's own.
    pub noise_scale: Option<f32>,
    /// Piper: phoneme-length variation. Default: the voice's own.
    pub noise_w: Option<f32>,
    /// Piper: the ONNX Runtime library; default: `ORT_DYLIB_PATH`, else an installed Python
    /// `onnxruntime` package.
    pub onnxruntime: Option<PathBuf>,
    /// Piper: threads per inference session. Default: 1.
    pub threads: usize,
}

impl Default for VoiceConfig {
    fn default() -> Self {
        VoiceConfig {
            engine: Engine::Auto,
            name: "en-us".into(),
            rate: 165,
            pitch: 45,
            model: None,
            speaker: None,
            length_scale: None,
            noise_scale: None,
            noise_w: None,
            onnxruntime: None,
            threads: 1,
        }
    }
}

/// Output audio settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AudioConfig {
    /// Episode sample rate in Hz (32000, 44100 or 48000). Default: 44100.
    pub sample_rate: u32,
    /// Channels: 1 (mono) or 2 (stereo). Default: 1.
    pub channels: u16,
    /// Integrated loudness target in LUFS. Default: −19 for mono, −16 for stereo.
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

impl AudioConfig {
    /// The loudness target, defaulting by channel count as podcast platforms recommend.
    pub fn target(&self) -> f64 {
        self.target_lufs
            .unwrap_or(if self.channels == 1 { -19.0 } else { -16.0 })
    }
}

/// MP3 rate control.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Mp3Mode {
    /// Constant bitrate.
    #[default]
    Cbr,
    /// Variable bitrate.
    Vbr,
}

/// Pauses by structure, in milliseconds.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Pauses {
    /// After each sentence. Default: 250.
    pub sentence_ms: u32,
    /// After each paragraph, quote or list. Default: 700.
    pub paragraph_ms: u32,
    /// After a heading is spoken. Default: 900.
    pub heading_ms: u32,
    /// Before a heading (between sections). Default: 600.
    pub section_ms: u32,
    /// Between the lines of a hymn stanza. Default: 350.
    pub line_ms: u32,
}

impl Default for Pauses {
    fn default() -> Self {
        Pauses {
            sentence_ms: 250,
            paragraph_ms: 700,
            heading_ms: 900,
            section_ms: 600,
            line_ms: 350,
        }
    }
}

impl Config {
    /// Parses configuration text; `path` is only used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            match line {
                Some(l) => anyhow::anyhow!("`{}` line {l}: {}", path.display(), e.message()),
                None => anyhow::anyhow!("`{}`: {}", path.display(), e.message()),
            }
        })?;
        config
            .validate()
            .with_context(|| format!("invalid configuration in `{}`", path.display()))?;
        Ok(config)
    }

    /// Loads `devocast.toml` from a project folder; a missing file means all defaults.
    pub fn load(project: &Path) -> Result<Config> {
        let path = project.join(FILE_NAME);
        match std::fs::read_to_string(&path) {
            Ok(text) => Config::parse(&text, &path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(e).with_context(|| format!("failed to read `{}`", path.display())),
        }
    }

    fn validate(&self) -> Result<()> {
        let a = &self.audio;
        if ![32_000, 44_100, 48_000].contains(&a.sample_rate) {
            bail!(
                "audio.sample_rate = {} is not one MP3 supports at podcast quality; use 32000, 44100 or 48000",
                a.sample_rate
            );
        }
        if a.channels != 1 && a.channels != 2 {
            bail!("audio.channels = {} must be 1 or 2", a.channels);
        }
        if ![
            32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320,
        ]
        .contains(&a.mp3_bitrate)
        {
            bail!(
                "audio.mp3_bitrate = {} is not an MP3 bitrate",
                a.mp3_bitrate
            );
        }
        if let Some(t) = a.target_lufs {
            if !(-40.0..=-5.0).contains(&t) {
                bail!("audio.target_lufs = {t} is outside −40…−5 LUFS");
            }
        }
        if !(80..=450).contains(&self.voice.rate) {
            bail!(
                "voice.rate = {} must be 80–450 words per minute",
                self.voice.rate
            );
        }
        if self.voice.pitch > 100 {
            bail!("voice.pitch = {} must be 0–100", self.voice.pitch);
        }
        if a.mp3_vbr_quality > 9 {
            bail!("audio.mp3_vbr_quality = {} must be 0–9", a.mp3_vbr_quality);
        }
        let p = &self.production;
        if !(-9.0..=-0.1).contains(&p.true_peak_dbtp) {
            bail!(
                "production.true_peak_dbtp = {} must be between −9 and −0.1",
                p.true_peak_dbtp
            );
        }
        if !(-20.0..=6.0).contains(&p.music_offset_lu) {
            bail!(
                "production.music_offset_lu = {} must be between −20 and 6",
                p.music_offset_lu
            );
        }
        for (number, clip) in &self.hymns {
            if number.parse::<u32>().is_err() {
                bail!("[hymns] key {number:?} must be a hymn number, e.g. [hymns.114]");
            }
            if clip.start < 0.0 || clip.end.is_some_and(|e| e <= clip.start) {
                bail!("[hymns.{number}] start and end must satisfy 0 ≤ start < end");
            }
            for f in [clip.fade_in, clip.fade_out].into_iter().flatten() {
                if !(0.0..=30.0).contains(&f) {
                    bail!("[hymns.{number}] fades must be 0–30 seconds");
                }
            }
        }
        let url = &self.podcast.base_url;
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            bail!("podcast.base_url = {url:?} must start with http:// or https://");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_gives_defaults() {
        let c = Config::parse("", Path::new("devocast.toml")).unwrap();
        assert_eq!(c.audio.sample_rate, 44_100);
        assert_eq!(c.audio.target(), -19.0);
        assert_eq!(c.voice.engine, Engine::Auto);
    }

    #[test]
    fn unknown_key_is_rejected_with_line() {
        let err = Config::parse(
            "[podcast]\ntitle = \"x\"\ntitel = \"y\"\n",
            Path::new("p.toml"),
        )
        .unwrap_err();
        let msg = format!("{err:#}");
        assert!(
            msg.contains("p.toml") && msg.contains("line 3") && msg.contains("titel"),
            "{msg}"
        );
    }

    #[test]
    fn invalid_values_are_rejected() {
        for bad in [
            "[audio]\nsample_rate = 22050",
            "[audio]\nchannels = 3",
            "[audio]\nmp3_bitrate = 65",
            "[voice]\nengine = \"festival\"",
            "[podcast]\nbase_url = \"example.org\"",
            "[hymns.abc]\nfile = \"x.mp3\"",
            "[hymns.12]\nfile = \"x.mp3\"\nstart = 5.0\nend = 2.0",
            "[hymns.12]\nfile = \"x.mp3\"\nvolume = 3",
            "[production]\nhymn_placement = \"before\"",
            "[audio]\nmp3_mode = \"abr\"",
        ] {
            assert!(Config::parse(bad, Path::new("x.toml")).is_err(), "{bad}");
        }
    }

    #[test]
    fn hymn_table_parses() {
        let c = Config::parse(
            "[hymns.114]\nfile = \"audio/savior.flac\"\ntitle = \"Savior, hail\"\nstart = 1.5\nend = 40\nfade_out = 3\n",
            Path::new("x"),
        )
        .unwrap();
        let h = &c.hymns["114"];
        assert_eq!(h.file, PathBuf::from("audio/savior.flac"));
        assert_eq!((h.start, h.end, h.fade_out), (1.5, Some(40.0), Some(3.0)));
    }

    #[test]
    fn stereo_target_defaults_to_minus_16() {
        let c = Config::parse("[audio]\nchannels = 2", Path::new("x")).unwrap();
        assert_eq!(c.audio.target(), -16.0);
    }
}
