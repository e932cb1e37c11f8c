//! `serve --watch`: rebuilds while serving when the sources change.

use std::path::Path;
use std::time::{Duration, SystemTime};

/// The newest modification time among the project's sources.
fn newest_source(project: &Path) -> Option<SystemTime> {
    fn walk(dir: &Path, newest: &mut Option<SystemTime>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, newest);
            } else if let Ok(m) = e.metadata().and_then(|m| m.modified()) {
                *newest = (*newest).max(Some(m));
            }
        }
    }
    let mut newest = None;
    for f in [crate::config::FILE_NAME, crate::speech::lexicon::FILE_NAME] {
        if let Ok(m) = std::fs::metadata(project.join(f)).and_then(|m| m.modified()) {
            newest = newest.max(Some(m));
        }
    }
    walk(&project.join("episodes"), &mut newest);
    walk(&project.join("audio"), &mut newest);
    newest
}

/// Polls the sources once a second and rebuilds what changed.
pub(super) fn watch_and_build(project: &Path) {
    let mut seen = newest_source(project);
    loop {
        std::thread::sleep(Duration::from_secs(1));
        let now = newest_source(project);
        if now == seen {
            continue;
        }
        seen = now;
        println!("change detected; rebuilding");
        match crate::build::build(project, &Default::default(), &|l| println!("{l}")) {
            Ok(s) => println!(
                "rebuilt: {} built, {} unchanged, {} failed",
                s.built(),
                s.unchanged(),
                s.failed()
            ),
            Err(e) => println!("rebuild failed: {e:#}"),
        }
    }
}
