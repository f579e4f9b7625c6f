#!/usr/bin/python3
"""numpy and scipy answers for plots/stats.c on the example data.

Run from the repository root after make_stats_fixtures.R (whose breaks and
bandwidths this reads):

    /usr/bin/python3 tests/reference/make_stats_fixtures.py

Writes, next to this script:

  stats_counts.csv   column, bins, i, edge, count, density
      numpy.histogram(x, edges) with R's hist() breaks (bins = 0) and
      numpy.histogram(x, bins) for bins = 10 and 30 (numpy's own edges);
      count and density (density=True) are empty on the last edge row.
  stats_density.csv  column, i, x, y
      scipy.stats.gaussian_kde(x, bw_method=bw / std(x, ddof=1)) at
      numpy.linspace(min - 3 bw, max + 3 bw, 512), bw = R's bw.nrd0.
  stats_density_big.csv  bw, i, x, y
      the same for monthly_charges repeated 5 times (35215 values, past
      the exact path of lt_density), bw = bw.nrd0 of that sample computed
      here (sd with ddof = 1, quartiles by numpy's linear method = R's
      type 7).

Missing values (lunette's read_csv set: "", NA, N/A, null, NaN) are dropped.
"""
import csv
import os

import numpy as np
import pandas as pd
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
NA = ["", "NA", "N/A", "null", "NaN"]


def load(name):
    return pd.read_csv(os.path.join(ROOT, "examples", "data", name),
                       keep_default_na=False, na_values=NA)


telco = load("telco_churn.csv")
peng = load("penguins.csv")
cols = {
    "tenure": telco["tenure"], "monthly_charges": telco["monthly_charges"],
    "total_charges": telco["total_charges"], "body_mass_g": peng["body_mass_g"],
    "bill_length_mm": peng["bill_length_mm"],
}
cols = {k: v.dropna().to_numpy(dtype=float) for k, v in cols.items()}

breaks, bws = {}, {}
with open(os.path.join(HERE, "stats_breaks.csv")) as f:
    for row in csv.DictReader(f):
        breaks.setdefault(row["column"], []).append(float(row["value"]))
with open(os.path.join(HERE, "stats_bw.csv")) as f:
    for row in csv.DictReader(f):
        bws[row["column"]] = float(row["bw"])

with open(os.path.join(HERE, "stats_counts.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["column", "bins", "i", "edge", "count", "density"])
    for name, x in cols.items():
        for bins in (0, 10, 30):
            spec = np.array(breaks[name]) if bins == 0 else bins
            counts, edges = np.histogram(x, spec)
            dens, _ = np.histogram(x, spec, density=True)
            for i, e in enumerate(edges):
                last = i == len(edges) - 1
                w.writerow([name, bins, i, repr(float(e)),
                            "" if last else int(counts[i]),
                            "" if last else repr(float(dens[i]))])


def kde(x, bw, n=512):
    k = stats.gaussian_kde(x, bw_method=bw / np.std(x, ddof=1))
    gx = np.linspace(x.min() - 3 * bw, x.max() + 3 * bw, n)
    return gx, k(gx)


with open(os.path.join(HERE, "stats_density.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["column", "i", "x", "y"])
    for name, x in cols.items():
        gx, gy = kde(x, bws[name])
        for i in range(len(gx)):
            w.writerow([name, i, repr(float(gx[i])), repr(float(gy[i]))])

big = np.tile(cols["monthly_charges"], 5)
q25, q75 = np.quantile(big, [0.25, 0.75])
lo = min(np.std(big, ddof=1), (q75 - q25) / 1.34)
bw = 0.9 * lo * len(big) ** -0.2
with open(os.path.join(HERE, "stats_density_big.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["bw", "i", "x", "y"])
    gx, gy = kde(big, bw)
    for i in range(len(gx)):
        w.writerow([repr(bw), i, repr(float(gx[i])), repr(float(gy[i]))])
