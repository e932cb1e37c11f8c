//! The defaults as documented are the defaults of the code. Each is written in `Default`
//! and in the field's doc comment ("Default: 165."); these tests hold the second to the
//! first, and every key of `Config::default()` must have a "Default:" in its doc comment.
//! (The user guide's configuration reference states them a third time; `tests/guide.rs`
//! holds it to the code.)
//!
//! A stated default is read as a value (`"en-us"`, `165`, `−2`, `true`), as `none` (the code
//! leaves the setting unset), or, for anything else, as words describing what an unset
//! setting means ("the voice's own"); a remark in parentheses after it is ignored. A few
//! settings are unset in `Default` but stand for a value worked out where they are used;
//! [`worked_out`] gives that value, and the documents must state it.

use super::{AudioConfig, Config};
use serde_json::Value;
use std::collections::BTreeMap;

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

/// Each section's file, its section name and the struct that is the section.
const SECTIONS: [(&str, &str, &str); 10] = [
    ("podcast", "Podcast", include_str!("podcast.rs")),
    ("voice", "VoiceConfig", include_str!("voice.rs")),
    ("voices", "Voices", include_str!("voices.rs")),
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
fn a_default_is_read_as_a_value_none_or_words() {
    assert_eq!(
        stated("\"Christianity\""),
        Stated::Value("Christianity".into())
    );
    assert_eq!(stated("false"), Stated::Value(false.into()));
    assert_eq!(stated("none"), Stated::Unset);
    assert_eq!(
        stated("none (devocast draws a 1400×1400 PNG)"),
        Stated::Unset
    );
    assert_eq!(stated("the voice's own"), Stated::Words);
    assert_eq!(
        stated("−19 (mono), −16 (stereo)"),
        Stated::Value((-19.0).into())
    );
    assert_eq!(stated("−2"), Stated::Value((-2.0).into()));
    assert_eq!(stated("30"), Stated::Value(30.0.into()));
}
