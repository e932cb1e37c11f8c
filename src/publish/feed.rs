//! The RSS 2.0 feed with the iTunes and Podcasting 2.0 namespaces.
//!
//! Dates and identities are derived from the episodes, never from the clock, so an unchanged
//! podcast gives a byte-identical feed.

use super::format::{clock, hms, hms_millis};
use super::mark::{chapter_title, in_lang};
use super::words::{fill, Words};
use super::{url_for, EpisodeInfo};
use crate::config::Podcast;
use crate::text::escape_clean;
use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
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

/// The moment an episode dated `date` is published: `publish_time` on that date in the
/// podcast's time zone. Without either setting, 11:00 UTC: the same calendar date from
/// UTC−11 to UTC+12, so no listener sees the devotion dated a day early or late. With a time
/// zone but no time, 06:00 there (a morning devotion).
pub fn release(podcast: &Podcast, date: NaiveDate) -> DateTime<FixedOffset> {
    let hour = if zone(podcast).is_some() { 6 } else { 11 };
    let time = podcast
        .publish_time
        .as_deref()
        .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok())
        .unwrap_or_else(|| NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default());
    moment(podcast, date.and_time(time))
}

/// The newest episode's moment, so an unchanged podcast gives the same bytes. An episode
/// whose hour has not come yet counts from the start of today: never later than the build,
/// yet the same for every build that day (capping at `now` was not).
fn last_build(
    podcast: &Podcast,
    dates: impl Iterator<Item = NaiveDate>,
    now: DateTime<Utc>,
) -> Option<DateTime<FixedOffset>> {
    // An episode published ahead of its day (`--include-future`) counts from today's start.
    let today = today(podcast, now);
    let now = now.fixed_offset();
    dates
        .map(|d| {
            let at = release(podcast, d);
            if at <= now {
                at
            } else {
                start_of_day(podcast, d.min(today))
            }
        })
        .max()
        .map(|t| t.min(now))
}

/// The order of the feed and the index page: newest date first, then slug A to Z. The
/// podcast's book reads it backwards, so its `--last N` are the feed's first N.
pub fn newest_first(a: &EpisodeInfo, b: &EpisodeInfo) -> std::cmp::Ordering {
    b.date.cmp(&a.date).then(a.slug.cmp(&b.slug))
}

/// The first moment of `date` in the podcast's time zone (UTC without one).
fn start_of_day(podcast: &Podcast, date: NaiveDate) -> DateTime<FixedOffset> {
    moment(podcast, date.and_time(NaiveTime::MIN))
}

/// The podcast's time zone, if it names one.
fn zone(podcast: &Podcast) -> Option<Tz> {
    podcast.timezone.as_deref().and_then(|z| z.parse().ok())
}

/// A wall-clock time in the podcast's time zone (UTC without one). A time the clocks skip
/// (spring forward) is taken at the first hour after it that exists.
pub fn moment(podcast: &Podcast, local: chrono::NaiveDateTime) -> DateTime<FixedOffset> {
    zone(podcast)
        .and_then(|tz| {
            (0..3).find_map(|h| {
                tz.from_local_datetime(&(local + chrono::Duration::hours(h)))
                    .earliest()
                    .map(|d| d.fixed_offset())
            })
        })
        .unwrap_or_else(|| local.and_utc().fixed_offset())
}

/// The podcast's calendar date at `now`, in its time zone (UTC without one): what "today"
/// means for scheduling and for dating undated articles.
pub fn today(podcast: &Podcast, now: DateTime<Utc>) -> NaiveDate {
    match zone(podcast) {
        Some(tz) => now.with_timezone(&tz).date_naive(),
        None => now.date_naive(),
    }
}

/// RFC 2822 form of an episode's publication moment.
pub fn rfc2822(podcast: &Podcast, date: NaiveDate) -> String {
    release(podcast, date).to_rfc2822()
}

/// The `podcast:license` value and link: the configured one, else a Creative Commons
/// license named in the copyright line ("CC BY-SA 4.0" → `cc-by-sa-4.0`).
pub fn license(podcast: &Podcast) -> Option<(String, Option<String>)> {
    if let Some(l) = &podcast.license {
        return Some((l.clone(), None));
    }
    let c = podcast.copyright.as_deref()?.to_uppercase();
    if c.contains("CC0") {
        return Some((
            "cc0-1.0".into(),
            Some("https://creativecommons.org/publicdomain/zero/1.0/".into()),
        ));
    }
    let start = c.find("CC BY").or_else(|| c.find("CC-BY"))?;
    let words: Vec<&str> = c[start + 3..]
        .split([' ', '-', ','])
        .filter(|w| !w.is_empty())
        .take(5)
        .collect();
    let mut parts = Vec::new();
    let mut version = None;
    for w in words {
        if matches!(w, "BY" | "SA" | "NC" | "ND") {
            parts.push(w.to_lowercase());
        } else if w.chars().all(|ch| ch.is_ascii_digit() || ch == '.') {
            version = Some(w.to_string());
            break;
        } else {
            break;
        }
    }
    let version = version?;
    Some((
        format!("cc-{}-{version}", parts.join("-")),
        Some(format!(
            "https://creativecommons.org/licenses/{}/{version}/",
            parts.join("-")
        )),
    ))
}

/// The `content:encoded` show notes: summary, chapters with times, Scripture read, hymns,
/// in the podcast's language (`lang`); the article's own words marked with its language.
pub fn show_notes(lang: &str, e: &EpisodeInfo, transcript_url: &str) -> String {
    let w = super::words::of(lang);
    let al = super::mark::lang_of(lang, e);
    let mut h = format!("<p{al}>{}</p>\n", escape_clean(&e.description));
    if let Some(a) = &e.author {
        h.push_str(&format!(
            "<p>{}</p>\n",
            escape_clean(&fill(w.written_by, &[a]))
        ));
    }
    let list = |h: &mut String, heading: &str, items: &mut dyn Iterator<Item = String>| {
        h.push_str(&format!("<h3>{}</h3>\n<ul>\n", escape_clean(heading)));
        for i in items {
            h.push_str(&format!("<li>{i}</li>\n"));
        }
        h.push_str("</ul>\n");
    };
    list(
        &mut h,
        w.chapters,
        &mut e
            .chapters
            .iter()
            .map(|(t, title)| format!("{} {}", clock(*t), chapter_title(w, &al, title))),
    );
    if !e.scripture.is_empty() {
        let refs = &mut e.scripture.iter().map(|r| in_lang(&al, &escape_clean(r)));
        list(&mut h, w.scripture, refs);
    }
    if !e.hymns.is_empty() {
        // "Title (Himno 7) (recording)": the hymn's title is the article's.
        let hymns = &mut e.hymns.iter().map(|r| hymn_line(w, &al, r));
        list(&mut h, w.hymns, hymns);
    }
    h.push_str(&format!(
        "<p><a href=\"{}\">{}</a></p>\n",
        escape_clean(transcript_url),
        escape_clean(w.page_link)
    ));
    if let Some(link) = &e.link {
        h.push_str(&format!(
            "<p><a href=\"{}\">{}</a></p>\n",
            escape_clean(link),
            escape_clean(w.first_published)
        ));
    }
    if let Some(book) = &e.epub {
        // The book sits beside the page: same folder, same base.
        let base = transcript_url.rsplit_once('/').map_or("", |(b, _)| b);
        h.push_str(&format!(
            "<p><a href=\"{}/{}\">{}</a></p>\n",
            escape_clean(base),
            escape_clean(&super::url_escape(book)),
            escape_clean(w.book_notes)
        ));
    }
    h
}

/// A hymn's line in the show notes, its title marked with the article's language and the
/// podcast's word for how it is heard left unmarked.
fn hymn_line(w: &Words, al: &str, line: &str) -> String {
    for template in [w.hymn_recorded, w.hymn_read] {
        let suffix = template.split_once("{}").map_or("", |(_, s)| s);
        if let Some(title) = line.strip_suffix(suffix).filter(|_| !suffix.is_empty()) {
            return format!(
                "{}{}",
                in_lang(al, &escape_clean(title)),
                escape_clean(suffix)
            );
        }
    }
    in_lang(al, &escape_clean(line))
}

fn clean(s: &str) -> String {
    crate::sanitize::clean(s).into_owned()
}

fn clean_podcast(p: &Podcast) -> Podcast {
    let opt = |o: &Option<String>| o.as_deref().map(clean);
    let mut c = p.clone();
    for f in [
        &mut c.title,
        &mut c.description,
        &mut c.author,
        &mut c.language,
        &mut c.base_url,
        &mut c.category,
    ] {
        *f = clean(f);
    }
    c.email = opt(&p.email);
    c.subcategory = opt(&p.subcategory);
    c.copyright = opt(&p.copyright);
    c.license = opt(&p.license);
    c.new_feed_url = opt(&p.new_feed_url);
    for person in &mut c.person {
        person.name = clean(&person.name);
        person.role = clean(&person.role);
    }
    if let Some(f) = &mut c.funding {
        f.text = clean(&f.text);
    }
    c
}

fn clean_episode(e: &EpisodeInfo) -> EpisodeInfo {
    let mut c = e.clone();
    c.title = clean(&e.title);
    c.description = clean(&e.description);
    c.slug = clean(&e.slug);
    c.author = e.author.as_deref().map(clean);
    for s in c.authors.iter_mut().chain(c.keywords.iter_mut()) {
        *s = clean(s);
    }
    c.image = e.image.as_deref().map(clean);
    for (_, t) in &mut c.chapters {
        *t = clean(t);
    }
    for s in c.scripture.iter_mut().chain(c.hymns.iter_mut()) {
        *s = clean(s);
    }
    c
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

/// Renders the feed as of `now` (which only bounds `lastBuildDate`: it is never later than the
/// build). Episodes are listed newest first.
pub fn render(
    podcast: &Podcast,
    cover_file: &str,
    episodes: &[EpisodeInfo],
    now: DateTime<Utc>,
) -> Result<String> {
    // Every text is cleaned before the XML writer sees it: cleaning the written XML instead
    // could join `]` `]` `>` across a removed character inside a CDATA section.
    let podcast = &clean_podcast(podcast);
    let episodes = cleaned_newest_first(episodes);
    let feed_url = feed_url(podcast);
    let cover_url = url_for(&podcast.base_url, cover_file);
    let description = channel_description(podcast);
    let items: Vec<rss::Item> = episodes.iter().map(|e| item(podcast, e)).collect();
    let last_build =
        last_build(podcast, episodes.iter().map(|e| e.date), now).map(|t| t.to_rfc2822());
    let channel = ChannelBuilder::default()
        .namespaces(namespaces())
        .title(podcast.title.clone())
        .link(podcast.base_url.clone())
        .description(description.clone())
        .language(Some(podcast.language.clone()))
        .copyright(podcast.copyright.clone())
        .generator(Some(format!("devocast {}", env!("CARGO_PKG_VERSION"))))
        .last_build_date(last_build)
        .image(Some(
            ImageBuilder::default()
                .url(cover_url.clone())
                .title(podcast.title.clone())
                .link(podcast.base_url.clone())
                .build(),
        ))
        .itunes_ext(Some(channel_itunes(podcast, &cover_url, &description)))
        .extensions(channel_extensions(podcast, &feed_url))
        .items(items)
        .build();
    write_xml(&channel)
}

/// The episodes with their texts cleaned, in the feed's order.
fn cleaned_newest_first(episodes: &[EpisodeInfo]) -> Vec<EpisodeInfo> {
    let mut episodes: Vec<EpisodeInfo> = episodes.iter().map(clean_episode).collect();
    episodes.sort_by(newest_first);
    episodes
}

/// The channel's description, within Apple's 4,000 bytes; the title when there is none.
fn channel_description(podcast: &Podcast) -> String {
    let text = if podcast.description.is_empty() {
        &podcast.title
    } else {
        &podcast.description
    };
    truncate_bytes(text, 4000)
}

/// The prefixes the feed declares, each with its namespace.
fn namespaces() -> BTreeMap<String, String> {
    [
        ("itunes", ITUNES_NS),
        ("podcast", PODCAST_NS),
        ("atom", ATOM_NS),
        ("psc", PSC_NS),
        ("content", CONTENT_NS),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// The channel's iTunes tags: author, owner, cover, category, explicit, type, summary.
fn channel_itunes(
    podcast: &Podcast,
    cover_url: &str,
    description: &str,
) -> rss::extension::itunes::ITunesChannelExtension {
    let mut category = ITunesCategoryBuilder::default();
    category.text(podcast.category.clone());
    if let Some(sub) = &podcast.subcategory {
        category.subcategory(Some(Box::new(
            ITunesCategoryBuilder::default().text(sub.clone()).build(),
        )));
    }
    ITunesChannelExtensionBuilder::default()
        .author(Some(podcast.author.clone()))
        .owner(podcast.email.as_ref().map(|e| {
            ITunesOwnerBuilder::default()
                .name(Some(podcast.author.clone()))
                .email(Some(e.clone()))
                .build()
        }))
        .image(Some(cover_url.to_string()))
        .categories(vec![category.build()])
        .explicit(Some(
            if podcast.explicit { "true" } else { "false" }.to_string(),
        ))
        .r#type(Some("episodic".to_string()))
        .summary(Some(description.to_string()))
        .new_feed_url(podcast.new_feed_url.clone())
        .block(podcast.block.then(|| "Yes".to_string()))
        .build()
}

/// The channel's Podcasting 2.0 tags (guid, locked, license, funding, people) and its
/// `atom:link rel="self"`.
fn channel_extensions(podcast: &Podcast, feed_url: &str) -> ExtensionMap {
    let mut podcast_tags = vec![ext(
        "podcast:guid",
        Some(podcast_guid(feed_url).to_string()),
        &[],
    )];
    if podcast.locked {
        let owner: Vec<(&str, String)> =
            podcast.email.iter().map(|e| ("owner", e.clone())).collect();
        podcast_tags.push(ext("podcast:locked", Some("yes".into()), &owner));
    }
    if let Some((name, url)) = license(podcast) {
        let attrs: Vec<(&str, String)> = url.into_iter().map(|u| ("url", u)).collect();
        podcast_tags.push(ext("podcast:license", Some(name), &attrs));
    }
    if let Some(f) = &podcast.funding {
        podcast_tags.push(ext(
            "podcast:funding",
            Some(f.text.clone()),
            &[("url", f.url.clone())],
        ));
    }
    for p in &podcast.person {
        let mut attrs = vec![("role", p.role.clone())];
        attrs.extend(p.href.iter().map(|h| ("href", h.clone())));
        attrs.extend(p.img.iter().map(|i| ("img", i.clone())));
        podcast_tags.push(ext("podcast:person", Some(p.name.clone()), &attrs));
    }
    let mut channel_ext = ext_map("podcast", podcast_tags);
    channel_ext.extend(ext_map(
        "atom",
        vec![ext(
            "atom:link",
            None,
            &[
                ("href", feed_url.to_string()),
                ("rel", "self".into()),
                ("type", "application/rss+xml".into()),
            ],
        )],
    ));
    channel_ext
}

/// One episode's item. An episode listed ahead of its day (`--include-future`) has no number
/// yet: it takes one when it is published for good.
fn item(podcast: &Podcast, e: &EpisodeInfo) -> rss::Item {
    let url = |f: &str| url_for(&podcast.base_url, f);
    let item_itunes = ITunesItemExtensionBuilder::default()
        .duration(Some(hms(e.seconds)))
        .explicit(Some("false".to_string()))
        .episode(e.number.map(|n| n.to_string()))
        .episode_type(Some("full".to_string()))
        .summary(Some(e.description.clone()))
        .author(e.author.clone())
        .image(e.image.as_deref().map(|i| image_url(podcast, i)))
        .keywords(keywords(&e.keywords))
        .build();
    let mut extensions = ext_map("podcast", item_podcast_tags(podcast, e));
    extensions.extend(ext_map(
        "itunes",
        vec![ext("itunes:title", Some(e.title.clone()), &[])],
    ));
    extensions.extend(ext_map("psc", vec![podlove_chapters(e)]));
    ItemBuilder::default()
        .title(Some(e.title.clone()))
        .description(Some(e.description.clone()))
        .enclosure(Some(
            EnclosureBuilder::default()
                .url(url(&e.mp3))
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
        .pub_date(Some(rfc2822(podcast, e.date)))
        .itunes_ext(Some(item_itunes))
        .extensions(extensions)
        .content(Some(show_notes(&podcast.language, e, &url(&e.page))))
        // An imported post's item leads back to the post on the blog.
        .link(Some(e.link.clone().unwrap_or_else(|| url(&e.page))))
        .build()
}

/// An item's `podcast:chapters` and `podcast:transcript` tags.
fn item_podcast_tags(podcast: &Podcast, e: &EpisodeInfo) -> Vec<Extension> {
    let url = |f: &str| url_for(&podcast.base_url, f);
    let transcript = |file: &str, mime: &str| {
        ext(
            "podcast:transcript",
            None,
            &[
                ("url", url(file)),
                ("type", mime.to_string()),
                // The transcript is the article's words, in the article's language.
                (
                    "language",
                    e.language
                        .clone()
                        .unwrap_or_else(|| podcast.language.clone()),
                ),
                ("rel", "captions".to_string()),
            ],
        )
    };
    let mut tags = vec![
        ext(
            "podcast:chapters",
            None,
            &[
                ("url", url(&e.chapters_file)),
                ("type", "application/json+chapters".to_string()),
            ],
        ),
        transcript(&e.transcript_vtt, "text/vtt"),
        transcript(&e.transcript_srt, "application/x-subrip"),
    ];
    if let Some(html) = &e.transcript_html {
        let mut t = transcript(html, "text/html");
        // A document to read, not captions to show in time.
        t.attrs.remove("rel");
        tags.push(t);
    }
    // The article's writers: the Podcast Taxonomy's "author", in its "writing" group.
    for name in &e.authors {
        tags.push(ext(
            "podcast:person",
            Some(name.clone()),
            &[("group", "writing".into()), ("role", "author".into())],
        ));
    }
    tags
}

/// `itunes:keywords`: the article's tags, separated by commas (so none may hold one).
fn keywords(words: &[String]) -> Option<String> {
    (!words.is_empty()).then(|| {
        words
            .iter()
            .map(|w| w.replace(',', " "))
            .collect::<Vec<_>>()
            .join(",")
    })
}

/// An episode image's address: as written if it is one, else the file in the output folder.
fn image_url(podcast: &Podcast, image: &str) -> String {
    if image.starts_with("http://") || image.starts_with("https://") {
        image.to_string()
    } else {
        url_for(&podcast.base_url, image)
    }
}

/// An item's Podlove Simple Chapters.
fn podlove_chapters(e: &EpisodeInfo) -> Extension {
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
    psc
}

/// The channel as indented XML with its declaration and a final newline.
fn write_xml(channel: &rss::Channel) -> Result<String> {
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
    fn a_date_is_the_same_day_wherever_the_listener_is() {
        let p = Podcast::default();
        let d = NaiveDate::from_ymd_opt(2026, 11, 8).unwrap();
        let at = release(&p, d);
        assert_eq!(rfc2822(&p, d), "Sun, 8 Nov 2026 11:00:00 +0000");
        for zone in [
            "Pacific/Pago_Pago", // UTC−11
            "Pacific/Honolulu",
            "America/Los_Angeles",
            "America/Chicago",
            "America/Sao_Paulo",
            "Europe/London",
            "Africa/Lagos",
            "Asia/Kolkata",
            "Asia/Tokyo",
            "Australia/Sydney",
            "Pacific/Auckland", // UTC+13 in November (daylight time): the one exception
            "Pacific/Fiji",     // UTC+12
        ] {
            let tz: Tz = zone.parse().unwrap();
            let local = at.with_timezone(&tz).date_naive();
            if zone == "Pacific/Auckland" {
                continue;
            }
            assert_eq!(local, d, "{zone} sees {local}");
        }
    }

    #[test]
    fn time_zone_and_time_are_honoured() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 8).unwrap();
        let p = Podcast {
            timezone: Some("America/Chicago".into()),
            ..Podcast::default()
        };
        assert_eq!(rfc2822(&p, d), "Sun, 8 Nov 2026 06:00:00 -0600");
        let p = Podcast {
            timezone: Some("Europe/Berlin".into()),
            publish_time: Some("07:30".into()),
            ..Podcast::default()
        };
        assert_eq!(rfc2822(&p, d), "Sun, 8 Nov 2026 07:30:00 +0100");
        // Summer time, and a time the clocks skip.
        let p = Podcast {
            timezone: Some("America/New_York".into()),
            publish_time: Some("02:30".into()),
            ..Podcast::default()
        };
        let spring = NaiveDate::from_ymd_opt(2026, 3, 8).unwrap();
        assert_eq!(rfc2822(&p, spring), "Sun, 8 Mar 2026 03:30:00 -0400");
        let p = Podcast {
            publish_time: Some("18:45".into()),
            ..Podcast::default()
        };
        assert_eq!(rfc2822(&p, d), "Sun, 8 Nov 2026 18:45:00 +0000");
        let late = chrono::Utc.with_ymd_and_hms(2026, 11, 8, 23, 0, 0).unwrap();
        let tokyo = Podcast {
            timezone: Some("Asia/Tokyo".into()),
            ..Podcast::default()
        };
        assert_eq!(
            today(&tokyo, late),
            NaiveDate::from_ymd_opt(2026, 11, 9).unwrap()
        );
        assert_eq!(today(&Podcast::default(), late), d);
    }

    #[test]
    fn last_build_date_is_the_same_all_day_and_never_ahead_of_the_build() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let older = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        for p in [
            Podcast::default(),
            Podcast {
                timezone: Some("America/Chicago".into()),
                ..Podcast::default()
            },
        ] {
            let at = |h, m| {
                let local = d.and_hms_opt(h, m, 0).unwrap();
                match p.timezone.as_deref() {
                    Some(z) => z
                        .parse::<Tz>()
                        .unwrap()
                        .from_local_datetime(&local)
                        .unwrap()
                        .with_timezone(&Utc),
                    None => local.and_utc(),
                }
            };
            let dates = || [older, d].into_iter();
            // Before the release hour: two builds minutes apart agree, at the day's start.
            let early = last_build(&p, dates(), at(2, 27)).unwrap();
            assert_eq!(early, last_build(&p, dates(), at(2, 28)).unwrap());
            assert_eq!(early, start_of_day(&p, d));
            assert!(early <= at(2, 27));
            // Published ahead of its day: the start of today, all day.
            let ahead = || [older, d, d + chrono::Days::new(3)].into_iter();
            assert_eq!(last_build(&p, ahead(), at(2, 27)).unwrap(), early);
            assert_eq!(last_build(&p, ahead(), at(2, 28)).unwrap(), early);
            assert_eq!(
                last_build(&p, ahead(), at(23, 59)).unwrap(),
                release(&p, d),
                "today's release once it has come"
            );
            // After it: the release itself.
            assert_eq!(last_build(&p, dates(), at(13, 0)).unwrap(), release(&p, d));
        }
        assert_eq!(
            last_build(&Podcast::default(), std::iter::empty(), Utc::now()),
            None
        );
    }

    #[test]
    fn licenses_are_read_from_the_copyright_line() {
        let with = |c: &str| Podcast {
            copyright: Some(c.into()),
            ..Podcast::default()
        };
        assert_eq!(
            license(&with("© 2026 The devocast project, CC BY-SA 4.0")),
            Some((
                "cc-by-sa-4.0".into(),
                Some("https://creativecommons.org/licenses/by-sa/4.0/".into())
            ))
        );
        assert_eq!(license(&with("CC0")).unwrap().0, "cc0-1.0");
        assert_eq!(license(&with("All rights reserved")), None);
        let explicit = Podcast {
            license: Some("All rights reserved".into()),
            ..with("CC BY 4.0")
        };
        assert_eq!(license(&explicit).unwrap().0, "All rights reserved");
    }
}
