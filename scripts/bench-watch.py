#!/usr/bin/env python3
"""A pass of `storydiff watch run` over 1,000 watched articles on 50 hosts:
its time against the politeness limit (one request a second to a host)
and the CPU it costs beyond waiting.

    python3 scripts/bench-watch.py [--binary target/release/storydiff] [--hosts 50] [--per-host 20]

A local server answers on 127.0.0.1 ... 127.0.0.N (each a host of its own,
as loopback addresses are), 20 articles a host. Most are unchanged, as on
a real news site between two checks: 70% answer 304 to the ETag storydiff
sends, 20% send the same bytes again without validators, 10% change only
their chrome (a "most read" list), which storydiff must read to know that
the article is the same. Each article is a real page of about 700 words.

The pass runs at the real politeness (STORYDIFF_HOST_INTERVAL_MS unset),
so it cannot take less than (articles a host - 1) seconds; the figure is
how close it comes to that floor and the CPU time (user + system, from the
kernel's accounting of the child) as a share of one core over the pass.
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WORDS = (
    "the council voted on thursday night to build a sea wall along the eastern promenade "
    "three months after storms flooded more than two hundred homes in the old town and "
    "residents of the lower streets asked whether the town should defend the seafront"
).split()


def article(n: int, chrome: int) -> bytes:
    paragraphs = []
    for p in range(8):
        words = [WORDS[(n * 7 + p * 13 + k) % len(WORDS)] for k in range(85)]
        paragraphs.append("<p>" + " ".join(words).capitalize() + ".</p>")
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Story %d</title></head><body>"
        "<nav><a href='/'>Home</a></nav><aside><h2>Most read</h2><ul><li><a href='/x%d'>Other story %d</a></li></ul></aside>"
        "<article><h1>Harbour story number %d</h1>%s</article></body></html>"
        % (n, chrome, chrome, n, "".join(paragraphs))
    ).encode()


class Handler(BaseHTTPRequestHandler):
    requests = 0
    lock = threading.Lock()
    chrome = 0

    def log_message(self, *args):
        pass

    def do_GET(self):
        with Handler.lock:
            Handler.requests += 1
            Handler.chrome += 1
            chrome = Handler.chrome
        try:
            n = int(self.path.lstrip("/a"))
        except ValueError:
            self.send_error(404)
            return
        kind = n % 10
        if kind < 7:  # validators: 304 when asked again
            body = article(n, 0)
            etag = '"v%d"' % n
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            headers = [("ETag", etag)]
        elif kind < 9:  # the same bytes, no validators
            body, headers = article(n, 0), []
        else:  # chrome changes every time
            body, headers = article(n, chrome), []
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)


def serve(hosts: int) -> int:
    port = None
    for h in range(hosts):
        address = "127.0.0.%d" % (h + 1)
        server = ThreadingHTTPServer((address, port or 0), Handler)
        port = server.server_address[1]
        threading.Thread(target=server.serve_forever, daemon=True).start()
    return port


def run(binary, args, env):
    """Runs the binary; returns (seconds, cpu seconds, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    out = subprocess.run([binary] + args, env=env, capture_output=True, text=True)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        sys.exit("storydiff %s failed: %s" % (" ".join(args[:3]), out.stderr[-2000:]))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, out.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default="target/release/storydiff")
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--per-host", type=int, default=20)
    parser.add_argument("--passes", type=int, default=2)
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    port = serve(options.hosts)
    data = tempfile.mkdtemp(prefix="storydiff-bench-watch-")
    env = dict(os.environ, XDG_DATA_HOME=data)
    env.pop("STORYDIFF_HOST_INTERVAL_MS", None)
    # Round robin over the hosts, as a feed of many sites would list them.
    urls = [
        "http://127.0.0.%d:%d/a%d" % (h + 1, port, h * options.per_host + k)
        for k in range(options.per_host)
        for h in range(options.hosts)
    ]
    total = len(urls)
    wall, cpu, _ = run(binary, ["watch", "add"] + urls + ["--every", "15m"], env)
    print("added %d watches in %.1f s (first versions read and kept; %.2f s CPU)" % (total, wall, cpu))
    floor = options.per_host - 1
    results = []
    for p in range(options.passes):
        requests = Handler.requests
        wall, cpu, out = run(binary, ["watch", "run", "--once", "--all", "--format", "json"], env)
        report = json.loads(out)
        asked = Handler.requests - requests
        results.append((wall, cpu))
        print(
            "pass %d: %d checks, %d requests in %.1f s (politeness floor %d s); CPU %.2f s = %.1f%% of one core; outcomes %s"
            % (p + 1, report["checked"], asked, wall, floor, cpu, 100 * cpu / wall, json.dumps(report["outcomes"]))
        )
    best = min(results, key=lambda r: r[1])
    print(
        "watch pass over %d articles on %d hosts: %.1f s (floor %d s), %.1f%% of one core"
        % (total, options.hosts, best[0], floor, 100 * best[1] / best[0])
    )
    shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
