//! The gender a number takes from the word after it: "una semana", "veintiún años",
//! "doscientas personas", and none before a word that is no noun ("en 2021 nos reunimos",
//! "de los diez, 1 regresó"), where the number is said on its own ("veintiuno", "uno").

use super::numbers::Gender;

/// Feminine nouns that do not end in "a" or "as".
const FEMININE: &[&str] = &[
    "veces",
    "vez",
    "mujeres",
    "mujer",
    "noches",
    "noche",
    "voces",
    "voz",
    "madres",
    "madre",
    "calles",
    "calle",
    "leyes",
    "ley",
    "clases",
    "clase",
    "partes",
    "parte",
    "tribus",
    "tribu",
    "imágenes",
    "imagen",
    "fuentes",
    "fuente",
    "muertes",
    "muerte",
    "gentes",
    "gente",
    "mieses",
    "mies",
    "redes",
    "red",
    "torres",
    "torre",
    "razones",
    "razón",
    "flores",
    "flor",
    "luces",
    "luz",
    "cruces",
    "cruz",
    "paz",
    "fe",
    "sed",
    "miel",
    "piel",
    "cárceles",
    "cárcel",
    "sal",
    "señales",
    "señal",
    "tardes",
    "tarde",
    "llaves",
    "llave",
    "naves",
    "nave",
    "nubes",
    "nube",
    "mentes",
    "mente",
    "frentes",
    "suertes",
    "bases",
    "series",
    "serie",
    "especies",
    "especie",
    "sedes",
    "sede",
    "carnes",
    "carne",
    "sangre",
    "leche",
    "raíces",
    "raíz",
    "nueces",
    "nuez",
    "cicatrices",
    "lentejas",
    "labores",
    "labor",
    "crisis",
    "tesis",
    "dosis",
    "vírgenes",
    "virgen",
    "órdenes",
    "costumbres",
    "hectáreas",
    "horas",
    "hora",
];
/// Endings that make a noun feminine.
const FEMININE_ENDINGS: &[&str] = &[
    "ción", "ciones", "sión", "siones", "dad", "dades", "tud", "tudes", "umbre", "umbres", "itis",
];
/// Masculine nouns ending in "a" or "as".
const MASCULINE_A: &[&str] = &[
    "día",
    "días",
    "problema",
    "problemas",
    "tema",
    "temas",
    "programa",
    "programas",
    "sistema",
    "sistemas",
    "profeta",
    "profetas",
    "poema",
    "poemas",
    "idioma",
    "idiomas",
    "mapa",
    "mapas",
    "planeta",
    "planetas",
    "clima",
    "climas",
    "dramas",
    "apóstatas",
    "salmistas",
    "evangelistas",
    "patriarcas",
    "monarcas",
    "papás",
    "sofás",
    "poetas",
    "atletas",
    "cometas",
    "dilemas",
    "esquemas",
    "síntomas",
    "lemas",
    "enigmas",
    "dogmas",
    "telegramas",
    "gramas",
    "kilogramas",
];
/// Words after a number that are no noun it counts: links, pronouns, adverbs and the commonest
/// verbs.
const NOT_NOUNS: &[&str] = &[
    "de", "del", "y", "e", "o", "u", "a", "al", "en", "por", "para", "con", "sin", "que", "es",
    "son", "fue", "fueron", "era", "eran", "más", "menos", "entre", "hasta", "desde", "sobre",
    "como", "se", "lo", "la", "las", "los", "el", "un", "una", "mil", "veces", "nos", "me", "te",
    "le", "les", "os", "mi", "tu", "su", "sus", "no", "ni", "ya", "también", "tampoco", "nunca",
    "siempre", "aún", "todavía", "solo", "sólo", "así", "pero", "mas", "sino", "cuando", "donde",
    "porque", "pues", "si", "hay", "había", "habrá", "ha", "han", "he", "hemos", "está", "están",
    "estaba", "estaban", "será", "serán", "sería", "vino", "vinieron", "murió", "nació", "dijo",
    "vio", "hizo", "tuvo", "hubo", "dio", "volvió", "quedó", "quedaron", "llegó", "ante", "tras",
    "según", "durante", "contra", "hacia", "bajo", "cada", "este", "esta", "estos", "estas", "ese",
    "esa", "aquel", "aquella", "otro", "otra",
];
/// Endings of verb forms a number may stand before with nothing it counts ("1 regresó", "21
/// llegaron", "3 oraban"): the third persons of the preterite and imperfect.
const VERB_ENDINGS: &[&str] = &[
    "ó", "aron", "ieron", "eron", "aban", "ían", "ará", "erá", "irá", "é", "í",
];
/// Nouns with a verb's ending.
const NOT_VERBS: &[&str] = &[
    "bebé", "café", "comité", "puré", "chalé", "canapé", "carné", "rubí", "colibrí", "jabalí",
    "esquí", "maniquí", "ají", "maní", "dominó",
];

/// Whether `word` looks like a verb in the preterite, imperfect or future ("regresó",
/// "llegaron", "oré"), not a noun.
pub fn is_verb(word: &str) -> bool {
    VERB_ENDINGS.iter().any(|e| word.ends_with(e))
        && !NOT_VERBS.contains(&word)
        && !word.ends_with("ción")
        && !word.ends_with("sión")
}

/// The gender a number takes before `word`: a noun's, or none.
pub fn gender_of(word: &str) -> Gender {
    let word = word.trim_end_matches('.');
    if !word.chars().all(char::is_alphabetic) || word.is_empty() || NOT_NOUNS.contains(&word) {
        return Gender::Alone;
    }
    if matches!(word, "mil" | "millones" | "millón") {
        return Gender::Masculine;
    }
    if is_verb(word) {
        return Gender::Alone;
    }
    let feminine = FEMININE.contains(&word)
        || FEMININE_ENDINGS.iter().any(|e| word.ends_with(e))
        || (word.ends_with('a') || word.ends_with("as")) && !MASCULINE_A.contains(&word);
    if feminine {
        Gender::Feminine
    } else {
        Gender::Masculine
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nouns_give_their_gender_and_other_words_none() {
        for w in [
            "razones",
            "flores",
            "semanas",
            "luz",
            "naciones",
            "hectáreas",
        ] {
            assert_eq!(gender_of(w), Gender::Feminine, "{w}");
        }
        for w in [
            "años",
            "días",
            "profetas",
            "kilómetros",
            "hombres",
            "bebé",
            "café",
        ] {
            assert_eq!(gender_of(w), Gender::Masculine, "{w}");
        }
        for w in [
            "regresó", "llegaron", "nos", "se", "vinieron", "oraban", "ya", "serví", "oré",
        ] {
            assert_eq!(gender_of(w), Gender::Alone, "{w}");
        }
    }
}
