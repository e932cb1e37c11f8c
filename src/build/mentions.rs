//! What an episode mentions, as the feed and pages list it: its Bible references and hymns.

use crate::audio::library::Library;
use crate::script;

/// Bible references the episode reads, as the article writes them, first mention first
/// (a hymn's announcement is the narrator's, not the article's).
pub(super) fn scripture_in(
    script: &script::Script,
    lang: &dyn crate::speech::Language,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for cue in script.spoken() {
        if let script::Cue::Speak {
            text_shown, part, ..
        } = cue
        {
            if part.kind == script::PartKind::Announcement {
                continue;
            }
            for f in crate::speech::bible::find_all(text_shown, lang.scripture()) {
                let r = text_shown[f.start..f.end].to_string();
                if !out.contains(&r) {
                    out.push(r);
                }
            }
        }
    }
    out
}

/// Hymns in the episode, and whether a recording plays or the words are read.
pub(super) fn hymns_in(script: &script::Script, library: &Library, lang: &str) -> Vec<String> {
    let w = crate::publish::words::of(lang);
    script
        .cues
        .iter()
        .filter_map(|c| match c {
            script::Cue::Hymn {
                number,
                title,
                fallback,
                ..
            } => {
                let recorded = number.is_some_and(|n| library.hymn(n).is_some());
                match (recorded, fallback.is_empty()) {
                    (true, _) => Some(crate::publish::words::fill(w.hymn_recorded, &[title])),
                    (false, false) => Some(crate::publish::words::fill(w.hymn_read, &[title])),
                    (false, true) => None,
                }
            }
            _ => None,
        })
        .collect()
}
