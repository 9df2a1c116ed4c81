#!/usr/bin/env bash
# Takes a screenshot of the app under Xvfb, as a person would see it.
#   scripts/screenshot.sh OUT.png [APP ARGS...]
# Needs the built app (make build) and xvfb + imagemagick.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1; shift
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true' EXIT
sleep 1
DISPLAY=$display target/debug/storydiff-app "$@" &
app=$!
sleep "${WAIT:-4}"
DISPLAY=$display /usr/bin/import -window root "$out"
echo "wrote $out"
