//! `devocast script FILE --speak`: the script heard at once through the system's speech
//! service. The order of what is heard is checked on every build; the speaking itself only
//! with the `speak` feature, against a private speech-dispatcher whose audio goes to libao's
//! null device (no sound card needed). `DEVOCAST_REQUIRE_SPEAK=1` makes a missing
//! speech-dispatcher a failure instead of a skip.

use devocast::build::listen::{steps, Step};
use devocast::build::proofread::proof;
use std::path::Path;
use std::process::Command;

const ARTICLE: &str = "tests/fixtures/seed-shape.txt";

/// A project of one article with two hymns: 302 has a recording here, 1207 has none.
fn hymn_project() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("devocast.toml"), "").unwrap();
    let hymns = dir.path().join("audio/hymns");
    std::fs::create_dir_all(&hymns).unwrap();
    std::fs::copy("audio/hymns/302.ogg", hymns.join("302.ogg")).unwrap();
    std::fs::create_dir_all(dir.path().join("episodes")).unwrap();
    let article = dir.path().join("episodes/2026-01-04-rest.txt");
    std::fs::write(
        &article,
        "Rest for the weary\n\nThe Lord gives rest to all who come (Matt. 11:28-30).\n\n\
         # Come, you weary, lay it down, / Here is rest and here a crown. (Hymns #302)\n\n\
         # Who He is as God and Man, / We may share in all His plan. (Hymns #1207)\n\n\
         Amen.\n",
    )
    .unwrap();
    (dir, article)
}

fn devocast() -> Command {
    Command::new(env!("CARGO_BIN_EXE_devocast"))
}

/// The sentences of `devocast script`'s listing that are heard, in order.
fn listed_sentences(article: &Path) -> Vec<String> {
    let out = devocast().arg("script").arg(article).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("speak    "))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_preview_hears_what_the_listing_says_in_its_order() {
    for article in [Path::new(ARTICLE), &hymn_project().1] {
        let said: Vec<String> = steps(&proof(article).unwrap())
            .iter()
            .filter_map(|s| match s {
                Step::Say { spoken, .. } => Some(spoken.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(said, listed_sentences(article), "{}", article.display());
    }
}

#[test]
fn a_recorded_hymn_is_announced_then_plays_and_an_unrecorded_one_is_read() {
    let (_dir, article) = hymn_project();
    let steps = steps(&proof(&article).unwrap());
    let said = |prefix: &str| {
        steps
            .iter()
            .any(|s| matches!(s, Step::Say { spoken, .. } if spoken.starts_with(prefix)))
    };
    let plays = steps
        .iter()
        .position(|s| matches!(s, Step::Recording(f) if f == "audio/hymns/302.ogg"))
        .unwrap_or_else(|| panic!("hymn 302's recording plays: {steps:?}"));
    assert!(
        matches!(&steps[plays - 1], Step::Say { spoken, .. } if spoken.contains("three hundred two") || spoken.contains("three oh two")),
        "announced first: {:?}",
        &steps[plays - 1]
    );
    // The recording replaces the stanza's words; the other hymn, without one, is read.
    assert!(!said("Come, you weary"), "{steps:?}");
    assert!(said("Who He is as God"), "{steps:?}");
    assert_eq!(
        steps
            .iter()
            .filter(|s| matches!(s, Step::Recording(_)))
            .count(),
        1
    );
    assert!(steps
        .iter()
        .any(|s| matches!(s, Step::Silence(ms) if *ms > 0)));
}

#[cfg(not(feature = "speak"))]
#[test]
fn without_the_feature_speak_says_how_to_get_it() {
    let out = devocast()
        .args(["script", ARTICLE, "--speak"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`speak` feature"), "{err}");
    assert!(err.contains("--features speak"), "{err}");
}

#[cfg(feature = "speak")]
#[test]
fn speaks_every_sentence_through_speech_dispatcher() {
    let found = Command::new("speech-dispatcher")
        .arg("--version")
        .output()
        .is_ok();
    if !found {
        assert!(
            std::env::var_os("DEVOCAST_REQUIRE_SPEAK").is_none(),
            "DEVOCAST_REQUIRE_SPEAK is set but speech-dispatcher is not installed"
        );
        eprintln!("skipped: speech-dispatcher is not installed");
        return;
    }
    let home = private_speech_dispatcher();
    let (_dir, article) = hymn_project();
    let out = devocast()
        .arg("script")
        .arg(&article)
        .arg("--speak")
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_RUNTIME_DIR", home.path().join("run"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    let spoken: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("speak    "))
        .collect();
    assert_eq!(spoken, listed_sentences(&article));
    assert!(
        text.contains("(recording plays: audio/hymns/302.ogg)"),
        "{text}"
    );
    // The service really received them: its log names each message it spoke.
    let log =
        std::fs::read_to_string(home.path().join("log/speech-dispatcher.log")).unwrap_or_default();
    assert!(
        log.contains("Module speak"),
        "speech-dispatcher spoke nothing:\n{log}"
    );
}

/// A speech-dispatcher configuration of its own (started on demand by the client library),
/// with its audio sent to libao's null device.
#[cfg(feature = "speak")]
fn private_speech_dispatcher() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let conf = home.path().join("config/speech-dispatcher");
    std::fs::create_dir_all(&conf).unwrap();
    for dir in ["run", "cache", "log"] {
        std::fs::create_dir_all(home.path().join(dir)).unwrap();
    }
    let log = home.path().join("log");
    std::fs::write(
        conf.join("speechd.conf"),
        format!(
            "LogLevel 4\nLogDir \"{}\"\nAudioOutputMethod \"libao\"\n\
             AddModule \"espeak-ng\" \"sd_espeak-ng\" \"espeak-ng.conf\"\n\
             DefaultModule espeak-ng\n",
            log.display()
        ),
    )
    .unwrap();
    std::fs::write(home.path().join(".libao"), "default_driver=null\n").unwrap();
    home
}
