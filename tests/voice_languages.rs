//! Voices and languages in a build: an article in a language devocast has no reading rules
//! for, a voice of another language than the article's, the espeak voice of a Spanish
//! podcast left at its defaults, and `devocast voices` by language.

mod common;

use common::CountingVoice;
use devocast::build::{build_with_voice, Options};
use devocast::voice::{Speech, Voice};
use std::path::Path;
use std::process::{Command, Output};

/// The counting test voice, speaking a language.
#[derive(Clone, Default)]
struct Speaking {
    inner: CountingVoice,
    language: Option<String>,
}

impl Speaking {
    fn new(language: &str) -> Speaking {
        Speaking {
            inner: CountingVoice::default(),
            language: Some(language.to_string()),
        }
    }
}

impl Voice for Speaking {
    fn describe(&self) -> String {
        format!("test voice ({})", self.language.as_deref().unwrap_or("?"))
    }
    fn id(&self) -> String {
        self.inner.id()
    }
    fn synthesize(&self, text: &str) -> anyhow::Result<Speech> {
        self.inner.synthesize(text)
    }
    fn language(&self) -> Option<String> {
        self.language.clone()
    }
}

fn write_article(project: &Path, name: &str, language: &str, body: &str) {
    std::fs::write(
        project.join("episodes").join(name),
        format!("---\ntitle: Drei\ndate: 2026-01-07\nlanguage: {language}\n---\n\n{body}\n"),
    )
    .unwrap();
}

fn warnings(project: &Path, voice: Speaking) -> Vec<String> {
    build_with_voice(project, &Options::default(), Box::new(voice), &|_| {})
        .unwrap()
        .warnings()
}

fn devocast(project: &Path, args: &[&str], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_devocast"))
        .args(args)
        .arg(project)
        .env("DEVOCAST_CACHE_DIR", project.join(".cache"))
        .env("DEVOCAST_OFFLINE", "1")
        .env("XDG_DATA_HOME", data)
        .env_remove("PYTHONPATH")
        .output()
        .unwrap()
}

#[test]
fn a_german_article_is_built_with_one_warning_naming_it() {
    let (_t, p) = common::fixture_project();
    write_article(
        &p,
        "drei.md",
        "de",
        "Am 3. Mai 2026 lesen wir Johannes 3:16. Gott ist die Liebe.",
    );
    for round in ["first build", "unchanged rebuild"] {
        // A voice that does not say its language: only the rules are in question.
        let all = warnings(&p, Speaking::default());
        let rules: Vec<&String> = all
            .iter()
            .filter(|w| w.contains("no reading rules"))
            .collect();
        assert_eq!(rules.len(), 1, "{round}: {all:#?}");
        assert!(
            rules[0].contains("episodes/drei.md"),
            "{round}: {}",
            rules[0]
        );
        assert!(rules[0].contains("\"de\""), "{round}: {}", rules[0]);
        assert!(rules[0].contains("as in English"), "{round}: {}", rules[0]);
        // The voice speaks German: no word about the voice.
        assert!(
            !all.iter().any(|w| w.contains("speaks")),
            "{round}: {all:#?}"
        );
    }
}

#[test]
fn a_spanish_article_read_by_an_english_voice_warns_and_a_spanish_voice_does_not() {
    let (_t, p) = common::fixture_project();
    write_article(
        &p,
        "tres.md",
        "es-MX",
        "Leemos Juan 3:16 a las 7:30. Dios es amor.",
    );
    let all = warnings(&p, Speaking::new("en-US"));
    let about_voice: Vec<&String> = all.iter().filter(|w| w.contains("speaks")).collect();
    // Only the Spanish article: the English ones are in the English voice's language.
    assert_eq!(about_voice.len(), 1, "{all:#?}");
    assert!(
        about_voice[0].starts_with("tres: ")
            && about_voice[0].contains("en-US")
            && about_voice[0].contains("es-MX"),
        "{}",
        about_voice[0]
    );
    // Spanish has reading rules.
    assert!(
        !all.iter().any(|w| w.contains("no reading rules")),
        "{all:#?}"
    );

    let (_t, p) = common::fixture_project();
    std::fs::remove_file(p.join("episodes/one.md")).unwrap();
    std::fs::remove_file(p.join("episodes/two.txt")).unwrap();
    write_article(&p, "tres.md", "es", "Dios es amor.");
    let all = warnings(&p, Speaking::new("es-419"));
    assert!(!all.iter().any(|w| w.contains("speaks")), "{all:#?}");
}

/// A project whose `devocast.toml` is `toml`, with one Spanish article.
fn spanish_project(toml: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, p) = common::fixture_project();
    std::fs::write(p.join("devocast.toml"), toml).unwrap();
    (t, p)
}

#[test]
fn a_spanish_podcast_with_default_voice_settings_uses_spanish_espeak() {
    let (_t, p) = spanish_project("[podcast]\nlanguage = \"es\"\n[voice]\nengine = \"embedded\"\n");
    let config = devocast::config::Config::load(&p).unwrap();
    assert_eq!(config.voice.name, "es");
    let voice = devocast::voice::open(&config.voice, &p).unwrap();
    assert_eq!(voice.language().as_deref(), Some("es"));
    assert!(voice.describe().ends_with("(es)"), "{}", voice.describe());

    let (_t, p) =
        spanish_project("[podcast]\nlanguage = \"es-MX\"\n[voice]\nengine = \"embedded\"\n");
    let config = devocast::config::Config::load(&p).unwrap();
    let voice = devocast::voice::open(&config.voice, &p).unwrap();
    assert_eq!(voice.language().as_deref(), Some("es-419"));

    // `auto` with no Spanish Piper voice here: espeak-ng in Spanish, system or embedded.
    let (_t, p) = spanish_project("[podcast]\nlanguage = \"es\"\n");
    let config = devocast::config::Config::load(&p).unwrap();
    let voice = devocast::voice::open(&config.voice, &p).unwrap();
    let spoken = voice.language().unwrap_or_default();
    assert!(
        spoken == "es" || spoken.starts_with("es-"),
        "{}: {spoken}",
        voice.describe()
    );
}

#[test]
fn the_system_voice_of_a_spanish_podcast_speaks_spanish() {
    let (_t, p) =
        spanish_project("[podcast]\nlanguage = \"es-AR\"\n[voice]\nengine = \"system\"\n");
    let config = devocast::config::Config::load(&p).unwrap();
    match devocast::voice::open(&config.voice, &p) {
        Ok(voice) => {
            assert_eq!(voice.language().as_deref(), Some("es-419"));
            assert!(
                voice.describe().contains("(es-419)"),
                "{}",
                voice.describe()
            );
        }
        Err(e) => {
            if std::env::var("DEVOCAST_REQUIRE_SYSTEM_ESPEAK").is_ok_and(|v| v == "1") {
                panic!("DEVOCAST_REQUIRE_SYSTEM_ESPEAK=1 but: {e:#}");
            }
            eprintln!("SKIPPED: the system espeak-ng library is not installed");
        }
    }
}

#[test]
fn voices_lists_each_language_of_the_podcast_and_its_reader() {
    let (t, p) = common::fixture_project();
    let data = t.path().join("data");
    write_article(&p, "tres.md", "es-MX", "Dios es amor.");
    write_article(&p, "vier.md", "de", "Gott ist die Liebe.");
    let out = devocast(&p, &["voices"], &data);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("Languages of the podcast:"), "{text}");
    let section = |tag: &str| -> String {
        let start = text
            .find(&format!("\n  {tag} ("))
            .unwrap_or_else(|| panic!("no {tag} in {text}"));
        text[start + 1..]
            .lines()
            .take_while(|l| l.starts_with("  "))
            .enumerate()
            .take_while(|(i, l)| *i == 0 || l.starts_with("    "))
            .map(|(_, l)| format!("{l}\n"))
            .collect()
    };
    let es = section("es-MX");
    assert!(es.contains("1 article: episodes/tres.md"), "{es}");
    assert!(es.contains("reading rules: Spanish"), "{es}");
    assert!(es.contains("espeak-ng voice: es-419"), "{es}");
    assert!(es.contains("es_MX-claude-high"), "{es}");
    // The fixture narrates with the embedded engine: in Spanish for this language.
    assert!(es.contains("read with: embedded espeak-ng"), "{es}");
    assert!(es.contains("(es-419)"), "{es}");
    let de = section("de");
    assert!(de.contains("reading rules: none"), "{de}");
    assert!(de.contains("espeak-ng voice: de"), "{de}");
    let own = section("en-us");
    assert!(own.contains("the podcast's language; 2 articles"), "{own}");
    assert!(own.contains("en_US-ljspeech-medium"), "{own}");
}

#[test]
fn check_names_an_article_in_a_language_without_rules() {
    let (t, p) = common::fixture_project();
    write_article(&p, "vier.md", "de", "Gott ist die Liebe.");
    let out = devocast(&p, &["check"], &t.path().join("data"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let line = text
        .lines()
        .find(|l| l.contains("no reading rules"))
        .unwrap_or_else(|| panic!("no warning in {text}"));
    assert!(
        line.contains("vier.md") && line.contains("\"de\""),
        "{line}"
    );
}

/// Puts a voice named `name` in the voices folder under `data`: a description in
/// `language`, and a model that is not one (opening it fails, saying its path).
fn fake_installed(data: &Path, name: &str, language: &str, espeak: &str) {
    let dir = data.join("devocast/voices").join(name);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.onnx")), b"not a model").unwrap();
    std::fs::write(
        dir.join(format!("{name}.onnx.json")),
        format!(
            r#"{{"audio": {{"sample_rate": 22050, "quality": "medium"}}, "espeak": {{"voice": "{espeak}"}},
                "language": {{"code": "{language}"}}, "phoneme_id_map": {{}}}}"#
        ),
    )
    .unwrap();
}

#[test]
fn auto_picks_an_installed_piper_voice_of_the_podcasts_language() {
    let (t, p) = spanish_project("[podcast]\nlanguage = \"es\"\n");
    let data = t.path().join("data");
    fake_installed(&data, "en_US-ljspeech-medium", "en_US", "en-us");
    fake_installed(&data, "es_ES-prueba-medium", "es_ES", "es");
    let out = devocast(&p, &["voices"], &data);
    let text = String::from_utf8_lossy(&out.stdout);
    // Listed by language.
    let en = text
        .find("  en-US (en_US):")
        .unwrap_or_else(|| panic!("{text}"));
    let es = text
        .find("  es-ES (es_ES):")
        .unwrap_or_else(|| panic!("{text}"));
    assert!(en < es, "{text}");
    // The build tries the Spanish voice (which is no model, so espeak-ng reads, in Spanish).
    let build = &text[text
        .find("A build here")
        .unwrap_or_else(|| panic!("{text}"))..];
    assert!(build.contains("es_ES-prueba-medium"), "{build}");
    assert!(!build.contains("ljspeech"), "{build}");
    assert!(build.lines().next().unwrap().ends_with("(es)"), "{build}");
}

#[test]
fn a_spanish_podcast_is_recommended_a_spanish_voice() {
    let (t, p) = common::fixture_project();
    let cfg = p.join("devocast.toml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(
        &cfg,
        text.replacen("[podcast]\n", "[podcast]\nlanguage = \"es\"\n", 1),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_devocast"))
        .args(["voices"])
        .arg(&p)
        .env("DEVOCAST_CACHE_DIR", p.join(".cache"))
        .env("DEVOCAST_OFFLINE", "1")
        .env("XDG_DATA_HOME", t.path().join("data"))
        .env_remove("PYTHONPATH")
        .env_remove("VIRTUAL_ENV")
        .env_remove("DEVOCAST_PIPER_MODEL")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    let piper = text
        .lines()
        .find(|l| l.trim_start().starts_with("piper "))
        .unwrap();
    // A machine with a Piper voice in its Python packages lists it instead.
    if piper.contains("unavailable") {
        assert!(piper.contains("voices get es_MX-claude-high"), "{piper}");
    }
    assert!(!text.contains("voices get en_US"), "{text}");
}
