#!/usr/bin/python3
"""Reference fixtures for tests/core/test_ks_ref.c, made by scipy.

Run with Debian's Python (scipy 1.10.1 and numpy 1.24 made the committed
files; the version is written into every row), from anywhere:

    /usr/bin/python3 tests/reference/make_ks_fixtures.py

It writes next to this script:

ks_samples.csv  case, sample, value: the two samples ("a", "b") of the
    small and medium cases, seeded (numpy's default_rng), in their
    generated order; values written with repr() (reads back to the same
    double; inf and -inf as such).
ks_formula.csv  case, sample, n, p, mult, add, k, scale, shift: the large
    cases (over 10,000 values and up to 10^6) as a formula that the C test
    evaluates to the same doubles: for i = 0 .. n-1,
        u = ((mult * i + add) mod p) / p           (one division)
        u = floor(u * k)            when k > 0     (ties: k levels)
        value = u * scale + shift                  (a product, then a sum)
ks_2samp.csv    case, method, n1, n2, statistic, pvalue, used, scipy:
    scipy.stats.ks_2samp(a, b, method=method) for each case and method;
    `used` is the p-value's method: asymp for method asymp, for auto over
    MAX_AUTO_N = 10000, and where scipy warned that it switched from exact
    to asymp; else exact.  A p-value NaN (1 vs 1 asymptotic) as nan.
ks_kstwo.csv    n, x, sf, scipy: scipy.stats.kstwo.sf(x, n) for n in 1, 2,
    5, 10, 50, 100, 140, 141, 1000, 10^5, 10^5 + 1, 10^6, 10^6 + 1, 10^7
    and x over the whole range: the support's lower end 0.5/n and just
    above, 1/n and around it, z = x sqrt(n) from 0.05 to 19.2 (the bulk
    and far tail, n x^2 up to 369), both sides of every switch between
    methods in scipy's _kolmogn (n x^2 = 0.754693, 4, 2.2, 370 and
    n x^1.5 = 1.4, x = 0.5, x = 1 - 1/n), and x = 0.9, 1, 1.5.
"""
import os
import warnings

import numpy as np
import scipy
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
VERSION = "scipy " + scipy.__version__ + " (numpy " + np.__version__ + ")"


def formula(n, p, mult, add, k, scale, shift):
    i = np.arange(n, dtype=np.int64)
    u = ((mult * i + add) % p).astype(np.float64) / p
    if k > 0:
        u = np.floor(u * k)
    return u * scale + shift


def small_cases():
    """(name, a, b, methods) with the samples stored in ks_samples.csv."""
    rng = np.random.default_rng(20240607)
    norm = rng.standard_normal
    cases = []

    def add(name, a, b, methods=("auto", "exact", "asymp")):
        cases.append((name, np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64),
                      methods))

    add("disjoint_3_3", [1, 2, 3], [4, 5, 6])
    add("one_each", [1.0], [2.0])
    add("one_each_equal", [5.0], [5.0])
    add("one_vs_20", [0.25], norm(20))
    same = norm(50)
    add("identical_50", same, same.copy())
    add("all_ties_10_7", [3.0] * 10, [3.0] * 7)
    add("constants_5_8", [1.0] * 5, [2.0] * 8)
    add("inf_both", [-np.inf, -1.0, 0.0, 2.0, np.inf, np.inf],
        [-np.inf, -np.inf, 0.5, 1.0, 3.0, np.inf, 7.0])
    add("inf_only_vs_finite", [np.inf, np.inf, np.inf], [1.0, 2.0, -np.inf, 4.0])
    add("signed_zero", [-0.0, 0.0, 1.0], [0.0, -0.0, 2.0, 3.0])
    add("lattice_3_7", norm(3), norm(7) + 0.3)
    add("lattice_6_9", norm(6), norm(9) * 2)
    # scipy's square method comes out at 1 + 2^-52 here: exact -> asymp
    add("square_rounds_over_5", [0.0, 1, 2, 3, 4], [0.5, 1.5, 2.5, 3.5, 4.5])
    add("square_rounds_over_30", np.arange(30.0), np.arange(30.0) + 0.5)
    add("shift_20_25", norm(20), norm(25) + 0.8)
    add("shift_40_40", norm(40), norm(40) + 1.5)
    add("equal_500", norm(500), norm(500) + 0.1)
    add("unequal_300_1000", norm(300), norm(1000) * 1.3)
    add("unequal_1000_301", norm(1000) + 0.05, norm(301))
    add("poisson_ties_800_600", rng.poisson(3.0, 800).astype(float),
        rng.poisson(3.3, 600).astype(float))
    add("rounded_1000_700", np.round(norm(1000), 1), np.round(norm(700) + 0.1, 1))
    add("binary_400_500", (rng.random(400) < 0.3).astype(float),
        (rng.random(500) < 0.4).astype(float))
    add("huge_200_150", norm(200) * 1e300, norm(150) * 1e300 + 2e299)
    add("tiny_200_150", norm(200) * 1e-300, (norm(150) + 0.5) * 1e-300)
    add("magnitudes_mixed", np.concatenate([norm(30) * 1e300, norm(30) * 1e-300, [0.0, -1e-300]]),
        np.concatenate([norm(25) * 1e-300, norm(35) * 1e300, [1e300, -0.0]]))
    return cases


def large_cases():
    """(name, spec_a, spec_b, methods); a spec is (n, p, mult, add, k, scale, shift)."""
    P1, P2 = 10007, 1000003
    return [
        ("f_disjoint_2000_1500", (2000, 2003, 401, 1, 0, 1.0, 0.0), (1500, 2003, 307, 2, 0, 1.0, 5.0),
         ("auto", "exact", "asymp")),
        ("f_band_2000_1500", (2000, 2003, 401, 1, 0, 1.0, 0.0), (1500, 2003, 307, 2, 0, 1.2, 0.02),
         ("auto", "exact", "asymp")),
        ("f_band_9999_30", (9999, P1, 7919, 3, 0, 1.0, 0.0), (30, 31, 7, 1, 0, 1.0, 0.1),
         ("auto", "asymp")),
        ("f_band_ties_6000_4500", (6000, 6007, 997, 3, 20, 1.0, 0.0),
         (4500, 6007, 1009, 8, 20, 1.0, 1.0), ("auto",)),
        ("f_10000_10000", (10000, P1, 7919, 3, 0, 1.0, 0.0), (10000, P1, 104729 % P1, 11, 0, 1.0, 0.012),
         ("auto", "exact", "asymp")),
        ("f_10000_9999", (10000, P1, 7919, 3, 0, 1.0, 0.0), (9999, P1, 5003, 17, 0, 1.0, 0.02),
         ("auto", "asymp")),
        ("f_10001_10000", (10001, P1, 7919, 5, 0, 1.0, 0.0), (10000, P1, 6007, 1, 0, 1.1, -0.03),
         ("auto", "exact")),
        ("f_9000_12000", (9000, P1, 4001, 2, 0, 1.0, 0.0), (12000, 12007, 3001, 9, 0, 1.0, 0.015),
         ("auto",)),
        ("f_20000_20000", (20000, 20011, 7919, 3, 0, 1.0, 0.0), (20000, 20011, 9973, 5, 0, 1.0, 0.004),
         ("auto", "exact")),
        ("f_50000_49999", (50000, 50021, 7919, 3, 0, 2.0, 0.0), (49999, 50021, 9973, 5, 0, 2.0, 0.003),
         ("auto", "exact")),
        ("f_ties_30000_25000", (30000, 30011, 7919, 1, 50, 1.0, 0.0),
         (25000, 30011, 9973, 2, 50, 1.0, 1.0), ("auto",)),
        ("f_200000_150000", (200000, 200003, 7919, 3, 0, 1.0, 0.0),
         (150000, 200003, 9973, 5, 0, 1.0, 0.002), ("auto",)),
        ("f_1M_1M", (1000000, P2, 7919, 3, 0, 1.0, 0.0), (1000000, P2, 104729, 5, 0, 1.0, 0.004),
         ("auto",)),
        ("f_1M_1M_drift", (1000000, P2, 7919, 3, 0, 1.0, 0.0), (1000000, P2, 104729, 5, 0, 1.0, 0.03),
         ("auto",)),
    ]


def ks_row(name, a, b, method):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        r = stats.ks_2samp(a, b, method=method)
    switched = any("Switching" in str(x.message) for x in w)
    if method == "asymp" or switched or (method == "auto" and max(len(a), len(b)) > 10000):
        used = "asymp"
    else:
        used = "exact"
    return (name, method, len(a), len(b), repr(float(r.statistic)), repr(float(r.pvalue)), used)


def kstwo_grid():
    ns = [1, 2, 5, 10, 50, 100, 140, 141, 1000, 10**5, 10**5 + 1, 10**6, 10**6 + 1, 10**7]
    zs = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.36, 1.5, 1.63,
          1.8, 2.0, 2.5, 3.0, 4.0, 6.0, 8.0, 10.0, 13.6, 16.0, 19.2]
    rows = []
    for n in ns:
        xs = {0.5 / n, 0.5 / n * (1 + 1e-9), 0.75 / n, 1.0 / n, 1.0 / n * (1 + 1e-9),
              1.5 / n, 2.5 / n, 0.5, 0.5 * (1 - 1e-12), 0.9, 0.99, 1.0, 1.5,
              1 - 1.0 / n, (1 - 1.0 / n) * (1 - 1e-12), np.nextafter(1.0, 0)}
        xs |= {z / np.sqrt(n) for z in zs}
        for c in (0.754693, 4.0, 2.2, 370.0):
            xb = np.sqrt(c / n)
            xs |= {xb * (1 - 1e-12), xb * (1 + 1e-12)}
        xb = (1.4 / n) ** (2 / 3)
        xs |= {xb * (1 - 1e-12), xb * (1 + 1e-12)}
        for x in sorted(xs):
            if 0 < x <= 1.5:
                rows.append((n, repr(float(x)), repr(float(stats.kstwo.sf(x, n)))))
    return rows


def main():
    cases = small_cases()
    with open(os.path.join(HERE, "ks_samples.csv"), "w") as f:
        f.write("case,sample,value\n")
        for name, a, b, _ in cases:
            for tag, s in (("a", a), ("b", b)):
                for v in s:
                    f.write("%s,%s,%s\n" % (name, tag, repr(float(v))))
    big = large_cases()
    with open(os.path.join(HERE, "ks_formula.csv"), "w") as f:
        f.write("case,sample,n,p,mult,add,k,scale,shift\n")
        for name, sa, sb, _ in big:
            for tag, (n, p, mult, add, k, scale, shift) in (("a", sa), ("b", sb)):
                f.write("%s,%s,%d,%d,%d,%d,%d,%s,%s\n" % (name, tag, n, p, mult, add, k,
                                                          repr(scale), repr(shift)))
    rows = []
    for name, a, b, methods in cases:
        for m in methods:
            rows.append(ks_row(name, a, b, m))
    for name, sa, sb, methods in big:
        a, b = formula(*sa), formula(*sb)
        for m in methods:
            rows.append(ks_row(name, a, b, m))
    with open(os.path.join(HERE, "ks_2samp.csv"), "w") as f:
        f.write("case,method,n1,n2,statistic,pvalue,used,scipy\n")
        for r in rows:
            f.write("%s,%s,%d,%d,%s,%s,%s,%s\n" % (r + (VERSION,)))
    with open(os.path.join(HERE, "ks_kstwo.csv"), "w") as f:
        f.write("n,x,sf,scipy\n")
        for r in kstwo_grid():
            f.write("%d,%s,%s,%s\n" % (r + (VERSION,)))


if __name__ == "__main__":
    main()
