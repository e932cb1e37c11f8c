//! Help at every step, for a producer who is not a programmer: the project is found from
//! any folder inside it, `init` starts one where the producer stands, every mistake in the
//! settings is named at once with its line and a likely fix, placeholders are pointed out
//! until changed, and what devocast says reads right.

mod common;

use std::path::Path;
use std::process::{Command, Output};

/// Runs devocast in `cwd` with exactly `args` (no project folder added).
fn run_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_devocast"))
        .args(args)
        .current_dir(cwd)
        .env("DEVOCAST_CACHE_DIR", cwd.join(".cache"))
        .env("DEVOCAST_OFFLINE", "1")
        .output()
        .unwrap()
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_project_is_found_from_any_folder_inside_it() {
    let (_t, p) = common::fixture_project();
    let deeper = p.join("episodes/drafts/old");
    std::fs::create_dir_all(&deeper).unwrap();
    for cwd in [p.join("episodes"), deeper.clone(), p.join("audio")] {
        let out = run_in(&cwd, &["check"]);
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "{}: {stdout}{stderr}", cwd.display());
        // The project's own articles are checked, not a project of defaults.
        assert!(
            stdout.contains("episodes/one.md") && stdout.contains("ok      devocast.toml"),
            "{}: {stdout}",
            cwd.display()
        );
    }
    // A build from inside builds the project, not the folder.
    let out = run_in(&deeper, &["build"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(p.join("feed/feed.xml").is_file(), "{stdout}");
    assert!(!deeper.join("feed").exists() && !deeper.join(".devocast").exists());
    // The next step it suggests can be typed where the producer stands.
    assert!(stdout.contains("devocast serve ../../.."), "{stdout}");
    // An explicit folder still works, from anywhere, and so does a folder inside it.
    let elsewhere = tempfile::tempdir().unwrap();
    let out = run_in(elsewhere.path(), &["check", p.to_str().unwrap()]);
    assert!(out.status.success(), "{:?}", text(&out));
    let inside = p.join("episodes");
    let out = run_in(elsewhere.path(), &["check", inside.to_str().unwrap()]);
    let (stdout, _) = text(&out);
    assert!(stdout.contains("episodes/one.md"), "{stdout}");
    for args in [&["voices"][..], &["clean"][..]] {
        let out = run_in(&deeper, args);
        assert!(out.status.success(), "{args:?}: {:?}", text(&out));
    }
    assert!(
        !p.join("feed").exists(),
        "clean from inside cleans the project"
    );
}

#[test]
fn check_outside_any_project_says_there_is_no_settings_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run_in(tmp.path(), &["check"]);
    let (stdout, _) = text(&out);
    assert!(!stdout.contains("ok      devocast.toml"), "{stdout}");
    assert!(
        stdout.contains("no devocast.toml in `.` or any folder above it"),
        "{stdout}"
    );
}

#[test]
fn init_without_a_folder_starts_the_project_where_the_producer_stands() {
    let tmp = tempfile::tempdir().unwrap();
    let here = tmp.path().join("my podcast");
    std::fs::create_dir_all(here.join(".git")).unwrap();
    let out = run_in(&here, &["init"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(here.join("devocast.toml").is_file());
    assert!(here.join("episodes/welcome.md").is_file());
    assert!(stdout.contains("`devocast build`"), "{stdout}");
    // A second init refuses, and so does one in a folder inside the project.
    assert!(!run_in(&here, &["init"]).status.success());
    let out = run_in(&here.join("episodes"), &["init"]);
    assert!(!out.status.success());
    assert!(
        text(&out).1.contains("inside the podcast project"),
        "{out:?}"
    );
    assert!(!here.join("episodes/devocast.toml").exists());
}

#[test]
fn init_adopts_a_folder_of_articles_and_refuses_one_of_other_work() {
    let tmp = tempfile::tempdir().unwrap();
    let blog = tmp.path().join("posts");
    std::fs::create_dir_all(&blog).unwrap();
    std::fs::write(
        blog.join("2026-01-15-grace.md"),
        "# Grace\n\nGrace abounds.\n",
    )
    .unwrap();
    std::fs::write(blog.join("Hope.TXT"), "Hope\n\nHope does not disappoint.\n").unwrap();
    std::fs::write(blog.join(".DS_Store"), "clutter").unwrap();
    std::fs::write(blog.join(".gitignore"), "*.bak").unwrap();
    let out = run_in(&blog, &["init"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(
        stdout.contains("adopted 2 articles") && stdout.contains("2026-01-15-grace.md"),
        "{stdout}"
    );
    assert!(blog.join("episodes/2026-01-15-grace.md").is_file());
    assert!(blog.join("episodes/Hope.TXT").is_file());
    assert!(!blog.join("2026-01-15-grace.md").exists());
    // No example episode among the producer's own; their .gitignore is kept and extended.
    assert!(!blog.join("episodes/welcome.md").exists());
    let ignore = std::fs::read_to_string(blog.join(".gitignore")).unwrap();
    assert!(
        ignore.starts_with("*.bak\n") && ignore.contains("/feed/"),
        "{ignore}"
    );
    // The adopted articles are the podcast's episodes.
    let out = run_in(&blog, &["check"]);
    let (stdout, _) = text(&out);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("episodes/Hope.TXT"), "{stdout}");

    // A folder holding anything but articles is someone's other work: left alone.
    for (other, is_dir) in [("notes.docx", false), ("Cargo.toml", false), ("src", true)] {
        let dir = tmp.path().join(format!("work-{other}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.md"), "# A\n\nText.\n").unwrap();
        if is_dir {
            std::fs::create_dir_all(dir.join(other)).unwrap();
        } else {
            std::fs::write(dir.join(other), "x").unwrap();
        }
        let out = run_in(&dir, &["init"]);
        let (_, stderr) = text(&out);
        assert!(!out.status.success(), "{other}");
        assert!(
            stderr.contains(other) && stderr.contains("not articles"),
            "{stderr}"
        );
        assert!(dir.join("a.md").is_file() && !dir.join("devocast.toml").exists());
        assert!(!dir.join("episodes").exists(), "{other}: nothing is made");
    }
}

#[test]
fn check_names_every_settings_mistake_at_once_with_its_line_and_fix() {
    let (_t, p) = common::fixture_project();
    let cfg = std::fs::read_to_string(p.join("devocast.toml")).unwrap();
    let bad = format!(
        "{cfg}\n[book]\nepbu = false\n\n[podcast.funding]\nulr = \"https://example.org/give\"\n"
    );
    let bad = bad.replacen(
        "[podcast]\n",
        "[podcast]\nlanguage = \"Portuguese\"\nauther = \"Ann\"\n",
        1,
    );
    assert_ne!(bad, format!("{cfg}\n[book]\nepbu = false\n\n[podcast.funding]\nulr = \"https://example.org/give\"\n"));
    std::fs::write(p.join("devocast.toml"), &bad).unwrap();
    let line_of = |needle: &str| bad.lines().position(|l| l.starts_with(needle)).unwrap() + 1;
    let out = run_in(&p, &["check"]);
    let (stdout, stderr) = text(&out);
    assert!(!out.status.success());
    let all = format!("{stdout}{stderr}");
    for (needle, what) in [
        ("auther", "did you mean `author`?"),
        ("epbu", "did you mean `epub`?"),
        ("ulr", "did you mean `url`?"),
        ("language", "did you mean \"pt\"?"),
    ] {
        let line = line_of(needle);
        assert!(
            all.contains(&format!("devocast.toml` line {line}: ")) && all.contains(what),
            "{needle} on line {line}: {all}"
        );
    }
    assert!(all.contains("has 4 problems"), "{all}");
}

#[test]
fn placeholders_from_init_are_pointed_out_by_check_and_build_until_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("devotions");
    std::fs::create_dir_all(&p).unwrap();
    assert!(run_in(&p, &["init"]).status.success());
    let cfg = std::fs::read_to_string(p.join("devocast.toml")).unwrap();
    let cfg = cfg.replace("engine = \"auto\"", "engine = \"embedded\"");
    std::fs::write(p.join("devocast.toml"), &cfg).unwrap();
    let wanted = [
        "podcast.title is still the example \"My Devotions\"",
        "podcast.author is still the example \"devocast\"",
        "podcast.email is still the example",
        "podcast.base_url is still http://localhost:8000",
        "episodes/welcome.md` is still the example episode",
    ];
    for args in [&["check"][..], &["build"][..]] {
        let out = run_in(&p, args);
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "{args:?}: {stdout}{stderr}");
        for w in wanted {
            assert!(stdout.contains(w), "{args:?} {w}: {stdout}");
        }
    }
    // Made the producer's own, they are no longer mentioned.
    let own = cfg
        .replace("\"My Devotions\"", "\"Bread for the Road\"")
        .replace(
            "\"Daily devotional readings.\"",
            "\"Five minutes with the Psalms.\"",
        )
        .replace("author = \"devocast\"", "author = \"Lydia Mwangi\"")
        .replace("you@example.org", "lydia@breadfortheroad.org")
        .replace(
            "http://localhost:8000",
            "https://breadfortheroad.org/podcast",
        );
    std::fs::write(p.join("devocast.toml"), own).unwrap();
    std::fs::write(
        p.join("episodes/welcome.md"),
        "# Day one\n\nThe Lord is near.\n",
    )
    .unwrap();
    let (stdout, _) = text(&run_in(&p, &["check"]));
    assert!(!stdout.contains("still the example"), "{stdout}");
    assert!(!stdout.contains("localhost"), "{stdout}");
}

#[test]
fn an_article_with_only_a_title_is_named_with_what_is_missing_and_the_rest_build() {
    let (_t, p) = common::fixture_project();
    for (name, text) in [
        ("only-title.md", "# Waiting on the Lord\n"),
        (
            "front-matter-only.md",
            "---\ntitle: Morning Light\ndate: 2026-01-05\n---\n\n",
        ),
        ("heading.txt", "Quiet Waters\n\n"),
    ] {
        std::fs::write(p.join("episodes").join(name), text).unwrap();
    }
    std::fs::write(p.join("episodes/empty.md"), "\n\n").unwrap();
    let out = run_in(&p, &["build"]);
    let (stdout, stderr) = text(&out);
    let all = format!("{stdout}{stderr}");
    for (name, title) in [
        ("only-title.md", "Waiting on the Lord"),
        ("front-matter-only.md", "Morning Light"),
        ("heading.txt", "Quiet Waters"),
    ] {
        let said = all
            .lines()
            .find(|l| l.contains(&format!("episodes/{name}")))
            .unwrap_or_else(|| panic!("{name} not named: {all}"));
        assert!(
            said.contains(&format!("no text after the title \"{title}\"")),
            "{said}"
        );
    }
    assert!(!all.contains("is the file empty?"), "{all}");
    assert!(all.contains("the file is empty"), "{all}");
    // The fixture's own episodes are still published.
    let feed = std::fs::read_to_string(p.join("feed/feed.xml")).unwrap();
    assert!(feed.contains("<item>"), "{feed}");
}

#[test]
fn counts_of_one_read_in_the_singular() {
    let (_t, p) = common::fixture_project();
    std::fs::write(
        p.join("episodes/single.md"),
        "# Grace\n\n## Morning\n\nGrace abounds.\n",
    )
    .unwrap();
    std::fs::write(p.join("lexicon.toml"), "").unwrap();
    let out = run_in(&p, &["check"]);
    let (stdout, stderr) = text(&out);
    assert!(
        stdout.contains("\"Grace\", 4 words, 1 heading\n"),
        "{stdout}{stderr}"
    );
    // No count of one anywhere is followed by a plural noun.
    for line in stdout.lines() {
        for plural in [
            "1 headings",
            "1 words",
            "1 entries",
            "1 episodes",
            "1 warnings",
        ] {
            assert!(
                !line.contains(&format!(" {plural}")) && !line.contains(&format!("({plural}")),
                "{line}"
            );
        }
    }
}

#[test]
fn the_jobs_option_says_what_it_does_and_its_default_once() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [&["build", "--help"][..], &["build", "-h"][..]] {
        let out = run_in(tmp.path(), args);
        let (stdout, _) = text(&out);
        let start = stdout.find("--jobs").expect("--jobs is listed");
        let rest = &stdout[start..];
        // Its help runs until the next option.
        let end = rest[2..].find("\n  -").map_or(rest.len(), |i| i + 2);
        let help = &rest[..end];
        assert!(help.contains("at the same time"), "{help}");
        assert_eq!(help.to_lowercase().matches("default").count(), 1, "{help}");
        assert!(help.contains("one per core"), "{help}");
        assert!(!help.contains("[default: 0]"), "{help}");
    }
}

#[test]
fn a_missing_hymn_recording_is_said_once_a_build_however_many_episodes_sing_it() {
    let (_t, p) = common::fixture_project();
    std::fs::remove_file(p.join("audio/hymns/7.ogg")).unwrap();
    for (name, hymn) in [
        ("a.md", 7),
        ("b.md", 7),
        ("c.md", 7),
        ("d.md", 7),
        ("e.md", 451),
    ] {
        std::fs::write(
            p.join("episodes").join(name),
            format!("# Song {name}\n\nWe sing together.\n\n> Abide with me,\n> fast falls the eventide.\n> (Hymns #{hymn})\n\nAnd again, Hymn {hymn}.\n"),
        )
        .unwrap();
    }
    for args in [&["build"][..], &["check"][..]] {
        let out = run_in(&p, args);
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "{args:?}: {stdout}{stderr}");
        for n in [7, 451] {
            let said = stdout
                .lines()
                .filter(|l| l.contains(&format!("no recording for hymn {n}:")))
                .count();
            // The build says it as the episode is built and once more in its summary.
            let times = if args[0] == "build" { 2 } else { 1 };
            assert_eq!(said, times, "{args:?} hymn {n}: {stdout}");
        }
    }
    let out = run_in(&p, &["build", "--force"]);
    let (stdout, _) = text(&out);
    assert!(stdout.contains("2 warnings:"), "{stdout}");
    // The summary names the episodes the warning concerns.
    let summary = stdout
        .lines()
        .find(|l| l.starts_with("  ") && l.contains("no recording for hymn 7:"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(
        summary.contains("and 2 more") || summary.matches(", ").count() >= 2,
        "{summary}"
    );
}
