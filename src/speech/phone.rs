//! Phone numbers read in digit groups, before any rule reads their parts as amounts. The
//! shapes are shared; the words come from a language's [`PhoneWords`].

/// A language's words for phone numbers.
#[derive(Debug)]
pub struct PhoneWords {
    /// The digits, zero to nine.
    pub digits: [&'static str; 10],
    /// The "+" of a country code.
    pub plus: &'static str,
    /// Said before an extension's digits.
    pub extension: &'static str,
    /// How an extension is marked after the number, in lower case, longest first:
    /// "ext. ", "x".
    pub extension_marks: &'static [&'static str],
    /// Words, in lower case, that announce a local number without its area code ("call").
    pub announcing: &'static [&'static str],
}

/// Phone numbers in a text read in digit groups: "(555) 214-8870" → "five five five, two one
/// four, eight eight seven zero". Ten-digit forms are always phone numbers; a seven-digit
/// "214-8870" only after a word such as "call" or "phone".
pub fn phone_numbers(text: &str, words: &PhoneWords) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let at_word = !out.ends_with(|c: char| c.is_alphanumeric() || matches!(c, '-' | '.'));
        if at_word {
            if let Some((len, groups)) = phone_at(rest, last_word(&out), words) {
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

/// A phone number at the start of `s`: its length and its digit groups, spoken, with its
/// extension ("ext. 204") if one follows.
fn phone_at(s: &str, prev_word: &str, words: &PhoneWords) -> Option<(usize, Vec<String>)> {
    let shape = phone_shape(s)?;
    let after = &s[shape.len..];
    if after.starts_with(|c: char| c.is_alphanumeric()) || after.starts_with(['-', '/']) {
        return None;
    }
    let announced = words
        .announcing
        .contains(&prev_word.to_lowercase().as_str());
    if shape.needs_word && !announced {
        return None;
    }
    let mut said: Vec<String> = shape.groups.iter().map(|g| digits(g, words)).collect();
    let mut len = shape.len;
    if let Some((ext_len, ext)) = extension(after, words) {
        said.push(format!("{} {}", words.extension, digits(ext, words)));
        len += ext_len;
    }
    Some((len, said))
}

/// Digits one by one: "+1" → "plus one", "204" → "two zero four".
fn digits(group: &str, words: &PhoneWords) -> String {
    let (plus, g) = match group.strip_prefix('+') {
        Some(g) => (format!("{} ", words.plus), g),
        None => (String::new(), group),
    };
    let d: Vec<&str> = g
        .chars()
        .map(|c| words.digits[c.to_digit(10).unwrap_or(0) as usize])
        .collect();
    format!("{plus}{}", d.join(" "))
}

/// ", ext. 204", " ext 204", " x204" after a phone number: its length and digits.
fn extension<'a>(after: &'a str, words: &PhoneWords) -> Option<(usize, &'a str)> {
    let rest = after.strip_prefix(',').unwrap_or(after).strip_prefix(' ')?;
    let lower = rest.to_lowercase();
    let marker = words
        .extension_marks
        .iter()
        .find(|m| lower.starts_with(**m))?;
    let number = &rest[marker.len()..];
    let n = number.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=6).contains(&n) || number[n..].starts_with(char::is_alphanumeric) {
        return None;
    }
    Some((after.len() - number.len() + n, &number[..n]))
}

/// A phone-shaped text: its length, its digit groups, and whether only a word such as
/// "call" before it makes it a phone number.
struct Shape {
    len: usize,
    groups: Vec<String>,
    needs_word: bool,
}

/// The digit groups of a phone-shaped text: "(ddd) ddd-dddd", "ddd-ddd-dddd", "ddd.ddd.dddd",
/// "1-ddd-ddd-dddd", "+1 ddd ddd dddd", "+44 20 7946 0958", "020 7946 0958"; after "call"
/// and the like also "ddd-dddd" and "ddd ddd dddd".
fn phone_shape(s: &str) -> Option<Shape> {
    let (mut pos, mut groups) = country_code(s);
    let international = !groups.is_empty() && groups[0].starts_with('+');
    let area = area_code(&s[pos..]);
    if let Some((len, code)) = &area {
        pos += len;
        groups.push(code.clone());
    }
    let rest = &s[pos..];
    let run = rest
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '.' | ' ')))
        .unwrap_or(rest.len());
    let body = rest[..run].trim_end_matches(['-', '.', ' ']);
    // One kind of separator, single, between groups of digits.
    let separators: std::collections::HashSet<char> =
        body.chars().filter(|c| !c.is_ascii_digit()).collect();
    let parts: Vec<&str> = body.split(['-', '.', ' ']).collect();
    if separators.len() > 1 || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    let shape: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    let total: usize = shape.iter().sum();
    let spaced = body.contains(' ');
    let trunk = parts[0].starts_with('0') && area.is_none() && !international;
    let needs_word = match (&area, shape.as_slice()) {
        _ if international => {
            (shape.len() >= 2 && shape.iter().all(|&n| n <= 4) && (6..=12).contains(&total))
                .then_some(false)?
        }
        _ if trunk => (shape.len() >= 2
            && shape.iter().all(|&n| (2..=5).contains(&n))
            && (9..=11).contains(&total))
        .then_some(false)?,
        (Some(_), [3, 4]) => false,
        (None, [3, 3, 4]) => spaced && groups.is_empty(),
        (None, [3, 4]) if groups.is_empty() && !body.contains('.') => true,
        _ => return None,
    };
    groups.extend(parts.iter().map(|p| p.to_string()));
    Some(Shape {
        len: pos + body.len(),
        groups,
        needs_word,
    })
}

/// "+44 " or "1-" at the start: where the rest begins, and the code as a group.
fn country_code(s: &str) -> (usize, Vec<String>) {
    if let Some(r) = s.strip_prefix('+') {
        let n = r.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=3).contains(&n) && r[n..].starts_with([' ', '-', '.', '(']) {
            let sep = usize::from(!r[n..].starts_with('('));
            return (1 + n + sep, vec![format!("+{}", &r[..n])]);
        }
    }
    if s.starts_with("1-") && s[2..].starts_with(|c: char| c.is_ascii_digit()) {
        return (2, vec!["1".into()]);
    }
    (0, Vec::new())
}

/// "(555) " or "(020) ": its length and digits.
fn area_code(s: &str) -> Option<(usize, String)> {
    let inner_end = s.strip_prefix('(')?.find(") ")?;
    let inner = &s[1..1 + inner_end];
    ((2..=4).contains(&inner.len()) && inner.bytes().all(|b| b.is_ascii_digit()))
        .then(|| (inner_end + 3, inner.to_string()))
}
#[cfg(test)]
mod tests {
    use crate::speech::en::PHONE;

    fn phone_numbers(text: &str) -> String {
        super::phone_numbers(text, &PHONE)
    }

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
            ("Call 555 214 8870 now", "Call five five five, two one four, eight eight seven zero now"),
            ("on 020 7946 0958.", "on zero two zero, seven nine four six, zero nine five eight."),
            ("ring +44 20 7946 0958", "ring plus four four, two zero, seven nine four six, zero nine five eight"),
            ("at (555) 214-8870, ext. 204.", "at five five five, two one four, eight eight seven zero, extension two zero four."),
            ("call 555-214-8870 x12 today", "call five five five, two one four, eight eight seven zero, extension one two today"),
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
