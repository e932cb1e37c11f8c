#!/usr/bin/env python3
"""Check a built devocast podcast with tools nobody on the project wrote.

usage: check-feed.py FEED_DIR [TARGET_LUFS]

For every episode in FEED_DIR/feed.xml: gPodder's podcastparser and feedparser must read the
enclosure (URL, exact byte length, type) and the duration; ffprobe must list the same chapters
as the episode's chapters JSON (titles and start times); mutagen must find a top-level, ordered
CTOC naming every CHAP frame, and front-cover art; ffmpeg's ebur128 filter must measure
the integrated loudness within 0.5 LU of TARGET_LUFS (default -19) and the true peak at or
below -1 dBTP. Exits non-zero on the first mismatch, printing what it saw.
Needs: ffprobe (Debian ffmpeg), and PyPI podcastparser, feedparser, mutagen.
"""
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from urllib.parse import unquote

import feedparser
import podcastparser
from mutagen.id3 import ID3

failures = []


def check(cond, msg):
    print(("ok   " if cond else "FAIL ") + msg)
    if not cond:
        failures.append(msg)


def main(root, target=-19.0):
    target = float(target)
    feed = os.path.join(root, "feed.xml")
    with open(feed, "rb") as f:
        pp = podcastparser.parse("file://" + os.path.abspath(feed), f)
    fp = feedparser.parse(feed)
    # The chapters file of each enclosure, as the feed's podcast:chapters names it (file
    # names carry a content hash, so they are read from the feed, not guessed).
    ns = {"podcast": "https://podcastindex.org/namespace/1.0"}
    chapters_of = {}
    for item in ET.parse(feed).getroot().iter("item"):
        enclosure = item.find("enclosure").get("url")
        chapters_of[enclosure] = item.find("podcast:chapters", ns).get("url")
    check(not fp.bozo, f"feedparser reads the feed without errors ({fp.get('bozo_exception')})")
    check(len(pp["episodes"]) == len(fp.entries) > 0, f"{len(pp['episodes'])} episodes in both parsers")
    for ep, entry in zip(pp["episodes"], fp.entries):
        title = ep["title"]
        enc = ep["enclosures"][0]
        name = unquote(enc["url"].rsplit("/", 1)[-1])
        path = os.path.join(root, name)
        size = os.path.getsize(path)
        check(enc["file_size"] == size, f"{title}: podcastparser enclosure length {enc['file_size']} = file size {size}")
        check(enc["mime_type"] == "audio/mpeg", f"{title}: enclosure type {enc['mime_type']}")
        fp_len = int(entry.enclosures[0].get("length", -1))
        check(fp_len == size, f"{title}: feedparser enclosure length {fp_len}")
        probe = json.loads(subprocess.run(
            ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_chapters", path],
            capture_output=True, text=True, check=True).stdout)
        duration = float(probe["format"]["duration"])
        check(abs(ep["total_time"] - duration) <= 1, f"{title}: feed duration {ep['total_time']} s vs ffprobe {duration:.2f} s")
        check(entry.get("itunes_duration"), f"{title}: feedparser sees itunes:duration {entry.get('itunes_duration')}")
        chapters_file = os.path.join(root, unquote(chapters_of[enc["url"]].rsplit("/", 1)[-1]))
        with open(chapters_file) as f:
            chapters = json.load(f)["chapters"]
        ff = [(float(c["start_time"]), c.get("tags", {}).get("title")) for c in probe.get("chapters", [])]
        check([t for _, t in ff] == [c["title"] for c in chapters],
              f"{title}: ffprobe chapters {[t for _, t in ff]}")
        check(all(abs(a - c["startTime"]) < 0.002 for (a, _), c in zip(ff, chapters)),
              f"{title}: ffprobe chapter starts match the chapters JSON")
        psc = [(c["start"], c["title"]) for c in ep.get("chapters", [])]
        check([t for _, t in psc] == [c["title"] for c in chapters]
              and all(abs(a - c["startTime"]) < 1 for (a, _), c in zip(psc, chapters)),  # podcastparser keeps whole seconds
              f"{title}: podcastparser reads the Podlove chapters ({len(psc)})")
        links = [l for l in entry.get("links", []) if l.get("rel") == "enclosure"]
        check(len(links) == 1, f"{title}: feedparser sees one enclosure")
        check("<h3>Chapters</h3>" in (entry.get("content") or [{}])[0].get("value", ""),
              f"{title}: feedparser reads the show notes (content:encoded)")
        tag = ID3(path)
        chaps = tag.getall("CHAP")
        tocs = tag.getall("CTOC")
        top = [t for t in tocs if t.flags & 1 and t.flags & 2]
        check(len(top) == 1 and len(top[0].child_element_ids) == len(chaps) == len(chapters),
              f"{title}: mutagen finds {len(chaps)} CHAP and a top-level ordered CTOC")
        check(any(p.type == 3 for p in tag.getall("APIC")), f"{title}: front cover art (APIC)")
        r = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", path, "-af", "ebur128=peak=true", "-f", "null", "-"],
                           capture_output=True, text=True)
        i = float(re.findall(r"I:\s+(-?[\d.]+) LUFS", r.stderr)[-1])
        tp = float(re.findall(r"Peak:\s+(-?[\d.]+) dBFS", r.stderr)[-1])
        check(abs(i - target) <= 0.5, f"{title}: ffmpeg integrated loudness {i} LUFS (target {target})")
        check(tp <= -1.0, f"{title}: ffmpeg true peak {tp} dBTP")
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("all feed checks passed")


if __name__ == "__main__":
    main(*sys.argv[1:])
