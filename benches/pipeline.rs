//! Throughput of the audio stages on a 12-minute episode, in audio seconds per wall second.
//!
//!   cargo bench --bench pipeline
//!
//! Narration is the embedded voice reading a few sentences, tiled to 12 minutes with pauses
//! and the sample podcast's hymn recordings in between, so every stage sees realistic audio.
//! The target: everything except the MP3 encoder costs under 15% of the encoder's time.

use devocast::audio::library::{prepare, ClipSpec, FadeOut};
use devocast::audio::master::{match_levels, normalise, Region, RegionKind};
use devocast::audio::Pcm;
use devocast::config::VoiceConfig;
use devocast::encode::{mp3, Tags};
use devocast::voice::Voice;
use std::path::PathBuf;
use std::time::Instant;

const RATE: u32 = 44_100;
const SECONDS: f64 = 720.0;

fn main() {
    let voice = devocast::voice::embedded::EmbeddedEspeak::open(&VoiceConfig::default())
        .expect("embedded voice");
    let sentences = [
        "The Lord is near to all who call on Him.",
        "Come to Me, all who toil and are burdened, and I will give you rest.",
        "Abide in Me and I in you.",
        "Let the word of Christ dwell in you richly.",
    ];
    let speech: Vec<Pcm> = sentences
        .iter()
        .map(|s| {
            let sp = voice.synthesize(s).unwrap();
            let samples = devocast::audio::resample(&sp.samples, 1, sp.rate, RATE).unwrap();
            Pcm {
                rate: RATE,
                channels: 1,
                samples,
            }
        })
        .collect();
    let clips: Vec<PathBuf> = [
        "audio/hymns/501.mp3",
        "audio/hymns/302.ogg",
        "audio/hymns/427.mp3",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    let spec = |p: &PathBuf| ClipSpec {
        path: p.clone(),
        title: None,
        start: 0.0,
        end: None,
        fade_in: 0.015,
        fade_out: FadeOut::ByEnding {
            natural: 0.015,
            stopped: 2.0,
        },
    };

    // Decode + resample: every sample clip, repeated to 120 s of music.
    let t = Instant::now();
    let mut music: Vec<Pcm> = Vec::new();
    let mut music_seconds = 0.0;
    while music_seconds < 120.0 {
        for c in &clips {
            let p = prepare(&spec(c), RATE, 1).unwrap();
            music_seconds += p.seconds();
            music.push(p);
        }
    }
    let decode = t.elapsed().as_secs_f64();

    // Mix: narration sentences, pauses and the clips assembled into 12 minutes.
    let t = Instant::now();
    let mut pcm = Pcm::new(RATE, 1);
    pcm.samples
        .reserve((SECONDS * f64::from(RATE)) as usize + 10 * RATE as usize * 30);
    let mut regions = Vec::new();
    let mut k = 0;
    while pcm.seconds() < SECONDS {
        for s in &speech {
            pcm.samples.extend_from_slice(&s.samples);
            pcm.push_silence(RATE as usize / 4);
        }
        k += 1;
        if k % 25 == 0 {
            let clip = &music[(k / 25) % music.len()];
            let start = pcm.frames();
            pcm.samples.extend_from_slice(&clip.samples);
            regions.push(Region {
                start,
                end: pcm.frames(),
                kind: RegionKind::Hymn,
            });
        }
    }
    pcm.samples.truncate((SECONDS * f64::from(RATE)) as usize);
    regions.retain(|r| r.end <= pcm.frames());
    let mix = t.elapsed().as_secs_f64();

    // Loudness: level matching, normalisation, true-peak limiting. The encoder-loss estimate
    // runs LAME on a 15-second excerpt: that is encoder time, timed on its own.
    let settings = mp3::Settings {
        cbr_kbps: Some(64),
        vbr_quality: 6,
    };
    let t = Instant::now();
    let matched = match_levels(&mut pcm, &regions, -2.0).unwrap();
    let matching = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let loss = mp3::loudness_loss(&pcm, -19.0 - matched.loudness, &settings).unwrap();
    let estimate = t.elapsed().as_secs_f64();
    let t = Instant::now();
    normalise(&mut pcm, matched, -19.0, -1.0, loss).unwrap();
    let loudness = matching + t.elapsed().as_secs_f64();

    let t = Instant::now();
    let bytes = mp3::encode(&pcm, &settings, &Tags::default()).unwrap();
    let encode = t.elapsed().as_secs_f64();

    let total = decode + mix + loudness + estimate + encode;
    println!("12-minute episode ({SECONDS} s of audio, {:.0} s of music decoded), 44.1 kHz mono, MP3 64 kbit/s CBR ({} bytes; encoder loss estimate {loss:.2} LU)", music_seconds, bytes.len());
    println!("| stage | wall s | audio s per wall s | share of encoder time |");
    println!("|---|---|---|---|");
    for (name, secs, audio) in [
        ("decode + resample (clips)", decode, music_seconds),
        ("mix", mix, SECONDS),
        (
            "loudness (match, normalise, true-peak limit)",
            loudness,
            SECONDS,
        ),
        ("MP3 encode (LAME)", encode, SECONDS),
        ("MP3 loss estimate (LAME on a 15 s excerpt)", estimate, 15.0),
        ("end to end", total, SECONDS),
    ] {
        println!(
            "| {name} | {secs:.3} | {:.0}× | {:.0}% |",
            audio / secs,
            100.0 * secs / encode
        );
    }
    println!(
        "non-encoder stages: {:.0}% of encoder time (target < 15%); with the excerpt encode {:.0}%",
        100.0 * (decode + mix + loudness) / encode,
        100.0 * (decode + mix + loudness + estimate) / encode
    );
}
