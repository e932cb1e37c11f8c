//! Voices level-matched to the narration: when several voices read an episode (`[voices.*]`),
//! each one's sentences are brought to the narrator's integrated loudness, so a change of
//! reader is never a jump in level. Mastering then treats the whole as one narration.

use super::master::integrated;
use super::Pcm;
use anyhow::Result;
use std::collections::BTreeMap;

/// The integrated loudness of the stretches `spans` (frames) of `pcm`, measured as if
/// played one after another; −∞ when too short to measure.
pub fn loudness_of(pcm: &Pcm, spans: &[(usize, usize)]) -> Result<f64> {
    let ch = usize::from(pcm.channels);
    let mut samples = Vec::new();
    for (a, b) in spans {
        samples.extend_from_slice(&pcm.samples[a * ch..b * ch]);
    }
    if samples.is_empty() {
        return Ok(f64::NEG_INFINITY);
    }
    integrated(&samples, pcm.channels, pcm.rate)
}

/// Gains each voice's stretches (`spoken_by`: voice id, first frame, end frame) to the
/// loudness of the `narrator`'s (or, if the narrator read nothing, of the voice that read
/// most). One voice alone is left as it is.
pub fn match_readers(
    pcm: &mut Pcm,
    spoken_by: &[(String, usize, usize)],
    narrator: &str,
) -> Result<()> {
    let mut by_voice: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for (id, a, b) in spoken_by {
        by_voice.entry(id.as_str()).or_default().push((*a, *b));
    }
    if by_voice.len() < 2 {
        return Ok(());
    }
    let frames = |spans: &Vec<(usize, usize)>| spans.iter().map(|(a, b)| b - a).sum::<usize>();
    let reference = if by_voice.contains_key(narrator) {
        narrator
    } else {
        by_voice
            .iter()
            .max_by_key(|(_, s)| frames(s))
            .map_or(narrator, |(id, _)| *id)
    };
    let target = loudness_of(pcm, &by_voice[reference])?;
    if !target.is_finite() {
        return Ok(());
    }
    let ch = usize::from(pcm.channels);
    for (id, spans) in &by_voice {
        if *id == reference {
            continue;
        }
        let level = loudness_of(pcm, spans)?;
        if !level.is_finite() {
            continue;
        }
        let g = 10f64.powf((target - level) / 20.0) as f32;
        for (a, b) in spans {
            for s in &mut pcm.samples[a * ch..b * ch] {
                *s *= g;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(pcm: &mut Pcm, seconds: f32, amplitude: f32, hz: f32) -> (usize, usize) {
        let start = pcm.frames();
        let n = (seconds * pcm.rate as f32) as usize;
        let rate = pcm.rate as f32;
        pcm.samples.extend(
            (0..n).map(|i| (i as f32 * hz * std::f32::consts::TAU / rate).sin() * amplitude),
        );
        (start, pcm.frames())
    }

    #[test]
    fn a_quieter_and_a_louder_voice_end_at_the_narrators_level() {
        let mut pcm = Pcm::new(16_000, 1);
        let mut spoken = Vec::new();
        for (id, amp, hz) in [
            ("n", 0.3, 220.0),
            ("s", 0.05, 330.0),
            ("n", 0.3, 200.0),
            ("q", 0.9, 500.0),
        ] {
            let (a, b) = tone(&mut pcm, 1.5, amp, hz);
            spoken.push((id.to_string(), a, b));
            pcm.push_silence(3_000);
        }
        let spans = |who: &str| -> Vec<(usize, usize)> {
            spoken
                .iter()
                .filter(|s| s.0 == who)
                .map(|s| (s.1, s.2))
                .collect()
        };
        let before = (
            loudness_of(&pcm, &spans("n")).unwrap(),
            loudness_of(&pcm, &spans("s")).unwrap(),
        );
        assert!((before.0 - before.1).abs() > 10.0, "{before:?}");
        match_readers(&mut pcm, &spoken, "n").unwrap();
        let n = loudness_of(&pcm, &spans("n")).unwrap();
        for who in ["s", "q"] {
            let l = loudness_of(&pcm, &spans(who)).unwrap();
            assert!((l - n).abs() <= 1.0, "{who}: {l} vs narrator {n}");
        }
        // The narrator is the reference: its level is untouched.
        assert!((n - before.0).abs() < 0.01);
    }
}
