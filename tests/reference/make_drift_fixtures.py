#!/usr/bin/python3
"""Reference fixtures for tests/reference/test_drift.lua: the drift
statistics of scipy 1.10.1 (numpy 1.24) on fixed samples and on the telco
data split by tenure.

Run with Debian's Python (scipy 1.10.1), from anywhere:

    /usr/bin/python3 tests/reference/make_drift_fixtures.py

It writes next to this script:

  drift_samples.csv   case,kind,a,b,c: small fixed samples (numpy
                      default_rng(20240707) where random), values separated
                      by spaces ("inf", "-inf"; categories without spaces);
                      kind num or cat; c only for three-sample cases.
                      Ties, unequal sizes, one value, constants, +-inf,
                      magnitudes 1e150 and 1e-150, few distinct integers,
                      unseen and vanished categories.
  drift_expected.csv  case,fn,field,value, 17 significant digits:
      ks, ks_exact, ks_asymp   scipy.stats.ks_2samp(a, b, method = auto,
                               exact, asymp): statistic, p_value
      wasserstein              scipy.stats.wasserstein_distance(a, b)
      wasserstein_norm         the same / np.std(a) (ddof 0)
      psi, psi_b4              PSI written out (below) on 10 / 4 bins
      js, js_e                 scipy.spatial.distance.jensenshannon of the
                               same bins' counts, base 2 (10 bins) / base e
                               (4 bins)
      chi2                     scipy.stats.chi2_contingency(table,
                               correction=False) of the 2 x k table of
                               category counts (numbers: one category per
                               distinct value; categories empty in both
                               rows dropped): statistic, p_value, df
      anderson                 scipy.stats.anderson_ksamp(samples):
                               statistic, p_value, capped (1 when scipy
                               capped it), crit_<level>
  drift_telco.csv     method,column,statistic,p_value,extra: every column of
                      examples/data/telco_churn.csv but tenure, reference =
                      tenure > 12, current = tenure <= 12, missing values
                      dropped; the numeric columns (monthly_charges,
                      total_charges) by ks, anderson, wasserstein (extra:
                      the raw distance), psi and js; the others (str, and
                      the 0/1 columns, which drift() compares as categories)
                      by chi2 (extra: df), psi and js on category counts.

Bins of psi and js on numbers, as core/divergence.h: inner edges at the
type 7 quantiles of the reference at k / bins, k = 1 .. bins - 1 (written
out as (1 - h) v[i] + h v[i + 1], the formula of core/fsort.h), repeated
edges kept once; right-closed bins, the outer ones open:
np.searchsorted(edges, x, "left").  PSI = sum (c - r) ln(c / r) of the
shares, a share of 0 replaced by eps = 1e-4.
"""
import csv
import math
import os
import warnings

import numpy as np
import pandas as pd
import scipy
from scipy import stats
from scipy.spatial.distance import jensenshannon

assert scipy.__version__ == "1.10.1", scipy.__version__

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
rng = np.random.default_rng(20240707)
LEVELS = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001]


def g(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return "%.17g" % v


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


# ---- the written-out pieces ---------------------------------------------------------

def quantile7(v, q):
    pos = (len(v) - 1) * q
    i = int(math.floor(pos))
    h = pos - i
    if i >= len(v) - 1 or h == 0 or v[i + 1] == v[i]:
        return v[min(i, len(v) - 1)]
    return (1 - h) * v[i] + h * v[i + 1]


def bin_counts(ref, cur, bins):
    r = np.sort(np.asarray(ref, float))
    edges = []
    for k in range(1, bins):
        e = quantile7(r, k / bins)
        if not edges or e != edges[-1]:
            edges.append(e)
    edges = np.array(edges)
    m = len(edges)
    rc = np.bincount(np.searchsorted(edges, r, "left"), minlength=m + 1)
    cc = np.bincount(np.searchsorted(edges, np.asarray(cur, float), "left"), minlength=m + 1)
    return rc, cc


def cat_counts(ref, cur):
    cats = sorted(set(ref) | set(cur), key=str)
    rc = np.array([sum(1 for x in ref if x == c) for c in cats])
    cc = np.array([sum(1 for x in cur if x == c) for c in cats])
    return rc, cc


def psi(rc, cc, eps=1e-4):
    r = rc / rc.sum()
    c = cc / cc.sum()
    r = np.where(r == 0, eps, r)
    c = np.where(c == 0, eps, c)
    return float(np.sum((c - r) * np.log(c / r)))


def chi2(rc, cc):
    keep = (rc + cc) > 0
    table = np.array([rc[keep], cc[keep]])
    if table.shape[1] < 2:
        return 0.0, 1.0, 0
    res = stats.chi2_contingency(table, correction=False)
    return res[0], res[1], res[2]


# ---- small samples -------------------------------------------------------------------

def normal(mu, sd, n, digits=None, scale=1.0):
    x = rng.normal(mu, sd, n)
    if digits is not None:
        x = x.round(digits)
    return list(x * scale)


cases = []   # (name, kind, [samples], functions)
NUMERIC = ["ks", "ks_exact", "ks_asymp", "wasserstein", "wasserstein_norm", "psi", "psi_b4",
           "js", "js_e", "anderson"]
cases.append(("ties", "num", [[1, 2, 2, 3, 3, 3, 4, 5, 5, 6],
                              [2, 3, 3, 4, 4, 4, 5, 6, 7, 7, 8, 9]], NUMERIC + ["chi2"]))
cases.append(("one", "num", [[1.5], [2.5]],
              ["ks", "ks_exact", "wasserstein", "psi", "js"]))
cases.append(("one_vs_many", "num", [[3], [1, 2, 3, 4, 5]],
              ["ks", "ks_exact", "ks_asymp", "wasserstein", "psi", "js", "anderson"]))
cases.append(("constant", "num", [[2, 2, 2, 2], [2, 2, 2]],
              ["ks", "wasserstein", "psi", "js", "chi2"]))
cases.append(("inf", "num", [[-math.inf, 0, 1, 2, math.inf], [0, 1, 1, 2, 3, math.inf]],
              ["ks", "ks_exact", "ks_asymp"]))
cases.append(("huge", "num", [normal(0, 1, 30, scale=1e150), normal(0.8, 1, 25, scale=1e150)],
              NUMERIC))
cases.append(("tiny", "num", [normal(0, 1, 30, scale=1e-150), normal(0.8, 1, 25, scale=1e-150)],
              NUMERIC))
cases.append(("normal", "num", [normal(0, 1, 200, 2), normal(0.2, 1.1, 150, 2)], NUMERIC))
cases.append(("ints", "num", [list(rng.integers(0, 5, 80)), list(rng.integers(0, 6, 70))],
              NUMERIC + ["chi2"]))
cases.append(("far", "num", [normal(0, 1, 40, 3), normal(3, 1, 35, 3)], NUMERIC))
cases.append(("three", "num", [normal(0, 1, 20, 1), normal(0.3, 1, 25, 1), normal(0, 2, 15, 1)],
              ["anderson"]))
cats = np.array(["DSL", "Fiber", "None"])
cases.append(("cat_unseen", "cat",
              [list(cats[rng.integers(0, 3, 50)]),
               list(np.array(["DSL", "Fiber", "None", "5G"])[rng.integers(0, 4, 40)])],
              ["psi", "js", "chi2"]))
cases.append(("cat_two", "cat", [["yes"] * 30 + ["no"] * 20, ["yes"] * 10 + ["no"] * 25],
              ["psi", "js", "chi2"]))
cases.append(("cat_one", "cat", [["x"] * 5, ["x"] * 7], ["psi", "js", "chi2"]))
cases.append(("cat_vanished", "cat",
              [["a"] * 10 + ["b"] * 5 + ["c"] * 5, ["a"] * 12 + ["c"] * 3], ["psi", "js", "chi2"]))


def text(x, kind):
    if kind == "cat":
        return str(x)
    return g(x)


sample_rows, expected = [], []


def add(case, fn, field, v):
    expected.append([case, fn, field, g(v)])


with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    for name, kind, samples, fns in cases:
        cols = [" ".join(text(x, kind) for x in s) for s in samples]
        sample_rows.append([name, kind] + cols + [""] * (3 - len(cols)))
        a, b = samples[0], samples[-1] if len(samples) == 2 else samples[1]
        for fn in fns:
            if fn in ("ks", "ks_exact", "ks_asymp"):
                method = {"ks": "auto", "ks_exact": "exact", "ks_asymp": "asymp"}[fn]
                res = stats.ks_2samp(a, b, method=method)
                add(name, fn, "statistic", res.statistic)
                add(name, fn, "p_value", res.pvalue)
            elif fn == "wasserstein":
                add(name, fn, "statistic", stats.wasserstein_distance(a, b))
            elif fn == "wasserstein_norm":
                add(name, fn, "statistic", stats.wasserstein_distance(a, b) / np.std(a))
            elif fn in ("psi", "psi_b4", "js", "js_e"):
                bins = 4 if fn in ("psi_b4", "js_e") else 10
                rc, cc = cat_counts(a, b) if kind == "cat" else bin_counts(a, b, bins)
                if fn.startswith("psi"):
                    add(name, fn, "statistic", psi(rc, cc))
                else:
                    base = math.e if fn == "js_e" else 2
                    add(name, fn, "statistic", jensenshannon(rc, cc, base=base))
            elif fn == "chi2":
                rc, cc = cat_counts(a, b)
                st, p, df = chi2(rc, cc)
                add(name, fn, "statistic", st)
                add(name, fn, "p_value", p)
                add(name, fn, "df", df)
            elif fn == "anderson":
                res = stats.anderson_ksamp(samples)
                add(name, fn, "statistic", res.statistic)
                add(name, fn, "p_value", res.pvalue)
                add(name, fn, "capped", 1 if res.pvalue in (0.001, 0.25) else 0)
                for lvl, cv in zip(LEVELS, res.critical_values):
                    add(name, fn, "crit_%g" % lvl, cv)

write("drift_samples.csv", ["case", "kind", "a", "b", "c"], sample_rows)
write("drift_expected.csv", ["case", "fn", "field", "value"], expected)

# ---- telco, split by tenure ---------------------------------------------------------------

telco = pd.read_csv(os.path.join(ROOT, "examples", "data", "telco_churn.csv"))
ref = telco[telco.tenure > 12].drop(columns="tenure")
cur = telco[telco.tenure <= 12].drop(columns="tenure")
rows = []
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    for col in ref.columns:
        r = ref[col].dropna().tolist()
        c = cur[col].dropna().tolist()
        numeric = ref[col].dtype.kind == "f"
        if numeric:
            res = stats.ks_2samp(r, c)
            rows.append(["ks", col, g(res.statistic), g(res.pvalue), ""])
            res = stats.anderson_ksamp([r, c])
            rows.append(["anderson", col, g(res.statistic), g(res.pvalue), ""])
            w = stats.wasserstein_distance(r, c)
            rows.append(["wasserstein", col, g(w / np.std(r)), "", g(w)])
            rc, cc = bin_counts(r, c, 10)
        else:
            rc, cc = cat_counts(r, c)
            st, p, df = chi2(rc, cc)
            rows.append(["chi2", col, g(st), g(p), str(df)])
        rows.append(["psi", col, g(psi(rc, cc)), "", ""])
        rows.append(["js", col, g(jensenshannon(rc, cc, base=2)), "", ""])
write("drift_telco.csv", ["method", "column", "statistic", "p_value", "extra"], rows)
