//! `devocast serve` as clients use it: byte ranges and conditional requests per RFC 9110,
//! the folder's boundary, and slow or hostile clients that must not starve the others.

use devocast::serve::{serve_on, serve_site, Limits};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

fn start(limits: Limits) -> (tempfile::TempDir, SocketAddr, Vec<u8>) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("feed");
    std::fs::create_dir(&root).unwrap();
    let data: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(root.join("ep.mp3"), &data).unwrap();
    std::fs::write(root.join("feed.xml"), b"<rss/>").unwrap();
    std::fs::write(tmp.path().join("secret.txt"), b"secret").unwrap();
    std::os::unix::fs::symlink(tmp.path().join("secret.txt"), root.join("link.txt")).unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || serve_on(listener, &root, limits));
    (tmp, addr, data)
}

/// Sends one request (with `Connection: close`) and returns the head and the body.
fn request(addr: SocketAddr, head: &str) -> (String, Vec<u8>) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(format!("{head}Connection: close\r\n\r\n").as_bytes())
        .unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let split = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no response head: {:?}", String::from_utf8_lossy(&buf)));
    (
        String::from_utf8_lossy(&buf[..split]).to_ascii_lowercase(),
        buf[split + 4..].to_vec(),
    )
}

fn get(addr: SocketAddr, path: &str, headers: &str) -> (String, Vec<u8>) {
    request(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: x\r\n{headers}"),
    )
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
        .map(str::trim)
}

#[test]
fn ranges_follow_rfc_9110() {
    let (_t, addr, data) = start(Limits::default());
    let (h, body) = get(addr, "/ep.mp3", "");
    assert!(
        h.starts_with("http/1.1 200") && h.contains("content-type: audio/mpeg"),
        "{h}"
    );
    assert_eq!(header(&h, "accept-ranges"), Some("bytes"));
    assert_eq!(body, data);
    let (h, body) = request(addr, "HEAD /ep.mp3 HTTP/1.1\r\nHost: x\r\n");
    assert!(
        h.contains("content-length: 10000") && body.is_empty(),
        "{h}"
    );

    let (h, body) = get(addr, "/ep.mp3", "Range: bytes=100-199\r\n");
    assert!(h.starts_with("http/1.1 206"), "{h}");
    assert_eq!(header(&h, "content-range"), Some("bytes 100-199/10000"));
    assert_eq!(body, data[100..200]);
    let (h, body) = get(addr, "/ep.mp3", "Range: bytes=-10\r\n");
    assert_eq!(header(&h, "content-range"), Some("bytes 9990-9999/10000"));
    assert_eq!(body, data[9990..]);
    // A last position past the end is trimmed.
    let (h, body) = get(addr, "/ep.mp3", "Range: bytes=9000-20000\r\n");
    assert_eq!(header(&h, "content-range"), Some("bytes 9000-9999/10000"));
    assert_eq!(body.len(), 1000);
    // Invalid, or another unit: ignored, the whole file.
    for bad in ["bytes=5-2", "bytes=x-y", "pages=1-2", "bytes=--3"] {
        let (h, body) = get(addr, "/ep.mp3", &format!("Range: {bad}\r\n"));
        assert!(h.starts_with("http/1.1 200"), "{bad}: {h}");
        assert_eq!(body.len(), 10_000, "{bad}");
    }
    // Nothing inside the file: 416 with the length.
    let (h, _) = get(addr, "/ep.mp3", "Range: bytes=20000-\r\n");
    assert!(h.starts_with("http/1.1 416"), "{h}");
    assert_eq!(header(&h, "content-range"), Some("bytes */10000"));
    // Several ranges: multipart/byteranges, each part with its own Content-Range.
    let (h, body) = get(addr, "/ep.mp3", "Range: bytes=0-9, 5000-5009\r\n");
    assert!(h.starts_with("http/1.1 206"), "{h}");
    let ctype = header(&h, "content-type").unwrap();
    let boundary = ctype.split("boundary=").nth(1).unwrap();
    let text = String::from_utf8_lossy(&body).to_string();
    assert_eq!(text.matches(&format!("--{boundary}")).count(), 3, "{text}");
    assert!(text.contains("bytes 0-9/10000") && text.contains("bytes 5000-5009/10000"));
    let part = body
        .windows(10)
        .position(|w| w == &data[5000..5010])
        .is_some();
    assert!(part, "the second part's bytes are in the body");
    // Overlapping ranges merge into one part.
    let (h, body) = get(addr, "/ep.mp3", "Range: bytes=0-9,5-19\r\n");
    assert_eq!(header(&h, "content-range"), Some("bytes 0-19/10000"));
    assert_eq!(body, data[..20]);
}

#[test]
fn conditional_requests_are_answered() {
    let (_t, addr, data) = start(Limits::default());
    let (h, _) = get(addr, "/ep.mp3", "");
    let etag = header(&h, "etag").unwrap().to_string();
    let modified = header(&h, "last-modified").unwrap().to_string();
    assert!(etag.starts_with('"') && !etag.starts_with("w/"), "{etag}");
    let (h, body) = get(addr, "/ep.mp3", &format!("If-None-Match: {etag}\r\n"));
    assert!(h.starts_with("http/1.1 304") && body.is_empty(), "{h}");
    let (h, _) = get(
        addr,
        "/ep.mp3",
        &format!("If-Modified-Since: {modified}\r\n"),
    );
    assert!(h.starts_with("http/1.1 304"), "{h}");
    let (h, _) = get(addr, "/ep.mp3", "If-None-Match: \"other\"\r\n");
    assert!(h.starts_with("http/1.1 200"), "{h}");
    let (h, _) = get(addr, "/ep.mp3", "If-Match: \"other\"\r\n");
    assert!(h.starts_with("http/1.1 412"), "{h}");
    let (h, _) = get(addr, "/ep.mp3", &format!("If-Match: {etag}\r\n"));
    assert!(h.starts_with("http/1.1 200"), "{h}");
    // If-Range: the range applies to the version the client has, else the whole file.
    let (h, body) = get(
        addr,
        "/ep.mp3",
        &format!("Range: bytes=0-9\r\nIf-Range: {etag}\r\n"),
    );
    assert!(h.starts_with("http/1.1 206") && body == data[..10], "{h}");
    let (h, body) = get(addr, "/ep.mp3", "Range: bytes=0-9\r\nIf-Range: \"old\"\r\n");
    assert!(h.starts_with("http/1.1 200") && body.len() == 10_000, "{h}");
}

#[test]
fn nothing_outside_the_folder_is_served() {
    let (_t, addr, _) = start(Limits::default());
    let (h, _) = get(addr, "/feed.xml", "");
    assert!(h.contains("application/rss+xml"), "{h}");
    for bad in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2Fsecret.txt",
        "/link.txt",
        "/missing.mp3",
    ] {
        let (h, body) = get(addr, bad, "");
        assert!(
            h.starts_with("http/1.1 404") || h.starts_with("http/1.1 400"),
            "{bad}: {h}"
        );
        assert!(!String::from_utf8_lossy(&body).contains("secret"), "{bad}");
    }
    let (h, _) = request(
        addr,
        "POST /ep.mp3 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n",
    );
    assert!(
        h.starts_with("http/1.1 405") && h.contains("allow: get, head"),
        "{h}"
    );
}

#[test]
fn idle_and_slow_clients_do_not_starve_others() {
    let limits = Limits {
        header_timeout: Duration::from_secs(2),
        idle_timeout: Duration::from_secs(4),
        max_connections: 1024,
        ..Limits::default()
    };
    let (_t, addr, data) = start(limits);
    // 64 clients that connect and say nothing, and 64 that dribble a header byte by byte.
    let mut idle: Vec<TcpStream> = (0..64).map(|_| TcpStream::connect(addr).unwrap()).collect();
    let mut slow: Vec<TcpStream> = (0..64)
        .map(|_| {
            let mut s = TcpStream::connect(addr).unwrap();
            s.write_all(b"GET /ep.mp3 HTTP/1.1\r\nX-Slow: ").unwrap();
            s
        })
        .collect();
    // Everyone else is still served at once.
    let t = Instant::now();
    let (h, body) = get(addr, "/ep.mp3", "");
    assert!(h.starts_with("http/1.1 200") && body == data, "{h}");
    assert!(t.elapsed() < Duration::from_secs(1), "{:?}", t.elapsed());
    // Slow clients keep sending, but their headers never finish: the header timeout ends
    // them, as it ends the silent ones.
    for _ in 0..6 {
        std::thread::sleep(Duration::from_millis(500));
        for s in &mut slow {
            let _ = s.write_all(b"a");
        }
    }
    for s in idle.iter_mut().chain(slow.iter_mut()) {
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut buf = [0u8; 512];
        // Closed by the server: end of stream (perhaps after a 408), or a reset.
        let mut closed = false;
        for _ in 0..4 {
            match s.read(&mut buf) {
                Ok(0) | Err(_) => {
                    closed = true;
                    break;
                }
                Ok(_) => continue,
            }
        }
        assert!(
            closed,
            "a client that never finished its headers was kept open"
        );
    }
}

#[test]
fn a_huge_request_line_is_cut_off_early() {
    let (_t, addr, _) = start(Limits::default());
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(5))).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s.write_all(b"GET /").unwrap();
    let chunk = vec![b'a'; 64 * 1024];
    let mut sent = 0usize;
    // Up to 200 MiB, unless the server stops listening first.
    while sent < 200 * 1024 * 1024 {
        match s.write(&chunk) {
            Ok(n) => sent += n,
            Err(_) => break,
        }
    }
    assert!(
        sent < 16 * 1024 * 1024,
        "the server kept reading a request line of {sent} bytes"
    );
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let head = String::from_utf8_lossy(&buf);
    assert!(
        head.is_empty() || head.starts_with("HTTP/1.1 4"),
        "{}",
        head.lines().next().unwrap_or("")
    );
    // And the server still serves.
    let (h, _) = get(addr, "/feed.xml", "");
    assert!(h.starts_with("http/1.1 200"), "{h}");
    let many: String = (0..200).map(|i| format!("X-{i}: y\r\n")).collect();
    let (h, _) = get(addr, "/feed.xml", &many);
    assert!(h.starts_with("http/1.1 431"), "{h}");
}

#[test]
fn many_clients_at_once_each_get_their_range() {
    let (_t, addr, data) = start(Limits::default());
    let handles: Vec<_> = (0..32)
        .map(|i| {
            let d = data.clone();
            std::thread::spawn(move || {
                let (h, body) = get(
                    addr,
                    "/ep.mp3",
                    &format!("Range: bytes={}-{}\r\n", i * 100, i * 100 + 99),
                );
                assert!(h.starts_with("http/1.1 206"));
                assert_eq!(body, d[i * 100..i * 100 + 100]);
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
}

#[test]
fn the_feed_and_pages_name_the_address_they_are_reached_at() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("feed");
    std::fs::create_dir(&root).unwrap();
    let base = "https://example.org/pod";
    std::fs::write(
        root.join("feed.xml"),
        format!("<rss><channel><link>{base}</link><enclosure url=\"{base}/one.abc.mp3\"/></channel></rss>"),
    )
    .unwrap();
    let qr = devocast::publish::page::qr_svg(&format!("{base}/feed.xml")).unwrap();
    std::fs::write(
        root.join("index.html"),
        format!("<input value=\"{base}/feed.xml\"><div class=\"qr\">{qr}</div><p>after</p>"),
    )
    .unwrap();
    std::fs::write(root.join("one.abc.mp3"), b"audio").unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let r = root.clone();
    std::thread::spawn(move || serve_site(listener, &r, Some(base), Limits::default()));

    let (h, body) = request(addr, "GET /feed.xml HTTP/1.1\r\nHost: 192.168.1.5:8000\r\n");
    let text = String::from_utf8_lossy(&body);
    assert!(h.starts_with("http/1.1 200"), "{h}");
    assert!(
        text.contains("http://192.168.1.5:8000/one.abc.mp3") && !text.contains("example.org"),
        "{text}"
    );
    assert_eq!(
        header(&h, "content-length"),
        Some(body.len().to_string().as_str())
    );
    let (_, body) = request(addr, "GET / HTTP/1.1\r\nHost: 192.168.1.5:8000\r\n");
    let text = String::from_utf8_lossy(&body);
    let fresh = devocast::publish::page::qr_svg("http://192.168.1.5:8000/feed.xml").unwrap();
    assert!(
        text.contains(&fresh) && text.ends_with("<p>after</p>"),
        "{text}"
    );
    // A Host that is not a plain address is not echoed into the feed.
    let (_, body) = request(addr, "GET /feed.xml HTTP/1.1\r\nHost: x\"><script>\r\n");
    assert!(String::from_utf8_lossy(&body).contains(base));
    // Media are served as they are.
    let (_, body) = request(
        addr,
        "GET /one.abc.mp3 HTTP/1.1\r\nHost: 192.168.1.5:8000\r\n",
    );
    assert_eq!(body, b"audio");
}

#[test]
fn a_folder_with_nothing_built_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let r = tmp.path().to_path_buf();
    std::thread::spawn(move || serve_on(listener, &r, Limits::default()));
    let (h, body) = get(addr, "/", "");
    assert!(
        h.starts_with("http/1.1 404") && h.contains("text/html"),
        "{h}"
    );
    assert!(String::from_utf8_lossy(&body).contains("devocast build"));
}

/// A bare folder served for `base`, with a producer's own files in it.
fn site_for(base: &'static str) -> (tempfile::TempDir, SocketAddr, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("feed");
    std::fs::create_dir_all(root.join("notes")).unwrap();
    std::fs::write(
        root.join("feed.xml"),
        format!("<rss><channel><link>{base}</link></channel></rss>"),
    )
    .unwrap();
    std::fs::write(
        root.join("notes/index.html"),
        format!("<a href=\"{base}/\">"),
    )
    .unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let r = root.clone();
    std::thread::spawn(move || serve_site(listener, &r, Some(base), Limits::default()));
    (tmp, addr, root)
}

/// Regression: a Latin-1 (or any non-UTF-8) page or feed the producer put in the folder got
/// a 500 whenever the Host differed from `base_url`.
#[test]
fn a_producers_document_in_any_encoding_is_served_as_it_is() {
    let base = "https://example.org/pod";
    let (_t, addr, root) = site_for(base);
    let mut latin1 = format!("<p>{base}/ caf").into_bytes();
    latin1.extend([0xe9, b'<', b'/', b'p', b'>']);
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend("<rss/>".encode_utf16().flat_map(|u| u.to_le_bytes()));
    let cases = [
        ("old.html", latin1),
        ("old.xml", utf16),
        ("cut.html", vec![b'<', 0xe2, 0x82]),
    ];
    for (name, bytes) in &cases {
        std::fs::write(root.join(name), bytes).unwrap();
        for host in ["192.168.1.5:8000", "phone.local", "x"] {
            let (h, body) = request(addr, &format!("GET /{name} HTTP/1.1\r\nHost: {host}\r\n"));
            assert!(h.starts_with("http/1.1 200"), "{name} {host}: {h}");
            assert_eq!(&body, bytes, "{name} {host}");
        }
    }
}

/// Regression: `/feed.xml/` was served with 200, as if the file were a folder.
#[test]
fn a_file_asked_for_as_a_folder_is_not_found() {
    let (_t, addr, _root) = site_for("https://example.org/pod");
    for path in [
        "/feed.xml/",
        "/feed.xml//",
        "/notes/index.html/",
        "/feed.xml/.",
    ] {
        let (h, _) = get(addr, path, "");
        assert!(h.starts_with("http/1.1 404"), "{path}: {h}");
    }
    for path in ["/feed.xml", "/notes/", "/notes", "/notes/index.html"] {
        let (h, _) = get(addr, path, "");
        assert!(h.starts_with("http/1.1 200"), "{path}: {h}");
    }
}

/// Regression: a Host of `[` or `..` was echoed into the feed (`http://[/…`). A Host that is
/// not a valid authority leaves the build's address.
#[test]
fn a_host_that_is_not_an_authority_leaves_the_builds_address() {
    let base = "https://example.org/pod";
    let (_t, addr, _root) = site_for(base);
    for host in [
        "[", "..", "a..b", "[::1", ":80", "a:99999", "a b", "x:y:z", "-x-",
    ] {
        let (h, body) = request(addr, &format!("GET /feed.xml HTTP/1.1\r\nHost: {host}\r\n"));
        let text = String::from_utf8_lossy(&body);
        if h.starts_with("http/1.1 200") {
            assert!(text.contains(base), "{host:?}: {text}");
            assert!(!text.contains("http://"), "{host:?}: {text}");
        }
    }
    for (host, origin) in [
        ("[::1]:8000", "http://[::1]:8000"),
        ("10.0.0.2", "http://10.0.0.2"),
    ] {
        let (_, body) = request(addr, &format!("GET /feed.xml HTTP/1.1\r\nHost: {host}\r\n"));
        assert!(String::from_utf8_lossy(&body).contains(origin), "{host}");
    }
}

/// In a project, only the feeds and pages devocast wrote (its publication record lists them)
/// have their addresses rewritten: a producer's own page is served as it is.
#[test]
fn only_documents_devocast_wrote_are_rewritten() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    std::fs::create_dir_all(project.join("feed")).unwrap();
    std::fs::create_dir_all(project.join(".devocast")).unwrap();
    let base = "https://example.org/pod";
    std::fs::write(
        project.join("devocast.toml"),
        format!("[podcast]\ntitle = \"T\"\nauthor = \"A\"\nbase_url = \"{base}\"\n"),
    )
    .unwrap();
    let doc = format!("<a href=\"{base}/x.mp3\">");
    for f in ["feed.xml", "index.html", "mine.html", "mine.xml"] {
        std::fs::write(project.join("feed").join(f), &doc).unwrap();
    }
    std::fs::write(
        project.join(".devocast/publish.json"),
        r#"{"podcast_files": ["feed/feed.xml"], "current": ["feed/index.html"], "previous": []}"#,
    )
    .unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_devocast"))
        .args([
            "serve",
            project.to_str().unwrap(),
            "--port",
            &port.to_string(),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    for _ in 0..400 {
        if TcpStream::connect(addr).is_ok() {
            break;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    let fetch = |path: &str| {
        let (_, body) = request(
            addr,
            &format!("GET {path} HTTP/1.1\r\nHost: 10.0.0.2:{port}\r\n"),
        );
        String::from_utf8_lossy(&body).into_owned()
    };
    let moved = format!("http://10.0.0.2:{port}/x.mp3");
    let results = [
        fetch("/feed.xml"),
        fetch("/index.html"),
        fetch("/mine.html"),
        fetch("/mine.xml"),
    ];
    let _ = child.kill();
    let _ = child.wait();
    assert!(results[0].contains(&moved), "{}", results[0]);
    assert!(results[1].contains(&moved), "{}", results[1]);
    assert_eq!(results[2], doc);
    assert_eq!(results[3], doc);
}
