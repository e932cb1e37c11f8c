//! Voices by name: `devocast voices get` against a local server laid out like the Piper
//! voices repository (never the internet), what it installs and what it refuses to, how
//! `auto` chooses, and what `devocast voices` lists.

mod common;

use common::{file_server, md5_hex, Serve};
use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Output};

const NAME: &str = "xx_XX-test-low";
const DIR: &str = "xx/xx_XX/test/low";

/// The files of a (fake) voice: a model, its description and its model card.
fn voice_files() -> Vec<(String, Vec<u8>)> {
    let json = serde_json::json!({
        "audio": {"sample_rate": 16000, "quality": "low"},
        "espeak": {"voice": "en-us"},
        "language": {"code": "xx_XX"},
        "num_speakers": 1,
        "phoneme_id_map": {"_": [0], "^": [1], "$": [2]},
    })
    .to_string()
    .into_bytes();
    let model: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let card = b"# Model card\n\n## Dataset\n\n* License: public domain\n\n## Training\n\nTrained from scratch.\n".to_vec();
    vec![
        (format!("{DIR}/{NAME}.onnx"), model),
        (format!("{DIR}/{NAME}.onnx.json"), json),
        (format!("{DIR}/MODEL_CARD"), card),
    ]
}

/// The index, with the declared digest of one file optionally wrong.
fn index(files: &[(String, Vec<u8>)], wrong_digest: bool) -> Vec<u8> {
    let mut entries = serde_json::Map::new();
    for (i, (rel, bytes)) in files.iter().enumerate() {
        let digest = if wrong_digest && i == 0 {
            "0123456789abcdef0123456789abcdef".to_string()
        } else {
            md5_hex(bytes)
        };
        entries.insert(
            rel.clone(),
            serde_json::json!({"size_bytes": bytes.len(), "md5_digest": digest}),
        );
    }
    serde_json::json!({
        NAME: {
            "key": NAME,
            "name": "test",
            "language": {"code": "xx_XX"},
            "quality": "low",
            "files": entries,
        }
    })
    .to_string()
    .into_bytes()
}

/// A repository where `tweak` may change how the model file is served.
fn repository(wrong_digest: bool, model: impl Fn(Vec<u8>) -> Option<Serve>) -> String {
    let files = voice_files();
    let mut served: HashMap<String, Serve> = HashMap::new();
    served.insert(
        "/voices.json".into(),
        Serve::Whole(index(&files, wrong_digest)),
    );
    for (rel, bytes) in files {
        let how = if rel.ends_with(".onnx") {
            model(bytes)
        } else {
            Some(Serve::Whole(bytes))
        };
        if let Some(how) = how {
            served.insert(format!("/{rel}"), how);
        }
    }
    file_server(served)
}

fn devocast(args: &[&str], data: &Path, url: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_devocast"))
        .args(args)
        .env("XDG_DATA_HOME", data)
        .env("DEVOCAST_VOICES_URL", url)
        .env(
            "DEVOCAST_CACHE_DIR",
            std::env::temp_dir().join("devocast-test-cache"),
        )
        .env_remove("VIRTUAL_ENV")
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Every file under the voices folder, relative.
fn installed(data: &Path) -> Vec<String> {
    let root = data.join("devocast/voices");
    let mut out = Vec::new();
    for e in std::fs::read_dir(&root).into_iter().flatten().flatten() {
        for f in std::fs::read_dir(e.path()).into_iter().flatten().flatten() {
            out.push(f.path().strip_prefix(&root).unwrap().display().to_string());
        }
        if e.path().is_file() {
            out.push(e.file_name().to_string_lossy().into_owned());
        }
    }
    out.sort();
    out
}

#[test]
fn a_voice_is_fetched_by_name_checked_and_installed_whole() {
    let data = tempfile::tempdir().unwrap();
    let url = repository(false, |b| Some(Serve::Whole(b)));
    let out = devocast(&["voices", "get", NAME], data.path(), &url);
    assert!(out.status.success(), "{}", text(&out));
    let t = text(&out);
    assert!(
        t.contains("0.3 MB") && t.contains("devocast/voices"),
        "size and destination: {t}"
    );
    assert_eq!(
        installed(data.path()),
        vec![
            format!("{NAME}/.devocast-voice"),
            format!("{NAME}/MODEL_CARD"),
            format!("{NAME}/{NAME}.onnx"),
            format!("{NAME}/{NAME}.onnx.json"),
        ]
    );
    let model = data
        .path()
        .join(format!("devocast/voices/{NAME}/{NAME}.onnx"));
    assert_eq!(std::fs::read(&model).unwrap(), voice_files()[0].1);
    // And `devocast voices` lists it with what its model card says.
    let project = tempfile::tempdir().unwrap();
    let out = devocast(
        &["voices", project.path().to_str().unwrap()],
        data.path(),
        &url,
    );
    let t = text(&out);
    assert!(out.status.success(), "{t}");
    assert!(
        t.contains(NAME)
            && t.contains("xx_XX")
            && t.contains("16000 Hz")
            && t.contains("downloaded"),
        "{t}"
    );
    assert!(
        t.contains("license: dataset: public domain; trained from scratch"),
        "{t}"
    );
}

#[test]
fn a_wrong_digest_a_missing_file_or_a_dropped_connection_installs_nothing() {
    type Case = (
        &'static str,
        bool,
        fn(Vec<u8>) -> Option<Serve>,
        &'static str,
    );
    let cases: Vec<Case> = vec![
        ("digest", true, |b| Some(Serve::Whole(b)), "MD5"),
        ("404", false, |_| None, "404"),
        (
            "truncated",
            false,
            |b| {
                let n = b.len() / 2;
                Some(Serve::Cut(b, n))
            },
            "broke off",
        ),
    ];
    for (what, wrong, model, says) in cases {
        let data = tempfile::tempdir().unwrap();
        let url = repository(wrong, model);
        let out = devocast(&["voices", "get", NAME], data.path(), &url);
        let t = text(&out);
        assert!(!out.status.success(), "{what}: {t}");
        assert!(t.contains(says), "{what}: {t}");
        assert!(
            installed(data.path()).is_empty(),
            "{what}: something was installed: {:?}",
            installed(data.path())
        );
    }
    // A name the repository does not have.
    let data = tempfile::tempdir().unwrap();
    let url = repository(false, |b| Some(Serve::Whole(b)));
    let out = devocast(&["voices", "get", "xx_XX-nobody-low"], data.path(), &url);
    assert!(!out.status.success());
    assert!(text(&out).contains("no voice \"xx_XX-nobody-low\"") && text(&out).contains(NAME));
}

/// A project that narrates with `auto`.
fn auto_project() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, p) = common::fixture_project();
    let cfg = p.join("devocast.toml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(
        &cfg,
        text.replace("engine = \"embedded\"", "engine = \"auto\""),
    )
    .unwrap();
    (tmp, p)
}

#[test]
fn without_a_neural_voice_the_build_falls_back_quickly_and_says_how_to_fix_it() {
    // A server that refuses (nothing listens), one that never answers, and the switches that
    // forbid downloading: each build narrates with espeak-ng, says so once, and succeeds.
    let refused = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let a = l.local_addr().unwrap();
        drop(l);
        format!("http://{a}")
    };
    let mut silent_files = HashMap::new();
    silent_files.insert("/voices.json".to_string(), Serve::Silent);
    let silent = file_server(silent_files);
    for (what, url, args) in [
        ("refused", refused.as_str(), vec!["build"]),
        ("silent", silent.as_str(), vec!["build"]),
        ("--offline", silent.as_str(), vec!["build", "--offline"]),
    ] {
        let data = tempfile::tempdir().unwrap();
        let (_t, p) = auto_project();
        let mut args = args.clone();
        let ps = p.to_str().unwrap().to_string();
        args.push(&ps);
        let started = std::time::Instant::now();
        let out = devocast(&args, data.path(), url);
        let t = text(&out);
        assert!(out.status.success(), "{what}: {t}");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(40),
            "{what}: took {:?}",
            started.elapsed()
        );
        assert!(
            t.contains("voice: ") && t.contains("espeak-ng"),
            "{what}: {t}"
        );
        assert_eq!(
            t.matches("devocast voices get en_US-ljspeech-medium")
                .count(),
            1,
            "{what}: the fix is given once\n{t}"
        );
        if what == "--offline" {
            assert!(!t.contains("could not download"), "{t}");
        } else {
            assert!(
                t.contains("could not download the voice en_US-ljspeech-medium"),
                "{what}: {t}"
            );
        }
    }
}

#[test]
fn voices_in_python_packages_are_found() {
    let data = tempfile::tempdir().unwrap();
    let venv = tempfile::tempdir().unwrap();
    let pkg = venv
        .path()
        .join("lib/python3.11/site-packages/test_piper_voice/data");
    std::fs::create_dir_all(&pkg).unwrap();
    for (rel, bytes) in voice_files() {
        let name = rel.rsplit('/').next().unwrap();
        std::fs::write(pkg.join(name), bytes).unwrap();
    }
    let project = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_devocast"))
        .arg("voices")
        .arg(project.path())
        .env("XDG_DATA_HOME", data.path())
        .env("VIRTUAL_ENV", venv.path())
        .output()
        .unwrap();
    let t = text(&out);
    assert!(out.status.success(), "{t}");
    assert!(t.contains(NAME) && t.contains("Python package"), "{t}");
}

/// With a real Piper voice (CI installs one from PyPI): served by the local repository under
/// the default voice's name, the first `auto` build fetches it and narrates with it; the
/// next build finds it installed and fetches nothing.
#[test]
fn the_first_build_fetches_the_default_voice_and_later_builds_use_it() {
    let Some(model) = std::env::var_os("DEVOCAST_PIPER_MODEL").map(std::path::PathBuf::from) else {
        assert!(
            !std::env::var("DEVOCAST_REQUIRE_PIPER").is_ok_and(|v| v == "1"),
            "DEVOCAST_REQUIRE_PIPER=1 but DEVOCAST_PIPER_MODEL is not set"
        );
        eprintln!("SKIPPED: set DEVOCAST_PIPER_MODEL to a Piper .onnx voice");
        return;
    };
    let name = "en_US-ljspeech-medium";
    let dir = "en/en_US/ljspeech/medium";
    let files = vec![
        (format!("{dir}/{name}.onnx"), std::fs::read(&model).unwrap()),
        (
            format!("{dir}/{name}.onnx.json"),
            std::fs::read(format!("{}.json", model.display())).unwrap(),
        ),
    ];
    let mut entries = serde_json::Map::new();
    let mut served = HashMap::new();
    for (rel, bytes) in &files {
        entries.insert(
            rel.clone(),
            serde_json::json!({"size_bytes": bytes.len(), "md5_digest": md5_hex(bytes)}),
        );
        served.insert(format!("/{rel}"), Serve::Whole(bytes.clone()));
    }
    let index = serde_json::json!({name: {"language": {"code": "en_US"}, "quality": "medium", "files": entries}});
    served.insert(
        "/voices.json".into(),
        Serve::Whole(index.to_string().into_bytes()),
    );
    let url = file_server(served);
    let data = tempfile::tempdir().unwrap();
    let (_t, p) = auto_project();
    let out = devocast(&["build", p.to_str().unwrap()], data.path(), &url);
    let t = text(&out);
    assert!(out.status.success(), "{t}");
    assert!(t.contains(&format!("downloading the voice {name}")), "{t}");
    assert!(
        t.contains(&format!("voice: Piper {name}")) && t.contains("rten"),
        "{t}"
    );
    // Installed now: a rebuild needs no server at all.
    std::fs::write(
        p.join("episodes/three.md"),
        "---\ntitle: Three\ndate: 2026-03-03\n---\n\n## H\n\nOne more.\n",
    )
    .unwrap();
    let out = devocast(
        &["build", p.to_str().unwrap()],
        data.path(),
        "http://127.0.0.1:9",
    );
    let t = text(&out);
    assert!(out.status.success() && !t.contains("downloading"), "{t}");
    assert!(t.contains(&format!("voice: Piper {name}")), "{t}");
}

/// An index holding the test voice's files under the key `key`, each file's declared size
/// and digest as `tweak` leaves them.
fn index_as(key: &str, tweak: impl Fn(&str, &mut serde_json::Value)) -> Vec<u8> {
    let mut entries = serde_json::Map::new();
    for (rel, bytes) in voice_files() {
        let mut v = serde_json::json!({"size_bytes": bytes.len(), "md5_digest": md5_hex(&bytes)});
        tweak(&rel, &mut v);
        entries.insert(rel, v);
    }
    serde_json::json!({key: {"language": {"code": "xx_XX"}, "quality": "low", "files": entries}})
        .to_string()
        .into_bytes()
}

/// A repository serving `index` and the test voice's files (the model as `model` says).
fn serving(index: Vec<u8>, model: impl Fn(Vec<u8>) -> Serve) -> String {
    let mut served: HashMap<String, Serve> = HashMap::new();
    served.insert("/voices.json".into(), Serve::Whole(index));
    for (rel, bytes) in voice_files() {
        let how = if rel.ends_with(".onnx") {
            model(bytes)
        } else {
            Serve::Whole(bytes)
        };
        served.insert(format!("/{rel}"), how);
    }
    file_server(served)
}

/// A folder of someone's with a file in it, to see that nothing touches it.
fn victim(at: &Path) -> std::path::PathBuf {
    std::fs::create_dir_all(at).unwrap();
    std::fs::write(at.join("precious.txt"), b"years of work").unwrap();
    at.to_path_buf()
}

fn untouched(victim: &Path) -> bool {
    std::fs::read(victim.join("precious.txt")).is_ok_and(|b| b == b"years of work")
        && std::fs::read_dir(victim).unwrap().count() == 1
}

/// Regression: an index keyed by an absolute path or by `../` installed outside the voices
/// folder, renaming aside and deleting the folder that was there.
#[test]
fn a_voice_name_never_leads_outside_the_voices_folder() {
    let data = tempfile::tempdir().unwrap();
    let voices = data.path().join("devocast/voices");
    std::fs::create_dir_all(&voices).unwrap();
    let outside = victim(&data.path().join("victim"));
    let absolute = outside.to_str().unwrap().to_string();
    let names = [
        absolute.clone(),
        "../../victim".to_string(),
        "../victim2".to_string(),
        format!("{}/", absolute),
        "..".to_string(),
        ".".to_string(),
        "".to_string(),
        "a/../../../victim".to_string(),
        ".hidden".to_string(),
        "en_US-x low".to_string(),
    ];
    let sibling = victim(&data.path().join("devocast/victim2"));
    for name in &names {
        let url = serving(index_as(name, |_, _| {}), Serve::Whole);
        let out = devocast(&["voices", "get", name], data.path(), &url);
        let t = text(&out);
        assert!(!out.status.success(), "{name:?}: {t}");
        assert!(t.contains("the voice name"), "{name:?}: {t}");
        assert!(!t.contains("downloading"), "{name:?} was fetched: {t}");
        assert!(untouched(&outside) && untouched(&sibling), "{name:?}: {t}");
        let left: Vec<_> = std::fs::read_dir(&voices).unwrap().flatten().collect();
        assert!(left.is_empty(), "{name:?} left {left:?}");
    }
    // A name in devocast.toml is held to the same rule, before any build.
    let (_t, p) = auto_project();
    let cfg = p.join("devocast.toml");
    let toml = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(&cfg, toml.replace("[voice]", "[voice]\nmodel = \"..\"")).unwrap();
    let out = devocast(
        &["check", p.to_str().unwrap()],
        data.path(),
        "http://127.0.0.1:9",
    );
    assert!(!out.status.success());
    assert!(
        text(&out).contains("voice.model = \"..\""),
        "{}",
        text(&out)
    );
}

/// An index whose files are not what a voice can be is refused before anything is fetched.
#[test]
fn an_index_with_unsafe_files_or_absurd_sizes_is_refused_before_fetching() {
    type Tweak = Box<dyn Fn(&str, &mut serde_json::Value)>;
    let cases: Vec<(&str, Tweak, &str)> = vec![
        (
            "u64::MAX",
            Box::new(|rel, v| {
                if rel.ends_with(".onnx") {
                    v["size_bytes"] = serde_json::json!(u64::MAX);
                }
            }),
            "no voice is that large",
        ),
        (
            "a terabyte",
            Box::new(|rel, v| {
                if rel.ends_with(".onnx") {
                    v["size_bytes"] = serde_json::json!(1_000_000_000_000u64);
                }
            }),
            "no voice is that large",
        ),
        (
            "sizes that overflow together",
            Box::new(|_, v| v["size_bytes"] = serde_json::json!(1u64 << 63)),
            "no voice is that large",
        ),
        (
            "a digest that is not one",
            Box::new(|rel, v| {
                if rel.ends_with(".json") {
                    v["md5_digest"] = serde_json::json!("../../x");
                }
            }),
            "which is not an MD5",
        ),
    ];
    for (what, tweak, says) in cases {
        let data = tempfile::tempdir().unwrap();
        let url = serving(index_as(NAME, tweak), Serve::Whole);
        let out = devocast(&["voices", "get", NAME], data.path(), &url);
        let t = text(&out);
        assert!(!out.status.success(), "{what}: {t}");
        assert!(
            t.contains(says) && !t.contains("downloading"),
            "{what}: {t}"
        );
        assert!(!t.contains("(0.0 MB"), "{what}: {t}");
        assert!(installed(data.path()).is_empty(), "{what}");
    }
    // File names that would land elsewhere, or on one another.
    for rel in [
        "../../../outside.onnx.json",
        "/etc/x/.devocast-voice",
        "a/..",
        "dir/",
    ] {
        let mut entries = serde_json::Map::new();
        for (r, b) in voice_files() {
            entries.insert(
                r,
                serde_json::json!({"size_bytes": b.len(), "md5_digest": md5_hex(&b)}),
            );
        }
        entries.insert(
            rel.to_string(),
            serde_json::json!({"size_bytes": 1, "md5_digest": md5_hex(b"x")}),
        );
        let index = serde_json::json!({NAME: {"language": {"code": "xx_XX"}, "files": entries}});
        let data = tempfile::tempdir().unwrap();
        let url = serving(index.to_string().into_bytes(), Serve::Whole);
        let out = devocast(&["voices", "get", NAME], data.path(), &url);
        assert!(!out.status.success(), "{rel}: {}", text(&out));
        assert!(text(&out).contains("unsafe file"), "{rel}: {}", text(&out));
    }
}

/// An install replaces a folder devocast installed, and nothing else.
#[test]
fn an_install_replaces_only_a_folder_devocast_installed() {
    let data = tempfile::tempdir().unwrap();
    let url = repository(false, |b| Some(Serve::Whole(b)));
    let dest = data.path().join(format!("devocast/voices/{NAME}"));
    // Someone's folder under the voice's name.
    let mine = victim(&dest);
    let out = devocast(&["voices", "get", NAME], data.path(), &url);
    let t = text(&out);
    assert!(!out.status.success(), "{t}");
    assert!(t.contains("devocast did not install"), "{t}");
    assert!(untouched(&mine));
    std::fs::remove_dir_all(&mine).unwrap();
    // A link there is not followed, nor replaced.
    #[cfg(unix)]
    {
        let elsewhere = victim(&data.path().join("elsewhere"));
        std::os::unix::fs::symlink(&elsewhere, &dest).unwrap();
        let out = devocast(&["voices", "get", NAME], data.path(), &url);
        assert!(!out.status.success(), "{}", text(&out));
        assert!(untouched(&elsewhere) && dest.is_symlink());
        std::fs::remove_file(&dest).unwrap();
    }
    // Installed by devocast: installing again replaces it.
    for round in 0..2 {
        let out = devocast(&["voices", "get", NAME], data.path(), &url);
        assert!(out.status.success(), "round {round}: {}", text(&out));
    }
    // Installed before devocast marked its folders: only the voice's own files are there.
    std::fs::remove_file(dest.join(".devocast-voice")).unwrap();
    let out = devocast(&["voices", "get", NAME], data.path(), &url);
    assert!(out.status.success(), "{}", text(&out));
    assert!(dest.join(".devocast-voice").is_file());
    assert_eq!(
        installed(data.path()).len(),
        4,
        "{:?}",
        installed(data.path())
    );
}

/// What is in the voices folder, hidden entries included, by name.
fn entries(data: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(data.join("devocast/voices"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

/// Regression: downloads stopped by `kill -9` left `.NAME.tmp-PID-…` folders forever. The
/// next download sweeps those whose process is gone, and only those.
#[test]
fn a_download_sweeps_what_dead_downloads_left_and_nothing_else() {
    let data = tempfile::tempdir().unwrap();
    let voices = data.path().join("devocast/voices");
    // Process 999999999 cannot exist (Linux's pid_max is at most 2^22).
    let dead = [
        format!(".{NAME}.tmp-999999999-0"),
        ".en_US-other-medium.tmp-999999998-4".to_string(),
        format!(".{NAME}.old.tmp-999999997-1"),
    ];
    let live = format!(".{NAME}.tmp-{}-0", std::process::id());
    let theirs = [".not-ours".to_string(), "notes.tmp-999999999-0".to_string()];
    for d in dead.iter().chain([&live]).chain(&theirs) {
        std::fs::create_dir_all(voices.join(d)).unwrap();
        std::fs::write(voices.join(d).join("part.onnx"), vec![0u8; 1000]).unwrap();
    }
    let url = repository(false, |b| Some(Serve::Whole(b)));
    let out = devocast(&["voices", "get", NAME], data.path(), &url);
    assert!(out.status.success(), "{}", text(&out));
    let mut expected = vec![live.clone(), NAME.to_string()];
    expected.extend(theirs.iter().cloned());
    expected.sort();
    assert_eq!(entries(data.path()), expected);
    assert!(voices.join(&live).join("part.onnx").is_file());
    // Swept even when the repository cannot be reached.
    std::fs::create_dir_all(voices.join(&dead[0])).unwrap();
    let out = devocast(&["voices", "get", NAME], data.path(), "http://127.0.0.1:9");
    assert!(!out.status.success(), "{}", text(&out));
    assert_eq!(entries(data.path()), expected);
}

/// Regression: SIGINT or SIGTERM in the middle of a download left its temporary folder.
#[cfg(unix)]
#[test]
fn a_download_stopped_by_a_signal_leaves_nothing() {
    for (signal, code) in [("-TERM", 143), ("-INT", 130)] {
        let data = tempfile::tempdir().unwrap();
        // The model arrives in part, then the server holds the connection open.
        let url = repository(false, |b| Some(Serve::Stall(b, 100_000)));
        let mut child = Command::new(env!("CARGO_BIN_EXE_devocast"))
            .args(["voices", "get", NAME])
            .env("XDG_DATA_HOME", data.path())
            .env("DEVOCAST_VOICES_URL", &url)
            .env_remove("VIRTUAL_ENV")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the partial model is on disk (the download is under way).
        let under_way = || {
            entries(data.path()).iter().any(|e| {
                let dir = data.path().join("devocast/voices").join(e);
                std::fs::read_dir(dir)
                    .into_iter()
                    .flatten()
                    .flatten()
                    .any(|f| f.file_name().to_string_lossy().contains(".onnx"))
            })
        };
        for _ in 0..600 {
            if under_way() || child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        assert!(under_way(), "{signal}: the download never started");
        let kill = Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .unwrap();
        assert!(kill.success());
        let status = child.wait().unwrap();
        assert!(!status.success(), "{signal}");
        use std::os::unix::process::ExitStatusExt;
        assert!(
            status.code() == Some(code) || status.signal().is_some(),
            "{signal}: {status:?}"
        );
        assert_eq!(entries(data.path()), Vec::<String>::new(), "{signal}");
    }
}
