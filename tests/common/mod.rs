//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

/// A fresh copy of `tests/fixtures/project` in a temporary folder (kept alive by the guard).
pub fn fixture_project() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    copy_dir(Path::new("tests/fixtures/project"), &project);
    (tmp, project)
}

/// The files the feed publishes for one episode (names carry a content hash, so tests find
/// them as podcast apps do: through `feed/feed.xml`).
#[derive(Debug, Clone)]
pub struct Published {
    pub mp3: PathBuf,
    pub chapters: PathBuf,
    pub vtt: PathBuf,
    pub srt: PathBuf,
    pub page: PathBuf,
    /// The private master (not in the feed).
    pub wav: PathBuf,
}

/// The local file a feed URL names.
pub fn local(project: &Path, url: &str) -> PathBuf {
    let name = url.rsplit('/').next().unwrap();
    project.join("feed").join(name.replace("%20", " "))
}

/// The published files of `slug`, read from the feed; panics if the feed does not list it.
pub fn published(project: &Path, slug: &str) -> Published {
    let xml = std::fs::read(project.join("feed/feed.xml")).unwrap();
    let channel = rss::Channel::read_from(&xml[..]).unwrap();
    let item = channel
        .items()
        .iter()
        .find(|i| {
            i.link()
                .is_some_and(|l| l.ends_with(&format!("/{slug}.html")))
        })
        .unwrap_or_else(|| panic!("the feed lists no episode {slug}"));
    let ext = item.extensions();
    let transcript = |mime: &str| {
        let t = ext["podcast"]["transcript"]
            .iter()
            .find(|t| t.attrs()["type"] == mime)
            .unwrap();
        local(project, &t.attrs()["url"])
    };
    Published {
        mp3: local(project, item.enclosure().unwrap().url()),
        chapters: local(project, &ext["podcast"]["chapters"][0].attrs()["url"]),
        vtt: transcript("text/vtt"),
        srt: transcript("application/x-subrip"),
        page: local(project, item.link().unwrap()),
        wav: project.join("masters").join(format!("{slug}.wav")),
    }
}
