//! Word-level reading in English: each token of a sentence, seen with its neighbours, is read
//! by the first rule that knows it (abbreviations, initials, times, addresses, numbers, dates,
//! Roman numerals), else as a word or symbol ([`crate::speech::symbols`]).

use super::abbrev;
use super::numbers::{cardinal, ordinal};
use super::numeric::{self, Around, MONTHS};
use super::roman;
use super::SYMBOLS;
use crate::speech::lexicon::Lexicon;
use crate::speech::symbols::{self, is_acronym, spell, split_symbols};
use crate::speech::token::split_token;
use crate::speech::tokens::{read_tokens, At, Read};

/// Scale words that follow an amount of money: "$2 million" is "two million dollars".
const SCALES: &[&str] = &["thousand", "million", "billion", "trillion"];

/// Titles often written without their period ("Dr Jones", "St Paul's", "Mt Sinai").
const BARE_TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Mt", "Rev", "Revd", "Fr", "Prof", "Sr", "Rt", "Hon", "Capt",
    "Sgt", "Lt", "Gov", "Sen", "Bro", "Sis", "Msgr", "Bp", "Sts",
];

/// Days and months written short without a period ("Mon, Oct 6", "Dec 25").
const SHORT_DAYS: &[(&str, &str)] = &[
    ("Mon", "Monday"),
    ("Tue", "Tuesday"),
    ("Tues", "Tuesday"),
    ("Wed", "Wednesday"),
    ("Thu", "Thursday"),
    ("Thur", "Thursday"),
    ("Thurs", "Thursday"),
    ("Fri", "Friday"),
    ("Sat", "Saturday"),
    ("Sun", "Sunday"),
];

/// Street words after which "N." is "North" ("120 N. Main St.").
const STREETS: &[&str] = &[
    "St.",
    "Ave.",
    "Rd.",
    "Blvd.",
    "Dr.",
    "Ln.",
    "St",
    "Ave",
    "Rd",
    "Street",
    "Avenue",
    "Road",
    "Boulevard",
    "Drive",
    "Lane",
    "Way",
    "Place",
    "Court",
];

/// Reads every token of a sentence.
pub fn words(text: &str, lexicon: &Lexicon) -> String {
    let text = split_symbols(text, lexicon, &SYMBOLS);
    read_tokens(&text, |at| read(at, lexicon))
}

/// Reads the token at `at` by the first rule that knows it.
fn read(at: &At, lexicon: &Lexicon) -> (String, usize) {
    let rules: [fn(&At, &Lexicon) -> Read; 10] = [
        et_al,
        abbreviation,
        bare_title,
        direction,
        initials,
        meridiem,
        address,
        |at, lexicon| number(at, lexicon),
        day_name,
        roman_numeral,
    ];
    if let Some(read) = rules.iter().find_map(|rule| rule(at, lexicon)) {
        return read;
    }
    let word = symbols::symbol_or_word(at.core, lexicon, &SYMBOLS);
    // A dropped symbol takes its punctuation with it, so no stray ", ," is left.
    if word.is_empty() && !at.core.is_empty() {
        return (String::new(), 1);
    }
    (format!("{}{word}{}", at.lead, at.trail), 1)
}

/// "et al." → "and others".
fn et_al(at: &At, _: &Lexicon) -> Read {
    let next = split_token(at.next?).1;
    (at.core.eq_ignore_ascii_case("et") && next == "al.").then(|| at.put("and others", 2, true))
}

/// An abbreviation with its period ([`abbrev`]).
fn abbreviation(at: &At, _: &Lexicon) -> Read {
    let r = abbrev::find(at.core, at.prev, at.next).filter(|r| !r.say.is_empty())?;
    Some(at.put(r.say, 1, true))
}

/// A title written without its period before a name ("Dr Jones", "Mt Sinai"), read as with
/// it; "Main St" is a street.
fn bare_title(at: &At, _: &Lexicon) -> Read {
    // Words written without the period their abbreviation has ("bread, wine, etc").
    match at.core {
        // Only where a list ends ("wine, etc", "wine etc"): elsewhere "etc" is a word of
        // something already read, such as an address ("etc dot org").
        "etc" if at.next.is_none() || at.prev.is_some_and(|p| p.ends_with(',')) => {
            return Some(at.put("et cetera", 1, false))
        }
        // Before a number too ("2 vs 1"): left as "vs", it was read "versus" only when the
        // number had become a word, so a second reading differed.
        "vs" if at.next.is_some() => return Some(at.put("versus", 1, false)),
        _ => {}
    }
    if !BARE_TITLES.contains(&at.core) {
        return None;
    }
    let name_follows = at.next.is_some_and(|n| n.starts_with(char::is_uppercase));
    let street = at.core == "St" && at.prev.is_some_and(|p| p.starts_with(char::is_uppercase));
    if !name_follows && !street {
        return None;
    }
    let r = abbrev::find(&format!("{}.", at.core), at.prev, at.next)?;
    Some(at.put(r.say, 1, false))
}

/// "N." before a street's name ("120 N. Main St.", "W. Elm Ave.") is a direction.
fn direction(at: &At, _: &Lexicon) -> Read {
    let said = match at.core {
        "N." => "North",
        "S." => "South",
        "E." => "East",
        "W." => "West",
        _ => return None,
    };
    let street = (2..=3).any(|k| {
        at.ahead(k)
            .is_some_and(|w| STREETS.contains(&split_token(w).1))
    });
    street.then(|| at.put(said, 1, false))
}

/// A run of initials ("C. S.", "J.R.R.", "KJV.") said as letters with periods between them
/// and none after, where an engine would hear the end of a sentence ("C.S Lewis"); a
/// sentence's own final period stays.
fn initials(at: &At, _: &Lexicon) -> Read {
    let mut letters: Vec<String> = Vec::new();
    let mut last_trail = "";
    for (k, tok) in at.tokens[at.i..].iter().enumerate() {
        let (lead, core, trail) = split_token(tok);
        let Some(stem) = core.strip_suffix('.') else {
            break;
        };
        // Letters and acronyms between periods ("C.S", "KJV", "FS.S").
        let parts: Option<Vec<String>> = stem
            .split('.')
            .map(|part| match part.chars().count() {
                1 if part.chars().all(char::is_alphabetic) => Some(part.to_string()),
                _ if is_acronym(part, &SYMBOLS) => Some(spell(part)),
                _ => None,
            })
            .collect();
        let Some(parts) = parts else {
            break;
        };
        let spelled = parts.join(".");
        if k > 0 && (!lead.is_empty() || !last_trail.is_empty()) {
            break;
        }
        letters.push(spelled);
        last_trail = trail;
    }
    if letters.is_empty() {
        return None;
    }
    Some(at.put(&letters.join("."), letters.len(), true))
}

/// "am"/"pm" after a number.
fn meridiem(at: &At, _: &Lexicon) -> Read {
    let said = match at.core.strip_suffix('.').unwrap_or(at.core) {
        "am" | "AM" => "a.m",
        "pm" | "PM" => "p.m",
        _ => return None,
    };
    let after_number = at
        .prev
        .is_some_and(|p| split_token(p).1.ends_with(|c: char| c.is_ascii_digit()));
    after_number.then(|| at.put(said, 1, at.core.ends_with('.')))
}

/// A web or e-mail address.
fn address(at: &At, lexicon: &Lexicon) -> Read {
    let bare = at.core.trim_end_matches('.');
    let spoken = symbols::address(bare, lexicon, &SYMBOLS)?;
    // A period after it is dropped, as after initials, unless it ends the sentence.
    let stop = &at.core[bare.len()..];
    let last = at.next.is_none() && at.trail.is_empty();
    let stop = if last { stop } else { "" };
    Some((format!("{}{spoken}{stop}{}", at.lead, at.trail), 1))
}

/// A token with digits: a day of a month, a time on the hour, a whole number and a
/// fraction, an amount with its scale or before its noun, or any other number.
fn number(at: &At, lexicon: &Lexicon) -> Read {
    if !at.core.contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // A period after a number ("the 3rd.", "20%.") belongs to the sentence, not the number;
    // inside a sentence it is dropped.
    let last = at.next.is_none();
    let (core, stop) = match at.core.strip_suffix('.') {
        Some(c) => (c, if last { "." } else { "" }),
        None => (at.core, ""),
    };
    let trail = format!("{stop}{}", at.trail);
    let joined = [
        day_of_month,
        on_the_hour,
        with_fraction,
        with_scale,
        before_noun,
    ]
    .iter()
    .find_map(|rule| rule(at, core, &trail));
    if let Some((said, used)) = joined {
        return Some((format!("{}{said}", at.lead), used));
    }
    let around = Around {
        prev: at.prev,
        next: at.next,
    };
    let word = |w: &str| symbols::symbol_or_word(w, lexicon, &SYMBOLS);
    let said = match numeric::known(core, around, &word) {
        Some(said) => format!("{said}{trail}"),
        // Digits and letters read apart take the period with them ("4x4.", "0cf."), as a
        // second reading would.
        None => format!("{}{}", numeric::mixed(at.core, &word), at.trail),
    };
    // "'60s": the apostrophe stands for the century, which is not said.
    let lead = match at.lead.strip_suffix(['\'', '’']) {
        Some(l) if core.ends_with('s') && core.len() == 3 => l,
        _ => at.lead,
    };
    Some((format!("{lead}{said}"), 1))
}

/// "November 15" → "November fifteenth", "Jan. 5-7" → "January fifth to seventh",
/// "15 November" → "the fifteenth of November".
fn day_of_month(at: &At, core: &str, trail: &str) -> Read {
    let day = |s: &str| s.parse::<u64>().ok().filter(|d| (1..=31).contains(d));
    let after_month = at
        .said_before
        .is_some_and(|w| MONTHS.contains(&w.trim_start_matches(['(', '"'])));
    if after_month {
        if let Some(d) = day(core) {
            return Some((format!("{}{trail}", ordinal(d)), 1));
        }
        let (a, b) = core.split_once('-')?;
        let (a, b) = (day(a)?, day(b)?);
        return Some((format!("{} to {}{trail}", ordinal(a), ordinal(b)), 1));
    }
    let d = day(core)?;
    (at.next.is_some_and(is_month) && trail.is_empty())
        .then(|| (format!("the {} of", ordinal(d)), 1))
}

/// "8:00 p.m." → "eight p.m", "12:00 noon" → "twelve noon".
fn on_the_hour(at: &At, core: &str, trail: &str) -> Read {
    let hour: u64 = core.strip_suffix(":00")?.parse().ok()?;
    let next = split_token(at.next?).1.trim_end_matches('.').to_lowercase();
    let fits = matches!(next.as_str(), "am" | "pm" | "a.m" | "p.m") && (1..=12).contains(&hour)
        || matches!(next.as_str(), "noon" | "midnight");
    (fits && trail.is_empty()).then(|| (cardinal(hour), 1))
}

/// "1 1/2 cups" → "one and a half cups".
fn with_fraction(at: &At, core: &str, trail: &str) -> Read {
    if !trail.is_empty() {
        return None;
    }
    let (_, part, part_trail) = split_token(at.next?);
    let (part, stop) = match part.strip_suffix('.') {
        Some(p) => (p, "."),
        None => (part, ""),
    };
    let said = numeric::mixed_fraction(core, part)?;
    Some((format!("{said}{stop}{part_trail}"), 2))
}

/// "$2 million" → "two million dollars".
fn with_scale(at: &At, core: &str, trail: &str) -> Read {
    let (_, scale, t) = split_token(at.next?);
    if !trail.is_empty() {
        return None;
    }
    // "$2 million." keeps its sentence's period.
    let (scale, stop) = match scale.strip_suffix('.') {
        Some(s) => (s.to_lowercase(), "."),
        None => (scale.to_lowercase(), ""),
    };
    if !SCALES.contains(&scale.as_str()) {
        return None;
    }
    let said = numeric::money(core, Some(&scale))?;
    Some((format!("{said}{stop}{t}"), 2))
}

/// "a $50 gift" → "a fifty-dollar gift".
fn before_noun(at: &At, core: &str, trail: &str) -> Read {
    let after_article = at
        .prev
        .is_some_and(|p| matches!(p.to_lowercase().as_str(), "a" | "an"));
    if !after_article || !trail.is_empty() || !at.next.is_some_and(describes_noun) {
        return None;
    }
    Some((numeric::money_adjective(core)?, 1))
}

/// Whether the word after "a $50" is the noun the amount describes ("gift"), not a word
/// that goes on with the amount ("or", "each").
fn describes_noun(word: &str) -> bool {
    const GOES_ON: &[&str] = &[
        "or", "and", "to", "of", "for", "in", "each", "per", "a", "an", "the", "is", "was", "will",
        "would", "from", "at", "on", "more", "less",
    ];
    let core = split_token(word).1;
    let core = core.strip_suffix('.').unwrap_or(core);
    core.starts_with(char::is_lowercase)
        && core.chars().all(char::is_alphabetic)
        && !GOES_ON.contains(&core)
}

/// A day or month written short without a period, where a date shows it is one: "Mon, Oct
/// 6", "Dec 25", "Mon through Fri".
fn day_name(at: &At, _: &Lexicon) -> Read {
    let month = MONTHS
        .iter()
        .find(|m| at.core.len() >= 3 && m.starts_with(at.core) && *m != &at.core)
        .filter(|_| at.core.len() <= 4 && at.core.starts_with(char::is_uppercase));
    let day = SHORT_DAYS
        .iter()
        .find(|(short, _)| *short == at.core)
        .map(|d| d.1);
    let next = at.next.map(|n| split_token(n).1);
    let dated = next.is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
    let in_range = |w: Option<&str>| w.is_some_and(|w| matches!(w, "through" | "to" | "-"));
    let said = match (month, day) {
        (Some(m), _) if dated && at.trail.is_empty() => *m,
        (_, Some(d)) if dated || in_range(next) || in_range(at.prev) => d,
        (_, Some(d)) if next.is_some_and(|n| MONTHS.iter().any(|m| m.starts_with(n))) => d,
        _ => return None,
    };
    Some(at.put(said, 1, false))
}

/// A Roman numeral read by what it follows ([`roman`]).
fn roman_numeral(at: &At, _: &Lexicon) -> Read {
    let numeral = at.core.strip_suffix('.').unwrap_or(at.core);
    // A numeral closed by punctuation ("Gregory I, also called…") ends its name.
    let next = if at.trail.is_empty() { at.next } else { None };
    let said = roman::roman_in_context(numeral, at.said_before, next)?;
    Some(at.put(&said, 1, numeral.len() < at.core.len()))
}

/// A month's name or its abbreviation, as written.
fn is_month(word: &str) -> bool {
    let core = split_token(word).1;
    let stem = core.trim_end_matches('.');
    MONTHS
        .iter()
        .any(|m| *m == stem || (core.ends_with('.') && stem.len() >= 3 && m.starts_with(stem)))
}
