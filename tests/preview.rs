//! `devocast build --preview`: held articles heard and read before their day, privately:
//! never in the feed or the index, no episode number, nothing published changed, and the
//! build on the day renders nothing again.

mod common;

use common::CountingVoice;

use devocast::build::preview::{preview_with_voice, NotHeld, Previewed};
use devocast::build::{build_with_voice, Options, Outcome};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::Ordering;

impl CountingVoice {
    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

/// Noon UTC on a day of 2027.
fn at(month: u32, day: u32) -> Options {
    use chrono::TimeZone;
    Options {
        now: Some(
            chrono::Utc
                .with_ymd_and_hms(2027, month, day, 12, 0, 0)
                .unwrap(),
        ),
        ..Options::default()
    }
}

fn build(p: &Path, voice: &CountingVoice, options: &Options) -> devocast::build::Summary {
    build_with_voice(p, options, Box::new(voice.clone()), &|_| {}).unwrap()
}

fn preview(
    p: &Path,
    voice: &CountingVoice,
    options: &Options,
    files: &[&str],
) -> devocast::build::preview::Summary {
    let files: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
    preview_with_voice(p, options, &files, Box::new(voice.clone()), &|_| {}).unwrap()
}

/// The fixture project (two published episodes) with held articles of our own: a Jekyll
/// draft, a WordPress draft with a date in the past, and one scheduled for March 10, 2027.
fn project() -> (tempfile::TempDir, PathBuf) {
    let (t, p) = common::fixture_project();
    let write =
        |name: &str, text: &str| std::fs::write(p.join("episodes").join(name), text).unwrap();
    write(
        "lenten-walk.md",
        "---\ntitle: A Lenten Walk\ndate: 2027-03-10\n---\n\nWe walk with Him. The road is long.\n\n## Evening\n\nRest comes at night.\n",
    );
    write(
        "unfinished.md",
        "---\ntitle: Unfinished Thoughts\npublished: false\n---\n\nStill being written. Be patient.\n",
    );
    write(
        "wp-draft.html",
        "---\ntitle: From the Blog\nstatus: draft\ndate: 2027-02-01\n---\n<p>Grace upon grace. Amen.</p>\n",
    );
    (t, p)
}

fn read(p: &Path, rel: &str) -> Vec<u8> {
    std::fs::read(p.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn slugs_previewed(s: &devocast::build::preview::Summary) -> Vec<String> {
    s.outcomes
        .iter()
        .filter_map(|o| match o {
            Previewed::Built { source, .. } | Previewed::Unchanged { source, .. } => {
                Some(devocast::article::slug_of(source))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn held_articles_are_previewed_and_nothing_published_changes() {
    let (_t, p) = project();
    let voice = CountingVoice::default();
    let first = build(&p, &voice, &at(3, 1));
    assert_eq!((first.built(), first.held()), (2, 3));
    let feed = read(&p, "feed/feed.xml");
    let index = read(&p, "feed/index.html");
    let record = read(&p, "published.toml");
    let outputs: Vec<PathBuf> = std::fs::read_dir(p.join("feed"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();

    let s = preview(&p, &voice, &at(3, 1), &[]);
    assert_eq!((s.built(), s.failed()), (3, 0), "{:?}", s.outcomes);
    let mut got = slugs_previewed(&s);
    got.sort();
    assert_eq!(got, ["lenten-walk", "unfinished", "wp-draft"]);
    for slug in ["lenten-walk", "unfinished", "wp-draft"] {
        for ext in ["mp3", "html", "epub", "vtt", "chapters.json"] {
            let f = p.join(format!("feed/preview/{slug}.{ext}"));
            assert!(f.is_file(), "{} missing", f.display());
        }
        let mp3 = read(&p, &format!("feed/preview/{slug}.mp3"));
        assert!(mp3.len() > 1000 && (mp3.starts_with(b"ID3") || mp3[0] == 0xFF));
        let page = String::from_utf8(read(&p, &format!("feed/preview/{slug}.html"))).unwrap();
        assert!(
            page.contains("<meta name=\"robots\" content=\"noindex\">"),
            "{page}"
        );
        assert!(page.contains("Preview, not published"));
        assert!(page.contains(&format!("{slug}.mp3")));
    }
    let scheduled = String::from_utf8(read(&p, "feed/preview/lenten-walk.html")).unwrap();
    assert!(
        scheduled.contains("Scheduled for March 10, 2027"),
        "{scheduled}"
    );
    let list = String::from_utf8(read(&p, "feed/preview/index.html")).unwrap();
    assert!(list.contains("noindex") && list.contains("lenten-walk.html"));
    assert!(list.contains("A Lenten Walk") && list.contains("From the Blog"));

    // What is published is byte for byte what it was, and names no preview.
    assert_eq!(read(&p, "feed/feed.xml"), feed);
    assert_eq!(read(&p, "feed/index.html"), index);
    assert_eq!(read(&p, "published.toml"), record);
    for f in &outputs {
        assert!(f.exists(), "{} removed", f.display());
    }
    for text in [&feed, &index] {
        let text = String::from_utf8_lossy(text);
        for word in ["preview", "Lenten", "Unfinished", "From the Blog"] {
            assert!(!text.contains(word), "{word} in {text}");
        }
    }
    let record = String::from_utf8(record).unwrap();
    for slug in ["lenten-walk", "unfinished", "wp-draft"] {
        assert!(!record.contains(slug), "{record}");
    }
    // No episode file was written for a held article outside the preview folder.
    assert!(!p.join("feed/lenten-walk.html").exists());

    // Nothing changed: previewing again renders nothing.
    let before = voice.calls();
    let again = preview(&p, &voice, &at(3, 1), &[]);
    assert_eq!((again.built(), again.unchanged()), (0, 3));
    assert_eq!(voice.calls(), before);
}

#[test]
fn the_day_comes_and_the_build_renders_nothing_again() {
    let (_t, p) = project();
    let voice = CountingVoice::default();
    build(&p, &voice, &at(3, 1));
    preview(
        &p,
        &voice,
        &at(3, 1),
        &["episodes/lenten-walk.md", "wp-draft"],
    );
    // A normal build before the day keeps the previews, and their sentences in the cache.
    let s = build(&p, &voice, &at(3, 5));
    assert_eq!(s.held(), 3);
    assert!(p.join("feed/preview/lenten-walk.mp3").is_file());
    assert!(p.join("feed/preview/wp-draft.epub").is_file());
    let before = voice.calls();

    // The day comes, and the draft's mark is removed: both are published, numbered then,
    // and not one sentence is synthesized again.
    let draft = p.join("episodes/wp-draft.html");
    let text = std::fs::read_to_string(&draft).unwrap();
    std::fs::write(&draft, text.replace("status: draft\n", "")).unwrap();
    voice.said.lock().unwrap().clear();
    let s = build(&p, &voice, &at(3, 10));
    assert_eq!(s.built(), 2, "{:?}", s.outcomes);
    assert_eq!(s.synthesized, 0);
    assert_eq!(
        voice.calls(),
        before,
        "re-rendered: {:?}",
        voice.said.lock().unwrap()
    );
    let record = std::fs::read_to_string(p.join("published.toml")).unwrap();
    let numbered = |slug: &str| {
        record
            .split(&format!("[episodes.{slug}]"))
            .nth(1)
            .and_then(|rest| rest.split("\n[").next())
            .is_some_and(|t| t.contains("number = "))
    };
    assert!(numbered("lenten-walk") && numbered("wp-draft"), "{record}");
    let feed = String::from_utf8(read(&p, "feed/feed.xml")).unwrap();
    assert!(feed.contains("A Lenten Walk") && feed.contains("From the Blog"));
    // Their previews are gone with them; the one still held stays (unpreviewed: none).
    assert!(!p.join("feed/preview/lenten-walk.mp3").exists());
    assert!(!p.join("feed/preview/wp-draft.html").exists());
    assert!(
        !p.join("feed/preview").exists(),
        "an empty preview folder left"
    );
}

#[test]
fn a_build_keeps_only_the_previews_of_articles_still_held() {
    let (_t, p) = project();
    let voice = CountingVoice::default();
    preview(&p, &voice, &at(3, 1), &[]);
    // The draft is removed from the project; the others stay held.
    std::fs::remove_file(p.join("episodes/unfinished.md")).unwrap();
    build(&p, &voice, &at(3, 2));
    assert!(!p.join("feed/preview/unfinished.mp3").exists());
    assert!(!p.join("feed/preview/unfinished.html").exists());
    assert!(p.join("feed/preview/lenten-walk.mp3").is_file());
    let list = String::from_utf8(read(&p, "feed/preview/index.html")).unwrap();
    assert!(!list.contains("Unfinished") && list.contains("A Lenten Walk"));
    // `clean` removes them, folder and all.
    devocast::build::clean::clean(&p).unwrap();
    assert!(!p.join("feed/preview").exists());
}

#[test]
fn naming_an_article_that_is_not_held_says_there_is_nothing_to_preview() {
    let (_t, p) = project();
    let voice = CountingVoice::default();
    build(&p, &voice, &at(3, 1));
    let s = preview(&p, &voice, &at(3, 1), &["episodes/one.md", "lenten-walk"]);
    assert_eq!(slugs_previewed(&s), ["lenten-walk"]);
    assert_eq!(s.failed(), 1);
    let why = s
        .outcomes
        .iter()
        .find_map(|o| match o {
            Previewed::NotHeld { why, .. } => Some(why.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(why, NotHeld::Published(Some(1)));
    let report = s.report(&p);
    let text: Vec<&str> = report.lines.iter().map(|(_, l)| l.as_str()).collect();
    assert!(
        text.iter()
            .any(|l| l.contains("episodes/one.md") && l.contains("published already")),
        "{text:?}"
    );
    assert!(!p.join("feed/preview/one.mp3").exists());
    // Only the named article was previewed.
    assert!(!p.join("feed/preview/unfinished.mp3").exists());
    // A name that is no article fails, naming it.
    let s = preview(&p, &voice, &at(3, 1), &["episodes/nowhere.md"]);
    assert_eq!(s.failed(), 1);
    let report = format!("{:?}", s.report(&p).lines);
    assert!(report.contains("nowhere.md"), "{report}");
}

#[test]
fn a_bad_held_article_fails_alone_with_its_file_and_line() {
    let (_t, p) = project();
    std::fs::write(
        p.join("episodes/broken.md"),
        "---\ntitle: Broken\ndraft: true\ndate: 2027-02-30\n---\n\nNever mind.\n",
    )
    .unwrap();
    let voice = CountingVoice::default();
    let s = preview(&p, &voice, &at(3, 1), &[]);
    assert_eq!(s.built(), 3, "{:?}", s.outcomes);
    let errors: Vec<String> = s
        .outcomes
        .iter()
        .filter_map(|o| match o {
            Previewed::Failed { error, .. } => Some(format!("{error:#}")),
            _ => None,
        })
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("broken.md") && errors[0].contains("line 4"),
        "{errors:?}"
    );
    assert!(p.join("feed/preview/lenten-walk.mp3").is_file());
}

#[test]
fn preview_on_the_command_line_and_under_serve() {
    let (_t, p) = project();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_devocast"))
            .args(args)
            .current_dir(&p)
            .env("DEVOCAST_OFFLINE", "1")
            .output()
            .unwrap()
    };
    let out = run(&["build"]);
    assert!(out.status.success(), "{out:?}");
    let out = run(&["build", "--preview", "episodes/one.md"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("published already"),
        "{err}"
    );
    let out = run(&["build", ".", "--preview", "unfinished"]);
    assert!(out.status.success(), "{out:?}");
    assert!(p.join("feed/preview/unfinished.mp3").is_file());
    assert!(!p.join("feed/preview/lenten-walk.mp3").exists());
    let help = run(&["build", "--help"]);
    assert!(String::from_utf8_lossy(&help.stdout).contains("--preview"));

    // Served under /preview/, and the podcast's index does not link it.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let root = std::fs::canonicalize(p.join("feed")).unwrap();
    std::thread::spawn(move || {
        devocast::serve::serve_on(listener, &root, devocast::serve::Limits::default())
    });
    let get = |path: &str| {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).unwrap();
        String::from_utf8_lossy(&buf).into_owned()
    };
    let list = get("/preview/");
    assert!(
        list.starts_with("HTTP/1.1 200") && list.contains("unfinished.html"),
        "{list}"
    );
    let mp3 = get("/preview/unfinished.mp3");
    assert!(mp3.starts_with("HTTP/1.1 200") && mp3.contains("audio/mpeg"));
    let index = get("/");
    assert!(
        index.starts_with("HTTP/1.1 200") && !index.contains("preview"),
        "{index}"
    );
}

#[test]
fn preview_outcomes_are_not_build_outcomes() {
    // The build itself still only holds them.
    let (_t, p) = project();
    let voice = CountingVoice::default();
    preview(&p, &voice, &at(3, 1), &[]);
    let s = build(&p, &voice, &at(3, 1));
    let held = s
        .outcomes
        .iter()
        .filter(|o| matches!(o, Outcome::Held { .. }))
        .count();
    assert_eq!(held, 3);
    assert_eq!(s.built(), 2);
}
