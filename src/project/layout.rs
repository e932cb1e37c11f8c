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

    /// What the producer wrote, named by its setting: devocast never writes there.
    pub fn sources(&self, config: &Config) -> Vec<(String, PathBuf)> {
        let mut sources: Vec<(String, PathBuf)> =
            vec![("podcast.episodes_dir".into(), self.episodes.clone())];
        for f in [
            crate::config::FILE_NAME,
            crate::speech::lexicon::FILE_NAME,
            PUBLISHED_FILE,
        ] {
            sources.push((f.into(), self.root.join(f)));
        }
        let pr = &config.production;
        sources.push(("production.hymns_dir".into(), self.root.join(&pr.hymns_dir)));
        for (k, f) in [
            ("production.intro", &pr.intro),
            ("production.outro", &pr.outro),
            ("podcast.image", &config.podcast.image),
        ] {
            if let Some(f) = f {
                sources.push((k.into(), self.root.join(f)));
            }
        }
        for (n, h) in &config.hymns {
            sources.push((format!("[hymns.{n}] file"), self.root.join(&h.file)));
        }
        sources
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
