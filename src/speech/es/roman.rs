//! Roman numerals in Spanish prose: after a name an ordinal up to the tenth ("Juan Pablo II"
//! is "segundo", "Isabel I" is "primera"), beyond it a cardinal ("Juan XXIII" is "veintitrés");
//! after a counted word a cardinal ("siglo XXI" is "veintiuno"), the first ten centuries
//! ordinals ("siglo I" is "primero"); "MIX" or "CD" alone are words.

use super::numbers::{cardinal, ordinal, Gender};
use crate::speech::lexicon::Lexicon;
use crate::speech::token::split_token;
use crate::speech::tokens::{At, Read};

/// Names of queens, in lower case: their numeral is feminine ("Isabel II" is "segunda").
const QUEENS: &[&str] = &[
    "isabel",
    "maría",
    "juana",
    "catalina",
    "ana",
    "victoria",
    "leonor",
    "cristina",
    "urraca",
    "berenguela",
    "beatriz",
    "margarita",
];

/// Words after which a Roman numeral is a count: "siglo XXI" is "siglo veintiuno".
const COUNTED_BY_ROMAN: &[&str] = &[
    "siglo",
    "siglos",
    "capítulo",
    "tomo",
    "libro",
    "parte",
    "volumen",
    "concilio",
    "acto",
];

/// A Roman numeral: after a name an ordinal up to the tenth ("Juan Pablo II" is "segundo"),
/// else a cardinal ("siglo XXI", "Juan XXIII"); only after a name or a counted word, where
/// "MIX" or "CD" alone are words.
pub fn roman(at: &At, _: &Lexicon) -> Read {
    let numeral = at.core.strip_suffix('.').unwrap_or(at.core);
    let n = roman_value(numeral)?;
    let prev = at.prev.map(|p| split_token(p).1.to_lowercase());
    // The word that counts it, before it or before the numeral it is listed with ("los
    // siglos XVI y XVII").
    let back = |k: usize| {
        at.i.checked_sub(k)
            .map(|j| split_token(at.tokens[j]).1.to_lowercase())
    };
    let listed = prev
        .as_deref()
        .is_some_and(|p| matches!(p, "y" | "e" | "o" | "u" | "al" | "a"))
        && at.tokens.get(at.i.wrapping_sub(2)).is_some_and(|t| {
            let core = split_token(t).1;
            roman_value(core.trim_end_matches(',')).is_some()
        });
    let counter = if listed { back(3) } else { prev.clone() };
    let counted = counter
        .as_deref()
        .is_some_and(|p| COUNTED_BY_ROMAN.contains(&p));
    let century = counter.as_deref().is_some_and(|p| p.starts_with("siglo"));
    let after_name = at.prev.is_some_and(|p| {
        let (_, core, trail) = split_token(p);
        trail.is_empty()
            && core.chars().count() > 1
            && core.starts_with(char::is_uppercase)
            && !core.ends_with('.')
    });
    // "Juan C. Pérez": a lone C, D, L or M is an initial.
    let initial = numeral.len() == 1 && !matches!(numeral, "I" | "V" | "X");
    if !counted && !after_name || initial {
        return None;
    }
    // "Isabel I" is "Isabel primera".
    let queen = prev
        .as_deref()
        .is_some_and(|p| QUEENS.contains(&p.trim_end_matches(',')));
    let said = match n {
        1..=10 if after_name && !counted => ordinal(n, queen),
        1..=10 if century => ordinal(n, false),
        _ => cardinal(n, Gender::Alone),
    };
    Some(at.put(&said, 1, numeral.len() < at.core.len()))
}

/// The value of a Roman numeral written in capitals and in canonical form, up to 3999.
fn roman_value(s: &str) -> Option<u64> {
    crate::speech::roman::value(s).filter(|n| (1..4000).contains(n))
}
