//! The account a build gives on the terminal, worded once for `build`, `build --shard` and
//! `publish`: a line of totals, the warnings, each failed article's error, and the next step.

use super::{Outcome, Run, Summary};
use crate::publish::format::hms;
use crate::report::Report;
use crate::text::plural;
use std::path::Path;

impl Summary {
    /// The summary for the terminal. `project` is the folder as the user named it, so the
    /// commands suggested can be typed as shown.
    pub fn report(&self, project: &Path) -> Report {
        let mut report = Report::default();
        report.out(self.totals());
        self.problems(&mut report);
        report.out(self.next_step(project));
        report
    }

    /// One line of counts: what was built (or, for `publish`, what the feed lists), then
    /// what was cleaned up and how long it took.
    fn totals(&self) -> String {
        let settled = format!("{} held, {} failed", self.held(), self.failed());
        let cleaned = format!(
            "{} pruned, {} removed",
            plural(self.pruned, "cache entry", "cache entries"),
            plural(self.removed, "old file", "old files")
        );
        let audio = hms(self.audio_seconds());
        let what = match self.run {
            Run::Publish => {
                return format!(
                    "published: {} in the feed ({audio} of audio), {settled}; {cleaned}; {:.1} s",
                    plural(self.unchanged(), "episode", "episodes"),
                    self.seconds,
                )
            }
            Run::Build => "summary".to_string(),
            Run::Shard(shard) => format!("shard {shard}"),
        };
        format!(
            "{what}: {} built, {} unchanged, {settled}; {} synthesized, {cleaned}; {audio} of audio; {:.1} s ({})",
            self.built(),
            self.unchanged(),
            plural(self.synthesized, "sentence", "sentences"),
            self.seconds,
            self.voice
        )
    }

    /// The warnings (counted, on standard output), then each failed article's error.
    fn problems(&self, report: &mut Report) {
        let warnings = self.warnings();
        if !warnings.is_empty() {
            report.out(format!(
                "{}:",
                plural(warnings.len(), "warning", "warnings")
            ));
            for w in warnings {
                report.out(format!("  {w}"));
            }
        }
        for o in &self.outcomes {
            if let Outcome::Failed { error, .. } = o {
                report.err(format!("error: {error:#}"));
            }
        }
    }

    /// Where the feed is and how to listen, or for a shard, what comes next.
    fn next_step(&self, project: &Path) -> String {
        if let Run::Shard(shard) = self.run {
            return format!(
                "shard {shard} done; the feed is written by `devocast publish {}` once all {} shards have finished",
                project.display(),
                shard.count
            );
        }
        format!(
            "feed: {}; listen with `devocast serve {}` and subscribe to http://127.0.0.1:8000/feed.xml, or open {} in a browser",
            self.feed.display(),
            project.display(),
            self.feed.with_file_name("index.html").display()
        )
    }
}

/// How many episodes a warning said by several names before "and N more".
const NAMED_EPISODES: usize = 3;

/// Each distinct warning once, in the order first met, prefixed with the episodes that
/// gave it.
pub(super) fn once_each<'a>(
    per_episode: impl Iterator<Item = (&'a str, &'a [String])>,
) -> Vec<String> {
    let mut order: Vec<&str> = Vec::new();
    let mut by_message: std::collections::HashMap<&str, Vec<&str>> = Default::default();
    for (slug, warnings) in per_episode {
        for w in warnings {
            let slugs = by_message.entry(w.as_str()).or_insert_with(|| {
                order.push(w.as_str());
                Vec::new()
            });
            if slugs.last() != Some(&slug) {
                slugs.push(slug);
            }
        }
    }
    order
        .into_iter()
        .map(|w| {
            let slugs = &by_message[w];
            let mut names = slugs[..slugs.len().min(NAMED_EPISODES)].join(", ");
            if slugs.len() > NAMED_EPISODES {
                let more = slugs.len() - NAMED_EPISODES;
                names.push_str(&format!(" and {more} more"));
            }
            format!("{names}: {w}")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::{shard::Shard, Held};
    use super::*;
    use crate::publish::EpisodeInfo;
    use crate::report::Stream;
    use std::path::PathBuf;

    fn info(slug: &str, seconds: f64) -> Box<EpisodeInfo> {
        Box::new(EpisodeInfo {
            slug: slug.to_string(),
            title: slug.to_string(),
            description: String::new(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            mp3: format!("{slug}.mp3"),
            mp3_bytes: 1,
            seconds,
            chapters_file: String::new(),
            chapters: Vec::new(),
            transcript_vtt: String::new(),
            transcript_srt: String::new(),
            page: format!("{slug}.html"),
            scripture: Vec::new(),
            hymns: Vec::new(),
            transcript_html: None,
            epub: None,
            number: None,
            author: None,
            authors: Vec::new(),
            keywords: Vec::new(),
            image: None,
            link: None,
            language: None,
        })
    }

    /// One article of each outcome, a note, and a warning on each published episode.
    fn summary(run: Run) -> Summary {
        Summary {
            voice: "test voice".to_string(),
            outcomes: vec![
                Outcome::Built {
                    info: info("new", 61.4),
                    warnings: vec!["no recording for hymn 9".to_string()],
                },
                Outcome::Unchanged {
                    info: info("old", 3600.0),
                    warnings: vec!["kept warning".to_string()],
                },
                Outcome::Held {
                    source: PathBuf::from("episodes/draft.md"),
                    why: Held::Draft("`draft: true`".into()),
                },
                Outcome::Failed {
                    source: PathBuf::from("episodes/bad.md"),
                    error: anyhow::anyhow!("bad date").context("failed to parse `bad.md`"),
                },
            ],
            notes: vec!["skipped `episodes/notes.docx`".to_string()],
            voice_change: None,
            synthesized: 1,
            pruned: 2,
            removed: 1,
            feed: PathBuf::from("p/feed/feed.xml"),
            run,
            seconds: 1.3,
        }
    }

    const WARNINGS: [&str; 4] = [
        "3 warnings:",
        "  skipped `episodes/notes.docx`",
        "  new: no recording for hymn 9",
        "  old: kept warning",
    ];
    const FEED: &str = "feed: p/feed/feed.xml; listen with `devocast serve p` and subscribe to http://127.0.0.1:8000/feed.xml, or open p/feed/index.html in a browser";

    #[test]
    fn a_build_reports_totals_warnings_errors_and_the_feed() {
        let r = summary(Run::Build).report(Path::new("p"));
        let mut out = vec![
            "summary: 1 built, 1 unchanged, 1 held, 1 failed; 1 sentence synthesized, 2 cache entries pruned, 1 old file removed; 01:01:01 of audio; 1.3 s (test voice)",
        ];
        out.extend(WARNINGS);
        out.push(FEED);
        assert_eq!(r.on(Stream::Out), out);
        assert_eq!(
            r.on(Stream::Err),
            ["error: failed to parse `bad.md`: bad date"]
        );
        // The errors come after the warnings and before the next step.
        assert_eq!(r.lines[5].0, Stream::Err);
    }

    #[test]
    fn a_shard_names_itself_and_says_what_comes_next() {
        let shard = Shard::new(2, 3).unwrap();
        let r = summary(Run::Shard(shard)).report(Path::new("my podcast"));
        let out = r.on(Stream::Out);
        assert!(
            out[0].starts_with("shard 2/3: 1 built, 1 unchanged, 1 held, 1 failed;"),
            "{}",
            out[0]
        );
        assert_eq!(
            out.last().unwrap(),
            &"shard 2/3 done; the feed is written by `devocast publish my podcast` once all 3 shards have finished"
        );
    }

    #[test]
    fn publish_counts_the_feed_and_shares_the_rest() {
        let mut s = summary(Run::Publish);
        s.pruned = 1;
        s.removed = 0;
        let r = s.report(Path::new("p"));
        let mut out = vec![
            "published: 1 episode in the feed (01:01:01 of audio), 1 held, 1 failed; 1 cache entry pruned, 0 old files removed; 1.3 s",
        ];
        out.extend(WARNINGS);
        out.push(FEED);
        assert_eq!(r.on(Stream::Out), out);
        assert_eq!(r.on(Stream::Err).len(), 1);
    }

    #[test]
    fn a_clean_build_has_no_warning_lines() {
        let mut s = summary(Run::Build);
        s.outcomes.truncate(1);
        s.outcomes[0] = Outcome::Built {
            info: info("new", 5.0),
            warnings: Vec::new(),
        };
        s.notes.clear();
        let r = s.report(Path::new("p"));
        assert_eq!(r.lines.len(), 2, "{r:?}");
        assert!(r.on(Stream::Err).is_empty());
    }
}
