//! What a listener or reader sees is in the podcast's language; an article in another
//! language keeps its own, marked (pages, transcripts, captions, show notes, books).
//!
//! The "no English left" scan reads every visible text node and every named attribute (alt,
//! aria-label, title, label) of every page, transcript, book document and show note a build
//! writes, takes away the words of the articles and of the settings, and checks that none
//! of what is left (the words devocast wrote itself) is English: English here is every word
//! of the English catalogue that the Spanish one does not use, and a list of the usual
//! interface words besides.

mod common;

use common::CountingVoice;
use devocast::build::{build_with_voice, Options};
use std::collections::BTreeSet;
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// A Spanish devotion: a Bible reference, a hymn with a recording (7), and prose after it so
/// its section resumes ("(continuación)").
const SPANISH: &str = "---\ntitle: La luz de la mañana\ndate: 2026-02-25\ndescription: Una meditación sobre la paz que Dios da.\nauthor: Ana Pérez\nlanguage: es\n---\n\nEl Señor está cerca. Él nos escucha siempre.\n\n## Guardados en paz\n\nLa paz sea con ustedes. Leemos Juan 3:16 cada día.\n\n> Descansa, alma mía,\n> en su cuidado,\n> todo el día.\n> (Himnario #7)\n\nDespués del himno, oramos juntos. Amén.\n";

/// An English devotion, with the same shape.
const ENGLISH: &str = "---\ntitle: Morning Watch\ndate: 2026-02-26\ndescription: A word on waiting.\nauthor: Tom Reed\nlanguage: en\n---\n\nWe wait for the Lord. He is near.\n\n## Kept in Peace\n\nPeace be with you. Read John 3:16 today.\n\n> Rest, my soul,\n> in His care,\n> all the day.\n> (Hymns #7)\n\nAfter the hymn we pray together. Amen.\n";

/// A project of our own: the podcast in `lang`, the given articles, hymn 7 recorded and
/// played as the intro and the outro too.
fn project(lang: &str, title: &str, articles: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let (t, fixture) = common::fixture_project();
    let p = t.path().join("ours");
    std::fs::create_dir_all(p.join("episodes")).unwrap();
    common::copy_dir(&fixture.join("audio"), &p.join("audio"));
    std::fs::write(
        p.join("devocast.toml"),
        format!("[podcast]\ntitle = \"{title}\"\nauthor = \"Ana Pérez\"\nemail = \"owner@example.org\"\nbase_url = \"https://example.org/pod\"\nlanguage = \"{lang}\"\ndescription = \"{title}\"\n\n[voice]\nengine = \"embedded\"\n\n[production]\nintro = \"audio/hymns/7.ogg\"\noutro = \"audio/hymns/7.ogg\"\n"),
    )
    .unwrap();
    for (name, text) in articles {
        std::fs::write(p.join("episodes").join(name), text).unwrap();
    }
    (t, p)
}

fn build(p: &Path) -> devocast::build::Summary {
    use chrono::TimeZone;
    let options = Options {
        now: Some(chrono::Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap()),
        ..Options::default()
    };
    let voice = CountingVoice::default();
    build_with_voice(p, &options, Box::new(voice), &|_| {}).unwrap()
}

/// Every entry of a book, by name.
fn unzip(path: &Path) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        if name.ends_with(".xhtml") || name.ends_with(".opf") {
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            out.push((name, s));
        }
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text a reader sees or hears of an HTML or XHTML document: text outside tags (not in
/// `script` or `style`), and the values of `alt`, `aria-label`, `title` and `label`; but
/// nothing inside an element marked `lang="{skip}"` (an article's own words in another
/// language than the podcast's).
fn visible(doc: &str, skip: Option<&str>) -> Vec<String> {
    const VOID: &[&str] = &[
        "meta", "link", "br", "img", "input", "hr", "source", "track", "wbr", "col", "area",
        "base", "!DOCTYPE", "?xml", "text", "audio/",
    ];
    let mut out = Vec::new();
    let mut rest = doc;
    // Open elements, each with whether it (or one around it) is skipped.
    let mut open: Vec<(String, bool)> = Vec::new();
    let mut raw = false;
    while let Some(lt) = rest.find('<') {
        let hidden = raw || open.last().is_some_and(|o| o.1);
        if !hidden {
            out.push(unescape(&rest[..lt]));
        }
        let Some(gt) = rest[lt..].find('>') else {
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        rest = &rest[lt + gt + 1..];
        let name = tag
            .split([' ', '\n'])
            .next()
            .unwrap_or("")
            .trim_end_matches('/');
        if let Some(closing) = name.strip_prefix('/') {
            if let Some(i) = open.iter().rposition(|o| o.0 == closing) {
                open.truncate(i);
            }
            raw = false;
            continue;
        }
        if raw {
            continue;
        }
        let marked = skip.is_some_and(|l| tag.contains(&format!(" lang=\"{l}\"")));
        if !(hidden || marked) {
            for attr in ["alt=\"", "aria-label=\"", "title=\"", "label=\""] {
                for (i, _) in tag.match_indices(attr) {
                    // `data-title=` and the like are no names.
                    if i > 0 && !tag[..i].ends_with(' ') {
                        continue;
                    }
                    let v = &tag[i + attr.len()..];
                    out.push(unescape(v.split('"').next().unwrap_or("")));
                }
            }
        }
        if name == "script" || name == "style" {
            raw = true;
        } else if !tag.ends_with('/') && !VOID.contains(&name) {
            open.push((name.to_string(), hidden || marked));
        }
    }
    out.push(unescape(rest));
    out
}

/// Lower-case words of a text (letters and digits; apostrophes and marks part them).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Every quoted string of a catalogue, as its `Debug` shows it: every field, present and
/// future, without naming them.
fn catalogue_words(w: &devocast::publish::words::Words) -> BTreeSet<String> {
    let debug = format!("{w:?}");
    debug
        .split('"')
        .skip(1)
        .step_by(2)
        .flat_map(words)
        .collect()
}

/// English interface words: the English catalogue's words the Spanish one does not use,
/// and the usual words of players, pages and books.
fn english_words() -> BTreeSet<String> {
    use devocast::publish::words;
    let es = catalogue_words(words::of("es"));
    let mut en: BTreeSet<String> = catalogue_words(words::english())
        .difference(&es)
        .cloned()
        .collect();
    for w in "chapters chapter transcript transcripts download downloads play pause subscribe \
        subscribed continued hymn hymns contents episode episodes listen listening minutes \
        minute seconds second hours hour start landmarks copy copied feed cover skip by written \
        preview previews scripture recording read page book talking from the and of published \
        scheduled expired draft synthetic voice narration text full every sentence back next \
        previous home menu search share more less show hide open close volume mute speed"
        .split_whitespace()
    {
        en.insert(w.to_string());
    }
    en
}

/// The words of the settings and of every article source: what the producer wrote.
fn producer_words(p: &Path) -> BTreeSet<String> {
    let mut out: BTreeSet<String> =
        words(&std::fs::read_to_string(p.join("devocast.toml")).unwrap())
            .into_iter()
            .collect();
    for e in std::fs::read_dir(p.join("episodes")).unwrap() {
        out.extend(words(&std::fs::read_to_string(e.unwrap().path()).unwrap()));
    }
    out
}

/// Every document a build wrote for readers, with its name: pages, transcripts, each book's
/// documents and package, the chapters' titles, and the feed's show notes and descriptions.
fn documents(p: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(p.join("feed"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for sub in ["feed/book", "feed/preview"] {
        if let Ok(dir) = std::fs::read_dir(p.join(sub)) {
            files.extend(dir.map(|e| e.unwrap().path()));
        }
    }
    files.sort();
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".html") {
            out.push((name, std::fs::read_to_string(&f).unwrap()));
        } else if name.ends_with(".epub") {
            for (entry, text) in unzip(&f) {
                let text = if entry.ends_with(".opf") {
                    // What a reading system shows of a package: its titles, description,
                    // languages and accessibility summary (not the fixed vocabularies, nor
                    // the narrator's name, which is the voice's own).
                    text.lines()
                        .filter(|l| {
                            l.starts_with("<dc:") || l.contains("schema:accessibilitySummary")
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                } else {
                    text
                };
                out.push((format!("{name}/{entry}"), text));
            }
        } else if name.ends_with(".chapters.json") {
            // Podcast apps list the chapters by these titles.
            let json: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
            let titles: Vec<String> = json["chapters"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| format!("<p>{}</p>", c["title"].as_str().unwrap_or("")))
                .collect();
            out.push((name, titles.concat()));
        } else if name == "feed.xml" {
            let feed = std::fs::read_to_string(&f).unwrap();
            let channel = rss::Channel::read_from(feed.as_bytes()).unwrap();
            let mut notes = format!("<p>{}</p>", channel.description());
            for item in channel.items() {
                notes.push_str(&format!(
                    "<p>{}</p><p>{}</p>{}",
                    item.title().unwrap_or(""),
                    item.description().unwrap_or(""),
                    item.content().unwrap_or("")
                ));
            }
            out.push((name, notes));
        }
    }
    out
}

/// The English words devocast left in what readers see, with where.
fn english_left(p: &Path, skip: Option<&str>) -> Vec<String> {
    let english = english_words();
    let ours = producer_words(p);
    let mut left = Vec::new();
    for (name, doc) in documents(p) {
        for text in visible(&doc, skip) {
            for w in words(&text) {
                if english.contains(&w) && !ours.contains(&w) {
                    left.push(format!("{name}: {w:?} in {:?}", text.trim()));
                }
            }
        }
    }
    left.sort();
    left.dedup();
    left
}

/// The page, transcript and book of the episode `slug`.
fn episode_files(p: &Path, slug: &str) -> (String, String, Vec<(String, String)>) {
    let page = std::fs::read_to_string(common::published(p, slug).page).unwrap();
    let transcript = std::fs::read_dir(p.join("feed"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|f| {
            let name = f.file_name().unwrap().to_string_lossy().to_string();
            name.starts_with(&format!("{slug}.")) && name.ends_with(".transcript.html")
        })
        .map(|f| std::fs::read_to_string(f).unwrap())
        .expect("an HTML transcript");
    let book = unzip(&p.join(format!("feed/{slug}.epub")));
    (page, transcript, book)
}

fn entry<'b>(book: &'b [(String, String)], name: &str) -> &'b str {
    &book
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .1
}

#[test]
fn a_spanish_podcast_leaves_no_english_word_in_what_readers_see() {
    let draft = "---\ntitle: Un borrador\npublished: false\nlanguage: es\n---\n\nTodavía escribimos. Paciencia.\n";
    let (_t, p) = project(
        "es",
        "Maná de la mañana",
        &[("luz.md", SPANISH), ("borrador.md", draft)],
    );
    let summary = build(&p);
    assert_eq!(summary.built(), 1, "{:?}", summary.warnings());
    // The private preview of the draft, and its index.
    let previewed = devocast::build::preview::preview_with_voice(
        &p,
        &Options::default(),
        &[],
        Box::new(CountingVoice::default()),
        &|_| {},
    )
    .unwrap();
    assert_eq!(previewed.built(), 1, "{:?}", previewed.outcomes);
    let preview = std::fs::read_to_string(p.join("feed/preview/borrador.html")).unwrap();
    assert!(preview.contains("Vista previa, no publicada."), "{preview}");
    assert!(p.join("feed/preview/index.html").is_file());
    devocast::build::book::book(
        &p,
        &devocast::build::book::Options {
            out: None,
            last: Some(1),
        },
    )
    .unwrap();
    let left = english_left(&p, None);
    assert!(left.is_empty(), "English left:\n{}", left.join("\n"));

    // And what is there is Spanish: the headings, the date, the chapter resumed after the
    // hymn, the hymn named as Spanish hymnals do, the book's contents page.
    let (page, transcript, book) = episode_files(&p, "luz");
    for said in [
        "Capítulos",
        "Transcripción",
        "Descargar el episodio",
        "25 de febrero de 2026",
        "(continuación)",
        "aria-label=\"Reproducir La luz de la mañana\"",
        "♪ Música de entrada",
        "♪ Música de cierre",
    ] {
        assert!(page.contains(said), "{said} missing from the page:\n{page}");
    }
    assert!(transcript.contains("<html lang=\"es\">") && transcript.contains("Transcripción: "));
    assert!(entry(&book, "EPUB/nav.xhtml").contains("<h1>Índice</h1>"));
    assert!(entry(&book, "EPUB/package.opf").contains("<dc:language>es</dc:language>"));
    assert!(!entry(&book, "EPUB/package.opf").contains("<dc:language>en"));
    let feed = std::fs::read_to_string(p.join("feed/feed.xml")).unwrap();
    assert!(feed.contains("<language>es</language>"), "{feed}");
    assert!(
        feed.contains("Juan 3:16"),
        "the Spanish reference in the show notes"
    );
    assert!(!summary.warnings().iter().any(|w| w.contains("catalogue")));
}

#[test]
fn an_english_podcast_marks_its_spanish_article_in_pages_transcripts_captions_and_books() {
    let (_t, p) = project(
        "en",
        "Morning Manna",
        &[("luz.md", SPANISH), ("watch.md", ENGLISH)],
    );
    let summary = build(&p);
    assert_eq!(summary.built(), 2, "{:?}", summary.warnings());
    let (page, transcript, book) = episode_files(&p, "luz");
    // The chrome is the podcast's; the article's words say they are Spanish.
    assert!(page.contains("<html lang=\"en\">") && page.contains(">Chapters</h2>"));
    assert!(
        page.contains("<h1 lang=\"es\">La luz de la mañana</h1>"),
        "{page}"
    );
    assert!(page.contains("srclang=\"es\""), "{page}");
    assert!(
        page.contains("<span lang=\"es\">El Señor está cerca."),
        "the transcript's text is marked:\n{page}"
    );
    // The podcast's word for a resumed section stays outside the article's mark.
    assert!(
        page.contains("<span lang=\"es\">Guardados en paz</span> (continued)"),
        "{page}"
    );
    assert!(transcript.contains("<html lang=\"en\">"));
    assert!(
        transcript.contains("<h1 lang=\"es\">La luz de la mañana</h1>"),
        "{transcript}"
    );
    for (name, doc) in &book {
        if name.starts_with("EPUB/chapter-") {
            assert!(
                doc.contains("xml:lang=\"es\" lang=\"es\""),
                "{name} is the article's:\n{doc}"
            );
        }
    }
    let opf = entry(&book, "EPUB/package.opf");
    assert!(
        opf.contains("<dc:language>en</dc:language>\n<dc:language>es</dc:language>"),
        "{opf}"
    );
    assert!(entry(&book, "EPUB/nav.xhtml").contains("<h1>Contents</h1>"));
    // The English article is not marked, and its book says English only.
    let (page, _, book) = episode_files(&p, "watch");
    assert!(page.contains("<h1>Morning Watch</h1>") && !page.contains("lang=\"es\""));
    let opf = entry(&book, "EPUB/package.opf");
    assert!(opf.contains("<dc:language>en</dc:language>") && !opf.contains(">es<"));
    // The feed: the podcast's language, the Spanish transcript's own.
    let feed = std::fs::read_to_string(p.join("feed/feed.xml")).unwrap();
    assert!(feed.contains("<language>en</language>"));
    let luz = &feed[feed.find("<title>La luz").unwrap()..];
    let luz = &luz[..luz.find("</item>").unwrap()];
    assert!(luz.contains("language=\"es\""), "{luz}");
    // The podcast's book lists both languages and marks the Spanish episode.
    let made = devocast::build::book::book(&p, &devocast::build::book::Options::default()).unwrap();
    let whole = unzip(&made.path);
    let opf = entry(&whole, "EPUB/package.opf");
    assert!(
        opf.contains("<dc:language>en</dc:language>")
            && opf.contains("<dc:language>es</dc:language>")
    );
    let nav = entry(&whole, "EPUB/nav.xhtml");
    assert!(
        nav.contains("<li lang=\"es\"><a href=") && nav.contains("<h1>Contents</h1>"),
        "{nav}"
    );
}

#[test]
fn a_spanish_podcast_marks_its_english_article_and_keeps_its_chrome_spanish() {
    let (_t, p) = project(
        "es",
        "Maná de la mañana",
        &[("luz.md", SPANISH), ("watch.md", ENGLISH)],
    );
    let summary = build(&p);
    assert_eq!(summary.built(), 2, "{:?}", summary.warnings());
    // The English article's words are marked English; everything else is Spanish.
    let left = english_left(&p, Some("en"));
    assert!(left.is_empty(), "English left:\n{}", left.join("\n"));
    let (page, transcript, book) = episode_files(&p, "watch");
    assert!(page.contains("<html lang=\"es\">") && page.contains(">Capítulos</h2>"));
    assert!(
        page.contains("<h1 lang=\"en\">Morning Watch</h1>"),
        "{page}"
    );
    assert!(page.contains("srclang=\"en\""));
    assert!(transcript.contains("<h1 lang=\"en\">Morning Watch</h1>"));
    for (name, doc) in &book {
        if name.starts_with("EPUB/chapter-") {
            assert!(
                doc.contains("xml:lang=\"en\" lang=\"en\""),
                "{name}:\n{doc}"
            );
        }
    }
    let opf = entry(&book, "EPUB/package.opf");
    assert!(opf.contains("<dc:language>es</dc:language>\n<dc:language>en</dc:language>"));
    assert!(entry(&book, "EPUB/nav.xhtml").contains("<h1>Índice</h1>"));
    // The index lists each episode's title in its language.
    let index = std::fs::read_to_string(p.join("feed/index.html")).unwrap();
    assert!(index.contains(" lang=\"en\">Morning Watch</a>"), "{index}");
}

#[test]
fn a_language_without_a_catalogue_gets_english_and_one_warning() {
    let (_t, p) = project(
        "de",
        "Morgenlicht",
        &[("luz.md", SPANISH), ("watch.md", ENGLISH)],
    );
    let summary = build(&p);
    assert_eq!(summary.built(), 2, "{:?}", summary.warnings());
    let said: Vec<String> = summary
        .warnings()
        .into_iter()
        .filter(|w| w.contains("catalogue"))
        .collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].contains("\"de\"") && said[0].contains("English"),
        "{said:?}"
    );
    let (page, _, _) = episode_files(&p, "watch");
    assert!(page.contains("<html lang=\"de\">") && page.contains(">Chapters</h2>"));
}
