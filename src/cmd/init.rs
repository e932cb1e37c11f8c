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
}

/// Starts the project and says what it did and what to try next.
pub fn run(args: Args) -> Result<bool> {
    let started = devocast::project::init::init(&args.project)?;
    let here = args.project.components().all(|c| c == Component::CurDir);
    let shown = args.project.display();
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
    Ok(true)
}
