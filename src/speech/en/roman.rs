//! Roman numerals read by what they follow: "chapter IV" is four, "John Paul II" the Second.

use super::numbers::{cardinal, ordinal};

/// A Roman numeral's value, for numerals of two letters or more, or any after a word that
/// counts in them ("Part I").
pub fn roman(word: &str) -> Option<u64> {
    if word.is_empty() || !word.chars().all(|c| "IVXLCDM".contains(c)) {
        return None;
    }
    let value = |c| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        'C' => 100,
        'D' => 500,
        _ => 1000,
    };
    let vals: Vec<u64> = word.chars().map(value).collect();
    let mut total = 0;
    for (i, v) in vals.iter().enumerate() {
        if vals.get(i + 1).is_some_and(|n| n > v) {
            total -= *v as i64;
        } else {
            total += *v as i64;
        }
    }
    let total = u64::try_from(total).ok().filter(|&t| t > 0)?;
    // Only the canonical spelling counts, so "IIII" or "VX" are not numerals.
    (to_roman(total) == word).then_some(total)
}

fn to_roman(mut n: u64) -> String {
    const TABLE: &[(u64, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

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
        return roman(word).map(cardinal);
    }
    let name = prev.starts_with(char::is_uppercase)
        && prev.chars().all(char::is_alphabetic)
        && prev.chars().skip(1).any(char::is_lowercase);
    let regnal = word.len() >= 2 || (REGNAL.contains(&prev) && single_letter_ends(next));
    if name && regnal {
        return roman(word).map(|n| format!("the {}", capitalise(&ordinal(n))));
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
