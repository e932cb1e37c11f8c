//! Links, slugs and keys: what a post's address says about it. A post's identity (its key)
//! from its WordPress id or guid; its address read against the feed's base and cleared of
//! what platforms add; and the slug its article file is named by.

use crate::text::percent_decode_lenient;

/// A WordPress post's identity: its id on its site, the site named without scheme or
/// `www.`, so a move to https or a new `www.` keeps every post's file.
pub fn wp_key(site: &str, id: &str) -> String {
    let host = site
        .trim()
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.")
        .trim_end_matches('/')
        .to_ascii_lowercase();
    format!("wp:{host}#{id}")
}

/// An RSS guid or Atom id as a key. WordPress writes `https://site/?p=ID` in its exports
/// and feeds alike, so a post imported from one is the same post when met in the other.
pub fn guid_key(guid: &str, kind: &str) -> String {
    let g = guid.trim();
    if let Some((site, id)) = g.split_once("/?p=") {
        if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) && site.contains("://") {
            return wp_key(site, id);
        }
    }
    format!("{kind}:{g}")
}

/// `href` read against `base` (RFC 3986, for the forms feeds use: absolute, `//host/…`,
/// `/path`, `?query`, `#fragment` and relative paths with `./` and `../`).
pub fn resolve(base: &str, href: &str) -> String {
    let href = href.trim();
    let Some((scheme, rest)) = base.split_once("://") else {
        return href.to_string();
    };
    // Absolute: a scheme (RFC 3986: a letter, then letters, digits, "+", "-", ".") before
    // any "/", "?" or "#".
    let scheme_end = href.find(':').filter(|&c| {
        !href[..c].contains(['/', '?', '#'])
            && href[..c].starts_with(|ch: char| ch.is_ascii_alphabetic())
            && href[..c]
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '+' | '-' | '.'))
    });
    if scheme_end.is_some() {
        return href.to_string();
    }
    if let Some(h) = href.strip_prefix("//") {
        return format!("{scheme}://{h}");
    }
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..host_end]);
    let path_and_more = &rest[host_end..];
    let base_path = path_and_more.split(['?', '#']).next().unwrap_or("");
    if href.is_empty() {
        return base.to_string();
    }
    if href.starts_with('#') {
        return format!("{}{href}", base.split('#').next().unwrap_or(base));
    }
    if href.starts_with('?') {
        return format!("{origin}{base_path}{href}");
    }
    let (path, tail) = match href.find(['?', '#']) {
        Some(i) => (&href[..i], &href[i..]),
        None => (href, ""),
    };
    let joined = if path.starts_with('/') {
        path.to_string()
    } else {
        let dir = &base_path[..base_path.rfind('/').map_or(0, |i| i + 1)];
        format!("{}{path}", if dir.is_empty() { "/" } else { dir })
    };
    // Dot segments removed.
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = joined.split('/').skip(1).collect();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *seg {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                out.pop();
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("{origin}/{}{tail}", out.join("/"))
}

/// The last path segment of a post's address: the blog's own slug for it.
pub fn slug_from_link(link: Option<&str>) -> String {
    let Some(link) = link else {
        return String::new();
    };
    let path = link
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_end_matches('/');
    let after_host = path.split_once("://").map_or(path, |(_, r)| r);
    match after_host.split_once('/') {
        Some((_, p)) => {
            let last = p.rsplit('/').next().unwrap_or("");
            let last = last
                .strip_suffix(".html")
                .or_else(|| last.strip_suffix(".htm"))
                .unwrap_or(last);
            percent_decode_lenient(last)
        }
        None => String::new(),
    }
}

/// A slug fit for a file name: lower case letters and digits (any script) parted by
/// hyphens, at most 60 characters. `None` when nothing is left.
pub fn file_slug(s: &str) -> Option<String> {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        // 60 letters, and at most 120 bytes: file systems count bytes (255), and a
        // name must leave room for the date and a `-2`.
        if out.chars().count() >= 60 || out.len() >= 120 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    (!out.is_empty()).then_some(out)
}

/// Whether a post's address is on Medium (medium.com or one of its subdomains).
pub fn is_medium(link: &str) -> bool {
    let rest = link
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    host == "medium.com" || host.ends_with(".medium.com")
}

/// A Medium slug without the post id Medium appends ("held-fast-3f9a0c1b2d4e"): 12
/// hexadecimal characters, letters and digits both.
pub fn without_medium_id(slug: &str) -> &str {
    let Some((stem, id)) = slug.rsplit_once('-') else {
        return slug;
    };
    let hex = id.len() == 12
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && id.bytes().any(|b| b.is_ascii_digit())
        && id.bytes().any(|b| b.is_ascii_alphabetic());
    if hex && !stem.is_empty() {
        stem
    } else {
        slug
    }
}

/// A post's address without the tracking a feed adds to it (`utm_*`, Medium's
/// `source=rss…`, click ids), so the page and feed point at the post itself.
pub fn without_tracking(link: &str) -> String {
    let (base, fragment) = match link.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (link, None),
    };
    let Some((path, query)) = base.split_once('?') else {
        return link.to_string();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| {
            let (key, value) = p.split_once('=').unwrap_or((p, ""));
            let key = key.to_ascii_lowercase();
            !(p.is_empty()
                || key.starts_with("utm_")
                || (key == "source" && value.starts_with("rss"))
                || matches!(
                    key.as_str(),
                    "fbclid" | "gclid" | "mc_cid" | "mc_eid" | "ref_src"
                ))
        })
        .collect();
    let mut out = path.to_string();
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// A title made from a slug: "held-fast" → "Held fast".
pub fn title_from_slug(slug: &str) -> Option<String> {
    let words: Vec<&str> = slug.split(['-', '_']).filter(|w| !w.is_empty()).collect();
    let t = words.join(" ");
    let mut c = t.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_wordpress_post_is_one_key_in_export_and_feed() {
        assert_eq!(
            wp_key("https://www.Lamp.example.org/", "7"),
            "wp:lamp.example.org#7"
        );
        assert_eq!(
            guid_key("http://lamp.example.org/?p=7", "rss"),
            "wp:lamp.example.org#7"
        );
        assert_eq!(guid_key("urn:uuid:1", "atom"), "atom:urn:uuid:1");
    }

    #[test]
    fn relative_links_are_read_against_their_base() {
        for (base, href, want) in [
            (
                "https://b.example/blog/feed.xml",
                "2024/held/",
                "https://b.example/blog/2024/held/",
            ),
            ("https://b.example/blog/", "/p/1", "https://b.example/p/1"),
            (
                "https://b.example/a/b/c",
                "../d?x=1#y",
                "https://b.example/a/d?x=1#y",
            ),
            ("https://b.example/a/", "./", "https://b.example/a/"),
            ("https://b.example", "p", "https://b.example/p"),
            (
                "https://b.example/a",
                "//c.example/q",
                "https://c.example/q",
            ),
            (
                "https://b.example/a",
                "https://c.example/",
                "https://c.example/",
            ),
            ("urn:uuid:1", "p", "p"),
            // A query holding an address is still a relative reference.
            (
                "https://b.example/a/",
                "/go?u=https://x.example/",
                "https://b.example/go?u=https://x.example/",
            ),
            (
                "https://b.example/a/",
                "mailto:a@b.example",
                "mailto:a@b.example",
            ),
        ] {
            assert_eq!(resolve(base, href), want, "{base} + {href}");
        }
    }

    #[test]
    fn link_slugs_are_percent_decoded() {
        assert_eq!(
            slug_from_link(Some("https://x.example/2024/03/held-fast/?utm=1")),
            "held-fast"
        );
        assert_eq!(slug_from_link(Some("https://x.example/p/42.html")), "42");
        assert_eq!(slug_from_link(Some("https://x.example")), "");
        assert_eq!(
            slug_from_link(Some("https://x.example/caf%c3%a9-time/")),
            "café-time"
        );
    }

    #[test]
    fn slugs_for_file_names() {
        assert_eq!(
            file_slug("Held Fast: 1 Pet. 1:5!").as_deref(),
            Some("held-fast-1-pet-1-5")
        );
        assert_eq!(file_slug("café-time").as_deref(), Some("café-time"));
        assert_eq!(file_slug("../../etc/passwd").as_deref(), Some("etc-passwd"));
        assert_eq!(file_slug("—"), None);
        assert!(file_slug(&"a".repeat(500)).unwrap().chars().count() <= 60);
        // Four-byte letters: the name must still fit a file system's 255 bytes.
        assert!(file_slug(&"𠀀".repeat(200)).unwrap().len() <= 124);
    }

    #[test]
    fn links_and_slugs_lose_what_platforms_add() {
        assert_eq!(
            without_tracking("https://b.example/p/held?utm_source=rss&utm_medium=feed"),
            "https://b.example/p/held"
        );
        assert_eq!(
            without_tracking(
                "https://medium.com/@ann/held-fast-3f9a0c1b2d4e?source=rss----9e1b1b1b1b1b---4#top"
            ),
            "https://medium.com/@ann/held-fast-3f9a0c1b2d4e#top"
        );
        assert_eq!(
            without_tracking("https://b.example/?p=42&utm_campaign=x"),
            "https://b.example/?p=42"
        );
        assert_eq!(
            without_tracking("https://b.example/a"),
            "https://b.example/a"
        );
        assert_eq!(
            without_tracking("https://b.example/s.php?id=4&source=archive"),
            "https://b.example/s.php?id=4&source=archive"
        );
        assert!(is_medium("https://medium.com/@ann/x"));
        assert!(is_medium("https://ann.medium.com/x"));
        assert!(!is_medium("https://notmedium.com/x"));
        assert_eq!(without_medium_id("held-fast-3f9a0c1b2d4e"), "held-fast");
        // Words, years and plain numbers are the writer's.
        assert_eq!(without_medium_id("advent-2024"), "advent-2024");
        assert_eq!(
            without_medium_id("psalm-119105119105"),
            "psalm-119105119105"
        );
        assert_eq!(without_medium_id("a-defaced"), "a-defaced");
    }
}
