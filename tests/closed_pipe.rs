//! A command whose output pipe closes (`devocast script a.md | head`) stops as a Unix tool
//! does: killed by `SIGPIPE`, saying nothing about it, never a panic ("failed printing to
//! stdout: Broken pipe").

#![cfg(unix)]

mod common;

use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Output, Stdio};

const SIGPIPE: i32 = 13;

/// A pipe whose reading end is already closed: the first write to it fails.
fn closed_pipe() -> std::io::PipeWriter {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    writer
}

fn devocast(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_devocast"));
    cmd.args(args).stdin(Stdio::null());
    cmd
}

/// Runs `cmd` with standard output into a closed pipe; standard error is kept.
fn into_closed_stdout(mut cmd: Command) -> Output {
    cmd.stdout(closed_pipe()).stderr(Stdio::piped());
    cmd.output().unwrap()
}

fn stopped_quietly(out: &Output, what: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Warnings written before the first line of output may be there; no word of the pipe.
    for said in ["panicked", "Broken pipe", "error"] {
        assert!(!stderr.contains(said), "{what}: {stderr}");
    }
    assert_eq!(
        out.status.signal(),
        Some(SIGPIPE),
        "{what}: {:?}, {stderr}",
        out.status
    );
}

#[test]
fn script_into_a_closed_pipe_stops_quietly() {
    for args in [
        vec!["script", "tests/fixtures/seed-shape.txt"],
        vec!["script", "--json", "tests/fixtures/project/episodes/one.md"],
    ] {
        let out = into_closed_stdout(devocast(&args));
        stopped_quietly(&out, &args.join(" "));
    }
}

#[test]
fn every_printing_command_stops_quietly() {
    let (_tmp, project) = common::fixture_project();
    let p = project.to_str().unwrap();
    let fresh = project.with_file_name("fresh");
    let new = fresh.to_str().unwrap();
    let wxr = "tests/fixtures/import/blog.wxr.xml";
    let cases: Vec<Vec<&str>> = vec![
        vec!["check", p],
        vec!["voices", p],
        vec!["init", new],
        vec!["clean", p],
        vec!["build", "--offline", p],
        vec!["import", wxr, p],
        vec!["--help"],
        vec!["build", "--help"],
        vec!["--version"],
    ];
    for args in cases {
        let mut cmd = devocast(&args);
        cmd.env("DEVOCAST_CACHE_DIR", project.join(".cache"));
        let out = into_closed_stdout(cmd);
        stopped_quietly(&out, &args.join(" "));
    }
    // `refs` reads standard input and stops at its first line of output.
    let mut refs = devocast(&["refs"]);
    refs.stdin(std::fs::File::open("tests/fixtures/seed-shape.txt").unwrap());
    stopped_quietly(&into_closed_stdout(refs), "refs");
    // `serve` stops at its first line too, instead of serving on with nobody listening.
    let out = into_closed_stdout(devocast(&["serve", "--port", "0", p]));
    stopped_quietly(&out, "serve");
}

#[test]
fn a_closed_standard_error_stops_quietly_too() {
    let (_tmp, project) = common::fixture_project();
    let missing = project.join("no-such-export.xml");
    // The error goes to standard error, which is closed.
    let out = devocast(&[
        "import",
        missing.to_str().unwrap(),
        project.to_str().unwrap(),
    ])
    .stdout(Stdio::null())
    .stderr(closed_pipe())
    .output()
    .unwrap();
    assert_eq!(out.status.signal(), Some(SIGPIPE), "{:?}", out.status);
}
