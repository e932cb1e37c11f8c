//! An episode's own artwork (front matter `image` / `cover`): a web address passed on as it
//! is, or a file beside the article, checked as the podcast's cover is and published with the
//! episode. Blog images are often wide banners: one that podcast apps would refuse is named
//! in a warning and the podcast's cover is used instead, so the episode still goes out.

use crate::article::Article;
use crate::publish::{content_name, cover};
use std::path::{Path, PathBuf};

/// Largest image file read, bytes: a JPEG travels inside the MP3 and the book as it is, so a
/// photo straight from a camera is refused rather than copied into every download.
pub const MAX_BYTES: u64 = 10_000_000;

/// The episode's artwork, as the feed and the files carry it.
#[derive(Debug, Clone, PartialEq)]
pub enum Artwork {
    /// An absolute http(s) address: the feed points at it; the MP3 and book keep the
    /// podcast's cover (devocast does not fetch it).
    Url(String),
    /// A checked image file.
    File {
        /// Its name in the output folder (content-hashed).
        file_name: String,
        /// The image as published.
        bytes: Vec<u8>,
        /// A small JPEG of it for the MP3's tags and the talking book.
        embedded: Vec<u8>,
    },
}

impl Artwork {
    /// What the feed item's `itunes:image` and the page name: an address, or a file name.
    pub fn reference(&self) -> &str {
        match self {
            Artwork::Url(u) => u,
            Artwork::File { file_name, .. } => file_name,
        }
    }

    /// The bytes that make it part of the episode's inputs.
    pub fn hash_input(&self) -> &[u8] {
        match self {
            Artwork::Url(u) => u.as_bytes(),
            Artwork::File { bytes, .. } => bytes,
        }
    }
}

/// The artwork `article` names, if it names any it can have: `Ok(None)` when it names
/// none, `Err(warning)` when the one it names cannot be used.
pub fn resolve(article: &Article, root: &Path) -> Result<Option<Artwork>, String> {
    let Some(written) = article.image.as_deref().map(str::trim) else {
        return Ok(None);
    };
    let said = |why: String| {
        format!("the episode image `{written}` {why}; the podcast's cover is used instead")
    };
    if written.starts_with("http://") || written.starts_with("https://") {
        return crate::article::absolute_link(written)
            .map(|u| Some(Artwork::Url(u)))
            .ok_or_else(|| said("is not a web address a feed can carry".into()));
    }
    if written.contains("://") || written.starts_with("data:") {
        return Err(said("is neither a file nor an http(s) address".into()));
    }
    let candidates = places(&article.source, root, written);
    let Some(path) = candidates.iter().find(|p| p.exists()) else {
        let looked: Vec<String> = candidates
            .iter()
            .map(|p| format!("`{}`", p.display()))
            .collect();
        return Err(said(format!(
            "is not there (looked for {})",
            looked.join(" and ")
        )));
    };
    let file = checked(path, &article.slug).map_err(said)?;
    Ok(Some(file))
}

/// Where a path written in an article may point: beside the article, and (for a path from the
/// site's root, as Jekyll and Hugo write `/images/x.jpg`) from the project's root.
fn places(article: &Path, root: &Path, written: &str) -> Vec<PathBuf> {
    let dir = article.parent().unwrap_or(Path::new("."));
    let relative = written.trim_start_matches('/');
    let mut out = vec![dir.join(relative)];
    if written.starts_with('/') {
        out.push(root.join(relative));
        out.push(root.join("static").join(relative)); // Hugo's and Zola's site files
    }
    out.dedup();
    out
}

/// The image at `path`, read and checked as the podcast's cover is: a regular file of
/// bounded size, a JPEG or PNG, square, 1400–3000 pixels.
fn checked(path: &Path, slug: &str) -> Result<Artwork, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot be read ({e})"))?;
    if !meta.is_file() {
        return Err(format!("(`{}`) is not a regular file", path.display()));
    }
    if meta.len() > MAX_BYTES {
        return Err(format!(
            "(`{}`) is {} MB, more than the {} MB an episode image may be",
            path.display(),
            meta.len() / 1_000_000,
            MAX_BYTES / 1_000_000
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot be read ({e})"))?;
    let (mime, ext, (w, h)) = cover::inspect(&bytes).map_err(|e| format!("{e:#}"))?;
    if w != h || !(1400..=3000).contains(&w) {
        return Err(format!(
            "is {w}×{h}: podcast apps need a square image of 1400–3000 pixels"
        ));
    }
    let embedded = if mime == "image/jpeg" {
        bytes.clone()
    } else {
        let img = cover::decode_png(&bytes).map_err(|e| format!("{e:#}"))?;
        cover::embed_jpeg(&img).map_err(|e| format!("{e:#}"))?
    };
    Ok(Artwork::File {
        file_name: content_name(slug, &format!("cover.{ext}"), &bytes),
        bytes,
        embedded,
    })
}
