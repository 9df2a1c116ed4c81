#!/usr/bin/env python3
"""Trains storydiff's line judge (crates/extract/src/judge.rs).

Reads the feature table that the extraction test writes from the labelled
benchmark pages (crates/extract/judge/lines.csv.gz: one row a line, read both
the full way and the quick way; label 1 where the line is not in the page's
marked article) and writes crates/extract/judge/model.json:

- a logistic regression on standardised features, trained on every row;
- the same model trained once per fold of sites (GroupKFold by site), each
  with the sites it never saw, so that the extraction test can judge every
  page by a model that did not see its site;
- the two thresholds: `mark_at` (a line the rules left is marked at or above
  it) and `keep_at` (a line the rules marked is kept at or below it), chosen
  on the folds' out-of-fold scores so that each overruling is right at least
  `--sure` of the time, and never from the rows they are then applied to.

`--check` retrains and compares with the committed model instead of writing
it, as `make test` does: the shipped file must be what the committed data
gives (to 1e-4; BLAS builds may differ in the last digits).

Why scikit-learn: a well-kept, deterministic logistic regression (lbfgs) and
GroupKFold; pinned in scripts/install-deps.sh so a retrain reproduces.
"""

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "crates/extract/judge/lines.csv.gz"
MODEL = ROOT / "crates/extract/judge/model.json"
FOLDS = 5
# L2 strength: small data (tens of sites), so a firm prior. Chosen by the
# folds' out-of-fold scores (0.02, 0.1 and 0.5 tried, with and without
# balanced classes): 0.1, balanced, overrules most often while right.
C = 0.1


def read(path):
    raw = gzip.decompress(path.read_bytes())
    lines = raw.decode("utf-8").splitlines()
    header = lines[0].split(",")
    features = header[5:]
    sites, labels, rows, readings, rules = [], [], [], [], []
    for line in lines[1:]:
        cells = line.split(",")
        sites.append(cells[1])
        readings.append(cells[2])
        labels.append(int(cells[4]))
        rows.append([float(c) for c in cells[5:]])
    x = np.array(rows, dtype=np.float64)
    rules = x[:, features.index("rules_final")] > 0.5
    return features, x, np.array(labels), np.array(sites), rules, hashlib.sha256(raw).hexdigest()


def fit(x, y):
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=C, max_iter=5000, solver="lbfgs", class_weight="balanced")
    model.fit((x - mean) / scale, y)
    return mean, scale, model


def score(fitted, x):
    mean, scale, model = fitted
    return model.predict_proba((x - mean) / scale)[:, 1]


def rounded(values):
    return [float(f"{v:.6g}") for v in values]


def as_json(fitted):
    mean, scale, model = fitted
    return {
        "mean": rounded(mean),
        "scale": rounded(scale),
        "coef": rounded(model.coef_[0]),
        "intercept": float(f"{model.intercept_[0]:.6g}"),
    }


def threshold(scores, right, candidates, sure, above):
    """The loosest threshold whose overrulings are right at least `sure` of
    the time, with at least 3 of them; none (never overrule) otherwise."""
    best = None
    for t in candidates:
        chosen = scores >= t if above else scores <= t
        n = int(chosen.sum())
        if n < 3:
            continue
        if right[chosen].mean() >= sure:
            best = t if best is None else (min(best, t) if above else max(best, t))
    return best


def train(sure):
    features, x, y, sites, rules, digest = read(DATA)
    unique = sorted(set(sites))
    # GroupKFold assigns sites to folds deterministically (by size, then order).
    folds = []
    out_of_fold = np.zeros(len(y))
    for train_rows, test_rows in GroupKFold(n_splits=FOLDS).split(x, y, sites):
        fitted = fit(x[train_rows], y[train_rows])
        out_of_fold[test_rows] = score(fitted, x[test_rows])
        held = sorted(set(sites[test_rows]))
        folds.append({"sites": held, **as_json(fitted)})
    grid = [round(0.5 + 0.01 * i, 2) for i in range(50)]
    # Mark: among lines the rules kept, how often a high score is right.
    kept = ~rules
    mark_at = threshold(out_of_fold[kept], y[kept] == 1, grid, sure, above=True)
    marked = rules
    low = [round(0.01 * i, 2) for i in range(1, 50)]
    keep_at = threshold(out_of_fold[marked], y[marked] == 0, low, sure, above=False)
    model = {
        "comment": "Trained by scripts/train-line-judge.py from crates/extract/judge/lines.csv.gz; do not edit.",
        "data_sha256": digest,
        "rows": int(len(y)),
        "sites": len(unique),
        "sure": sure,
        "features": features,
        "mark_at": 2.0 if mark_at is None else mark_at,
        "keep_at": -1.0 if keep_at is None else keep_at,
        **as_json(fit(x, y)),
        "folds": folds,
    }
    overruled_marks = int(((out_of_fold >= model["mark_at"]) & kept).sum())
    overruled_keeps = int(((out_of_fold <= model["keep_at"]) & marked).sum())
    print(
        f"{len(y)} lines of {len(unique)} sites; mark_at {model['mark_at']} "
        f"({overruled_marks} out-of-fold lines marked), keep_at {model['keep_at']} "
        f"({overruled_keeps} out-of-fold marks lifted)",
        file=sys.stderr,
    )
    return model


def close(a, b):
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(close(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b))
    if isinstance(a, float) or isinstance(b, float):
        return abs(float(a) - float(b)) <= 1e-4 * max(1.0, abs(float(a)))
    return a == b


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed model")
    parser.add_argument("--sure", type=float, default=0.9, help="how often an overruling must be right")
    args = parser.parse_args()
    model = train(args.sure)
    if args.check:
        committed = json.loads(MODEL.read_text())
        if not close(model, committed):
            sys.exit(
                f"{MODEL} is not what {DATA} trains: run scripts/train-line-judge.py and commit the model"
            )
        print(f"{MODEL.name} is what the committed data trains", file=sys.stderr)
        return
    MODEL.write_text(json.dumps(model, indent=1) + "\n")


if __name__ == "__main__":
    main()
