//! The project itself, underneath every command that opens one (build, publish, import,
//! check, serve, book, clean): which folder it is ([`root`]), how `init` starts one
//! ([`init`], adopting the articles already there: [`adopt`]; the examples it writes that
//! must be replaced: [`placeholders`]), its folders and what may
//! never be written over ([`layout`]), the lock one build holds ([`lock`]), its
//! publication record and per-episode state ([`state`]), the podcast's voice
//! ([`voicelock`]), which articles it has ([`plan`]), and reading one article within the
//! size limit.

pub mod adopt;
pub mod init;
pub mod layout;
pub mod lock;
pub mod placeholders;
pub mod plan;
pub mod records;
pub mod root;
pub mod state;
pub mod voicelock;
pub mod workflow;

use crate::article::{self, Article};
use anyhow::{Context, Result};
use std::path::Path;

/// Articles larger than this are refused: they would make episodes of many hours.
pub const MAX_ARTICLE_BYTES: u64 = 256 * 1024;

/// Reads an article, refusing what cannot be one (wrong type, too large).
pub fn read_article(path: &Path) -> Result<Article> {
    if !article::is_article(path) {
        anyhow::bail!(
            "`{}` is not an article: devocast reads .txt, .md and .html files",
            path.display()
        );
    }
    let meta =
        std::fs::metadata(path).with_context(|| format!("failed to read `{}`", path.display()))?;
    if !meta.is_file() {
        anyhow::bail!("`{}` is not a regular file", path.display());
    }
    if meta.len() > MAX_ARTICLE_BYTES {
        anyhow::bail!(
            "`{}` is {:.1} MB; devocast reads articles up to {} KB (about 40,000 words, several hours of audio): split it into episodes",
            path.display(),
            meta.len() as f64 / 1_048_576.0,
            MAX_ARTICLE_BYTES / 1024
        );
    }
    // An article without sub-headings (a short daily reading) is one chapter, named by
    // its title.
    article::load(path)
}
