//! Spanish amounts of money: "$12.500" is "doce mil quinientos dólares", "12,50 €" "doce euros
//! con cincuenta céntimos", "0,50 €" "cincuenta céntimos", "$2 millones" "dos millones de
//! dólares", "$200 pesos" "doscientos pesos", "$5 USD" "cinco dólares".

use super::gender::gender_of;
use super::numbers::{amount, amount_words, cardinal, grouped_figures, takes_de, Gender};
use crate::speech::token::split_token;
use crate::speech::tokens::{At, Read};

/// A currency's name, singular and plural, and its cents'.
struct Currency {
    one: &'static str,
    many: &'static str,
    cents: &'static str,
}

const DOLLAR: Currency = Currency {
    one: "dólar",
    many: "dólares",
    cents: "centavos",
};
const PESO: Currency = Currency {
    one: "peso",
    many: "pesos",
    cents: "centavos",
};
const EURO: Currency = Currency {
    one: "euro",
    many: "euros",
    cents: "céntimos",
};

/// Currencies written with "$" and named after the amount: "$200 pesos".
const LOCAL_CURRENCIES: &[&str] = &[
    "peso",
    "pesos",
    "dólar",
    "dólares",
    "sol",
    "soles",
    "bolívares",
    "quetzales",
    "lempiras",
    "colones",
    "córdobas",
    "reales",
    "guaraníes",
];

/// The currency a sign names.
fn currency(sign: &str) -> Option<&'static Currency> {
    match sign {
        "$" | "US$" | "USD" | "dólares" | "dólar" => Some(&DOLLAR),
        "€" | "EUR" | "euros" | "euro" => Some(&EURO),
        "pesos" | "peso" => Some(&PESO),
        _ => None,
    }
}

/// Currency codes written after an amount with "$" ("$5 USD", "$200 MXN"): the code, the
/// currency's name for one and for many.
const CODES: &[(&str, &str, &str)] = &[
    ("usd", "dólar", "dólares"),
    ("mxn", "peso mexicano", "pesos mexicanos"),
    ("cop", "peso colombiano", "pesos colombianos"),
    ("clp", "peso chileno", "pesos chilenos"),
    ("ars", "peso argentino", "pesos argentinos"),
    ("uyu", "peso uruguayo", "pesos uruguayos"),
    ("eur", "euro", "euros"),
];

/// "$12,500" → "doce mil quinientos dólares", "12,50 €" → "doce euros con cincuenta
/// céntimos", "12 500 €", "$2 millones" → "dos millones de dólares".
pub fn money(at: &At, core: &str) -> Read {
    // The sign before the amount ("$5", "US$5", "€5") or after it ("5€", "5 €").
    let before = ["US$", "$", "€"]
        .iter()
        .find_map(|s| core.strip_prefix(s).map(|rest| (*s, rest)));
    let (sign, figures, mut used) = match before {
        Some((sign, rest)) => (sign, rest.to_string(), 1),
        None => {
            let (figures, used) = grouped_figures(at, core);
            let glued = ["€", "$"]
                .iter()
                .find_map(|s| figures.strip_suffix(s).map(|f| (*s, f.to_string())));
            match glued {
                Some((sign, f)) => (sign, f, used),
                None => {
                    let next = split_token(at.ahead(used)?).1.trim_end_matches('.');
                    currency(next)?;
                    (next, figures, used + 1)
                }
            }
        }
    };
    let cur = currency(sign)?;
    let a = amount(&figures)?;
    // "$200 pesos": the sign only marks the amount of the currency named after it.
    let named = at
        .ahead(used)
        .map(|w| split_token(w).1.trim_end_matches('.').to_lowercase());
    if let Some(noun) = named
        .as_ref()
        .filter(|w| LOCAL_CURRENCIES.contains(&w.as_str()))
    {
        return Some((amount_words(&a, gender_of(noun)), used));
    }
    // "$5 USD", "$200 MXN": the code names the currency.
    let code = named.and_then(|w| CODES.iter().find(|(c, ..)| *c == w));
    if let Some((_, one, many)) = code.filter(|_| a.decimals.is_none()) {
        let name = if a.whole == 1 { one } else { many };
        let whole = cardinal(a.whole, Gender::Masculine);
        return Some((format!("{whole} {name}"), used + 1));
    }
    // "$2 millones": the scale word after the amount.
    let scale = at
        .ahead(used)
        .map(|w| split_token(w).1.trim_end_matches('.'))
        .filter(|w| matches!(*w, "mil" | "millones" | "millón" | "billones"));
    let whole = cardinal(a.whole, Gender::Masculine);
    let cents = a
        .decimals
        .as_ref()
        .filter(|(d, _)| d.len() == 2 && d != "00")
        .and_then(|(d, _)| d.parse::<u64>().ok());
    // "0,50 €" is "cincuenta céntimos"; "1,01 €" is "un euro con un céntimo".
    let cents_said = cents.map(|c| {
        let name = if c == 1 {
            cur.cents.trim_end_matches('s')
        } else {
            cur.cents
        };
        format!("{} {name}", cardinal(c, Gender::Masculine))
    });
    if let (0, None, Some(c)) = (a.whole, scale, &cents_said) {
        return Some((c.clone(), used));
    }
    let mut said = match scale {
        Some(s) => {
            used += 1;
            let de = if s == "mil" { "" } else { " de" };
            format!("{whole} {s}{de} {}", cur.many)
        }
        None if a.whole == 1 => format!("{whole} {}", cur.one),
        None if takes_de(a.whole) => format!("{whole} de {}", cur.many),
        None => format!("{whole} {}", cur.many),
    };
    if let Some(c) = cents_said {
        said.push_str(&format!(" con {c}"));
    }
    Some((said, used))
}
