//! `[pauses]`: the silence document structure puts between things, in milliseconds.

use super::check_ms;
use anyhow::Result;
use serde::{Deserialize, Serialize};

/// Pauses by structure, in milliseconds.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Pauses {
    /// After each sentence. Default: 250.
    pub sentence_ms: u32,
    /// After each paragraph, quote or list. Default: 700.
    pub paragraph_ms: u32,
    /// After a heading is spoken. Default: 900.
    pub heading_ms: u32,
    /// Before a heading (between sections). Default: 600.
    pub section_ms: u32,
    /// Between the lines of a hymn stanza. Default: 350.
    pub line_ms: u32,
}

impl Default for Pauses {
    fn default() -> Self {
        Pauses {
            sentence_ms: 250,
            paragraph_ms: 700,
            heading_ms: 900,
            section_ms: 600,
            line_ms: 350,
        }
    }
}

impl Pauses {
    /// Checks every pause is at most [`super::MAX_PAUSE_MS`].
    pub fn validate(&self) -> Result<()> {
        check_ms("pauses.sentence_ms", self.sentence_ms)?;
        check_ms("pauses.paragraph_ms", self.paragraph_ms)?;
        check_ms("pauses.heading_ms", self.heading_ms)?;
        check_ms("pauses.section_ms", self.section_ms)?;
        check_ms("pauses.line_ms", self.line_ms)
    }
}
