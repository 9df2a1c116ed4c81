#!/usr/bin/env python3
"""Who reprinted these stories, and what did each copy do? A PySpark job.

    spark-submit --files target/release/storydiff examples/spark/ledger_job.py \
        --corpus corpus.jsonl --originals originals.txt --out ledger/

The corpus is JSON lines or Parquet with columns `id`, `text`, `site`,
`date`, or web-archive files (`--warc`: a folder of .warc.gz files, a file
listing their paths or https addresses one a line, as Common Crawl's
`warc.paths` does); the originals are a text file of ids (one a line) or a
JSON lines or Parquet file with an `id` column. With WARC files an article's
id is its address, and there is one step more first:

0. The articles: `storydiff warc index --text` as a map step, one process
   per WARC file (downloaded first when it is an address), one row per HTML
   response with an article (its address, text, site and publication date).

Then two steps:

1. Candidate copies: word 3-shingles of every article, hashed, and Spark
   ML's MinHashLSH; an approximate similarity join of the originals against
   the whole corpus keeps pairs within `--max-distance` (Jaccard distance).
2. The comparison: `storydiff batch --summary-only` as a map step
   (mapPartitions, one storydiff process per partition, the binary shipped
   to every executor with --files and found with SparkFiles). By default
   the candidates of each original go in one ledger line (`{id, original,
   copies}`), so that each row also says whose edits the copy follows;
   `--pairs` sends one pair line a candidate instead (no `follows`, and no
   original with a huge number of copies in one line).

The ledger rows (one per original and copy: shares kept verbatim, edited,
cut and added, altered quotes, changed figures and names, the credit line)
are written as Parquet (`OUT/ledger.parquet`) and CSV (`OUT/ledger_csv/`).
"""

import argparse
import gzip
import json
import os
import shutil
import subprocess
import tempfile
import threading
import urllib.request

from pyspark import SparkFiles
from pyspark.ml import Pipeline
from pyspark.ml.feature import HashingTF, MinHashLSH, NGram, RegexTokenizer
from pyspark.sql import SparkSession, functions as F, types as T

ROW_SCHEMA = T.StructType([
    T.StructField("original", T.StringType()),
    T.StructField("copy", T.StringType()),
    T.StructField("site", T.StringType()),
    T.StructField("date", T.StringType()),
    T.StructField("distance", T.DoubleType()),
    T.StructField("kept_verbatim", T.DoubleType()),
    T.StructField("kept_edited", T.DoubleType()),
    T.StructField("cut", T.DoubleType()),
    T.StructField("added", T.DoubleType()),
    T.StructField("similarity", T.DoubleType()),
    T.StructField("quotes_altered", T.LongType()),
    T.StructField("numbers_changed", T.LongType()),
    T.StructField("names_changed", T.LongType()),
    T.StructField("paragraphs_cut", T.LongType()),
    T.StructField("paragraphs_added", T.LongType()),
    T.StructField("credit", T.StringType()),
    T.StructField("follows", T.StringType()),
    T.StructField("summary", T.StringType()),
    T.StructField("error", T.StringType()),
])


def read_table(spark, path):
    if path.endswith(".parquet") or os.path.isdir(path):
        return spark.read.parquet(path)
    return spark.read.json(path)


def read_originals(spark, path):
    if path.endswith(".txt"):
        ids = [line.strip() for line in open(path) if line.strip()]
        return spark.createDataFrame([(i,) for i in ids], ["id"])
    return read_table(spark, path).select("id")


def warc_paths(spec):
    """The WARC files to read: a folder of them, or a file listing them."""
    if os.path.isdir(spec):
        return sorted(os.path.join(spec, f) for f in os.listdir(spec)
                      if f.endswith((".warc.gz", ".warc")))
    opener = gzip.open if spec.endswith(".gz") else open
    with opener(spec, "rt") as f:
        paths = [line.strip() for line in f if line.strip()]
    # Common Crawl lists paths under its bucket.
    return [p if "://" in p or os.path.isabs(p) else "https://data.commoncrawl.org/" + p for p in paths]


def index_warcs(paths, name=None):
    """Step 0, one partition: each WARC file through `storydiff warc index`."""
    binary = SparkFiles.get(name or BINARY_NAME)
    if not os.access(binary, os.X_OK):
        os.chmod(binary, 0o755)
    for path in paths:
        local, temporary = path, None
        if "://" in path:
            fd, temporary = tempfile.mkstemp(suffix=".warc.gz")
            with os.fdopen(fd, "wb") as out, urllib.request.urlopen(path, timeout=600) as answer:
                shutil.copyfileobj(answer, out, 1 << 20)
            local = temporary
        try:
            proc = subprocess.Popen([binary, "warc", "index", "--format", "json", "--text", "--jobs", "1", local],
                                    stdout=subprocess.PIPE, text=True, bufsize=1 << 16)
            seen = set()
            for line in proc.stdout:
                r = json.loads(line)
                # One row an address (a crawl may hold a page twice).
                if r["article"] and r["uri"] not in seen:
                    seen.add(r["uri"])
                    yield (r["uri"], r["text"], r.get("site"), (r.get("published") or r["date"])[:10])
            if proc.wait() != 0:
                raise RuntimeError("storydiff warc index %s exited with %d" % (path, proc.returncode))
        finally:
            if temporary:
                os.unlink(temporary)


def candidates(corpus, originals, max_distance, tables):
    """Step 1: pairs (original, copy) whose shingles MinHashLSH finds close."""
    pipeline = Pipeline(stages=[
        RegexTokenizer(inputCol="text", outputCol="words", pattern="\\W+", toLowercase=True),
        NGram(n=3, inputCol="words", outputCol="shingles"),
        HashingTF(inputCol="shingles", outputCol="features", numFeatures=1 << 20, binary=True),
    ])
    features = pipeline.fit(corpus).transform(corpus)
    # MinHash needs at least one shingle: articles under three words are no one's copy.
    features = features.where(F.size("shingles") > 0).select("id", "features")
    model = MinHashLSH(inputCol="features", outputCol="hashes", numHashTables=tables, seed=14).fit(features)
    wanted = features.join(F.broadcast(originals), "id")
    pairs = model.approxSimilarityJoin(wanted, features, max_distance, distCol="distance")
    return pairs.select(
        F.col("datasetA.id").alias("original"),
        F.col("datasetB.id").alias("copy"),
        "distance",
    ).where(F.col("original") != F.col("copy"))


BINARY_NAME = "storydiff"


def run_storydiff(lines, name=None):
    """Step 2, one partition: feed JSON lines to `storydiff batch`, read its answers in order."""
    binary = SparkFiles.get(name or BINARY_NAME)
    if not os.access(binary, os.X_OK):
        os.chmod(binary, 0o755)
    proc = subprocess.Popen([binary, "batch", "--summary-only", "--jobs", "1", "-"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1 << 16)

    def feed():
        try:
            for line in lines:
                proc.stdin.write(line + "\n")
        finally:
            proc.stdin.close()

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    for answer in proc.stdout:
        yield answer
    writer.join()
    if proc.wait() != 0:
        raise RuntimeError("storydiff batch exited with %d" % proc.returncode)


def ledger_rows(answer):
    """The rows of one ledger answer: one per copy."""
    a = json.loads(answer)
    meta = a["id"]
    if "error" in a:
        for c in meta["copies"]:
            yield dict(original=meta["original"], copy=c["copy"], site=c["site"], date=c["date"],
                       distance=float(c["distance"]),
                       error="%s: %s" % (a["error"]["kind"], a["error"]["message"]))
        return
    for c, row in zip(meta["copies"], a["ledger"]["copies"]):
        s = row["stats"]
        yield dict(original=meta["original"], copy=c["copy"], site=row["site"], date=row["published"],
                   distance=float(c["distance"]), kept_verbatim=s["kept_verbatim"],
                   kept_edited=s["kept_edited"], cut=row["cut"], added=row["added"],
                   similarity=s["similarity"], quotes_altered=s["quotes_altered"],
                   numbers_changed=s["numbers_changed"], names_changed=s["names_changed"],
                   paragraphs_cut=s["paragraphs_removed"], paragraphs_added=s["paragraphs_added"],
                   credit=row["credit"], follows=row["follows"], summary=s["summary"], error=None)


def to_row(answer):
    a = json.loads(answer)
    meta = a["id"]
    base = {"original": meta["original"], "copy": meta["copy"], "site": meta.get("site"),
            "date": meta.get("date"), "distance": float(meta["distance"])}
    if "error" in a:
        return dict(base, error="%s: %s" % (a["error"]["kind"], a["error"]["message"]))
    s = a["stats"]
    cut = 0.0 if s["old_words"] == 0 else max(0.0, 1.0 - s["kept_verbatim"] - s["kept_edited"])
    added = 0.0 if s["new_words"] == 0 else s["words_added"] / s["new_words"]
    return dict(base, kept_verbatim=s["kept_verbatim"], kept_edited=s["kept_edited"], cut=cut,
                added=added, similarity=s["similarity"], quotes_altered=s["quotes_altered"],
                numbers_changed=s["numbers_changed"], names_changed=s["names_changed"],
                paragraphs_cut=s["paragraphs_removed"], paragraphs_added=s["paragraphs_added"],
                credit=a.get("credit"), summary=s["summary"], error=None)


def main():
    ap = argparse.ArgumentParser(description="storydiff reprint ledger on Spark")
    source = ap.add_mutually_exclusive_group(required=True)
    source.add_argument("--corpus", help="JSON lines or Parquet: id, text, site, date")
    source.add_argument("--warc", help="WARC files: a folder of .warc.gz files, or a file listing their paths or addresses")
    ap.add_argument("--originals", required=True, help="ids: a .txt file (one a line), JSON lines or Parquet")
    ap.add_argument("--out", required=True, help="folder for ledger.parquet and ledger_csv/")
    ap.add_argument("--max-distance", type=float, default=0.8,
                    help="largest Jaccard distance of 3-shingles for a candidate (default 0.8)")
    ap.add_argument("--hash-tables", type=int, default=5)
    ap.add_argument("--partitions", type=int, default=0, help="partitions for the comparisons (default: Spark's)")
    ap.add_argument("--binary-name", default="storydiff",
                    help="file name of the storydiff binary shipped with --files (default storydiff)")
    ap.add_argument("--pairs", action="store_true",
                    help="one batch line per candidate pair instead of one ledger line per original (no follows)")
    args = ap.parse_args()

    spark = SparkSession.builder.appName("storydiff-ledger").getOrCreate()
    if args.warc:
        paths = warc_paths(args.warc)
        files = spark.sparkContext.parallelize(paths, max(1, len(paths)))
        articles = files.mapPartitions(lambda part: index_warcs(part, args.binary_name))
        schema = T.StructType([T.StructField(n, T.StringType()) for n in ("id", "text", "site", "date")])
        corpus = spark.createDataFrame(articles, schema).dropDuplicates(["id"])
    else:
        corpus = read_table(spark, args.corpus).select("id", "text", "site", "date")
    corpus = corpus.withColumn("id", F.col("id").cast("string")).cache()
    originals = read_originals(spark, args.originals).withColumn("id", F.col("id").cast("string"))

    pairs = candidates(corpus, originals, args.max_distance, args.hash_tables)
    texts = corpus.select("id", "text", "site", "date")
    joined = (pairs
              .join(texts.select(F.col("id").alias("original"), F.col("text").alias("old"),
                                 F.col("site").alias("old_site")), "original")
              .join(texts.select(F.col("id").alias("copy"), F.col("text").alias("new"),
                                 F.col("site").alias("site"), F.col("date").cast("string").alias("date")), "copy"))
    if args.pairs:
        if args.partitions:
            joined = joined.repartition(args.partitions)
        lines = joined.rdd.map(lambda r: json.dumps({
            "id": {"original": r.original, "copy": r.copy, "site": r.site, "date": r.date,
                   "distance": r.distance},
            "old": r.old, "new": r.new, "old_source": r.original, "new_source": r.copy,
        }))
        rows = lines.mapPartitions(lambda part: run_storydiff(part, args.binary_name)).map(to_row)
    else:
        # One ledger line per original: its text and all its candidates.
        groups = joined.groupBy("original").agg(
            F.first("old").alias("old"),
            F.sort_array(F.collect_list(F.struct("copy", "new", "site", "date", "distance"))).alias("copies"))
        if args.partitions:
            groups = groups.repartition(args.partitions)
        lines = groups.rdd.map(lambda g: json.dumps({
            "id": {"original": g.original,
                   "copies": [{"copy": c.copy, "site": c.site, "date": c.date, "distance": c.distance}
                              for c in g.copies]},
            "original": g.old, "original_source": g.original,
            "copies": [{"text": c.new, "source": c.copy, "site": c.site, "published": c.date}
                       for c in g.copies],
        }))
        rows = lines.mapPartitions(lambda part: run_storydiff(part, args.binary_name)).flatMap(ledger_rows)
    ledger = spark.createDataFrame(rows, ROW_SCHEMA).cache()
    ledger.write.mode("overwrite").parquet(os.path.join(args.out, "ledger.parquet"))
    ledger.coalesce(1).write.mode("overwrite").option("header", True).csv(os.path.join(args.out, "ledger_csv"))
    print("storydiff-ledger: %d rows from %d originals" % (ledger.count(), originals.count()))
    spark.stop()


if __name__ == "__main__":
    main()
