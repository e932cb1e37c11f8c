//! Sharded builds as a batch engine runs them: shards as concurrent processes on one
//! folder, a missing shard, a shard killed and run again, then `devocast publish`, whose
//! result must be byte-identical to one whole build of the same inputs.

mod common;
use common::{copy_dir, fixture_project, published_whole};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn devocast(project: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_devocast"));
    cmd.args(args)
        .arg(project)
        .env("DEVOCAST_CACHE_DIR", project.join(".cache"));
    // Tests may themselves run inside a batch job.
    for k in [
        "SLURM_ARRAY_TASK_ID",
        "SLURM_ARRAY_TASK_MIN",
        "SLURM_ARRAY_TASK_COUNT",
        "SLURM_ARRAY_TASK_STEP",
        "JOB_COMPLETION_INDEX",
        "DEVOCAST_SHARDS",
    ] {
        cmd.env_remove(k);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn ok(out: &Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The fixture podcast with five articles of different lengths (and a hymn recording).
fn project() -> (tempfile::TempDir, PathBuf) {
    let (tmp, p) = fixture_project();
    std::fs::copy(
        "tests/fixtures/clips/tone-44100-mono.ogg",
        p.join("audio/hymns/7.ogg"),
    )
    .unwrap();
    let e = p.join("episodes");
    std::fs::write(
        e.join("three.md"),
        "---\ntitle: Third Evening\ndate: 2026-01-19\n---\n\nWe close the day in thanks. \
         Three things stay with us, and each of them is a gift we did not earn.\n\n\
         ## What Stays\n\n- His word, which does not pass.\n- His people, near and far.\n\n\
         At 9:30 p.m. we pray (Psa. 4:8), then sleep.\n",
    )
    .unwrap();
    std::fs::write(
        e.join("four.txt"),
        "Fourth Day\nA short word for a busy morning.\n",
    )
    .unwrap();
    std::fs::write(
        e.join("five.html"),
        "<html><head><title>Fifth Week</title></head><body><h1>Fifth Week</h1>\
         <p>Five loaves fed five thousand (John 6:9-13). Twelve baskets were left over.</p>\
         <h2>Enough</h2><p>What He gives is enough, and more than enough, for every day \
         of the week ahead.</p></body></html>",
    )
    .unwrap();
    (tmp, p)
}

fn copy(from: &Path) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let to = tmp.path().join("project");
    copy_dir(from, &to);
    (tmp, to)
}

/// Every file a build leaves for listeners and the producer: the output folder, the
/// masters and the publication record.
fn snapshot(p: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for dir in ["feed", "masters"] {
        for e in std::fs::read_dir(p.join(dir)).unwrap().flatten() {
            let name = format!("{dir}/{}", e.file_name().to_string_lossy());
            out.insert(name, std::fs::read(e.path()).unwrap());
        }
    }
    out.insert(
        "published.toml".into(),
        std::fs::read(p.join("published.toml")).unwrap(),
    );
    out
}

fn assert_same(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) {
    let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(a), names(b), "the same files");
    for (name, bytes) in a {
        assert!(&b[name] == bytes, "{name} differs");
    }
}

/// The articles a shard's output says it built.
fn built(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(|l| l.strip_prefix("built     episodes/"))
        .map(|l| l.split(' ').next().unwrap().to_string())
        .collect()
}

#[test]
fn concurrent_shards_then_publish_equal_one_build() {
    let (_t, base) = project();
    let (_s, single) = copy(&base);
    ok(&devocast(&single, &["build"], &[]));

    // Three shards at once on one folder, as a job array would start them.
    let spawned: Vec<_> = (1..=3)
        .map(|k| {
            Command::new(env!("CARGO_BIN_EXE_devocast"))
                .args(["build", "--jobs", "1", "--shard", &format!("{k}/3")])
                .arg(&base)
                .env("DEVOCAST_CACHE_DIR", base.join(".cache"))
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut all = Vec::new();
    for child in spawned {
        let stdout = ok(&child.wait_with_output().unwrap());
        // A shard writes no feed.
        assert!(stdout.contains("devocast publish"), "{stdout}");
        all.extend(built(&stdout));
    }
    all.sort();
    assert_eq!(
        all,
        ["five.html", "four.txt", "one.md", "three.md", "two.txt"],
        "every article built by exactly one shard"
    );
    assert!(
        !base.join("feed/feed.xml").exists(),
        "shards do not publish"
    );
    let out = ok(&devocast(&base, &["publish"], &[]));
    assert!(out.contains("published: 5 episodes"), "{out}");
    assert_eq!(published_whole(&base), Ok(5));
    assert_same(&snapshot(&single), &snapshot(&base));

    // Shards again with nothing changed: nothing rebuilt, the same bytes.
    for k in 1..=3 {
        let out = ok(&devocast(
            &base,
            &["build", "--shard", &format!("{k}/3")],
            &[],
        ));
        assert!(built(&out).is_empty(), "{out}");
    }
    ok(&devocast(&base, &["publish"], &[]));
    assert_same(&snapshot(&single), &snapshot(&base));
}

#[test]
fn publish_refuses_while_a_shard_is_missing_and_keeps_the_feed() {
    let (_t, p) = project();
    ok(&devocast(&p, &["build"], &[]));
    let before = snapshot(&p);
    // An edit in every article, then only shards 1 and 3 run.
    for name in ["one.md", "two.txt", "three.md", "four.txt", "five.html"] {
        let path = p.join("episodes").join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let edited = if name.ends_with(".html") {
            text.replace("</body>", "<p>Amen.</p></body>")
        } else {
            format!("{text}\nAmen.\n")
        };
        std::fs::write(&path, edited).unwrap();
    }
    let mut done = Vec::new();
    for k in [1, 3] {
        done.extend(built(&ok(&devocast(
            &p,
            &["build", "--shard", &format!("{k}/3")],
            &[],
        ))));
    }
    let out = devocast(&p, &["publish"], &[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nothing published"), "{err}");
    let missing: Vec<&str> = ["five.html", "four.txt", "one.md", "three.md", "two.txt"]
        .into_iter()
        .filter(|a| !done.iter().any(|d| d == a))
        .collect();
    assert!(!missing.is_empty());
    for a in &missing {
        assert!(
            err.contains(&format!("episodes/{a}")),
            "{a} not named: {err}"
        );
    }
    for a in &done {
        assert!(!err.contains(&format!("episodes/{a}")), "{a} named: {err}");
    }
    // The published podcast is what it was, and whole.
    assert_eq!(published_whole(&p), Ok(5));
    let now = snapshot(&p);
    for name in ["feed/feed.xml", "feed/index.html", "published.toml"] {
        assert!(before[name] == now[name], "{name} changed");
    }
    // The missing shard runs; publish completes.
    ok(&devocast(&p, &["build", "--shard", "2/3"], &[]));
    ok(&devocast(&p, &["publish"], &[]));
    assert_eq!(published_whole(&p), Ok(5));
    assert!(
        before["feed/feed.xml"] != snapshot(&p)["feed/feed.xml"],
        "the edits are published"
    );
}

#[test]
fn a_killed_shard_run_again_gives_the_same_podcast() {
    let (_t, base) = project();
    let (_s, single) = copy(&base);
    ok(&devocast(&single, &["build"], &[]));
    // Kill shard 1 at several points of its work; each time run it again, then the rest.
    for at in [2, 5, 9] {
        let (_c, p) = copy(&base);
        let out = devocast(
            &p,
            &["build", "--jobs", "1", "--shard", "1/2"],
            &[("DEVOCAST_CRASH_AT", &at.to_string())],
        );
        assert!(out.status.code().is_none(), "killed at change {at}");
        ok(&devocast(&p, &["build", "--shard", "2/2"], &[]));
        ok(&devocast(&p, &["build", "--shard", "1/2"], &[]));
        ok(&devocast(&p, &["publish"], &[]));
        assert_same(&snapshot(&single), &snapshot(&p));
        let temps: Vec<String> = std::fs::read_dir(p.join("feed"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp-"))
            .collect();
        assert!(temps.is_empty(), "{temps:?}");
    }
}

#[test]
fn a_failing_article_fails_its_shard_and_publish_as_a_build_would() {
    // An article that cannot be read (publish finds that itself), and a recording that
    // cannot be decoded (found only while rendering: the shard records the failure).
    let breakages: [(&str, &[u8], &str); 2] = [
        (
            "episodes/four.txt",
            b"Fourth Day\n\xe9t\xe9 in Latin-1, not UTF-8\n",
            "four.txt",
        ),
        ("audio/hymns/7.ogg", b"OggS but not really", "7.ogg"),
    ];
    for (file, bytes, named) in breakages {
        let (_t, base) = project();
        // Published once, then something breaks.
        ok(&devocast(&base, &["build"], &[]));
        std::fs::write(base.join(file), bytes).unwrap();
        let (_s, single) = copy(&base);
        let whole = devocast(&single, &["build"], &[]);
        assert!(!whole.status.success(), "{file}");
        let mut failed = 0;
        for k in 1..=2 {
            let out = devocast(&base, &["build", "--shard", &format!("{k}/2")], &[]);
            failed += usize::from(!out.status.success());
        }
        assert_eq!(
            failed, 1,
            "{file}: only the shard with the broken episode fails"
        );
        let out = devocast(&base, &["publish"], &[]);
        assert!(!out.status.success(), "{file}: publish reports the failure");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(named) && !err.contains("nothing published"),
            "{err}"
        );
        // The previous episode stays in the feed, exactly as the whole build keeps it.
        assert_eq!(published_whole(&base), Ok(5));
        assert_same(&snapshot(&single), &snapshot(&base));
    }
}

#[test]
fn the_plan_does_not_depend_on_the_order_files_were_written() {
    let (_t, a) = project();
    // The same articles written in the opposite order (directory listings follow it on
    // many file systems).
    let (_u, b) = project();
    let e = b.join("episodes");
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&e)
        .unwrap()
        .flatten()
        .map(|f| (f.path(), std::fs::read(f.path()).unwrap()))
        .collect();
    files.sort();
    for (p, _) in &files {
        std::fs::remove_file(p).unwrap();
    }
    for (p, bytes) in files.iter().rev() {
        std::fs::write(p, bytes).unwrap();
    }
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let mut x = built(&ok(&devocast(&a, &["build", "--shard", &shard], &[])));
        let mut y = built(&ok(&devocast(&b, &["build", "--shard", &shard], &[])));
        x.sort();
        y.sort();
        assert_eq!(x, y, "shard {shard}");
    }
}

#[test]
fn shards_and_a_whole_build_exclude_each_other() {
    let (_t, p) = project();
    let lock = p.join(".devocast/build.lock");
    std::fs::create_dir_all(lock.parent().unwrap()).unwrap();
    // A whole build (or publish) holds the project: a shard may not start.
    let whole = devocast::project::lock::Lock::try_acquire(&lock, "the project").unwrap();
    let out = devocast(&p, &["build", "--shard", "1/2"], &[]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("in use by another devocast"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    drop(whole);
    // A shard holds it shared: another shard may run, publish may not.
    let shard = devocast::project::lock::Lock::try_acquire_shared(&lock, "the project").unwrap();
    ok(&devocast(&p, &["build", "--shard", "2/2"], &[]));
    let out = devocast(&p, &["publish"], &[]);
    assert!(!out.status.success());
    drop(shard);
}

#[test]
fn publish_refuses_episodes_narrated_by_different_voices() {
    let (_t, p) = project();
    ok(&devocast(&p, &["build"], &[]));
    // As if one worker lacked the voice the others had.
    let state = p.join(".devocast/episodes/two.json");
    let text = std::fs::read_to_string(&state).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["voice_id"] = "another-voice".into();
    json["voice"] = "Another voice".into();
    std::fs::write(&state, serde_json::to_string(&json).unwrap()).unwrap();
    let out = devocast(&p, &["publish"], &[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("different voices") && err.contains("Another voice"),
        "{err}"
    );
}

#[test]
fn shard_auto_reads_the_batch_engine() {
    let (_t, p) = project();
    let slurm = [
        ("SLURM_ARRAY_TASK_ID", "1"),
        ("SLURM_ARRAY_TASK_MIN", "0"),
        ("SLURM_ARRAY_TASK_COUNT", "3"),
    ];
    let a = built(&ok(&devocast(&p, &["build", "--shard", "auto"], &slurm)));
    let (_u, q) = project();
    let b = built(&ok(&devocast(&q, &["build", "--shard", "2/3"], &[])));
    assert_eq!(a, b, "task 1 of an array from 0 is shard 2/3");
    let k8s = [("JOB_COMPLETION_INDEX", "1")];
    let out = devocast(&p, &["build", "--shard", "auto"], &k8s);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--shards"));
    ok(&devocast(
        &p,
        &["build", "--shard", "auto", "--shards", "3"],
        &k8s,
    ));
    let out = devocast(&p, &["build", "--shard", "auto"], &[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("SLURM_ARRAY_TASK_ID") && err.contains("JOB_COMPLETION_INDEX"),
        "{err}"
    );
}
