//! Which voice reads an article in a language other than the podcast's, and whether a voice
//! speaks the language it is given.
//!
//! Interface shared by the per-part readers (`[voices.*]`) and the per-language voices: the
//! build asks [`settings_for`] for the narrator of an article in `tag`, and [`mismatch`] for
//! a warning when a voice's language differs from the article's.

use crate::config::VoiceConfig;

/// The narrator settings for an article in the language `tag` (BCP 47), given the
/// podcast's narrator settings and language. The podcast's own language keeps them as they
/// are.
pub fn settings_for(config: &VoiceConfig, podcast_language: &str, tag: &str) -> VoiceConfig {
    let _ = (podcast_language, tag);
    config.clone()
}

/// A warning when a voice speaking `voice_language` is given an article in
/// `article_language` (both BCP 47; only the primary subtags are compared).
pub fn mismatch(voice: &str, voice_language: &str, article_language: &str) -> Option<String> {
    let primary = |t: &str| t.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    (primary(voice_language) != primary(article_language)).then(|| {
        format!("{voice} speaks {voice_language}, but the article is in {article_language}")
    })
}
