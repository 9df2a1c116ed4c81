#!/usr/bin/env bash
# Installs whatever storydiff needs that this machine lacks, and nothing else.
#   scripts/install-deps.sh build   system libraries for Tauri, Node.js, the UI's npm packages
#   scripts/install-deps.sh test    the above, plus Xvfb, WebKitWebDriver and tauri-driver
#   scripts/install-deps.sh package the above, plus cargo-about (the crates' licences for the packages)
# Safe to run again: each step checks first and skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-build}

say() { printf 'install-deps: %s\n' "$*"; }
die() { printf 'install-deps: %s\n' "$*" >&2; exit 1; }

# Tauri's system libraries (Debian/Ubuntu names), per the Tauri v2 prerequisites.
# libsqlite3-dev: the store links the system's SQLite (see docs/performance.md's
# "Release size").
packages=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config libsqlite3-dev)
if [ "$mode" = test ] || [ "$mode" = package ]; then
  packages+=(xvfb xauth webkit2gtk-driver)
fi
# The install test checks the watcher's systemd units with systemd-analyze.
if [ "$mode" = package ]; then
  packages+=(systemd)
fi

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

apt_install() {
  command -v apt-get >/dev/null || die "apt-get not found: install these packages with your system's package manager: $*"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "need root (or sudo) to install: $*"
    sudo=(sudo)
  fi
  say "installing system packages: $*"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

missing=()
for p in "${packages[@]}"; do installed "$p" || missing+=("$p"); done

# Node.js 20.19 or newer builds the UI (Vite 8).
node_ok() {
  command -v node >/dev/null && command -v npm >/dev/null || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'
}
if ! node_ok && ! command -v node >/dev/null; then
  missing+=(nodejs npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
  apt_install "${missing[@]}"
fi
node_ok || die "Node.js $(node --version 2>/dev/null || echo '(none)') is too old: the UI needs Node.js 20.19 or newer. Install a newer Node.js (e.g. from NodeSource) and run this again."

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs) and run this again."

# The UI's npm packages, exactly as locked; again only when the lock changed.
stamp=ui/node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ ui/package-lock.json -nt "$stamp" ]; then
  say "installing the UI's npm packages (npm ci)"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ "$mode" = test ] || [ "$mode" = package ]; then
  cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
  if ! command -v tauri-driver >/dev/null && [ ! -x "$cargo_bin/tauri-driver" ]; then
    say "installing tauri-driver (cargo install, about a minute)"
    cargo install tauri-driver --version 2.1.0 --locked --quiet
  fi
fi

# A venv of the test tools' own under ~/.cache, made once:
#   venv_with DIR 'module, module' 'what (how long)' PINNED_PACKAGE...
# Skipped where DIR's Python imports the modules already.
venv_with() {
  local dir=$1 modules=$2 what=$3
  shift 3
  "$dir/bin/python" -c "import $modules" 2>/dev/null && return 0
  command -v python3 >/dev/null || apt_install python3
  python3 -c 'import ensurepip, venv' 2>/dev/null || apt_install python3-venv
  say "installing $what into $dir"
  python3 -m venv "$dir"
  "$dir/bin/pip" install --quiet --disable-pip-version-check "$@"
}

# The Spark example's test (examples/spark/run-test.sh): a Java runtime from
# apt (Spark 4 needs Java 17 or newer) and pyspark from PyPI in a venv of its
# own, kept under ~/.cache so later runs reuse it.
if [ "$mode" = test ]; then
  java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
  if ! command -v java >/dev/null || [ "$(java_major)" -lt 17 ] 2>/dev/null; then
    apt_install default-jre-headless
    if [ "$(java_major)" -lt 17 ] 2>/dev/null; then apt_install openjdk-17-jre-headless; fi
  fi
  venv_with "${STORYDIFF_SPARK_VENV:-$HOME/.cache/storydiff/spark-venv}" 'pyspark, numpy' \
    'pyspark (pip, about 450 MB, once)' 'pyspark==4.3.0' 'numpy>=1.21'
fi

# The WARC tests (crates/cli/tests/warc.rs): warcio writes their input files
# and checks the exports, py-wacz validates the WACZ, pywb replays them.
# Pinned, in a venv of their own under ~/.cache (about 30 s, once).
if [ "$mode" = test ]; then
  venv_with "${STORYDIFF_WARC_VENV:-$HOME/.cache/storydiff/warc-venv}" 'warcio, wacz, pywb' \
    'warcio, py-wacz and pywb (pip, once)' 'warcio==1.8.1' 'wacz==0.6.0' 'pywb==2.10.0'
fi

# The line judge's training (scripts/train-line-judge.py): `make test`
# retrains it and checks the shipped model is what the committed data gives.
# scikit-learn, pinned with what it needs (about 10 s, once).
if [ "$mode" = test ]; then
  venv_with "${STORYDIFF_JUDGE_VENV:-$HOME/.cache/storydiff/judge-venv}" 'sklearn' \
    'scikit-learn (pip, once)' 'scikit-learn==1.5.2' 'numpy==2.1.3' 'scipy==1.14.1'
fi

if [ "$mode" = package ]; then
  cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
  if ! command -v cargo-about >/dev/null && [ ! -x "$cargo_bin/cargo-about" ]; then
    say "installing cargo-about (cargo install, a few minutes)"
    cargo install cargo-about --version 0.9.3 --locked --features cli --quiet
  fi
fi
