//! `[podcast]`: the channel's metadata for the feed and the ID3 tags, and the project's
//! folders.

use anyhow::{bail, Result};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The `base_url` a new project starts with, which only this computer can reach.
pub const DEFAULT_BASE_URL: &str = "http://localhost:8000";

/// Channel metadata for the feed and the ID3 tags.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Podcast {
    /// Podcast title. Default: "Untitled devotions".
    pub title: String,
    /// Channel description. Default: empty (the feed then repeats the title).
    pub description: String,
    /// Author shown in apps (itunes:author, ID3 artist). Default: "devocast".
    pub author: String,
    /// Owner e-mail for itunes:owner. Default: none.
    pub email: Option<String>,
    /// BCP 47 language tag of the articles ("en-US", "es", "es-419"): the feed's language,
    /// the reading rules ("es" reads by the Spanish rules), and the words of pages, show
    /// notes and books ("Capítulos", "Transcripción"). Default: "en-us".
    pub language: String,
    /// Public URL where the contents of `feed/` will be served; enclosure URLs start with it.
    /// Default: "http://localhost:8000".
    pub base_url: String,
    /// Cover image (square JPEG or PNG, 1400–3000 px), relative to the project. Default: none
    /// (devocast draws one).
    pub image: Option<PathBuf>,
    /// Apple Podcasts category. Default: "Religion & Spirituality".
    pub category: String,
    /// Optional subcategory. Default: "Christianity".
    pub subcategory: Option<String>,
    /// itunes:explicit. Default: false.
    pub explicit: bool,
    /// Copyright line. Default: none.
    pub copyright: Option<String>,
    /// Folder of article sources, relative to the project. Default: "episodes".
    pub episodes_dir: PathBuf,
    /// Output folder, relative to the project. Default: "feed".
    pub output_dir: PathBuf,
    /// Folder for the private WAV masters, relative to the project. Default: "masters".
    pub masters_dir: PathBuf,
    /// The time zone episode dates are meant in (IANA name, "America/Chicago"). Default: none
    /// (dates are published at a time that is the same calendar day everywhere).
    pub timezone: Option<String>,
    /// The time of day episodes are published, "HH:MM" in `timezone` (UTC without one).
    /// Default: 06:00 with a time zone; 11:00 UTC without (the same date from UTC−11 to
    /// UTC+12).
    pub publish_time: Option<String>,
    /// `podcast:license`: an SPDX identifier or a name. Default: read from `copyright` when
    /// it names a Creative Commons license.
    pub license: Option<String>,
    /// `podcast:locked`: asks podcast platforms not to import the feed elsewhere without
    /// the owner's consent. Default: true.
    pub locked: bool,
    /// `podcast:funding`: where listeners can support the podcast. Default: none.
    pub funding: Option<Funding>,
    /// `podcast:person`: hosts and other people of the podcast. Default: none.
    pub person: Vec<Person>,
    /// `itunes:new-feed-url`, when the feed moves. Default: none.
    pub new_feed_url: Option<String>,
    /// `itunes:block`: keep the podcast out of Apple's directory. Default: false.
    pub block: bool,
}

impl Default for Podcast {
    fn default() -> Self {
        Podcast {
            title: "Untitled devotions".into(),
            description: String::new(),
            author: "devocast".into(),
            email: None,
            language: "en-us".into(),
            base_url: DEFAULT_BASE_URL.into(),
            image: None,
            category: "Religion & Spirituality".into(),
            subcategory: Some("Christianity".into()),
            explicit: false,
            copyright: None,
            episodes_dir: PathBuf::from("episodes"),
            output_dir: PathBuf::from("feed"),
            masters_dir: PathBuf::from("masters"),
            timezone: None,
            publish_time: None,
            license: None,
            locked: true,
            funding: None,
            person: Vec::new(),
            new_feed_url: None,
            block: false,
        }
    }
}

/// `[podcast.funding]`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    /// The page to give on.
    pub url: String,
    /// What the link says. Default: "Support the podcast".
    #[serde(default = "default_funding_text")]
    pub text: String,
}

fn default_funding_text() -> String {
    "Support the podcast".into()
}

/// One `[[podcast.person]]`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Their name.
    pub name: String,
    /// Their role in the Podcasting 2.0 taxonomy. Default: "host".
    #[serde(default = "default_role")]
    pub role: String,
    /// A page about them. Default: none.
    pub href: Option<String>,
    /// A picture of them. Default: none.
    pub img: Option<String>,
}

fn default_role() -> String {
    "host".into()
}

impl Podcast {
    /// Checks the addresses, the time zone and the time of day (the folders are checked
    /// with every other path, in `folders.rs`).
    pub fn validate(&self) -> Result<()> {
        let url = &self.base_url;
        if !is_web_address(url) {
            bail!("podcast.base_url = {url:?} must start with http:// or https://, then a host");
        }
        // Every address the feed and pages publish is one an app can open: never
        // `javascript:` or `data:`.
        let mut urls = vec![
            ("podcast.new_feed_url", self.new_feed_url.as_deref()),
            (
                "podcast.funding url",
                self.funding.as_ref().map(|f| f.url.as_str()),
            ),
        ];
        for p in &self.person {
            urls.push(("[[podcast.person]] href", p.href.as_deref()));
            urls.push(("[[podcast.person]] img", p.img.as_deref()));
        }
        for (key, u) in urls {
            if let Some(u) = u.filter(|u| !is_web_address(u)) {
                bail!("{key} = {u:?} must start with http:// or https://, then a host");
            }
        }
        super::language::check(&self.language).map_err(anyhow::Error::msg)?;
        if let Some(tz) = &self.timezone {
            if tz.parse::<chrono_tz::Tz>().is_err() {
                bail!("podcast.timezone = {tz:?} is not a time zone name like \"America/Chicago\" or \"Europe/London\"");
            }
        }
        if let Some(t) = &self.publish_time {
            if chrono::NaiveTime::parse_from_str(t, "%H:%M").is_err() {
                bail!("podcast.publish_time = {t:?} must be a time like \"06:00\" (24-hour HH:MM)");
            }
        }
        Ok(())
    }

    /// The texts that reach listeners, each named by its key, for cleaning.
    pub(super) fn texts_mut(&mut self) -> Vec<(String, &mut String)> {
        let mut texts: Vec<(String, &mut String)> = Vec::new();
        for person in &mut self.person {
            texts.push(("[[podcast.person]] name".into(), &mut person.name));
        }
        if let Some(f) = &mut self.funding {
            texts.push(("[podcast.funding] text".into(), &mut f.text));
        }
        for (key, v) in [
            ("podcast.title", &mut self.title),
            ("podcast.description", &mut self.description),
            ("podcast.author", &mut self.author),
            ("podcast.language", &mut self.language),
            ("podcast.base_url", &mut self.base_url),
            ("podcast.category", &mut self.category),
        ] {
            texts.push((key.into(), v));
        }
        for (key, v) in [
            ("podcast.email", &mut self.email),
            ("podcast.subcategory", &mut self.subcategory),
            ("podcast.copyright", &mut self.copyright),
        ] {
            if let Some(v) = v {
                texts.push((key.into(), v));
            }
        }
        texts
    }
}

/// Whether `url` is an address on the web (what apps elsewhere can fetch): http(s), a host,
/// and nothing that would break out of an attribute (spaces, controls, quotes, `<`, `>`).
pub fn is_web_address(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && url.len() <= 2048
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'))
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use std::path::Path;

    #[test]
    fn addresses_zones_and_times_are_checked() {
        for (bad, why) in [
            ("base_url = \"example.org\"", "podcast.base_url"),
            ("base_url = \"ftp://example.org\"", "podcast.base_url"),
            ("new_feed_url = \"feed.xml\"", "podcast.new_feed_url"),
            ("timezone = \"Mars/Olympus\"", "podcast.timezone"),
            ("publish_time = \"6 am\"", "podcast.publish_time"),
            ("publish_time = \"25:00\"", "podcast.publish_time"),
            ("funding = { url = \"give\" }", "podcast.funding url"),
            ("funding = { url = \"javascript:alert(1)\" }", "podcast.funding url"),
            ("base_url = \"http://\"", "podcast.base_url"),
            ("base_url = \"https:// x\"", "podcast.base_url"),
            (
                "[[podcast.person]]\nname = \"A\"\nhref = \"javascript:alert(1)\"",
                "[[podcast.person]] href = \"javascript:alert(1)\"",
            ),
            (
                "[[podcast.person]]\nname = \"A\"\nimg = \"data:image/png;base64,AAAA\"",
                "[[podcast.person]] img = \"data:image/png;base64,AAAA\"",
            ),
            (
                "[[podcast.person]]\nname = \"A\"\nimg = \"https://ok.example/a.jpg\"\n[[podcast.person]]\nname = \"B\"\nhref = \"vbscript:x\"",
                "[[podcast.person]] href = \"vbscript:x\"",
            ),
            (
                "[[podcast.person]]\nname = \"A\"\nhref = \"http://x/\\\"onload=\"",
                "[[podcast.person]] href",
            ),
            (
                "[[podcast.person]]\nname = \"A\"\nhref = \"/about\"",
                "[[podcast.person]] href",
            ),
            ("language = \"english\"", "podcast.language = \"english\""),
            ("language = \"en_GB\"", "did you mean \"en-GB\"?"),
            ("language = \"es_MX\"", "podcast.language"),
            ("language = \"\"", "podcast.language"),
        ] {
            let toml = format!("[podcast]\n{bad}");
            let err = Config::parse(&toml, Path::new("x")).expect_err(&toml);
            assert!(format!("{err:#}").contains(why), "{toml}: {err:#}");
        }
        let ok = "[podcast]\nbase_url = \"https://example.org/pod\"\ntimezone = \"Europe/London\"\npublish_time = \"07:30\"\nfunding = { url = \"https://example.org/give\" }\n[[podcast.person]]\nname = \"A\"\nhref = \"https://example.org/a\"\nimg = \"http://example.org/a.jpg\"";
        let c = Config::parse(ok, Path::new("x")).unwrap_or_else(|e| panic!("{e:#}"));
        let funding = c.podcast.funding.expect("funding");
        assert_eq!(funding.text, "Support the podcast");
        for tag in ["es", "es-419", "en-US", "zh-Hant-TW", "fr"] {
            let toml = format!("[podcast]\nlanguage = \"{tag}\"");
            Config::parse(&toml, Path::new("x")).unwrap_or_else(|e| panic!("{tag}: {e:#}"));
        }
    }
}
