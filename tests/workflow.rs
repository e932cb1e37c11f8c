//! The producer's workflow: incremental rebuilds proven with a voice that counts its calls,
//! the build lock, faults that must not damage what is published, and check/init/clean.

mod common;

use common::CountingVoice;

use devocast::build::{build_with_voice, Options, Outcome};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::Ordering;

fn project() -> (tempfile::TempDir, PathBuf) {
    common::fixture_project()
}

fn build(p: &Path, voice: &CountingVoice, options: &Options) -> devocast::build::Summary {
    build_with_voice(p, options, Box::new(voice.clone()), &|_| {}).unwrap()
}

#[test]
fn editing_one_paragraph_resynthesizes_exactly_its_sentences() {
    let (_t, p) = project();
    let voice = CountingVoice::default();
    let first = build(&p, &voice, &Options::default());
    assert_eq!(first.built(), 2);
    let initial = voice.calls.load(Ordering::SeqCst);
    assert!(initial >= 10, "{initial}");

    // Nothing changed: nothing synthesized, mixed or encoded; the feed is untouched.
    let feed_before = std::fs::read(p.join("feed/feed.xml")).unwrap();
    let one = common::published(&p, "one");
    let mtime = std::fs::metadata(&one.mp3).unwrap().modified().unwrap();
    let again = build(&p, &voice, &Options::default());
    assert_eq!((again.built(), again.unchanged()), (0, 2));
    assert_eq!(voice.calls.load(Ordering::SeqCst), initial);
    assert_eq!(std::fs::read(p.join("feed/feed.xml")).unwrap(), feed_before);
    assert_eq!(
        std::fs::metadata(&one.mp3).unwrap().modified().unwrap(),
        mtime
    );

    // Edit one paragraph of two sentences: exactly those two are synthesized again, and only
    // that episode is rebuilt.
    let path = p.join("episodes/one.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "The Lord is near. He hears us.",
            "The Lord is close. He listens.",
        ),
    )
    .unwrap();
    voice.said.lock().unwrap().clear();
    let edited = build(&p, &voice, &Options::default());
    assert_eq!((edited.built(), edited.unchanged()), (1, 1));
    let said = voice.said.lock().unwrap().clone();
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(
        said.contains(&"The Lord is close.".to_string())
            && said.contains(&"He listens.".to_string()),
        "{said:?}"
    );
    assert_eq!(edited.synthesized, 2);
    // The old sentences' entries are no longer used by any episode: pruned.
    assert_eq!(edited.pruned, 2);

    // --force rebuilds every episode but still takes every sentence from the cache.
    let calls = voice.calls.load(Ordering::SeqCst);
    let forced = build(
        &p,
        &voice,
        &Options {
            force: true,
            ..Options::default()
        },
    );
    assert_eq!(forced.built(), 2);
    assert_eq!(voice.calls.load(Ordering::SeqCst), calls);
}

#[test]
fn settings_and_recordings_count_as_inputs() {
    let (_t, p) = project();
    let voice = CountingVoice::default();
    build(&p, &voice, &Options::default());
    // A different hymn recording rebuilds the episode that plays it, and only that one.
    let clip = p.join("audio/hymns/7.ogg");
    let bytes = std::fs::read(&clip).unwrap();
    std::fs::copy("tests/fixtures/clips/tone-48000-stereo.ogg", &clip).unwrap();
    let s = build(&p, &voice, &Options::default());
    assert_eq!((s.built(), s.unchanged()), (1, 1));
    std::fs::write(&clip, bytes).unwrap();
    // A changed setting rebuilds everything.
    let cfg = p.join("devocast.toml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(&cfg, text.replace("[audio]", "[audio]\nmp3_bitrate = 96")).unwrap();
    let s = build(&p, &voice, &Options::default());
    assert_eq!(s.built(), 2);
}

#[test]
fn parallel_builds_give_the_same_bytes_as_serial_ones() {
    let (_t, a) = project();
    let (_u, b) = project();
    build(
        &a,
        &CountingVoice::default(),
        &Options {
            jobs: 1,
            ..Options::default()
        },
    );
    build(
        &b,
        &CountingVoice::default(),
        &Options {
            jobs: 4,
            ..Options::default()
        },
    );
    let files = |p: &Path| {
        let (one, two) = (common::published(p, "one"), common::published(p, "two"));
        [
            one.mp3,
            two.mp3,
            one.vtt,
            one.chapters,
            p.join("feed/feed.xml"),
            p.join("feed/index.html"),
            two.wav,
        ]
    };
    for (x, y) in files(&a).iter().zip(files(&b).iter()) {
        assert_eq!(
            x.strip_prefix(&a).unwrap(),
            y.strip_prefix(&b).unwrap(),
            "file names differ"
        );
        assert_eq!(
            std::fs::read(x).unwrap(),
            std::fs::read(y).unwrap(),
            "{}",
            x.display()
        );
    }
}

#[test]
fn a_running_build_holds_the_lock_and_a_lock_file_left_by_a_dead_one_is_free() {
    let (_t, p) = project();
    // Another build holds the project.
    let held =
        devocast::project::lock::Lock::try_acquire(&p.join(".devocast/build.lock"), "x").unwrap();
    let err = build_with_voice(
        &p,
        &Options::default(),
        Box::new(CountingVoice::default()),
        &|_| {},
    )
    .unwrap_err();
    let msg = format!("{err:#}");
    assert!(
        msg.contains("in use by another devocast") && msg.contains(&std::process::id().to_string()),
        "{msg}"
    );
    drop(held);
    // A lock file left behind by a build that was killed locks nothing: the operating
    // system released it with the process.
    std::fs::write(p.join(".devocast/build.lock"), "999999999").unwrap();
    let s = build(&p, &CountingVoice::default(), &Options::default());
    assert_eq!(s.built(), 2);
}

#[test]
fn builds_started_at_the_same_instant_never_both_run() {
    // Many tries, as the race showed itself in a few of forty.
    for round in 0..8 {
        let (_t, p) = project();
        let children: Vec<_> = (0..3)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_devocast"))
                    .args(["build", "--jobs", "1"])
                    .arg(&p)
                    .env("DEVOCAST_CACHE_DIR", p.join(".cache"))
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let pids: Vec<u32> = children.iter().map(|c| c.id()).collect();
        let outs: Vec<_> = children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect();
        let refused = outs
            .iter()
            .filter(|o| String::from_utf8_lossy(&o.stderr).contains("in use by another devocast"))
            .count();
        let succeeded = outs.iter().filter(|o| o.status.success()).count();
        // A build takes far longer than starting three processes, so exactly one runs and
        // the others are told why; two successes mean two builds held the lock at once.
        assert_eq!((succeeded, refused), (1, 2), "round {round}: {outs:?}");
        // And they are told who: the winner's process and this machine, never "unknown",
        // however close behind the winner they came.
        let winner = pids[outs.iter().position(|o| o.status.success()).unwrap()];
        let holder = format!("process {winner} on {}", host_name());
        for o in outs.iter().filter(|o| !o.status.success()) {
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(
                err.contains(&holder),
                "round {round}: want {holder:?} in {err}"
            );
        }
    }
}

/// This machine's name, as devocast records it in a lock.
fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .unwrap()
        .trim()
        .to_string()
}

fn devocast(args: &[&str], project: &Path, env: &[(&str, &str)]) -> std::process::Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_devocast"));
    c.args(args)
        .arg(project)
        .env("DEVOCAST_CACHE_DIR", project.join(".cache"));
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

#[test]
fn a_full_disk_mid_build_leaves_the_published_episode_and_feed_intact() {
    let (_t, p) = project();
    assert!(devocast(&["build"], &p, &[]).status.success());
    let before = common::published(&p, "one");
    let mp3 = std::fs::read(&before.mp3).unwrap();
    let feed = std::fs::read(p.join("feed/feed.xml")).unwrap();
    let path = p.join("episodes/one.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("Peace be with you all.", "Peace be with you all, always."),
    )
    .unwrap();
    let out = devocast(&["build"], &p, &[("DEVOCAST_INJECT_WRITE_ERROR", ".mp3")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("feed/one.") && stderr.contains("No space left"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(&before.mp3).unwrap(),
        mp3,
        "the published MP3 was damaged"
    );
    let xml = std::fs::read(p.join("feed/feed.xml")).unwrap();
    let ch = rss::Channel::read_from(&xml[..]).unwrap();
    assert_eq!(ch.items().len(), 2, "the episode must stay listed");
    assert_eq!(xml, feed, "the feed still describes the published files");
    let leftovers = std::fs::read_dir(p.join("feed"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .count();
    assert_eq!(leftovers, 0);
    // Space is back: the next build publishes the edit. The old version stays while a feed
    // published within `publish.retention_days` named it (apps fetch feeds days late); its
    // removal past the window is tested in tests/retention.rs.
    assert!(devocast(&["build"], &p, &[]).status.success());
    let after = common::published(&p, "one");
    assert_ne!(std::fs::read(&after.mp3).unwrap(), mp3);
    assert!(before.mp3.exists(), "the previous feed's file is kept");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("always.", "always and ever.")).unwrap();
    assert!(devocast(&["build"], &p, &[]).status.success());
    assert!(
        before.mp3.exists(),
        "a version a feed named minutes ago is kept, two builds on"
    );
    assert!(after.mp3.exists(), "the previous feed's file is kept");
}

#[test]
fn bad_inputs_fail_alone_with_clear_messages() {
    let (_t, p) = project();
    let e = p.join("episodes");
    std::fs::write(e.join("binary.txt"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    std::fs::write(e.join("empty.md"), "").unwrap();
    std::fs::write(
        e.join("huge.txt"),
        format!(
            "Huge Article Title\n{}",
            "Grace and peace to you. ".repeat(50_000)
        ),
    )
    .unwrap();
    std::fs::write(
        e.join("frontmatter.md"),
        "---\ntitle: Broken\n\n## Heading\n\nBody.\n",
    )
    .unwrap();
    std::fs::write(
        e.join("legacy.txt"),
        b"Caf\xe9 Morning\nA paragraph.\nA Heading Here\nMore.\n",
    )
    .unwrap();
    std::fs::write(e.join("notes.docx"), b"PK\x03\x04 not an article").unwrap();
    let out = devocast(&["build"], &p, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    for (file, why) in [
        ("binary.txt", "binary"),
        ("empty.md", "no text"),
        ("huge.txt", "split it into episodes"),
        ("frontmatter.md", "closing `---`"),
        ("legacy.txt", "not UTF-8"),
        ("notes.docx", "not an article"),
    ] {
        assert!(
            stderr.lines().any(|l| l.contains(file) && l.contains(why)),
            "{file}: {why}\n{stderr}"
        );
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("2 built, 0 unchanged, 0 held, 6 failed"),
        "{stdout}"
    );
}

#[test]
fn check_lists_problems_without_rendering() {
    let (_t, p) = project();
    std::fs::remove_file(p.join("audio/hymns/7.ogg")).unwrap();
    std::fs::write(
        p.join("episodes/three.md"),
        "---\ntitle: Refs\n---\n\n## Heading\n\nSee Heb. 14:1 and Rom. 8:28.\n",
    )
    .unwrap();
    let out = devocast(&["check"], &p, &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("no recording for hymn 7"), "{text}");
    assert!(
        text.contains("\"Heb. 14:1\" looks like a Bible reference but is not one"),
        "{text}"
    );
    assert!(!p.join("feed").exists(), "check must not render");
    std::fs::write(p.join("lexicon.toml"), "Salem = \n").unwrap();
    let out = devocast(&["check"], &p, &[]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("lexicon.toml` line 1"));
}

#[test]
fn init_makes_a_project_that_builds_and_clean_removes_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("new-podcast");
    let out = devocast(&["init"], &p, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        p.join("devocast.toml").is_file()
            && p.join("episodes/welcome.md").is_file()
            && p.join("audio/hymns").is_dir()
    );
    assert!(
        !devocast(&["init"], &p, &[]).status.success(),
        "init must not overwrite a project"
    );
    let cfg = std::fs::read_to_string(p.join("devocast.toml")).unwrap();
    std::fs::write(
        p.join("devocast.toml"),
        cfg.replace("engine = \"auto\"", "engine = \"embedded\""),
    )
    .unwrap();
    let out = devocast(&["build"], &p, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(common::published(&p, "welcome").mp3.is_file());
    let out = devocast(&["clean"], &p, &[]);
    assert!(out.status.success());
    assert!(
        !p.join("feed").exists() && !p.join("masters").exists() && !p.join(".devocast").exists()
    );
    assert!(
        p.join("episodes/welcome.md").is_file(),
        "clean must keep the sources"
    );
}

#[test]
fn articles_without_sub_headings_are_one_chapter_named_by_the_title() {
    let (_t, p) = project();
    std::fs::write(
        p.join("episodes/daily.md"),
        "---\ndate: 2026-02-09\n---\n\n# A Short Daily Reading\n\nOne paragraph of prose. Another sentence.\n",
    )
    .unwrap();
    std::fs::write(
        p.join("episodes/plain.txt"),
        "Just one paragraph of prose.\nAnd another one here.\n",
    )
    .unwrap();
    let s = build(&p, &CountingVoice::default(), &Options::default());
    assert_eq!((s.built(), s.failed()), (4, 0), "{:?}", s.outcomes);
    assert!(s.warnings().is_empty(), "{:?}", s.warnings());
    for o in &s.outcomes {
        if let Outcome::Built { info, .. } = o {
            if info.slug == "daily" {
                assert_eq!(info.title, "A Short Daily Reading");
                assert_eq!(info.chapters.len(), 1);
                assert_eq!(info.chapters[0].1, "A Short Daily Reading");
            }
            if info.slug == "plain" {
                assert_eq!(info.chapters.len(), 1);
                assert_eq!(info.chapters[0].1, "Plain");
            }
        }
    }
}

/// The feed's items as (title, itunes:episode, pubDate).
fn items(p: &Path) -> Vec<(String, String, String)> {
    let xml = std::fs::read(p.join("feed/feed.xml")).unwrap();
    let ch = rss::Channel::read_from(&xml[..]).unwrap();
    ch.items()
        .iter()
        .map(|i| {
            (
                i.title().unwrap_or("").to_string(),
                i.itunes_ext()
                    .and_then(|x| x.episode())
                    .unwrap_or("")
                    .to_string(),
                i.pub_date().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn episode_numbers_never_move_and_future_articles_wait_for_their_day() {
    let (_t, p) = project();
    let voice = CountingVoice::default();
    build(&p, &voice, &Options::default());
    let first = items(&p);
    let number = |items: &[(String, String, String)], title: &str| {
        items
            .iter()
            .find(|i| i.0 == title)
            .map(|i| i.1.clone())
            .filter(|n| !n.is_empty())
    };
    // one.md (January 5) and two.txt (January 12) are numbered in date order.
    assert_eq!(number(&first, "First Light").as_deref(), Some("1"));
    assert_eq!(number(&first, "Second Morning").as_deref(), Some("2"));

    // An older article, a draft and one dated in the future.
    std::fs::write(
        p.join("episodes/older.md"),
        "---\ntitle: An Older One\ndate: 2025-12-01\n---\n\n## H\n\nFrom last year.\n",
    )
    .unwrap();
    std::fs::write(
        p.join("episodes/draft.md"),
        "---\ntitle: Not Yet\ndraft: true\ndate: 2026-01-02\n---\n\n## H\n\nUnfinished.\n",
    )
    .unwrap();
    std::fs::write(
        p.join("episodes/later.md"),
        "---\ntitle: Far Ahead\ndate: 2099-12-25\n---\n\n## H\n\nFor then.\n",
    )
    .unwrap();
    let s = build(&p, &voice, &Options::default());
    assert_eq!(s.held(), 2, "{:?}", s.outcomes);
    let then = items(&p);
    assert_eq!(number(&then, "First Light").as_deref(), Some("1"));
    assert_eq!(number(&then, "Second Morning").as_deref(), Some("2"));
    assert_eq!(number(&then, "An Older One").as_deref(), Some("3"));
    assert!(number(&then, "Not Yet").is_none() && number(&then, "Far Ahead").is_none());
    let index = std::fs::read_to_string(p.join("feed/index.html")).unwrap();
    assert!(!index.contains("Far Ahead") && !index.contains("Not Yet"));
    assert!(!p.join("feed/later.html").exists() && !p.join("feed/draft.html").exists());
    let held: Vec<String> = s
        .outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Held { why, .. } => Some(why.to_string()),
            _ => None,
        })
        .collect();
    assert!(
        held.iter()
            .any(|h| h.contains("scheduled for December 25, 2099")),
        "{held:?}"
    );
    assert!(held.iter().any(|h| h.contains("draft")), "{held:?}");
    // --include-future publishes it now, but makes no permanent mark: it takes a number only
    // when it is published for good, on its day.
    let early = Options {
        include_future: true,
        ..Options::default()
    };
    let s = build(&p, &voice, &early);
    assert_eq!(s.held(), 1);
    let listed = items(&p);
    assert!(listed.iter().any(|i| i.0 == "Far Ahead"));
    assert!(number(&listed, "Far Ahead").is_none());
    // Held again by the next plain build, it leaves the feed but keeps its rendering, so
    // publishing it early once more renders nothing.
    let s = build(&p, &voice, &Options::default());
    assert_eq!(s.held(), 2);
    assert!(!items(&p).iter().any(|i| i.0 == "Far Ahead"));
    let before = voice.calls.load(Ordering::SeqCst);
    build(&p, &voice, &early);
    assert_eq!(voice.calls.load(Ordering::SeqCst), before, "re-rendered");
    assert!(number(&items(&p), "Far Ahead").is_none());
    // lastBuildDate is never later than the build.
    let xml = std::fs::read(p.join("feed/feed.xml")).unwrap();
    let ch = rss::Channel::read_from(&xml[..]).unwrap();
    let last = chrono::DateTime::parse_from_rfc2822(ch.last_build_date().unwrap()).unwrap();
    assert!(last <= chrono::Utc::now(), "{last}");
    // The numbers are in the record, with the project.
    let record = std::fs::read_to_string(p.join("published.toml")).unwrap();
    assert!(
        record.contains("[episodes.older]") && record.contains("number = 3"),
        "{record}"
    );
}

#[test]
fn summary_counts_outcomes() {
    let (_t, p) = project();
    let s = build(&p, &CountingVoice::default(), &Options::default());
    assert!(s
        .outcomes
        .iter()
        .all(|o| matches!(o, Outcome::Built { .. })));
    assert!(s.audio_seconds() > 5.0);
    assert_eq!(s.warnings().len(), 0);
}
