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
    /// Build every episode in the project into its output folder (default `feed/`). Only
    /// episodes whose article, settings or recordings changed are rebuilt.
    Build {
        /// The project folder (holding devocast.toml and episodes/).
        #[arg(default_value = ".")]
        project: PathBuf,
        /// Fail an episode instead of warning (e.g. a hymn without a recording).
        #[arg(long)]
        strict: bool,
        /// Rebuild every episode, even those that are up to date.
        #[arg(long)]
        force: bool,
        /// Episodes built at once (default: one per core).
        #[arg(long, short = 'j', default_value_t = 0)]
        jobs: usize,
        /// Never download a voice (also DEVOCAST_OFFLINE=1 or `voice.download = false`).
        #[arg(long)]
        offline: bool,
        /// Publish articles dated in the future now, instead of on their day.
        #[arg(long)]
        include_future: bool,
        /// Build only part K of N of the podcast (1-based), for a batch engine: several
        /// machines sharing the project folder each build one part, then `devocast publish`
        /// writes the feed. `auto` reads the part from a Slurm job array or a Kubernetes
        /// indexed Job.
        #[arg(long, value_name = "K/N|auto")]
        shard: Option<String>,
        /// With `--shard auto` on Kubernetes: the number of parts (the Job's completions;
        /// also DEVOCAST_SHARDS).
        #[arg(long, value_name = "N", requires = "shard")]
        shards: Option<usize>,
        /// Make the voice this build finds the podcast's voice and narrate every episode
        /// with it. Without it, a build refuses a voice other than the one recorded in
        /// published.toml (unless devocast.toml now asks for another voice).
        #[arg(long)]
        change_voice: bool,
    },
    /// Write the feed and index from the episodes that `build --shard` runs built: the last
    /// step of a sharded build. Fails, publishing nothing, if an article has no current
    /// build.
    Publish {
        /// The project folder.
        #[arg(default_value = ".")]
        project: PathBuf,
        /// Fail an episode with warnings (as `build --strict`).
        #[arg(long)]
        strict: bool,
        /// Publish articles dated in the future now (as `build --include-future`).
        #[arg(long)]
        include_future: bool,
        /// Accept the voice the shards narrated with as the podcast's new voice (as `build
        /// --change-voice`).
        #[arg(long)]
        change_voice: bool,
    },
    /// Bring a blog in: every published post of a WordPress export (Tools → Export), an RSS
    /// or an Atom feed becomes an article in the episodes folder. Importing again updates
    /// posts changed on the blog and never overwrites an article you edited.
    Import {
        /// The export or feed: a file, or an http(s) address (fetched only because you
        /// asked).
        source: String,
        /// The project folder.
        #[arg(default_value = ".")]
        project: PathBuf,
        /// Only posts published on or after this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        since: Option<chrono::NaiveDate>,
        /// Only posts in this category (its name or slug; repeat for several).
        #[arg(long, value_name = "NAME")]
        category: Vec<String>,
        /// Only the newest N posts (after the other filters).
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Write posts over articles you edited since their import (your copy is kept in
        /// .devocast/import-replaced/) and bring back articles you deleted.
        #[arg(long)]
        force: bool,
    },
    /// Check the project without rendering: configuration, every article, hymn recordings,
    /// the lexicon, and Bible references that could not be read.
    Check {
        /// The project folder.
        #[arg(default_value = ".")]
        project: PathBuf,
    },
    /// Print the script of one article exactly as it will be spoken, one cue per line, so
    /// pronunciation can be proofread before anything is rendered.
    Script {
        /// The article (.txt, .md or .html).
        file: PathBuf,
        /// Print the cues as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Create a new podcast project: a commented devocast.toml, an example episode and the
    /// folders.
    Init {
        /// The folder to create.
        project: PathBuf,
    },
    /// Remove what devocast wrote (published files, masters, cache); sources and files
    /// devocast did not write are kept.
    Clean {
        /// The project folder.
        #[arg(default_value = ".")]
        project: PathBuf,
    },
    /// Make the whole podcast one talking book (EPUB 3 with Media Overlays): every episode
    /// the feed lists, oldest first, each a part with its chapters, from the episodes' own
    /// books (nothing is rendered again).
    Book {
        /// The project folder.
        #[arg(default_value = ".")]
        project: PathBuf,
        /// Where to write it (default: <output>/book/<podcast title>.epub).
        #[arg(long, short = 'o', value_name = "FILE")]
        out: Option<PathBuf>,
        /// Only the newest N episodes.
        #[arg(long, value_name = "N")]
        last: Option<usize>,
    },
    /// Serve the output folder over HTTP so a phone on the same network can subscribe.
    Serve {
        /// The project folder.
        #[arg(default_value = ".")]
        project: PathBuf,
        /// TCP port.
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Address to listen on (use 0.0.0.0 to reach it from other devices).
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Rebuild changed episodes when files in the project change.
        #[arg(long)]
        watch: bool,
    },
    /// List the installed voices and the engines, and which one a build would use; `voices
    /// get NAME` fetches a Piper voice by name.
    #[command(args_conflicts_with_subcommands = true)]
    Voices {
        #[command(subcommand)]
        action: Option<VoicesAction>,
        /// The project folder (its [voice] settings are used).
        #[arg(default_value = ".")]
        project: PathBuf,
    },
    /// Read lines on standard input and print the Bible references found in each as OSIS
    /// ranges, one JSON array per line (for comparing with other reference parsers).
    #[command(hide = true)]
    Refs,
}

#[derive(Subcommand)]
enum VoicesAction {
    /// Download a Piper voice by name (e.g. en_US-ljspeech-medium) from the Piper voices
    /// repository into the per-user data folder.
    Get {
        /// The voice's name.
        name: String,
    },
}

/// Prints a report's lines, each to its stream.
fn print_report(report: &devocast::report::Report) {
    for (stream, line) in &report.lines {
        match stream {
            devocast::report::Stream::Out => println!("{line}"),
            devocast::report::Stream::Err => eprintln!("{line}"),
        }
    }
}

fn run(cli: Cli) -> Result<bool> {
    match cli.command {
        Command::Build {
            project,
            strict,
            force,
            jobs,
            offline,
            include_future,
            shard,
            shards,
            change_voice,
        } => {
            let shard = devocast::build::shard::Shard::resolve(shard.as_deref(), shards, &|k| {
                std::env::var(k).ok()
            })?;
            let options = devocast::build::Options {
                strict,
                force,
                jobs,
                offline,
                include_future,
                shard,
                change_voice,
                now: None,
            };
            let summary = devocast::build::build(&project, &options, &|line| println!("{line}"))?;
            print_report(&summary.report(&project));
            Ok(summary.failed() == 0)
        }
        Command::Publish {
            project,
            strict,
            include_future,
            change_voice,
        } => {
            let options = devocast::build::Options {
                strict,
                include_future,
                change_voice,
                ..Default::default()
            };
            let summary =
                devocast::build::publish_shards(&project, &options, &|line| println!("{line}"))?;
            print_report(&summary.report(&project));
            Ok(summary.failed() == 0)
        }
        Command::Import {
            source,
            project,
            since,
            category,
            limit,
            force,
        } => {
            let options = devocast::import::Options {
                since,
                categories: category,
                limit,
                force,
            };
            let started = std::time::Instant::now();
            let summary = devocast::import::import(&source, &project, &options)?;
            print_report(&summary.report(&source, started.elapsed().as_secs_f64()));
            Ok(summary.ok())
        }
        Command::Check { project } => {
            let report = devocast::check::check(&project)?;
            print!("{}", report.text());
            Ok(report.ok())
        }
        Command::Script { file, json } => {
            let text = devocast::build::proofread::script_text(&file, json)?;
            print!("{text}");
            Ok(true)
        }
        Command::Init { project } => {
            devocast::project::init::init(&project)?;
            println!(
                "created a podcast project in {}; try `devocast build {}`",
                project.display(),
                project.display()
            );
            Ok(true)
        }
        Command::Book { project, out, last } => {
            let made = devocast::build::book::book(
                &project,
                &devocast::build::book::Options { out, last },
            )?;
            println!(
                "book: {} ({}, {} of audio, {:.1} MB)",
                made.path.display(),
                devocast::text::plural(made.episodes.len(), "episode", "episodes"),
                devocast::publish::format::hms(made.seconds),
                made.bytes as f64 / 1_000_000.0
            );
            Ok(true)
        }
        Command::Clean { project } => {
            let cleaned = devocast::build::clean::clean(&project)?;
            for removed in &cleaned.removed {
                println!("removed {removed}");
            }
            if cleaned.removed.is_empty() {
                println!("nothing to clean: devocast has written nothing here");
            }
            for kept in &cleaned.kept {
                println!("kept    {kept} (devocast did not write it)");
            }
            Ok(true)
        }
        Command::Serve {
            project,
            port,
            bind,
            watch,
        } => {
            devocast::serve::serve(&project, &bind, port, watch)?;
            Ok(true)
        }
        Command::Voices {
            action: Some(VoicesAction::Get { name }),
            ..
        } => {
            let progress = devocast::voice::download_progress();
            let model = devocast::voice::fetch::install(&name, &|l| println!("{l}"), &|d, t| {
                progress(d, t)
            })?;
            println!("installed {name}: {}", model.display());
            println!("use it with `[voice] model = \"{name}\"` (engine \"auto\" picks an installed voice by itself)");
            Ok(true)
        }
        Command::Voices {
            action: None,
            project,
        } => {
            print!("{}", devocast::voice::listing::text(&project)?);
            Ok(true)
        }
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

/// A day as YYYY-MM-DD.
fn parse_day(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a day written YYYY-MM-DD"))
}
