//! Crash tests: a rebuild stopped at every point where it changes the file system (as
//! `kill -9` would stop it: no clean-up, no unwinding), and at random moments by a real
//! SIGKILL, must leave a feed whose every file is in place and agrees with it; the next build
//! must then finish the job. Write errors on each kind of file must do the same.

mod common;

use common::{fixture_project, published, published_whole};
use std::path::Path;
use std::process::{Command, Output};

fn devocast(project: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_devocast"));
    c.args(args).arg(project).env(
        "DEVOCAST_CACHE_DIR",
        std::env::temp_dir().join("devocast-test-cache"),
    );
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

/// A published project, then edits that make the next build write new media, add an
/// episode, drop another, and remove old files.
fn prepared() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, p) = fixture_project();
    let out = devocast(&p, &["build", "--jobs", "1"], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Publish twice so an old generation exists that the next build may remove.
    edit(
        &p,
        "Peace be with you all.",
        "Peace be with you, all of you.",
    );
    assert!(devocast(&p, &["build", "--jobs", "1"], &[])
        .status
        .success());
    edit(
        &p,
        "Peace be with you, all of you.",
        "Peace be with you, each one.",
    );
    std::fs::write(
        p.join("episodes/three.md"),
        "---\ntitle: Third Light\n---\n\n## Morning\n\nA new episode today, dated by its first build.\n",
    )
    .unwrap();
    std::fs::remove_file(p.join("episodes/two.txt")).unwrap();
    (tmp, p)
}

fn edit(p: &Path, from: &str, to: &str) {
    let path = p.join("episodes/one.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from));
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

fn copy(from: &Path) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let to = tmp.path().join("project");
    common::copy_dir(from, &to);
    (tmp, to)
}

#[test]
fn a_rebuild_stopped_at_every_change_leaves_a_whole_feed() {
    let (_t, base) = prepared();
    let before = published_whole(&base).expect("the published feed is whole");
    assert_eq!(before, 2);
    let mut points = 0;
    for n in 1.. {
        let (_c, p) = copy(&base);
        let out = devocast(
            &p,
            &["build", "--jobs", "1"],
            &[("DEVOCAST_CRASH_AT", &n.to_string())],
        );
        if out.status.success() {
            // The build made fewer than n changes: every point has been tried.
            break;
        }
        assert!(
            out.status.code().is_none(),
            "crash point {n}: expected the process to be killed, got {:?}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        points += 1;
        published_whole(&p).unwrap_or_else(|e| panic!("after a crash at change {n}: {e}"));
        // The next build finishes the job, whatever was left.
        let out = devocast(&p, &["build", "--jobs", "1"], &[]);
        assert!(
            out.status.success(),
            "after crash {n}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            published_whole(&p),
            Ok(2),
            "after the recovery build from point {n}"
        );
        let three = published(&p, "three");
        assert!(three.mp3.is_file());
        assert!(
            std::fs::read_to_string(&published(&p, "one").vtt)
                .unwrap()
                .contains("each one."),
            "the edit is published after recovery from point {n}"
        );
        let leftovers: Vec<_> = std::fs::read_dir(p.join("feed"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp-"))
            .collect();
        assert!(
            leftovers.is_empty(),
            "after recovery from point {n}: {leftovers:?}"
        );
    }
    eprintln!("crash points tried: {points}");
    assert!(points >= 20, "only {points} crash points");
}

#[test]
fn a_rebuild_killed_at_random_moments_leaves_a_whole_feed() {
    let (_t, base) = prepared();
    // How long a rebuild takes, to spread the kills over it.
    let (_c, p) = copy(&base);
    let t = std::time::Instant::now();
    assert!(devocast(&p, &["build", "--jobs", "2"], &[])
        .status
        .success());
    let span = t.elapsed().as_millis().max(50) as u64;
    // A fixed sequence of pseudo-random moments (xorshift), so a failure can be replayed.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for round in 0..16 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let at = x % span;
        let (_c, p) = copy(&base);
        let mut child = Command::new(env!("CARGO_BIN_EXE_devocast"))
            .args(["build", "--jobs", "2"])
            .arg(&p)
            .env(
                "DEVOCAST_CACHE_DIR",
                std::env::temp_dir().join("devocast-test-cache"),
            )
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(at));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        published_whole(&p).unwrap_or_else(|e| panic!("killed at {at} ms (round {round}): {e}"));
        assert!(devocast(&p, &["build"], &[]).status.success());
        assert_eq!(published_whole(&p), Ok(2));
    }
}

#[test]
fn a_write_error_on_any_kind_of_file_leaves_the_feed_whole() {
    let (_t, base) = prepared();
    let feed_before = std::fs::read(base.join("feed/feed.xml")).unwrap();
    for pattern in [
        "feed.xml",
        "index.html",
        ".vtt",
        ".srt",
        ".chapters.json",
        ".mp3",
        "one.html",
        ".devocast/episodes/one.json",
        ".devocast/publish.json",
        "masters/one.wav",
        "published.toml",
    ] {
        let (_c, p) = copy(&base);
        let out = devocast(
            &p,
            &["build", "--jobs", "1"],
            &[("DEVOCAST_INJECT_WRITE_ERROR", pattern)],
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success(),
            "{pattern}: the build must say it failed"
        );
        assert!(stderr.contains("No space left"), "{pattern}: {stderr}");
        published_whole(&p).unwrap_or_else(|e| panic!("write error on {pattern}: {e}"));
        if pattern == "feed.xml" {
            assert_eq!(std::fs::read(p.join("feed/feed.xml")).unwrap(), feed_before);
        }
        // Space is back: the next build publishes everything.
        let out = devocast(&p, &["build"], &[]);
        assert!(
            out.status.success(),
            "{pattern}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(published_whole(&p), Ok(2), "{pattern}");
    }
}
