//! Real-time factor of each voice engine (audio seconds per wall second) on sentences from the
//! sample podcast, and for Piper with 1 and 2 threads per session.
//!
//!   DEVOCAST_PIPER_MODEL=/path/voice.onnx ORT_DYLIB_PATH=/path/libonnxruntime.so \
//!     cargo bench --bench voices

use devocast::config::{Engine, VoiceConfig};
use devocast::voice::Voice;
use std::time::Instant;

fn rtf(voice: &dyn Voice, sentences: &[String]) -> (f64, f64) {
    let t = Instant::now();
    let mut audio = 0.0;
    for s in sentences {
        let sp = voice.synthesize(s).unwrap();
        audio += sp.samples.len() as f64 / f64::from(sp.rate);
    }
    let wall = t.elapsed().as_secs_f64();
    (audio, audio / wall)
}

fn main() {
    let text = std::fs::read_to_string("episodes/2026-11-rest-for-the-weary.md").unwrap();
    let body: String = text
        .lines()
        .skip(6)
        .filter(|l| !l.starts_with('#') && !l.starts_with('>'))
        .collect::<Vec<_>>()
        .join(" ");
    let sentences: Vec<String> = devocast::speech::sentences(&body)
        .into_iter()
        .take(30)
        .collect();
    let project = std::path::Path::new(".");
    let mut configs = vec![
        (
            "system espeak-ng",
            VoiceConfig {
                engine: Engine::System,
                ..VoiceConfig::default()
            },
        ),
        (
            "embedded espeak-ng",
            VoiceConfig {
                engine: Engine::Embedded,
                ..VoiceConfig::default()
            },
        ),
    ];
    if let Some(model) = std::env::var_os("DEVOCAST_PIPER_MODEL") {
        for threads in [1, 2] {
            configs.push((
                if threads == 1 {
                    "Piper, 1 thread"
                } else {
                    "Piper, 2 threads"
                },
                VoiceConfig {
                    engine: Engine::Piper,
                    model: Some(model.clone().into()),
                    threads,
                    ..VoiceConfig::default()
                },
            ));
        }
    }
    println!("| engine | audio s | audio s per wall s |");
    println!("|---|---|---|");
    for (name, cfg) in configs {
        match devocast::voice::open(&cfg, project) {
            Ok(v) => {
                let (audio, x) = rtf(v.as_ref(), &sentences);
                println!("| {name} | {audio:.1} | {x:.0}× |");
            }
            Err(e) => println!("| {name} | unavailable: {e:#} | |"),
        }
    }
}
