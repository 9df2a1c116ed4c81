#!/usr/bin/env python3
"""`storydiff warc index` against Python warcio + trafilatura doing the same
job on the same WARC file: every record read, digests checked, each HTML
response's article extracted with its headline, date, site and words.
storydiff runs as it indexes by default (the quick reading) and with
--thorough (every page read as `compare` reads it).

    scripts/bench-warc.py [--size-mb 1024] [--binary target/release/storydiff]

The file is made of real news pages (the extraction test pages in
../shared/extraction, each served under an address of its own), a gzip
member per record with a request and a metadata record beside each
response, as CC-NEWS holds them; --size-mb is its size on disk. Both tools
run on one core (storydiff --jobs 1, one Python process), then storydiff on
every core. Prints pages per second per core and the ratio; peak memory of
each (ru_maxrss of the child) shows whether reading stays flat.

warcio and trafilatura come from a venv of their own
(~/.cache/storydiff/warc-bench-venv, made on first use from PyPI).
"""

import argparse
import base64
import gzip
import hashlib
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "extraction"
VENV = Path(os.environ.get("STORYDIFF_WARC_BENCH_VENV", Path.home() / ".cache/storydiff/warc-bench-venv"))

BASELINE = r'''
import sys, time, json
from warcio.archiveiterator import ArchiveIterator
import trafilatura
pages = articles = 0
with open(sys.argv[1], "rb") as f:
    for record in ArchiveIterator(f, check_digests=True):
        if record.rec_type != "response":
            continue
        ctype = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
        if "html" not in ctype:
            continue
        html = record.content_stream().read()
        pages += 1
        doc = trafilatura.bare_extraction(html, url=record.rec_headers.get_header("WARC-Target-URI"),
                                          with_metadata=True)
        if doc is not None and doc.text:
            articles += 1
            words = len(doc.text.split())
            _ = (doc.title, doc.date, doc.sitename, words)
print(json.dumps({"pages": pages, "articles": articles}))
'''


def venv_python():
    python = VENV / "bin" / "python"
    check = [str(python), "-c", "import warcio, trafilatura"]
    if not python.exists() or subprocess.run(check, capture_output=True).returncode != 0:
        print("bench-warc: installing warcio and trafilatura into %s (pip, once)" % VENV, file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check",
                        "warcio==1.8.1", "trafilatura==2.0.0", "lxml_html_clean"], check=True)
    return str(python)


def pages():
    out = []
    for path in sorted((SHARED / "aeb-dev" / "html").glob("*.html.gz")):
        out.append(gzip.decompress(path.read_bytes()))
    for path in sorted((SHARED / "readability-pages").glob("*/source.html")):
        out.append(path.read_bytes())
    if not out:
        sys.exit("bench-warc: no pages under %s" % SHARED)
    return out


def member(kind, uri, date, block, fields):
    headers = [("WARC-Type", kind), ("WARC-Date", date), ("WARC-Record-ID", "<urn:uuid:%s>" % uuid.uuid4()),
               ("WARC-Target-URI", uri)] + fields + [("Content-Length", str(len(block)))]
    head = "WARC/1.0\r\n" + "".join("%s: %s\r\n" % h for h in headers) + "\r\n"
    return gzip.compress(head.encode() + block + b"\r\n\r\n", compresslevel=6, mtime=0)


def make_warc(path, size_mb):
    sources = pages()
    target = size_mb * 1024 * 1024
    written = records = n = 0
    with open(path, "wb") as f:
        while written < target:
            body = sources[n % len(sources)]
            uri = "https://news%d.example/%d/article-%d.html" % (n % 97, n // 97, n)
            date = "2023-09-%02dT%02d:%02d:%02dZ" % (1 + n // 86400 % 28, n // 3600 % 24, n // 60 % 60, n % 60)
            http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(body)
            digest = "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode()
            request = b"GET / HTTP/1.1\r\nHost: news.example\r\n\r\n"
            for data in (member("request", uri, date, request, [("Content-Type", "application/http; msgtype=request")]),
                         member("response", uri, date, http + body,
                                [("Content-Type", "application/http; msgtype=response"), ("WARC-Payload-Digest", digest)]),
                         member("metadata", uri, date, b"fetchTimeMs: 210\r\n", [("Content-Type", "application/warc-fields")])):
                f.write(data)
                written += len(data)
                records += 1
            n += 1
    return n, records


def timed(cmd):
    """Wall seconds, CPU seconds, this child's own peak RSS in MB, and its
    output. Per core is per CPU second: storydiff's extraction reads a
    page with two readers on two threads, so one process is not one core."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit("bench-warc: %s exited with %d" % (cmd[0], proc.returncode))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size-mb", type=int, default=1024, help="size of the WARC file on disk (default 1024)")
    ap.add_argument("--binary", default=str(ROOT / "target/release/storydiff"))
    ap.add_argument("--keep", help="write (or reuse) the WARC file here")
    args = ap.parse_args()
    python = venv_python()
    warc = Path(args.keep or (ROOT / "target" / "bench-warc" / "news.warc.gz"))
    warc.parent.mkdir(parents=True, exist_ok=True)
    if not warc.exists() or warc.stat().st_size < args.size_mb * 1024 * 1024:
        n, records = make_warc(warc, args.size_mb)
        print("bench-warc: wrote %s: %d pages, %d records, %.0f MB" % (warc, n, records, warc.stat().st_size / 2**20))
    size = warc.stat().st_size / 2**20

    wall, cpu, peak, out = timed([args.binary, "warc", "index", "--format", "json", "--jobs", "1", str(warc)])
    lines = out.decode().splitlines()
    ours_pages = len(lines)
    ours_articles = sum('"article":true' in l for l in lines)
    ours = ours_pages / cpu
    print("storydiff warc index (--jobs 1): %d pages (%d articles) in %.1f s, %.1f CPU s: %.1f pages per CPU second, peak %.0f MB"
          % (ours_pages, ours_articles, wall, cpu, ours, peak))
    cores = os.cpu_count() or 1
    wall_all, cpu_all, peak_all, _ = timed([args.binary, "warc", "index", "--format", "json", str(warc)])
    print("storydiff warc index (%d cores): %.1f s: %.1f pages/s, %.1f pages per CPU second, peak %.0f MB"
          % (cores, wall_all, ours_pages / wall_all, ours_pages / cpu_all, peak_all))

    wall_th, cpu_th, peak_th, _ = timed([args.binary, "warc", "index", "--thorough", "--format", "json", str(warc)])
    print("storydiff warc index --thorough (%d cores): %.1f s: %.1f pages/s, %.1f pages per CPU second, peak %.0f MB"
          % (cores, wall_th, ours_pages / wall_th, ours_pages / cpu_th, peak_th))

    wall_py, cpu_py, peak_py, out = timed([python, "-c", BASELINE, str(warc)])
    theirs_pages = int(out.decode().split('"pages": ')[1].split(",")[0])
    theirs = theirs_pages / cpu_py
    print("warcio + trafilatura (one process): %d pages in %.1f s, %.1f CPU s: %.1f pages per CPU second, peak %.0f MB"
          % (theirs_pages, wall_py, cpu_py, theirs, peak_py))
    print("bench-warc: %.0f MB file; per CPU second storydiff reads %.1fx the pages, and on %d cores it takes %.1fx less time than one Python process (--thorough: %.1fx)"
          % (size, ours / theirs, cores, wall_py / wall_all, wall_py / wall_th))

if __name__ == "__main__":
    main()
