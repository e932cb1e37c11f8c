//! Speed of each voice engine on the same 30 sentences from the sample podcast: audio
//! seconds per wall second, one sentence at a time and with every core speaking sentences
//! side by side (as a build does), and how closely rten's audio matches ONNX Runtime's.
//!
//!   DEVOCAST_PIPER_MODEL=/path/voice.onnx [ORT_DYLIB_PATH=/path/libonnxruntime.so] \
//!     cargo bench --bench voices

use devocast::config::{Engine, PiperRuntime, VoiceConfig};
use devocast::voice::Voice;
use rayon::prelude::*;
use std::time::Instant;

/// (audio seconds, audio seconds per wall second).
fn serial(voice: &dyn Voice, sentences: &[String]) -> (f64, f64) {
    let t = Instant::now();
    let mut audio = 0.0;
    for s in sentences {
        let sp = voice.synthesize(s).unwrap();
        audio += sp.samples.len() as f64 / f64::from(sp.rate);
    }
    (audio, audio / t.elapsed().as_secs_f64())
}

fn parallel(voice: &dyn Voice, sentences: &[String]) -> f64 {
    let t = Instant::now();
    let audio: f64 = sentences
        .par_iter()
        .map(|s| {
            let sp = voice.synthesize(s).unwrap();
            sp.samples.len() as f64 / f64::from(sp.rate)
        })
        .sum();
    audio / t.elapsed().as_secs_f64()
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
    let model = std::env::var("DEVOCAST_PIPER_MODEL").ok();
    if let Some(model) = &model {
        for (name, runtime) in [
            ("Piper in rten", PiperRuntime::Rten),
            ("Piper in ONNX Runtime", PiperRuntime::Onnxruntime),
        ] {
            configs.push((
                name,
                VoiceConfig {
                    engine: Engine::Piper,
                    model: Some(model.clone()),
                    runtime,
                    ..VoiceConfig::default()
                },
            ));
        }
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("| engine | audio s | × real time, one at a time | × real time, {cores} at once |");
    println!("|---|---|---|---|");
    let mut piper_audio: Vec<Vec<f32>> = Vec::new();
    let quiet = |cfg: &VoiceConfig| VoiceConfig {
        noise_scale: Some(0.0),
        noise_w: Some(0.0),
        ..cfg.clone()
    };
    for (name, cfg) in configs {
        match devocast::voice::open(&cfg, project) {
            Ok(v) => {
                let (audio, x) = serial(v.as_ref(), &sentences);
                let p = parallel(v.as_ref(), &sentences);
                println!("| {name} | {audio:.1} | {x:.1}× | {p:.1}× |");
                if cfg.engine == Engine::Piper {
                    // Without noise both runtimes compute the same function: compare them.
                    let q = devocast::voice::open(&quiet(&cfg), project).unwrap();
                    piper_audio.push(q.synthesize(&sentences[3]).unwrap().samples);
                }
            }
            Err(e) => println!("| {name} | unavailable: {e:#} | | |"),
        }
    }
    // rten against ONNX Runtime on one sentence, noise scales at zero (the runtimes draw
    // different random numbers, so with noise only their statistics agree).
    if let [a, b] = piper_audio.as_slice() {
        let n = a.len().min(b.len());
        let signal: f64 = a[..n].iter().map(|x| f64::from(*x).powi(2)).sum();
        let noise: f64 = a[..n]
            .iter()
            .zip(&b[..n])
            .map(|(x, y)| f64::from(x - y).powi(2))
            .sum();
        println!(
            "\nrten vs ONNX Runtime on one sentence: {} vs {} samples, {:.1} dB signal-to-difference",
            a.len(),
            b.len(),
            10.0 * (signal / noise.max(1e-20)).log10()
        );
    }
}
