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
    /// Only remove published files no feed has referenced within `publish.retention_days`
    /// (a build does this too); everything else stays.
    #[arg(long)]
    expired: bool,
}

/// Cleans, listing what was removed and what was kept.
pub fn run(mut args: Args) -> Result<bool> {
    args.project = devocast::project::root::find(&args.project);
    if args.expired {
        let n = devocast::build::retention::clean_expired(&args.project, chrono::Utc::now())?;
        println!(
            "removed {} no feed has referenced within the retention window",
            devocast::text::plural(n, "file", "files")
        );
        return Ok(true);
    }
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
