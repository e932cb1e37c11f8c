//! The files `devocast.toml` names (cover, intro, outro, hymn recordings) and the limits on
//! what the configuration itself may hold: every file is a regular file within a size
//! limit, looked at before a byte is read (`intro = "/dev/zero"` would never end), and every
//! text is bounded (a 2 MB title would cost gigabytes once laid out in pages and feeds).

use super::Config;
use std::path::{Path, PathBuf};

/// The most a recording (intro, outro, hymn) may weigh: an hour of WAV at 48 kHz stereo is
/// 700 MB; a hymn is a few megabytes.
pub const MAX_RECORDING_BYTES: u64 = 1 << 30;
/// The most the cover image may weigh (a 3000 px JPEG is a few megabytes).
pub const MAX_IMAGE_BYTES: u64 = 64 << 20;
/// The most `lexicon.toml` may weigh (100,000 entries are about 4 MB).
pub const MAX_LEXICON_BYTES: u64 = 64 << 20;
/// The most `devocast.toml` may weigh.
pub const MAX_CONFIG_BYTES: u64 = 4 << 20;
/// The longest text a setting may hold, bytes (a title, a name, a path).
pub const MAX_TEXT_BYTES: usize = 4096;
/// The longest `podcast.description`, bytes (Apple asks for at most 4,000 characters).
pub const MAX_DESCRIPTION_BYTES: usize = 65_536;

/// A file the configuration names.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedFile {
    /// The setting that names it (`production.intro`).
    pub key: String,
    /// Where it is (the project joined with the setting).
    pub path: PathBuf,
    /// The most it may weigh, bytes.
    pub limit: u64,
}

impl NamedFile {
    /// That it is a regular file within its limit; the error names the file and the setting.
    /// A missing file passes here: it is reported where it is used (a hymn no article sings
    /// stops nothing).
    pub fn check(&self) -> anyhow::Result<()> {
        let missing = std::fs::symlink_metadata(&self.path)
            .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound);
        if missing {
            return Ok(());
        }
        crate::fsutil::open_regular(&self.path, self.limit)
            .map(drop)
            .map_err(|e| anyhow::anyhow!("{} in devocast.toml: {e:#}", self.key))
    }
}

impl Config {
    /// Every file this configuration names, with its setting and limit, for `project`.
    pub fn named_files(&self, project: &Path) -> Vec<NamedFile> {
        let named = |key: String, rel: &Path, limit| NamedFile {
            key,
            path: project.join(rel),
            limit,
        };
        let mut out = Vec::new();
        if let Some(image) = &self.podcast.image {
            out.push(named("podcast.image".into(), image, MAX_IMAGE_BYTES));
        }
        for (key, clip) in [
            ("production.intro", &self.production.intro),
            ("production.outro", &self.production.outro),
        ] {
            if let Some(clip) = clip {
                out.push(named(key.into(), clip, MAX_RECORDING_BYTES));
            }
        }
        for (n, clip) in &self.hymns {
            out.push(named(
                format!("[hymns.{n}] file"),
                &clip.file,
                MAX_RECORDING_BYTES,
            ));
        }
        out
    }

    /// Checks every named file ([`NamedFile::check`]); all the problems, not only the first.
    pub fn check_named_files(&self, project: &Path) -> Vec<anyhow::Error> {
        self.named_files(project)
            .iter()
            .filter_map(|f| f.check().err())
            .collect()
    }
}

/// Refuses a text setting longer than its limit, naming the setting: every string the
/// configuration holds, found by walking it as data.
pub(super) fn check_text_sizes(config: &Config) -> anyhow::Result<()> {
    let value = serde_json::to_value(config)?;
    let mut too_long = None;
    walk(&value, &mut String::new(), &mut |key, s| {
        let limit = if key == "podcast.description" {
            MAX_DESCRIPTION_BYTES
        } else {
            MAX_TEXT_BYTES
        };
        if s.len() > limit && too_long.is_none() {
            too_long = Some(format!(
                "{key} is {} bytes long; the limit is {limit}",
                s.len()
            ));
        }
    });
    match too_long {
        Some(why) => anyhow::bail!(why),
        None => Ok(()),
    }
}

/// Calls `f` with each string in `v` and its dotted key.
fn walk(v: &serde_json::Value, key: &mut String, f: &mut dyn FnMut(&str, &str)) {
    match v {
        serde_json::Value::String(s) => f(key, s),
        serde_json::Value::Array(items) => {
            for item in items {
                walk(item, key, f);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, item) in map {
                let len = key.len();
                if !key.is_empty() {
                    key.push('.');
                }
                key.push_str(k);
                walk(item, key, f);
                key.truncate(len);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_refused_by_their_key() {
        let ok = Config::parse("[podcast]\ntitle = \"T\"", Path::new("x"));
        assert!(ok.is_ok());
        for (toml, key) in [
            (
                format!("[podcast]\ntitle = \"{}\"", "t".repeat(2_000_000)),
                "podcast.title",
            ),
            (
                format!("[podcast]\ndescription = \"{}\"", "d".repeat(70_000)),
                "podcast.description",
            ),
            (
                format!("[[podcast.person]]\nname = \"{}\"", "n".repeat(5000)),
                "podcast.person.name",
            ),
            (
                format!(
                    "[hymns.5]\nfile = \"a.mp3\"\ntitle = \"{}\"",
                    "h".repeat(5000)
                ),
                "hymns.5.title",
            ),
            (
                format!("[production]\nintro = \"{}.mp3\"", "i".repeat(5000)),
                "production.intro",
            ),
        ] {
            let err = Config::parse(&toml, Path::new("x")).expect_err(key);
            let msg = format!("{err:#}");
            assert!(
                msg.contains(key) && msg.contains("the limit is"),
                "{msg:.300}"
            );
            assert!(
                msg.len() < 1000,
                "the message repeats the text: {:.300}",
                msg
            );
        }
        let long_description = format!("[podcast]\ndescription = \"{}\"", "d".repeat(20_000));
        assert!(Config::parse(&long_description, Path::new("x")).is_ok());
    }

    #[test]
    fn named_files_must_be_regular_and_within_their_limit() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("folder.mp3")).unwrap();
        std::fs::write(dir.path().join("fine.mp3"), b"x").unwrap();
        let toml = "[podcast]\nimage = \"/dev/urandom\"\n[production]\nintro = \"/dev/zero\"\noutro = \"folder.mp3\"\n[hymns.7]\nfile = \"fine.mp3\"\n[hymns.8]\nfile = \"not-yet.mp3\"";
        let config = Config::parse(toml, Path::new("x")).unwrap();
        let errors: Vec<String> = config
            .check_named_files(dir.path())
            .iter()
            .map(|e| format!("{e:#}"))
            .collect();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].starts_with("podcast.image") && errors[0].contains("/dev/urandom"));
        assert!(errors[0].contains("not a regular file"), "{errors:?}");
        assert!(errors[1].starts_with("production.intro") && errors[1].contains("/dev/zero"));
        assert!(errors[2].starts_with("production.outro") && errors[2].contains("a folder"));
        let big = NamedFile {
            key: "k".into(),
            path: dir.path().join("fine.mp3"),
            limit: 0,
        };
        assert!(format!("{:#}", big.check().unwrap_err()).contains("over the limit"));
    }
}
