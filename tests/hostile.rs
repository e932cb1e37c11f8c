//! What producers' folders really hold: settings that would point devocast at their own
//! files, names that collide or carry odd characters, control characters from Word, links,
//! pipes and folders where articles should be, other encodings, hostile pages and numbers,
//! broken recordings. Each fails alone with a message naming the file (or warns), and what
//! was published stays whole.

mod common;

use common::{fixture_project, published, published_whole};
use std::path::Path;
use std::process::{Command, Output};

fn devocast(project: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_devocast"))
        .args(args)
        .arg(project)
        .env(
            "DEVOCAST_CACHE_DIR",
            std::env::temp_dir().join("devocast-test-cache"),
        )
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn set_config(project: &Path, extra: &str) {
    let path = project.join("devocast.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    // Keys go into the section they name, added at its top.
    let (section, body) = extra.split_once('\n').unwrap();
    let text = if text.contains(section) {
        text.replace(section, &format!("{section}\n{body}"))
    } else {
        format!("{text}\n{extra}\n")
    };
    std::fs::write(path, text).unwrap();
}

/// Every file under `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.push(p.strip_prefix(base).unwrap().display().to_string());
            }
        }
    }
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn output_folders_that_would_hit_sources_are_refused_by_check_build_and_clean() {
    for dir in [".", "", "episodes", "..", "audio", "./", "episodes/feed"] {
        let (tmp, p) = fixture_project();
        assert!(devocast(&p, &["build"]).status.success());
        let sources_before = tree(tmp.path());
        set_config(&p, &format!("[podcast]\noutput_dir = \"{dir}\""));
        for cmd in ["check", "build", "clean"] {
            let out = devocast(&p, &[cmd]);
            assert!(
                !out.status.success(),
                "output_dir = {dir:?}: `{cmd}` passed\n{}",
                text(&out)
            );
            assert!(
                text(&out).contains("podcast.output_dir"),
                "output_dir = {dir:?}: `{cmd}` does not say why\n{}",
                text(&out)
            );
        }
        assert!(p.join("episodes/one.md").is_file() && p.join("devocast.toml").is_file());
        // Only the configuration changed; nothing was written or removed.
        let mut after = tree(tmp.path());
        after.retain(|f| !f.contains(".devocast/build.lock"));
        let mut before = sources_before;
        before.retain(|f| !f.contains(".devocast/build.lock"));
        assert_eq!(before, after, "output_dir = {dir:?}");
    }
}

#[test]
fn clean_removes_only_what_devocast_wrote() {
    let (_t, p) = fixture_project();
    assert!(devocast(&p, &["build"]).status.success());
    std::fs::write(p.join("feed/.htaccess"), "Options -Indexes\n").unwrap();
    std::fs::write(p.join("feed/notes.txt"), "mine\n").unwrap();
    let out = devocast(&p, &["clean"]);
    assert!(out.status.success(), "{}", text(&out));
    let left = tree(&p.join("feed"));
    assert_eq!(left, vec![".htaccess", "notes.txt"], "{}", text(&out));
    assert!(
        text(&out).contains("kept    feed/notes.txt"),
        "{}",
        text(&out)
    );
    assert!(!p.join("masters").exists() && !p.join(".devocast").exists());
    assert!(p.join("episodes/one.md").is_file() && p.join("audio/hymns/7.ogg").is_file());
}

#[test]
fn two_articles_with_one_stem_are_an_error_naming_both() {
    let (_t, p) = fixture_project();
    std::fs::write(
        p.join("episodes/welcome.md"),
        "---\ntitle: Welcome\ndate: 2026-02-01\n---\n\n## One\n\nHello there.\n",
    )
    .unwrap();
    std::fs::write(
        p.join("episodes/welcome.txt"),
        "Welcome Again\n\nA Heading Here\nHi.\n",
    )
    .unwrap();
    std::fs::write(
        p.join("episodes/Welcome.html"),
        "<h1>W</h1><h2>H</h2><p>Hi.</p>",
    )
    .unwrap();
    let out = devocast(&p, &["build"]);
    assert!(!out.status.success());
    let t = text(&out);
    assert!(
        t.contains("episodes/Welcome.html`, `episodes/welcome.md` and `episodes/welcome.txt` would publish as one episode"),
        "{t}"
    );
    assert_eq!(
        published_whole(&p),
        Ok(2),
        "the other episodes are published"
    );
    let out = devocast(&p, &["check"]);
    assert!(!out.status.success() && text(&out).contains("would publish as one episode"));
}

#[test]
fn undated_articles_with_odd_names_keep_their_dates() {
    let (_t, p) = fixture_project();
    let names = [
        "cafe\u{301}.md",       // "café" as macOS saves it
        "zero\u{200B}width.md", // a zero-width space
        "quote\"d.md",
        "back\\slash.md",
        "new\u{7}bell.md",
    ];
    for n in names {
        std::fs::write(
            p.join("episodes").join(n),
            "---\ntitle: Odd Name\n---\n\n## Heading\n\nA short undated devotion.\n",
        )
        .unwrap();
    }
    for round in 0..2 {
        let out = devocast(&p, &["build"]);
        assert!(out.status.success(), "build {round}: {}", text(&out));
        let out = devocast(&p, &["check"]);
        assert!(out.status.success(), "check {round}: {}", text(&out));
    }
    let record = std::fs::read_to_string(p.join("published.toml")).unwrap();
    let parsed: toml::Table = toml::from_str(&record).unwrap();
    for n in names {
        let slug = n.trim_end_matches(".md");
        let entry = &parsed["episodes"][slug];
        assert!(
            entry["date"].as_str().is_some() && entry["number"].as_integer().is_some(),
            "{slug:?} missing:\n{record}"
        );
    }
    assert_eq!(published_whole(&p), Ok(7));
}

#[test]
fn control_characters_never_reach_the_feed() {
    let (_t, p) = fixture_project();
    // Word's vertical tab and form feed, in the title, a heading and the first paragraph.
    std::fs::write(
        p.join("episodes/word.md"),
        "---\ntitle: \"Grace\u{B}Abounding\"\ndate: 2026-02-02\n---\n\nFirst\u{C}paragraph from Word.\n\n## Heading\u{B}Two\n\nBody text\u{7}.\n",
    )
    .unwrap();
    let cfg = p.join("devocast.toml");
    let c = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(
        &cfg,
        c.replace("\"Fixture Podcast\"", "\"Fixture\\u0007 Podcast\""),
    )
    .unwrap();
    let out = devocast(&p, &["build"]);
    let t = text(&out);
    assert!(out.status.success(), "{t}");
    assert!(
        t.contains("U+000B (vertical tab)") && t.contains("word.md"),
        "{t}"
    );
    assert!(t.contains("podcast.title") && t.contains("U+0007"), "{t}");
    let xml = std::fs::read_to_string(p.join("feed/feed.xml")).unwrap();
    roxmltree::Document::parse(&xml).expect("feed.xml is well-formed XML");
    assert!(!xml.chars().any(devocast::sanitize::is_forbidden));
    let word = published(&p, "word");
    for f in [&word.page, &word.vtt, &word.srt, &word.chapters] {
        let s = std::fs::read_to_string(f).unwrap();
        assert!(
            !s.chars().any(devocast::sanitize::is_forbidden),
            "{}",
            f.display()
        );
    }
    assert_eq!(published_whole(&p), Ok(3));
}

#[cfg(unix)]
#[test]
fn links_pipes_folders_and_encodings_are_reported_not_skipped_silently() {
    let (t, p) = fixture_project();
    let e = p.join("episodes");
    let outside = t.path().join("outside.md");
    std::fs::write(
        &outside,
        "---\ntitle: Elsewhere\n---\n\n## H\n\nNot ours.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside, e.join("linked.md")).unwrap();
    std::os::unix::fs::symlink(e.join("gone.md"), e.join("dangling.md")).unwrap();
    let inside = p.join("drafts.md");
    std::fs::write(
        &inside,
        "---\ntitle: Inside\ndate: 2026-03-01\n---\n\n## H\n\nOurs.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(&inside, e.join("inside-link.md")).unwrap();
    assert!(Command::new("mkfifo")
        .arg(e.join("pipe.md"))
        .status()
        .unwrap()
        .success());
    std::fs::create_dir(e.join("folder.md")).unwrap();
    let utf16: Vec<u8> = b"\xFF\xFE"
        .iter()
        .copied()
        .chain(
            "Sixteen Bits Here\r\n\r\nA Heading Here\r\nRead from UTF-16, caf\u{e9}.\r\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    std::fs::write(e.join("wide.txt"), utf16).unwrap();
    let out = devocast(&p, &["build"]);
    let t = text(&out);
    assert!(
        !out.status.success(),
        "the link out of the project fails the build\n{t}"
    );
    assert!(
        t.contains("episodes/linked.md` is a symbolic link") && t.contains("outside the project"),
        "{t}"
    );
    assert!(
        t.contains("skipped `episodes/dangling.md`: a symbolic link"),
        "{t}"
    );
    assert!(
        t.contains("skipped `episodes/pipe.md`: it is a named pipe"),
        "{t}"
    );
    assert!(
        t.contains("skipped `episodes/folder.md`: it is a folder"),
        "{t}"
    );
    let n = published_whole(&p).unwrap();
    assert_eq!(
        n, 4,
        "one, two, the link inside the project and the UTF-16 article\n{t}"
    );
    let wide = std::fs::read_to_string(published(&p, "wide").vtt).unwrap();
    assert!(wide.contains("caf\u{e9}"), "{wide}");
    assert!(!std::fs::read_to_string(p.join("feed/feed.xml"))
        .unwrap()
        .contains("Elsewhere"));
}

#[test]
fn front_matter_typos_are_named_and_script_refuses_what_build_refuses() {
    let (_t, p) = fixture_project();
    std::fs::write(
        p.join("episodes/typo.md"),
        "---\ntitel: Kept Safe\ndate: 2026-02-03\n---\n\n## Heading\n\nBody.\n",
    )
    .unwrap();
    let out = devocast(&p, &["build"]);
    let t = text(&out);
    assert!(out.status.success(), "{t}");
    assert!(
        t.contains("front matter line 2: `titel`") && t.contains("did you mean `title`"),
        "{t}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_devocast"))
        .args(["script"])
        .arg(p.join("devocast.toml"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(text(&out).contains("not an article"), "{}", text(&out));
}

#[test]
fn a_deeply_nested_page_fails_alone() {
    let (_t, p) = fixture_project();
    std::fs::write(
        p.join("episodes/deep.html"),
        format!(
            "<html><body><h1>Deep</h1>{}<p>x</p></body></html>",
            "<div>".repeat(16_000)
        ),
    )
    .unwrap();
    let out = devocast(&p, &["build"]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1), "{t}");
    assert!(t.contains("deep.html") && t.contains("levels deep"), "{t}");
    assert_eq!(published_whole(&p), Ok(2));
    let out = devocast(&p, &["check"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn numbers_without_sane_bounds_are_refused_before_anything_is_built() {
    for extra in [
        "[pauses]\nsentence_ms = 4294967295",
        "[production]\nhymn_gap_ms = 4000000000",
        "[hymns.7]\nfile = \"audio/hymns/7.ogg\"\nstart = nan",
    ] {
        let (_t, p) = fixture_project();
        set_config(&p, extra);
        for cmd in ["check", "build"] {
            let out = devocast(&p, &[cmd]);
            assert_eq!(out.status.code(), Some(1), "{extra}: {cmd}\n{}", text(&out));
            assert!(text(&out).contains("devocast.toml"), "{}", text(&out));
        }
    }
}

#[test]
fn broken_recordings_fail_or_warn_by_name() {
    // A WAV header claiming 4,294,967,295 Hz: the episode that plays it fails, by name.
    let (_t, p) = fixture_project();
    let wav = p.join("audio/hymns/7.wav");
    std::fs::remove_file(p.join("audio/hymns/7.ogg")).unwrap();
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: 44_100,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut w = hound::WavWriter::create(&wav, spec).unwrap();
    for i in 0..44_100 {
        w.write_sample(((i as f32 * 0.05).sin() * 8000.0) as i16)
            .unwrap();
    }
    w.finalize().unwrap();
    let mut bytes = std::fs::read(&wav).unwrap();
    bytes[24..28].copy_from_slice(&u32::MAX.to_le_bytes());
    std::fs::write(&wav, &bytes).unwrap();
    let out = devocast(&p, &["build"]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1), "{t}");
    assert!(t.contains("7.wav") && t.contains("one.md"), "{t}");
    assert!(published(&p, "two").mp3.is_file());

    // A recording cut short: the episode builds with a warning naming the file;
    // --strict fails it.
    let (_t, p) = fixture_project();
    let clip = p.join("audio/hymns/7.ogg");
    let bytes = std::fs::read(&clip).unwrap();
    std::fs::write(&clip, &bytes[..bytes.len() * 3 / 4]).unwrap();
    let out = devocast(&p, &["build"]);
    let t = text(&out);
    assert!(out.status.success(), "{t}");
    assert!(
        t.contains("audio/hymns/7.ogg") && t.contains("cut short"),
        "{t}"
    );
    let out = devocast(&p, &["build", "--strict", "--force"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("--strict"), "{}", text(&out));
}

fn devocast_env(project: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_devocast"));
    c.args(args).arg(project).env(
        "DEVOCAST_CACHE_DIR",
        std::env::temp_dir().join("devocast-test-cache"),
    );
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

/// The slugs the feed lists, sorted.
fn listed(project: &Path) -> Vec<String> {
    let xml = std::fs::read(project.join("feed/feed.xml")).unwrap();
    let channel = rss::Channel::read_from(&xml[..]).unwrap();
    let mut slugs: Vec<String> = channel
        .items()
        .iter()
        .map(|i| {
            let link = i.link().unwrap();
            link.rsplit('/')
                .next()
                .unwrap()
                .trim_end_matches(".html")
                .to_string()
        })
        .collect();
    slugs.sort();
    slugs
}

#[test]
fn dates_no_feed_can_carry_are_refused_where_the_article_is_read() {
    let (_t, p) = fixture_project();
    let articles = [
        (
            "caesar.md",
            "---\ntitle: The Ides\ndate: -0044-03-15\n---\n\nBeware.\n".to_string(),
            "line 3",
        ),
        (
            "zero.md",
            "---\ntitle: Year Zero\n\ndate: \"0000-12-25\"\n---\n\nNo such year.\n".to_string(),
            "line 4",
        ),
        (
            "far.markdown",
            "---\ndate: 10000-01-01T06:00:00Z\n---\n\nToo far.\n".to_string(),
            "line 2",
        ),
        (
            "ides.html",
            "<html><head>\n<meta property=\"article:published_time\" content=\"-0044-03-15T12:00:00Z\">\n</head><body><p>Et tu.</p></body></html>".to_string(),
            "line 2",
        ),
        (
            "later.htm",
            "<html><body>\n\n<time datetime=\"+12026-01-01\">soon</time><p>Later.</p></body></html>"
                .to_string(),
            "line 3",
        ),
    ];
    for (name, body, _) in &articles {
        std::fs::write(p.join("episodes").join(name), body).unwrap();
    }
    // `check` refuses each, by file and line, as the build will.
    let out = devocast(&p, &["check"]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1), "{t}");
    for (name, _, line) in &articles {
        assert!(
            t.lines()
                .any(|l| l.contains(name) && l.contains(line) && l.contains("year")),
            "{name} {line}: {t}"
        );
    }
    // Every build fails those alone; the others are published, and the next build too.
    for _ in 0..2 {
        let out = devocast(&p, &["build"]);
        let t = text(&out);
        assert_eq!(out.status.code(), Some(1), "{t}");
        assert!(!t.contains("panicked"), "{t}");
        assert!(t.contains("5 failed"), "{t}");
        assert_eq!(published_whole(&p), Ok(2), "{t}");
        assert_eq!(listed(&p), ["one", "two"]);
    }
    // The first and last days a feed can carry are published.
    std::fs::write(
        p.join("episodes/first.md"),
        "---\ndate: 0001-01-01\n---\n\nIn the beginning.\n",
    )
    .unwrap();
    std::fs::write(
        p.join("episodes/last.md"),
        "---\ndate: 9999-12-31\n---\n\nAt the end.\n",
    )
    .unwrap();
    let out = devocast(&p, &["build", "--include-future"]);
    assert!(!text(&out).contains("panicked"), "{}", text(&out));
    assert_eq!(listed(&p), ["first", "last", "one", "two"]);
    assert_eq!(published_whole(&p), Ok(4));
}

#[test]
fn an_episode_recorded_with_a_date_no_feed_can_carry_is_left_out_alone() {
    // A manifest written before such dates were refused (or by hand) still names one.
    let (_t, p) = fixture_project();
    assert!(devocast(&p, &["build"]).status.success());
    let state = p.join(".devocast/episodes/one.json");
    let json = std::fs::read_to_string(&state).unwrap();
    let bad = json.replace("\"date\": \"2026-01-05\"", "\"date\": \"-0044-03-15\"");
    assert_ne!(bad, json, "the manifest records the date");
    std::fs::write(&state, bad).unwrap();
    std::fs::write(
        p.join("episodes/three.md"),
        "---\ntitle: Third\ndate: 2026-01-20\n---\n\nA new one reaches listeners.\n",
    )
    .unwrap();
    let out = devocast(&p, &["build"]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1), "{t}");
    assert!(!t.contains("panicked"), "{t}");
    assert!(
        t.contains("episodes/one.md") && t.contains("-0044-03-15"),
        "{t}"
    );
    assert_eq!(listed(&p), ["three", "two"]);
    assert_eq!(published_whole(&p), Ok(2));
}

#[test]
fn an_internal_error_in_one_episodes_publishing_fails_that_episode_alone() {
    let (_t, p) = fixture_project();
    assert!(devocast(&p, &["build"]).status.success());
    let mut n = 0;
    // The episode's page, book, master, media and transcripts, its manifest, and its entry
    // in the feed and index.
    for at in [
        "/one.html",
        "/one.epub",
        "/one.wav",
        "/one.*.mp3",
        "/one.*.chapters.json",
        "/one.*.vtt",
        "/one.*.transcript.html",
        "episodes/one.json",
        "feed entry one",
    ] {
        n += 1;
        // A change to every article, so each is written again.
        std::fs::write(
            p.join("episodes/one.md"),
            format!("---\ntitle: First Light\ndate: 2026-01-05\n---\n\nThe Lord is near, {n}.\n"),
        )
        .unwrap();
        std::fs::write(
            p.join(format!("episodes/new{n}.md")),
            format!("---\ntitle: New {n}\ndate: 2026-02-0{n}\n---\n\nA new episode, {n}.\n"),
        )
        .unwrap();
        let pattern = at;
        let out = devocast_env(&p, &["build"], &[("DEVOCAST_INJECT_PANIC", pattern)]);
        let t = text(&out);
        assert_eq!(out.status.code(), Some(1), "{pattern}: {t}");
        assert!(
            t.lines()
                .any(|l| l.contains("episodes/one.md") && l.contains("internal error")),
            "{pattern}: {t}"
        );
        // The new episode reached listeners, and the feed is whole.
        assert!(listed(&p).contains(&format!("new{n}")), "{pattern}: {t}");
        assert!(
            published_whole(&p).is_ok(),
            "{pattern}: {:?}",
            published_whole(&p)
        );
    }
}

#[test]
fn an_internal_error_while_writing_the_feed_leaves_the_last_good_feed() {
    let (_t, p) = fixture_project();
    assert!(devocast(&p, &["build"]).status.success());
    let before = std::fs::read(p.join("feed/feed.xml")).unwrap();
    std::fs::write(
        p.join("episodes/three.md"),
        "---\ntitle: Third\ndate: 2026-01-20\n---\n\nWaiting for the feed.\n",
    )
    .unwrap();
    // The index is written just before the feed.
    for at in ["index.html", "feed.xml"] {
        let out = devocast_env(&p, &["build"], &[("DEVOCAST_INJECT_PANIC", at)]);
        let t = text(&out);
        assert_eq!(out.status.code(), Some(1), "{at}: {t}");
        assert!(
            t.contains("the feed was not written: the last good feed is left in place")
                && t.contains("internal error"),
            "{at}: {t}"
        );
        assert_eq!(
            std::fs::read(p.join("feed/feed.xml")).unwrap(),
            before,
            "{at}"
        );
        assert_eq!(published_whole(&p), Ok(2));
    }
    // The next build without the fault publishes the new episode.
    assert!(devocast(&p, &["build"]).status.success());
    assert_eq!(listed(&p), ["one", "three", "two"]);
}

/// `devocast ARGS PROJECT` with its address space limited to about 800 MB.
#[cfg(target_os = "linux")]
fn devocast_limited(project: &Path, args: &[&str]) -> Output {
    Command::new("sh")
        .args(["-c", "ulimit -v 800000; exec \"$@\"", "sh"])
        .arg(env!("CARGO_BIN_EXE_devocast"))
        .args(args)
        .arg(project)
        .env(
            "DEVOCAST_CACHE_DIR",
            std::env::temp_dir().join("devocast-test-cache"),
        )
        .output()
        .unwrap()
}

/// Regression: `intro = "/dev/zero"` read until the kernel stopped it at 24 GB, and
/// `/dev/urandom` never ended. Every file devocast.toml names must be a regular file within
/// a size limit; `check` names each that is not, with its setting, and the build refuses
/// them before reading a byte. Run under a memory limit, so reading one whole fails the test.
#[cfg(target_os = "linux")]
#[test]
fn files_the_settings_name_are_regular_and_bounded_and_check_names_them_all() {
    let (_t, p) = fixture_project();
    std::fs::create_dir(p.join("a-folder.mp3")).unwrap();
    let fifo = p.join("cover.png");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    // A sparse 3 GB "recording": no disk, but over any limit for a recording.
    let huge = p.join("huge.wav");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(3 << 30)
        .unwrap();
    set_config(
        &p,
        "[production]\nintro = \"/dev/zero\"\noutro = \"/dev/urandom\"",
    );
    set_config(&p, "[podcast]\nimage = \"cover.png\"");
    let cfg = p.join("devocast.toml");
    let mut toml = std::fs::read_to_string(&cfg).unwrap();
    toml.push_str("\n[hymns.12]\nfile = \"a-folder.mp3\"\n[hymns.13]\nfile = \"huge.wav\"\n");
    std::fs::write(&cfg, toml).unwrap();

    let out = devocast_limited(&p, &["check"]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1), "{t}");
    for (key, file, why) in [
        ("production.intro", "/dev/zero", "not a regular file"),
        ("production.outro", "/dev/urandom", "not a regular file"),
        ("podcast.image", "cover.png", "not a regular file"),
        ("[hymns.12] file", "a-folder.mp3", "is a folder"),
        ("[hymns.13] file", "huge.wav", "over the limit"),
    ] {
        let line = t
            .lines()
            .find(|l| l.contains(key))
            .unwrap_or_else(|| panic!("{key} not reported: {t}"));
        assert!(line.contains(file) && line.contains(why), "{key}: {line}");
    }
    let out = devocast_limited(&p, &["build"]);
    let t = text(&out);
    assert!(out.status.code().is_some_and(|c| c != 0 && c != 101), "{t}");
    assert!(
        t.contains("production.intro") && t.contains("/dev/zero"),
        "{t}"
    );
}

/// Regression: a 2 MB `podcast.title` aborted the build on a 2 GB allocation. Every text
/// setting is bounded, and the message names the key without repeating the text.
#[cfg(target_os = "linux")]
#[test]
fn an_absurdly_long_setting_is_refused_by_its_key() {
    for (section, key) in [
        ("[podcast]", "title"),
        ("[podcast]", "author"),
        ("[podcast]", "copyright"),
    ] {
        let (_t, p) = fixture_project();
        let cfg = p.join("devocast.toml");
        let toml = std::fs::read_to_string(&cfg)
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with(&format!("{key} =")))
            .collect::<Vec<_>>()
            .join("\n");
        let long = "Grace ".repeat(350_000);
        let toml = toml.replace(section, &format!("{section}\n{key} = \"{long}\""));
        std::fs::write(&cfg, toml).unwrap();
        for cmd in ["check", "build"] {
            let out = devocast_limited(&p, &[cmd]);
            let t = text(&out);
            assert!(!out.status.success(), "{cmd} {key}: {t:.500}");
            assert!(out.status.code() != Some(101), "{cmd} {key}: {t:.500}");
            assert!(
                t.contains(&format!("podcast.{key} is 2100000 bytes long")),
                "{t:.500}"
            );
            assert!(t.len() < 10_000, "{cmd} {key} printed the text: {t:.500}");
        }
    }
    // A devocast.toml that is itself absurd (a sparse 1 GB file) is refused unread.
    let (_t, p) = fixture_project();
    std::fs::OpenOptions::new()
        .append(true)
        .open(p.join("devocast.toml"))
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    let out = devocast_limited(&p, &["check"]);
    assert!(
        !out.status.success() && text(&out).contains("over the limit"),
        "{}",
        text(&out)
    );
}

/// A PNG's first bytes, enough for its size to be read: `side`×`side`.
fn png_header(side: u32) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    b.extend(side.to_be_bytes());
    b.extend(side.to_be_bytes());
    b.extend([8, 2, 0, 0, 0]);
    b
}

/// Files outside the project may be named (a cover shared by several podcasts), and
/// `check` notes each one, since it is published (or read) from there.
#[test]
fn check_notes_each_named_file_outside_the_project() {
    let (t, p) = fixture_project();
    let shared = t.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::write(shared.join("cover.png"), png_header(1400)).unwrap();
    std::fs::copy(
        "tests/fixtures/clips/tone-44100-stereo.mp3",
        shared.join("intro.mp3"),
    )
    .unwrap();
    std::fs::copy(
        "tests/fixtures/clips/tone-44100-stereo.mp3",
        p.join("outro.mp3"),
    )
    .unwrap();
    let cover = shared.join("cover.png");
    set_config(
        &p,
        &format!("[podcast]\nimage = {:?}", cover.to_str().unwrap()),
    );
    set_config(
        &p,
        "[production]\nintro = \"../shared/intro.mp3\"\noutro = \"outro.mp3\"",
    );
    let out = devocast(&p, &["check"]);
    let t = text(&out);
    assert!(out.status.success(), "{t}");
    assert!(
        t.contains(&format!(
            "podcast.image `{}` is outside the project: it is published from there",
            cover.display()
        )),
        "{t}"
    );
    assert!(
        t.contains("production.intro")
            && t.contains("is outside the project: it is read from there"),
        "{t}"
    );
    assert!(!t.contains("production.outro"), "{t}");
}
