//! `[publish]`: how long files a published feed named stay available after the feed moves on.

use anyhow::{bail, Result};
use serde::{Deserialize, Serialize};

/// The most days `retention_days` may ask for (ten years).
pub const MAX_RETENTION_DAYS: u32 = 3650;

/// `[publish]` settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct PublishConfig {
    /// Days every file a published feed referenced is kept (in the output folder and on
    /// every deploy target) after the last feed naming it was replaced, because apps fetch
    /// feeds days late and then download what the old feed named (0–3650). Default: 30.
    pub retention_days: u32,
}

impl Default for PublishConfig {
    fn default() -> Self {
        PublishConfig { retention_days: 30 }
    }
}

impl PublishConfig {
    /// Checks the values are in range.
    pub fn validate(&self) -> Result<()> {
        if self.retention_days > MAX_RETENTION_DAYS {
            bail!(
                "publish.retention_days = {} is too long; use 0–{MAX_RETENTION_DAYS} days",
                self.retention_days
            );
        }
        Ok(())
    }

    /// The window as a duration.
    pub fn window(&self) -> chrono::Duration {
        chrono::Duration::days(i64::from(self.retention_days))
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use std::path::Path;

    #[test]
    fn retention_defaults_to_thirty_days_and_is_bounded() {
        let c = Config::parse("", Path::new("x")).unwrap();
        assert_eq!(c.publish.retention_days, 30);
        for bad in [
            "[publish]\nretention_days = 3651",
            "[publish]\nretention_days = -3",
            "[publish]\nkeep = 3",
        ] {
            assert!(Config::parse(bad, Path::new("x")).is_err(), "{bad}");
        }
    }
}
