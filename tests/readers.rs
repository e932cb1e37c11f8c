//! Two readers (`[voices.*]`): Scripture, quotations, hymn words read aloud and prayers each
//! read by the voice configured for them, level-matched to the narrator, named in the
//! transcript, cached per voice and recorded in published.toml like the narrator.
//!
//! The voices are fakes that look like Piper voices, each with its own tone and level, and
//! record what they were asked to say.

mod common;

use anyhow::Result;
use devocast::build::{build_with_cast, Options, Summary};
use devocast::config::Role;
use devocast::voice::Voice;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use common::piper_like::PiperLike as Fake;

fn fake(name: &'static str, gain: f32) -> Fake {
    Fake::new(name).gain(gain)
}

const NARRATOR: &str = "xx_XX-narrator-low";
const SCRIPTURE: &str = "xx_XX-scripture-low";
const OTHER_SCRIPTURE: &str = "xx_XX-lector-low";
const PRAYER: &str = "xx_XX-prayer-low";
const STANZA: &str = "xx_XX-hymn-low";

const DEVOTION: &str = "---
title: Rest for the Weary
date: 2026-01-12
---

We are tired, and God knows it. Jesus says, “Come to me, all you who are weary and burdened.” (Matthew 11:28) Rest is a gift.

> The Lord is my shepherd; I shall not want.
>
> — Psalm 23:1

> Courage is fear that has said its prayers.
>
> — Dorothy Bernstein

> Come, you weary, come and rest,
> lean on Him.
> (Hymns #302)

## Closing Prayer

Lord, give us rest. Keep us in your peace. Amen.
";

/// The fixture with our devotion, the narrator and `extra` settings in devocast.toml.
fn project(extra: &str) -> (tempfile::TempDir, PathBuf) {
    let (t, p) = common::fixture_project();
    std::fs::write(p.join("episodes/2026-01-12-rest.md"), DEVOTION).unwrap();
    set_config(&p, extra);
    (t, p)
}

fn set_config(p: &Path, extra: &str) {
    let cfg = p.join("devocast.toml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    let start = text.find("[voice]").unwrap();
    let end = text.find("[audio]").unwrap();
    std::fs::write(
        &cfg,
        format!(
            "{}[voice]\nengine = \"piper\"\nmodel = \"{NARRATOR}\"\n\n{extra}\n{}",
            &text[..start],
            &text[end..]
        ),
    )
    .unwrap();
}

fn voices_toml(scripture: &str) -> String {
    format!(
        "[voices.scripture]\nmodel = \"{scripture}\"\n\n[voices.prayer]\nmodel = \"{PRAYER}\"\n\n[voices.stanza]\nmodel = \"{STANZA}\"\n"
    )
}

fn build(
    p: &Path,
    narrator: &Fake,
    readers: &[(Role, &Fake)],
    options: &Options,
) -> Result<Summary> {
    let readers: Vec<(Role, Arc<dyn Voice>)> = readers
        .iter()
        .map(|(r, v)| (*r, Arc::new((*v).clone()) as Arc<dyn Voice>))
        .collect();
    build_with_cast(p, options, Box::new(narrator.clone()), readers, &|_| {})
}

/// The devotion's published file whose name ends with `suffix`, as bytes.
fn feed_file(p: &Path, suffix: &str) -> Vec<u8> {
    let feed = p.join("feed");
    let name = std::fs::read_dir(&feed)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("2026-01-12-rest") && n.ends_with(suffix))
        .unwrap_or_else(|| panic!("no {suffix}"));
    std::fs::read(feed.join(name)).unwrap()
}

/// The feed's VTT transcript of the devotion.
fn vtt(p: &Path) -> String {
    String::from_utf8(feed_file(p, ".vtt")).unwrap()
}

/// The talking book's package document.
fn opf(p: &Path) -> String {
    use std::io::Read;
    let bytes = feed_file(p, ".epub");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.name().unwrap().ends_with(".opf") {
            let mut text = String::new();
            f.read_to_string(&mut text).unwrap();
            return text;
        }
    }
    panic!("no package document")
}

/// Every HTML page of the devotion, one after another.
fn pages(p: &Path) -> String {
    std::fs::read_dir(p.join("feed"))
        .unwrap()
        .flatten()
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with("2026-01-12-rest") && n.ends_with(".html")
        })
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect()
}

fn cast() -> (Fake, Fake, Fake, Fake) {
    (
        fake(NARRATOR, 0.3),
        fake(SCRIPTURE, 0.05),
        fake(PRAYER, 0.6),
        fake(STANZA, 0.2),
    )
}

#[test]
fn each_part_is_read_by_its_own_voice_and_the_transcript_says_who() {
    let (_t, p) = project(&voices_toml(SCRIPTURE));
    let (n, s, pr, st) = cast();
    let readers = [
        (Role::Scripture, &s),
        (Role::Prayer, &pr),
        (Role::Stanza, &st),
    ];
    let summary = build(&p, &n, &readers, &Options::default()).unwrap();
    assert!(
        summary.voice.contains("(narrator)") && summary.voice.contains("(scripture)"),
        "{}",
        summary.voice
    );
    let has = |v: &Fake, part: &str| v.said().iter().any(|t| t.contains(part));
    // The quotation with its reference, and the block quote cited by a reference.
    assert!(has(&s, "Come to me"), "{:?}", s.said());
    assert!(has(&s, "shepherd"), "{:?}", s.said());
    assert!(has(&pr, "give us rest"), "{:?}", pr.said());
    assert!(has(&st, "lean on Him"), "{:?}", st.said());
    // The narrator reads the rest, and none of theirs.
    assert!(has(&n, "Rest is a gift"));
    assert!(
        has(&n, "Courage is fear"),
        "another quotation is no Scripture"
    );
    assert!(has(&n, "Closing Prayer"), "the heading is the narrator's");
    for part in ["Come to me", "shepherd", "give us rest", "lean on Him"] {
        assert!(!has(&n, part), "the narrator read {part:?}");
    }
    let vtt = vtt(&p);
    assert!(vtt.contains("<v Narrator>"), "{vtt}");
    assert!(
        vtt.contains("<v Scripture reader>The Lord is my shepherd"),
        "{vtt}"
    );
    assert!(
        vtt.contains("<v Prayer reader>Lord, give us rest."),
        "{vtt}"
    );
    // The transcript page marks the reader; the book lists each voice as a narrator.
    let html = pages(&p);
    assert!(
        html.contains("<span class=\"reader scripture\"><span class=\"vh\">Scripture reader: </span>The Lord is my shepherd"),
        "{html}"
    );
    let opf = opf(&p);
    assert_eq!(opf.matches("<dc:contributor id=\"nrt-").count(), 4, "{opf}");
    assert!(opf.contains("scheme=\"marc:relators\">nrt</meta>"), "{opf}");
    assert!(
        opf.contains(&format!("Piper {SCRIPTURE} (test) (Scripture reader)")),
        "{opf}"
    );
    // In the finished episode every reader is as loud as the narrator (their voices differ
    // by 16 dB and more), measured over the cues the transcript gives each.
    let master =
        devocast::audio::decode::decode_file(&p.join("masters/2026-01-12-rest.wav")).unwrap();
    let mut by_reader: std::collections::BTreeMap<String, Vec<(usize, usize)>> = Default::default();
    let frame = |stamp: &str| {
        let (h, rest) = stamp.split_once(':').unwrap();
        let (m, s) = rest.split_once(':').unwrap();
        let secs = h.parse::<f64>().unwrap() * 3600.0
            + m.parse::<f64>().unwrap() * 60.0
            + s.parse::<f64>().unwrap();
        (secs * f64::from(master.rate)) as usize
    };
    let cues: Vec<&str> = vtt.lines().collect();
    for w in cues.windows(2) {
        if let (Some((a, b)), Some(rest)) = (w[0].split_once(" --> "), w[1].strip_prefix("<v ")) {
            let who = rest.split('>').next().unwrap().to_string();
            by_reader.entry(who).or_default().push((frame(a), frame(b)));
        }
    }
    let level =
        |who: &str| devocast::audio::readers::loudness_of(&master, &by_reader[who]).unwrap();
    let narrator = level("Narrator");
    for who in ["Scripture reader", "Prayer reader", "Hymn reader"] {
        let l = level(who);
        assert!(
            (l - narrator).abs() <= 1.0,
            "{who}: {l} LUFS, narrator {narrator}"
        );
    }
    // Each part's voice is recorded beside the narrator's.
    let published = std::fs::read_to_string(p.join("published.toml")).unwrap();
    for table in [
        "[voice]",
        "[readers.scripture]",
        "[readers.prayer]",
        "[readers.stanza]",
    ] {
        assert!(published.contains(table), "{table}: {published}");
    }
}

#[test]
fn without_voices_of_their_own_nothing_changes() {
    let (_t, p) = project("");
    let n = fake(NARRATOR, 0.3);
    build(&p, &n, &[], &Options::default()).unwrap();
    let vtt = vtt(&p);
    assert!(!vtt.contains("<v "), "{vtt}");
    assert!(!pages(&p).contains("class=\"reader"));
    assert!(!opf(&p).contains("dc:contributor"));
    let published = std::fs::read_to_string(p.join("published.toml")).unwrap();
    assert!(!published.contains("readers"), "{published}");
    // The one voice read everything, the Scripture too.
    assert!(n.said().iter().any(|t| t.contains("shepherd")));
}

#[test]
fn a_new_scripture_voice_reads_only_the_scripture_again() {
    let (_t, p) = project(&voices_toml(SCRIPTURE));
    let (n, s, pr, st) = cast();
    build(
        &p,
        &n,
        &[
            (Role::Scripture, &s),
            (Role::Prayer, &pr),
            (Role::Stanza, &st),
        ],
        &Options::default(),
    )
    .unwrap();
    // devocast.toml now asks for another Scripture reader: a decision, taken.
    set_config(&p, &voices_toml(OTHER_SCRIPTURE));
    let (n2, pr2, st2) = (fake(NARRATOR, 0.3), fake(PRAYER, 0.6), fake(STANZA, 0.2));
    let s2 = fake(OTHER_SCRIPTURE, 0.1);
    build(
        &p,
        &n2,
        &[
            (Role::Scripture, &s2),
            (Role::Prayer, &pr2),
            (Role::Stanza, &st2),
        ],
        &Options::default(),
    )
    .unwrap();
    assert!(n2.said().is_empty(), "narrator re-read {:?}", n2.said());
    assert!(pr2.said().is_empty(), "prayer re-read {:?}", pr2.said());
    assert!(st2.said().is_empty(), "stanza re-read {:?}", st2.said());
    let mut again = s2.said();
    again.sort();
    let mut first = s.said();
    first.sort();
    assert_eq!(again, first, "only the Scripture, all of it");
    let published = std::fs::read_to_string(p.join("published.toml")).unwrap();
    assert!(published.contains(OTHER_SCRIPTURE), "{published}");
}

#[test]
fn another_scripture_voice_without_a_decision_is_refused() {
    let (_t, p) = project(&voices_toml(SCRIPTURE));
    let (n, s, pr, st) = cast();
    build(
        &p,
        &n,
        &[
            (Role::Scripture, &s),
            (Role::Prayer, &pr),
            (Role::Stanza, &st),
        ],
        &Options::default(),
    )
    .unwrap();
    let before = std::fs::read_to_string(p.join("published.toml")).unwrap();
    // Same settings, but this machine found another voice for the Scripture.
    let stranger = fake(OTHER_SCRIPTURE, 0.1);
    let readers = [
        (Role::Scripture, &stranger),
        (Role::Prayer, &pr),
        (Role::Stanza, &st),
    ];
    let err = build(&p, &n, &readers, &Options::default()).unwrap_err();
    let text = format!("{err:#}");
    assert!(
        text.contains("[voices.scripture]") && text.contains("nothing built"),
        "{text}"
    );
    assert!(stranger.said().is_empty());
    assert_eq!(
        std::fs::read_to_string(p.join("published.toml")).unwrap(),
        before
    );
    // With --change-voice it is a decision.
    let change = Options {
        change_voice: true,
        ..Options::default()
    };
    build(&p, &n, &readers, &change).unwrap();
    let after = std::fs::read_to_string(p.join("published.toml")).unwrap();
    assert!(after.contains(OTHER_SCRIPTURE), "{after}");
}

#[test]
fn the_script_shows_each_sentences_reader_and_voice() {
    let (_t, p) = project(&voices_toml(SCRIPTURE));
    let file = p.join("episodes/2026-01-12-rest.md");
    let json: serde_json::Value =
        serde_json::from_str(&devocast::build::proofread::script_text(&file, true).unwrap())
            .unwrap();
    let reader_of = |words: &str| {
        json["cues"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| {
                let mut all = vec![c.clone()];
                for inner in ["announcement", "fallback"] {
                    all.extend(c[inner].as_array().cloned().unwrap_or_default());
                }
                all
            })
            .find(|c| c["text_shown"].as_str().is_some_and(|t| t.contains(words)))
            .unwrap_or_else(|| panic!("{words}"))["reader"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(reader_of("shepherd"), "scripture");
    assert_eq!(reader_of("Come to me"), "scripture");
    assert_eq!(reader_of("give us rest"), "prayer");
    assert_eq!(reader_of("lean on Him"), "stanza");
    assert_eq!(reader_of("Courage is fear"), "quote");
    assert_eq!(reader_of("Rest is a gift"), "narrator");
    assert_eq!(json["voices"]["scripture"], format!("Piper {SCRIPTURE}"));
    assert_eq!(json["voices"]["narrator"], format!("Piper {NARRATOR}"));
    // Quotations have no voice of their own here: the narrator's.
    assert_eq!(json["voices"]["quote"], format!("Piper {NARRATOR}"));
    let text = devocast::build::proofread::script_text(&file, false).unwrap();
    assert!(
        text.contains(&format!("voice    scripture: Piper {SCRIPTURE}")),
        "{text}"
    );
    assert!(text.contains("(read by: scripture)"), "{text}");
}

const DEVOCION: &str = "---
title: Descanso para el cansado
date: 2026-01-12
---

Estamos cansados, y Dios lo sabe. El descanso es un regalo.

> Jehová es mi pastor; nada me faltará.
>
> — Salmo 23:1

## Oración

Señor, danos descanso. Guárdanos en tu paz. Amén.
";

#[test]
fn a_spanish_podcast_names_its_readers_in_spanish() {
    let (_t, p) = project(&voices_toml(SCRIPTURE));
    std::fs::write(p.join("episodes/2026-01-12-rest.md"), DEVOCION).unwrap();
    let cfg = p.join("devocast.toml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(
        &cfg,
        text.replacen("[podcast]\n", "[podcast]\nlanguage = \"es\"\n", 1),
    )
    .unwrap();
    let (n, s, pr, st) = cast();
    let readers = [
        (Role::Scripture, &s),
        (Role::Prayer, &pr),
        (Role::Stanza, &st),
    ];
    build(&p, &n, &readers, &Options::default()).unwrap();
    assert!(
        s.said().iter().any(|t| t.contains("mi pastor")),
        "{:?}",
        s.said()
    );
    assert!(
        pr.said().iter().any(|t| t.contains("danos descanso")),
        "{:?}",
        pr.said()
    );
    let vtt = vtt(&p);
    assert!(vtt.contains("<v Lector de la Escritura>"), "{vtt}");
    assert!(vtt.contains("<v Lector de oraciones>"), "{vtt}");
    assert!(vtt.contains("<v Narrador>"), "{vtt}");
    let html = pages(&p);
    assert!(html.contains("Lector de la Escritura: </span>"), "{html}");
    let opf = opf(&p);
    assert!(opf.contains("(Narrador)"), "{opf}");
    assert!(opf.contains("una voz sintética"), "{opf}");
    for english in [
        "Narrator",
        "Scripture reader",
        "Prayer reader",
        "synthetic voice",
    ] {
        for (what, text) in [("vtt", &vtt), ("pages", &html), ("book", &opf)] {
            assert!(!text.contains(english), "{english:?} in the {what}");
        }
    }
}
