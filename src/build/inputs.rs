//! What every episode's build depends on, read and hashed once per build: the settings,
//! lexicon, recordings and cover ([`Project`]); an episode is rebuilt exactly when one of its
//! inputs' hashes changes.

use super::cover::Cover;
use crate::audio::library::Library;
use crate::config::Config;
use crate::project::layout::Layout;
use crate::project::read_article;
use crate::project::state::EpisodeState;
use crate::script;
use crate::speech::lexicon::Lexicon;
use crate::speech::normalize::Reader;
use anyhow::Result;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The project's inputs that every episode shares, read once per build (or publish).
pub struct Project<'a> {
    /// The project's folders.
    pub layout: &'a Layout,
    /// Its configuration.
    pub config: Config,
    /// The configuration as written (part of every episode's inputs).
    pub config_text: String,
    /// The pronunciation lexicon.
    pub lexicon: Lexicon,
    /// The project lexicon as written (part of every episode's inputs).
    pub lexicon_text: String,
    /// Hymn, intro and outro recordings.
    pub library: Library,
    /// The podcast's cover.
    pub cover: Cover,
    /// The hash of the inputs every episode shares (settings, lexicon, recordings' preparation,
    /// intro and outro, cover), taken once per build: hashing them for each episode made a
    /// no-op build cost the articles times the lexicon.
    shared_hash: String,
    /// The hash of each hymn recording an episode plays, taken the first time one is met.
    clip_hashes: Mutex<HashMap<PathBuf, String>>,
}

impl<'a> Project<'a> {
    /// Reads the lexicon, recordings' index and cover of the project in `layout`.
    pub fn load(layout: &'a Layout, config: Config) -> Result<Project<'a>> {
        let root = &layout.root;
        let refused: Vec<String> = config
            .check_named_files(root)
            .iter()
            .map(|e| format!("{e:#}"))
            .collect();
        if !refused.is_empty() {
            anyhow::bail!("{}", refused.join("\n"));
        }
        let mut project = Project {
            cover: Cover::load(layout, &config)?,
            lexicon: Lexicon::for_project(root)?,
            lexicon_text: crate::fsutil::read_text_limited(
                &root.join(crate::speech::lexicon::FILE_NAME),
                crate::config::MAX_LEXICON_BYTES,
            )
            .unwrap_or_default(),
            config_text: crate::fsutil::read_text_limited(
                &root.join(crate::config::FILE_NAME),
                crate::config::MAX_CONFIG_BYTES,
            )
            .unwrap_or_default(),
            library: Library::new(root, &config),
            layout,
            config,
            shared_hash: String::new(),
            clip_hashes: Mutex::new(HashMap::new()),
        };
        project.shared_hash = project.hash_shared();
        Ok(project)
    }

    /// The hash of what every episode's outputs depend on alike.
    fn hash_shared(&self) -> String {
        let mut h = blake3::Hasher::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        let preparation = self.library.fingerprint();
        for part in [&self.config_text, &self.lexicon_text, &preparation] {
            h.update(&[0]);
            h.update(part.as_bytes());
        }
        for clip in self
            .config
            .production
            .intro
            .iter()
            .chain(&self.config.production.outro)
        {
            let path = self.layout.root.join(clip);
            h.update(path.to_string_lossy().as_bytes());
            h.update(file_hash(&path).as_bytes());
        }
        h.update(&self.cover.bytes);
        h.finalize().to_hex().to_string()
    }

    /// The hash of a recording an episode plays, taken once per build.
    fn clip_hash(&self, path: &Path) -> String {
        if let Some(h) = self
            .clip_hashes
            .lock()
            .ok()
            .and_then(|m| m.get(path).cloned())
        {
            return h;
        }
        let h = file_hash(path);
        if let Ok(mut m) = self.clip_hashes.lock() {
            m.insert(path.to_path_buf(), h.clone());
        }
        h
    }

    /// How much work an article is, for sharing articles among shards: the characters its
    /// script speaks (synthesis is what costs). An article that cannot be read, or stops
    /// on an internal error, weighs nothing (it fails at once wherever it goes).
    pub fn weight(&self, path: &Path) -> u64 {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.script_weight(path)))
            .unwrap_or(0)
    }

    fn script_weight(&self, path: &Path) -> u64 {
        let Ok(article) = read_article(path) else {
            return 0;
        };
        // The announcement's date changes a few characters: weigh without it, so every
        // shard weighs the same on any day.
        let script = script::build(
            &article,
            &script::Settings::of(&self.config, None),
            &mut Reader::new(&self.lexicon, false)
                .in_language(script::reading_language(&self.config, &article)),
        );
        script
            .spoken()
            .iter()
            .map(|c| match c {
                script::Cue::Speak { text_spoken, .. } => text_spoken.chars().count() as u64,
                _ => 0,
            })
            .sum()
    }

    /// The previous completed build of `slug`, if every file it published is still there.
    pub fn previous(&self, slug: &str) -> Option<EpisodeState> {
        EpisodeState::load(self.layout, slug).filter(|s| self.intact(s))
    }

    /// Whether the files a manifest's completed build published are all in place.
    pub fn intact(&self, state: &EpisodeState) -> bool {
        let Some(info) = &state.info else {
            return false;
        };
        let out = &self.layout.output;
        std::fs::metadata(out.join(&info.mp3)).is_ok_and(|m| m.len() == info.mp3_bytes)
            && info.files().iter().all(|f| out.join(f).is_file())
            && state.page_hash.as_ref().is_some_and(|h| {
                std::fs::read(out.join(&info.page))
                    .is_ok_and(|b| blake3::hash(&b).to_hex().as_str() == h)
            })
    }

    /// The hash of everything an episode's outputs depend on except the voice: the article
    /// and its artwork, settings, lexicon, date, the recordings it plays and how they are prepared, the cover
    /// and devocast's version. `devocast publish` compares it with what each shard recorded.
    pub fn source_hash(
        &self,
        path: &Path,
        script: &script::Script,
        date: NaiveDate,
        artwork: Option<&super::artwork::Artwork>,
    ) -> Result<String> {
        let mut h = blake3::Hasher::new();
        h.update(self.shared_hash.as_bytes());
        h.update(&crate::fsutil::read(path)?);
        h.update(&[0]);
        h.update(date.to_string().as_bytes());
        // The episode's own artwork, by content (no artwork adds nothing: hashes of
        // episodes without one stay as they were).
        if let Some(a) = artwork {
            h.update(&[0]);
            h.update(blake3::hash(a.hash_input()).as_bytes());
        }
        // Recordings it plays, by content.
        for cue in &script.cues {
            if let script::Cue::Hymn {
                number: Some(n), ..
            } = cue
            {
                if let Some(clip) = self.library.hymn(*n) {
                    h.update(clip.path.to_string_lossy().as_bytes());
                    h.update(self.clip_hash(&clip.path).as_bytes());
                }
            }
        }
        Ok(h.finalize().to_hex().to_string())
    }
}

/// A file's content hash, read as a stream; nothing for what is not a regular file (a
/// missing recording, a device), whose name alone is hashed by the caller.
fn file_hash(path: &Path) -> String {
    let mut h = blake3::Hasher::new();
    if std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        if let Ok(f) = std::fs::File::open(path) {
            let _ = h.update_reader(f);
        }
    }
    h.finalize().to_hex().to_string()
}
