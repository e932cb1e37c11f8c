//! `devocast.toml` → [`Config`]: defaults, validation, unknown keys rejected.
//!
//! Every field is documented with its default; the same text is the reference in the README.

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

pub mod cache;

/// The name of the project configuration file.
pub const FILE_NAME: &str = "devocast.toml";
/// The folder devocast keeps its cache, manifests and locks in (git-ignored).
pub const STATE_DIR: &str = ".devocast";
/// The project's record of publication dates; commit it.
pub const PUBLISHED_FILE: &str = "published.toml";

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
    /// Talking books.
    pub book: BookConfig,
    /// How long a voice's synthesized sentences are kept once it no longer narrates.
    pub cache: cache::CacheConfig,
    /// What was cleaned while loading (control characters in text), for the build's report.
    #[serde(skip)]
    pub warnings: Vec<String>,
}

/// `[book]`: talking books.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BookConfig {
    /// Write each episode as an EPUB 3 talking book (`feed/<slug>.epub`), its text and
    /// narration synchronised sentence by sentence. Default: true.
    pub epub: bool,
}

impl Default for BookConfig {
    fn default() -> Self {
        BookConfig { epub: true }
    }
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
    /// Name a hymn before its recording plays ("Hymn 302: Come, you weary", from the
    /// `[hymns.N]` title or the stanza's first line), for listeners who cannot see the show
    /// notes. Default: true.
    pub announce_hymns: bool,
    /// Fade at every clip edge, ms (no clicks). Default: 15.
    pub fade_ms: u32,
    /// Fade-out of a recording cut short by `end` or stopping loud, ms (at most a third of
    /// the clip); one that dies away by itself gets `fade_ms`. Default: 2000.
    pub fade_out_ms: u32,
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
            announce_hymns: true,
            fade_ms: 15,
            fade_out_ms: 2000,
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
    /// Fade-out, seconds, however the recording ends. Default: `production.fade_out_ms`
    /// when the part played is cut short or stops loud, else `production.fade_ms`.
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
    /// Folder for the private WAV masters, relative to the project. Default: "masters".
    pub masters_dir: PathBuf,
    /// The time zone episode dates are meant in (IANA name, "America/Chicago"). Default: none
    /// (dates are published at a time that is the same calendar day everywhere).
    pub timezone: Option<String>,
    /// The time of day episodes are published, "HH:MM" in `timezone` (UTC without one).
    /// Default: 06:00 with a time zone; 11:00 UTC without (the same date from UTC−11 to
    /// UTC+12).
    pub publish_time: Option<String>,
    /// `podcast:license`: an SPDX identifier or a name. Default: read from `copyright` when
    /// it names a Creative Commons license.
    pub license: Option<String>,
    /// `podcast:locked`: asks podcast platforms not to import the feed elsewhere without
    /// the owner's consent. Default: true.
    pub locked: bool,
    /// `podcast:funding`: where listeners can support the podcast. Default: none.
    pub funding: Option<Funding>,
    /// `podcast:person`: hosts and other people of the podcast. Default: none.
    pub person: Vec<Person>,
    /// `itunes:new-feed-url`, when the feed moves. Default: none.
    pub new_feed_url: Option<String>,
    /// `itunes:block`: keep the podcast out of Apple's directory. Default: false.
    pub block: bool,
}

/// `[podcast.funding]`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    /// The page to give on.
    pub url: String,
    /// What the link says. Default: "Support the podcast".
    #[serde(default = "default_funding_text")]
    pub text: String,
}

fn default_funding_text() -> String {
    "Support the podcast".into()
}

/// One `[[podcast.person]]`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Their name.
    pub name: String,
    /// Their role in the Podcasting 2.0 taxonomy. Default: "host".
    #[serde(default = "default_role")]
    pub role: String,
    /// A page about them. Default: none.
    pub href: Option<String>,
    /// A picture of them. Default: none.
    pub img: Option<String>,
}

fn default_role() -> String {
    "host".into()
}

impl Default for Podcast {
    fn default() -> Self {
        Podcast {
            title: "Untitled devotions".into(),
            description: String::new(),
            author: "devocast".into(),
            email: None,
            language: "en-us".into(),
            base_url: DEFAULT_BASE_URL.into(),
            image: None,
            category: "Religion & Spirituality".into(),
            subcategory: Some("Christianity".into()),
            explicit: false,
            copyright: None,
            episodes_dir: PathBuf::from("episodes"),
            output_dir: PathBuf::from("feed"),
            masters_dir: PathBuf::from("masters"),
            timezone: None,
            publish_time: None,
            license: None,
            locked: true,
            funding: None,
            person: Vec::new(),
            new_feed_url: None,
            block: false,
        }
    }
}

/// Which engine speaks.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    /// An installed Piper voice (fetching the default one on first use), else the system
    /// espeak-ng library, else the embedded engine.
    #[default]
    Auto,
    /// The system espeak-ng library (`libespeak-ng.so.1`); an error if missing.
    System,
    /// The pure-Rust espeak-ng port compiled into devocast.
    Embedded,
    /// A Piper neural voice (`model`).
    Piper,
}

/// What runs a Piper model.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum PiperRuntime {
    /// rten, in-process and pure Rust: nothing to install.
    #[default]
    Rten,
    /// ONNX Runtime, loaded at run time (faster; install it yourself).
    Onnxruntime,
}

/// Voice settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct VoiceConfig {
    /// Engine selection: "auto", "piper", "system" or "embedded". Default: "auto".
    pub engine: Engine,
    /// espeak-ng voice name. Default: "en-us".
    pub name: String,
    /// Speaking rate in words per minute (80–450). Default: 165.
    pub rate: u32,
    /// Base pitch (0–100). Default: 45.
    pub pitch: u32,
    /// Piper: a voice name (`en_US-ljspeech-medium`, installed by `devocast voices get` or
    /// as a Python package) or a `.onnx` file relative to the project (its `.onnx.json`
    /// beside it). Default: en_US-ljspeech-medium.
    pub model: Option<String>,
    /// Piper: "rten" (in-process) or "onnxruntime". Default: "rten".
    pub runtime: PiperRuntime,
    /// Whether a build may fetch the voice it needs (once). Default: true.
    pub download: bool,
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
    /// Piper with ONNX Runtime: threads per inference session. Default: 1.
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
            runtime: PiperRuntime::Rten,
            download: true,
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

/// The `base_url` a new project starts with, which only this computer can reach.
pub const DEFAULT_BASE_URL: &str = "http://localhost:8000";

impl Config {
    /// A warning when the feed's address is still the placeholder: apps elsewhere cannot
    /// reach `localhost`.
    pub fn base_url_warning(&self) -> Option<String> {
        (self.podcast.base_url.trim_end_matches('/') == DEFAULT_BASE_URL).then(|| {
            format!(
                "podcast.base_url is still {DEFAULT_BASE_URL}: set it to the address where feed/ will be published before listeners subscribe (`devocast serve` fills in its own address meanwhile)"
            )
        })
    }

    /// Parses configuration text; `path` is only used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let mut config: Config =
            toml::from_str(text).map_err(|e| match crate::lines::toml_error_line(text, &e) {
                Some(l) => anyhow::anyhow!("`{}` line {l}: {}", path.display(), e.message()),
                None => anyhow::anyhow!("`{}`: {}", path.display(), e.message()),
            })?;
        config
            .validate()
            .with_context(|| format!("invalid configuration in `{}`", path.display()))?;
        config.clean_text(path);
        Ok(config)
    }

    /// Removes characters no feed may carry from the texts that reach listeners, with a
    /// warning for each.
    fn clean_text(&mut self, path: &Path) {
        let mut warnings = Vec::new();
        let mut fix = |key: &str, value: &mut String| {
            let cleaned = crate::sanitize::clean(value);
            if let std::borrow::Cow::Owned(c) = cleaned {
                let removed: Vec<String> = value
                    .chars()
                    .filter(|&ch| crate::sanitize::is_forbidden(ch))
                    .map(crate::sanitize::describe)
                    .collect();
                warnings.push(format!(
                    "`{}`: {key}: removed {} (feeds and pages may not contain it)",
                    path.display(),
                    removed.join(", ")
                ));
                *value = c;
            }
        };
        let p = &mut self.podcast;
        for person in &mut p.person {
            fix("[[podcast.person]] name", &mut person.name);
        }
        if let Some(f) = &mut p.funding {
            fix("[podcast.funding] text", &mut f.text);
        }
        for (key, v) in [
            ("podcast.title", &mut p.title),
            ("podcast.description", &mut p.description),
            ("podcast.author", &mut p.author),
            ("podcast.language", &mut p.language),
            ("podcast.base_url", &mut p.base_url),
            ("podcast.category", &mut p.category),
        ] {
            fix(key, v);
        }
        for (key, v) in [
            ("podcast.email", &mut p.email),
            ("podcast.subcategory", &mut p.subcategory),
            ("podcast.copyright", &mut p.copyright),
        ] {
            if let Some(v) = v {
                fix(key, v);
            }
        }
        for (n, h) in &mut self.hymns {
            if let Some(t) = &mut h.title {
                fix(&format!("[hymns.{n}] title"), t);
            }
        }
        self.warnings = warnings;
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
        self.cache.validate()?;
        if a.mp3_vbr_quality > 9 {
            bail!("audio.mp3_vbr_quality = {} must be 0–9", a.mp3_vbr_quality);
        }
        // Every number has a sane ceiling: a pause of 4,294,967,295 ms would ask for
        // hundreds of gigabytes of silence.
        let pa = &self.pauses;
        for (key, ms) in [
            ("pauses.sentence_ms", pa.sentence_ms),
            ("pauses.paragraph_ms", pa.paragraph_ms),
            ("pauses.heading_ms", pa.heading_ms),
            ("pauses.section_ms", pa.section_ms),
            ("pauses.line_ms", pa.line_ms),
            ("production.hymn_gap_ms", self.production.hymn_gap_ms),
            ("production.fade_ms", self.production.fade_ms),
            ("production.fade_out_ms", self.production.fade_out_ms),
        ] {
            if ms > MAX_PAUSE_MS {
                bail!("{key} = {ms} is too long; use 0–{MAX_PAUSE_MS} ms");
            }
        }
        let v = &self.voice;
        if !(1..=64).contains(&v.threads) {
            bail!("voice.threads = {} must be 1–64", v.threads);
        }
        for (key, value, range) in [
            ("voice.length_scale", v.length_scale, 0.1..=10.0),
            ("voice.noise_scale", v.noise_scale, 0.0..=2.0),
            ("voice.noise_w", v.noise_w, 0.0..=2.0),
        ] {
            if let Some(x) = value {
                if !range.contains(&x) {
                    bail!(
                        "voice.{} = {x} must be between {} and {}",
                        key.trim_start_matches("voice."),
                        range.start(),
                        range.end()
                    );
                }
            }
        }
        if v.speaker.is_some_and(|s| s > 10_000) {
            bail!(
                "voice.speaker = {:?} is not a speaker number of any Piper voice",
                v.speaker
            );
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
            // `contains` is false for NaN, so these refuse it too.
            let seconds = 0.0..=MAX_CLIP_SECONDS;
            if !seconds.contains(&clip.start) || clip.end.is_some_and(|e| !seconds.contains(&e)) {
                bail!("[hymns.{number}] start and end must be numbers of seconds from 0 to {MAX_CLIP_SECONDS}");
            }
            if clip.end.is_some_and(|e| e <= clip.start) {
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
        for (key, u) in [
            ("podcast.new_feed_url", self.podcast.new_feed_url.as_deref()),
            (
                "podcast.funding url",
                self.podcast.funding.as_ref().map(|f| f.url.as_str()),
            ),
        ] {
            if let Some(u) = u {
                if !(u.starts_with("http://") || u.starts_with("https://")) {
                    bail!("{key} = {u:?} must start with http:// or https://");
                }
            }
        }
        if let Some(tz) = &self.podcast.timezone {
            if tz.parse::<chrono_tz::Tz>().is_err() {
                bail!("podcast.timezone = {tz:?} is not a time zone name like \"America/Chicago\" or \"Europe/London\"");
            }
        }
        if let Some(t) = &self.podcast.publish_time {
            if chrono::NaiveTime::parse_from_str(t, "%H:%M").is_err() {
                bail!("podcast.publish_time = {t:?} must be a time like \"06:00\" (24-hour HH:MM)");
            }
        }
        check_folders(self)
    }
}

/// The longest pause or fade a configuration may ask for, ms.
pub const MAX_PAUSE_MS: u32 = 10_000;
/// The latest point in a recording a `[hymns.N]` entry may name, seconds.
pub const MAX_CLIP_SECONDS: f64 = 3600.0;

/// `path` as components, refusing absolute paths and `..`; `.` parts are dropped.
pub fn inside(path: &Path) -> std::result::Result<Vec<String>, &'static str> {
    let mut parts = Vec::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir => return Err("goes up out of the project with `..`"),
            Component::RootDir | Component::Prefix(_) => {
                return Err("is an absolute path; give a folder inside the project")
            }
        }
    }
    Ok(parts)
}

/// Whether one component path is the other or lies inside it.
fn nested(a: &[String], b: &[String]) -> bool {
    let n = a.len().min(b.len());
    a[..n] == b[..n]
}

/// Checks the folders of a configuration as written (`build::layout` checks them again as they
/// resolve on disk): outputs inside the project, not the
/// project itself, and clear of every source. Returns a message naming the key.
fn check_folders(config: &Config) -> Result<()> {
    let p = &config.podcast;
    let mut outputs: Vec<(&str, Vec<String>)> = Vec::new();
    for (key, path) in [
        ("podcast.output_dir", &p.output_dir),
        ("podcast.masters_dir", &p.masters_dir),
    ] {
        let parts = inside(path)
            .map_err(|why| anyhow::anyhow!("{key} = {:?} {why}", path.display().to_string()))?;
        if parts.is_empty() {
            bail!(
                "{key} = {:?} is the project folder itself; devocast needs a folder of its own (the default is {:?})",
                path.display().to_string(),
                if key == "podcast.output_dir" { "feed" } else { "masters" }
            );
        }
        outputs.push((key, parts));
    }
    outputs.push(("the state folder", vec![STATE_DIR.to_string()]));
    let episodes = inside(&p.episodes_dir).map_err(|why| {
        anyhow::anyhow!(
            "podcast.episodes_dir = {:?} {why}",
            p.episodes_dir.display().to_string()
        )
    })?;
    if episodes.is_empty() {
        bail!("podcast.episodes_dir = \".\" would read every file of the project as an article; give a folder such as \"episodes\"");
    }
    let mut sources: Vec<(String, Vec<String>)> = vec![
        ("podcast.episodes_dir".into(), episodes),
        (FILE_NAME.into(), vec![FILE_NAME.into()]),
        (
            crate::speech::lexicon::FILE_NAME.into(),
            vec![crate::speech::lexicon::FILE_NAME.into()],
        ),
        (PUBLISHED_FILE.into(), vec![PUBLISHED_FILE.into()]),
    ];
    let pr = &config.production;
    let mut named: Vec<(String, &Path)> = vec![("production.hymns_dir".into(), &pr.hymns_dir)];
    if let Some(i) = &pr.intro {
        named.push(("production.intro".into(), i));
    }
    if let Some(o) = &pr.outro {
        named.push(("production.outro".into(), o));
    }
    if let Some(i) = &p.image {
        named.push(("podcast.image".into(), i));
    }
    for (n, h) in &config.hymns {
        named.push((format!("[hymns.{n}] file"), &h.file));
    }
    for (key, path) in named {
        // Sources may live outside the project (read-only use is harmless).
        if let Ok(parts) = inside(path) {
            if !parts.is_empty() {
                sources.push((key, parts));
            }
        }
    }
    for (i, (okey, o)) in outputs.iter().enumerate() {
        for (other, o2) in &outputs[i + 1..] {
            if nested(o, o2) {
                bail!(
                    "{okey} ({:?}) and {other} ({:?}) overlap; give each its own folder",
                    o.join("/"),
                    o2.join("/")
                );
            }
        }
        for (skey, s) in &sources {
            if nested(o, s) {
                bail!(
                    "{okey} ({:?}) overlaps {skey} ({:?}): devocast would write over (and `clean` would remove) what you wrote; give the output its own folder",
                    o.join("/"),
                    s.join("/")
                );
            }
        }
    }
    Ok(())
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

    #[test]
    fn outputs_that_escape_or_overlap_sources_are_refused() {
        for (toml, why) in [
            ("[podcast]\noutput_dir = \".\"", "project folder itself"),
            ("[podcast]\noutput_dir = \"\"", "project folder itself"),
            ("[podcast]\noutput_dir = \"./\"", "project folder itself"),
            (
                "[podcast]\noutput_dir = \"episodes\"",
                "overlaps podcast.episodes_dir",
            ),
            ("[podcast]\noutput_dir = \"episodes/out\"", "overlaps"),
            ("[podcast]\noutput_dir = \"..\"", "`..`"),
            ("[podcast]\noutput_dir = \"../site\"", "`..`"),
            ("[podcast]\noutput_dir = \"/tmp/site\"", "absolute"),
            ("[podcast]\noutput_dir = \"audio\"", "production.hymns_dir"),
            ("[podcast]\noutput_dir = \"devocast.toml\"", "devocast.toml"),
            (
                "[podcast]\noutput_dir = \"published.toml\"",
                "published.toml",
            ),
            ("[podcast]\noutput_dir = \"lexicon.toml\"", "lexicon.toml"),
            ("[podcast]\noutput_dir = \".devocast\"", "state folder"),
            ("[podcast]\nmasters_dir = \"feed\"", "overlap"),
            ("[podcast]\nmasters_dir = \"episodes\"", "overlaps"),
            ("[podcast]\nmasters_dir = \".\"", "project folder itself"),
            ("[podcast]\nepisodes_dir = \".\"", "every file"),
            ("[podcast]\nepisodes_dir = \"../elsewhere\"", "`..`"),
            (
                "[production]\nintro = \"feed/intro.flac\"",
                "overlaps production.intro",
            ),
            ("[hymns.3]\nfile = \"masters/3.flac\"", "[hymns.3] file"),
        ] {
            let err = Config::parse(toml, Path::new("devocast.toml")).expect_err(toml);
            let msg = format!("{err:#}");
            assert!(msg.contains(why), "{toml}: {msg}");
        }
        let ok = Config::parse(
            "[podcast]\noutput_dir = \"public/podcast\"\nmasters_dir = \"private/masters\"",
            Path::new("x"),
        );
        assert!(ok.is_ok(), "{ok:?}");
    }

    #[test]
    fn numbers_have_sane_bounds_and_nan_is_refused() {
        for bad in [
            "[pauses]\nsentence_ms = 4294967295",
            "[pauses]\nparagraph_ms = 10001",
            "[production]\nhymn_gap_ms = 4000000000",
            "[production]\nfade_ms = 99999",
            "[production]\nfade_out_ms = 10001",
            "[production]\nfade_out_ms = -1",
            "[hymns.3]\nfile = \"x.mp3\"\nstart = nan",
            "[hymns.3]\nfile = \"x.mp3\"\nend = nan",
            "[hymns.3]\nfile = \"x.mp3\"\nstart = inf",
            "[hymns.3]\nfile = \"x.mp3\"\nend = 1e12",
            "[hymns.3]\nfile = \"x.mp3\"\nfade_in = nan",
            "[voice]\nthreads = 0",
            "[voice]\nthreads = 100000",
            "[voice]\nlength_scale = nan",
            "[voice]\nlength_scale = 1e9",
            "[voice]\nnoise_w = -1",
            "[voice]\nspeaker = 4000000000",
            "[audio]\ntarget_lufs = nan",
            "[production]\nmusic_offset_lu = nan",
            "[production]\ntrue_peak_dbtp = nan",
        ] {
            let r = Config::parse(bad, Path::new("x.toml"));
            assert!(r.is_err(), "{bad} was accepted");
        }
        assert!(Config::parse("[pauses]\nsentence_ms = 10000", Path::new("x")).is_ok());
        let c = Config::parse("[production]\nfade_out_ms = 3500", Path::new("x")).unwrap();
        assert_eq!(c.production.fade_out_ms, 3500);
        assert_eq!(Config::default().production.fade_out_ms, 2000);
    }

    #[test]
    fn control_characters_in_texts_are_removed_with_a_warning() {
        let c = Config::parse(
            "[podcast]\ntitle = \"Morning\\u0007 Manna\"\ncopyright = \"\\u000b2026\"",
            Path::new("devocast.toml"),
        )
        .unwrap();
        assert_eq!(c.podcast.title, "Morning Manna");
        assert_eq!(c.podcast.copyright.as_deref(), Some(" 2026"));
        assert_eq!(c.warnings.len(), 2, "{:?}", c.warnings);
        assert!(
            c.warnings[0].contains("devocast.toml")
                && c.warnings[0].contains("podcast.title")
                && c.warnings[0].contains("U+0007"),
            "{:?}",
            c.warnings
        );
    }
}
