#!/usr/bin/env bash
# The Spark example for real, in local mode: a generated corpus of a few
# thousand articles with planted copies, the job, and the check of its rows.
#   examples/spark/run-test.sh [STORYDIFF_BINARY]
# Needs a JRE and pyspark: scripts/install-deps.sh test installs both (pyspark
# in the venv $STORYDIFF_SPARK_VENV, default ~/.cache/storydiff/spark-venv).
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=${STORYDIFF_SPARK_VENV:-$HOME/.cache/storydiff/spark-venv}
binary=${1:-target/debug/storydiff}
work=target/spark-test
articles=${SPARK_TEST_ARTICLES:-3000}
[ -x "$venv/bin/spark-submit" ] || { echo "run-test: no pyspark in $venv: run scripts/install-deps.sh test" >&2; exit 1; }
[ -x "$binary" ] || { echo "run-test: no storydiff binary at $binary: cargo build -p storydiff-cli" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"
python3 examples/spark/gen_corpus.py corpus --articles "$articles" --out "$work/corpus"
export PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"
start=$(date +%s)
"$venv/bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false \
  --conf spark.sql.shuffle.partitions=8 --driver-memory 2g \
  --files "$binary" examples/spark/ledger_job.py --binary-name "$(basename "$binary")" \
  --corpus "$work/corpus/corpus.jsonl" --originals "$work/corpus/originals.txt" --out "$work/out" \
  2> "$work/spark.log" || { tail -40 "$work/spark.log" >&2; exit 1; }
echo "spark ledger: job took $(( $(date +%s) - start )) s on $articles articles (log: $work/spark.log)"
"$venv/bin/python" examples/spark/check.py "$work"
