//! `devocast check`: everything a build would refuse, found without rendering anything.

use crate::article::Block;
use crate::audio::library::Library;
use crate::config::Config;
use crate::project::init::EXAMPLE_EMAIL;
use crate::project::{layout::Layout, plan, read_article, state::Published};
use crate::speech::lexicon::Lexicon;
use anyhow::Result;
use std::path::Path;

/// What `check` found.
pub struct Report {
    /// Human-readable lines.
    pub text: String,
    /// False when anything would make a build fail.
    pub ok: bool,
}

/// Validates configuration, folders, state and lexicon, parses every article, lists hymns
/// without a recording and Bible references that could not be read: everything a build
/// would refuse, without rendering anything.
pub fn check(project: &Path) -> Result<Report> {
    let mut text = String::new();
    let mut ok = true;
    let config_and_layout =
        Config::load(project).and_then(|c| Layout::new(project, &c).map(|l| (c, l)));
    let (config, layout) = match config_and_layout {
        Ok(c) => {
            text.push_str("ok      devocast.toml\n");
            c
        }
        Err(e) => {
            return Ok(Report {
                text: format!("error   {e:#}\ncheck failed\n"),
                ok: false,
            });
        }
    };
    for w in config
        .warnings
        .iter()
        .chain(config.base_url_warning().iter())
    {
        text.push_str(&format!("warning {w}\n"));
    }
    if config.podcast.email.as_deref() == Some(EXAMPLE_EMAIL) {
        text.push_str(&format!(
            "warning podcast.email is still the example {EXAMPLE_EMAIL}: podcast directories send the owner's mail there\n"
        ));
    }
    match Published::load(&layout.published_file()) {
        Ok(published) => {
            use crate::project::voicelock::{status, Level};
            let (level, line) = status(&published, &config.voice, project);
            let tag = match level {
                Level::Ok => "ok     ",
                Level::Warning => "warning",
                Level::Error => {
                    ok = false;
                    "error  "
                }
            };
            text.push_str(&format!("{tag} {line}\n"));
        }
        Err(e) => {
            ok = false;
            text.push_str(&format!("error   {e:#}\n"));
        }
    }
    match Lexicon::for_project(project) {
        Ok(l) => {
            if l.from_project {
                text.push_str(&format!(
                    "ok      lexicon.toml ({} entries with the built-in ones)\n",
                    l.len()
                ));
            } else {
                text.push_str(&format!(
                    "ok      lexicon: the built-in one ({} entries; add lexicon.toml for names of your own)\n",
                    l.len()
                ));
            }
            for w in &l.warnings {
                text.push_str(&format!("warning {w}\n"));
            }
        }
        Err(e) => {
            ok = false;
            text.push_str(&format!("error   {e:#}\n"));
        }
    }
    let library = Library::new(project, &config);
    for clip in config
        .production
        .intro
        .iter()
        .chain(&config.production.outro)
    {
        let path = project.join(clip);
        match library.prepare(&library.plain(path)) {
            Ok(p) => {
                for w in &p.warnings {
                    text.push_str(&format!("warning {w}\n"));
                }
            }
            Err(e) => {
                ok = false;
                text.push_str(&format!("error   {e:#}\n"));
            }
        }
    }
    let plan = match plan::plan(&layout) {
        Ok(p) => p,
        Err(e) => {
            text.push_str(&format!("error   {e:#}\ncheck failed\n"));
            return Ok(Report { text, ok: false });
        }
    };
    for n in &plan.notes {
        text.push_str(&format!("warning {n}\n"));
    }
    for (_, e) in &plan.refused {
        ok = false;
        text.push_str(&format!("error   {e:#}\n"));
    }
    for path in plan.articles {
        let name = layout.rel(&path);
        let article = match read_article(&path) {
            Ok(a) => a,
            Err(e) => {
                ok = false;
                text.push_str(&format!("error   {e:#}\n"));
                continue;
            }
        };
        text.push_str(&format!(
            "ok      {name}: \"{}\", {} words, {} headings\n",
            article.title,
            article.word_count(),
            article
                .sections
                .iter()
                .filter(|s| s.heading.is_some())
                .count()
        ));
        for w in &article.warnings {
            text.push_str(&format!("warning {name}: {w}\n"));
        }
        let mut hymns: Vec<u32> = Vec::new();
        let mut prose: Vec<&str> = Vec::new();
        for b in article.sections.iter().flat_map(|s| &s.blocks) {
            match b {
                Block::HymnStanza {
                    number: Some(n), ..
                } => hymns.push(*n),
                Block::Paragraph(t) => {
                    hymns.extend(crate::script::cited_hymns(t));
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
        for n in hymns {
            match library.hymn(n) {
                Some(spec) => match library.prepare(&spec) {
                    Ok(p) => {
                        text.push_str(&format!(
                            "ok      {name}: hymn {n} → {}\n",
                            spec.path
                                .strip_prefix(project)
                                .unwrap_or(&spec.path)
                                .display()
                        ));
                        for w in &p.warnings {
                            text.push_str(&format!("warning {name}: {w}\n"));
                        }
                    }
                    Err(e) => {
                        ok = false;
                        text.push_str(&format!("error   {name}: {e:#}\n"));
                    }
                },
                None => text.push_str(&format!(
                    "warning {name}: {} (the stanza will be read aloud)\n",
                    library.search_description(n)
                )),
            }
        }
        for t in prose {
            for r in crate::speech::bible::unreadable(t) {
                text.push_str(&format!("warning {name}: \"{r}\" looks like a Bible reference but is not one (wrong chapter or verse?); it will be read as written\n"));
            }
        }
    }
    text.push_str(if ok {
        "check passed\n"
    } else {
        "check failed\n"
    });
    Ok(Report { text, ok })
}
