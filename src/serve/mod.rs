//! `devocast serve`: the output folder over HTTP, so a phone on the same network can
//! subscribe and play.
//!
//! Built on hyper (HTTP/1.1) with a small tokio event loop, so slow or idle clients cost a
//! timer each, not a thread: request headers are limited in size and count and must arrive
//! within a few seconds, and a connection that makes no progress either way is closed.
//! Byte ranges follow RFC 9110 (a malformed or unknown-unit `Range` is ignored, a range past
//! the end is trimmed, several ranges get a `multipart/byteranges` reply), and every file
//! carries `Last-Modified` and a strong `ETag` for conditional requests. Nothing outside the
//! folder is reachable: `..` (plain or percent-encoded) is refused and every path is
//! resolved (symlinks included) and checked to lie inside.
//!
//! One file per concern: `server` runs the event loop and guards connections, `files`
//! maps request paths to files and streams them, `ranges` reads `Range` headers,
//! `conditional` answers conditional requests, `address` rewrites the build's address to
//! the one a request came to, `respond` puts these together for one request, and `watch`
//! rebuilds while serving.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

mod address;
mod conditional;
mod files;
mod ranges;
mod respond;
mod server;
mod watch;

pub use address::rewrite;
pub use conditional::http_date;
pub use files::{content_type, resolve};
pub use ranges::{parse_ranges, Ranges};
pub use server::{serve_site, Limits};

/// Serves the project's output folder until interrupted; with `watch`, rebuilds when
/// sources change.
pub fn serve(project: &Path, bind: &str, port: u16, watch: bool) -> Result<()> {
    let config = crate::config::Config::load(project)?;
    let layout = crate::project::layout::Layout::new(project, &config)?;
    let root = layout.output.clone();
    std::fs::create_dir_all(&root)
        .with_context(|| format!("failed to create `{}`", root.display()))?;
    let listener = std::net::TcpListener::bind((bind, port))
        .with_context(|| format!("cannot listen on {bind}:{port}"))?;
    println!(
        "serving {} at http://{bind}:{port}/ (feed: http://{bind}:{port}/feed.xml); Ctrl-C stops",
        root.display()
    );
    if !root.join(crate::publish::feed::FEED_FILE).is_file() {
        println!(
            "nothing is built in {} yet: run `devocast build {}` first{}",
            root.display(),
            project.display(),
            if watch {
                " (or edit an article: --watch builds as you go)"
            } else {
                ""
            }
        );
    }
    if bind == "127.0.0.1" {
        println!(
            "only this computer can connect; use --bind 0.0.0.0 for a phone on the same network"
        );
    } else {
        println!("the feed and pages are served with the address each device reaches this computer at, so a phone on the network can subscribe as it is");
    }
    if watch {
        let project = project.to_path_buf();
        std::thread::spawn(move || watch::watch_and_build(&project));
    }
    server::serve_with(
        listener,
        &root,
        Some(&config.podcast.base_url),
        Some(address::Written::of(&layout)),
        Limits::default(),
    )
}

/// Serves files under `root` on `listener` until the process ends (used by tests too).
pub fn serve_on(listener: std::net::TcpListener, root: &Path, limits: Limits) -> Result<()> {
    serve_site(listener, root, None, limits)
}

/// A header's value, if it is present and readable as text.
fn header_str(h: &hyper::header::HeaderMap, name: hyper::header::HeaderName) -> Option<&str> {
    h.get(name).and_then(|v| v.to_str().ok())
}

/// What a connection serves.
struct Site {
    /// The output folder, canonical.
    root: PathBuf,
    /// The address the podcast was built for: in the feed and pages it is replaced by the
    /// address each request came to.
    base_url: Option<String>,
    /// In a project, the documents devocast wrote: only they are rewritten. Without one
    /// (a bare folder), every UTF-8 feed and page is.
    written: Option<address::Written>,
}

impl Site {
    /// Whether the document at `path` (canonical) is one devocast wrote.
    fn wrote(&self, path: &Path) -> bool {
        self.written.as_ref().is_none_or(|w| w.contains(path))
    }
}
