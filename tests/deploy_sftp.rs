//! `devocast deploy` over SFTP, against OpenSSH's sshd on 127.0.0.1 with a throw-away key and
//! a temporary home (started here when `/usr/sbin/sshd` is installed; skipped with a message
//! otherwise, or a failure with `DEVOCAST_REQUIRE_SFTP=1`): host keys checked, keys from
//! `~/.ssh`, a deploy killed at every change, dropped connections, a refused key, and files
//! devocast did not write.

mod deploy_support;

use deploy_support::servers::{relay, sshd, Sshd};
use deploy_support::{age_state, devocast, mp3_of_one, ok, project, snapshot, text, whole};
use std::path::{Path, PathBuf};

/// The environment of a deploy from the throw-away home (no agent).
fn env(home: &Path) -> Vec<(&'static str, String)> {
    vec![
        ("HOME", home.display().to_string()),
        ("SSH_AUTH_SOCK", "/nonexistent/agent.sock".into()),
    ]
}

fn deploy(p: &Path, address: &str, home: &Path, extra: &[&str]) -> std::process::Output {
    let env = env(home);
    let vars: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut args = vec!["deploy", address];
    args.extend(extra);
    devocast(p, &args, &vars)
}

fn address(s: &Sshd, port: u16, site: &Path) -> String {
    format!("sftp://{}@127.0.0.1:{port}{}", s.user, site.display())
}

/// The server, with its host key recorded in the home's `known_hosts`.
fn started(dir: &Path) -> Option<Sshd> {
    let s = sshd(dir)?;
    trust(&s, s.server.port);
    Some(s)
}

fn trust(s: &Sshd, port: u16) {
    let known = s.home.join(".ssh/known_hosts");
    let mut text = std::fs::read_to_string(&known).unwrap_or_default();
    text.push_str(&format!("[127.0.0.1]:{port} {}\n", s.host_key));
    std::fs::write(known, text).unwrap();
}

fn site(tmp: &Path, name: &str) -> PathBuf {
    let d = tmp.join(name);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn sftp_deploys_incrementally_and_keeps_foreign_files_and_old_editions() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(s) = started(tmp.path()) else { return };
    let (p, e) = (project(tmp.path(), false), project(tmp.path(), true));
    let www = site(tmp.path(), "www");
    std::fs::write(www.join("index.php"), "<?php // the church site").unwrap();
    let to = address(&s, s.server.port, &www);
    let first = ok(deploy(&p, &to, &s.home, &[]));
    assert!(
        first.contains("the feed is at https://example.org/pod/feed.xml"),
        "{first}"
    );
    assert_eq!(whole(&www), Ok(2));
    let again = ok(deploy(&p, &to, &s.home, &[]));
    assert!(again.contains("nothing to upload"), "{again}");
    ok(deploy(&e, &to, &s.home, &[]));
    let old = mp3_of_one(&p);
    assert!(www.join(&old).is_file());
    let state = www.join(".devocast-deploy.json");
    std::fs::write(&state, age_state(&std::fs::read(&state).unwrap(), 31)).unwrap();
    ok(deploy(&e, &to, &s.home, &[]));
    assert!(!www.join(&old).exists());
    assert_eq!(whole(&www), Ok(2));
    assert_eq!(
        std::fs::read_to_string(www.join("index.php")).unwrap(),
        "<?php // the church site"
    );
    // No key material anywhere on the target.
    let key = std::fs::read_to_string(s.home.join(".ssh/id_ed25519")).unwrap();
    let secret_line = key.lines().nth(1).unwrap();
    for (name, bytes) in snapshot(&www) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(secret_line),
            "{name}"
        );
    }
}

#[test]
fn sftp_an_unknown_host_is_refused_unless_accepted_and_a_changed_key_always() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(s) = sshd(tmp.path()) else { return };
    let p = project(tmp.path(), false);
    let www = site(tmp.path(), "www");
    let to = address(&s, s.server.port, &www);
    let out = deploy(&p, &to, &s.home, &[]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("--accept-new-host-key"),
        "{}",
        text(&out)
    );
    assert!(snapshot(&www).is_empty());
    ok(deploy(&p, &to, &s.home, &["--accept-new-host-key"]));
    assert_eq!(whole(&www), Ok(2));
    // Recorded now: the next deploy needs no flag.
    ok(deploy(&p, &to, &s.home, &[]));
    // Another key recorded for the host: refused, even with the flag.
    let known = s.home.join(".ssh/known_hosts");
    std::fs::write(
        &known,
        format!("[127.0.0.1]:{} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGb1S1MfCRQ1rWrJxHp0+4p2Xl7xBPD4Q6m9dnm/8Pq1\n", s.server.port),
    )
    .unwrap();
    let out = deploy(&p, &to, &s.home, &["--accept-new-host-key"]);
    assert!(!out.status.success());
    assert!(text(&out).contains("CHANGED"), "{}", text(&out));
}

#[test]
fn sftp_a_key_the_host_refuses_is_named_and_nothing_is_touched() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(s) = started(tmp.path()) else { return };
    let p = project(tmp.path(), false);
    let www = site(tmp.path(), "www");
    let to = address(&s, s.server.port, &www);
    ok(deploy(&p, &to, &s.home, &[]));
    let before = snapshot(&www);
    // Another home with another key, and the host trusted.
    let other = tmp.path().join("other");
    std::fs::create_dir_all(other.join(".ssh")).unwrap();
    assert!(std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(other.join(".ssh/id_ed25519"))
        .status()
        .unwrap()
        .success());
    std::fs::copy(
        s.home.join(".ssh/known_hosts"),
        other.join(".ssh/known_hosts"),
    )
    .unwrap();
    let out = deploy(&p, &to, &other, &[]);
    let t = text(&out);
    assert!(!out.status.success(), "{t}");
    assert!(
        t.contains(&to) && t.contains("accepted none of the keys"),
        "{t}"
    );
    let key = std::fs::read_to_string(other.join(".ssh/id_ed25519")).unwrap();
    assert!(!t.contains(key.lines().nth(1).unwrap()));
    assert_eq!(snapshot(&www), before);
}

#[test]
fn sftp_deploy_stopped_at_every_change_leaves_the_feed_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(s) = started(tmp.path()) else { return };
    let (p, e) = (project(tmp.path(), false), project(tmp.path(), true));
    let new_feed = std::fs::read(e.join("feed/feed.xml")).unwrap();
    let mut points = 0;
    for n in 1.. {
        let www = site(tmp.path(), &format!("www{n}"));
        let to = address(&s, s.server.port, &www);
        ok(deploy(&p, &to, &s.home, &[]));
        let env = env(&s.home);
        let mut vars: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let at = n.to_string();
        vars.push(("DEVOCAST_CRASH_AT", &at));
        let out = devocast(&e, &["deploy", &to], &vars);
        if out.status.success() {
            break;
        }
        assert!(out.status.code().is_none(), "point {n}: {}", text(&out));
        points += 1;
        assert_eq!(whole(&www), Ok(2), "after a crash at change {n}");
        ok(deploy(&e, &to, &s.home, &[]));
        assert_eq!(whole(&www), Ok(2), "after recovery from {n}");
        assert_eq!(std::fs::read(www.join("feed.xml")).unwrap(), new_feed);
        let leftovers: Vec<String> = snapshot(&www)
            .into_keys()
            .filter(|k| k.contains(".tmp-") || k.ends_with(".lock"))
            .collect();
        assert!(leftovers.is_empty(), "point {n}: {leftovers:?}");
        std::fs::remove_dir_all(&www).unwrap();
    }
    assert!(points >= 5, "only {points} crash points");
}

#[test]
fn sftp_dropped_connections_leave_the_feed_whole_and_the_next_deploy_finishes() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(s) = started(tmp.path()) else { return };
    let (p, e) = (project(tmp.path(), false), project(tmp.path(), true));
    let new_feed = std::fs::read(e.join("feed/feed.xml")).unwrap();
    let mut cuts = 0;
    for (round, budget) in [4_000usize, 30_000, 120_000, 300_000]
        .into_iter()
        .enumerate()
    {
        let www = site(tmp.path(), &format!("drop{round}"));
        ok(deploy(&p, &address(&s, s.server.port, &www), &s.home, &[]));
        let r = relay(s.server.port, budget);
        trust(&s, r.port);
        let out = deploy(&e, &address(&s, r.port, &www), &s.home, &[]);
        if r.cut() {
            cuts += 1;
            assert!(!out.status.success(), "budget {budget}: {}", text(&out));
            assert!(text(&out).contains("sftp://"), "{}", text(&out));
        }
        assert_eq!(whole(&www), Ok(2), "budget {budget}");
        ok(deploy(&e, &address(&s, s.server.port, &www), &s.home, &[]));
        assert_eq!(whole(&www), Ok(2));
        assert_eq!(std::fs::read(www.join("feed.xml")).unwrap(), new_feed);
    }
    assert!(cuts >= 2, "the relay cut only {cuts} deploys");
}
