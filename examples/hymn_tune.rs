//! Renders the sample podcast's music to WAV with simple additive "organ" synthesis, so every
//! clip in `audio/` is our own: OLD HUNDREDTH (Louis Bourgeois, 1551, public domain) and two
//! short pieces written for this project. `scripts/make-clips.sh` encodes the results.
//!
//!   cargo run --release --example hymn_tune -- TUNE OUT.wav RATE CHANNELS
//!   TUNE: old100 | old100-f | rest | chime-up | chime-down

use std::f64::consts::TAU;

/// (MIDI note, beats) per melody note.
type Line = &'static [(u8, f64)];

const OLD_100: &[Line] = &[
    &[
        (67, 2.0),
        (67, 1.0),
        (66, 1.0),
        (64, 1.0),
        (62, 1.0),
        (67, 1.0),
        (69, 1.0),
        (71, 2.0),
    ],
    &[
        (71, 2.0),
        (71, 1.0),
        (71, 1.0),
        (69, 1.0),
        (67, 1.0),
        (72, 1.0),
        (71, 1.0),
        (69, 2.0),
    ],
    &[
        (67, 2.0),
        (69, 1.0),
        (71, 1.0),
        (69, 1.0),
        (67, 1.0),
        (64, 1.0),
        (66, 1.0),
        (67, 2.0),
    ],
    &[
        (74, 2.0),
        (71, 1.0),
        (67, 1.0),
        (69, 1.0),
        (72, 1.0),
        (71, 1.0),
        (69, 1.0),
        (67, 3.0),
    ],
];

/// A 7.7.7.7 tune written for this project ("Come, you weary, come and rest").
const REST: &[Line] = &[
    &[
        (62, 1.0),
        (66, 1.0),
        (69, 1.0),
        (69, 1.0),
        (71, 1.0),
        (69, 1.0),
        (66, 2.0),
    ],
    &[
        (67, 1.0),
        (67, 1.0),
        (66, 1.0),
        (64, 1.0),
        (62, 1.0),
        (64, 1.0),
        (66, 2.0),
    ],
    &[
        (69, 1.0),
        (69, 1.0),
        (71, 1.0),
        (73, 1.0),
        (74, 1.0),
        (73, 1.0),
        (71, 2.0),
    ],
    &[
        (69, 1.0),
        (66, 1.0),
        (67, 1.0),
        (64, 1.0),
        (62, 1.0),
        (64, 1.0),
        (62, 3.0),
    ],
];

const CHIME_UP: &[Line] = &[&[(62, 0.5), (66, 0.5), (69, 0.5), (74, 2.5)]];
const CHIME_DOWN: &[Line] = &[&[(74, 0.5), (69, 0.5), (66, 0.5), (62, 2.5)]];

fn freq(midi: f64) -> f64 {
    440.0 * 2f64.powf((midi - 69.0) / 12.0)
}

/// Chord tones under a melody note, by a plain rule of thumb for the keys used here.
fn chord(pc: u8, key_shift: i8) -> [u8; 3] {
    let pc = (pc as i16 - key_shift as i16).rem_euclid(12) as u8;
    let c = match pc {
        7 | 11 | 2 => [55, 59, 62], // G major
        9 | 6 => [50, 54, 57],      // D major
        0 | 4 => [48, 52, 55],      // C major
        1 => [57, 61, 64],          // A major
        _ => [55, 59, 62],
    };
    c.map(|n| (n as i16 + key_shift as i16) as u8)
}

fn organ(f: f64, t: f64) -> f64 {
    [
        (1.0, 1.0),
        (2.0, 0.45),
        (3.0, 0.25),
        (4.0, 0.15),
        (6.0, 0.06),
    ]
    .iter()
    .map(|(h, a)| a * (TAU * f * h * t).sin())
    .sum::<f64>()
        / 1.9
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 5 {
        eprintln!("usage: hymn_tune TUNE OUT.wav RATE CHANNELS");
        std::process::exit(2);
    }
    let (tune, shift, bpm): (&[Line], i8, f64) = match args[1].as_str() {
        "old100" => (OLD_100, 0, 116.0),
        "old100-f" => (OLD_100, -2, 112.0),
        "rest" => (REST, 0, 108.0),
        "chime-up" => (CHIME_UP, 0, 150.0),
        "chime-down" => (CHIME_DOWN, 0, 150.0),
        other => {
            eprintln!("unknown tune {other}");
            std::process::exit(2);
        }
    };
    let rate: u32 = args[3].parse().expect("RATE");
    let channels: u16 = args[4].parse().expect("CHANNELS");
    let beat = 60.0 / bpm;
    let mut notes = Vec::new(); // (start s, dur s, midi)
    let mut t = 0.0;
    for line in tune {
        for &(n, beats) in line.iter() {
            notes.push((t, beats * beat, n as i16 + shift as i16));
            t += beats * beat;
        }
    }
    let total = t + 1.5;
    let n = (total * f64::from(rate)) as usize;
    let mut dry = vec![0.0f64; n];
    for &(start, dur, midi) in &notes {
        let voices: Vec<(f64, f64)> = std::iter::once((freq(midi as f64), 0.55))
            .chain(
                chord((midi.rem_euclid(12)) as u8, shift)
                    .iter()
                    .map(|&c| (freq(c as f64), 0.16)),
            )
            .chain(std::iter::once((
                freq((chord(midi.rem_euclid(12) as u8, shift)[0] - 12) as f64),
                0.2,
            )))
            .collect();
        let s0 = (start * f64::from(rate)) as usize;
        let len = ((dur * 0.95) * f64::from(rate)) as usize;
        for i in 0..len.min(n - s0) {
            let tt = i as f64 / f64::from(rate);
            let env = (tt / 0.03).min(1.0) * ((dur * 0.95 - tt) / 0.08).clamp(0.0, 1.0);
            let v: f64 = voices.iter().map(|(f, a)| a * organ(*f, tt)).sum();
            dry[s0 + i] += 0.32 * env * v;
        }
    }
    // A little room: three feedback combs, slightly different per channel for width.
    let mut out = vec![0i16; n * channels as usize];
    for ch in 0..channels as usize {
        let delays = [0.0297, 0.0371, 0.0411]
            .map(|d: f64| ((d + 0.0023 * ch as f64) * f64::from(rate)) as usize);
        let mut wet = dry.clone();
        for d in delays {
            for i in d..n {
                wet[i] += 0.28 * wet[i - d];
            }
        }
        for i in 0..n {
            let s = (0.75 * dry[i] + 0.25 * wet[i] / 2.0).clamp(-1.0, 1.0);
            out[i * channels as usize + ch] = (s * 32000.0) as i16;
        }
    }
    let spec = hound::WavSpec {
        channels,
        sample_rate: rate,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut w = hound::WavWriter::create(&args[2], spec).expect("create WAV");
    for s in out {
        w.write_sample(s).expect("write");
    }
    w.finalize().expect("finalize");
}
