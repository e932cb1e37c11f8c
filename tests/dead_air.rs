//! No dead air: recordings with silence at their edges (a hymn with 1 s before and 4 s
//! after its music, an intro and outro padded with silence) are trimmed, so the longest
//! silence in the finished episode is the gap the producer set, not the recording's padding.
//! Built with a voice that hums, so the narration itself is never silent.

mod common;

use anyhow::Result;
use devocast::audio::decode::decode_file;
use devocast::audio::silence::{longest_silence, SILENCE_DB};
use devocast::build::{build_with_voice, Options};
use devocast::voice::{Speech, Voice};
use std::path::{Path, PathBuf};

/// A voice that hums for 5 ms per character, without pauses of its own.
struct HummingVoice;

impl Voice for HummingVoice {
    fn describe(&self) -> String {
        "humming test voice".into()
    }
    fn id(&self) -> String {
        "humming/1".into()
    }
    fn synthesize(&self, text: &str) -> Result<Speech> {
        let n = text.chars().count() * 80;
        Ok(Speech {
            samples: (0..n).map(|i| ((i as f32) * 0.3).sin() * 0.3).collect(),
            rate: 16_000,
        })
    }
}

const GAP_MS: u32 = 800;
/// What a gap may grow by: the 25 ms kept at a trimmed edge, fades and the meter's 10 ms
/// windows. A structural pause beside the gap merges into it instead of adding to it.
const TOLERANCE_MS: u32 = 150;

/// A 16-bit WAV: `lead` s of silence, `music` s of a chord at −8 dBFS that stops loud,
/// `trail` s of silence, at `rate` and `channels`.
fn padded_wav(path: &Path, rate: u32, channels: u16, lead: f64, music: f64, trail: f64) {
    let spec = hound::WavSpec {
        channels,
        sample_rate: rate,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut w = hound::WavWriter::create(path, spec).unwrap();
    let frames = |s: f64| (s * f64::from(rate)) as usize;
    for i in 0..frames(lead + music + trail) {
        let t = i as f64 / f64::from(rate) - lead;
        let s = if (0.0..music).contains(&t) {
            0.2 * ((t * 392.0 * std::f64::consts::TAU).sin()
                + (t * 494.0 * std::f64::consts::TAU).sin())
        } else {
            0.0
        };
        for _ in 0..channels {
            w.write_sample((s * 32_000.0) as i16).unwrap();
        }
    }
    w.finalize().unwrap();
}

/// A project with one episode that plays hymn 7 between two paragraphs, an intro and an
/// outro, every recording padded with silence; structural pauses of at most 300 ms, so any
/// longer silence comes from the recordings or the hymn gap.
fn project(extra_production: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("project");
    std::fs::create_dir_all(p.join("audio/hymns")).unwrap();
    std::fs::create_dir_all(p.join("episodes")).unwrap();
    std::fs::write(
        p.join("devocast.toml"),
        format!(
            "[podcast]\ntitle = \"Dead Air\"\nbase_url = \"https://example.org/pod\"\n\n\
             [audio]\nwav = true\n\n\
             [pauses]\nsentence_ms = 200\nparagraph_ms = 300\nheading_ms = 300\nsection_ms = 300\nline_ms = 200\n\n\
             [production]\nhymn_gap_ms = {GAP_MS}\nintro = \"audio/intro.wav\"\noutro = \"audio/outro.wav\"\n{extra_production}"
        ),
    )
    .unwrap();
    std::fs::write(
        p.join("episodes/rest.md"),
        "---\ntitle: Rest\ndate: 2026-01-05\n---\n\nCome to me, all who are weary.\n\n\
         > Rest, my soul,\n> in His care.\n> (Hymns #7)\n\nAnd He will give you rest.\n",
    )
    .unwrap();
    // The hymn: 1 s of silence, 3 s of music, 4 s of silence, stereo at 48 kHz.
    padded_wav(&p.join("audio/hymns/7.wav"), 48_000, 2, 1.0, 3.0, 4.0);
    // The intro ends in 2.5 s of silence; the outro starts with 3 s of it.
    padded_wav(&p.join("audio/intro.wav"), 44_100, 1, 0.5, 2.0, 2.5);
    padded_wav(&p.join("audio/outro.wav"), 22_050, 1, 3.0, 2.0, 0.5);
    (tmp, p)
}

fn build(p: &Path) -> devocast::build::Summary {
    build_with_voice(p, &Options::default(), Box::new(HummingVoice), &|_| {}).unwrap()
}

#[test]
fn padded_recordings_leave_no_dead_air() {
    let (_t, p) = project("");
    let summary = build(&p);
    assert_eq!(summary.built(), 1);
    let master = decode_file(&p.join("masters/rest.wav")).unwrap();
    let window = master.ms_to_frames(10);
    let silence = longest_silence(&master, SILENCE_DB, window);
    let ms = silence.frames as f64 * 1000.0 / f64::from(master.rate);
    assert!(
        ms <= f64::from(GAP_MS + TOLERANCE_MS),
        "{ms:.0} ms of silence at {:.2} s (gap {GAP_MS} ms)",
        silence.start as f64 / f64::from(master.rate)
    );
    // The gap is still there: trimming does not run the hymn into the narration.
    assert!(ms >= f64::from(GAP_MS) - 50.0, "{ms:.0} ms");
    // The recordings' music is all there: 2 s + 3 s + 2 s of it, plus the narration.
    assert!(master.seconds() > 7.0, "{}", master.seconds());
}

#[test]
fn changing_the_fade_out_rebuilds_the_episode() {
    let (_t, p) = project("");
    assert_eq!(build(&p).built(), 1);
    assert_eq!(build(&p).unchanged(), 1);
    let before = std::fs::read(p.join("masters/rest.wav")).unwrap();
    let toml = p.join("devocast.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("{text}fade_out_ms = 500\n")).unwrap();
    assert_eq!(build(&p).built(), 1);
    // Every recording here stops loud, so its fade-out is now 500 ms, not 2 s.
    assert_ne!(std::fs::read(p.join("masters/rest.wav")).unwrap(), before);
}
