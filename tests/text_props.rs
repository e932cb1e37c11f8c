//! Whatever text reaches devocast (titles, headings, descriptions, chapter names, file
//! names, settings), every published file stays well-formed: feed.xml parses as strict XML
//! 1.0, pages parse as HTML with no character a page may not hold, chapters are valid JSON,
//! transcripts and ID3 tags carry no control character.

use chrono::NaiveDate;
use devocast::config::Podcast;
use devocast::publish::{chapters, feed, page, transcript, EpisodeInfo};
use devocast::sanitize::is_forbidden;
use devocast::script::PartKind;
use proptest::prelude::*;

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap()
}

/// Any Unicode, weighted towards what breaks XML: controls, noncharacters, markup.
fn text() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        '\u{0}',
        '\u{7}',
        '\u{8}',
        '\u{B}',
        '\u{C}',
        '\u{1B}',
        '\u{7F}',
        '\u{85}',
        '\u{9F}',
        '\u{FFFE}',
        '\u{FFFF}',
        '\u{FDD0}',
        '\u{1FFFE}',
        '\u{2028}',
        '\u{200B}',
        '\u{FEFF}',
        '<',
        '>',
        '&',
        '"',
        '\'',
        ']',
        '\n',
        '\r',
        '\t',
        'é',
        'ـ',
        '🙏',
    ]);
    prop::collection::vec(
        prop_oneof![
            any::<char>(),
            special,
            "[a-z ]".prop_map(|s| s.chars().next().unwrap())
        ],
        0..40,
    )
    .prop_map(|v| v.into_iter().collect())
}

/// A file stem: anything but `/` and NUL.
fn slug() -> impl Strategy<Value = String> {
    text().prop_map(|s| {
        let s: String = s.chars().filter(|c| *c != '/' && *c != '\0').collect();
        if s.is_empty() {
            "x".into()
        } else {
            s
        }
    })
}

fn episode(slug: String, t: Vec<String>, day: u32) -> EpisodeInfo {
    EpisodeInfo {
        slug: slug.clone(),
        title: t[0].clone(),
        description: t[1].clone(),
        date: NaiveDate::from_ymd_opt(2026, 1, day).unwrap(),
        mp3: format!("{slug}.0123456789.mp3"),
        mp3_bytes: 1234,
        seconds: 61.5,
        chapters_file: format!("{slug}.0123456789.chapters.json"),
        chapters: vec![(0.0, t[2].clone()), (12.5, t[3].clone())],
        transcript_vtt: format!("{slug}.0123456789.vtt"),
        transcript_srt: format!("{slug}.0123456789.srt"),
        page: format!("{slug}.html"),
        scripture: vec![t[4].clone()],
        hymns: vec![t[5].clone()],
        transcript_html: Some(format!("{slug}.0123456789.transcript.html")),
        epub: Some(format!("{slug}.epub")),
        number: None,
        author: None,
        authors: Vec::new(),
        keywords: Vec::new(),
        image: None,
        link: None,
    }
}

fn clean(what: &str, s: &str) -> Result<(), TestCaseError> {
    if let Some(c) = s.chars().find(|c| is_forbidden(*c)) {
        return Err(TestCaseError::fail(format!(
            "{what} holds U+{:04X}",
            u32::from(c)
        )));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_published_format_stays_well_formed(
        podcast_texts in prop::collection::vec(text(), 6),
        path in "[a-z0-9/%._-]{0,12}",
        slugs in prop::collection::vec(slug(), 2),
        texts in prop::collection::vec(prop::collection::vec(text(), 6), 2),
        lines in prop::collection::vec(text(), 1..12),
    ) {
        let podcast = Podcast {
            title: podcast_texts[0].clone(),
            description: podcast_texts[1].clone(),
            author: podcast_texts[2].clone(),
            email: Some(podcast_texts[3].clone()),
            copyright: Some(podcast_texts[4].clone()),
            language: podcast_texts[5].clone(),
            base_url: format!("https://example.org/{path}"),
            ..Podcast::default()
        };
        let eps: Vec<EpisodeInfo> = slugs
            .into_iter()
            .zip(texts)
            .enumerate()
            .map(|(i, (s, t))| episode(format!("{s}{i}"), t, i as u32 + 1))
            .collect();

        let xml = feed::render(&podcast, "cover.png", &eps, now()).unwrap();
        if let Err(e) = roxmltree::Document::parse(&xml) {
            return Err(TestCaseError::fail(format!("feed.xml is not well-formed XML: {e}")));
        }
        let channel = rss::Channel::read_from(xml.as_bytes()).unwrap();
        prop_assert_eq!(channel.items().len(), 2);

        let timed: Vec<(f64, f64, String)> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| (i as f64, i as f64 + 0.5, l.clone()))
            .collect();
        let page_lines: Vec<page::Line> = timed
            .iter()
            .enumerate()
            .map(|(i, (s, e, t))| page::Line {
                start: *s,
                end: *e,
                text: t,
                reader: None,
                part: (i % 8 != 7).then(|| devocast::script::Part {
                    kind: [
                        PartKind::Opening,
                        PartKind::Heading,
                        PartKind::Paragraph,
                        PartKind::Quote,
                        PartKind::Cite,
                        PartKind::Item,
                        PartKind::Stanza,
                        PartKind::Music,
                    ][i % 8],
                    block: i / 2,
                    item: i % 3,
                }),
            })
            .collect();
        for e in &eps {
            for (what, html) in [
                ("the episode page", page::episode_page(&podcast.title, &podcast.language, e, &page_lines)),
                ("the HTML transcript", page::transcript_page(&podcast.title, &podcast.language, e, &page_lines)),
            ] {
                clean(what, &html)?;
                let doc = scraper::Html::parse_document(&html);
                prop_assert!(doc.errors.is_empty(), "{} parse errors: {:?}", what, doc.errors);
            }
            let json = chapters::json(&e.chapters);
            let v: serde_json::Value = serde_json::from_str(&json).unwrap();
            for c in v["chapters"].as_array().unwrap() {
                clean("a chapter title", c["title"].as_str().unwrap())?;
            }
            let tags = devocast::encode::Tags {
                title: e.title.clone(),
                artist: podcast.author.clone(),
                album: podcast.title.clone(),
                comment: e.description.clone(),
                chapters: e
                    .chapters
                    .iter()
                    .map(|(t, title)| devocast::encode::TagChapter {
                        start_ms: (t * 1000.0) as u32,
                        end_ms: (t * 1000.0) as u32 + 1,
                        title: title.clone(),
                    })
                    .collect(),
                ..Default::default()
            };
            let bytes = devocast::encode::mp3::id3_bytes(&tags).unwrap();
            let tag = id3::Tag::read_from2(std::io::Cursor::new(bytes)).unwrap();
            use id3::TagLike;
            clean("the ID3 title", tag.title().unwrap_or(""))?;
        }
        let feed_url = devocast::publish::feed::feed_url(&podcast);
        let index = page::index_page(
            &page::Index {
                title: &podcast.title,
                description: &podcast.description,
                lang: &podcast.language,
                cover: "cover.png",
                feed_url: &feed_url,
            },
            &eps,
        );
        clean("the index page", &index)?;
        let doc = scraper::Html::parse_document(&index);
        prop_assert!(doc.errors.is_empty(), "index parse errors: {:?}", doc.errors);
        let captions = transcript::captions(&timed);
        clean("the VTT", &transcript::vtt(&captions))?;
        clean("the SRT", &transcript::srt(&captions))?;
    }
}
