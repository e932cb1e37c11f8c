//! `devocast script` end to end: the producer's proofreading view of what will be spoken.

use std::path::Path;
use std::process::Command;

fn script(file: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_devocast"))
        .arg("script")
        .arg(file)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn prints_cues_as_they_will_be_spoken() {
    let out = script(Path::new("tests/fixtures/seed-shape.txt"), &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "chapter  The Lord is Shepherding Us from the Heavens and the Spirit is Shepherding Us in our Spirit",
        "speak    According to John chapter fourteen and Romans chapter eight, the Lord is preparing a place",
        "(First Peter chapter one, verse three)",
        "(see Romans chapter eight, verses twenty-nine, and thirty-four through thirty-nine; chapter twelve, verses four and five)",
        "On one side He is seated in the heavens (Romans chapter eight, verse thirty-four); on the other side, He is with our spirit (Second Timothy chapter four, verse twenty-two).",
        "hymn     #812 Shepherd, lead us, ever near (Hymn 812)",
        "speak    (Hymns, number eight hundred twelve)",
        "speak    (Hymns, number twelve oh seven)",
        "messages twelve to thirteen",
        "(twenty seventeen Spring), message four",
        "pages thirty-one to thirty-two",
        "speak    Amen!",
        "pause    ",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // What the article says is shown beside what is read, for proofreading.
    assert!(text.contains("(written: In God’s view, when Christ rose, we rose with Him; we were born anew through His resurrection from the dead (1 Pet. 1:3).)"));
    // Nothing a voice would read as a time or a digit string is left.
    for line in text.lines().filter(|l| l.trim_start().starts_with("speak")) {
        assert!(
            !line.chars().any(|c| c.is_ascii_digit()),
            "digits left in {line}"
        );
    }
}

#[test]
fn json_output_is_machine_readable() {
    let out = script(Path::new("tests/fixtures/seed-shape.txt"), &["--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cues = v["cues"].as_array().unwrap();
    assert_eq!(cues[0]["cue"], "chapter");
    let hymn = cues.iter().find(|c| c["cue"] == "hymn").unwrap();
    assert_eq!(hymn["number"], 812);
    assert!(
        cues.iter()
            .any(|c| c["cue"] == "speak"
                && c["text_spoken"].as_str().unwrap().contains("First Peter"))
    );
}

#[test]
fn project_lexicon_applies_and_its_errors_name_the_line() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("episodes")).unwrap();
    std::fs::write(
        tmp.path().join("devocast.toml"),
        "[voice]\nengine = \"embedded\"\n",
    )
    .unwrap();
    let article = tmp.path().join("episodes/a.md");
    std::fs::write(
        &article,
        "---\ntitle: Names\n---\n\n## Salem\n\nMelchizedek met Abram at Salem.\n",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("lexicon.toml"),
        "# names\nSalem = \"say lem\"\n",
    )
    .unwrap();
    let out = script(&article, &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("mel kizzadeck met Abram at say lem."),
        "{text}"
    );

    std::fs::write(
        tmp.path().join("lexicon.toml"),
        "Salem = \"say lem\"\nBad = \n",
    )
    .unwrap();
    let out = script(&article, &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("lexicon.toml") && err.contains("line 2"),
        "{err}"
    );
}

#[test]
fn each_hymn_says_whether_its_recording_plays_and_which_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    for sub in ["episodes", "audio/hymns", "audio/music"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    let tone = "tests/fixtures/clips/tone-44100-mono.ogg";
    std::fs::copy(tone, dir.join("audio/hymns/302.ogg")).unwrap();
    std::fs::copy(tone, dir.join("audio/music/forty-one.ogg")).unwrap();
    std::fs::write(
        dir.join("devocast.toml"),
        "[voice]\nengine = \"embedded\"\n\n[hymns.41]\nfile = \"audio/music/forty-one.ogg\"\ntitle = \"Be Still\"\n",
    )
    .unwrap();
    let article = dir.join("episodes/a.md");
    std::fs::write(
        &article,
        "---\ntitle: Kept\ndate: 2026-01-05\n---\n\nSing Hymn 40 and hymn #41 with us.\n\n\
         > Come, weary one,\n> lay down your load;\n> (Hymn 302)\n",
    )
    .unwrap();
    let out = script(&article, &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for expected in [
        "hymn     Hymn 40 (no recording: add audio/hymns/40.mp3",
        "hymn     #41 Be Still (recording: audio/music/forty-one.ogg)\n  speak    Hymn forty-one: Be Still.\n",
        "hymn     #302 Come, weary one (Hymn 302) (recording: audio/hymns/302.ogg)\n  speak    Hymn three hundred two: Come, weary one.\n",
        "  shown    lay down your load;\n",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }

    let out = script(&article, &["--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hymns = v["hymns"].as_array().unwrap();
    let facts: Vec<(u64, Option<&str>)> = hymns
        .iter()
        .map(|h| (h["number"].as_u64().unwrap(), h["recording"].as_str()))
        .collect();
    assert_eq!(
        facts,
        vec![
            (40, None),
            (41, Some("audio/music/forty-one.ogg")),
            (302, Some("audio/hymns/302.ogg"))
        ]
    );
    assert!(hymns[0]["missing"]
        .as_str()
        .unwrap()
        .contains("audio/hymns/40.mp3"));
    // The cues are still at the top level, the announcement inside its hymn.
    let cue = v["cues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["cue"] == "hymn" && c["number"] == 302)
        .unwrap();
    assert_eq!(
        cue["announcement"][0]["text_shown"],
        "Hymn 302: Come, weary one"
    );
}

#[test]
fn a_spanish_podcast_is_read_by_spanish_rules_and_plays_spanish_hymn_citations() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    for sub in ["episodes", "audio/hymns"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    let tone = "tests/fixtures/clips/tone-44100-mono.ogg";
    std::fs::copy(tone, dir.join("audio/hymns/302.ogg")).unwrap();
    std::fs::copy(tone, dir.join("audio/hymns/812.ogg")).unwrap();
    std::fs::write(
        dir.join("devocast.toml"),
        "[podcast]\nlanguage = \"es-MX\"\n\n[voice]\nengine = \"embedded\"\n",
    )
    .unwrap();
    let article = dir.join("episodes/a.md");
    std::fs::write(
        &article,
        "---\ntitle: Amor\ndate: 2026-02-25\n---\n\nEl 25 de febrero, a las 7:30, leímos Jn 3:16. \
         ¿Quién nos amó así? ¡Dios! Cantemos el Himno 302.\n\n\
         > Oh amor de Dios,\n> profundo y eterno;\n> (Himnos #812)\n",
    )
    .unwrap();
    let out = script(&article, &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for expected in [
        "speak    El veinticinco de febrero, a las siete y media, leímos Juan, capítulo tres, versículo dieciséis.\n",
        "speak    ¿Quién nos amó así?\n",
        "speak    ¡Dios!\n",
        "speak    Cantemos el Himno trescientos dos.\n",
        "(recording: audio/hymns/302.ogg)",
        "(recording: audio/hymns/812.ogg)",
        "#812 Oh amor de Dios (Himno 812)",
        "speak    Himno ochocientos doce: Oh amor de Dios.\n",
        // The announcement's date, in Spanish.
        "speak    veinticinco de febrero de dos mil veintiséis.\n",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn an_article_in_another_language_than_the_podcast_is_read_by_its_own_rules() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("episodes")).unwrap();
    std::fs::write(
        dir.join("devocast.toml"),
        "[voice]\nengine = \"embedded\"\n\n[production]\nannounce = false\n",
    )
    .unwrap();
    let md = dir.join("episodes/a.md");
    std::fs::write(
        &md,
        "---\ntitle: Gracia\nlang: es\n---\n\nLeamos Ef 2:8 a las 6:30.\n",
    )
    .unwrap();
    let html = dir.join("episodes/b.html");
    std::fs::write(
        &html,
        "<!doctype html><html lang=\"es-419\"><head><title>Fe</title></head><body><article>\
         <h1>Fe</h1><p>Según Heb 11:1, tenía 21 años.</p></article></body></html>",
    )
    .unwrap();
    let en = dir.join("episodes/c.md");
    std::fs::write(&en, "---\ntitle: Grace\n---\n\nRead Eph. 2:8 at 6:30.\n").unwrap();
    for (file, expected) in [
        (
            &md,
            "speak    Leamos Efesios, capítulo dos, versículo ocho a las seis y media.\n",
        ),
        (
            &html,
            "speak    Según Hebreos, capítulo once, versículo uno, tenía veintiún años.\n",
        ),
        (
            &en,
            "speak    Read Ephesians chapter two, verse eight at six thirty.\n",
        ),
    ] {
        let out = script(file, &[]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}
