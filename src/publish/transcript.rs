//! Timed transcripts from the synthesized sentences: WebVTT and SRT.
//!
//! The text is what the article says (not the form read to the voice); the timing is when it
//! is heard. Long sentences are split at word boundaries into cues of at most two lines of
//! 42 characters (the common broadcast guideline), their time shared out by length.

use super::format::stamp;

/// Characters per caption line.
pub const LINE: usize = 42;

/// One caption.
#[derive(Debug, Clone, PartialEq)]
pub struct Caption {
    /// Start, seconds.
    pub start: f64,
    /// End, seconds.
    pub end: f64,
    /// One or two lines.
    pub lines: Vec<String>,
    /// Who reads it (a WebVTT `<v …>` span), only when the podcast has several voices.
    pub voice: Option<String>,
}

/// Wraps text at word boundaries into lines of at most `width` characters (a longer word
/// stands alone).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Captions for timed sentences (start s, end s, text), ascending and non-overlapping.
pub fn captions(sentences: &[(f64, f64, String)]) -> Vec<Caption> {
    let none: Vec<Option<String>> = vec![None; sentences.len()];
    voiced_captions(sentences, &none)
}

/// [`captions`], each sentence's captions carrying its reader's name (`voices`, one per
/// sentence).
pub fn voiced_captions(
    sentences: &[(f64, f64, String)],
    voices: &[Option<String>],
) -> Vec<Caption> {
    let mut out = Vec::new();
    for ((start, end, text), voice) in sentences.iter().zip(voices) {
        let lines = wrap(text, LINE);
        let total: usize = lines
            .iter()
            .map(|l| l.chars().count())
            .sum::<usize>()
            .max(1);
        let mut t = *start;
        let mut done = 0;
        for pair in lines.chunks(2) {
            done += pair.iter().map(|l| l.chars().count()).sum::<usize>();
            let until = if done >= total {
                *end
            } else {
                start + (end - start) * done as f64 / total as f64
            };
            out.push(Caption {
                start: t,
                end: until,
                lines: pair.to_vec(),
                voice: voice.clone(),
            });
            t = until;
        }
    }
    out
}

/// WebVTT file text.
pub fn vtt(captions: &[Caption]) -> String {
    let mut s = String::from("WEBVTT\n");
    for (i, c) in captions.iter().enumerate() {
        let voice = c
            .voice
            .as_deref()
            .map(|v| format!("<v {}>", escape_vtt(v).replace('>', "&gt;")))
            .unwrap_or_default();
        s.push_str(&format!(
            "\n{}\n{} --> {}\n{voice}{}\n",
            i + 1,
            stamp(c.start, '.'),
            stamp(c.end, '.'),
            escape_vtt(&crate::sanitize::clean(&c.lines.join("\n")))
        ));
    }
    s
}

/// SRT file text.
pub fn srt(captions: &[Caption]) -> String {
    let mut s = String::new();
    for (i, c) in captions.iter().enumerate() {
        s.push_str(&format!(
            "{}\n{} --> {}\n{}\n\n",
            i + 1,
            stamp(c.start, ','),
            stamp(c.end, ','),
            crate::sanitize::clean(&c.lines.join("\n"))
        ));
    }
    s
}

/// WebVTT cue text may not contain "-->" and treats `&` and `<` as markup.
fn escape_vtt(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace("-->", "→")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_word_boundaries() {
        let lines = wrap(
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen",
            20,
        );
        assert!(lines.iter().all(|l| l.chars().count() <= 20), "{lines:?}");
        assert_eq!(
            lines.join(" "),
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        );
    }

    #[test]
    fn long_sentences_become_several_two_line_cues_sharing_the_time() {
        let text = "word ".repeat(60);
        let c = captions(&[(10.0, 40.0, text.trim().to_string())]);
        assert!(c.len() >= 2);
        assert!(c
            .iter()
            .all(|c| c.lines.len() <= 2 && c.lines.iter().all(|l| l.chars().count() <= LINE)));
        assert_eq!(c[0].start, 10.0);
        assert_eq!(c.last().unwrap().end, 40.0);
        assert!(c
            .windows(2)
            .all(|w| w[0].end == w[1].start && w[0].start < w[0].end));
    }

    #[test]
    fn formats() {
        let c = captions(&[
            (0.0, 1.5, "Grace & peace.".into()),
            (3723.25, 3725.0, "Amen.".into()),
        ]);
        let v = vtt(&c);
        assert!(
            v.starts_with("WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.500\nGrace &amp; peace.\n"),
            "{v}"
        );
        assert!(v.contains("01:02:03.250 --> 01:02:05.000\nAmen."));
        let s = srt(&c);
        assert!(
            s.starts_with("1\n00:00:00,000 --> 00:00:01,500\nGrace & peace.\n\n2\n"),
            "{s}"
        );
    }
}
