//! Front matter as blog tools write it, read into one shape: YAML between `---` lines
//! (Jekyll, Hugo, Eleventy, WordPress exports), TOML between `+++` lines (Hugo, Zola), a JSON
//! object at the top (Hugo), and Eleventy's `---json` / `---toml` / `---yaml` openings.
//!
//! Every top-level key comes out with the line it is on in the file, so whoever reads the
//! values ([`super::facts`]) can name that line. What the keys mean is not this module's
//! business.

use anyhow::{anyhow, bail, Result};
use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

/// How a front matter block is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `---` … `---` (or `...`).
    Yaml,
    /// `+++` … `+++`.
    Toml,
    /// A JSON object starting on the first line.
    Json,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Yaml => "YAML",
            Format::Toml => "TOML",
            Format::Json => "JSON",
        }
    }
}

/// A front matter block found at the top of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block<'a> {
    /// How it is written.
    pub format: Format,
    /// Its text without the delimiter lines.
    pub text: &'a str,
    /// The line of the file `text` starts on.
    pub first_line: usize,
    /// Where the article's body starts, in bytes.
    pub body_start: usize,
}

/// A value as front matter writes it: numbers and dates are kept as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text, a number or a date.
    Text(String),
    /// `true` or `false`.
    Bool(bool),
    /// A list.
    List(Vec<Value>),
    /// A table of keys and values, in the order written.
    Table(Vec<(String, Value)>),
    /// Nothing (`~`, `null`, an empty value).
    Null,
}

impl Value {
    /// The value as one line of text, if it is text, a number, a date or a truth value.
    pub fn text(&self) -> Option<String> {
        match self {
            Value::Text(t) => Some(t.clone()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// The value under `key` of a table (keys compared as [`norm`] does).
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Table(entries) => entries
                .iter()
                .find(|(k, _)| norm(k) == norm(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }
}

/// One top-level key with its value and its line in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The key as written.
    pub key: String,
    /// Its line in the file.
    pub line: usize,
    /// Its value.
    pub value: Value,
}

/// A key in one spelling: lower case, without `_` and `-` (Hugo reads keys in any case, and
/// tools write `publish_date`, `publishDate` and `publishdate` alike).
pub fn norm(key: &str) -> String {
    key.chars()
        .filter(|c| !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Nested lists and tables deeper than this are not front matter.
const MAX_DEPTH: usize = 64;

/// The front matter block at the top of `text`, if it has one. An opening without its
/// closing is an error, with the fix.
pub fn split(text: &str) -> Result<Option<Block<'_>>> {
    let first = text.split('\n').next().unwrap_or("").trim_end();
    let (format, delimiter) = match first {
        "---" | "---yaml" | "--- yaml" => (Format::Yaml, "---"),
        "---toml" | "--- toml" => (Format::Toml, "---"),
        "---json" | "--- json" => (Format::Json, "---"),
        "+++" => (Format::Toml, "+++"),
        _ if looks_like_json(text) => return json_block(text).map(Some),
        _ => return Ok(None),
    };
    let start = (first.len() + 1).min(text.len());
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        let bare = line.trim_end();
        let closes = bare == delimiter || (format == Format::Yaml && bare == "...");
        if closes {
            return Ok(Some(Block {
                format,
                text: &text[start..offset],
                first_line: 2,
                body_start: offset + line.len(),
            }));
        }
        offset += line.len();
    }
    bail!(
        "the front matter that starts on line 1 is never closed: did you forget the closing `{delimiter}`?"
    )
}

/// Hugo's JSON front matter: `{` first, then `"key":` or the closing brace. Prose that
/// opens with a brace and a quotation is the article's own.
fn looks_like_json(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('{').map(str::trim_start) else {
        return false;
    };
    if rest.starts_with('}') {
        return true;
    }
    let Some(key) = rest.strip_prefix('"') else {
        return false;
    };
    key.find(['"', '\n'])
        .filter(|&end| key[end..].starts_with('"'))
        .is_some_and(|end| {
            key[end + 1..]
                .trim_start_matches([' ', '\t'])
                .starts_with(':')
        })
}

/// The JSON object at the top of `text` and where the body after it starts.
fn json_block(text: &str) -> Result<Block<'_>> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>();
    match stream.next() {
        Some(Ok(_)) => {
            let end = stream.byte_offset();
            // The rest of the closing brace's line belongs to the front matter.
            let body_start = text[end..].find('\n').map_or(text.len(), |n| end + n + 1);
            Ok(Block {
                format: Format::Json,
                text: &text[..end],
                first_line: 1,
                body_start,
            })
        }
        Some(Err(e)) => bail!(
            "front matter line {}: the JSON front matter does not read: {}",
            e.line(),
            json_message(&e)
        ),
        None => bail!("front matter line 1: the JSON front matter is empty"),
    }
}

/// serde_json's message without its own "at line N column M".
fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// The keys of a block, each with its line in the file, in the order written.
pub fn fields(block: &Block) -> Result<Vec<Field>> {
    match block.format {
        Format::Yaml => yaml(block),
        Format::Toml => toml_fields(block),
        Format::Json => json_fields(block),
    }
}

fn yaml(block: &Block) -> Result<Vec<Field>> {
    if block.text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let strict = match MarkedYaml::load_from_str(block.text) {
        Ok(docs) => docs,
        Err(e) => {
            // Front matter written by hand is often YAML only at a glance (`title: Grace:
            // upon grace`); read as lines of `key: value` it may still say what it means.
            let line = block.first_line + e.marker().line().saturating_sub(1);
            return lenient(block).map_err(|lenient| {
                lenient.unwrap_or_else(|| {
                    anyhow!(
                        "front matter line {line}: the YAML does not read: {}",
                        e.info()
                    )
                })
            });
        }
    };
    let Some(doc) = strict.into_iter().next() else {
        return Ok(Vec::new());
    };
    let doc = untagged(&doc);
    let YamlData::Mapping(map) = &doc.data else {
        if matches!(doc.data, YamlData::Value(Scalar::Null)) {
            return Ok(Vec::new());
        }
        bail!(
            "front matter line {}: expected `key: value` lines",
            block.first_line
        );
    };
    let mut out = Vec::with_capacity(map.len());
    for (k, v) in map {
        let Some(key) = yaml_value(k, 0)?.text() else {
            continue; // a list or table as a key: nothing devocast could read
        };
        out.push(Field {
            key,
            line: block.first_line + k.span.start.line().saturating_sub(1),
            value: yaml_value(v, 0)?,
        });
    }
    Ok(out)
}

fn untagged<'a, 'b>(node: &'b MarkedYaml<'a>) -> &'b MarkedYaml<'a> {
    match &node.data {
        YamlData::Tagged(_, inner) => untagged(inner),
        _ => node,
    }
}

fn yaml_value(node: &MarkedYaml, depth: usize) -> Result<Value> {
    if depth > MAX_DEPTH {
        bail!(
            "front matter line {}: values nested more than {MAX_DEPTH} deep",
            node.span.start.line()
        );
    }
    Ok(match &untagged(node).data {
        YamlData::Value(s) => match s {
            Scalar::Null => Value::Null,
            Scalar::Boolean(b) => Value::Bool(*b),
            Scalar::Integer(i) => Value::Text(i.to_string()),
            Scalar::FloatingPoint(f) => Value::Text(f.to_string()),
            Scalar::String(s) => Value::Text(s.to_string()),
        },
        YamlData::Representation(s, _, _) => Value::Text(s.to_string()),
        YamlData::Sequence(items) => Value::List(
            items
                .iter()
                .map(|i| yaml_value(i, depth + 1))
                .collect::<Result<_>>()?,
        ),
        YamlData::Mapping(map) => {
            let mut entries = Vec::with_capacity(map.len());
            for (k, v) in map {
                if let Some(key) = yaml_value(k, depth + 1)?.text() {
                    entries.push((key, yaml_value(v, depth + 1)?));
                }
            }
            Value::Table(entries)
        }
        YamlData::Tagged(..) | YamlData::Alias(_) | YamlData::BadValue => Value::Null,
    })
}

/// Front matter read as lines of `key: value` (a value as written, quotes aside), with
/// `- item` lines under an empty value as its list. `Err(Some(..))` names a line that is
/// neither; `Err(None)` leaves the word to the YAML reader.
fn lenient(block: &Block) -> std::result::Result<Vec<Field>, Option<anyhow::Error>> {
    let mut out: Vec<Field> = Vec::new();
    for (i, raw) in block.text.lines().enumerate() {
        let line = block.first_line + i;
        let bare = raw.trim_end();
        if bare.trim().is_empty() || bare.trim_start().starts_with('#') {
            continue;
        }
        if raw.starts_with([' ', '\t', '-']) {
            let item = bare.trim_start().strip_prefix("- ");
            match (item, out.last_mut()) {
                (Some(item), Some(f)) if matches!(f.value, Value::Null | Value::List(_)) => {
                    let item = Value::Text(unquote(item));
                    match &mut f.value {
                        Value::List(items) => items.push(item),
                        v => *v = Value::List(vec![item]),
                    }
                }
                // A nested table: its values are not for devocast.
                _ => {}
            }
            continue;
        }
        let Some((key, value)) = bare.split_once(':') else {
            return Err(Some(anyhow!(
                "front matter line {line}: expected `key: value`, found {bare:?}"
            )));
        };
        if key.trim().is_empty() || key.contains(['"', '\'', '[', '{']) {
            return Err(None);
        }
        let value = value.trim();
        // A list, table or quotation left open is what the YAML reader stumbled on: its
        // message is the one to give.
        let open_quote = |q: char| value.starts_with(q) && (value.len() < 2 || !value.ends_with(q));
        if value.starts_with(['[', '{', '|', '>', '&', '*', '!'])
            || open_quote('"')
            || open_quote('\'')
        {
            return Err(None);
        }
        out.push(Field {
            key: key.trim().to_string(),
            line,
            value: match value {
                "" | "~" | "null" => Value::Null,
                "true" | "True" | "TRUE" => Value::Bool(true),
                "false" | "False" | "FALSE" => Value::Bool(false),
                v => Value::Text(unquote(v)),
            },
        });
    }
    Ok(out)
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return v[1..v.len() - 1].replace("\\\"", "\"");
        }
    }
    v.to_string()
}

fn toml_fields(block: &Block) -> Result<Vec<Field>> {
    let table: toml::Table = toml::from_str(block.text).map_err(|e| {
        let line = crate::lines::toml_error_line(block.text, &e).unwrap_or(1);
        anyhow!(
            "front matter line {}: the TOML does not read: {}",
            block.first_line + line - 1,
            e.message()
        )
    })?;
    let lines = crate::lines::Lines::new(block.text);
    let mut out = Vec::with_capacity(table.len());
    for (key, value) in table {
        let line = toml_key_offset(block.text, &key)
            .map_or(block.first_line, |at| block.first_line + lines.line(at) - 1);
        out.push(Field {
            value: toml_value(&value, 0).map_err(|e| anyhow!("front matter line {line}: {e}"))?,
            key,
            line,
        });
    }
    out.sort_by_key(|f| f.line);
    Ok(out)
}

/// Where a top-level key of a TOML text is written: `key =` before the first table, or the
/// table's own `[key]` / `[key.sub]` header.
fn toml_key_offset(text: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    let mut in_table = false;
    for line in text.split_inclusive('\n') {
        let bare = line.trim();
        if let Some(header) = bare.strip_prefix('[') {
            in_table = true;
            let name = header.trim_start_matches('[').trim_start();
            let name = name.trim_start_matches(['"', '\'']);
            if name
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start_matches(['"', '\'']).starts_with([']', '.']))
            {
                return Some(offset);
            }
        } else if !in_table {
            let name = bare.trim_start_matches(['"', '\'']);
            if let Some(rest) = name.strip_prefix(key) {
                let rest = rest.trim_start_matches(['"', '\'']).trim_start();
                if rest.starts_with(['=', '.']) {
                    return Some(offset);
                }
            }
        }
        offset += line.len();
    }
    None
}

fn toml_value(v: &toml::Value, depth: usize) -> Result<Value> {
    if depth > MAX_DEPTH {
        bail!("values nested more than {MAX_DEPTH} deep");
    }
    Ok(match v {
        toml::Value::String(s) => Value::Text(s.clone()),
        toml::Value::Integer(i) => Value::Text(i.to_string()),
        toml::Value::Float(f) => Value::Text(f.to_string()),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::Text(d.to_string()),
        toml::Value::Array(items) => Value::List(
            items
                .iter()
                .map(|i| toml_value(i, depth + 1))
                .collect::<Result<_>>()?,
        ),
        toml::Value::Table(t) => Value::Table(
            t.iter()
                .map(|(k, v)| Ok((k.clone(), toml_value(v, depth + 1)?)))
                .collect::<Result<_>>()?,
        ),
    })
}

fn json_fields(block: &Block) -> Result<Vec<Field>> {
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(block.text)
        .map_err(|e| {
            anyhow!(
                "front matter line {}: the {} front matter does not read: {}",
                block.first_line + e.line().max(1) - 1,
                block.format.name(),
                json_message(&e)
            )
        })?;
    let lines = crate::lines::Lines::new(block.text);
    let mut out = Vec::with_capacity(map.len());
    for (key, value) in map {
        let quoted = serde_json::to_string(&key).unwrap_or_default();
        let line = block
            .text
            .find(&quoted)
            .map_or(block.first_line, |at| block.first_line + lines.line(at) - 1);
        out.push(Field {
            value: json_value(&value, 0).map_err(|e| anyhow!("front matter line {line}: {e}"))?,
            key,
            line,
        });
    }
    out.sort_by_key(|f| f.line);
    Ok(out)
}

fn json_value(v: &serde_json::Value, depth: usize) -> Result<Value> {
    if depth > MAX_DEPTH {
        bail!("values nested more than {MAX_DEPTH} deep");
    }
    Ok(match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Text(n.to_string()),
        serde_json::Value::String(s) => Value::Text(s.clone()),
        serde_json::Value::Array(items) => Value::List(
            items
                .iter()
                .map(|i| json_value(i, depth + 1))
                .collect::<Result<_>>()?,
        ),
        serde_json::Value::Object(m) => Value::Table(
            m.iter()
                .map(|(k, v)| Ok((k.clone(), json_value(v, depth + 1)?)))
                .collect::<Result<_>>()?,
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Format, Vec<Field>, &str) {
        let block = split(text).unwrap().expect("front matter");
        let fields = fields(&block).unwrap();
        (block.format, fields, &text[block.body_start..])
    }

    fn keys(fields: &[Field]) -> Vec<(&str, usize)> {
        fields.iter().map(|f| (f.key.as_str(), f.line)).collect()
    }

    #[test]
    fn the_three_formats_give_keys_with_their_lines() {
        let (f, fields, body) =
            read("---\ntitle: Grace\n\ntags:\n  - a\n  - b\ndraft: true\n---\nBody.\n");
        assert_eq!(f, Format::Yaml);
        assert_eq!(keys(&fields), [("title", 2), ("tags", 4), ("draft", 7)]);
        assert_eq!(
            fields[1].value,
            Value::List(vec![Value::Text("a".into()), Value::Text("b".into())])
        );
        assert_eq!(fields[2].value, Value::Bool(true));
        assert_eq!(body, "Body.\n");

        let (f, fields, body) = read(
            "+++\ntitle = \"Grace\"\ndate = 2026-01-15T06:00:00Z\n\n[taxonomies]\ntags = [\"rest\"]\n+++\n\nBody.\n",
        );
        assert_eq!(f, Format::Toml);
        assert_eq!(
            keys(&fields),
            [("title", 2), ("date", 3), ("taxonomies", 5)]
        );
        assert_eq!(fields[1].value, Value::Text("2026-01-15T06:00:00Z".into()));
        assert_eq!(body, "\nBody.\n");

        let (f, fields, body) = read(
            "{\n  \"title\": \"Grace\",\n  \"draft\": false,\n  \"tags\": [\"x\"]\n}\n\nBody.\n",
        );
        assert_eq!(f, Format::Json);
        assert_eq!(keys(&fields), [("title", 2), ("draft", 3), ("tags", 4)]);
        assert_eq!(body, "\nBody.\n");
    }

    #[test]
    fn eleventy_openings_name_their_language() {
        let (f, fields, _) = read("---json\n{\"title\": \"T\"}\n---\nBody.\n");
        assert_eq!((f, keys(&fields)), (Format::Json, vec![("title", 2)]));
        let (f, _, _) = read("---toml\ntitle = 'T'\n---\nBody.\n");
        assert_eq!(f, Format::Toml);
    }

    #[test]
    fn hand_written_yaml_that_is_not_quite_yaml_still_reads() {
        let (_, fields, _) = read("---\ntitle: Grace: upon grace\ntags:\n- a\n---\nBody.\n");
        assert_eq!(fields[0].value, Value::Text("Grace: upon grace".into()));
        assert_eq!(fields[1].value, Value::List(vec![Value::Text("a".into())]));
    }

    #[test]
    fn errors_name_the_line_in_the_file() {
        let err = |t: &str| fields(&split(t).unwrap().unwrap()).unwrap_err().to_string();
        let e = err("---\ntitle: x\nthis is not yaml\n---\nBody.");
        assert!(e.starts_with("front matter line 3:"), "{e}");
        let e = err("+++\ntitle = \"x\"\ndate = \n+++\nBody.");
        assert!(e.starts_with("front matter line 3:"), "{e}");
        let e = err("---json\n{\n\"title\": \"x\",\n\"draft\" true\n}\n---\n");
        assert!(e.starts_with("front matter line 4:"), "{e}");
        let e = split("{\n\"title\": \"x\",\n\n\"a\": [1,}\n\nBody.")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("front matter line 4:"), "{e}");
        let e = split("+++\ntitle = 'x'\n\nBody.").unwrap_err().to_string();
        assert!(e.contains("closing `+++`"), "{e}");
    }

    #[test]
    fn no_front_matter_is_none() {
        for t in [
            "Title\n\nBody.",
            "{curly} prose",
            "--- not a fence\n",
            "",
            "-- \n",
            "{\"Grace\" is the word} of this morning.\n",
        ] {
            assert_eq!(split(t).unwrap(), None, "{t:?}");
        }
    }

    #[test]
    fn hostile_yaml_is_refused_not_expanded() {
        let mut laughs = String::from("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for i in 0..12 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("k{}", i - 1)
            };
            laughs.push_str(&format!(
                "k{i}: &k{i} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
            ));
        }
        laughs.push_str("---\nBody.\n");
        let block = split(&laughs).unwrap().unwrap();
        // Aliases are not followed: whatever comes out stays the size of what was written.
        if let Ok(f) = fields(&block) {
            assert!(format!("{f:?}").len() < laughs.len() * 4, "{f:?}");
        }
        let deep = format!(
            "---\na: {}1{}\n---\nBody.\n",
            "[".repeat(5000),
            "]".repeat(5000)
        );
        let block = split(&deep).unwrap().unwrap();
        // Refused, or read as the text it is: either way without overflowing the stack.
        if let Ok(f) = fields(&block) {
            assert!(!matches!(f[0].value, Value::List(_)), "{:?}", f[0].key);
        }
    }
}
