//! The RSS 2.0 feed with the iTunes and Podcasting 2.0 namespaces.
//!
//! Dates and identities are derived from the episodes, never from the clock, so an unchanged
//! podcast gives a byte-identical feed.

use super::format::{clock, esc, hms, hms_millis};
use super::{url_for, EpisodeInfo};
use crate::config::Podcast;
use anyhow::{Context, Result};
use chrono::{NaiveDate, NaiveTime};
use rss::extension::itunes::{
    ITunesCategoryBuilder, ITunesChannelExtensionBuilder, ITunesItemExtensionBuilder,
    ITunesOwnerBuilder,
};
use rss::extension::{Extension, ExtensionMap};
use rss::{ChannelBuilder, EnclosureBuilder, GuidBuilder, ImageBuilder, ItemBuilder};
use std::collections::BTreeMap;

/// The iTunes namespace, exactly as Apple spells it.
pub const ITUNES_NS: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";
/// The Podcasting 2.0 namespace.
pub const PODCAST_NS: &str = "https://podcastindex.org/namespace/1.0";
/// Podlove Simple Chapters.
pub const PSC_NS: &str = "http://podlove.org/simple-chapters";
/// RSS content module (`content:encoded`).
pub const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
/// The Atom namespace (for `atom:link rel="self"`).
pub const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
/// The UUIDv5 namespace the Podcasting 2.0 spec gives for `podcast:guid`.
pub const PODCAST_GUID_NAMESPACE: uuid::Uuid = uuid::uuid!("ead4c236-bf58-58c6-a2c6-a6b28d128cb6");

/// File name of the feed inside the output folder.
pub const FEED_FILE: &str = "feed.xml";

/// The feed's own URL.
pub fn feed_url(podcast: &Podcast) -> String {
    url_for(&podcast.base_url, FEED_FILE)
}

/// `podcast:guid`: UUIDv5 of the feed URL without scheme and trailing slashes.
pub fn podcast_guid(feed_url: &str) -> uuid::Uuid {
    let bare = feed_url
        .split_once("://")
        .map_or(feed_url, |(_, rest)| rest)
        .trim_end_matches('/');
    uuid::Uuid::new_v5(&PODCAST_GUID_NAMESPACE, bare.as_bytes())
}

/// An episode's guid: derived from the podcast's identity and the episode's slug, so it
/// survives rebuilds and edits of the article.
pub fn episode_guid(podcast: &Podcast, slug: &str) -> String {
    uuid::Uuid::new_v5(&podcast_guid(&feed_url(podcast)), slug.as_bytes()).to_string()
}

/// Cuts text to at most `max` bytes at a word boundary (Apple's limit for descriptions).
pub fn truncate_bytes(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max - 3;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text[..end].rfind(' ').unwrap_or(end);
    format!("{}...", text[..cut].trim_end())
}

/// RFC 2822 date at 06:00 UTC (a morning devotion), fixed so rebuilds agree.
pub fn rfc2822(date: NaiveDate) -> String {
    date.and_time(NaiveTime::from_hms_opt(6, 0, 0).unwrap_or_default())
        .and_utc()
        .to_rfc2822()
}

/// The `content:encoded` show notes: summary, chapters with times, Scripture read, hymns.
pub fn show_notes(e: &EpisodeInfo, transcript_url: &str) -> String {
    let mut h = format!("<p>{}</p>\n", esc(&e.description));
    h.push_str("<h3>Chapters</h3>\n<ul>\n");
    for (t, title) in &e.chapters {
        h.push_str(&format!("<li>{} {}</li>\n", clock(*t), esc(title)));
    }
    h.push_str("</ul>\n");
    if !e.scripture.is_empty() {
        h.push_str("<h3>Scripture in this episode</h3>\n<ul>\n");
        for r in &e.scripture {
            h.push_str(&format!("<li>{}</li>\n", esc(r)));
        }
        h.push_str("</ul>\n");
    }
    if !e.hymns.is_empty() {
        h.push_str("<h3>Hymns</h3>\n<ul>\n");
        for r in &e.hymns {
            h.push_str(&format!("<li>{}</li>\n", esc(r)));
        }
        h.push_str("</ul>\n");
    }
    h.push_str(&format!(
        "<p><a href=\"{}\">Transcript</a></p>\n",
        esc(transcript_url)
    ));
    h
}

fn ext(name: &str, value: Option<String>, attrs: &[(&str, String)]) -> Extension {
    Extension {
        name: name.to_string(),
        value,
        attrs: attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
        children: BTreeMap::new(),
    }
}

fn ext_map(prefix: &str, entries: Vec<Extension>) -> ExtensionMap {
    let mut inner: BTreeMap<String, Vec<Extension>> = BTreeMap::new();
    for e in entries {
        let local = e
            .name
            .split_once(':')
            .map_or(e.name.as_str(), |(_, l)| l)
            .to_string();
        inner.entry(local).or_default().push(e);
    }
    let mut map = ExtensionMap::new();
    map.insert(prefix.to_string(), inner);
    map
}

/// Renders the feed. Episodes are listed newest first.
pub fn render(podcast: &Podcast, cover_file: &str, episodes: &[EpisodeInfo]) -> Result<String> {
    let mut episodes: Vec<&EpisodeInfo> = episodes.iter().collect();
    episodes.sort_by(|a, b| b.date.cmp(&a.date).then(a.slug.cmp(&b.slug)));
    let feed_url = feed_url(podcast);
    let cover_url = url_for(&podcast.base_url, cover_file);
    let description = truncate_bytes(
        if podcast.description.is_empty() {
            &podcast.title
        } else {
            &podcast.description
        },
        4000,
    );

    let mut category = ITunesCategoryBuilder::default();
    category.text(podcast.category.clone());
    if let Some(sub) = &podcast.subcategory {
        category.subcategory(Some(Box::new(
            ITunesCategoryBuilder::default().text(sub.clone()).build(),
        )));
    }
    let itunes = ITunesChannelExtensionBuilder::default()
        .author(Some(podcast.author.clone()))
        .owner(podcast.email.as_ref().map(|e| {
            ITunesOwnerBuilder::default()
                .name(Some(podcast.author.clone()))
                .email(Some(e.clone()))
                .build()
        }))
        .image(Some(cover_url.clone()))
        .categories(vec![category.build()])
        .explicit(Some(
            if podcast.explicit { "true" } else { "false" }.to_string(),
        ))
        .r#type(Some("episodic".to_string()))
        .summary(Some(description.clone()))
        .build();

    let items: Vec<rss::Item> = episodes
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let item_itunes = ITunesItemExtensionBuilder::default()
                .duration(Some(hms(e.seconds)))
                .explicit(Some("false".to_string()))
                .episode(Some((episodes.len() - i).to_string()))
                .summary(Some(e.description.clone()))
                .build();
            let url = |f: &str| url_for(&podcast.base_url, f);
            let chapters = ext(
                "podcast:chapters",
                None,
                &[
                    ("url", url(&e.chapters_file)),
                    ("type", "application/json+chapters".to_string()),
                ],
            );
            let transcript = |file: &str, mime: &str| {
                ext(
                    "podcast:transcript",
                    None,
                    &[
                        ("url", url(file)),
                        ("type", mime.to_string()),
                        ("language", podcast.language.clone()),
                        ("rel", "captions".to_string()),
                    ],
                )
            };
            let mut psc = ext("psc:chapters", None, &[("version", "1.2".to_string())]);
            psc.children.insert(
                "chapter".into(),
                e.chapters
                    .iter()
                    .map(|(t, title)| {
                        ext(
                            "psc:chapter",
                            None,
                            &[("start", hms_millis(*t)), ("title", title.clone())],
                        )
                    })
                    .collect(),
            );
            let mut extensions = ext_map(
                "podcast",
                vec![
                    chapters,
                    transcript(&e.transcript_vtt, "text/vtt"),
                    transcript(&e.transcript_srt, "application/x-subrip"),
                ],
            );
            extensions.extend(ext_map(
                "itunes",
                vec![ext("itunes:title", Some(e.title.clone()), &[])],
            ));
            extensions.extend(ext_map("psc", vec![psc]));
            ItemBuilder::default()
                .title(Some(e.title.clone()))
                .description(Some(e.description.clone()))
                .enclosure(Some(
                    EnclosureBuilder::default()
                        .url(url_for(&podcast.base_url, &e.mp3))
                        .length(e.mp3_bytes.to_string())
                        .mime_type("audio/mpeg".to_string())
                        .build(),
                ))
                .guid(Some(
                    GuidBuilder::default()
                        .value(episode_guid(podcast, &e.slug))
                        .permalink(false)
                        .build(),
                ))
                .pub_date(Some(rfc2822(e.date)))
                .itunes_ext(Some(item_itunes))
                .extensions(extensions)
                .content(Some(show_notes(e, &url(&e.page))))
                .link(Some(url(&e.page)))
                .build()
        })
        .collect();

    let namespaces: BTreeMap<String, String> = [
        ("itunes", ITUNES_NS),
        ("podcast", PODCAST_NS),
        ("atom", ATOM_NS),
        ("psc", PSC_NS),
        ("content", CONTENT_NS),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();

    let mut channel_ext = ext_map(
        "podcast",
        vec![ext(
            "podcast:guid",
            Some(podcast_guid(&feed_url).to_string()),
            &[],
        )],
    );
    channel_ext.extend(ext_map(
        "atom",
        vec![ext(
            "atom:link",
            None,
            &[
                ("href", feed_url.clone()),
                ("rel", "self".into()),
                ("type", "application/rss+xml".into()),
            ],
        )],
    ));

    let last_build = episodes.iter().map(|e| e.date).max().map(rfc2822);
    let channel = ChannelBuilder::default()
        .namespaces(namespaces)
        .title(podcast.title.clone())
        .link(podcast.base_url.clone())
        .description(description)
        .language(Some(podcast.language.clone()))
        .copyright(podcast.copyright.clone())
        .generator(Some(format!("devocast {}", env!("CARGO_PKG_VERSION"))))
        .last_build_date(last_build)
        .image(Some(
            ImageBuilder::default()
                .url(cover_url)
                .title(podcast.title.clone())
                .link(podcast.base_url.clone())
                .build(),
        ))
        .itunes_ext(Some(itunes))
        .extensions(channel_ext)
        .items(items)
        .build();
    let bytes = channel
        .pretty_write_to(Vec::new(), b' ', 2)
        .context("failed to write the feed XML")?;
    let xml = String::from_utf8(bytes).context("feed XML is not UTF-8")?;
    // The last guard: whatever text reached here, no character XML forbids leaves.
    let mut xml = crate::sanitize::clean(&xml).into_owned();
    if !xml.starts_with("<?xml") {
        xml.insert_str(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    xml.push('\n');
    Ok(xml)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn podcast_guid_follows_the_spec_example() {
        // The Podcasting 2.0 spec's worked example.
        assert_eq!(
            podcast_guid("https://mp3s.nashownotes.com/pc20rss.xml/").to_string(),
            "917393e3-1b1e-5cef-ace4-edaa54e1f810"
        );
    }

    #[test]
    fn long_descriptions_are_cut_to_4000_bytes() {
        let long = "grâce ".repeat(1000);
        let t = truncate_bytes(&long, 4000);
        assert!(t.len() <= 4000 && t.ends_with("...") && t.starts_with("grâce grâce"));
        assert_eq!(truncate_bytes("short", 4000), "short");
    }

    #[test]
    fn durations_and_dates() {
        assert_eq!(
            rfc2822(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()),
            "Sun, 1 Nov 2026 06:00:00 +0000"
        );
    }
}
