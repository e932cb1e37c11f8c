//! From a request path to a file inside the output folder, its content type, and its bytes
//! streamed without reading the whole file into memory.

use crate::text::percent_decode_strict;
use bytes::Bytes;
use hyper::body::{Body, Frame};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::task::{Context as TaskContext, Poll};
use tokio::io::{AsyncRead, ReadBuf};

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
    } else if matches!(decoded.rsplit('/').next(), Some("" | ".")) {
        // `/feed.xml/` (or `/feed.xml/.`) names a folder, and there is none.
        return None;
    }
    // Resolving the path follows symlinks: whatever it reaches must still be inside.
    let real = std::fs::canonicalize(&full).ok()?;
    (real.starts_with(root) && real.is_file()).then_some(real)
}

/// Streams `len` bytes of a file from its current position.
pub(super) struct FileBody {
    pub(super) file: tokio::fs::File,
    pub(super) remaining: u64,
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

#[cfg(test)]
mod tests {
    use super::*;

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
