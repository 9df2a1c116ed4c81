#!/usr/bin/env bash
# The Spark example for real, in local mode: a generated corpus of a few
# thousand articles with planted copies, the job, and the check of its rows;
# then the same kind of corpus as web pages in WARC files (request, response
# and metadata records, images and error pages among them), read by the
# job's `storydiff warc index` step, and checked the same way.
#   examples/spark/run-test.sh [STORYDIFF_BINARY]
# Needs a JRE and pyspark: scripts/install-deps.sh test installs both (pyspark
# in the venv $STORYDIFF_SPARK_VENV, default ~/.cache/storydiff/spark-venv).
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=${STORYDIFF_SPARK_VENV:-$HOME/.cache/storydiff/spark-venv}
binary=${1:-target/debug/storydiff}
work=target/spark-test
articles=${SPARK_TEST_ARTICLES:-3000}
warc_articles=${SPARK_TEST_WARC_ARTICLES:-2000}
[ -x "$venv/bin/spark-submit" ] || { echo "run-test: no pyspark in $venv: run scripts/install-deps.sh test" >&2; exit 1; }
[ -x "$binary" ] || { echo "run-test: no storydiff binary at $binary: cargo build -p storydiff-cli" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work/json" "$work/warc"
export PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"

# job DIR INPUT...: the ledger job on one input, its rows checked against
# DIR/corpus/truth.jsonl.
job() {
  local dir=$1
  shift
  local start
  start=$(date +%s)
  "$venv/bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false \
    --conf spark.sql.shuffle.partitions=8 --driver-memory 2g \
    --files "$binary" examples/spark/ledger_job.py --binary-name "$(basename "$binary")" \
    "$@" --originals "$dir/corpus/originals.txt" --out "$dir/out" \
    2> "$dir/spark.log" || { tail -40 "$dir/spark.log" >&2; exit 1; }
  echo "spark ledger: job took $(( $(date +%s) - start )) s (log: $dir/spark.log)"
  "$venv/bin/python" examples/spark/check.py "$dir"
}

python3 examples/spark/gen_corpus.py corpus --articles "$articles" --out "$work/json/corpus"
echo "spark ledger: $articles articles as JSON lines"
job "$work/json" --corpus "$work/json/corpus/corpus.jsonl"

python3 examples/spark/gen_corpus.py corpus --articles "$warc_articles" --warc 4 --seed 28 --out "$work/warc/corpus"
echo "spark ledger: $warc_articles articles as web pages in 4 WARC files"
job "$work/warc" --warc "$work/warc/corpus/warc"
