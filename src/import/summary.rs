//! What an import did, and its wording for the terminal.

use super::post::Kind;
use super::skip::Skip;
use crate::report::Report;
use std::collections::BTreeMap;

/// What an import did.
#[derive(Debug, Default)]
pub struct Summary {
    /// What was read.
    pub kind: Option<Kind>,
    /// Article files written for the first time.
    pub new: Vec<String>,
    /// Article files rewritten because the post changed on the blog.
    pub updated: Vec<String>,
    /// Posts whose article file is already what it would be.
    pub unchanged: usize,
    /// Articles edited here since their import whose post changed on the blog: kept as
    /// they are.
    pub kept_edited: Vec<String>,
    /// Articles deleted here since their import: not brought back.
    pub kept_deleted: Vec<String>,
    /// Files a producer wrote at the name a post would take: not touched.
    pub kept_foreign: Vec<String>,
    /// Edited articles replaced under `--force`, with where the edited copy went (counted
    /// with `updated` in the summary line).
    pub replaced: Vec<(String, String)>,
    /// What was not imported, by why, with how many.
    pub skipped: BTreeMap<Skip, usize>,
    /// Warnings, each naming the source and line or the article file.
    pub warnings: Vec<String>,
    /// Posts that could not be written, each with why (the rest were imported).
    pub failed: Vec<String>,
    /// Why the import stopped early (the source broke off); what came before was imported.
    pub error: Option<String>,
    /// The podcast's settings given the blog's own names (a new project's first import).
    pub named: Vec<String>,
}

impl Summary {
    /// Counts `n` entries not imported for one reason.
    pub fn skip(&mut self, why: Skip, n: usize) {
        *self.skipped.entry(why).or_default() += n;
    }

    /// Whether every post that should have come in did.
    pub fn ok(&self) -> bool {
        self.failed.is_empty() && self.error.is_none()
    }

    /// The import's account for the terminal: warnings, what was read (`source`, as the user
    /// named it), the counts, edited articles replaced, posts that failed, the time taken
    /// (`seconds`), and why the import stopped early if it did.
    pub fn report(&self, source: &str, seconds: f64) -> Report {
        let mut report = Report::default();
        for w in &self.warnings {
            report.err(format!("warning: {w}"));
        }
        if let Some(kind) = self.kind {
            report.out(format!("read: `{source}` ({})", kind.describe()));
        }
        for line in self.counts() {
            report.out(line);
        }
        for n in &self.named {
            report.out(n.clone());
        }
        for (file, kept) in &self.replaced {
            report.out(format!(
                "replaced your edited `{file}`; your copy is in `{kept}`"
            ));
        }
        for f in &self.failed {
            report.err(format!("error: not imported: {f}"));
        }
        report.out(format!("{seconds:.1} s"));
        if let Some(e) = &self.error {
            report.err(format!("error: {e}"));
            report.err(
                "the posts before that point were imported; import the file again once it is whole",
            );
        }
        report
    }

    /// What came in and what did not, counted.
    fn counts(&self) -> Vec<String> {
        let mut out = Vec::new();
        out.push(format!(
            "imported: {} new, {} updated, {} unchanged{}{}{}{}",
            self.new.len(),
            self.updated.len() + self.replaced.len(),
            self.unchanged,
            count_of(self.kept_edited.len(), "kept as edited here"),
            count_of(self.kept_deleted.len(), "deleted here and not brought back"),
            count_of(self.kept_foreign.len(), "not written over a file of yours"),
            count_of(self.failed.len(), "failed"),
        ));
        if !self.skipped.is_empty() {
            // In the order of their wording, and reasons worded alike (a WordPress comment,
            // a Blogger comment) counted as one.
            let mut worded: BTreeMap<String, (&Skip, usize)> = BTreeMap::new();
            for (why, n) in &self.skipped {
                worded.entry(why.words().0).or_insert((why, 0)).1 += n;
            }
            let parts: Vec<String> = worded.values().map(|(why, n)| why.describe(*n)).collect();
            out.push(format!("not imported: {}", parts.join(", ")));
        }
        out
    }
}

fn count_of(n: usize, what: &str) -> String {
    if n == 0 {
        String::new()
    } else {
        format!(", {n} {what}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Stream;

    #[test]
    fn the_report_words_every_part_in_order() {
        let mut s = Summary {
            kind: Some(Kind::Rss),
            new: vec!["episodes/a.md".into(), "episodes/b.md".into()],
            updated: vec!["episodes/c.md".into()],
            unchanged: 4,
            kept_edited: vec!["episodes/d.md".into()],
            replaced: vec![(
                "episodes/e.md".into(),
                ".devocast/import-replaced/e.md".into(),
            )],
            warnings: vec!["`feed.xml` line 3: odd".into()],
            failed: vec!["`episodes/f.md`: disk full".into()],
            ..Default::default()
        };
        s.skip(Skip::Draft, 2);
        let r = s.report("feed.xml", 0.26);
        assert_eq!(
            r.on(Stream::Out),
            [
                "read: `feed.xml` (RSS feed)",
                "imported: 2 new, 2 updated, 4 unchanged, 1 kept as edited here, 1 failed",
                "not imported: 2 drafts",
                "replaced your edited `episodes/e.md`; your copy is in `.devocast/import-replaced/e.md`",
                "0.3 s",
            ]
        );
        assert_eq!(
            r.on(Stream::Err),
            [
                "warning: `feed.xml` line 3: odd",
                "error: not imported: `episodes/f.md`: disk full",
            ]
        );
        // Warnings come first, as they are found while reading.
        assert_eq!(r.lines[0].0, Stream::Err);
        assert!(!s.ok());
    }

    #[test]
    fn an_import_cut_short_says_what_was_kept() {
        let s = Summary {
            error: Some("`feed.xml` line 9: the file ends inside <item>".into()),
            ..Default::default()
        };
        let r = s.report("feed.xml", 1.0);
        // Nothing was recognised: no `read:` line.
        assert_eq!(
            r.on(Stream::Out),
            ["imported: 0 new, 0 updated, 0 unchanged", "1.0 s"]
        );
        let err = r.on(Stream::Err);
        assert_eq!(
            err[0],
            "error: `feed.xml` line 9: the file ends inside <item>"
        );
        assert!(err[1].starts_with("the posts before that point were imported"));
        assert!(!s.ok());
    }
}
