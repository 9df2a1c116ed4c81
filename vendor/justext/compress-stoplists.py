#!/usr/bin/env python3
"""Packs justext's 100 stop-word lists into one file of zlib streams.

    python3 vendor/justext/compress-stoplists.py UPSTREAM_STOPLISTS_DIR

UPSTREAM_STOPLISTS_DIR is `src/stoplists/` of the published justext crate
(for 0.3.0: ~/.cargo/registry/src/*/justext-0.3.0/src/stoplists). Writes, next
to this script:
  - src/stoplists/stoplists.z: each list's text, byte for byte, as its own
    zlib stream (level 9), one after another;
  - src/stoplists/index.rs: (language, offset, compressed length, text length).

Each list is its own stream so that reading one language inflates only that
language, as the upstream crate parses only that one. zlib's Adler-32 and the
recorded length let the crate's tests check every list comes back exactly.
"""

import os
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    upstream = sys.argv[1]
    names = sorted(f[:-4] for f in os.listdir(upstream) if f.endswith(".txt"))
    if len(names) != 100:
        sys.exit(f"{upstream}: expected justext's 100 lists, found {len(names)}")
    out = os.path.join(HERE, "src", "stoplists")
    blob = bytearray()
    rows = []
    for name in names:
        with open(os.path.join(upstream, name + ".txt"), "rb") as f:
            text = f.read()
        text.decode("utf-8")  # include_str! required UTF-8; so does the crate now
        packed = zlib.compress(text, 9)
        rows.append((name, len(blob), len(packed), len(text)))
        blob += packed
    with open(os.path.join(out, "stoplists.z"), "wb") as f:
        f.write(blob)
    with open(os.path.join(out, "index.rs"), "w") as f:
        f.write("// Written by compress-stoplists.py; do not edit.\n")
        f.write("// (language, offset in stoplists.z, zlib length, text length)\n")
        f.write("pub(super) const INDEX: &[(&str, usize, usize, usize)] = &[\n")
        for row in rows:
            f.write('    ("%s", %d, %d, %d),\n' % row)
        f.write("];\n")
    total = sum(r[3] for r in rows)
    print(f"{len(rows)} lists: {total} bytes of text in {len(blob)} bytes")


if __name__ == "__main__":
    main()
