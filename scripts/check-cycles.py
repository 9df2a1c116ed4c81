#!/usr/bin/env python3
"""Fails when two or more files of one crate import each other, directly or
in a circle (their test modules aside). Types that many modules share live
in modules that import none of the algorithms (docs/architecture.md).

    python3 scripts/check-cycles.py
"""

import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def graph(src):
    mods = {f[:-3] for f in os.listdir(src) if f.endswith(".rs")}
    edges = {}
    for m in mods:
        text = open(os.path.join(src, m + ".rs"), encoding="utf-8").read()
        text = re.split(r"#\[cfg\(test\)\]\s*mod tests", text)[0]
        text = re.sub(r"//[^\n]*", "", text)
        deps = set()
        for name in re.findall(r"crate::(\w+)", text):
            if name in mods and name != m:
                deps.add(name)
        for block in re.findall(r"use crate::\{([^;]*)\};", text, re.S):
            for name in re.findall(r"(?:^|[\s,{])(\w+)", block):
                if name in mods and name != m:
                    deps.add(name)
        edges[m] = deps
    return edges


def cycles(edges):
    index, low, stack, on, found, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def main():
    crates = [os.path.join("crates", c, "src") for c in sorted(os.listdir(os.path.join(ROOT, "crates")))]
    crates.append(os.path.join("src-tauri", "src"))
    bad = []
    for src in crates:
        path = os.path.join(ROOT, src)
        if os.path.isdir(path):
            for component in cycles(graph(path)):
                bad.append("%s: %s" % (src, " <-> ".join(component)))
    if bad:
        print("These files import each other in a circle; move what they share into a module that imports neither:", file=sys.stderr)
        for line in bad:
            print("  " + line, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
