//! The talking books: built by the real binary from a fixture project (with a hymn recording,
//! a quotation and a list), then opened as a reading system would open them.

mod common;
use common::{fixture_project, published};
use std::collections::{BTreeMap, HashSet};
use std::io::Read;
use std::path::Path;
use std::process::Command;

fn build(project: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_devocast"))
        .arg("build")
        .arg(project)
        .env("DEVOCAST_CACHE_DIR", project.join(".cache"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// A fixture project whose articles hold every shape a book shows.
fn project() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, project) = fixture_project();
    std::fs::copy(
        "tests/fixtures/clips/tone-44100-mono.ogg",
        project.join("audio/hymns/7.ogg"),
    )
    .unwrap();
    std::fs::write(
        project.join("episodes/three.md"),
        "---\ntitle: Third Evening\ndate: 2026-01-19\n---\n\nWe close the day in thanks. \
         Three things stay with us.\n\n## What Stays\n\n- His word, which does not pass.\n\
         - His people, near and far.\n- His peace & rest.\n\n> \"Cast all your anxiety on Him.\"\n\
         > (1 Pet. 5:7)\n\nAt 9:30 p.m. we pray, then sleep.\n",
    )
    .unwrap();
    (tmp, project)
}

/// Every file of a book, by name.
fn unzip(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut files = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        let name = f.name().unwrap().to_string();
        files.insert(name, bytes);
    }
    files
}

fn ms(clock: &str) -> u64 {
    let s = clock.strip_suffix('s').unwrap();
    let (whole, frac) = s.split_once('.').unwrap();
    whole.parse::<u64>().unwrap() * 1000 + frac.parse::<u64>().unwrap()
}

/// (start ms, end ms, text) of every VTT cue.
fn vtt_cues(text: &str) -> Vec<(u64, u64, String)> {
    let time = |t: &str| -> u64 {
        let (hms, frac) = t.trim().split_once('.').unwrap();
        let p: Vec<u64> = hms.split(':').map(|x| x.parse().unwrap()).collect();
        (p[0] * 3600 + p[1] * 60 + p[2]) * 1000 + frac.parse::<u64>().unwrap()
    };
    text.split("\n\n")
        .filter_map(|block| {
            let mut lines = block.lines().skip_while(|l| !l.contains("-->"));
            let (a, b) = lines.next()?.split_once("-->")?;
            let words = lines.collect::<Vec<_>>().join(" ");
            Some((time(a), time(b), unescape(&words)))
        })
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Par {
    doc: String,
    id: String,
    begin: u64,
    end: u64,
}

/// The overlays' `<par>`s in spine order, checking each one's shape on the way.
fn pars(files: &BTreeMap<String, Vec<u8>>) -> Vec<Par> {
    let opf = std::str::from_utf8(&files["EPUB/package.opf"]).unwrap();
    let opf = roxmltree::Document::parse(opf).unwrap();
    let items: BTreeMap<&str, roxmltree::Node> = opf
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .map(|n| (n.attribute("id").unwrap(), n))
        .collect();
    let mut out = Vec::new();
    for itemref in opf.descendants().filter(|n| n.has_tag_name("itemref")) {
        let item = items[itemref.attribute("idref").unwrap()];
        if itemref.attribute("linear") == Some("no") {
            // The contents page, outside the reading order.
            assert_eq!(item.attribute("properties"), Some("nav"));
            continue;
        }
        let overlay = items[item
            .attribute("media-overlay")
            .expect("a chapter has an overlay")];
        let smil_href = overlay.attribute("href").unwrap();
        // An overlay's addresses are relative to its own folder (a part of the podcast's
        // book sits in `eN/`).
        let dir = &smil_href[..smil_href.rfind('/').map_or(0, |i| i + 1)];
        let smil = std::str::from_utf8(&files[&format!("EPUB/{smil_href}")]).unwrap();
        let smil = roxmltree::Document::parse(smil).unwrap();
        for par in smil.descendants().filter(|n| n.has_tag_name("par")) {
            let text = par.children().find(|n| n.has_tag_name("text")).unwrap();
            let audio = par.children().find(|n| n.has_tag_name("audio")).unwrap();
            assert_eq!(audio.attribute("src"), Some("audio/episode.mp3"));
            let audio_href = format!("{dir}audio/episode.mp3");
            assert!(
                items
                    .values()
                    .any(|i| i.attribute("href") == Some(&audio_href)
                        && i.attribute("media-type") == Some("audio/mpeg")),
                "{audio_href} is in the manifest"
            );
            assert!(files.contains_key(&format!("EPUB/{audio_href}")));
            let (doc, id) = text.attribute("src").unwrap().split_once('#').unwrap();
            let doc = format!("{dir}{doc}");
            assert_eq!(
                doc,
                item.attribute("href").unwrap(),
                "a par points into its own document"
            );
            let (begin, end) = (
                ms(audio.attribute("clipBegin").unwrap()),
                ms(audio.attribute("clipEnd").unwrap()),
            );
            assert!(begin < end, "{id}: clip {begin}..{end}");
            out.push(Par {
                doc: doc.to_string(),
                id: id.to_string(),
                begin,
                end,
            });
        }
    }
    out
}

/// The text of every element with an id in a content document.
fn sentences(xhtml: &[u8]) -> BTreeMap<String, String> {
    let text = std::str::from_utf8(xhtml).unwrap();
    let doc = roxmltree::Document::parse_with_options(
        text,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("span"))
        .filter_map(|n| {
            let id = n.attribute("id")?;
            let words: String = n
                .descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .collect();
            Some((id.to_string(), words))
        })
        .collect()
}

#[test]
fn every_transcript_sentence_has_one_par_timed_as_the_vtt() {
    let (_tmp, project) = project();
    build(&project);
    for slug in ["one", "two", "three"] {
        let book = project.join(format!("feed/{slug}.epub"));
        let files = unzip(&book);
        let pars = pars(&files);
        // Each sentence id appears in exactly one par.
        let mut seen = HashSet::new();
        for p in &pars {
            assert!(
                seen.insert((p.doc.clone(), p.id.clone())),
                "{slug}: {} twice",
                p.id
            );
        }
        let mut texts = BTreeMap::new();
        for doc in pars.iter().map(|p| p.doc.clone()).collect::<HashSet<_>>() {
            for (id, text) in sentences(&files[&format!("EPUB/{doc}")]) {
                texts.insert((doc.clone(), id), text);
            }
        }
        assert_eq!(
            texts.len(),
            pars.len(),
            "{slug}: every sentence of the books' text has a par, and no par lacks one"
        );
        // Walk the VTT: a sentence is one cue or several consecutive cues (long sentences are
        // split into captions); its par must start with the first and end with the last, to
        // the millisecond.
        let vtt = std::fs::read_to_string(published(&project, slug).vtt).unwrap();
        let cues = vtt_cues(&vtt);
        let mut c = 0;
        for p in &pars {
            let want = squash(&texts[&(p.doc.clone(), p.id.clone())]);
            assert!(c < cues.len(), "{slug}: the VTT ends before `{want}`");
            let (begin, mut end, mut got) = cues[c].clone();
            c += 1;
            while squash(&got) != want {
                assert!(
                    want.starts_with(&squash(&got)) && c < cues.len(),
                    "{slug}: the VTT has `{got}` where the book has `{want}`"
                );
                got = format!("{got} {}", cues[c].2);
                end = cues[c].1;
                c += 1;
            }
            assert_eq!((p.begin, p.end), (begin, end), "{slug}: `{want}`");
        }
        assert_eq!(c, cues.len(), "{slug}: VTT cues with no par");
        // The hymn's words are shown while its recording plays.
        if slug == "one" {
            let stanza: Vec<&Par> = pars
                .iter()
                .filter(|p| texts[&(p.doc.clone(), p.id.clone())].contains("in His care"))
                .collect();
            assert_eq!(stanza.len(), 1);
        }
    }
}

#[test]
fn books_are_complete_packages_and_identical_on_rebuild() {
    let (_tmp, project) = project();
    build(&project);
    let book = project.join("feed/three.epub");
    let bytes = std::fs::read(&book).unwrap();
    // `mimetype` first, stored, with no extra field: how reading systems recognise EPUB.
    assert_eq!(&bytes[0..4], b"PK\x03\x04");
    assert_eq!(
        u16::from_le_bytes([bytes[8], bytes[9]]),
        0,
        "mimetype is stored"
    );
    assert_eq!(
        u16::from_le_bytes([bytes[28], bytes[29]]),
        0,
        "no extra field"
    );
    assert_eq!(&bytes[30..38], b"mimetype");
    assert_eq!(&bytes[38..58], b"application/epub+zip");

    let files = unzip(&book);
    let opf = std::str::from_utf8(&files["EPUB/package.opf"]).unwrap();
    for needed in [
        "<meta property=\"schema:accessMode\">textual</meta>",
        "<meta property=\"schema:accessMode\">auditory</meta>",
        "<meta property=\"schema:accessibilityFeature\">synchronizedAudioText</meta>",
        "<meta property=\"schema:accessibilityHazard\">none</meta>",
        "<meta property=\"media:active-class\">-epub-media-overlay-active</meta>",
        "<dc:title>Third Evening</dc:title>",
        "<dc:creator>Test Author</dc:creator>",
        "<dc:date>2026-01-19</dc:date>",
    ] {
        assert!(opf.contains(needed), "package.opf lacks {needed}\n{opf}");
    }
    assert!(
        opf.contains("schema:accessibilitySummary"),
        "package.opf lacks a summary"
    );
    assert!(
        String::from_utf8_lossy(&files["EPUB/style.css"]).contains("-epub-media-overlay-active")
    );
    // The identity is the feed's guid, so a reading system keeps its place across rebuilds.
    let feed = std::fs::read_to_string(project.join("feed/feed.xml")).unwrap();
    let channel = rss::Channel::read_from(feed.as_bytes()).unwrap();
    let item = channel
        .items()
        .iter()
        .find(|i| i.title() == Some("Third Evening"))
        .unwrap();
    let guid = item.guid().unwrap().value();
    assert!(
        opf.contains(&format!(
            "<dc:identifier id=\"uid\">urn:uuid:{}",
            guid.trim_start_matches("urn:uuid:")
        )),
        "{opf}"
    );
    // The package carries the published MP3 itself, byte for byte.
    assert_eq!(
        files["EPUB/audio/episode.mp3"],
        std::fs::read(published(&project, "three").mp3).unwrap()
    );
    // The durations add up: the whole package's equals the overlays' sum.
    let durations: Vec<f64> = opf
        .match_indices("<meta property=\"media:duration\"")
        .map(|(i, _)| {
            let rest = &opf[i..];
            let v = &rest[rest.find('>').unwrap() + 1..rest.find("</meta>").unwrap()];
            let p: Vec<f64> = v.split(':').map(|x| x.parse().unwrap()).collect();
            p[0] * 3600.0 + p[1] * 60.0 + p[2]
        })
        .collect();
    let parts: f64 = durations[1..].iter().sum();
    assert!((durations[0] - parts).abs() < 0.0005, "{durations:?}");
    // The navigation document lists every chapter; the page and show notes link the book.
    let nav = String::from_utf8_lossy(&files["EPUB/nav.xhtml"]);
    assert!(
        nav.contains(">Third Evening</a>") && nav.contains(">What Stays</a>"),
        "{nav}"
    );
    let page = std::fs::read_to_string(project.join("feed/three.html")).unwrap();
    assert!(
        page.contains("href=\"three.epub\""),
        "the page links the book"
    );
    assert!(
        item.content().is_some_and(|c| c.contains("three.epub")),
        "the show notes link the book"
    );
    // An unchanged rebuild leaves the same bytes (and the file untouched).
    let before = std::fs::metadata(&book).unwrap().modified().unwrap();
    build(&project);
    assert_eq!(
        std::fs::metadata(&book).unwrap().modified().unwrap(),
        before
    );
    // Built again from nothing (cache and all), the same inputs give the same bytes.
    std::fs::remove_dir_all(project.join("feed")).unwrap();
    std::fs::remove_dir_all(project.join(".devocast")).unwrap();
    std::fs::remove_dir_all(project.join(".cache")).unwrap();
    build(&project);
    assert_eq!(
        std::fs::read(&book).unwrap(),
        bytes,
        "same inputs, same book"
    );
}

#[test]
fn books_go_when_switched_off_or_their_article_goes() {
    let (_tmp, project) = project();
    // No retention window: files of earlier feeds go as soon as the feed before the current
    // one no longer names them (the window itself is tested in tests/retention.rs).
    let config = project.join("devocast.toml");
    let toml = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{toml}\n[publish]\nretention_days = 0\n")).unwrap();
    build(&project);
    assert!(project.join("feed/one.epub").is_file());
    // The article removed: its book goes with its other files.
    std::fs::remove_file(project.join("episodes/three.md")).unwrap();
    build(&project);
    // Kept while the previous feed names it (for apps that read that feed a moment before
    // it changed), removed once the feed changes again.
    assert!(project.join("feed/three.epub").exists());
    let edit = |n: u32| {
        let two = project.join("episodes/two.txt");
        let text = std::fs::read_to_string(&two).unwrap();
        std::fs::write(&two, format!("{text}\nAmen, {n}.\n")).unwrap();
    };
    edit(1);
    build(&project);
    assert!(!project.join("feed/three.epub").exists());
    // Books switched off: none left, and no page links one.
    let config = project.join("devocast.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}\n[book]\nepub = false\n")).unwrap();
    build(&project);
    edit(2);
    build(&project);
    assert!(!project.join("feed/one.epub").exists());
    let page = std::fs::read_to_string(project.join("feed/one.html")).unwrap();
    assert!(
        !page.contains(".epub"),
        "no link to a book that is not there"
    );
}

/// Runs `devocast book` with `args`.
fn book(project: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_devocast"))
        .arg("book")
        .arg(project)
        .args(args)
        .output()
        .unwrap()
}

fn clean(project: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_devocast"))
        .arg("clean")
        .arg(project)
        .output()
        .unwrap()
}

/// The seconds of every `media:duration` in a package, the whole first.
fn durations(opf: &str) -> Vec<f64> {
    opf.match_indices("<meta property=\"media:duration\"")
        .map(|(i, _)| {
            let rest = &opf[i..];
            let v = &rest[rest.find('>').unwrap() + 1..rest.find("</meta>").unwrap()];
            let p: Vec<f64> = v.split(':').map(|x| x.parse().unwrap()).collect();
            p[0] * 3600.0 + p[1] * 60.0 + p[2]
        })
        .collect()
}

#[test]
fn the_whole_podcast_is_one_book_of_its_episodes_books() {
    let (tmp, project) = project();
    let out = book(&project, &[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("devocast build"), "{err}");

    build(&project);
    let out = book(&project, &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("3 episodes"), "{stdout}");
    let path = project.join("feed/book/fixture-podcast.epub");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!(&bytes[30..58], b"mimetypeapplication/epub+zip");
    let files = unzip(&path);

    // Oldest first: each part is its episode's own book, overlays and audio unchanged.
    let feed = std::fs::read_to_string(project.join("feed/feed.xml")).unwrap();
    let channel = rss::Channel::read_from(feed.as_bytes()).unwrap();
    let mut slugs: Vec<(chrono::DateTime<chrono::FixedOffset>, String)> = channel
        .items()
        .iter()
        .map(|i| {
            let date = chrono::DateTime::parse_from_rfc2822(i.pub_date().unwrap()).unwrap();
            let mp3 = i.enclosure().unwrap().url().rsplit('/').next().unwrap();
            (date, mp3.split('.').next().unwrap().to_string())
        })
        .collect();
    slugs.sort();
    let whole = pars(&files);
    let nav = String::from_utf8_lossy(&files["EPUB/nav.xhtml"]).into_owned();
    // Each part's folder, in the contents page's order.
    let folders: Vec<String> = nav
        .match_indices("<li><a href=\"")
        .filter_map(|(i, m)| nav[i + m.len()..].split('"').next())
        .filter_map(|href| href.strip_suffix("/chapter-1.xhtml"))
        .map(str::to_string)
        .collect();
    assert_eq!(folders.len(), 3, "{nav}");
    let mut total = 0.0;
    for (n, (_, slug)) in slugs.iter().enumerate() {
        let own = unzip(&project.join(format!("feed/{slug}.epub")));
        let dir = format!("{}/", folders[n]);
        let in_whole: Vec<(String, String, u64, u64)> = whole
            .iter()
            .filter(|p| p.doc.starts_with(&dir))
            .map(|p| (p.doc[dir.len()..].to_string(), p.id.clone(), p.begin, p.end))
            .collect();
        let in_own: Vec<(String, String, u64, u64)> = pars(&own)
            .into_iter()
            .map(|p| (p.doc, p.id, p.begin, p.end))
            .collect();
        assert_eq!(in_whole, in_own, "part {dir} is {slug}'s book");
        assert_eq!(
            files[&format!("EPUB/{dir}audio/episode.mp3")],
            std::fs::read(published(&project, slug).mp3).unwrap()
        );
        let title = channel
            .items()
            .iter()
            .find(|i| i.enclosure().unwrap().url().contains(&format!("/{slug}.")))
            .unwrap()
            .title()
            .unwrap()
            .to_string();
        for (name, content) in &own {
            if let Some(rest) = name.strip_prefix("EPUB/chapter-") {
                let copy = &files[&format!("EPUB/{dir}chapter-{rest}")];
                if rest.ends_with(".smil") {
                    assert_eq!(copy, content);
                } else {
                    // The page, with its episode named in its title (unless that is its
                    // title already: no "Welcome — Welcome").
                    let copy = String::from_utf8(copy.clone()).unwrap();
                    let named = format!("<title>{title} — ");
                    let own = String::from_utf8_lossy(content);
                    if own.contains(&format!("<title>{title}</title>")) {
                        assert_eq!(copy, own);
                    } else {
                        assert!(copy.contains(&named), "{copy}");
                        assert_eq!(copy.replace(&named, "<title>").as_bytes(), &content[..]);
                    }
                }
            }
        }
        total += durations(std::str::from_utf8(&own["EPUB/package.opf"]).unwrap())[0];
        // Every sentence a par names is in its document.
        for p in whole.iter().filter(|p| p.doc.starts_with(&dir)) {
            let doc = sentences(&files[&format!("EPUB/{}", p.doc)]);
            assert!(doc.contains_key(&p.id), "{} has {}", p.doc, p.id);
        }
    }
    let opf = std::str::from_utf8(&files["EPUB/package.opf"]).unwrap();
    let d = durations(opf);
    assert!((d[0] - total).abs() < 0.002, "{} vs {total}", d[0]);
    assert!((d[0] - d[1..].iter().sum::<f64>()).abs() < 0.0005);
    // Every manifest item is in the package, and the contents page nests each episode's
    // chapters under its title.
    let doc = roxmltree::Document::parse(opf).unwrap();
    for item in doc.descendants().filter(|n| n.has_tag_name("item")) {
        let href = item.attribute("href").unwrap();
        assert!(files.contains_key(&format!("EPUB/{href}")), "{href}");
    }
    let third = &folders[slugs.iter().position(|s| s.1 == "three").unwrap()];
    assert!(
        nav.contains(&format!("<li><a href=\"{third}/chapter-1.xhtml\">Third Evening</a>\n<ol>\n<li><a href=\"{third}/chapter-2.xhtml\">What Stays</a>")),
        "{nav}"
    );
    assert!(opf.contains("every episode"), "{opf}");

    // Made again from the same books: the same bytes.
    assert!(book(&project, &[]).status.success());
    assert_eq!(std::fs::read(&path).unwrap(), bytes);

    // The newest only, where asked.
    let one = tmp.path().join("newest.epub");
    let out = book(&project, &["--last", "1", "--out", one.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files = unzip(&one);
    // The newest episode, in the same folder as in the whole book: a reader's place in it
    // holds in either.
    let newest = &folders[2];
    assert!(files.contains_key(&format!("EPUB/{newest}/chapter-1.xhtml")));
    assert!(!files
        .keys()
        .any(|k| k.starts_with(&format!("EPUB/{}/", folders[1]))));
    assert_eq!(
        files[&format!("EPUB/{newest}/audio/episode.mp3")],
        std::fs::read(published(&project, &slugs[2].1).mp3).unwrap()
    );
    let id = |files: &BTreeMap<String, Vec<u8>>| {
        let opf = String::from_utf8_lossy(&files["EPUB/package.opf"]).into_owned();
        opf[opf.find("urn:uuid:").unwrap()..]
            .split('<')
            .next()
            .unwrap()
            .to_string()
    };
    assert_ne!(
        id(&files),
        id(&unzip(&path)),
        "the newest one is another book"
    );
    let opf = String::from_utf8_lossy(&files["EPUB/package.opf"]).into_owned();
    assert!(
        opf.contains("<dc:title>Fixture Podcast: the newest 1 episode</dc:title>"),
        "{opf}"
    );
    // Asking for more than there are is the whole podcast: the same book.
    let all = tmp.path().join("all.epub");
    assert!(
        book(&project, &["--last", "9", "--out", all.to_str().unwrap()])
            .status
            .success()
    );
    assert_eq!(std::fs::read(&all).unwrap(), bytes);

    // Books switched off: said so.
    let config = project.join("devocast.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}\n[book]\nepub = false\n")).unwrap();
    let out = book(&project, &[]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("epub = false"));

    // `clean` removes the book it wrote into the output folder, not the one written
    // elsewhere.
    let out = clean(&project);
    assert!(out.status.success());
    assert!(!path.exists() && !project.join("feed/book").exists());
    assert!(!project.join("feed").exists(), "nothing of devocast's left");
    assert!(one.is_file());
}

/// Where `--out` would overwrite a source, something the feed publishes, devocast's own
/// state, a folder or a device, nothing is written or recorded; a write that fails leaves
/// no record, and `clean` keeps a folder found where a book was.
#[cfg(unix)]
#[test]
fn a_book_never_lands_on_what_it_must_not_overwrite() {
    let (_tmp, project) = project();
    build(&project);
    let snapshot = |p: &Path| -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        for dir in ["episodes", "audio/hymns", "feed"] {
            for e in std::fs::read_dir(p.join(dir)).unwrap().flatten() {
                if e.path().is_file() {
                    out.insert(
                        e.path().display().to_string(),
                        std::fs::read(e.path()).unwrap(),
                    );
                }
            }
        }
        for f in ["devocast.toml", "published.toml"] {
            out.insert(f.into(), std::fs::read(p.join(f)).unwrap_or_default());
        }
        out
    };
    let before = snapshot(&project);
    std::fs::create_dir(project.join("feed/folder.epub")).unwrap();
    std::os::unix::fs::symlink("/dev/full", project.join("feed/device.epub")).unwrap();
    let books = project.join(".devocast/books.json");
    for (out, why) in [
        ("episodes/one.md", ".epub"),
        ("devocast.toml", ".epub"),
        ("feed/feed.xml", ".epub"),
        ("feed/index.html", ".epub"),
        ("episodes/one.epub", "inside podcast.episodes_dir"),
        ("episodes/new/book.epub", "inside podcast.episodes_dir"),
        ("audio/hymns/7.epub", "inside production.hymns_dir"),
        ("masters/book.epub", "podcast.masters_dir"),
        (".devocast/book.epub", "the state folder"),
        ("feed/one.epub", "a file the feed publishes"),
        ("feed/three.epub", "a file the feed publishes"),
        ("feed/folder.epub", "is a folder"),
        ("feed/device.epub", "not a regular file"),
        ("feed/ONE.EPUB", "a file the feed publishes"),
        ("feed/j.epub/.", "names a folder"),
        ("audio/new.epub", "outside its output folder"),
        ("book.epub", "outside its output folder"),
    ] {
        let target = project.join(out);
        let run = book(&project, &["--out", target.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(!run.status.success(), "{out} was accepted");
        assert!(err.contains(why), "{out}: {err}");
        assert!(err.contains(out), "the error names {out}: {err}");
        assert!(
            !std::fs::read_to_string(&books)
                .unwrap_or_default()
                .contains(out),
            "{out} recorded"
        );
    }
    assert!(!project.join("episodes/new").exists());
    assert!(project.join("feed/folder.epub").is_dir());
    assert_eq!(before, snapshot(&project), "nothing touched");

    // Through a link to a source folder: refused as well.
    {
        std::os::unix::fs::symlink(project.join("episodes"), project.join("feed/sources")).unwrap();
        let run = book(
            &project,
            &[
                "--out",
                project.join("feed/sources/x.epub").to_str().unwrap(),
            ],
        );
        assert!(!run.status.success());
        assert!(String::from_utf8_lossy(&run.stderr).contains("podcast.episodes_dir"));
        assert!(!project.join("episodes/x.epub").exists());
        std::fs::remove_file(project.join("feed/sources")).unwrap();
    }

    // A write that fails (an episode's book damaged) leaves no record, no temporary file
    // and none of the folders made for it.
    let three = std::fs::read(project.join("feed/three.epub")).unwrap();
    std::fs::write(project.join("feed/three.epub"), b"not a book").unwrap();
    for out in [None, Some("feed/q1/q2/z.epub")] {
        let args: Vec<String> = out
            .map(|o| vec!["--out".into(), project.join(o).display().to_string()])
            .unwrap_or_default();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert!(!book(&project, &args).status.success());
    }
    assert!(!project.join("feed/book").exists() && !project.join("feed/q1").exists());
    assert!(!std::fs::read_to_string(&books)
        .unwrap_or_default()
        .contains("feed/"));
    std::fs::write(project.join("feed/three.epub"), three).unwrap();

    // A book whose name an episode takes later: the episode's book is never overwritten.
    let zzz = project.join("feed/zzz.epub");
    assert!(book(&project, &["--out", zzz.to_str().unwrap()])
        .status
        .success());
    std::fs::write(
        project.join("episodes/zzz.md"),
        "---\ntitle: Late Word\ndate: 2026-01-20\n---\n\nA late and short word.\n",
    )
    .unwrap();
    build(&project);
    let episode_book = std::fs::read(&zzz).unwrap();
    let run = book(&project, &["--out", zzz.to_str().unwrap()]);
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("a file the feed publishes"));
    assert_eq!(std::fs::read(&zzz).unwrap(), episode_book);
    assert!(
        book(&project, &[]).status.success(),
        "the episode's book is whole"
    );

    // A folder made where a recorded book was: `clean` keeps it and still cleans the rest.
    assert!(book(&project, &[]).status.success());
    let made = project.join("feed/book/fixture-podcast.epub");
    std::fs::remove_file(&made).unwrap();
    std::fs::create_dir(&made).unwrap();
    let out = clean(&project);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("kept    feed/book/fixture-podcast.epub"),
        "{stdout}"
    );
    assert!(made.is_dir() && !project.join("feed/one.epub").exists());
    for f in ["episodes/one.md", "episodes/three.md", "devocast.toml"] {
        assert!(project.join(f).is_file(), "{f}");
    }
}

/// Episodes of one date stand in the book as in the feed, read backwards, so the newest
/// N are the feed's first N.
#[test]
fn the_book_keeps_the_feeds_order_among_episodes_of_one_day() {
    let (tmp, project) = project();
    for slug in ["alpha", "zulu"] {
        std::fs::write(
            project.join(format!("episodes/{slug}.md")),
            format!(
                "---\ntitle: Day {slug}\ndate: 2026-01-19\n---\n\nOne short thought for {slug}.\n"
            ),
        )
        .unwrap();
    }
    build(&project);
    let feed = std::fs::read_to_string(project.join("feed/feed.xml")).unwrap();
    let channel = rss::Channel::read_from(feed.as_bytes()).unwrap();
    let titles: Vec<String> = channel
        .items()
        .iter()
        .map(|i| i.title().unwrap().to_string())
        .collect();
    let nav_titles = |path: &Path| -> Vec<String> {
        let nav = String::from_utf8(unzip(path)["EPUB/nav.xhtml"].clone()).unwrap();
        nav.match_indices("<li><a href=\"")
            .map(|(i, m)| &nav[i + m.len()..])
            .filter_map(|l| l.split_once("\">"))
            .filter(|(href, _)| href.ends_with("/chapter-1.xhtml"))
            .map(|(_, text)| text[..text.find("</a>").unwrap()].to_string())
            .collect()
    };
    assert!(book(&project, &[]).status.success());
    let mut all = nav_titles(&project.join("feed/book/fixture-podcast.epub"));
    all.reverse();
    assert_eq!(all, titles);
    let two = tmp.path().join("two.epub");
    assert!(
        book(&project, &["--last", "2", "--out", two.to_str().unwrap()])
            .status
            .success()
    );
    let mut newest = nav_titles(&two);
    newest.reverse();
    assert_eq!(newest, titles[..2]);
}

/// `clean` removes a book only where its recorded path still leads: through a folder
/// swapped for a link it would reach the producer's files. Folders made for books go too.
#[cfg(unix)]
#[test]
fn clean_follows_no_link_where_a_book_folder_was() {
    let (tmp, project) = project();
    build(&project);
    assert!(book(&project, &[]).status.success());
    let nested = project.join("feed/n1/n2/k.epub");
    assert!(book(&project, &["--out", nested.to_str().unwrap()])
        .status
        .success());
    // The producer's own file of the book's name, and the book folder made a link to it.
    std::fs::write(project.join("audio/fixture-podcast.epub"), b"mine").unwrap();
    std::fs::remove_dir_all(project.join("feed/book")).unwrap();
    std::os::unix::fs::symlink("../audio", project.join("feed/book")).unwrap();
    let out = clean(&project);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read(project.join("audio/fixture-podcast.epub")).unwrap(),
        b"mine"
    );
    assert!(!project.join("feed/n1").exists(), "{stdout}");
    assert!(project.join("audio/hymns/7.ogg").is_file());
    // And again: nothing left to trip on.
    assert!(clean(&project).status.success());
    drop(tmp);
}
