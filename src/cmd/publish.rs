//! `devocast publish`.

use anyhow::Result;
use devocast::build;
use std::path::PathBuf;

/// Write the feed and index from the episodes that `build --shard` runs built: the last
/// step of a sharded build. Fails, publishing nothing, if an article has no current
/// build.
#[derive(clap::Args)]
pub struct Args {
    /// The project folder, or any folder inside it (devocast.toml is looked for there and
    /// in the folders above).
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
}

/// Publishes what the shards built, then prints the summary a build prints.
pub fn run(mut args: Args) -> Result<bool> {
    args.project = devocast::project::root::find(&args.project);
    let options = build::Options {
        strict: args.strict,
        include_future: args.include_future,
        change_voice: args.change_voice,
        ..Default::default()
    };
    let summary = build::publish_shards(&args.project, &options, &|line| println!("{line}"))?;
    super::print(&summary.report(&args.project));
    Ok(summary.failed() == 0)
}
