//! Abbreviations that end in a period: how each is read, and whether its period may also end
//! the sentence.
//!
//! This is the one table both the sentence splitter ([`super::sentences`]) and the reader use,
//! so the voice, the captions and the talking book can never disagree about where a sentence
//! ends. Some abbreviations mean two things and are told apart by their neighbours: "St." is
//! "Saint" before a name and "Street" after one; "Rev.", "Mt.", "Gen." and "Col." are titles
//! before a capitalised name and Bible books before a chapter number (the reference reader
//! takes those first).

/// What a period after an abbreviation does to the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// It never ends the sentence: a title or a word that always leads on ("Dr.", "e.g.").
    Holds,
    /// It ends the sentence only before a capitalised word ("etc.", "p.m.", "Feb."), never
    /// before a number ("A.D. 70", "Feb. 14").
    EndsBeforeCapital,
}

/// An abbreviation as found: what to say and what its period does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// The words to say (empty: say the written form, as for initials).
    pub say: &'static str,
    /// What its period does.
    pub period: Period,
}

use Period::{EndsBeforeCapital as Soft, Holds};

/// Abbreviations read the same wherever they stand: written form (lower case, without the
/// final period), what is said, what the period does, and whether only the capitalised form
/// counts ("Sat." the day, not "sat." the verb).
const FIXED: &[(&str, &str, Period, bool)] = &[
    // Titles before a name.
    ("mr", "Mister", Holds, false),
    ("mrs", "Missus", Holds, false),
    ("ms", "Miz", Holds, true),
    ("messrs", "Messieurs", Holds, false),
    ("dr", "Doctor", Holds, false),
    ("prof", "Professor", Holds, false),
    ("fr", "Father", Holds, true),
    ("hon", "Honorable", Holds, true),
    ("capt", "Captain", Holds, false),
    ("lt", "Lieutenant", Holds, true),
    ("sgt", "Sergeant", Holds, false),
    ("gov", "Governor", Holds, true),
    ("sen", "Senator", Holds, true),
    ("pres", "President", Holds, true),
    ("bro", "Brother", Holds, true),
    ("sis", "Sister", Holds, true),
    ("msgr", "Monsignor", Holds, false),
    ("abp", "Archbishop", Holds, false),
    ("bp", "Bishop", Holds, true),
    ("revd", "Reverend", Holds, false),
    ("rt", "Right", Holds, true),
    ("sts", "Saints", Holds, true),
    // After a name.
    ("jr", "Junior", Soft, false),
    ("ph.d", "PhD", Soft, false),
    // Latin and references: they always lead on.
    ("e.g", "for example", Holds, false),
    ("i.e", "that is", Holds, false),
    ("cf", "compare", Holds, false),
    ("viz", "namely", Holds, false),
    ("vs", "versus", Holds, false),
    ("approx", "approximately", Holds, false),
    ("esp", "especially", Holds, false),
    ("incl", "including", Holds, false),
    ("ext", "extension", Holds, false),
    ("ca", "circa", Holds, false),
    ("p", "page", Holds, false),
    ("pp", "pages", Holds, false),
    ("vol", "volume", Holds, false),
    ("vols", "volumes", Holds, false),
    ("ch", "chapter", Holds, false),
    ("chs", "chapters", Holds, false),
    ("msg", "message", Holds, false),
    ("msgs", "messages", Holds, false),
    ("eds", "editors", Holds, false),
    ("trans", "translated by", Holds, false),
    ("fig", "figure", Holds, false),
    ("sec", "section", Holds, false),
    ("s.s", "", Holds, false),
    // These often close a sentence.
    ("etc", "et cetera", Soft, false),
    ("al", "al", Soft, false),
    ("ibid", "in the same place", Soft, false),
    ("ff", "and following", Soft, false),
    // Eras and times of day. Letters are said with periods between them and none after: engines
    // read "A.D" as two letters, but "A D" as the article and a letter, and "A.D." as a full stop.
    ("a.m", "a.m", Soft, false),
    ("p.m", "p.m", Soft, false),
    ("a.d", "A.D", Soft, false),
    ("b.c", "B.C", Soft, false),
    ("b.c.e", "B.C.E", Soft, false),
    ("c.e", "C.E", Soft, false),
    // Months and days, capitalised.
    ("jan", "January", Soft, true),
    ("feb", "February", Soft, true),
    ("mar", "March", Soft, true),
    ("apr", "April", Soft, true),
    ("jun", "June", Soft, true),
    ("jul", "July", Soft, true),
    ("aug", "August", Soft, true),
    ("sep", "September", Soft, true),
    ("sept", "September", Soft, true),
    ("oct", "October", Soft, true),
    ("nov", "November", Soft, true),
    ("dec", "December", Soft, true),
    ("mon", "Monday", Soft, true),
    ("tue", "Tuesday", Soft, true),
    ("tues", "Tuesday", Soft, true),
    ("wed", "Wednesday", Soft, true),
    ("thu", "Thursday", Soft, true),
    ("thur", "Thursday", Soft, true),
    ("thurs", "Thursday", Soft, true),
    ("fri", "Friday", Soft, true),
    ("sat", "Saturday", Soft, true),
    ("sun", "Sunday", Soft, true),
    // Addresses and organisations.
    ("ave", "Avenue", Soft, false),
    ("rd", "Road", Soft, true),
    ("blvd", "Boulevard", Soft, false),
    ("inc", "Incorporated", Soft, true),
    ("ltd", "Limited", Soft, true),
    ("corp", "Corporation", Soft, true),
    ("co", "Company", Soft, true),
    ("dept", "Department", Soft, false),
    ("est", "established", Soft, false),
    ("hrs", "hours", Soft, false),
    ("mins", "minutes", Soft, false),
    ("lbs", "pounds", Soft, false),
    ("oz", "ounces", Soft, false),
];

/// The abbreviation `word` (its period included, surrounding punctuation stripped) between
/// `prev` and `next` (the neighbouring words as written), or `None` when it is not one.
pub fn find(word: &str, prev: Option<&str>, next: Option<&str>) -> Option<Reading> {
    let stem = word.strip_suffix('.')?;
    let lower = stem.to_lowercase();
    let capital = stem.starts_with(char::is_uppercase);
    let next_capital = next.is_some_and(starts_capitalised);
    let next_number = next.is_some_and(starts_with_number);
    let prev_number = prev.is_some_and(|p| p.ends_with(|c: char| c.is_ascii_digit()));
    let read = |say, period| Some(Reading { say, period });
    match lower.as_str() {
        // Saint before a name ("St. Paul"), Street after one ("Main St.").
        "st" if next_capital && !prev.is_some_and(is_name_word) => read("Saint", Holds),
        "st" => read("Street", Soft),
        // A title before a name; the Bible book elsewhere ("in Rev. we read").
        "rev" if next_capital => read("Reverend", Holds),
        "rev" => read("Revelation", Soft),
        "mt" if next_capital || next == Some("of") => read("Mount", Holds),
        "mt" => read("Matthew", Soft),
        "gen" if next_capital => read("General", Holds),
        "gen" => read("Genesis", Soft),
        "col" if next_capital => read("Colonel", Holds),
        "col" => read("Colossians", Soft),
        "sr" if next_capital => read("Sister", Holds),
        "sr" => read("Senior", Soft),
        "ft" if prev_number => read("feet", Soft),
        "ft" if next_capital => read("Fort", Holds),
        // "No. 5" is a number; "He said No." is the word.
        "no" if next_number || next.is_some_and(|n| n.starts_with('#')) => read("number", Holds),
        "nos" if next_number => read("numbers", Holds),
        "c" if next_number || next.is_some_and(is_era) => read("circa", Holds),
        // Verses before a number; elsewhere "V." is an initial.
        "v" if next_number => read("verse", Holds),
        "vv" if next_number => read("verses", Holds),
        "vv" => read("", Holds),
        "ed" if prev.is_some_and(is_ordinal) => read("edition", Soft),
        "ed" => read("edited by", Holds),
        _ => {
            if let Some(&(_, say, period, needs_capital)) =
                FIXED.iter().find(|(key, ..)| *key == lower)
            {
                return (capital || !needs_capital).then_some(Reading { say, period });
            }
            if is_initials(stem) {
                return read("", Holds);
            }
            if super::scripture().is_book_abbreviation(&lower) {
                return read("", Soft);
            }
            None
        }
    }
}

/// Whether a period at the end of `word` ends the sentence, given the next word and the
/// words of the sentence before it.
pub fn period_ends_sentence(word: &str, before: &[&str], next: Option<&str>) -> bool {
    let Some(next) = next else {
        return true;
    };
    let opens = starts_capitalised(next) || starts_with_number(next);
    match find(word, before.last().copied(), Some(next)).map(|r| r.period) {
        Some(Holds) => false,
        // Dates and eras run on ("Wed. Feb. 4", "9 a.m. EST"), and so does a sentence that
        // has only set the time so far ("In 586 B.C. Jerusalem fell").
        Some(Soft) => starts_capitalised(next) && !leads_on(next) && !only_when(before),
        None if glued_following(word) => starts_capitalised(next),
        None => opens,
    }
}

/// Words that open a sentence with its time or place.
const OPENERS: &[&str] = &[
    "in", "by", "around", "about", "since", "from", "after", "before", "until", "at", "on",
    "during", "circa", "c.", "ca.", "approx.", "early", "late", "then",
];

/// Whether the words so far only say when: an opener and at most three more words.
fn only_when(before: &[&str]) -> bool {
    (2..=4).contains(&before.len())
        && OPENERS.contains(&strip_quotes(before[0]).to_lowercase().as_str())
}

/// "A.D.", "B.C." and the like.
fn is_era(word: &str) -> bool {
    matches!(
        strip_quotes(word).to_lowercase().as_str(),
        "a.d." | "b.c." | "b.c.e." | "c.e." | "ad" | "bc"
    )
}

/// "16ff." or "3f.": a verse and those following, glued to its number.
fn glued_following(word: &str) -> bool {
    let stem = word.trim_end_matches('.');
    let letters = stem.trim_end_matches('f');
    (1..=2).contains(&(stem.len() - letters.len()))
        && letters.ends_with(|c: char| c.is_ascii_digit())
}

/// Months, weekdays and eras: a date goes on through them ("Wed. Feb. 4", "Sept. A.D. 70").
const DATE_WORDS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "a.d", "b.c", "b.c.e",
    "c.e",
];

/// Days and months written out, and time zones, which also carry a date or time on ("9 p.m.
/// Thursday", "10 a.m. Eastern").
const DATE_NAMES: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
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
    "eastern",
    "central",
    "mountain",
    "pacific",
    "est",
    "cst",
    "mst",
    "pst",
    "edt",
    "cdt",
    "mdt",
    "pdt",
    "et",
    "ct",
    "pt",
    "gmt",
    "utc",
    "bst",
];

/// Whether `next` is a date word after which the date goes on.
fn leads_on(next: &str) -> bool {
    let core = strip_quotes(next);
    let abbreviated = core
        .strip_suffix('.')
        .is_some_and(|stem| DATE_WORDS.contains(&stem.to_lowercase().as_str()));
    let word = core.trim_end_matches(|c: char| !c.is_alphabetic());
    abbreviated || DATE_NAMES.contains(&word.to_lowercase().as_str())
}

fn strip_quotes(word: &str) -> &str {
    word.trim_start_matches(['"', '\'', '“', '‘', '(', '['])
}

fn starts_capitalised(word: &str) -> bool {
    strip_quotes(word)
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

fn starts_with_number(word: &str) -> bool {
    strip_quotes(word)
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit())
}

/// A capitalised word that is a name, not a sentence's first word after punctuation.
fn is_name_word(prev: &str) -> bool {
    starts_capitalised(prev) && !prev.ends_with(['.', ',', ';', ':', '!', '?', '"', ')'])
}

fn is_ordinal(word: &str) -> bool {
    let w = word.to_lowercase();
    ["st", "nd", "rd", "th"]
        .iter()
        .any(|s| w.strip_suffix(s).is_some_and(|d| d.parse::<u32>().is_ok()))
        || matches!(w.as_str(), "first" | "second" | "third" | "fourth" | "rev.")
}

/// "C", "C.S", "U.S.A": letters each followed by a period (the last one's stripped).
pub fn is_initials(stem: &str) -> bool {
    stem.split('.')
        .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn say(word: &str, prev: Option<&str>, next: Option<&str>) -> Option<&'static str> {
        find(word, prev, next).map(|r| r.say)
    }

    #[test]
    fn neighbours_decide_double_meanings() {
        assert_eq!(say("St.", Some("at"), Some("Paul")), Some("Saint"));
        assert_eq!(say("St.", Some("Main"), Some("Then")), Some("Street"));
        assert_eq!(say("St.", Some("Main"), None), Some("Street"));
        assert_eq!(say("Rev.", None, Some("Smith")), Some("Reverend"));
        assert_eq!(say("Mt.", Some("on"), Some("Sinai")), Some("Mount"));
        assert_eq!(say("Gen.", None, Some("Lee")), Some("General"));
        assert_eq!(say("No.", None, Some("5")), Some("number"));
        assert_eq!(say("No.", Some("said"), Some("Then")), None);
        assert_eq!(say("Sat.", None, Some("Feb.")), Some("Saturday"));
        assert_eq!(say("sat.", Some("he"), None), None);
        assert_eq!(say("ed.", Some("2nd"), None), Some("edition"));
        assert_eq!(say("c.", None, Some("1850")), Some("circa"));
    }

    #[test]
    fn which_periods_end_a_sentence() {
        let ends = |w, n| period_ends_sentence(w, &[], n);
        assert!(!ends("Feb.", Some("14")));
        assert!(!ends("A.D.", Some("70")));
        assert!(!ends("Dr.", Some("Lee")));
        assert!(!ends("Wed.", Some("Feb.")));
        assert!(!ends("e.g.", Some("Grace")));
        assert!(ends("p.m.", Some("Come")));
        assert!(ends("etc.", Some("What")));
        assert!(!ends("etc.", Some("and")));
        assert!(ends("No.", Some("Then")));
        assert!(!ends("No.", Some("5")));
        assert!(ends("3:16ff.", Some("Then")));
        assert!(!ends("3:16ff.", Some("is")));
        assert!(!ends("C.S.", Some("Lewis")));
        assert!(ends("done.", Some("2026")));
        assert!(ends("done.", None));
        assert!(!period_ends_sentence(
            "B.C.",
            &["In", "586"],
            Some("Jerusalem")
        ));
        assert!(period_ends_sentence(
            "p.m.",
            &["It", "starts", "at", "7"],
            Some("Come")
        ));
        assert!(!period_ends_sentence("a.m.", &["at", "9"], Some("EST")));
    }
}
