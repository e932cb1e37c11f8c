//! `devocast refs` (hidden): the Bible reference finder on its own, for comparing it with
//! other reference parsers.

use anyhow::Result;
use std::io::BufRead;

/// Read lines on standard input and print the Bible references found in each as OSIS
/// ranges, one JSON array per line (for comparing with other reference parsers).
#[derive(clap::Args)]
#[command(hide = true)]
pub struct Args {}

/// Prints one JSON array of OSIS ranges per line read.
pub fn run(_: Args) -> Result<bool> {
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let osis: Vec<String> =
            devocast::speech::bible::find_all(&line, devocast::speech::english().scripture())
                .iter()
                .flat_map(|f| f.reference.osis())
                .collect();
        println!("{}", serde_json::to_string(&osis)?);
    }
    Ok(true)
}
