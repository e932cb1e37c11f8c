#!/usr/bin/env python3
"""Writes a WordPress export (WXR 1.2) of N generated devotional posts, about 6 KB each with
comments, drafts, pages and attachments among them, for measuring `devocast import`.
Usage: gen-wxr.py N OUT.xml"""
import random
import sys

n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(7)
WORDS = ("grace light mercy bread morning road lamp shepherd rest hope word kept faithful "
         "patience strength quiet prayer hands table water garden promise door way").split()
BOOKS = ["Ps.", "Rom.", "John", "Heb.", "1 Pet.", "Isa.", "Phil.", "Lam."]


def sentence():
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    s = " ".join(words).capitalize()
    if rng.random() < 0.2:
        s += f" ({rng.choice(BOOKS)} {rng.randint(1, 20)}:{rng.randint(1, 20)})"
    return s + "."


def paragraph():
    return " ".join(sentence() for _ in range(rng.randint(3, 6)))


def body(i):
    parts = [paragraph(), f'[caption id="attachment_{i}" width="300"]<img src="p{i}.jpg" alt="x" /> A picture[/caption]']
    for h in range(3):
        parts.append(f"<h2>{rng.choice(WORDS).capitalize()} and {rng.choice(WORDS)}</h2>")
        parts.extend(paragraph() for _ in range(3))
    parts.append("<blockquote>" + "\n".join(sentence()[:40] for _ in range(4)) + f"\n(Hymns #{rng.randint(1, 600)})</blockquote>")
    parts.append('[audio mp3="reading.mp3"][/audio]')
    return "\n\n".join(parts)


with open(out, "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<title>Generated</title>\n'
            '<link>https://gen.example.org</link>\n<wp:wxr_version>1.2</wp:wxr_version>\n'
            '<wp:base_blog_url>https://gen.example.org</wp:base_blog_url>\n'
            '<wp:author><wp:author_login><![CDATA[ed]]></wp:author_login>'
            '<wp:author_display_name><![CDATA[The Editor]]></wp:author_display_name></wp:author>\n')
    for i in range(n):
        day = 1 + i  # one post a day
        year, rest = 2000 + day // 365, day % 365
        month, dom = 1 + rest // 31 % 12, 1 + rest % 28
        kind, status = "post", "publish"
        r = rng.random()
        if r < 0.03:
            status = "draft"
        elif r < 0.05:
            kind = "attachment"
        elif r < 0.06:
            kind = "page"
        comments = "".join(
            f"<wp:comment><wp:comment_id>{i * 10 + c}</wp:comment_id><wp:comment_author><![CDATA[Reader]]></wp:comment_author>"
            f"<wp:comment_content><![CDATA[{sentence()}]]></wp:comment_content></wp:comment>\n"
            for c in range(rng.randint(0, 4)))
        f.write(f"""<item>
<title><![CDATA[{rng.choice(WORDS).capitalize()} for day {i}]]></title>
<link>https://gen.example.org/{year}/{month:02}/{dom:02}/day-{i}/</link>
<dc:creator><![CDATA[ed]]></dc:creator>
<guid isPermaLink="false">https://gen.example.org/?p={i}</guid>
<content:encoded><![CDATA[{body(i)}]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{i}</wp:post_id>
<wp:post_date_gmt><![CDATA[{year}-{month:02}-{dom:02} 06:00:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[day-{i}]]></wp:post_name>
<wp:status><![CDATA[{status}]]></wp:status>
<wp:post_type><![CDATA[{kind}]]></wp:post_type>
<category domain="category" nicename="devotions"><![CDATA[Devotions]]></category>
{comments}</item>
""")
    f.write("</channel>\n</rss>\n")
