//! The voices recorded in `published.toml`: the podcast's narrator (`[voice]`) and the
//! voice of each part with one of its own (`[readers.<part>]`), each with the settings that
//! chose it (see [`super::voicelock`]).

use crate::voice::identity::{Identity, Settings};
use anyhow::Result;
use serde::Serialize;
use std::path::Path;

/// The podcast's voice, and the `[voice]` settings that chose it.
#[derive(Debug, Clone)]
pub struct VoiceRecord {
    /// The voice.
    pub voice: Identity,
    /// What `devocast.toml` asked for when it was chosen.
    pub settings: Settings,
}

/// The record's `[voice]` table: the voice's keys, then `[voice.settings]`.
#[derive(Serialize)]
pub(super) struct VoiceOut<'a> {
    #[serde(flatten)]
    pub(super) voice: &'a Identity,
    pub(super) settings: &'a Settings,
}

/// Reads the `[voice]` table of the record.
pub(super) fn voice_record(path: &Path, table: toml::Table) -> Result<VoiceRecord> {
    let mut table = table;
    let bad = |what: &str, e: toml::de::Error| {
        anyhow::anyhow!(
            "`{}`: [voice{what}]: {} (devocast writes this table; restore it from version control)",
            path.display(),
            e.message()
        )
    };
    let settings = table
        .remove("settings")
        .ok_or_else(|| anyhow::anyhow!("`{}`: [voice] has no [voice.settings]", path.display()))?
        .try_into()
        .map_err(|e| bad(".settings", e))?;
    let voice = toml::Value::Table(table)
        .try_into()
        .map_err(|e| bad("", e))?;
    Ok(VoiceRecord { voice, settings })
}
