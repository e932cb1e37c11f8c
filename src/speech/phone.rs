//! Phone numbers read in digit groups, before any rule reads their parts as amounts.

/// Phone numbers in a text read in digit groups: "(555) 214-8870" → "five five five, two one
/// four, eight eight seven zero". Ten-digit forms are always phone numbers; a seven-digit
/// "214-8870" only after a word such as "call" or "phone".
pub fn phone_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let at_word = !out.ends_with(|c: char| c.is_alphanumeric() || matches!(c, '-' | '.'));
        if at_word {
            if let Some((len, groups)) = phone_at(rest, last_word(&out)) {
                out.push_str(&groups.join(", "));
                rest = &rest[len..];
                continue;
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn last_word(text: &str) -> &str {
    text.trim_end()
        .rsplit(' ')
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
}

/// Words that announce a seven-digit local number.
const PHONE_WORDS: &[&str] = &[
    "call",
    "phone",
    "tel",
    "telephone",
    "text",
    "dial",
    "fax",
    "line",
    "hotline",
    "number",
    "contact",
    "reach",
    "at",
    "or",
];

/// A phone number at the start of `s`: its length and its digit groups, spoken.
fn phone_at(s: &str, prev_word: &str) -> Option<(usize, Vec<String>)> {
    let (len, groups) = phone_shape(s)?;
    let after = &s[len..];
    if after.starts_with(|c: char| c.is_alphanumeric()) || after.starts_with(['-', '/']) {
        return None;
    }
    let digits: usize = groups.iter().map(|g| g.len()).sum();
    let local = digits == 7 && !groups[0].starts_with('+');
    if local && !PHONE_WORDS.contains(&prev_word.to_lowercase().as_str()) {
        return None;
    }
    let said = groups
        .iter()
        .map(|g| {
            let (plus, g) = match g.strip_prefix('+') {
                Some(g) => ("plus ", g),
                None => ("", g.as_str()),
            };
            let d: Vec<&str> = g.chars().map(digit_word).collect();
            format!("{plus}{}", d.join(" "))
        })
        .collect();
    Some((len, said))
}

fn digit_word(c: char) -> &'static str {
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ][c.to_digit(10).unwrap_or(0) as usize]
}

/// The digit groups of a phone-shaped text: "(ddd) ddd-dddd", "ddd-ddd-dddd", "ddd.ddd.dddd",
/// "1-ddd-ddd-dddd", "+1 ddd ddd dddd", "ddd-dddd".
fn phone_shape(s: &str) -> Option<(usize, Vec<String>)> {
    let mut groups: Vec<String> = Vec::new();
    let mut pos = 0;
    let bytes = s.as_bytes();
    if let Some(r) = s.strip_prefix('+') {
        let n = r.bytes().take_while(u8::is_ascii_digit).count();
        (1..=3).contains(&n).then_some(())?;
        groups.push(format!("+{}", &r[..n]));
        pos = 1 + n;
        pos += usize::from(matches!(bytes.get(pos), Some(b' ' | b'-' | b'.')));
    } else if s.starts_with("1-") {
        groups.push("1".into());
        pos = 2;
    }
    let area = if s[pos..].starts_with('(') {
        let close = s[pos..].find(") ")?;
        let inner = &s[pos + 1..pos + close];
        (inner.len() == 3 && inner.bytes().all(|b| b.is_ascii_digit())).then_some(())?;
        pos += close + 2;
        Some(inner.to_string())
    } else {
        None
    };
    let rest = &s[pos..];
    let run = rest
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '.' | ' ')))
        .unwrap_or(rest.len());
    let body = rest[..run].trim_end_matches(['-', '.', ' ']);
    let parts: Vec<&str> = body.split(['-', '.', ' ']).collect();
    let shape: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    let all_digits = parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    let fits = match (&area, shape.as_slice()) {
        (Some(_), [3, 4]) => true,
        (None, [3, 3, 4]) => !groups.is_empty() || !body.contains(' '),
        (None, [3, 4]) => groups.is_empty() && !body.contains([' ', '.']),
        _ => false,
    };
    (fits && all_digits).then_some(())?;
    let separators: std::collections::HashSet<char> =
        body.chars().filter(|c| !c.is_ascii_digit()).collect();
    (separators.len() <= 1).then_some(())?;
    groups.extend(area);
    groups.extend(parts.iter().map(|p| p.to_string()));
    Some((pos + body.len(), groups))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_in_digit_groups() {
        for (written, spoken) in [
            (
                "Call (555) 214-8870 today.",
                "Call five five five, two one four, eight eight seven zero today.",
            ),
            (
                "Call 555-214-8870.",
                "Call five five five, two one four, eight eight seven zero.",
            ),
            (
                "Phone 555.214.8870 now",
                "Phone five five five, two one four, eight eight seven zero now",
            ),
            (
                "dial 1-800-555-0199",
                "dial one, eight zero zero, five five five, zero one nine nine",
            ),
            (
                "or +1 555 214 8870",
                "or plus one, five five five, two one four, eight eight seven zero",
            ),
            ("call 214-8870", "call two one four, eight eight seven zero"),
        ] {
            assert_eq!(phone_numbers(written), spoken, "{written}");
        }
        for text in [
            "pages 214-8870",
            "in 1990-2000",
            "verses 3-5",
            "Heb. 7:25-26",
            "555 214 8870",
        ] {
            assert_eq!(phone_numbers(text), text);
        }
    }
}
