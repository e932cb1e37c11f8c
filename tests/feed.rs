//! The feed round-trips through two independent RSS parsers with every field intact.

use chrono::NaiveDate;
use devocast::config::Podcast;
use devocast::publish::feed::{self, render};
use devocast::publish::EpisodeInfo;

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_900_000_000, 0).unwrap()
}

fn podcast() -> Podcast {
    Podcast {
        title: "Round Trip".into(),
        description: "Devotions & tests".into(),
        author: "Tester".into(),
        email: Some("owner@example.org".into()),
        base_url: "https://example.org/pod/".into(),
        copyright: Some("© 2026".into()),
        ..Podcast::default()
    }
}

fn episode(slug: &str, day: u32) -> EpisodeInfo {
    EpisodeInfo {
        slug: slug.into(),
        title: format!("Episode {slug} <&>"),
        description: format!("About {slug}."),
        date: NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
        mp3: format!("{slug}.mp3"),
        mp3_bytes: 123_456 + u64::from(day),
        seconds: 754.4,
        chapters_file: format!("{slug}.chapters.json"),
        chapters: vec![(0.0, "Opening".into()), (61.25, "Second & last".into())],
        transcript_vtt: format!("{slug}.vtt"),
        transcript_srt: format!("{slug}.srt"),
        page: format!("{slug}.html"),
        scripture: vec!["Heb. 7:25-26".into()],
        hymns: vec!["Savior, hail (Hymn 114) (recording)".into()],
        transcript_html: Some(format!("{slug}.transcript.html")),
        epub: Some(format!("{slug}.epub")),
        number: Some(day),
        author: None,
        authors: Vec::new(),
        keywords: Vec::new(),
        image: None,
        link: None,
        language: None,
    }
}

#[test]
fn an_imported_article_links_to_its_first_publication() {
    let p = podcast();
    let mut e = episode("a", 1);
    e.link = Some("https://blog.example.org/2026/11/a/?x=1&y=2".into());
    e.author = Some("Ann <Writer>".into());
    let xml = render(&p, "cover.png", &[e, episode("b", 8)], now()).unwrap();
    let ch = rss::Channel::read_from(xml.as_bytes()).unwrap();
    let a = ch
        .items()
        .iter()
        .find(|i| i.title() == Some("Episode a <&>"))
        .unwrap();
    assert_eq!(
        a.link(),
        Some("https://blog.example.org/2026/11/a/?x=1&y=2")
    );
    let notes = a.content().unwrap();
    assert!(notes.contains("Written by Ann &lt;Writer&gt;."), "{notes}");
    assert!(
        notes.contains("href=\"https://blog.example.org/2026/11/a/?x=1&amp;y=2\""),
        "{notes}"
    );
    // An episode without one links to its page, as before.
    let b = ch
        .items()
        .iter()
        .find(|i| i.title() == Some("Episode b <&>"))
        .unwrap();
    assert_eq!(b.link(), Some("https://example.org/pod/b.html"));
}

#[test]
fn round_trip_through_rss_and_feed_rs() {
    let p = podcast();
    let eps = vec![episode("a", 1), episode("b", 8)];
    let xml = render(&p, "cover.png", &eps, now()).unwrap();

    // rss crate
    let ch = rss::Channel::read_from(xml.as_bytes()).unwrap();
    assert_eq!(ch.title(), "Round Trip");
    assert_eq!(ch.description(), "Devotions & tests");
    assert_eq!(ch.link(), "https://example.org/pod/");
    assert_eq!(ch.language(), Some("en-us"));
    assert_eq!(ch.copyright(), Some("© 2026"));
    assert_eq!(
        ch.namespaces()["itunes"],
        "http://www.itunes.com/dtds/podcast-1.0.dtd"
    );
    assert_eq!(
        ch.namespaces()["podcast"],
        "https://podcastindex.org/namespace/1.0"
    );
    assert_eq!(ch.namespaces()["psc"], "http://podlove.org/simple-chapters");
    assert_eq!(
        ch.namespaces()["content"],
        "http://purl.org/rss/1.0/modules/content/"
    );
    let it = ch.itunes_ext().unwrap();
    assert_eq!(it.author(), Some("Tester"));
    assert_eq!(it.image(), Some("https://example.org/pod/cover.png"));
    assert_eq!(it.explicit(), Some("false"));
    assert_eq!(it.r#type(), Some("episodic"));
    assert_eq!(it.owner().unwrap().email(), Some("owner@example.org"));
    assert_eq!(it.categories()[0].text(), "Religion & Spirituality");
    assert_eq!(
        it.categories()[0].subcategory().unwrap().text(),
        "Christianity"
    );
    let guid = &ch.extensions()["podcast"]["guid"][0];
    assert_eq!(
        guid.value(),
        Some(
            feed::podcast_guid("https://example.org/pod/feed.xml")
                .to_string()
                .as_str()
        )
    );
    assert_eq!(ch.extensions()["atom"]["link"][0].attrs()["rel"], "self");
    let locked = &ch.extensions()["podcast"]["locked"][0];
    assert_eq!(
        (locked.value(), locked.attrs()["owner"].as_str()),
        (Some("yes"), "owner@example.org")
    );
    assert!(
        xml.contains("<itunes:episodeType>full</itunes:episodeType>"),
        "{xml}"
    );
    assert_eq!(ch.last_build_date(), Some("Sun, 8 Nov 2026 11:00:00 +0000"));

    assert_eq!(ch.items().len(), 2);
    let newest = &ch.items()[0];
    assert_eq!(newest.title(), Some("Episode b <&>"));
    assert_eq!(newest.description(), Some("About b."));
    assert_eq!(newest.pub_date(), Some("Sun, 8 Nov 2026 11:00:00 +0000"));
    let enc = newest.enclosure().unwrap();
    assert_eq!(
        (enc.url(), enc.length(), enc.mime_type()),
        ("https://example.org/pod/b.mp3", "123464", "audio/mpeg")
    );
    let g = newest.guid().unwrap();
    assert!(!g.is_permalink());
    assert_eq!(g.value(), feed::episode_guid(&p, "b"));
    let iex = newest.itunes_ext().unwrap();
    assert_eq!(
        (iex.duration(), iex.episode()),
        (Some("00:12:34"), Some("8"))
    );
    // The rss crate keeps no itunes:title field; check the XML itself.
    assert!(
        xml.contains("<itunes:title>Episode b &lt;&amp;&gt;</itunes:title>"),
        "{xml}"
    );
    let x = &newest.extensions()["podcast"];
    assert_eq!(
        x["chapters"][0].attrs()["url"],
        "https://example.org/pod/b.chapters.json"
    );
    assert_eq!(
        x["chapters"][0].attrs()["type"],
        "application/json+chapters"
    );
    let transcripts: Vec<_> = x["transcript"]
        .iter()
        .map(|t| (t.attrs()["type"].as_str(), t.attrs()["url"].as_str()))
        .collect();
    assert_eq!(
        transcripts,
        vec![
            ("text/vtt", "https://example.org/pod/b.vtt"),
            ("application/x-subrip", "https://example.org/pod/b.srt"),
            ("text/html", "https://example.org/pod/b.transcript.html")
        ]
    );
    let psc = &newest.extensions()["psc"]["chapters"][0];
    let starts: Vec<_> = psc.children()["chapter"]
        .iter()
        .map(|c| (c.attrs()["start"].as_str(), c.attrs()["title"].as_str()))
        .collect();
    assert_eq!(
        starts,
        vec![
            ("00:00:00.000", "Opening"),
            ("00:01:01.250", "Second & last")
        ]
    );
    let notes = newest.content().unwrap();
    assert!(
        notes.contains("<li>01:01 Second &amp; last</li>")
            && notes.contains("Heb. 7:25-26")
            && notes.contains("Hymn 114"),
        "{notes}"
    );
    assert_eq!(ch.items()[1].itunes_ext().unwrap().episode(), Some("1"));

    // feed-rs, an independent parser
    let f = feed_rs::parser::parse(xml.as_bytes()).unwrap();
    assert_eq!(f.title.unwrap().content, "Round Trip");
    assert_eq!(f.entries.len(), 2);
    let e = &f.entries[0];
    assert_eq!(e.title.as_ref().unwrap().content, "Episode b <&>");
    assert_eq!(e.id, feed::episode_guid(&p, "b"));
    assert_eq!(
        e.published.unwrap().to_rfc3339(),
        "2026-11-08T11:00:00+00:00"
    );
    let media = &e.media[0];
    let content = &media.content[0];
    assert_eq!(
        content.url.as_ref().unwrap().as_str(),
        "https://example.org/pod/b.mp3"
    );
    assert_eq!(content.size, Some(123_464));
    assert_eq!(media.duration, Some(std::time::Duration::from_secs(754)));
}

#[test]
fn identities_are_stable_and_distinct() {
    let p = podcast();
    assert_eq!(feed::episode_guid(&p, "a"), feed::episode_guid(&p, "a"));
    assert_ne!(feed::episode_guid(&p, "a"), feed::episode_guid(&p, "b"));
    let xml1 = render(&p, "cover.png", &[episode("a", 1), episode("b", 8)], now()).unwrap();
    let xml2 = render(&p, "cover.png", &[episode("b", 8), episode("a", 1)], now()).unwrap();
    assert_eq!(xml1, xml2, "order of input must not matter");
}

#[test]
fn show_notes_speak_the_podcasts_language_and_mark_the_articles() {
    let mut p = podcast();
    p.language = "es-MX".into();
    let mut e = episode("a", 1);
    e.language = Some("en".into());
    e.author = Some("Ann Writer".into());
    e.chapters = vec![
        (0.0, "Opening".into()),
        (61.25, "Kept (continuación)".into()),
    ];
    e.hymns = vec!["Savior, hail (Hymn 114) (grabación)".into()];
    let xml = render(&p, "cover.png", &[e], now()).unwrap();
    assert!(xml.contains("<language>es-MX</language>"), "{xml}");
    let ch = rss::Channel::read_from(xml.as_bytes()).unwrap();
    let item = &ch.items()[0];
    let notes = item.content().unwrap();
    for said in [
        "<p lang=\"en\">About a.</p>",
        "<p>Escrito por Ann Writer.</p>",
        "<h3>Capítulos</h3>",
        "<li>01:01 <span lang=\"en\">Kept</span> (continuación)</li>",
        "<h3>Escrituras en este episodio</h3>",
        "<li><span lang=\"en\">Heb. 7:25-26</span></li>",
        "<li><span lang=\"en\">Savior, hail (Hymn 114)</span> (grabación)</li>",
        "Página del episodio y transcripción",
        "Audiolibro (EPUB 3",
    ] {
        assert!(notes.contains(said), "{said} missing:\n{notes}");
    }
    for english in [
        "Chapters",
        "Written by",
        "Scripture",
        "Episode page",
        "Talking book",
    ] {
        assert!(!notes.contains(english), "{english} left:\n{notes}");
    }
    // The transcripts are the article's words, in its language.
    let transcripts = &item.extensions()["podcast"]["transcript"];
    assert!(transcripts.iter().all(|t| t.attrs()["language"] == "en"));
}
