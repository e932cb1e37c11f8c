//! Line numbers for messages: which line of a text a byte offset falls on, so an error in
//! `devocast.toml`, `lexicon.toml` or `published.toml` names the line to fix.
//!
//! [`Lines`] finds the line starts once; each lookup is then a binary search. Naming the line
//! of every entry of a 100,000-word lexicon by rescanning the text from the top each time
//! took half a minute.

/// Where each line of a text starts, found once.
#[derive(Debug, Clone)]
pub struct Lines {
    /// Byte offsets of the line starts, ascending; the first is 0.
    starts: Vec<usize>,
}

impl Lines {
    /// The line starts of `text`.
    pub fn new(text: &str) -> Lines {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { starts }
    }

    /// The line, counted from 1, that byte `offset` falls on; an offset past the end is on
    /// the last line.
    pub fn line(&self, offset: usize) -> usize {
        // Every start at or before the offset is a line begun by then (0 always is).
        self.starts.partition_point(|&start| start <= offset)
    }
}

/// The line, counted from 1, a TOML parse error points at in `text`, if it points anywhere.
pub fn toml_error_line(text: &str, error: &toml::de::Error) -> Option<usize> {
    error.span().map(|span| Lines::new(text).line(span.start))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line of `offset` by counting, as a reference for the binary search.
    fn counted(text: &str, offset: usize) -> usize {
        text.bytes().take(offset).filter(|&b| b == b'\n').count() + 1
    }

    #[test]
    fn every_offset_is_on_the_line_counting_gives() {
        for text in [
            "",
            "\n",
            "one",
            "one\n",
            "one\ntwo",
            "\n\nthree\n\n",
            "é\r\nü\n\n ☧ \n",
        ] {
            let lines = Lines::new(text);
            for offset in 0..=text.len() + 3 {
                assert_eq!(
                    lines.line(offset),
                    counted(text, offset),
                    "{text:?} at {offset}"
                );
            }
        }
    }

    #[test]
    fn a_toml_error_names_its_line() {
        let text = "a = 1\nb = 2\n\nc = = 3\n";
        let err = toml::from_str::<toml::Table>(text).unwrap_err();
        assert_eq!(toml_error_line(text, &err), Some(4));
        let text = "a = 1\n[t]\nx = 1\n[t]\n";
        let err = toml::from_str::<toml::Table>(text).unwrap_err();
        assert_eq!(toml_error_line(text, &err), Some(4));
    }
}
