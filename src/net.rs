//! Network access, in one place: the HTTP client with its timeouts, fetching a document
//! within a size limit, streaming one, and downloading a file that must arrive whole.
//!
//! Three things use it, each only when asked: `voice::fetch` (a Piper voice by name, including
//! the default voice a first build may fetch), `import` (a feed or export given as an
//! http(s) address) and `deploy --verify` (the public feed and its enclosures). Besides it,
//! only the deploy targets that talk to a server (`deploy/s3.rs`, `deploy/sftp.rs`) touch
//! the network. A dead network or a silent
//! server fails within seconds, never hangs; a slow but moving download goes on.

use anyhow::{anyhow, bail, Context, Result};
use md5::{Digest, Md5};
use std::io::{Read, Write};
use std::path::Path;
use std::time::Duration;

/// Time to resolve a host name.
const RESOLVE_TIMEOUT: Duration = Duration::from_secs(5);
/// Time to open a connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Time for the server to start answering once asked.
const RESPONSE_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest wait for the next bytes of a body.
const READ_TIMEOUT: Duration = Duration::from_secs(20);
/// Bytes read at a time when downloading to a file.
const CHUNK_BYTES: usize = 256 * 1024;

/// An HTTP client with devocast's timeouts and user agent.
pub struct Client {
    agent: ureq::Agent,
}

/// What a file to download must be, as an index declares it: its exact size and its MD5.
pub struct Expected<'a> {
    /// Exact size in bytes.
    pub size: u64,
    /// MD5 digest as hex (either case).
    pub md5: &'a str,
}

impl Default for Client {
    fn default() -> Self {
        Client::new()
    }
}

impl Client {
    /// A client; connections are made only when something is fetched.
    pub fn new() -> Client {
        Client::ending_by(None)
    }

    /// A client whose every call, body included, ends within `deadline` if one is given.
    fn ending_by(deadline: Option<Duration>) -> Client {
        let agent = ureq::Agent::config_builder()
            .timeout_global(deadline)
            .timeout_resolve(Some(RESOLVE_TIMEOUT))
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .timeout_recv_response(Some(RESPONSE_TIMEOUT))
            .timeout_per_read(Some(READ_TIMEOUT))
            .http_status_as_error(false)
            .user_agent(concat!("devocast/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        Client { agent }
    }

    /// GETs `url`; an answer other than success is an error naming its status.
    fn get(&self, url: &str) -> Result<ureq::http::Response<ureq::Body>> {
        let response = self
            .agent
            .get(url)
            .call()
            .map_err(|e| anyhow!("cannot reach {url}: {e}"))?;
        let status = response.status();
        if !status.is_success() {
            bail!("{url} answered {status}");
        }
        Ok(response)
    }

    /// The body of `url` as it arrives, for a reader that takes it in pieces, all of it
    /// within `deadline` from now: the per-read timeout alone lets a server that sends a
    /// byte now and then hold the reader forever. Past the deadline, reading fails with an
    /// error saying how many bytes had arrived.
    pub fn reader_within(url: &str, deadline: Duration) -> Result<impl Read + 'static> {
        let started = std::time::Instant::now();
        // The agent's global timeout also ends a read blocked at the deadline.
        let response = Client::ending_by(Some(deadline)).get(url)?;
        Ok(Deadline {
            inner: response.into_body().into_reader(),
            url: url.to_string(),
            started,
            deadline,
            read: 0,
        })
    }

    /// How many bytes `url` answers with, without downloading them: a HEAD request's
    /// `Content-Length`, else the total of a one-byte range (`Content-Range: bytes 0-0/N`),
    /// for hosts that answer HEAD badly. `None` when the server does not say.
    pub fn length(&self, url: &str) -> Result<Option<u64>> {
        let header = |r: &ureq::http::Response<ureq::Body>, name: &str| {
            r.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let head = self
            .agent
            .head(url)
            .call()
            .map_err(|e| anyhow!("cannot reach {url}: {e}"))?;
        if head.status().is_success() {
            if let Some(n) = header(&head, "content-length").and_then(|v| v.parse().ok()) {
                return Ok(Some(n));
            }
        }
        let ranged = self
            .agent
            .get(url)
            .header("Range", "bytes=0-0")
            .call()
            .map_err(|e| anyhow!("cannot reach {url}: {e}"))?;
        let status = ranged.status();
        if !status.is_success() {
            bail!("{url} answered {status}");
        }
        let total = header(&ranged, "content-range")
            .and_then(|v| v.rsplit_once('/').and_then(|(_, n)| n.trim().parse().ok()));
        Ok(total.or_else(|| {
            (status == 200)
                .then(|| header(&ranged, "content-length"))
                .flatten()
                .and_then(|v| v.parse().ok())
        }))
    }

    /// The body of `url` as it arrives, for a reader that takes it in pieces.
    pub fn reader(&self, url: &str) -> Result<impl Read + 'static> {
        Ok(self.get(url)?.into_body().into_reader())
    }

    /// The body of `url` as text, at most `limit` bytes; `what` names it in the error when it
    /// does not arrive whole ("the voice index").
    pub fn text(&self, url: &str, limit: u64, what: &str) -> Result<String> {
        let mut body = self.get(url)?.into_body();
        body.with_config()
            .limit(limit)
            .read_to_string()
            .map_err(|e| anyhow!("{what} {url} did not arrive whole: {e}"))
    }

    /// Downloads `url` into a new file at `path`, checking it has exactly the expected size
    /// and digest; `progress` hears the bytes received so far. On an error the file may be
    /// left partial: the caller downloads into a temporary folder and removes it.
    pub fn download(
        &self,
        url: &str,
        path: &Path,
        expected: &Expected,
        progress: &dyn Fn(u64),
    ) -> Result<()> {
        let mut response = self.get(url)?;
        let mut out = std::fs::File::create(path)
            .with_context(|| format!("failed to create `{}`", path.display()))?;
        // One byte over the declared size is enough to know it is too large.
        let mut reader = response
            .body_mut()
            .with_config()
            .limit(expected.size + 1)
            .reader();
        let mut md5 = Md5::new();
        let mut got = 0u64;
        let mut buf = vec![0u8; CHUNK_BYTES];
        loop {
            let n = reader.read(&mut buf).map_err(|e| {
                anyhow!(
                    "the download of {url} broke off after {got} of {} bytes: {e}",
                    expected.size
                )
            })?;
            if n == 0 {
                break;
            }
            got += n as u64;
            if got > expected.size {
                bail!(
                    "{url} is larger than the {} bytes the index declares",
                    expected.size
                );
            }
            md5.update(&buf[..n]);
            out.write_all(&buf[..n])
                .with_context(|| format!("failed to write `{}`", path.display()))?;
            progress(got);
        }
        if got != expected.size {
            bail!(
                "the download of {url} stopped at {got} of {} bytes (connection dropped?); nothing was installed",
                expected.size
            );
        }
        let digest: String = md5.finalize().iter().map(|b| format!("{b:02x}")).collect();
        if digest != expected.md5.to_ascii_lowercase() {
            bail!(
                "{url} does not match the index (MD5 {digest}, expected {}); nothing was installed",
                expected.md5
            );
        }
        out.sync_all()
            .with_context(|| format!("failed to write `{}`", path.display()))
    }
}

/// A body read within an overall deadline, counting what arrived for the message.
struct Deadline<R> {
    inner: R,
    url: String,
    started: std::time::Instant,
    deadline: Duration,
    read: u64,
}

impl<R> Deadline<R> {
    fn late(&self) -> std::io::Error {
        std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            format!(
                "{} did not arrive within {} s ({} bytes read by then)",
                self.url,
                self.deadline.as_secs(),
                self.read
            ),
        )
    }
}

impl<R: Read> Read for Deadline<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.started.elapsed() > self.deadline {
            return Err(self.late());
        }
        match self.inner.read(buf) {
            Ok(n) => {
                self.read += n as u64;
                Ok(n)
            }
            Err(_) if self.started.elapsed() >= self.deadline => Err(self.late()),
            Err(e) => Err(std::io::Error::new(
                e.kind(),
                format!("{} broke off after {} bytes: {e}", self.url, self.read),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::BufRead;

    /// A server on this machine that answers one request with `response`, as given, then
    /// closes the connection; returns its address.
    fn answer_once(response: Vec<u8>) -> String {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            let (stream, _) = listener.accept().unwrap();
            let mut reader = std::io::BufReader::new(stream);
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 0 && line != "\r\n" {
                line.clear();
            }
            let _ = reader.get_mut().write_all(&response);
        });
        format!("http://{addr}/file")
    }

    fn ok(body: &[u8], declared_len: usize) -> Vec<u8> {
        let mut r = format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {declared_len}\r\nConnection: close\r\n\r\n"
        )
        .into_bytes();
        r.extend_from_slice(body);
        r
    }

    fn md5_hex(bytes: &[u8]) -> String {
        Md5::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// Downloads from a server answering `response`, expecting `size` bytes with `md5`.
    fn download(response: Vec<u8>, size: u64, md5: &str) -> (Result<()>, Vec<u8>, u64) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let seen = std::sync::atomic::AtomicU64::new(0);
        let result = Client::new().download(
            &answer_once(response),
            &path,
            &Expected { size, md5 },
            &|got| seen.store(got, std::sync::atomic::Ordering::Relaxed),
        );
        let written = std::fs::read(&path).unwrap_or_default();
        (result, written, seen.into_inner())
    }

    #[test]
    fn a_download_arrives_whole_and_checked() {
        let body: Vec<u8> = (0..600_000u32).map(|i| (i % 253) as u8).collect();
        let (result, written, seen) = download(ok(&body, body.len()), 600_000, &md5_hex(&body));
        result.unwrap();
        assert_eq!(written, body);
        assert_eq!(seen, 600_000, "progress reaches the whole size");
        // The digest may be given in upper case.
        let upper = md5_hex(&body).to_uppercase();
        download(ok(&body, body.len()), 600_000, &upper).0.unwrap();
    }

    #[test]
    fn a_download_that_is_not_what_the_index_declares_fails() {
        let body = b"twelve bytes".to_vec();
        let digest = md5_hex(&body);
        let err = |r: Result<()>| format!("{:#}", r.unwrap_err());
        // Larger than declared.
        let (r, _, _) = download(ok(&body, body.len()), 5, &digest);
        assert!(err(r).contains("larger than the 5 bytes"));
        // Smaller than declared, the server saying so.
        let (r, _, _) = download(ok(&body, body.len()), 20, &digest);
        assert!(err(r).contains("stopped at 12 of 20 bytes"));
        // The connection drops before the length the server promised.
        let (r, _, _) = download(ok(&body, 40), 40, &digest);
        assert!(err(r).contains("broke off"));
        // The right size, the wrong bytes.
        let (r, _, _) = download(ok(&body, body.len()), 12, &md5_hex(b"other bytes!"));
        assert!(err(r).contains("does not match the index"));
        // Not found.
        let missing = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".to_vec();
        let (r, written, _) = download(missing, 12, &digest);
        assert!(err(r).contains("answered 404"));
        assert!(
            written.is_empty(),
            "nothing is written for a refused request"
        );
    }

    #[test]
    fn text_is_read_within_its_limit() {
        let client = Client::new();
        let url = answer_once(ok(b"{\"a\": 1}", 8));
        assert_eq!(client.text(&url, 8, "the index").unwrap(), "{\"a\": 1}");
        let url = answer_once(ok(&[b'x'; 100], 100));
        let e = format!("{:#}", client.text(&url, 99, "the index").unwrap_err());
        assert!(e.starts_with("the index http://") && e.contains("did not arrive whole"));
    }

    #[test]
    fn a_stream_is_read_as_it_arrives() {
        let body: Vec<u8> = (0..100_000u32).map(|i| (i % 7) as u8 + b'a').collect();
        let mut got = Vec::new();
        Client::reader_within(&answer_once(ok(&body, body.len())), Duration::from_secs(60))
            .unwrap()
            .read_to_end(&mut got)
            .unwrap();
        assert_eq!(got, body);
    }
}
