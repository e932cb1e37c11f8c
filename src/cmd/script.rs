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
    #[arg(long, conflicts_with = "speak")]
    json: bool,
    /// Read the script aloud now through the system's speech service (speech-dispatcher,
    /// SAPI or AVSpeechSynthesizer), sentence by sentence. Needs devocast built with the
    /// `speak` feature.
    #[arg(long)]
    speak: bool,
}

/// Prints the script, or speaks it.
pub fn run(args: Args) -> Result<bool> {
    if args.speak {
        speak(&args.file)?;
        return Ok(true);
    }
    let text = devocast::build::proofread::script_text(&args.file, args.json)?;
    print!("{text}");
    Ok(true)
}

#[cfg(feature = "speak")]
fn speak(file: &std::path::Path) -> Result<()> {
    use devocast::build::{listen, proofread, speak};
    let proof = proofread::proof(file)?;
    let steps = listen::steps(&proof);
    speak::aloud(&steps, &proof.language, &mut std::io::stdout().lock())
}

#[cfg(not(feature = "speak"))]
fn speak(_file: &std::path::Path) -> Result<()> {
    anyhow::bail!(
        "this devocast was built without the `speak` feature; build it with \
         `cargo install --path . --features speak` (on Linux this needs speech-dispatcher, \
         libspeechd-dev and libclang-dev)"
    )
}
