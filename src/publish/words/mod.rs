//! Everything a listener or reader sees that devocast writes itself (the pages' chrome, the
//! show notes, transcript labels, chapter words, the talking book's contents page), one
//! catalogue per language. The article's own words are never here: they come as written.
//!
//! A catalogue is one `const` of [`Words`] in a file of its own (`en.rs`, `es.rs`), listed
//! in [`CATALOGUES`]; the compiler holds every catalogue to every field. A podcast whose
//! language has no catalogue gets English, and the build says so once ([`warning`]).

use chrono::{Datelike, NaiveDate};

mod en;
mod es;

/// Every catalogue, English first (the fallback).
pub const CATALOGUES: [&Words; 2] = [&en::WORDS, &es::WORDS];

/// The words of one language. `{}` in a field stands for what the code puts there.
#[derive(Debug)]
pub struct Words {
    /// The BCP 47 primary language subtag the catalogue is for: "en", "es".
    pub tag: &'static str,
    /// The language's name in English, for messages.
    pub name: &'static str,
    /// Month names, January first, as a date in prose writes them.
    pub months: [&'static str; 12],
    /// A date in prose: `{d}` day, `{m}` month name, `{y}` year ("{m} {d}, {y}").
    pub date: &'static str,
    /// The decimal mark of sizes ("5.9 MB", "5,9 MB").
    pub decimal: &'static str,
    /// Units of a duration named aloud, singular and plural.
    pub hour: (&'static str, &'static str),
    /// Minutes.
    pub minute: (&'static str, &'static str),
    /// Seconds.
    pub second: (&'static str, &'static str),
    /// The hidden link that skips to the page's main content.
    pub skip: &'static str,
    /// The name of the feed's `<link rel="alternate">`.
    pub feed_link: &'static str,
    /// The byline ("By {}").
    pub by: &'static str,
    /// The link to where the article was first published ("Read “{}” as first published").
    pub read_original: &'static str,
    /// The player's name ("Play {}").
    pub play: &'static str,
    /// A time link's hidden name after its clock ("play from {}").
    pub play_from: &'static str,
    /// Hidden word before a chapter's start time ("from").
    pub from: &'static str,
    /// The captions track's label, and the transcript's heading.
    pub transcript: &'static str,
    /// The plain transcript page's title ("Transcript: {}").
    pub transcript_of: &'static str,
    /// The download link inside the player, for browsers without one.
    pub download: &'static str,
    /// The download link with its size ("Download the episode (MP3, {})").
    pub download_size: &'static str,
    /// Links to the transcripts: WebVTT, SRT, HTML.
    pub transcript_vtt: &'static str,
    /// SRT.
    pub transcript_srt: &'static str,
    /// HTML.
    pub transcript_html: &'static str,
    /// The page's link to the talking book.
    pub book_link: &'static str,
    /// The chapters' heading.
    pub chapters: &'static str,
    /// The footer's link to the index's subscribe section.
    pub subscribe_link: &'static str,
    /// The cover's text alternative ("Cover of {}").
    pub cover_alt: &'static str,
    /// The subscribe section's heading.
    pub subscribe: &'static str,
    /// What to do with the address.
    pub add_address: &'static str,
    /// The address field's label.
    pub feed_address: &'static str,
    /// The copy button, and what it says once it has copied.
    pub copy: &'static str,
    /// Said when the address is copied.
    pub copied: &'static str,
    /// Above the QR code.
    pub scan: &'static str,
    /// The QR code's name.
    pub qr_label: &'static str,
    /// One line per common podcast app (may hold markup-free text only).
    pub apps: [&'static str; 3],
    /// "Or open the {} in an app that subscribes to RSS.", `{}` the link.
    pub open_feed: &'static str,
    /// The link's word in `open_feed`.
    pub feed: &'static str,
    /// The episode list's heading.
    pub episodes: &'static str,
    /// The preview index's title ("Previews") and heading ("Previews of {}").
    pub previews: &'static str,
    /// The preview index's heading.
    pub previews_of: &'static str,
    /// What the preview index is.
    pub previews_note: &'static str,
    /// The banner on a preview page.
    pub preview_banner: &'static str,
    /// Why a preview is held: a draft ("A draft ({}): …", `{}` its mark).
    pub held_draft: &'static str,
    /// Scheduled ("Scheduled for {}.", `{}` the date).
    pub held_scheduled: &'static str,
    /// Expired ("Expired on {}.").
    pub held_expired: &'static str,
    /// Show notes: the byline ("Written by {}.").
    pub written_by: &'static str,
    /// Show notes: the Bible references' heading.
    pub scripture: &'static str,
    /// Show notes: the hymns' heading.
    pub hymns: &'static str,
    /// Show notes: a hymn whose recording plays ("{} (recording)").
    pub hymn_recorded: &'static str,
    /// Show notes: a hymn whose words are read ("{} (read)").
    pub hymn_read: &'static str,
    /// Show notes: the link to the episode page.
    pub page_link: &'static str,
    /// Show notes: the link to where the article was first published.
    pub first_published: &'static str,
    /// Show notes: the link to the talking book.
    pub book_notes: &'static str,
    /// The transcript's line for the intro and the outro music.
    pub music: [&'static str; 2],
    /// A chapter resumed after a hymn ("{} (continued)").
    pub continued: &'static str,
    /// The talking book's contents page.
    pub contents: &'static str,
    /// Its landmarks' heading.
    pub landmarks: &'static str,
    /// The landmark of an episode's book.
    pub start_episode: &'static str,
    /// The landmark of the podcast's book.
    pub start_first: &'static str,
    /// The title of a book of the newest episodes ("{}: the newest {}", the podcast's title
    /// and the count with its unit).
    pub newest: &'static str,
    /// The unit counted in `newest`, singular and plural.
    pub newest_unit: (&'static str, &'static str),
    /// The narrator in the book's metadata ("{} (a synthetic voice)").
    pub narrator: &'static str,
    /// Who reads a sentence, as transcripts and books name them when a podcast has several
    /// voices: the narrator, then the readers of Scripture, quotations, hymns and prayers.
    pub readers: [&'static str; 5],
    /// The accessibility summary of an episode's book.
    pub summary_episode: &'static str,
    /// The accessibility summary of the podcast's book.
    pub summary_whole: &'static str,
    /// What follows either summary.
    pub summary_rest: &'static str,
}

/// The catalogue for a BCP 47 tag, by its primary subtag ("es-MX" → Spanish), if there is one.
pub fn catalogue(tag: &str) -> Option<&'static Words> {
    let primary = tag.split(['-', '_']).next().unwrap_or("");
    CATALOGUES
        .into_iter()
        .find(|w| w.tag.eq_ignore_ascii_case(primary))
}

/// The catalogue for `tag`, or English.
pub fn of(tag: &str) -> &'static Words {
    catalogue(tag).unwrap_or(&en::WORDS)
}

/// English, the fallback.
pub fn english() -> &'static Words {
    &en::WORDS
}

/// The build's one note when the podcast's language has no catalogue.
pub fn warning(tag: &str) -> Option<String> {
    catalogue(tag).is_none().then(|| {
        format!(
            "podcast.language = {tag:?}: devocast has no catalogue of page words for this language; pages, show notes, transcripts and books show their headings and labels in English (src/publish/words/ holds one file per language)"
        )
    })
}

/// `template` with each `{}` replaced by the next of `args`.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::new();
    let mut rest = template;
    for a in args {
        match rest.find("{}") {
            Some(i) => {
                out.push_str(&rest[..i]);
                out.push_str(a);
                rest = &rest[i + 2..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

impl Words {
    /// A date in prose: "February 25, 2026", "25 de febrero de 2026".
    /// Who reads the sentences of `role`, as transcripts and books name them.
    pub fn reader(&self, role: crate::config::Role) -> &'static str {
        use crate::config::Role;
        self.readers[match role {
            Role::Narrator => 0,
            Role::Scripture => 1,
            Role::Quote => 2,
            Role::Stanza => 3,
            Role::Prayer => 4,
        }]
    }

    pub fn date(&self, d: NaiveDate) -> String {
        self.date
            .replace("{d}", &d.day().to_string())
            .replace("{m}", self.months[d.month0() as usize])
            .replace("{y}", &d.year().to_string())
    }

    /// A duration for names read aloud: "2 minutes 5 seconds", "2 minutos 5 segundos".
    pub fn spoken_time(&self, seconds: f64) -> String {
        let s = seconds.round() as u64;
        let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
        let unit = |n: u64, (one, many): (&str, &str)| match n {
            1 => format!("1 {one}"),
            n => format!("{n} {many}"),
        };
        let mut parts = Vec::new();
        if h > 0 {
            parts.push(unit(h, self.hour));
        }
        if m > 0 {
            parts.push(unit(m, self.minute));
        }
        if sec > 0 || parts.is_empty() {
            parts.push(unit(sec, self.second));
        }
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogues_are_chosen_by_primary_subtag() {
        assert_eq!(of("es-MX").tag, "es");
        assert_eq!(of("es-419").tag, "es");
        assert_eq!(of("EN-us").tag, "en");
        assert_eq!(of("de").tag, "en");
        assert!(warning("de").unwrap().contains("\"de\""));
        assert!(warning("es-ES").is_none());
    }

    #[test]
    fn dates_and_durations_in_each_language() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 25).unwrap();
        assert_eq!(of("en").date(d), "February 25, 2026");
        assert_eq!(of("es").date(d), "25 de febrero de 2026");
        assert_eq!(of("en").spoken_time(125.2), "2 minutes 5 seconds");
        assert_eq!(of("en").spoken_time(3601.0), "1 hour 1 second");
        assert_eq!(of("es").spoken_time(61.0), "1 minuto 1 segundo");
        assert_eq!(of("es").spoken_time(0.2), "0 segundos");
    }

    #[test]
    fn every_catalogue_fills_its_templates() {
        for w in CATALOGUES {
            for t in [w.by, w.read_original, w.play, w.play_from, w.transcript_of] {
                assert_eq!(t.matches("{}").count(), 1, "{}: {t}", w.tag);
            }
            for t in [w.download_size, w.cover_alt, w.open_feed, w.previews_of] {
                assert_eq!(t.matches("{}").count(), 1, "{}: {t}", w.tag);
            }
            for t in [
                w.written_by,
                w.hymn_recorded,
                w.hymn_read,
                w.continued,
                w.narrator,
            ] {
                assert_eq!(t.matches("{}").count(), 1, "{}: {t}", w.tag);
            }
        }
        assert_eq!(fill("Play {}", &["x"]), "Play x");
    }
}
