//! Hymns across the stages, with the real binary: every common citation form, after a stanza
//! and in prose, in each article format, plays its recording named by the narrator (or warns
//! once that there is none); a sign-off is no chapter; lines broken with `<br>` are no hymn.

mod common;
use common::{fixture_project, published};
use std::path::Path;
use std::process::Command;

fn devocast(project: &Path, args: &[&str]) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_devocast"))
        .args(args)
        .arg(project)
        .env("DEVOCAST_CACHE_DIR", project.join(".cache"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Recordings for these hymn numbers (a short tone each).
fn record(project: &Path, numbers: &[u32]) {
    for n in numbers {
        std::fs::copy(
            "tests/fixtures/clips/tone-44100-mono.ogg",
            project.join(format!("audio/hymns/{n}.ogg")),
        )
        .unwrap();
    }
}

/// The fixture project with one article per format citing hymns in stanzas and prose.
fn project() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, project) = fixture_project();
    for f in ["one.md", "two.txt"] {
        std::fs::remove_file(project.join("episodes").join(f)).unwrap();
    }
    let stanza =
        |cite: &str, sep: &str| format!("Come, weary one,{sep}lay down your load;{sep}{cite}");
    let plain = format!(
        "Hymns in Plain Text\nWe sing to the Lord. Sing Hymn 53 with us.\nA Stanza Here\n# {}\n# {}\n\
         Turn to Hymn No. 61 tonight.\nHe bears it all; we sang hymn #99 last week.\n\
         One more word: (Hymns #99) again.\n# Line x, / line y (Hymns #98)\n# Line x, / line y (Hymns #98)\n\
         Grace and peace,\nPastor Ana Ruiz\nHope Fellowship Church\n",
        stanza("(Hymn 50)", " / "),
        stanza("(Hymns 60)", " / "),
    );
    let marked = format!(
        "---\ntitle: Hymns in Markdown\ndate: 2026-01-06\n---\n\nWe sing to the Lord (Hymns 54).\n\n\
         ## A Stanza Here\n\n> {}\n\nHe bears it all.\n\n> {}\n\nSing Hymn 63 today.\n",
        stanza("Hymn No. 51", "\n> "),
        stanza("(hymn #62)", "\n> "),
    );
    let paged = format!(
        "<html><head><title>Hymns in HTML</title><meta property=\"article:published_time\" content=\"2026-01-07\"></head>\
         <body><article><h1>Hymns in HTML</h1><p>We sing to the Lord; turn to hymn #55.</p><h2>A Stanza Here</h2>\
         <p>{}</p><blockquote><p>{}</p></blockquote><p>Then we rest (Hymn 65).</p><p>{}</p>\
         <h2>A Psalm Here</h2><p>The Lord is my shepherd;<br>I shall not want.<br>He makes me lie down in green pastures.</p>\
         <p>In Christ,<br>Brother Tom</p></article></body></html>",
        stanza("&mdash; Hymn 52", "<br>"),
        stanza("(Hymns #64)", "<br>"),
        stanza("(Hymn 66)", "</p><p>"),
    );
    for (name, text) in [
        ("plain.txt", plain),
        ("marked.md", marked),
        ("paged.html", paged),
    ] {
        std::fs::write(project.join("episodes").join(name), text).unwrap();
    }
    record(
        &project,
        &[50, 51, 52, 53, 54, 55, 60, 61, 62, 63, 64, 65, 66],
    );
    (tmp, project)
}

fn chapters(project: &Path, slug: &str) -> Vec<String> {
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(published(project, slug).chapters).unwrap())
            .unwrap();
    json["chapters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["title"].as_str().unwrap().to_string())
        .collect()
}

/// The VTT's cues as text, one per cue.
fn captions(project: &Path, slug: &str) -> Vec<String> {
    let vtt = std::fs::read_to_string(published(project, slug).vtt).unwrap();
    vtt.split("\n\n")
        .filter(|b| b.contains("-->"))
        .map(|b| {
            b.lines()
                .skip_while(|l| !l.contains("-->"))
                .skip(1)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn every_citation_form_plays_its_recording_announced() {
    let (_tmp, project) = project();
    let out = devocast(&project, &["build"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    // (slug, hymns quoted in a stanza, hymns cited in prose)
    let cases: [(&str, &[u32], &[u32]); 3] = [
        ("plain", &[50, 60], &[53, 61]),
        ("marked", &[51, 62], &[54, 63]),
        ("paged", &[52, 64, 66], &[55, 65]),
    ];
    for (slug, stanzas, prose) in cases {
        let titles = chapters(&project, slug);
        let caps = captions(&project, slug);
        let stanzas = stanzas.iter().map(|n| {
            (
                *n,
                format!("Come, weary one (Hymn {n})"),
                format!("Hymn {n}: Come, weary one"),
            )
        });
        let prose = prose
            .iter()
            .map(|n| (*n, format!("Hymn {n}"), format!("Hymn {n}")));
        for (n, title, named) in stanzas.chain(prose) {
            assert!(
                titles.contains(&title),
                "{slug}: no chapter {title:?} in {titles:?}"
            );
            // The narrator names it, then the music plays.
            let at = caps
                .iter()
                .position(|c| *c == named)
                .unwrap_or_else(|| panic!("{slug}: {named:?} not announced in {caps:?}"));
            assert_eq!(caps[at + 1], format!("♪ {title}"), "{slug}: {caps:?}");
            assert!(
                !stdout.contains(&format!("no recording for hymn {n}:")),
                "{stdout}"
            );
        }
    }
    // Cited twice in prose, or quoted twice, with no recording: one warning each, and no
    // announcement.
    for n in [98, 99] {
        let warning = format!("warning episodes/plain.txt: no recording for hymn {n}:");
        assert_eq!(stdout.matches(&warning).count(), 1, "{stdout}");
    }
    let caps = captions(&project, "plain");
    assert!(!caps.iter().any(|c| c.starts_with("Hymn 9")), "{caps:?}");

    // The sign-off is read, line by line, and is no chapter.
    let plain = chapters(&project, "plain");
    assert!(
        !plain
            .iter()
            .any(|t| t.contains("Pastor") || t.contains("Hope Fellowship")),
        "{plain:?}"
    );
    let at = caps.iter().position(|c| c == "Grace and peace,").unwrap();
    assert_eq!(
        caps[at + 1..],
        ["Pastor Ana Ruiz", "Hope Fellowship Church"]
    );

    // The psalm and the closing broken with <br> are read line by line, and no hymn.
    let paged = chapters(&project, "paged");
    assert!(
        !paged
            .iter()
            .any(|t| t.contains("shepherd") || t.contains("In Christ")),
        "{paged:?}"
    );
    let caps = captions(&project, "paged");
    assert!(caps.iter().any(|c| c == "I shall not want."), "{caps:?}");
    let feed = std::fs::read_to_string(project.join("feed/feed.xml")).unwrap();
    assert!(!feed.contains("shepherd (read)") && !feed.contains("In Christ (read)"));
    assert!(feed.contains("Come, weary one (Hymn 52) (recording)"));
}

#[test]
fn announcements_can_be_turned_off() {
    let (_tmp, project) = project();
    let config = project.join("devocast.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!("{text}\n[production]\nannounce_hymns = false\n"),
    )
    .unwrap();
    devocast(&project, &["build"]);
    for slug in ["plain", "marked", "paged"] {
        let caps = captions(&project, slug);
        assert!(
            !caps.iter().any(|c| c.starts_with("Hymn ")),
            "{slug}: announced anyway: {caps:?}"
        );
        // The recordings still play.
        assert!(
            caps.iter().any(|c| c.starts_with("♪ Come, weary one")),
            "{caps:?}"
        );
    }
}

#[test]
fn a_recordings_title_names_it() {
    let (_tmp, project) = project();
    let config = project.join("devocast.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!(
            "{text}\n[hymns.51]\nfile = \"audio/hymns/51.ogg\"\ntitle = \"Rest for the Weary\"\n"
        ),
    )
    .unwrap();
    devocast(&project, &["build"]);
    let caps = captions(&project, "marked");
    let at = caps
        .iter()
        .position(|c| c == "Hymn 51: Rest for the Weary")
        .unwrap_or_else(|| panic!("{caps:?}"));
    assert_eq!(caps[at + 1], "♪ Rest for the Weary");
}
