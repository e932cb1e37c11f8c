//! `devocast import`: a WordPress export, an RSS feed and an Atom feed (fixtures written for
//! the project) become articles; re-importing keeps step with the blog and never overwrites
//! a producer's edit; filters; bad sources; a feed fetched from a (local) server.

mod common;
use common::{file_server, fixture_project, Serve};
use devocast::article::{self, Block};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const WXR: &str = "tests/fixtures/import/blog.wxr.xml";
const RSS: &str = "tests/fixtures/import/blog.rss.xml";
const ATOM: &str = "tests/fixtures/import/blog.atom.xml";

fn devocast(args: &[&str], project: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_devocast"))
        .args(args)
        .arg(project)
        .env("DEVOCAST_CACHE_DIR", project.join(".cache"))
        .output()
        .unwrap()
}

fn ok(out: &Output) -> (String, String) {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stdout}\n{stderr}");
    (stdout, stderr)
}

/// The fixture project without its own articles.
fn empty_project() -> (tempfile::TempDir, PathBuf) {
    let (tmp, p) = fixture_project();
    for f in ["one.md", "two.txt"] {
        std::fs::remove_file(p.join("episodes").join(f)).unwrap();
    }
    (tmp, p)
}

fn episodes(p: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(p.join("episodes"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn all_text(a: &article::Article) -> String {
    format!("{:?}", a.sections)
}

fn headings(a: &article::Article) -> Vec<String> {
    a.sections
        .iter()
        .filter_map(|s| s.heading.clone())
        .collect()
}

#[test]
fn a_wordpress_export_becomes_articles_of_its_published_posts() {
    let (_t, p) = empty_project();
    let (out, err) = ok(&devocast(&["import", WXR], &p));
    assert!(out.contains("(WordPress export)"), "{out}");
    assert!(
        out.contains("imported: 3 new, 0 updated, 0 unchanged"),
        "{out}"
    );
    for skipped in [
        "1 attachment",
        "2 comments",
        "1 draft",
        "1 nav menu item",
        "1 page",
        "1 post without text",
        "1 private post",
    ] {
        assert!(out.contains(skipped), "{skipped} not counted: {out}");
    }
    // The post with only pictures is named, with its line in the export.
    assert!(
        err.contains("blog.wxr.xml` line 191") && err.contains("Pictures from the Retreat"),
        "{err}"
    );
    assert_eq!(
        episodes(&p),
        [
            "2024-02-01-café-conversations.html",
            "2024-03-05-a-lamp-before-dawn.html",
            "2024-03-12-kept-for-a-purpose-2.html",
        ]
    );
    for f in episodes(&p) {
        let raw = std::fs::read_to_string(p.join("episodes").join(&f)).unwrap();
        for junk in [
            "<!-- wp:", "[caption", "[audio", "[gallery", "[vc_", "<script", "<iframe", "<img",
        ] {
            assert!(!raw.contains(junk), "{junk} left in {f}");
        }
    }

    // A classic post: paragraphs from blank lines, shortcodes gone (a layout shortcode's
    // words kept), the stanza with its hymn number, headings as chapters.
    let a = article::load(&p.join("episodes/2024-03-05-a-lamp-before-dawn.html")).unwrap();
    assert_eq!(a.title, "A Lamp Before Dawn");
    assert_eq!(a.date.unwrap().to_string(), "2024-03-05", "the GMT date");
    assert_eq!(a.author().as_deref(), Some("Ruth Aldersey"));
    assert_eq!(
        a.link.as_deref(),
        Some("https://lamp.example.org/2024/03/05/a-lamp-before-dawn/")
    );
    assert_eq!(
        a.summary.as_deref(),
        Some("A small light is enough for the next step.")
    );
    assert_eq!(headings(&a), ["Enough Light", "A Prayer"]);
    assert_eq!(
        a.sections[0].blocks,
        [Block::Paragraph(
            "Before the house wakes, a small light is enough to find the way to the kitchen. So it is with the word of God (Ps. 119:105).".into()
        )]
    );
    let s = &a.sections[1].blocks;
    assert!(s.contains(&Block::Paragraph(
        "He who began a good work will carry it on (Phil. 1:6).".into()
    )));
    assert!(
        s.iter().any(
            |b| matches!(b, Block::HymnStanza { number: Some(12), lines, .. } if lines.len() == 4)
        ),
        "{s:?}"
    );
    let text = all_text(&a);
    for gone in [
        "Grandmother",
        "oil lamp",
        "mp3",
        "trackReader",
        "vc_column",
        "Buy cheap",
        "This helped me",
    ] {
        assert!(!text.contains(gone), "{gone} is read: {text}");
    }

    // A block-editor post: its own paragraphs, quote with citation, list; image, caption,
    // embed, share widget and iframe gone; the author's login when no display name.
    let a = article::load(&p.join("episodes/2024-03-12-kept-for-a-purpose-2.html")).unwrap();
    assert_eq!(a.title, "Kept for a Purpose – Part 2");
    assert_eq!(a.author().as_deref(), Some("tomas"));
    assert_eq!(headings(&a), ["Sharpened Daily"]);
    let s = &a.sections[1].blocks;
    assert!(
        s.iter()
            .any(|b| matches!(b, Block::Quote { cite: Some(c), .. } if c == "An old teacher")),
        "{s:?}"
    );
    assert!(s.contains(&Block::List(vec![
        "Read slowly.".into(),
        "Pray simply.".into(),
        "Serve quietly.".into()
    ])));
    let text = all_text(&a);
    for gone in [
        "Share this",
        "Facebook",
        "Photo of the workshop",
        "Tools on a bench",
        "video.example",
    ] {
        assert!(!text.contains(gone), "{gone} is read: {text}");
    }

    // A non-ASCII slug, decoded; the GMT date is the next day.
    let a = article::load(&p.join("episodes/2024-02-01-café-conversations.html")).unwrap();
    assert_eq!(a.title, "Café Conversations");
    assert_eq!(a.sections[0].blocks.len(), 2);
}

#[test]
fn rss_and_atom_feeds_become_episodes_that_point_back_to_the_blog() {
    let (_t, p) = empty_project();
    let (out, _) = ok(&devocast(&["import", RSS], &p));
    assert!(out.contains("(RSS feed)") && out.contains("2 new"), "{out}");
    let (out, _) = ok(&devocast(&["import", ATOM], &p));
    assert!(
        out.contains("(Atom feed)") && out.contains("2 new"),
        "{out}"
    );
    assert_eq!(
        episodes(&p),
        [
            "2024-03-31-bread-and-water.html",
            "2024-04-08-held-in-the-storm.html",
            "2024-05-01-green-pastures.html",
            "2024-05-02-morning-by-morning.html",
        ]
    );
    let storm = article::load(&p.join("episodes/2024-04-08-held-in-the-storm.html")).unwrap();
    assert_eq!(storm.author().as_deref(), Some("Miriam Holt"));
    assert_eq!(
        storm.summary.as_deref(),
        Some("The disciples were afraid of the wind, and the Lord was asleep in the boat.")
    );
    assert_eq!(headings(&storm), ["Asleep, Not Absent"]);
    assert!(
        storm.sections[1]
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Lines { lines, .. } if lines.len() == 4)),
        "verse lines lost (or an uncited poem taken for a hymn): {:?}",
        storm.sections[1].blocks
    );
    let text = all_text(&storm);
    assert!(
        !text.contains("appeared first on") && !text.contains("Share this"),
        "{text}"
    );
    let bread = article::load(&p.join("episodes/2024-03-31-bread-and-water.html")).unwrap();
    assert_eq!(bread.title, "Bread & Water");
    assert_eq!(bread.author().as_deref(), Some("Miriam Holt"));
    assert_eq!(bread.sections[0].blocks.len(), 2, "{:?}", bread.sections);
    let green = article::load(&p.join("episodes/2024-05-01-green-pastures.html")).unwrap();
    assert_eq!(green.title, "Green Pastures & Quiet Streams");
    assert_eq!(green.author().as_deref(), Some("Jonah Reed"));
    assert_eq!(headings(&green), ["Lying Down"]);
    let morning = article::load(&p.join("episodes/2024-05-02-morning-by-morning.html")).unwrap();
    assert!(
        morning.sections[0]
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Lines { lines, .. } if lines.len() == 4)),
        "{:?}",
        morning.sections
    );

    // Built, each item links to the post on the blog, and so does its page.
    ok(&devocast(&["build", "--offline"], &p));
    let xml = std::fs::read(p.join("feed/feed.xml")).unwrap();
    let channel = rss::Channel::read_from(&xml[..]).unwrap();
    let item = channel
        .items()
        .iter()
        .find(|i| i.title() == Some("Held in the Storm"))
        .expect("the episode is in the feed");
    assert_eq!(
        item.link(),
        Some("https://quiet.example.net/held-in-the-storm/")
    );
    let page = std::fs::read_to_string(p.join("feed/2024-04-08-held-in-the-storm.html")).unwrap();
    assert!(
        page.contains("href=\"https://quiet.example.net/held-in-the-storm/\""),
        "{page}"
    );
    assert!(page.contains("By Miriam Holt"));
}

#[test]
fn reimport_keeps_step_with_the_blog_and_never_overwrites_an_edit() {
    let (tmp, p) = empty_project();
    ok(&devocast(&["import", WXR], &p));
    let lamp = p.join("episodes/2024-03-05-a-lamp-before-dawn.html");
    let kept = p.join("episodes/2024-03-12-kept-for-a-purpose-2.html");
    let cafe = p.join("episodes/2024-02-01-café-conversations.html");
    let stamp = |f: &Path| std::fs::metadata(f).unwrap().modified().unwrap();
    let before: Vec<_> = [&lamp, &kept, &cafe]
        .iter()
        .map(|f| (std::fs::read(f).unwrap(), stamp(f)))
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(20));

    // Unchanged: nothing rewritten.
    let (out, _) = ok(&devocast(&["import", WXR], &p));
    assert!(out.contains("0 new, 0 updated, 3 unchanged"), "{out}");
    for (f, (bytes, time)) in [&lamp, &kept, &cafe].iter().zip(&before) {
        assert_eq!(&std::fs::read(f).unwrap(), bytes);
        assert_eq!(&stamp(f), time, "{} was rewritten", f.display());
    }

    // The blog changed two posts; the producer edited one of them and deleted another
    // article.
    let changed = std::fs::read_to_string(WXR)
        .unwrap()
        .replace(
            "We rarely see the whole road.",
            "We seldom see the whole road.",
        )
        .replace(
            "Each morning the edge is set again.",
            "Every morning the edge is set again.",
        );
    let export = tmp.path().join("changed.xml");
    std::fs::write(&export, changed).unwrap();
    let edited = std::fs::read_to_string(&kept).unwrap().replace(
        "</article>",
        "<p>A note the producer added.</p>\n</article>",
    );
    std::fs::write(&kept, &edited).unwrap();
    std::fs::remove_file(&cafe).unwrap();
    let export = export.to_str().unwrap();
    let (out, err) = ok(&devocast(&["import", export], &p));
    assert!(
        out.contains("0 new, 1 updated, 0 unchanged, 1 kept as edited here, 1 deleted here and not brought back"),
        "{out}"
    );
    assert!(std::fs::read_to_string(&lamp)
        .unwrap()
        .contains("We seldom see"));
    assert_eq!(
        std::fs::read_to_string(&kept).unwrap(),
        edited,
        "the edit was overwritten"
    );
    assert!(!cafe.exists(), "a deleted article came back");
    assert!(
        err.contains("2024-03-12-kept-for-a-purpose-2.html` was edited") && err.contains("--force"),
        "{err}"
    );

    // `clean` keeps what import wrote where: the next import still knows the files.
    ok(&devocast(&["clean"], &p));
    let (out, _) = ok(&devocast(&["import", export], &p));
    assert!(
        out.contains("0 new, 0 updated, 1 unchanged, 1 kept as edited here"),
        "{out}"
    );

    // --force writes the blog's version, keeping the producer's copy, and brings the
    // deleted article back.
    let (out, _) = ok(&devocast(&["import", "--force", export], &p));
    assert!(out.contains("1 new, 1 updated"), "{out}");
    assert!(std::fs::read_to_string(&kept)
        .unwrap()
        .contains("Every morning"));
    assert!(cafe.exists());
    let line = out
        .lines()
        .find(|l| l.starts_with("replaced your edited"))
        .expect("the replaced file is named");
    let copy = line.rsplit('`').nth(1).unwrap();
    assert_eq!(std::fs::read_to_string(p.join(copy)).unwrap(), edited);
}

#[test]
fn filters_by_date_category_and_number() {
    let (_t, p) = empty_project();
    let (out, _) = ok(&devocast(&["import", "--since", "2024-03-01", WXR], &p));
    assert!(
        out.contains("2 new") && out.contains("2 before 2024-03-01"),
        "{out}"
    );
    assert_eq!(episodes(&p).len(), 2);

    let (_t, p) = empty_project();
    let (out, _) = ok(&devocast(&["import", "--category", "DEVOTIONS", WXR], &p));
    assert!(
        out.contains("2 new") && out.contains("2 not in DEVOTIONS"),
        "{out}"
    );
    assert_eq!(
        episodes(&p),
        [
            "2024-02-01-café-conversations.html",
            "2024-03-05-a-lamp-before-dawn.html"
        ]
    );

    let (_t, p) = empty_project();
    let (out, _) = ok(&devocast(&["import", "--limit", "1", WXR], &p));
    assert!(out.contains("1 new"), "{out}");
    assert_eq!(
        episodes(&p),
        ["2024-03-12-kept-for-a-purpose-2.html"],
        "the newest"
    );

    let out = devocast(&["import", "--since", "March 1", WXR], &p);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"));
}

#[test]
fn bad_sources_are_named_and_fail() {
    let (tmp, p) = empty_project();
    let wxr = std::fs::read_to_string(WXR).unwrap();
    let cut = &wxr[..wxr.find("Kept for a Purpose").unwrap()];
    let cases: Vec<(&str, String, &str)> = vec![
        ("words.xml", "Just some words, no markup.".into(), "not XML"),
        (
            "page.xml",
            "<!doctype html><html><body><p>Hi</p></body></html>".into(),
            "web page",
        ),
        (
            "list.opml",
            "<?xml version=\"1.0\"?><opml version=\"2.0\"><body/></opml>".into(),
            "unknown kind",
        ),
        ("cut.xml", cut.into(), "cut short"),
        (
            "broken.xml",
            wxr.replace("</wp:post_name>", "</wp:post_nam>"),
            "line 59",
        ),
        ("empty.xml", String::new(), "empty"),
    ];
    for (name, text, says) in cases {
        let f = tmp.path().join(name);
        std::fs::write(&f, text).unwrap();
        let out = devocast(&["import", f.to_str().unwrap()], &p);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{name} was accepted");
        assert!(err.contains(name) && err.contains(says), "{name}: {err}");
    }
    let out = devocast(&["import", "no/such/export.xml"], &p);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/export.xml"));
    // The cut export's first post was whole and is imported, and recorded: a re-import of
    // the whole export finds it unchanged.
    let (out, _) = ok(&devocast(&["import", WXR], &p));
    assert!(out.contains("2 new, 0 updated, 1 unchanged"), "{out}");
}

#[test]
fn a_feed_is_fetched_from_its_address_when_asked() {
    let (_t, p) = empty_project();
    let mut files = std::collections::HashMap::new();
    files.insert(
        "/feed/".to_string(),
        Serve::Whole(std::fs::read(RSS).unwrap()),
    );
    let base = file_server(files);
    let (out, _) = ok(&devocast(&["import", &format!("{base}/feed/")], &p));
    assert!(out.contains("(RSS feed)") && out.contains("2 new"), "{out}");
    let out = devocast(&["import", &format!("{base}/missing/")], &p);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("404"));
}

/// Regression: a server sending a byte now and then held `import URL` forever (each read
/// came within the per-read timeout). The whole source now has a deadline, and the error
/// says how much had arrived.
#[test]
fn an_address_that_trickles_stops_at_the_deadline_saying_how_much_came() {
    let (_t, p) = empty_project();
    let mut files = std::collections::HashMap::new();
    files.insert(
        "/slow/".to_string(),
        Serve::Trickle(std::fs::read(RSS).unwrap(), 200),
    );
    let base = file_server(files);
    let url = format!("{base}/slow/");
    let out = devocast(&["import", &url, "--timeout", "2"], &p);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("did not arrive within 2 s"), "{err}");
    let read: u64 = err
        .split(" bytes read")
        .next()
        .and_then(|s| s.rsplit('(').next())
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no count of bytes read: {err}"));
    assert!(
        read > 0 && read < std::fs::read(RSS).unwrap().len() as u64,
        "{err}"
    );
    assert!(episodes(&p).is_empty());
    // Out-of-range deadlines are refused before anything is fetched.
    for bad in ["0", "-1", "x", "86401"] {
        let out = devocast(&["import", &url, "--timeout", bad], &p);
        assert!(!out.status.success(), "{bad}");
    }
}

#[test]
fn a_post_met_again_in_the_blogs_feed_or_after_a_move_is_the_same_article() {
    let (tmp, p) = empty_project();
    ok(&devocast(&["import", WXR], &p));
    // The same blog's RSS feed, as WordPress serves it (guids `?p=ID`), after a move to
    // `www.` over https.
    let feed = r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Morning Lamp</title>
<item><title>A Lamp Before Dawn</title><link>https://www.lamp.example.org/2024/03/05/a-lamp-before-dawn/</link>
<guid isPermaLink="false">https://www.lamp.example.org/?p=101</guid><pubDate>Tue, 05 Mar 2024 04:30:00 +0000</pubDate>
<content:encoded><![CDATA[<p>Rewritten on the blog since.</p>]]></content:encoded></item></channel></rss>"#;
    let f = tmp.path().join("feed.xml");
    std::fs::write(&f, feed).unwrap();
    let (out, _) = ok(&devocast(&["import", f.to_str().unwrap()], &p));
    assert!(out.contains("0 new, 1 updated"), "{out}");
    assert_eq!(
        episodes(&p).len(),
        3,
        "a second copy was made: {:?}",
        episodes(&p)
    );
    let lamp =
        std::fs::read_to_string(p.join("episodes/2024-03-05-a-lamp-before-dawn.html")).unwrap();
    assert!(lamp.contains("Rewritten on the blog since."));
}

#[test]
fn a_post_its_feed_does_not_name_is_known_by_its_cleaned_title() {
    let (tmp, p) = empty_project();
    let f = tmp.path().join("feed.xml");
    let feed = |title: &str| {
        format!("<rss><channel><title>B</title><item><title>{title}</title><description>Kept by grace.</description></item></channel></rss>")
    };
    std::fs::write(&f, feed("Fine &amp;amp; &lt;i&gt;dandy&lt;/i&gt;")).unwrap();
    let (out, _) = ok(&devocast(&["import", f.to_str().unwrap()], &p));
    assert!(out.contains("1 new"), "{out}");
    let html = std::fs::read_to_string(p.join("episodes/undated-fine-dandy.html")).unwrap();
    assert!(html.contains("<title>Fine &amp; dandy</title>"), "{html}");
    assert!(
        html.contains("<meta name=\"devocast-post\" content=\"rss:Fine &amp; dandy\">"),
        "{html}"
    );
    // Written differently, the same title once cleaned: the same post.
    std::fs::write(&f, feed("  Fine &amp;amp;   dandy ")).unwrap();
    let (out, _) = ok(&devocast(&["import", f.to_str().unwrap()], &p));
    assert!(out.contains("0 new, 0 updated, 1 unchanged"), "{out}");
    assert_eq!(episodes(&p), ["undated-fine-dandy.html"]);
}

#[test]
fn what_is_not_imported_is_counted_in_words_for_its_number() {
    let (tmp, p) = empty_project();
    let deep = "&lt;div&gt;".repeat(1100);
    let unreadable = |n: u32| {
        format!("<item><title>Deep {n}</title><guid>d{n}</guid><description>{deep}x</description></item>")
    };
    let feed = format!(
        "<rss><channel><title>B</title>{}{}<item><title>Pictures</title><guid>p</guid><description>&lt;img src=\"a.jpg\"&gt;</description></item><item><title>Kept</title><guid>k</guid><description>Words.</description></item></channel></rss>",
        unreadable(1),
        unreadable(2)
    );
    let f = tmp.path().join("feed.xml");
    std::fs::write(&f, feed).unwrap();
    let (out, _) = ok(&devocast(&["import", f.to_str().unwrap()], &p));
    assert!(
        out.contains("not imported: 2 posts that cannot be read, 1 post without text\n"),
        "{out}"
    );
}

#[test]
fn an_import_cut_off_before_recording_its_files_finds_them_again() {
    let (tmp, p) = empty_project();
    ok(&devocast(&["import", WXR], &p));
    let lamp = p.join("episodes/2024-03-05-a-lamp-before-dawn.html");
    let written = std::fs::read_to_string(&lamp).unwrap();
    // As if the import had been killed after writing its files, before saving its record:
    // files holding what import would write now are adopted and recorded.
    std::fs::remove_file(p.join(".devocast/imports.json")).unwrap();
    let (out, err) = ok(&devocast(&["import", WXR], &p));
    assert!(
        out.contains("0 new, 0 updated, 3 unchanged"),
        "{out}\n{err}"
    );
    // Recorded: an edit made now is kept when the post changes on the blog.
    let changed = std::fs::read_to_string(WXR).unwrap().replace(
        "We rarely see the whole road.",
        "We seldom see the whole road.",
    );
    let export = tmp.path().join("changed.xml");
    std::fs::write(&export, changed).unwrap();
    std::fs::write(&lamp, written.replace("small light", "little light")).unwrap();
    let (out, err) = ok(&devocast(&["import", export.to_str().unwrap()], &p));
    assert!(out.contains("1 kept as edited here"), "{out}\n{err}");
    assert!(std::fs::read_to_string(&lamp)
        .unwrap()
        .contains("little light"));

    // Record lost again, and the file differs from the blog's post: it may hold the
    // producer's edit, so it is kept and said so, never taken for someone else's file.
    std::fs::remove_file(p.join(".devocast/imports.json")).unwrap();
    let (out, err) = ok(&devocast(&["import", export.to_str().unwrap()], &p));
    assert!(
        out.contains("0 new, 0 updated, 2 unchanged, 1 kept as edited here"),
        "{out}\n{err}"
    );
    assert!(err.contains("whose record is lost"), "{err}");
    assert!(!err.contains("not written by import"), "{err}");
    assert!(std::fs::read_to_string(&lamp)
        .unwrap()
        .contains("little light"));
}

#[test]
fn posts_of_one_name_keep_their_own_files_when_the_record_is_lost() {
    let (tmp, p) = empty_project();
    let feed = |first: &str| {
        format!(
            "<rss version=\"2.0\"><channel><title>B</title><link>https://b.example/</link>\
             <item><title>Morning</title><guid>https://b.example/?p=1</guid><pubDate>Tue, 05 Mar 2024 06:00:00 +0000</pubDate><description>&lt;p&gt;{first}&lt;/p&gt;</description></item>\
             <item><title>Morning</title><guid>https://b.example/?p=2</guid><pubDate>Tue, 05 Mar 2024 18:00:00 +0000</pubDate><description>&lt;p&gt;The second reading, at dusk.&lt;/p&gt;</description></item>\
             </channel></rss>"
        )
    };
    let export = tmp.path().join("feed.xml");
    std::fs::write(&export, feed("The first reading, at dawn.")).unwrap();
    let (out, err) = ok(&devocast(&["import", export.to_str().unwrap()], &p));
    assert!(out.contains("2 new"), "{out}\n{err}");
    let second = p.join("episodes/2024-03-05-morning-2.html");
    assert!(std::fs::read_to_string(&second)
        .unwrap()
        .contains("at dusk"));
    // The record lost, and the first post changed on the blog: the first file is kept (it
    // may hold an edit), and the second post still finds its own file, not the first's.
    std::fs::remove_file(p.join(".devocast/imports.json")).unwrap();
    std::fs::write(&export, feed("The first reading, changed.")).unwrap();
    let (out, err) = ok(&devocast(&["import", export.to_str().unwrap()], &p));
    assert!(
        out.contains("0 new, 0 updated, 1 unchanged, 1 kept as edited here"),
        "{out}\n{err}"
    );
    assert!(!err.contains("not written by import"), "{err}");
    assert!(std::fs::read_to_string(&second)
        .unwrap()
        .contains("at dusk"));
    assert!(!p.join("episodes/2024-03-05-morning-3.html").exists());
}

#[test]
fn force_keeps_every_edited_copy_it_replaces() {
    let (tmp, p) = empty_project();
    ok(&devocast(&["import", WXR], &p));
    let kept = p.join("episodes/2024-03-12-kept-for-a-purpose-2.html");
    let mut text = std::fs::read_to_string(WXR).unwrap();
    for round in 0..2 {
        text = text.replace("Each morning", &format!("Each morning{round}"));
        let export = tmp.path().join(format!("x{round}.xml"));
        std::fs::write(&export, &text).unwrap();
        std::fs::write(&kept, format!("edited {round}")).unwrap();
        ok(&devocast(
            &["import", "--force", export.to_str().unwrap()],
            &p,
        ));
    }
    let mut copies: Vec<String> = std::fs::read_dir(p.join(".devocast/import-replaced"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    copies.sort();
    assert_eq!(copies, ["edited 0", "edited 1"]);
}

/// An RSS feed of `(link slug, pubDate, body)` posts.
fn rss_feed(posts: &[(&str, &str, &str)]) -> String {
    let mut xml = String::from("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>B</title><link>https://b.example/</link>\n");
    for (slug, date, body) in posts {
        xml.push_str(&format!(
            "<item><title>{slug}</title><link>https://b.example/{slug}/</link><guid>https://b.example/?p={slug}-{date}</guid>{}<description>&lt;p&gt;{body}&lt;/p&gt;</description></item>\n",
            if date.is_empty() { String::new() } else { format!("<pubDate>{date}</pubDate>") }
        ));
    }
    xml.push_str("</channel></rss>\n");
    xml
}

/// The articles of the episodes folder, by the key the build tells episodes apart by, with
/// every key that more than one file shares.
fn shared_episodes(p: &Path) -> Vec<Vec<String>> {
    let mut by_key: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for name in episodes(p) {
        let path = p.join("episodes").join(&name);
        if article::is_article(&path) {
            let key = devocast::project::plan::episode_key(&article::slug_of(&path));
            by_key.entry(key).or_default().push(name);
        }
    }
    by_key.into_values().filter(|v| v.len() > 1).collect()
}

#[test]
fn imported_names_never_make_one_episode_of_two_articles() {
    let (_t, p) = empty_project();
    // The producer's own articles, under names a post would take in another letter case
    // or with another extension.
    for (name, body) in [
        ("2024-03-05-Grace.MD", "---\ntitle: Grace\n---\n\nMine.\n"),
        ("2024-03-06-hope.txt", "Hope\n\nMine too.\n"),
        (
            "2024-03-07-JOY.htm",
            "<html><body><p>Mine as well.</p></body></html>",
        ),
        (
            "undated-peace.markdown",
            "---\ntitle: Peace\n---\n\nAlso mine.\n",
        ),
        (
            "2024-03-09-rest.html",
            "<html><body><p>My own page.</p></body></html>",
        ),
    ] {
        std::fs::write(p.join("episodes").join(name), body).unwrap();
    }
    let hangul_jamo = "\u{1100}\u{1161}"; // composes to U+AC00 in NFC
    let feed = rss_feed(&[
        (
            "grace",
            "Tue, 05 Mar 2024 06:00:00 +0000",
            "Grace imported.",
        ),
        ("hope", "Wed, 06 Mar 2024 06:00:00 +0000", "Hope imported."),
        ("joy", "Thu, 07 Mar 2024 06:00:00 +0000", "Joy imported."),
        ("peace", "", "Peace imported."),
        ("love", "Fri, 08 Mar 2024 06:00:00 +0000", "Love imported."),
        // Two posts of one import that the build would take for one episode.
        ("\u{AC00}", "Sat, 09 Mar 2024 06:00:00 +0000", "Syllable."),
        (hangul_jamo, "Sat, 09 Mar 2024 07:00:00 +0000", "Jamo."),
        ("Love", "Fri, 08 Mar 2024 09:00:00 +0000", "Love again."),
    ]);
    let src = p.join("feed-in.xml");
    std::fs::write(&src, feed).unwrap();
    let (out, err) = ok(&devocast(&["import", src.to_str().unwrap()], &p));
    assert!(out.contains("8 new"), "{out}\n{err}");
    assert_eq!(shared_episodes(&p), Vec::<Vec<String>>::new(), "{out}");
    let out = out + &err;
    // The producer's files are untouched, and each clash is named.
    assert_eq!(
        std::fs::read_to_string(p.join("episodes/2024-03-05-Grace.MD")).unwrap(),
        "---\ntitle: Grace\n---\n\nMine.\n"
    );
    for (theirs, ours) in [
        ("2024-03-05-Grace.MD", "2024-03-05-grace-2.html"),
        ("2024-03-06-hope.txt", "2024-03-06-hope-2.html"),
        ("2024-03-07-JOY.htm", "2024-03-07-joy-2.html"),
        ("undated-peace.markdown", "undated-peace-2.html"),
    ] {
        assert!(
            out.lines().any(|l| l.contains(theirs) && l.contains(ours)),
            "{theirs} → {ours}: {out}"
        );
    }
    // Importing again changes nothing, and the build takes every article.
    let (out, _) = ok(&devocast(&["import", src.to_str().unwrap()], &p));
    assert!(out.contains("0 new, 0 updated, 8 unchanged"), "{out}");
    assert_eq!(shared_episodes(&p), Vec::<Vec<String>>::new());
    let out = devocast(&["check"], &p);
    let t =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(!t.contains("would publish as one episode"), "{t}");
}

#[test]
fn posts_dated_in_years_no_feed_can_carry_come_in_undated() {
    let (_t, p) = fixture_project();
    let item = |id: u32, slug: &str, gmt: &str, local: &str| {
        format!(
            "<item><title>{slug}</title><link>https://w.example/{slug}/</link><wp:post_id>{id}</wp:post_id><wp:post_name>{slug}</wp:post_name><wp:post_type>post</wp:post_type><wp:status>publish</wp:status><wp:post_date_gmt>{gmt}</wp:post_date_gmt><wp:post_date>{local}</wp:post_date><content:encoded><![CDATA[<p>Words of {slug}.</p>]]></content:encoded></item>\n"
        )
    };
    let wxr = format!(
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://w.example</wp:base_site_url>\n{}{}{}{}</channel></rss>\n",
        item(1, "ides", "-0044-03-15 12:00:00", "-0044-03-15 12:00:00"),
        item(2, "zero", "0000-00-00 00:00:00", "0000-12-25 08:00:00"),
        item(3, "far", "10000-01-01 00:00:00", ""),
        item(4, "fine", "2024-03-05 06:00:00", ""),
    );
    let src = p.join("w.xml");
    std::fs::write(&src, wxr).unwrap();
    let (out, err) = ok(&devocast(&["import", src.to_str().unwrap()], &p));
    assert!(out.contains("4 new"), "{out}\n{err}");
    for slug in ["ides", "zero", "far"] {
        assert!(
            err.lines()
                .any(|l| l.contains(&format!("“{slug}”")) && l.contains("imported undated")),
            "{slug}: {err}"
        );
        let a = article::load(&p.join(format!("episodes/undated-{slug}.html"))).unwrap();
        assert_eq!(a.date, None, "{slug}");
    }
    let a = article::load(&p.join("episodes/2024-03-05-fine.html")).unwrap();
    assert_eq!(a.date.unwrap().to_string(), "2024-03-05");
    // And `check` takes every one.
    let out = devocast(&["check"], &p);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Writes a source into the importer's standard input.
type Feeder = Box<dyn FnOnce(&mut dyn std::io::Write) + Send>;

/// `devocast import SOURCE PROJECT` with its address space limited to about 800 MB (four
/// times less than a 200 MB post took whole), reading `stdin` if given.
#[cfg(target_os = "linux")]
fn import_limited(source: &str, project: &Path, stdin: Option<Feeder>) -> Output {
    use std::process::Stdio;
    let mut child = Command::new("sh")
        .args(["-c", "ulimit -v 800000; exec \"$0\" import \"$1\" \"$2\""])
        .arg(env!("CARGO_BIN_EXE_devocast"))
        .arg(source)
        .arg(project)
        .env("DEVOCAST_CACHE_DIR", project.join(".cache"))
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let writer = stdin.map(|write| {
        let mut pipe = child.stdin.take().unwrap();
        std::thread::spawn(move || write(&mut pipe))
    });
    let out = child.wait_with_output().unwrap();
    if let Some(w) = writer {
        w.join().unwrap();
    }
    out
}

/// Writes `n` bytes of `unit` repeated, without holding them.
fn write_repeated(w: &mut dyn std::io::Write, unit: &str, n: usize) -> std::io::Result<()> {
    let block = unit.repeat((1 << 20) / unit.len());
    let mut left = n;
    while left > 0 {
        let k = left.min(block.len());
        w.write_all(&block.as_bytes()[..k])?;
        left -= k;
    }
    Ok(())
}

#[cfg(target_os = "linux")]
#[test]
fn any_post_is_read_in_bounded_memory_and_the_posts_around_it_come_in() {
    use std::io::Write;
    let (_t, p) = empty_project();
    let item = |w: &mut dyn Write, title: &str| {
        write!(w, "<item><title>{title}</title><link>https://b.example/{title}/</link><description>Words of {title}.</description></item>").unwrap();
    };
    // A file of 200 MB posts, written on the fly: a body, a title, an attribute.
    let src = p.join("huge.xml");
    {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&src).unwrap());
        writeln!(w, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>B</title>").unwrap();
        item(&mut w, "first");
        write!(w, "<item><title>Body</title><link>https://b.example/body/</link><content:encoded><![CDATA[<p>").unwrap();
        write_repeated(&mut w, "grace upon grace ", 200 << 20).unwrap();
        writeln!(w, "</p>]]></content:encoded></item>").unwrap();
        item(&mut w, "second");
        write!(w, "<item><title>").unwrap();
        write_repeated(&mut w, "Title without end ", 200 << 20).unwrap();
        write!(w, "</title><description>x</description></item>").unwrap();
        item(&mut w, "third");
        write!(w, "<item><title>Attribute</title><enclosure url=\"").unwrap();
        write_repeated(&mut w, "a", 100 << 20).unwrap();
        write!(w, "\"/><description>x</description></item>").unwrap();
        item(&mut w, "fourth");
        writeln!(w, "</channel></rss>").unwrap();
    }
    let out = import_limited(src.to_str().unwrap(), &p, None);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    // It fails cleanly (the oversized posts are named), never aborts.
    assert_eq!(out.status.code(), Some(1), "{err}");
    for why in [
        "“Body” (",
        "its <content:encoded> is larger than 8 MB",
        "“Title without end Title without end",
        "its <title> is longer than 16 KB",
        "“Attribute” (",
        "its <enclosure> tag is larger than 8 MB",
    ] {
        assert!(err.contains(why), "{why}: {err}");
    }
    // Never a title printed whole.
    assert!(err.len() < 4096, "{} bytes of messages", err.len());
    for t in ["first", "second", "third", "fourth"] {
        assert!(
            episodes(&p).contains(&format!("undated-{t}.html")),
            "{t}: {:?}",
            episodes(&p)
        );
    }
    std::fs::remove_file(&src).unwrap();

    // A description of 1 GB streamed through a pipe, never stored anywhere.
    let out = import_limited(
        "/dev/stdin",
        &p,
        Some(Box::new(|w: &mut dyn Write| {
            let _ = write!(w, "<rss version=\"2.0\"><channel><title>B</title>\n<item><title>Streamed</title><link>https://b.example/s/</link><description>");
            let _ = write_repeated(w, "word &amp; word ", 1 << 30);
            let _ = writeln!(w, "</description></item>\n<item><title>fifth</title><link>https://b.example/fifth/</link><description>Five.</description></item>\n</channel></rss>");
        })),
    );
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("“Streamed” (`/dev/stdin` line 2): its <description> is larger than 8 MB"),
        "{err}"
    );
    assert!(episodes(&p).contains(&"undated-fifth.html".to_string()));

    // Endless zeros are no feed, and say so at once.
    let out = import_limited("/dev/zero", &p, None);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("`/dev/zero` line 1: this is not XML"), "{err}");
}

#[test]
fn ten_thousand_posts_of_one_name_each_get_their_own_file() {
    // A blog whose every post is "Daily devotion", undated: each takes the next free name
    // at once, however many came before (the names were tried from the first every time,
    // and gave out at 10,000).
    let (_t, p) = empty_project();
    let n = 10_050;
    let mut xml = String::from("<rss version=\"2.0\"><channel><title>B</title>\n");
    for i in 0..n {
        xml.push_str(&format!(
            "<item><title>Daily devotion</title><guid>g{i}</guid><description>Word {i}.</description></item>\n"
        ));
    }
    xml.push_str("</channel></rss>\n");
    let src = p.join("daily.xml");
    std::fs::write(&src, xml).unwrap();
    let (out, err) = ok(&devocast(&["import", src.to_str().unwrap()], &p));
    assert!(out.contains(&format!("imported: {n} new")), "{out}\n{err}");
    let names = episodes(&p);
    assert!(names.contains(&"undated-daily-devotion.html".to_string()));
    assert!(
        names.contains(&format!("undated-daily-devotion-{n}.html")),
        "{:?}",
        &names[..5]
    );
    assert_eq!(shared_episodes(&p), Vec::<Vec<String>>::new());
}
