//! Spanish numbers in words: cardinals with the gender and the shortened forms Spanish gives
//! "uno" ("un año", "una semana", "veintiún días", "doscientas personas"), ordinals
//! ("primero", "vigésima primera"), decimals ("tres coma cinco") and written amounts, whose
//! thousands may be grouped with a period, a comma or a space.

use crate::speech::token::split_token;
use crate::speech::tokens::At;

/// How a cardinal agrees with what it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// Said on its own: "uno", "veintiuno", "doscientos".
    Alone,
    /// Before a masculine noun (or "mil"): "un", "veintiún", "doscientos".
    Masculine,
    /// Before a feminine noun: "una", "veintiuna", "doscientas".
    Feminine,
}

const UNITS: [&str; 10] = [
    "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve",
];
const TEENS: [&str; 10] = [
    "diez",
    "once",
    "doce",
    "trece",
    "catorce",
    "quince",
    "dieciséis",
    "diecisiete",
    "dieciocho",
    "diecinueve",
];
const TWENTIES: [&str; 10] = [
    "veinte",
    "veintiuno",
    "veintidós",
    "veintitrés",
    "veinticuatro",
    "veinticinco",
    "veintiséis",
    "veintisiete",
    "veintiocho",
    "veintinueve",
];
const TENS: [&str; 10] = [
    "",
    "",
    "",
    "treinta",
    "cuarenta",
    "cincuenta",
    "sesenta",
    "setenta",
    "ochenta",
    "noventa",
];
const HUNDREDS: [&str; 10] = [
    "",
    "ciento",
    "doscientos",
    "trescientos",
    "cuatrocientos",
    "quinientos",
    "seiscientos",
    "setecientos",
    "ochocientos",
    "novecientos",
];

/// "uno" as the gender wants it, at the end of `word` ("veintiuno" → "veintiún").
fn agree_one(word: &str, gender: Gender) -> String {
    match (word.strip_suffix("uno"), gender) {
        (Some(""), Gender::Masculine) => "un".into(),
        (Some(stem), Gender::Masculine) if stem.ends_with('i') => format!("{stem}ún"),
        (Some(stem), Gender::Masculine) => format!("{stem}un"),
        (Some(stem), Gender::Feminine) => format!("{stem}una"),
        _ => word.into(),
    }
}

/// 0–999.
fn below_thousand(n: u64, gender: Gender) -> String {
    let (h, rest) = (n / 100, n % 100);
    let mut parts: Vec<String> = Vec::new();
    if h > 0 {
        let hundred = match (h, rest) {
            (1, 0) => "cien".to_string(),
            (_, _) if gender == Gender::Feminine && h > 1 => {
                HUNDREDS[h as usize].replace("ientos", "ientas")
            }
            _ => HUNDREDS[h as usize].to_string(),
        };
        parts.push(hundred);
    }
    if rest > 0 || h == 0 {
        let word = match rest {
            0..=9 => UNITS[rest as usize].to_string(),
            10..=19 => TEENS[rest as usize - 10].to_string(),
            20..=29 => TWENTIES[rest as usize - 20].to_string(),
            _ if rest % 10 == 0 => TENS[rest as usize / 10].to_string(),
            _ => format!(
                "{} y {}",
                TENS[rest as usize / 10],
                UNITS[rest as usize % 10]
            ),
        };
        parts.push(agree_one(&word, gender));
    }
    parts.join(" ")
}

/// A whole number in words, agreeing with what it counts.
pub fn cardinal(n: u64, gender: Gender) -> String {
    const MILLION: u64 = 1_000_000;
    const BILLION: u64 = 1_000_000_000_000;
    let mut parts: Vec<String> = Vec::new();
    let scaled = |count: u64, one: &str, many: &str| match count {
        1 => format!("un {one}"),
        _ => format!("{} {many}", cardinal(count, Gender::Masculine)),
    };
    if n >= BILLION {
        parts.push(scaled(n / BILLION, "billón", "billones"));
    }
    let millions = n % BILLION / MILLION;
    if millions > 0 {
        parts.push(scaled(millions, "millón", "millones"));
    }
    let thousands = n % MILLION / 1000;
    if thousands == 1 {
        parts.push("mil".into());
    } else if thousands > 1 {
        let g = match gender {
            Gender::Feminine => Gender::Feminine,
            _ => Gender::Masculine,
        };
        parts.push(format!("{} mil", below_thousand(thousands, g)));
    }
    let rest = n % 1000;
    if rest > 0 || parts.is_empty() {
        parts.push(below_thousand(rest, gender));
    }
    parts.join(" ")
}

/// Whether an amount is a whole number of millions, which takes "de" before its noun: "un
/// millón de dólares".
pub fn takes_de(n: u64) -> bool {
    n >= 1_000_000 && n.is_multiple_of(1_000_000)
}

/// An ordinal number in words up to the hundredth ("primero", "vigésima primera"); beyond,
/// the cardinal, as Spanish speakers say them.
pub fn ordinal(n: u64, feminine: bool) -> String {
    const FIRST: [&str; 10] = [
        "", "primero", "segundo", "tercero", "cuarto", "quinto", "sexto", "séptimo", "octavo",
        "noveno",
    ];
    const TENTHS: [&str; 10] = [
        "",
        "décimo",
        "vigésimo",
        "trigésimo",
        "cuadragésimo",
        "quincuagésimo",
        "sexagésimo",
        "septuagésimo",
        "octogésimo",
        "nonagésimo",
    ];
    let masculine = match n {
        1..=9 => FIRST[n as usize].to_string(),
        11 => "undécimo".into(),
        12 => "duodécimo".into(),
        13..=19 => format!("decimo{}", FIRST[n as usize - 10]),
        10..=99 if n.is_multiple_of(10) => TENTHS[n as usize / 10].to_string(),
        10..=99 => format!("{} {}", TENTHS[n as usize / 10], FIRST[n as usize % 10]),
        100 => "centésimo".into(),
        _ => return cardinal(n, Gender::Alone),
    };
    if !feminine {
        return masculine;
    }
    masculine
        .split(' ')
        .map(|w| format!("{}a", w.strip_suffix('o').unwrap_or(w)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A written amount: its whole part, and its decimals as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount {
    /// The whole part.
    pub whole: u64,
    /// The digits after the decimal mark, and the mark (',' or '.').
    pub decimals: Option<(String, char)>,
}

/// Parses "12.500", "12,500", "12,50", "3.5", "1.000.000,25", "2026": the mark followed by
/// groups of exactly three digits groups thousands; another, once, marks decimals.
pub fn amount(s: &str) -> Option<Amount> {
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    if s.ends_with(['.', ',']) {
        return None;
    }
    // With both marks, the last one is the decimal mark.
    let (int, decimals) = match (s.rfind('.'), s.rfind(',')) {
        (Some(p), Some(c)) => {
            let at = p.max(c);
            (&s[..at], Some((&s[at + 1..], s.as_bytes()[at] as char)))
        }
        (Some(at), None) | (None, Some(at)) => {
            let mark = s.as_bytes()[at] as char;
            if grouped(s, mark) {
                (s, None)
            } else if s.matches(mark).count() == 1 {
                (&s[..at], Some((&s[at + 1..], mark)))
            } else {
                return None;
            }
        }
        (None, None) => (s, None),
    };
    let mark = decimals.map(|d| d.1);
    let int_mark = ['.', ','].into_iter().find(|m| Some(*m) != mark);
    if let Some(m) = int_mark.filter(|m| int.contains(*m)) {
        if !grouped(int, m) {
            return None;
        }
    }
    let whole: String = int.chars().filter(char::is_ascii_digit).collect();
    if decimals.is_some_and(|(d, _)| d.contains(['.', ','])) {
        return None;
    }
    Some(Amount {
        whole: whole.parse().ok()?,
        decimals: decimals.map(|(d, m)| (d.to_string(), m)),
    })
}

/// Whether `s` is digits in thousands grouped by `mark`: "12.500", "1,000,000".
fn grouped(s: &str, mark: char) -> bool {
    let groups: Vec<&str> = s.split(mark).collect();
    groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
}

/// Decimals after "coma": "cinco" for ",5", "cero cinco" for ",05", "veinticinco" for ",25".
pub fn decimals(digits: &str) -> String {
    let zeros = digits.len() - digits.trim_start_matches('0').len();
    let mut words: Vec<String> = vec!["cero".into(); zeros];
    let rest = &digits[zeros..];
    if !rest.is_empty() {
        words.push(match rest.parse::<u64>() {
            Ok(n) if rest.len() <= 3 => cardinal(n, Gender::Alone),
            _ => rest
                .chars()
                .map(|c| UNITS[c.to_digit(10).unwrap_or(0) as usize])
                .collect::<Vec<_>>()
                .join(" "),
        });
    }
    words.join(" ")
}

/// An amount in words: "doce mil quinientos", "tres coma cinco" ("punto" after a period).
pub fn amount_words(a: &Amount, gender: Gender) -> String {
    match &a.decimals {
        None => cardinal(a.whole, gender),
        Some((d, mark)) => {
            let word = if *mark == '.' { "punto" } else { "coma" };
            format!(
                "{} {word} {}",
                cardinal(a.whole, Gender::Alone),
                decimals(d)
            )
        }
    }
}

/// A number whose thousands are grouped with spaces ("12 500"): its figures joined, and the
/// tokens they take.
pub fn grouped_figures(at: &At, core: &str) -> (String, usize) {
    let mut figures = core.to_string();
    let mut used = 1;
    let small = core.len() <= 3 && core.chars().all(|c| c.is_ascii_digit());
    while small && split_token(at.tokens[at.i + used - 1]).2.is_empty() {
        let Some(next) = at.ahead(used).map(split_token) else {
            break;
        };
        let group = next.1.trim_end_matches(['€', '$', '%']);
        if !next.0.is_empty() || group.len() != 3 || !group.chars().all(|c| c.is_ascii_digit()) {
            break;
        }
        figures.push_str(next.1);
        used += 1;
    }
    (figures, used)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cardinals_agree() {
        use Gender::*;
        for (n, g, want) in [
            (0, Alone, "cero"),
            (1, Alone, "uno"),
            (1, Masculine, "un"),
            (1, Feminine, "una"),
            (16, Alone, "dieciséis"),
            (21, Masculine, "veintiún"),
            (21, Feminine, "veintiuna"),
            (31, Masculine, "treinta y un"),
            (100, Alone, "cien"),
            (101, Masculine, "ciento un"),
            (200, Feminine, "doscientas"),
            (555, Alone, "quinientos cincuenta y cinco"),
            (1000, Alone, "mil"),
            (2026, Alone, "dos mil veintiséis"),
            (12500, Alone, "doce mil quinientos"),
            (21000, Alone, "veintiún mil"),
            (300_000, Feminine, "trescientas mil"),
            (1_000_000, Alone, "un millón"),
            (2_500_000, Alone, "dos millones quinientos mil"),
        ] {
            assert_eq!(cardinal(n, g), want, "{n} {g:?}");
        }
    }

    #[test]
    fn ordinals_and_amounts() {
        assert_eq!(ordinal(1, false), "primero");
        assert_eq!(ordinal(2, true), "segunda");
        assert_eq!(ordinal(13, false), "decimotercero");
        assert_eq!(ordinal(21, true), "vigésima primera");
        let a = |s| amount(s).map(|a| amount_words(&a, Gender::Alone));
        assert_eq!(a("12.500").as_deref(), Some("doce mil quinientos"));
        assert_eq!(a("12,500").as_deref(), Some("doce mil quinientos"));
        assert_eq!(a("12,50").as_deref(), Some("doce coma cincuenta"));
        assert_eq!(a("3.5").as_deref(), Some("tres punto cinco"));
        assert_eq!(a("0,05").as_deref(), Some("cero coma cero cinco"));
        assert_eq!(
            a("1.000.000,25").as_deref(),
            Some("un millón coma veinticinco")
        );
        assert_eq!(a("1.2.3"), None);
    }
}
