//! Prints the longest silence (below −50 dBFS, in 10 ms windows) of each audio file given,
//! and where it is: a check that an episode has no dead air.
//!
//!   cargo run --release --example dead_air -- masters/*.wav

use devocast::audio::decode::decode_file;
use devocast::audio::silence::{longest_silence, SILENCE_DB};

fn main() -> anyhow::Result<()> {
    for path in std::env::args().skip(1) {
        let pcm = decode_file(std::path::Path::new(&path))?;
        let s = longest_silence(&pcm, SILENCE_DB, pcm.ms_to_frames(10));
        let secs = |f: usize| f as f64 / f64::from(pcm.rate);
        println!(
            "{path}: longest silence {:.2} s at {:.2} s (of {:.1} s)",
            secs(s.frames),
            secs(s.start),
            pcm.seconds()
        );
    }
    Ok(())
}
