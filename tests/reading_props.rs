//! Properties of the reader over arbitrary input: it never panics, never drops an ordinary
//! word, and reading its own output again changes nothing.

use devocast::speech::lexicon::Lexicon;
use devocast::speech::normalize::Reader;
use proptest::prelude::*;

const VOCABULARY: &[&str] = &[
    "grace", "peace", "light", "faith", "vine", "shepherd", "branch", "river",
];

/// Pieces of devotional text, so generated strings hit the interesting rules often.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(VOCABULARY).prop_map(str::to_string),
        prop::sample::select(&[
            "Heb.",
            "Rom.",
            "1 Pet.",
            "John",
            "Mark",
            "Job",
            "Ps.",
            "S.S.",
            "Jude",
            "vv.",
            "v.",
            "cf.",
            "pp.",
            "msgs.",
            "etc.",
            "e.g.",
            "St.",
            "No.",
            "Hymns",
            "#",
            "&",
            "%",
            "!!!",
            "?!",
            "...",
            "/",
            "–",
            "—",
            "’",
            "“",
            "”",
            "(",
            ")",
            ";",
            ",",
            ":",
            "-",
            "GOD",
            "KJV",
            "am",
            "pm",
            "$",
            "@",
            "www.example.org",
            "a@b.org",
            "[[",
            "]]",
            "Philemon",
        ])
        .prop_map(str::to_string),
        (0u32..3000).prop_map(|n| n.to_string()),
        (1u32..200, 1u32..200).prop_map(|(a, b)| format!("{a}:{b}")),
        (1u32..200, 1u32..200).prop_map(|(a, b)| format!("{a}-{b}")),
        "[a-zA-Z]{1,8}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (piece(), prop::sample::select(&[" ", "", ", ", ". "])),
        0..24,
    )
    .prop_map(|v| v.into_iter().map(|(p, s)| p + s).collect())
}

fn read(text: &str) -> String {
    let lex = Lexicon::default_entries();
    Reader::new(&lex, false).read(text)
}

/// Occurrences of a word outside web and e-mail addresses (whose paths are skipped on purpose).
fn count_word(text: &str, word: &str) -> usize {
    text.split_whitespace()
        .filter(|t| {
            let email = t.split_once('@').is_some_and(|(u, d)| {
                !u.is_empty()
                    && u.chars()
                        .all(|c| c.is_ascii_alphanumeric() || ".-_+".contains(c))
                    && d.trim_end_matches(|c: char| !c.is_alphanumeric())
                        .contains('.')
            });
            let t = t.trim_start_matches(|c: char| !c.is_alphanumeric());
            !(email || t.starts_with("www.") || t.starts_with("http"))
        })
        .flat_map(|t| t.split(|c: char| !c.is_alphabetic()))
        .filter(|w| *w == word)
        .count()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_panics_on_any_unicode(s in "\\PC{0,200}") {
        let _ = read(&s);
    }

    #[test]
    fn keeps_ordinary_words(s in text()) {
        let out = read(&s);
        for w in VOCABULARY {
            prop_assert!(count_word(&out, w) >= count_word(&s, w), "lost {:?}: {:?} → {:?}", w, s, out);
        }
    }

    #[test]
    fn is_idempotent(s in text()) {
        let once = read(&s);
        let twice = read(&once);
        prop_assert_eq!(&once, &twice, "input {:?}", s);
    }

    #[test]
    fn is_idempotent_on_any_unicode(s in "\\PC{0,120}") {
        let once = read(&s);
        prop_assert_eq!(read(&once), once);
    }
}

/// Inputs the property tests once found read differently a second time.
#[test]
fn found_cases_read_the_same_twice() {
    for s in ["A etc.a@b.org", "Write to etc.a@b.org, etc"] {
        let once = read(s);
        assert_eq!(read(&once), once, "input {s:?}");
    }
}

const VOCABULARIO: &[&str] = &["gracia", "paz", "luz", "fe", "vid", "pastor", "rama", "río"];

/// Pieces of Spanish devotional text.
fn pieza() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(VOCABULARIO).prop_map(str::to_string),
        prop::sample::select(&[
            "Jn", "Ro.", "1 Co", "Sal", "Gn", "Juan", "Marcos", "Is", "vv.", "v.", "Sr.", "Sra.",
            "Dr.", "pág.", "etc.", "p.", "ej.", "a.", "C.", "m.", "S.", "n.º", "núm.", "Himno",
            "Himnos", "#", "&", "%", "€", "$", "¿", "?", "¡", "!", "...", "–", "(", ")", ";", ",",
            ":", "-", "de", "mayo", "años", "personas", "veces", "horas", "mil", "millones", "1.º",
            "2.ª", "3.er", "NVI",
        ])
        .prop_map(str::to_string),
        (0u32..3000).prop_map(|n| n.to_string()),
        (0u32..100_000).prop_map(|n| format!("{},{:02}", n, n % 100)),
        (1u32..100, 0u32..1000).prop_map(|(a, b)| format!("{a}.{b:03}")),
        (1u32..200, 1u32..200).prop_map(|(a, b)| format!("{a}:{b}")),
        (1u32..200, 1u32..200).prop_map(|(a, b)| format!("{a}-{b}")),
        "[a-zA-ZáéíóúñÁÉÍÓÚÑ]{1,8}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn texto() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (pieza(), prop::sample::select(&[" ", "", ", ", ". "])),
        0..24,
    )
    .prop_map(|v| v.into_iter().map(|(p, s)| p + s).collect())
}

fn leer(text: &str) -> String {
    let lex = Lexicon::default_entries();
    let es = devocast::speech::language("es").unwrap();
    Reader::new(&lex, false).in_language(es).read(text)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn spanish_never_panics_on_any_unicode(s in "\\PC{0,200}") {
        let _ = leer(&s);
    }

    #[test]
    fn spanish_keeps_ordinary_words(s in texto()) {
        let out = leer(&s);
        for w in VOCABULARIO {
            prop_assert!(count_word(&out, w) >= count_word(&s, w), "lost {:?}: {:?} → {:?}", w, s, out);
        }
    }

    #[test]
    fn spanish_leaves_no_digits(s in texto()) {
        let out = leer(&s);
        prop_assert!(!out.contains(|c: char| c.is_ascii_digit()), "{:?} → {:?}", s, out);
    }

    #[test]
    fn spanish_is_idempotent(s in texto()) {
        let once = leer(&s);
        prop_assert_eq!(leer(&once), once.clone(), "input {:?}", s);
    }
}
