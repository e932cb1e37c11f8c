//! The blog's own name for the podcast: on the first import into a new project, whose
//! `[podcast]` title (and description, and author) are still the examples `init` wrote,
//! the blog's title, description and author take their place in `devocast.toml`, and the
//! import says so. A producer who already named the podcast is never overruled.

use crate::config::{Config, Podcast, FILE_NAME};
use crate::project::placeholders::{EXAMPLE_DESCRIPTION, EXAMPLE_TITLE};
use anyhow::{Context, Result};
use std::path::Path;

/// What the source says of the blog itself, cleaned to plain text.
#[derive(Debug, Default, Clone)]
pub struct Blog {
    pub title: String,
    pub description: Option<String>,
    pub author: Option<String>,
}

/// Puts the blog's title, description and author in `project`'s devocast.toml where the
/// podcast's are still the examples; returns a line for each key set.
pub fn adopt_names(project: &Path, config: &Config, blog: &Blog) -> Result<Vec<String>> {
    let wanted = names_to_set(&config.podcast, blog);
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let path = project.join(FILE_NAME);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("failed to read `{}`", path.display())),
    };
    let mut edited = text.clone();
    for (key, value) in &wanted {
        edited = set_podcast_key(&edited, key, value);
    }
    // Only a file that still reads, with the values meant, is written.
    match Config::parse(&edited, &path) {
        Ok(c) if c.podcast.title == blog.title => {}
        _ => return Ok(Vec::new()),
    }
    crate::fsutil::write_atomic(&path, edited.as_bytes())?;
    Ok(wanted
        .iter()
        .map(|(key, value)| format!("podcast.{key} set to “{value}”, the blog's own, in {FILE_NAME} (change it there if you like)"))
        .collect())
}

/// The keys still at their example (or default) value that the blog can fill.
fn names_to_set(podcast: &Podcast, blog: &Blog) -> Vec<(&'static str, String)> {
    let defaults = Podcast::default();
    let is_example = |now: &str, example: &str, default: &str| now == example || now == default;
    if blog.title.trim().is_empty() || !is_example(&podcast.title, EXAMPLE_TITLE, &defaults.title) {
        return Vec::new();
    }
    let mut out = vec![("title", blog.title.clone())];
    let description = blog.description.as_deref().filter(|d| !d.trim().is_empty());
    if let Some(d) = description {
        if is_example(
            &podcast.description,
            EXAMPLE_DESCRIPTION,
            &defaults.description,
        ) {
            out.push(("description", d.to_string()));
        }
    }
    let author = blog.author.as_deref().filter(|a| !a.trim().is_empty());
    if let Some(a) = author {
        if is_example(&podcast.author, &defaults.author, &defaults.author) {
            out.push(("author", a.to_string()));
        }
    }
    out
}

/// `text` with `key` of its `[podcast]` table set to `value`: the line that sets it
/// replaced (its comment with it), else a line added under the table's header, else the
/// table added at the end.
fn set_podcast_key(text: &str, key: &str, value: &str) -> String {
    let line = format!("{key} = {}", toml::Value::String(value.to_string()));
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let header = lines.iter().position(|l| l.trim() == "[podcast]");
    let Some(header) = header else {
        let mut out = text.trim_end().to_string();
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        return format!("{out}[podcast]\n{line}\n");
    };
    let end = (header + 1..lines.len())
        .find(|&i| lines[i].trim_start().starts_with('['))
        .unwrap_or(lines.len());
    let sets = |l: &str| {
        l.split_once('=')
            .is_some_and(|(k, _)| k.trim() == key && !l.trim_start().starts_with('#'))
    };
    match (header + 1..end).find(|&i| sets(&lines[i])) {
        Some(i) => lines[i] = line,
        None => lines.insert(header + 1, line),
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blog(title: &str) -> Blog {
        Blog {
            title: title.into(),
            description: Some("Words for the way \"home\"".into()),
            author: Some("Ruth Anders".into()),
        }
    }

    #[test]
    fn a_new_projects_examples_take_the_blogs_names() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("p");
        crate::project::init::init(&dir).unwrap();
        let config = Config::load(&dir).unwrap();
        let said = adopt_names(&dir, &config, &blog("Grace Notes")).unwrap();
        assert_eq!(said.len(), 3, "{said:?}");
        let c = Config::load(&dir).unwrap();
        assert_eq!(c.podcast.title, "Grace Notes");
        assert_eq!(c.podcast.description, "Words for the way \"home\"");
        assert_eq!(c.podcast.author, "Ruth Anders");
        // The template's other settings and comments are kept.
        let text = std::fs::read_to_string(dir.join(FILE_NAME)).unwrap();
        assert!(text.contains("# timezone = \"America/Chicago\""), "{text}");
        // A second import of another blog does not rename the podcast.
        let said = adopt_names(&dir, &c, &blog("Other Blog")).unwrap();
        assert!(said.is_empty());
        assert_eq!(Config::load(&dir).unwrap().podcast.title, "Grace Notes");
    }

    #[test]
    fn a_podcast_named_by_the_producer_keeps_its_name() {
        let text = "[podcast]\ntitle = \"Bread Daily\"\n";
        let c = Config::parse(text, Path::new("x")).unwrap();
        assert!(names_to_set(&c.podcast, &blog("Grace Notes")).is_empty());
        // Without a devocast.toml (defaults), the table is written.
        let quoted = set_podcast_key("", "title", "A \"B\"");
        let c = Config::parse(&quoted, Path::new("x")).unwrap();
        assert_eq!(c.podcast.title, "A \"B\"");
        assert_eq!(
            set_podcast_key("[voice]\nrate = 170\n", "title", "T"),
            "[voice]\nrate = 170\n\n[podcast]\ntitle = \"T\"\n"
        );
        assert_eq!(
            set_podcast_key(
                "[podcast]\n# title = \"x\"\nauthor = \"A\"\n[voice]\ntitle = 1\n",
                "title",
                "T"
            ),
            "[podcast]\ntitle = \"T\"\n# title = \"x\"\nauthor = \"A\"\n[voice]\ntitle = 1\n"
        );
    }
}
