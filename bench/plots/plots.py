"""The numpy / statsmodels / matplotlib side of bench/plots/run.sh: the same
operations as plots.lua, timed in process (median of RUNS).
    python3 bench/plots/plots.py DATA.csv RUNS OUTDIR"""
import statistics
import sys
import time

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from statsmodels.nonparametric.kde import KDEUnivariate

path, runs, outdir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
d = pd.read_csv(path, usecols=["amount", "price"])
x = d["amount"].dropna().to_numpy()
pts = d.head(1_000_000)


def bw_nrd0(v):
    """R's bw.nrd0, as lunette's density uses it."""
    lo = min(np.std(v, ddof=1), (np.quantile(v, 0.75) - np.quantile(v, 0.25)) / 1.34)
    return 0.9 * lo * len(v) ** -0.2


def hist():
    counts, _ = np.histogram(x, bins=50)
    return len(counts)


def density():
    k = KDEUnivariate(x)
    k.fit(kernel="gau", bw=bw_nrd0(x), fft=True, gridsize=512, cut=3)
    return len(k.density)


def figure():
    return plt.figure(figsize=(8, 5), dpi=150)   # 1200 x 750 px


def scatter_png():
    fig = figure()
    plt.scatter(pts["amount"], pts["price"], s=2)
    fig.savefig(outdir + "/scatter_mpl.png")
    plt.close(fig)
    return len(pts)


def hist_png():
    fig = figure()
    plt.hist(x, bins=50)
    fig.savefig(outdir + "/hist_mpl.png")
    plt.close(fig)
    return 50


for name, op in [("hist", hist), ("density", density), ("scatter_png", scatter_png),
                 ("hist_png", hist_png)]:
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter()
        size = op()
        ts.append(time.perf_counter() - t0)
    print(f"{name} {statistics.median(ts):.3f} {size}")
