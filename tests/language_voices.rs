//! A narrator per language: a podcast in one language with a few articles in another reads
//! each article with a voice of its own language, caches and records that voice per
//! language, and holds it like the podcast's narrator.
//!
//! The voices are fakes that say which language they speak and record what they said; one
//! test builds through `devocast::build::build` with the embedded espeak-ng, which speaks
//! English and Spanish.

mod common;

use anyhow::Result;
use devocast::build::narrators::Cast;
use devocast::build::{build_with_voices, Options, Summary};
use devocast::config::Role;
use devocast::voice::Voice;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use common::piper_like::PiperLike as Fake;

fn fake(name: &'static str, language: &'static str) -> Fake {
    Fake::new(name).speaking(language)
}

const ENGLISH: &str = "en_US-host-low";
const SPANISH: &str = "es_MX-lector-low";
const OTHER_SPANISH: &str = "es_ES-otra-low";

fn article(p: &Path, name: &str, language: Option<&str>, body: &str) {
    let lang = language.map_or(String::new(), |l| format!("language: {l}\n"));
    std::fs::write(
        p.join("episodes").join(name),
        format!("---\ntitle: {name}\ndate: 2026-01-09\n{lang}---\n\n{body}\n"),
    )
    .unwrap();
}

/// The fixture (English, two articles) with one article in Spanish.
fn english_with_spanish() -> (tempfile::TempDir, PathBuf) {
    let (t, p) = common::fixture_project();
    article(
        &p,
        "tres.md",
        Some("es"),
        "Dios es amor. Leemos el evangelio con calma.",
    );
    (t, p)
}

fn build(
    p: &Path,
    narrator: &Fake,
    languages: &[(&str, &Fake)],
    readers: &[(Role, &Fake)],
    options: &Options,
) -> Result<Summary> {
    let cast = Cast {
        narrator: Box::new(narrator.clone()),
        readers: readers
            .iter()
            .map(|(r, v)| (*r, Arc::new((*v).clone()) as Arc<dyn Voice>))
            .collect(),
        languages: languages
            .iter()
            .map(|(t, v)| (t.to_string(), Arc::new((*v).clone()) as Arc<dyn Voice>))
            .collect(),
    };
    build_with_voices(p, options, cast, &|_| {})
}

fn published(p: &Path) -> String {
    std::fs::read_to_string(p.join("published.toml")).unwrap()
}

#[test]
fn an_english_podcast_reads_its_spanish_article_in_spanish() {
    let (_t, p) = english_with_spanish();
    let (en, es) = (fake(ENGLISH, "en-US"), fake(SPANISH, "es-MX"));
    let summary = build(&p, &en, &[("es", &es)], &[], &Options::default()).unwrap();
    assert_eq!(summary.failed(), 0, "{:?}", summary.outcomes);
    assert!(es.read("Dios es amor"), "{:?}", es.said());
    assert!(!en.read("Dios es amor"), "{:?}", en.said());
    // The English articles are the English narrator's alone; each article's announcement
    // is its narrator's, the date in its language.
    assert!(en.read("The Lord is near"), "{:?}", en.said());
    assert!(!es.read("The Lord is near"), "{:?}", es.said());
    assert!(es.read("de enero"), "{:?}", es.said());
    assert!(!en.read("de enero"), "{:?}", en.said());
    assert!(
        summary.voice.starts_with(&format!(
            "Piper {ENGLISH} (test); Spanish (es): Piper {SPANISH}"
        )),
        "{}",
        summary.voice
    );
    // No word about a voice of another language: each article has its own.
    let warnings = summary.warnings();
    assert!(
        !warnings.iter().any(|w| w.contains("speaks")),
        "{warnings:#?}"
    );
    let record = published(&p);
    assert!(
        record.contains("[voice]") && record.contains(ENGLISH),
        "{record}"
    );
    assert!(record.contains("[languages.es]"), "{record}");
    assert!(record.contains(SPANISH), "{record}");
}

#[test]
fn an_unchanged_rebuild_reads_nothing_in_either_language() {
    let (_t, p) = english_with_spanish();
    let (en, es) = (fake(ENGLISH, "en-US"), fake(SPANISH, "es-MX"));
    build(&p, &en, &[("es", &es)], &[], &Options::default()).unwrap();
    let record = published(&p);
    let (en2, es2) = (fake(ENGLISH, "en-US"), fake(SPANISH, "es-MX"));
    let summary = build(&p, &en2, &[("es", &es2)], &[], &Options::default()).unwrap();
    assert_eq!(summary.built(), 0, "{:?}", summary.outcomes);
    assert_eq!(summary.synthesized, 0);
    assert!(en2.said().is_empty() && es2.said().is_empty());
    assert_eq!(published(&p), record);
}

#[test]
fn another_spanish_voice_is_refused_and_a_decided_one_reads_only_the_spanish() {
    let (_t, p) = english_with_spanish();
    let (en, es) = (fake(ENGLISH, "en-US"), fake(SPANISH, "es-MX"));
    build(&p, &en, &[("es", &es)], &[], &Options::default()).unwrap();
    let before = published(&p);
    // Same settings, but this machine would read Spanish with another voice.
    let stranger = fake(OTHER_SPANISH, "es-ES");
    let err = build(&p, &en, &[("es", &stranger)], &[], &Options::default()).unwrap_err();
    let text = format!("{err:#}");
    assert!(
        text.contains("nothing built") && text.contains("articles in es"),
        "{text}"
    );
    assert!(stranger.said().is_empty());
    assert_eq!(published(&p), before);
    // A decision: only the Spanish episode is read again.
    let en2 = fake(ENGLISH, "en-US");
    let change = Options {
        change_voice: true,
        ..Options::default()
    };
    let summary = build(&p, &en2, &[("es", &stranger)], &[], &change).unwrap();
    assert_eq!(summary.built(), 1, "{:?}", summary.outcomes);
    assert!(en2.said().is_empty(), "{:?}", en2.said());
    assert!(stranger.read("Dios es amor"), "{:?}", stranger.said());
    let after = published(&p);
    assert!(
        after.contains(OTHER_SPANISH) && !after.contains(SPANISH),
        "{after}"
    );
    assert!(after.contains(ENGLISH), "{after}");
}

#[test]
fn a_spanish_podcast_reads_its_english_article_in_english() {
    let (_t, p) = common::fixture_project();
    let cfg = p.join("devocast.toml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(
        &cfg,
        text.replace("[podcast]\n", "[podcast]\nlanguage = \"es-MX\"\n"),
    )
    .unwrap();
    std::fs::remove_file(p.join("episodes/one.md")).unwrap();
    std::fs::remove_file(p.join("episodes/two.txt")).unwrap();
    article(&p, "uno.md", None, "El Señor está cerca. Nos escucha.");
    article(&p, "dos.md", Some("es"), "Paz a todos ustedes.");
    article(&p, "three.md", Some("en-GB"), "Grace to you all. Amen.");
    let (es, en) = (fake(SPANISH, "es-MX"), fake(ENGLISH, "en-GB"));
    let summary = build(&p, &es, &[("en-GB", &en)], &[], &Options::default()).unwrap();
    assert_eq!(summary.failed(), 0, "{:?}", summary.outcomes);
    assert!(en.read("Grace to you all"), "{:?}", en.said());
    assert!(!es.read("Grace to you all"));
    for spanish in ["El Señor está cerca", "Paz a todos"] {
        assert!(es.read(spanish), "{spanish}: {:?}", es.said());
        assert!(!en.read(spanish), "{spanish}: {:?}", en.said());
    }
    assert!(
        published(&p).contains("[languages.en-GB]"),
        "{}",
        published(&p)
    );
    // Held per language: another English voice, same settings, is refused.
    let stranger = fake("en_GB-stranger-low", "en-GB");
    let err = build(&p, &es, &[("en-GB", &stranger)], &[], &Options::default()).unwrap_err();
    assert!(format!("{err:#}").contains("articles in en-GB"), "{err:#}");
}

#[test]
fn readers_read_their_parts_of_articles_in_their_own_language_only() {
    let (_t, p) = common::fixture_project();
    article(
        &p,
        "tres.md",
        Some("es"),
        "Jesús dice: “Venid a mí todos los que estáis trabajados.” (Mateo 11:28) Hay descanso.",
    );
    article(
        &p,
        "four.md",
        Some("en-US"),
        "Jesus says, “Come to me, all you who are weary.” (Matthew 11:28) Rest is a gift.",
    );
    let cfg = p.join("devocast.toml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(
        &cfg,
        text.replace(
            "[audio]",
            "[voices.scripture]\nname = \"en-us+f2\"\n\n[audio]",
        ),
    )
    .unwrap();
    let (en, es) = (fake(ENGLISH, "en-US"), fake(SPANISH, "es-MX"));
    let reader = fake("en_US-lector-low", "en-US");
    build(
        &p,
        &en,
        &[("es", &es)],
        &[(Role::Scripture, &reader)],
        &Options::default(),
    )
    .unwrap();
    assert!(reader.read("Come to me"), "{:?}", reader.said());
    assert!(!reader.read("Venid a mí"), "{:?}", reader.said());
    assert!(es.read("Venid a mí"), "{:?}", es.said());
    assert!(!en.read("Come to me"));

    // A Scripture reader who speaks Spanish reads the Spanish Scripture too.
    let (_t2, p2) = common::fixture_project();
    for f in ["tres.md", "four.md", "../devocast.toml"] {
        std::fs::copy(p.join("episodes").join(f), p2.join("episodes").join(f)).unwrap();
    }
    let (en, es) = (fake(ENGLISH, "en-US"), fake(SPANISH, "es-MX"));
    let bilingual = fake("es_US-lector-low", "es-US");
    build(
        &p2,
        &en,
        &[("es", &es)],
        &[(Role::Scripture, &bilingual)],
        &Options::default(),
    )
    .unwrap();
    assert!(bilingual.read("Venid a mí"), "{:?}", bilingual.said());
    assert!(
        bilingual.read("Come to me"),
        "podcast-language articles keep the readers"
    );
    assert!(!es.read("Venid a mí"));
}

#[test]
fn a_build_opens_a_spanish_narrator_for_the_spanish_article() {
    // The fixture narrates with the embedded espeak-ng, which speaks Spanish too.
    let (_t, p) = english_with_spanish();
    let lines = Mutex::new(Vec::<String>::new());
    let summary = devocast::build::build(
        &p,
        &Options {
            offline: true,
            ..Options::default()
        },
        &|l| lines.lock().unwrap().push(l.to_string()),
    )
    .unwrap();
    assert_eq!(summary.failed(), 0, "{:?}", summary.outcomes);
    assert!(
        summary.voice.contains("; Spanish (es): ") && summary.voice.ends_with("(es)"),
        "{}",
        summary.voice
    );
    let warnings = summary.warnings();
    assert!(
        !warnings.iter().any(|w| w.contains("speaks")),
        "{warnings:#?}"
    );
    let logged = lines.lock().unwrap().join("\n");
    assert!(logged.contains("voice: embedded espeak-ng"), "{logged}");
    let record = published(&p);
    assert!(record.contains("[languages.es]"), "{record}");
    // An English-only project records no language.
    let (_t, p) = common::fixture_project();
    devocast::build::build(
        &p,
        &Options {
            offline: true,
            ..Options::default()
        },
        &|_| {},
    )
    .unwrap();
    assert!(!published(&p).contains("languages"), "{}", published(&p));
}

#[test]
fn shards_then_publish_record_each_languages_narrator() {
    let (_t, p) = english_with_spanish();
    let (en, es) = (fake(ENGLISH, "en-US"), fake(SPANISH, "es-MX"));
    for k in ["1/2", "2/2"] {
        let options = Options {
            shard: Some(devocast::build::shard::Shard::parse(k).unwrap()),
            ..Options::default()
        };
        build(&p, &en, &[("es", &es)], &[], &options).unwrap();
    }
    assert!(es.read("Dios es amor") && !en.read("Dios es amor"));
    // Two voices narrated the episodes, one per language: that is one podcast.
    let summary = devocast::build::publish_shards(&p, &Options::default(), &|_| {}).unwrap();
    assert_eq!(summary.failed(), 0, "{:?}", summary.outcomes);
    let record = published(&p);
    assert!(
        record.contains("[languages.es]") && record.contains(SPANISH),
        "{record}"
    );
    assert!(record.contains(ENGLISH), "{record}");
}

#[test]
fn a_preview_reads_a_held_article_with_its_languages_narrator_and_readers() {
    let (_t, p) = common::fixture_project();
    // Held: dated after the build's "now".
    std::fs::write(
        p.join("episodes/futuro.md"),
        "---\ntitle: Futuro\ndate: 2099-01-09\nlanguage: es\n---\n\nDios es amor. Leemos el evangelio con calma.\n",
    )
    .unwrap();
    std::fs::write(
        p.join("episodes/later.md"),
        "---\ntitle: Later\ndate: 2099-01-10\n---\n\nWe wait.\n\n> The Lord is my shepherd.\n>\n> — Psalm 23:1\n",
    )
    .unwrap();
    let cfg = p.join("devocast.toml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(
        &cfg,
        format!("{text}\n[voices.scripture]\nmodel = \"{OTHER_SPANISH}\"\n"),
    )
    .unwrap();
    let (english, spanish, scripture) = (
        fake(ENGLISH, "en-US"),
        fake(SPANISH, "es-MX"),
        fake(OTHER_SPANISH, "en-US"),
    );
    let cast = Cast {
        narrator: Box::new(english.clone()),
        readers: vec![(
            Role::Scripture,
            Arc::new(scripture.clone()) as Arc<dyn Voice>,
        )],
        languages: vec![(
            "es".to_string(),
            Arc::new(spanish.clone()) as Arc<dyn Voice>,
        )],
    };
    devocast::build::preview::preview_with_voices(&p, &Options::default(), &[], cast, &|_| {})
        .unwrap();
    assert!(spanish.read("Dios es amor"), "{:?}", spanish.said());
    assert!(!english.read("Dios es amor"), "{:?}", english.said());
    assert!(scripture.read("my shepherd"), "{:?}", scripture.said());
    assert!(english.read("We wait"), "{:?}", english.said());
}

#[test]
fn the_script_names_the_narrator_of_the_articles_language() {
    let (_t, p) = english_with_spanish();
    let voices = |name: &str| {
        let text =
            devocast::build::proofread::script_text(&p.join("episodes").join(name), true).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        json["voices"]["narrator"].as_str().unwrap().to_string()
    };
    let english = std::fs::read_dir(p.join("episodes"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n != "tres.md" && (n.ends_with(".md") || n.ends_with(".txt")))
        .unwrap();
    let (en, es) = (voices(&english), voices("tres.md"));
    assert_ne!(en, es);
    assert!(es.contains("es"), "{es}");
    assert!(!es.contains("en-us"), "{es}");
}

#[test]
fn the_build_says_when_a_languages_narrator_is_recorded_and_only_then() {
    let (_t, p) = english_with_spanish();
    let run = || {
        let (en, es) = (fake(ENGLISH, "en-US"), fake(SPANISH, "es-MX"));
        let cast = Cast {
            narrator: Box::new(en),
            readers: Vec::new(),
            languages: vec![("es".to_string(), Arc::new(es) as Arc<dyn Voice>)],
        };
        let lines = Mutex::new(Vec::<String>::new());
        build_with_voices(&p, &Options::default(), cast, &|l| {
            lines.lock().unwrap().push(l.to_string())
        })
        .unwrap();
        lines.into_inner().unwrap()
    };
    let said = |lines: &[String]| {
        lines
            .iter()
            .any(|l| l.starts_with("voice of the articles in Spanish (es): Piper es_MX-lector-low"))
    };
    let first = run();
    assert!(said(&first), "{first:#?}");
    let again = run();
    assert!(!said(&again), "{again:#?}");
}

#[test]
fn an_article_of_the_podcasts_language_in_another_region_keeps_the_podcasts_narrator() {
    let (_t, p) = common::fixture_project();
    let cfg = p.join("devocast.toml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(
        &cfg,
        text.replacen("[podcast]\n", "[podcast]\nlanguage = \"es-MX\"\n", 1),
    )
    .unwrap();
    article(&p, "tres.md", Some("es"), "Dios es amor.");
    article(
        &p,
        "cuatro.md",
        Some("es-ES"),
        "Leemos el evangelio con calma.",
    );
    let summary = devocast::build::build(
        &p,
        &Options {
            offline: true,
            ..Options::default()
        },
        &|_| {},
    )
    .unwrap();
    assert_eq!(summary.failed(), 0, "{:?}", summary.outcomes);
    // One narrator, the podcast's Latin American voice; no second Spanish one.
    assert!(summary.voice.ends_with("(es-419)"), "{}", summary.voice);
    assert!(!summary.voice.contains(';'), "{}", summary.voice);
    assert!(!published(&p).contains("languages"), "{}", published(&p));
}
