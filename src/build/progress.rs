//! One line per finished episode, or a progress bar on a terminal.

use super::Outcome;
use crate::publish::format::hms;
use crate::text::plural;
use std::path::Path;

/// Reports finished episodes.
pub struct Progress<'a> {
    bar: Option<indicatif::ProgressBar>,
    log: &'a (dyn Fn(&str) + Sync),
    /// Warnings already said: each is said once a build, with the first episode giving it.
    said: std::sync::Mutex<std::collections::HashSet<String>>,
}

impl<'a> Progress<'a> {
    /// A bar on a terminal, plain lines otherwise (CI logs).
    pub fn new(total: usize, log: &'a (dyn Fn(&str) + Sync)) -> Progress<'a> {
        use std::io::IsTerminal;
        let bar = std::io::stderr().is_terminal().then(|| {
            let b = indicatif::ProgressBar::new(total as u64);
            b.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} [{bar:30}] {pos}/{len} episodes  {msg}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            b.enable_steady_tick(std::time::Duration::from_millis(120));
            b
        });
        Progress {
            bar,
            log,
            said: Default::default(),
        }
    }

    /// One episode is done.
    pub fn done(&self, o: &Outcome, shown: &str, secs: f64) {
        let line = match o {
            Outcome::Built { info, warnings } => {
                let mut l = format!(
                    "built     {} ({}, {}) in {secs:.1} s",
                    shown,
                    hms(info.seconds),
                    plural(info.chapters.len(), "chapter", "chapters")
                );
                let mut said = self.said.lock().unwrap_or_else(|e| e.into_inner());
                for w in warnings {
                    if said.insert(w.clone()) {
                        l.push_str(&format!("\nwarning {shown}: {w}"));
                    }
                }
                l
            }
            Outcome::Unchanged { .. } => format!("unchanged {shown}"),
            Outcome::Held { why, .. } => format!("held      {shown}: {why}"),
            Outcome::Failed { error, .. } => format!("failed    {shown}: {error:#}"),
        };
        match &self.bar {
            Some(b) => {
                b.println(&line);
                b.inc(1);
                b.set_message(shown.to_string());
            }
            None => (self.log)(&line),
        }
    }

    /// Clears the bar.
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// A path as the producer wrote it, relative to the project.
pub fn shown(path: &Path, project: &Path) -> String {
    path.strip_prefix(project)
        .unwrap_or(path)
        .display()
        .to_string()
}
