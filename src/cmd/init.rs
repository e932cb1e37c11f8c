//! `devocast init`.

use anyhow::Result;
use devocast::text::plural;
use std::path::{Component, PathBuf};

/// Start a podcast project: a commented devocast.toml, the folders, and an example
/// episode. In a folder that already holds articles (and nothing else), they become the
/// first episodes.
#[derive(clap::Args)]
pub struct Args {
    /// The folder to start it in (made if needed); the current folder when not given.
    #[arg(default_value = ".")]
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

/// Starts the project and says what it did and what to try next.
pub fn run(args: Args) -> Result<bool> {
    let exists = args.project.join(devocast::config::FILE_NAME).is_file();
    if !(exists && args.ci.is_some()) {
        started(&args.project)?;
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

/// Starts the project and says what it did and what to try next.
fn started(project: &std::path::Path) -> Result<()> {
    let started = devocast::project::init::init(project)?;
    let here = project.components().all(|c| c == Component::CurDir);
    let shown = project.display();
    if here {
        println!("started a podcast project in this folder");
    } else {
        println!("started a podcast project in {shown}");
    }
    if !started.adopted.is_empty() {
        println!(
            "adopted {} as the first episodes (moved into episodes/): {}",
            plural(started.adopted.len(), "article", "articles"),
            started.adopted.join(", ")
        );
    }
    if started.kept > 0 {
        println!(
            "kept the {} already in episodes/",
            plural(started.kept, "article", "articles")
        );
    }
    println!("next: set the podcast's title, author, e-mail and address in devocast.toml");
    let build = if here {
        "devocast build".to_string()
    } else {
        format!("devocast build {shown}")
    };
    println!("then try `{build}` (`devocast check` shows what still needs attention)");
    Ok(())
}
