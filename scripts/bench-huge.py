#!/usr/bin/env python3
"""Huge pages under the size cap: time and peak
memory of the command line on each, one process a case.

    python3 scripts/bench-huge.py [--binary target/release/storydiff] [--only NAME ...]

Writes its inputs once to target/bench-huge (about 600 MB), then runs
`/usr/bin/time -v storydiff extract PAGE --no-snapshots` for each page and
`/usr/bin/time -v storydiff compare A B --format json --no-snapshots` for
each pair (output to /dev/null) and prints a Markdown table: wall time, peak
resident memory, the input's size, their ratio, and the first notice the
command printed on stderr. Build the binary with
`cargo build --release -p storydiff-cli`.

The pages (none names a site; each is a shape any page could take):
- br-lines: `<p>` and 4.5 M lines of `w w w<br>` (45 MB): millions of
  one-line paragraphs;
- br-lines-25: the same with 2.5 M lines (25 MB), the issue's page;
- one-paragraph: one `<p>` of 40 MB (7.4 M words of a real article's
  vocabulary);
- article: 48 MB of an ordinary news page: a real fixture's paragraphs
  (aeb-dev ground truth), repeated with a counter so that no two are the
  same, in `<article><p>`, with a head, navigation and a footer;
- wide: 100,000 sibling `<div>`s of a sentence each, and 70,000 sibling
  `<p>`s (140,000 tags: under the tag cap, fully parsed);
- attributes: 8,000 `<p>`s with 60 attributes each (7.6 MB, parsed);
- one-paragraph-8: one `<p>` of 7.9 MB (under the 8 MB parse cap);
- under-caps: an article page just under both parse caps (7.9 MB, about
  149,000 tags).
Pairs (the second side has a few edits: three words changed, a line cut, a
line added): br-lines, one-paragraph, article.
"""

import argparse
import gzip
import json
import os
import re
import subprocess
import sys

OUT = "target/bench-huge"
AEB = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "extraction", "aeb-dev")


def fixture_paragraphs():
    """A real article's paragraphs: the longest ground-truth body of the
    aeb-dev pages (the fixture set `../shared/extraction`)."""
    path = os.path.join(AEB, "ground-truth.json")
    if not os.path.exists(path):
        path = "/work/shared/extraction/aeb-dev/ground-truth.json"
    truth = json.load(open(path, encoding="utf-8"))
    bodies = sorted(
        (v["articleBody"] for v in truth.values() if v.get("articleBody")), key=len
    )
    body = bodies[len(bodies) // 2]  # a median article, not an outlier
    paragraphs = [p.strip() for p in body.split("\n") if len(p.strip().split()) >= 5]
    return [p.replace("&", "&amp;").replace("<", "&lt;") for p in paragraphs]


def head(title):
    return (
        "<!doctype html><html><head><meta charset=\"utf-8\">"
        f"<title>{title}</title></head><body>"
        "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a></li>"
        "<li><a href=\"/sport\">Sport</a></li></ul></nav>"
        f"<article><h1>{title}</h1><p class=\"byline\">By A. Reporter</p>"
    )


TAIL = "</article><footer><p>Copyright 2026 The Daily Example</p></footer></body></html>"


def edit(text, at_fraction, old, new):
    """Replaces the first `old` after `at_fraction` of the text by `new`."""
    at = text.index(old, int(len(text) * at_fraction))
    return text[:at] + new + text[at + len(old):]


def few_edits(text, unit, changed):
    """Three edits spread through the text: a changed unit at a quarter, a
    cut one at half, an added one at three quarters."""
    text = edit(text, 0.25, unit, changed)
    text = edit(text, 0.5, unit, "")
    return edit(text, 0.75, unit, unit + changed)


def write(name, text):
    path = os.path.join(OUT, name)
    if not os.path.exists(path):
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    return path


def make_inputs():
    os.makedirs(OUT, exist_ok=True)
    paragraphs = fixture_paragraphs()
    words = " ".join(paragraphs).split()
    pages, pairs = {}, {}

    # Millions of short <br> lines.
    br = "<html><head><title>Lines</title></head><body><p>" + "w w w<br>\n" * 4_500_000 + "</body></html>"
    pages["br-lines"] = write("br-lines.html", br)
    pairs["br-lines"] = (
        pages["br-lines"],
        write("br-lines-b.html", few_edits(br, "w w w<br>\n", "w x w<br>\n")),
    )
    pages["br-lines-25"] = write(
        "br-lines-25.html",
        "<html><head><title>Lines</title></head><body><p>" + "w w w<br>\n" * 2_500_000 + "</body></html>",
    )
    del br

    # One 40 MB paragraph.
    n = 0
    chunk = []
    target = 40 * 1024 * 1024
    size = 0
    while size < target:
        w = words[n % len(words)]
        chunk.append(w)
        size += len(w) + 1
        n += 1
    one = head("One paragraph") + "<p>" + " ".join(chunk) + "</p>" + TAIL
    del chunk
    pages["one-paragraph"] = write("one-paragraph.html", one)
    pairs["one-paragraph"] = (
        pages["one-paragraph"],
        write("one-paragraph-b.html", few_edits(one, " the ", " a ")),
    )
    del one

    # 48 MB of an ordinary article.
    body = []
    size = 0
    i = 0
    while size < 48 * 1024 * 1024:
        p = f"<p>{paragraphs[i % len(paragraphs)]} ({i})</p>\n"
        if i % 9 == 8:
            p = f"<h2>Section {i}</h2>\n" + p
        body.append(p)
        size += len(p)
        i += 1
    article = head("An ordinary article") + "".join(body) + TAIL
    del body
    pages["article"] = write("article.html", article)
    unit = f"<p>{paragraphs[0]} ("
    pairs["article"] = (
        pages["article"],
        write(
            "article-b.html",
            few_edits(article, unit, f"<p>{paragraphs[0].replace(' the ', ' a ', 1)} ("),
        ),
    )
    del article

    sentence = paragraphs[0]
    pages["wide-div"] = write(
        "wide-div.html",
        head("Wide") + "".join(f"<div>{sentence} {i}</div>" for i in range(100_000)) + TAIL,
    )
    short = " ".join(sentence.split()[:8])
    pages["wide-p"] = write(
        "wide-p.html",
        head("Wide") + "".join(f"<p>{short} {i}</p>" for i in range(70_000)) + TAIL,
    )
    attrs = "".join(f" data-a{k}=\"v{k}\"" for k in range(60))
    pages["attributes"] = write(
        "attributes.html",
        head("Attributes") + "".join(f"<p{attrs}>{short} {i}</p>" for i in range(8_000)) + TAIL,
    )
    # One paragraph just under the 8 MB parse cap.
    chunk, size, n = [], 0, 0
    while size < 7_900_000:
        w = words[n % len(words)]
        chunk.append(w)
        size += len(w) + 1
        n += 1
    pages["one-paragraph-8"] = write(
        "one-paragraph-8.html", head("One paragraph") + "<p>" + " ".join(chunk) + "</p>" + TAIL
    )
    del chunk
    # Just under both parse caps: ~74,000 short paragraphs in ~7.9 MB.
    filler = []
    size = 0
    i = 0
    while size < 7_900_000 and i < 74_000:
        p = f"<p>{paragraphs[i % len(paragraphs)][:90]} {i}</p>"
        filler.append(p)
        size += len(p)
        i += 1
    pages["under-caps"] = write("under-caps.html", head("Under the caps") + "".join(filler) + TAIL)
    return pages, pairs


def measure(argv):
    proc = subprocess.run(
        ["/usr/bin/time", "-v"] + argv,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    err = proc.stderr
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", err)
    h, m, s = wall.groups()
    seconds = int(h or 0) * 3600 + int(m) * 60 + float(s)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1)) / 1024
    notice = next(
        (l.split("warning: ", 1)[1] for l in err.splitlines() if "warning: " in l), ""
    )
    if proc.returncode not in (0, 1):
        notice = "FAILED: " + " ".join(l for l in err.splitlines() if "storydiff" in l)[:200]
    return seconds, rss, notice


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default="target/release/storydiff")
    parser.add_argument("--only", nargs="*")
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"no {args.binary}: cargo build --release -p storydiff-cli")
    pages, pairs = make_inputs()
    mb = lambda b: b / (1024 * 1024)
    print("| case | input | time | peak RSS | RSS / input | notice |")
    print("|---|---|---|---|---|---|")
    for name, path in pages.items():
        if args.only and name not in args.only:
            continue
        size = mb(os.path.getsize(path))
        t, rss, notice = measure([args.binary, "extract", path, "--no-snapshots"])
        print(f"| extract {name} | {size:.0f} MB | {t:.1f} s | {rss:.0f} MB | {rss / size:.1f}x | {notice[:90]} |", flush=True)
    for name, (a, b) in pairs.items():
        if args.only and name not in args.only:
            continue
        size = mb(os.path.getsize(a) + os.path.getsize(b))
        t, rss, notice = measure(
            [args.binary, "compare", a, b, "--format", "json", "--no-snapshots"]
        )
        print(f"| compare {name} pair | {size:.0f} MB | {t:.1f} s | {rss:.0f} MB | {rss / size:.1f}x | {notice[:90]} |", flush=True)


if __name__ == "__main__":
    main()
