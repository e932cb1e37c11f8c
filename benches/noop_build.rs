//! A no-op build of a large podcast: 10,000 articles, built once, then built again with
//! nothing changed. The second build only reads and compares (the plan, each episode's
//! manifest and files, the feed and index written again only if they differ, the removal
//! of what nothing references), so its time should grow with the number of articles and no
//! faster.
//!
//!   cargo bench --bench noop_build
//!   DEVOCAST_BENCH_ARTICLES=2000 cargo bench --bench noop_build   # a smaller podcast
//!   DEVOCAST_BENCH_LEXICON=10000 cargo bench --bench noop_build    # with a project lexicon
//!
//! Narration is a voice that hums a tenth of a second per sentence (the voice is not what is
//! measured), MP3 only (no WAV master, no talking books). The cover is a 1400-pixel PNG of
//! noise (6 MB, as a photograph saved as PNG would be): what every episode shares must cost
//! once per build, not once per episode.

use anyhow::Result;
use devocast::build::{build_with_voice, Options};
use devocast::voice::{Speech, Voice};
use std::path::Path;
use std::time::Instant;

/// A voice that hums briefly: building 10,000 episodes costs encoding, not synthesis.
struct Hum;

impl Voice for Hum {
    fn describe(&self) -> String {
        "humming bench voice".into()
    }
    fn id(&self) -> String {
        "hum/1".into()
    }
    fn synthesize(&self, _text: &str) -> Result<Speech> {
        Ok(Speech {
            samples: (0..1_600).map(|i| ((i as f32) * 0.3).sin() * 0.3).collect(),
            rate: 16_000,
        })
    }
}

fn project(dir: &Path, articles: usize, lexicon: usize) {
    std::fs::create_dir_all(dir.join("episodes")).unwrap();
    let entries: String = (0..lexicon)
        .map(|i| format!("zorbex{i} = \"zor bex {i}\"\n"))
        .collect();
    std::fs::write(dir.join("lexicon.toml"), entries).unwrap();
    std::fs::write(dir.join("cover.png"), noise_png(1400)).unwrap();
    std::fs::write(
        dir.join("devocast.toml"),
        "[podcast]\ntitle = \"Bench\"\nauthor = \"Bench\"\nemail = \"b@example.org\"\nbase_url = \"https://example.org/pod\"\nimage = \"cover.png\"\n\n[book]\nepub = false\n\n[production]\nannounce = false\n",
    )
    .unwrap();
    let first = chrono::NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
    for i in 0..articles {
        let date = first + chrono::Days::new(i as u64);
        std::fs::write(
            dir.join("episodes").join(format!("{date}-day-{i:05}.md")),
            format!("---\ntitle: Day {i}\ndate: {date}\n---\n\nGrace to you, day {i}.\n"),
        )
        .unwrap();
    }
}

/// A square RGB PNG of noise, which does not compress.
fn noise_png(side: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, side, side);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut seed: u32 = 0x2545_f491;
    let pixels: Vec<u8> = (0..side * side * 3)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed as u8
        })
        .collect();
    let mut w = enc.write_header().unwrap();
    w.write_image_data(&pixels).unwrap();
    drop(w);
    out
}

fn timed(dir: &Path, what: &str) -> f64 {
    let options = Options {
        jobs: 0,
        ..Options::default()
    };
    let t = Instant::now();
    let summary = build_with_voice(dir, &options, Box::new(Hum), &|_| {}).unwrap();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "| {what} | {} built, {} unchanged, {} failed | {secs:.2} s |",
        summary.built(),
        summary.unchanged(),
        summary.failed()
    );
    assert_eq!(summary.failed(), 0);
    secs
}

fn main() {
    let articles: usize = std::env::var("DEVOCAST_BENCH_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let lexicon: usize = std::env::var("DEVOCAST_BENCH_LEXICON")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("podcast");
    project(&dir, articles, lexicon);
    println!("{articles} articles, {lexicon} lexicon entries");
    println!("| build | episodes | wall |");
    println!("|---|---|---|");
    timed(&dir, "first (everything built)");
    let noop = timed(&dir, "again, nothing changed");
    timed(&dir, "and again");
    println!(
        "no-op build: {:.0} µs per article",
        noop * 1e6 / articles as f64
    );
}
