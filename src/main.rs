//! The `devocast` command: parses the command line, runs one command (each in its own file
//! under `cmd/`), prints the error chain and returns the exit code. Everything else is the
//! library's.

mod cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "devocast",
    version,
    about = "Turn a folder of devotional articles into a podcast, fully offline"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The commands, in the order `--help` lists them; each one's help is its `Args`' doc.
#[derive(Subcommand)]
enum Command {
    Build(cmd::build::Args),
    Publish(cmd::publish::Args),
    Import(cmd::import::Args),
    Check(cmd::check::Args),
    Script(cmd::script::Args),
    Init(cmd::init::Args),
    Clean(cmd::clean::Args),
    Book(cmd::book::Args),
    Serve(cmd::serve::Args),
    Deploy(cmd::deploy::Args),
    Voices(cmd::voices::Args),
    Refs(cmd::refs::Args),
}

fn main() -> ExitCode {
    cmd::stop_quietly_when_output_closes();
    let result = match Cli::parse().command {
        Command::Build(args) => cmd::build::run(args),
        Command::Publish(args) => cmd::publish::run(args),
        Command::Import(args) => cmd::import::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Script(args) => cmd::script::run(args),
        Command::Init(args) => cmd::init::run(args),
        Command::Clean(args) => cmd::clean::run(args),
        Command::Book(args) => cmd::book::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Deploy(args) => cmd::deploy::run(args),
        Command::Voices(args) => cmd::voices::run(args),
        Command::Refs(args) => cmd::refs::run(args),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
