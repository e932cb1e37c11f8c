//! Languages as voices name them: the espeak-ng voice of a BCP 47 tag and the tag of an
//! espeak-ng voice name, the language of a Piper voice's name, and the Piper voice a first
//! build fetches for each language. Plain tables, no settings: the configuration's default
//! espeak voice comes from here too.

/// The Piper voice fetched for a language when none of it is installed, by primary subtag,
/// and what its model card says of its licence (shown by `devocast voices`).
///
/// - English: LJ Speech is in the public domain and the voice was trained from scratch on
///   it, so nothing restricts the audio it makes.
/// - Spanish: `es_MX-claude-high`; its model card gives the recordings' licence as Apache
///   2.0 and names no other voice it was fine-tuned from. The better-known Spanish voices
///   (`es_ES-davefx-medium` CC0, `es_MX-ald-medium` Unlicense, `es_ES-sharvard-medium` CC BY
///   3.0) were fine-tuned from the English lessac voice, whose recordings' licence forbids
///   commercial use, so they are left for the producer to choose.
const DEFAULT_PIPER: &[(&str, &str, &str)] = &[
    (
        "en",
        "en_US-ljspeech-medium",
        "public-domain LJ Speech recordings, about 63 MB",
    ),
    (
        "es",
        "es_MX-claude-high",
        "recordings under Apache 2.0, Latin American Spanish",
    ),
];

/// Regions whose Spanish espeak-ng reads as Latin American (`es-419`); other regions, and
/// Spanish without one, get the Castilian voice `es`.
const LATIN_AMERICA: &[&str] = &[
    "419", "ar", "bo", "cl", "co", "cr", "cu", "do", "ec", "gt", "hn", "mx", "ni", "pa", "pe",
    "pr", "py", "sv", "us", "uy", "ve",
];

/// espeak-ng voices that are a language's regional variety, by `language-region`.
const REGIONAL: &[(&str, &str)] = &[
    ("en-us", "en-us"),
    ("en-gb", "en-gb"),
    ("en-uk", "en-gb"),
    ("en-ie", "en-gb"),
    ("en-au", "en-gb"),
    ("en-nz", "en-gb"),
    ("en-za", "en-gb"),
    ("en-in", "en-gb"),
    ("en-jm", "en-029"),
    ("en-tt", "en-029"),
    ("en-029", "en-029"),
    ("pt-br", "pt-br"),
    ("pt-pt", "pt"),
    ("fr-be", "fr-be"),
    ("fr-ch", "fr-ch"),
    ("vi-vn", "vi"),
];

/// Older language codes BCP 47 still allows, with the espeak-ng voice of the current one.
const RENAMED: &[(&str, &str)] = &[("iw", "he"), ("in", "id"), ("ji", "yi")];

/// The primary language subtag of a tag, a Piper code or an espeak name, in lower case:
/// "es" for "es-MX", "es_MX" and "es-419".
pub fn primary(tag: &str) -> String {
    tag.trim()
        .split(['-', '_', '+'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The region subtag of a tag, in lower case ("mx" for "es-MX", "419" for "es-419"), if any:
/// the first subtag after the language of two letters or three digits.
fn region(tag: &str) -> Option<String> {
    tag.split(['-', '_'])
        .skip(1)
        .map(|s| s.to_ascii_lowercase())
        .find(|s| {
            (s.len() == 2 && s.chars().all(|c| c.is_ascii_alphabetic()))
                || (s.len() == 3 && s.chars().all(|c| c.is_ascii_digit()))
        })
}

/// The espeak-ng voice that reads a language (BCP 47): "es" for Spanish and Spain,
/// "es-419" for Latin American Spanish, "en-us" for English and the United States,
/// "en-gb" for Britain and the Commonwealth; otherwise the primary subtag, which is an
/// espeak-ng voice for every language it speaks.
pub fn espeak_voice(tag: &str) -> String {
    let language = primary(tag);
    let language = RENAMED
        .iter()
        .find(|(old, _)| *old == language)
        .map_or(language.as_str(), |(_, new)| *new)
        .to_string();
    let region = region(tag);
    match (language.as_str(), region.as_deref()) {
        ("", _) => "en-us".to_string(),
        ("es", Some(r)) if LATIN_AMERICA.contains(&r) => "es-419".to_string(),
        ("es", _) => "es".to_string(),
        ("en", None) => "en-us".to_string(),
        (l, Some(r)) => {
            let key = format!("{l}-{r}");
            REGIONAL
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
                .unwrap_or_else(|| match l {
                    "en" => "en-us".to_string(),
                    _ => l.to_string(),
                })
        }
        (l, None) => l.to_string(),
    }
}

/// The language (BCP 47) an espeak-ng voice name speaks: "es-419" → "es-419", "en-us+f3"
/// → "en-US", "mb-es1" (an MBROLA voice) → "es".
pub fn espeak_language(name: &str) -> String {
    let base = name
        .trim()
        .split('+')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if let Some(rest) = base.strip_prefix("mb-") {
        return rest
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .to_string();
    }
    let mut parts = base.split('-');
    let language = parts.next().unwrap_or("").to_string();
    match parts.next() {
        Some(r) if r.len() == 2 => format!("{language}-{}", r.to_ascii_uppercase()),
        Some(r) if r.len() == 3 && r.chars().all(|c| c.is_ascii_digit()) => {
            format!("{language}-{r}")
        }
        _ => language,
    }
}

/// The variant an espeak-ng voice name carries ("+f3" of "en-us+f3"), or "".
pub fn espeak_variant(name: &str) -> &str {
    name.find('+').map_or("", |i| &name[i..])
}

/// The language (BCP 47) of a Piper voice's code or name: "es_MX" and "es_MX-claude-high"
/// → "es-MX"; `None` when it does not start with a language code.
pub fn piper_language(name: &str) -> Option<String> {
    let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let code = stem.split('-').next()?;
    let mut parts = code.split('_');
    let language = parts.next()?;
    if !(2..=3).contains(&language.len()) || !language.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    Some(match parts.next() {
        Some(r) if !r.is_empty() => format!("{language}-{}", r.to_ascii_uppercase()),
        _ => language.to_string(),
    })
}

/// The Piper voice a first build fetches for a language (BCP 47), if devocast names one.
pub fn default_piper(tag: &str) -> Option<&'static str> {
    let language = primary(tag);
    DEFAULT_PIPER
        .iter()
        .find(|(l, _, _)| *l == language)
        .map(|(_, v, _)| *v)
}

/// What a default Piper voice is, for people ("public-domain LJ Speech recordings, …").
pub fn default_piper_note(voice: &str) -> Option<&'static str> {
    DEFAULT_PIPER
        .iter()
        .find(|(_, v, _)| *v == voice)
        .map(|(_, _, n)| *n)
}

/// Whether two languages (tags, Piper codes or espeak names' languages) are the same
/// language, by primary subtag.
pub fn same_language(a: &str, b: &str) -> bool {
    primary(a) == primary(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_tag_has_its_espeak_voice() {
        for (tag, voice) in [
            ("es", "es"),
            ("es-ES", "es"),
            ("ES", "es"),
            ("es-MX", "es-419"),
            ("es-419", "es-419"),
            ("es-AR", "es-419"),
            ("es-co", "es-419"),
            ("es-US", "es-419"),
            ("es-GQ", "es"),
            ("en", "en-us"),
            ("en-US", "en-us"),
            ("en-GB", "en-gb"),
            ("en-AU", "en-gb"),
            ("en-CA", "en-us"),
            ("en-Latn-GB", "en-gb"),
            ("pt-BR", "pt-br"),
            ("pt", "pt"),
            ("de", "de"),
            ("de-AT", "de"),
            ("fr-CA", "fr"),
            ("sw", "sw"),
            ("iw", "he"),
            ("in", "id"),
            ("iw-IL", "he"),
        ] {
            assert_eq!(espeak_voice(tag), voice, "{tag}");
        }
    }

    #[test]
    fn an_espeak_name_says_its_language() {
        for (name, language) in [
            ("en-us", "en-US"),
            ("en-gb-x-rp", "en-GB"),
            ("es", "es"),
            ("es-419", "es-419"),
            ("en-us+f3", "en-US"),
            ("es+m2", "es"),
            ("mb-es1", "es"),
            ("de", "de"),
        ] {
            assert_eq!(espeak_language(name), language, "{name}");
        }
        assert_eq!(espeak_variant("en-us+f3"), "+f3");
        assert_eq!(espeak_variant("es"), "");
    }

    #[test]
    fn a_piper_name_says_its_language() {
        for (name, language) in [
            ("es_MX-claude-high", Some("es-MX")),
            ("en_US-ljspeech-medium", Some("en-US")),
            ("voices/es_ES-davefx-medium.onnx", Some("es-ES")),
            ("es_MX", Some("es-MX")),
            ("voices/narrator.onnx", None),
            ("Custom-voice", None),
        ] {
            assert_eq!(piper_language(name).as_deref(), language, "{name}");
        }
    }

    #[test]
    fn english_and_spanish_have_a_default_piper_voice() {
        assert_eq!(default_piper("en-GB"), Some("en_US-ljspeech-medium"));
        assert_eq!(default_piper("es-419"), Some("es_MX-claude-high"));
        assert_eq!(default_piper("de"), None);
        assert_eq!(
            default_piper("en"),
            Some(super::super::names::DEFAULT_VOICE)
        );
    }
}
