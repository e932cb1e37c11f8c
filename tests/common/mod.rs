//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod piper_like;

use anyhow::Result;
use devocast::voice::{Speech, Voice};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

/// A fresh copy of `tests/fixtures/project` in a temporary folder (kept alive by the guard).
pub fn fixture_project() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    copy_dir(Path::new("tests/fixtures/project"), &project);
    (tmp, project)
}

/// The files the feed publishes for one episode (names carry a content hash, so tests find
/// them as podcast apps do: through `feed/feed.xml`).
#[derive(Debug, Clone)]
pub struct Published {
    pub mp3: PathBuf,
    pub chapters: PathBuf,
    pub vtt: PathBuf,
    pub srt: PathBuf,
    pub page: PathBuf,
    /// The private master (not in the feed).
    pub wav: PathBuf,
}

/// The local file a feed URL names.
pub fn local(project: &Path, url: &str) -> PathBuf {
    let name = url.rsplit('/').next().unwrap();
    project
        .join("feed")
        .join(devocast::text::percent_decode_strict(name).unwrap())
}

/// The published files of `slug`, read from the feed; panics if the feed does not list it.
pub fn published(project: &Path, slug: &str) -> Published {
    let xml = std::fs::read(project.join("feed/feed.xml")).unwrap();
    let channel = rss::Channel::read_from(&xml[..]).unwrap();
    let item = channel
        .items()
        .iter()
        .find(|i| {
            i.link()
                .is_some_and(|l| l.ends_with(&format!("/{slug}.html")))
        })
        .unwrap_or_else(|| panic!("the feed lists no episode {slug}"));
    let ext = item.extensions();
    let transcript = |mime: &str| {
        let t = ext["podcast"]["transcript"]
            .iter()
            .find(|t| t.attrs()["type"] == mime)
            .unwrap();
        local(project, &t.attrs()["url"])
    };
    Published {
        mp3: local(project, item.enclosure().unwrap().url()),
        chapters: local(project, &ext["podcast"]["chapters"][0].attrs()["url"]),
        vtt: transcript("text/vtt"),
        srt: transcript("application/x-subrip"),
        page: local(project, item.link().unwrap()),
        wav: project.join("masters").join(format!("{slug}.wav")),
    }
}

/// Checks that what is published is whole: the feed parses, and every file it references
/// exists (the enclosure at exactly its declared length, the chapters JSON parsing, the
/// transcripts and pages there, every local link of every page resolving). Returns the
/// number of episodes, or what is broken.
pub fn published_whole(project: &Path) -> Result<usize, String> {
    let feed_dir = project.join("feed");
    let feed = feed_dir.join("feed.xml");
    if !feed.exists() {
        // Nothing published yet: nothing can be broken. Pages without a feed are drafts.
        return Ok(0);
    }
    let xml = std::fs::read(&feed).map_err(|e| format!("feed.xml: {e}"))?;
    let channel =
        rss::Channel::read_from(&xml[..]).map_err(|e| format!("feed.xml does not parse: {e}"))?;
    let exists = |p: &Path, what: &str| -> Result<(), String> {
        if p.is_file() {
            Ok(())
        } else {
            Err(format!("{what} `{}` is missing", p.display()))
        }
    };
    let mut pages = vec![feed_dir.join("index.html")];
    for item in channel.items() {
        let title = item.title().unwrap_or("?");
        let enc = item.enclosure().ok_or(format!("{title}: no enclosure"))?;
        let mp3 = local(project, enc.url());
        exists(&mp3, "enclosure")?;
        let size = std::fs::metadata(&mp3).map_err(|e| e.to_string())?.len();
        if enc.length() != size.to_string() {
            return Err(format!(
                "{title}: enclosure length {} but the file has {size} bytes",
                enc.length()
            ));
        }
        let ext = item.extensions();
        let chapters = local(project, &ext["podcast"]["chapters"][0].attrs()["url"]);
        exists(&chapters, "chapters")?;
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&chapters).map_err(|e| e.to_string())?)
                .map_err(|e| format!("{}: {e}", chapters.display()))?;
        if json["chapters"].as_array().is_none_or(|c| c.is_empty()) {
            return Err(format!("{}: no chapters", chapters.display()));
        }
        for t in &ext["podcast"]["transcript"] {
            exists(&local(project, &t.attrs()["url"]), "transcript")?;
        }
        let page = local(project, item.link().ok_or(format!("{title}: no link"))?);
        exists(&page, "page")?;
        pages.push(page);
    }
    for page in pages {
        let html =
            std::fs::read_to_string(&page).map_err(|e| format!("{}: {e}", page.display()))?;
        for link in devocast::publish::page::local_links(&html) {
            exists(
                &feed_dir.join(&link),
                &format!("a link of {}", page.display()),
            )?;
        }
    }
    Ok(channel.items().len())
}

/// How the test file server answers one path.
#[derive(Clone)]
pub enum Serve {
    /// The bytes, whole.
    Whole(Vec<u8>),
    /// A `Content-Length` for all of them, then only the first `n` bytes and a closed
    /// connection (a dropped download).
    Cut(Vec<u8>, usize),
    /// Accept, read the request, never answer.
    Silent,
    /// A `Content-Length` for all of them, the first `n` bytes, then nothing more for two
    /// minutes with the connection open (a download under way, for tests that stop it).
    Stall(Vec<u8>, usize),
    /// A `Content-Length` for all of them, then one byte every `ms` milliseconds (a server
    /// that is slow but never silent long enough to time a read out).
    Trickle(Vec<u8>, u64),
}

/// A small HTTP server on 127.0.0.1 serving `files` (path → answer; others 404), laid out
/// like a remote repository. Returns its base URL. It runs until the test process ends.
pub fn file_server(files: std::collections::HashMap<String, Serve>) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let files = files.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                loop {
                    let mut h = String::new();
                    if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
                        break;
                    }
                }
                let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
                match files.get(&path) {
                    None => {
                        let _ = stream.write_all(
                            b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                        );
                    }
                    Some(Serve::Whole(b)) => {
                        let _ = write!(
                            stream,
                            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            b.len()
                        );
                        let _ = stream.write_all(b);
                    }
                    Some(Serve::Cut(b, n)) => {
                        let _ = write!(
                            stream,
                            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            b.len()
                        );
                        let _ = stream.write_all(&b[..*n]);
                        let _ = stream.flush();
                    }
                    Some(Serve::Silent) => {
                        std::thread::sleep(std::time::Duration::from_secs(120));
                    }
                    Some(Serve::Stall(b, n)) => {
                        let _ = write!(
                            stream,
                            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            b.len()
                        );
                        let _ = stream.write_all(&b[..*n]);
                        let _ = stream.flush();
                        std::thread::sleep(std::time::Duration::from_secs(120));
                    }
                    Some(Serve::Trickle(b, ms)) => {
                        let _ = write!(
                            stream,
                            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            b.len()
                        );
                        for byte in b {
                            if stream.write_all(&[*byte]).and(stream.flush()).is_err() {
                                break;
                            }
                            std::thread::sleep(std::time::Duration::from_millis(*ms));
                        }
                    }
                }
            });
        }
    });
    format!("http://{addr}")
}

/// Lower-case hex MD5 of bytes, as the Piper voices index writes it.
pub fn md5_hex(bytes: &[u8]) -> String {
    use md5::{Digest, Md5};
    Md5::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A voice that hums for 5 ms per character and records what it was asked to say, so
/// tests can count what a build synthesized.
#[derive(Clone, Default)]
pub struct CountingVoice {
    pub calls: Arc<AtomicUsize>,
    pub said: Arc<Mutex<Vec<String>>>,
}

impl Voice for CountingVoice {
    fn describe(&self) -> String {
        "counting test voice".into()
    }
    fn id(&self) -> String {
        "counting/1".into()
    }
    fn synthesize(&self, text: &str) -> Result<Speech> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.said.lock().unwrap().push(text.to_string());
        let n = text.chars().count() * 80;
        Ok(Speech {
            samples: (0..n).map(|i| ((i as f32) * 0.3).sin() * 0.3).collect(),
            rate: 16_000,
        })
    }
}
