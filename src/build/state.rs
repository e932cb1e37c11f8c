//! What a build keeps between runs, each file written whole by a real serializer and renamed
//! into place:
//!
//! - `published.toml` (in the project; commit it): the first-publication date of every
//!   article that gives none, so its `pubDate` never moves;
//! - `.devocast/episodes/<slug>.json`: an episode's manifest: the hash of its inputs, what the
//!   feed lists for it, and every file devocast wrote for it (so old versions can be removed
//!   once nothing published points at them, and `clean` removes only what devocast wrote);
//! - `.devocast/publish.json`: the files the current and the previous feed reference.

use super::layout::Layout;
use crate::fsutil::write_atomic;
use crate::publish::EpisodeInfo;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// First-publication dates of undated articles.
#[derive(Debug, Default)]
pub struct Published {
    dates: BTreeMap<String, NaiveDate>,
    changed: bool,
}

const PUBLISHED_HEADER: &str = "\
# First-publication dates of articles that give no date (written by devocast).
# Keep this file with the project so episode dates never change on rebuild.
";

impl Published {
    /// Reads the record; a missing file is an empty record.
    pub fn load(path: &Path) -> Result<Published> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Published::default()),
            Err(e) => {
                return Err(e).with_context(|| format!("failed to read `{}`", path.display()))
            }
        };
        let raw: BTreeMap<String, String> = toml::from_str(&text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(1);
            anyhow::anyhow!(
                "`{}` line {line} is not valid: {} (it holds `slug = \"YYYY-MM-DD\"` lines)",
                path.display(),
                e.message()
            )
        })?;
        let mut dates = BTreeMap::new();
        for (slug, d) in raw {
            let date = crate::article::parse_date(&d).with_context(|| {
                format!(
                    "`{}`: {slug:?} = {d:?} is not a date like \"2026-11-26\"",
                    path.display()
                )
            })?;
            dates.insert(slug, date);
        }
        Ok(Published {
            dates,
            changed: false,
        })
    }

    /// The recorded date of `slug`, recording today's on first use.
    pub fn date_for(&mut self, slug: &str) -> NaiveDate {
        *self.dates.entry(slug.to_string()).or_insert_with(|| {
            self.changed = true;
            chrono::Utc::now().date_naive()
        })
    }

    /// The recorded date of `slug`, if any.
    pub fn get(&self, slug: &str) -> Option<NaiveDate> {
        self.dates.get(slug).copied()
    }

    /// The file's text: the header, then one `slug = "date"` line per article, keys quoted
    /// and escaped by the TOML serializer whatever the file name holds.
    pub fn to_toml(&self) -> Result<String> {
        let raw: BTreeMap<&str, String> = self
            .dates
            .iter()
            .map(|(k, v)| (k.as_str(), v.to_string()))
            .collect();
        Ok(format!(
            "{PUBLISHED_HEADER}{}",
            toml::to_string(&raw).context("failed to write the publication record")?
        ))
    }

    /// Writes the record if anything was added.
    pub fn save(&self, path: &Path) -> Result<()> {
        if !self.changed {
            return Ok(());
        }
        write_atomic(path, self.to_toml()?.as_bytes())
    }
}

/// One episode's manifest.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EpisodeState {
    /// Hash of everything the last completed build's outputs depend on.
    pub input_hash: Option<String>,
    /// What the feed lists, from the last completed build.
    pub info: Option<EpisodeInfo>,
    /// Hash of the episode page the last completed build wrote.
    pub page_hash: Option<String>,
    /// Cache keys of its sentences.
    pub segments: Vec<String>,
    /// Warnings it had.
    pub warnings: Vec<String>,
    /// Every file devocast wrote for this episode and has not removed, relative to the
    /// project (`feed/one.3f9a2c41d0.mp3`); recorded before the files are written.
    pub files: BTreeSet<String>,
}

/// Where an episode's manifest lives.
pub fn episode_state_path(layout: &Layout, slug: &str) -> PathBuf {
    layout.episode_states().join(format!("{slug}.json"))
}

impl EpisodeState {
    /// The manifest of `slug`, if one was written.
    pub fn load(layout: &Layout, slug: &str) -> Option<EpisodeState> {
        let text = std::fs::read_to_string(episode_state_path(layout, slug)).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Writes the manifest (atomically, synced).
    pub fn save(&self, layout: &Layout, slug: &str) -> Result<()> {
        crate::fsutil::write_if_changed(
            &episode_state_path(layout, slug),
            serde_json::to_string_pretty(self)?.as_bytes(),
        )?;
        Ok(())
    }

    /// A manifest written before devocast kept file lists (its files sat under fixed names
    /// in the output folder): the files its info names are adopted, so they can be removed
    /// when nothing references them any more.
    pub fn adopt_legacy(mut self, layout: &Layout, slug: &str) -> EpisodeState {
        if self.files.is_empty() {
            if let Some(info) = &self.info {
                for f in info.files() {
                    self.files.insert(layout.rel(&layout.output.join(f)));
                }
                let wav = layout.output.join(format!("{slug}.wav"));
                if wav.is_file() {
                    self.files.insert(layout.rel(&wav));
                }
            }
        }
        self
    }

    /// Every slug with a manifest.
    pub fn slugs(layout: &Layout) -> Vec<String> {
        let mut out: Vec<String> = std::fs::read_dir(layout.episode_states())
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.strip_suffix(".json")
                    .filter(|s| !s.starts_with('.'))
                    .map(str::to_string)
            })
            .collect();
        out.sort();
        out
    }
}

/// What the published feeds reference.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PublishManifest {
    /// Files of the podcast as a whole that devocast wrote (feed, index, cover), relative to
    /// the project.
    pub podcast_files: BTreeSet<String>,
    /// Files the current feed references, relative to the project.
    pub current: BTreeSet<String>,
    /// Files the feed before it referenced: kept one build longer, for apps that read the old
    /// feed a moment before it changed.
    pub previous: BTreeSet<String>,
}

impl PublishManifest {
    /// The manifest, or an empty one.
    pub fn load(layout: &Layout) -> PublishManifest {
        std::fs::read_to_string(layout.publish_manifest())
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    /// Writes it.
    pub fn save(&self, layout: &Layout) -> Result<()> {
        crate::fsutil::write_if_changed(
            &layout.publish_manifest(),
            serde_json::to_string_pretty(self)?.as_bytes(),
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_file_names_round_trip_through_the_record() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("published.toml");
        let names = [
            "cafe\u{301}",       // "café" as macOS saves it (combining accent)
            "zero\u{200B}width", // zero-width space
            "quote\"and\\backslash",
            "new\nline",
            "tab\tand\u{7}bell",
            "[brackets].and.dots",
            "emoji 🙏 prayer",
            "= equals # hash",
            "",
            "bare-key_1",
        ];
        let mut p = Published::default();
        for n in names {
            p.date_for(n);
        }
        p.save(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let back = Published::load(&path).unwrap_or_else(|e| panic!("{e:#}\n{text}"));
        for n in names {
            assert_eq!(back.get(n), p.get(n), "{n:?}\n{text}");
        }
        assert!(text.starts_with("# First-publication"), "{text}");
        assert!(text.contains("bare-key_1 = \""), "{text}");
    }

    #[test]
    fn a_broken_record_names_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("published.toml");
        std::fs::write(&path, "a = \"2026-01-01\"\nb = \"\\uZZZZ\"\n").unwrap();
        let err = format!("{:#}", Published::load(&path).unwrap_err());
        assert!(
            err.contains("published.toml") && err.contains("line 2"),
            "{err}"
        );
        std::fs::write(&path, "a = \"soon\"\n").unwrap();
        let err = format!("{:#}", Published::load(&path).unwrap_err());
        assert!(err.contains("\"soon\""), "{err}");
    }
}
