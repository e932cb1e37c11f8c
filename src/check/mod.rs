//! `devocast check`: everything a build would refuse, found without rendering anything, as
//! a list of findings ([`report`]).

mod files;
pub mod report;

use crate::article::{Article, Block};
use crate::audio::library::Library;
use crate::config::{self, Config};
use crate::project::{layout::Layout, plan, read_article, state::Published};
use crate::speech::lexicon::{self, Lexicon};
use crate::text::plural;
use anyhow::Result;
pub use report::{Finding, Report, Severity};
use std::path::Path;

/// Validates configuration, folders, state and lexicon, parses every article, lists hymns
/// without a recording and Bible references that could not be read: everything a build
/// would refuse, without rendering anything.
pub fn check(project: &Path) -> Result<Report> {
    let mut report = Report::default();
    let Some((config, layout)) = configuration(project, &mut report) else {
        return Ok(report);
    };
    voice_record(project, &config, &layout, &mut report);
    lexicon(project, &mut report);
    let refused = files::named_files(project, &config, &mut report);
    let library = Library::new(project, &config);
    intro_and_outro(project, &config, &library, &refused, &mut report);
    let plan = match plan::plan(&layout) {
        Ok(p) => p,
        Err(e) => {
            report.add(Finding::error(format!("{e:#}")));
            return Ok(report);
        }
    };
    for n in &plan.notes {
        report.add(Finding::warning(n));
    }
    for (path, e) in &plan.refused {
        report.add(Finding::failed(layout.rel(path), e));
    }
    let mut hymns_checked = std::collections::HashSet::new();
    for path in &plan.articles {
        article(
            project,
            &layout,
            &library,
            path,
            &config,
            &mut report,
            &mut hymns_checked,
        );
    }
    Ok(report)
}

/// devocast.toml and the folders it names; `None` when they cannot be used (nothing else
/// can be checked then).
fn configuration(project: &Path, report: &mut Report) -> Option<(Config, Layout)> {
    let config = match Config::load(project) {
        Ok(c) => c,
        Err(e) => {
            report.add(Finding::failed(config::FILE_NAME, &e));
            return None;
        }
    };
    let layout = match Layout::new(project, &config) {
        Ok(l) => l,
        Err(e) => {
            report.add(Finding::error(format!("{e:#}")));
            return None;
        }
    };
    if crate::speech::language(&config.podcast.language).is_none() {
        report.add(Finding::warning(format!(
            "podcast.language = {:?}: devocast has no reading rules for this language; numbers and Bible references will be read as in English",
            config.podcast.language
        )).about(config::FILE_NAME));
    }
    if let Some(w) = crate::publish::words::warning(&config.podcast.language) {
        report.add(Finding::warning(w).about(config::FILE_NAME));
    }
    if crate::project::root::has_settings(project) {
        report.add(Finding::ok("").in_file(config::FILE_NAME));
    } else {
        report.add(Finding::warning(format!(
            "no {} in `{}` or any folder above it: every setting is its default (`devocast init` starts a project)",
            config::FILE_NAME,
            project.display()
        )));
    }
    let placeholders = crate::project::placeholders::warnings(&config, &layout);
    for w in config.warnings.iter().chain(&placeholders) {
        report.add(Finding::warning(w).about(config::FILE_NAME));
    }
    Some((config, layout))
}

/// The podcast's recorded voice, and whether this machine can narrate with it.
fn voice_record(project: &Path, config: &Config, layout: &Layout, report: &mut Report) {
    use crate::project::voicelock::{status, Level};
    let file = layout.rel(&layout.published_file());
    match Published::load(&layout.published_file()) {
        Ok(published) => {
            let (level, line) = status(&published, &config.voice, project);
            let severity = match level {
                Level::Ok => Severity::Ok,
                Level::Warning => Severity::Warning,
                Level::Error => Severity::Error,
            };
            report.add(Finding::new(severity, line).about(file));
        }
        Err(e) => report.add(Finding::failed(file, &e)),
    }
}

/// The project's lexicon over the built-in one.
fn lexicon(project: &Path, report: &mut Report) {
    let lexicon = match Lexicon::for_project(project) {
        Ok(l) => l,
        Err(e) => return report.add(Finding::failed(lexicon::FILE_NAME, &e)),
    };
    if lexicon.from_project {
        report.add(
            Finding::ok(format!(
                "lexicon.toml ({} with the built-in ones)",
                plural(lexicon.len(), "entry", "entries")
            ))
            .about(lexicon::FILE_NAME),
        );
    } else {
        report.add(Finding::ok(format!(
            "lexicon: the built-in one ({}; add lexicon.toml for names of your own)",
            plural(lexicon.len(), "entry", "entries")
        )));
    }
    for w in &lexicon.warnings {
        report.add(Finding::warning(w).about(lexicon::FILE_NAME));
    }
}

/// The intro and outro recordings (those not `refused` already as files).
fn intro_and_outro(
    project: &Path,
    config: &Config,
    library: &Library,
    refused: &[String],
    report: &mut Report,
) {
    let p = &config.production;
    let clips = [
        ("production.intro", &p.intro),
        ("production.outro", &p.outro),
    ]
    .into_iter()
    .filter(|(key, _)| !refused.iter().any(|r| r == key))
    .filter_map(|(_, clip)| clip.as_ref());
    for clip in clips {
        let file = clip.to_string_lossy().into_owned();
        match library.prepare(&library.plain(project.join(clip))) {
            Ok(p) => {
                for w in &p.warnings {
                    report.add(Finding::warning(w).about(file.clone()));
                }
            }
            Err(e) => report.add(Finding::failed(file, &e)),
        }
    }
}

/// One article: that it reads, its hymns' recordings, and Bible references that could not
/// be read.
fn article(
    project: &Path,
    layout: &Layout,
    library: &Library,
    path: &Path,
    config: &Config,
    report: &mut Report,
    hymns_checked: &mut std::collections::HashSet<u32>,
) {
    let name = layout.rel(path);
    let article = match read_article(path) {
        Ok(a) => a,
        Err(e) => return report.add(Finding::failed(name, &e)),
    };
    let headings = article
        .sections
        .iter()
        .filter(|s| s.heading.is_some())
        .count();
    report.add(
        Finding::ok(format!(
            "\"{}\", {}, {}",
            article.title,
            plural(article.word_count(), "word", "words"),
            plural(headings, "heading", "headings")
        ))
        .in_file(&name),
    );
    for w in &article.warnings {
        report.add(Finding::warning(w).in_file(&name));
    }
    // The article's own language when it names one; the podcast's is warned about above.
    if article.language.is_some() {
        if let Some(w) = crate::script::unread_language_warning(config, &article, &name) {
            report.add(Finding::warning(w).in_file(&name));
        }
    }
    let language = crate::script::reading_language(config, &article);
    let (hymns, prose) = hymns_and_prose(&article, language);
    // A hymn is checked (and its missing recording said) once, at the first article
    // singing it.
    for n in hymns.into_iter().filter(|&n| hymns_checked.insert(n)) {
        hymn(project, library, &name, n, report);
    }
    for t in prose {
        for r in crate::speech::bible::unreadable(t, language.scripture()) {
            report.add(Finding::warning(format!("\"{r}\" looks like a Bible reference but is not one (wrong chapter or verse?); it will be read as written")).in_file(&name));
        }
    }
}

/// The hymns an article sings or cites, in order without repeats, and the prose it reads
/// aloud (where Bible references are).
fn hymns_and_prose<'a>(
    article: &'a Article,
    language: &dyn crate::speech::Language,
) -> (Vec<u32>, Vec<&'a str>) {
    let mut hymns: Vec<u32> = Vec::new();
    let mut prose: Vec<&str> = Vec::new();
    for b in article.sections.iter().flat_map(|s| &s.blocks) {
        match b {
            Block::HymnStanza {
                number: Some(n), ..
            } => hymns.push(*n),
            Block::Paragraph(t) => {
                hymns.extend(crate::script::cited_hymns(t, language.hymn_words()));
                prose.push(t);
            }
            Block::Quote { text, .. } => prose.push(text),
            Block::List(items) | Block::Lines { lines: items, .. } => {
                prose.extend(items.iter().map(String::as_str))
            }
            _ => {}
        }
    }
    hymns.sort();
    hymns.dedup();
    (hymns, prose)
}

/// Hymn `n` of article `name`: its recording, or that the stanza will be read.
fn hymn(project: &Path, library: &Library, name: &str, n: u32, report: &mut Report) {
    let Some(spec) = library.hymn(n) else {
        let missing = library.search_description(n);
        report.add(
            Finding::warning(format!("{missing} (the stanza will be read aloud)")).in_file(name),
        );
        return;
    };
    match library.prepare(&spec) {
        Ok(p) => {
            let recording = spec.path.strip_prefix(project).unwrap_or(&spec.path);
            report.add(Finding::ok(format!("hymn {n} → {}", recording.display())).in_file(name));
            for w in &p.warnings {
                report.add(Finding::warning(w).in_file(name));
            }
        }
        Err(e) => report.add(Finding::error(format!("{e:#}")).in_file(name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        crate::project::init::init(dir.path()).unwrap();
        std::fs::remove_file(dir.path().join("episodes/welcome.md")).unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        dir
    }

    fn of<'a>(report: &'a Report, file: &str) -> Vec<&'a Finding> {
        report
            .findings
            .iter()
            .filter(|f| f.file.as_deref() == Some(file))
            .collect()
    }

    #[test]
    fn findings_name_their_file_and_severity() {
        let dir = project(&[
            (
                "episodes/a.md",
                "---\ntitle: A\ndate: 2026-02-01\n---\nSing (Hymns #41). Read Psalm 200:1.\n",
            ),
            (
                "episodes/b.md",
                "---\ntitle: B\ndate: 2026-02-31\n---\nBody.\n",
            ),
        ]);
        let report = check(dir.path()).unwrap();
        let a = of(&report, "episodes/a.md");
        let severities: Vec<Severity> = a.iter().map(|f| f.severity).collect();
        assert_eq!(
            severities,
            [Severity::Ok, Severity::Warning, Severity::Warning],
            "{a:?}"
        );
        assert!(
            a[1].message.starts_with("no recording for hymn 41"),
            "{a:?}"
        );
        assert!(a[2].message.contains("\"Psalm 200:1\""), "{a:?}");
        // An article that cannot be read is an error about that file, worded by the reader.
        let b = of(&report, "episodes/b.md");
        assert_eq!(b.len(), 1, "{b:?}");
        assert_eq!(b[0].severity, Severity::Error);
        assert!(
            b[0].to_string().starts_with("error   failed to parse `"),
            "{}",
            b[0]
        );
        // The example owner address and base URL that init writes are warned about, in
        // devocast.toml.
        let config = of(&report, "devocast.toml");
        assert_eq!(config[0].to_string(), "ok      devocast.toml");
        assert!(config[1..].iter().all(|f| f.severity == Severity::Warning));
        assert!(config.iter().any(|f| f.message.contains("podcast.email")));
        assert_eq!(report.worst(), Severity::Error);
        assert!(report.text().ends_with("check failed\n"));
    }

    /// A project whose devocast.toml says `language = "<tag>"`.
    fn project_in(tag: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = project(files);
        let toml = dir.path().join("devocast.toml");
        let text = std::fs::read_to_string(&toml).unwrap();
        let text = text.replace("language = \"en-us\"", &format!("language = \"{tag}\""));
        std::fs::write(toml, text).unwrap();
        dir
    }

    #[test]
    fn references_and_hymns_are_checked_in_the_podcast_language() {
        let article =
            "---\ntitle: A\ndate: 2026-02-01\n---\nLee Jn 22:1 y Ro 8:28. Cantemos el Himno 41.\n";
        let dir = project_in("es-419", &[("episodes/a.md", article)]);
        let report = check(dir.path()).unwrap();
        let a = of(&report, "episodes/a.md");
        assert!(
            a.iter()
                .any(|f| f.message.starts_with("no recording for hymn 41")),
            "{a:?}"
        );
        assert!(a.iter().any(|f| f.message.contains("\"Jn 22:1\"")), "{a:?}");
        assert!(!a.iter().any(|f| f.message.contains("Ro 8:28")), "{a:?}");
        // A language without reading rules is named, once, about devocast.toml.
        let dir = project_in("fr", &[("episodes/a.md", article)]);
        let report = check(dir.path()).unwrap();
        let config = of(&report, "devocast.toml");
        let said: Vec<&&Finding> = config
            .iter()
            .filter(|f| f.message.contains("no reading rules"))
            .collect();
        assert_eq!(said.len(), 1, "{config:?}");
        assert!(said[0].message.contains("\"fr\""), "{config:?}");
        // And that its pages' words will be English.
        let words: Vec<&&Finding> = config
            .iter()
            .filter(|f| f.message.contains("no catalogue of page words"))
            .collect();
        assert_eq!(words.len(), 1, "{config:?}");
    }

    #[test]
    fn warnings_alone_pass() {
        let dir = project(&[("episodes/a.txt", "A\n\nSing (Hymns #41).\n")]);
        let report = check(dir.path()).unwrap();
        assert_eq!(report.worst(), Severity::Warning);
        assert!(report.ok());
        assert!(report.text().ends_with("check passed\n"));
    }

    #[test]
    fn a_configuration_that_cannot_be_read_stops_the_check() {
        let dir = project(&[]);
        std::fs::write(dir.path().join("devocast.toml"), "[podcast]\ncolour = 1\n").unwrap();
        let report = check(dir.path()).unwrap();
        assert_eq!(report.findings.len(), 1, "{report:?}");
        let f = &report.findings[0];
        assert_eq!(
            (f.severity, f.file.as_deref()),
            (Severity::Error, Some("devocast.toml"))
        );
        assert!(f.message.contains("colour"), "{f:?}");
        assert_eq!(report.text().lines().last(), Some("check failed"));
    }
}
