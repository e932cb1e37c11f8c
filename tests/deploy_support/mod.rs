//! Helpers shared by the deploy tests: a built fixture project (built once per test binary,
//! copied for each test), running `devocast deploy`, and checking what a target holds.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

#[path = "../common/mod.rs"]
pub mod common;

/// Runs devocast with `args` in `project`'s folder, with `env` added.
pub fn devocast(project: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_devocast"));
    c.args(args).current_dir(project).env(
        "DEVOCAST_CACHE_DIR",
        std::env::temp_dir().join("devocast-test-cache"),
    );
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

/// Both streams of an output, for messages and for looking for secrets.
pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Asserts a run succeeded, and returns its text.
pub fn ok(out: Output) -> String {
    let t = text(&out);
    assert!(out.status.success(), "{t}");
    t
}

/// Two built projects, shared by every test of a binary: the fixture as built, and the same
/// after an edit of one paragraph of `one` and a rebuild (so a new MP3 replaces the old).
fn bases() -> &'static (tempfile::TempDir, PathBuf, PathBuf) {
    static BASES: OnceLock<(tempfile::TempDir, PathBuf, PathBuf)> = OnceLock::new();
    BASES.get_or_init(|| {
        let (tmp, first) = common::fixture_project();
        ok(devocast(&first, &["build", "--jobs", "1", "."], &[]));
        let edited = tmp.path().join("edited");
        common::copy_dir(&first, &edited);
        edit(
            &edited,
            "Peace be with you all.",
            "Peace be with you, each one.",
        );
        ok(devocast(&edited, &["build", "--jobs", "1", "."], &[]));
        (tmp, first, edited)
    })
}

/// Replaces `from` by `to` in `episodes/one.md`.
pub fn edit(p: &Path, from: &str, to: &str) {
    let path = p.join("episodes/one.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

/// A fresh copy of the built fixture (`edited`: after the one-paragraph edit), in `dir`.
pub fn project(dir: &Path, edited: bool) -> PathBuf {
    let (_, first, second) = bases();
    let to = dir.join(if edited { "edited" } else { "project" });
    let _ = std::fs::remove_dir_all(&to);
    common::copy_dir(if edited { second } else { first }, &to);
    to
}

/// The published MP3 of `one` in a project, by name.
pub fn mp3_of_one(project: &Path) -> String {
    let p = common::published(project, "one");
    p.mp3.file_name().unwrap().to_string_lossy().into_owned()
}

/// Checks a folder holding a deployed feed is whole (as the build's crash tests check
/// `feed/`); returns the number of episodes.
pub fn whole(site: &Path) -> Result<usize, String> {
    let tmp = tempfile::tempdir().unwrap();
    let feed = tmp.path().join("feed");
    if site.exists() {
        common::copy_dir(site, &feed);
    }
    common::published_whole(tmp.path())
}

/// Every file under `dir` with its bytes, by relative name.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, prefix: &str, out: &mut std::collections::BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let name = format!("{prefix}{}", e.file_name().to_string_lossy());
            if e.file_type().unwrap().is_dir() {
                walk(&e.path(), &format!("{name}/"), out);
            } else {
                out.insert(name, std::fs::read(e.path()).unwrap());
            }
        }
    }
    let mut out = Default::default();
    if dir.exists() {
        walk(dir, "", &mut out);
    }
    out
}

/// Moves every time in the target's state object `days` into the past, as if the feeds it
/// records had been published that long ago.
pub fn age_state(state: &[u8], days: i64) -> Vec<u8> {
    let mut v: serde_json::Value = serde_json::from_slice(state).unwrap();
    for (_, w) in v["files"].as_object_mut().unwrap() {
        let t: chrono::DateTime<chrono::Utc> =
            w["last_referenced"].as_str().unwrap().parse().unwrap();
        w["last_referenced"] = (t - chrono::Duration::days(days)).to_rfc3339().into();
    }
    serde_json::to_vec_pretty(&v).unwrap()
}
pub mod servers;
