//! Links, slugs and keys: what a post's address says about it.

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
}
