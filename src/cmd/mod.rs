//! One file per command, each with its arguments (a clap `Args` struct whose doc comment is
//! the command's help) and its `run`, which calls the library and prints what it returns.
//! `run` returns whether the command succeeded, which `main` turns into the exit code.

pub mod book;
pub mod build;
pub mod check;
pub mod clean;
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
