//! `devocast init`.

use anyhow::Result;
use std::path::PathBuf;

/// Create a new podcast project: a commented devocast.toml, an example episode and the
/// folders.
#[derive(clap::Args)]
pub struct Args {
    /// The folder to create.
    project: PathBuf,
}

/// Creates the project and says what to try next.
pub fn run(args: Args) -> Result<bool> {
    devocast::project::init::init(&args.project)?;
    let shown = args.project.display();
    println!("created a podcast project in {shown}; try `devocast build {shown}`");
    Ok(true)
}
