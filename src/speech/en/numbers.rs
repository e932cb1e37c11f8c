//! Numbers as words, so every engine reads them the same way and none reads "7:25" as a time.

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const SCALES: [(u64, &str); 4] = [
    (1_000_000_000_000, "trillion"),
    (1_000_000_000, "billion"),
    (1_000_000, "million"),
    (1_000, "thousand"),
];

/// 0–999 in words: "one hundred twenty-nine".
fn below_thousand(n: u64, out: &mut Vec<String>) {
    let (h, rest) = (n / 100, n % 100);
    if h > 0 {
        out.push(format!("{} hundred", ONES[h as usize]));
    }
    if rest > 0 || h == 0 {
        if rest < 20 {
            out.push(ONES[rest as usize].to_string());
        } else if rest % 10 == 0 {
            out.push(TENS[(rest / 10) as usize].to_string());
        } else {
            out.push(format!(
                "{}-{}",
                TENS[(rest / 10) as usize],
                ONES[(rest % 10) as usize]
            ));
        }
    }
}

/// A cardinal number in words (American style, no "and"): 1129 → "one thousand one hundred
/// twenty-nine".
pub fn cardinal(n: u64) -> String {
    if n < 1000 {
        let mut v = Vec::new();
        below_thousand(n, &mut v);
        return v.join(" ");
    }
    let mut parts = Vec::new();
    let mut rest = n;
    for (scale, name) in SCALES {
        if rest >= scale {
            let mut v = Vec::new();
            if rest / scale >= 1000 {
                parts.push(cardinal(rest / scale));
            } else {
                below_thousand(rest / scale, &mut v);
                parts.push(v.join(" "));
            }
            parts.push(name.to_string());
            rest %= scale;
        }
    }
    if rest > 0 {
        let mut v = Vec::new();
        below_thousand(rest, &mut v);
        parts.push(v.join(" "));
    }
    parts.join(" ")
}

/// An ordinal in words: 21 → "twenty-first".
pub fn ordinal(n: u64) -> String {
    let c = cardinal(n);
    let (head, last) = match c.rfind([' ', '-']) {
        Some(i) => (&c[..=i], &c[i + 1..]),
        None => ("", c.as_str()),
    };
    let last = match last {
        "one" => "first".to_string(),
        "two" => "second".to_string(),
        "three" => "third".to_string(),
        "five" => "fifth".to_string(),
        "eight" => "eighth".to_string(),
        "nine" => "ninth".to_string(),
        "twelve" => "twelfth".to_string(),
        w if w.ends_with('y') => format!("{}ieth", &w[..w.len() - 1]),
        w => format!("{w}th"),
    };
    format!("{head}{last}")
}

/// A year as people say it: 2017 → "twenty seventeen", 1900 → "nineteen hundred",
/// 2000 → "two thousand", 2005 → "two thousand five", 1066 → "ten sixty-six",
/// 586 → "five eighty-six".
pub fn year(n: u64) -> String {
    if !(100..10_000).contains(&n) {
        return cardinal(n);
    }
    let (hi, lo) = (n / 100, n % 100);
    if lo < 10 && hi % 10 == 0 {
        // 2000–2009, 1000–1009: "two thousand five"
        return cardinal(n);
    }
    match lo {
        0 => format!("{} hundred", cardinal(hi)),
        1..=9 => format!("{} oh {}", cardinal(hi), cardinal(lo)),
        _ => format!("{} {}", cardinal(hi), cardinal(lo)),
    }
}

/// Reads a digit string with optional thousands separators and decimals:
/// "1,300" → "one thousand three hundred", "3.5" → "three point five".
pub fn decimal(s: &str) -> Option<String> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let digits: String = int.chars().filter(|&c| c != ',').collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 15 {
        return None;
    }
    let mut out = cardinal(digits.parse().ok()?);
    if let Some(f) = frac {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        out.push_str(" point");
        for d in f.chars() {
            out.push(' ');
            out.push_str(ONES[d.to_digit(10)? as usize]);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cardinals() {
        for (n, w) in [
            (0, "zero"),
            (7, "seven"),
            (25, "twenty-five"),
            (40, "forty"),
            (114, "one hundred fourteen"),
            (1129, "one thousand one hundred twenty-nine"),
            (1_300, "one thousand three hundred"),
            (2_000_005, "two million five"),
            (
                1_234_567,
                "one million two hundred thirty-four thousand five hundred sixty-seven",
            ),
        ] {
            assert_eq!(cardinal(n), w);
        }
    }

    #[test]
    fn ordinals() {
        for (n, w) in [
            (1, "first"),
            (2, "second"),
            (3, "third"),
            (12, "twelfth"),
            (20, "twentieth"),
            (21, "twenty-first"),
            (100, "one hundredth"),
            (103, "one hundred third"),
        ] {
            assert_eq!(ordinal(n), w);
        }
    }

    #[test]
    fn years() {
        for (n, w) in [
            (2017, "twenty seventeen"),
            (1900, "nineteen hundred"),
            (2000, "two thousand"),
            (2005, "two thousand five"),
            (1066, "ten sixty-six"),
            (1905, "nineteen oh five"),
            (2026, "twenty twenty-six"),
            (586, "five eighty-six"),
            (500, "five hundred"),
            (70, "seventy"),
        ] {
            assert_eq!(year(n), w);
        }
    }

    #[test]
    fn decimals() {
        assert_eq!(decimal("3.5").as_deref(), Some("three point five"));
        assert_eq!(
            decimal("1,300").as_deref(),
            Some("one thousand three hundred")
        );
        assert_eq!(decimal("1.x"), None);
    }
}
