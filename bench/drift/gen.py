"""Reference and current frames for bench/drift/run.sh (fixed seed):
20 numeric columns (normal, log-normal, uniform, exponential, integer
counts with many values, a few with missing values; the odd ones shifted,
scaled or reshaped in the current frame) and 5 categorical ones (3 to 40
categories, one gaining categories unseen in the reference).
    /usr/bin/python3 bench/drift/gen.py ROWS REF.csv CUR.csv"""
import sys

import numpy as np
import pandas as pd


def numeric(rng, j, n, current):
    moved = current and j % 2 == 1
    kind = j % 5
    if kind == 0:
        x = rng.normal(50 + (5 if moved else 0), 10, n)
    elif kind == 1:
        x = rng.lognormal(3, 0.8 * (1.3 if moved else 1), n)
    elif kind == 2:
        x = rng.uniform(0, 100 + (20 if moved else 0), n)
    elif kind == 3:
        x = rng.exponential(2.5 * (1.2 if moved else 1), n)
    else:
        x = rng.poisson(40 + (4 if moved else 0), n).astype(float)
    x = np.round(x, 3)
    if j % 7 == 6:   # some missing values, more of them in the current frame
        x[rng.random(n) < (0.08 if current else 0.03)] = np.nan
    return x


def categorical(rng, j, n, current):
    k = [3, 5, 12, 40, 8][j]
    p = np.linspace(1, 3, k) ** 2
    if current and j % 2 == 0:
        p = p[::-1].copy()
    labels = np.array([f"c{j}_{i:02d}" for i in range(k)], dtype=object)
    if current and j == 4:   # two categories the reference never saw
        labels = np.concatenate([labels, ["new_a", "new_b"]])
        p = np.concatenate([p, [p.mean() / 4, p.mean() / 8]])
    return labels[rng.choice(len(labels), n, p=p / p.sum())]


def frame(rng, n, current):
    cols = {f"x{j:02d}": numeric(rng, j, n, current) for j in range(20)}
    cols.update({f"g{j}": categorical(rng, j, n, current) for j in range(5)})
    return pd.DataFrame(cols)


n, ref_path, cur_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rng = np.random.default_rng(20261121)
frame(rng, n, False).to_csv(ref_path, index=False)
frame(rng, n, True).to_csv(cur_path, index=False)
