//! The feed and pages name the address they are served at: the build's `base_url` is replaced
//! by the address each request came to.

use super::{header_str, Site};
use bytes::Bytes;
use hyper::body::Incoming;
use hyper::header;
use hyper::Request;
use std::path::Path;

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
        (Some(base), Some(origin)) if textual && *base != origin => {
            let text = tokio::fs::read_to_string(path).await?;
            let bytes = Bytes::from(rewrite(&text, base, &origin));
            Ok(Some(Rewritten { bytes, origin }))
        }
        _ => Ok(None),
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
