//! One file per command, each with its arguments (a clap `Args` struct whose doc comment is
//! the command's help) and its `run`, which calls the library and prints what it returns.
//! `run` returns whether the command succeeded, which `main` turns into the exit code.

pub mod book;
pub mod build;
pub mod check;
pub mod clean;
pub mod deploy;
pub mod import;
pub mod init;
pub mod publish;
pub mod refs;
pub mod script;
pub mod serve;
pub mod voices;

use devocast::report::{Report, Stream};

/// Prints a report's lines, each to its stream, in order.
fn print(report: &Report) {
    for (stream, line) in &report.lines {
        match stream {
            Stream::Out => println!("{line}"),
            Stream::Err => eprintln!("{line}"),
        }
    }
}

/// Makes a closed output end the process as it ends a Unix tool: quietly, killed by
/// `SIGPIPE`, so `devocast script a.md | head` stops when `head` has read enough. Rust
/// ignores `SIGPIPE` and turns the failed write into a panic inside `println!`; restoring
/// the default once, here, covers every line any command prints. Sockets are unaffected: the
/// standard library sends with `MSG_NOSIGNAL`, so a listener that hangs up on `serve` is
/// still an error `serve` handles.
pub fn stop_quietly_when_output_closes() {
    #[cfg(unix)]
    // SAFETY: called first thing in `main`, before any other thread exists; `SIG_DFL` is a
    // valid disposition for `SIGPIPE`.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
