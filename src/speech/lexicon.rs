//! A pronunciation lexicon: whole words the voices get wrong, with a respelling (or espeak
//! phonemes for engines that take them). A shipped default covers Bible names; a project's
//! `lexicon.toml` adds to it and overrides it.
//!
//! Keys with a capital letter match that exact case ("Job" the book, not "job" the task);
//! lower-case keys match any case.

use crate::lines::{toml_error_line, Lines};
use anyhow::{bail, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The file name of a project's lexicon.
pub const FILE_NAME: &str = "lexicon.toml";

/// What to say instead of a word.
#[derive(Debug, Clone, PartialEq)]
pub struct Pronunciation {
    /// Plain-letter respelling every engine can read.
    pub say: Option<String>,
    /// espeak phoneme mnemonics, used where the engine accepts `[[...]]`.
    pub phonemes: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawEntry {
    Say(String),
    Full {
        say: Option<String>,
        phonemes: Option<String>,
    },
}

/// Whole-word replacements.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    exact: BTreeMap<String, Pronunciation>,
    folded: BTreeMap<String, Pronunciation>,
    /// Keys it did not understand (a typo such as `phoneme`), each naming file and line.
    pub warnings: Vec<String>,
    /// Whether the project has a lexicon file of its own.
    pub from_project: bool,
}

/// The keys an entry table may hold.
const ENTRY_KEYS: &[&str] = &["say", "phonemes"];

impl Lexicon {
    /// The lexicon shipped with devocast.
    pub fn default_entries() -> Lexicon {
        // Our own file; a parse failure is a bug caught by the unit tests.
        Lexicon::parse(
            include_str!("default_lexicon.toml"),
            Path::new("default_lexicon.toml"),
        )
        .unwrap_or_default()
    }

    /// Parses lexicon text; errors name `path` and the line.
    pub fn parse(text: &str, path: &Path) -> Result<Lexicon> {
        let raw: BTreeMap<String, toml::Spanned<toml::Value>> =
            toml::from_str(text).map_err(|e| {
                let line = toml_error_line(text, &e).unwrap_or(1);
                anyhow::anyhow!("`{}` line {line}: {}", path.display(), e.message())
            })?;
        let lines = Lines::new(text);
        let mut lex = Lexicon::default();
        for (word, value) in raw {
            let line = lines.line(value.span().start);
            let where_ = || format!("`{}` line {line}", path.display());
            if word.is_empty() || word.chars().any(|c| c.is_whitespace()) {
                bail!("{}: {word:?} must be a single word", where_());
            }
            let value = value.into_inner();
            if let toml::Value::Table(t) = &value {
                for k in t.keys().filter(|k| !ENTRY_KEYS.contains(&k.as_str())) {
                    lex.warnings.push(format!(
                        "{}: {word}: `{k}` is not a key devocast reads (entries take `say` and `phonemes`); it was ignored",
                        where_()
                    ));
                }
            }
            let entry: RawEntry = value.try_into().map_err(|_| {
                anyhow::anyhow!(
                    "{}: {word} must be a respelling string or {{ say = \"…\", phonemes = \"…\" }}",
                    where_()
                )
            })?;
            let p = match entry {
                RawEntry::Say(s) => Pronunciation {
                    say: Some(s),
                    phonemes: None,
                },
                RawEntry::Full { say, phonemes } => Pronunciation { say, phonemes },
            };
            if p.say.as_deref().is_none_or(|s| s.trim().is_empty())
                && p.phonemes.as_deref().is_none_or(|s| s.trim().is_empty())
            {
                bail!("{}: {word} has neither a respelling nor phonemes", where_());
            }
            if p.phonemes.as_deref().is_some_and(|ph| ph.contains("]]")) {
                bail!("{}: phonemes for {word} must not contain `]]`", where_());
            }
            lex.insert(word, p);
        }
        Ok(lex)
    }

    /// Loads a project's `lexicon.toml` on top of the default; a missing file is fine.
    pub fn for_project(project: &Path) -> Result<Lexicon> {
        let mut lex = Lexicon::default_entries();
        let path = project.join(FILE_NAME);
        if std::fs::metadata(&path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
            return Ok(lex);
        }
        let text = crate::fsutil::read_text_limited(&path, crate::config::MAX_LEXICON_BYTES)?;
        lex.extend(Lexicon::parse(&text, &path)?);
        lex.from_project = true;
        Ok(lex)
    }

    fn insert(&mut self, word: String, p: Pronunciation) {
        if word.chars().any(char::is_uppercase) {
            self.exact.insert(word, p);
        } else {
            self.folded.insert(word, p);
        }
    }

    /// Adds entries, replacing existing ones.
    pub fn extend(&mut self, other: Lexicon) {
        self.exact.extend(other.exact);
        self.folded.extend(other.folded);
        self.warnings.extend(other.warnings);
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.exact.len() + self.folded.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The pronunciation of one word, if listed.
    pub fn lookup(&self, word: &str) -> Option<&Pronunciation> {
        self.exact
            .get(word)
            .or_else(|| self.folded.get(&word.to_lowercase()))
    }

    /// Replaces listed whole words in `text`. With `phonemes`, entries that have them are
    /// written as espeak `[[...]]` input.
    pub fn apply(&self, text: &str, phonemes: bool) -> String {
        if self.is_empty() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            if word.is_empty() {
                return;
            }
            match self.lookup(word) {
                Some(Pronunciation {
                    phonemes: Some(ph), ..
                }) if phonemes => out.push_str(&format!("[[{ph}]]")),
                Some(Pronunciation { say: Some(s), .. }) => out.push_str(s),
                _ => out.push_str(word),
            }
            word.clear();
        };
        let mut in_phonemes = false;
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            // Never touch phoneme input already in the text.
            if c == '[' && chars.get(i + 1) == Some(&'[') {
                flush(&mut word, &mut out);
                in_phonemes = true;
            }
            if in_phonemes {
                out.push(c);
                if c == ']' && i > 0 && chars[i - 1] == ']' {
                    in_phonemes = false;
                }
                i += 1;
                continue;
            }
            if c.is_alphanumeric()
                || (c == '\''
                    && !word.is_empty()
                    && chars.get(i + 1).is_some_and(|n| n.is_alphabetic()))
            {
                word.push(c);
            } else {
                flush(&mut word, &mut out);
                out.push(c);
            }
            i += 1;
        }
        flush(&mut word, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_lexicon_parses() {
        let lex = Lexicon::parse(include_str!("default_lexicon.toml"), Path::new("d")).unwrap();
        assert!(lex.len() >= 5);
    }

    #[test]
    fn whole_word_and_case_aware() {
        let lex = Lexicon::parse(
            "Job = \"Jobe\"\nmelchizedek = { say = \"mel kiz a deck\", phonemes = \"mElk'Iz@dEk\" }\n",
            Path::new("l.toml"),
        )
        .unwrap();
        assert_eq!(
            lex.apply("Job and a job, Jobs.", false),
            "Jobe and a job, Jobs."
        );
        assert_eq!(
            lex.apply("Melchizedek's order", false),
            "Melchizedek's order"
        );
        assert_eq!(
            lex.apply("Melchizedek, priest", false),
            "mel kiz a deck, priest"
        );
        assert_eq!(lex.apply("MELCHIZEDEK.", true), "[[mElk'Iz@dEk]].");
        assert_eq!(lex.apply("[[Job]] Job", false), "[[Job]] Jobe");
    }

    #[test]
    fn errors_name_the_line() {
        let err = Lexicon::parse("a = \"x\"\n\nb = 3\n", Path::new("lexicon.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("lexicon.toml") && err.contains("line 3"),
            "{err}"
        );
        let err = Lexicon::parse("a = \"x\"\nb = {\n", Path::new("lexicon.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 2"), "{err}");
        let err = Lexicon::parse("\"two words\" = \"x\"\n", Path::new("l"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("single word"), "{err}");
        let err = Lexicon::parse("a = {}\n", Path::new("l"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("neither"), "{err}");
    }

    /// A lexicon of `n` words, a comment line before every tenth, and an entry with a
    /// mistyped key every 1,000th; with the lines those entries are on.
    fn big_lexicon(n: usize) -> (String, Vec<usize>) {
        let mut text = String::new();
        let mut typo_lines = Vec::new();
        let mut line = 1;
        for i in 0..n {
            if i % 10 == 0 {
                text.push_str(&format!("# words from {i}\n"));
                line += 1;
            }
            if i % 1000 == 999 {
                text.push_str(&format!(
                    "word{i} = {{ say = \"w {i}\", phoneme = \"x\" }}\n"
                ));
                typo_lines.push(line);
            } else {
                text.push_str(&format!("word{i} = \"w {i}\"\n"));
            }
            line += 1;
        }
        (text, typo_lines)
    }

    #[test]
    fn a_big_lexicon_names_every_line_right() {
        let (text, typo_lines) = big_lexicon(50_000);
        let lex = Lexicon::parse(&text, Path::new("lexicon.toml")).unwrap();
        assert_eq!(lex.len(), 50_000);
        assert_eq!(lex.apply("word49999 word7", false), "w 49999 w 7");
        // Warnings come in key order (a map), so compare the sets of lines.
        let mut named: Vec<usize> = lex
            .warnings
            .iter()
            .map(|w| {
                let after = w.split("` line ").nth(1).expect(w);
                after[..after.find(':').expect(w)].parse().expect(w)
            })
            .collect();
        named.sort_unstable();
        assert_eq!(named, typo_lines);
        // The last line, 55,001, is the one a mistake there is reported on.
        let broken = format!("{text}Last = {{}}\n");
        let err = Lexicon::parse(&broken, Path::new("lexicon.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 55001: Last has neither"), "{err}");
    }

    #[test]
    fn unknown_entry_keys_are_named() {
        let lex = Lexicon::parse(
            "Salem = \"say lem\"\nMelchizedek = { say = \"mel kizzadeck\", phoneme = \"x\" }\n",
            Path::new("lexicon.toml"),
        )
        .unwrap();
        assert_eq!(lex.warnings.len(), 1, "{:?}", lex.warnings);
        let w = &lex.warnings[0];
        assert!(
            w.contains("lexicon.toml` line 2") && w.contains("`phoneme`"),
            "{w}"
        );
        assert_eq!(lex.apply("Melchizedek", false), "mel kizzadeck");
    }
}
