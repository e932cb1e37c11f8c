//! `devocast import`.

use anyhow::Result;
use std::path::PathBuf;

/// Bring a blog in: every published post of a WordPress export (Tools → Export), an RSS
/// or an Atom feed becomes an article in the episodes folder. Importing again updates
/// posts changed on the blog and never overwrites an article you edited.
#[derive(clap::Args)]
pub struct Args {
    /// The export or feed: a file, or an http(s) address (fetched only because you
    /// asked).
    source: String,
    /// The project folder, or any folder inside it (devocast.toml is looked for there and
    /// in the folders above).
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
    /// The longest an http(s) SOURCE may take to arrive whole, in seconds (default 120).
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=86_400))]
    timeout: Option<u64>,
}

/// Imports, then prints what came in and what did not.
pub fn run(mut args: Args) -> Result<bool> {
    args.project = devocast::project::root::find(&args.project);
    let options = devocast::import::Options {
        since: args.since,
        categories: args.category,
        limit: args.limit,
        force: args.force,
        timeout: args.timeout.map(std::time::Duration::from_secs),
    };
    let started = std::time::Instant::now();
    let summary = devocast::import::import(&args.source, &args.project, &options)?;
    let seconds = started.elapsed().as_secs_f64();
    super::print(&summary.report(&args.source, seconds));
    Ok(summary.ok())
}

/// A day as YYYY-MM-DD.
fn parse_day(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a day written YYYY-MM-DD"))
}
