//! Front matter as Jekyll, Hugo, Zola, Eleventy and WordPress exporters write it, read from
//! files of every kind devocast reads: what it says reaches the article, and none of it is
//! ever part of the text that is spoken.

use devocast::article::{self, Article, Block};

/// An article file written into a fresh folder and read as the build reads it.
fn load(name: &str, text: &str) -> anyhow::Result<Article> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    article::load(&path)
}

/// Every word an article would speak, its title aside.
fn body(a: &Article) -> String {
    let mut out = String::new();
    for s in &a.sections {
        out.extend(s.heading.clone());
        for b in &s.blocks {
            out.push_str(&format!("{b:?}\n"));
        }
    }
    out
}

fn paragraphs(a: &Article) -> Vec<String> {
    a.sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_three_languages_open_markdown_and_plain_text_alike() {
    let heads = [
        "---\ntitle: \"Morning Mercy\"\ndate: 2026-03-04\ntags:\n  - mercy\n---\n",
        "+++\ntitle = \"Morning Mercy\"\ndate = 2026-03-04\ntags = [\"mercy\"]\n+++\n",
        "{\n   \"title\": \"Morning Mercy\",\n   \"date\": \"2026-03-04\",\n   \"tags\": [\"mercy\"]\n}\n",
        "---toml\ntitle = \"Morning Mercy\"\ndate = 2026-03-04\ntags = [\"mercy\"]\n---\n",
    ];
    for head in heads {
        for name in ["m.md", "m.txt", "m.markdown"] {
            let a = load(
                name,
                &format!("{head}\nHis mercies are new every morning.\n"),
            )
            .unwrap();
            assert_eq!(a.title, "Morning Mercy", "{name} {head}");
            assert_eq!(a.date.unwrap().to_string(), "2026-03-04", "{name} {head}");
            assert_eq!(a.keywords, ["mercy"], "{name}");
            assert_eq!(
                paragraphs(&a),
                ["His mercies are new every morning."],
                "{name} {head}"
            );
            let spoken = body(&a);
            for leak in ["+++", "title", "tags", "---", "{", "2026"] {
                assert!(!spoken.contains(leak), "{name} speaks {leak:?}: {spoken}");
            }
            assert!(a.warnings.is_empty(), "{name}: {:?}", a.warnings);
        }
    }
}

#[test]
fn drafts_are_held_by_every_tool_s_word_and_as_the_tools_write_it() {
    for (head, held) in [
        ("---\ndraft: \"true\"\n---\n", true),
        ("---\ndraft: 'yes'\n---\n", true),
        ("---\ndraft: false\n---\n", false),
        ("---\npublished: no\n---\n", true),
        ("---\npublished: \"false\"\n---\n", true),
        ("---\npublished: yes\n---\n", false),
        ("---\nstatus: \"future\"\n---\n", true),
        ("---\nstatus: Pending\n---\n", true),
        ("---\nstatus: publish\n---\n", false),
        ("+++\ndraft = true\n+++\n", true),
        ("+++\nstatus = \"draft\"\n+++\n", true),
        ("{\"published\": false}\n", true),
        ("{\"status\": \"private\", \"title\": \"x\"}\n", true),
        ("{\"status\": \"publish\"}\n", false),
    ] {
        let a = load("d.md", &format!("{head}\nWords.\n")).unwrap();
        assert_eq!(a.draft.is_some(), held, "{head}: {:?}", a.draft);
    }
}

#[test]
fn dates_come_from_date_then_publish_date_then_the_file_name() {
    for (name, head, day) in [
        // Jekyll: the name's date, or the front matter's over it.
        ("2026-01-15-grace.md", "---\ntitle: G\n---\n", "2026-01-15"),
        ("2026-01-15_grace.txt", "", "2026-01-15"),
        (
            "2026-01-15-grace.md",
            "---\ndate: 2026-02-01\n---\n",
            "2026-02-01",
        ),
        // Jekyll's own time format, and RFC 3339 with an offset: the day as written.
        (
            "a.md",
            "---\ndate: 2026-05-06 23:30:00 -0500\n---\n",
            "2026-05-06",
        ),
        (
            "a.md",
            "+++\ndate = 2026-05-06T23:30:00+09:00\n+++\n",
            "2026-05-06",
        ),
        (
            "a.md",
            "---\ndate: \"2026-05-06T07:00:00Z\"\n---\n",
            "2026-05-06",
        ),
        // `date` first, then `publishDate` / `pubDate` (in any case), then the name.
        (
            "2026-09-09-x.md",
            "---\npubDate: 2026-04-02\ndate: 2026-04-01\n---\n",
            "2026-04-01",
        ),
        (
            "2026-09-09-x.md",
            "---\npublishdate: 2026-04-03\n---\n",
            "2026-04-03",
        ),
        (
            "2026-09-09-x.md",
            "{\"pubDate\": \"2026-04-04\"}\n",
            "2026-04-04",
        ),
    ] {
        let a = load(name, &format!("{head}\nWords.\n")).unwrap();
        assert_eq!(
            a.date.map(|d| d.to_string()).as_deref(),
            Some(day),
            "{name} {head}"
        );
    }
    // A name that only looks dated gives no date.
    for name in ["2026-13-40-x.md", "2026-10-x.md", "20260115-x.md"] {
        assert_eq!(load(name, "Words.\n").unwrap().date, None, "{name}");
    }
    let a = load("e.md", "---\nexpiryDate: 2026-06-30\n---\n\nWords.\n").unwrap();
    assert_eq!(a.expires.unwrap().to_string(), "2026-06-30");
}

#[test]
fn descriptions_authors_artwork_and_keywords() {
    let a = load(
        "k.md",
        "---\nexcerpt: Third choice.\ndescription: First choice.\nauthor: Ruth Anders\nimage: pics/k.jpg\n\
         cover: other.png\ncategories: [Advent, Hope]\ntags: [hope, waiting]\n---\n\nWords.\n",
    )
    .unwrap();
    assert_eq!(a.summary.as_deref(), Some("First choice."));
    assert_eq!(a.authors, ["Ruth Anders"]);
    assert_eq!(a.image.as_deref(), Some("pics/k.jpg"));
    assert_eq!(a.keywords, ["Advent", "Hope", "waiting"]);
    let a = load(
        "k.txt",
        "+++\nsummary = \"Second.\"\nauthors = [\"Ana Ruiz\", \"Ben Okafor\"]\ncover = \"https://cdn.example.org/k.png\"\n+++\n\nWords.\n",
    )
    .unwrap();
    assert_eq!(a.summary.as_deref(), Some("Second."));
    assert_eq!(a.author().as_deref(), Some("Ana Ruiz, Ben Okafor"));
    assert_eq!(a.image.as_deref(), Some("https://cdn.example.org/k.png"));
}

#[test]
fn every_key_the_tools_write_passes_without_a_word() {
    let heads = [
        // Jekyll with Minimal Mistakes and jekyll-seo-tag.
        "---\nlayout: single\npermalink: /2026/grace/\nslug: grace\ncomments: true\nshare: true\n\
         toc: true\ntoc_label: Contents\nheader:\n  teaser: /t.jpg\nsitemap: false\nlast_modified_at: 2026-01-02\n\
         redirect_from: [/old/]\nexcerpt_separator: <!--more-->\n---\n",
        // Hugo with PaperMod.
        "+++\nweight = 2\naliases = [\"/old/\"]\ntype = \"post\"\nurl = \"/grace/\"\nlastmod = 2026-01-02\n\
         ShowToc = true\nTocOpen = false\nhidemeta = false\nseries = [\"Advent\"]\n[menu.main]\nweight = 1\n\
         [params]\nx = 1\n+++\n",
        // Zola.
        "+++\ntemplate = \"page.html\"\npath = \"grace\"\nin_search_index = true\n[taxonomies]\ntags = [\"t\"]\n\
         [extra]\nlocal_image = \"x.png\"\n+++\n",
        // Eleventy.
        "---\neleventyNavigation:\n  key: Grace\n  order: 2\neleventyExcludeFromCollections: false\npermalink: false\n\
         pagination:\n  data: x\n  size: 1\n---\n",
        // WordPress by way of an exporter.
        "---\nid: 4512\nguid: https://example.org/?p=4512\npost_type: post\ncomment_status: open\nping_status: closed\n\
         post_format: standard\nsticky: false\n_edit_last: \"1\"\njetpack_featured_media_url: x.jpg\ndsq_thread_id: \"9\"\n\
         wordpress_id: 4512\n---\n",
    ];
    for head in heads {
        let a = load("p.md", &format!("{head}\nWords.\n")).unwrap();
        assert!(a.warnings.is_empty(), "{head}{:?}", a.warnings);
        assert_eq!(a.draft, None, "{head}");
        assert_eq!(paragraphs(&a), ["Words."]);
    }
}

#[test]
fn likely_typos_of_read_keys_are_named_with_their_line() {
    let a = load(
        "t.md",
        "---\nlayout: post\nauther: Ruth\ndescripton: About it.\npubdat: 2026-01-02\nmood: quiet\n---\n\nWords.\n",
    )
    .unwrap();
    let w = a.warnings.join("\n");
    assert_eq!(a.warnings.len(), 3, "{w}");
    for (line, meant) in [(3, "author"), (4, "description"), (5, "pubDate")] {
        assert!(
            w.contains(&format!("line {line}: "))
                && w.contains(&format!("did you mean `{meant}`?")),
            "{line} {meant}: {w}"
        );
    }
    let a = load("t.txt", "+++\ntitel = \"x\"\n+++\n\nWords.\n").unwrap();
    assert!(a.warnings[0].contains("line 2") && a.warnings[0].contains("`title`"));
}

#[test]
fn malformed_front_matter_names_the_file_and_the_line() {
    for (name, text, line) in [
        (
            "y.md",
            "---\ntitle: ok\ntags: [a, b\ndate: 2026-01-01\n---\n\nWords.\n",
            None,
        ),
        (
            "t.md",
            "+++\ntitle = \"ok\"\n\ndate = 2026-13-45\n+++\n\nWords.\n",
            Some(4),
        ),
        (
            "j.txt",
            "{\n  \"title\": \"ok\",\n  \"date\": \"2026-01-01\"\n  \"draft\": true\n}\n\nWords.\n",
            Some(4),
        ),
        (
            "d.md",
            "---\ntitle: ok\ndate: next Sunday\n---\n\nWords.\n",
            Some(3),
        ),
        (
            "u.txt",
            "+++\ntitle = \"never closed\"\n\nWords.\n",
            Some(1),
        ),
    ] {
        let e = format!("{:#}", load(name, text).unwrap_err());
        assert!(e.contains(name), "{e}");
        assert!(e.contains("front matter") && e.contains("line "), "{e}");
        if let Some(line) = line {
            assert!(
                e.contains(&format!("line {line}:")) || e.contains(&format!("line {line} ")),
                "{name}: {e}"
            );
        }
    }
    // Text that only starts like front matter is the article's own.
    let a = load("p.txt", "{Braces} open this article.\n\nWords.\n").unwrap();
    assert_eq!(paragraphs(&a)[0], "{Braces} open this article.");
}
