//! The `devocast` command: parses arguments, calls the library, prints the error chain.

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
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

#[derive(Subcommand)]
enum Command {
    /// Build every episode in the project into its output folder (default `feed/`).
    Build {
        /// The project folder (holding devocast.toml and episodes/).
        #[arg(default_value = ".")]
        project: PathBuf,
    },
}

fn run(cli: Cli) -> Result<bool> {
    match cli.command {
        Command::Build { project } => {
            let summary = devocast::project::build(&project, &mut |line| println!("{line}"))?;
            let built = summary.outcomes.len() - summary.failed();
            println!(
                "summary: {built} built, {} failed; {} of audio in {:.1} s ({})",
                summary.failed(),
                devocast::publish::feed::hms(summary.audio_seconds()),
                summary.seconds,
                summary.voice
            );
            for o in &summary.outcomes {
                if let devocast::project::Outcome::Failed { error, .. } = o {
                    eprintln!("error: {error:#}");
                }
            }
            Ok(summary.failed() == 0)
        }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
