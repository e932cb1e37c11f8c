//! `devocast check`.

use anyhow::Result;
use std::path::PathBuf;

/// Check the project without rendering: configuration, every article, hymn recordings,
/// the lexicon, and Bible references that could not be read.
#[derive(clap::Args)]
pub struct Args {
    /// The project folder, or any folder inside it (devocast.toml is looked for there and
    /// in the folders above).
    #[arg(default_value = ".")]
    project: PathBuf,
}

/// Prints every finding and the verdict; fails when anything is an error.
pub fn run(mut args: Args) -> Result<bool> {
    args.project = devocast::project::root::find(&args.project);
    let report = devocast::check::check(&args.project)?;
    print!("{}", report.text());
    Ok(report.ok())
}
