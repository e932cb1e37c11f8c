//! Blog exports and feeds read as a stream of posts: a WordPress export (WXR), RSS 2.0 (and
//! RSS 1.0), or Atom. One post is held at a time, so an export of any size reads in the
//! memory of its largest post.
//!
//! Reading is three steps: the bytes decoded to UTF-8 (`decode`), the XML walked into
//! items of fields (`xml`, gathering into `item`), and each item made an entry by the rules
//! of its source (`wordpress`, `feeds`; their dates read by `dates`).

mod dates;
mod decode;
mod feeds;
mod item;
mod meter;
mod wordpress;
mod xml;

pub use xml::{MAX_ATTRIBUTE_BYTES, MAX_DEPTH, MAX_ELEMENT_BYTES, MAX_POST_BYTES, MAX_TITLE_BYTES};

use crate::import::post::{Entry, Kind};
use anyhow::Result;
use item::{Channel, Item};
use std::io::BufRead;

/// Reads `input` (named `name` in messages), handing each entry to `each` as soon as it is
/// complete. Returns the kind of source.
pub fn read<R: BufRead>(
    input: R,
    name: &str,
    mut each: impl FnMut(Entry) -> Result<()>,
) -> Result<Kind> {
    let input = decode::utf8(input)?;
    let mut blog_told = false;
    xml::items(input, name, |it, kind, channel| {
        if !std::mem::replace(&mut blog_told, true) {
            if let Some(title) = &channel.title {
                each(Entry::Blog {
                    title: title.clone(),
                    description: channel.description.clone(),
                    author: channel.author.as_deref().map(feeds::rss_author),
                })?;
            }
        }
        if it.comments > 0 {
            each(Entry::Comments(it.comments))?;
        }
        if let Some(why) = it.too_big.clone() {
            let (title, line) = (it.title(), it.line);
            return each(Entry::TooLarge { title, line, why });
        }
        each(entry(it, kind, channel))
    })
}

/// An item's fields made an entry by the rules of its source.
fn entry(it: Item, kind: Kind, channel: &Channel) -> Entry {
    if wordpress::is_wordpress(&it, channel) {
        return wordpress::entry(it, channel);
    }
    match kind {
        Kind::Atom => feeds::atom_entry(it, channel),
        _ => feeds::rss_entry(it, channel),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::post::{Body, Key, Post};

    fn read_all(xml: &str) -> Result<(Kind, Vec<Entry>)> {
        let mut v = Vec::new();
        let k = read(xml.as_bytes(), "test.xml", |e| {
            // The blog's own facts are tested on their own.
            if !matches!(e, Entry::Blog { .. }) {
                v.push(e);
            }
            Ok(())
        })?;
        Ok((k, v))
    }

    #[test]
    fn atom_entries_with_xhtml_and_html_content() {
        let xml = r#"<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:blog</id>
<entry><title type="html">Grace &amp;amp; Truth</title><id>urn:1</id>
<link rel="alternate" href="https://b.example/2024/grace-and-truth/"/>
<published>2024-03-05T23:30:00-05:00</published>
<author><name>Ann Writer</name><email>ann@b.example</email></author>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One &amp; two.</p><p>Line<br/>break</p></div></content>
</entry>
<entry><title>Second</title><id>urn:2</id><updated>2024-03-07T06:00:00Z</updated>
<content type="html">&lt;p&gt;Escaped &amp;amp; body.&lt;/p&gt;</content></entry>
</feed>"#;
        let (k, v) = read_all(xml).unwrap();
        assert_eq!(k, Kind::Atom);
        let Entry::Post(p) = &v[0] else { panic!() };
        // The title as written: the caller cleans it.
        assert_eq!(p.title, "Grace &amp; Truth");
        assert_eq!(p.key, Key::Given("atom:urn:1".into()));
        assert_eq!(p.slug, "grace-and-truth");
        assert_eq!(p.author.as_deref(), Some("Ann Writer"));
        assert_eq!(p.date.unwrap().to_string(), "2024-03-06 04:30:00");
        assert_eq!(p.body, "<p>One &amp; two.</p><p>Line<br>break</p>");
        let Entry::Post(p) = &v[1] else { panic!() };
        assert_eq!(p.body, "<p>Escaped &amp; body.</p>");
    }

    #[test]
    fn the_blogs_title_description_and_author_come_before_its_posts() {
        let mut v = Vec::new();
        let rss = "<rss xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Living Bread</title><link>https://lb.example</link>\
<description>Daily bread</description><dc:creator>Pastor Ann</dc:creator><image><title>Logo</title></image>\
<item><title>One</title><description>x</description></item><item><title>Two</title><dc:creator>Ben</dc:creator><description>y</description></item></channel></rss>";
        read(rss.as_bytes(), "t", |e| {
            v.push(e);
            Ok(())
        })
        .unwrap();
        let Entry::Blog {
            title,
            description,
            author,
        } = &v[0]
        else {
            panic!("{v:?}")
        };
        assert_eq!(
            (title.as_str(), description.as_deref(), author.as_deref()),
            ("Living Bread", Some("Daily bread"), Some("Pastor Ann"))
        );
        let authors: Vec<Option<String>> = v[1..]
            .iter()
            .map(|e| match e {
                Entry::Post(p) => p.author.clone(),
                _ => panic!("{e:?}"),
            })
            .collect();
        assert_eq!(authors, [Some("Pastor Ann".into()), Some("Ben".into())]);
        // An RSS channel's managing editor is "address (Name)".
        let rss = "<rss><channel><title>B</title><managingEditor>ed@b.example (Ed Lowe)</managingEditor><item><title>T</title><description>x</description></item></channel></rss>";
        let mut v = Vec::new();
        read(rss.as_bytes(), "t", |e| {
            v.push(e);
            Ok(())
        })
        .unwrap();
        let Entry::Post(p) = &v[1] else {
            panic!("{v:?}")
        };
        assert_eq!(p.author.as_deref(), Some("Ed Lowe"));
    }

    #[test]
    fn titles_come_as_written_and_unnamed_posts_are_keyed_by_title() {
        let xml = "<rss><channel><item><title>  Fine &amp;amp; &lt;i&gt;dandy&lt;/i&gt; </title><description>x</description></item>\
<item><title>T</title><link>https://b.example/t</link><description>y</description></item></channel></rss>";
        let (_, v) = read_all(xml).unwrap();
        let Entry::Post(p) = &v[0] else { panic!() };
        assert_eq!(p.title, "Fine &amp; <i>dandy</i>");
        assert_eq!(p.key, Key::Title("rss"));
        assert_eq!(p.body_kind, Body::Rendered);
        let Entry::Post(p) = &v[1] else { panic!() };
        assert_eq!(p.key, Key::Given("rss:https://b.example/t".into()));
        let (_, v) = read_all(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>A</title><content>z</content></entry></feed>",
        )
        .unwrap();
        let Entry::Post(p) = &v[0] else { panic!() };
        assert_eq!(p.key, Key::Title("atom"));
    }

    #[test]
    fn blogger_backups_bring_only_published_posts() {
        let xml = r#"<feed xmlns="http://www.w3.org/2005/Atom" xmlns:app="http://purl.org/atom/app#">
<id>tag:blogger.com,1999:blog-1</id>
<entry><id>s1</id><category scheme="http://schemas.google.com/g/2005#kind" term="http://schemas.google.com/blogger/2008/kind#settings"/><title>x</title></entry>
<entry><id>p1</id><category scheme="http://schemas.google.com/g/2005#kind" term="http://schemas.google.com/blogger/2008/kind#post"/><category scheme="http://www.blogger.com/atom/ns#" term="Faith"/><title>Kept</title><published>2019-01-02T10:00:00Z</published><content type="html">&lt;p&gt;Words.&lt;/p&gt;</content></entry>
<entry><id>p2</id><category scheme="http://schemas.google.com/g/2005#kind" term="http://schemas.google.com/blogger/2008/kind#post"/><app:control><app:draft>yes</app:draft></app:control><title>Draft</title><content type="html">x</content></entry>
<entry><id>c1</id><category scheme="http://schemas.google.com/g/2005#kind" term="http://schemas.google.com/blogger/2008/kind#comment"/><title>Nice</title></entry>
</feed>"#;
        let (_, v) = read_all(xml).unwrap();
        let kinds: Vec<String> = v
            .iter()
            .map(|e| match e {
                Entry::Post(p) => format!("post {} {:?}", p.title, p.categories),
                Entry::Skipped { kind, .. } => kind.words().0,
                Entry::Comments(_) => "comments".into(),
                Entry::Blog { title, .. } => format!("blog {title}"),
                Entry::TooLarge { why, .. } => why.clone(),
            })
            .collect();
        assert_eq!(
            kinds,
            ["settings", "post Kept [\"Faith\"]", "draft", "comment"]
        );
    }

    #[test]
    fn what_is_not_a_feed_is_named() {
        for (xml, says) in [
            ("just some words", "not XML"),
            ("<html><body>x</body></html>", "web page"),
            ("<opml version=\"2.0\"><body/></opml>", "<opml>"),
            ("", "empty"),
            ("<rss><channel><item><title>x</title>", "cut short"),
            // A WordPress export cut off between posts: still cut short.
            (
                "<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><wp:wxr_version>1.2</wp:wxr_version><item><title>x</title></item>",
                "cut short",
            ),
            // An XML declaration whose encoding is left empty.
            ("<?xml version=\"1.0\" encoding=?><html/>", "web page"),
            (
                "<rss><channel>\n<item>\n<title>x</titel></item></channel></rss>",
                "line 3",
            ),
        ] {
            let err = format!("{:#}", read_all(xml).unwrap_err());
            assert!(
                err.contains(says) && err.contains("test.xml"),
                "{xml:?}: {err}"
            );
        }
    }

    #[test]
    fn markup_left_unescaped_in_a_description_keeps_its_paragraphs() {
        let xml = "<rss><channel><item><title>T</title><guid>g</guid><description><p>One.</p><p>Two &amp; <em>three</em>.</p></description></item></channel></rss>";
        let (_, v) = read_all(xml).unwrap();
        let Entry::Post(p) = &v[0] else { panic!() };
        assert_eq!(p.body, "<p>One.</p><p>Two & <em>three</em>.</p>");
    }

    #[test]
    fn rss_1_items_in_their_default_namespace() {
        let xml = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://x.example/"><title>X</title><items><rdf:Seq><rdf:li rdf:resource="https://x.example/a"/></rdf:Seq></items></channel>
<item rdf:about="https://x.example/a"><title>First</title><link>https://x.example/a</link><description>One.</description><dc:date>2024-03-11T06:00:00Z</dc:date></item>
<item rdf:about="https://x.example/b"><title>Second</title><link>https://x.example/b</link><description>Two.</description></item>
</rdf:RDF>"#;
        let (k, v) = read_all(xml).unwrap();
        assert_eq!(k, Kind::Rss);
        let titles: Vec<_> = v
            .iter()
            .filter_map(|e| match e {
                Entry::Post(Post {
                    title,
                    key: Key::Given(key),
                    slug,
                    ..
                }) => Some((title.as_str(), key.as_str(), slug.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(
            titles,
            [
                ("First", "rss:https://x.example/a", "a"),
                ("Second", "rss:https://x.example/b", "b")
            ]
        );
    }

    #[test]
    fn blogger_new_backups_import_live_posts_only() {
        let xml = r#"<feed xmlns="http://www.w3.org/2005/Atom" xmlns:blogger="http://schemas.google.com/blogger/2018">
<entry><id>1</id><blogger:type>POST</blogger:type><blogger:status>LIVE</blogger:status><title>Live</title><content type="html">a</content></entry>
<entry><id>2</id><blogger:type>POST</blogger:type><blogger:status>SCHEDULED</blogger:status><title>Later</title><content type="html">b</content></entry>
<entry><id>3</id><blogger:type>PAGE</blogger:type><blogger:status>LIVE</blogger:status><title>About</title><content type="html">c</content></entry>
</feed>"#;
        let (_, v) = read_all(xml).unwrap();
        let kinds: Vec<String> = v
            .iter()
            .map(|e| match e {
                Entry::Post(p) => p.title.clone(),
                Entry::Skipped { kind, .. } => kind.words().0,
                Entry::Comments(_) => "comments".into(),
                Entry::Blog { title, .. } => format!("blog {title}"),
                Entry::TooLarge { why, .. } => why.clone(),
            })
            .collect();
        assert_eq!(kinds, ["Live", "scheduled post", "page"]);
    }

    #[test]
    fn legacy_encodings_are_read() {
        let mut latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss><channel><item><title>Caf\xe9</title><link>https://x.example/caf</link><description>Cr\xe8me.</description></item></channel></rss>".to_vec();
        let mut v = Vec::new();
        read(&latin1[..], "latin1.xml", |e| {
            v.push(e);
            Ok(())
        })
        .unwrap();
        let Entry::Post(p) = &v[0] else { panic!() };
        assert_eq!(p.title, "Café");
        assert_eq!(p.body, "Crème.");
        // UTF-16 with its byte-order mark.
        let text = String::from_utf8_lossy(&latin1).replace("ISO-8859-1", "UTF-16");
        latin1 = vec![0xff, 0xfe];
        for u in text.replace('\u{fffd}', "é").encode_utf16() {
            latin1.extend_from_slice(&u.to_le_bytes());
        }
        let mut v = Vec::new();
        read(&latin1[..], "utf16.xml", |e| {
            v.push(e);
            Ok(())
        })
        .unwrap();
        let Entry::Post(p) = &v[0] else { panic!() };
        assert_eq!(p.title, "Café");
    }

    #[test]
    fn relative_atom_links_are_read_against_their_base() {
        let xml = r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://b.example/blog/">
<title>T</title><link href="https://ignored.example/"/>
<entry><title>One</title><id>urn:1</id><link href="2024/one/"/><content>x</content></entry>
<entry xml:base="https://c.example/x/"><title>Two</title><id>urn:2</id><link href="two"/><content>x</content></entry>
</feed>"#;
        let (_, v) = read_all(xml).unwrap();
        let links: Vec<_> = v
            .iter()
            .filter_map(|e| match e {
                Entry::Post(p) => p.link.clone(),
                _ => None,
            })
            .collect();
        assert_eq!(
            links,
            [
                "https://b.example/blog/2024/one/",
                "https://c.example/x/two"
            ]
        );
        // Relative bases, each read against the one around it.
        let xml = r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://b.example/blog/">
<title>T</title>
<entry xml:base="2024/"><title>One</title><id>urn:1</id><link href="one/"/><content>x</content></entry>
</feed>"#;
        let (_, v) = read_all(xml).unwrap();
        let Entry::Post(p) = &v[0] else { panic!() };
        assert_eq!(p.link.as_deref(), Some("https://b.example/blog/2024/one/"));
        // No xml:base: the feed's own address on the blog.
        let xml = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><link rel="alternate" href="https://d.example/"/>
<entry><title>One</title><id>urn:1</id><link href="/one"/><content>x</content></entry></feed>"#;
        let (_, v) = read_all(xml).unwrap();
        let Entry::Post(p) = &v[0] else { panic!() };
        assert_eq!(p.link.as_deref(), Some("https://d.example/one"));
        assert_eq!(p.slug, "one");
    }

    /// What each entry of an RSS feed of `items` became: a post's title, or why not.
    fn outcomes(items: &[String]) -> Result<Vec<String>> {
        let xml = format!(
            "<rss xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>B</title>{}</channel></rss>",
            items.concat()
        );
        let (_, v) = read_all(&xml)?;
        Ok(v.iter()
            .map(|e| match e {
                Entry::Post(p) => format!("post {}", p.title),
                Entry::TooLarge { title, why, .. } => format!("too large {title}: {why}"),
                Entry::Skipped { kind, .. } => kind.words().0,
                Entry::Comments(_) => "comments".into(),
                Entry::Blog { title, .. } => format!("blog {title}"),
            })
            .collect())
    }

    fn item(title: &str, inner: &str) -> String {
        format!(
            "<item><title>{title}</title><link>https://b.example/{}</link>{inner}</item>",
            title.len()
        )
    }

    #[test]
    fn posts_past_a_limit_are_left_out_and_the_posts_around_them_read() {
        let big = "word ".repeat((xml::MAX_ELEMENT_BYTES / 5) + 10);
        let items = [
            item("Before", "<description>One.</description>"),
            item("Body", &format!("<description>{big}</description>")),
            item(
                "Cdata",
                &format!("<content:encoded><![CDATA[{big}]]></content:encoded>"),
            ),
            item(
                "Entities",
                &format!(
                    "<description>{}</description>",
                    "a &amp; b ".repeat(xml::MAX_ELEMENT_BYTES / 5)
                ),
            ),
            item(
                &"Long title ".repeat(xml::MAX_TITLE_BYTES / 10),
                "<description>x</description>",
            ),
            item(
                "Attr",
                &format!(
                    "<enclosure url=\"{}\"/><description>x</description>",
                    "u".repeat(xml::MAX_ATTRIBUTE_BYTES + 1)
                ),
            ),
            item("Many", &{
                let third =
                    "<p>a third of it</p>".repeat((xml::MAX_POST_BYTES as usize) / 19 / 3 + 1);
                format!("<description>{third}</description><summary>{third}</summary><comments>{third}</comments>")
            }),
            item("After", "<description>Two.</description>"),
        ];
        let out = outcomes(&items).unwrap();
        assert_eq!(out.len(), 8, "{out:?}");
        assert_eq!(out[0], "post Before");
        assert_eq!(out[7], "post After");
        assert!(
            out[1].starts_with("too large Body: its <description> is larger than 8 MB"),
            "{}",
            out[1]
        );
        assert!(
            out[2].starts_with("too large Cdata: its <content:encoded> is larger"),
            "{}",
            out[2]
        );
        assert!(
            out[3].starts_with("too large Entities: its <description> is larger"),
            "{}",
            out[3]
        );
        assert!(
            out[4].contains("its <title> is longer than 16 KB") && out[4].len() < 400,
            "{}",
            &out[4][..200]
        );
        assert!(
            out[5].starts_with("too large Attr: an attribute of its <enclosure>"),
            "{}",
            out[5]
        );
        assert!(
            out[6].starts_with("too large Many: it is larger than 16 MB"),
            "{}",
            out[6]
        );
    }

    #[test]
    fn elements_nested_without_end_stop_the_reading_with_its_line() {
        let items = [
            item("Before", "<description>One.</description>"),
            format!(
                "\n<item><title>Deep</title><description>{}",
                "<div>".repeat(xml::MAX_DEPTH + 10)
            ),
        ];
        let mut got = Vec::new();
        let xml = format!("<rss><channel>{}", items.concat());
        let err = read(xml.as_bytes(), "deep.xml", |e| {
            got.push(e);
            Ok(())
        })
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("`deep.xml` line 2: elements nest deeper"),
            "{err}"
        );
        assert!(matches!(&got[..], [Entry::Post(p)] if p.title == "Before"));
    }

    #[test]
    fn a_source_that_is_not_xml_fails_after_a_little() {
        let zeros = vec![0u8; 1 << 20];
        let err = read(&zeros[..], "zero", |_| Ok(()))
            .unwrap_err()
            .to_string();
        assert!(err.contains("not XML"), "{err}");
        // A huge fact about the blog is ignored, not held.
        let xml = format!(
            "<rss><channel><link>{}</link>{}</channel></rss>",
            "x".repeat(1 << 20),
            item("Kept", "<description>Yes.</description>")
        );
        assert_eq!(outcomes(&[]).unwrap(), Vec::<String>::new());
        let (_, v) = read_all(&xml).unwrap();
        assert!(matches!(&v[..], [Entry::Post(p)] if p.title == "Kept"));
    }
}
