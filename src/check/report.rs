//! What `check` found: a list of findings, each with how much it matters, where it is when
//! that is known, and what it says. The verdict and the exit code follow the worst one.

use std::fmt;

/// How much a finding matters. Ordered from least to worst, so the worst of a report is its
/// maximum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Looked at and found in order (`ok`).
    Ok,
    /// A build goes on, but the producer should know (`warning`).
    Warning,
    /// A build would refuse or fail it (`error`).
    Error,
}

impl Severity {
    /// The word a finding's line starts with, padded so the messages line up.
    fn tag(self) -> &'static str {
        match self {
            Severity::Ok => "ok     ",
            Severity::Warning => "warning",
            Severity::Error => "error  ",
        }
    }
}

/// One thing `check` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// How much it matters.
    pub severity: Severity,
    /// The file it is about, as the producer knows it (relative to the project), if known.
    pub file: Option<String>,
    /// The line in that file, from 1, if known.
    pub line: Option<usize>,
    /// What it says.
    pub message: String,
    /// Whether the printed line starts with the file and line. Not when the message says
    /// where already (an error passed up from loading a file names that file) or reads as a
    /// sentence without it.
    show_place: bool,
}

impl Finding {
    /// A finding with no place yet.
    pub fn new(severity: Severity, message: impl Into<String>) -> Finding {
        Finding {
            severity,
            file: None,
            line: None,
            message: message.into(),
            show_place: false,
        }
    }

    /// Something in order.
    pub fn ok(message: impl Into<String>) -> Finding {
        Finding::new(Severity::Ok, message)
    }

    /// Something a build goes on with.
    pub fn warning(message: impl Into<String>) -> Finding {
        Finding::new(Severity::Warning, message)
    }

    /// Something a build would refuse.
    pub fn error(message: impl Into<String>) -> Finding {
        Finding::new(Severity::Error, message)
    }

    /// An error passed up from the code that read `file`, whose message names the file
    /// itself.
    pub fn failed(file: impl Into<String>, error: &anyhow::Error) -> Finding {
        Finding::error(format!("{error:#}")).about(file)
    }

    /// Places the finding in `file`, printed before the message.
    pub fn in_file(mut self, file: impl Into<String>) -> Finding {
        self.file = Some(file.into());
        self.show_place = true;
        self
    }

    /// Records the file the finding is about without printing it: the message names it
    /// already, or reads without it.
    pub fn about(mut self, file: impl Into<String>) -> Finding {
        self.file = Some(file.into());
        self
    }

    /// The line in the file, from 1.
    pub fn at_line(mut self, line: usize) -> Finding {
        self.line = Some(line);
        self
    }
}

/// One line: the severity's word, the place (`file line N: `) when it is shown, then the
/// message. A place with an empty message is the file alone (`ok      devocast.toml`).
impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.severity.tag())?;
        let file = self.file.as_deref().filter(|_| self.show_place);
        if let Some(file) = file {
            write!(f, "{file}")?;
            if let Some(line) = self.line {
                write!(f, " line {line}")?;
            }
            if !self.message.is_empty() {
                write!(f, ": ")?;
            }
        }
        write!(f, "{}", self.message)
    }
}

/// What `check` found, in the order it looked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Every finding.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Adds one finding.
    pub fn add(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// Adds findings about one file, each at its line when known, as `(severity, line,
    /// message)`: how a file that reports many problems at once (a configuration, a lexicon)
    /// adds them all.
    pub fn add_in_file<M: Into<String>>(
        &mut self,
        file: &str,
        items: impl IntoIterator<Item = (Severity, Option<usize>, M)>,
    ) {
        for (severity, line, message) in items {
            let mut finding = Finding::new(severity, message).in_file(file);
            finding.line = line;
            self.add(finding);
        }
    }

    /// The worst severity found (`Ok` when nothing was found).
    pub fn worst(&self) -> Severity {
        self.findings
            .iter()
            .map(|f| f.severity)
            .max()
            .unwrap_or(Severity::Ok)
    }

    /// Whether a build would go through: nothing worse than a warning.
    pub fn ok(&self) -> bool {
        self.worst() < Severity::Error
    }

    /// The findings, one a line, then the verdict (`check passed` or `check failed`).
    pub fn text(&self) -> String {
        let mut text = String::new();
        for f in &self.findings {
            text.push_str(&format!("{f}\n"));
        }
        text.push_str(if self.ok() {
            "check passed\n"
        } else {
            "check failed\n"
        });
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_severity_prints_its_padded_word() {
        assert_eq!(Finding::ok("fine").to_string(), "ok      fine");
        assert_eq!(Finding::warning("hm").to_string(), "warning hm");
        assert_eq!(Finding::error("no").to_string(), "error   no");
    }

    #[test]
    fn the_place_is_printed_only_when_asked() {
        let f = Finding::warning("no recording for hymn 9").in_file("episodes/a.md");
        assert_eq!(
            f.to_string(),
            "warning episodes/a.md: no recording for hymn 9"
        );
        let f = Finding::ok("").in_file("devocast.toml");
        assert_eq!(f.to_string(), "ok      devocast.toml");
        let f = Finding::error("unknown field `x`")
            .in_file("devocast.toml")
            .at_line(13);
        assert_eq!(
            f.to_string(),
            "error   devocast.toml line 13: unknown field `x`"
        );
        // Known, but the message names it already.
        let e = anyhow::anyhow!("bad date").context("failed to parse `/p/episodes/b.md`");
        let f = Finding::failed("episodes/b.md", &e);
        assert_eq!(f.file.as_deref(), Some("episodes/b.md"));
        assert_eq!(
            f.to_string(),
            "error   failed to parse `/p/episodes/b.md`: bad date"
        );
    }

    #[test]
    fn the_verdict_follows_the_worst_finding() {
        let mut r = Report::default();
        assert_eq!(r.worst(), Severity::Ok);
        assert!(r.ok());
        r.add(Finding::ok("a"));
        r.add(Finding::warning("b"));
        assert_eq!(r.worst(), Severity::Warning);
        assert!(r.ok());
        assert_eq!(r.text(), "ok      a\nwarning b\ncheck passed\n");
        r.add(Finding::error("c"));
        r.add(Finding::ok("d"));
        assert_eq!(r.worst(), Severity::Error);
        assert!(!r.ok());
        assert!(r.text().ends_with("error   c\nok      d\ncheck failed\n"));
    }

    #[test]
    fn many_findings_from_one_file_at_once() {
        let mut r = Report::default();
        r.add_in_file(
            "devocast.toml",
            [
                (Severity::Error, Some(3), "unknown field `colour`"),
                (Severity::Warning, None, "podcast.email is the example"),
                (Severity::Error, Some(9), "rate must be 80 to 450"),
            ],
        );
        assert_eq!(r.findings.len(), 3);
        assert!(r
            .findings
            .iter()
            .all(|f| f.file.as_deref() == Some("devocast.toml")));
        assert_eq!(r.findings[2].line, Some(9));
        assert_eq!(
            r.text(),
            "error   devocast.toml line 3: unknown field `colour`\n\
             warning devocast.toml: podcast.email is the example\n\
             error   devocast.toml line 9: rate must be 80 to 450\n\
             check failed\n"
        );
    }
}
