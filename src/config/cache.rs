//! `[cache]`: how long the store of synthesized sentences (`.devocast/cache/`) keeps the
//! work of a voice the podcast no longer narrates with.

use anyhow::{bail, Result};
use serde::{Deserialize, Serialize};

/// The most days `keep_days` may ask for (ten years).
pub const MAX_KEEP_DAYS: u32 = 3650;

/// `[cache]` settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct CacheConfig {
    /// Days the sentences of a voice are kept after the last build that used it, so
    /// switching back to a voice costs no synthesis (0 removes them with the first build
    /// that narrates with another voice; 0–3650). Default: 30.
    pub keep_days: u32,
}

impl Default for CacheConfig {
    fn default() -> Self {
        CacheConfig { keep_days: 30 }
    }
}

impl CacheConfig {
    /// Checks the values are in range.
    pub fn validate(&self) -> Result<()> {
        if self.keep_days > MAX_KEEP_DAYS {
            bail!(
                "cache.keep_days = {} is too long; use 0–{MAX_KEEP_DAYS} days",
                self.keep_days
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use std::path::Path;

    #[test]
    fn keep_days_defaults_to_thirty_and_is_bounded() {
        let c = Config::parse("", Path::new("x")).unwrap();
        assert_eq!(c.cache.keep_days, 30);
        let c = Config::parse("[cache]\nkeep_days = 0", Path::new("x")).unwrap();
        assert_eq!(c.cache.keep_days, 0);
        for bad in [
            "[cache]\nkeep_days = 3651",
            "[cache]\nkeep_days = -1",
            "[cache]\nkeep = 3",
        ] {
            assert!(Config::parse(bad, Path::new("x")).is_err(), "{bad}");
        }
    }
}
