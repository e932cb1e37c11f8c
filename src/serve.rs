//! `devocast serve`: the output folder over HTTP, so a phone on the same network can
//! subscribe and play. GET and HEAD, single byte ranges (podcast apps seek with them), correct
//! content types, and nothing outside the folder reachable: `..` (plain or percent-encoded)
//! is refused and every path is resolved (symlinks included) and checked to lie inside.

use anyhow::{Context, Result};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// Connections served at once; more wait in the listen queue.
const MAX_CLIENTS: usize = 64;

/// Serves the project's output folder until interrupted; with `watch`, rebuilds when
/// sources change.
pub fn serve(project: &Path, bind: &str, port: u16, watch: bool) -> Result<()> {
    let config = crate::config::Config::load(project)?;
    let root = project.join(&config.podcast.output_dir);
    std::fs::create_dir_all(&root)
        .with_context(|| format!("failed to create `{}`", root.display()))?;
    let listener = TcpListener::bind((bind, port))
        .with_context(|| format!("cannot listen on {bind}:{port}"))?;
    println!(
        "serving {} at http://{bind}:{port}/ (feed: http://{bind}:{port}/feed.xml); Ctrl-C stops",
        root.display()
    );
    if bind == "127.0.0.1" {
        println!("only this computer can connect; use --bind 0.0.0.0 for a phone on the same network (and set base_url to match)");
    }
    if watch {
        let project = project.to_path_buf();
        std::thread::spawn(move || watch_and_build(&project));
    }
    serve_on(listener, &root)
}

/// Accepts connections on `listener` and serves files under `root` (used by tests too).
pub fn serve_on(listener: TcpListener, root: &Path) -> Result<()> {
    let root = Arc::new(
        std::fs::canonicalize(root).with_context(|| format!("cannot open `{}`", root.display()))?,
    );
    let active = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        while active.load(Ordering::SeqCst) >= MAX_CLIENTS {
            std::thread::sleep(Duration::from_millis(5));
        }
        active.fetch_add(1, Ordering::SeqCst);
        let (root, active) = (root.clone(), active.clone());
        std::thread::spawn(move || {
            let _ = handle(stream, &root);
            active.fetch_sub(1, Ordering::SeqCst);
        });
    }
    Ok(())
}

/// Content type by file extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        "xml" => "application/rss+xml; charset=utf-8",
        "json" => "application/json",
        "vtt" => "text/vtt; charset=utf-8",
        "srt" => "application/x-subrip; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        _ => "application/octet-stream",
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The file a request path names, if it is inside `root`.
pub fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next()?;
    let decoded = percent_decode(path)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let mut rel = PathBuf::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
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

/// A Range header that cannot be satisfied (answered with 416).
#[derive(Debug, PartialEq, Eq)]
pub struct Unsatisfiable;

/// Parses "bytes=a-b", "bytes=a-" or "bytes=-n" against a length: Ok(None) without a
/// range.
pub fn parse_range(header: Option<&str>, len: u64) -> Result<Option<(u64, u64)>, Unsatisfiable> {
    let Some(h) = header else { return Ok(None) };
    let spec = h.trim().strip_prefix("bytes=").ok_or(Unsatisfiable)?;
    if spec.contains(',') {
        return Err(Unsatisfiable); // multiple ranges are not offered
    }
    let (a, b) = spec.split_once('-').ok_or(Unsatisfiable)?;
    let (a, b) = (a.trim(), b.trim());
    let (start, end) = if a.is_empty() {
        let n: u64 = b.parse().map_err(|_| Unsatisfiable)?;
        if n == 0 {
            return Err(Unsatisfiable);
        }
        (
            len.saturating_sub(n),
            len.checked_sub(1).ok_or(Unsatisfiable)?,
        )
    } else {
        let s: u64 = a.parse().map_err(|_| Unsatisfiable)?;
        let e: u64 = if b.is_empty() {
            len.saturating_sub(1)
        } else {
            b.parse::<u64>()
                .map_err(|_| Unsatisfiable)?
                .min(len.saturating_sub(1))
        };
        (s, e)
    };
    if start >= len || start > end {
        return Err(Unsatisfiable);
    }
    Ok(Some((start, end)))
}

fn handle(stream: TcpStream, root: &Path) -> Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut range = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("range") {
                range = Some(v.trim().to_string());
            }
        }
    }
    let mut out = stream;
    let mut parts = request.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let head = method == "HEAD";
    if method != "GET" && !head {
        return respond(
            &mut out,
            "405 Method Not Allowed",
            "text/plain",
            b"only GET and HEAD\n",
            head,
            &[("Allow", "GET, HEAD".into())],
        );
    }
    let Some(path) = resolve(root, target) else {
        return respond(
            &mut out,
            "404 Not Found",
            "text/plain",
            b"not found\n",
            head,
            &[],
        );
    };
    let mut file = std::fs::File::open(&path)?;
    let len = file.metadata()?.len();
    let ctype = content_type(&path);
    match parse_range(range.as_deref(), len) {
        Err(Unsatisfiable) => respond(
            &mut out,
            "416 Range Not Satisfiable",
            "text/plain",
            b"",
            head,
            &[("Content-Range", format!("bytes */{len}"))],
        ),
        Ok(None) => {
            write!(out, "HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len}\r\nAccept-Ranges: bytes\r\nConnection: close\r\n\r\n")?;
            if !head {
                std::io::copy(&mut file, &mut out)?;
            }
            Ok(())
        }
        Ok(Some((start, end))) => {
            let n = end - start + 1;
            write!(out, "HTTP/1.1 206 Partial Content\r\nContent-Type: {ctype}\r\nContent-Length: {n}\r\nContent-Range: bytes {start}-{end}/{len}\r\nAccept-Ranges: bytes\r\nConnection: close\r\n\r\n")?;
            if !head {
                file.seek(SeekFrom::Start(start))?;
                std::io::copy(&mut file.take(n), &mut out)?;
            }
            Ok(())
        }
    }
}

fn respond(
    out: &mut TcpStream,
    status: &str,
    ctype: &str,
    body: &[u8],
    head: bool,
    extra: &[(&str, String)],
) -> Result<()> {
    write!(
        out,
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    )?;
    for (k, v) in extra {
        write!(out, "{k}: {v}\r\n")?;
    }
    out.write_all(b"\r\n")?;
    if !head {
        out.write_all(body)?;
    }
    Ok(())
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
    fn ranges() {
        assert_eq!(parse_range(None, 100), Ok(None));
        assert_eq!(parse_range(Some("bytes=0-9"), 100), Ok(Some((0, 9))));
        assert_eq!(parse_range(Some("bytes=90-"), 100), Ok(Some((90, 99))));
        assert_eq!(parse_range(Some("bytes=-10"), 100), Ok(Some((90, 99))));
        assert_eq!(parse_range(Some("bytes=50-500"), 100), Ok(Some((50, 99))));
        for bad in [
            "bytes=100-",
            "bytes=5-2",
            "bytes=-0",
            "items=0-1",
            "bytes=0-1,5-6",
            "bytes=x-y",
        ] {
            assert_eq!(parse_range(Some(bad), 100), Err(Unsatisfiable), "{bad}");
        }
    }

    #[test]
    fn traversal_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("feed");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(root.join("a.mp3"), b"x").unwrap();
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
