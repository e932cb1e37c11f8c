//! Written numbers read by what they are: times, dates, money, percentages, fractions,
//! decades, ordinals, phone numbers and Roman numerals, each as a careful reader says it.

use super::numbers::{cardinal, decimal, ordinal, year};

/// Month names, for dates.
pub const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Words after which a four-digit number is a year even before a plural noun.
const YEAR_LEADS: &[&str] = &[
    "in", "since", "of", "by", "from", "until", "till", "year", "around", "circa", "before",
    "after", "during", "summer", "spring", "autumn", "fall", "winter", "early", "late", "mid",
];

/// Words that end in "s" without being plural nouns.
const NOT_PLURAL: &[&str] = &[
    "was", "is", "has", "does", "this", "his", "its", "as", "us", "yes", "thus", "plus", "always",
    "perhaps", "across", "towards", "besides", "unless", "whereas", "less", "saw",
];

/// The words around a number token, as written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Around<'a> {
    /// The word before, if any.
    pub prev: Option<&'a str>,
    /// The word after, if any.
    pub next: Option<&'a str>,
}

/// One way of reading a number token, or `None` when the token is not of its kind.
type Rule = fn(&str) -> Option<String>;

/// Any token containing digits, read by what it is: a number of a known kind, else digits
/// and letters read apart ([`mixed`]).
pub fn number_token(core: &str, around: Around, word: &dyn Fn(&str) -> String) -> String {
    known(core, around, word).unwrap_or_else(|| mixed(core, word))
}

/// A token read as a number of a known kind, or `None`.
pub fn known(core: &str, around: Around, word: &dyn Fn(&str) -> String) -> Option<String> {
    let readers: [Rule; 10] = [
        ordinal_token,
        time_token,
        ratio,
        iso_date,
        slash_date,
        fraction,
        percent,
        |c| money(c, None),
        decade,
        degrees,
    ];
    readers
        .iter()
        .find_map(|r| r(core))
        .or_else(|| compound(core, around, word))
        .or_else(|| range(core, around))
        .or_else(|| plain_number(core, around))
}

/// 1st, 22nd, 3rd, 4th.
fn ordinal_token(core: &str) -> Option<String> {
    ["st", "nd", "rd", "th"].iter().find_map(|suffix| {
        let digits = core
            .strip_suffix(suffix)
            .or_else(|| core.strip_suffix(&suffix.to_uppercase()))?;
        let n: u64 = digits.replace(',', "").parse().ok()?;
        Some(ordinal(n))
    })
}

/// "6:30" → "six thirty", "10:00" → "ten o'clock", "9:15pm" → "nine fifteen p.m".
pub fn time(core: &str) -> Option<String> {
    let (h, m) = core.split_once(':')?;
    if m.len() != 2 || h.is_empty() || h.len() > 2 {
        return None;
    }
    let (h, m): (u64, u64) = (h.parse().ok()?, m.parse().ok()?);
    if h > 24 || m > 59 {
        return None;
    }
    Some(match m {
        0 => format!("{} o'clock", cardinal(h)),
        1..=9 => format!("{} oh {}", cardinal(h), cardinal(m)),
        _ => format!("{} {}", cardinal(h), cardinal(m)),
    })
}

/// A time or an hour with a glued "am"/"pm": "9am", "7:30pm", "6:30" (letters read as in
/// [`super::abbrev`]: "a.m").
fn time_token(core: &str) -> Option<String> {
    let lower = core.to_lowercase();
    for (suffix, said) in [
        ("a.m.", "a.m"),
        ("p.m.", "p.m"),
        ("am", "a.m"),
        ("pm", "p.m"),
    ] {
        if let Some(t) = lower.strip_suffix(suffix) {
            let hour = t
                .parse::<u64>()
                .ok()
                .filter(|h| (1..=12).contains(h))
                .map(cardinal);
            let on_the_hour = t.strip_suffix(":00").and_then(|h| h.parse::<u64>().ok());
            return on_the_hour
                .filter(|h| (1..=12).contains(h))
                .map(cardinal)
                .or_else(|| time(t))
                .or(hour)
                .map(|t| format!("{t} {said}"));
        }
    }
    time(core)
}

/// "2026-11-15" → "November fifteenth, twenty twenty-six".
pub fn iso_date(core: &str) -> Option<String> {
    let date = chrono::NaiveDate::parse_from_str(core, "%Y-%m-%d").ok()?;
    spoken_date(date)
}

fn spoken_date(date: chrono::NaiveDate) -> Option<String> {
    use chrono::Datelike;
    Some(format!(
        "{} {}, {}",
        MONTHS[date.month0() as usize],
        ordinal(date.day().into()),
        year(date.year().try_into().ok()?)
    ))
}

/// "12/25/2026" (month first, as American writers date) → "December twenty-fifth, twenty
/// twenty-six".
fn slash_date(core: &str) -> Option<String> {
    let mut parts = core.split('/');
    let (m, d, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    let date = chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    spoken_date(date)
}

/// "1/2" → "one half", "3/4" → "three quarters", "2/3" → "two thirds"; "24/7" and "9/11"
/// are not fractions and are read as their two numbers.
fn fraction(core: &str) -> Option<String> {
    if let Some(s) = vulgar(core) {
        return Some(s);
    }
    let (a, b) = core.split_once('/')?;
    let (n, d): (u64, u64) = (a.parse().ok()?, b.parse().ok()?);
    if is_fraction(n, d) {
        return Some(fraction_words(n, d));
    }
    // "12/25" is a day of a month; "9/11" and "24/7" are said as their numbers.
    let date = chrono::NaiveDate::from_ymd_opt(2000, n as u32, d as u32);
    match date {
        Some(_) if core != "9/11" => Some(format!("{} {}", MONTHS[n as usize - 1], ordinal(d))),
        _ => Some(format!("{} {}", cardinal(n), cardinal(d))),
    }
}

/// Denominators written as fractions in prose; "2/7" is more likely a date.
fn is_fraction(n: u64, d: u64) -> bool {
    n > 0 && n < d && matches!(d, 2 | 3 | 4 | 5 | 6 | 8 | 10 | 12 | 16 | 32 | 100)
}

/// A whole number and a fraction written apart: "1 1/2" → "one and a half".
pub fn mixed_fraction(whole: &str, part: &str) -> Option<String> {
    let whole: u64 = whole.parse().ok()?;
    let (a, b) = part.split_once('/')?;
    let (n, d): (u64, u64) = (a.parse().ok()?, b.parse().ok()?);
    if !is_fraction(n, d) {
        return None;
    }
    let words = fraction_words(n, d);
    let words = match words.strip_prefix("one ") {
        Some(rest) => format!("a {rest}"),
        None => words,
    };
    Some(format!("{} and {words}", cardinal(whole)))
}

/// "1:5" → "one to five": two numbers joined by a colon that no time or reference has.
fn ratio(core: &str) -> Option<String> {
    let (a, b) = core.split_once(':')?;
    if b.len() != 1 || a.is_empty() || a.len() > 3 {
        return None;
    }
    Some(format!("{} to {}", decimal(a)?, decimal(b)?))
}

/// A number joined to a word: "4th-century" → "fourth-century", "5-year-old" →
/// "five-year-old".
fn compound(core: &str, around: Around, word: &dyn Fn(&str) -> String) -> Option<String> {
    let (head, tail) = core.split_once('-')?;
    let words_only = tail
        .split('-')
        .all(|w| !w.is_empty() && w.chars().all(char::is_alphabetic));
    if !words_only || !head.contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let head = number_token(head, around, word);
    let tail: Vec<String> = tail.split('-').map(word).collect();
    Some(format!("{head}-{}", tail.join("-")))
}

fn fraction_words(n: u64, d: u64) -> String {
    let denominator = match d {
        2 => "half".to_string(),
        4 => "quarter".to_string(),
        _ => ordinal(d),
    };
    let plural = if n == 1 {
        denominator
    } else if d == 2 {
        "halves".into()
    } else {
        format!("{denominator}s")
    };
    format!("{} {plural}", cardinal(n))
}

/// The single-character fractions "½", "¼", "¾", alone or after a whole number ("2½").
fn vulgar(core: &str) -> Option<String> {
    let (n, d) = match core.chars().last()? {
        '½' => (1, 2),
        '¼' => (1, 4),
        '¾' => (3, 4),
        '⅓' => (1, 3),
        '⅔' => (2, 3),
        '⅛' => (1, 8),
        _ => return None,
    };
    let whole = &core[..core.len() - core.chars().last()?.len_utf8()];
    let part = fraction_words(n, d);
    if whole.is_empty() {
        return Some(part);
    }
    let whole: u64 = whole.parse().ok()?;
    let part = if n == 1 {
        format!("a {}", &part[4..])
    } else {
        part
    };
    Some(format!("{} and {part}", cardinal(whole)))
}

/// "10%" → "ten percent", "10-15%" → "ten to fifteen percent".
fn percent(core: &str) -> Option<String> {
    let n = core.strip_suffix('%')?;
    if let Some((a, b)) = n.split_once('-') {
        return Some(format!("{} to {} percent", signed(a)?, signed(b)?));
    }
    Some(format!("{} percent", signed(n)?))
}

/// A number with an optional sign: "-5" → "minus five".
fn signed(s: &str) -> Option<String> {
    match s.strip_prefix('-').or_else(|| s.strip_prefix('−')) {
        Some(rest) => Some(format!("minus {}", decimal(rest)?)),
        None => decimal(s.strip_prefix('+').unwrap_or(s)),
    }
}

/// The currencies read by their symbol: symbol, one, many, and the hundredth's one and many.
const CURRENCIES: &[(char, &str, &str, &str, &str)] = &[
    ('$', "dollar", "dollars", "cent", "cents"),
    ('£', "pound", "pounds", "penny", "pence"),
    ('€', "euro", "euros", "cent", "cents"),
];

/// "$12,500" → "twelve thousand five hundred dollars", "$12.50" → "twelve dollars and fifty
/// cents", "$5-10" and "$5-$10" → "five to ten dollars", "$1.5M" → "one point five million
/// dollars"; with `scale` ("$2 million") the scale word comes before the currency.
pub fn money(core: &str, scale: Option<&str>) -> Option<String> {
    let first = core.chars().next()?;
    let &(_, one, many, cent, cents) = CURRENCIES.iter().find(|c| c.0 == first)?;
    let amount = &core[first.len_utf8()..];
    if let Some((a, b)) = amount.split_once('-') {
        let b = b.strip_prefix(first).unwrap_or(b);
        return Some(format!("{} to {} {many}", decimal(a)?, decimal(b)?));
    }
    let (amount, scale) = match (scale, short_scale(amount)) {
        (Some(scale), _) => (amount, Some(scale)),
        (None, Some((number, scale))) => (number, Some(scale)),
        (None, None) => (amount, None),
    };
    if let Some(scale) = scale {
        return Some(format!("{} {scale} {many}", decimal(amount)?));
    }
    let Some((units, hundredths)) = units_and_hundredths(amount) else {
        return Some(format!("{} {many}", decimal(amount)?));
    };
    let unit_words = |n: u64| format!("{} {}", cardinal(n), if n == 1 { one } else { many });
    let cent_words = |n: u64| format!("{} {}", cardinal(n), if n == 1 { cent } else { cents });
    Some(match (units, hundredths) {
        (u, None | Some(0)) => unit_words(u),
        (0, Some(c)) => cent_words(c),
        (u, Some(c)) => format!("{} and {}", unit_words(u), cent_words(c)),
    })
}

/// "12.50" → (12, Some(50)); "12" → (12, None); ".50" → (0, Some(50)). A decimal that is not
/// cents ("1.5") is refused, for the caller to read as a plain decimal.
fn units_and_hundredths(amount: &str) -> Option<(u64, Option<u64>)> {
    let (whole, frac) = match amount.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (amount, None),
    };
    let whole = whole.replace(',', "");
    let units = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let cents = match frac {
        Some(f) if f.len() == 2 && f.bytes().all(|b| b.is_ascii_digit()) => Some(f.parse().ok()?),
        Some(_) => return None,
        None => None,
    };
    Some((units, cents))
}

/// "1.5M" → ("1.5", "million"), "10k" → ("10", "thousand"), "2bn" → ("2", "billion").
fn short_scale(amount: &str) -> Option<(&str, &'static str)> {
    [
        ("bn", "billion"),
        ("k", "thousand"),
        ("K", "thousand"),
        ("m", "million"),
        ("M", "million"),
        ("B", "billion"),
    ]
    .iter()
    .find_map(|(suffix, word)| {
        let number = amount.strip_suffix(suffix)?;
        number
            .ends_with(|c: char| c.is_ascii_digit())
            .then_some((number, *word))
    })
}

/// An amount said before a noun it describes: "a $50 gift" → "fifty-dollar". Whole amounts
/// only ("a $5.50 meal" is read as an amount).
pub fn money_adjective(core: &str) -> Option<String> {
    let first = core.chars().next()?;
    let &(_, one, ..) = CURRENCIES.iter().find(|c| c.0 == first)?;
    match units_and_hundredths(&core[first.len_utf8()..])? {
        (u, None) => Some(format!("{}-{one}", cardinal(u))),
        _ => None,
    }
}

/// "1990s" → "nineteen nineties", "1800s" → "eighteen hundreds", "'60s" → "sixties".
fn decade(core: &str) -> Option<String> {
    let digits = core.strip_suffix('s').or_else(|| core.strip_suffix("'s"))?;
    let digits = digits.trim_start_matches(['\'', '’']);
    if !(digits.len() == 2 || digits.len() == 4) || !digits.ends_with('0') {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    let words = if digits.len() == 4 {
        year(n)
    } else {
        cardinal(n)
    };
    Some(plural_number(&words))
}

/// "ninety" → "nineties", "hundred" → "hundreds", "ten" → "tens".
fn plural_number(words: &str) -> String {
    match words.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None => format!("{words}s"),
    }
}

/// "72°F" → "seventy-two degrees Fahrenheit", "90°" → "ninety degrees".
fn degrees(core: &str) -> Option<String> {
    let (n, scale) = core.split_once('°')?;
    let scale = match scale {
        "" => "",
        "F" => " Fahrenheit",
        "C" => " Celsius",
        _ => return None,
    };
    let n = signed(n)?;
    let unit = if n == "one" { "degree" } else { "degrees" };
    Some(format!("{n} {unit}{scale}"))
}

/// "1990-2000", "5-10", "7:30-8:30": two numbers or times joined by a dash.
fn range(core: &str, around: Around) -> Option<String> {
    let (a, b) = core.split_once('-')?;
    let one = |s: &str| {
        ordinal_token(s)
            .or_else(|| time_token(s))
            .or_else(|| plain_number(s, around))
    };
    Some(format!("{} to {}", one(a)?, one(b)?))
}

/// Eras, after or before which a number is a year ("586 B.C.", "A.D. 70").
const ERAS: &[&str] = &["b.c.", "a.d.", "bc", "ad", "bce", "ce", "b.c.e.", "c.e."];

/// Years read as years, unless they count something ("1500 believers"); other integers and
/// decimals as cardinals; a sign read.
pub fn plain_number(s: &str, around: Around) -> Option<String> {
    let era = |w: Option<&str>| {
        w.is_some_and(|w| {
            ERAS.contains(&w.trim_end_matches([',', ';', ')']).to_lowercase().as_str())
        })
    };
    if (2..=4).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_digit())
        && (era(around.next) || era(around.prev))
    {
        return Some(year(s.parse().ok()?));
    }
    // "in 1066": before 1100 a number is a year only when something says so.
    let lead = around.prev.is_some_and(|p| {
        YEAR_LEADS.contains(
            &p.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
                .as_str(),
        )
    });
    if s.len() == 4 && lead && s.bytes().all(|b| b.is_ascii_digit()) {
        let n: u64 = s.parse().ok()?;
        if (1000..=2099).contains(&n) {
            return Some(year(n));
        }
    }
    if s.len() == 4 && !s.contains([',', '.']) {
        let n: u64 = s.parse().ok()?;
        if (1100..=2099).contains(&n) && !counts_something(around) {
            return Some(year(n));
        }
    }
    signed(s)
}

/// Whether the word after a number is a plural noun it counts, and nothing before makes
/// the number a year.
fn counts_something(around: Around) -> bool {
    let lower = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    if around.prev.is_some_and(|p| {
        YEAR_LEADS.contains(&lower(p).as_str()) || MONTHS.iter().any(|m| lower(m) == lower(p))
    }) {
        return false;
    }
    around.next.is_some_and(|n| {
        let w = lower(n);
        n.starts_with(char::is_lowercase)
            && w.len() > 3
            && w.ends_with('s')
            && !NOT_PLURAL.contains(&w.as_str())
    })
}

/// Tokens mixing digits and letters ("25a", "MP3s", "4x4"): digit runs become numbers,
/// letter runs words, other characters separate them.
pub fn mixed(core: &str, word: &dyn Fn(&str) -> String) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut run = String::new();
    let mut run_digits = false;
    let mut flush = |run: &mut String, digits: bool| {
        if run.is_empty() {
            return;
        }
        let said = if digits {
            decimal(run).unwrap_or_default()
        } else {
            word(run)
        };
        if !said.is_empty() {
            parts.push(said);
        }
        run.clear();
    };
    for c in core.chars() {
        if c.is_ascii_digit() || c.is_alphabetic() {
            let d = c.is_ascii_digit();
            if d != run_digits {
                flush(&mut run, run_digits);
                run_digits = d;
            }
            run.push(c);
        } else {
            flush(&mut run, run_digits);
        }
    }
    flush(&mut run, run_digits);
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(core: &str) -> String {
        number_token(core, Around::default(), &|w| w.to_string())
    }

    #[test]
    fn tokens_by_kind() {
        for (written, spoken) in [
            ("1st", "first"),
            ("22nd", "twenty-second"),
            ("7:30", "seven thirty"),
            ("9am", "nine a.m"),
            ("7:30pm", "seven thirty p.m"),
            ("7:30-8:30", "seven thirty to eight thirty"),
            ("2026-02-14", "February fourteenth, twenty twenty-six"),
            ("12/25/2026", "December twenty-fifth, twenty twenty-six"),
            ("1/2", "one half"),
            ("3/4", "three quarters"),
            ("2/3", "two thirds"),
            ("24/7", "twenty-four seven"),
            ("9/11", "nine eleven"),
            ("12/25", "December twenty-fifth"),
            ("11/14", "November fourteenth"),
            ("1:5", "one to five"),
            ("4th-century", "fourth-century"),
            ("5-year-old", "five-year-old"),
            ("1st-3rd", "first to third"),
            ("8:00pm", "eight p.m"),
            ("2½", "two and a half"),
            ("10%", "ten percent"),
            ("10-15%", "ten to fifteen percent"),
            ("$12,500", "twelve thousand five hundred dollars"),
            ("$12.50", "twelve dollars and fifty cents"),
            ("$0.99", "ninety-nine cents"),
            ("$1", "one dollar"),
            ("$5-10", "five to ten dollars"),
            ("£20", "twenty pounds"),
            ("€1.50", "one euro and fifty cents"),
            ("$.50", "fifty cents"),
            ("$1.5M", "one point five million dollars"),
            ("$10k", "ten thousand dollars"),
            ("$20-$30", "twenty to thirty dollars"),
            ("$1.5", "one point five dollars"),
            ("1990s", "nineteen nineties"),
            ("1800s", "eighteen hundreds"),
            ("'60s", "sixties"),
            ("72°F", "seventy-two degrees Fahrenheit"),
            ("-5", "minus five"),
            ("1990-2000", "nineteen ninety to two thousand"),
            ("5-10", "five to ten"),
            ("2017", "twenty seventeen"),
            ("3.5", "three point five"),
        ] {
            assert_eq!(read(written), spoken, "{written}");
        }
    }

    #[test]
    fn years_and_counts() {
        let around = |prev, next| Around { prev, next };
        assert_eq!(
            plain_number("1500", around(None, Some("believers"))).unwrap(),
            "one thousand five hundred"
        );
        assert_eq!(
            plain_number("1517", around(Some("in"), Some("reformers"))).unwrap(),
            "fifteen seventeen"
        );
        assert_eq!(
            plain_number("1999", around(None, Some("was"))).unwrap(),
            "nineteen ninety-nine"
        );
    }
}
