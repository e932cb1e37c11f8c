//! Imported blogs come out clean and named: the blog's furniture (sharing, subscribing,
//! related posts, comments, author boxes, calls to action, navigation) is not read aloud, a
//! feed that gives only summaries says which posts are cut short, the feed's author is
//! every post's author unless the post names its own, and a new project takes the blog's
//! name.

use std::path::Path;
use std::process::{Command, Output};

fn run(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_devocast"))
        .args(args)
        .current_dir(cwd)
        .env("DEVOCAST_CACHE_DIR", cwd.join(".cache"))
        .env("DEVOCAST_OFFLINE", "1")
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A new project (as `init` makes it) in `dir`, holding the feed `feed` as `blog.xml`.
fn new_project_with(dir: &Path, feed: &str) {
    std::fs::create_dir_all(dir).unwrap();
    let out = run(dir, &["init"]);
    assert!(out.status.success(), "{}", text(&out));
    std::fs::remove_file(dir.join("episodes/welcome.md")).unwrap();
    std::fs::write(dir.join("blog.xml"), feed).unwrap();
}

/// The article files imported, by file name, with their text.
fn articles(dir: &Path) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = std::fs::read_dir(dir.join("episodes"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    v.sort();
    v
}

fn article_with<'a>(all: &'a [(String, String)], words: &str) -> &'a str {
    all.iter()
        .find(|(_, t)| t.contains(words))
        .map(|(_, t)| t.as_str())
        .unwrap_or_else(|| panic!("no article holds {words:?}: {all:?}"))
}

const ATOM_WITH_FEED_AUTHOR: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Streams in the Desert &amp;amp; Beyond</title>
  <subtitle>Quiet words for weary travellers</subtitle>
  <id>tag:streams.example,2026:blog</id>
  <link rel="alternate" href="https://streams.example/"/>
  <updated>2026-02-02T07:00:00Z</updated>
  <author><name>Miriam Okafor</name><uri>https://streams.example/about</uri></author>
  <entry>
    <title>Water from the Rock</title>
    <id>tag:streams.example,2026:1</id>
    <link rel="alternate" href="https://streams.example/water-from-the-rock/"/>
    <published>2026-02-01T07:00:00Z</published>
    <content type="html">&lt;p&gt;The people were thirsty, and the Lord gave them water from the rock. He still does.&lt;/p&gt;&lt;p&gt;Drink deeply today.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Manna in the Morning</title>
    <id>tag:streams.example,2026:2</id>
    <link rel="alternate" href="https://streams.example/manna/"/>
    <published>2026-02-02T07:00:00Z</published>
    <author><name>Guest Writer Tomas</name></author>
    <content type="html">&lt;p&gt;Each morning the bread came, enough for the day and no more.&lt;/p&gt;</content>
  </entry>
</feed>
"#;

#[test]
fn the_feeds_author_is_every_posts_author_unless_it_names_its_own() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("streams");
    new_project_with(&p, ATOM_WITH_FEED_AUTHOR);
    let out = run(&p, &["import", "blog.xml"]);
    assert!(out.status.success(), "{}", text(&out));
    let all = articles(&p);
    assert_eq!(all.len(), 2, "{all:?}");
    let rock = article_with(&all, "water from the rock");
    assert!(rock.contains("content=\"Miriam Okafor\""), "{rock}");
    let manna = article_with(&all, "enough for the day");
    assert!(manna.contains("content=\"Guest Writer Tomas\""), "{manna}");
    assert!(!manna.contains("Miriam"), "{manna}");
}

#[test]
fn the_first_import_into_a_new_project_names_the_podcast_after_the_blog() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("streams");
    new_project_with(&p, ATOM_WITH_FEED_AUTHOR);
    let out = run(&p, &["import", "blog.xml"]);
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("podcast.title set to “Streams in the Desert & Beyond”"),
        "{said}"
    );
    let cfg = std::fs::read_to_string(p.join("devocast.toml")).unwrap();
    assert!(
        cfg.contains("title = \"Streams in the Desert & Beyond\""),
        "{cfg}"
    );
    assert!(
        cfg.contains("description = \"Quiet words for weary travellers\""),
        "{cfg}"
    );
    assert!(cfg.contains("author = \"Miriam Okafor\""), "{cfg}");
    assert!(!cfg.contains("My Devotions"), "{cfg}");
    // The podcast no longer carries the example title, so check does not point it out.
    let checked = text(&run(&p, &["check"]));
    assert!(!checked.contains("podcast.title is still"), "{checked}");

    // A podcast the producer named keeps its name.
    let q = tmp.path().join("named");
    new_project_with(&q, ATOM_WITH_FEED_AUTHOR);
    let cfg = std::fs::read_to_string(q.join("devocast.toml")).unwrap();
    let cfg = cfg.replace("\"My Devotions\"", "\"Desert Streams Daily\"");
    std::fs::write(q.join("devocast.toml"), &cfg).unwrap();
    let out = run(&q, &["import", "blog.xml"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(!text(&out).contains("set to"), "{}", text(&out));
    assert_eq!(
        std::fs::read_to_string(q.join("devocast.toml")).unwrap(),
        cfg
    );
}

/// An RSS item whose full text is `html`.
fn rss_item(n: usize, title: &str, html: &str) -> String {
    let escaped = html
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        "<item><title>{title}</title><link>https://hope.example/{n}/</link><guid>https://hope.example/?p={n}</guid>\
<pubDate>Mon, 0{n} Feb 2026 06:00:00 +0000</pubDate><content:encoded>{escaped}</content:encoded></item>"
    )
}

fn rss(items: &[String]) -> String {
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\
<channel><title>Hope Chapel Devotions</title><link>https://hope.example/</link><description>Daily</description>{}</channel></rss>",
        items.concat()
    )
}

#[test]
fn blog_furniture_is_not_imported_by_its_markup_or_its_words() {
    let by_words = "<p>The Lord is my shepherd; I shall not want.</p>\
<p>He leads me beside still waters, every single day.</p>\
<p>Subscribe to get daily devotions by email</p>\
<p><strong>Related posts:</strong></p>\
<ul><li><a href=\"/a\">Green Pastures</a></li><li><a href=\"/b\">The Valley</a></li></ul>\
<p>Share this: <a href=\"#\">Facebook</a> <a href=\"#\">Twitter</a></p>\
<p>Learn more about our church.</p>\
<p><a href=\"/visit\">Plan your visit »</a></p>\
<p>Leave a comment</p>";
    let by_markup = "<p>Goodness and mercy shall follow me.</p>\
<div class=\"yarpp-related\"><h3>More to read</h3><ol><li><a href=\"/c\">Cup Overflowing</a></li></ol></div>\
<div class=\"saboxplugin-wrap\"><p>Pastor Dan Reyes has served Hope Chapel since 2009.</p></div>\
<div class=\"wp-block-jetpack-subscriptions\"><p>Join our list of readers</p></div>\
<nav class=\"post-navigation\"><a href=\"/p\">Prev: The Lamp</a></nav>\
<div class=\"cta-box\"><p>Come worship with us on Sunday at ten.</p></div>\
<div id=\"comments\" class=\"comments-area\"><p>3 thoughts on this</p></div>";
    let under_a_heading = "<p>I will dwell in the house of the Lord for ever.</p>\
<h3>About the Author</h3><p>Grace Lin writes from Manila, where she teaches.</p><p>She loves hiking.</p>";
    let feed = rss(&[
        rss_item(1, "Still Waters", by_words),
        rss_item(2, "Goodness and Mercy", by_markup),
        rss_item(3, "For Ever", under_a_heading),
    ]);
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("hope");
    new_project_with(&p, &feed);
    let out = run(&p, &["import", "blog.xml"]);
    assert!(out.status.success(), "{}", text(&out));
    let all = articles(&p);
    let joined: String = all.iter().map(|(_, t)| t.as_str()).collect();
    for kept in [
        "still waters, every single day",
        "Goodness and mercy shall follow me",
        "house of the Lord for ever",
    ] {
        assert!(joined.contains(kept), "{kept}: {joined}");
    }
    for gone in [
        "Subscribe",
        "Related posts",
        "Green Pastures",
        "The Valley",
        "Share this",
        "Facebook",
        "Learn more about our church",
        "Plan your visit",
        "»",
        "Leave a comment",
        "More to read",
        "Cup Overflowing",
        "Pastor Dan",
        "Join our list",
        "Prev: The Lamp",
        "worship with us",
        "thoughts on this",
        "About the Author",
        "Grace Lin",
        "hiking",
    ] {
        assert!(!joined.contains(gone), "{gone} was imported: {joined}");
    }
}

#[test]
fn an_atom_feed_of_summaries_says_which_posts_are_cut_short_and_a_whole_post_is_not_doubted() {
    let whole = "The storm rose on the lake, and the disciples were afraid. ".repeat(30);
    let feed = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbor Light</title><id>tag:harbor.example,2026:feed</id>
  <author><name>Samuel Idowu</name></author>
  <entry>
    <title>Peace, Be Still</title><id>tag:harbor.example,2026:1</id>
    <link href="https://harbor.example/peace-be-still/"/>
    <published>2026-03-01T06:00:00Z</published>
    <content type="html">&lt;p&gt;{whole}&lt;/p&gt;&lt;p&gt;&lt;a href="https://harbor.example/peace-be-still/"&gt;Continue reading →&lt;/a&gt;&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Walking on Water</title><id>tag:harbor.example,2026:2</id>
    <link href="https://harbor.example/walking-on-water/"/>
    <published>2026-03-02T06:00:00Z</published>
    <content type="html">&lt;p&gt;Peter stepped out of the boat. Continue reading →&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Nets Full of Fish</title><id>tag:harbor.example,2026:3</id>
    <link href="https://harbor.example/nets/"/>
    <published>2026-03-03T06:00:00Z</published>
    <summary type="html">They had toiled all night and caught nothing. [&amp;#8230;]</summary>
  </entry>
</feed>
"#
    );
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("harbor");
    new_project_with(&p, &feed);
    let out = run(&p, &["import", "blog.xml"]);
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    let all = articles(&p);
    assert_eq!(all.len(), 3, "{said}\n{all:?}");
    // The truncated posts are named, the whole one is not.
    let warning = said
        .lines()
        .find(|l| l.contains("only summaries"))
        .unwrap_or_else(|| panic!("{said}"));
    assert!(warning.contains("2 posts"), "{warning}");
    assert!(warning.contains("“Walking on Water” (line "), "{warning}");
    assert!(warning.contains("“Nets Full of Fish” (line "), "{warning}");
    assert!(!said.contains("Peace, Be Still"), "{said}");
    // No article reads the link's words or WordPress's bracketed ellipsis aloud.
    for (name, t) in &all {
        assert!(!t.contains("Continue reading"), "{name}: {t}");
        assert!(
            !t.contains("[&#8230;]") && !t.contains("[…]"),
            "{name}: {t}"
        );
    }
    let nets = article_with(&all, "caught nothing");
    assert!(nets.contains("content=\"Samuel Idowu\""), "{nets}");
    let water = article_with(&all, "Peter stepped out of the boat.");
    assert!(!water.contains('→'), "{water}");
}
