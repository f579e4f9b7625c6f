"""The scipy side of bench/drift/run.sh: load the two frames once, then
time each report RUNS times (wall clock, median) and print
"<op> <seconds> <sum of the statistics, 6 significant digits>":
  auto   what drift(ref, cur) computes for large samples: per numeric
         column wasserstein_distance / np.std(reference), per categorical
         column jensenshannon (base 2) of the category shares
  tests  ks_2samp per numeric column (method auto: asymptotic at this
         size), chi2_contingency(correction=False) per categorical one
  psi    PSI on 10 reference quantile bins (numpy, the formula of
         lunette's help) and on category shares, empty shares 1e-4
Missing values are dropped, as lunette drops them.
    /usr/bin/python3 bench/drift/drift.py REF.csv CUR.csv RUNS"""
import sys
import time

import numpy as np
import pandas as pd
from scipy.spatial.distance import jensenshannon
from scipy.stats import chi2_contingency, ks_2samp, wasserstein_distance

ref = pd.read_csv(sys.argv[1])
cur = pd.read_csv(sys.argv[2])
runs = int(sys.argv[3])
numeric = [c for c in ref.columns if ref[c].dtype.kind == "f"]
categorical = [c for c in ref.columns if ref[c].dtype.kind == "O"]


def values(df, c):
    return df[c].dropna().to_numpy()


def shares(c):
    """Category counts of both frames, aligned on the union."""
    t = pd.concat([ref[c].value_counts(), cur[c].value_counts()], axis=1).fillna(0)
    return t.iloc[:, 0].to_numpy(), t.iloc[:, 1].to_numpy()


def psi(r, c, eps=1e-4):
    r, c = r / r.sum(), c / c.sum()
    r, c = np.where(r == 0, eps, r), np.where(c == 0, eps, c)
    return float(np.sum((c - r) * np.log(c / r)))


def binned(r, c, bins=10):
    edges = np.unique(np.quantile(r, np.arange(1, bins) / bins))
    count = lambda x: np.bincount(np.searchsorted(edges, x, "left"), minlength=len(edges) + 1)
    return count(r), count(c)


def auto():
    s = 0.0
    for c in numeric:
        r = values(ref, c)
        s += wasserstein_distance(r, values(cur, c)) / np.std(r)
    for c in categorical:
        s += jensenshannon(*shares(c), base=2)
    return s


def tests():
    s = 0.0
    for c in numeric:
        s += ks_2samp(values(ref, c), values(cur, c)).statistic
    for c in categorical:
        s += chi2_contingency(np.vstack(shares(c)), correction=False)[0]
    return s


def psi_all():
    s = 0.0
    for c in numeric:
        s += psi(*binned(values(ref, c), values(cur, c)))
    for c in categorical:
        s += psi(*shares(c))
    return s


for name, fn in (("auto", auto), ("tests", tests), ("psi", psi_all)):
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter()
        size = fn()
        ts.append(time.perf_counter() - t0)
    print(f"{name} {float(np.median(ts)):.4f} {size:.6g}")
