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

mod article_file;
mod blog;
pub mod clean;
pub mod links;
pub mod post;
mod record;
pub mod skip;
pub mod source;
mod summary;
mod write;

pub use summary::Summary;

use crate::config::Config;
use crate::project::layout::Layout;
use crate::project::lock::Lock;
use anyhow::{bail, Context, Result};
use article_file::{article_html, looks_like_summary};
use chrono::NaiveDate;
use links::{file_slug, is_medium, title_from_slug, without_medium_id};
use post::{Body, Entry, Kind, Post};
use record::hash;
use skip::Skip;
use std::collections::{BinaryHeap, HashSet};
use std::io::BufReader;
use std::path::Path;
use write::{Ready, Writer};

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
    /// The longest an http(s) SOURCE may take to arrive whole; none: [`DEFAULT_TIMEOUT`].
    pub timeout: Option<std::time::Duration>,
}

/// How long an http(s) SOURCE may take to arrive, unless told otherwise: a large blog's
/// export is tens of megabytes, a minute's download on a slow line.
pub const DEFAULT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// Imports SOURCE into the project at `project`; what came in, what was kept and what was
/// skipped is in the summary.
pub fn import(source: &str, project: &Path, options: &Options) -> Result<Summary> {
    let config = Config::load(project)?;
    let layout = Layout::new(project, &config)?;
    let _lock = lock(&layout)?;
    let writer = Writer::new(&layout, options.force, source)?;
    let input = open(source, options.timeout.unwrap_or(DEFAULT_TIMEOUT))?;
    let mut run = Run::new(writer, options, source);
    let read = source::read(input, source, |entry| run.take(entry));
    let kind = run.finish(read)?;
    crate::fsutil::sync_dir(&layout.episodes);
    let mut summary = std::mem::take(&mut run.summary);
    summary.kind = kind;
    if !run.summary_only.is_empty() {
        summary
            .warnings
            .push(summary_only_warning(&run.summary_only, source));
    }
    run.writer.save()?;
    if let Some(b) = &run.blog {
        summary.named = blog::adopt_names(project, &config, b)?;
    }
    Ok(summary)
}

/// Locks the project, with its state and episodes folders made and the episodes folder
/// cleared of temporary files a stopped import left.
fn lock(layout: &Layout) -> Result<Lock> {
    std::fs::create_dir_all(&layout.state)
        .with_context(|| format!("failed to create `{}`", layout.state.display()))?;
    // A build reading the articles, or another import, must not see this one half done.
    let lock = Lock::try_acquire(&layout.lock_file(), "the project")?;
    std::fs::create_dir_all(&layout.episodes)
        .with_context(|| format!("failed to create `{}`", layout.episodes.display()))?;
    crate::fsutil::remove_stale_temp_files(&layout.episodes)?;
    Ok(lock)
}

/// Opens SOURCE: a file, or an http(s) address (fetched through [`crate::net`], only because
/// the producer gave one), which must arrive whole within `timeout`.
fn open(source: &str, timeout: std::time::Duration) -> Result<Box<dyn std::io::BufRead>> {
    if source.starts_with("http://") || source.starts_with("https://") {
        let reader = crate::net::Client::reader_within(source, timeout)?;
        return Ok(Box::new(BufReader::with_capacity(1 << 16, reader)));
    }
    let path = Path::new(source);
    if path.is_dir() {
        bail!("`{source}` is a folder; give the export file (WordPress: Tools → Export) or a feed");
    }
    let f = std::fs::File::open(path).with_context(|| format!("cannot open `{source}`"))?;
    Ok(Box::new(BufReader::with_capacity(1 << 16, f)))
}

/// How many truncated posts the warning names before "and N more".
const NAMED_POSTS: usize = 5;

/// What to tell the producer when posts of `source` (title, line) were only excerpts:
/// which posts, and what to import instead.
fn summary_only_warning(posts: &[(String, u64)], source: &str) -> String {
    let what = match posts {
        [(title, line)] => format!(
            "`{source}` line {line}: the post “{title}” is only a summary (the feed gives an excerpt, not the whole post); its episode would"
        ),
        _ => {
            let mut named: Vec<String> = posts
                .iter()
                .take(NAMED_POSTS)
                .map(|(title, line)| format!("“{title}” (line {line})"))
                .collect();
            if posts.len() > NAMED_POSTS {
                named.push(format!("and {} more", posts.len() - NAMED_POSTS));
            }
            format!(
                "{} posts in `{source}` are only summaries (the feed gives excerpts, not whole posts): {}; their episodes would",
                posts.len(),
                named.join(", ")
            )
        }
    };
    format!(
        "{what} stop short. Import the blog's WordPress export, or set the blog's feed to give full text (WordPress: Settings → Reading)"
    )
}

/// One import under way: the entries met so far and what became of them.
struct Run<'a> {
    writer: Writer<'a>,
    options: &'a Options,
    /// The categories asked for, in lower case.
    categories: Vec<String>,
    summary: Summary,
    /// Keys of the posts met so far.
    seen: HashSet<String>,
    /// With `--limit`: the newest posts so far, waiting to be written at the end.
    heap: BinaryHeap<Ready>,
    source: String,
    /// Posts whose body is only an excerpt (a summary feed): title and line.
    summary_only: Vec<(String, u64)>,
    /// What the source says of the blog itself.
    blog: Option<blog::Blog>,
}

impl<'a> Run<'a> {
    fn new(writer: Writer<'a>, options: &'a Options, source: &str) -> Run<'a> {
        Run {
            writer,
            options,
            categories: options
                .categories
                .iter()
                .map(|c| c.to_lowercase())
                .collect(),
            summary: Summary::default(),
            seen: HashSet::new(),
            heap: BinaryHeap::new(),
            source: source.to_string(),
            summary_only: Vec::new(),
            blog: None,
        }
    }

    /// One entry of the source: counted when skipped, else the post taken in.
    fn take(&mut self, entry: Entry) -> Result<()> {
        match entry {
            Entry::Comments(n) => self.summary.skip(Skip::Comment, n),
            Entry::Blog {
                title,
                description,
                author,
            } => {
                let plain = |t: Option<String>| t.map(|t| clean::plain_text(&t));
                self.blog = Some(blog::Blog {
                    title: clean::plain_text(&title),
                    description: plain(description),
                    author: plain(author),
                });
            }
            Entry::Skipped { kind, .. } => self.summary.skip(kind, 1),
            Entry::Post(post) => self.take_post(post)?,
            Entry::TooLarge { title, line, why } => {
                let title = clean::plain_text(&title);
                self.summary.failed.push(format!(
                    "“{}” (`{}` line {line}): {why}, more than devocast imports; it is not imported (the posts around it are)",
                    shown(&title),
                    self.source
                ));
            }
        }
        Ok(())
    }

    /// A post: its title cleaned, then skipped, written, or kept for `--limit`.
    fn take_post(&mut self, mut post: Post) -> Result<()> {
        // The reader gives titles as written; they are cleaned here, as bodies are in
        // `prepare`, and a post the source does not name is known by its title.
        post.title = clean::plain_text(&post.title);
        let key = bounded_key(post.key.resolve(&post.title));
        if let Some(why) = self.left_out(&key, &post) {
            self.summary.skip(why, 1);
            return Ok(());
        }
        let Some(ready) = self.prepare(key, post) else {
            return Ok(());
        };
        match self.options.limit {
            Some(limit) => {
                self.heap.push(ready);
                if self.heap.len() > limit {
                    self.heap.pop();
                    self.summary.skip(Skip::OlderThanLimit, 1);
                }
            }
            None => self.writer.write_or_note(ready, &mut self.summary)?,
        }
        Ok(())
    }

    /// Why a post is left out: met before, or not asked for (`--since`, `--category`).
    fn left_out(&mut self, key: &str, post: &Post) -> Option<Skip> {
        if !self.seen.insert(key.to_string()) {
            self.summary.warnings.push(format!(
                "`{}` line {}: “{}” appears twice; the first is imported",
                self.source,
                post.line,
                shown(&post.title)
            ));
            return Some(Skip::Duplicate);
        }
        if let Some(since) = self.options.since {
            if post.date.is_none_or(|d| d.date() < since) {
                return Some(Skip::Before(since));
            }
        }
        let asked = |c: &String| self.categories.contains(&c.to_lowercase());
        if !self.categories.is_empty() && !post.categories.iter().any(asked) {
            return Some(Skip::NotInCategories(self.options.categories.clone()));
        }
        None
    }

    /// The end of the source: the posts kept for `--limit` written, newest first. What was
    /// written stays recorded even when the source broke off half way, and the summary
    /// says what came in before the break. Returns the kind of source, if it was read.
    fn finish(&mut self, read: Result<Kind>) -> Result<Option<Kind>> {
        let kind = match read {
            Ok(k) => Some(k),
            Err(e) => {
                self.summary.error = Some(format!("{e:#}"));
                self.heap.clear();
                None
            }
        };
        let mut rest: Vec<Ready> = std::mem::take(&mut self.heap).into_vec();
        rest.sort_by(|a, b| b.cmp(a));
        for r in rest {
            self.writer.write_or_note(r, &mut self.summary)?;
        }
        Ok(kind)
    }

    /// The post's article, or `None` (with a warning) when nothing in it can be read.
    fn prepare(&mut self, key: String, post: Post) -> Option<Ready> {
        if !self.readable(&post) {
            return None;
        }
        self.note_bad_date(&post);
        // A feed entry with no content but its summary, or content that is an excerpt.
        let excerpt_only = post.excerpt.as_deref() == Some(post.body.as_str());
        if post.body_kind == Body::Rendered && (excerpt_only || looks_like_summary(&post.body)) {
            let title = clean::plain_text(&post.title);
            self.summary_only
                .push((shown(&title).into_owned(), post.line));
        }
        let body = self.body(&post)?;
        let title = if post.title.is_empty() {
            title_from_slug(&post.slug).unwrap_or_else(|| "Untitled".into())
        } else {
            post.title.clone()
        };
        let name = file_name(&post, &key, &title);
        let html = article_html(&post, &key, &title, &body);
        self.note_size(&post, &title, &html);
        Some(Ready {
            name,
            html,
            key,
            title: shown(&title).into_owned(),
            date: post.date,
            line: post.line,
        })
    }

    /// Whether the post's markup can be read at all (with a warning, and counted, if not).
    fn readable(&mut self, post: &Post) -> bool {
        if clean::nesting_depth(&post.body) <= clean::MAX_NESTING {
            return true;
        }
        self.summary.warnings.push(format!(
            "`{}` line {}: the post “{}” nests its markup more than {} levels deep (unclosed tags?); it is not an article devocast can read, and is skipped",
            self.source, post.line, shown(&post.title), clean::MAX_NESTING
        ));
        self.summary.skip(Skip::Unreadable, 1);
        false
    }

    fn note_bad_date(&mut self, post: &Post) {
        if let Some(d) = &post.bad_date {
            self.summary.warnings.push(format!(
                "`{}` line {}: the date {:?} of “{}” cannot be read, or is in a year no podcast feed can carry (before 1 or after 9999); the article is imported undated (it takes the day of its first build; add a date to keep it)",
                self.source, post.line, crate::text::shorten(d, 60), shown(&post.title)
            ));
        }
    }

    /// The post's body cleaned; `None` (with a warning, and counted) when nothing in it is
    /// text to read.
    fn body(&mut self, post: &Post) -> Option<String> {
        let body = clean::body(&post.body, post.body_kind);
        if !body.trim().is_empty() {
            return Some(body);
        }
        self.summary.warnings.push(format!(
            "`{}` line {}: the post “{}” has no text to read (only pictures, media or nothing); skipped",
            self.source, post.line, shown(&post.title)
        ));
        self.summary.skip(Skip::NoText, 1);
        None
    }

    /// An article longer than a build takes is imported, with a warning.
    fn note_size(&mut self, post: &Post, title: &str, html: &str) {
        if html.len() as u64 > crate::project::MAX_ARTICLE_BYTES {
            self.summary.warnings.push(format!(
                "`{}` line {}: the post “{}” is {} KB, more than one episode devocast builds ({} KB); it is imported, and the build will ask you to split it",
                self.source,
                post.line,
                shown(title),
                html.len() / 1024,
                crate::project::MAX_ARTICLE_BYTES / 1024
            ));
        }
    }
}

/// The most a post's key may hold as the record keeps it.
const MAX_KEY_BYTES: usize = 512;

/// A key as the record keeps it: a longer one (a guid of any size) as its start and a hash
/// of the whole, the same on every import.
fn bounded_key(key: String) -> String {
    if key.len() <= MAX_KEY_BYTES {
        return key;
    }
    let mut end = 200;
    while !key.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}#{}", &key[..end], &hash(key.as_bytes())[..32])
}

/// A post's title as messages show it: never longer than a line.
fn shown(title: &str) -> std::borrow::Cow<'_, str> {
    crate::text::shorten(title, 80)
}

/// The name a post's article would take: `<date>-<slug>.html`, the slug the blog's
/// (without Medium's post id), else the title's, else one made from the key.
fn file_name(post: &Post, key: &str, title: &str) -> String {
    let on_medium = post.link.as_deref().is_some_and(is_medium);
    let slug = file_slug(if on_medium {
        without_medium_id(&post.slug)
    } else {
        &post.slug
    })
    .or_else(|| file_slug(title))
    .unwrap_or_else(|| format!("post-{}", &hash(key.as_bytes())[..8]));
    let day = post.date.map_or_else(
        || "undated".to_string(),
        |d| d.format("%Y-%m-%d").to_string(),
    );
    format!("{day}-{slug}.html")
}
