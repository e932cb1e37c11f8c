//! What a command tells its user, as lines for standard output and standard error in the
//! order they are meant to be read. The library words its summaries here (one home for each
//! wording, testable without running the binary); the binary only prints them.

/// Where a line goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// Standard output: what the command did.
    Out,
    /// Standard error: what went wrong, and warnings a script should not parse as output.
    Err,
}

/// Lines for the terminal, in order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// Each line (without its newline) and where it goes.
    pub lines: Vec<(Stream, String)>,
}

impl Report {
    /// Adds a line for standard output.
    pub fn out(&mut self, line: impl Into<String>) {
        self.lines.push((Stream::Out, line.into()));
    }

    /// Adds a line for standard error.
    pub fn err(&mut self, line: impl Into<String>) {
        self.lines.push((Stream::Err, line.into()));
    }

    /// The lines for one stream, in order (for tests and callers that keep one).
    pub fn on(&self, stream: Stream) -> Vec<&str> {
        self.lines
            .iter()
            .filter(|(s, _)| *s == stream)
            .map(|(_, l)| l.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_their_order_and_stream() {
        let mut r = Report::default();
        r.out("one");
        r.err("two");
        r.out(String::from("three"));
        assert_eq!(r.on(Stream::Out), ["one", "three"]);
        assert_eq!(r.on(Stream::Err), ["two"]);
        assert_eq!(r.lines[1], (Stream::Err, "two".to_string()));
    }
}
