//! Conditional requests (RFC 9110 §13): validators for a file, and whether a request's
//! preconditions hold.

use super::header_str;
use hyper::header::{self, HeaderMap};
use std::time::SystemTime;

/// What identifies the version of a file that a response carries.
pub(super) struct Validators {
    /// The strong `ETag`.
    pub(super) tag: String,
    /// The modification time, whole seconds since the epoch.
    pub(super) modified: i64,
    /// The modification time as `Last-Modified` writes it.
    pub(super) last_modified: String,
}

impl Validators {
    /// A file's validators, from its size and modification time.
    pub(super) fn of(meta: &std::fs::Metadata) -> Validators {
        Validators {
            tag: etag(meta),
            modified: mtime_secs(meta),
            last_modified: meta.modified().map(http_date).unwrap_or_default(),
        }
    }

    /// The validators of the file rewritten for `origin`: each address gets its own tag,
    /// since the bytes differ.
    pub(super) fn for_origin(&mut self, origin: &str) {
        let host = blake3::hash(origin.as_bytes()).to_hex();
        self.tag = format!("\"{}-{}\"", self.tag.trim_matches('"'), &host[..8]);
    }
}

/// What a request's preconditions say.
pub(super) enum Precondition {
    /// Answer the request.
    Holds,
    /// 412: the client's version is not the one here.
    Failed,
    /// 304: the client has this version already.
    NotModified,
}

/// Evaluates the preconditions in the order RFC 9110 §13.2.2 gives.
pub(super) fn evaluate(h: &HeaderMap, v: &Validators) -> Precondition {
    let failed = match header_str(h, header::IF_MATCH) {
        Some(list) => !etag_listed(list, &v.tag, false),
        None => header_str(h, header::IF_UNMODIFIED_SINCE)
            .and_then(parse_http_date)
            .is_some_and(|since| v.modified > since),
    };
    if failed {
        return Precondition::Failed;
    }
    let not_modified = match header_str(h, header::IF_NONE_MATCH) {
        Some(list) => etag_listed(list, &v.tag, true),
        None => header_str(h, header::IF_MODIFIED_SINCE)
            .and_then(parse_http_date)
            .is_some_and(|since| v.modified <= since),
    };
    if not_modified {
        Precondition::NotModified
    } else {
        Precondition::Holds
    }
}

/// Whether a `Range` applies: only to the version the client has (`If-Range`).
pub(super) fn range_applies(h: &HeaderMap, v: &Validators) -> bool {
    match header_str(h, header::IF_RANGE) {
        None => true,
        Some(s) if s.trim_start().starts_with('"') => s.trim() == v.tag,
        Some(s) => parse_http_date(s) == Some(v.modified),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

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
}
