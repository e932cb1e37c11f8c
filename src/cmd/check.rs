//! `devocast check`.

use anyhow::Result;
use std::path::PathBuf;

/// Check the project without rendering: configuration, every article, hymn recordings,
/// the lexicon, and Bible references that could not be read.
#[derive(clap::Args)]
pub struct Args {
    /// The project folder.
    #[arg(default_value = ".")]
    project: PathBuf,
}

/// Prints every finding and the verdict; fails when anything is an error.
pub fn run(args: Args) -> Result<bool> {
    let report = devocast::check::check(&args.project)?;
    print!("{}", report.text());
    Ok(report.ok())
}
