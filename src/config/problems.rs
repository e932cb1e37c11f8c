//! Every problem of a `devocast.toml` at once, each with its line, rather than the first
//! only: a producer fixing a file one error per run gives up.
//!
//! The file is read; each time a key is refused (unknown, of the wrong kind, or out of
//! range), the refusal is noted and that key (or that whole table, for a refused table) is
//! set aside, and the rest is read again. Line numbers stay those of the file as written,
//! because a key set aside becomes an empty line. A syntax error stops the reading at once:
//! what follows it cannot be trusted.

use super::Config;
use crate::lines::toml_error_line;
use std::path::Path;

/// The most problems one reading reports; a file with more is not a devocast.toml.
const MOST: usize = 40;

/// One refusal: its line in the file (when known) and what is wrong.
struct Problem {
    line: Option<usize>,
    message: String,
}

/// Reads and validates `text` (from `path`), reporting every problem found.
pub(super) fn parse(text: &str, path: &Path) -> anyhow::Result<Config> {
    if let Err(e) = text.parse::<toml::Table>() {
        let problem = Problem {
            line: toml_error_line(text, &e),
            message: e.message().trim().to_string(),
        };
        return Err(report(path, &[problem]));
    }
    let mut work = text.to_string();
    let mut problems: Vec<Problem> = Vec::new();
    loop {
        let problem = match toml::from_str::<Config>(&work) {
            Ok(config) => match config.validate() {
                Ok(()) if problems.is_empty() => return Ok(config),
                Ok(()) => break,
                Err(e) => {
                    let message = format!("{e:#}");
                    let line = line_of_key(&work, first_word(&message));
                    Problem { line, message }
                }
            },
            Err(e) => {
                let line = toml_error_line(&work, &e);
                let place = line.map(|l| place(&work, l));
                let message = explain(e.message().trim(), place.as_ref());
                Problem { line, message }
            }
        };
        let line = problem.line;
        problems.push(problem);
        let Some(line) = line else { break };
        if problems.len() >= MOST || !set_aside(&mut work, line) {
            break;
        }
    }
    Err(report(path, &problems))
}

/// One error naming the file and, for each problem, its line.
fn report(path: &Path, problems: &[Problem]) -> anyhow::Error {
    let shown = path.display();
    // A key missing because it was misspelled is said once, as the misspelling.
    let consequence = |p: &&Problem| {
        quoted_after(&p.message, "missing field `").is_some_and(|m| {
            let meant = format!("did you mean `{m}`?");
            problems.iter().any(|o| o.message.contains(&meant))
        })
    };
    let mut in_order: Vec<&Problem> = problems.iter().filter(|p| !consequence(p)).collect();
    in_order.sort_by_key(|p| p.line.unwrap_or(usize::MAX));
    let lines: Vec<String> = in_order
        .into_iter()
        .map(|p| match p.line {
            Some(l) => format!("`{shown}` line {l}: {}", p.message),
            None => format!("`{shown}`: {}", p.message),
        })
        .collect();
    if lines.len() == 1 {
        return anyhow::anyhow!("{}", lines[0]);
    }
    let count = crate::text::plural(lines.len(), "problem", "problems");
    anyhow::anyhow!("`{shown}` has {count}:\n{}", lines.join("\n"))
}

/// Where a line of the file is: the table it is in, and the key it sets (none for a
/// table's own header line).
struct Place {
    table: String,
    key: Option<String>,
}

impl Place {
    /// The full dotted name of what the line sets: `podcast.author`, `hymns.3`.
    fn full(&self) -> String {
        match (&self.key, self.table.is_empty()) {
            (Some(k), true) => k.clone(),
            (Some(k), false) => format!("{}.{k}", self.table),
            (None, _) => self.table.clone(),
        }
    }
}

/// The table and key of line `line` (counted from 1) of `text`.
fn place(text: &str, line: usize) -> Place {
    let mut table = String::new();
    for (i, l) in text.lines().enumerate() {
        let header = header_name(l);
        if i + 1 == line {
            return match header {
                Some(h) => Place {
                    table: h,
                    key: None,
                },
                None => Place {
                    table,
                    key: key_name(l),
                },
            };
        }
        if let Some(h) = header {
            table = h;
        }
    }
    Place { table, key: None }
}

/// The line that sets `name` (`voice.rate`, `[hymns.7]`, `podcast.funding`), if written:
/// the line naming it exactly, else the one naming the nearest table or key around it.
fn line_of_key(text: &str, name: &str) -> Option<usize> {
    let wanted = dotted(name.trim_matches(|c| c == '[' || c == ']' || c == ':'));
    let mut table = String::new();
    let mut around: Option<(usize, usize)> = None;
    for (i, l) in text.lines().enumerate() {
        let full = match header_name(l) {
            Some(h) => {
                table = h.clone();
                h
            }
            None => match key_name(l) {
                Some(k) if table.is_empty() => k,
                Some(k) => format!("{table}.{k}"),
                None => continue,
            },
        };
        if full.is_empty() {
            continue;
        }
        if full == wanted {
            return Some(i + 1);
        }
        if wanted.starts_with(&format!("{full}.")) && around.is_none_or(|(len, _)| full.len() > len)
        {
            around = Some((full.len(), i + 1));
        }
    }
    around.map(|(_, line)| line)
}

/// The name in a table header line (`[podcast]`, `[[podcast.person]]`, `[hymns."3"]`).
fn header_name(line: &str) -> Option<String> {
    let t = line.trim_start();
    let inner = t.strip_prefix('[')?;
    let inner = inner.strip_prefix('[').unwrap_or(inner);
    let end = inner.find(']')?;
    Some(dotted(&inner[..end]))
}

/// The key a `key = value` line sets, dotted keys kept whole.
fn key_name(line: &str) -> Option<String> {
    let t = line.trim_start();
    if t.is_empty() || t.starts_with('#') {
        return None;
    }
    let (key, _) = t.split_once('=')?;
    Some(dotted(key)).filter(|k| !k.is_empty())
}

/// A TOML key with its spaces and quotes removed: `podcast . "title"` → `podcast.title`.
fn dotted(key: &str) -> String {
    key.split('.')
        .map(|part| part.trim().trim_matches(|c| c == '"' || c == '\''))
        .collect::<Vec<_>>()
        .join(".")
}

/// The first word of a validation message, which names its key (`voice.rate = 3 …`).
fn first_word(message: &str) -> &str {
    message.split_whitespace().next().unwrap_or("")
}

/// Sets aside what line `line` sets: the key on it, or the whole table it heads. False when
/// nothing could be set aside or the rest no longer reads as TOML (a value over several
/// lines), so the reading stops.
fn set_aside(work: &mut String, line: usize) -> bool {
    let mut lines: Vec<&str> = work.split('\n').collect();
    let Some(first) = lines.get(line - 1) else {
        return false;
    };
    if first.trim().is_empty() {
        return false;
    }
    let end = if header_name(first).is_some() {
        (line..lines.len())
            .find(|&i| header_name(lines[i]).is_some())
            .unwrap_or(lines.len())
    } else {
        line
    };
    for l in &mut lines[line - 1..end] {
        *l = "";
    }
    let rest = lines.join("\n");
    if rest.parse::<toml::Table>().is_err() {
        return false;
    }
    *work = rest;
    true
}

/// The reader's message in a producer's words: which key, in which table, and the key most
/// likely meant when a name is unknown.
fn explain(message: &str, place: Option<&Place>) -> String {
    let offered = names_offered(message);
    if let (Some(name), Some(place)) = (quoted_after(message, "unknown field `"), place) {
        let meant = crate::text::closest(name, offered.iter().map(String::as_str));
        return match (&place.key, meant) {
            (None, Some(m)) => format!("unknown table [{}]; did you mean [{}]?", place.full(), {
                let parent = place.full();
                let parent = parent.rsplit_once('.').map_or("", |(p, _)| p).to_string();
                if parent.is_empty() {
                    m.to_string()
                } else {
                    format!("{parent}.{m}")
                }
            }),
            (None, None) => match place.full().rsplit_once('.') {
                // A table of tables (`[voices.psalm]`): name the ones there are.
                Some((parent, _)) if !offered.is_empty() => format!(
                    "unknown table [{}]; the tables of [{parent}] are {}",
                    place.full(),
                    offered
                        .iter()
                        .map(|o| format!("[{parent}.{o}]"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                _ => format!(
                    "unknown table [{}]; the user guide's configuration reference (docs/src/configuration.md) lists the tables and keys",
                    place.full()
                ),
            },
            (Some(_), Some(m)) => format!(
                "unknown key `{name}` in {}; did you mean `{m}`?",
                in_table(place)
            ),
            (Some(_), None) => match elsewhere(name) {
                Some((table, key)) => format!(
                    "unknown key `{name}` in {}; did you mean `{key}` in [{table}]?",
                    in_table(place)
                ),
                None => format!(
                    "unknown key `{name}` in {}; the user guide's configuration reference (docs/src/configuration.md) lists its keys",
                    in_table(place)
                ),
            },
        };
    }
    let mut text = match place {
        Some(p) if !p.full().is_empty() => format!("{}: {message}", p.full()),
        _ => message.to_string(),
    };
    if let Some(value) = quoted_after(message, "unknown variant `") {
        if let Some(m) = crate::text::closest(value, offered.iter().map(String::as_str)) {
            text.push_str(&format!("; did you mean \"{m}\"?"));
        }
    }
    text
}

/// The tables whose keys a key written in the wrong table may belong to.
const TABLES: &[&str] = &[
    "podcast",
    "voice",
    "audio",
    "pauses",
    "production",
    "book",
    "cache",
];

/// The table (and its key) a key written in the wrong table most likely belongs to: the
/// reader, asked for a key no table has, lists the keys each one has.
fn elsewhere(name: &str) -> Option<(&'static str, String)> {
    TABLES.iter().find_map(|table| {
        let probe = format!("[{table}]\n__devocast_probe = 0\n");
        let err = toml::from_str::<Config>(&probe).err()?;
        let keys = names_offered(err.message());
        let key = crate::text::closest(name, keys.iter().map(String::as_str))?;
        Some((*table, key.to_string()))
    })
}

/// `[podcast]`, or "the top level" for keys outside any table.
fn in_table(place: &Place) -> String {
    if place.table.is_empty() {
        "the top level".to_string()
    } else {
        format!("[{}]", place.table)
    }
}

/// The text between `prefix` and the next backquote.
fn quoted_after<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = &message[message.find(prefix)? + prefix.len()..];
    Some(&rest[..rest.find('`')?])
}

/// The names a serde message says it expected (after "expected"), each in backquotes.
fn names_offered(message: &str) -> Vec<String> {
    let Some(at) = message.find("expected") else {
        return Vec::new();
    };
    message[at..]
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use std::path::Path;

    fn problems(toml: &str) -> String {
        let err = Config::parse(toml, Path::new("devocast.toml")).expect_err(toml);
        format!("{err:#}")
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let msg = problems(
            "[podcast]\nauther = \"Ann\"\ntitle = \"T\"\nlangauge = \"en\"\n\n[voice]\nrate = 20\nspeed = 1\n\n[audio]\nchannels = 3\n",
        );
        for (line, what) in [
            (
                2,
                "unknown key `auther` in [podcast]; did you mean `author`?",
            ),
            (4, "did you mean `language`?"),
            (7, "voice.rate = 20"),
            (8, "unknown key `speed` in [voice]"),
            (11, "audio.channels = 3"),
        ] {
            assert!(
                msg.contains(&format!("`devocast.toml` line {line}: ")) && msg.contains(what),
                "line {line}, {what}: {msg}"
            );
        }
        assert!(msg.starts_with("`devocast.toml` has 5 problems:"), "{msg}");
        // The message does not list every key of the section.
        assert!(!msg.contains("`explicit`"), "{msg}");
    }

    #[test]
    fn every_section_suggests_the_key_meant() {
        for (toml, line, meant) in [
            ("[voice]\nengnie = \"auto\"", 2, "`engine`"),
            ("[audio]\n\nsample-rate = 44100", 3, "`sample_rate`"),
            ("[pauses]\nsentense_ms = 200", 2, "`sentence_ms`"),
            ("[production]\nhymns_dri = \"x\"", 2, "`hymns_dir`"),
            ("[book]\nepbu = true", 2, "`epub`"),
            ("[cache]\nkeepdays = 3", 2, "`keep_days`"),
            ("[hymns.5]\nfiel = \"a.mp3\"", 2, "`file`"),
            ("[podcats]\ntitle = \"x\"", 1, "[podcast]"),
            (
                "[podcast.fundng]\nurl = \"https://x.org\"",
                1,
                "[podcast.funding]",
            ),
            ("[voice]\nengine = \"embeded\"", 2, "\"embedded\""),
        ] {
            let msg = problems(toml);
            assert!(
                msg.contains(&format!("line {line}: "))
                    && msg.contains(&format!("did you mean {meant}")),
                "{toml}: {msg}"
            );
        }
        // A key in the wrong table, or outside any, is sent to the table that has it.
        for (toml, meant) in [
            (
                "[voice]\ntitle = \"x\"",
                "did you mean `title` in [podcast]?",
            ),
            (
                "base_url = \"https://x.org\"",
                "did you mean `base_url` in [podcast]?",
            ),
            (
                "[podcast]\nsample_rate = 48000",
                "did you mean `sample_rate` in [audio]?",
            ),
        ] {
            let msg = problems(toml);
            assert!(msg.contains(meant), "{toml}: {msg}");
        }
        let msg = problems("[podcast]\nzzzzzz = 1");
        assert!(
            msg.contains("unknown key `zzzzzz` in [podcast]") && !msg.contains("did you mean"),
            "{msg}"
        );
    }

    #[test]
    fn values_of_the_wrong_kind_name_their_key_and_the_rest_is_still_read() {
        let msg = problems("[podcast]\nexplicit = \"yes\"\n[[podcast.person]]\nname = \"A\"\nrol = \"host\"\n[pauses]\nline_ms = 99999\n");
        assert!(msg.contains("line 2: podcast.explicit"), "{msg}");
        assert!(msg.contains("line 5: unknown key `rol`"), "{msg}");
        assert!(msg.contains("line 7: pauses.line_ms = 99999"), "{msg}");
        // A syntax error is the one problem reported: nothing after it can be trusted.
        let msg = problems("[podcast]\ntitle = \"x\nauther = 1\n");
        assert!(msg.contains("line 2") && !msg.contains("auther"), "{msg}");
    }
}
