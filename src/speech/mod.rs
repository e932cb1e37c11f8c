//! Reading for the ear: turning what an article says into what a voice should read.
//!
//! This module owns sentence splitting (so every sentence can be timed) and the clean-up that
//! keeps engines from misreading typography. Bible references, numbers and a lexicon build on
//! it.
//!
//! What differs by language sits behind one trait, [`Language`], one module per language
//! (`en`, `es`): numbers, ordinals, dates, times, money, abbreviations, the periods that end a
//! sentence, book names and the words of a reference, hymn citations. The machinery is
//! shared and takes the language's tables: the sentence splitter's loop ([`sentences`]), the
//! Bible reference parser ([`bible`]), the hymn finder ([`hymn`]), the reading pipeline
//! ([`normalize::Reader`]) and the lexicon. [`language`] finds a language by its BCP 47 tag.

pub mod bible;
pub mod en;
pub mod es;
pub mod hymn;
pub mod language;
pub mod lexicon;
pub mod normalize;
pub mod phone;
pub mod roman;
pub mod split;
pub mod symbols;
pub mod token;
pub mod tokens;
pub mod typography;

pub use language::Language;
pub use typography::clean;

/// Every language devocast has reading rules for.
pub fn languages() -> [&'static dyn Language; 2] {
    [english(), &es::Spanish]
}

/// English, the language an article is read in unless it says otherwise.
pub fn english() -> &'static dyn Language {
    &en::English
}

/// The language a BCP 47 tag names ("en", "en-US", "es-419"), by its primary subtag in any
/// case; `None` when devocast has no reading rules for it.
pub fn language(tag: &str) -> Option<&'static dyn Language> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    languages().into_iter().find(|l| l.tag() == primary)
}

/// The language a BCP 47 tag names, or English when devocast has no rules for it.
pub fn language_or_english(tag: &str) -> &'static dyn Language {
    language(tag).unwrap_or_else(english)
}

/// Splits English prose into sentences ([`split::sentences_in`] for another language).
pub fn sentences(text: &str) -> Vec<String> {
    split::sentences_in(text, english())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_found_by_their_primary_subtag() {
        for tag in ["en", "EN", "en-US", "en_gb", " en-us "] {
            assert_eq!(language(tag).map(|l| l.tag()), Some("en"), "{tag}");
        }
        for tag in ["es", "es-MX", "es-419", "ES"] {
            assert_eq!(language(tag).map(|l| l.tag()), Some("es"), "{tag}");
        }
        for tag in ["", "english", "eng", "x-en", "fr"] {
            assert!(language(tag).is_none(), "{tag}");
        }
    }
}
