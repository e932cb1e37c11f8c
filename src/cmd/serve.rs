//! `devocast serve`.

use anyhow::Result;
use std::path::PathBuf;

/// Serve the output folder over HTTP so a phone on the same network can subscribe.
#[derive(clap::Args)]
pub struct Args {
    /// The project folder, or any folder inside it (devocast.toml is looked for there and
    /// in the folders above).
    #[arg(default_value = ".")]
    project: PathBuf,
    /// TCP port.
    #[arg(long, default_value_t = 8000)]
    port: u16,
    /// Address to listen on (use 0.0.0.0 to reach it from other devices).
    #[arg(long, default_value = "127.0.0.1")]
    bind: String,
    /// Rebuild changed episodes when files in the project change.
    #[arg(long)]
    watch: bool,
}

/// Serves until stopped.
pub fn run(mut args: Args) -> Result<bool> {
    args.project = devocast::project::root::find(&args.project);
    devocast::serve::serve(&args.project, &args.bind, args.port, args.watch)?;
    Ok(true)
}
