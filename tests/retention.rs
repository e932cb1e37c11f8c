//! Old editions stay in `feed/` while apps may still hold a feed that names them: every file a
//! feed published within `publish.retention_days` is kept, and `devocast clean --expired`
//! removes what is past the window.

mod deploy_support;

use deploy_support::{devocast, edit, mp3_of_one, ok, project};
use std::path::Path;

/// Moves the recorded moments at which earlier feeds were replaced `days` into the past.
fn age_manifest(p: &Path, days: i64) {
    let path = p.join(".devocast/publish.json");
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    for (_, t) in v["referenced"].as_object_mut().unwrap() {
        let at: chrono::DateTime<chrono::Utc> = t.as_str().unwrap().parse().unwrap();
        *t = (at - chrono::Duration::days(days)).to_rfc3339().into();
    }
    std::fs::write(path, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
}

#[test]
fn an_edited_episodes_first_mp3_survives_two_rebuilds_within_the_window() {
    let tmp = tempfile::tempdir().unwrap();
    let first = project(tmp.path(), false);
    let p = project(tmp.path(), true);
    let (mp3_1, mp3_2) = (mp3_of_one(&first), mp3_of_one(&p));
    assert!(
        p.join("feed").join(&mp3_1).is_file(),
        "the previous edition, one build on"
    );
    edit(
        &p,
        "Peace be with you, each one.",
        "Peace be with you, every one.",
    );
    ok(devocast(&p, &["build", "--jobs", "1", "."], &[]));
    edit(
        &p,
        "Peace be with you, every one.",
        "Peace be with you, one and all.",
    );
    ok(devocast(&p, &["build", "--jobs", "1", "."], &[]));
    let mp3_4 = mp3_of_one(&p);
    for old in [&mp3_1, &mp3_2] {
        assert!(
            p.join("feed").join(old).is_file(),
            "{old}: named by a feed replaced minutes ago"
        );
    }
    assert_eq!(deploy_support::common::published_whole(&p), Ok(2));
    // Within the window, nothing expires.
    let out = ok(devocast(&p, &["clean", "--expired", "."], &[]));
    assert!(out.contains("removed 0 files"), "{out}");
    assert!(p.join("feed").join(&mp3_1).is_file());
    // Thirty-one days on, the editions no feed has named since go; the current one and the
    // previous feed's stay.
    age_manifest(&p, 31);
    let out = ok(devocast(&p, &["clean", "--expired", "."], &[]));
    assert!(!p.join("feed").join(&mp3_1).exists(), "{out}");
    assert!(!p.join("feed").join(&mp3_2).exists(), "{out}");
    assert!(p.join("feed").join(&mp3_4).is_file());
    assert_eq!(deploy_support::common::published_whole(&p), Ok(2));
    assert!(
        p.join("masters/one.wav").is_file(),
        "masters are never expired"
    );
}

#[test]
fn a_window_of_zero_keeps_only_the_feed_before_the_current_one() {
    let tmp = tempfile::tempdir().unwrap();
    let first = project(tmp.path(), false);
    let p = project(tmp.path(), true);
    std::fs::write(
        p.join("devocast.toml"),
        std::fs::read_to_string(p.join("devocast.toml")).unwrap()
            + "\n[publish]\nretention_days = 0\n",
    )
    .unwrap();
    edit(
        &p,
        "Peace be with you, each one.",
        "Peace be with you, every one.",
    );
    ok(devocast(&p, &["build", "--jobs", "1", "."], &[]));
    assert!(!p.join("feed").join(mp3_of_one(&first)).exists());
    assert_eq!(deploy_support::common::published_whole(&p), Ok(2));
}
