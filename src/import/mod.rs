//! `devocast import`: a blog brought in as articles. Each published post of a WordPress
//! export, an RSS feed or an Atom feed becomes `episodes/<date>-<slug>.html`, a small HTML
//! article the HTML reader takes, cleaned for the ear ([`clean`]). The source is read as a
//! stream ([`source`]), so an export of any size needs the memory of one post (of N posts
//! with `--limit N`, which keeps the newest N until the end).
//!
//! Re-importing is safe: the same post always maps to the same file (the mapping is kept in
//! the project's state), an unchanged post is not rewritten, a post changed on the blog is
//! updated, and an article the producer edited since it was imported is never overwritten
//! unless asked (`--force`, which keeps the edited copy).

pub mod clean;
pub mod links;
pub mod post;
pub mod skip;
pub mod source;

use crate::build::layout::Layout;
use crate::build::lock::Lock;
use crate::config::Config;
use crate::text::escape_attr;
use anyhow::{anyhow, bail, Context, Result};
use chrono::NaiveDate;
use links::{file_slug, is_medium, title_from_slug, without_medium_id, without_tracking};
use post::{Body, Entry, Kind, Post};
use serde::{Deserialize, Serialize};
use skip::Skip;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashSet};
use std::io::BufReader;
use std::path::{Path, PathBuf};

/// What to import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only posts published on or after this day.
    pub since: Option<NaiveDate>,
    /// Only posts in one of these categories (name or slug, any case); empty: all.
    pub categories: Vec<String>,
    /// Only the newest N posts that pass the other filters.
    pub limit: Option<usize>,
    /// Overwrite articles edited since they were imported (the edited copy is kept in the
    /// state folder), and bring back ones the producer deleted.
    pub force: bool,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct Summary {
    /// What was read.
    pub kind: Option<Kind>,
    /// Article files written for the first time.
    pub new: Vec<String>,
    /// Article files rewritten because the post changed on the blog.
    pub updated: Vec<String>,
    /// Posts whose article file is already what it would be.
    pub unchanged: usize,
    /// Articles edited here since their import whose post changed on the blog: kept as
    /// they are.
    pub kept_edited: Vec<String>,
    /// Articles deleted here since their import: not brought back.
    pub kept_deleted: Vec<String>,
    /// Files a producer wrote at the name a post would take: not touched.
    pub kept_foreign: Vec<String>,
    /// Edited articles replaced under `--force`, with where the edited copy went (counted
    /// with `updated` in the summary line).
    pub replaced: Vec<(String, String)>,
    /// What was not imported, by why, with how many.
    pub skipped: BTreeMap<Skip, usize>,
    /// Warnings, each naming the source and line or the article file.
    pub warnings: Vec<String>,
    /// Posts that could not be written, each with why (the rest were imported).
    pub failed: Vec<String>,
    /// Why the import stopped early (the source broke off); what came before was imported.
    pub error: Option<String>,
}

impl Summary {
    fn skip(&mut self, why: Skip, n: usize) {
        *self.skipped.entry(why).or_default() += n;
    }

    /// Whether every post that should have come in did.
    pub fn ok(&self) -> bool {
        self.failed.is_empty() && self.error.is_none()
    }

    /// The summary as lines for the terminal.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        out.push(format!(
            "imported: {} new, {} updated, {} unchanged{}{}{}{}",
            self.new.len(),
            self.updated.len() + self.replaced.len(),
            self.unchanged,
            count_of(self.kept_edited.len(), "kept as edited here"),
            count_of(self.kept_deleted.len(), "deleted here and not brought back"),
            count_of(self.kept_foreign.len(), "not written over a file of yours"),
            count_of(self.failed.len(), "failed"),
        ));
        if !self.skipped.is_empty() {
            // In the order of their wording, and reasons worded alike (a WordPress comment,
            // a Blogger comment) counted as one.
            let mut worded: BTreeMap<String, (&Skip, usize)> = BTreeMap::new();
            for (why, n) in &self.skipped {
                worded.entry(why.words().0).or_insert((why, 0)).1 += n;
            }
            let parts: Vec<String> = worded.values().map(|(why, n)| why.describe(*n)).collect();
            out.push(format!("not imported: {}", parts.join(", ")));
        }
        out
    }
}

fn count_of(n: usize, what: &str) -> String {
    if n == 0 {
        String::new()
    } else {
        format!(", {n} {what}")
    }
}

/// The mapping from posts to article files, kept in the project's state.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Imports {
    /// Post key → what was written for it.
    posts: BTreeMap<String, Imported>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Imported {
    /// The article's file name in the episodes folder.
    file: String,
    /// blake3 of the bytes import last wrote there.
    written: String,
}

impl Imports {
    fn load(path: &Path) -> Result<Imports> {
        match std::fs::read(path) {
            Ok(b) => serde_json::from_slice(&b).with_context(|| {
                format!(
                    "`{}` (what earlier imports wrote where) cannot be read; move it aside to import afresh",
                    path.display()
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Imports::default()),
            Err(e) => Err(anyhow!(e).context(format!("failed to read `{}`", path.display()))),
        }
    }

    fn save(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("failed to create `{}`", dir.display()))?;
        }
        let json = serde_json::to_vec_pretty(self)?;
        crate::fsutil::write_atomic(path, &json)
    }
}

fn hash(b: &[u8]) -> String {
    blake3::hash(b).to_hex().to_string()
}

/// A post ready to write: its article and the name it would take.
struct Ready {
    key: String,
    name: String,
    html: String,
    title: String,
    date: Option<chrono::NaiveDateTime>,
    line: u64,
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

/// Opens SOURCE: a file, or an http(s) address (the only network use, and only when asked).
fn open(source: &str) -> Result<Box<dyn std::io::BufRead>> {
    if source.starts_with("http://") || source.starts_with("https://") {
        let agent = crate::voice::fetch::agent();
        let response = crate::voice::fetch::get(&agent, source)?;
        let reader = response.into_body().into_reader();
        return Ok(Box::new(BufReader::with_capacity(1 << 16, reader)));
    }
    let path = Path::new(source);
    if path.is_dir() {
        bail!("`{source}` is a folder; give the export file (WordPress: Tools → Export) or a feed");
    }
    let f = std::fs::File::open(path).with_context(|| format!("cannot open `{source}`"))?;
    Ok(Box::new(BufReader::with_capacity(1 << 16, f)))
}

/// Imports SOURCE into the project at `project`; what came in, what was kept and what was
/// skipped is in the summary.
pub fn import(source: &str, project: &Path, options: &Options) -> Result<Summary> {
    let config = Config::load(project)?;
    let layout = Layout::new(project, &config)?;
    std::fs::create_dir_all(&layout.state)
        .with_context(|| format!("failed to create `{}`", layout.state.display()))?;
    // A build reading the articles, or another import, must not see this one half done.
    let _lock = Lock::try_acquire(&layout.lock_file(), "the project")?;
    std::fs::create_dir_all(&layout.episodes)
        .with_context(|| format!("failed to create `{}`", layout.episodes.display()))?;
    crate::fsutil::remove_stale_temp_files(&layout.episodes)?;
    let mut imports = Imports::load(&layout.imports())?;
    let input = open(source)?;
    let name = source.to_string();
    let mut run = Run {
        layout: &layout,
        options,
        taken: imports.posts.values().map(|i| i.file.clone()).collect(),
        imports: &mut imports,
        summary: Summary::default(),
        seen: HashSet::new(),
        heap: BinaryHeap::new(),
        written_since_save: 0,
        source: name.clone(),
        summary_only: 0,
    };
    let since = options.since;
    let categories: Vec<String> = options
        .categories
        .iter()
        .map(|c| c.to_lowercase())
        .collect();
    let kind = source::read(input, &name, |entry| {
        match entry {
            Entry::Comments(n) => run.summary.skip(Skip::Comment, n),
            Entry::Skipped { kind, .. } => run.summary.skip(kind, 1),
            Entry::Post(mut post) => {
                // The reader gives titles as written; they are cleaned here, as bodies are
                // in `prepare`, and a post the source does not name is known by its title.
                post.title = clean::plain_text(&post.title);
                let key = post.key.resolve(&post.title);
                if !run.seen.insert(key.clone()) {
                    run.summary.warnings.push(format!(
                        "`{name}` line {}: “{}” appears twice; the first is imported",
                        post.line, post.title
                    ));
                    run.summary.skip(Skip::Duplicate, 1);
                    return Ok(());
                }
                if let Some(since) = since {
                    if post.date.is_none_or(|d| d.date() < since) {
                        run.summary.skip(Skip::Before(since), 1);
                        return Ok(());
                    }
                }
                if !categories.is_empty()
                    && !post
                        .categories
                        .iter()
                        .any(|c| categories.contains(&c.to_lowercase()))
                {
                    let asked = options.categories.clone();
                    run.summary.skip(Skip::NotInCategories(asked), 1);
                    return Ok(());
                }
                let Some(ready) = run.prepare(key, post) else {
                    return Ok(());
                };
                match options.limit {
                    Some(limit) => {
                        run.heap.push(ready);
                        if run.heap.len() > limit {
                            run.heap.pop();
                            run.summary.skip(Skip::OlderThanLimit, 1);
                        }
                    }
                    None => run.write_or_note(ready)?,
                }
            }
        }
        Ok(())
    });
    // What was written stays recorded even when the source breaks off half way, and the
    // summary says what came in before the break.
    let kind = match kind {
        Ok(k) => Some(k),
        Err(e) => {
            run.summary.error = Some(format!("{e:#}"));
            run.heap.clear();
            None
        }
    };
    let mut rest: Vec<Ready> = std::mem::take(&mut run.heap).into_vec();
    rest.sort_by(|a, b| b.cmp(a));
    for r in rest {
        run.write_or_note(r)?;
    }
    crate::fsutil::sync_dir(&layout.episodes);
    let summary_only = run.summary_only;
    let mut summary = std::mem::take(&mut run.summary);
    summary.kind = kind;
    if summary_only > 0 {
        let (what, them) = if summary_only == 1 {
            ("1 post".to_string(), "is only a summary (the feed gives an excerpt, not the whole post); its episode would")
        } else {
            (
                format!("{summary_only} posts"),
                "are only summaries (the feed gives excerpts, not whole posts); their episodes would",
            )
        };
        summary.warnings.push(format!(
            "{what} in `{name}` {them} stop short. Import the blog's WordPress export, or set the blog's feed to give full text (WordPress: Settings → Reading)"
        ));
    }
    imports.save(&layout.imports())?;
    Ok(summary)
}

struct Run<'a> {
    layout: &'a Layout,
    options: &'a Options,
    imports: &'a mut Imports,
    /// File names given to posts (this run's and earlier runs').
    taken: BTreeSet<String>,
    summary: Summary,
    seen: HashSet<String>,
    heap: BinaryHeap<Ready>,
    written_since_save: usize,
    source: String,
    /// Posts whose body is only an excerpt (a summary feed).
    summary_only: usize,
}

impl Run<'_> {
    /// The post's article, or `None` (with a warning) when nothing in it can be read.
    fn prepare(&mut self, key: String, post: Post) -> Option<Ready> {
        if clean::nesting_depth(&post.body) > clean::MAX_NESTING {
            self.summary.warnings.push(format!(
                "`{}` line {}: the post “{}” nests its markup more than {} levels deep (unclosed tags?); it is not an article devocast can read, and is skipped",
                self.source, post.line, post.title, clean::MAX_NESTING
            ));
            self.summary.skip(Skip::Unreadable, 1);
            return None;
        }
        if let Some(d) = &post.bad_date {
            self.summary.warnings.push(format!(
                "`{}` line {}: the date {d:?} of “{}” cannot be read; the article is imported undated (it takes the day of its first build; add a date to keep it)",
                self.source, post.line, post.title
            ));
        }
        if post.body_kind == Body::Rendered && looks_like_summary(&post.body) {
            self.summary_only += 1;
        }
        let body = clean::body(&post.body, post.body_kind);
        if body.trim().is_empty() {
            self.summary.warnings.push(format!(
                "`{}` line {}: the post “{}” has no text to read (only pictures, media or nothing); skipped",
                self.source, post.line, post.title
            ));
            self.summary.skip(Skip::NoText, 1);
            return None;
        }
        let title = if post.title.is_empty() {
            title_from_slug(&post.slug).unwrap_or_else(|| "Untitled".into())
        } else {
            post.title.clone()
        };
        let on_medium = post.link.as_deref().is_some_and(is_medium);
        let slug = file_slug(if on_medium {
            without_medium_id(&post.slug)
        } else {
            &post.slug
        })
        .or_else(|| file_slug(&title))
        .unwrap_or_else(|| format!("post-{}", &hash(key.as_bytes())[..8]));
        let day = post.date.map_or_else(
            || "undated".to_string(),
            |d| d.format("%Y-%m-%d").to_string(),
        );
        let html = article_html(&post, &key, &title, &body);
        if html.len() as u64 > crate::build::MAX_ARTICLE_BYTES {
            self.summary.warnings.push(format!(
                "`{}` line {}: the post “{title}” is {} KB, more than one episode devocast builds ({} KB); it is imported, and the build will ask you to split it",
                self.source,
                post.line,
                html.len() / 1024,
                crate::build::MAX_ARTICLE_BYTES / 1024
            ));
        }
        Some(Ready {
            name: format!("{day}-{slug}.html"),
            html,
            key,
            title,
            date: post.date,
            line: post.line,
        })
    }

    /// Writes one post's article; a post that cannot be written (a file system refusing
    /// its name, a full disk) is noted and the import goes on with the next.
    fn write_or_note(&mut self, r: Ready) -> Result<()> {
        let what = format!("“{}” (`{}` line {})", r.title, self.source, r.line);
        if let Err(e) = self.write(r) {
            self.summary.failed.push(format!("{what}: {e:#}"));
        }
        // A long import records its progress now and then, so an interruption costs little;
        // a record that cannot be saved is not a post that failed, and the final save says
        // so if it still cannot.
        if self.written_since_save >= 500 {
            if let Err(e) = self.imports.save(&self.layout.imports()) {
                self.summary.warnings.push(format!(
                    "the import's record could not be saved midway ({e:#}); it is tried again at the end"
                ));
            }
            self.written_since_save = 0;
        }
        Ok(())
    }

    /// Writes one post's article, or leaves the file as it is, by the rules of re-import.
    fn write(&mut self, r: Ready) -> Result<()> {
        let new_hash = hash(r.html.as_bytes());
        let known = self.imports.posts.get(&r.key).cloned();
        let (file, last_written) = match &known {
            Some(k) => (k.file.clone(), Some(k.written.clone())),
            None => (self.free_name(&r)?, None),
        };
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
        if known.is_none() && file != r.name && on_disk.is_none() {
            self.summary.warnings.push(format!(
                "“{}” (`{}` line {}) would take the name of another post's article; it is imported as `{rel}`",
                r.title, self.source, r.line
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
                self.summary.new.push(rel);
            }
            // A file holding exactly what import would write (left by an import cut off
            // before its record was saved): adopted and recorded.
            (None, Some(d)) if *d == new_hash => self.summary.unchanged += 1,
            // Any other file under the name is kept unless forced: the producer's own, or
            // an unrecorded import's that may have been edited since.
            (None, Some(_)) => {
                if self.options.force {
                    let kept = self.put(&path, &r.html, Some(&file))?;
                    self.summary.replaced.push((rel, kept));
                } else if ours_unrecorded {
                    self.summary.warnings.push(format!(
                        "`{rel}` was written by an earlier import whose record is lost (it was stopped before saving it), and it differs from “{}” (`{}` line {}) as the blog has it now; it is kept, as it may hold your edits (--force writes the blog's version, keeping your copy)",
                        r.title, self.source, r.line
                    ));
                    self.summary.kept_edited.push(rel);
                    // Held for this post: another post of the same name goes elsewhere.
                    self.taken.insert(file);
                    return Ok(());
                } else {
                    self.summary.warnings.push(format!(
                        "`{rel}` already exists and was not written by import; “{}” (`{}` line {}) is not imported over it (rename the file, or use --force to replace it)",
                        r.title, self.source, r.line
                    ));
                    self.summary.kept_foreign.push(rel);
                    self.taken.insert(file);
                    return Ok(());
                }
            }
            // The post is as it was when last imported: whatever the producer did to the
            // file since (edited it, say) stands.
            (Some(w), Some(_)) if *w == new_hash => {
                self.summary.unchanged += 1;
                return Ok(());
            }
            // Deleted here since it was imported: the producer's choice stands.
            (Some(_), None) => {
                if self.options.force {
                    self.put(&path, &r.html, None)?;
                    self.summary.new.push(rel);
                } else {
                    self.summary.kept_deleted.push(rel);
                    return Ok(());
                }
            }
            (Some(_), Some(d)) if *d == new_hash => self.summary.unchanged += 1,
            (Some(w), Some(d)) if d == w => {
                self.put(&path, &r.html, None)?;
                self.summary.updated.push(rel);
            }
            (Some(_), Some(_)) => {
                if self.options.force {
                    let kept = self.put(&path, &r.html, Some(&file))?;
                    self.summary.replaced.push((rel, kept));
                } else {
                    self.summary.warnings.push(format!(
                        "`{rel}` was edited since it was imported and “{}” has changed on the blog; your edit is kept and the blog's version is not written (--force writes it, keeping your copy)",
                        r.title
                    ));
                    self.summary.kept_edited.push(rel);
                    return Ok(());
                }
            }
        }
        record(self.imports);
        self.taken.insert(file);
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
    /// when another post already has it. A file of the producer's at that name is returned
    /// as it is, to be refused by the caller (or adopted, if it holds exactly this post).
    fn free_name(&self, r: &Ready) -> Result<String> {
        let stem = r.name.trim_end_matches(".html");
        for n in 1..10_000 {
            let name = if n == 1 {
                r.name.clone()
            } else {
                format!("{stem}-{n}.html")
            };
            if self.taken.contains(&name) {
                continue;
            }
            // A file an unrecorded import wrote for another post is that post's.
            if let Ok(bytes) = std::fs::read(self.layout.episodes.join(&name)) {
                if post_named(&bytes).is_some_and(|k| k != escape_attr(&r.key)) {
                    continue;
                }
            }
            return Ok(name);
        }
        bail!("no free file name for “{}”", r.title)
    }
}

/// The post (its key, as written in the file) an article file says import wrote it for.
fn post_named(bytes: &[u8]) -> Option<String> {
    let end = bytes
        .windows(7)
        .position(|w| w == b"</head>")
        .unwrap_or(bytes.len().min(65_536));
    let head = String::from_utf8_lossy(&bytes[..end]);
    if !head.contains("<meta name=\"generator\" content=\"devocast import\">") {
        return None;
    }
    let mark = "<meta name=\"devocast-post\" content=\"";
    let rest = &head[head.find(mark)? + mark.len()..];
    Some(rest[..rest.find("\">")?].to_string())
}

/// Whether an article file is one import wrote for the post `key`.
fn names_post(bytes: &[u8], key: &str) -> bool {
    post_named(bytes).is_some_and(|k| k == escape_attr(key))
}

/// A feed item that holds only an excerpt: WordPress's "[…]" or a "Continue reading" link.
fn looks_like_summary(html: &str) -> bool {
    let t = html.trim_end();
    let mut from = t.len().saturating_sub(400);
    while !t.is_char_boundary(from) {
        from += 1;
    }
    let tail = &t[from..];
    [
        "[&#8230;]",
        "[…]",
        "[...]",
        "[&hellip;]",
        "more-link",
        "Continue reading",
        "Read more",
    ]
    .iter()
    .any(|m| tail.contains(m))
}

/// A feed's excerpt as a description: plain text, without WordPress's "[…]" and its "The
/// post … appeared first on …" line.
fn description(excerpt: &str) -> Option<String> {
    let mut t = clean::plain_text(excerpt);
    if let Some(i) = t.find("The post ") {
        if t[i..].contains(" appeared first on ") {
            t.truncate(i);
        }
    }
    let t = t.trim_end();
    let t = ["[…]", "[...]", "…", "..."]
        .iter()
        .find_map(|m| t.strip_suffix(m))
        .map(|s| {
            let s = s.trim_end();
            // A cut-off sentence says so; a finished one needs nothing more.
            if s.ends_with(['.', '!', '?', '”', '"']) {
                s.to_string()
            } else {
                format!("{s}…")
            }
        })
        .unwrap_or_else(|| t.to_string());
    (!t.trim().is_empty()).then_some(t)
}

/// The article file for a post.
fn article_html(post: &Post, key: &str, title: &str, body: &str) -> String {
    let mut h = String::new();
    // Nothing from the project's settings goes in: the file depends on the post alone, so
    // a changed setting never makes every post look changed on the blog.
    h.push_str(&format!(
        "<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n",
        escape_attr(title)
    ));
    if let Some(d) = post.date {
        // A local time of unknown zone is given as a day only.
        let when = if post.date_local {
            d.format("%Y-%m-%d").to_string()
        } else {
            d.format("%Y-%m-%dT%H:%M:%SZ").to_string()
        };
        h.push_str(&format!(
            "<meta property=\"article:published_time\" content=\"{when}\">\n"
        ));
    }
    if let Some(a) = post.author.as_deref().filter(|a| !a.trim().is_empty()) {
        h.push_str(&format!(
            "<meta name=\"author\" content=\"{}\">\n",
            escape_attr(a.trim())
        ));
    }
    if let Some(d) = post.excerpt.as_deref().and_then(description) {
        h.push_str(&format!(
            "<meta name=\"description\" content=\"{}\">\n",
            escape_attr(&d)
        ));
    }
    if let Some(l) = post
        .link
        .as_deref()
        .and_then(crate::article::absolute_link)
        .map(|l| without_tracking(&l))
    {
        h.push_str(&format!(
            "<link rel=\"canonical\" href=\"{}\">\n",
            escape_attr(&l)
        ));
    }
    // The post's identity, so a file written by an import that was stopped before it
    // recorded it is still known as that post's.
    h.push_str(&format!(
        "<meta name=\"generator\" content=\"devocast import\">\n<meta name=\"devocast-post\" content=\"{}\">\n</head>\n<body>\n<article>\n",
        escape_attr(key)
    ));
    h.push_str(&format!("<h1>{}</h1>\n", escape_attr(title)));
    h.push_str(body);
    h.push_str("</article>\n</body>\n</html>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_lose_feed_furniture() {
        assert_eq!(
            description("<p>He keeps us. [&hellip;]</p><p>The post <a>Kept</a> appeared first on <a>Blog</a>.</p>")
                .as_deref(),
            Some("He keeps us.")
        );
        assert_eq!(description("  "), None);
    }

    #[test]
    fn summaries_are_told_from_whole_posts() {
        assert!(looks_like_summary("<p>Grace is … so that [&#8230;]</p>"));
        assert!(looks_like_summary(
            "<p>Text</p><p><a class=\"more-link\">Continue reading “Grace”</a></p>"
        ));
        assert!(!looks_like_summary("<p>A whole post, ending in Amen.</p>"));
        assert!(!looks_like_summary(&"é".repeat(500)));
    }
}
