//! `devocast build`.

use anyhow::Result;
use devocast::build::{self, shard::Shard};
use std::path::PathBuf;

/// Build every episode in the project into its output folder (default `feed/`). Only
/// episodes whose article, settings or recordings changed are rebuilt.
#[derive(clap::Args)]
pub struct Args {
    /// The project folder (holding devocast.toml and episodes/), or any folder inside it.
    #[arg(default_value = ".")]
    project: PathBuf,
    /// Fail an episode instead of warning (e.g. a hymn without a recording).
    #[arg(long)]
    strict: bool,
    /// Rebuild every episode, even those that are up to date.
    #[arg(long)]
    force: bool,
    /// How many episodes are built at the same time (each on a core of its own): fewer
    /// leaves the computer free for other work, and needs less memory. Default: one per
    /// core of this computer.
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
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
    /// Build held articles (drafts, and those scheduled for a later day) privately into
    /// `<output>/preview/`, to hear and read them first: never in the feed or the index,
    /// no episode number, nothing published changed. With FILEs (paths or names), only
    /// those; one that is not held is reported, with nothing to preview.
    #[arg(long, value_name = "FILE", num_args = 0.., conflicts_with_all = ["shard", "include_future", "change_voice"])]
    preview: Option<Vec<PathBuf>>,
}

/// Builds, printing each episode as it finishes, then the summary.
pub fn run(mut args: Args) -> Result<bool> {
    args.project = devocast::project::root::find(&args.project);
    let shard = Shard::resolve(args.shard.as_deref(), args.shards, &|k| {
        std::env::var(k).ok()
    })?;
    let options = build::Options {
        strict: args.strict,
        force: args.force,
        jobs: args.jobs.unwrap_or(0),
        offline: args.offline,
        include_future: args.include_future,
        shard,
        change_voice: args.change_voice,
        now: None,
    };
    if let Some(files) = &args.preview {
        let summary =
            build::preview::preview(&args.project, &options, files, &|line| println!("{line}"))?;
        super::print(&summary.report(&args.project));
        return Ok(summary.failed() == 0);
    }
    let summary = build::build(&args.project, &options, &|line| println!("{line}"))?;
    super::print(&summary.report(&args.project));
    Ok(summary.failed() == 0)
}
