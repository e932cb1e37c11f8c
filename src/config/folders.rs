//! The project's paths as written: which files and folders are the producer's
//! ([`Config::sources`]), and the check that every folder devocast writes stays inside the
//! project and clear of them. `project::layout` checks the same again as the paths resolve
//! on disk.

use super::{Config, FILE_NAME, PUBLISHED_FILE, STATE_DIR};
use anyhow::{bail, Result};
use std::path::{Component, Path, PathBuf};

impl Config {
    /// The files and folders the producer owns, relative to the project (as written), each
    /// named by its setting or file name as messages name it: devocast reads them and never
    /// writes there. Settings left unset are absent.
    pub fn sources(&self) -> Vec<(String, PathBuf)> {
        let p = &self.podcast;
        let pr = &self.production;
        let mut sources: Vec<(String, PathBuf)> =
            vec![("podcast.episodes_dir".into(), p.episodes_dir.clone())];
        for file in [FILE_NAME, crate::speech::lexicon::FILE_NAME, PUBLISHED_FILE] {
            sources.push((file.into(), PathBuf::from(file)));
        }
        sources.push(("production.hymns_dir".into(), pr.hymns_dir.clone()));
        for (key, path) in [
            ("production.intro", &pr.intro),
            ("production.outro", &pr.outro),
            ("podcast.image", &p.image),
        ] {
            if let Some(path) = path {
                sources.push((key.into(), path.clone()));
            }
        }
        for (n, h) in &self.hymns {
            sources.push((format!("[hymns.{n}] file"), h.file.clone()));
        }
        sources
    }
}

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

/// Checks the folders of a configuration as written: outputs inside the project, not the
/// project itself, and clear of every source. Returns a message naming the key.
pub(super) fn validate(config: &Config) -> Result<()> {
    let outputs = outputs(config)?;
    check_episodes_dir(&config.podcast.episodes_dir)?;
    // Sources may live outside the project (read-only use is harmless).
    let sources: Vec<(String, Vec<String>)> = config
        .sources()
        .into_iter()
        .filter_map(|(key, path)| Some((key, inside(&path).ok()?)))
        .filter(|(_, parts)| !parts.is_empty())
        .collect();
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

/// The folders devocast writes, each named and as components: inside the project and not
/// the project itself.
fn outputs(config: &Config) -> Result<Vec<(&'static str, Vec<String>)>> {
    let p = &config.podcast;
    let defaults = super::Podcast::default();
    let mut outputs = Vec::new();
    for (key, path, default) in [
        ("podcast.output_dir", &p.output_dir, &defaults.output_dir),
        ("podcast.masters_dir", &p.masters_dir, &defaults.masters_dir),
    ] {
        let parts = inside(path)
            .map_err(|why| anyhow::anyhow!("{key} = {:?} {why}", path.display().to_string()))?;
        if parts.is_empty() {
            bail!(
                "{key} = {:?} is the project folder itself; devocast needs a folder of its own (the default is {:?})",
                path.display().to_string(),
                default.display().to_string()
            );
        }
        outputs.push((key, parts));
    }
    outputs.push(("the state folder", vec![STATE_DIR.to_string()]));
    Ok(outputs)
}

/// The articles folder must be inside the project, and not the project itself.
fn check_episodes_dir(episodes_dir: &Path) -> Result<()> {
    let parts = inside(episodes_dir).map_err(|why| {
        anyhow::anyhow!(
            "podcast.episodes_dir = {:?} {why}",
            episodes_dir.display().to_string()
        )
    })?;
    if parts.is_empty() {
        bail!("podcast.episodes_dir = \".\" would read every file of the project as an article; give a folder such as \"episodes\"");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
