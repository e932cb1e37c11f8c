//! Word-level reading in Spanish: each token of a sentence, seen with its neighbours, is read
//! by the first rule that knows it (abbreviations, times of day, addresses, ordinals, money,
//! dates, numbers agreeing with their noun), else as a word or symbol
//! ([`crate::speech::symbols`]).

use super::abbrev;
use super::money::money;
use super::numbers::{amount, amount_words, cardinal, grouped_figures, ordinal, Gender};
use super::roman::roman;
use super::units;
use super::SYMBOLS;
use crate::speech::lexicon::Lexicon;
use crate::speech::symbols::{self, split_symbols};
use crate::speech::token::split_token;
use crate::speech::tokens::{read_tokens, At, Read};

/// The months, in lower case.
pub const MONTHS: &[&str] = &[
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "setiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

use super::gender::{gender_of, is_verb};

/// Reads every token of a sentence.
pub fn words(text: &str, lexicon: &Lexicon) -> String {
    // A sign split from its number keeps the sentence's period with it ("3,5 %.").
    // "US$10" is dollars, before the symbols are split from their letters.
    let text = units::units(&text.replace("US$", "$"));
    let text = split_symbols(&text, lexicon, &SYMBOLS).replace(" % .", " %.");
    read_tokens(&text, |at| read(at, lexicon))
}

/// Reads the token at `at` by the first rule that knows it.
fn read(at: &At, lexicon: &Lexicon) -> (String, usize) {
    let rules: [fn(&At, &Lexicon) -> Read; 6] =
        [two_words, meridiem, abbreviation, address, number, roman];
    if let Some(read) = rules.iter().find_map(|rule| rule(at, lexicon)) {
        return read;
    }
    let word = symbols::symbol_or_word(at.core, lexicon, &SYMBOLS);
    if word.is_empty() && !at.core.is_empty() {
        return (String::new(), 1);
    }
    (format!("{}{word}{}", at.lead, at.trail), 1)
}

/// "p. ej.", "a. C.", "EE. UU.", and the same glued ("a.C.").
fn two_words(at: &At, _: &Lexicon) -> Read {
    if let Some(said) = abbrev::glued(at.core) {
        return Some(at.put(&opening(at, said), 1, true));
    }
    let next = split_token(at.next?).1;
    let (.., said) = abbrev::TWO_WORDS
        .iter()
        .find(|(a, b, _)| *a == at.core && *b == next && at.trail.is_empty())?;
    Some(at.put(&opening(at, said), 2, true))
}

/// "a. m."/"p. m." after a time: "de la mañana", "de la tarde", "de la noche".
fn meridiem(at: &At, _: &Lexicon) -> Read {
    let next = at.next.map(|n| split_token(n).1);
    let lower = at.core.to_lowercase();
    let (pm, used) = match lower.as_str() {
        "a.m." | "am" | "a.m" | "am." => (false, 1),
        "p.m." | "pm" | "p.m" | "pm." => (true, 1),
        "a." if next == Some("m.") && at.trail.is_empty() => (false, 2),
        "p." if next == Some("m.") && at.trail.is_empty() => (true, 2),
        _ => return None,
    };
    let prev = split_token(at.prev?).1;
    let hour: u64 = prev.split(':').next()?.parse().ok()?;
    let said = match (pm, hour) {
        (false, 12) => "de la noche",
        (false, 1..=5) => "de la madrugada",
        (false, 6..=11) => "de la mañana",
        (true, 12) => "del mediodía",
        (true, 1..=7) => "de la tarde",
        (true, 8..=11) => "de la noche",
        _ => return None,
    };
    Some(at.put(said, used, true))
}

/// An abbreviation with its period: "Sr.", "pág.", "etc."; "S." only before a name and not
/// after an initial.
fn abbreviation(at: &At, _: &Lexicon) -> Read {
    let (said, _) = abbrev::find(at.core)?;
    // "S. Pablo" is San Pablo; in "C. S. Lewis" it is one initial among others.
    let after_initial = at.prev.is_some_and(|p| {
        let p = split_token(p).1;
        p.len() == 2 && p.ends_with('.') && p.starts_with(char::is_uppercase)
    });
    let before_name = at.next.is_some_and(|n| n.starts_with(char::is_uppercase));
    if at.core == "S." && (!before_name || after_initial) {
        return None;
    }
    if at.core == "D." && !is_don(at) {
        return None;
    }
    // "No. 5" is "número 5" and "p. 45" "página 45"; before a word "No." is "no" and "p."
    // an initial.
    let before_digit = at
        .next
        .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
    if matches!(at.core, "No." | "p.") && !before_digit {
        return None;
    }
    // "temperatura máx." is "máxima".
    let prev = at.prev.map(|p| split_token(p).1.to_lowercase());
    let agrees = matches!(said, "máximo" | "mínimo")
        && prev.is_some_and(|p| gender_of(&p) == Gender::Feminine);
    let said = match said.strip_suffix('o') {
        Some(stem) if agrees => format!("{stem}a"),
        _ => said.to_string(),
    };
    Some(at.put(&opening(at, &said), 1, true))
}

/// Whether "D." is "don": before a name ("D. Miguel"), but not after a name or an initial
/// ("Juan D. Pérez", "J. D. Salinger") nor before another initial.
fn is_don(at: &At) -> bool {
    let name_before = at.prev.is_some_and(|p| {
        let p = split_token(p);
        p.1.starts_with(char::is_uppercase) && p.2.is_empty()
    });
    let name_after = at.next.is_some_and(|n| {
        let core = split_token(n).1;
        core.starts_with(char::is_uppercase) && core.chars().count() > 2 && !core.ends_with('.')
    });
    name_after && !name_before
}

/// An abbreviation's words with a capital when they open the sentence ("Ud. sabe" is
/// "Usted sabe").
fn opening(at: &At, said: &str) -> String {
    let mut chars = said.chars();
    match chars.next() {
        Some(first) if at.i == 0 && at.core.starts_with(char::is_uppercase) => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => said.to_string(),
    }
}

/// A web or e-mail address.
fn address(at: &At, lexicon: &Lexicon) -> Read {
    let bare = at.core.trim_end_matches('.');
    let spoken = symbols::address(bare, lexicon, &SYMBOLS)?;
    let stop = &at.core[bare.len()..];
    let last = at.next.is_none() && at.trail.is_empty();
    let stop = if last { stop } else { "" };
    Some((format!("{}{spoken}{stop}{}", at.lead, at.trail), 1))
}

/// A token with digits: an ordinal, a time, money, a percentage, a date, a range, or a
/// number agreeing with the noun after it.
fn number(at: &At, _: &Lexicon) -> Read {
    if !at.core.contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // A period after a number belongs to the sentence, not the number.
    let last = at.next.is_none();
    let (core, stop) = match at.core.strip_suffix('.') {
        Some(c) if !c.ends_with('.') => (c, if last { "." } else { "" }),
        _ => (at.core, ""),
    };
    let trail = format!("{stop}{}", at.trail);
    let rules: [fn(&At, &str) -> Read; 6] = [ordinal_token, time, money, percent, date, range];
    let (said, used) = rules
        .iter()
        .find_map(|rule| rule(at, core))
        .or_else(|| plain(at, core))
        .unwrap_or_else(|| (digits_apart(core), 1));
    // A rule that used several tokens ends with the last one's punctuation.
    let trail = match used {
        1 => trail,
        _ => {
            let (_, core, trail) = split_token(at.tokens[at.i + used - 1]);
            let last = at.i + used == at.tokens.len();
            let stop = if last && core.ends_with('.') { "." } else { "" };
            format!("{stop}{trail}")
        }
    };
    Some((format!("{}{said}{trail}", at.lead), used))
}

/// "1.º", "1.ª", "3.er", "2do", "1ra" → "primero", "primera", "tercer".
fn ordinal_token(_: &At, core: &str) -> Read {
    let (n, suffix) = ordinal_parts(core)?;
    let said = match suffix {
        "er" => ordinal(n, false)
            .strip_suffix('o')
            .map(str::to_string)
            .unwrap_or_else(|| ordinal(n, false)),
        "ª" | "a" | "ra" | "da" | "ta" | "va" | "na" | "era" => ordinal(n, true),
        _ => ordinal(n, false),
    };
    Some((said, 1))
}

/// A number and an ordinal's ending ("1.º", "1º", "3.er", "2do"), if `core` is one.
pub fn ordinal_parts(core: &str) -> Option<(u64, &str)> {
    let digits = core.len() - core.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (n, rest) = core.split_at(digits);
    let suffix = rest.strip_prefix('.').unwrap_or(rest);
    const ENDINGS: &[&str] = &[
        "º", "ª", "er", "era", "ero", "ro", "ra", "do", "da", "to", "ta", "vo", "va", "no", "na",
        "mo", "ma", "o", "a",
    ];
    // "1o"/"1a" only with their period ("1.o"), as bare letters they are too often words.
    let bare_letter = matches!(suffix, "o" | "a") && !rest.starts_with('.');
    if n.is_empty() || !ENDINGS.contains(&suffix) || bare_letter {
        return None;
    }
    Some((n.parse().ok()?, suffix))
}

/// "7:30" (or "a las 7.30") → "siete y media", "1:15" → "una y cuarto", "20:45" → "veinte cuarenta y cinco",
/// "20:00" → "veinte horas".
fn time(at: &At, core: &str) -> Read {
    // "a las 7.30", "7.30 h": Spain also writes the hour with a period.
    let as_time = |w: Option<&str>, words: &[&str]| {
        w.is_some_and(|w| words.contains(&split_token(w).1.to_lowercase().trim_end_matches('.')))
    };
    let dotted = as_time(at.prev, &["las", "la"]) || as_time(at.next, &["h", "horas", "hrs"]);
    let (h, m) = match core.split_once(':') {
        Some(hm) => hm,
        None if dotted => core.split_once('.')?,
        None => return None,
    };
    if m.len() != 2 || h.is_empty() || h.len() > 2 {
        return None;
    }
    let (h, m): (u64, u64) = (h.parse().ok()?, m.parse().ok()?);
    if h > 24 || m > 59 {
        return None;
    }
    let hour = cardinal(h, Gender::Feminine);
    // "a las 20:00 horas" says its "horas" already.
    let hours_follow = at.next.is_some_and(|n| {
        matches!(
            split_token(n).1.trim_end_matches('.'),
            "horas" | "h" | "hrs"
        )
    });
    let said = match (h, m) {
        (1..=12, 0) => hour,
        (_, 0) if hours_follow => hour,
        (_, 0) => format!("{hour} horas"),
        (1..=12, 15) => format!("{hour} y cuarto"),
        (1..=12, 30) => format!("{hour} y media"),
        (1..=12, _) => format!("{hour} y {}", cardinal(m, Gender::Alone)),
        _ => format!("{hour} {}", cardinal(m, Gender::Alone)),
    };
    Some((said, 1))
}

/// "50%", "50 %", "3,5 %" → "cincuenta por ciento".
fn percent(at: &At, core: &str) -> Read {
    let (figures, used) = match core.strip_suffix('%') {
        Some(f) => (f.to_string(), 1),
        None => {
            let (figures, used) = grouped_figures(at, core);
            (split_token(at.ahead(used)?).1.trim_end_matches('.') == "%").then_some(())?;
            (figures, used + 1)
        }
    };
    let a = amount(figures.trim_end_matches('%'))?;
    let n = match a.whole {
        100 if a.decimals.is_none() => "cien".to_string(),
        _ => amount_words(&a, Gender::Alone),
    };
    Some((format!("{n} por ciento"), used))
}

/// "2026-02-25" and "25/02/2026" → "veinticinco de febrero de dos mil veintiséis".
fn date(_: &At, core: &str) -> Read {
    let parts: Vec<&str> = core.split(['-', '/']).collect();
    let [a, b, c] = parts[..] else {
        return None;
    };
    let (y, m, d) = if core.contains('-') && a.len() == 4 {
        (a, b, c)
    } else if core.contains('/') && c.len() == 4 {
        (c, b, a)
    } else {
        return None;
    };
    let (y, m, d): (u64, usize, u64) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let month = [
        "", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
    ]
    .iter()
    .chain(&["septiembre", "octubre", "noviembre", "diciembre"])
    .nth(m)
    .filter(|_| m >= 1)?;
    if !(1..=31).contains(&d) {
        return None;
    }
    let day = if d == 1 {
        "primero".into()
    } else {
        cardinal(d, Gender::Alone)
    };
    let year = cardinal(y, Gender::Alone);
    Some((format!("{day} de {month} de {year}"), 1))
}

/// "5-7" → "cinco a siete".
fn range(_: &At, core: &str) -> Read {
    let (a, b) = core.split_once('-')?;
    let (a, b) = (amount(a)?, amount(b)?);
    let said = format!(
        "{} a {}",
        amount_words(&a, Gender::Alone),
        amount_words(&b, Gender::Alone)
    );
    Some((said, 1))
}

/// A number on its own, agreeing with the noun after it: "un año", "una semana",
/// "veintiún días", "doscientas personas"; "1 de mayo" is "primero de mayo".
fn plain(at: &At, core: &str) -> Read {
    let (figures, used) = grouped_figures(at, core);
    let a = amount(&figures)?;
    let next = at.ahead(used).map(|w| split_token(w).1.to_lowercase());
    let after = at.ahead(used + 1).map(|w| split_token(w).1.to_lowercase());
    let day_of =
        next.as_deref() == Some("de") && after.as_deref().is_some_and(|m| MONTHS.contains(&m));
    if day_of && a.whole == 1 && a.decimals.is_none() {
        return Some(("primero".into(), used));
    }
    let ends_here = !split_token(at.tokens[at.i + used - 1]).2.is_empty();
    if next.as_deref() == Some("mil") && !ends_here && a.decimals.is_none() {
        return Some((before_thousand(a.whole, after.as_deref()), used));
    }
    // A name after a number is no noun it counts: "En 2021 Dios nos habló".
    let name_next = at
        .ahead(used)
        .is_some_and(|w| split_token(w).1.starts_with(char::is_uppercase));
    let partitive = next.as_deref() == Some("de") && !ends_here && !is_year(at, &figures);
    let gender = match next.as_deref().map(gender_of) {
        _ if partitive => partitive_gender(at, used + 1),
        _ if ends_here || name_next => Gender::Alone,
        Some(Gender::Feminine) => Gender::Feminine,
        Some(_) if is_year(at, &figures) => Gender::Alone,
        Some(g) => g,
        None => Gender::Alone,
    };
    let ones = a.whole % 10 == 1 && a.whole % 100 != 11 && a.whole < 1000;
    let gender = match gender {
        Gender::Alone if ones && a.decimals.is_none() => counted_before(at),
        g => g,
    };
    Some((amount_words(&a, gender), used))
}

/// The gender of the whole a number takes a part of: "1 de cada 10 personas" is "una",
/// "1 de ellos" is "uno", "200 de las 500 ovejas" is "doscientas".
fn partitive_gender(at: &At, from: usize) -> Gender {
    for k in from..from + 4 {
        let Some(word) = at.ahead(k).map(|w| split_token(w).1.to_lowercase()) else {
            break;
        };
        let word = word.trim_end_matches([',', '.', ';']);
        match word {
            "ellas" | "nosotras" | "vosotras" => return Gender::Feminine,
            "ellos" | "nosotros" | "vosotros" | "ustedes" => return Gender::Alone,
            "mis" | "tus" | "sus" | "cada" => continue,
            _ => {}
        }
        if word.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        return match gender_of(word) {
            Gender::Feminine => Gender::Feminine,
            Gender::Masculine => Gender::Alone,
            Gender::Alone => continue,
        };
    }
    Gender::Alone
}

/// A count of thousands before "mil": "veintiún mil años", "doscientas mil personas" (the
/// hundreds agree with the noun; a final one is "un", as RAE prefers before "mil").
fn before_thousand(n: u64, noun: Option<&str>) -> String {
    let feminine = noun.is_some_and(|w| gender_of(w) == Gender::Feminine);
    if !feminine {
        return cardinal(n, Gender::Masculine);
    }
    let said = cardinal(n, Gender::Feminine);
    match said.strip_suffix("una") {
        Some(stem) if stem.ends_with('i') => format!("{stem}ún"),
        Some(stem) => format!("{stem}un"),
        None => said,
    }
}

/// Words before which a four-digit number is a year, said on its own: "en 2021 nos
/// reunimos", "desde 2011 hasta 2021 serví".
const BEFORE_YEARS: &[&str] = &[
    "en", "desde", "hasta", "año", "del", "de", "para", "hacia", "antes", "después", "entre",
];

/// Whether a number written as four plain figures after such a word is a year.
fn is_year(at: &At, figures: &str) -> bool {
    let year = figures.len() == 4
        && figures.chars().all(|c| c.is_ascii_digit())
        && ("1000".."2101").contains(&figures);
    let prev = at.prev.map(|p| split_token(p).1.to_lowercase());
    year && prev.is_some_and(|p| BEFORE_YEARS.contains(&p.as_str()))
}

/// A number counting nothing after it takes the gender of what an earlier number in the
/// sentence counted: "Había 100 ovejas y se perdió 1" is "se perdió una".
fn counted_before(at: &At) -> Gender {
    // Only a number standing for the noun ("se perdió 1", "y 1 volvió"), not one naming a
    // thing ("el salmo 91", "la página 21").
    let (_, prev, trail) = split_token(at.prev.unwrap_or(","));
    let prev = prev.to_lowercase();
    let stands_for = !trail.is_empty()
        || matches!(
            prev.as_str(),
            "y" | "e" | "o" | "u" | "pero" | "solo" | "sólo" | "que" | "más" | "menos" | "unas"
        )
        || is_verb(&prev);
    if !stands_for {
        return Gender::Alone;
    }
    let earlier = at.tokens[..at.i].windows(2).rev().find_map(|pair| {
        let number = split_token(pair[0]).1;
        let digits = number.chars().all(|c| c.is_ascii_digit() || c == '.');
        let noun = split_token(pair[1]).1.to_lowercase();
        (digits && number.starts_with(|c: char| c.is_ascii_digit()))
            .then(|| gender_of(&noun))
            .filter(|g| *g != Gender::Alone)
    });
    match earlier {
        Some(Gender::Feminine) => Gender::Feminine,
        _ => Gender::Alone,
    }
}

/// Digits and other characters read apart: "4x4" → "cuatro x cuatro".
fn digits_apart(core: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if let Ok(n) = run.parse::<u64>() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            out.push_str(&cardinal(n, Gender::Alone));
            out.push(' ');
        }
        run.clear();
    };
    for c in core.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            if c.is_alphanumeric() {
                out.push(c);
            } else {
                out.push(' ');
            }
        }
    }
    flush(&mut run, &mut out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
