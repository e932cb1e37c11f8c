//! `devocast voices` and `devocast voices get NAME`.

use anyhow::Result;
use clap::Subcommand;
use std::path::PathBuf;

/// List the installed voices and the engines, and which one a build would use; `voices
/// get NAME` fetches a Piper voice by name.
#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    action: Option<Action>,
    /// The project folder, or any folder inside it (its [voice] settings are used).
    #[arg(default_value = ".")]
    project: PathBuf,
}

#[derive(Subcommand)]
enum Action {
    /// Download a Piper voice by name (e.g. en_US-ljspeech-medium) from the Piper voices
    /// repository into the per-user data folder.
    Get {
        /// The voice's name.
        name: String,
    },
}

/// Lists the voices, or fetches one.
pub fn run(mut args: Args) -> Result<bool> {
    args.project = devocast::project::root::find(&args.project);
    match args.action {
        Some(Action::Get { name }) => get(&name),
        None => {
            print!("{}", devocast::voice::listing::text(&args.project)?);
            Ok(true)
        }
    }
}

/// Downloads a voice, showing its progress, and says how to use it.
fn get(name: &str) -> Result<bool> {
    let progress = devocast::voice::download_progress();
    let model =
        devocast::voice::fetch::install(name, &|l| println!("{l}"), &|d, t| progress(d, t))?;
    println!("installed {name}: {}", model.display());
    println!("use it with `[voice] model = \"{name}\"` (engine \"auto\" picks an installed voice by itself)");
    Ok(true)
}
