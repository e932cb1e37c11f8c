//! Spanish: numbers with their gender ("veintiún años", "doscientas personas"), ordinals
//! ("1.º", "2.ª"), dates, times ("7:30" is "siete y media"), money, percentages,
//! abbreviations that do not end a sentence ("Sr.", "pág.", "p. ej."), sentences opened by "¿"
//! and "¡", Bible references as Reina-Valera and NVI cite them ("Jn 3:16" is "Juan, capítulo
//! tres, versículo dieciséis") and hymn citations ("Himno 302", "himno n.º 302").
//!
//! One file per concern: `words` reads each token by the first rule that knows it, and takes
//! the gender a number agrees with from `gender`, amounts from `money`, units and temperatures
//! from `units`, Roman numerals from `roman`; `phone` reads Spanish phone groupings, `abbrev`
//! the abbreviations and where their periods end a sentence, `books` the book names.

mod abbrev;
mod books;
mod gender;
mod money;
mod numbers;
mod phone;
mod roman;
mod units;
mod words;

use super::bible::Scripture;
use super::hymn::Words;
use super::language::{Language, Spans};
use super::lexicon::Lexicon;
use super::phone::{phone_numbers, PhoneWords};
use super::symbols::Symbols;
use numbers::Gender;
use std::sync::OnceLock;

/// The Spanish reading rules.
pub struct Spanish;

impl Language for Spanish {
    fn tag(&self) -> &'static str {
        "es"
    }

    fn name(&self) -> &'static str {
        "Spanish"
    }

    fn period_ends_sentence(&self, word: &str, before: &[&str], next: Option<&str>) -> bool {
        abbrev::period_ends_sentence(word, before, next, |w| scripture().is_book_abbreviation(w))
    }

    fn sentence_openers(&self) -> &'static [char] {
        &['¿', '¡', '«']
    }

    fn ellipsis_ends_sentence(&self) -> bool {
        true
    }

    fn spans(&self) -> &'static Spans {
        &SPANS
    }

    fn date(&self, date: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let month = words::MONTHS
            .iter()
            .filter(|m| **m != "setiembre")
            .nth(date.month0() as usize)
            .unwrap_or(&"");
        format!("{} de {month} de {}", date.day(), date.year())
    }

    fn cardinal(&self, n: u64) -> String {
        cardinal(n)
    }

    fn scripture(&self) -> &'static Scripture {
        scripture()
    }

    fn hymn_words(&self) -> &'static Words {
        &HYMNS
    }

    fn phone_numbers(&self, text: &str) -> String {
        // The shared shapes first ("+34 600 123 456"), then the Spanish groupings.
        phone::phone_numbers(&phone_numbers(text, &PHONE), &PHONE)
    }

    fn words(&self, text: &str, lexicon: &Lexicon) -> String {
        words::words(text, lexicon)
    }
}

/// A number said on its own: "veintiuno", "ochocientos doce".
fn cardinal(n: u64) -> String {
    numbers::cardinal(n, Gender::Alone)
}

/// The Spanish book names and reference words, indexed once.
fn scripture() -> &'static Scripture {
    static S: OnceLock<Scripture> = OnceLock::new();
    S.get_or_init(|| Scripture::new(&books::TABLE))
}

/// Days and months, written out or short, between which a dash is read "a" ("lunes–viernes").
static SPANS: Spans = Spans {
    names: &[
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
        "lun",
        "mié",
        "jue",
        "vie",
        "sáb",
        "dom",
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
        "ene",
        "feb",
        "abr",
        "jun",
        "jul",
        "ago",
        "sep",
        "sept",
        "oct",
        "nov",
        "dic",
    ],
    capitalised: false,
    word: " a ",
    number_endings: &["a", "b", "c"],
};

/// Spanish hymn citations: "(Himnos #114)", "Himno 302", "himno n.º 302".
pub static HYMNS: Words = Words {
    hymn: &["himno"],
    hymnal: &["himnos", "himnario", "cancionero"],
    markers: &[
        "#", "n.º", "nº", "n°", "no.", "núm.", "num.", "número", "nro.", "n.",
    ],
    determiners: &[
        "un", "una", "el", "la", "los", "las", "este", "esta", "estos", "ese", "esa", "esos",
        "aquel", "cada", "otro", "otra", "algún", "ningún", "qué", "cuál", "mismo", "tal",
    ],
    counted: &[
        "veces",
        "vez",
        "más",
        "de",
        "minutos",
        "minuto",
        "horas",
        "hora",
        "días",
        "día",
        "semanas",
        "semana",
        "meses",
        "mes",
        "años",
        "año",
        "personas",
        "voces",
        "himnos",
        "canciones",
        "otros",
        "por",
    ],
    titles: &["himno", "himnos", "himnario", "canción", "cántico", "coro"],
    details: &[
        "estrofas",
        "estrofa",
        "est.",
        "versos",
        "verso",
        "estribillo",
        "coro",
        "vv.",
        "v.",
    ],
    not_titles: &["cantar de los cantares", "cantares"],
    lead_ins: &["de", "del", "véase", "cf.", "fuente:"],
    hymn_name: "Himno",
    number: "número",
};

/// Phone numbers in Spanish, digit by digit.
static PHONE: PhoneWords = PhoneWords {
    digits: [
        "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve",
    ],
    plus: "más",
    extension: "extensión",
    extension_marks: &["ext. ", "ext.", "ext ", "extensión "],
    announcing: &[
        "llame",
        "llamar",
        "llámenos",
        "teléfono",
        "tel",
        "whatsapp",
        "marque",
        "número",
        "fax",
        "al",
        "o",
        "celular",
        "línea",
        "gratuita",
        "gratuito",
        "contacto",
        "informes",
        "llámame",
        "móvil",
        "teléfonos",
        "llámanos",
        "llama",
        "escríbenos",
    ],
};

/// Spanish words for symbols and addresses.
static SYMBOLS: Symbols = Symbols {
    said: &[
        ("&", "y"),
        ("%", "por ciento"),
        ("+", "más"),
        ("=", "igual a"),
        ("@", "arroba"),
        ("#", "número"),
        ("€", "euros"),
        ("$", "dólares"),
    ],
    acronyms: &[
        "RVR", "NVI", "LBLA", "DHH", "NTV", "RVC", "TLA", "BLP", "PDT", "RV", "ONU", "ONG", "DVD",
        "CD", "PDF", "URL", "TV", "UE", "OK", "EEUU",
    ],
    dot: "punto",
    at: "arroba",
    web_link: "un enlace web",
    email: "una dirección de correo",
    known_number: |body| words::ordinal_parts(body).is_some(),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speech::split::sentences_in;

    #[test]
    fn spanish_hymn_citations_are_found() {
        use crate::speech::hymn::find_all;
        for (text, n) in [
            ("Cantemos el Himno 302 juntos.", 302),
            ("(Himnario #302)", 302),
            ("Del himno n.º 302, estrofa 2.", 302),
            ("Cantaremos el Himno N.º 12.", 12),
            ("Cantemos el himno No. 45.", 45),
            ("El himno núm. 45 es antiguo.", 45),
            ("El himno nro. 7 es antiguo.", 7),
            ("(Himnos #812)", 812),
            ("(Himnario, n.º 250)", 250),
            ("Himno #21, estrofas 1 y 3.", 21),
        ] {
            let found: Vec<u32> = find_all(text, &HYMNS).iter().map(|c| c.number).collect();
            assert_eq!(found, vec![n], "{text}");
        }
        for text in [
            "Cantamos un himno 3 veces.",
            "Leímos el Salmo 23.",
            "En 1850 había 2 himnos.",
        ] {
            assert!(find_all(text, &HYMNS).is_empty(), "{text}");
        }
    }

    #[test]
    fn every_book_has_a_spanish_name() {
        assert!(scripture().names_every_book());
    }

    #[test]
    fn sentences_open_with_inverted_marks() {
        let s = sentences_in("¿Vienes? ¡Claro que sí! Lo dijo el Sr. López.", &Spanish);
        assert_eq!(
            s,
            vec!["¿Vienes?", "¡Claro que sí!", "Lo dijo el Sr. López."]
        );
    }
}
