"""The scikit-learn side of bench/eval/run.sh (same operations as
eval.lua), printing "<op> <seconds> <size>" with the median of RUNS.
    /usr/bin/python3 bench/eval/eval.py DATA.csv RUNS BOOT
The bootstrap times BOOT stratified resamples of roc_auc_score and scales
the time to 1000 (a full run would take most of an hour)."""
import statistics
import sys
import time

import numpy as np
import pandas as pd
from sklearn.metrics import precision_recall_curve, roc_auc_score

path, runs, boot = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
d = pd.read_csv(path)
y, s = d["y"].to_numpy(), d["score"].to_numpy()


def bootstrap():
    rng = np.random.default_rng(1)
    pos, neg = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    aucs = []
    for _ in range(boot):
        i = np.concatenate([rng.choice(pos, pos.size), rng.choice(neg, neg.size)])
        aucs.append(roc_auc_score(y[i], s[i]))
    np.percentile(aucs, [2.5, 97.5])
    return 1000


ops = [
    ("auc", lambda: round(roc_auc_score(y, s), 6), 1),
    ("pr", lambda: len(precision_recall_curve(y, s)[0]), 1),
    ("boot", bootstrap, 1000 / boot),
]
for name, fn, scale in ops:
    ts, size = [], None
    for _ in range(runs if name != "boot" else 1):
        t0 = time.perf_counter()
        size = fn()
        ts.append((time.perf_counter() - t0) * scale)
    print(f"{name} {statistics.median(ts):.4f} {size}")
