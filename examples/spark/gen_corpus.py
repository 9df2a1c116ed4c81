#!/usr/bin/env python3
"""Deterministic generated news articles and planted copies, for storydiff's
batch benchmark and the Spark example's test.

Text is made of pseudo-words drawn with Zipf-like frequencies (so common
words repeat as in English and rare ones identify a story), with figures,
names and quotations. A copy of an article is made the way syndication makes
them: a few sentences reworded (one to three words substituted), sometimes a
figure or a quote changed, the tail cut or a paragraph dropped, a local
paragraph added, and a credit line ("This story first appeared in …") or none.

    python3 gen_corpus.py pairs --count 2000 --out pairs.jsonl     # the benchmark's pairs
    python3 gen_corpus.py corpus --articles 3000 --out DIR           # the Spark test's corpus
    python3 gen_corpus.py corpus --articles 2000 --warc 4 --out DIR  # the same as web pages in WARC files

Nothing here is tuned to storydiff: the edits are planted by rules any
newsroom could follow, and the truth file records what was planted.
"""

import argparse
import base64
import gzip
import hashlib
import html
import itertools
import json
import os
import random
import re
import uuid

SYLLABLES = ["ka", "lo", "mi", "ter", "ran", "sol", "ven", "dor", "pa", "li", "en", "ar", "mon",
             "tis", "bel", "cor", "fa", "gri", "hal", "jun", "ost", "pre", "qui", "rud", "sta",
             "tho", "ul", "vik", "wen", "yar", "zel", "bri", "cla", "dru", "fen", "gal"]
SITES = ["The Harbour Gazette", "Oceania News", "The Daily Courier", "Metro Wire", "The Sun",
         "Northern Echo Online", "City Post", "The Coast Times", "Valley Herald", "Evening Ledger"]
CREDITS = ["This story first appeared in {}.", "Originally published by {}.",
           "This article was originally published in {} and is republished with permission.",
           "This story first appeared on {}'s website."]


class Words:
    def __init__(self, rng, size=4000):
        seen, self.words = set(), []
        while len(self.words) < size:
            w = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice([1, 2, 2, 3, 3, 4])))
            if w not in seen:
                seen.add(w)
                self.words.append(w)
        # Zipf-like weights: the k-th word is drawn about 1/k as often as the first.
        self.cumulative = list(itertools.accumulate(1.0 / (k + 3) for k in range(size)))
        self.names = [w.capitalize() for w in rng.sample(self.words[500:], 300)]

    def draw(self, rng, n):
        return rng.choices(self.words, cum_weights=self.cumulative, k=n)


def word_count(text):
    return len(re.findall(r"\w+", text))


def sentence(rng, words):
    n = rng.randint(8, 24)
    w = words.draw(rng, n)
    if rng.random() < 0.3:
        w[rng.randrange(n)] = str(rng.choice([rng.randint(2, 99), rng.randint(100, 9999)]))
    if rng.random() < 0.3:
        w[rng.randrange(1, n)] = rng.choice(words.names)
    text = " ".join(w)
    text = text[0].upper() + text[1:] + "."
    if rng.random() < 0.15:
        text = '"%s" said %s %s.' % (text[:-1] + ",", rng.choice(words.names), rng.choice(words.names))
        text = text.replace(',"', ',"', 1)
    return text


def article(rng, words, target_bytes):
    paragraphs, size = [], 0
    while size < target_bytes:
        p = " ".join(sentence(rng, words) for _ in range(rng.randint(1, 3)))
        paragraphs.append(p)
        size += len(p) + 2
    return paragraphs


def reword(rng, words, text):
    """One to three words of one sentence substituted."""
    tokens = text.split(" ")
    for _ in range(rng.randint(1, 3)):
        k = rng.randrange(len(tokens))
        tail = "".join(c for c in tokens[k] if not c.isalnum())
        tokens[k] = words.draw(rng, 1)[0] + tail
    return " ".join(tokens)


def change_figure(rng, text):
    tokens = text.split(" ")
    for k, t in enumerate(tokens):
        core = t.strip('.,"')
        if core.isdigit():
            tokens[k] = t.replace(core, str(int(core) + rng.randint(1, 9)))
            return " ".join(tokens), True
    return text, False


def make_copy(rng, words, paragraphs, site=None, origins=None):
    """A syndicated copy and what was planted in it.

    `origins` says which paragraph of the original each given paragraph
    comes from (None for one added by a copy); the truth's `origins` does
    the same for the copy, so a copy of a copy knows what it kept of the
    original.
    """
    p = list(paragraphs)
    origins = list(range(len(p))) if origins is None else list(origins)
    truth = {"reworded": 0, "figures": 0, "added_paragraphs": 0}
    for k in rng.sample(range(len(p)), max(1, len(p) // 6)):
        p[k] = reword(rng, words, p[k])
        truth["reworded"] += 1
    # Cut the tail (the most common cut) or drop one paragraph.
    kept = list(range(len(p)))
    if rng.random() < 0.5 and len(p) > 4:
        kept = kept[: len(p) - rng.randint(1, 2)]
    elif len(p) > 4:
        kept.remove(rng.randrange(1, len(p)))
    # A figure changed in a paragraph the copy keeps. The ledger measures a
    # copy against the original, so a figure changed in a paragraph that a
    # parent copy added (origin None) is no changed figure of the original:
    # counting it planted a change the ledger rightly does not report.
    if rng.random() < 0.5:
        k = rng.choice(kept)
        p[k], changed = change_figure(rng, p[k])
        truth["figures"] += int(changed and origins[k] is not None)
    out = [p[k] for k in kept]
    out_origins = [origins[k] for k in kept]
    if rng.random() < 0.6:
        at = rng.randrange(1, len(out))
        out.insert(at, " ".join(sentence(rng, words) for _ in range(2)))
        out_origins.insert(at, None)
        truth["added_paragraphs"] = 1
    credit = None
    if site is not None and rng.random() < 0.7:
        credit = rng.choice(CREDITS).format(site)
    truth["credit"] = credit
    truth["origins"] = out_origins
    return out, credit, truth


def pairs(args):
    rng = random.Random(args.seed)
    words = Words(rng)
    with open(args.out, "w") as f:
        for k in range(args.count):
            a = article(rng, words, args.bytes)
            b, credit, _ = make_copy(rng, words, a, rng.choice(SITES))
            if credit:
                b.append(credit)
            f.write(json.dumps({"id": k, "old": "\n\n".join(a), "new": "\n\n".join(b)}) + "\n")


def corpus(args):
    """Originals, their planted copies (some copies of copies) and unrelated articles."""
    rng = random.Random(args.seed)
    words = Words(rng)
    os.makedirs(args.out, exist_ok=True)
    rows, originals, truth = [], [], []
    n_originals = max(1, args.articles // 15)
    next_id = 0

    def add(paragraphs, site, day):
        nonlocal next_id
        next_id += 1
        doc_id = "a%05d" % next_id
        if args.warc:
            # In WARC files an article is known by its address.
            doc_id = "https://%s.example/2026/03/%s" % (re.sub(r"[^a-z]+", "-", site.lower()).strip("-"), doc_id)
        rows.append({"id": doc_id, "text": "\n\n".join(paragraphs), "site": site,
                     "date": "2026-03-%02d" % day})
        return doc_id

    for _ in range(n_originals):
        site = rng.choice(SITES)
        body = article(rng, words, rng.randint(3000, 7000))
        oid = add(body, site, 1)
        originals.append(oid)
        made = []  # (id, paragraphs without the credit, their origins)
        for c in range(rng.randint(1, 4)):
            copy_site = rng.choice([s for s in SITES if s != site])
            # A third of later copies are copies of an earlier copy.
            if made and rng.random() < 0.33:
                parent_id, parent, parent_origins = rng.choice(made)
                paragraphs, credit, t = make_copy(rng, words, parent, site, parent_origins)
                t["follows"] = parent_id
            else:
                paragraphs, credit, t = make_copy(rng, words, body, site)
                t["follows"] = None
            cid = add(paragraphs + ([credit] if credit else []), copy_site, 2 + c)
            made.append((cid, paragraphs, t["origins"]))
            kept = {o for o in t["origins"] if o is not None}
            t.update({"original": oid, "copy": cid,
                      "cut_share": sum(word_count(body[k]) for k in range(len(body)) if k not in kept)
                      / sum(word_count(q) for q in body)})
            truth.append(t)
    while len(rows) < args.articles:
        add(article(rng, words, rng.randint(3000, 7000)), rng.choice(SITES), rng.randint(1, 28))
    rng.shuffle(rows)
    with open(os.path.join(args.out, "corpus.jsonl"), "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    with open(os.path.join(args.out, "originals.txt"), "w") as f:
        f.write("\n".join(originals) + "\n")
    with open(os.path.join(args.out, "truth.jsonl"), "w") as f:
        for t in truth:
            f.write(json.dumps(t) + "\n")
    if args.warc:
        write_warcs(rng, rows, args.warc, os.path.join(args.out, "warc"))


def page(row):
    """An article as a news site serves it: menus, the story, a footer."""
    first = row["text"].split("\n\n")[0].split()
    headline = " ".join(first[:9]).rstrip(".,")
    body = "\n".join("<p>%s</p>" % html.escape(p) for p in row["text"].split("\n\n"))
    site = html.escape(row["site"])
    return ("""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s | %s</title>
<meta property="og:site_name" content="%s"><meta property="article:published_time" content="%sT08:00:00Z">
</head><body><header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav></header>
<main><article><h1>%s</h1>
%s
</article></main>
<footer><p>&copy; %s. All rights reserved.</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer></body></html>"""
            % (html.escape(headline), site, site, row["date"], html.escape(headline), body, site)).encode()


def warc_record(rng, kind, uri, date, block, fields=()):
    """One WARC/1.0 record in a gzip member of its own, as CC-NEWS writes them."""
    headers = [("WARC-Type", kind), ("WARC-Date", date),
               ("WARC-Record-ID", "<urn:uuid:%s>" % uuid.UUID(int=rng.getrandbits(128), version=4))]
    if uri:
        headers.append(("WARC-Target-URI", uri))
    headers += list(fields)
    headers.append(("Content-Length", str(len(block))))
    head = "WARC/1.0\r\n" + "".join("%s: %s\r\n" % h for h in headers) + "\r\n"
    return gzip.compress(head.encode() + block + b"\r\n\r\n", mtime=0)


def sha1(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def http_response(status, content_type, body):
    head = "HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\nServer: news\r\n\r\n" % (
        status, content_type, len(body))
    return head.encode() + body


def write_warcs(rng, rows, files, out):
    """The corpus as CC-NEWS holds it: for each article a request, its
    response and a metadata record; now and then an image, a 404 and a
    redirect among them."""
    os.makedirs(out, exist_ok=True)
    for n in range(files):
        with open(os.path.join(out, "news-%05d.warc.gz" % n), "wb") as f:
            f.write(warc_record(rng, "warcinfo", None, "2026-03-28T00:00:00Z",
                                b"software: gen_corpus.py\r\nformat: WARC File Format 1.0\r\n",
                                [("Content-Type", "application/warc-fields")]))
            for k, row in enumerate(rows[n::files]):
                uri, date = row["id"], row["date"] + "T09:%02d:%02dZ" % (k // 60 % 60, k % 60)
                request = ("GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: gen_corpus\r\n\r\n"
                           % (uri.split("/", 3)[3], uri.split("/")[2])).encode()
                f.write(warc_record(rng, "request", uri, date, request,
                                    [("Content-Type", "application/http; msgtype=request")]))
                block = http_response("200 OK", "text/html; charset=utf-8", page(row))
                body = block.split(b"\r\n\r\n", 1)[1]
                f.write(warc_record(rng, "response", uri, date, block,
                                    [("Content-Type", "application/http; msgtype=response"),
                                     ("WARC-Payload-Digest", sha1(body))]))
                f.write(warc_record(rng, "metadata", uri, date, b"fetchTimeMs: 120\r\n",
                                    [("Content-Type", "application/warc-fields")]))
                if k % 50 == 7:
                    image = bytes(rng.getrandbits(8) for _ in range(2000))
                    f.write(warc_record(rng, "response", uri + "/photo.jpg", date,
                                        http_response("200 OK", "image/jpeg", image),
                                        [("Content-Type", "application/http; msgtype=response"),
                                         ("WARC-Payload-Digest", sha1(image))]))
                if k % 50 == 21:
                    gone = b"<html><body><h1>Not found</h1></body></html>"
                    f.write(warc_record(rng, "response", uri + "-old", date,
                                        http_response("404 Not Found", "text/html", gone),
                                        [("Content-Type", "application/http; msgtype=response"),
                                         ("WARC-Payload-Digest", sha1(gone))]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="what", required=True)
    p = sub.add_parser("pairs")
    p.add_argument("--count", type=int, default=2000)
    p.add_argument("--bytes", type=int, default=6000)
    p.add_argument("--seed", type=int, default=14)
    p.add_argument("--out", required=True)
    c = sub.add_parser("corpus")
    c.add_argument("--articles", type=int, default=3000)
    c.add_argument("--seed", type=int, default=14)
    c.add_argument("--warc", type=int, default=0, metavar="FILES",
                   help="also write the corpus as web pages in this many .warc.gz files (OUT/warc/)")
    c.add_argument("--out", required=True)
    args = ap.parse_args()
    pairs(args) if args.what == "pairs" else corpus(args)


if __name__ == "__main__":
    main()
