#!/usr/bin/env bash
# Whole-process figures for the storydiff command line beside
# `git diff --no-index --word-diff=porcelain` on the same files, in the same
# run, interleaved (storydiff, git, storydiff, git, …) so that both see the
# same machine load. Prints a Markdown table: median wall time and peak
# resident memory of each, and their ratio.
#
#   scripts/bench-vs-git.sh [CORPUS_DIR] [RUNS]
#
# CORPUS_DIR holds the pairs made by ../shared/bench/gen_corpus.py
# (default target/bench-corpus); RUNS runs of each (default 7). It also
# times two hostile shapes it makes itself under target/bench-hostile: 5 MB
# of one repeated word against the same with its last 100,000 words
# changed, as one paragraph. STORYDIFF (default target/release/storydiff)
# is the binary measured: build it with `cargo build --release -p storydiff-cli`.
set -euo pipefail
corpus=${1:-target/bench-corpus}
runs=${2:-7}
storydiff=${STORYDIFF:-target/release/storydiff}
[ -x "$storydiff" ] || { echo "no $storydiff: cargo build --release -p storydiff-cli" >&2; exit 2; }
command -v git >/dev/null || { echo "git is needed for the comparison" >&2; exit 2; }

hostile=target/bench-hostile
mkdir -p "$hostile"
if [ ! -f "$hostile/repeated-new.txt" ]; then
	python3 - "$hostile" <<'EOF'
import sys, os
d = sys.argv[1]
words = 2_500_000  # "a " × 2.5 M = 5 MB
open(os.path.join(d, "repeated-old.txt"), "w").write("a " * words)
open(os.path.join(d, "repeated-new.txt"), "w").write("a " * (words - 100_000) + "b " * 100_000)
EOF
fi

python3 - "$storydiff" "$runs" "$corpus" "$hostile" <<'EOF'
import os, subprocess, sys, time, statistics

storydiff, runs, corpus, hostile = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]

def measure(argv):
    """Wall time (s) and peak RSS (MB) of one process, its output discarded."""
    with open(os.devnull, "wb") as null:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=null, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        err = proc.stderr.read().decode(errors="replace")
        proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{argv[0]} failed ({code}): {err}")
    return elapsed, usage.ru_maxrss / 1024

pairs = []
for name in ["s5k", "s100k", "s1m", "s10m", "h100k", "h1m", "h10m"]:
    a, b = os.path.join(corpus, name, "a.txt"), os.path.join(corpus, name, "b.txt")
    if os.path.isfile(a) and os.path.isfile(b):
        pairs.append((name, a, b))
    else:
        print(f"skipping {name}: no {a}", file=sys.stderr)
pairs.append(("5 MB one word", os.path.join(hostile, "repeated-old.txt"), os.path.join(hostile, "repeated-new.txt")))

print(f"storydiff `compare --format json` and `git diff --no-index --word-diff=porcelain`, "
      f"medians of {runs} interleaved runs, output to /dev/null")
print()
print("| pair | size | storydiff | peak RSS | git | peak RSS | storydiff / git |")
print("|---|---|---|---|---|---|---|")
medians = {}
for name, a, b in pairs:
    ours, theirs = [], []
    for k in range(runs):
        # Alternate who goes first, so that neither always runs on a warm cache.
        order = [("ours", [storydiff, "compare", a, b, "--format", "json", "--no-snapshots"]),
                 ("git", ["git", "diff", "--no-index", "--word-diff=porcelain", a, b])]
        if k % 2:
            order.reverse()
        for who, argv in order:
            (ours if who == "ours" else theirs).append(measure(argv))
    t = statistics.median(x[0] for x in ours)
    m = max(x[1] for x in ours)
    gt = statistics.median(x[0] for x in theirs)
    gm = max(x[1] for x in theirs)
    medians[name] = t
    size = os.path.getsize(b)
    size = f"{size / 1e6:.0f} MB" if size >= 1e6 else f"{size / 1e3:.0f} KB"
    print(f"| {name} | {size} | {t * 1e3:.0f} ms | {m:.0f} MB | {gt * 1e3:.0f} ms | {gm:.0f} MB | {t / gt:.2f}× |")
for prefix in "sh":
    one, ten = medians.get(prefix + "1m"), medians.get(prefix + "10m")
    if one and ten:
        print(f"\ngrowth {prefix}: t({prefix}10m) / t({prefix}1m) = {ten / one:.1f}")
EOF
