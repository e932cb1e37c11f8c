//! Units after a number, written out before the numbers are read, so the number agrees with
//! the unit's noun: "15 km" is "15 kilómetros" ("quince kilómetros"), "1 °C" is "1 grado
//! centígrado", "-5 °C" is "menos 5 grados centígrados", "19:00 h" is "19:00 horas"; and a
//! currency sign set apart from its amount joined to it ("US$ 15", "€ 50" are "$15", "€50").

/// Unit symbols, as written after a number, and their singular and plural.
const UNITS: &[(&str, &str, &str)] = &[
    ("°C", "grado centígrado", "grados centígrados"),
    ("ºC", "grado centígrado", "grados centígrados"),
    ("°F", "grado Fahrenheit", "grados Fahrenheit"),
    ("ºF", "grado Fahrenheit", "grados Fahrenheit"),
    ("°", "grado", "grados"),
    ("km/h", "kilómetro por hora", "kilómetros por hora"),
    ("km", "kilómetro", "kilómetros"),
    ("m", "metro", "metros"),
    ("cm", "centímetro", "centímetros"),
    ("mm", "milímetro", "milímetros"),
    ("m²", "metro cuadrado", "metros cuadrados"),
    ("km²", "kilómetro cuadrado", "kilómetros cuadrados"),
    ("kg", "kilo", "kilos"),
    ("g", "gramo", "gramos"),
    ("l", "litro", "litros"),
    ("L", "litro", "litros"),
    ("ml", "mililitro", "mililitros"),
    ("h", "hora", "horas"),
    ("hrs", "hora", "horas"),
    ("hs", "hora", "horas"),
    ("min", "minuto", "minutos"),
];

/// Units that only a temperature has: a minus before their number is said "menos".
const TEMPERATURE: &[&str] = &["°C", "ºC", "°F", "ºF", "°"];

/// Every unit after a number written out, and currency signs joined to their amounts.
pub fn units(text: &str) -> String {
    let text = join_signs(text);
    let tokens: Vec<String> = text.split(' ').flat_map(split_glued).collect();
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    for (i, token) in tokens.iter().enumerate() {
        let number = i
            .checked_sub(1)
            .map(|p| tokens[p].as_str())
            .filter(|p| is_number(p));
        let unit = number.and_then(|n| unit_word(token, n));
        match unit {
            // "7:30 h." is "siete y media.": the "h" goes, its period stays.
            Some((said, _))
                if said.starts_with(|c: char| !c.is_alphabetic()) || said.is_empty() =>
            {
                if let Some(last) = out.last_mut() {
                    last.push_str(&said);
                }
            }
            Some((said, temperature)) => {
                if temperature {
                    if let Some(last) = out.last_mut() {
                        if let Some(n) = last.strip_prefix(['-', '−']) {
                            *last = format!("menos {n}");
                        }
                    }
                }
                out.push(said);
            }
            None => out.push(token.clone()),
        }
    }
    out.join(" ")
}

/// The unit `token` names after `number`, written out with its punctuation, and whether it is
/// a temperature's.
fn unit_word(token: &str, number: &str) -> Option<(String, bool)> {
    let core = token.trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
    let rest = &token[core.len()..];
    let &(symbol, one, many) = UNITS.iter().find(|(s, ..)| *s == core)?;
    let figures = number.trim_start_matches(['-', '−']);
    // A time of day with its minutes says no "horas" before noon: "7:30 h" is "siete y
    // media"; "19:30 h" keeps it ("diecinueve treinta horas").
    if one == "hora" {
        if let Some((h, m)) = figures.split_once([':', '.']) {
            let (h, m) = (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?);
            if h <= 12 && m > 0 {
                return Some((rest.to_string(), false));
            }
        }
    }
    let said = if figures == "1" || figures == "1:00" {
        one
    } else {
        many
    };
    // A sentence-final period after "km." is the sentence's; "min." keeps it too.
    Some((format!("{said}{rest}"), TEMPERATURE.contains(&symbol)))
}

/// Whether `token` is a number a unit may follow: "15", "3,5", "-5", "19:00".
fn is_number(token: &str) -> bool {
    let t = token.trim_start_matches(['-', '−', '(']);
    t.starts_with(|c: char| c.is_ascii_digit())
        && t.ends_with(|c: char| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ':'))
}

/// "35°C" → "35", "°C"; "15km." → "15", "km."; other tokens as they are. A bare "º" after a
/// number is an ordinal ("1º"), not degrees.
fn split_glued(token: &str) -> Vec<String> {
    let digits = token
        .trim_start_matches(['-', '−'])
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == ',' || c == '.');
    let number = &token[..token.len() - digits.len()];
    let core = digits.trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
    // "7pm", "7:00am", "9AM": the hour apart from its "pm".
    if let Some((hour, meridiem)) = glued_meridiem(token) {
        return vec![hour.to_string(), meridiem.to_string()];
    }
    let glued = !number.trim_start_matches(['-', '−']).is_empty()
        && number.ends_with(|c: char| c.is_ascii_digit())
        && [
            "°C", "ºC", "°F", "ºF", "°", "km", "kg", "cm", "mm", "km/h", "ml",
        ]
        .contains(&core);
    if glued {
        vec![number.to_string(), digits.to_string()]
    } else {
        vec![token.to_string()]
    }
}

/// "7pm" → "7", "pm"; "7:30a.m." → "7:30", "a.m.".
fn glued_meridiem(token: &str) -> Option<(&str, &str)> {
    let at = token.find(|c: char| !(c.is_ascii_digit() || c == ':'))?;
    let (hour, rest) = token.split_at(at);
    let core = rest.trim_end_matches([',', ';', ')', '!', '?']);
    let meridiem = matches!(
        core.to_lowercase().as_str(),
        "am" | "pm" | "a.m." | "p.m." | "a.m" | "p.m" | "am." | "pm."
    );
    (meridiem && !hour.is_empty() && hour.starts_with(|c: char| c.is_ascii_digit()))
        .then_some((hour, rest))
}

/// "US$ 15", "$ 15", "USD 15", "€ 50", "EUR 50" → "$15", "€50".
fn join_signs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let at_word = !out.ends_with(char::is_alphanumeric);
        let sign = [
            ("US$ ", "$"),
            ("USD ", "$"),
            ("$ ", "$"),
            ("€ ", "€"),
            ("EUR ", "€"),
        ]
        .into_iter()
        .find(|(s, _)| {
            at_word
                && rest.starts_with(s)
                && rest[s.len()..].starts_with(|c: char| c.is_ascii_digit())
        });
        if let Some((written, sign)) = sign {
            out.push_str(sign);
            rest = &rest[written.len()..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_after_numbers_are_written_out() {
        for (written, said) in [
            ("Caminó 15 km.", "Caminó 15 kilómetros."),
            ("Hacía 35°C hoy", "Hacía 35 grados centígrados hoy"),
            ("a -5 °C de noche", "a menos 5 grados centígrados de noche"),
            ("a 1 °C", "a 1 grado centígrado"),
            ("marcaba 40°.", "marcaba 40 grados."),
            ("a las 19:00 h.", "a las 19:00 horas."),
            ("a las 7:30 h.", "a las 7:30."),
            ("a las 7.30 h hoy", "a las 7.30 hoy"),
            ("pesaba 3,5 kg", "pesaba 3,5 kilos"),
            ("Cuesta US$ 15 y € 50", "Cuesta $15 y €50"),
            ("a las 7pm.", "a las 7 pm."),
            ("a las 7:30AM hoy", "a las 7:30 AM hoy"),
        ] {
            assert_eq!(units(written), said, "{written}");
        }
        for text in [
            "Es el 1º de la lista",
            "la m de madre",
            "Del 5-7 de marzo",
            "g",
        ] {
            assert_eq!(units(text), text);
        }
    }
}
