//! `devocast init`: a new project, with a commented devocast.toml that shows every setting,
//! an example episode, and the folders a build reads.

use crate::config;
use anyhow::{bail, Context, Result};
use std::path::Path;

/// The owner address `init` writes, which must be replaced before publishing.
pub const EXAMPLE_EMAIL: &str = "you@example.org";

/// The example episode `init` writes in a new project, relative to it.
pub const EXAMPLE_PATH: &str = "episodes/welcome.md";

/// The articles folder `init` makes.
const EPISODES: &str = "episodes";

const CONFIG_TEMPLATE: &str = r#"# devocast.toml: the podcast's settings. Every key is optional; the values shown are the
# defaults unless marked "example". Unknown keys are rejected.

[podcast]
title = "My Devotions"                     # example
description = "Daily devotional readings."  # example
author = "devocast"
email = "you@example.org"                   # example: the owner (itunes:owner, podcast:locked)
language = "en-us"
base_url = "http://localhost:8000"          # set to where feed/ will be published
# timezone = "America/Chicago"             # example: the zone episode dates are meant in
# publish_time = "06:00"                   # with a timezone; default: 11:00 UTC without
# image = "cover.png"                      # square PNG/JPEG, 1400–3000 px; default: generated
category = "Religion & Spirituality"
subcategory = "Christianity"
explicit = false

[voice]
engine = "auto"        # an installed Piper voice (the first build fetches the default one),
                       # else espeak-ng; or "piper", "system" (libespeak-ng), "embedded"
# model = "en_US-ljspeech-medium"  # a Piper voice name (`devocast voices`) or a .onnx path
runtime = "rten"       # Piper in-process; or "onnxruntime" if you installed it
download = true        # may a build fetch the voice it needs (once)?
# name = "en-us"       # espeak-ng voice; default: that of `language` ("es" for Spanish)
rate = 165             # espeak-ng: words per minute and pitch
pitch = 45

[audio]
sample_rate = 44100
channels = 1
# target_lufs = -19.0  # default -19 mono, -16 stereo
mp3_bitrate = 64
mp3_mode = "cbr"
wav = true

[pauses]
sentence_ms = 250
paragraph_ms = 700
heading_ms = 900
section_ms = 600
line_ms = 350

[production]
hymns_dir = "audio/hymns"     # recordings named <hymn number>.mp3/.flac/.ogg/.wav/.m4a
hymn_placement = "replace"    # or "after": read the stanza, then play the recording
hymn_gap_ms = 800
music_offset_lu = -2.0
# intro = "audio/intro.flac"
# outro = "audio/outro.ogg"
announce = true
announce_hymns = true         # name a hymn ("Hymn 302: Come, you weary") before its recording
fade_ms = 15
fade_out_ms = 2000            # a recording cut short or stopping loud fades out this long
true_peak_dbtp = -1.0

[cache]
keep_days = 30         # another voice's sentences are kept this long after its last use

# [hymns.114]
# file = "audio/savior-hail.flac"
# title = "Savior, hail! enthroned in glory"
# start = 0.0
# end = 45.0
# fade_out = 3.0
"#;

const EXAMPLE_EPISODE: &str = r#"---
title: "Welcome"
date: 2026-01-01
description: A first episode to show how articles become episodes.
---

This is the opening paragraph. It is read right after the episode's announcement, under
the first chapter.

## A Verse to Hold

The Lord is near to all who call upon Him (Psa. 145:18). References like this one are read
as "Psalm one hundred forty-five, verse eighteen".

> Lord, be near us all the day,
> Guide our steps along the way,
> Keep us till the evening ray.

## A Prayer

Lord, thank You for this day. Amen.

## References and Hymns on this Topic

- Scripture: Psa. 145:18.
"#;

/// What `init` did beyond the template.
#[derive(Debug, Default)]
pub struct Started {
    /// Articles that were lying in the folder, moved into `episodes/` (file names).
    pub adopted: Vec<String>,
    /// Articles already in the folder's `episodes/`, kept there.
    pub kept: usize,
}

/// Starts a project in `dir` (made if needed). A folder holding files refuses, unless they
/// are only articles: those are adopted, and no example episode is written.
pub fn init(dir: &Path) -> Result<Started> {
    if dir.join(config::FILE_NAME).exists() {
        bail!(
            "`{}` already holds a devocast.toml; not overwriting it",
            dir.display()
        );
    }
    if let Some(outer) = super::root::enclosing(dir) {
        bail!(
            "`{}` is inside the podcast project in `{}`; devocast commands work from any folder inside it, so there is no need for another project here",
            dir.display(),
            outer.display()
        );
    }
    let found = super::adopt::survey(dir, EPISODES)?;
    for sub in [EPISODES, "audio/hymns"] {
        std::fs::create_dir_all(dir.join(sub))
            .with_context(|| format!("failed to create `{}`", dir.join(sub).display()))?;
    }
    super::adopt::adopt(dir, EPISODES, &found)?;
    crate::fsutil::write_atomic(&dir.join(config::FILE_NAME), CONFIG_TEMPLATE.as_bytes())?;
    if found.loose.is_empty() && found.in_episodes == 0 {
        crate::fsutil::write_atomic(&dir.join(EXAMPLE_PATH), EXAMPLE_EPISODE.as_bytes())?;
    }
    ignore_outputs(dir)?;
    let readme = dir.join("audio/hymns/README.txt");
    if !readme.exists() {
        crate::fsutil::write_atomic(
            &readme,
            b"Put hymn recordings here, named by hymn number: 1.mp3, 114.flac, 302.ogg ...\n",
        )?;
    }
    Ok(Started {
        adopted: found.loose,
        kept: found.in_episodes,
    })
}

/// The folders devocast writes, kept out of git; added to a `.gitignore` already there.
fn ignore_outputs(dir: &Path) -> Result<()> {
    let path = dir.join(".gitignore");
    let wanted = ["/feed/", "/masters/", "/.devocast/"];
    let mut text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("failed to read `{}`", path.display())),
    };
    let missing: Vec<&str> = wanted
        .into_iter()
        .filter(|w| !text.lines().any(|l| l.trim() == *w))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for m in missing {
        text.push_str(m);
        text.push('\n');
    }
    crate::fsutil::write_atomic(&path, text.as_bytes())
}

/// Whether `bytes` are the example episode exactly as `init` wrote it (line ends aside):
/// an episode the producer has not made their own yet.
pub fn is_untouched_example(bytes: &[u8]) -> bool {
    let normalized = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
    blake3::hash(normalized.as_bytes()) == blake3::hash(EXAMPLE_EPISODE.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn the_config_template_is_valid_and_documents_every_section() {
        let c = Config::parse(CONFIG_TEMPLATE, Path::new("devocast.toml")).unwrap();
        assert_eq!(c.audio.sample_rate, 44_100);
        for section in [
            "[podcast]",
            "[voice]",
            "[audio]",
            "[pauses]",
            "[production]",
            "[cache]",
            "[hymns.114]",
        ] {
            assert!(CONFIG_TEMPLATE.contains(section), "{section}");
        }
    }

    /// Regression: the template set `name = "en-us"`, so a producer who made the podcast
    /// Spanish by its `language` line still heard it read by English espeak-ng.
    #[test]
    fn the_template_made_spanish_by_its_language_reads_spanish() {
        let spanish = CONFIG_TEMPLATE.replace("language = \"en-us\"", "language = \"es-MX\"");
        assert_ne!(spanish, CONFIG_TEMPLATE);
        let c = Config::parse(&spanish, Path::new("devocast.toml")).unwrap();
        assert_eq!(c.voice.name, "es-419");
    }
}
