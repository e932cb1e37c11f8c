//! Symbols, addresses and capitals: "&" is "and", a web address is its site, an acronym is
//! spelled, and ALL-CAPS emphasis is read as a word. The rules are shared; the words come from
//! a language's [`Symbols`].

use super::lexicon::Lexicon;
use super::token::split_token;

/// A language's words for symbols and addresses.
#[derive(Debug)]
pub struct Symbols {
    /// Symbols read as words when they stand alone: ("&", "and").
    pub said: &'static [(&'static str, &'static str)],
    /// Acronyms spelled letter by letter; other all-capital words are read as words unless
    /// they have no vowel to read ([`is_acronym`]).
    pub acronyms: &'static [&'static str],
    /// The dot of a site's name: "example dot org".
    pub dot: &'static str,
    /// The "@" of an e-mail address: "podcast at example dot org".
    pub at: &'static str,
    /// A web address not worth spelling out.
    pub web_link: &'static str,
    /// An e-mail address not worth spelling out.
    pub email: &'static str,
    /// Whether a token mixing digits and letters is a number the language reads whole
    /// ("1st", "9am"), and so is not split into its runs.
    pub known_number: fn(&str) -> bool,
}

/// Whether an all-capital word is spelled: listed, or with no vowel to read ("VBS", "MSG").
pub fn is_acronym(word: &str, symbols: &Symbols) -> bool {
    let n = word.chars().count();
    word.chars().all(|c| c.is_ascii_uppercase())
        && (symbols.acronyms.contains(&word)
            || (2..=5).contains(&n) && !word.contains(['A', 'E', 'I', 'O', 'U', 'Y']))
}

/// Symbols glued to other characters ("R&D", "=cf.", "and/or") become tokens of their own;
/// web and e-mail addresses are left whole for [`address`]. A percent sign stays on its number.
pub fn split_symbols(text: &str, lexicon: &Lexicon, symbols: &Symbols) -> String {
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
        if numeric || address(core.trim_end_matches('.'), lexicon, symbols).is_some() {
            out.push_str(tok);
            continue;
        }
        if let Some(apart) = digits_and_letters_apart(core, symbols) {
            out.push_str(&format!("{lead}{apart}{trail}"));
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
pub fn address(core: &str, lexicon: &Lexicon, symbols: &Symbols) -> Option<String> {
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
                .map(|p| symbol_or_word(p, lexicon, symbols))
                .collect::<Vec<_>>()
                .join(&format!(" {} ", symbols.dot)),
        )
    };
    if let Some(rest) = core
        .strip_prefix("https://")
        .or_else(|| core.strip_prefix("http://"))
        .or_else(|| core.strip_prefix("www.").filter(|r| r.contains('.')))
    {
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        let host = host.strip_prefix("www.").unwrap_or(host);
        return valid(host).then(|| dotted(host).unwrap_or_else(|| symbols.web_link.into()));
    }
    let (user, domain) = core.split_once('@')?;
    if !valid(user) || !valid(domain) || !domain.contains('.') || domain.starts_with('.') {
        return None;
    }
    Some(match (dotted(user), dotted(domain)) {
        (Some(u), Some(d)) => format!("{u} {} {d}", symbols.at),
        _ => symbols.email.into(),
    })
}

/// Symbols spoken or dropped; ALL-CAPS emphasis read as a word, listed acronyms spelled.
pub fn symbol_or_word(core: &str, lexicon: &Lexicon, symbols: &Symbols) -> String {
    let filtered: String = core
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '~' | '^' | '|'))
        .collect();
    let core = filtered.as_str();
    if let Some((_, said)) = symbols.said.iter().find(|(s, _)| *s == core) {
        return said.to_string();
    }
    if matches!(core, "*" | "_" | "~" | "^" | "|" | "•" | "·" | "/" | "\\") {
        return String::new();
    }

    // ALL-CAPS emphasis is read as a word (only the first capital kept); listed acronyms are
    // spelled. Judged per run of letters, so joining or splitting tokens never changes it.
    let mut out = String::with_capacity(core.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let n = run.chars().count();
        // Words the lexicon lists keep their case so its exact-case entries still match.
        if n >= 2 && run.chars().all(char::is_uppercase) && lexicon.lookup(run).is_none() {
            if is_acronym(run, symbols) {
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

/// An acronym spelled as letters joined by periods, as initials are said ("K.J.V").
pub fn spell(acronym: &str) -> String {
    acronym
        .chars()
        .map(String::from)
        .collect::<Vec<_>>()
        .join(".")
}

/// A token mixing digits and letters that is no number of a known kind ("0St.", "5Dr",
/// "MP3s") split into its runs, so each is read as a word of its own with the same
/// neighbours a second reading would give it. `None` for tokens left whole.
fn digits_and_letters_apart(core: &str, symbols: &Symbols) -> Option<String> {
    let (body, stop) = match core.strip_suffix('.') {
        Some(b) => (b, "."),
        None => (core, ""),
    };
    let has = |f: fn(&char) -> bool| body.chars().any(|c| f(&c));
    if !has(char::is_ascii_digit) || !has(|c| c.is_alphabetic()) {
        return None;
    }
    if (symbols.known_number)(body) {
        return None;
    }
    let chars: Vec<char> = body.chars().collect();
    let mut runs: Vec<String> = Vec::new();
    let mut run = String::new();
    let mut kind = None;
    for (i, &c) in chars.iter().enumerate() {
        // Separators inside a number ("3:16", "1,000") stay with it.
        let inside_number = matches!(c, ':' | ',' | '.')
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        let k = if c.is_ascii_digit() || inside_number {
            Some(true)
        } else if c.is_alphabetic() {
            Some(false)
        } else {
            None
        };
        if k != kind && !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
        if k.is_some() {
            run.push(c);
        }
        kind = k;
    }
    runs.push(run);
    runs.retain(|r| !r.is_empty());
    Some(runs.join(" ") + stop)
}
