//! The defaults as documented are the defaults of the code. Each is written three times:
//! in `Default`, in the field's doc comment ("Default: 165.") and in the README's
//! configuration table; these tests hold the second and third to the first. Every key of
//! `Config::default()` must be in the table and have a "Default:" in its doc comment, and
//! every key in the table must be one the code reads.
//!
//! A stated default is read as a value (`"en-us"`, `165`, `−2`, `true`), as `none` (the code
//! leaves the setting unset), or, for anything else, as words describing what an unset
//! setting means ("the voice's own"); a remark in parentheses after it is ignored. A few
//! settings are unset in `Default` but stand for a value worked out where they are used;
//! [`worked_out`] gives that value, and the documents must state it.

use super::{AudioConfig, Config};
use serde_json::Value;
use std::collections::BTreeMap;

/// One row of the table: the keys it documents and what it says their defaults are.
#[derive(Debug)]
struct Row {
    /// Line in the README, for messages.
    line: usize,
    /// Full keys (`podcast.subcategory` for "`podcast.category` / `subcategory`").
    keys: Vec<String>,
    /// The default cell for each key (one cell split at " / " when the keys are).
    defaults: Vec<String>,
}

/// What a default cell says.
#[derive(Debug, PartialEq)]
enum Stated {
    /// A value the code's default must equal.
    Value(Value),
    /// "none": the code leaves the setting unset.
    Unset,
    /// Words describing what an unset setting means.
    Words,
}

/// The rows of the table under the "## Configuration" heading.
fn rows(readme: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut in_section = false;
    for (i, line) in readme.lines().enumerate() {
        if line.starts_with("## ") {
            in_section = line.starts_with("## Configuration");
            continue;
        }
        if !in_section || !line.starts_with("| `") {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let keys = keys(cells[0]);
        let defaults = match cells[1].split(" / ").collect::<Vec<_>>() {
            split if split.len() == keys.len() => split.iter().map(|s| s.to_string()).collect(),
            _ => vec![cells[1].to_string(); keys.len()],
        };
        rows.push(Row {
            line: i + 1,
            keys,
            defaults,
        });
    }
    rows
}

/// The full keys of a key cell: "`voice.speaker`, `noise_w`" gives `voice.speaker` and
/// `voice.noise_w`; "`[hymns.N]`" gives `hymns`, and "`[[podcast.person]]`" `podcast.person`.
fn keys(cell: &str) -> Vec<String> {
    let quoted = cell.split('`').skip(1).step_by(2);
    let bare = quoted.map(|k| k.trim_matches(['[', ']']).trim_end_matches(".N"));
    let mut keys: Vec<String> = Vec::new();
    for key in bare {
        let full = match (key.contains('.'), keys.first()) {
            (false, Some(first)) => format!("{}.{key}", first.split('.').next().unwrap_or("")),
            _ => key.to_string(),
        };
        keys.push(full);
    }
    keys
}

/// A default cell without the remark in parentheses: "−19 (mono), −16 (stereo)" states −19.
fn head(cell: &str) -> &str {
    cell.split(" (").next().unwrap_or(cell).trim()
}

/// Reads a default cell.
fn stated(cell: &str) -> Stated {
    let head = head(cell);
    if head == "none" {
        return Stated::Unset;
    }
    if let Some(s) = head.strip_prefix('"').and_then(|h| h.strip_suffix('"')) {
        return Stated::Value(Value::from(s));
    }
    if let Ok(b) = head.parse::<bool>() {
        return Stated::Value(Value::from(b));
    }
    match head.replace('−', "-").parse::<f64>() {
        Ok(x) => Stated::Value(Value::from(x)),
        Err(_) => Stated::Words,
    }
}

/// The value a setting left unset in `Default` stands for, which the documents must state.
fn worked_out(key: &str) -> Value {
    match key {
        "voice.model" => Value::from(crate::voice::catalog::DEFAULT_VOICE),
        "voice.speaker" => Value::from(super::voice::DEFAULT_SPEAKER),
        "audio.target_lufs" => Value::from(AudioConfig::default().target()),
        _ => Value::Null,
    }
}

/// Every setting of `Config::default()` by its full key: tables are walked into, except
/// tables of entries such as `[hymns]`, which are one setting.
fn defaults() -> BTreeMap<String, Value> {
    fn walk(prefix: &str, value: Value, out: &mut BTreeMap<String, Value>) {
        match value {
            Value::Object(map) if !map.is_empty() => {
                for (k, v) in map {
                    let key = if prefix.is_empty() {
                        k
                    } else {
                        format!("{prefix}.{k}")
                    };
                    walk(&key, v, out);
                }
            }
            leaf => {
                out.insert(prefix.to_string(), leaf);
            }
        }
    }
    let mut out = BTreeMap::new();
    let value = serde_json::to_value(Config::default()).expect("the config serializes");
    walk("", value, &mut out);
    out
}

/// Whether a default means "not set": no value, an empty text, list or table.
fn unset(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// A default as the messages show it: TOML-like, "none" for no value.
fn shown(v: &Value) -> String {
    if v.is_null() {
        "none".to_string()
    } else {
        v.to_string()
    }
}

/// Whether two values are the same default (numbers compared as numbers: 44100 = 44100.0).
fn same(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// Every way the table in `readme` and `Config::default()` disagree, one sentence each.
fn readme_disagreements(readme: &str) -> Vec<String> {
    let defaults = defaults();
    let mut problems = Vec::new();
    let mut documented = Vec::new();
    let rows = rows(readme);
    if rows.is_empty() {
        problems.push("no configuration table found under \"## Configuration\"".to_string());
    }
    for row in &rows {
        for (key, cell) in row.keys.iter().zip(&row.defaults) {
            documented.push(key.clone());
            let source = format!("README (line {})", row.line);
            let Some(code) = defaults.get(key) else {
                problems.push(format!("{source}: `{key}` is not a setting of Config"));
                continue;
            };
            problems.extend(compare(&source, key, cell, code));
        }
    }
    for key in defaults.keys().filter(|k| !documented.contains(k)) {
        problems.push(format!(
            "`{key}` (Default: {}) is missing from the README's configuration table",
            shown(&defaults[key])
        ));
    }
    problems
}

/// What is wrong with `source` stating `cell` as the default of `key`, whose default in the
/// code is `code`.
fn compare(source: &str, key: &str, cell: &str, code: &Value) -> Option<String> {
    let worked_out = worked_out(key);
    if !worked_out.is_null() && !matches!(stated(cell), Stated::Value(_)) {
        return Some(format!(
            "{source} gives the default of {key} as {cell:?}, but unset it is {worked_out}: state the value"
        ));
    }
    match stated(cell) {
        Stated::Value(readme) => {
            let code = if code.is_null() { worked_out } else { code.clone() };
            (!same(&readme, &code)).then(|| {
                format!(
                    "{source} says {key} = {}, Default has {}",
                    head(cell),
                    shown(&code)
                )
            })
        }
        Stated::Unset => (!unset(code)).then(|| {
            format!(
                "{source} says {key} has no default, Default has {}",
                shown(code)
            )
        }),
        Stated::Words => (!unset(code)).then(|| {
            format!(
                "{source} describes the default of {key} in words ({cell:?}), Default has {}: state the value",
                shown(code)
            )
        }),
    }
}

const README: &str = include_str!("../../README.md");

/// Each section's file, its section name and the struct that is the section.
const SECTIONS: [(&str, &str, &str); 9] = [
    ("podcast", "Podcast", include_str!("podcast.rs")),
    ("voice", "VoiceConfig", include_str!("voice.rs")),
    ("audio", "AudioConfig", include_str!("audio.rs")),
    ("pauses", "Pauses", include_str!("pauses.rs")),
    ("production", "Production", include_str!("production.rs")),
    ("book", "BookConfig", include_str!("book.rs")),
    ("cache", "CacheConfig", include_str!("cache.rs")),
    ("publish", "PublishConfig", include_str!("publish.rs")),
    ("deploy", "DeployConfig", include_str!("deploy.rs")),
];

/// The fields of `pub struct <name>` in `source`, each with its line and its doc comment
/// as one line of text.
fn documented_fields(source: &str, name: &str) -> Vec<(String, usize, String)> {
    let mut fields = Vec::new();
    let mut doc: Vec<&str> = Vec::new();
    let start = format!("pub struct {name} {{");
    let lines = source.lines().enumerate();
    let body = lines.skip_while(|(_, l)| *l != start).skip(1);
    for (i, line) in body.take_while(|(_, l)| *l != "}") {
        let line = line.trim();
        if let Some(text) = line.strip_prefix("///") {
            doc.push(text.trim());
        } else if let Some((field, _)) = line.strip_prefix("pub ").and_then(|f| f.split_once(':')) {
            fields.push((field.to_string(), i + 1, doc.join(" ")));
            doc.clear();
        }
    }
    fields
}

/// The default a doc comment states: what follows "Default: ", to the end of its sentence.
fn doc_default(doc: &str) -> Option<&str> {
    let after = &doc[doc.find("Default: ")? + "Default: ".len()..];
    let sentence = after.split(". ").next().unwrap_or(after);
    Some(sentence.strip_suffix('.').unwrap_or(sentence))
}

/// Every way the sections' doc comments and `Config::default()` disagree, one sentence each.
fn doc_disagreements(sections: &[(&str, &str, &str)]) -> Vec<String> {
    let defaults = defaults();
    let mut problems = Vec::new();
    for (section, name, source) in sections {
        let fields = documented_fields(source, name);
        if fields.is_empty() {
            problems.push(format!(
                "src/config/{section}.rs: no fields found in `pub struct {name}`"
            ));
        }
        for (field, line, doc) in fields {
            let key = format!("{section}.{field}");
            let source = format!("src/config/{section}.rs (line {line})");
            let Some(code) = defaults.get(&key) else {
                problems.push(format!("{source}: `{key}` is not a setting of Config"));
                continue;
            };
            match doc_default(&doc) {
                Some(stated) => problems.extend(compare(&source, &key, stated, code)),
                None => problems.push(format!(
                    "{source}: the doc comment of {key} does not end with \"Default: …\" (Default has {})",
                    shown(code)
                )),
            }
        }
    }
    problems
}

#[test]
fn every_doc_comment_states_the_default_of_the_code() {
    let problems = doc_disagreements(&SECTIONS);
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
    // Every section's fields were read: the keys found are those of `Config::default()`
    // outside the `[hymns]` table.
    let mut found: Vec<String> = SECTIONS
        .iter()
        .flat_map(|(section, name, source)| {
            documented_fields(source, name)
                .into_iter()
                .map(move |(field, _, _)| format!("{section}.{field}"))
        })
        .collect();
    found.sort();
    let mut keys: Vec<String> = defaults().into_keys().filter(|k| k != "hymns").collect();
    keys.sort();
    assert_eq!(found, keys);
}

#[test]
fn a_wrong_or_missing_doc_default_is_named() {
    let doctored = include_str!("production.rs")
        .replace(
            "Fade at every clip edge, ms (no clicks). Default: 15.",
            "Fade at every clip edge, ms. Default: 10.",
        )
        .replace("Default: \"audio/hymns\".", "Default: \"hymns\".")
        .replace("notes. Default: true.", "notes.");
    let problems = doc_disagreements(&[("production", "Production", &doctored)]).join("\n");
    for expected in [
        "says production.fade_ms = 10, Default has 15",
        "says production.hymns_dir = \"hymns\", Default has \"audio/hymns\"",
        "the doc comment of production.announce_hymns does not end with \"Default: …\" (Default has true)",
    ] {
        assert!(problems.contains(expected), "{expected:?} not in:\n{problems}");
    }
    assert_eq!(problems.lines().count(), 3, "{problems}");
}

#[test]
fn the_readme_table_states_the_defaults_of_the_code() {
    let problems = readme_disagreements(README);
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn the_table_reads_every_form_of_row() {
    let rows = rows(README);
    let find = |key: &str| {
        let row = rows.iter().find(|r| r.keys.iter().any(|k| k == key));
        let row = row.unwrap_or_else(|| panic!("no row for {key}"));
        let i = row.keys.iter().position(|k| k == key).unwrap_or(0);
        stated(&row.defaults[i])
    };
    assert_eq!(
        find("podcast.subcategory"),
        Stated::Value("Christianity".into())
    );
    assert_eq!(find("podcast.block"), Stated::Value(false.into()));
    assert_eq!(find("production.outro"), Stated::Unset);
    assert_eq!(find("podcast.image"), Stated::Unset);
    assert_eq!(find("voice.noise_w"), Stated::Words);
    assert_eq!(find("audio.target_lufs"), Stated::Value((-19.0).into()));
    assert_eq!(
        find("production.music_offset_lu"),
        Stated::Value((-2.0).into())
    );
    assert_eq!(find("hymns"), Stated::Unset);
    assert_eq!(find("podcast.person"), Stated::Unset);
}

#[test]
fn a_wrong_missing_or_unknown_row_is_named() {
    let doctored = README
        .replace(
            "| `production.fade_ms` | 15 |",
            "| `production.fade_ms` | 10 |",
        )
        .replace(
            "| `voice.name` | \"en-us\" |",
            "| `voice.name` | \"en-gb\" |",
        )
        .replace("\"episodes\" / \"feed\"", "\"episodes\" / \"public\"")
        .replace("| `audio.channels` | 1 |", "| `audio.channels` | none |")
        .replace("| `audio.wav` | true |", "| `audio.wav` | false |")
        .replace(
            "| `voice.rate` | 165 |",
            "| `voice.rate` | the voice's own |",
        )
        .replace("| `podcast.email` | none |", "| `podcast.emial` | none |")
        .replace(
            "| `book.epub` | true | write `<slug>.epub`, the episode as a talking book |\n",
            "",
        )
        .replace(
            "| `voice.model` | \"en_US-ljspeech-medium\"",
            "| `voice.model` | \"en_US-amy-low\"",
        )
        .replace(
            "| `voice.speaker` | 0 |",
            "| `voice.speaker` | the voice's own |",
        );
    let problems = readme_disagreements(&doctored).join("\n");
    for expected in [
        "says production.fade_ms = 10, Default has 15",
        "says voice.name = \"en-gb\", Default has \"en-us\"",
        "says podcast.output_dir = \"public\", Default has \"feed\"",
        "says audio.channels has no default, Default has 1",
        "says audio.wav = false, Default has true",
        "describes the default of voice.rate in words (\"the voice's own\"), Default has 165",
        "`podcast.emial` is not a setting of Config",
        "`podcast.email` (Default: none) is missing",
        "`book.epub` (Default: true) is missing",
        "says voice.model = \"en_US-amy-low\", Default has \"en_US-ljspeech-medium\"",
        "gives the default of voice.speaker as \"the voice's own\", but unset it is 0",
    ] {
        assert!(
            problems.contains(expected),
            "{expected:?} not in:\n{problems}"
        );
    }
    assert_eq!(problems.lines().count(), 11, "{problems}");
}
