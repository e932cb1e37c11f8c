//! The user guide (`docs/`, an mdBook) held to the code, so it cannot drift from it:
//! every chapter is in `SUMMARY.md` and every file it lists exists; every relative link and
//! `#anchor` resolves; the `$ devocast …` lines of its `console` examples run and succeed in
//! a copy of a small project (`tests/fixtures/guide`), offline; the scheduling recipes are
//! valid for systemd, cron and the shell; and the configuration reference states every
//! setting of `src/config/` with the default of the code (`src/config/documented.rs` holds
//! the doc comments to the same defaults). The README's links are checked with the guide's.

use devocast::config::{AudioConfig, Config};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SRC: &str = "docs/src";
/// The README: its links are written from the repository's root.
const README: &str = "README.md";

/// One line of a Markdown file with what kind of text it is.
struct Line<'a> {
    number: usize,
    text: &'a str,
    /// The info string of the fenced code block the line is in (`console`, `toml`…), or
    /// `None` outside code blocks. Fence lines themselves are not yielded.
    fence: Option<&'a str>,
    /// Which code block the line is in (counted from 1), or 0 outside code blocks.
    block: usize,
}

/// The lines of a Markdown text, each knowing whether it is inside a fenced code block.
fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    let mut blocks = 0;
    for (i, raw) in text.lines().enumerate() {
        let trimmed = raw.trim_start();
        if trimmed.starts_with("```") {
            fence = match fence {
                Some(_) => None,
                None => Some(trimmed.trim_start_matches('`').trim()),
            };
            blocks += usize::from(fence.is_some());
            continue;
        }
        out.push(Line {
            number: i + 1,
            text: raw,
            fence,
            block: if fence.is_some() { blocks } else { 0 },
        });
    }
    out
}

/// Every Markdown file of the book's sources by file name, with its text.
fn chapters() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(SRC).expect("docs/src exists") {
        let path = entry.expect("a readable entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            out.insert(name, std::fs::read_to_string(&path).expect("UTF-8 chapter"));
        }
    }
    out
}

/// The targets of the Markdown links `[text](target)` outside code, with their lines.
fn links(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for line in lines(text).iter().filter(|l| l.fence.is_none()) {
        // Inline code is not a link: drop the `…` spans before looking.
        let prose: String = line.text.split('`').step_by(2).collect::<Vec<_>>().join("");
        let mut rest = prose.as_str();
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let end = after.find(')').unwrap_or(after.len());
            out.push((line.number, after[..end].to_string()));
            rest = &after[end..];
        }
    }
    out
}

/// The anchor mdBook gives a heading: lower case; letters, digits, `_` and `-` kept; spaces
/// made `-`; everything else (punctuation, backticks, brackets) dropped.
fn anchor(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c.to_lowercase().next().unwrap_or(c))
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// The anchors of a chapter's headings; a repeated one gets `-1`, `-2`… as mdBook does.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    for line in lines(text).iter().filter(|l| l.fence.is_none()) {
        let Some(heading) = line.text.strip_prefix('#') else {
            continue;
        };
        let base = anchor(heading.trim_start_matches('#').trim());
        let mut id = base.clone();
        let mut n = 0;
        while seen.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        seen.insert(id);
    }
    seen
}

#[test]
fn every_chapter_is_in_the_summary_and_every_listed_one_exists() {
    let chapters = chapters();
    let summary = chapters.get("SUMMARY.md").expect("docs/src/SUMMARY.md");
    let listed: BTreeSet<String> = links(summary).into_iter().map(|(_, t)| t).collect();
    let files: BTreeSet<String> = chapters
        .keys()
        .filter(|n| *n != "SUMMARY.md")
        .cloned()
        .collect();
    let missing: Vec<_> = listed.difference(&files).collect();
    let unlisted: Vec<_> = files.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "SUMMARY.md lists chapters that do not exist: {missing:?}"
    );
    assert!(
        unlisted.is_empty(),
        "chapters not in SUMMARY.md: {unlisted:?}"
    );
    // The sections the guide promises (issue 20) are there.
    for chapter in [
        "getting-started.md",
        "writing.md",
        "front-matter.md",
        "voices.md",
        "publishing.md",
        "directories.md",
        "scheduling.md",
        "talking-books.md",
        "importing.md",
        "large-archives.md",
        "troubleshooting.md",
        "configuration.md",
    ] {
        assert!(
            listed.contains(chapter),
            "SUMMARY.md does not list {chapter}"
        );
    }
}

/// Every relative link in `files` (path, text, the folder its links start from) that does
/// not resolve, one sentence each.
fn broken_links(files: &[(String, String, PathBuf)]) -> Vec<String> {
    let mut problems = Vec::new();
    for (name, text, base) in files {
        for (line, target) in links(text) {
            if ["http://", "https://", "mailto:"]
                .iter()
                .any(|s| target.starts_with(s))
            {
                continue;
            }
            let (file, fragment) = match target.split_once('#') {
                Some((f, a)) => (f, Some(a)),
                None => (target.as_str(), None),
            };
            let path = if file.is_empty() {
                base.join(Path::new(name).file_name().unwrap())
            } else {
                base.join(file)
            };
            let here = format!("{name} line {line}: `{target}`");
            let Ok(target_text) = std::fs::read_to_string(&path) else {
                problems.push(format!("{here}: no file {}", path.display()));
                continue;
            };
            if let Some(fragment) = fragment {
                if !anchors(&target_text).contains(fragment) {
                    problems.push(format!(
                        "{here}: {} has no heading #{fragment}",
                        path.display()
                    ));
                }
            }
        }
    }
    problems
}

/// The guide's chapters and the README, each with the folder its links start from.
fn linked_files() -> Vec<(String, String, PathBuf)> {
    let mut files: Vec<_> = chapters()
        .into_iter()
        .map(|(name, text)| (format!("{SRC}/{name}"), text, PathBuf::from(SRC)))
        .collect();
    let readme = std::fs::read_to_string(README).expect("README.md");
    files.push((README.to_string(), readme, PathBuf::from(".")));
    files
}

#[test]
fn every_link_and_anchor_resolves() {
    let files = linked_files();
    let count: usize = files.iter().map(|(_, t, _)| links(t).len()).sum();
    assert!(
        count > 50,
        "only {count} links found: is the link reader broken?"
    );
    let problems = broken_links(&files);
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn anchors_are_made_as_mdbook_makes_them_and_broken_links_are_named() {
    assert_eq!(anchor("`[hymns.N]`"), "hymnsn");
    assert_eq!(anchor("`[[podcast.person]]`"), "podcastperson");
    assert_eq!(
        anchor("base_url: the podcast's address"),
        "base_url-the-podcasts-address"
    );
    assert_eq!(anchor("Step 6: listen"), "step-6-listen");
    let twice = anchors("# A\n## Notes\n```sh\n# not a heading\n```\n## Notes\n");
    assert_eq!(twice, ["a", "notes", "notes-1"].map(String::from).into());
    let doctored = vec![(
        format!("{SRC}/doctored.md"),
        "See [voices](voices.md#no-such-part), [gone](gone.md), [ok](voices.md#one-voice-for-the-life-of-the-podcast), `[code](x.md)`.\n".to_string(),
        PathBuf::from(SRC),
    )];
    let problems = broken_links(&doctored).join("\n");
    assert!(
        problems.contains("has no heading #no-such-part"),
        "{problems}"
    );
    assert!(problems.contains("`gone.md`: no file"), "{problems}");
    assert_eq!(problems.lines().count(), 2, "{problems}");
}

/// Commands of the guide that depend on work not yet merged into this branch (issue 20's
/// other parts): the example is shown but not run while the command's help lacks the word.
/// Once it is there, the test says to remove the entry, so the examples then run.
const PENDING: [(&str, &[&str], &str); 0] = [];

/// Why a command of the guide is shown but not run, or `None` to run it.
fn not_run(command: &str) -> Option<&'static str> {
    let args: Vec<&str> = command.split_whitespace().collect();
    match args.get(1).copied() {
        Some("serve") => Some("serves until stopped"),
        Some("voices") if args.get(2) == Some(&"get") => Some("downloads"),
        Some("import") if args.iter().any(|a| a.starts_with("http")) => Some("downloads"),
        Some("deploy") if !args.contains(&"--dry-run") => Some("writes outside the project"),
        _ => None,
    }
}

fn devocast(dir: &Path, args: &[&str], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_devocast"))
        .args(args)
        .current_dir(dir)
        .env("DEVOCAST_OFFLINE", "1")
        .env("DEVOCAST_CACHE_DIR", data.join("cache"))
        .env("XDG_DATA_HOME", data.join("share"))
        .env_remove("VIRTUAL_ENV")
        .output()
        .expect("devocast runs")
}

/// The `$ …` lines of each `console` block, with the chapter and the block's first line.
fn console_blocks() -> Vec<(String, usize, Vec<String>)> {
    let mut blocks = Vec::new();
    for (name, text) in chapters() {
        let mut by_block: BTreeMap<usize, (usize, Vec<String>)> = BTreeMap::new();
        for line in lines(&text).iter().filter(|l| l.fence == Some("console")) {
            let block = by_block
                .entry(line.block)
                .or_insert((line.number, Vec::new()));
            if let Some(command) = line.text.strip_prefix("$ ") {
                block.1.push(command.trim().to_string());
            }
        }
        let found = by_block.into_values();
        blocks.extend(found.map(|(start, commands)| (name.clone(), start, commands)));
    }
    blocks
}

#[test]
fn pending_commands_are_still_pending() {
    let data = tempfile::tempdir().unwrap();
    for (feature, help, word) in PENDING {
        let out = devocast(Path::new("."), help, data.path());
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            !text.contains(word),
            "`{feature}` now exists (`devocast {}` mentions {word:?}): remove it from PENDING in tests/guide.rs so the guide's examples using it are run",
            help.join(" ")
        );
    }
}

/// Copies the example project's folder tree.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

/// Runs one console block's commands in a fresh folder; `Ok((ran, shown))` counts the
/// commands run and shown, `Err` names the first that failed.
fn run_block(at: &str, commands: &[String], data: &Path) -> Result<(usize, usize), String> {
    // A block opening with `init` starts where a producer would: in an empty folder.
    // Every other block runs in a fresh copy of the example project.
    let tmp = tempfile::tempdir().unwrap();
    let mut dir = tmp.path().to_path_buf();
    if !commands
        .first()
        .is_some_and(|c| c.starts_with("devocast init"))
    {
        dir = dir.join("my-podcast");
        copy_dir(Path::new("tests/fixtures/guide"), &dir);
    }
    let (mut ran, mut shown) = (0, 0);
    for command in commands {
        let at = format!("{at}: `{command}`");
        if let Some(folder) = command.strip_prefix("cd ") {
            dir = dir.join(folder);
            if !dir.is_dir() {
                return Err(format!("{at}: no folder {}", dir.display()));
            }
            continue;
        }
        if !command.starts_with("devocast ") || command.contains(['"', '\'', '|', '>', ';']) {
            return Err(format!(
                "{at}: console examples hold plain devocast commands (use an `sh` block for others)"
            ));
        }
        shown += 1;
        let pending = PENDING
            .iter()
            .any(|(feature, _, _)| command.contains(feature));
        if pending || not_run(command).is_some() {
            continue;
        }
        let args: Vec<&str> = command.split_whitespace().skip(1).collect();
        let out = devocast(&dir, &args, data);
        if !out.status.success() {
            return Err(format!(
                "{at} failed:\n{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        ran += 1;
    }
    Ok((ran, shown))
}

#[test]
fn the_guides_console_examples_run() {
    let data = tempfile::tempdir().unwrap();
    let (mut ran, mut shown) = (0, 0);
    let mut problems = Vec::new();
    for (chapter, start, commands) in console_blocks() {
        let at = format!("{SRC}/{chapter} (block at line {start})");
        match run_block(&at, &commands, data.path()) {
            Ok((r, s)) => (ran, shown) = (ran + r, shown + s),
            Err(problem) => problems.push(problem),
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
    assert!(ran >= 20, "only {ran} of {shown} example commands ran");
}

#[test]
fn a_failing_or_foreign_example_is_named() {
    let data = tempfile::tempdir().unwrap();
    let block = |lines: &[&str]| lines.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    let missing = run_block(
        "x",
        &block(&["devocast script episodes/none.md"]),
        data.path(),
    );
    assert!(missing.is_err_and(|e| e.contains("`devocast script episodes/none.md` failed")));
    let foreign = run_block("x", &block(&["rm -rf episodes"]), data.path());
    assert!(foreign.is_err_and(|e| e.contains("plain devocast commands")));
    let cd = run_block("x", &block(&["cd nowhere"]), data.path());
    assert!(cd.is_err_and(|e| e.contains("no folder")));
    let fine = block(&[
        "devocast check",
        "devocast serve",
        "devocast voices get en_US-joe-medium",
    ]);
    assert_eq!(run_block("x", &fine, data.path()), Ok((1, 3)));
}

/// The fenced blocks of a chapter with the given info string, each as one text.
fn blocks(text: &str, info: &str) -> Vec<String> {
    let mut by_block: BTreeMap<usize, String> = BTreeMap::new();
    for line in lines(text).iter().filter(|l| l.fence == Some(info)) {
        let block = by_block.entry(line.block).or_default();
        block.push_str(line.text);
        block.push('\n');
    }
    by_block.into_values().collect()
}

/// The devocast commands a shell command line runs (`devocast build && devocast deploy …`
/// gives `build` and `deploy`): each must be one `devocast --help` lists, or pending.
fn unknown_subcommands(shell: &str) -> Vec<String> {
    let out = devocast(Path::new("."), &["--help"], Path::new("/nonexistent"));
    let help = String::from_utf8_lossy(&out.stdout).into_owned();
    let words: Vec<&str> = shell.split_whitespace().collect();
    let pending = |c: &str| {
        PENDING
            .iter()
            .any(|(f, _, _)| *f == format!("devocast {c}"))
    };
    words
        .windows(2)
        .filter(|w| w[0] == "devocast")
        .map(|w| w[1])
        .filter(|c| !help.contains(&format!("  {c} ")) && !pending(c))
        .map(String::from)
        .collect()
}

/// Whether `sh -n` accepts a command line (its syntax, without running it).
fn shell_syntax_ok(command: &str) -> bool {
    let status = Command::new("sh").args(["-n", "-c", command]).status();
    status.is_ok_and(|s| s.success())
}

#[test]
fn the_scheduling_recipes_are_valid() {
    let text = &chapters()["scheduling.md"];
    let units = blocks(text, "ini");
    let service = units
        .iter()
        .find(|u| u.contains("[Service]"))
        .expect("a service unit");
    let timer = units
        .iter()
        .find(|u| u.contains("[Timer]"))
        .expect("a timer unit");
    let exec = service
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart=/bin/sh -c "));
    let exec = exec
        .expect("ExecStart runs a shell command")
        .trim_matches('\'');
    assert!(shell_syntax_ok(exec), "the service's command: {exec}");
    assert!(exec.contains("devocast build && devocast deploy"), "{exec}");
    assert_eq!(unknown_subcommands(exec), Vec::<String>::new());

    let cron = blocks(text, "crontab");
    let line = cron.first().expect("a crontab block").trim();
    let fields: Vec<&str> = line.splitn(6, ' ').collect();
    assert_eq!(
        fields.len(),
        6,
        "a crontab line is five time fields and a command: {line}"
    );
    for field in &fields[..5] {
        let ok = field
            .chars()
            .all(|c| c.is_ascii_digit() || "*/,-".contains(c));
        assert!(ok, "not a cron time field: {field:?} in {line}");
    }
    assert!(
        shell_syntax_ok(fields[5]),
        "the cron command: {}",
        fields[5]
    );
    assert!(
        fields[5].contains("devocast build && devocast deploy"),
        "{line}"
    );
    assert_eq!(unknown_subcommands(fields[5]), Vec::<String>::new());

    // systemd's own checker, where this machine has it.
    if Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("systemd-analyze not installed: the units' syntax was not checked by systemd");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("devocast.service"), service).unwrap();
    std::fs::write(dir.path().join("devocast.timer"), timer).unwrap();
    let out = Command::new("systemd-analyze")
        .args(["verify", "devocast.service", "devocast.timer"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && said.trim().is_empty(),
        "systemd-analyze verify: {said}"
    );
}

// ---- The configuration reference ----

/// What a default cell says (read as `src/config/documented.rs` reads a doc comment's default).
#[derive(Debug, PartialEq)]
enum Stated {
    Value(Value),
    Unset,
    Words,
}

/// A default cell without its remark in parentheses.
fn head(cell: &str) -> &str {
    cell.split(" (").next().unwrap_or(cell).trim()
}

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

/// The rows of the reference: heading (`podcast`, `podcast.funding`, `hymns.N`) → key →
/// (line, default cell).
fn reference(text: &str) -> BTreeMap<String, BTreeMap<String, (usize, String)>> {
    let mut tables: BTreeMap<String, BTreeMap<String, (usize, String)>> = BTreeMap::new();
    let mut section: Option<String> = None;
    for line in lines(text).iter().filter(|l| l.fence.is_none()) {
        if line.text.starts_with('#') {
            let name = line.text.trim_start_matches('#').trim();
            section = name
                .strip_prefix('`')
                .map(|n| n.trim_matches(['`', '[', ']']).to_string());
            continue;
        }
        let (Some(section), Some(row)) = (&section, line.text.strip_prefix("| `")) else {
            continue;
        };
        let cells: Vec<&str> = row.trim_end_matches('|').split(" | ").collect();
        let key = cells[0].trim_end_matches('`').to_string();
        let default = cells.get(1).copied().unwrap_or("").trim().to_string();
        let table = tables.entry(section.clone()).or_default();
        table.insert(key, (line.number, default));
    }
    tables
}

/// Every setting of `Config::default()` by full key (tables of entries, such as `[hymns]`,
/// are one setting).
fn code_defaults() -> BTreeMap<String, Value> {
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
    walk(
        "",
        serde_json::to_value(Config::default()).unwrap(),
        &mut out,
    );
    out
}

/// The value a setting left unset in `Default` stands for, which the reference must state.
fn worked_out(key: &str) -> Value {
    match key {
        "voice.model" => Value::from(devocast::voice::catalog::DEFAULT_VOICE),
        "voice.speaker" => Value::from(devocast::config::DEFAULT_SPEAKER),
        "audio.target_lufs" => Value::from(AudioConfig::default().target()),
        _ => Value::Null,
    }
}

fn is_unset(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// What is wrong with the reference stating `cell` for a setting whose default is `code`.
fn disagreement(key: &str, cell: &str, code: &Value) -> Option<String> {
    let code = if code.is_null() {
        worked_out(key)
    } else {
        code.clone()
    };
    let same = |a: &Value, b: &Value| match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    };
    match stated(cell) {
        Stated::Value(v) if !same(&v, &code) => {
            Some(format!("{key}: the guide says {cell}, the code {code}"))
        }
        Stated::Unset | Stated::Words if !is_unset(&code) => Some(format!(
            "{key}: the guide says {cell:?}, the code has {code}: state the value"
        )),
        _ => None,
    }
}

/// Fields of `pub struct NAME` in a config source file with the default their doc comment
/// states ("Default: …" to the end of its sentence), if any.
fn struct_fields(source: &str, name: &str) -> BTreeMap<String, Option<String>> {
    let start = format!("pub struct {name} {{");
    let mut fields = BTreeMap::new();
    let mut doc = String::new();
    let body = source.lines().skip_while(|l| *l != start).skip(1);
    for line in body.take_while(|l| *l != "}").map(str::trim) {
        if let Some(text) = line.strip_prefix("///") {
            doc.push_str(text.trim());
            doc.push(' ');
        } else if let Some((field, _)) = line.strip_prefix("pub ").and_then(|l| l.split_once(':')) {
            let default = doc.find("Default: ").map(|at| {
                let after = &doc[at + "Default: ".len()..];
                let sentence = after.split(". ").next().unwrap_or(after).trim();
                sentence.trim_end_matches('.').to_string()
            });
            fields.insert(field.to_string(), default);
            doc.clear();
        }
    }
    fields
}

/// Every way the reference and the code disagree, one sentence each.
fn reference_problems(text: &str) -> Vec<String> {
    let tables = reference(text);
    let mut problems = Vec::new();
    // Sub-tables are the fields of their own structs, checked against their doc comments.
    let subtables = [
        ("podcast.funding", "podcast.rs", "Funding"),
        ("podcast.person", "podcast.rs", "Person"),
        ("hymns.N", "hymns.rs", "HymnClip"),
    ];
    for (table, file, name) in subtables {
        let source = std::fs::read_to_string(format!("src/config/{file}")).unwrap();
        let fields = struct_fields(&source, name);
        let rows = tables.get(table).cloned().unwrap_or_default();
        let (documented, code): (BTreeSet<_>, BTreeSet<_>) =
            (rows.keys().collect(), fields.keys().collect());
        if documented != code {
            problems.push(format!(
                "[{table}] documents {documented:?}, the code has {code:?}"
            ));
        }
        for (field, (line, cell)) in &rows {
            let Some(Some(doc)) = fields.get(field) else {
                continue;
            };
            let doc_says = stated(doc);
            if matches!(doc_says, Stated::Value(_) | Stated::Unset) && doc_says != stated(cell) {
                problems.push(format!(
                    "line {line}: [{table}] {field}: the guide says {cell}, its doc comment {doc}"
                ));
            }
        }
    }
    let mut documented = BTreeSet::new();
    for (section, rows) in tables
        .iter()
        .filter(|(s, _)| !subtables.iter().any(|t| t.0 == *s))
    {
        for (key, (line, cell)) in rows {
            let full = format!("{section}.{key}");
            match code_defaults().get(&full) {
                None => problems.push(format!("line {line}: `{full}` is not a setting of Config")),
                Some(code) => problems
                    .extend(disagreement(&full, cell, code).map(|p| format!("line {line}: {p}"))),
            }
            documented.insert(full);
        }
    }
    if tables.contains_key("hymns.N") {
        documented.insert("hymns".to_string());
    }
    for key in code_defaults().keys().filter(|k| !documented.contains(*k)) {
        problems.push(format!(
            "`{key}` is missing from the configuration reference"
        ));
    }
    problems
}

#[test]
fn the_configuration_reference_states_every_setting_with_the_default_of_the_code() {
    let text = &chapters()["configuration.md"];
    let problems = reference_problems(text);
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn a_wrong_missing_or_unknown_setting_in_the_reference_is_named() {
    let text = chapters()["configuration.md"]
        .replace("| `rate` | 165 |", "| `rate` | 170 |")
        .replace("| `channels` | 1 |", "| `channels` | none |")
        .replace("| `epub` | true |", "| `epbu` | true |")
        .replace("| `role` | \"host\" |", "| `role` | \"guest\" |")
        .replace("| `img` | none | the address of a picture of them |\n", "")
        .replace(
            "| `model` | \"en_US-ljspeech-medium\" |",
            "| `model` | the voice's own |",
        );
    let problems = reference_problems(&text).join("\n");
    for expected in [
        "voice.rate: the guide says 170, the code 165",
        "audio.channels: the guide says \"none\", the code has 1",
        "`book.epbu` is not a setting of Config",
        "`book.epub` is missing",
        "[podcast.person] role: the guide says \"guest\", its doc comment \"host\"",
        "[podcast.person] documents",
        "voice.model: the guide says \"the voice's own\", the code has \"en_US-ljspeech-medium\"",
    ] {
        assert!(
            problems.contains(expected),
            "{expected:?} not in:\n{problems}"
        );
    }
    assert_eq!(problems.lines().count(), 7, "{problems}");
}
