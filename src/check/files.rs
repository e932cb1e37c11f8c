//! The files `devocast.toml` names: each a regular file within its limit (all of them are
//! reported, not only the first), the cover an image podcast apps take, and each one outside
//! the project noted, since it is published from where it is.

use super::{Finding, Report};
use crate::config::{self, Config, NamedFile};
use std::path::Path;

/// Reports every named file; returns the settings whose files cannot be used, so the
/// recordings among them are not decoded again.
pub(super) fn named_files(project: &Path, config: &Config, report: &mut Report) -> Vec<String> {
    let mut refused = Vec::new();
    for file in config.named_files(project) {
        if let Err(e) = file.check() {
            report.add(Finding::failed(config::FILE_NAME, &e));
            refused.push(file.key.clone());
            continue;
        }
        if let Some(note) = outside(project, &file) {
            report.add(Finding::ok(note).about(config::FILE_NAME));
        }
        if file.key == "podcast.image" {
            cover(&file, report);
        }
    }
    refused
}

/// A note when `file` lies outside the project: allowed (a cover shared by several
/// podcasts), but it is published from there, so the producer should know.
fn outside(project: &Path, file: &NamedFile) -> Option<String> {
    let real = |p: &Path| std::fs::canonicalize(p).ok();
    let out = match (real(project), real(&file.path)) {
        (Some(root), Some(path)) => !path.starts_with(root),
        // Not there (reported as missing): by how the setting is written.
        _ => file
            .path
            .strip_prefix(project)
            .map_or(true, |rel| config::inside(rel).is_err()),
    };
    let how = if file.key == "podcast.image" {
        "published"
    } else {
        "read"
    };
    out.then(|| {
        format!(
            "{} `{}` is outside the project: it is {how} from there",
            file.key,
            file.path.display()
        )
    })
}

/// That the cover is a square PNG or JPEG of 1400–3000 px, as the build will require.
fn cover(file: &NamedFile, report: &mut Report) {
    let checked = crate::fsutil::read_limited(&file.path, file.limit).and_then(|bytes| {
        let (_, _, (w, h)) = crate::publish::cover::inspect(&bytes)?;
        if w != h || !(1400..=3000).contains(&w) {
            anyhow::bail!("is {w}×{h}: podcast apps need a square image of 1400–3000 pixels");
        }
        Ok(())
    });
    if let Err(e) = checked {
        report.add(
            Finding::error(format!("podcast.image `{}`: {e:#}", file.path.display()))
                .about(config::FILE_NAME),
        );
    }
}
