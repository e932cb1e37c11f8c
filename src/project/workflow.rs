//! `devocast init --ci github`: a GitHub Actions workflow that builds the podcast and deploys
//! it every day at its release time, so a scheduled episode reaches listeners on its day with
//! no one at the keyboard. GitHub reads `cron` in UTC: a time zone with summer time gets one
//! line per offset (the build at the other hour is a no-op, and a held episode stays held).

use crate::config::Config;
use crate::publish::feed::release;
use anyhow::{bail, Context, Result};
use chrono::{Datelike, NaiveDate, Timelike, Utc};
use std::path::{Path, PathBuf};

/// Where the workflow lives in the project.
pub const GITHUB_WORKFLOW: &str = ".github/workflows/devocast.yml";

/// The git repository the workflow installs devocast from, unless the repository variable
/// `DEVOCAST_GIT` names another (a fork, a mirror).
const DEVOCAST_GIT: &str = "https://github.com/devocast/devocast";

/// Writes the workflow into the project. An existing file is the producer's: it is left as
/// it is unless it is exactly what we would write.
pub fn write_github(project: &Path, config: &Config) -> Result<PathBuf> {
    let path = project.join(GITHUB_WORKFLOW);
    let text = github(config);
    match std::fs::read_to_string(&path) {
        Ok(old) if old == text => return Ok(path),
        Ok(_) => bail!(
            "{} already exists and differs from the template: it is left as it is (move it \
             aside to write a new one)",
            path.display()
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    }
    let dir = path.parent().unwrap_or(project);
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    crate::fsutil::write_atomic(&path, text.as_bytes())?;
    Ok(path)
}

/// The cron lines (UTC) for the podcast's release time: in winter and in summer of this year.
pub fn cron_lines(config: &Config) -> Vec<String> {
    let year = Utc::now().year();
    let mut lines: Vec<String> = [1, 7]
        .into_iter()
        .filter_map(|month| NaiveDate::from_ymd_opt(year, month, 15))
        .map(|day| release(&config.podcast, day).with_timezone(&Utc))
        .map(|at| format!("{} {} * * *", at.minute(), at.hour()))
        .collect();
    lines.dedup();
    lines
}

/// The workflow's text.
pub fn github(config: &Config) -> String {
    let schedule: String = cron_lines(config)
        .iter()
        .map(|line| format!("    - cron: \"{line}\"\n"))
        .collect();
    let when = match (&config.podcast.timezone, &config.podcast.publish_time) {
        (Some(tz), Some(t)) => format!("{t} {tz}"),
        (Some(tz), None) => format!("06:00 {tz}"),
        (None, Some(t)) => format!("{t} UTC"),
        (None, None) => "11:00 UTC".to_string(),
    };
    TEMPLATE
        .replace("{schedule}", &schedule)
        .replace("{when}", &when)
        .replace("{version}", env!("CARGO_PKG_VERSION"))
        .replace("{git}", DEVOCAST_GIT)
        .replace("{output}", &config.podcast.output_dir.to_string_lossy())
}

const TEMPLATE: &str = include_str!("workflow.yml");

#[cfg(test)]
mod tests {
    use super::*;

    fn config(toml: &str) -> Config {
        toml::from_str(toml).unwrap()
    }

    #[test]
    fn release_time_in_utc_with_one_line_per_offset() {
        let chicago = config("[podcast]\ntimezone = \"America/Chicago\"\npublish_time = \"07:30\"");
        assert_eq!(cron_lines(&chicago), ["30 13 * * *", "30 12 * * *"]);
        let utc = config("[podcast]\npublish_time = \"05:05\"");
        assert_eq!(cron_lines(&utc), ["5 5 * * *"]);
        // No settings: 11:00 UTC, as the feed's own release rule.
        assert_eq!(cron_lines(&Config::default()), ["0 11 * * *"]);
        // A zone without summer time, east of UTC, crossing midnight.
        let tokyo = config("[podcast]\ntimezone = \"Asia/Tokyo\"\npublish_time = \"06:00\"");
        assert_eq!(cron_lines(&tokyo), ["0 21 * * *"]);
    }

    #[test]
    fn the_workflow_names_its_schedule_and_keeps_the_publication_record() {
        let text = github(&config(
            "[podcast]\ntimezone = \"Europe/London\"\npublish_time = \"06:15\"",
        ));
        assert!(text.contains("- cron: \"15 6 * * *\""), "{text}");
        assert!(text.contains("- cron: \"15 5 * * *\""), "{text}");
        assert!(text.contains("06:15 Europe/London"));
        assert!(text.contains("git add published.toml"));
        assert!(text.contains("devocast deploy"));
        for slot in ["{schedule}", "{when}", "{version}", "{git}", "{output}"] {
            assert!(!text.contains(slot), "{slot} left in the workflow");
        }
    }
}
