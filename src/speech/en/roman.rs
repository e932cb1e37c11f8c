//! Roman numerals read by what they follow: "chapter IV" is four, "John Paul II" the Second.

use super::numbers::{cardinal, ordinal};

/// Words after which a Roman numeral is a plain number: "chapter IV", "World War II".
const COUNTED_IN_ROMAN: &[&str] = &[
    "chapter", "part", "book", "volume", "act", "scene", "section", "article", "appendix", "psalm",
    "phase", "stage", "unit", "lesson", "session", "week", "day", "level", "war", "vatican",
    "canto", "tome", "series", "year", "grade", "class", "type", "letter", "epistle", "step",
    "movement",
];

/// A Roman numeral read by what it follows: a plain number after "chapter", "part" or
/// "book" ("chapter IV" → "four"), an ordinal after a name ("John Paul II" → "the Second").
pub fn roman_in_context(word: &str, prev: Option<&str>, next: Option<&str>) -> Option<String> {
    let prev = prev?;
    let counted = COUNTED_IN_ROMAN.contains(&prev.to_lowercase().as_str());
    if counted {
        return super::super::roman::value(word).map(cardinal);
    }
    let name = prev.starts_with(char::is_uppercase)
        && prev.chars().all(char::is_alphabetic)
        && prev.chars().skip(1).any(char::is_lowercase);
    let regnal = word.len() >= 2 || (REGNAL.contains(&prev) && single_letter_ends(next));
    if name && regnal {
        return super::super::roman::value(word)
            .map(|n| format!("the {}", capitalise(&ordinal(n))));
    }
    None
}

/// Names of monarchs and popes, after which even "I" or "V" is a numeral ("Elizabeth I").
const REGNAL: &[&str] = &[
    "Elizabeth",
    "James",
    "Charles",
    "Gregory",
    "William",
    "Edward",
    "Henry",
    "George",
    "Richard",
    "Louis",
    "Leo",
    "Pius",
    "Benedict",
    "Clement",
    "Innocent",
    "Urban",
    "Alexander",
    "Nicholas",
    "Frederick",
    "Philip",
    "Ferdinand",
    "Catherine",
    "Anne",
    "Victoria",
    "Peter",
    "Constantine",
    "Justinian",
    "Theodosius",
    "Otto",
    "Sixtus",
    "Boniface",
    "Celestine",
];

/// Whether what follows a one-letter numeral reads on from a name ("Elizabeth I reigned"),
/// not from the pronoun ("James I think").
fn single_letter_ends(next: Option<&str>) -> bool {
    const ON: &[&str] = &[
        "of",
        "and",
        "was",
        "who",
        "had",
        "died",
        "ruled",
        "reigned",
        "became",
        "in",
        "to",
        "at",
        "made",
        "sent",
        "built",
        "signed",
        "ordered",
        "called",
        "authorized",
        "authorised",
        "issued",
        "founded",
        "crowned",
        "executed",
        "expelled",
        "married",
        "is",
        "the",
    ];
    match next {
        None => true,
        Some(n) => n.starts_with(|c: char| !c.is_alphanumeric()) || ON.contains(&n),
    }
}
fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals_by_context() {
        assert_eq!(
            roman_in_context("II", Some("Paul"), None).as_deref(),
            Some("the Second")
        );
        assert_eq!(
            roman_in_context("VIII", Some("Henry"), None).as_deref(),
            Some("the Eighth")
        );
        assert_eq!(
            roman_in_context("XXIII", Some("John"), None).as_deref(),
            Some("the Twenty-third")
        );
        assert_eq!(
            roman_in_context("IV", Some("chapter"), None).as_deref(),
            Some("four")
        );
        assert_eq!(
            roman_in_context("I", Some("Part"), None).as_deref(),
            Some("one")
        );
        assert_eq!(
            roman_in_context("II", Some("War"), None).as_deref(),
            Some("two")
        );
        assert_eq!(roman_in_context("I", Some("Father"), None), None);
        assert_eq!(roman_in_context("CD", Some("the"), None), None);
        assert_eq!(roman_in_context("IIII", Some("chapter"), None), None);
        assert_eq!(roman_in_context("KJV", Some("Paul"), None), None);
    }
}
