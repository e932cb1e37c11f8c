//! Where a project's sources and outputs live, checked before anything is written or deleted.
//!
//! Everything devocast writes stays inside the project, in folders that hold nothing a
//! producer wrote: the output folder, the masters folder and the state folder may not be the
//! project itself, escape it, or overlap the articles, recordings, configuration, lexicon or
//! state file. The paths are checked as written (in `Config::validate`) and again as they
//! resolve on disk here, so a symbolic link cannot smuggle an output folder onto sources.

use crate::config::{Config, PUBLISHED_FILE, STATE_DIR};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

/// A project's folders, checked.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The project folder as given.
    pub root: PathBuf,
    /// Article sources.
    pub episodes: PathBuf,
    /// What is published (feed, media, pages).
    pub output: PathBuf,
    /// Private WAV masters.
    pub masters: PathBuf,
    /// Cache, manifests and locks.
    pub state: PathBuf,
}

impl Layout {
    /// The project's folders, checked as written and as they resolve on disk.
    pub fn new(project: &Path, config: &Config) -> Result<Layout> {
        // The folders as written were checked when the configuration was parsed.
        let p = &config.podcast;
        let layout = Layout {
            root: project.to_path_buf(),
            episodes: project.join(&p.episodes_dir),
            output: project.join(&p.output_dir),
            masters: project.join(&p.masters_dir),
            state: project.join(STATE_DIR),
        };
        layout.check_resolved(config)?;
        Ok(layout)
    }

    /// What the producer wrote ([`Config::sources`]) in this project, named by its setting:
    /// devocast never writes there.
    pub fn sources(&self, config: &Config) -> Vec<(String, PathBuf)> {
        let sources = config.sources().into_iter();
        sources
            .map(|(key, path)| (key, self.root.join(path)))
            .collect()
    }

    /// Follows symbolic links: every folder that exists must resolve inside the project and
    /// outputs must still not land on sources.
    fn check_resolved(&self, config: &Config) -> Result<()> {
        let root = std::fs::canonicalize(&self.root)
            .with_context(|| format!("cannot open the project folder `{}`", self.root.display()))?;
        let resolve = |p: &Path| std::fs::canonicalize(p).ok();
        let sources = self.sources(config);
        for (key, out) in [
            ("podcast.output_dir", &self.output),
            ("podcast.masters_dir", &self.masters),
            ("the state folder", &self.state),
        ] {
            let Some(real) = resolve(out) else { continue };
            if !real.starts_with(&root) || real == root {
                bail!(
                    "{key} `{}` resolves to `{}`, outside the project folder; devocast writes only inside the project",
                    out.display(),
                    real.display()
                );
            }
            for (skey, s) in &sources {
                if let Some(rs) = resolve(s) {
                    if rs.starts_with(&real) || real.starts_with(&rs) {
                        bail!(
                            "{key} `{}` resolves to `{}`, which overlaps {skey} `{}`; give the output its own folder",
                            out.display(),
                            real.display(),
                            s.display()
                        );
                    }
                }
            }
        }
        if let Some(real) = resolve(&self.episodes) {
            if !real.starts_with(&root) {
                bail!(
                    "podcast.episodes_dir `{}` resolves to `{}`, outside the project folder",
                    self.episodes.display(),
                    real.display()
                );
            }
        }
        Ok(())
    }

    /// A path inside the project as the producer would write it (`feed/one.mp3`).
    pub fn rel(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned()
    }

    /// The project lock's file.
    pub fn lock_file(&self) -> PathBuf {
        self.state.join("build.lock")
    }

    /// The lock of one episode, taken by shard builds.
    pub fn episode_lock(&self, key: &str) -> PathBuf {
        self.state.join("locks").join(format!("{key}.lock"))
    }

    /// The segment cache.
    pub fn cache(&self) -> PathBuf {
        self.state.join("cache")
    }

    /// Per-episode manifests.
    pub fn episode_states(&self) -> PathBuf {
        self.state.join("episodes")
    }

    /// The record of the last publish.
    pub fn publish_manifest(&self) -> PathBuf {
        self.state.join("publish.json")
    }

    /// What `import` wrote: each blog post's article file and the bytes it wrote there.
    /// Not an output: `clean` keeps it.
    pub fn imports(&self) -> PathBuf {
        self.state.join("imports.json")
    }

    /// Articles a producer had edited that `import --force` replaced, kept here.
    pub fn import_replaced(&self) -> PathBuf {
        self.state.join("import-replaced")
    }

    /// Whole-podcast books `devocast book` wrote into the output folder, for `clean`.
    pub fn books(&self) -> PathBuf {
        self.state.join("books.json")
    }

    /// The publication record (dates of undated articles).
    pub fn published_file(&self) -> PathBuf {
        self.root.join(PUBLISHED_FILE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(extra: &str) -> Config {
        Config::parse(extra, Path::new("devocast.toml")).unwrap_or_else(|e| panic!("{e:#}"))
    }

    /// A configuration that names every kind of source, each at a path of its own, with
    /// more lines under `[podcast]`.
    fn every_source(podcast: &str) -> String {
        format!(
            "[podcast]\nepisodes_dir = \"articles\"\nimage = \"art/cover.png\"\n{podcast}\n\
             [production]\nhymns_dir = \"tunes\"\nintro = \"clips/in.flac\"\noutro = \"ends/out.ogg\"\n\
             [hymns.3]\nfile = \"rec/three.flac\"\n"
        )
    }

    #[test]
    fn every_source_is_listed_once_for_both_checks() {
        let config = cfg(&every_source(""));
        let keys: Vec<String> = config.sources().into_iter().map(|(k, _)| k).collect();
        assert_eq!(
            keys,
            [
                "podcast.episodes_dir",
                "devocast.toml",
                "lexicon.toml",
                "published.toml",
                "production.hymns_dir",
                "production.intro",
                "production.outro",
                "podcast.image",
                "[hymns.3] file",
            ]
        );
        let root = Path::new("/p");
        let layout = Layout {
            root: root.into(),
            episodes: root.join("articles"),
            output: root.join("feed"),
            masters: root.join("masters"),
            state: root.join(STATE_DIR),
        };
        let joined: Vec<(String, PathBuf)> = config
            .sources()
            .into_iter()
            .map(|(k, p)| (k, root.join(p)))
            .collect();
        assert_eq!(layout.sources(&config), joined);
    }

    /// Each source, as written and through a symbolic link, is refused as the output folder,
    /// and the message names it.
    #[cfg(unix)]
    #[test]
    fn an_output_onto_any_source_is_refused_by_both_checks() {
        for (key, path) in cfg(&every_source("")).sources() {
            let path = path.to_string_lossy().into_owned();
            let toml = every_source(&format!("output_dir = {path:?}"));
            let err = Config::parse(&toml, Path::new("devocast.toml")).expect_err(&toml);
            assert!(format!("{err:#}").contains(&key), "{key}: {err:#}");

            let dir = tempfile::tempdir().unwrap();
            let source = dir.path().join(&path);
            std::fs::create_dir_all(source.parent().unwrap()).unwrap();
            if key.ends_with("_dir") {
                std::fs::create_dir(&source).unwrap();
            } else {
                std::fs::write(&source, "mine").unwrap();
            }
            std::os::unix::fs::symlink(&source, dir.path().join("feed")).unwrap();
            let err = Layout::new(dir.path(), &cfg(&every_source(""))).unwrap_err();
            assert!(
                format!("{err:#}").contains(&format!("overlaps {key}")),
                "{key}: {err:#}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_output_folder_onto_sources_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("episodes")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("episodes"), dir.path().join("feed")).unwrap();
        let err = Layout::new(dir.path(), &cfg("")).unwrap_err();
        assert!(
            format!("{err:#}").contains("overlaps podcast.episodes_dir"),
            "{err:#}"
        );
        let out = tempfile::tempdir().unwrap();
        std::fs::remove_file(dir.path().join("feed")).unwrap();
        std::os::unix::fs::symlink(out.path(), dir.path().join("feed")).unwrap();
        let err = Layout::new(dir.path(), &cfg("")).unwrap_err();
        assert!(
            format!("{err:#}").contains("outside the project"),
            "{err:#}"
        );
    }
}
