//! One request's answer: which file, whether the client's preconditions hold, and the whole
//! file, one range of it, or several.

use super::address::{self, Rewritten};
use super::conditional::{self, Precondition, Validators};
use super::files::{content_type, resolve, FileBody};
use super::ranges::{multipart, parse_ranges, Ranges};
use super::{header_str, Site};
use bytes::Bytes;
use http_body_util::{combinators::BoxBody, BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use std::convert::Infallible;
use std::path::Path;
use tokio::io::AsyncSeekExt;

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

/// The answer to one request; a file that cannot be read is a 500.
pub(super) async fn respond(req: &Request<Incoming>, site: &Site) -> Response<ResponseBody> {
    match serve_file(req, site).await {
        Ok(r) => r,
        Err(_) => plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            "could not read the file\n",
        ),
    }
}

/// A page for the site root when nothing has been built.
const NOT_BUILT: &str = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not built yet</title></head><body><main><h1>Nothing built yet</h1><p>This podcast has not been built: run <code>devocast build</code> in its folder, then reload.</p></main></body></html>\n";

/// What is being sent and how: the part of the answer every status shares.
struct Reply {
    /// The response so far: validators and `Accept-Ranges`.
    base: http::response::Builder,
    /// A HEAD request: headers only.
    head: bool,
    content_type: &'static str,
    /// Length of what is sent whole: the file, or its rewritten text.
    len: u64,
}

async fn serve_file(
    req: &Request<Incoming>,
    site: &Site,
) -> std::io::Result<Response<ResponseBody>> {
    let head = req.method() == Method::HEAD;
    if req.method() != Method::GET && !head {
        return Ok(method_not_allowed());
    }
    let Some(path) = resolve(&site.root, req.uri().path()) else {
        return Ok(not_found(req.uri().path(), &site.root));
    };
    let file = tokio::fs::File::open(&path).await?;
    let meta = file.metadata().await?;
    let mut validators = Validators::of(&meta);
    let rewritten = address::for_request(req, site, &path).await?;
    if let Some(r) = &rewritten {
        validators.for_origin(&r.origin);
    }
    let reply = Reply {
        base: Response::builder()
            .header(header::ETAG, &validators.tag)
            .header(header::LAST_MODIFIED, &validators.last_modified)
            .header(header::ACCEPT_RANGES, "bytes"),
        head,
        content_type: content_type(&path),
        len: rewritten
            .as_ref()
            .map_or(meta.len(), |r| r.bytes.len() as u64),
    };
    let h = req.headers();
    match conditional::evaluate(h, &validators) {
        Precondition::Failed => return Ok(empty(reply.base, StatusCode::PRECONDITION_FAILED)),
        Precondition::NotModified => return Ok(empty(reply.base, StatusCode::NOT_MODIFIED)),
        Precondition::Holds => {}
    }
    // A rewritten document is always sent whole.
    let ranges = if conditional::range_applies(h, &validators) && rewritten.is_none() {
        parse_ranges(header_str(h, header::RANGE), reply.len)
    } else {
        Ranges::Whole
    };
    match ranges {
        Ranges::Unsatisfiable => Ok(unsatisfiable(reply)),
        Ranges::Whole => Ok(whole(reply, file, rewritten)),
        Ranges::Parts(parts) if parts.len() == 1 => one_range(reply, file, parts[0]).await,
        Ranges::Parts(parts) => several_ranges(reply, file, &parts, &validators.tag).await,
    }
}

/// 405 for anything but GET and HEAD.
fn method_not_allowed() -> Response<ResponseBody> {
    let mut r = plain(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
    r.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
    r
}

/// 404; for the site root of a folder with nothing built, a page that says so.
fn not_found(path: &str, root: &Path) -> Response<ResponseBody> {
    if matches!(path, "/" | "/index.html") && !root.join(crate::publish::feed::FEED_FILE).is_file()
    {
        let mut r = Response::new(full(NOT_BUILT));
        *r.status_mut() = StatusCode::NOT_FOUND;
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        return r;
    }
    plain(StatusCode::NOT_FOUND, "not found\n")
}

/// A status with validators and no body (412, 304).
fn empty(base: http::response::Builder, status: StatusCode) -> Response<ResponseBody> {
    base.status(status)
        .body(full(""))
        .unwrap_or_else(|_| plain(status, ""))
}

fn finish(base: http::response::Builder, body: ResponseBody) -> Response<ResponseBody> {
    base.body(body)
        .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "bad response\n"))
}

/// 416: no range overlaps the file.
fn unsatisfiable(reply: Reply) -> Response<ResponseBody> {
    let base = reply
        .base
        .status(StatusCode::RANGE_NOT_SATISFIABLE)
        .header(header::CONTENT_RANGE, format!("bytes */{}", reply.len));
    finish(base, full(""))
}

/// 200: the whole file, streamed, or its rewritten text.
fn whole(
    reply: Reply,
    file: tokio::fs::File,
    rewritten: Option<Rewritten>,
) -> Response<ResponseBody> {
    let mut base = reply
        .base
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, reply.content_type)
        .header(header::CONTENT_LENGTH, reply.len);
    if rewritten.is_some() {
        base = base.header(header::VARY, "Host");
    }
    let body = if reply.head {
        full("")
    } else if let Some(r) = rewritten {
        full(r.bytes)
    } else {
        FileBody {
            file,
            remaining: reply.len,
        }
        .boxed()
    };
    finish(base, body)
}

/// 206 with one range, streamed from the file.
async fn one_range(
    reply: Reply,
    mut file: tokio::fs::File,
    (a, b): (u64, u64),
) -> std::io::Result<Response<ResponseBody>> {
    let base = reply
        .base
        .status(StatusCode::PARTIAL_CONTENT)
        .header(header::CONTENT_TYPE, reply.content_type)
        .header(header::CONTENT_LENGTH, b - a + 1)
        .header(
            header::CONTENT_RANGE,
            format!("bytes {a}-{b}/{}", reply.len),
        );
    let body = if reply.head {
        full("")
    } else {
        file.seek(std::io::SeekFrom::Start(a)).await?;
        FileBody {
            file,
            remaining: b - a + 1,
        }
        .boxed()
    };
    Ok(finish(base, body))
}

/// 206 with several ranges: one `multipart/byteranges` body, its boundary from the tag.
async fn several_ranges(
    reply: Reply,
    file: tokio::fs::File,
    parts: &[(u64, u64)],
    tag: &str,
) -> std::io::Result<Response<ResponseBody>> {
    let boundary = format!("devocast-{}", &tag.trim_matches('"').replace('-', ""));
    let body = multipart(file, parts, reply.content_type, reply.len, &boundary).await?;
    let base = reply
        .base
        .status(StatusCode::PARTIAL_CONTENT)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/byteranges; boundary={boundary}"),
        )
        .header(header::CONTENT_LENGTH, body.len());
    Ok(finish(base, if reply.head { full("") } else { full(body) }))
}
