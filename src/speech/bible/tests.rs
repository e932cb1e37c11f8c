//! The reference reader's tables of written and spoken forms.
use super::*;

/// The English tables the cases are written in.
fn en() -> &'static Scripture {
    crate::speech::english().scripture()
}

fn find_all(text: &str) -> Vec<Found> {
    super::find_all(text, en())
}

fn find_readable(text: &str) -> Vec<Found> {
    super::find_readable(text, en())
}

fn unreadable(text: &str) -> Vec<String> {
    super::unreadable(text, en())
}

fn speak(text: &str) -> String {
    read_with(text, find_all)
}

/// Reads as the reader does: unchecked references too.
fn read(text: &str) -> String {
    read_with(text, find_readable)
}

fn read_with(text: &str, find: fn(&str) -> Vec<Found>) -> String {
    let found = find(text);
    let mut out = String::new();
    let mut last = 0;
    for f in found {
        out.push_str(&text[last..f.start]);
        out.push_str(&f.reference.spoken(en()));
        last = f.end;
    }
    out.push_str(&text[last..]);
    out
}

#[test]
fn table_has_73_books_with_chapters() {
    let books = canon();
    assert_eq!(books.len(), 73);
    assert!(
        books.iter().all(|b| !b.verses.is_empty()),
        "a book lacks versification"
    );
    assert_eq!(books[18].chapters(), 150);
    assert_eq!(books[64].verses, vec![25]);
    assert!(en().names_every_book());
}

#[test]
fn spoken_forms() {
    for (written, spoken) in [
        ("Heb. 7:25-26", "Hebrews chapter seven, verses twenty-five and twenty-six"),
        ("1 Pet. 1:3", "First Peter chapter one, verse three"),
        (
            "Rom. 8:29, 34-39; 12:4-5",
            "Romans chapter eight, verses twenty-nine, and thirty-four through thirty-nine; chapter twelve, verses four and five",
        ),
        ("Romans 8", "Romans chapter eight"),
        ("Gen. 1-3", "Genesis chapters one through three"),
        ("John 1:1-2:11", "John chapter one, verse one, through chapter two, verse eleven"),
        ("Jude 3", "Jude verse three"),
        ("Philem. 5", "Philemon verse five"),
        ("3 John 4", "Third John verse four"),
        ("Psa. 23:1-3", "Psalm twenty-three, verses one through three"),
        ("Ps 119:105", "Psalm one hundred nineteen, verse one hundred five"),
        ("Psalm 23", "Psalm twenty-three"),
        ("Psalms 1-2", "Psalms one and two"),
        ("Ps. 23:1; 24:1", "Psalm twenty-three, verse one; Psalm twenty-four, verse one"),
        ("S.S. 1:4", "Song of Songs chapter one, verse four"),
        ("Song of Songs 2:4", "Song of Songs chapter two, verse four"),
        ("I Cor. 13:4", "First Corinthians chapter thirteen, verse four"),
        ("1st John 4:8", "First John chapter four, verse eight"),
        ("First Thessalonians 5:16-18", "First Thessalonians chapter five, verses sixteen through eighteen"),
        ("2 Tim 4:22", "Second Timothy chapter four, verse twenty-two"),
        ("1Pet 2:2", "First Peter chapter two, verse two"),
        ("Heb. 7:25a", "Hebrews chapter seven, verse twenty-five a"),
        ("Phil. 1:6, 19-21; 4:11-13", "Philippians chapter one, verses six, and nineteen through twenty-one; chapter four, verses eleven through thirteen"),
        ("Heb. 12:10–11", "Hebrews chapter twelve, verses ten and eleven"),
        ("Rom. 8:34, 26-27", "Romans chapter eight, verses thirty-four, and twenty-six and twenty-seven"),
        ("John 3:16, 18", "John chapter three, verses sixteen and eighteen"),
        ("Gal. 2:20; 5:22-23", "Galatians chapter two, verse twenty; chapter five, verses twenty-two and twenty-three"),
    ] {
        assert_eq!(speak(written), spoken, "{written}");
    }
}

#[test]
fn references_in_prose() {
    assert_eq!(
        speak("we were born anew (1 Pet. 1:3). See John 15:1-16; 1 John 2:27."),
        "we were born anew (First Peter chapter one, verse three). See John chapter fifteen, verses one through sixteen; First John chapter two, verse twenty-seven."
    );
    assert_eq!(speak("(cf. Heb. 12:10-11; Rom. 8:28-29)"), "(cf. Hebrews chapter twelve, verses ten and eleven; Romans chapter eight, verses twenty-eight and twenty-nine)");
    assert_eq!(
        speak("In John 15 the Lord speaks"),
        "In John chapter fifteen the Lord speaks"
    );
}

#[test]
fn non_references_stay() {
    for text in [
        "mark 2 items",
        "he acts 3 times",
        "John 3 times a day",
        "Numbers 4 of them",
        "Heb. 14:1", // Hebrews has 13 chapters
        "Rom. 8:40", // Romans 8 has 39 verses
        "Jude 30",   // Jude has 25 verses
        "Job well done",
        "I am 5",
        "a song 3 times",
        "Mark my words",
        "at 7:25 am",
        "pp. 25-26",
    ] {
        assert_eq!(speak(text), text, "rewrote {text:?}");
    }
}

#[test]
fn partially_valid_lists_keep_the_valid_part() {
    assert_eq!(
        speak("Rom. 8:29, 99"),
        "Romans chapter eight, verse twenty-nine, 99"
    );
}

#[test]
fn unreadable_references_are_reported() {
    assert_eq!(
        unreadable("See Heb. 14:1 and Rom. 8:28."),
        vec!["Heb. 14:1"]
    );
    assert!(unreadable("Mark 2 items, John 3:16").is_empty());
}

#[test]
fn osis_for_differential_checks() {
    let f = find_all("Rom. 8:29, 34-39; 12:4-5");
    assert_eq!(
        f[0].reference.osis(),
        vec!["Rom.8.29", "Rom.8.34-Rom.8.39", "Rom.12.4-Rom.12.5"]
    );
}

#[test]
fn ranges_with_every_dash_are_ranges() {
    for (written, spoken) in [
        (
            "Luke 2:25–35",
            "Luke chapter two, verses twenty-five through thirty-five",
        ),
        (
            "Luke 2:25—35",
            "Luke chapter two, verses twenty-five through thirty-five",
        ),
        ("Gen. 1–3", "Genesis chapters one through three"),
        (
            "Matt. 5:1–7:29",
            "Matthew chapter five, verse one, through chapter seven, verse twenty-nine",
        ),
    ] {
        assert_eq!(speak(written), spoken, "{written}");
    }
}

#[test]
fn short_abbreviations_without_a_period() {
    for (written, spoken) in [
        ("1 Jn 4:8", "First John chapter four, verse eight"),
        ("Jas 1:5", "James chapter one, verse five"),
        ("Mk 10:45", "Mark chapter ten, verse forty-five"),
        ("Lk 15", "Luke chapter fifteen"),
        ("Phil 4:13", "Philippians chapter four, verse thirteen"),
        ("Ps 46:1", "Psalm forty-six, verse one"),
        ("Is 53:5", "Isaiah chapter fifty-three, verse five"),
        ("Jer 29:11", "Jeremiah chapter twenty-nine, verse eleven"),
        ("Mt 5:3", "Matthew chapter five, verse three"),
        ("Jn 3:16", "John chapter three, verse sixteen"),
        ("Ac 2:38", "Acts chapter two, verse thirty-eight"),
        ("Ro 8:28", "Romans chapter eight, verse twenty-eight"),
        (
            "1 Co 13:4",
            "First Corinthians chapter thirteen, verse four",
        ),
        ("2 Ti 3:16", "Second Timothy chapter three, verse sixteen"),
        ("1 Pe 5:7", "First Peter chapter five, verse seven"),
        ("Php 4:6", "Philippians chapter four, verse six"),
        ("Dt 6:4", "Deuteronomy chapter six, verse four"),
        ("Pr 3:5", "Proverbs chapter three, verse five"),
        ("Rv 21:4", "Revelation chapter twenty-one, verse four"),
        ("Hb 2:4", "Habakkuk chapter two, verse four"),
    ] {
        assert_eq!(speak(written), spoken, "{written}");
    }
    for prose in [
        "Phil came too",
        "Is 5 enough?",
        "Phil 2 apples",
        "I am 5 today",
    ] {
        assert_eq!(speak(prose), prose, "rewrote {prose:?}");
    }
}

#[test]
fn verse_parts_and_following() {
    for (written, spoken) in [
        ("Rom. 3:23a", "Romans chapter three, verse twenty-three a"),
        (
            "Rom. 3:21b-23a",
            "Romans chapter three, verses twenty-one b through twenty-three a",
        ),
        (
            "John 3:16ff. is",
            "John chapter three, verses sixteen and following is",
        ),
        (
            "John 3:16ff",
            "John chapter three, verses sixteen and following",
        ),
        (
            "John 3:16 ff. is",
            "John chapter three, verses sixteen and following is",
        ),
        (
            "John 3:16f. is",
            "John chapter three, verse sixteen and the next is",
        ),
        (
            "Gen. 12ff. tells",
            "Genesis chapters twelve and following tells",
        ),
    ] {
        assert_eq!(speak(written), spoken, "{written}");
    }
    // At the very end the period also ends the sentence, so it stays.
    assert_eq!(
        speak("see John 3:16ff."),
        "see John chapter three, verses sixteen and following."
    );
}

#[test]
fn books_are_named_as_written() {
    for (written, spoken) in [
        (
            "Song of Solomon 2:4",
            "Song of Solomon chapter two, verse four",
        ),
        ("Song of Songs 2:4", "Song of Songs chapter two, verse four"),
        ("Canticles 2:4", "Canticles chapter two, verse four"),
        ("Qoheleth 3:1", "Qoheleth chapter three, verse one"),
        (
            "Revelations 21:4",
            "Revelations chapter twenty-one, verse four",
        ),
    ] {
        assert_eq!(speak(written), spoken, "{written}");
    }
}

#[test]
fn unchecked_references_are_read_but_not_listed() {
    assert_eq!(speak("Heb. 14:1"), "Heb. 14:1");
    assert_eq!(read("Heb. 14:1"), "Hebrews chapter fourteen, verse one");
    assert_eq!(read("Rom. 8:40"), "Romans chapter eight, verse forty");
    // No verse, or an ambiguous word: left alone.
    assert_eq!(read("Jude 30"), "Jude 30");
    assert_eq!(read("at 7:25 am"), "at 7:25 am");
    assert_eq!(read("Mark 44:1"), "Mark 44:1");
}
