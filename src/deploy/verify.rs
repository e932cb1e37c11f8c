//! `deploy --verify`: what listeners' apps will see. The public feed is fetched from
//! `base_url` (whoever uploaded it), and every enclosure must answer with the length the feed
//! declares, so a missing or truncated MP3 is found before a listener finds it.

use anyhow::{Context, Result};

/// The most bytes a feed may have to be checked.
const FEED_LIMIT: u64 = 64 * 1024 * 1024;

/// One enclosure that does not answer as the feed says.
#[derive(Debug)]
pub struct Problem {
    /// The enclosure's address.
    pub url: String,
    /// What is wrong, in words.
    pub what: String,
}

/// What the check found.
#[derive(Debug, Default)]
pub struct Verified {
    /// Enclosures checked.
    pub checked: usize,
    /// Those that did not answer with their length.
    pub problems: Vec<Problem>,
}

/// Fetches the feed at `feed_url` and checks each enclosure's length.
pub fn verify(feed_url: &str) -> Result<Verified> {
    let client = crate::net::Client::new();
    let xml = client.text(feed_url, FEED_LIMIT, "the feed")?;
    let channel = rss::Channel::read_from(xml.as_bytes())
        .with_context(|| format!("the feed at {feed_url} does not parse"))?;
    let mut done = Verified::default();
    for item in channel.items() {
        let Some(enc) = item.enclosure() else {
            continue;
        };
        done.checked += 1;
        let declared: Option<u64> = enc.length().trim().parse().ok();
        let what = match (client.length(enc.url()), declared) {
            (Err(e), _) => Some(format!("{e:#}")),
            (Ok(None), _) => Some("the server does not say its length".to_string()),
            (Ok(Some(n)), Some(d)) if n != d => {
                Some(format!("{n} bytes, but the feed declares {d}"))
            }
            (Ok(Some(_)), None) => {
                Some(format!("the feed declares no length (`{}`)", enc.length()))
            }
            _ => None,
        };
        if let Some(what) = what {
            done.problems.push(Problem {
                url: enc.url().to_string(),
                what,
            });
        }
    }
    Ok(done)
}
