//! `devocast deploy`.

use anyhow::{bail, Result};
use devocast::deploy::{self, Deployed, Settings};
use std::path::PathBuf;

/// Publish `feed/` to the web host: media first, the feed last, each file whole; files an
/// earlier feed named stay for `publish.retention_days`. Credentials come from the AWS
/// environment and profile files, or the SSH agent and `~/.ssh`, never from the project.
#[derive(clap::Args)]
pub struct Args {
    /// Where to publish: `s3://bucket/prefix`, `sftp://user@host/path`, `file:///path` or a
    /// folder; default: `[deploy] target`.
    target: Option<String>,
    /// The project folder.
    #[arg(long, short = 'C', default_value = ".")]
    project: PathBuf,
    /// List what would be uploaded and removed, and change nothing.
    #[arg(long)]
    dry_run: bool,
    /// Then fetch the public feed from `base_url` and check every enclosure answers with
    /// its length (with no target anywhere: only check).
    #[arg(long)]
    verify: bool,
    /// Accept an SSH host key not yet in `known_hosts`, and record it there.
    #[arg(long)]
    accept_new_host_key: bool,
}

/// Deploys, printing what was done and the feed's public address.
pub fn run(args: Args) -> Result<bool> {
    let config = devocast::config::Config::load(&args.project)?;
    let target = args.target.clone().or(config.deploy.target.clone());
    if target.is_none() && args.verify {
        // A host devocast does not upload to (another tool publishes there): check only.
        return verify(&devocast::publish::feed::feed_url(&config.podcast));
    }
    let Some(address) = target else {
        bail!("no deploy target: name one (`devocast deploy s3://bucket/podcast`) or set `[deploy] target` in devocast.toml");
    };
    let settings = Settings {
        config: config.deploy.clone(),
        accept_new_host_key: args.accept_new_host_key,
    };
    let mut target = deploy::open(&address, &settings)?;
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {bytes}/{total_bytes} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let progress = |name: &str, sent: u64, total: u64| {
        bar.set_length(total);
        bar.set_position(sent);
        bar.set_message(name.to_string());
    };
    let options = deploy::Options {
        dry_run: args.dry_run,
        now: chrono::Utc::now(),
        progress: &progress,
    };
    let done = deploy::run(&args.project, target.as_mut(), &options)?;
    bar.finish_and_clear();
    report(&done, args.dry_run);
    if args.verify && !args.dry_run {
        return verify(&done.feed_url);
    }
    Ok(true)
}

/// Checks the public feed's enclosures, printing each problem; returns whether all answer.
fn verify(feed_url: &str) -> Result<bool> {
    let v = deploy::verify::verify(feed_url)?;
    for p in &v.problems {
        eprintln!("enclosure {}: {}", p.url, p.what);
    }
    if v.problems.is_empty() {
        println!(
            "verified: every one of the {} in {feed_url} answers with its length",
            devocast::text::plural(v.checked, "enclosure", "enclosures")
        );
    } else {
        eprintln!(
            "{} of {} in {feed_url} do not answer as the feed says",
            v.problems.len(),
            devocast::text::plural(v.checked, "enclosure", "enclosures")
        );
    }
    Ok(v.problems.is_empty())
}

/// Prints the uploads and removals of a dry run, and the final line.
fn report(done: &Deployed, dry_run: bool) {
    let kept = match done.retained {
        0 => String::new(),
        n => format!(", {n} kept for apps holding an earlier feed"),
    };
    if dry_run {
        for (name, size) in &done.uploaded {
            println!("would upload {name} ({size} bytes)");
        }
        for name in &done.removed {
            println!("would remove {name} (no feed has named it within the retention window)");
        }
        println!(
            "dry run for {}: {} to upload ({} bytes), {} to remove{kept}; nothing was changed",
            done.target,
            done.uploaded.len(),
            done.bytes(),
            done.removed.len()
        );
    } else if done.uploaded.is_empty() && done.removed.is_empty() {
        println!(
            "nothing to upload: {} is up to date{kept}; the feed is at {}",
            done.target, done.feed_url
        );
    } else {
        println!(
            "deployed to {}: {} uploaded ({} bytes), {} removed{kept}; the feed is at {}",
            done.target,
            files(done.uploaded.len()),
            done.bytes(),
            files(done.removed.len()),
            done.feed_url
        );
    }
}

fn files(n: usize) -> String {
    devocast::text::plural(n, "file", "files")
}
