//! The reading cases: every sentence in `tests/fixtures/reading/en.tsv` is read as its line
//! says, and every paragraph in `en-sentences.txt` splits where its marks say. The files hold
//! the cases so they can be counted and extended without touching code.

use devocast::speech::lexicon::Lexicon;
use devocast::speech::normalize::Reader;
use devocast::speech::sentences;

fn lines(path: &str) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn english_sentences_are_read_as_written() {
    let lexicon = Lexicon::default();
    let mut wrong = Vec::new();
    let cases = lines("tests/fixtures/reading/en.tsv");
    for line in &cases {
        let [class, written, spoken] = line.split('\t').collect::<Vec<_>>()[..] else {
            panic!("a case needs three fields: {line:?}");
        };
        let got = Reader::new(&lexicon, false).read(written);
        if got != spoken {
            wrong.push(format!(
                "[{class}] {written}\n   want: {spoken}\n    got: {got}"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} reading cases wrong:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

/// Checks each paragraph of `path` (its sentences joined by " ‖ ") splits into those
/// sentences by `language`'s rules; `what` names the cases in the failure.
fn splits_as_written(path: &str, language: &dyn devocast::speech::Language, what: &str) {
    let mut wrong = Vec::new();
    let cases = lines(path);
    for line in &cases {
        let want: Vec<&str> = line.split(" ‖ ").collect();
        let got = devocast::speech::split::sentences_in(&want.join(" "), language);
        if got != want {
            wrong.push(format!("{line}\n    got: {}", got.join(" ‖ ")));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} {what} split wrongly:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

#[test]
fn english_paragraphs_split_where_sentences_end() {
    splits_as_written(
        "tests/fixtures/reading/en-sentences.txt",
        devocast::speech::english(),
        "paragraphs",
    );
}

/// Lower case, letters, digits and apostrophes only: how a listener hears it.
fn heard(s: &str) -> String {
    let s = s.to_lowercase().replace(['-', '‖'], " ");
    let kept: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '\'' {
                c
            } else {
                ' '
            }
        })
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn audited_paragraphs_are_heard_as_a_careful_reader_says_them() {
    let lexicon = Lexicon::default();
    let mut wrong = Vec::new();
    let cases = lines("tests/fixtures/reading/en-audit.tsv");
    for line in &cases {
        let [class, written, spoken] = line.split('\t').collect::<Vec<_>>()[..] else {
            panic!("a case needs three fields: {line:?}");
        };
        let mut reader = Reader::new(&lexicon, false);
        let got: Vec<String> = sentences(written).iter().map(|s| reader.read(s)).collect();
        let got = got.join(" ");
        if heard(&got) != heard(spoken) {
            wrong.push(format!(
                "[{class}] {written}\n   want: {spoken}\n    got: {got}"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} audited cases heard wrongly:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

/// Spanish, as a podcast with `language = "es"` reads it.
fn spanish() -> &'static dyn devocast::speech::Language {
    devocast::speech::language("es").expect("Spanish reading rules")
}

#[test]
fn spanish_sentences_are_read_as_written() {
    let lexicon = Lexicon::default();
    let mut wrong = Vec::new();
    let cases = lines("tests/fixtures/reading/es.tsv");
    for line in &cases {
        let [class, written, spoken] = line.split('\t').collect::<Vec<_>>()[..] else {
            panic!("a case needs three fields: {line:?}");
        };
        let got = Reader::new(&lexicon, false)
            .in_language(spanish())
            .read(written);
        if got != spoken {
            wrong.push(format!(
                "[{class}] {written}\n   want: {spoken}\n    got: {got}"
            ));
        }
    }
    assert!(cases.len() >= 60, "only {} Spanish cases", cases.len());
    assert!(
        wrong.is_empty(),
        "{} of {} Spanish reading cases wrong:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

#[test]
fn spanish_paragraphs_split_where_sentences_end() {
    splits_as_written(
        "tests/fixtures/reading/es-sentences.txt",
        spanish(),
        "Spanish paragraphs",
    );
}

/// Reads a Spanish paragraph sentence by sentence, as a build does.
fn read_spanish_paragraph(lexicon: &Lexicon, paragraph: &str) -> String {
    let mut reader = Reader::new(lexicon, false).in_language(spanish());
    let got: Vec<String> = devocast::speech::split::sentences_in(paragraph, spanish())
        .iter()
        .map(|s| reader.read(s))
        .collect();
    got.join(" ")
}

#[test]
fn audited_spanish_paragraphs_are_heard_as_a_careful_reader_says_them() {
    let lexicon = Lexicon::default();
    let mut wrong = Vec::new();
    let cases = lines("tests/fixtures/reading/es-audit.tsv");
    for line in &cases {
        let [class, written, spoken] = line.split('\t').collect::<Vec<_>>()[..] else {
            panic!("a case needs three fields: {line:?}");
        };
        let got = read_spanish_paragraph(&lexicon, written);
        if heard(&got) != heard(spoken) {
            wrong.push(format!(
                "[{class}] {written}\n   want: {spoken}\n    got: {got}"
            ));
        }
    }
    assert!(
        cases.len() >= 250,
        "only {} audited Spanish cases",
        cases.len()
    );
    assert!(
        wrong.is_empty(),
        "{} of {} audited Spanish cases heard wrongly:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

#[test]
fn audited_spanish_paragraphs_split_where_sentences_end() {
    splits_as_written(
        "tests/fixtures/reading/es-sentences-audit.txt",
        spanish(),
        "audited Spanish paragraphs",
    );
}

/// Reading what was read changes nothing: a script read twice (a rebuild, a preview of a
/// script) must say the same words.
#[test]
fn spanish_cases_read_twice_read_the_same() {
    let lexicon = Lexicon::default();
    let mut wrong = Vec::new();
    let mut cases = lines("tests/fixtures/reading/es.tsv");
    cases.extend(lines("tests/fixtures/reading/es-audit.tsv"));
    for line in &cases {
        let written = line.split('\t').nth(1).expect("a written field");
        let once = read_spanish_paragraph(&lexicon, written);
        let twice = read_spanish_paragraph(&lexicon, &once);
        if once != twice {
            wrong.push(format!("{written}\n   once: {once}\n  twice: {twice}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} Spanish cases change when read again:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}
