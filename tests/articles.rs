//! The plain-text parser on a fixture of our own in the seed article's shape.

use devocast::article::{self, Block};
use std::path::Path;

fn seed_shape() -> article::Article {
    article::load(Path::new("tests/fixtures/seed-shape.txt")).unwrap()
}

#[test]
fn seed_shape_headings_are_found_and_nothing_else() {
    let a = seed_shape();
    let headings: Vec<_> = a.sections.iter().map(|s| s.heading.as_deref()).collect();
    assert_eq!(
        headings,
        vec![
            None,
            Some("The Lord is Shepherding Us from the Heavens and the Spirit is Shepherding Us in our Spirit"),
            Some("The Lord is Shepherding Us to be Conformed, Kept, and Matured"),
            Some("References and Hymns on this Topic"),
        ]
    );
    // No title line: the file name is the fallback.
    assert_eq!(a.title, "Seed shape");
}

#[test]
fn seed_shape_intro_is_four_paragraphs() {
    let a = seed_shape();
    assert_eq!(a.sections[0].blocks.len(), 4);
    assert!(a.sections[0]
        .blocks
        .iter()
        .all(|b| matches!(b, Block::Paragraph(_))));
}

#[test]
fn seed_shape_hymn_items_are_stanzas_not_headings() {
    let a = seed_shape();
    let refs = &a.sections[3].blocks;
    assert!(
        matches!(&refs[0], Block::List(items) if items.len() == 2 && items[1] == "Hymns on this topic:")
    );
    match &refs[1] {
        Block::HymnStanza {
            number,
            lines,
            cite,
        } => {
            assert_eq!(*number, Some(812));
            assert_eq!(lines.len(), 4);
            assert_eq!(lines[0], "Shepherd, lead us, ever near,");
            assert_eq!(lines[3], "Work in us Your perfect will.");
            assert_eq!(cite.as_deref(), Some("Hymns #812"));
        }
        b => panic!("expected a stanza, got {b:?}"),
    }
    assert!(
        matches!(&refs[2], Block::HymnStanza { number: Some(1207), lines, .. } if lines.len() == 2)
    );
    assert!(
        matches!(&refs[3], Block::HymnStanza { number: None, cite: Some(c), .. } if c == "Song on the Lord's care")
    );
}

#[test]
fn seed_shape_book_quotation_keeps_its_citation() {
    let a = seed_shape();
    let refs = &a.sections[3].blocks;
    match &refs[4] {
        Block::Quote { text, cite } => {
            assert!(text.starts_with("He, as the exalted Lord"));
            assert!(text.ends_with("Nothing can separate us from His love."));
            assert_eq!(
                cite.as_deref(),
                Some("A study of the Epistle to the Romans, pp. 31-32, by an unnamed teacher")
            );
        }
        b => panic!("expected a quote, got {b:?}"),
    }
    // The closing exclamations are paragraphs, not headings.
    assert_eq!(refs[5], Block::Paragraph("Amen!!!".into()));
    assert_eq!(refs[6], Block::Paragraph("Hallelujah!".into()));
    assert_eq!(refs.len(), 8);
}

#[test]
fn sample_episodes_parse_with_titles_dates_and_headings() {
    let dir = Path::new("episodes");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let a = article::load(&path).unwrap();
        seen += 1;
        assert!(!a.title.is_empty());
        let words = a.word_count();
        assert!(
            (400..=1500).contains(&words),
            "{}: {words} words",
            path.display()
        );
        assert!(
            a.sections.iter().filter(|s| s.heading.is_some()).count() >= 3,
            "{}",
            path.display()
        );
        let hymns = a
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter(|b| {
                matches!(
                    b,
                    Block::HymnStanza {
                        number: Some(_),
                        ..
                    }
                )
            })
            .count();
        assert!(hymns >= 1, "{} has no numbered hymn stanza", path.display());
        let last = a
            .sections
            .last()
            .and_then(|s| s.heading.as_deref())
            .unwrap_or("");
        // "References …", or in the Spanish sample "Referencias …".
        assert!(
            last.starts_with("Referen"),
            "{}: last heading {last:?}",
            path.display()
        );
    }
    assert_eq!(seen, 4);
}
