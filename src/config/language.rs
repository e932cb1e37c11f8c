//! `podcast.language` as a BCP 47 tag (RFC 5646): what feeds, pages and talking books
//! declare, and what podcast apps read. `english` or `en_US` is refused, with the tag meant.

/// The ISO 639-1 two-letter language codes (and the three older ones still met: `in`,
/// `iw`, `ji`).
const TWO_LETTER: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs \
ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn \
gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik in io is it iu iw ja ji jv ka kg ki kj kk \
kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb \
nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si \
sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve \
vi vo wa wo xh yi yo za zh zu";

/// Language names a producer may write instead of a tag, with the tag meant.
const NAMES: &[(&str, &str)] = &[
    ("english", "en"),
    ("spanish", "es"),
    ("español", "es"),
    ("espanol", "es"),
    ("castellano", "es"),
    ("portuguese", "pt"),
    ("português", "pt"),
    ("portugues", "pt"),
    ("french", "fr"),
    ("français", "fr"),
    ("francais", "fr"),
    ("german", "de"),
    ("deutsch", "de"),
    ("italian", "it"),
    ("italiano", "it"),
    ("dutch", "nl"),
    ("nederlands", "nl"),
    ("swahili", "sw"),
    ("kiswahili", "sw"),
    ("korean", "ko"),
    ("chinese", "zh"),
    ("japanese", "ja"),
    ("russian", "ru"),
    ("tagalog", "tl"),
    ("filipino", "fil"),
    ("indonesian", "id"),
    ("romanian", "ro"),
    ("polish", "pl"),
    ("ukrainian", "uk"),
    ("hindi", "hi"),
    ("arabic", "ar"),
    ("hebrew", "he"),
    ("greek", "el"),
    ("afrikaans", "af"),
];

/// Checks `tag` is a well-formed BCP 47 language tag with a known two-letter language (or
/// any three-letter one); otherwise says why, with the tag most likely meant.
pub fn check(tag: &str) -> Result<(), String> {
    if well_formed(tag) {
        return Ok(());
    }
    let hint = match meant(tag) {
        Some(m) => format!("; did you mean \"{m}\"?"),
        None => String::new(),
    };
    Err(format!(
        "podcast.language = {tag:?} is not a language tag: use a BCP 47 tag such as \"en\", \"en-US\", \"es\" or \"pt-BR\"{hint}"
    ))
}

/// Whether `tag` is language[-script][-region][-variant…][-extension…][-x-private].
fn well_formed(tag: &str) -> bool {
    let mut parts = tag.split('-').peekable();
    let Some(language) = parts.next() else {
        return false;
    };
    let language_ok = match language.len() {
        2 => {
            is_alpha(language)
                && TWO_LETTER
                    .split(' ')
                    .any(|c| c.eq_ignore_ascii_case(language))
        }
        3 => is_alpha(language),
        _ => false,
    };
    if !language_ok {
        return false;
    }
    // Optional script (4 letters), then region (2 letters or 3 digits).
    parts.next_if(|p| p.len() == 4 && is_alpha(p));
    parts.next_if(|p| (p.len() == 2 && is_alpha(p)) || (p.len() == 3 && is_digits(p)));
    // Variants: 5–8 letters and digits, or 4 starting with a digit.
    while parts
        .next_if(|p| {
            let alnum = p.chars().all(|c| c.is_ascii_alphanumeric());
            alnum
                && ((5..=8).contains(&p.len())
                    || (p.len() == 4 && p.starts_with(|c: char| c.is_ascii_digit())))
        })
        .is_some()
    {}
    // Extensions and private use: a single character, then subtags of 1–8 (2–8 for
    // extensions) letters and digits.
    while let Some(singleton) = parts.next() {
        if singleton.len() != 1 || !singleton.chars().all(|c| c.is_ascii_alphanumeric()) {
            return false;
        }
        let min = if singleton.eq_ignore_ascii_case("x") {
            1
        } else {
            2
        };
        let mut any = false;
        while parts
            .next_if(|p| {
                (min..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric())
            })
            .is_some()
        {
            any = true;
        }
        if !any {
            return false;
        }
    }
    true
}

/// The tag a malformed `written` most likely stands for: `en_US` → `en-US`,
/// `English` → `en`, `english (US)` → none.
fn meant(written: &str) -> Option<String> {
    let trimmed = written.trim();
    let lower = trimmed.to_lowercase();
    if let Some((_, tag)) = NAMES.iter().find(|(name, _)| *name == lower) {
        return Some((*tag).to_string());
    }
    let dashed = trimmed.replace('_', "-");
    well_formed(&dashed).then(|| cased(&dashed))
}

/// A tag in its usual case: language lower, script title, region upper (`pt-BR`,
/// `zh-Hant-TW`).
fn cased(tag: &str) -> String {
    tag.split('-')
        .enumerate()
        .map(|(i, p)| match (i, p.len()) {
            (0, _) => p.to_lowercase(),
            (_, 2) => p.to_uppercase(),
            (_, 4) if is_alpha(p) => {
                let lower = p.to_lowercase();
                lower[..1].to_uppercase() + &lower[1..]
            }
            _ => p.to_lowercase(),
        })
        .collect::<Vec<_>>()
        .join("-")
}

fn is_alpha(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphabetic())
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_checked_as_bcp_47() {
        for good in [
            "en",
            "en-us",
            "en-US",
            "es",
            "pt-BR",
            "es-419",
            "zh-Hant-TW",
            "sr-Latn",
            "fil",
            "haw",
            "de-CH-1996",
            "en-US-x-church",
            "sw-KE",
        ] {
            assert_eq!(check(good), Ok(()), "{good}");
        }
        for (bad, hint) in [
            ("english", Some("en")),
            ("English", Some("en")),
            ("Español", Some("es")),
            ("en_US", Some("en-US")),
            ("pt_br", Some("pt-BR")),
            ("zh_hant_tw", Some("zh-Hant-TW")),
            ("", None),
            ("xx", None),
            ("e", None),
            ("en-", None),
            ("en-US-", None),
            ("en--us", None),
            ("eng lish", None),
            ("en-x", None),
            ("toolonglang", None),
        ] {
            let err = check(bad).expect_err(bad);
            assert!(err.contains("BCP 47"), "{err}");
            match hint {
                Some(h) => assert!(err.contains(&format!("did you mean \"{h}\"?")), "{err}"),
                None => assert!(!err.contains("did you mean"), "{bad}: {err}"),
            }
        }
    }
}
