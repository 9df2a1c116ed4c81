#!/usr/bin/env bash
# Writes the licences of everything the packages ship into one Markdown file:
#   scripts/licenses.sh OUT.md
# The crates of the app and of the command line come from cargo-about (one
# listing each, since the two are separate roots of the dependency graph),
# the npm packages bundled into the window from Vite's build.license
# (ui/dist/.vite/license.md, written by `npm --prefix ui run build`).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1
dir=$(dirname "$out")
mkdir -p "$dir"
npm_licenses=ui/dist/.vite/license.md
[ -f "$npm_licenses" ] || { echo "licenses: $npm_licenses is missing: build the UI first (npm --prefix ui run build)" >&2; exit 1; }
# cargo metadata (which cargo-about runs) wants the sources of every
# platform's dependencies, not only this one's (hermit-abi, windows-*):
# fetch them all from the registry first, then read them offline.
cargo fetch --locked
# The two roots at once: cargo-about's licence-text matching takes minutes
# and one core each (about 5 and 2 minutes here, one after the other).
pids=()
for root in src-tauri crates/cli; do
  # --offline: the licence texts come from the crates' sources on disk; the
  # registries are all this machine reaches.
  cargo about generate --fail --locked --offline -c src-tauri/packaging/about.toml \
    -m "$root/Cargo.toml" src-tauri/packaging/about.hbs -o "$dir/$(basename "$root").md" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
{
  echo "# Third-party licences of storydiff"
  echo
  echo "storydiff itself is licensed MIT OR Apache-2.0. It ships the Rust crates and"
  echo "npm packages below; each section gives a licence's text once, with what it covers."
  echo
  echo "# The desktop app (storydiff-app)"
  sed '1d' "$dir/src-tauri.md"
  echo
  echo "# The command line (storydiff)"
  sed '1d' "$dir/cli.md"
  echo
  echo "# The window's code: npm packages"
  sed '1d' "$npm_licenses"
} > "$out"
echo "licenses: wrote $out ($(wc -c < "$out") bytes)" >&2
