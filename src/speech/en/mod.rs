//! English: today's reading rules, as a careful American reader says them.

mod abbrev;
mod books;
mod numbers;
mod numeric;
mod roman;
mod words;

use super::bible::Scripture;
use super::hymn::Words;
use super::language::{Language, Spans};
use super::lexicon::Lexicon;
use super::phone::{phone_numbers, PhoneWords};
use super::symbols::Symbols;
use std::sync::OnceLock;

/// The English reading rules.
pub struct English;

impl Language for English {
    fn tag(&self) -> &'static str {
        "en"
    }

    fn name(&self) -> &'static str {
        "English"
    }

    fn period_ends_sentence(&self, word: &str, before: &[&str], next: Option<&str>) -> bool {
        abbrev::period_ends_sentence(word, before, next)
    }

    fn spans(&self) -> &'static Spans {
        &SPANS
    }

    fn date(&self, date: chrono::NaiveDate) -> String {
        date.format("%B %-d, %Y").to_string()
    }

    fn cardinal(&self, n: u64) -> String {
        numbers::cardinal(n)
    }

    fn scripture(&self) -> &'static Scripture {
        scripture()
    }

    fn hymn_words(&self) -> &'static Words {
        &HYMNS
    }

    /// "three hundred two", but "eleven twenty-nine" for four digits, as hymnals say them.
    fn hymn_number(&self, n: u32) -> String {
        match n {
            1000..=9999 => numbers::year(n.into()),
            _ => numbers::cardinal(n.into()),
        }
    }

    fn phone_numbers(&self, text: &str) -> String {
        phone_numbers(text, &PHONE)
    }

    fn words(&self, text: &str, lexicon: &Lexicon) -> String {
        words::words(text, lexicon)
    }
}

/// The English book names and reference words, indexed once.
fn scripture() -> &'static Scripture {
    static S: OnceLock<Scripture> = OnceLock::new();
    S.get_or_init(|| Scripture::new(&books::TABLE))
}

/// Days and months, written out or short, that a dash between makes a span ("Mon.–Fri.",
/// "Jan–Mar"): the dash is read "through".
static SPANS: Spans = Spans {
    names: &[
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ],
    capitalised: true,
    word: " through ",
    number_endings: &["a", "b", "c", "st", "nd", "rd", "th"],
};

/// English hymn citations: "(Hymns #114)", "Hymn No. 302".
pub static HYMNS: Words = Words {
    hymn: &["hymn"],
    hymnal: &["hymns", "hymnal", "hymnary", "hymnbook"],
    markers: &[
        "#", "no.", "no", "nº", "n°", "nos.", "number", "num.", "nr.",
    ],
    determiners: &[
        "a", "an", "the", "this", "that", "these", "those", "each", "every", "another", "any",
        "one", "which", "what", "whose", "same", "such", "no", "some", "many", "few",
    ],
    counted: &[
        "times", "time", "more", "of", "minutes", "minute", "hours", "hour", "days", "day",
        "weeks", "week", "months", "month", "years", "year", "people", "voices", "ways", "percent",
        "hymns", "songs", "others", "other",
    ],
    titles: &["hymn", "hymns", "hymnal", "song", "songs", "chorus"],
    details: &[
        "stanzas", "stanza", "sts.", "st.", "verses", "verse", "vv.", "v.", "refrain", "chorus",
    ],
    not_titles: &["song of songs", "song of solomon", "songs of solomon"],
    lead_ins: &["from", "see", "cf.", "source:", "sung to", "tune:"],
    hymn_name: "Hymn",
    number: "number",
};

/// Phone numbers in English: "five five five, two one four, …".
pub static PHONE: PhoneWords = PhoneWords {
    digits: [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ],
    plus: "plus",
    extension: "extension",
    extension_marks: &["ext. ", "ext.", "ext ", "extension ", "x ", "x"],
    // Words that announce a seven-digit local number.
    announcing: &[
        "call",
        "phone",
        "tel",
        "telephone",
        "text",
        "dial",
        "fax",
        "line",
        "hotline",
        "number",
        "contact",
        "reach",
        "at",
        "or",
    ],
};

/// English words for symbols and addresses.
pub static SYMBOLS: Symbols = Symbols {
    said: &[
        ("&", "and"),
        ("%", "percent"),
        ("+", "plus"),
        ("=", "equals"),
        ("@", "at"),
        ("#", "number"),
    ],
    acronyms: &[
        "KJV", "NKJV", "NIV", "ESV", "NASB", "RSV", "NRSV", "NLT", "CSB", "ASV", "OT", "NT", "USA",
        "UK", "US", "TV", "DVD", "CD", "CEO", "BC", "AD", "BCE", "CE", "PDF", "FAQ", "HTML", "URL",
        "RSS", "YMCA", "YWCA", "FBI", "CIA", "EU", "UN", "NGO", "ID", "IRS", "ATM", "PTA", "HIV",
        "DNA", "EST", "EDT", "PT", "ET", "UTC", "GPS", "ICU", "ER", "OK", "AI", "IT", "VA", "UCC",
        "CEB", "AMP", "GNT", "NIRV", "NABRE", "NAB", "RV", "NEB", "REB", "YLT", "WEB", "AV",
    ],
    dot: "dot",
    at: "at",
    web_link: "a web link",
    email: "an e-mail address",
    known_number: |body| numeric::known(body, Default::default(), &|w| w.to_string()).is_some(),
};
