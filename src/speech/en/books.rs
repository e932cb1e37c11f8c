//! The books of the Bible as English writers cite them and English readers say them, and the
//! words of an English reference: the English [`Table`] for the shared reference reader.

use crate::speech::bible::{BookName, Onward, Phrasing, Table};

macro_rules! b {
    ($osis:literal, $spoken:literal, $n:literal, [$($f:literal),*]) => {
        BookName { osis: $osis, spoken: $spoken, number: $n, forms: &[$($f),*] }
    };
}

/// All books in canonical order.
const BOOKS: &[BookName] = &[
    b!("Gen", "Genesis", 0, ["genesis", "gen", "ge", "gn"]),
    b!("Exod", "Exodus", 0, ["exodus", "exod", "exo", "ex"]),
    b!("Lev", "Leviticus", 0, ["leviticus", "lev", "lv", "le"]),
    b!("Num", "Numbers", 0, ["numbers", "num", "nu", "nm"]),
    b!(
        "Deut",
        "Deuteronomy",
        0,
        ["deuteronomy", "deut", "deu", "dt"]
    ),
    b!("Josh", "Joshua", 0, ["joshua", "josh", "jos", "jsh"]),
    b!(
        "Judg",
        "Judges",
        0,
        ["judges", "judg", "jdg", "jdgs", "jgs", "jg"]
    ),
    b!("Ruth", "Ruth", 0, ["ruth", "ru", "rth"]),
    b!("1Sam", "First Samuel", 1, ["samuel", "sam", "sa", "sm"]),
    b!("2Sam", "Second Samuel", 2, ["samuel", "sam", "sa", "sm"]),
    b!(
        "1Kgs",
        "First Kings",
        1,
        ["kings", "kgs", "ki", "kin", "kg"]
    ),
    b!(
        "2Kgs",
        "Second Kings",
        2,
        ["kings", "kgs", "ki", "kin", "kg"]
    ),
    b!(
        "1Chr",
        "First Chronicles",
        1,
        ["chronicles", "chron", "chr", "ch"]
    ),
    b!(
        "2Chr",
        "Second Chronicles",
        2,
        ["chronicles", "chron", "chr", "ch"]
    ),
    b!("Ezra", "Ezra", 0, ["ezra", "ezr"]),
    b!("Neh", "Nehemiah", 0, ["nehemiah", "neh", "ne"]),
    b!("Esth", "Esther", 0, ["esther", "esth", "est"]),
    b!("Job", "Job", 0, ["job", "jb"]),
    b!(
        "Ps",
        "Psalms",
        0,
        ["psalms", "psalm", "psa", "ps", "pss", "psm"]
    ),
    b!(
        "Prov",
        "Proverbs",
        0,
        ["proverbs", "prov", "pro", "prv", "pr", "pv"]
    ),
    b!(
        "Eccl",
        "Ecclesiastes",
        0,
        [
            "ecclesiastes",
            "eccl",
            "eccles",
            "ecc",
            "ec",
            "qoh",
            "qoheleth"
        ]
    ),
    b!(
        "Song",
        "Song of Songs",
        0,
        [
            "song of songs",
            "songs",
            "song of solomon",
            "song of sol",
            "song",
            "ss",
            "sos",
            "sg",
            "canticles",
            "canticle of canticles",
            "cant"
        ]
    ),
    b!("Isa", "Isaiah", 0, ["isaiah", "isa", "is"]),
    b!("Jer", "Jeremiah", 0, ["jeremiah", "jer", "je", "jr"]),
    b!("Lam", "Lamentations", 0, ["lamentations", "lam", "la"]),
    b!(
        "Ezek",
        "Ezekiel",
        0,
        ["ezekiel", "ezek", "eze", "ezk", "ez"]
    ),
    b!("Dan", "Daniel", 0, ["daniel", "dan", "dn", "da"]),
    b!("Hos", "Hosea", 0, ["hosea", "hos", "ho"]),
    b!("Joel", "Joel", 0, ["joel", "jl"]),
    b!("Amos", "Amos", 0, ["amos", "am"]),
    b!("Obad", "Obadiah", 0, ["obadiah", "obad", "ob", "oba"]),
    b!("Jonah", "Jonah", 0, ["jonah", "jon", "jnh"]),
    b!("Mic", "Micah", 0, ["micah", "mic", "mi"]),
    b!("Nah", "Nahum", 0, ["nahum", "nah", "na"]),
    b!("Hab", "Habakkuk", 0, ["habakkuk", "hab", "hb"]),
    b!("Zeph", "Zephaniah", 0, ["zephaniah", "zeph", "zep", "zp"]),
    b!("Hag", "Haggai", 0, ["haggai", "hag", "hg"]),
    b!("Zech", "Zechariah", 0, ["zechariah", "zech", "zec", "zc"]),
    b!("Mal", "Malachi", 0, ["malachi", "mal", "ml"]),
    b!("Matt", "Matthew", 0, ["matthew", "matt", "mat", "mt"]),
    b!("Mark", "Mark", 0, ["mark", "mk", "mrk", "mar"]),
    b!("Luke", "Luke", 0, ["luke", "lk", "luk", "lu"]),
    b!("John", "John", 0, ["john", "jn", "jhn", "joh", "jno"]),
    b!(
        "Acts",
        "Acts",
        0,
        ["acts", "acts of the apostles", "act", "ac"]
    ),
    b!("Rom", "Romans", 0, ["romans", "rom", "ro", "rm"]),
    b!("1Cor", "First Corinthians", 1, ["corinthians", "cor", "co"]),
    b!(
        "2Cor",
        "Second Corinthians",
        2,
        ["corinthians", "cor", "co"]
    ),
    b!("Gal", "Galatians", 0, ["galatians", "gal", "ga"]),
    b!("Eph", "Ephesians", 0, ["ephesians", "eph", "ephes", "ep"]),
    b!("Phil", "Philippians", 0, ["philippians", "phil", "php"]),
    b!("Col", "Colossians", 0, ["colossians", "col"]),
    b!(
        "1Thess",
        "First Thessalonians",
        1,
        ["thessalonians", "thess", "thes", "th", "ths"]
    ),
    b!(
        "2Thess",
        "Second Thessalonians",
        2,
        ["thessalonians", "thess", "thes", "th", "ths"]
    ),
    b!("1Tim", "First Timothy", 1, ["timothy", "tim", "ti", "tm"]),
    b!("2Tim", "Second Timothy", 2, ["timothy", "tim", "ti", "tm"]),
    b!("Titus", "Titus", 0, ["titus", "tit", "ti"]),
    b!("Phlm", "Philemon", 0, ["philemon", "philem", "phlm", "phm"]),
    b!("Heb", "Hebrews", 0, ["hebrews", "heb"]),
    b!("Jas", "James", 0, ["james", "jas", "jm"]),
    b!("1Pet", "First Peter", 1, ["peter", "pet", "pe", "pt"]),
    b!("2Pet", "Second Peter", 2, ["peter", "pet", "pe", "pt"]),
    b!(
        "1John",
        "First John",
        1,
        ["john", "jn", "jhn", "jo", "joh", "jno"]
    ),
    b!(
        "2John",
        "Second John",
        2,
        ["john", "jn", "jhn", "jo", "joh", "jno"]
    ),
    b!(
        "3John",
        "Third John",
        3,
        ["john", "jn", "jhn", "jo", "joh", "jno"]
    ),
    b!("Jude", "Jude", 0, ["jude", "jud", "jd"]),
    b!(
        "Rev",
        "Revelation",
        0,
        [
            "revelation",
            "revelations",
            "rev",
            "re",
            "rv",
            "apocalypse",
            "apoc"
        ]
    ),
    // The deuterocanonical books, as Catholic and Orthodox devotions cite them.
    b!("Tob", "Tobit", 0, ["tobit", "tob", "tb"]),
    b!("Jdt", "Judith", 0, ["judith", "jdt", "jth"]),
    b!(
        "Wis",
        "Wisdom",
        0,
        ["wisdom", "wisdom of solomon", "wis", "ws", "wisd"]
    ),
    b!(
        "Sir",
        "Sirach",
        0,
        ["sirach", "sir", "ecclesiasticus", "ecclus"]
    ),
    b!("Bar", "Baruch", 0, ["baruch", "bar"]),
    b!(
        "1Macc",
        "First Maccabees",
        1,
        ["maccabees", "macc", "mac", "mc", "ma"]
    ),
    b!(
        "2Macc",
        "Second Maccabees",
        2,
        ["maccabees", "macc", "mac", "mc", "ma"]
    ),
];

/// Written forms that are also ordinary English words or names: they count as a book only
/// when capitalised and followed by a chapter that is not a counted noun ("he acts 3 times",
/// "Phil 2 apples").
const AMBIGUOUS: &[&str] = &[
    "job", "mark", "acts", "act", "numbers", "num", "james", "john", "jude", "ruth", "joel",
    "amos", "am", "luke", "titus", "daniel", "dan", "song", "ex", "col", "lam", "hos", "mic",
    "nah", "hag", "mal", "gen", "jon", "ro", "re", "pro", "pr", "ge", "ga", "co", "ch", "ti", "pe",
    "th", "jo", "sa", "ki", "ne", "est", "ob", "rm", "pet", "phil", "mar", "is", "ac", "la", "da",
    "na", "mi", "ho", "le", "je", "jr", "lu", "ep", "jd", "sg", "cant", "hb", "zp", "zc", "ml",
    "hg", "jg", "kin", "kg", "act", "apoc",
];

/// Ambiguous forms so common as words that only a chapter and verse make them a book:
/// "Is 53:5" is Isaiah, "Is 5 enough?" is not.
const NEEDS_VERSE: &[&str] = &[
    "is", "am", "ac", "la", "da", "na", "mi", "ho", "le", "je", "jr", "ep", "jd", "jo", "mar",
    "lu", "hb", "kg", "kin", "sg", "hg", "ml",
];

/// Written forms read as the writer named the book rather than by its usual name: the
/// listener hears "Song of Solomon" where the article says it.
const AS_WRITTEN: &[(&str, &str)] = &[
    ("song of solomon", "Song of Solomon"),
    ("song of sol", "Song of Solomon"),
    ("canticles", "Canticles"),
    ("canticle of canticles", "Canticle of Canticles"),
    ("cant", "Canticles"),
    ("qoheleth", "Qoheleth"),
    ("qoh", "Qoheleth"),
    ("revelations", "Revelations"),
    ("apocalypse", "Apocalypse"),
    ("apoc", "Apocalypse"),
    ("acts of the apostles", "Acts of the Apostles"),
    ("wisdom of solomon", "Wisdom of Solomon"),
    ("ecclesiasticus", "Ecclesiasticus"),
];

/// Number prefixes for numbered books, as written: "1 Pet", "I Pet", "1st Pet", "First Pet".
fn number_prefixes(n: u8) -> &'static [&'static str] {
    match n {
        1 => &["1", "i", "1st", "first"],
        2 => &["2", "ii", "2nd", "second"],
        3 => &["3", "iii", "3rd", "third"],
        _ => &[],
    }
}

/// Words that are full names of a book though no book lists them first.
const FULL_NAMES: &[&str] = &[
    "psalm",
    "songs",
    "solomon",
    "canticles",
    "song",
    "samuel",
    "kings",
    "revelations",
    "apocalypse",
    "qoheleth",
];

/// Nouns a number counts: "he acts 3 times", "Psalm 23 and 4 more verses".
const COUNTED: &[&str] = &[
    "times",
    "time",
    "items",
    "item",
    "things",
    "people",
    "persons",
    "days",
    "day",
    "years",
    "year",
    "hours",
    "minutes",
    "weeks",
    "months",
    "men",
    "women",
    "children",
    "more",
    "less",
    "percent",
    "points",
    "dollars",
    "pounds",
    "miles",
    "feet",
    "steps",
    "ways",
    "books",
    "pages",
    "copies",
    "votes",
    "goals",
    "runs",
    "out",
    "apples",
    "friends",
    "kids",
    "cups",
    "cookies",
    "seconds",
    "members",
    "verses",
    "words",
    "songs",
    "hymns",
    "questions",
    "reasons",
    "lessons",
    "inches",
    "laps",
    "am",
    "pm",
    "a.m.",
    "p.m.",
    "o'clock",
];

/// Words that open a list of verses of the chapter last named.
const VERSE_MARKERS: &[&str] = &[
    "vv. ", "vv ", "v. ", "vs. ", "verses ", "verse ", "Vv. ", "Vv ", "V. ", "Vs. ", "Verses ",
    "Verse ",
];

/// English Scripture: "Romans chapter eight, verses twenty-nine, and thirty-four through
/// thirty-nine".
pub static TABLE: Table = Table {
    books: BOOKS,
    number_prefixes,
    ambiguous: AMBIGUOUS,
    needs_verse: NEEDS_VERSE,
    as_written: AS_WRITTEN,
    full_names: FULL_NAMES,
    counted: COUNTED,
    links: &["of", "or"],
    joints: &["and"],
    onward: &[("ff", Onward::All), ("f", Onward::Next)],
    verse_markers: VERSE_MARKERS,
    comma_verses: false,
    book_joints: &[(" and ", "and"), ("-", "-"), (" or ", "or"), (" & ", "and")],
    phrasing: Phrasing {
        chapter: "chapter",
        chapters: "chapters",
        verse: "verse",
        verses: "verses",
        psalm: "Psalm",
        psalms: "Psalms",
        after_book: " ",
        through: "through",
        span_through: "through",
        and: "and",
        or: "or",
        following: "and following",
        next: "and the next",
        books_through: "through",
        serial_comma: true,
    },
    cardinal: super::numbers::cardinal,
};
