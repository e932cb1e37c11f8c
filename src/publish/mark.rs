//! Language marks: an article in another language than the podcast's keeps its own on the
//! pages, show notes and books that show its words (WCAG 3.1.2, language of parts), while
//! devocast's words around it stay in the podcast's.
//!
//! The page's chrome stays in the podcast's language (the listener chose the podcast, and
//! its index and other pages speak that language); the article's title and text carry
//! their own, so a screen reader switches voice and rules for them. The captions track, the
//! feed's transcripts and the book's chapter documents say the article's language whole.

use super::words::Words;
use super::EpisodeInfo;
use crate::text::escape_clean;

/// ` lang="…"` for the article's own words when its language is not the page's (`page`),
/// else nothing. A region alone ("en-US" in an "en" podcast) is the same language.
pub fn lang_of(page: &str, e: &EpisodeInfo) -> String {
    match e.language.as_deref() {
        Some(l) if !same_language(l, page) => format!(" lang=\"{}\"", escape_clean(l)),
        _ => String::new(),
    }
}

/// Whether two BCP 47 tags name the same language (their primary subtags agree).
pub fn same_language(a: &str, b: &str) -> bool {
    let primary = |t: &str| {
        t.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    primary(a) == primary(b)
}

/// `html` in a span marked with the article's language (`al`, from [`lang_of`]), or as it is.
pub fn in_lang(al: &str, html: &str) -> String {
    if al.is_empty() {
        html.to_string()
    } else {
        format!("<span{al}>{html}</span>")
    }
}

/// A chapter's title with the article's part marked (`al`): a section resumed after a hymn
/// ends with the podcast's word for it ("(continuación)"), which stays unmarked.
pub fn chapter_title(w: &Words, al: &str, title: &str) -> String {
    let suffix = w.continued.split_once("{}").map_or("", |(_, s)| s);
    match title.strip_suffix(suffix).filter(|_| !suffix.is_empty()) {
        Some(head) if !al.is_empty() => {
            format!(
                "{}{}",
                in_lang(al, &escape_clean(head)),
                escape_clean(suffix)
            )
        }
        _ => in_lang(al, &escape_clean(title)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_another_language_is_marked() {
        let mut e: EpisodeInfo = serde_json::from_str(r#"{"slug":"a","title":"A","description":"","date":"2026-02-25","mp3":"a.mp3","mp3_bytes":1,"seconds":1.0,"chapters_file":"a.json","chapters":[],"transcript_vtt":"a.vtt","transcript_srt":"a.srt","page":"a.html","scripture":[],"hymns":[]}"#).unwrap();
        assert_eq!(lang_of("en", &e), "");
        e.language = Some("en-US".into());
        assert_eq!(lang_of("en", &e), "");
        e.language = Some("es-419".into());
        assert_eq!(lang_of("en", &e), " lang=\"es-419\"");
        assert_eq!(
            in_lang(" lang=\"es\"", "Paz"),
            "<span lang=\"es\">Paz</span>"
        );
        assert_eq!(in_lang("", "Paz"), "Paz");
        let en = crate::publish::words::of("en");
        assert_eq!(
            chapter_title(en, " lang=\"es\"", "En paz (continued)"),
            "<span lang=\"es\">En paz</span> (continued)"
        );
    }
}
