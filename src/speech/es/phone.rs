//! Phone numbers as Spain and Latin America write them, read digit by digit in their groups
//! (as the shared shapes of [`crate::speech::phone`] are): "91 123 45 67", "600 12 34 56",
//! "55-1234-5678", "55 1234 5678"; "912 345 678" only after a word such as "al" or "teléfono",
//! since it is also how a large number groups its thousands.

use crate::speech::phone::PhoneWords;

/// Phone numbers in Spanish shapes read digit by digit, group by group.
pub fn phone_numbers(text: &str, words: &PhoneWords) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let at_word = !out.ends_with(|c: char| c.is_alphanumeric() || "-.:,/+$€".contains(c));
        if at_word && (c.is_ascii_digit() || c == '(') {
            if let Some((len, groups)) = phone_at(rest, last_word(&out), words) {
                out.push_str(&groups.join(", "));
                rest = &rest[len..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn last_word(text: &str) -> String {
    text.trim_end()
        .rsplit(' ')
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// A Spanish phone number at the start of `s`: its length and its groups, spoken.
fn phone_at(s: &str, prev_word: String, words: &PhoneWords) -> Option<(usize, Vec<String>)> {
    // "(55) 1234 5678": an area code in parentheses is the first group.
    if let Some((len, area)) = area_code(s) {
        let (rest, mut said) =
            phone_at(&s[len..], "al".into(), words).or_else(|| two_groups(&s[len..], words))?;
        said.insert(0, digits(area, words));
        return Some((len + rest, said));
    }
    let run = s
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '.' | ' ')))
        .unwrap_or(s.len());
    let mut body = s[..run].trim_end_matches(['-', '.', ' ']);
    let sep = body.chars().find(|c| !c.is_ascii_digit())?;
    // Only one kind of separator; a group of another kind ends the number.
    if let Some(other) = body.find(|c: char| !c.is_ascii_digit() && c != sep) {
        body = &body[..other];
    }
    let mut groups: Vec<&str> = body.split(sep).collect();
    // The longest run of groups that makes a phone number: "al 91 123 45 67 y 3 más".
    while groups.len() >= 3 {
        let len = groups.iter().map(|g| g.len()).sum::<usize>() + groups.len() - 1;
        let after = &s[len..];
        let free = !after.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '/');
        if free && is_phone(&groups, &prev_word, words) {
            let said = groups.iter().map(|g| digits(g, words)).collect();
            return Some((len, said));
        }
        groups.pop();
    }
    None
}

/// "(55) " at the start: its length and its digits.
fn area_code(s: &str) -> Option<(usize, &str)> {
    let inner = s.strip_prefix('(')?;
    let n = inner.bytes().take_while(u8::is_ascii_digit).count();
    let rest = inner[n..].strip_prefix(") ")?;
    (2..=3)
        .contains(&n)
        .then(|| (s.len() - rest.len(), &inner[..n]))
}

/// "1234 5678" or "1234-5678" after an area code: two groups of three or four digits.
fn two_groups(s: &str, words: &PhoneWords) -> Option<(usize, Vec<String>)> {
    let a = s.bytes().take_while(u8::is_ascii_digit).count();
    let rest = s[a..].strip_prefix([' ', '-'])?;
    let b = rest.bytes().take_while(u8::is_ascii_digit).count();
    let len = a + 1 + b;
    let free = !s[len..].starts_with(|c: char| c.is_alphanumeric() || c == '-');
    ((3..=4).contains(&a) && b == 4 && free)
        .then(|| (len, vec![digits(&s[..a], words), digits(&rest[..b], words)]))
}

/// Whether digit groups are a phone number: three or more groups of two to four digits, the
/// first of two or three, nine or ten digits in all; grouped as thousands only when announced.
fn is_phone(groups: &[&str], prev_word: &str, words: &PhoneWords) -> bool {
    let total: usize = groups.iter().map(|g| g.len()).sum();
    let shaped = groups.iter().all(|g| (2..=4).contains(&g.len()))
        && (2..=3).contains(&groups[0].len())
        && (9..=10).contains(&total);
    let thousands = groups[1..].iter().all(|g| g.len() == 3);
    let announced = words.announcing.contains(&prev_word);
    shaped && (!thousands || announced)
}

/// Digits one by one: "91" → "nueve uno".
fn digits(group: &str, words: &PhoneWords) -> String {
    group
        .chars()
        .map(|c| words.digits[c.to_digit(10).unwrap_or(0) as usize])
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::PHONE;

    fn read(text: &str) -> String {
        super::phone_numbers(text, &PHONE)
    }

    #[test]
    fn spanish_phone_numbers_in_their_groups() {
        assert_eq!(
            read("Llámenos al 91 123 45 67."),
            "Llámenos al nueve uno, uno dos tres, cuatro cinco, seis siete."
        );
        assert_eq!(
            read("Línea: 55-1234-5678 hoy"),
            "Línea: cinco cinco, uno dos tres cuatro, cinco seis siete ocho hoy"
        );
        assert_eq!(
            read("al 912 345 678"),
            "al nueve uno dos, tres cuatro cinco, seis siete ocho"
        );
        assert_eq!(
            read("Llama al (55) 1234 5678."),
            "Llama al cinco cinco, uno dos tres cuatro, cinco seis siete ocho."
        );
        for text in [
            "(Jn 3:16)",
            "(12) 500 personas",
            "Son 912 345 678 granos.",
            "el 2026-02-25",
            "el 25-02-2026",
            "Había 12 500 000 personas",
            "Jn 3:16 14 15 16",
        ] {
            assert_eq!(read(text), text);
        }
    }
}
