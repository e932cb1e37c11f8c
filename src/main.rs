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
    /// Read lines on standard input and print the Bible references found in each as OSIS
    /// ranges, one JSON array per line (for comparing with other reference parsers).
    #[command(hide = true)]
    Refs,
    /// Print the script of one article exactly as it will be spoken, one cue per line, so
    /// pronunciation can be proofread before anything is rendered.
    Script {
        /// The article (.txt, .md or .html).
        file: PathBuf,
        /// Print the cues as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Build every episode in the project into its output folder (default `feed/`).
    Build {
        /// The project folder (holding devocast.toml and episodes/).
        #[arg(default_value = ".")]
        project: PathBuf,
        /// Fail an episode instead of warning (e.g. a hymn without a recording).
        #[arg(long)]
        strict: bool,
    },
}

fn run(cli: Cli) -> Result<bool> {
    match cli.command {
        Command::Refs => {
            use std::io::BufRead;
            for line in std::io::stdin().lock().lines() {
                let line = line?;
                let osis: Vec<String> = devocast::speech::bible::find_all(&line)
                    .iter()
                    .flat_map(|f| f.reference.osis())
                    .collect();
                println!("{}", serde_json::to_string(&osis)?);
            }
            Ok(true)
        }
        Command::Script { file, json } => {
            let text = devocast::project::script_text(&file, json)?;
            print!("{text}");
            Ok(true)
        }
        Command::Build { project, strict } => {
            let options = devocast::project::Options { strict };
            let summary =
                devocast::project::build(&project, &options, &mut |line| println!("{line}"))?;
            let built = summary.outcomes.len() - summary.failed();
            let warnings: usize = summary
                .outcomes
                .iter()
                .map(|o| match o {
                    devocast::project::Outcome::Built { warnings, .. } => warnings.len(),
                    _ => 0,
                })
                .sum();
            println!(
                "summary: {built} built, {} failed, {warnings} warnings; {} of audio in {:.1} s ({})",
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
