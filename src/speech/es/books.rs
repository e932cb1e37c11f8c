//! The books of the Bible as Spanish editions (Reina-Valera, NVI) cite them and Spanish readers
//! say them, and the words of a Spanish reference: "Juan, capítulo tres, versículo
//! dieciséis", "Primera de Juan".

use crate::speech::bible::{BookName, Onward, Phrasing, Table};

macro_rules! b {
    ($osis:literal, $spoken:literal, $n:literal, [$($f:literal),*]) => {
        BookName { osis: $osis, spoken: $spoken, number: $n, forms: &[$($f),*] }
    };
}

/// All books in canonical order; forms in lower case without periods, the full name first,
/// with and without its accent.
const BOOKS: &[BookName] = &[
    b!(
        "Gen",
        "Génesis",
        0,
        ["génesis", "genesis", "gén", "gen", "gn"]
    ),
    b!(
        "Exod",
        "Éxodo",
        0,
        ["éxodo", "exodo", "éx", "ex", "éxo", "exo"]
    ),
    b!("Lev", "Levítico", 0, ["levítico", "levitico", "lev", "lv"]),
    b!(
        "Num",
        "Números",
        0,
        ["números", "numeros", "nm", "núm", "num"]
    ),
    b!(
        "Deut",
        "Deuteronomio",
        0,
        ["deuteronomio", "deut", "dt", "deu"]
    ),
    b!("Josh", "Josué", 0, ["josué", "josue", "jos"]),
    b!("Judg", "Jueces", 0, ["jueces", "jue", "jc"]),
    b!("Ruth", "Rut", 0, ["rut", "rt"]),
    b!(
        "1Sam",
        "Primera de Samuel",
        1,
        ["samuel", "sam", "sa", "s", "sm"]
    ),
    b!(
        "2Sam",
        "Segunda de Samuel",
        2,
        ["samuel", "sam", "sa", "s", "sm"]
    ),
    b!(
        "1Kgs",
        "Primera de Reyes",
        1,
        ["reyes", "rey", "re", "r", "ry"]
    ),
    b!(
        "2Kgs",
        "Segunda de Reyes",
        2,
        ["reyes", "rey", "re", "r", "ry"]
    ),
    b!(
        "1Chr",
        "Primera de Crónicas",
        1,
        ["crónicas", "cronicas", "crón", "cron", "cr", "cró", "cro"]
    ),
    b!(
        "2Chr",
        "Segunda de Crónicas",
        2,
        ["crónicas", "cronicas", "crón", "cron", "cr", "cró", "cro"]
    ),
    b!("Ezra", "Esdras", 0, ["esdras", "esd"]),
    b!("Neh", "Nehemías", 0, ["nehemías", "nehemias", "neh", "ne"]),
    b!("Esth", "Ester", 0, ["ester", "est"]),
    b!("Job", "Job", 0, ["job", "jb"]),
    b!("Ps", "Salmos", 0, ["salmos", "salmo", "sal", "sl"]),
    b!("Prov", "Proverbios", 0, ["proverbios", "prov", "pr", "pro"]),
    b!(
        "Eccl",
        "Eclesiastés",
        0,
        ["eclesiastés", "eclesiastes", "ecl", "ec", "ecle"]
    ),
    b!(
        "Song",
        "Cantares",
        0,
        [
            "cantares",
            "cantar de los cantares",
            "cnt",
            "cant",
            "cantar"
        ]
    ),
    b!("Isa", "Isaías", 0, ["isaías", "isaias", "is", "isa"]),
    b!("Jer", "Jeremías", 0, ["jeremías", "jeremias", "jer", "jr"]),
    b!(
        "Lam",
        "Lamentaciones",
        0,
        ["lamentaciones", "lam", "lm", "lament"]
    ),
    b!("Ezek", "Ezequiel", 0, ["ezequiel", "ez", "eze", "ezeq"]),
    b!("Dan", "Daniel", 0, ["daniel", "dn", "dan"]),
    b!("Hos", "Oseas", 0, ["oseas", "os"]),
    b!("Joel", "Joel", 0, ["joel", "jl"]),
    b!("Amos", "Amós", 0, ["amós", "amos", "am"]),
    b!("Obad", "Abdías", 0, ["abdías", "abdias", "abd"]),
    b!("Jonah", "Jonás", 0, ["jonás", "jonas", "jon"]),
    b!("Mic", "Miqueas", 0, ["miqueas", "miq", "mi"]),
    b!("Nah", "Nahúm", 0, ["nahúm", "nahum", "nah"]),
    b!("Hab", "Habacuc", 0, ["habacuc", "hab"]),
    b!("Zeph", "Sofonías", 0, ["sofonías", "sofonias", "sof"]),
    b!("Hag", "Hageo", 0, ["hageo", "hag"]),
    b!("Zech", "Zacarías", 0, ["zacarías", "zacarias", "zac", "zc"]),
    b!(
        "Mal",
        "Malaquías",
        0,
        ["malaquías", "malaquias", "mal", "ml"]
    ),
    b!("Matt", "Mateo", 0, ["mateo", "mt", "mat"]),
    b!("Mark", "Marcos", 0, ["marcos", "mr", "mc", "mar"]),
    b!("Luke", "Lucas", 0, ["lucas", "lc", "luc"]),
    b!("John", "Juan", 0, ["juan", "jn", "jua"]),
    b!(
        "Acts",
        "Hechos",
        0,
        [
            "hechos",
            "hch",
            "hech",
            "hec",
            "hechos de los apóstoles",
            "hechos de los apostoles"
        ]
    ),
    b!("Rom", "Romanos", 0, ["romanos", "ro", "rom", "rm"]),
    b!(
        "1Cor",
        "Primera de Corintios",
        1,
        ["corintios", "co", "cor"]
    ),
    b!(
        "2Cor",
        "Segunda de Corintios",
        2,
        ["corintios", "co", "cor"]
    ),
    b!(
        "Gal",
        "Gálatas",
        0,
        ["gálatas", "galatas", "gá", "ga", "gál", "gal"]
    ),
    b!("Eph", "Efesios", 0, ["efesios", "ef", "efe"]),
    b!(
        "Phil",
        "Filipenses",
        0,
        ["filipenses", "fil", "flp", "filip"]
    ),
    b!("Col", "Colosenses", 0, ["colosenses", "col", "colos"]),
    b!(
        "1Thess",
        "Primera de Tesalonicenses",
        1,
        ["tesalonicenses", "ts", "tes"]
    ),
    b!(
        "2Thess",
        "Segunda de Tesalonicenses",
        2,
        ["tesalonicenses", "ts", "tes"]
    ),
    b!("1Tim", "Primera de Timoteo", 1, ["timoteo", "ti", "tim"]),
    b!("2Tim", "Segunda de Timoteo", 2, ["timoteo", "ti", "tim"]),
    b!("Titus", "Tito", 0, ["tito", "tit", "tt"]),
    b!("Phlm", "Filemón", 0, ["filemón", "filemon", "flm", "filem"]),
    b!("Heb", "Hebreos", 0, ["hebreos", "he", "heb", "hb"]),
    b!("Jas", "Santiago", 0, ["santiago", "stg", "sant", "st"]),
    b!("1Pet", "Primera de Pedro", 1, ["pedro", "p", "pe", "ped"]),
    b!("2Pet", "Segunda de Pedro", 2, ["pedro", "p", "pe", "ped"]),
    b!("1John", "Primera de Juan", 1, ["juan", "jn"]),
    b!("2John", "Segunda de Juan", 2, ["juan", "jn"]),
    b!("3John", "Tercera de Juan", 3, ["juan", "jn"]),
    b!("Jude", "Judas", 0, ["judas", "jud", "jds"]),
    b!(
        "Rev",
        "Apocalipsis",
        0,
        ["apocalipsis", "ap", "apoc", "apo"]
    ),
    b!("Tob", "Tobías", 0, ["tobías", "tobias", "tob"]),
    b!("Jdt", "Judit", 0, ["judit", "jdt"]),
    b!("Wis", "Sabiduría", 0, ["sabiduría", "sabiduria", "sab"]),
    b!(
        "Sir",
        "Eclesiástico",
        0,
        ["eclesiástico", "eclesiastico", "eclo", "sir"]
    ),
    b!("Bar", "Baruc", 0, ["baruc", "bar"]),
    b!("1Macc", "Primera de Macabeos", 1, ["macabeos", "mac"]),
    b!("2Macc", "Segunda de Macabeos", 2, ["macabeos", "mac"]),
];

/// Written forms that are also ordinary Spanish words or names: a book only when capitalised
/// and followed by a chapter that counts nothing ("Juan 3 veces" is a man).
const AMBIGUOUS: &[&str] = &[
    "job",
    "juan",
    "marcos",
    "lucas",
    "mateo",
    "pedro",
    "judas",
    "tito",
    "santiago",
    "números",
    "numeros",
    "hechos",
    "joel",
    "amós",
    "amos",
    "rut",
    "ester",
    "núm",
    "num",
    "daniel",
    "jonás",
    "jonas",
    "samuel",
    "is",
    "os",
    "am",
    "he",
    "mal",
    "sal",
    "ti",
    "ef",
    "re",
    "est",
    "efe",
    "st",
    "jue",
    "col",
    "mar",
    "dan",
    "jos",
    "tit",
    "ro",
    "co",
    "ga",
    "ec",
    "ez",
    "mi",
    "ne",
    "pe",
    "ap",
    "cant",
    "cantar",
    "sabiduría",
    "sabiduria",
    "lev",
    "ex",
    "gen",
    "bar",
    "sir",
];

/// Ambiguous forms so common as words that only a chapter and verse make them a book: "Is
/// 53:5" is Isaiah, "Os 3 saludo" is not.
const NEEDS_VERSE: &[&str] = &[
    "os", "mal", "re", "jue", "mar", "dan", "mi", "bar", "sir", "gen", "ex", "núm", "num", "efe",
    "st",
];

/// Number prefixes of numbered books, as written: "1 Juan", "1.ª Juan", "I Juan", and
/// spelled out as it is said, "Primera de Juan".
fn number_prefixes(n: u8) -> &'static [&'static str] {
    match n {
        1 => &[
            "1",
            "i",
            "1ª",
            "1º",
            "1a",
            "1ra",
            "1er",
            "primera",
            "primer",
            "primero",
            "primera de",
            "primero de",
            "1era",
            "1ero",
        ],
        2 => &[
            "2",
            "ii",
            "2ª",
            "2º",
            "2a",
            "2da",
            "segunda",
            "segundo",
            "segunda de",
            "segundo de",
            "2do",
        ],
        3 => &[
            "3",
            "iii",
            "3ª",
            "3º",
            "3a",
            "3ra",
            "3er",
            "tercera",
            "tercer",
            "tercero",
            "tercera de",
            "tercero de",
            "3era",
            "3ero",
        ],
        _ => &[],
    }
}

/// Full names no book lists first: a period after them ends a sentence as after any word.
const FULL_NAMES: &[&str] = &[
    "salmo",
    "genesis",
    "exodo",
    "levitico",
    "numeros",
    "josue",
    "cronicas",
    "nehemias",
    "eclesiastes",
    "cantar",
    "isaias",
    "jeremias",
    "amos",
    "abdias",
    "jonas",
    "nahum",
    "sofonias",
    "zacarias",
    "malaquias",
    "galatas",
    "filemon",
    "tobias",
    "sabiduria",
    "eclesiastico",
];

/// Nouns a number counts: "Juan 3 veces", "Marcos 2 libros".
const COUNTED: &[&str] = &[
    "veces",
    "vez",
    "cosas",
    "personas",
    "días",
    "día",
    "años",
    "año",
    "horas",
    "hora",
    "minutos",
    "semanas",
    "meses",
    "hombres",
    "mujeres",
    "niños",
    "más",
    "menos",
    "por",
    "dólares",
    "euros",
    "pesos",
    "kilómetros",
    "metros",
    "pasos",
    "libros",
    "páginas",
    "copias",
    "votos",
    "amigos",
    "segundos",
    "miembros",
    "versículos",
    "palabras",
    "canciones",
    "himnos",
    "preguntas",
    "razones",
    "lecciones",
    "hermanos",
    "hermanas",
    "hijos",
    "hijas",
    "familias",
    "iglesias",
    "niñas",
    "amigas",
    "nietos",
    "nietas",
    "primos",
    "primas",
    "kilos",
    "litros",
    "grados",
    "monedas",
    "panes",
    "peces",
    "ovejas",
    "cartas",
    "visitas",
    "casas",
    "coches",
    "perros",
    "alumnos",
    "jóvenes",
    "mil",
    "millones",
];

/// Words that open a list of verses of the chapter last named.
const VERSE_MARKERS: &[&str] = &[
    "vv. ",
    "vv ",
    "v. ",
    "vs. ",
    "vers. ",
    "versículos ",
    "versículo ",
    "Vv. ",
    "V. ",
    "Vers. ",
    "Versículos ",
    "Versículo ",
];

/// Spanish Scripture: "Romanos, capítulo ocho, versículos veintiocho al treinta y nueve".
pub static TABLE: Table = Table {
    books: BOOKS,
    number_prefixes,
    ambiguous: AMBIGUOUS,
    needs_verse: NEEDS_VERSE,
    as_written: &[
        ("cantar de los cantares", "Cantar de los Cantares"),
        ("hechos de los apóstoles", "Hechos de los Apóstoles"),
        ("hechos de los apostoles", "Hechos de los Apóstoles"),
    ],
    full_names: FULL_NAMES,
    counted: COUNTED,
    links: &["de", "o", "u"],
    joints: &["y"],
    onward: &[
        ("ss", Onward::All),
        ("ff", Onward::All),
        ("s", Onward::Next),
        ("f", Onward::Next),
    ],
    verse_markers: VERSE_MARKERS,
    comma_verses: true,
    book_joints: &[(" y ", "y"), ("-", "-"), (" o ", "o"), (" & ", "y")],
    phrasing: Phrasing {
        chapter: "capítulo",
        chapters: "capítulos",
        verse: "versículo",
        verses: "versículos",
        psalm: "Salmo",
        psalms: "Salmos",
        after_book: ", ",
        through: "al",
        span_through: "al",
        and: "y",
        or: "o",
        following: "y siguientes",
        next: "y el siguiente",
        books_through: "a",
        serial_comma: false,
    },
    cardinal: super::cardinal,
};
