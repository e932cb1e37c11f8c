//! The server loop: a small tokio event loop accepting a bounded number of connections, each
//! with limits on its request head and closed when it stops making progress.

use super::respond::respond;
use super::Site;
use anyhow::{Context, Result};
use std::convert::Infallible;
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context as TaskContext, Poll};
use std::time::Duration;
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

/// As [`serve_on`](super::serve_on), rewriting `base_url` in the feed and pages to the address each request
/// reached the server at (its `Host`), so a phone on the network subscribes to a feed whose
/// every URL works.
pub fn serve_site(
    listener: std::net::TcpListener,
    root: &Path,
    base_url: Option<&str>,
    limits: Limits,
) -> Result<()> {
    serve_with(listener, root, base_url, None, limits)
}

/// As [`serve_site`], rewriting only the documents in `written` when given.
pub(super) fn serve_with(
    listener: std::net::TcpListener,
    root: &Path,
    base_url: Option<&str>,
    written: Option<super::address::Written>,
    limits: Limits,
) -> Result<()> {
    let root = Arc::new(Site {
        root: std::fs::canonicalize(root)
            .with_context(|| format!("cannot open `{}`", root.display()))?,
        base_url: base_url.map(|b| b.trim_end_matches('/').to_string()),
        written,
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
