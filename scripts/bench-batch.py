#!/usr/bin/env python3
"""Throughput of `storydiff batch` against Python's difflib, in one run.

    cargo build --release -p storydiff-cli
    python3 scripts/bench-batch.py [--pairs 2000] [--binary target/release/storydiff]
                                   [--baseline /tmp/storydiff-before]

Makes 2,000 generated article pairs of about 6 KB (examples/spark/gen_corpus.py),
then times, on the same pairs and in the same run:
  - `storydiff batch --summary-only` with every core, and with --jobs 1;
  - difflib.SequenceMatcher word diffs (a.split() against b.split(), the
    opcodes and ratio) in this Python process, one core.
Prints pairs per second and the ratio. Wall-clock, best of --repeat runs.

With --baseline BINARY, that binary (say, a copy of the build before a
change) is timed too, its runs interleaved with --binary's, so that both
see the same machine: on a shared machine figures drift by a fifth from
one minute to the next, and only a comparison within one run is fair.
"""

import argparse
import difflib
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def time_storydiff(binary, path, jobs, repeat):
    best = None
    for _ in range(repeat):
        cmd = [binary, "batch", "--summary-only", path]
        if jobs:
            cmd[2:2] = ["--jobs", str(jobs)]
        start = time.perf_counter()
        out = subprocess.run(cmd, stdout=subprocess.PIPE, check=True).stdout
        elapsed = time.perf_counter() - start
        answers = out.decode().splitlines()
        best = elapsed if best is None else min(best, elapsed)
    errors = sum(1 for a in answers if '"error"' in a[:200] and "error" in json.loads(a))
    return best, len(answers), errors


def time_difflib(pairs, repeat):
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        for old, new in pairs:
            m = difflib.SequenceMatcher(None, old.split(), new.split())
            m.get_opcodes()
            m.ratio()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=2000)
    ap.add_argument("--binary", default="target/release/storydiff")
    ap.add_argument("--baseline", help="another storydiff binary, timed in the same run")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", default="target/bench-batch")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    path = os.path.join(args.work, "pairs-%d.jsonl" % args.pairs)
    subprocess.run([sys.executable, os.path.join(HERE, "..", "examples", "spark", "gen_corpus.py"),
                    "pairs", "--count", str(args.pairs), "--out", path], check=True)
    pairs = [(r["old"], r["new"]) for r in map(json.loads, open(path))]
    size = sum(len(a) + len(b) for a, b in pairs) / (2 * len(pairs))
    cores = os.cpu_count()
    print("%d pairs, %.1f KB a side on average, %d cores" % (len(pairs), size / 1000, cores))
    binaries = [("storydiff", args.binary)]
    if args.baseline:
        binaries.insert(0, ("baseline", args.baseline))
    best = {}
    # Interleaved: one run of each binary in turn, best of --repeat each.
    for _ in range(args.repeat):
        for label, binary in binaries:
            for jobs in (None, 1):
                t, n, errors = time_storydiff(binary, path, jobs, 1)
                assert n == len(pairs) and errors == 0, (binary, n, errors)
                key = (label, jobs)
                best[key] = t if key not in best else min(best[key], t)
    t_py = time_difflib(pairs, args.repeat)
    rate = lambda t: len(pairs) / t
    for label, _ in binaries:
        t_all, t_one = best[(label, None)], best[(label, 1)]
        print("%-9s batch, all cores : %7.2f s  %8.0f pairs/s" % (label, t_all, rate(t_all)))
        print("%-9s batch, --jobs 1  : %7.2f s  %8.0f pairs/s" % (label, t_one, rate(t_one)))
    print("difflib.SequenceMatcher    : %7.2f s  %8.0f pairs/s" % (t_py, rate(t_py)))
    for label, _ in binaries:
        t_all, t_one = best[(label, None)], best[(label, 1)]
        print("%s is %.1fx difflib (all cores), %.1fx on one core" % (label, t_py / t_all, t_py / t_one))
    if args.baseline:
        b, n = best[("baseline", None)], best[("storydiff", None)]
        b1, n1 = best[("baseline", 1)], best[("storydiff", 1)]
        print("storydiff is %.2fx baseline (all cores), %.2fx on one core" % (b / n, b1 / n1))


if __name__ == "__main__":
    main()
