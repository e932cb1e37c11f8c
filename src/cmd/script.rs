//! `devocast script`.

use anyhow::Result;
use std::path::PathBuf;

/// Print the script of one article exactly as it will be spoken, one cue per line, so
/// pronunciation can be proofread before anything is rendered.
#[derive(clap::Args)]
pub struct Args {
    /// The article (.txt, .md or .html).
    file: PathBuf,
    /// Print the cues as JSON.
    #[arg(long)]
    json: bool,
}

/// Prints the script.
pub fn run(args: Args) -> Result<bool> {
    let text = devocast::build::proofread::script_text(&args.file, args.json)?;
    print!("{text}");
    Ok(true)
}
