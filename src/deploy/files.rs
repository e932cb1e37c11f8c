//! The files a deploy publishes: those the current feed references, read from the
//! publication manifest, each with its size, digest, kind and place in the upload order.

use crate::project::layout::Layout;
use crate::project::state::PublishManifest;
use crate::publish::{feed, page};
use anyhow::{bail, Result};
use std::path::{Path, PathBuf};

/// What a file is, for its place in the order and the headers it is served with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Audio and images under content-hashed names: uploaded first, cached forever.
    Media,
    /// Pages, transcripts, chapters and books.
    Document,
    /// The index page: after everything it links to.
    Index,
    /// The feed: last of all.
    Feed,
    /// devocast's own state object and lock on the target.
    State,
}

impl Kind {
    /// The kind of a published file, by its name.
    pub fn of(name: &str) -> Kind {
        match name {
            feed::FEED_FILE => Kind::Feed,
            page::INDEX_FILE => Kind::Index,
            _ if matches!(
                extension(name),
                "mp3" | "m4a" | "ogg" | "png" | "jpg" | "jpeg"
            ) =>
            {
                Kind::Media
            }
            _ => Kind::Document,
        }
    }

    /// `Cache-Control`: a file whose name changes with its bytes can be kept forever; the
    /// feed and pages under fixed names only briefly, so a new episode shows within minutes.
    pub fn cache_control(self, name: &str) -> &'static str {
        if self == Kind::Media || (self == Kind::Document && hashed(name)) {
            "public, max-age=31536000, immutable"
        } else if self == Kind::State {
            "no-store"
        } else {
            "public, max-age=300"
        }
    }
}

/// `Content-Type` of a file, by its extension.
pub fn content_type(name: &str) -> &'static str {
    match extension(name) {
        "mp3" => "audio/mpeg",
        "m4a" => "audio/mp4",
        "ogg" => "audio/ogg",
        "xml" | "rss" => "application/rss+xml",
        "html" | "htm" => "text/html; charset=utf-8",
        "vtt" => "text/vtt; charset=utf-8",
        "srt" => "application/x-subrip",
        "json" => "application/json",
        "epub" => "application/epub+zip",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "svg" => "image/svg+xml",
        "css" => "text/css; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn extension(name: &str) -> &str {
    name.rsplit_once('.').map_or("", |(_, e)| e)
}

/// Whether a name carries a content hash (a dot-separated run of 8 or more hex digits).
fn hashed(name: &str) -> bool {
    name.split(['.', '-'])
        .any(|part| part.len() >= 8 && part.chars().all(|c| c.is_ascii_hexdigit()))
}

/// One published file on this machine.
#[derive(Debug, Clone)]
pub struct Local {
    /// Its name on the target (relative to the output folder, with `/`).
    pub name: String,
    /// Where it is.
    pub path: PathBuf,
    /// Bytes.
    pub size: u64,
    /// blake3 of its bytes, hex.
    pub digest: String,
    /// What it is.
    pub kind: Kind,
}

/// The files the current feed references, in upload order (media, documents, index, feed);
/// a missing one is an error, since the feed would point at nothing.
pub fn current(layout: &Layout) -> Result<Vec<Local>> {
    let manifest = PublishManifest::load(layout);
    let out = layout.rel(&layout.output);
    let mut files = Vec::new();
    for rel in &manifest.current {
        let Some(name) = Path::new(rel)
            .strip_prefix(&out)
            .ok()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
        else {
            continue;
        };
        let path = layout.root.join(rel);
        let bytes = std::fs::read(&path).map_err(|e| {
            anyhow::anyhow!(
                "`{}` is missing ({e}), though the feed references it: run `devocast build` first",
                path.display()
            )
        })?;
        files.push(Local {
            kind: Kind::of(&name),
            name,
            path,
            size: bytes.len() as u64,
            digest: blake3::hash(&bytes).to_hex().to_string(),
        });
    }
    if !files.iter().any(|f| f.kind == Kind::Feed) {
        bail!(
            "nothing is published in `{}` yet: run `devocast build` first",
            layout.output.display()
        );
    }
    files.sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.name.cmp(&b.name)));
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_goes_first_and_the_feed_last_with_headers_to_match() {
        let mut names = ["feed.xml", "one.html", "index.html", "one.4f3a9c1b2d.mp3"];
        names.sort_by_key(|n| Kind::of(n));
        assert_eq!(
            names,
            ["one.4f3a9c1b2d.mp3", "one.html", "index.html", "feed.xml"]
        );
        assert_eq!(content_type("feed.xml"), "application/rss+xml");
        assert_eq!(content_type("a.b.epub"), "application/epub+zip");
        assert_eq!(content_type("a.vtt"), "text/vtt; charset=utf-8");
        assert!(Kind::of("x.0123abcd.mp3")
            .cache_control("x.0123abcd.mp3")
            .contains("immutable"));
        assert!(Kind::Feed.cache_control("feed.xml").contains("max-age=300"));
        assert!(!Kind::of("one.html")
            .cache_control("one.html")
            .contains("immutable"));
    }
}
