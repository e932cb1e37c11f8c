//! Help at every step, for a producer who is not a programmer: the project is found from
//! any folder inside it, `init` starts one where the producer stands, every mistake in the
//! settings is named at once with its line and a likely fix, placeholders are pointed out
//! until changed, and what devocast says reads right.

mod common;

use std::path::Path;
use std::process::{Command, Output};

/// Runs devocast in `cwd` with exactly `args` (no project folder added).
fn run_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_devocast"))
        .args(args)
        .current_dir(cwd)
        .env("DEVOCAST_CACHE_DIR", cwd.join(".cache"))
        .env("DEVOCAST_OFFLINE", "1")
        .output()
        .unwrap()
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_project_is_found_from_any_folder_inside_it() {
    let (_t, p) = common::fixture_project();
    let deeper = p.join("episodes/drafts/old");
    std::fs::create_dir_all(&deeper).unwrap();
    for cwd in [p.join("episodes"), deeper.clone(), p.join("audio")] {
        let out = run_in(&cwd, &["check"]);
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "{}: {stdout}{stderr}", cwd.display());
        // The project's own articles are checked, not a project of defaults.
        assert!(
            stdout.contains("episodes/one.md") && stdout.contains("ok      devocast.toml"),
            "{}: {stdout}",
            cwd.display()
        );
    }
    // A build from inside builds the project, not the folder.
    let out = run_in(&deeper, &["build"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(p.join("feed/feed.xml").is_file(), "{stdout}");
    assert!(!deeper.join("feed").exists() && !deeper.join(".devocast").exists());
    // The next step it suggests can be typed where the producer stands.
    assert!(stdout.contains("devocast serve ../../.."), "{stdout}");
    // An explicit folder still works, from anywhere, and so does a folder inside it.
    let elsewhere = tempfile::tempdir().unwrap();
    let out = run_in(elsewhere.path(), &["check", p.to_str().unwrap()]);
    assert!(out.status.success(), "{:?}", text(&out));
    let inside = p.join("episodes");
    let out = run_in(elsewhere.path(), &["check", inside.to_str().unwrap()]);
    let (stdout, _) = text(&out);
    assert!(stdout.contains("episodes/one.md"), "{stdout}");
    for args in [&["voices"][..], &["clean"][..]] {
        let out = run_in(&deeper, args);
        assert!(out.status.success(), "{args:?}: {:?}", text(&out));
    }
    assert!(
        !p.join("feed").exists(),
        "clean from inside cleans the project"
    );
}

#[test]
fn check_outside_any_project_says_there_is_no_settings_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run_in(tmp.path(), &["check"]);
    let (stdout, _) = text(&out);
    assert!(!stdout.contains("ok      devocast.toml"), "{stdout}");
    assert!(
        stdout.contains("no devocast.toml in `.` or any folder above it"),
        "{stdout}"
    );
}
