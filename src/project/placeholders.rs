//! The examples `init` writes that a producer must replace before publishing: the
//! podcast's example title, description and author, the example owner e-mail, the address
//! only this computer can reach, and the example episode left as it was written. `check`
//! and `build` point each out until it is changed.

use super::init::{is_untouched_example, EXAMPLE_EMAIL, EXAMPLE_PATH};
use super::layout::Layout;
use crate::config::{Config, Podcast};

/// The example title `init` writes.
pub const EXAMPLE_TITLE: &str = "My Devotions";
/// The example description `init` writes.
pub const EXAMPLE_DESCRIPTION: &str = "Daily devotional readings.";

/// A warning for each placeholder still in the settings or the episodes.
pub fn warnings(config: &Config, layout: &Layout) -> Vec<String> {
    let mut out = settings(&config.podcast);
    out.extend(config.base_url_warning());
    out.extend(example_episode(layout));
    out
}

/// The settings still as `init` (or the defaults) left them.
fn settings(podcast: &Podcast) -> Vec<String> {
    let defaults = Podcast::default();
    let mut out = Vec::new();
    if podcast.title == EXAMPLE_TITLE || podcast.title == defaults.title {
        out.push(format!(
            "podcast.title is still the example {:?}: give the podcast its own name (apps list it by this)",
            podcast.title
        ));
    }
    if podcast.description == EXAMPLE_DESCRIPTION {
        out.push(format!(
            "podcast.description is still the example {EXAMPLE_DESCRIPTION:?}: say in a sentence or two what listeners will hear"
        ));
    }
    if podcast.author == defaults.author {
        out.push(format!(
            "podcast.author is still the example {:?}: put the name listeners should see (a person, church or ministry)",
            podcast.author
        ));
    }
    if podcast.email.as_deref() == Some(EXAMPLE_EMAIL) {
        out.push(format!(
            "podcast.email is still the example {EXAMPLE_EMAIL}: podcast directories send the owner's mail there"
        ));
    }
    out
}

/// The example episode, when it is still exactly as `init` wrote it.
fn example_episode(layout: &Layout) -> Option<String> {
    let name = std::path::Path::new(EXAMPLE_PATH).file_name()?;
    let path = layout.episodes.join(name);
    let bytes = std::fs::read(&path).ok()?;
    is_untouched_example(&bytes).then(|| {
        format!(
            "`{}` is still the example episode `devocast init` wrote: replace it with your first article, or delete it",
            layout.rel(&path)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_placeholder_is_named_until_changed() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("p");
        crate::project::init::init(&dir).unwrap();
        let config = Config::load(&dir).unwrap();
        let layout = Layout::new(&dir, &config).unwrap();
        let all = warnings(&config, &layout).join("\n");
        for key in [
            "podcast.title",
            "podcast.description",
            "podcast.author",
            "podcast.email",
            "podcast.base_url",
            "episodes/welcome.md",
        ] {
            assert!(all.contains(key), "{key}: {all}");
        }
        let mut config = config;
        config.podcast.title = "Morning Manna".into();
        config.podcast.description = "Short readings for the morning.".into();
        config.podcast.author = "Grace Chapel".into();
        config.podcast.email = Some("pastor@gracechapel.org".into());
        config.podcast.base_url = "https://gracechapel.org/pod".into();
        let welcome = dir.join("episodes/welcome.md");
        let text = std::fs::read_to_string(&welcome).unwrap();
        std::fs::write(&welcome, text.replace("this day", "this morning")).unwrap();
        assert_eq!(warnings(&config, &layout), Vec::<String>::new());
        // The same example with Windows line ends is still the example.
        std::fs::write(&welcome, text.replace('\n', "\r\n")).unwrap();
        assert_eq!(warnings(&config, &layout).len(), 1);
    }
}
