//! `[book]`: talking books.

use serde::{Deserialize, Serialize};

/// `[book]`: talking books.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct BookConfig {
    /// Write each episode as an EPUB 3 talking book (`feed/<slug>.epub`), its text and
    /// narration synchronised sentence by sentence. Default: true.
    pub epub: bool,
}

impl Default for BookConfig {
    fn default() -> Self {
        BookConfig { epub: true }
    }
}
