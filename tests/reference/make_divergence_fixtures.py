#!/usr/bin/python3
"""Reference fixtures for tests/core/test_divergence_ref.c (core/divergence.c
and core/anderson.c), made by scipy 1.10.1 and numpy 1.24.2 (the versions
that made the committed files; the script warns under others).

Run with Debian's Python (which has scipy), from anywhere:

    /usr/bin/python3 tests/reference/make_divergence_fixtures.py

It writes next to this script, from seeded data (numpy's default_rng):

divergence_samples.csv   case, sample, value: the samples of each case in
    long format, sample 0, 1, 2, ..., unsorted as generated.  "inf" and
    "-inf" are infinities.
divergence_wasserstein.csv  case, value: scipy.stats.wasserstein_distance
    of samples 0 and 1 (no weights); empty for NaN.
divergence_anderson.csv  case, statistic, c1..c7, p_value, capped:
    scipy.stats.anderson_ksamp(samples, midrank=True): the statistic, the
    critical values at 0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001, the
    p-value and whether scipy warned that it is capped (1) or not (0);
    for the cases of at least 4 values, two of them distinct.
divergence_psi.csv       case, bins, edges, psi, js2: the population
    stability index of sample 1 (current) against sample 0 (reference) on
    the reference's quantile bins, written out in numpy:
        edges = unique(quantile(ref, arange(1, bins) / bins))  # "linear"
        bin   = searchsorted(edges, x, side="left")   # (e_{i-1}, e_i]
        r, c  = bincount(bin, minlength=len(edges) + 1) / len(sample)
        r[r == 0] = c[c == 0] = 1e-4
        psi   = sum((c - r) * log(c / r))
    (the quantile levels are k / bins, as lunette's lt_quantile_edges has
    them: np.linspace's k * (1 / bins) can differ in the last bit), with
    `edges` the number of edges left after merging repeated ones; js2 is
    scipy.spatial.distance.jensenshannon of the two count vectors, base 2.
divergence_edges.csv     case, bins, i, edge: those edges.
divergence_counts.csv    case, i, ref, cur: count vectors of categories or
    bins, with zeros on one side (unseen categories) and on both.
divergence_counts_expected.csv  case, js2, jse, psi, chi2, chi2_p, df:
    jensenshannon(ref, cur, base=2) and with base e (scipy's default
    None); the PSI formula above on the count vectors; and
    chi2_contingency([ref, cur], correction=False) of the table with the
    columns empty in both rows dropped (scipy refuses them).

Floats are written with repr(), which reads back to the same double.
"""
import math
import os
import warnings

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

HERE = os.path.dirname(os.path.abspath(__file__))
EPS = 1e-4

if scipy.__version__ != "1.10.1" or not np.__version__.startswith("1.24"):
    print("warning: the committed fixtures came from scipy 1.10.1 / numpy 1.24.2; "
          "this is scipy %s / numpy %s" % (scipy.__version__, np.__version__))


def fmt(v):
    if isinstance(v, (bool, np.bool_)):
        return "1" if v else "0"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    v = float(v)
    if math.isnan(v):
        return ""
    return repr(v)


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(x if isinstance(x, str) else fmt(x) for x in r) + "\n")


def sample_cases(rng):
    """case -> list of samples (1-D float arrays)."""
    inf = math.inf
    c = {}
    # two samples: the Wasserstein distance, AD with k = 2 and PSI
    c["normal_shift"] = [rng.normal(0, 1, 500), rng.normal(0.3, 1.2, 300)]
    c["normal_same"] = [rng.normal(5, 2, 400), rng.normal(5, 2, 450)]
    c["normal_far"] = [rng.normal(0, 1, 200), rng.normal(2, 1, 200)]
    c["slight_shift"] = [rng.normal(0, 1, 600), rng.normal(0.15, 1, 600)]
    c["poisson_ties"] = [rng.poisson(3, 400).astype(float), rng.poisson(3.4, 350).astype(float)]
    c["few_distinct"] = [rng.poisson(0.4, 300).astype(float), rng.poisson(0.6, 250).astype(float)]
    c["flags"] = [(rng.random(200) < 0.3).astype(float), (rng.random(150) < 0.4).astype(float)]
    c["beyond_range"] = [rng.uniform(0, 1, 300), rng.uniform(-0.5, 1.8, 200)]
    c["disjoint"] = [rng.uniform(0, 1, 50), rng.uniform(10, 11, 40)]
    c["identical"] = [np.arange(30.0) % 7, np.arange(30.0) % 7]
    c["one_each"] = [np.array([2.5]), np.array([-1.0])]
    c["one_vs_many"] = [np.array([0.0]), rng.normal(0, 1, 25)]
    c["constants"] = [np.full(5, 3.0), np.full(7, 4.0)]
    c["huge"] = [rng.normal(0, 1, 120) * 1e300, rng.normal(0.5, 1, 100) * 1e300]
    c["tiny"] = [rng.normal(0, 1, 120) * 1e-300, rng.normal(0.5, 1, 100) * 1e-300]
    c["lognormal"] = [rng.lognormal(0, 1.5, 800), rng.lognormal(0.2, 1.5, 700)]
    c["signed_zero"] = [np.array([-0.0, 0.0, 1.0, 2.0, -1.0]), np.array([0.0, 0.0, 3.0, -0.0])]
    c["inf_one"] = [np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.5, inf])]
    c["neg_inf_one"] = [np.array([-inf, 0.0, 1.0]), np.array([0.5, 2.0])]
    c["inf_both"] = [np.array([1.0, inf]), np.array([2.0, inf])]
    c["inf_twice"] = [np.array([inf, inf, 0.0]), np.array([1.0, 2.0])]
    c["inf_both_ends"] = [np.array([-inf, 0.0, 1.0]), np.array([0.5, inf])]
    # k = 3 (AD only)
    c["k3_normal"] = [rng.normal(0, 1, 50), rng.normal(0, 1, 30), rng.normal(0, 1, 20)]
    c["k3_ties"] = [rng.poisson(4, 90).astype(float), rng.poisson(4.6, 70).astype(float),
                    rng.poisson(4.2, 110).astype(float)]
    c["k3_shift"] = [rng.normal(0, 1, 80), rng.normal(0.35, 1, 60), rng.normal(0, 1, 70)]
    c["k3_far"] = [rng.normal(0, 1, 40), rng.normal(3, 1, 40), rng.normal(-3, 1, 40)]
    c["k3_small"] = [np.array([1.0, 2.0]), np.array([2.0]), np.array([3.0, 1.0])]
    c["k4_mixed"] = [rng.normal(0, 1, 25), rng.poisson(1, 15).astype(float),
                     rng.uniform(-1, 2, 30), np.array([0.0, 1.0, 1.0, 2.0])]
    c["k3_inf"] = [np.array([-inf, 0.0, 1.0, 2.0]), np.array([0.5, 1.5, inf, inf]),
                   np.array([0.0, 3.0])]
    return c


def k2_cases(cases):
    return [k for k, s in cases.items() if len(s) == 2]


def psi_numpy(rc, cc):
    r = rc / rc.sum()
    c = cc / cc.sum()
    r = np.where(r == 0, EPS, r)
    c = np.where(c == 0, EPS, c)
    return float(np.sum((c - r) * np.log(c / r)))


def samples_and_tests(cases):
    long, wass, ad = [], [], []
    for case, ss in cases.items():
        for i, s in enumerate(ss):
            long += [(case, i, v) for v in s]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if len(ss) == 2:
                wass.append((case, stats.wasserstein_distance(ss[0], ss[1])))
        pooled = np.concatenate(ss)
        if np.unique(pooled).size < 2 or pooled.size < 4:
            continue   # scipy: ValueError; IndexError (N = 2) or NaN (N = 3)
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            res = stats.anderson_ksamp(ss, midrank=True)
        capped = any("p-value" in str(x.message) for x in w)
        ad.append((case, res.statistic, *res.critical_values, res.pvalue, capped))
    write("divergence_samples.csv", ["case", "sample", "value"], long)
    write("divergence_wasserstein.csv", ["case", "value"], wass)
    write("divergence_anderson.csv",
          ["case", "statistic"] + ["c%d" % i for i in range(1, 8)] + ["p_value", "capped"], ad)
    n_uncapped = sum(1 for r in ad if not r[-1])
    assert n_uncapped >= 4 and len(ad) - n_uncapped >= 4, "want capped and uncapped p-values"


def psi_bins(cases):
    rows, edge_rows = [], []
    for case in k2_cases(cases):
        ref, cur = cases[case]
        if not np.all(np.isfinite(np.concatenate([ref, cur]))):
            continue
        for bins in (10, 5):
            edges = np.unique(np.quantile(ref, np.arange(1, bins) / bins))
            rc = np.bincount(np.searchsorted(edges, ref, side="left"), minlength=edges.size + 1)
            cc = np.bincount(np.searchsorted(edges, cur, side="left"), minlength=edges.size + 1)
            rows.append((case, bins, edges.size, psi_numpy(rc, cc),
                         distance.jensenshannon(rc, cc, base=2)))
            edge_rows += [(case, bins, i, e) for i, e in enumerate(edges)]
    write("divergence_psi.csv", ["case", "bins", "edges", "psi", "js2"], rows)
    write("divergence_edges.csv", ["case", "bins", "i", "edge"], edge_rows)


def count_cases(rng):
    c = {}
    c["two_by_two"] = ([30, 70], [45, 55])
    c["three"] = ([10, 20, 30], [20, 20, 20])
    c["unseen"] = ([50, 30, 20, 0], [40, 30, 20, 10])       # category new in current
    c["vanished"] = ([50, 30, 20, 5], [40, 30, 30, 0])      # category gone from current
    c["zero_column"] = ([12, 0, 7, 9, 0], [10, 0, 3, 15, 2])
    c["disjoint"] = ([5, 5, 0, 0], [0, 0, 3, 7])
    c["same_shares"] = ([10, 20, 30], [20, 40, 60])
    c["one_category"] = ([0, 17, 0], [0, 4, 0])
    c["skewed"] = ([1000000, 3, 1], [999000, 800, 201])
    c["big_stat"] = ([5000, 5000], [2000, 8000])            # p far in the tail
    c["bins20"] = (list(rng.multinomial(5000, np.full(20, 0.05))),
                   list(rng.multinomial(4000, np.linspace(1, 2, 20) / np.linspace(1, 2, 20).sum())))
    c["small"] = ([1, 2], [2, 1])
    return c


def counts(cases):
    long, out = [], []
    for case, (ref, cur) in cases.items():
        ref = np.array(ref, dtype=np.int64)
        cur = np.array(cur, dtype=np.int64)
        long += [(case, i, int(a), int(b)) for i, (a, b) in enumerate(zip(ref, cur))]
        keep = (ref + cur) > 0
        res = stats.chi2_contingency(np.array([ref[keep], cur[keep]]), correction=False)
        out.append((case, distance.jensenshannon(ref, cur, base=2),
                    distance.jensenshannon(ref, cur), psi_numpy(ref, cur),
                    res.statistic, res.pvalue, int(res.dof)))
    write("divergence_counts.csv", ["case", "i", "ref", "cur"], long)
    write("divergence_counts_expected.csv",
          ["case", "js2", "jse", "psi", "chi2", "chi2_p", "df"], out)


def main():
    rng = np.random.default_rng(20240607)
    cases = sample_cases(rng)
    samples_and_tests(cases)
    psi_bins(cases)
    counts(count_cases(rng))


if __name__ == "__main__":
    main()
