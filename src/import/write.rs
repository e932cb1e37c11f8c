//! Writing article files by the rules of re-import: a post seen for the first time gets a
//! free name; a post met again goes to its recorded file, rewritten only when the blog
//! changed it and the producer did not; a producer's edit, deletion or own file is never
//! overwritten unless forced, and a replaced edit is kept aside.

use super::article_file::{names_post, post_named};
use super::record::{hash, Imported, Imports};
use super::summary::Summary;
use crate::project::layout::Layout;
use crate::project::plan::episode_key;
use crate::text::escape_attr;
use anyhow::{anyhow, bail, Context, Result};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// A post ready to write: its article and the name it would take.
pub struct Ready {
    /// The post's key.
    pub key: String,
    /// `<date>-<slug>.html`.
    pub name: String,
    /// The article file.
    pub html: String,
    /// The cleaned title, for messages.
    pub title: String,
    /// When it was published, for `--limit`.
    pub date: Option<chrono::NaiveDateTime>,
    /// The source line where the post starts, for messages.
    pub line: u64,
}

// Newest first in the heap used by `--limit` (a min-heap by date: the oldest is dropped).
impl PartialEq for Ready {
    fn eq(&self, o: &Self) -> bool {
        self.order() == o.order()
    }
}
impl Eq for Ready {}
impl PartialOrd for Ready {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Ready {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        // Reversed, so the heap's top is the oldest post.
        o.order().cmp(&self.order())
    }
}
impl Ready {
    fn order(&self) -> (Option<chrono::NaiveDateTime>, &str) {
        (self.date, &self.key)
    }
}

/// The episodes folder as import writes it, with the record of what earlier imports wrote.
pub struct Writer<'a> {
    layout: &'a Layout,
    /// `--force`: replace edited articles (keeping the edit aside), bring back deleted ones.
    force: bool,
    imports: Imports,
    /// Episodes of the names given to posts (this run's and earlier runs'), by the key the
    /// build tells episodes apart by ([`episode_key`]).
    taken: HashSet<String>,
    /// The article files in the episodes folder when the import began, by episode key.
    present: HashMap<String, Vec<String>>,
    /// For each name a post would take, the suffix to try next (`-2`, `-3`…), so a slug
    /// met many times costs no more than one met once.
    next_suffix: HashMap<String, usize>,
    written_since_save: usize,
    /// The source, as messages name it.
    source: String,
}

impl<'a> Writer<'a> {
    /// A writer for the project's episodes folder, with the record earlier imports left.
    pub fn new(layout: &'a Layout, force: bool, source: &str) -> Result<Writer<'a>> {
        let imports = Imports::load(&layout.imports())?;
        Ok(Writer {
            layout,
            force,
            taken: imports.posts.values().map(|i| key_of(&i.file)).collect(),
            present: present(&layout.episodes)?,
            next_suffix: HashMap::new(),
            imports,
            written_since_save: 0,
            source: source.to_string(),
        })
    }

    /// Saves the record of what was written where.
    pub fn save(&self) -> Result<()> {
        self.imports.save(&self.layout.imports())
    }

    /// Writes one post's article; a post that cannot be written (a file system refusing
    /// its name, a full disk) is noted and the import goes on with the next.
    pub fn write_or_note(&mut self, r: Ready, summary: &mut Summary) -> Result<()> {
        let what = format!("“{}” (`{}` line {})", r.title, self.source, r.line);
        if let Err(e) = self.write(r, summary) {
            summary.failed.push(format!("{what}: {e:#}"));
        }
        // A long import records its progress now and then, so an interruption costs little;
        // a record that cannot be saved is not a post that failed, and the final save says
        // so if it still cannot.
        // Every 500 posts at first, then less often as the record grows, so saving it costs
        // time in proportion to the posts (each save writes the whole record).
        if self.written_since_save >= (self.imports.posts.len() / 4).max(500) {
            if let Err(e) = self.save() {
                summary.warnings.push(format!(
                    "the import's record could not be saved midway ({e:#}); it is tried again at the end"
                ));
            }
            self.written_since_save = 0;
        }
        Ok(())
    }

    /// Writes one post's article, or leaves the file as it is, by the rules of re-import.
    fn write(&mut self, r: Ready, summary: &mut Summary) -> Result<()> {
        let new_hash = hash(r.html.as_bytes());
        let known = self.imports.posts.get(&r.key).cloned();
        let (file, clash) = match &known {
            Some(k) => (k.file.clone(), None),
            None => self.free_name(&r)?,
        };
        let last_written = known.as_ref().map(|k| k.written.clone());
        let path = self.layout.episodes.join(&file);
        let rel = self.layout.rel(&path);
        // With no record, whether the file names this post only words the warning: what
        // import wrote into it is not known, so it cannot be told from the producer's edit.
        let mut ours_unrecorded = false;
        let on_disk = match std::fs::read(&path) {
            Ok(b) => {
                ours_unrecorded = last_written.is_none() && names_post(&b, &r.key);
                Some(hash(&b))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(anyhow!(e).context(format!("failed to read `{rel}`"))),
        };
        if let Some(other) = clash.filter(|_| on_disk.is_none()) {
            summary.warnings.push(format!(
                "“{}” (`{}` line {}) would be the same episode as `{other}` (one name, in another letter case or with another extension); it is imported as `{rel}`",
                crate::text::shorten(&r.title, 80), self.source, r.line
            ));
        }
        let record = |imports: &mut Imports| {
            imports.posts.insert(
                r.key.clone(),
                Imported {
                    file: file.clone(),
                    written: new_hash.clone(),
                },
            );
        };
        match (&last_written, &on_disk) {
            // First import of this post.
            (None, None) => {
                self.put(&path, &r.html, None)?;
                summary.new.push(rel);
            }
            // A file holding exactly what import would write (left by an import cut off
            // before its record was saved): adopted and recorded.
            (None, Some(d)) if *d == new_hash => summary.unchanged += 1,
            // Any other file under the name is kept unless forced: the producer's own, or
            // an unrecorded import's that may have been edited since.
            (None, Some(_)) => {
                if self.force {
                    let kept = self.put(&path, &r.html, Some(&file))?;
                    summary.replaced.push((rel, kept));
                } else if ours_unrecorded {
                    summary.warnings.push(format!(
                        "`{rel}` was written by an earlier import whose record is lost (it was stopped before saving it), and it differs from “{}” (`{}` line {}) as the blog has it now; it is kept, as it may hold your edits (--force writes the blog's version, keeping your copy)",
                        r.title, self.source, r.line
                    ));
                    summary.kept_edited.push(rel);
                    // Held for this post: another post of the same name goes elsewhere.
                    self.taken.insert(key_of(&file));
                    return Ok(());
                } else {
                    summary.warnings.push(format!(
                        "`{rel}` already exists and was not written by import; “{}” (`{}` line {}) is not imported over it (rename the file, or use --force to replace it)",
                        r.title, self.source, r.line
                    ));
                    summary.kept_foreign.push(rel);
                    self.taken.insert(key_of(&file));
                    return Ok(());
                }
            }
            // The post is as it was when last imported: whatever the producer did to the
            // file since (edited it, say) stands.
            (Some(w), Some(_)) if *w == new_hash => {
                summary.unchanged += 1;
                return Ok(());
            }
            // Deleted here since it was imported: the producer's choice stands.
            (Some(_), None) => {
                if self.force {
                    self.put(&path, &r.html, None)?;
                    summary.new.push(rel);
                } else {
                    summary.kept_deleted.push(rel);
                    return Ok(());
                }
            }
            (Some(_), Some(d)) if *d == new_hash => summary.unchanged += 1,
            (Some(w), Some(d)) if d == w => {
                self.put(&path, &r.html, None)?;
                summary.updated.push(rel);
            }
            (Some(_), Some(_)) => {
                if self.force {
                    let kept = self.put(&path, &r.html, Some(&file))?;
                    summary.replaced.push((rel, kept));
                } else {
                    summary.warnings.push(format!(
                        "`{rel}` was edited since it was imported and “{}” has changed on the blog; your edit is kept and the blog's version is not written (--force writes it, keeping your copy)",
                        r.title
                    ));
                    summary.kept_edited.push(rel);
                    return Ok(());
                }
            }
        }
        record(&mut self.imports);
        self.taken.insert(key_of(&file));
        self.written_since_save += 1;
        Ok(())
    }

    /// Writes an article; with `keep`, first copies the producer's version aside and
    /// returns where.
    fn put(&self, path: &Path, html: &str, keep: Option<&str>) -> Result<String> {
        let mut kept = String::new();
        if let Some(file) = keep {
            let dir = self.layout.import_replaced();
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("failed to create `{}`", dir.display()))?;
            let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
            // Two replacements within a second must not share a name: each copy is kept.
            let mut to: PathBuf = dir.join(format!("{stamp}-{file}"));
            let mut n = 2;
            while to.exists() {
                to = dir.join(format!("{stamp}-{n}-{file}"));
                n += 1;
            }
            let old = std::fs::read(path)
                .with_context(|| format!("failed to read `{}`", path.display()))?;
            crate::fsutil::write_atomic(&to, &old)?;
            kept = self.layout.rel(&to);
        }
        crate::fsutil::write_atomic_unsynced(path, html.as_bytes())?;
        Ok(kept)
    }

    /// A name for a post seen for the first time: `<date>-<slug>.html`, with `-2`, `-3`…
    /// when another article would be the same episode (the same name in any letter case,
    /// with any article extension), with that article's name. The producer's file at exactly
    /// that name is returned as it is, to be refused by the caller (or adopted, if it holds
    /// exactly this post).
    fn free_name(&mut self, r: &Ready) -> Result<(String, Option<String>)> {
        let stem = r.name.trim_end_matches(".html");
        let first = self.next_suffix.get(&key_of(&r.name)).copied().unwrap_or(1);
        let mut clash: Option<String> = None;
        for n in first..first + 100_000 {
            let name = if n == 1 {
                r.name.clone()
            } else {
                format!("{stem}-{n}.html")
            };
            let key = key_of(&name);
            if self.taken.contains(&key) {
                continue;
            }
            match self.present.get(&key).map(Vec::as_slice) {
                None => {}
                // The file at this very name: the producer's, or one an earlier import wrote
                // without recording it, which belongs to the post it names.
                Some([only]) if *only == name => {
                    let bytes = std::fs::read(self.layout.episodes.join(&name)).ok();
                    let other_post = bytes
                        .and_then(|b| post_named(&b))
                        .is_some_and(|k| k != escape_attr(&r.key));
                    if other_post {
                        continue;
                    }
                }
                Some(files) => {
                    clash.get_or_insert_with(|| files[0].clone());
                    continue;
                }
            }
            self.next_suffix.insert(key_of(&r.name), n + 1);
            return Ok((name, clash));
        }
        bail!(
            "no free file name for “{}”",
            crate::text::shorten(&r.title, 80)
        )
    }
}

/// The episode an article file name publishes as (as the build tells them apart).
fn key_of(file: &str) -> String {
    episode_key(&crate::article::slug_of(Path::new(file)))
}

/// The article files in the episodes folder, by episode key.
fn present(dir: &Path) -> Result<HashMap<String, Vec<String>>> {
    let mut by_key: HashMap<String, Vec<String>> = HashMap::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(by_key),
        Err(e) => return Err(anyhow!(e).context(format!("failed to list `{}`", dir.display()))),
    };
    for entry in entries {
        let entry = entry.with_context(|| format!("failed to list `{}`", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if crate::article::is_article(Path::new(&name)) {
            by_key.entry(key_of(&name)).or_default().push(name);
        }
    }
    for files in by_key.values_mut() {
        files.sort();
    }
    Ok(by_key)
}
