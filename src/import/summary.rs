//! What an import did, and its wording for the terminal.

use super::post::Kind;
use super::skip::Skip;
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

    /// The summary as lines for the terminal.
    pub fn lines(&self) -> Vec<String> {
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
