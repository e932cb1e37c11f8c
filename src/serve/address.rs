//! The feed and pages name the address they are served at: the build's `base_url` is replaced
//! by the address each request came to.

use super::{header_str, Site};
use bytes::Bytes;
use hyper::body::Incoming;
use hyper::header;
use hyper::Request;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

/// A feed or page as one address sees it.
pub(super) struct Rewritten {
    /// The document with the build's address replaced.
    pub(super) bytes: Bytes,
    /// The address the request came to.
    pub(super) origin: String,
}

/// The feed or page at `path` rewritten for the address `req` came to, when that is not the
/// address it was built for; `None` when the file is served as it is.
pub(super) async fn for_request(
    req: &Request<Incoming>,
    site: &Site,
    path: &Path,
) -> std::io::Result<Option<Rewritten>> {
    let textual = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("xml" | "html")
    );
    match (&site.base_url, request_origin(req)) {
        (Some(base), Some(origin)) if textual && *base != origin && site.wrote(path) => {
            // Text devocast wrote is UTF-8; anything else is served as it is.
            let Ok(text) = String::from_utf8(tokio::fs::read(path).await?) else {
                return Ok(None);
            };
            let bytes = Bytes::from(rewrite(&text, base, &origin));
            Ok(Some(Rewritten { bytes, origin }))
        }
        _ => Ok(None),
    }
}

/// The feeds and pages devocast wrote in a project, as its publication record lists them:
/// only those are rewritten (a producer's own files are served as they are). Read again
/// whenever the record changes (a build while serving).
pub(super) struct Written {
    /// The project folder, canonical: the record's paths are relative to it.
    project: PathBuf,
    record: PathBuf,
    /// The record's modification time when read, and the documents it listed (canonical).
    seen: Mutex<(Option<SystemTime>, HashSet<PathBuf>)>,
}

impl Written {
    pub(super) fn of(layout: &crate::project::layout::Layout) -> Written {
        Written {
            project: std::fs::canonicalize(&layout.root).unwrap_or_else(|_| layout.root.clone()),
            record: layout.publish_manifest(),
            seen: Mutex::new((None, HashSet::new())),
        }
    }

    /// Whether devocast wrote the document at `path` (canonical).
    pub(super) fn contains(&self, path: &Path) -> bool {
        let stamp = std::fs::metadata(&self.record)
            .and_then(|m| m.modified())
            .ok();
        let mut seen = match self.seen.lock() {
            Ok(s) => s,
            Err(poisoned) => poisoned.into_inner(),
        };
        if stamp.is_none() || seen.0 != stamp {
            *seen = (stamp, self.read());
        }
        seen.1.contains(path)
    }

    fn read(&self) -> HashSet<PathBuf> {
        let record: crate::project::state::PublishManifest = std::fs::read(&self.record)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        record
            .podcast_files
            .iter()
            .chain(&record.current)
            .chain(&record.previous)
            .filter(|f| f.ends_with(".xml") || f.ends_with(".html"))
            .filter_map(|f| std::fs::canonicalize(self.project.join(f)).ok())
            .collect()
    }
}

/// The address a request came to, if its `Host` is a valid authority (anything else is not
/// echoed into a document: the build's address stands).
fn request_origin(req: &Request<Incoming>) -> Option<String> {
    let host = header_str(req.headers(), header::HOST)?.trim();
    is_authority(host).then(|| format!("http://{host}"))
}

/// Whether `host` is `NAME[:PORT]` or `[IPV6][:PORT]`: a name of dot-separated labels of
/// letters, digits and inner hyphens (an IPv4 address is one), a port of 1 to 65535.
pub fn is_authority(host: &str) -> bool {
    if host.is_empty() || host.len() > 255 {
        return false;
    }
    let (name, port) = match host.rsplit_once(':') {
        Some((n, p)) if !n.starts_with('[') || n.ends_with(']') => (n, Some(p)),
        _ => (host, None),
    };
    let port_ok = port.is_none_or(|p| {
        !p.is_empty()
            && p.len() <= 5
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| (1..=65535).contains(&n))
    });
    let name_ok = if let Some(v6) = name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        v6.parse::<std::net::Ipv6Addr>().is_ok()
    } else {
        name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
    };
    port_ok && name_ok
}

/// A feed or page with the build's address replaced by the request's, its QR code drawn
/// anew for the new feed address.
pub fn rewrite(text: &str, base: &str, origin: &str) -> String {
    let out = text.replace(base, origin);
    let (Some(start), Some(svg_end)) = (out.find("<div class=\"qr\">"), out.find("</svg>")) else {
        return out;
    };
    let feed = format!("{origin}/{}", crate::publish::feed::FEED_FILE);
    // The code keeps its name, in the page's language.
    let label = out[start..]
        .split_once("aria-label=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(l, _)| {
            l.replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
        });
    let named = label.map(|l| crate::publish::page::qr_svg_named(&feed, &l));
    match named.unwrap_or_else(|| crate::publish::page::qr_svg(&feed)) {
        Some(svg) if svg_end > start => format!(
            "{}<div class=\"qr\">{svg}{}",
            &out[..start],
            &out[svg_end + "</svg>".len()..]
        ),
        _ => out,
    }
}

#[cfg(test)]
mod tests {
    use super::is_authority;

    #[test]
    fn only_valid_authorities_are_echoed() {
        for good in [
            "192.168.1.5:8000",
            "localhost",
            "pod.example.org",
            "my-mac.local:80",
            "[::1]:8000",
            "[fe80::1]",
        ] {
            assert!(is_authority(good), "{good}");
        }
        for bad in [
            "",
            "[",
            "]",
            "..",
            ".",
            "a..b",
            ".a",
            "a.",
            "[::1",
            "::1",
            "[x]",
            "a b",
            "a:0",
            "a:65536",
            "a:",
            "a:8x",
            "-a",
            "a-",
            "x\"><script>",
            "a/b",
            "a@b",
            "[::1]x",
        ] {
            assert!(!is_authority(bad), "{bad:?}");
        }
    }
}
