//! `devocast deploy` to a folder target: the order (media first, feed last), incremental
//! uploads, a deploy killed at every change, files devocast did not write, two deploys at
//! once, and the retention window on the target.

mod deploy_support;

use deploy_support::{age_state, devocast, mp3_of_one, ok, project, snapshot, text, whole};
use std::path::Path;

fn deploy(p: &Path, target: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["deploy", target.to_str().unwrap()];
    args.extend(extra);
    devocast(p, &args, &[])
}

#[test]
fn a_first_deploy_uploads_the_feed_last_and_a_second_uploads_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path(), false);
    let site = tmp.path().join("site");
    let dry = ok(deploy(&p, &site, &["--dry-run"]));
    let order: Vec<&str> = dry
        .lines()
        .filter_map(|l| l.strip_prefix("would upload "))
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert!(order.len() >= 8, "{dry}");
    assert_eq!(order[order.len() - 1], "feed.xml", "{dry}");
    assert_eq!(order[order.len() - 2], "index.html", "{dry}");
    assert!(
        order[0].ends_with(".mp3") || order[0].ends_with(".png"),
        "{dry}"
    );
    let first_html = order.iter().position(|n| n.ends_with(".html")).unwrap();
    let last_mp3 = order.iter().rposition(|n| n.ends_with(".mp3")).unwrap();
    assert!(last_mp3 < first_html, "media before pages: {dry}");
    assert!(
        !site.exists() || snapshot(&site).is_empty(),
        "a dry run writes nothing"
    );

    let out = ok(deploy(&p, &site, &[]));
    assert!(
        out.contains(&format!("{} files uploaded", order.len()))
            && out.contains("the feed is at https://example.org/pod/feed.xml"),
        "{out}"
    );
    assert_eq!(whole(&site), Ok(2));
    assert_eq!(
        std::fs::read(site.join("feed.xml")).unwrap(),
        std::fs::read(p.join("feed/feed.xml")).unwrap()
    );
    let again = ok(deploy(&p, &site, &[]));
    assert!(again.contains("nothing to upload"), "{again}");
}

#[test]
fn an_edit_uploads_only_what_changed_and_keeps_the_old_mp3_within_the_window() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path(), false);
    let e = project(tmp.path(), true);
    let site = tmp.path().join("site");
    ok(deploy(&p, &site, &[]));
    let (old, new) = (mp3_of_one(&p), mp3_of_one(&e));
    assert_ne!(old, new);
    let out = ok(deploy(&e, &site, &[]));
    let uploaded: usize = out
        .split(" uploaded")
        .next()
        .and_then(|s| s.rsplit(' ').nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        uploaded < 10,
        "only the edited episode's files and the feed: {out}"
    );
    assert!(
        site.join(&new).is_file() && site.join(&old).is_file(),
        "{out}"
    );
    assert_eq!(whole(&site), Ok(2));
    // Thirty-one days later, the old edition goes; the current one stays.
    let state = site.join(".devocast-deploy.json");
    std::fs::write(&state, age_state(&std::fs::read(&state).unwrap(), 31)).unwrap();
    let out = ok(deploy(&e, &site, &[]));
    assert!(!site.join(&old).exists(), "{out}");
    assert!(site.join(&new).is_file());
    assert_eq!(whole(&site), Ok(2));
}

#[test]
fn the_window_is_counted_from_the_last_feed_that_named_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path(), false);
    let e = project(tmp.path(), true);
    let site = tmp.path().join("site");
    std::fs::write(
        e.join("devocast.toml"),
        std::fs::read_to_string(e.join("devocast.toml")).unwrap()
            + "\n[publish]\nretention_days = 10\n",
    )
    .unwrap();
    ok(deploy(&p, &site, &[]));
    let old = mp3_of_one(&p);
    // The first feed was published 40 days ago and replaced only now: its files stay.
    let state = site.join(".devocast-deploy.json");
    std::fs::write(&state, age_state(&std::fs::read(&state).unwrap(), 40)).unwrap();
    ok(deploy(&e, &site, &[]));
    assert!(site.join(&old).is_file(), "replaced just now: kept");
    // Nine days after the replacement: kept; eleven: removed.
    let fresh = std::fs::read(&state).unwrap();
    std::fs::write(&state, age_state(&fresh, 9)).unwrap();
    ok(deploy(&e, &site, &[]));
    assert!(site.join(&old).is_file(), "9 of 10 days: kept");
    std::fs::write(&state, age_state(&fresh, 11)).unwrap();
    let dry = ok(deploy(&e, &site, &["--dry-run"]));
    assert!(dry.contains(&format!("would remove {old}")), "{dry}");
    assert!(site.join(&old).is_file(), "a dry run removes nothing");
    ok(deploy(&e, &site, &[]));
    assert!(!site.join(&old).exists(), "11 of 10 days: removed");
    assert_eq!(whole(&site), Ok(2));
}

#[test]
fn files_devocast_did_not_write_are_never_touched() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path(), false);
    let e = project(tmp.path(), true);
    std::fs::write(
        e.join("devocast.toml"),
        std::fs::read_to_string(e.join("devocast.toml")).unwrap()
            + "\n[publish]\nretention_days = 0\n",
    )
    .unwrap();
    let site = tmp.path().join("site");
    std::fs::create_dir_all(site.join("old/2019")).unwrap();
    let foreign = [
        ("robots.txt", "User-agent: *\n"),
        ("old/2019/sermon.mp3", "not ours"),
        ("one.html.bak", "a backup"),
        (".htaccess", "Options -Indexes\n"),
    ];
    for (name, body) in foreign {
        std::fs::write(site.join(name), body).unwrap();
    }
    ok(deploy(&p, &site, &[]));
    let state = site.join(".devocast-deploy.json");
    std::fs::write(&state, age_state(&std::fs::read(&state).unwrap(), 400)).unwrap();
    ok(deploy(&e, &site, &[]));
    std::fs::write(&state, age_state(&std::fs::read(&state).unwrap(), 400)).unwrap();
    let out = ok(deploy(&e, &site, &[]));
    assert!(!site.join(mp3_of_one(&p)).exists(), "ours, expired: {out}");
    for (name, body) in foreign {
        assert_eq!(
            std::fs::read_to_string(site.join(name)).unwrap(),
            body,
            "{name}"
        );
    }
    assert_eq!(whole(&site), Ok(2));
}

#[test]
fn a_deploy_stopped_at_every_change_leaves_the_target_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path(), false);
    let e = project(tmp.path(), true);
    let base = tmp.path().join("base");
    ok(deploy(&p, &base, &[]));
    let new_feed = std::fs::read(e.join("feed/feed.xml")).unwrap();
    let mut points = 0;
    for n in 1.. {
        let site = tmp.path().join(format!("site{n}"));
        deploy_support::common::copy_dir(&base, &site);
        let out = devocast(
            &e,
            &["deploy", site.to_str().unwrap()],
            &[("DEVOCAST_CRASH_AT", &n.to_string())],
        );
        if out.status.success() {
            break;
        }
        assert!(out.status.code().is_none(), "point {n}: {}", text(&out));
        points += 1;
        assert_eq!(whole(&site), Ok(2), "after a crash at change {n}");
        // The next deploy finishes the job, taking over the dead deploy's lock.
        let out = ok(deploy(&e, &site, &[]));
        assert_eq!(whole(&site), Ok(2), "after recovery from {n}: {out}");
        assert_eq!(std::fs::read(site.join("feed.xml")).unwrap(), new_feed);
        let leftovers: Vec<String> = snapshot(&site)
            .into_keys()
            .filter(|n| n.contains(".tmp-") || n.contains(".lock"))
            .collect();
        assert!(
            leftovers.is_empty(),
            "after recovery from {n}: {leftovers:?}"
        );
        let again = ok(deploy(&e, &site, &[]));
        assert!(again.contains("nothing to upload"), "point {n}: {again}");
        std::fs::remove_dir_all(&site).unwrap();
    }
    assert!(points >= 8, "only {points} crash points");
}

#[test]
fn a_second_deploy_while_one_runs_refuses_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path(), false);
    let site = tmp.path().join("site");
    std::fs::create_dir_all(&site).unwrap();
    // A lock held by a running process (this test) on this machine.
    let lock = format!(
        "{{\"host\":\"{}\",\"pid\":{},\"since\":\"{}\"}}",
        devocast::fsutil::host_name(),
        std::process::id(),
        chrono::Utc::now().to_rfc3339()
    );
    std::fs::write(site.join(".devocast-deploy.lock"), &lock).unwrap();
    let out = deploy(&p, &site, &[]);
    assert!(!out.status.success());
    assert!(text(&out).contains("another deploy"), "{}", text(&out));
    assert_eq!(snapshot(&site).len(), 1, "nothing uploaded");
    // Once it is gone, the deploy runs.
    std::fs::remove_file(site.join(".devocast-deploy.lock")).unwrap();
    ok(deploy(&p, &site, &[]));
    assert_eq!(whole(&site), Ok(2));
}

#[test]
fn two_deploys_started_together_leave_one_whole_feed() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path(), false);
    let e = project(tmp.path(), true);
    let site = tmp.path().join("site");
    for _round in 0..3 {
        let spawn = |proj: &Path| {
            std::process::Command::new(env!("CARGO_BIN_EXE_devocast"))
                .args(["deploy", site.to_str().unwrap()])
                .current_dir(proj)
                .output()
        };
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(|| spawn(&p).unwrap());
            let b = s.spawn(|| spawn(&e).unwrap());
            (a.join().unwrap(), b.join().unwrap())
        });
        for o in [&a, &b] {
            assert!(
                o.status.success() || text(o).contains("another deploy"),
                "{}",
                text(o)
            );
        }
        assert!(a.status.success() || b.status.success());
        assert_eq!(whole(&site), Ok(2));
    }
}

#[test]
fn a_target_that_cannot_be_reached_is_named_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path(), false);
    let missing = tmp.path().join("no/such/mount/podcast");
    let out = deploy(&p, &missing, &[]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("no/such/mount/podcast"),
        "{}",
        text(&out)
    );
    assert!(!tmp.path().join("no").exists());
    // An unbuilt project says what to do.
    let (_t, fresh) = deploy_support::common::fixture_project();
    let out = deploy(&fresh, &tmp.path().join("site"), &[]);
    assert!(text(&out).contains("devocast build"), "{}", text(&out));
}

#[test]
fn the_target_comes_from_the_configuration_and_a_password_in_it_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path(), false);
    let site = tmp.path().join("site");
    let toml = std::fs::read_to_string(p.join("devocast.toml")).unwrap();
    std::fs::write(
        p.join("devocast.toml"),
        format!("{toml}\n[deploy]\ntarget = \"file://{}\"\n", site.display()),
    )
    .unwrap();
    ok(devocast(&p, &["deploy"], &[]));
    assert_eq!(whole(&site), Ok(2));
    std::fs::write(
        p.join("devocast.toml"),
        format!("{toml}\n[deploy]\ntarget = \"sftp://me:s3cr3t-pw@host/www\"\n"),
    )
    .unwrap();
    let out = devocast(&p, &["deploy"], &[]);
    assert!(!out.status.success());
    assert!(!text(&out).contains("s3cr3t-pw"), "{}", text(&out));
}

/// A running `devocast serve` of a project, stopped when dropped.
struct Served(std::process::Child);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn verify_checks_every_enclosure_of_the_public_feed_answers_with_its_length() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path(), false);
    let port = deploy_support::servers::free_port();
    let _server = Served(
        std::process::Command::new(env!("CARGO_BIN_EXE_devocast"))
            .args(["serve", ".", "--port", &port.to_string()])
            .current_dir(&p)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let start = std::time::Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed().as_secs() < 30, "serve did not start");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    // The public address is where this host serves the feed; no deploy target anywhere.
    let toml = std::fs::read_to_string(p.join("devocast.toml")).unwrap();
    std::fs::write(
        p.join("devocast.toml"),
        toml.replace(
            "https://example.org/pod",
            &format!("http://127.0.0.1:{port}"),
        ),
    )
    .unwrap();
    let out = ok(devocast(&p, &["deploy", "--verify"], &[]));
    assert!(out.contains("every one of the 2 enclosures"), "{out}");
    // One MP3 cut short, the other gone: both named.
    let one = p.join("feed").join(mp3_of_one(&p));
    let two = deploy_support::common::published(&p, "two").mp3;
    let bytes = std::fs::read(&one).unwrap();
    std::fs::write(&one, &bytes[..bytes.len() / 2]).unwrap();
    std::fs::remove_file(&two).unwrap();
    let out = devocast(&p, &["deploy", "--verify"], &[]);
    let t = text(&out);
    assert!(!out.status.success(), "{t}");
    assert!(t.contains("2 of 2 enclosures"), "{t}");
    assert!(
        t.contains(&format!(
            "{} bytes, but the feed declares {}",
            bytes.len() / 2,
            bytes.len()
        )),
        "{t}"
    );
    assert!(
        t.contains(&*two.file_name().unwrap().to_string_lossy()),
        "{t}"
    );
}
