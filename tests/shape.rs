//! The shape of the source, held by tests: functions a screenful of named steps, files under
//! 700 lines, network access only in `net.rs` and the S3 and SFTP deploy targets, one home
//! for the Python package search, and no statements that only look meaningful. Tests are left out of every count.

use std::path::{Path, PathBuf};

/// Longest function body outside tests, in lines (from `fn` to its closing brace).
const MAX_FN_LINES: usize = 150;
/// Longest source file, tests aside, in lines.
const MAX_FILE_LINES: usize = 700;

/// Work in progress on other branches of the same issue (the binary split into one file per
/// command; `config` split by section). Remove each entry once that work has merged.
const PENDING_FNS: &[(&str, &str)] = &[];
const PENDING_FILES: &[&str] = &[];

/// Every `.rs` file under `src/`, sorted, with its text.
fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(&root.join("src"), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The source with comments, strings and character literals blanked out (line breaks kept),
/// so what is left can be scanned for braces and keywords.
fn code_only(src: &str) -> Vec<char> {
    let s: Vec<char> = src.chars().collect();
    let mut out = s.clone();
    let blank = |out: &mut Vec<char>, from: usize, to: usize| {
        for c in &mut out[from..to.min(s.len())] {
            if *c != '\n' {
                *c = ' ';
            }
        }
    };
    let starts = |i: usize, pat: &str| {
        pat.chars()
            .enumerate()
            .all(|(k, c)| s.get(i + k) == Some(&c))
    };
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut i = 0;
    while i < s.len() {
        if starts(i, "//") {
            let end = (i..s.len()).find(|&j| s[j] == '\n').unwrap_or(s.len());
            blank(&mut out, i, end);
            i = end;
        } else if starts(i, "/*") {
            let (mut depth, mut j) = (0, i);
            while j < s.len() {
                if starts(j, "/*") {
                    depth += 1;
                    j += 2;
                } else if starts(j, "*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&mut out, i, j);
            i = j;
        } else if (s[i] == 'r' || (s[i] == 'b' && s.get(i + 1) == Some(&'r')))
            && (i == 0 || !ident(s[i - 1]))
            && {
                let k = i + if s[i] == 'b' { 2 } else { 1 };
                let hashes = (k..s.len()).take_while(|&j| s[j] == '#').count();
                s.get(k + hashes) == Some(&'"')
            }
        {
            let k = i + if s[i] == 'b' { 2 } else { 1 };
            let hashes = (k..s.len()).take_while(|&j| s[j] == '#').count();
            let close: String = std::iter::once('"')
                .chain("#".repeat(hashes).chars())
                .collect();
            let mut j = k + hashes + 1;
            while j < s.len() && !starts(j, &close) {
                j += 1;
            }
            let end = j + close.chars().count();
            blank(&mut out, i, end);
            i = end;
        } else if s[i] == '"' {
            let mut j = i + 1;
            while j < s.len() && s[j] != '"' {
                j += if s[j] == '\\' { 2 } else { 1 };
            }
            blank(&mut out, i, j + 1);
            i = j + 1;
        } else if s[i] == '\'' {
            // A character literal ('x', '\n', '\''), not a lifetime ('a).
            let end = if s.get(i + 1) == Some(&'\\') {
                (i + 3..s.len()).find(|&j| s[j] == '\'').map(|j| j + 1)
            } else if s.get(i + 2) == Some(&'\'') {
                Some(i + 3)
            } else {
                None
            };
            match end {
                Some(end) => {
                    blank(&mut out, i, end);
                    i = end;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The index of the brace closing the one at `open`.
fn closing(code: &[char], open: usize) -> usize {
    let mut depth = 0;
    for (j, &c) in code.iter().enumerate().skip(open) {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    code.len()
}

/// The first `{` of the item starting at `from`, unless a `;` ends the item first.
fn body_start(code: &[char], from: usize) -> Option<usize> {
    let mut depth = 0i32;
    for (j, &c) in code.iter().enumerate().skip(from) {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ';' if depth == 0 => return None,
            '{' if depth == 0 => return Some(j),
            _ => {}
        }
    }
    None
}

/// Character ranges of the items marked `#[cfg(test)]`.
fn test_items(code: &[char]) -> Vec<(usize, usize)> {
    let text: String = code.iter().collect();
    let mut out = Vec::new();
    for (byte, _) in text.match_indices("#[cfg(test)]") {
        let at = text[..byte].chars().count();
        if let Some(open) = body_start(code, at + "#[cfg(test)]".len()) {
            out.push((at, closing(code, open)));
        }
    }
    out
}

fn line_of(code: &[char], at: usize) -> usize {
    code[..at].iter().filter(|&&c| c == '\n').count() + 1
}

/// Every function outside tests: (name, first line, length in lines).
fn functions(src: &str) -> Vec<(String, usize, usize)> {
    let code = code_only(src);
    let tests = test_items(&code);
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = Vec::new();
    let mut i = 0;
    while i + 3 < code.len() {
        let is_fn = code[i] == 'f'
            && code[i + 1] == 'n'
            && code[i + 2] == ' '
            && (i == 0 || !ident(code[i - 1]))
            && !tests.iter().any(|&(a, b)| (a..=b).contains(&i));
        if is_fn {
            let name: String = code[i + 3..].iter().take_while(|&&c| ident(c)).collect();
            if let Some(open) = body_start(&code, i + 3) {
                let first = line_of(&code, i);
                let last = line_of(&code, closing(&code, open));
                out.push((name, first, last - first + 1));
            }
        }
        i += 1;
    }
    out
}

/// Lines of a file outside its test items.
fn lines_outside_tests(src: &str) -> usize {
    let code = code_only(src);
    let in_tests: usize = test_items(&code)
        .iter()
        .map(|&(a, b)| line_of(&code, b) - line_of(&code, a) + 1)
        .sum();
    src.lines().count() - in_tests
}

#[test]
fn the_counter_sees_functions_as_written() {
    let src = r##"
fn short() { let c = '{'; let s = "}}}"; }
// fn commented() {
fn with_raw<'a>(x: &'a str) -> [u8; 2] {
    let r = r#"{ " }"#;
    let q = '\'';
    [0, 1]
}
fn declared_only(x: u8);
#[cfg(test)]
mod tests {
    fn hidden() {
    }
}
"##;
    let found = functions(src);
    let names: Vec<(&str, usize)> = found.iter().map(|(n, _, l)| (n.as_str(), *l)).collect();
    assert_eq!(names, [("short", 1), ("with_raw", 5)]);
    assert_eq!(lines_outside_tests(src), src.lines().count() - 5);
}

#[test]
fn functions_are_a_screenful_of_steps() {
    let mut long = Vec::new();
    for (file, src) in sources() {
        for (name, line, len) in functions(&src) {
            let pending = PENDING_FNS.contains(&(file.as_str(), name.as_str()));
            if len > MAX_FN_LINES && !pending {
                long.push(format!("{file}:{line} {name} ({len} lines)"));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MAX_FN_LINES} lines: {long:#?}"
    );
}

#[test]
fn files_stay_under_700_lines_tests_aside() {
    let long: Vec<String> = sources()
        .into_iter()
        .filter(|(file, _)| !PENDING_FILES.contains(&file.as_str()))
        .map(|(file, src)| (lines_outside_tests(&src), file))
        .filter(|(n, _)| *n > MAX_FILE_LINES)
        .map(|(n, file)| format!("{file} ({n} lines)"))
        .collect();
    assert!(
        long.is_empty(),
        "files over {MAX_FILE_LINES} lines: {long:#?}"
    );
}

/// The files that may touch the network: the HTTP client, and the two deploy targets that
/// talk to a server (each through its own well-kept crate, which nothing else may use).
const NETWORK_FILES: &[&str] = &["src/net.rs", "src/deploy/s3.rs", "src/deploy/sftp.rs"];

#[test]
fn only_the_net_module_and_the_server_targets_use_the_network() {
    let users: Vec<String> = sources()
        .into_iter()
        .filter(|(file, src)| {
            let code: String = code_only(src).into_iter().collect();
            !NETWORK_FILES.contains(&file.as_str())
                && [
                    "ureq",
                    "TcpStream::connect",
                    "ToSocketAddrs",
                    "UdpSocket",
                    "object_store",
                    "reqwest",
                    "russh",
                ]
                .iter()
                .any(|w| code.contains(w))
        })
        .map(|(file, _)| file)
        .collect();
    assert!(
        users.is_empty(),
        "network access outside {NETWORK_FILES:?}: {users:?}"
    );
}

#[test]
fn python_package_folders_are_searched_in_one_place() {
    let searchers: Vec<String> = sources()
        .into_iter()
        .filter(|(_, src)| src.contains("join(\"site-packages\")"))
        .map(|(file, _)| file)
        .collect();
    assert_eq!(searchers, ["src/voice/python.rs"]);
}

#[test]
fn no_statement_discards_a_plain_name() {
    // `let _ = x;` says nothing: it silenced a warning, or was left from code since removed.
    let mut found = Vec::new();
    for (file, src) in sources() {
        let code: String = code_only(&src).into_iter().collect();
        for (n, line) in code.lines().enumerate() {
            let Some(rest) = line.trim().strip_prefix("let _ = ") else {
                continue;
            };
            let name = rest.trim_end_matches(';').trim_start_matches('&');
            if rest.ends_with(';')
                && !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
            {
                found.push(format!("{file}:{} {}", n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}
