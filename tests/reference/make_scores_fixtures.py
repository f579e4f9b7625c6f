#!/usr/bin/python3
"""Reference fixtures for tests/core/test_scores_ref.c, made by scikit-learn.

Run with Debian's Python (scikit-learn 1.2.1 and numpy 1.24.2 made the
committed files), from anywhere:

    /usr/bin/python3 tests/reference/make_scores_fixtures.py

Two seeded data sets of binary truth and scores:

mixed  400 rows, probabilities of a noisy logistic model rounded to two
       decimals (ties within and across the classes), three rows of each
       class at exactly 0 and at exactly 1 (log loss clips them).
ties   250 rows whose scores take only the five values 0, .25, .5, .75, 1.

Every data set also has integer weights 0..3 (column `weight`), used for
the weighted metrics (sample_weight), which lunette's weighted metrics must
match with the weights given per row.

It writes next to this script, for each data set D:

scores_D.csv          truth, score, weight
scores_D_scalars.csv  metric, threshold, weighted, value: roc_auc_score,
    average_precision_score, log_loss(eps=np.finfo(float).eps),
    brier_score_loss, and at each threshold t (predicted = score >= t)
    accuracy, balanced_accuracy, precision, recall, specificity (recall of
    class 0), f1 (zero_division=0), mcc (matthews_corrcoef) and kappa
    (cohen_kappa_score); weighted 0 or 1 (with sample_weight).
scores_D_roc.csv      drop, threshold, fpr, tpr: roc_curve with
    drop_intermediate 1 and 0 (sklearn's first threshold is the second
    plus 1, lunette's is inf: compare from the second row of each).
scores_D_pr.csv       threshold, precision, recall: precision_recall_curve
    (the last row has no threshold: an empty field).
scores_D_calib.csv    strategy, bins, lo, hi, n, fraction_positive,
    mean_predicted: calibration_curve(n_bins=bins, strategy=...) for 3, 5
    and 10 bins; lo, hi and n are the edges and counts of the non-empty
    bins, computed the way calibration_curve computes them (np.percentile
    or np.linspace edges, np.searchsorted on the inner ones).

Floats are written with repr(), which reads back to the same double; the
scores are read back from the written text before sklearn sees them, so
both sides compute on the same doubles.
"""
import csv
import io
import os

import numpy as np
from sklearn.calibration import calibration_curve
from sklearn.metrics import (accuracy_score, average_precision_score,
                             balanced_accuracy_score, brier_score_loss,
                             cohen_kappa_score, f1_score, log_loss,
                             matthews_corrcoef, precision_recall_curve,
                             precision_score, recall_score, roc_auc_score,
                             roc_curve)

HERE = os.path.dirname(os.path.abspath(__file__))
THRESHOLDS = [0.0, 0.25, 0.3, 0.5, 0.62, 0.75, 1.0]


def num(x):
    x = float(x)
    return "" if np.isnan(x) else repr(x)


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def mixed():
    rng = np.random.default_rng(20240601)
    n = 400
    y = (rng.random(n) < 0.35).astype(int)
    logit = -0.6 + 1.5 * y + rng.normal(0, 1.1, n)
    p = np.round(1 / (1 + np.exp(-logit)), 2)
    pos, neg = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    p[pos[:3]] = 0.0
    p[pos[3:6]] = 1.0
    p[neg[:3]] = 0.0
    p[neg[3:6]] = 1.0
    return y, p, rng.integers(0, 4, n)


def ties():
    rng = np.random.default_rng(7)
    n = 250
    y = (rng.random(n) < 0.45).astype(int)
    level = np.where(y == 1, rng.choice(5, n, p=[.1, .15, .25, .25, .25]),
                     rng.choice(5, n, p=[.3, .25, .25, .15, .05]))
    return y, level / 4, rng.integers(0, 4, n)


def threshold_metrics(y, p, t, w):
    pred = (p >= t).astype(int)
    kw = {"sample_weight": w}
    with np.errstate(all="ignore"):
        return {
            "accuracy": accuracy_score(y, pred, **kw),
            "balanced_accuracy": balanced_accuracy_score(y, pred, **kw),
            "precision": precision_score(y, pred, zero_division=0, **kw),
            "recall": recall_score(y, pred, zero_division=0, **kw),
            "specificity": recall_score(y, pred, pos_label=0, zero_division=0, **kw),
            "f1": f1_score(y, pred, zero_division=0, **kw),
            "mcc": matthews_corrcoef(y, pred, **kw),
            "kappa": cohen_kappa_score(y, pred, sample_weight=w),
        }


def calib_bins(y, p, bins, strategy):
    """calibration_curve and the edges and counts it bins by."""
    frac, mean = calibration_curve(y, p, n_bins=bins, strategy=strategy)
    if strategy == "quantile":
        edges = np.percentile(p, np.linspace(0, 1, bins + 1) * 100)
    else:
        edges = np.linspace(0.0, 1.0, bins + 1)
    ids = np.searchsorted(edges[1:-1], p)
    total = np.bincount(ids, minlength=len(edges))
    nz = total != 0
    lo, hi = edges[:-1][nz[:-1]], edges[1:][nz[:-1]]
    assert len(lo) == len(frac) and not nz[-1]
    return zip(lo, hi, total[nz], frac, mean)


def fixtures(name, y, p, w):
    buf = io.StringIO()
    cw = csv.writer(buf, lineterminator="\n")
    cw.writerow(["truth", "score", "weight"])
    for a, b, c in zip(y, p, w):
        cw.writerow([a, num(b), c])
    with open(os.path.join(HERE, "scores_%s.csv" % name), "w", newline="") as f:
        f.write(buf.getvalue())
    # the doubles as read back from the text
    p = np.array([float(line.split(",")[1]) for line in buf.getvalue().splitlines()[1:]])

    rows = []
    eps = np.finfo(float).eps
    for weighted, sw in ((0, None), (1, w)):
        rows.append(["auc", "", weighted, num(roc_auc_score(y, p, sample_weight=sw))])
        rows.append(["ap", "", weighted, num(average_precision_score(y, p, sample_weight=sw))])
        rows.append(["log_loss", "", weighted, num(log_loss(y, p, eps=eps, sample_weight=sw))])
        rows.append(["brier", "", weighted, num(brier_score_loss(y, p, sample_weight=sw))])
        for t in THRESHOLDS:
            for m, v in threshold_metrics(y, p, t, sw).items():
                rows.append([m, num(t), weighted, num(v)])
    write("scores_%s_scalars.csv" % name, ["metric", "threshold", "weighted", "value"], rows)

    rows = []
    for drop in (1, 0):
        fpr, tpr, th = roc_curve(y, p, drop_intermediate=bool(drop))
        rows += [[drop, num(a), num(b), num(c)] for a, b, c in zip(th, fpr, tpr)]
    write("scores_%s_roc.csv" % name, ["drop", "threshold", "fpr", "tpr"], rows)

    prec, rec, th = precision_recall_curve(y, p)
    th = np.r_[th, np.nan]
    write("scores_%s_pr.csv" % name, ["threshold", "precision", "recall"],
          [[num(a), num(b), num(c)] for a, b, c in zip(th, prec, rec)])

    rows = []
    for strategy in ("uniform", "quantile"):
        for bins in (3, 5, 10):
            for lo, hi, n, frac, mean in calib_bins(y, p, bins, strategy):
                rows.append([strategy, bins, num(lo), num(hi), n, num(frac), num(mean)])
    write("scores_%s_calib.csv" % name,
          ["strategy", "bins", "lo", "hi", "n", "fraction_positive", "mean_predicted"], rows)


def main():
    fixtures("mixed", *mixed())
    fixtures("ties", *ties())


if __name__ == "__main__":
    main()
