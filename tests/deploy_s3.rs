//! `devocast deploy` to S3-compatible storage, against moto's S3 server on 127.0.0.1 (started
//! here when `moto_server` is installed; skipped with a message otherwise, or a failure with
//! `DEVOCAST_REQUIRE_S3=1`): headers, incremental uploads, retention, files devocast did not
//! write, a deploy killed at every change, dropped connections, wrong credentials, a lock
//! held by another deploy, and secrets kept out of every file and every output.

mod deploy_support;

use deploy_support::servers::{moto, relay, Server};
use deploy_support::{age_state, devocast, mp3_of_one, ok, project, text, whole};
use std::collections::BTreeMap;
use std::path::Path;

const BUCKET: &str = "podcast";
const SECRET: &str = "wJalrXUtnFEMI-devocast-test-SECRET-9f2c";
const KEY_ID: &str = "AKIADEVOCASTTEST0001";

/// The environment a producer's deploy to the local server runs in.
fn env(port: u16, home: &Path) -> Vec<(&'static str, String)> {
    vec![
        ("AWS_ENDPOINT_URL", format!("http://127.0.0.1:{port}")),
        ("AWS_REGION", "us-east-1".into()),
        ("AWS_ALLOW_HTTP", "true".into()),
        ("AWS_ACCESS_KEY_ID", KEY_ID.into()),
        ("AWS_SECRET_ACCESS_KEY", SECRET.into()),
        ("HOME", home.display().to_string()),
    ]
}

fn deploy(
    p: &Path,
    prefix: &str,
    env: &[(&'static str, String)],
    extra: &[(&str, &str)],
) -> std::process::Output {
    let mut vars: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    vars.extend_from_slice(extra);
    devocast(p, &["deploy", &format!("s3://{BUCKET}/{prefix}")], &vars)
}

fn url(port: u16, key: &str) -> String {
    format!("http://127.0.0.1:{port}/{BUCKET}/{key}")
}

/// An `Authorization` header moto takes as a user's (it checks no signature until told
/// to); without one, a request is anonymous, and private objects are refused to it.
const AUTH: &str = "AWS4-HMAC-SHA256 Credential=AKIATESTREADER/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00";

/// PUTs `bytes` at `path` of the server.
fn put_raw(port: u16, path: &str, bytes: &[u8]) {
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();
    // A server still starting may drop the first connections: set-up tries again.
    let mut tries = 0;
    let mut r = loop {
        match agent
            .put(&format!("http://127.0.0.1:{port}/{path}"))
            .header("Authorization", AUTH)
            .send(bytes)
        {
            Ok(r) => break r,
            Err(ureq::Error::Io(e)) if tries < 20 => {
                tries += 1;
                eprintln!("set-up PUT {path}: {e}; trying again");
                std::thread::sleep(std::time::Duration::from_millis(250));
            }
            Err(e) => panic!("set-up PUT {path}: {e}"),
        }
    };
    let body = r.body_mut().read_to_string().unwrap_or_default();
    assert!(r.status().is_success(), "{}: {body}", r.status());
}

fn create_bucket(port: u16) {
    put_raw(port, BUCKET, b"");
}

fn put(port: u16, key: &str, bytes: &[u8]) {
    put_raw(port, &format!("{BUCKET}/{key}"), bytes);
}

fn get(port: u16, key: &str) -> Vec<u8> {
    ureq::get(&url(port, key))
        .header("Authorization", AUTH)
        .call()
        .unwrap()
        .body_mut()
        .read_to_vec()
        .unwrap()
}

/// Every object under `prefix/`, by name below it.
fn objects(port: u16, prefix: &str) -> BTreeMap<String, Vec<u8>> {
    let list = ureq::get(&format!(
        "http://127.0.0.1:{port}/{BUCKET}?list-type=2&max-keys=1000&prefix={prefix}/"
    ))
    .header("Authorization", AUTH)
    .call()
    .unwrap()
    .body_mut()
    .read_to_string()
    .unwrap();
    list.split("<Key>")
        .skip(1)
        .map(|s| s.split("</Key>").next().unwrap().to_string())
        .map(|key| {
            let bytes = get(port, &key);
            (key[prefix.len() + 1..].to_string(), bytes)
        })
        .collect()
}

/// Copies what is under `prefix/` into a folder and checks it is a whole feed.
fn whole_s3(port: u16, prefix: &str) -> Result<usize, String> {
    let tmp = tempfile::tempdir().unwrap();
    for (name, bytes) in objects(port, prefix) {
        let path = tmp.path().join(&name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    whole(tmp.path())
}

fn started() -> Option<(Server, tempfile::TempDir)> {
    let server = moto()?;
    create_bucket(server.port);
    Some((server, tempfile::tempdir().unwrap()))
}

#[test]
fn s3_deploys_in_order_with_headers_incrementally_and_keeps_old_editions_for_the_window() {
    let Some((s, tmp)) = started() else { return };
    let (p, e) = (project(tmp.path(), false), project(tmp.path(), true));
    let env = env(s.port, tmp.path());
    put(s.port, "pod/robots.txt", b"User-agent: *\n");
    put(s.port, "pod/2019/old-sermon.mp3", b"not devocast's");
    put(s.port, "elsewhere/feed.xml", b"<rss/>");
    let first = ok(deploy(&p, "pod", &env, &[]));
    assert!(
        first.contains("the feed is at https://example.org/pod/feed.xml"),
        "{first}"
    );
    assert_eq!(whole_s3(s.port, "pod"), Ok(2));
    let again = ok(deploy(&p, "pod", &env, &[]));
    assert!(again.contains("nothing to upload"), "{again}");

    // Headers for apps and browsers.
    let mp3 = mp3_of_one(&p);
    let head = |key: &str| {
        let r = ureq::head(&url(s.port, key))
            .header("Authorization", AUTH)
            .call()
            .unwrap();
        let h = |n: &str| {
            r.headers()
                .get(n)
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default()
        };
        (h("content-type"), h("cache-control"))
    };
    let (ty, cache) = head(&format!("pod/{mp3}"));
    assert_eq!(ty, "audio/mpeg");
    assert!(cache.contains("immutable"), "{cache}");
    let (ty, cache) = head("pod/feed.xml");
    assert_eq!(ty, "application/rss+xml");
    assert!(cache.contains("max-age=300"), "{cache}");

    // An edit: the new MP3 goes up, the old one stays within the window, then goes.
    ok(deploy(&e, "pod", &env, &[]));
    let names = objects(s.port, "pod");
    assert!(names.contains_key(&mp3) && names.contains_key(&mp3_of_one(&e)));
    let state = get(s.port, "pod/.devocast-deploy.json");
    put(s.port, "pod/.devocast-deploy.json", &age_state(&state, 31));
    let out = ok(deploy(&e, "pod", &env, &[]));
    let names = objects(s.port, "pod");
    assert!(!names.contains_key(&mp3), "{out}");
    assert_eq!(whole_s3(s.port, "pod"), Ok(2));
    assert_eq!(names["robots.txt"], b"User-agent: *\n");
    assert_eq!(names["2019/old-sermon.mp3"], b"not devocast's");
    assert_eq!(get(s.port, "elsewhere/feed.xml"), b"<rss/>");
    for (name, bytes) in names {
        assert!(!String::from_utf8_lossy(&bytes).contains(SECRET), "{name}");
    }
}

#[test]
fn s3_deploy_stopped_at_every_change_leaves_the_feed_whole() {
    let Some((s, tmp)) = started() else { return };
    let (p, e) = (project(tmp.path(), false), project(tmp.path(), true));
    let env = env(s.port, tmp.path());
    let new_feed = std::fs::read(e.join("feed/feed.xml")).unwrap();
    let mut points = 0;
    for n in 1.. {
        let prefix = format!("run{n}");
        ok(deploy(&p, &prefix, &env, &[]));
        let out = deploy(&e, &prefix, &env, &[("DEVOCAST_CRASH_AT", &n.to_string())]);
        if out.status.success() {
            break;
        }
        assert!(out.status.code().is_none(), "point {n}: {}", text(&out));
        points += 1;
        assert_eq!(
            whole_s3(s.port, &prefix),
            Ok(2),
            "after a crash at change {n}"
        );
        let out = ok(deploy(&e, &prefix, &env, &[]));
        assert_eq!(
            whole_s3(s.port, &prefix),
            Ok(2),
            "after recovery from {n}: {out}"
        );
        assert_eq!(get(s.port, &format!("{prefix}/feed.xml")), new_feed);
        assert!(!objects(s.port, &prefix).contains_key(".devocast-deploy.lock"));
    }
    assert!(points >= 5, "only {points} crash points");
}

#[test]
fn s3_dropped_connections_leave_the_feed_whole_and_the_next_deploy_finishes() {
    let Some((s, tmp)) = started() else { return };
    let (p, e) = (project(tmp.path(), false), project(tmp.path(), true));
    let env = env(s.port, tmp.path());
    let new_feed = std::fs::read(e.join("feed/feed.xml")).unwrap();
    let mut cuts = 0;
    for (round, budget) in [3_000usize, 40_000, 150_000, 400_000]
        .into_iter()
        .enumerate()
    {
        let prefix = format!("drop{round}");
        ok(deploy(&p, &prefix, &env, &[]));
        let r = relay(s.port, budget);
        let through = format!("http://127.0.0.1:{}", r.port);
        let out = deploy(&e, &prefix, &env, &[("AWS_ENDPOINT_URL", &through)]);
        if r.cut() {
            cuts += 1;
            assert!(!out.status.success(), "budget {budget}: {}", text(&out));
            assert!(
                text(&out).contains(&format!("s3://{BUCKET}/{prefix}")),
                "{}",
                text(&out)
            );
        }
        assert!(!text(&out).contains(SECRET));
        assert_eq!(whole_s3(s.port, &prefix), Ok(2), "budget {budget}");
        ok(deploy(&e, &prefix, &env, &[]));
        assert_eq!(whole_s3(s.port, &prefix), Ok(2));
        assert_eq!(get(s.port, &format!("{prefix}/feed.xml")), new_feed);
    }
    assert!(cuts >= 2, "the relay cut only {cuts} deploys");
}

#[test]
fn s3_wrong_credentials_name_the_target_and_delete_nothing() {
    let Some((s, tmp)) = started() else { return };
    let (p, e) = (project(tmp.path(), false), project(tmp.path(), true));
    let env = env(s.port, tmp.path());
    ok(deploy(&p, "pod", &env, &[]));
    let state = get(s.port, "pod/.devocast-deploy.json");
    put(s.port, "pod/.devocast-deploy.json", &age_state(&state, 400));
    let before = objects(s.port, "pod");
    // From now on the server checks keys, and knows none.
    ureq::post(&format!("http://127.0.0.1:{}/moto-api/reset-auth", s.port))
        .send(&b"0"[..])
        .unwrap();
    let out = deploy(&e, "pod", &env, &[]);
    ureq::post(&format!("http://127.0.0.1:{}/moto-api/reset-auth", s.port))
        .send(&b"inf"[..])
        .unwrap();
    let t = text(&out);
    assert!(!out.status.success(), "{t}");
    assert!(t.contains(&format!("s3://{BUCKET}/pod")), "{t}");
    assert!(!t.contains(SECRET), "{t}");
    assert_eq!(objects(s.port, "pod"), before, "nothing changed");
}

#[test]
fn s3_a_deploy_running_elsewhere_holds_the_target() {
    let Some((s, tmp)) = started() else { return };
    let p = project(tmp.path(), false);
    let env = env(s.port, tmp.path());
    let lock = format!(
        "{{\"host\":\"0badc0de\",\"pid\":1,\"since\":\"{}\"}}",
        chrono::Utc::now().to_rfc3339()
    );
    put(s.port, "pod/.devocast-deploy.lock", lock.as_bytes());
    let out = deploy(&p, "pod", &env, &[]);
    assert!(!out.status.success());
    assert!(text(&out).contains("another deploy"), "{}", text(&out));
    assert_eq!(objects(s.port, "pod").len(), 1);
    // Seven hours later it is taken to be a deploy that died.
    let old = lock.replace(
        &lock[lock.find("\"since\":\"").unwrap() + 9..lock.len() - 2],
        &(chrono::Utc::now() - chrono::Duration::hours(7)).to_rfc3339(),
    );
    put(s.port, "pod/.devocast-deploy.lock", old.as_bytes());
    ok(deploy(&p, "pod", &env, &[]));
    assert_eq!(whole_s3(s.port, "pod"), Ok(2));
}
