//! `devocast init`.

use anyhow::Result;
use std::path::PathBuf;

/// Create a new podcast project: a commented devocast.toml, an example episode and the
/// folders.
#[derive(clap::Args)]
pub struct Args {
    /// The folder to create.
    project: PathBuf,
    /// Also write a workflow that builds and deploys the podcast every day at its release
    /// time (`github`: .github/workflows/devocast.yml). In an existing project only the
    /// workflow is written.
    #[arg(long, value_enum)]
    ci: Option<Ci>,
}

/// Continuous-integration services a workflow can be written for.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Ci {
    Github,
}

/// Creates the project and says what to try next.
pub fn run(args: Args) -> Result<bool> {
    let shown = args.project.display();
    let exists = args.project.join(devocast::config::FILE_NAME).is_file();
    if !(exists && args.ci.is_some()) {
        devocast::project::init::init(&args.project)?;
        println!("created a podcast project in {shown}; try `devocast build {shown}`");
    }
    if let Some(Ci::Github) = args.ci {
        let config = devocast::config::Config::load(&args.project)?;
        let path = devocast::project::workflow::write_github(&args.project, &config)?;
        println!(
            "wrote {}: commit it, and add your host's login as the file's comments say",
            path.display()
        );
    }
    Ok(true)
}
