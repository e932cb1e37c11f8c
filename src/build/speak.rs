//! `devocast script FILE --speak`: the script read aloud at once through the operating
//! system's own speech service (tts-rs: speech-dispatcher, SAPI/WinRT, AVSpeechSynthesizer),
//! sentence by sentence, each printed as it is spoken. A producer, or a blind producer with
//! their own screen-reader voice and rate, hears the reading rules before anything is
//! rendered. It is a preview only: tts-rs cannot write audio, so building never uses it.

use super::listen::Step;
use anyhow::{anyhow, bail, Context, Result};
use std::io::Write;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};
use tts::{Tts, UtteranceId};

/// Speaks the steps in order, printing each sentence as it starts.
pub fn aloud(steps: &[Step], language: &str, out: &mut dyn Write) -> Result<()> {
    let mut tts = Tts::default().map_err(|e| {
        anyhow!(
            "the system's speech service did not answer ({e}); on Linux, speech-dispatcher \
             must be installed and able to start"
        )
    })?;
    choose_voice(&mut tts, language);
    let finished = finished_channel(&tts);
    for step in steps {
        match step {
            Step::Chapter(title) => writeln!(out, "chapter  {title}")?,
            Step::Say { spoken, .. } => {
                writeln!(out, "speak    {spoken}")?;
                out.flush()?;
                let id = tts
                    .speak(spoken.as_str(), false)
                    .map_err(|e| anyhow!("the speech service refused a sentence: {e}"))?;
                wait_until_spoken(&tts, finished.as_ref(), id, spoken)?;
            }
            Step::Silence(ms) => std::thread::sleep(Duration::from_millis(u64::from(*ms))),
            Step::Recording(file) => writeln!(out, "(recording plays: {file})")?,
        }
    }
    out.flush().context("writing the script")
}

/// The service's first voice in the podcast's language, where the service lets us choose;
/// otherwise its own default (the user's screen-reader voice).
fn choose_voice(tts: &mut Tts, language: &str) {
    if !tts.supported_features().voice {
        return;
    }
    let wanted = primary_subtag(language);
    let voices = tts.voices().unwrap_or_default();
    let current = tts.voice().ok().flatten();
    if current.is_some_and(|v| primary_subtag(v.language().as_str()) == wanted) {
        return;
    }
    if let Some(voice) = voices
        .iter()
        .find(|v| primary_subtag(v.language().as_str()) == wanted)
    {
        let _ = tts.set_voice(voice);
    }
}

/// "en" of "en-US" (lowercase).
pub fn primary_subtag(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Where the service tells us an utterance ended or was stopped, when it can.
fn finished_channel(tts: &Tts) -> Option<Receiver<UtteranceId>> {
    if !tts.supported_features().utterance_callbacks {
        return None;
    }
    let (ended, rx) = channel();
    let stopped = ended.clone();
    let ok = tts
        .on_utterance_end(Some(Box::new(move |id| {
            let _ = ended.send(id);
        })))
        .is_ok()
        && tts
            .on_utterance_stop(Some(Box::new(move |id| {
                let _ = stopped.send(id);
            })))
            .is_ok();
    ok.then_some(rx)
}

/// Blocks until the service has finished the sentence: by its callback, else by asking
/// whether it still speaks, else for as long as reading it takes at a usual rate.
fn wait_until_spoken(
    tts: &Tts,
    finished: Option<&Receiver<UtteranceId>>,
    id: Option<UtteranceId>,
    text: &str,
) -> Result<()> {
    let limit = patience(text);
    if let (Some(rx), Some(id)) = (finished, id) {
        return wait_for_callback(rx, id, limit);
    }
    if tts.supported_features().is_speaking {
        let start = Instant::now();
        while tts.is_speaking().unwrap_or(false) {
            if start.elapsed() > limit {
                bail!(too_long(limit));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        return Ok(());
    }
    std::thread::sleep(reading_time(text));
    Ok(())
}

fn wait_for_callback(rx: &Receiver<UtteranceId>, id: UtteranceId, limit: Duration) -> Result<()> {
    let deadline = Instant::now() + limit;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(done) if done == id => return Ok(()),
            Ok(_) => continue,
            Err(RecvTimeoutError::Timeout) => bail!(too_long(limit)),
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
    }
}

fn too_long(limit: Duration) -> String {
    format!(
        "the speech service did not finish a sentence within {} s: is its audio output working?",
        limit.as_secs()
    )
}

/// About how long a sentence takes at a usual reading rate (15 characters a second).
pub fn reading_time(text: &str) -> Duration {
    Duration::from_millis(text.chars().count() as u64 * 1000 / 15)
}

/// How long to wait for a sentence before deciding the service is stuck: four times a
/// usual reading, for slow screen-reader rates, and never under ten seconds.
fn patience(text: &str) -> Duration {
    (reading_time(text) * 4).max(Duration::from_secs(10))
}
