//! `devocast book`.

use anyhow::Result;
use devocast::build::book;
use devocast::publish::format::hms;
use devocast::text::plural;
use std::path::PathBuf;

/// Make the whole podcast one talking book (EPUB 3 with Media Overlays): every episode
/// the feed lists, oldest first, each a part with its chapters, from the episodes' own
/// books (nothing is rendered again).
#[derive(clap::Args)]
pub struct Args {
    /// The project folder, or any folder inside it (devocast.toml is looked for there and
    /// in the folders above).
    #[arg(default_value = ".")]
    project: PathBuf,
    /// Where to write it (default: <output>/book/<podcast title>.epub).
    #[arg(long, short = 'o', value_name = "FILE")]
    out: Option<PathBuf>,
    /// Only the newest N episodes.
    #[arg(long, value_name = "N")]
    last: Option<usize>,
}

/// Makes the book and says where it is and how long.
pub fn run(mut args: Args) -> Result<bool> {
    args.project = devocast::project::root::find(&args.project);
    let options = book::Options {
        out: args.out,
        last: args.last,
    };
    let made = book::book(&args.project, &options)?;
    println!(
        "book: {} ({}, {} of audio, {:.1} MB)",
        made.path.display(),
        plural(made.episodes.len(), "episode", "episodes"),
        hms(made.seconds),
        made.bytes as f64 / 1_000_000.0
    );
    Ok(true)
}
