//! Word-level reading: abbreviations, numbers, symbols, addresses and capitals, one token at
//! a time with its neighbours.

use super::abbrev;
use super::lexicon::Lexicon;
use super::numbers::ordinal;
use super::numeric::{self, Around, MONTHS};

/// Acronyms that are spelled letter by letter; other all-capital words are read as words.
const ACRONYMS: &[&str] = &[
    "KJV", "NKJV", "NIV", "ESV", "NASB", "RSV", "NRSV", "NLT", "CSB", "ASV", "OT", "NT", "USA",
    "UK", "US", "TV", "DVD", "CD", "CEO", "BC", "AD", "BCE", "CE", "PDF", "FAQ", "HTML", "URL",
    "RSS",
];

/// Scale words that follow an amount of money: "$2 million" is "two million dollars".
const SCALES: &[&str] = &["thousand", "million", "billion", "trillion"];

/// Reads every token of a sentence.
pub fn words(text: &str, lexicon: &Lexicon) -> String {
    let text = split_symbols(text, lexicon);
    let tokens: Vec<&str> = text.split(' ').filter(|t| !t.is_empty()).collect();
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        i += token(&tokens, i, &mut out, lexicon);
    }
    out.retain(|w| !w.is_empty());
    out.join(" ")
}

/// Reads the token at `i` onto `out`; returns how many tokens it used.
fn token(tokens: &[&str], i: usize, out: &mut Vec<String>, lexicon: &Lexicon) -> usize {
    let tok = tokens[i];
    let prev = i.checked_sub(1).map(|p| tokens[p]);
    let next = tokens.get(i + 1).copied();
    let is_last = i + 1 == tokens.len();
    let (lead, core, trail) = split_token(tok);
    // A sentence-final abbreviation keeps its period, which is also the sentence's.
    let period = |last: bool, trail: &str| if last && trail.is_empty() { "." } else { "" };

    if core.eq_ignore_ascii_case("et") {
        if let Some((_, "al.", t)) = next.map(split_token) {
            let p = period(i + 2 == tokens.len(), t);
            out.push(format!("{lead}and others{p}{t}"));
            return 2;
        }
    }
    if let Some(r) = abbrev::find(core, prev, next).filter(|r| !r.say.is_empty()) {
        out.push(format!("{lead}{}{}{trail}", r.say, period(is_last, trail)));
        return 1;
    }
    if let Some((said, used)) = initials(tokens, i) {
        let (_, _, t) = split_token(tokens[i + used - 1]);
        out.push(format!(
            "{lead}{said}{}{t}",
            period(i + used == tokens.len(), t)
        ));
        return used;
    }
    let meridiem = match core.strip_suffix('.').unwrap_or(core) {
        "am" | "AM" => Some("a.m"),
        "pm" | "PM" => Some("p.m"),
        _ => None,
    };
    if let (Some(m), true) = (meridiem, prev.is_some_and(ends_with_digit)) {
        let p = period(is_last && core.ends_with('.'), trail);
        out.push(format!("{lead}{m}{p}{trail}"));
        return 1;
    }
    let bare = core.trim_end_matches('.');
    if let Some(spoken) = address(bare, lexicon) {
        out.push(format!("{lead}{spoken}{}{trail}", &core[bare.len()..]));
        return 1;
    }
    if core.chars().any(|c| c.is_ascii_digit()) {
        return number(tokens, i, out, lexicon);
    }
    let numeral = core.strip_suffix('.').unwrap_or(core);
    // Judged by the word as said, so reading the output again changes nothing.
    let said_before = out.last().map(|w| split_token(w).1);
    if let Some(n) = numeric::roman_in_context(numeral, said_before) {
        let p = period(is_last && numeral.len() < core.len(), trail);
        out.push(format!("{lead}{n}{p}{trail}"));
        return 1;
    }
    let word = symbol_or_word(core, lexicon);
    // A dropped symbol takes its punctuation with it, so no stray ", ," is left.
    if !word.is_empty() || core.is_empty() {
        out.push(format!("{lead}{word}{trail}"));
    }
    1
}

/// A run of initials ("C. S.", "J.R.R.", "KJV.") said as letters with periods between them.
/// The period after the last letter goes where an engine would hear the end of a sentence in
/// it, before a capitalised word ("C.S Lewis"), and stays elsewhere. Returns the letters and
/// how many tokens they took.
fn initials(tokens: &[&str], i: usize) -> Option<(String, usize)> {
    let mut letters: Vec<String> = Vec::new();
    let mut used = 0;
    let mut last_trail = "";
    for (k, tok) in tokens[i..].iter().enumerate() {
        let (lead, core, trail) = split_token(tok);
        let Some(stem) = core.strip_suffix('.') else {
            break;
        };
        let spelled = if abbrev::is_initials(stem) {
            stem.to_string()
        } else if ACRONYMS.contains(&stem) {
            spell(stem)
        } else {
            break;
        };
        if k > 0 && (!lead.is_empty() || !last_trail.is_empty()) {
            break;
        }
        letters.push(spelled);
        used += 1;
        last_trail = trail;
    }
    if used == 0 {
        return None;
    }
    let next = tokens.get(i + used);
    let keep = next.is_some_and(|n| !n.starts_with(char::is_uppercase));
    let joined = letters.join(".");
    Some((if keep { joined + "." } else { joined }, used))
}

/// An acronym spelled as letters joined by periods, as initials are said ("K.J.V").
fn spell(acronym: &str) -> String {
    acronym
        .chars()
        .map(String::from)
        .collect::<Vec<_>>()
        .join(".")
}

fn ends_with_digit(word: &str) -> bool {
    split_token(word).1.ends_with(|c: char| c.is_ascii_digit())
}

/// A token with digits: a day of a month, an amount with its scale, or any other number.
fn number(tokens: &[&str], i: usize, out: &mut Vec<String>, lexicon: &Lexicon) -> usize {
    let (lead, core, trail) = split_token(tokens[i]);
    let next = tokens.get(i + 1).copied();
    let mut trail = trail.to_string();
    // A period after a number ("the 3rd.", "20%.") belongs to the sentence, not the number.
    let core = match core.strip_suffix('.') {
        Some(c) => {
            trail.insert(0, '.');
            c
        }
        None => core,
    };
    let day: Option<u64> = core.parse().ok().filter(|d| (1..=31).contains(d));
    // "November 15" is read "November fifteenth"; "15 November", "the fifteenth of November".
    let after_month = out
        .last()
        .is_some_and(|w: &String| MONTHS.contains(&w.trim_start_matches(['(', '"'])));
    if let (true, Some(d)) = (after_month, day) {
        out.push(format!("{lead}{}{trail}", ordinal(d)));
        return 1;
    }
    if let (Some(d), true, true) = (day, next.is_some_and(is_month), trail.is_empty()) {
        out.push(format!("{lead}the {} of", ordinal(d)));
        return 1;
    }
    if let Some((_, scale, t)) = next.map(split_token) {
        // "$2 million." keeps its sentence's period.
        let (scale, t) = match scale.strip_suffix('.') {
            Some(s) => (s.to_lowercase(), format!(".{t}")),
            None => (scale.to_lowercase(), t.to_string()),
        };
        if let (true, Some(m)) = (
            SCALES.contains(&scale.as_str()),
            numeric::money(core, Some(&scale)),
        ) {
            out.push(format!("{lead}{m}{t}"));
            return 2;
        }
    }
    let prev = i.checked_sub(1).map(|p| tokens[p]);
    if let (true, true, Some(m)) = (
        prev.is_some_and(|p| matches!(p.to_lowercase().as_str(), "a" | "an")),
        next.is_some_and(describes_noun) && trail.is_empty(),
        numeric::money_adjective(core),
    ) {
        out.push(format!("{lead}{m}"));
        return 1;
    }
    let around = Around { prev, next };
    let word = |w: &str| symbol_or_word(w, lexicon);
    out.push(format!(
        "{lead}{}{trail}",
        numeric::number_token(core, around, &word)
    ));
    1
}

/// Whether the word after "a $50" is the noun the amount describes ("gift"), not a word
/// that goes on with the amount ("or", "each").
fn describes_noun(word: &str) -> bool {
    let core = split_token(word).1;
    core.starts_with(char::is_lowercase)
        && core.chars().all(char::is_alphabetic)
        && !matches!(
            core,
            "or" | "and"
                | "to"
                | "of"
                | "for"
                | "in"
                | "each"
                | "per"
                | "a"
                | "an"
                | "the"
                | "is"
                | "was"
                | "will"
                | "would"
                | "from"
                | "at"
                | "on"
                | "more"
                | "less"
        )
}

/// A month's name or its abbreviation, as written.
fn is_month(word: &str) -> bool {
    let core = split_token(word).1;
    let stem = core.trim_end_matches('.');
    MONTHS
        .iter()
        .any(|m| *m == stem || (core.ends_with('.') && stem.len() >= 3 && m.starts_with(stem)))
}

/// Splits opening punctuation, the word, and closing punctuation (a final period stays
/// with the word, where abbreviations need it).
fn split_token(tok: &str) -> (&str, &str, &str) {
    let lead_len = tok.len()
        - tok
            .trim_start_matches(['(', '[', '"', '\'', '!', '?', ',', ';', ':'])
            .len();
    let (lead, rest) = tok.split_at(lead_len);
    let closers = [')', ']', '"', '\'', ',', ';', ':', '!', '?'];
    let mut core_len = rest.trim_end_matches(closers).len();
    // A period before closing marks ("2024).", "etc.)") is the word's, and so are the
    // closers after it: "2024)." is the number, then ")."; an ellipsis stays whole.
    let body = &rest[..core_len];
    if body.ends_with('.') && !body.ends_with("..") {
        let inner = body[..body.len() - 1].trim_end_matches(closers).len();
        if inner < body.len() - 1 && !body[..inner].is_empty() {
            core_len = inner;
        }
    }
    let (core, trail) = rest.split_at(core_len);
    (lead, core, trail)
}

/// Symbols glued to other characters ("R&D", "=cf.", "and/or") become tokens of their own;
/// web and e-mail addresses are left whole for [`address`]. A percent sign stays on its number.
fn split_symbols(text: &str, lexicon: &Lexicon) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, tok) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let (lead, core, trail) = split_token(tok);
        // Fractions and dates ("1/2", "12/25/2026") stay whole for the number reader.
        let digits = core.trim_end_matches('.');
        let numeric = digits.contains(|c: char| c.is_ascii_digit())
            && digits.chars().all(|c| c.is_ascii_digit() || c == '/');
        if numeric || address(core.trim_end_matches('.'), lexicon).is_some() {
            out.push_str(tok);
            continue;
        }
        // Emphasis and decoration marks are never read; between letters they separate words.
        let chars: Vec<char> = core
            .chars()
            .map(|c| {
                if matches!(c, '*' | '_' | '~' | '^' | '|') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        out.push_str(lead);
        for (j, &c) in chars.iter().enumerate() {
            let percent_on_number = c == '%' && j > 0 && chars[j - 1].is_ascii_digit();
            if matches!(c, '&' | '%' | '+' | '=' | '@' | '#' | '/' | '\\')
                && !percent_on_number
                && chars.len() > 1
            {
                out.push(' ');
                if c != '/' && c != '\\' {
                    out.push(c);
                }
                out.push(' ');
            } else {
                out.push(c);
            }
        }
        out.push_str(trail);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// URLs are read as their site ("example dot org"); e-mail addresses in full.
fn address(core: &str, lexicon: &Lexicon) -> Option<String> {
    let valid = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+'))
    };
    // Names read word by word ("example dot org"); anything with digits in it is not worth
    // spelling out to a listener and is called what it is.
    let dotted = |s: &str| -> Option<String> {
        let parts: Vec<&str> = s
            .split(['.', '-', '_', '+'])
            .filter(|p| !p.is_empty())
            .collect();
        if parts.iter().any(|p| p.chars().any(|c| c.is_ascii_digit())) {
            return None;
        }
        Some(
            parts
                .iter()
                .map(|p| symbol_or_word(p, lexicon))
                .collect::<Vec<_>>()
                .join(" dot "),
        )
    };
    if let Some(rest) = core
        .strip_prefix("https://")
        .or_else(|| core.strip_prefix("http://"))
        .or_else(|| core.strip_prefix("www.").filter(|r| r.contains('.')))
    {
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        let host = host.strip_prefix("www.").unwrap_or(host);
        return valid(host).then(|| dotted(host).unwrap_or_else(|| "a web link".into()));
    }
    let (user, domain) = core.split_once('@')?;
    if !valid(user) || !valid(domain) || !domain.contains('.') || domain.starts_with('.') {
        return None;
    }
    Some(match (dotted(user), dotted(domain)) {
        (Some(u), Some(d)) => format!("{u} at {d}"),
        _ => "an e-mail address".into(),
    })
}

/// Symbols spoken or dropped; ALL-CAPS emphasis read as a word, listed acronyms spelled.
fn symbol_or_word(core: &str, lexicon: &Lexicon) -> String {
    let filtered: String = core
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '~' | '^' | '|'))
        .collect();
    let core = filtered.as_str();
    match core {
        "&" => return "and".into(),
        "%" => return "percent".into(),
        "+" => return "plus".into(),
        "=" => return "equals".into(),
        "@" => return "at".into(),
        "#" => return "number".into(),
        "*" | "_" | "~" | "^" | "|" | "•" | "·" | "/" | "\\" => return String::new(),
        _ => {}
    }

    // ALL-CAPS emphasis is read as a word (only the first capital kept); listed acronyms are
    // spelled. Judged per run of letters, so joining or splitting tokens never changes it.
    let mut out = String::with_capacity(core.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let n = run.chars().count();
        // Words the lexicon lists keep their case so its exact-case entries still match.
        if n >= 2 && run.chars().all(char::is_uppercase) && lexicon.lookup(run).is_none() {
            if ACRONYMS.contains(&run.as_str()) {
                out.push_str(&spell(run));
            } else {
                let mut chars = run.chars();
                out.extend(chars.next());
                out.push_str(&chars.as_str().to_lowercase());
            }
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in core.chars() {
        if c.is_alphabetic() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}
