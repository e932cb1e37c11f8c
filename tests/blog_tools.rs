//! A content folder as Jekyll, Hugo, Zola, Eleventy and WordPress exporters leave it, built
//! by the real binary: front matter in its three languages is never read aloud, drafts by
//! every tool's word stay back, dates come from where each tool writes them, an expired
//! episode leaves the feed with a note, and an article's author and artwork reach every file.

mod common;
use common::{fixture_project, local, published};
use id3::TagLike;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::Command;

fn build(project: &Path) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_devocast"))
        .arg("build")
        .arg(project)
        .env("DEVOCAST_CACHE_DIR", project.join(".cache"))
        .output()
        .unwrap();
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn write(project: &Path, name: &str, text: &str) {
    let path = project.join("episodes").join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The feed's items by slug (read from each item's page link).
fn items(project: &Path) -> BTreeMap<String, rss::Item> {
    let xml = std::fs::read(project.join("feed/feed.xml")).unwrap();
    let channel = rss::Channel::read_from(&xml[..]).unwrap();
    channel
        .items()
        .iter()
        .map(|i| {
            let link = i.link().unwrap();
            let slug = link.rsplit('/').next().unwrap().trim_end_matches(".html");
            (slug.to_string(), i.clone())
        })
        .collect()
}

/// The text of one file inside a zip (the talking book).
fn unzip_text(path: &Path, suffix: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.name().unwrap().ends_with(suffix) {
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            return s;
        }
    }
    panic!("no {suffix} in {}", path.display());
}

/// A content folder of blog posts: one of each tool's ways, and one broken.
fn blog_project() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, project) = fixture_project();
    for f in std::fs::read_dir(project.join("episodes")).unwrap() {
        std::fs::remove_file(f.unwrap().path()).unwrap();
    }
    // Jekyll: the date is in the file name only; keys of its own pass without a word.
    write(
        &project,
        "2026-01-15-grace-upon-grace.md",
        "---\nlayout: post\ntitle: \"Grace upon Grace\"\nauthor: Ruth Anders\ntags: [grace, gift]\n\
         permalink: /grace/\ncomments: true\npublished: true\n---\n\nOf His fullness we have all \
         received. Grace is given, not earned.\n",
    );
    // Hugo with TOML: a date with its offset, two authors, its own square cover beside it.
    std::fs::create_dir_all(project.join("episodes/art")).unwrap();
    std::fs::write(
        project.join("episodes/art/lamp.png"),
        devocast::publish::cover::generate("Lamp").unwrap(),
    )
    .unwrap();
    write(
        &project,
        "lamp.md",
        "+++\ntitle = \"A Lamp to My Feet\"\ndate = 2026-01-20T06:30:00-05:00\n\
         authors = [\"Tomas Reyes\", \"Ana Ruiz\"]\ncover = \"art/lamp.png\"\ncategories = [\"Psalms\"]\n\
         weight = 3\nslug = \"lamp\"\n[menu.main]\nparent = \"posts\"\n+++\n\n\
         Your word is a lamp to my feet. It shows the next step, not the whole road.\n",
    );
    // Hugo with JSON front matter, on a plain-text article, out of date since February.
    write(
        &project,
        "season.txt",
        "{\n  \"title\": \"A Season Past\",\n  \"date\": \"2026-01-10\",\n  \"expiryDate\": \"2026-02-01\"\n}\n\n\
         For everything there is a season.\n",
    );
    // Held back, each by another tool's word.
    write(
        &project,
        "private.md",
        "---\ntitle: Not Yet\nstatus: private\ndate: 2026-01-02\n---\n\nHeld.\n",
    );
    write(
        &project,
        "unpublished.txt",
        "---\ntitle: Not Either\npublished: \"false\"\n---\n\nHeld too.\n",
    );
    // Eleventy's date after `publishDate`, and a misspelt key.
    write(
        &project,
        "rest.md",
        "---\ntitel: Rest\npubDate: 2026-01-25 07:00:00 +0100\neleventyNavigation:\n  key: rest\n---\n\n\
         Come to me, all who are weary.\n",
    );
    // Broken TOML: this episode fails, naming its file and line; the others go out.
    write(
        &project,
        "broken.md",
        "+++\ntitle = \"Broken\"\ndate = \n+++\n\nNot read.\n",
    );
    (tmp, project)
}

#[test]
fn a_blog_s_content_folder_builds_as_its_tools_mean_it() {
    let (_tmp, project) = blog_project();
    let (ok, out) = build(&project);
    assert!(!ok, "a broken article fails the build:\n{out}");
    // The broken one is named with its line; the rest were built.
    assert!(
        out.contains("broken.md") && out.contains("front matter line 3"),
        "{out}"
    );
    let items = items(&project);
    let slugs: Vec<&str> = items.keys().map(String::as_str).collect();
    assert_eq!(
        slugs,
        ["2026-01-15-grace-upon-grace", "lamp", "rest"],
        "{out}"
    );
    // Drafts are reported as drafts, with the word that held them; the expired one is noted.
    for said in [
        "`status: private`",
        "`published: false`",
        "expired on February 1, 2026",
    ] {
        assert!(out.contains(said), "{said}:\n{out}");
    }
    // A likely typo is named with its file and line; the tools' own keys are not.
    assert!(
        out.contains("line 2") && out.contains("did you mean `title`?"),
        "{out}"
    );
    for quiet in [
        "`layout`",
        "`permalink`",
        "`weight`",
        "`menu`",
        "eleventyNavigation",
    ] {
        assert!(!out.contains(quiet), "{quiet} warned about:\n{out}");
    }

    // Dates: the file name's, `date` with its offset as written, `pubDate`.
    let day = |slug: &str| items[slug].pub_date().unwrap().to_string();
    assert!(day("2026-01-15-grace-upon-grace").contains("15 Jan 2026"));
    assert!(day("lamp").contains("20 Jan 2026"));
    assert!(day("rest").contains("25 Jan 2026"));

    // Front matter is never spoken: the transcripts hold the body only.
    for slug in ["2026-01-15-grace-upon-grace", "lamp", "rest"] {
        let vtt = std::fs::read_to_string(published(&project, slug).vtt).unwrap();
        for word in [
            "layout",
            "+++",
            "title =",
            "permalink",
            "authors",
            "pubDate",
            "titel",
        ] {
            assert!(!vtt.contains(word), "{slug} speaks {word:?}:\n{vtt}");
        }
    }

    // The author reaches the item, its people, the MP3's artist and the book's creator.
    let grace = &items["2026-01-15-grace-upon-grace"];
    let it = grace.itunes_ext().unwrap();
    assert_eq!(it.author(), Some("Ruth Anders"));
    assert_eq!(it.keywords(), Some("grace,gift"));
    let people: Vec<(&str, &str)> = grace.extensions()["podcast"]["person"]
        .iter()
        .map(|p| (p.value().unwrap(), p.attrs()["role"].as_str()))
        .collect();
    assert_eq!(people, [("Ruth Anders", "author")]);
    let files = published(&project, "2026-01-15-grace-upon-grace");
    let tag = id3::Tag::read_from_path(&files.mp3).unwrap();
    assert_eq!(tag.artist(), Some("Ruth Anders"));
    let book = project.join("feed/2026-01-15-grace-upon-grace.epub");
    let opf = unzip_text(&book, ".opf");
    assert!(opf.contains(">Ruth Anders</dc:creator>"), "{opf}");
    let page = std::fs::read_to_string(&files.page).unwrap();
    assert!(page.contains("By Ruth Anders"), "{page}");

    // Two authors, and the episode's own artwork: in the item, beside the page, in the MP3.
    let lamp = &items["lamp"];
    let it = lamp.itunes_ext().unwrap();
    assert_eq!(it.author(), Some("Tomas Reyes, Ana Ruiz"));
    assert_eq!(lamp.extensions()["podcast"]["person"].len(), 2);
    let image = it.image().expect("the episode's own itunes:image");
    assert!(
        image.starts_with("https://example.org/pod/lamp."),
        "{image}"
    );
    let art = local(&project, image);
    assert_eq!(
        std::fs::read(&art).unwrap(),
        std::fs::read(project.join("episodes/art/lamp.png")).unwrap()
    );
    let lamp_files = published(&project, "lamp");
    let tag = id3::Tag::read_from_path(&lamp_files.mp3).unwrap();
    let pictures: Vec<_> = tag.pictures().collect();
    let podcast_cover_tag = id3::Tag::read_from_path(&files.mp3).unwrap();
    let podcast_cover: Vec<_> = podcast_cover_tag.pictures().collect();
    assert_eq!(pictures.len(), 1);
    assert_ne!(
        pictures[0].data, podcast_cover[0].data,
        "the MP3 keeps the podcast's cover"
    );
    let page = std::fs::read_to_string(&lamp_files.page).unwrap();
    assert!(page.contains(art.file_name().unwrap().to_str().unwrap()));
    // An article without an author keeps the podcast's.
    let rest = published(&project, "rest");
    let tag = id3::Tag::read_from_path(&rest.mp3).unwrap();
    assert_eq!(tag.artist(), Some("Test Author"));
    assert!(items["rest"].itunes_ext().unwrap().author().is_none());
}

#[test]
fn artwork_podcast_apps_would_refuse_is_named_and_the_cover_kept() {
    let (_tmp, project) = fixture_project();
    std::fs::write(project.join("episodes/banner.png"), {
        // A wide banner, as blog themes use: 1400×700.
        let mut png = devocast::publish::cover::generate("Banner").unwrap();
        png[20..24].copy_from_slice(&700u32.to_be_bytes());
        png
    })
    .unwrap();
    let one = std::fs::read_to_string(project.join("episodes/one.md")).unwrap();
    std::fs::write(
        project.join("episodes/one.md"),
        one.replacen("---\n", "---\nimage: banner.png\n", 1),
    )
    .unwrap();
    std::fs::write(
        project.join("episodes/two.txt"),
        format!(
            "---\ncover: missing/nowhere.jpg\n---\n{}",
            std::fs::read_to_string(project.join("episodes/two.txt")).unwrap()
        ),
    )
    .unwrap();
    let (ok, out) = build(&project);
    assert!(ok, "{out}");
    assert!(
        out.contains("banner.png") && out.contains("1400×700") && out.contains("square"),
        "{out}"
    );
    assert!(
        out.contains("missing/nowhere.jpg") && out.contains("not there"),
        "{out}"
    );
    for (_, item) in items(&project) {
        assert_eq!(item.itunes_ext().unwrap().image(), None);
    }
    // The picture is one of the episode's inputs: made square, the unchanged article takes it.
    std::fs::write(
        project.join("episodes/banner.png"),
        devocast::publish::cover::generate("Square now").unwrap(),
    )
    .unwrap();
    let (ok, out) = build(&project);
    assert!(ok, "{out}");
    assert!(!out.contains("banner.png"), "{out}");
    let items = items(&project);
    let image = items["one"].itunes_ext().unwrap().image().unwrap();
    assert!(local(&project, image).is_file(), "{image}");
    assert_eq!(items["two"].itunes_ext().unwrap().image(), None);
}
