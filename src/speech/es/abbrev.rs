//! Spanish abbreviations: what each is read as, and whether its period may also end the
//! sentence ("etc." may; "Sr." before a name and "pág." before a number never do).

/// Whether an abbreviation's period can also be its sentence's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// Never ends a sentence: a title before a name, a word before a number.
    Holds,
    /// Ends it before a capital: "etc. Luego".
    Soft,
}

/// Abbreviations of one word, as written (a capital matters: "S." is "San"), what they are
/// read as, and their stop.
const ONE_WORD: &[(&str, &str, Stop)] = &[
    ("Sr.", "señor", Stop::Holds),
    ("Sra.", "señora", Stop::Holds),
    ("Srta.", "señorita", Stop::Holds),
    ("Sres.", "señores", Stop::Holds),
    ("Dr.", "doctor", Stop::Holds),
    ("Dra.", "doctora", Stop::Holds),
    ("Ud.", "usted", Stop::Soft),
    ("Uds.", "ustedes", Stop::Soft),
    ("Vd.", "usted", Stop::Soft),
    ("Vds.", "ustedes", Stop::Soft),
    ("Lic.", "licenciado", Stop::Holds),
    ("Ing.", "ingeniero", Stop::Holds),
    ("Prof.", "profesor", Stop::Holds),
    ("Hno.", "hermano", Stop::Holds),
    ("Hna.", "hermana", Stop::Holds),
    ("Hnos.", "hermanos", Stop::Holds),
    ("Pbro.", "presbítero", Stop::Holds),
    ("Rvdo.", "reverendo", Stop::Holds),
    ("Mons.", "monseñor", Stop::Holds),
    ("Dña.", "doña", Stop::Holds),
    ("Gral.", "general", Stop::Holds),
    ("Mtro.", "maestro", Stop::Holds),
    ("Mtra.", "maestra", Stop::Holds),
    ("Ntra.", "nuestra", Stop::Holds),
    ("Ntro.", "nuestro", Stop::Holds),
    ("Pdte.", "presidente", Stop::Holds),
    ("Dir.", "director", Stop::Holds),
    ("máx.", "máximo", Stop::Soft),
    ("mín.", "mínimo", Stop::Soft),
    ("No.", "número", Stop::Soft),
    ("Atte.", "atentamente", Stop::Soft),
    ("Atto.", "atento", Stop::Holds),
    ("Excmo.", "excelentísimo", Stop::Holds),
    ("Ilmo.", "ilustrísimo", Stop::Holds),
    ("p.", "página", Stop::Holds),
    ("D.", "don", Stop::Holds),
    ("Dª", "doña", Stop::Holds),
    ("Sto.", "Santo", Stop::Holds),
    ("Sta.", "Santa", Stop::Holds),
    ("S.", "San", Stop::Holds),
    ("Av.", "avenida", Stop::Holds),
    ("Avda.", "avenida", Stop::Holds),
    ("etc.", "etcétera", Stop::Soft),
    ("pág.", "página", Stop::Holds),
    ("págs.", "páginas", Stop::Holds),
    ("pp.", "páginas", Stop::Holds),
    ("núm.", "número", Stop::Holds),
    ("n.º", "número", Stop::Holds),
    ("nº", "número", Stop::Holds),
    ("nro.", "número", Stop::Holds),
    ("cap.", "capítulo", Stop::Holds),
    ("caps.", "capítulos", Stop::Holds),
    ("vv.", "versículos", Stop::Holds),
    ("v.", "versículo", Stop::Holds),
    ("vol.", "volumen", Stop::Holds),
    ("tel.", "teléfono", Stop::Holds),
    ("aprox.", "aproximadamente", Stop::Soft),
    ("cf.", "compárese", Stop::Holds),
    ("cfr.", "compárese", Stop::Holds),
    ("vs.", "versus", Stop::Holds),
    ("ej.", "ejemplo", Stop::Soft),
];

/// Abbreviations of two tokens, or glued into one: "p. ej.", "a. C.", "EE. UU.".
pub const TWO_WORDS: &[(&str, &str, &str)] = &[
    ("p.", "ej.", "por ejemplo"),
    ("a.", "C.", "antes de Cristo"),
    ("d.", "C.", "después de Cristo"),
    ("a.", "J.C.", "antes de Jesucristo"),
    ("d.", "J.C.", "después de Jesucristo"),
    ("EE.", "UU.", "Estados Unidos"),
    ("A.", "T.", "Antiguo Testamento"),
    ("N.", "T.", "Nuevo Testamento"),
];

/// An abbreviation of one word, as written or in lower case: how it is read and its stop.
pub fn find(core: &str) -> Option<(&'static str, Stop)> {
    let lower = core.to_lowercase();
    ONE_WORD
        .iter()
        .find(|(w, ..)| *w == core)
        .or_else(|| {
            ONE_WORD
                .iter()
                .find(|(w, ..)| w.starts_with(char::is_lowercase) && *w == lower)
        })
        .map(|(_, said, stop)| (*said, *stop))
}

/// The two-word abbreviation written glued ("p.ej.", "a.C.", "EE.UU."), if `core` is one.
pub fn glued(core: &str) -> Option<&'static str> {
    TWO_WORDS
        .iter()
        .find(|(a, b, _)| core == format!("{a}{b}"))
        .map(|t| t.2)
}

/// Whether a period at the end of `word` ends the sentence, given the next word and the
/// words before it.
pub fn period_ends_sentence(
    word: &str,
    before: &[&str],
    next: Option<&str>,
    is_book: impl Fn(&str) -> bool,
) -> bool {
    let Some(next) = next else {
        return true;
    };
    let next = next.trim_start_matches(['"', '\'', '“', '‘', '(', '[', '«']);
    let capital = next.starts_with(char::is_uppercase) || next.starts_with(['¿', '¡']);
    let digit = next.starts_with(|c: char| c.is_ascii_digit());
    let prev = before.last().copied().unwrap_or("");
    // The second half of "a. C.", "p. ej.", "EE. UU.", and "a. m.": soft.
    let second = TWO_WORDS.iter().any(|(a, b, _)| *a == prev && *b == word)
        || (matches!(prev, "a." | "p.") && word == "m.");
    if second || glued(word).is_some() || matches!(word, "a.m." | "p.m.") {
        return capital;
    }
    // The first half of "EE. UU." before its second.
    if TWO_WORDS
        .iter()
        .any(|(a, b, _)| *a == word && Some(*b) == next.split_whitespace().next())
    {
        return false;
    }
    if let Some((_, stop)) = find(word) {
        return stop == Stop::Soft && capital;
    }
    let stem = word.trim_end_matches('.');
    // An ordinal written with letters and a period, before what it orders: "1ra. Corintios".
    let letters = stem.trim_start_matches(|c: char| c.is_ascii_digit());
    let ordinal = letters.len() < stem.len()
        && matches!(
            letters,
            "ra" | "ro" | "da" | "do" | "er" | "era" | "ero" | "ta" | "to"
        );
    if ordinal && capital {
        return false;
    }
    // A unit after a number ends it like a word: "a las 10:00 h. Vinieron".
    let unit = prev.ends_with(|c: char| c.is_ascii_digit())
        && matches!(stem, "h" | "m" | "g" | "l" | "min" | "km" | "kg");
    if unit {
        return capital;
    }
    // Initials ("J. R. Pérez") and the first half of a two-word abbreviation.
    if stem.chars().count() == 1 && stem.chars().all(char::is_alphabetic) {
        return false;
    }
    if digit && is_book(stem) {
        return false;
    }
    capital || digit
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ends(word: &str, before: &[&str], next: Option<&str>) -> bool {
        period_ends_sentence(word, before, next, |w| w == "Jn")
    }

    #[test]
    fn titles_hold_and_etc_is_soft() {
        assert!(!ends("Sr.", &[], Some("López")));
        assert!(!ends("pág.", &[], Some("12")));
        assert!(ends("etc.", &[], Some("Luego")));
        assert!(!ends("etc.", &[], Some("y")));
        assert!(!ends("Jn.", &[], Some("3:16")));
        assert!(ends("C.", &["a."], Some("Después")));
        assert!(!ends("a.", &[], Some("C.")));
        assert!(ends("casa.", &[], Some("¿Quién")));
        assert!(!ends("casa.", &[], Some("y")));
        assert!(!ends("EE.", &["en"], Some("UU.")));
        assert!(ends("UU.", &["en", "EE."], Some("Luego")));
        assert!(ends("h.", &["las", "10:00"], Some("Vinieron")));
        assert!(!ends("J.", &["dijo"], Some("Pérez")));
        assert!(!ends("1ra.", &["leemos"], Some("Corintios")));
    }
}
