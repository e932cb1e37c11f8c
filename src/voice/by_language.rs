//! Which voice reads an article in a language other than the podcast's, and whether a voice
//! speaks the language it is given.
//!
//! Interface shared by the per-part readers (`[voices.*]`) and the per-language voices: the
//! build asks [`settings_for`] for the narrator of an article in `tag`, and [`mismatch`] for
//! a warning when a voice's language differs from the article's.
//!
//! What of the podcast's `[voice]` carries to another language:
//! - `rate`, `pitch`, `length_scale`, the runtime and `download` always (they are how the
//!   producer likes speech, not a language);
//! - `name` (espeak-ng) when it speaks the article's language and was chosen on purpose
//!   (anything but the podcast language's own espeak voice); otherwise the article's
//!   language's espeak voice, keeping a `+variant`;
//! - `model` (Piper) when its name says it speaks the article's language, with its
//!   `speaker` and noise settings; an English model never reads Spanish;
//! - `engine`: `auto`, `system` and `embedded` stay; `piper` stays with the language's
//!   default Piper voice when the model does not carry, and becomes `auto` for a language
//!   devocast names no Piper voice for (espeak-ng then reads it).

use super::languages::{
    default_piper, espeak_language, espeak_variant, espeak_voice, piper_language, same_language,
};
use crate::config::{Engine, VoiceConfig};

/// The narrator settings for an article in the language `tag` (BCP 47), given the
/// podcast's narrator settings and language (see the module doc for what carries). The
/// podcast's own language keeps them, except an espeak voice of another language.
pub fn settings_for(config: &VoiceConfig, podcast_language: &str, tag: &str) -> VoiceConfig {
    // One voice for the podcast's language, whatever region an article names ("es" or
    // "es-ES" in an "es-MX" podcast): its listeners hear the same reader throughout.
    if same_language(podcast_language, tag) {
        return config.clone();
    }
    let mut out = config.clone();
    out.name = espeak_name_for(&config.name, podcast_language, tag);
    let model_speaks = config
        .model
        .as_deref()
        .and_then(piper_language)
        .is_some_and(|l| same_language(&l, tag));
    if !model_speaks {
        out.model = None;
        out.speaker = None;
        out.noise_scale = None;
        out.noise_w = None;
        if config.engine == Engine::Piper {
            match default_piper(tag) {
                Some(v) => out.model = Some(v.to_string()),
                None => out.engine = Engine::Auto,
            }
        }
    }
    out
}

/// The espeak-ng voice for `tag`: the configured one if it speaks that language and is not
/// merely the podcast language's own voice (a default), else the language's own.
fn espeak_name_for(name: &str, podcast_language: &str, tag: &str) -> String {
    let variant = espeak_variant(name);
    let base = &name[..name.len() - variant.len()];
    let chosen = base != espeak_voice(podcast_language);
    if chosen && same_language(&espeak_language(base), tag) {
        return name.to_string();
    }
    format!("{}{variant}", espeak_voice(tag))
}

/// A warning when a voice speaking `voice_language` is given an article in
/// `article_language` (both BCP 47; only the primary subtags are compared).
pub fn mismatch(voice: &str, voice_language: &str, article_language: &str) -> Option<String> {
    (!same_language(voice_language, article_language)).then(|| {
        format!("{voice} speaks {voice_language}, but the article is in {article_language}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(engine: Engine, name: &str, model: Option<&str>) -> VoiceConfig {
        VoiceConfig {
            engine,
            name: name.into(),
            model: model.map(String::from),
            rate: 150,
            pitch: 60,
            length_scale: Some(1.1),
            speaker: Some(3),
            ..VoiceConfig::default()
        }
    }

    #[test]
    fn an_article_in_another_language_gets_its_espeak_voice() {
        let english = VoiceConfig::default();
        for (tag, name) in [
            ("es", "es"),
            ("es-ES", "es"),
            ("es-MX", "es-419"),
            ("es-419", "es-419"),
            ("es-CL", "es-419"),
            ("de", "de"),
            ("pt-BR", "pt-br"),
        ] {
            let s = settings_for(&english, "en-US", tag);
            assert_eq!(s.name, name, "{tag}");
            assert_eq!(s.engine, Engine::Auto, "{tag}");
            assert_eq!(s.model, None, "{tag}");
        }
    }

    #[test]
    fn a_spanish_podcast_with_default_settings_reads_with_spanish_espeak() {
        // English articles in a Spanish podcast (its voice follows its language: `Config`).
        let spanish = with(Engine::Auto, "es", None);
        assert_eq!(settings_for(&spanish, "es", "en").name, "en-us");
        assert_eq!(settings_for(&spanish, "es", "en-GB").name, "en");
    }

    #[test]
    fn an_article_of_the_podcasts_language_keeps_its_narrator_whatever_its_region() {
        let mexican = with(Engine::Auto, "es-419", None);
        for tag in ["es", "es-ES", "es-MX", "es-AR"] {
            assert_eq!(settings_for(&mexican, "es-MX", tag).name, "es-419", "{tag}");
        }
        let american = with(Engine::Piper, "en-us", Some("en_US-joe-medium"));
        let british = settings_for(&american, "en-US", "en-GB");
        assert_eq!(british.name, "en-us");
        assert_eq!(british.model.as_deref(), Some("en_US-joe-medium"));
    }

    #[test]
    fn a_chosen_espeak_voice_of_the_language_is_kept() {
        let c = with(Engine::System, "es-419+f2", None);
        assert_eq!(settings_for(&c, "es", "es").name, "es-419+f2");
        assert_eq!(settings_for(&c, "es", "es-ES").name, "es-419+f2");
        // The variant carries to another language; the language does not.
        assert_eq!(settings_for(&c, "es", "en").name, "en-us+f2");
        assert_eq!(settings_for(&c, "es", "en").engine, Engine::System);
        let rp = with(Engine::System, "en-gb-x-rp", None);
        assert_eq!(settings_for(&rp, "en-US", "en-GB").name, "en-gb-x-rp");
        assert_eq!(settings_for(&rp, "en-US", "es").name, "es");
    }

    #[test]
    fn an_english_model_does_not_carry_to_spanish() {
        let c = with(Engine::Auto, "en-us", Some("en_US-lessac-medium"));
        let s = settings_for(&c, "en", "es-MX");
        assert_eq!(s.model, None);
        assert_eq!(s.speaker, None);
        assert_eq!((s.rate, s.pitch, s.length_scale), (150, 60, Some(1.1)));
        assert_eq!(s.name, "es-419");
        // The podcast's own language keeps its model.
        let same = settings_for(&c, "en", "en-GB");
        assert_eq!(same.model.as_deref(), Some("en_US-lessac-medium"));
        assert_eq!(same.speaker, Some(3));
    }

    #[test]
    fn a_model_of_the_language_carries() {
        let c = with(Engine::Piper, "es", Some("voices/es_ES-davefx-medium.onnx"));
        let s = settings_for(&c, "en", "es-MX");
        assert_eq!(s.model.as_deref(), Some("voices/es_ES-davefx-medium.onnx"));
        assert_eq!(s.speaker, Some(3));
        assert_eq!(s.engine, Engine::Piper);
    }

    #[test]
    fn piper_takes_the_languages_default_voice_or_falls_to_auto() {
        let c = with(Engine::Piper, "en-us", Some("en_US-ljspeech-medium"));
        let es = settings_for(&c, "en", "es");
        assert_eq!(es.engine, Engine::Piper);
        assert_eq!(es.model.as_deref(), Some("es_MX-claude-high"));
        let de = settings_for(&c, "en", "de-DE");
        assert_eq!(de.engine, Engine::Auto);
        assert_eq!(de.model, None);
        assert_eq!(de.name, "de");
    }

    #[test]
    fn a_mismatch_is_named() {
        let w = mismatch("Piper en_US-ljspeech-medium", "en-US", "es").expect("a warning");
        assert!(w.contains("en-US") && w.contains("es"), "{w}");
        assert_eq!(mismatch("espeak-ng (es-419)", "es-419", "es-MX"), None);
    }
}
