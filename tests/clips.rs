//! Recorded clips in every common format, rate and layout decode, and resample to the
//! episode's format at the right length (within one sample per second of audio).

use devocast::audio::decode::{decode_file, decode_file_checked};
use devocast::audio::library::{prepare, prepare_checked, ClipSpec, FadeOut};
use std::path::{Path, PathBuf};

const FIXTURES: &[(&str, u32, u16)] = &[
    ("tone-22050-mono.mp3", 22_050, 1),
    ("tone-44100-stereo.mp3", 44_100, 2),
    ("tone-48000-mono.mp3", 48_000, 1),
    ("tone-22050-stereo.flac", 22_050, 2),
    ("tone-48000-mono.flac", 48_000, 1),
    ("tone-44100-mono.ogg", 44_100, 1),
    ("tone-48000-stereo.ogg", 48_000, 2),
    ("tone-22050-mono.ogg", 22_050, 1),
];

fn spec(path: PathBuf) -> ClipSpec {
    ClipSpec {
        path,
        title: None,
        start: 0.0,
        end: None,
        fade_in: 0.0,
        fade_out: FadeOut::Fixed(0.0),
    }
}

/// Writes the same half-second chord as the other fixtures as WAV (hound), in the test.
fn wav(dir: &Path, rate: u32, channels: u16) -> PathBuf {
    let path = dir.join(format!("tone-{rate}-{channels}.wav"));
    let spec = hound::WavSpec {
        channels,
        sample_rate: rate,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut w = hound::WavWriter::create(&path, spec).unwrap();
    for i in 0..rate / 2 {
        let t = f64::from(i) / f64::from(rate);
        let s = 0.4
            * ((t * 440.0 * std::f64::consts::TAU).sin()
                + (t * 660.0 * std::f64::consts::TAU).sin());
        for _ in 0..channels {
            w.write_sample((s * 32000.0) as i16).unwrap();
        }
    }
    w.finalize().unwrap();
    path
}

/// Zero crossings per second of the first channel: the chord's pattern repeats at 220 Hz,
/// with a fixed number of upward crossings per period.
fn dominant_rate_ok(samples: &[f32], channels: usize, rate: u32) -> bool {
    let mono: Vec<f32> = samples.chunks(channels).map(|f| f[0]).collect();
    let ups = mono
        .windows(2)
        .filter(|w| w[0] < 0.0 && w[1] >= 0.0)
        .count() as f64;
    let per_second = ups / (mono.len() as f64 / f64::from(rate));
    (400.0..=700.0).contains(&per_second)
}

#[test]
fn every_format_rate_and_layout_decodes_and_resamples_to_length() {
    let dir = tempfile::tempdir().unwrap();
    let mut cases: Vec<(PathBuf, u32, u16)> = FIXTURES
        .iter()
        .map(|(f, r, c)| (Path::new("tests/fixtures/clips").join(f), *r, *c))
        .collect();
    cases.push((wav(dir.path(), 22_050, 1), 22_050, 1));
    cases.push((wav(dir.path(), 48_000, 2), 48_000, 2));
    cases.push((wav(dir.path(), 44_100, 2), 44_100, 2));
    for (path, rate, channels) in cases {
        let name = path.display().to_string();
        let decoded = decode_file(&path).unwrap_or_else(|e| panic!("{name}: {e:#}"));
        assert_eq!((decoded.rate, decoded.channels), (rate, channels), "{name}");
        let expected = f64::from(rate) * 0.5;
        assert!(
            (decoded.frames() as f64 - expected).abs() <= 1.0,
            "{name}: decoded {} frames, expected {expected}",
            decoded.frames()
        );
        assert!(
            dominant_rate_ok(&decoded.samples, channels.into(), rate),
            "{name}: not the test chord"
        );
        for (out_rate, out_ch) in [(44_100u32, 1u16), (48_000, 2)] {
            let p = prepare(&spec(path.clone()), out_rate, out_ch).unwrap();
            let want = f64::from(out_rate) * 0.5;
            assert_eq!(p.channels, out_ch);
            assert!(
                (p.frames() as f64 - want).abs() <= 1.0,
                "{name} → {out_rate}/{out_ch}: {} frames, want {want}",
                p.frames()
            );
            assert!(
                dominant_rate_ok(&p.samples, out_ch.into(), out_rate),
                "{name} → {out_rate}: pitch changed"
            );
        }
    }
}

#[test]
fn aac_in_mp4_decodes() {
    let p = decode_file(Path::new("tests/fixtures/clips/tone-44100-stereo.m4a")).unwrap();
    assert_eq!((p.rate, p.channels), (44_100, 2));
    // AAC in MP4 carries encoder priming that symphonia does not trim: allow two frames.
    assert!(
        (p.frames() as i64 - 22_050).abs() <= 2 * 1024 + 1,
        "{}",
        p.frames()
    );
    assert!(dominant_rate_ok(&p.samples[4096..], 2, 44_100));
}

#[test]
fn trimming_uses_start_and_end() {
    let mut s = spec(PathBuf::from("tests/fixtures/clips/tone-48000-mono.flac"));
    s.start = 0.1;
    s.end = Some(0.35);
    let p = prepare(&s, 44_100, 1).unwrap();
    assert!((p.frames() as i64 - 11_025).abs() <= 1, "{}", p.frames());
}

#[test]
fn corrupt_and_unsupported_files_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("broken.mp3");
    std::fs::write(&junk, vec![0x55u8; 4000]).unwrap();
    let err = format!("{:#}", prepare(&spec(junk), 44_100, 1).unwrap_err());
    assert!(err.contains("broken.mp3"), "{err}");

    // A truncated FLAC: the header survives, most of the audio does not.
    let bytes = std::fs::read("tests/fixtures/clips/tone-48000-mono.flac").unwrap();
    let cut = dir.path().join("cut.flac");
    std::fs::write(&cut, &bytes[..bytes.len() / 3]).unwrap();
    match decode_file(&cut) {
        Ok(p) => assert!(p.frames() < 24_000, "truncated file decoded in full?"),
        Err(e) => assert!(format!("{e:#}").contains("cut.flac")),
    }
}

#[test]
fn truncated_recordings_are_named_in_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let sources = [
        PathBuf::from("audio/hymns/302.ogg"),
        PathBuf::from("audio/hymns/427.mp3"),
        PathBuf::from("audio/intro.flac"),
        wav(dir.path(), 44_100, 2),
    ];
    for src in &sources {
        let bytes = std::fs::read(src).unwrap();
        let name = src.file_name().unwrap().to_string_lossy().into_owned();
        // Whole: no warning.
        let (_, warnings) = prepare_checked(&spec(src.clone()), 44_100, 1).unwrap();
        assert!(warnings.is_empty(), "{name}: {warnings:?}");
        for percent in [50, 75, 90] {
            let cut = dir.path().join(format!("cut-{percent}-{name}"));
            std::fs::write(&cut, &bytes[..bytes.len() * percent / 100]).unwrap();
            match prepare_checked(&spec(cut.clone()), 44_100, 1) {
                Ok((_, warnings)) => assert!(
                    warnings.len() == 1 && warnings[0].contains("cut short"),
                    "{name} at {percent}%: {warnings:?}"
                ),
                // Cut before the first audio: an error that names the file is right too.
                Err(e) => assert!(
                    format!("{e:#}").contains(&format!("cut-{percent}-{name}")),
                    "{name} at {percent}%: {e:#}"
                ),
            }
        }
    }
}

#[test]
fn silent_tiny_and_impossible_files_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    // 1,000 bytes of an MP3: a few frames of near-silence.
    let bytes = std::fs::read("audio/hymns/427.mp3").unwrap();
    let tiny = dir.path().join("tiny.mp3");
    std::fs::write(&tiny, &bytes[..1000]).unwrap();
    let err = format!("{:#}", decode_file_checked(&tiny).unwrap_err());
    assert!(
        err.contains("tiny.mp3") && err.contains("too short"),
        "{err}"
    );

    // Digital silence in a well-formed WAV.
    let silent = dir.path().join("silent.wav");
    let spec_ = hound::WavSpec {
        channels: 1,
        sample_rate: 44_100,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut w = hound::WavWriter::create(&silent, spec_).unwrap();
    for _ in 0..44_100 {
        w.write_sample(0i16).unwrap();
    }
    w.finalize().unwrap();
    let err = format!("{:#}", decode_file_checked(&silent).unwrap_err());
    assert!(
        err.contains("silent.wav") && err.contains("silence"),
        "{err}"
    );

    // A header claiming 4,294,967,295 Hz, and one claiming 0 channels.
    let good = std::fs::read(wav(dir.path(), 44_100, 1)).unwrap();
    let mut huge = good.clone();
    huge[24..28].copy_from_slice(&u32::MAX.to_le_bytes());
    let path = dir.path().join("huge-rate.wav");
    std::fs::write(&path, &huge).unwrap();
    let err = format!("{:#}", prepare(&spec(path), 44_100, 1).unwrap_err());
    assert!(
        err.contains("huge-rate.wav") && (err.contains("Hz") || err.contains("not a supported")),
        "{err}"
    );
    let mut none = good;
    none[22..24].copy_from_slice(&0u16.to_le_bytes());
    let path = dir.path().join("no-channels.wav");
    std::fs::write(&path, &none).unwrap();
    let err = format!("{:#}", prepare(&spec(path), 44_100, 1).unwrap_err());
    assert!(err.contains("no-channels.wav"), "{err}");
}

// Recordings breathe: silence trimmed at both edges, a musical fade-out where the music stops.

const RATE: u32 = 44_100;

/// Writes mono `samples` (at `rate`, copied to every channel) as a 16-bit WAV.
fn write_wav(path: &Path, rate: u32, channels: u16, samples: &[f32]) -> PathBuf {
    let spec = hound::WavSpec {
        channels,
        sample_rate: rate,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut w = hound::WavWriter::create(path, spec).unwrap();
    for s in samples {
        for _ in 0..channels {
            w.write_sample((s * 32_000.0) as i16).unwrap();
        }
    }
    w.finalize().unwrap();
    path.to_path_buf()
}

/// `seconds` of a two-note chord at `rate`, RMS `0.2 × amp`, its level shaped by `env(t)`.
fn chord(rate: u32, seconds: f64, amp: f64, env: impl Fn(f64) -> f64) -> Vec<f32> {
    (0..(seconds * f64::from(rate)) as usize)
        .map(|i| {
            let t = i as f64 / f64::from(rate);
            let s = (t * 392.0 * std::f64::consts::TAU).sin()
                + (t * 494.0 * std::f64::consts::TAU).sin();
            (0.2 * amp * s * env(t)) as f32
        })
        .collect()
}

fn quiet(rate: u32, seconds: f64) -> Vec<f32> {
    vec![0.0; (seconds * f64::from(rate)) as usize]
}

/// The fades devocast uses by default: 15 ms, or 2 s where the music stops.
fn by_ending(path: PathBuf) -> ClipSpec {
    ClipSpec {
        fade_out: FadeOut::ByEnding {
            natural: 0.015,
            stopped: 2.0,
        },
        fade_in: 0.015,
        ..spec(path)
    }
}

/// RMS of the first channel of `p` between `from` and `to` seconds (negative: from the end).
fn rms(p: &devocast::audio::Pcm, from: f64, to: f64) -> f64 {
    let ch = usize::from(p.channels);
    let at = |s: f64| {
        let f = (s.abs() * f64::from(p.rate)) as usize;
        if s < 0.0 {
            p.frames() - f
        } else {
            f
        }
    };
    let part: Vec<f64> = p.samples[at(from) * ch..at(to) * ch]
        .iter()
        .step_by(ch)
        .map(|s| f64::from(*s))
        .collect();
    (part.iter().map(|s| s * s).sum::<f64>() / part.len() as f64).sqrt()
}

#[test]
fn leading_and_trailing_silence_is_trimmed_in_any_rate_and_layout() {
    let dir = tempfile::tempdir().unwrap();
    for (rate, channels) in [(48_000u32, 2u16), (22_050, 1), (44_100, 1), (32_000, 2)] {
        // 1 s of silence, 3 s of music that stops loud, 4 s of silence with a click in it.
        let mut samples = [
            quiet(rate, 1.0),
            chord(rate, 3.0, 1.0, |_| 1.0),
            quiet(rate, 4.0),
        ]
        .concat();
        samples[(5.5 * f64::from(rate)) as usize] = 0.9;
        let path = write_wav(
            &dir.path().join(format!("padded-{rate}-{channels}.wav")),
            rate,
            channels,
            &samples,
        );
        for out_channels in [1u16, 2] {
            let p = prepare(&by_ending(path.clone()), RATE, out_channels).unwrap();
            let name = format!("{rate}/{channels} → {out_channels}");
            // The music and at most the 25 ms kept at each edge plus one 20 ms block.
            assert!(
                p.seconds() >= 3.0 && p.seconds() <= 3.0 + 2.0 * 0.045,
                "{name}: {} s",
                p.seconds()
            );
            // The attack is kept: full level within 50 ms of the start.
            assert!(rms(&p, 0.05, 0.1) > 0.15, "{name}: {}", rms(&p, 0.05, 0.1));
        }
    }
}

#[test]
fn a_recording_that_stops_loud_fades_out_over_two_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_wav(
        &dir.path().join("stops.wav"),
        RATE,
        1,
        &[chord(RATE, 6.0, 1.0, |_| 1.0), quiet(RATE, 2.0)].concat(),
    );
    let p = prepare(&by_ending(path), RATE, 1).unwrap();
    // A raised cosine over the last 2 s: half-way down a second before the end.
    let body = rms(&p, 1.0, 3.0);
    let middle = rms(&p, -1.05, -0.95);
    assert!((middle / body - 0.5).abs() < 0.08, "{middle} vs {body}");
    assert!(rms(&p, -0.2, -0.0001) < 0.05 * body);
    // Not earlier: full level 2.2 s before the end.
    assert!((rms(&p, -2.3, -2.2) / body - 1.0).abs() < 0.02);
}

#[test]
fn a_recording_cut_short_by_end_fades_out_even_in_a_quiet_passage() {
    let dir = tempfile::tempdir().unwrap();
    // A quiet passage (about −43 dBFS RMS: above silence, not loud) cut mid-way by `end`.
    let path = write_wav(
        &dir.path().join("quiet.wav"),
        RATE,
        1,
        &chord(RATE, 8.0, 0.035, |_| 1.0),
    );
    let mut s = by_ending(path);
    s.end = Some(7.0);
    let p = prepare(&s, RATE, 1).unwrap();
    assert!((p.seconds() - 7.0).abs() < 0.01, "{}", p.seconds());
    let body = rms(&p, 1.0, 2.0);
    let middle = rms(&p, -1.05, -0.95);
    assert!((middle / body - 0.5).abs() < 0.08, "{middle} vs {body}");
}

#[test]
fn a_recording_that_dies_away_or_is_let_go_keeps_its_ending_and_the_short_fade() {
    let dir = tempfile::tempdir().unwrap();
    // 2 s of music, then a tail falling 40 dB a second from −14 dBFS RMS: it passes
    // −50 dBFS 0.9 s in, and is silence from 1.2 s; then 3 s of silence.
    let decays = [
        chord(RATE, 2.0, 1.0, |_| 1.0),
        chord(RATE, 1.2, 1.0, |t| 10f64.powf(-2.0 * t)),
        quiet(RATE, 3.0),
    ]
    .concat();
    // 2.9 s of music whose last chord is let go over 100 ms, as an organist lifts the
    // hands in a dry room, then 3 s of silence.
    let let_go = [
        chord(RATE, 2.9, 1.0, |t| ((2.9 - t) / 0.1).min(1.0)),
        quiet(RATE, 3.0),
    ]
    .concat();
    for (name, source) in [("decays", decays), ("let-go", let_go)] {
        let path = write_wav(&dir.path().join(format!("{name}.wav")), RATE, 1, &source);
        let decoded = decode_file(&path).unwrap();
        for end in [None, Some(5.0)] {
            // `end` in the trailing silence does not make the ending a stop.
            let mut s = by_ending(path.clone());
            s.end = end;
            let p = prepare(&s, RATE, 1).unwrap();
            assert!(
                p.seconds() >= 2.88 && p.seconds() <= 2.9 + 0.05,
                "{name} {end:?}: {} s",
                p.seconds()
            );
            // Everything but the 15 ms fades is the recording, untouched.
            let fade = (0.015 * f64::from(RATE)) as usize;
            let untouched = fade..p.frames() - fade;
            assert_eq!(
                p.samples[untouched.clone()],
                decoded.samples[untouched],
                "{name} {end:?}"
            );
        }
    }
}

#[test]
fn a_fade_out_given_for_the_hymn_wins() {
    let dir = tempfile::tempdir().unwrap();
    let stops = write_wav(
        &dir.path().join("stops.wav"),
        RATE,
        1,
        &[
            quiet(RATE, 0.5),
            chord(RATE, 4.0, 1.0, |_| 1.0),
            quiet(RATE, 1.0),
        ]
        .concat(),
    );
    let mut s = spec(stops);
    s.fade_out = FadeOut::Fixed(0.4);
    let p = prepare(&s, RATE, 1).unwrap();
    let body = rms(&p, 1.0, 2.0);
    // 0.4 s, not 2 s: half-way down 0.2 s before the end, full level 0.5 s before it.
    assert!((rms(&p, -0.21, -0.19) / body - 0.5).abs() < 0.1);
    assert!((rms(&p, -0.6, -0.5) / body - 1.0).abs() < 0.02);
}

#[test]
fn a_short_recording_that_stops_is_not_all_fade() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_wav(
        &dir.path().join("short.wav"),
        RATE,
        2,
        &[chord(RATE, 0.9, 1.0, |_| 1.0), quiet(RATE, 1.0)].concat(),
    );
    let p = prepare(&by_ending(path), RATE, 1).unwrap();
    // The fade is at most a third of the clip (about 0.3 s): full level before that.
    let third = p.seconds() / 3.0;
    assert!(third < 0.35, "{}", p.seconds());
    assert!(rms(&p, 0.1, 0.5) > 0.19, "{}", rms(&p, 0.1, 0.5));
    assert!(rms(&p, -(third + 0.05), -(third + 0.01)) > 0.19);
    assert!(rms(&p, -(third / 2.0) - 0.01, -(third / 2.0) + 0.01) < 0.15);
}

#[test]
fn a_part_with_no_sound_plays_untrimmed_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_wav(
        &dir.path().join("tail.wav"),
        RATE,
        1,
        &[chord(RATE, 2.0, 1.0, |_| 1.0), quiet(RATE, 3.0)].concat(),
    );
    let mut s = by_ending(path);
    s.start = 2.5;
    let (p, warnings) = prepare_checked(&s, RATE, 1).unwrap();
    assert!((p.seconds() - 2.5).abs() < 0.01, "{}", p.seconds());
    assert!(
        warnings.len() == 1 && warnings[0].contains("no sound above -50 dBFS"),
        "{warnings:?}"
    );
    // A whole file of silence is still refused, by name.
    let silent = write_wav(&dir.path().join("hush.wav"), RATE, 1, &quiet(RATE, 2.0));
    let err = format!("{:#}", prepare(&by_ending(silent), RATE, 1).unwrap_err());
    assert!(err.contains("hush.wav") && err.contains("silence"), "{err}");
}
