//! `[hymns.N]`: a recording for hymn number N, in addition to the files found in
//! `production.hymns_dir`.

use anyhow::{bail, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The latest point in a recording a `[hymns.N]` entry may name, seconds.
pub const MAX_CLIP_SECONDS: f64 = 3600.0;
/// The longest fade a `[hymns.N]` entry may ask for, seconds.
const MAX_FADE_SECONDS: f64 = 30.0;

/// One entry of the `[hymns]` table.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
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

/// Checks every entry: keyed by a hymn number, its times and fades in range.
pub fn validate(hymns: &BTreeMap<String, HymnClip>) -> Result<()> {
    for (number, clip) in hymns {
        if number.parse::<u32>().is_err() {
            bail!("[hymns.{number}] is not a hymn number: recordings are listed by number, e.g. [hymns.114]");
        }
        clip.validate(number)?;
    }
    Ok(())
}

impl HymnClip {
    /// Checks the times and fades of the entry for hymn `number`.
    fn validate(&self, number: &str) -> Result<()> {
        // `contains` is false for NaN, so these refuse it too.
        let seconds = 0.0..=MAX_CLIP_SECONDS;
        if !seconds.contains(&self.start) || self.end.is_some_and(|e| !seconds.contains(&e)) {
            bail!("[hymns.{number}] start and end must be numbers of seconds from 0 to {MAX_CLIP_SECONDS}");
        }
        if self.end.is_some_and(|e| e <= self.start) {
            bail!("[hymns.{number}] start and end must satisfy 0 ≤ start < end");
        }
        for f in [self.fade_in, self.fade_out].into_iter().flatten() {
            if !(0.0..=MAX_FADE_SECONDS).contains(&f) {
                bail!("[hymns.{number}] fades must be 0–30 seconds");
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use std::path::{Path, PathBuf};

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
    fn entries_name_their_hymn_in_errors() {
        for (bad, why) in [
            (
                "[hymns.first]\nfile = \"a.mp3\"",
                "line 1: [hymns.first] is not a hymn number",
            ),
            (
                "[hymns.7]\nfile = \"a.mp3\"\nstart = -1",
                "[hymns.7] start and end",
            ),
            (
                "[hymns.8]\nfile = \"a.mp3\"\nstart = 3\nend = 3",
                "[hymns.8] start and end must satisfy",
            ),
            (
                "[hymns.9]\nfile = \"a.mp3\"\nfade_in = 31",
                "[hymns.9] fades",
            ),
        ] {
            let err = Config::parse(bad, Path::new("x")).expect_err(bad);
            assert!(format!("{err:#}").contains(why), "{bad}: {err:#}");
        }
    }
}
