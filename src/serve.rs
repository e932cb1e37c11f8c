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

use crate::text::percent_decode_strict;
use anyhow::{Context, Result};
use bytes::Bytes;
use http_body_util::{combinators::BoxBody, BodyExt, Full};
use hyper::body::{Body, Frame, Incoming};
use hyper::header::{self, HeaderMap, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context as TaskContext, Poll};
use std::time::{Duration, SystemTime};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// How much a client may ask of the server.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Time allowed for a request's headers to arrive (and for an idle keep-alive
    /// connection to start its next request).
    pub header_timeout: Duration,
    /// A connection that moves no bytes either way for this long is closed.
    pub idle_timeout: Duration,
    /// Connections served at once; more wait in the listen queue.
    pub max_connections: usize,
    /// Largest request head (request line and headers), bytes.
    pub max_header_bytes: usize,
    /// Most header fields in one request.
    pub max_headers: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            max_connections: 1024,
            max_header_bytes: 16 * 1024,
            max_headers: 64,
        }
    }
}

/// Ranges beyond this many in one request are ignored (the whole file is sent), so a
/// request cannot make the server assemble thousands of parts.
const MAX_RANGES: usize = 16;

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
        std::thread::spawn(move || watch_and_build(&project));
    }
    serve_site(
        listener,
        &root,
        Some(&config.podcast.base_url),
        Limits::default(),
    )
}

/// Serves files under `root` on `listener` until the process ends (used by tests too).
pub fn serve_on(listener: std::net::TcpListener, root: &Path, limits: Limits) -> Result<()> {
    serve_site(listener, root, None, limits)
}

/// What a connection serves.
struct Site {
    /// The output folder, canonical.
    root: PathBuf,
    /// The address the podcast was built for: in the feed and pages it is replaced by the
    /// address each request came to.
    base_url: Option<String>,
}

/// As [`serve_on`], rewriting `base_url` in the feed and pages to the address each request
/// reached the server at (its `Host`), so a phone on the network subscribes to a feed whose
/// every URL works.
pub fn serve_site(
    listener: std::net::TcpListener,
    root: &Path,
    base_url: Option<&str>,
    limits: Limits,
) -> Result<()> {
    let root = Arc::new(Site {
        root: std::fs::canonicalize(root)
            .with_context(|| format!("cannot open `{}`", root.display()))?,
        base_url: base_url.map(|b| b.trim_end_matches('/').to_string()),
    });
    listener
        .set_nonblocking(true)
        .context("cannot configure the listening socket")?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("failed to start the server's event loop")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)
            .context("cannot use the listening socket")?;
        let slots = Arc::new(tokio::sync::Semaphore::new(limits.max_connections));
        loop {
            // Wait for a free slot before accepting: extra clients queue in the kernel.
            let Ok(permit) = slots.clone().acquire_owned().await else {
                return Ok(());
            };
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let root = root.clone();
            tokio::spawn(async move {
                let io = hyper_util::rt::TokioIo::new(Idle::new(stream, limits.idle_timeout));
                let service = hyper::service::service_fn(move |req| {
                    let root = root.clone();
                    async move { Ok::<_, Infallible>(respond(&req, &root).await) }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .timer(hyper_util::rt::TokioTimer::new())
                    .header_read_timeout(limits.header_timeout)
                    .max_buf_size(limits.max_header_bytes.max(8192))
                    .max_headers(limits.max_headers)
                    .serve_connection(io, service)
                    .await;
                drop(permit);
            });
        }
    })
}

/// A connection that is closed when no bytes move either way for `timeout`, so a client
/// that stops reading a download (or sending a request) holds nothing for long.
struct Idle<S> {
    inner: S,
    timeout: Duration,
    deadline: Pin<Box<tokio::time::Sleep>>,
}

impl<S> Idle<S> {
    fn new(inner: S, timeout: Duration) -> Idle<S> {
        Idle {
            inner,
            timeout,
            deadline: Box::pin(tokio::time::sleep(timeout)),
        }
    }

    fn progress(&mut self) {
        let at = tokio::time::Instant::now() + self.timeout;
        self.deadline.as_mut().reset(at);
    }

    fn expired(&mut self, cx: &mut TaskContext<'_>) -> bool {
        std::future::Future::poll(self.deadline.as_mut(), cx).is_ready()
    }
}

fn timed_out() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::TimedOut,
        "no progress; connection closed",
    )
}

impl<S: AsyncRead + Unpin> AsyncRead for Idle<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        match Pin::new(&mut self.inner).poll_read(cx, buf) {
            Poll::Ready(r) => {
                self.progress();
                Poll::Ready(r)
            }
            Poll::Pending if self.expired(cx) => Poll::Ready(Err(timed_out())),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Idle<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        match Pin::new(&mut self.inner).poll_write(cx, buf) {
            Poll::Ready(r) => {
                self.progress();
                Poll::Ready(r)
            }
            Poll::Pending if self.expired(cx) => Poll::Ready(Err(timed_out())),
            Poll::Pending => Poll::Pending,
        }
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<std::io::Result<()>> {
        match Pin::new(&mut self.inner).poll_flush(cx) {
            Poll::Pending if self.expired(cx) => Poll::Ready(Err(timed_out())),
            other => other,
        }
    }

    fn poll_shutdown(
        mut self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Content type by file extension.
pub fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
        .unwrap_or("")
    {
        "mp3" => "audio/mpeg",
        "m4a" => "audio/mp4",
        "wav" => "audio/wav",
        "xml" => "application/rss+xml; charset=utf-8",
        "json" => "application/json",
        "vtt" => "text/vtt; charset=utf-8",
        "srt" => "application/x-subrip; charset=utf-8",
        "html" | "htm" => "text/html; charset=utf-8",
        "xhtml" => "application/xhtml+xml; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "epub" => "application/epub+zip",
        _ => "application/octet-stream",
    }
}

/// The file a request path names, if it is inside `root` (which must be canonical).
pub fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next()?;
    let decoded = percent_decode_strict(path)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let mut rel = PathBuf::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            // Temporary and hidden files are not part of what is published.
            p if p.starts_with('.') => return None,
            p => rel.push(p),
        }
    }
    let mut full = root.join(&rel);
    if full.is_dir() {
        full = full.join("index.html");
    }
    // Resolving the path follows symlinks: whatever it reaches must still be inside.
    let real = std::fs::canonicalize(&full).ok()?;
    (real.starts_with(root) && real.is_file()).then_some(real)
}

/// What a `Range` header asks of a file of `len` bytes, per RFC 9110 §14.
#[derive(Debug, PartialEq, Eq)]
pub enum Ranges {
    /// No usable Range header: send the whole file (200).
    Whole,
    /// These inclusive byte ranges, sorted, merged where they touch (206).
    Parts(Vec<(u64, u64)>),
    /// Well-formed, but no range overlaps the file (416).
    Unsatisfiable,
}

/// Parses a `Range` header against a length. A header that is malformed, names another
/// unit, or asks for more than [`MAX_RANGES`] ranges is ignored, as RFC 9110 allows.
pub fn parse_ranges(header: Option<&str>, len: u64) -> Ranges {
    let Some(h) = header else {
        return Ranges::Whole;
    };
    let Some((unit, set)) = h.trim().split_once('=') else {
        return Ranges::Whole;
    };
    if !unit.trim().eq_ignore_ascii_case("bytes") {
        return Ranges::Whole;
    }
    let specs: Vec<&str> = set
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if specs.is_empty() || specs.len() > MAX_RANGES {
        return Ranges::Whole;
    }
    let mut parts: Vec<(u64, u64)> = Vec::new();
    for spec in specs {
        let Some((a, b)) = spec.split_once('-') else {
            return Ranges::Whole;
        };
        let (a, b) = (a.trim(), b.trim());
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
        if a.is_empty() {
            // A suffix: the last n bytes.
            if !digits(b) {
                return Ranges::Whole;
            }
            let Ok(n) = b.parse::<u64>() else {
                return Ranges::Whole;
            };
            if n > 0 && len > 0 {
                parts.push((len.saturating_sub(n), len - 1));
            }
        } else {
            if !digits(a) || !(b.is_empty() || digits(b)) {
                return Ranges::Whole;
            }
            let Ok(first) = a.parse::<u64>() else {
                return Ranges::Whole;
            };
            let last = if b.is_empty() {
                u64::MAX
            } else {
                // Larger than any u64 (all digits, checked above): as good as "to the end".
                b.parse::<u64>().unwrap_or(u64::MAX)
            };
            if last < first {
                return Ranges::Whole;
            }
            if first < len {
                parts.push((first, last.min(len - 1)));
            }
        }
    }
    if parts.is_empty() {
        return Ranges::Unsatisfiable;
    }
    parts.sort_unstable();
    let mut merged: Vec<(u64, u64)> = Vec::with_capacity(parts.len());
    for (a, b) in parts {
        match merged.last_mut() {
            Some((_, end)) if a <= end.saturating_add(1) => *end = (*end).max(b),
            _ => merged.push((a, b)),
        }
    }
    Ranges::Parts(merged)
}

/// `Sun, 06 Nov 1994 08:49:37 GMT`.
pub fn http_date(t: SystemTime) -> String {
    chrono::DateTime::<chrono::Utc>::from(t)
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string()
}

/// Parses an HTTP date (IMF-fixdate, RFC 850 or asctime form) to whole seconds.
fn parse_http_date(s: &str) -> Option<i64> {
    let s = s.trim();
    chrono::DateTime::parse_from_rfc2822(&s.replace("GMT", "+0000"))
        .map(|d| d.timestamp())
        .or_else(|_| {
            chrono::NaiveDateTime::parse_from_str(s, "%A, %d-%b-%y %H:%M:%S GMT")
                .map(|d| d.and_utc().timestamp())
        })
        .or_else(|_| {
            chrono::NaiveDateTime::parse_from_str(s, "%a %b %e %H:%M:%S %Y")
                .map(|d| d.and_utc().timestamp())
        })
        .ok()
}

/// A strong validator from the file's size and modification time: a rebuilt file (renamed
/// into place) gets a new one.
fn etag(meta: &std::fs::Metadata) -> String {
    let nanos = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!("\"{:x}-{:x}\"", meta.len(), nanos)
}

fn mtime_secs(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs() as i64)
}

/// Whether an `If-Match` / `If-None-Match` list names `tag` (weak comparison when `weak`).
fn etag_listed(list: &str, tag: &str, weak: bool) -> bool {
    list.split(',').map(str::trim).any(|t| {
        if t == "*" {
            return true;
        }
        let strip = |x: &str| x.trim_start_matches("W/").to_string();
        if weak {
            strip(t) == strip(tag)
        } else {
            !t.starts_with("W/") && t == tag
        }
    })
}

type ResponseBody = BoxBody<Bytes, std::io::Error>;

fn full(bytes: impl Into<Bytes>) -> ResponseBody {
    Full::new(bytes.into())
        .map_err(|never: Infallible| match never {})
        .boxed()
}

fn plain(status: StatusCode, text: &'static str) -> Response<ResponseBody> {
    let mut r = Response::new(full(text));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

fn header_str(h: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    h.get(name).and_then(|v| v.to_str().ok())
}

/// Streams `len` bytes of a file from its current position.
struct FileBody {
    file: tokio::fs::File,
    remaining: u64,
}

impl Body for FileBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        if self.remaining == 0 {
            return Poll::Ready(None);
        }
        let n = self.remaining.min(64 * 1024) as usize;
        let mut buf = vec![0u8; n];
        let mut rb = ReadBuf::new(&mut buf);
        match Pin::new(&mut self.file).poll_read(cx, &mut rb) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Err(e)) => Poll::Ready(Some(Err(e))),
            Poll::Ready(Ok(())) => {
                let got = rb.filled().len();
                if got == 0 {
                    return Poll::Ready(Some(Err(std::io::Error::new(
                        std::io::ErrorKind::UnexpectedEof,
                        "the file shrank while it was being sent",
                    ))));
                }
                buf.truncate(got);
                self.remaining -= got as u64;
                Poll::Ready(Some(Ok(Frame::data(Bytes::from(buf)))))
            }
        }
    }
}

async fn respond(req: &Request<Incoming>, site: &Site) -> Response<ResponseBody> {
    match serve_file(req, site).await {
        Ok(r) => r,
        Err(_) => plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            "could not read the file\n",
        ),
    }
}

/// The address a request came to, if its `Host` is a plain host name or address (anything
/// else is not echoed into a document).
fn request_origin(req: &Request<Incoming>) -> Option<String> {
    let host = header_str(req.headers(), header::HOST)?.trim();
    let ok = !host.is_empty()
        && host.len() <= 255
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    ok.then(|| format!("http://{host}"))
}

/// A feed or page with the build's address replaced by the request's, its QR code drawn
/// anew for the new feed address.
pub fn rewrite(text: &str, base: &str, origin: &str) -> String {
    let out = text.replace(base, origin);
    let (Some(start), Some(svg_end)) = (out.find("<div class=\"qr\">"), out.find("</svg>")) else {
        return out;
    };
    let feed = format!("{origin}/{}", crate::publish::feed::FEED_FILE);
    match crate::publish::page::qr_svg(&feed) {
        Some(svg) if svg_end > start => format!(
            "{}<div class=\"qr\">{svg}{}",
            &out[..start],
            &out[svg_end + "</svg>".len()..]
        ),
        _ => out,
    }
}

/// A page for the site root when nothing has been built.
const NOT_BUILT: &str = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not built yet</title></head><body><main><h1>Nothing built yet</h1><p>This podcast has not been built: run <code>devocast build</code> in its folder, then reload.</p></main></body></html>\n";

async fn serve_file(
    req: &Request<Incoming>,
    site: &Site,
) -> std::io::Result<Response<ResponseBody>> {
    let root = site.root.as_path();
    let head = req.method() == Method::HEAD;
    if req.method() != Method::GET && !head {
        let mut r = plain(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return Ok(r);
    }
    let Some(path) = resolve(root, req.uri().path()) else {
        if matches!(req.uri().path(), "/" | "/index.html")
            && !root.join(crate::publish::feed::FEED_FILE).is_file()
        {
            let mut r = Response::new(full(NOT_BUILT));
            *r.status_mut() = StatusCode::NOT_FOUND;
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            return Ok(r);
        }
        return Ok(plain(StatusCode::NOT_FOUND, "not found\n"));
    };
    let file = tokio::fs::File::open(&path).await?;
    let meta = file.metadata().await?;
    let mut tag = etag(&meta);
    // The feed and pages name the address they are served at.
    let textual = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("xml" | "html")
    );
    let rewritten = match (&site.base_url, request_origin(req)) {
        (Some(base), Some(origin)) if textual && *base != origin => {
            let text = tokio::fs::read_to_string(&path).await?;
            let out = rewrite(&text, base, &origin);
            // Each address gets its own validator: the bytes differ.
            let host = blake3::hash(origin.as_bytes()).to_hex();
            tag = format!("\"{}-{}\"", tag.trim_matches('"'), &host[..8]);
            Some(Bytes::from(out))
        }
        _ => None,
    };
    let len = rewritten.as_ref().map_or(meta.len(), |b| b.len() as u64);
    let modified = mtime_secs(&meta);
    let last_modified = meta.modified().map(http_date).unwrap_or_default();
    let h = req.headers();

    // Preconditions in the order RFC 9110 §13.2.2 gives.
    let failed = match header_str(h, header::IF_MATCH) {
        Some(list) => !etag_listed(list, &tag, false),
        None => header_str(h, header::IF_UNMODIFIED_SINCE)
            .and_then(parse_http_date)
            .is_some_and(|since| modified > since),
    };
    let mut base = Response::builder()
        .header(header::ETAG, &tag)
        .header(header::LAST_MODIFIED, &last_modified)
        .header(header::ACCEPT_RANGES, "bytes");
    if failed {
        return Ok(base
            .status(StatusCode::PRECONDITION_FAILED)
            .body(full(""))
            .unwrap_or_else(|_| plain(StatusCode::PRECONDITION_FAILED, "")));
    }
    let not_modified = match header_str(h, header::IF_NONE_MATCH) {
        Some(list) => etag_listed(list, &tag, true),
        None => header_str(h, header::IF_MODIFIED_SINCE)
            .and_then(parse_http_date)
            .is_some_and(|since| modified <= since),
    };
    if not_modified {
        return Ok(base
            .status(StatusCode::NOT_MODIFIED)
            .body(full(""))
            .unwrap_or_else(|_| plain(StatusCode::NOT_MODIFIED, "")));
    }

    // A Range only applies to the representation the client has (If-Range).
    let range_applies = match header_str(h, header::IF_RANGE) {
        None => true,
        Some(v) if v.trim_start().starts_with('"') => v.trim() == tag,
        Some(v) => parse_http_date(v) == Some(modified),
    };
    let ranges = if range_applies && rewritten.is_none() {
        parse_ranges(header_str(h, header::RANGE), len)
    } else {
        Ranges::Whole
    };
    let ctype = content_type(&path);
    let build = |b: http::response::Builder, body: ResponseBody| {
        b.body(body)
            .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "bad response\n"))
    };
    match ranges {
        Ranges::Unsatisfiable => {
            base = base
                .status(StatusCode::RANGE_NOT_SATISFIABLE)
                .header(header::CONTENT_RANGE, format!("bytes */{len}"));
            Ok(build(base, full("")))
        }
        Ranges::Whole => {
            base = base
                .status(StatusCode::OK)
                .header(header::CONTENT_TYPE, ctype)
                .header(header::CONTENT_LENGTH, len);
            if rewritten.is_some() {
                base = base.header(header::VARY, "Host");
            }
            let body = if head {
                full("")
            } else if let Some(bytes) = rewritten {
                full(bytes)
            } else {
                FileBody {
                    file,
                    remaining: len,
                }
                .boxed()
            };
            Ok(build(base, body))
        }
        Ranges::Parts(parts) if parts.len() == 1 => {
            let (a, b) = parts[0];
            base = base
                .status(StatusCode::PARTIAL_CONTENT)
                .header(header::CONTENT_TYPE, ctype)
                .header(header::CONTENT_LENGTH, b - a + 1)
                .header(header::CONTENT_RANGE, format!("bytes {a}-{b}/{len}"));
            let body = if head {
                full("")
            } else {
                use tokio::io::AsyncSeekExt;
                let mut file = file;
                file.seek(std::io::SeekFrom::Start(a)).await?;
                FileBody {
                    file,
                    remaining: b - a + 1,
                }
                .boxed()
            };
            Ok(build(base, body))
        }
        Ranges::Parts(parts) => {
            // Several ranges: one multipart/byteranges body (parts are few and bounded by
            // the file's size, so it is assembled in memory).
            use tokio::io::{AsyncReadExt, AsyncSeekExt};
            let boundary = format!("devocast-{}", &tag.trim_matches('"').replace('-', ""));
            let mut body = Vec::new();
            let mut file = file;
            for (a, b) in parts {
                body.extend_from_slice(
                    format!(
                        "\r\n--{boundary}\r\nContent-Type: {ctype}\r\nContent-Range: bytes {a}-{b}/{len}\r\n\r\n"
                    )
                    .as_bytes(),
                );
                file.seek(std::io::SeekFrom::Start(a)).await?;
                let mut chunk = vec![0u8; (b - a + 1) as usize];
                file.read_exact(&mut chunk).await?;
                body.extend_from_slice(&chunk);
            }
            body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
            base = base
                .status(StatusCode::PARTIAL_CONTENT)
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/byteranges; boundary={boundary}"),
                )
                .header(header::CONTENT_LENGTH, body.len());
            Ok(build(base, if head { full("") } else { full(body) }))
        }
    }
}

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
fn watch_and_build(project: &Path) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_follow_rfc_9110() {
        let p = |h: &str| parse_ranges(Some(h), 100);
        assert_eq!(parse_ranges(None, 100), Ranges::Whole);
        assert_eq!(p("bytes=0-9"), Ranges::Parts(vec![(0, 9)]));
        assert_eq!(p("bytes=90-"), Ranges::Parts(vec![(90, 99)]));
        assert_eq!(p("bytes=-10"), Ranges::Parts(vec![(90, 99)]));
        assert_eq!(p("bytes=-1000"), Ranges::Parts(vec![(0, 99)]));
        // A last position past the end is trimmed, however large.
        assert_eq!(p("bytes=50-500"), Ranges::Parts(vec![(50, 99)]));
        assert_eq!(
            p("bytes=50-99999999999999999999999"),
            Ranges::Parts(vec![(50, 99)])
        );
        assert_eq!(p("BYTES = 0-0"), Ranges::Parts(vec![(0, 0)]));
        // Several ranges, merged where they overlap or touch, in order.
        assert_eq!(
            p("bytes=60-69, 0-9,10-19 ,65-80"),
            Ranges::Parts(vec![(0, 19), (60, 80)])
        );
        // Nothing overlapping the file: 416.
        for h in ["bytes=100-", "bytes=200-300", "bytes=-0", "bytes=100-,150-"] {
            assert_eq!(p(h), Ranges::Unsatisfiable, "{h}");
        }
        // Malformed or another unit: ignored (the whole file).
        for h in [
            "items=0-1",
            "bytes=5-2",
            "bytes=x-y",
            "bytes",
            "bytes=",
            "bytes=1-2-3",
            "bytes=--1",
            "bytes=+1-2",
        ] {
            assert_eq!(p(h), Ranges::Whole, "{h}");
        }
        let many = format!(
            "bytes={}",
            (0..20)
                .map(|i| format!("{}-{}", i * 3, i * 3))
                .collect::<Vec<_>>()
                .join(",")
        );
        assert_eq!(p(&many), Ranges::Whole);
        assert_eq!(parse_ranges(Some("bytes=0-0"), 0), Ranges::Unsatisfiable);
    }

    #[test]
    fn dates_parse_in_all_three_forms() {
        let t = 784_111_777;
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(t));
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), Some(t));
        assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), Some(t));
        assert_eq!(parse_http_date("yesterday"), None);
        let st = SystemTime::UNIX_EPOCH + Duration::from_secs(t as u64);
        assert_eq!(http_date(st), "Sun, 06 Nov 1994 08:49:37 GMT");
    }

    #[test]
    fn traversal_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("feed");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(root.join("a.mp3"), b"x").unwrap();
        std::fs::write(root.join(".a.mp3.tmp-1-2"), b"x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), b"s").unwrap();
        let root = std::fs::canonicalize(&root).unwrap();
        assert!(resolve(&root, "/a.mp3").is_some());
        assert!(resolve(&root, "/a%2Emp3").is_some());
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/..%2fsecret.txt",
            "/a.mp3%00",
            "/..\\secret.txt",
            "/nope",
            "/.a.mp3.tmp-1-2",
        ] {
            assert!(resolve(&root, bad).is_none(), "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt"))
                .unwrap();
            assert!(
                resolve(&root, "/link.txt").is_none(),
                "a symlink out of the folder must not be followed"
            );
        }
    }
}
