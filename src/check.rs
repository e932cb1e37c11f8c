//! `devocast check` and `init`: the producer's tools around a build.

use crate::article::Block;
use crate::audio::library::Library;
use crate::config::Config;
use crate::project::{layout::Layout, plan, read_article, state::Published};
use crate::speech::lexicon::Lexicon;
use anyhow::{bail, Context, Result};
use std::path::Path;

/// What `check` found.
pub struct Report {
    /// Human-readable lines.
    pub text: String,
    /// False when anything would make a build fail.
    pub ok: bool,
}

/// Validates configuration, folders, state and lexicon, parses every article, lists hymns
/// without a recording and Bible references that could not be read: everything a build
/// would refuse, without rendering anything.
pub fn check(project: &Path) -> Result<Report> {
    let mut text = String::new();
    let mut ok = true;
    let config_and_layout =
        Config::load(project).and_then(|c| Layout::new(project, &c).map(|l| (c, l)));
    let (config, layout) = match config_and_layout {
        Ok(c) => {
            text.push_str("ok      devocast.toml\n");
            c
        }
        Err(e) => {
            return Ok(Report {
                text: format!("error   {e:#}\ncheck failed\n"),
                ok: false,
            });
        }
    };
    for w in config
        .warnings
        .iter()
        .chain(config.base_url_warning().iter())
    {
        text.push_str(&format!("warning {w}\n"));
    }
    if config.podcast.email.as_deref() == Some(EXAMPLE_EMAIL) {
        text.push_str(&format!(
            "warning podcast.email is still the example {EXAMPLE_EMAIL}: podcast directories send the owner's mail there\n"
        ));
    }
    match Published::load(&layout.published_file()) {
        Ok(published) => {
            use crate::project::voicelock::{status, Level};
            let (level, line) = status(&published, &config.voice, project);
            let tag = match level {
                Level::Ok => "ok     ",
                Level::Warning => "warning",
                Level::Error => {
                    ok = false;
                    "error  "
                }
            };
            text.push_str(&format!("{tag} {line}\n"));
        }
        Err(e) => {
            ok = false;
            text.push_str(&format!("error   {e:#}\n"));
        }
    }
    match Lexicon::for_project(project) {
        Ok(l) => {
            if l.from_project {
                text.push_str(&format!(
                    "ok      lexicon.toml ({} entries with the built-in ones)\n",
                    l.len()
                ));
            } else {
                text.push_str(&format!(
                    "ok      lexicon: the built-in one ({} entries; add lexicon.toml for names of your own)\n",
                    l.len()
                ));
            }
            for w in &l.warnings {
                text.push_str(&format!("warning {w}\n"));
            }
        }
        Err(e) => {
            ok = false;
            text.push_str(&format!("error   {e:#}\n"));
        }
    }
    let library = Library::new(project, &config);
    for clip in config
        .production
        .intro
        .iter()
        .chain(&config.production.outro)
    {
        let path = project.join(clip);
        match library.prepare(&library.plain(path)) {
            Ok(p) => {
                for w in &p.warnings {
                    text.push_str(&format!("warning {w}\n"));
                }
            }
            Err(e) => {
                ok = false;
                text.push_str(&format!("error   {e:#}\n"));
            }
        }
    }
    let plan = match plan::plan(&layout) {
        Ok(p) => p,
        Err(e) => {
            text.push_str(&format!("error   {e:#}\ncheck failed\n"));
            return Ok(Report { text, ok: false });
        }
    };
    for n in &plan.notes {
        text.push_str(&format!("warning {n}\n"));
    }
    for (_, e) in &plan.refused {
        ok = false;
        text.push_str(&format!("error   {e:#}\n"));
    }
    for path in plan.articles {
        let name = layout.rel(&path);
        let article = match read_article(&path) {
            Ok(a) => a,
            Err(e) => {
                ok = false;
                text.push_str(&format!("error   {e:#}\n"));
                continue;
            }
        };
        text.push_str(&format!(
            "ok      {name}: \"{}\", {} words, {} headings\n",
            article.title,
            article.word_count(),
            article
                .sections
                .iter()
                .filter(|s| s.heading.is_some())
                .count()
        ));
        for w in &article.warnings {
            text.push_str(&format!("warning {name}: {w}\n"));
        }
        let mut hymns: Vec<u32> = Vec::new();
        let mut prose: Vec<&str> = Vec::new();
        for b in article.sections.iter().flat_map(|s| &s.blocks) {
            match b {
                Block::HymnStanza {
                    number: Some(n), ..
                } => hymns.push(*n),
                Block::Paragraph(t) => {
                    hymns.extend(crate::script::cited_hymns(t));
                    prose.push(t);
                }
                Block::Quote { text, .. } => prose.push(text),
                Block::List(items) | Block::Lines { lines: items, .. } => {
                    prose.extend(items.iter().map(String::as_str))
                }
                _ => {}
            }
        }
        hymns.sort();
        hymns.dedup();
        for n in hymns {
            match library.hymn(n) {
                Some(spec) => match library.prepare(&spec) {
                    Ok(p) => {
                        text.push_str(&format!(
                            "ok      {name}: hymn {n} → {}\n",
                            spec.path
                                .strip_prefix(project)
                                .unwrap_or(&spec.path)
                                .display()
                        ));
                        for w in &p.warnings {
                            text.push_str(&format!("warning {name}: {w}\n"));
                        }
                    }
                    Err(e) => {
                        ok = false;
                        text.push_str(&format!("error   {name}: {e:#}\n"));
                    }
                },
                None => text.push_str(&format!(
                    "warning {name}: {} (the stanza will be read aloud)\n",
                    library.search_description(n)
                )),
            }
        }
        for t in prose {
            for r in crate::speech::bible::unreadable(t) {
                text.push_str(&format!("warning {name}: \"{r}\" looks like a Bible reference but is not one (wrong chapter or verse?); it will be read as written\n"));
            }
        }
    }
    text.push_str(if ok {
        "check passed\n"
    } else {
        "check failed\n"
    });
    Ok(Report { text, ok })
}

/// The owner address `init` writes, which must be replaced before publishing.
const EXAMPLE_EMAIL: &str = "you@example.org";

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
name = "en-us"         # espeak-ng: voice, rate (words per minute) and pitch
rate = 165
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

/// Creates a new project folder.
pub fn init(dir: &Path) -> Result<()> {
    if dir.join(crate::config::FILE_NAME).exists() {
        bail!(
            "`{}` already holds a devocast.toml; not overwriting it",
            dir.display()
        );
    }
    for sub in ["episodes", "audio/hymns"] {
        std::fs::create_dir_all(dir.join(sub))
            .with_context(|| format!("failed to create `{}`", dir.join(sub).display()))?;
    }
    crate::fsutil::write_atomic(
        &dir.join(crate::config::FILE_NAME),
        CONFIG_TEMPLATE.as_bytes(),
    )?;
    crate::fsutil::write_atomic(&dir.join("episodes/welcome.md"), EXAMPLE_EPISODE.as_bytes())?;
    crate::fsutil::write_atomic(&dir.join(".gitignore"), b"/feed/\n/masters/\n/.devocast/\n")?;
    crate::fsutil::write_atomic(
        &dir.join("audio/hymns/README.txt"),
        b"Put hymn recordings here, named by hymn number: 1.mp3, 114.flac, 302.ogg ...\n",
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
