#!/usr/bin/python3
"""Reference fixtures for tests/core/test_confusion_ref.c, made by
scikit-learn's metrics (1.2.1 made the committed files; numpy 1.24).

Run with Debian's Python (which has sklearn), from anywhere:

    /usr/bin/python3 tests/reference/make_confusion_fixtures.py

It writes next to this script, from seeded data (numpy's default_rng):

confusion_labels.csv   case, k, truth, pred: class codes 0..k-1 of the
    classification cases: "small" (10 rows, checked by hand in
    test_confusion.c), "binary" (300 rows, 20% positives), "multi4"
    (400 rows, imbalanced 50/25/15/10%), "multi5" (250 rows: class 4
    never true, class 2 never predicted), "unused6" (multi5's rows with
    k = 6: class 5 in neither), "twenty" (1000 rows, 20 imbalanced
    classes, one never predicted), "one_class" (k = 1), "all_wrong".
confusion_matrix.csv   case, normalize, t, p, value:
    confusion_matrix(truth, pred, labels=range(k), normalize=...), for
    normalize none/true/pred/all.
confusion_metrics.csv  case, metric, cls, value: accuracy_score,
    balanced_accuracy_score, cohen_kappa_score, matthews_corrcoef (cls -1,
    labels left to sklearn: the classes present), precision/recall/f1/
    support per class from precision_recall_fscore_support(labels=range(k),
    average=None), and its macro/weighted/micro averages (labels left to
    sklearn).  A NaN is an empty field.
confusion_proba.csv    case, k, truth, p0..p4: class probabilities for
    log_loss, with exact 0s and 1s, values below eps, rows that do not sum
    to 1; "proba5" has a class absent from the truth (labels=range(k)).
confusion_log_loss.csv case, value: log_loss(truth, p, labels=range(k)).
confusion_binary.csv   tp, fp, fn, tn and sklearn's accuracy,
    balanced_accuracy, precision, recall, specificity (recall of class 0),
    f1, mcc, kappa on the rows those counts describe (positive class 1),
    including tables with a zero row or column.
regression_data.csv    case, y, yhat.
regression_metrics.csv case, metric, value: mean_absolute_error,
    mean_squared_error, RMSE (its square root), r2_score,
    explained_variance_score, median_absolute_error, max_error, MAPE = 100 *
    mean_absolute_percentage_error (empty when some y is 0: lunette's MAPE
    is then NaN), sMAPE = 100 * mean(|y - yhat| / ((|y| + |yhat|) / 2)),
    0 where y = yhat = 0, and the mean error mean(yhat - y), the last two
    written out in numpy.

Floats are written with repr(), which reads back to the same double.
"""
import math
import os
import warnings

import numpy as np
from sklearn import metrics as M

HERE = os.path.dirname(os.path.abspath(__file__))
warnings.simplefilter("ignore")   # zero_division and 0/0 warnings


def fmt(v):
    if v is None:
        return ""
    v = float(v) if not isinstance(v, (int, np.integer)) else int(v)
    if isinstance(v, float) and math.isnan(v):
        return ""
    return repr(v)


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(x if isinstance(x, str) else fmt(x) for x in r) + "\n")


def classification_cases(rng):
    cases = {}
    cases["small"] = (3, np.array([0, 0, 0, 0, 1, 1, 2, 2, 2, 2]),
                      np.array([0, 0, 1, 2, 1, 1, 2, 2, 0, 1]))

    n = 300
    t = (rng.random(n) < 0.2).astype(int)
    flip = rng.random(n) < np.where(t == 1, 0.35, 0.1)
    cases["binary"] = (2, t, np.where(flip, 1 - t, t))

    n = 400
    t = rng.choice(4, size=n, p=[0.5, 0.25, 0.15, 0.10])
    noise = rng.choice(4, size=n, p=[0.4, 0.3, 0.2, 0.1])
    cases["multi4"] = (4, t, np.where(rng.random(n) < 0.7, t, noise))

    n = 250
    t = rng.choice(4, size=n, p=[0.4, 0.3, 0.2, 0.1])        # class 4 never true
    noise = rng.choice(5, size=n, p=[0.3, 0.3, 0.0, 0.2, 0.2])
    p = np.where(rng.random(n) < 0.6, t, noise)
    p = np.where(p == 2, 3, p)                                # class 2 never predicted
    cases["multi5"] = (5, t, p)
    cases["unused6"] = (6, t, p)

    n = 1000
    w = 0.8 ** np.arange(20)
    t = rng.choice(20, size=n, p=w / w.sum())
    noise = rng.choice(20, size=n)
    p = np.where(rng.random(n) < 0.65, t, noise)
    p = np.where(p == 13, 12, p)                              # 13 never predicted
    cases["twenty"] = (20, t, p)

    cases["one_class"] = (1, np.zeros(7, dtype=int), np.zeros(7, dtype=int))
    cases["all_wrong"] = (3, np.array([0, 0, 1, 1, 2, 2, 2]), np.array([1, 2, 0, 0, 1, 0, 0]))
    return cases


def classification(cases):
    labels, matrix, metric = [], [], []
    for case, (k, t, p) in cases.items():
        for a, b in zip(t, p):
            labels.append((case, k, a, b))
        for norm in [None, "true", "pred", "all"]:
            cm = M.confusion_matrix(t, p, labels=list(range(k)), normalize=norm)
            cm = np.nan_to_num(cm)   # sklearn 1.2 already does; be sure
            for i in range(k):
                for j in range(k):
                    matrix.append((case, norm or "none", i, j, cm[i, j]))
        metric.append((case, "accuracy", -1, M.accuracy_score(t, p)))
        metric.append((case, "balanced_accuracy", -1, M.balanced_accuracy_score(t, p)))
        metric.append((case, "kappa", -1, M.cohen_kappa_score(t, p)))
        metric.append((case, "mcc", -1, M.matthews_corrcoef(t, p)))
        pr, rc, f1, sup = M.precision_recall_fscore_support(t, p, labels=list(range(k)),
                                                            average=None, zero_division=0)
        for c in range(k):
            metric += [(case, "precision", c, pr[c]), (case, "recall", c, rc[c]),
                       (case, "f1", c, f1[c]), (case, "support", c, sup[c])]
        for avg in ["macro", "weighted", "micro"]:
            pr, rc, f1, _ = M.precision_recall_fscore_support(t, p, average=avg)
            metric += [(case, avg + "_precision", -1, pr), (case, avg + "_recall", -1, rc),
                       (case, avg + "_f1", -1, f1)]
    write("confusion_labels.csv", ["case", "k", "truth", "pred"], labels)
    write("confusion_matrix.csv", ["case", "normalize", "t", "p", "value"], matrix)
    write("confusion_metrics.csv", ["case", "metric", "cls", "value"], metric)


def probabilities(rng):
    rows, losses = [], []

    def add(case, k, t, P):
        for i in range(len(t)):
            rows.append([case, k, t[i]] + [P[i, c] for c in range(k)] + [None] * (5 - k))
        losses.append((case, M.log_loss(t, P, labels=list(range(k)))))

    n = 200
    t = (rng.random(n) < 0.3).astype(int)
    p1 = np.clip(0.3 + 0.4 * (t - 0.3) + rng.normal(0, 0.2, n), 0, 1)
    p1[:5] = [0.0, 1.0, 1e-20, 1 - 1e-17, 0.5]
    t[:4] = [1, 0, 1, 0]          # certain mistakes and near-certain ones
    add("proba2", 2, t, np.column_stack([1 - p1, p1]))

    n = 300
    t = rng.choice(4, size=n, p=[0.4, 0.3, 0.2, 0.1])
    P = rng.dirichlet([1, 1, 1, 1], size=n)
    P[np.arange(n), t] += 0.5
    P /= P.sum(axis=1, keepdims=True)
    P[10:30] *= rng.uniform(0.8, 1.2, size=(20, 1))   # rows not summing to 1
    P[30] = [0, 0, 1, 0]
    P[31] = [1, 0, 0, 0]
    t[30], t[31] = 2, 3                               # right, and certain and wrong
    P[32] = [0.25, 0.25, 0.25, 0.25]
    P[33] = [1e-300, 0.5, 0.25, 0.25]
    t[33] = 0
    add("proba4", 4, t, np.clip(P, 0, 1))

    n = 150
    t = rng.choice([0, 1, 3, 4], size=n)              # class 2 never true
    P = rng.dirichlet([2, 1, 1, 1, 2], size=n)
    add("proba5", 5, t, P)

    write("confusion_proba.csv", ["case", "k", "truth", "p0", "p1", "p2", "p3", "p4"], rows)
    write("confusion_log_loss.csv", ["case", "value"], losses)


def binary_tables(rng):
    tables = [(3, 1, 2, 4), (40, 7, 13, 140), (0, 0, 5, 5), (5, 5, 0, 0), (0, 3, 0, 7),
              (4, 0, 6, 0), (0, 0, 0, 9), (9, 0, 0, 0), (0, 6, 0, 0), (0, 0, 6, 0),
              (0, 4, 4, 0), (1, 0, 0, 1), (7, 0, 3, 0), (0, 2, 0, 8)]
    for _ in range(6):
        tables.append(tuple(int(x) for x in rng.integers(0, 60, size=4)))
    rows = []
    for tp, fp, fn, tn in tables:
        t = np.array([1] * tp + [0] * fp + [1] * fn + [0] * tn)
        p = np.array([1] * tp + [1] * fp + [0] * fn + [0] * tn)
        rows.append((tp, fp, fn, tn, M.accuracy_score(t, p), M.balanced_accuracy_score(t, p),
                     M.precision_score(t, p, pos_label=1, zero_division=0),
                     M.recall_score(t, p, pos_label=1, zero_division=0),
                     M.recall_score(t, p, pos_label=0, zero_division=0),
                     M.f1_score(t, p, pos_label=1, zero_division=0),
                     M.matthews_corrcoef(t, p), M.cohen_kappa_score(t, p)))
    write("confusion_binary.csv", ["tp", "fp", "fn", "tn", "accuracy", "balanced_accuracy",
                                   "precision", "recall", "specificity", "f1", "mcc", "kappa"],
          rows)


def regression(rng):
    cases = {}
    n = 500
    y = rng.normal(50, 12, n)
    cases["noisy"] = (y, y + rng.normal(1.5, 6, n))
    n = 200                                   # outliers, tied errors, even n
    y = np.round(rng.gamma(2, 30, n), 1) + 0.5
    yhat = y + np.round(rng.standard_t(2, n) * 5, 0)
    yhat[::17] = y[::17]
    cases["heavy"] = (y, yhat)
    y = np.round(rng.uniform(-5, 5, 101), 2)  # odd n, zeros in y
    y[[3, 40, 77]] = 0
    yhat = y + rng.normal(0, 1, 101)
    yhat[40] = 0                              # y = yhat = 0: sMAPE term 0
    cases["zeros"] = (y, yhat)
    y = rng.lognormal(3, 1, 300)              # positive, skewed
    cases["skewed"] = (y, y * rng.lognormal(0, 0.3, 300))
    c = np.full(40, 3.0)
    cases["constant_exact"] = (c, c.copy())
    cases["constant_shift"] = (c, c + 2.5)
    cases["constant_noisy"] = (c, c + rng.normal(0, 1, 40))
    data, out = [], []
    for case, (y, yhat) in cases.items():
        data += [(case, a, b) for a, b in zip(y, yhat)]
        mse = M.mean_squared_error(y, yhat)
        den = (np.abs(y) + np.abs(yhat)) / 2
        terms = np.divide(np.abs(y - yhat), den, out=np.zeros_like(den), where=den != 0)
        vals = {
            "mae": M.mean_absolute_error(y, yhat),
            "mse": mse,
            "rmse": math.sqrt(mse),
            "r2": M.r2_score(y, yhat),
            "explained_variance": M.explained_variance_score(y, yhat),
            "median_ae": M.median_absolute_error(y, yhat),
            "max_error": M.max_error(y, yhat),
            "mape": 100 * M.mean_absolute_percentage_error(y, yhat) if np.all(y != 0) else None,
            "smape": 100 * np.mean(terms),
            "mean_error": np.mean(yhat - y),
        }
        out += [(case, name, v) for name, v in vals.items()]
    write("regression_data.csv", ["case", "y", "yhat"], data)
    write("regression_metrics.csv", ["case", "metric", "value"], out)


def main():
    rng = np.random.default_rng(20240606)
    classification(classification_cases(rng))
    probabilities(rng)
    binary_tables(rng)
    regression(rng)


if __name__ == "__main__":
    main()
