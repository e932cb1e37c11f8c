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
