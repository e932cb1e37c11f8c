//! `devocast clean`.

use anyhow::Result;
use std::path::PathBuf;

/// Remove what devocast wrote (published files, masters, cache); sources and files
/// devocast did not write are kept.
#[derive(clap::Args)]
pub struct Args {
    /// The project folder, or any folder inside it (devocast.toml is looked for there and
    /// in the folders above).
    #[arg(default_value = ".")]
    project: PathBuf,
}

/// Cleans, listing what was removed and what was kept.
pub fn run(mut args: Args) -> Result<bool> {
    args.project = devocast::project::root::find(&args.project);
    let cleaned = devocast::build::clean::clean(&args.project)?;
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
