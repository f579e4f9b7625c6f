#!/usr/bin/python3
"""Reference fixtures for tests/reference/test_evaluate.lua: scikit-learn's
metrics on fixed data.

Run with Debian's Python (scikit-learn 1.2.1, numpy), from anywhere:

    /usr/bin/python3 tests/reference/make_evaluate_fixtures.py

It writes next to this script:

  evaluate_data.csv   500 rows (numpy default_rng(20240601)):
      truth, score       a binary truth "Yes"/"No" (about 30% Yes) and a
                         score in [0, 1] rounded to 2 decimals (many ties
                         across the classes, exact 0s and 1s), 12 scores
                         missing
      cls_truth,         3 classes "low", "mid", "high" (bytewise order:
      cls_pred           high < low < mid) and noisy class predictions
      low, mid, high     class probabilities rounded to 3 decimals (rows
                         need not sum to 1; ties between columns), in that
                         column order, which is not the sorted one
      y, yhat            a regression: y around 50, yhat = y + noise
  evaluate_metrics.csv    metric,value: every field lunette computes, as
                          sklearn (or numpy where sklearn has no such
                          function: specificity, sMAPE, the mean error)
                          computes it, with 17 significant digits
  evaluate_roc.csv        roc_curve (drop_intermediate=True)
  evaluate_roc_full.csv   roc_curve (drop_intermediate=False)
  evaluate_pr.csv         precision_recall_curve (the last point has no
                          threshold: empty)
  evaluate_calibration.csv  calibration_curve, uniform with 10 bins and
                          quantile with 5 bins, one row per non-empty bin
  evaluate_per_class.csv  precision_recall_fscore_support(average=None) of
                          the class predictions
  evaluate_confusion.csv  confusion_matrix of the class predictions, long
                          (normalize, truth, pred, value), for normalize
                          None, "true", "pred" and "all"

Rows with a missing score are left out of every binary metric, as
lunette's evaluate drops them.
"""
import csv
import os

import numpy as np
import sklearn
from sklearn import metrics as M
from sklearn.calibration import calibration_curve

assert sklearn.__version__ == "1.2.1", sklearn.__version__

HERE = os.path.dirname(os.path.abspath(__file__))
N = 500
rng = np.random.default_rng(20240601)


def g(v):
    return repr(float(v))


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


# ---- data ---------------------------------------------------------------------

yes = rng.random(N) < 0.3
score = np.clip(0.3 + 0.3 * yes + rng.normal(0, 0.22, N), 0, 1).round(2)
missing = rng.choice(N, 12, replace=False)
score_csv = [("" if i in set(missing) else g(s)) for i, s in enumerate(score)]
truth = np.where(yes, "Yes", "No")

classes = np.array(["low", "mid", "high"])
ct = rng.integers(0, 3, N)
cp = np.where(rng.random(N) < 0.65, ct, rng.integers(0, 3, N))
alpha = np.ones((N, 3))
alpha[np.arange(N), ct] += 2.5
prob = np.array([rng.dirichlet(a) for a in alpha]).round(3)
prob[:20, 1] = prob[:20, 0]          # ties between columns: low wins (first)

y = rng.normal(50, 15, N).round(3)
yhat = (y + rng.normal(1, 6, N)).round(3)

write("evaluate_data.csv",
      ["truth", "score", "cls_truth", "cls_pred", "low", "mid", "high", "y", "yhat"],
      [[truth[i], score_csv[i], classes[ct[i]], classes[cp[i]], g(prob[i, 0]), g(prob[i, 1]),
        g(prob[i, 2]), g(y[i]), g(yhat[i])] for i in range(N)])

# ---- binary ------------------------------------------------------------------------

keep = np.ones(N, bool)
keep[missing] = False
yb = yes[keep].astype(int)
sb = score[keep]
out = []


def add(name, v):
    out.append([name, "%.17g" % v])


add("binary.n", keep.sum())
add("binary.auc", M.roc_auc_score(yb, sb))
add("binary.ap", M.average_precision_score(yb, sb))
add("binary.log_loss", M.log_loss(yb, sb))
add("binary.brier", M.brier_score_loss(yb, sb))
add("binary.prevalence", yb.mean())
for t in (0.5, 0.35):
    p = (sb >= t).astype(int)
    pre = "binary@%g." % t
    add(pre + "accuracy", M.accuracy_score(yb, p))
    add(pre + "balanced_accuracy", M.balanced_accuracy_score(yb, p))
    add(pre + "precision", M.precision_score(yb, p))
    add(pre + "recall", M.recall_score(yb, p))
    add(pre + "specificity", M.recall_score(yb, p, pos_label=0))
    add(pre + "f1", M.f1_score(yb, p))
    add(pre + "mcc", M.matthews_corrcoef(yb, p))
    add(pre + "kappa", M.cohen_kappa_score(yb, p))
    tn, fp, fn, tp = M.confusion_matrix(yb, p).ravel()
    add(pre + "tn", tn)
    add(pre + "fp", fp)
    add(pre + "fn", fn)
    add(pre + "tp", tp)

fpr, tpr, thr = M.roc_curve(yb, sb)
write("evaluate_roc.csv", ["threshold", "fpr", "tpr"],
      [[g(a), g(b), g(c)] for a, b, c in zip(thr, fpr, tpr)])
fpr, tpr, thr = M.roc_curve(yb, sb, drop_intermediate=False)
write("evaluate_roc_full.csv", ["threshold", "fpr", "tpr"],
      [[g(a), g(b), g(c)] for a, b, c in zip(thr, fpr, tpr)])
pre, rec, thr = M.precision_recall_curve(yb, sb)
write("evaluate_pr.csv", ["threshold", "precision", "recall"],
      [[g(thr[i]) if i < len(thr) else "", g(pre[i]), g(rec[i])] for i in range(len(pre))])
rows = []
for strategy, bins in (("uniform", 10), ("quantile", 5)):
    frac, mean = calibration_curve(yb, sb, n_bins=bins, strategy=strategy)
    rows += [[strategy, bins, g(a), g(b)] for a, b in zip(frac, mean)]
write("evaluate_calibration.csv", ["strategy", "bins", "fraction_positive", "mean_predicted"],
      rows)

# ---- multiclass: class predictions -----------------------------------------------------

t3, p3 = classes[ct], classes[cp]
add("multiclass.n", N)
add("multiclass.accuracy", M.accuracy_score(t3, p3))
add("multiclass.balanced_accuracy", M.balanced_accuracy_score(t3, p3))
add("multiclass.kappa", M.cohen_kappa_score(t3, p3))
add("multiclass.mcc", M.matthews_corrcoef(t3, p3))
for avg in ("macro", "weighted"):
    pr_, re_, f1_, _ = M.precision_recall_fscore_support(t3, p3, average=avg)
    add("multiclass.%s_precision" % avg, pr_)
    add("multiclass.%s_recall" % avg, re_)
    add("multiclass.%s_f1" % avg, f1_)
add("multiclass.micro_f1", M.f1_score(t3, p3, average="micro"))
labels = sorted(classes)              # high, low, mid
pr_, re_, f1_, sup = M.precision_recall_fscore_support(t3, p3, labels=labels)
write("evaluate_per_class.csv", ["class", "precision", "recall", "f1", "support"],
      [[labels[i], g(pr_[i]), g(re_[i]), g(f1_[i]), sup[i]] for i in range(3)])
rows = []
for norm in (None, "true", "pred", "all"):
    cm = M.confusion_matrix(t3, p3, labels=labels, normalize=norm)
    for i in range(3):
        for j in range(3):
            rows.append([norm or "none", labels[i], labels[j], "%.17g" % cm[i, j]])
write("evaluate_confusion.csv", ["normalize", "truth", "pred", "value"], rows)

# ---- multiclass: class probabilities (columns low, mid, high) ------------------------------

# log_loss wants the columns in label order (high, low, mid)
order = [list(classes).index(c) for c in labels]
add("proba.log_loss", M.log_loss(t3, prob[:, order], labels=labels))
argmax = classes[prob.argmax(axis=1)]     # the first column wins ties
add("proba.accuracy", M.accuracy_score(t3, argmax))
add("proba.macro_f1", M.f1_score(t3, argmax, average="macro"))
add("proba.kappa", M.cohen_kappa_score(t3, argmax))

# ---- regression -----------------------------------------------------------------------------

add("regression.n", N)
add("regression.mae", M.mean_absolute_error(y, yhat))
add("regression.mse", M.mean_squared_error(y, yhat))
add("regression.rmse", M.mean_squared_error(y, yhat, squared=False))
add("regression.mape", 100 * M.mean_absolute_percentage_error(y, yhat))
add("regression.smape", 100 * np.mean(np.abs(y - yhat) / ((np.abs(y) + np.abs(yhat)) / 2)))
add("regression.r2", M.r2_score(y, yhat))
add("regression.explained_variance", M.explained_variance_score(y, yhat))
add("regression.median_ae", M.median_absolute_error(y, yhat))
add("regression.max_error", M.max_error(y, yhat))
add("regression.mean_error", np.mean(yhat - y))

write("evaluate_metrics.csv", ["metric", "value"], out)
