//! `[production]`: intro and outro, announcements, hymn recordings' placement, fades and the
//! loudness ceiling.

use super::check_ms;
use anyhow::{bail, Result};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Where a hymn recording goes relative to the stanza quoted in the article.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum HymnPlacement {
    /// The recording plays instead of reading the stanza.
    #[default]
    Replace,
    /// The stanza is read, then the recording plays.
    After,
}

/// Production settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
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

impl Production {
    /// Checks the gaps, fades and levels are in range (`contains` is false for NaN, so NaN
    /// is refused).
    pub fn validate(&self) -> Result<()> {
        check_ms("production.hymn_gap_ms", self.hymn_gap_ms)?;
        check_ms("production.fade_ms", self.fade_ms)?;
        check_ms("production.fade_out_ms", self.fade_out_ms)?;
        if !(-9.0..=-0.1).contains(&self.true_peak_dbtp) {
            bail!(
                "production.true_peak_dbtp = {} must be between −9 and −0.1",
                self.true_peak_dbtp
            );
        }
        if !(-20.0..=6.0).contains(&self.music_offset_lu) {
            bail!(
                "production.music_offset_lu = {} must be between −20 and 6",
                self.music_offset_lu
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
    fn levels_out_of_range_are_named() {
        for (bad, why) in [
            ("true_peak_dbtp = 0", "production.true_peak_dbtp = 0"),
            ("true_peak_dbtp = -10", "production.true_peak_dbtp = -10"),
            ("music_offset_lu = 7", "production.music_offset_lu = 7"),
            (
                "hymn_gap_ms = 10001",
                "production.hymn_gap_ms = 10001 is too long",
            ),
        ] {
            let toml = format!("[production]\n{bad}");
            let err = Config::parse(&toml, Path::new("x")).expect_err(&toml);
            assert!(format!("{err:#}").contains(why), "{toml}: {err:#}");
        }
        let ok = "[production]\ntrue_peak_dbtp = -0.1\nmusic_offset_lu = -20\nhymn_placement = \"after\"";
        assert!(Config::parse(ok, Path::new("x")).is_ok());
    }
}
