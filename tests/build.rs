//! Builds a small fixture project with the real binary and real voices, then checks the
//! outputs the way a podcast app and an audio tool would.

mod common;
use common::{fixture_project, local, published};
use devocast::audio::decode::decode_file;
use devocast::audio::library::{prepare, ClipSpec, FadeOut};
use devocast::audio::loudness::measure;
use std::path::Path;
use std::process::Command;

fn devocast(project: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_devocast"))
        .args(args)
        .arg(project)
        .env("DEVOCAST_CACHE_DIR", project.join(".cache"))
        .output()
        .unwrap()
}

fn set_engine(project: &Path, engine: &str) {
    let path = project.join("devocast.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("engine = \"embedded\"", &format!("engine = \"{engine}\"")),
    )
    .unwrap();
}

/// Headings per fixture episode: the title chapter, then each heading.
const EXPECTED_CHAPTERS: &[(&str, &[&str])] = &[
    (
        "one",
        &["First Light", "Kept in Peace", "Rest, my soul (Hymn 7)"],
    ),
    ("two", &["Second Morning", "Strength for Today"]),
];

type Cue = (f64, f64, Vec<String>);

/// (start, end, lines) of every cue in a VTT or SRT file.
fn parse_cues(text: &str, sep: char) -> Vec<Cue> {
    let secs = |t: &str| -> f64 {
        let (hms, ms) = t.trim().split_once(sep).unwrap();
        let p: Vec<f64> = hms.split(':').map(|x| x.parse().unwrap()).collect();
        p[0] * 3600.0 + p[1] * 60.0 + p[2] + ms.parse::<f64>().unwrap() / 1000.0
    };
    text.split("\n\n")
        .filter_map(|block| {
            let mut lines = block.lines().skip_while(|l| !l.contains("-->"));
            let (a, b) = lines.next()?.split_once("-->")?;
            Some((
                secs(a),
                secs(b),
                lines.map(|l| l.replace("&amp;", "&")).collect(),
            ))
        })
        .collect()
}

/// Normalised correlation of `b` against the start of `a`.
fn correlation(a: &[f32], b: &[f32]) -> f64 {
    let n = b.len().min(a.len());
    let (mut ab, mut aa, mut bb) = (0.0f64, 0.0f64, 0.0f64);
    for i in 0..n {
        let (x, y) = (f64::from(a[i]), f64::from(b[i]));
        ab += x * y;
        aa += x * x;
        bb += y * y;
    }
    ab / (aa.sqrt() * bb.sqrt()).max(1e-12)
}

fn check_outputs(project: &Path, stdout: &str) {
    let feed_dir = project.join("feed");
    for (slug, titles) in EXPECTED_CHAPTERS {
        let files = published(project, slug);
        // The MP3 decodes to the mixed length (the WAV master) within one MP3 frame.
        let wav = hound::WavReader::open(&files.wav).unwrap();
        let mixed = wav.duration() as i64;
        assert!(mixed > 44_100, "{slug}: only {mixed} frames of audio");
        let mp3 = decode_file(&files.mp3).unwrap();
        assert_eq!(mp3.rate, 44_100);
        let decoded = mp3.frames() as i64;
        assert!(
            (decoded - mixed).abs() <= 1152,
            "{slug}: decoded {decoded} vs mixed {mixed}"
        );

        // The audio is speech, not silence: a good share of 50 ms windows carry energy.
        let windows: Vec<f32> = mp3
            .samples
            .chunks(2205)
            .map(|w| (w.iter().map(|s| s * s).sum::<f32>() / w.len() as f32).sqrt())
            .collect();
        let voiced = windows.iter().filter(|&&r| r > 0.01).count();
        assert!(
            voiced * 3 > windows.len(),
            "{slug}: only {voiced}/{} windows voiced",
            windows.len()
        );

        // Chapters JSON: ascending and named after the headings.
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&files.chapters).unwrap()).unwrap();
        let chapters = json["chapters"].as_array().unwrap();
        let got: Vec<&str> = chapters
            .iter()
            .map(|c| c["title"].as_str().unwrap())
            .collect();
        assert_eq!(&got, titles, "{slug}");
        let starts: Vec<f64> = chapters
            .iter()
            .map(|c| c["startTime"].as_f64().unwrap())
            .collect();
        assert_eq!(starts[0], 0.0);
        assert!(starts.windows(2).all(|w| w[0] < w[1]), "{slug}: {starts:?}");
        assert!(*starts.last().unwrap() < mixed as f64 / 44_100.0);

        // The same chapters inside the MP3 as CHAP frames with a top-level ordered CTOC.
        let tag = id3::Tag::read_from_path(&files.mp3).unwrap();
        let chaps: Vec<_> = tag.chapters().collect();
        assert_eq!(chaps.len(), titles.len());
        for (c, (start, title)) in chaps.iter().zip(starts.iter().zip(titles.iter())) {
            assert_eq!(c.start_time as f64, (start * 1000.0).round(), "{slug}");
            let t = c
                .frames
                .iter()
                .find(|f| f.id() == "TIT2")
                .and_then(|f| f.content().text());
            assert_eq!(t, Some(*title));
        }
        let toc: Vec<_> = tag.tables_of_contents().collect();
        assert_eq!(toc.len(), 1);
        assert!(toc[0].top_level && toc[0].ordered);
        assert_eq!(toc[0].elements.len(), titles.len());
        assert!(
            stdout.contains(&format!("built     episodes/{slug}.")),
            "{stdout}"
        );

        // Podcast loudness: −19 LUFS (mono default) ± 0.5 LU, true peak at most −1 dBTP,
        // measured on the decoded MP3.
        let l = measure(&mp3).unwrap();
        assert!((l.integrated + 19.0).abs() <= 0.5, "{slug}: {l:?}");
        assert!(l.true_peak <= -1.0, "{slug}: {l:?}");
    }

    // The hymn recording plays in its chapter, after the narrator names it: correlate the
    // decoded MP3 where its transcript line starts with the source clip prepared the same
    // way.
    let one = published(project, "one");
    let mp3 = decode_file(&one.mp3).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&one.chapters).unwrap()).unwrap();
    let chapter_start = json["chapters"][2]["startTime"].as_f64().unwrap();
    let cues = parse_cues(&std::fs::read_to_string(&one.vtt).unwrap(), '.');
    let named = cues
        .iter()
        .find(|c| c.2.join(" ") == "Hymn 7: Rest, my soul")
        .expect("the hymn is announced");
    let music = cues
        .iter()
        .find(|c| c.2.join(" ").starts_with("♪ Rest, my soul"))
        .unwrap();
    assert!(
        chapter_start <= named.0 && named.1 < music.0,
        "{named:?} {music:?}"
    );
    // The gap between the announcement and the music is the configured 800 ms.
    assert!(
        (music.0 - named.1 - 0.8).abs() < 0.002,
        "{named:?} {music:?}"
    );
    let clip = prepare(
        &ClipSpec {
            path: project.join("audio/hymns/7.ogg"),
            title: None,
            start: 0.0,
            end: None,
            fade_in: 0.015,
            fade_out: FadeOut::ByEnding {
                natural: 0.015,
                stopped: 2.0,
            },
        },
        44_100,
        1,
    )
    .unwrap();
    let expected_at = (music.0 * 44_100.0) as usize;
    let best = (0..=4000)
        .map(|lag| correlation(&mp3.samples[expected_at - 2000 + lag..], &clip.samples))
        .fold(0.0f64, f64::max);
    assert!(
        best > 0.9,
        "hymn clip not found at its chapter (best correlation {best:.3})"
    );
    // And it is not everywhere: the narration before it does not match the clip.
    let elsewhere = correlation(&mp3.samples[44_100..], &clip.samples);
    assert!(elsewhere < 0.3, "{elsewhere}");

    // Transcripts: cues ascending and non-overlapping, at most two lines of about 65
    // characters, the last ending within a second of the episode's end; SRT agrees.
    for (slug, _) in EXPECTED_CHAPTERS {
        let files = published(project, slug);
        let wav = hound::WavReader::open(&files.wav).unwrap();
        let total = f64::from(wav.duration()) / 44_100.0;
        let vtt = std::fs::read_to_string(&files.vtt).unwrap();
        assert!(vtt.starts_with("WEBVTT\n"));
        let cues = parse_cues(&vtt, '.');
        assert!(cues.len() >= 4, "{slug}: {vtt}");
        for w in cues.windows(2) {
            assert!(
                w[0].0 < w[0].1 && w[0].1 <= w[1].0,
                "{slug}: cues overlap or go backwards: {w:?}"
            );
        }
        let last = cues.last().unwrap();
        assert!(
            (total - last.1).abs() <= 1.0,
            "{slug}: last cue ends {} s, episode {total} s",
            last.1
        );
        for c in &cues {
            assert!(
                c.2.len() <= 2 && c.2.iter().all(|l| l.chars().count() <= 42),
                "{slug}: {c:?}"
            );
        }
        let srt = std::fs::read_to_string(&files.srt).unwrap();
        assert_eq!(parse_cues(&srt, ','), cues, "{slug}: SRT and VTT disagree");
        // The text is what the article says, not what the voice read.
        assert!(
            vtt.contains("Peace be with you all.") || vtt.contains("Wait on Him and be renewed.")
        );
        // The page links the audio, the transcript and seekable chapters.
        let page = std::fs::read_to_string(&files.page).unwrap();
        for needle in [
            "<html lang=\"en-us\">",
            "<main id=\"main\">",
            "<audio id=\"player\" controls",
            "aria-labelledby=\"chapters\"",
            "data-t=\"0.000\"",
            &format!("download=\"{slug}.mp3\""),
            "<span class=\"vh\">, play from 0 seconds</span>",
        ] {
            assert!(page.contains(needle), "{slug}: page lacks {needle}");
        }
    }
    // The hymn's words stay in the transcripts and the page when its recording plays, timed
    // to the recording, line by line.
    let one = published(project, "one");
    let vtt = std::fs::read_to_string(&one.vtt).unwrap();
    let page = std::fs::read_to_string(&one.page).unwrap();
    for line in [
        "♪ Rest, my soul (Hymn 7)",
        "Rest, my soul,",
        "in His care,",
        "all the day.",
    ] {
        assert!(vtt.contains(line), "VTT lacks {line:?}:\n{vtt}");
    }
    assert!(
        page.contains("<blockquote class=\"stanza\">")
            && page.contains("Rest, my soul,<br>\nin His care,<br>\nall the day."),
        "{page}"
    );
    let index = std::fs::read_to_string(feed_dir.join("index.html")).unwrap();
    assert!(index.contains("one.html") && index.contains("two.html") && index.contains("feed.xml"));

    // The feed parses back; every enclosure's length is the file's size.
    let xml = std::fs::read(feed_dir.join("feed.xml")).unwrap();
    let channel = rss::Channel::read_from(&xml[..]).unwrap();
    assert_eq!(channel.title(), "Fixture Podcast");
    assert_eq!(channel.items().len(), 2);
    for item in channel.items() {
        let enc = item.enclosure().unwrap();
        let file = local(project, enc.url());
        assert!(enc.url().starts_with("https://example.org/pod/"));
        assert_eq!(enc.mime_type(), "audio/mpeg");
        let size = std::fs::metadata(&file).unwrap().len();
        assert_eq!(enc.length(), size.to_string(), "{}", file.display());
        assert!(item.guid().is_some_and(|g| !g.is_permalink()));
        assert!(item.pub_date().is_some());
        let dur = item.itunes_ext().and_then(|i| i.duration()).unwrap();
        assert!(dur.starts_with("00:00:"), "{dur}");
        let chapters = &item.extensions()["podcast"]["chapters"][0];
        assert!(chapters.attrs["url"].ends_with(".chapters.json"));
        let kinds: Vec<&str> = item.extensions()["podcast"]["transcript"]
            .iter()
            .map(|t| t.attrs["type"].as_str())
            .collect();
        assert_eq!(kinds, vec!["text/vtt", "application/x-subrip", "text/html"]);
        // Podlove chapters agree with the JSON chapters.
        let json: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(local(project, &chapters.attrs["url"])).unwrap(),
        )
        .unwrap();
        let psc = &item.extensions()["psc"]["chapters"][0].children["chapter"];
        assert_eq!(psc.len(), json["chapters"].as_array().unwrap().len());
        for (p, j) in psc.iter().zip(json["chapters"].as_array().unwrap()) {
            assert_eq!(p.attrs["title"], j["title"].as_str().unwrap());
            let t = &p.attrs["start"];
            let secs: f64 = t[..2].parse::<f64>().unwrap() * 3600.0
                + t[3..5].parse::<f64>().unwrap() * 60.0
                + t[6..].parse::<f64>().unwrap();
            assert!((secs - j["startTime"].as_f64().unwrap()).abs() < 0.0015);
        }
    }
}

#[test]
fn builds_fixture_with_embedded_voice() {
    let (_tmp, project) = fixture_project();
    std::fs::remove_file(project.join("published.toml")).unwrap();
    let out = devocast(&project, &["build"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("voice: embedded espeak-ng"), "{stdout}");
    check_outputs(&project, &stdout);
    // The undated article got a first-publication date that is kept for later builds.
    let published = std::fs::read_to_string(project.join("published.toml")).unwrap();
    let record: toml::Table = toml::from_str(&published).unwrap();
    let two = &record["episodes"]["two"];
    assert!(
        two["date"].as_str().is_some() && two["number"].as_integer().is_some(),
        "{published}"
    );
}

#[test]
fn builds_fixture_with_system_voice() {
    let (_tmp, project) = fixture_project();
    set_engine(&project, "system");
    let out = devocast(&project, &["build"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() && stderr.contains("system espeak-ng library was not found") {
        if std::env::var("DEVOCAST_REQUIRE_SYSTEM_ESPEAK").is_ok_and(|v| v == "1") {
            panic!("DEVOCAST_REQUIRE_SYSTEM_ESPEAK=1 but: {stderr}");
        }
        eprintln!("SKIPPED builds_fixture_with_system_voice: libespeak-ng.so.1 is not installed");
        return;
    }
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("voice: system espeak-ng"), "{stdout}");
    check_outputs(&project, &stdout);
}

#[test]
fn a_bad_article_fails_alone_and_keeps_what_was_published() {
    let (_tmp, project) = fixture_project();
    assert!(devocast(&project, &["build"]).status.success());
    let feed_dir = project.join("feed");
    let old = published(&project, "two");
    let old_mp3 = std::fs::read(&old.mp3).unwrap();

    // Break one article (not UTF-8) and add a new good one.
    std::fs::write(
        project.join("episodes/two.txt"),
        b"Second Morning\nCaf\xe9 au lait.\n",
    )
    .unwrap();
    std::fs::write(
        project.join("episodes/three.txt"),
        "Third Day\nAnother good one.\nMore Here Now\nYes.\n",
    )
    .unwrap();
    let out = devocast(&project, &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success(),
        "a failed article must fail the build"
    );
    assert!(
        stderr.contains("two.txt") && stderr.contains("not UTF-8") && stderr.contains("line 2"),
        "{stderr}"
    );

    // The good episodes built, the broken one's published files are untouched and still
    // listed, and no temporary files are left behind.
    assert!(published(&project, "three").mp3.exists());
    assert_eq!(published(&project, "two").mp3, old.mp3);
    assert_eq!(std::fs::read(&old.mp3).unwrap(), old_mp3);
    let xml = std::fs::read(feed_dir.join("feed.xml")).unwrap();
    let channel = rss::Channel::read_from(&xml[..]).unwrap();
    assert_eq!(channel.items().len(), 3);
    let leftovers: Vec<_> = std::fs::read_dir(&feed_dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn invalid_config_names_file_and_line() {
    let (_tmp, project) = fixture_project();
    let path = project.join("devocast.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("[audio]", "[audio]\nloudnes = 3")).unwrap();
    let out = devocast(&project, &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("devocast.toml")
            && stderr.contains("line 12")
            && stderr.contains("loudnes"),
        "{stderr}"
    );
}

#[test]
fn rebuild_without_changes_gives_identical_files() {
    let (_tmp, project) = fixture_project();
    assert!(devocast(&project, &["build"]).status.success());
    let read = || {
        let one = published(&project, "one");
        [
            one.mp3,
            one.wav,
            one.chapters,
            project.join("feed/feed.xml"),
        ]
        .iter()
        .map(|f| (f.clone(), std::fs::read(f).unwrap()))
        .collect::<Vec<_>>()
    };
    let before = read();
    assert!(devocast(&project, &["build", "--force"]).status.success());
    let after = read();
    assert!(before == after, "rebuild changed bytes");
}

#[test]
fn missing_recording_warns_and_strict_fails() {
    let (_tmp, project) = fixture_project();
    std::fs::remove_file(project.join("audio/hymns/7.ogg")).unwrap();
    let out = devocast(&project, &["build"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("warning episodes/one.md: no recording for hymn 7"),
        "{stdout}"
    );
    assert!(stdout.contains("1 warning:"), "{stdout}");
    // The stanza was read instead: its chapter is there.
    let chapters = std::fs::read_to_string(published(&project, "one").chapters).unwrap();
    assert!(chapters.contains("Rest, my soul (Hymn 7)"));

    let out = devocast(&project, &["build", "--strict"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("one.md") && stderr.contains("--strict") && stderr.contains("hymn 7"),
        "{stderr}"
    );
}

#[test]
fn corrupt_clip_fails_its_episode_only() {
    let (_tmp, project) = fixture_project();
    std::fs::write(
        project.join("audio/hymns/7.ogg"),
        b"OggS but not really an ogg file at all",
    )
    .unwrap();
    let out = devocast(&project, &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("7.ogg") && stderr.contains("one.md"),
        "{stderr}"
    );
    assert!(
        published(&project, "two").mp3.exists(),
        "the other episode must still build"
    );
}

/// The sample feed as apps see it, with the values that depend on the voice's exact output
/// (byte lengths, durations) masked. Set UPDATE_GOLDEN=1 to accept a deliberate change.
#[test]
fn feed_matches_golden_snapshot() {
    let (_tmp, project) = fixture_project();
    assert!(devocast(&project, &["build"]).status.success());
    let xml = std::fs::read_to_string(project.join("feed/feed.xml")).unwrap();
    let masked = mask(&xml);
    let golden = Path::new("tests/fixtures/golden/feed.xml");
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(golden, &masked).unwrap();
    }
    let expected =
        std::fs::read_to_string(golden).expect("golden file missing: run with UPDATE_GOLDEN=1");
    assert_eq!(
        masked, expected,
        "feed.xml changed; if intended, run with UPDATE_GOLDEN=1"
    );
}

fn mask(xml: &str) -> String {
    let mut out = String::new();
    for line in xml.lines() {
        let mut l = line.to_string();
        for (open, close) in [
            ("length=\"", "\""),
            ("<itunes:duration>", "</itunes:duration>"),
            ("<generator>", "</generator>"),
        ] {
            if let Some(i) = l.find(open) {
                if let Some(j) = l[i + open.len()..].find(close) {
                    l.replace_range(i + open.len()..i + open.len() + j, "MASKED");
                }
            }
        }
        // Chapter times in the show notes and Podlove chapters depend on speech length.
        if l.contains("<psc:chapter ") {
            if let Some(i) = l.find("start=\"") {
                l.replace_range(i + 7..i + 19, "MASKED------");
            }
        }
        out.push_str(&l);
        out.push('\n');
    }
    // Show notes carry chapter clock times: "<li>00:12 Title</li>".
    let mut masked = String::new();
    let mut rest = out.as_str();
    while let Some(i) = rest.find("<li>") {
        masked.push_str(&rest[..i + 4]);
        rest = &rest[i + 4..];
        let b = rest.as_bytes();
        if b.len() > 5 && b[2] == b':' && b[..2].iter().all(u8::is_ascii_digit) {
            masked.push_str("mm:ss");
            rest = &rest[5..];
        }
    }
    masked.push_str(rest);
    mask_hashes(&masked)
}

/// File names carry a hash of their content (`one.3f9a2c41d0.mp3`), which follows the
/// voice's exact output: masked as `one.HASH.mp3`.
fn mask_hashes(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        let hash = b[i] == b'.'
            && b.len() > i + 11
            && b[i + 11] == b'.'
            && b[i + 1..i + 11]
                .iter()
                .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(c));
        if hash {
            out.push_str(".HASH");
            i += 11;
        } else {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Whether the system espeak-ng library is here; without it the test says it skipped
/// (CI installs it and sets DEVOCAST_REQUIRE_SYSTEM_ESPEAK=1, so there it cannot skip).
fn system_voice() -> Option<devocast::voice::system::SystemEspeak> {
    match devocast::voice::system::SystemEspeak::open(&Default::default()) {
        Ok(v) => Some(v),
        Err(e) => {
            if std::env::var("DEVOCAST_REQUIRE_SYSTEM_ESPEAK").is_ok_and(|v| v == "1") {
                panic!("DEVOCAST_REQUIRE_SYSTEM_ESPEAK=1 but: {e:#}");
            }
            eprintln!("SKIPPED: the system espeak-ng library is not installed");
            None
        }
    }
}

#[test]
fn system_voice_audio_depends_only_on_the_sentence() {
    use devocast::voice::Voice;
    let Some(v) = system_voice() else { return };
    let say = |t: &str| v.synthesize(t).unwrap().samples;
    let a = say("The Lord is near.");
    let _ = say("Come, weary one, lay down your load; He bears it all!");
    let b = say("The Lord is near.");
    let _ = say("Hebrews chapter seven, verses twenty-five and twenty-six.");
    let c = say("The Lord is near.");
    assert!(
        a == b && b == c,
        "the same sentence sounded different after others"
    );
}

#[test]
fn system_voice_builds_are_byte_identical_in_any_order() {
    if system_voice().is_none() {
        return;
    }
    let (_t1, one) = fixture_project();
    let (_t2, two) = fixture_project();
    for p in [&one, &two] {
        set_engine(p, "system");
    }
    assert!(devocast(&one, &["build", "--jobs", "1"]).status.success());
    assert!(devocast(&two, &["build", "--jobs", "4"]).status.success());
    for slug in ["one", "two"] {
        let (a, b) = (published(&one, slug), published(&two, slug));
        assert_eq!(
            std::fs::read(&a.mp3).unwrap(),
            std::fs::read(&b.mp3).unwrap(),
            "{slug}: serial and parallel builds differ"
        );
    }
    // A cold rebuild (no cache) gives the same bytes again.
    std::fs::remove_dir_all(one.join(".devocast")).unwrap();
    assert!(devocast(&one, &["build", "--force"]).status.success());
    assert_eq!(
        std::fs::read(published(&one, "one").mp3).unwrap(),
        std::fs::read(published(&two, "one").mp3).unwrap(),
        "two cold builds differ"
    );
}
