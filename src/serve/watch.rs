//! `serve --watch`: rebuilds while serving when the sources change, and at each moment a
//! held episode can come out (the start of a day in the podcast's time zone, when a scheduled
//! article's date arrives, and the release time, when it is listed), so a scheduled episode
//! reaches listeners on its day with no one at the keyboard.

use crate::config::{Config, Podcast};
use crate::publish::feed::{release, today};
use chrono::{DateTime, NaiveTime, Utc};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// The newest modification time among the project's sources.
fn newest_source(project: &Path) -> Option<SystemTime> {
    fn walk(dir: &Path, newest: &mut Option<SystemTime>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, newest);
            } else if let Ok(m) = e.metadata().and_then(|m| m.modified()) {
                *newest = (*newest).max(Some(m));
            }
        }
    }
    let mut newest = None;
    for f in [crate::config::FILE_NAME, crate::speech::lexicon::FILE_NAME] {
        if let Ok(m) = std::fs::metadata(project.join(f)).and_then(|m| m.modified()) {
            newest = newest.max(Some(m));
        }
    }
    walk(&project.join("episodes"), &mut newest);
    walk(&project.join("audio"), &mut newest);
    newest
}

/// The next moment after `now` that a build can publish something new: the next start of a
/// day in the podcast's time zone, or the day's release time, whichever comes first.
pub fn next_release(podcast: &Podcast, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let day = today(podcast, now);
    [day, day.succ_opt()?]
        .into_iter()
        .flat_map(|d| {
            let start = crate::publish::feed::moment(podcast, d.and_time(NaiveTime::MIN));
            [start, release(podcast, d)]
        })
        .map(|t| t.with_timezone(&Utc))
        .filter(|t| *t > now)
        .min()
}

/// When the watcher next wakes to build by the clock (the settings are read again each time).
fn next_due(project: &Path) -> Option<DateTime<Utc>> {
    let config = Config::load(project).ok()?;
    next_release(&config.podcast, Utc::now())
}

/// Polls the sources once a second and rebuilds what changed, and rebuilds when a release
/// moment passes.
pub(super) fn watch_and_build(project: &Path) {
    let mut seen = newest_source(project);
    let mut due = next_due(project);
    loop {
        std::thread::sleep(Duration::from_secs(1));
        let now = newest_source(project);
        let released = due.is_some_and(|t| Utc::now() >= t);
        if now == seen && !released {
            continue;
        }
        seen = now;
        if released {
            println!("release time: building what is due");
        } else {
            println!("change detected; rebuilding");
        }
        rebuild(project);
        due = next_due(project);
    }
}

fn rebuild(project: &Path) {
    match crate::build::build(project, &Default::default(), &|l| println!("{l}")) {
        Ok(s) => println!(
            "rebuilt: {} built, {} unchanged, {} failed",
            s.built(),
            s.unchanged(),
            s.failed()
        ),
        Err(e) => println!("rebuild failed: {e:#}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn podcast(toml: &str) -> Podcast {
        toml::from_str::<Config>(toml).unwrap().podcast
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn wakes_at_the_start_of_each_day_and_at_the_release_time_in_the_podcasts_zone() {
        let p = podcast("[podcast]\ntimezone = \"America/Chicago\"\npublish_time = \"07:30\"");
        // 02:00 in Chicago (CST, UTC-6): the release at 07:30 there comes next.
        assert_eq!(
            next_release(&p, at("2026-01-10T08:00:00Z")),
            Some(at("2026-01-10T13:30:00Z"))
        );
        // Just after the release: the next day's start, midnight in Chicago.
        assert_eq!(
            next_release(&p, at("2026-01-10T13:30:00Z")),
            Some(at("2026-01-11T06:00:00Z"))
        );
        // Summer time (CDT, UTC-5).
        assert_eq!(
            next_release(&p, at("2026-07-10T12:00:00Z")),
            Some(at("2026-07-10T12:30:00Z"))
        );
        // No settings: UTC days, released at 11:00 UTC.
        let plain = podcast("");
        assert_eq!(
            next_release(&plain, at("2026-03-01T10:59:59Z")),
            Some(at("2026-03-01T11:00:00Z"))
        );
        assert_eq!(
            next_release(&plain, at("2026-03-01T23:00:00Z")),
            Some(at("2026-03-02T00:00:00Z"))
        );
    }
}
