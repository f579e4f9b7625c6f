#!/usr/bin/python3
"""Reference fixtures for tests/core/test_delong.c: DeLong's method by brute
force, with numpy.

Run with Debian's Python (numpy 1.24.2 and scipy made the committed files),
from anywhere:

    /usr/bin/python3 tests/reference/make_delong_fixtures.py

The computation is the definition, O(npos * nneg), independent of
core/delong.c (which walks sorted arrays): psi(x, y) = 1 when a positive
scored x above a negative's y, 1/2 when tied, 0 below; the placements are
V10 = the row means of psi (one per positive) and V01 = the column means
(one per negative); AUC = mean(V10); the covariance matrix of the two
scores' AUCs is S = cov(V10) / npos + cov(V01) / nneg, sample covariances
(ddof = 1), as DeLong, DeLong and Clarke-Pearson (1988) and pROC have it.

It writes next to this script:

delong_data.csv      case, truth (0/1), score1, score2: seeded data sets,
                     rows of one case together, in order
delong_expected.csv  one row per case: auc1, auc2, var1, var2, cov, diff,
                     se (of the difference), z, p (two-sided), corr, and
                     the 95% and 90% intervals of auc1 (auc1 -+ z_q *
                     sqrt(var1), clipped to [0, 1])

Cases: "ties" (scores rounded to one decimal, the second to integers:
heavy ties within and across classes), "inf" (continuous scores with +-Inf
in both), "small" (6 rows by hand), "rare" (8 positives among 300),
"perfect" (score1 separates the classes: var1 = 0, corr undefined, written
as an empty field), "scale" (values near 1e300 and 1e-300 with ties).
Floats are written with repr(), which reads back to the same double.

delong_asah.csv (not written by this script) is pROC's example data set
aSAH: 113 patients with an aneurysmal subarachnoid hemorrhage (Turck et
al. 2010, Intensive Care Medicine 36(1):107-115; R's pROC, data(aSAH)),
columns outcome (Good/Poor), wfns (the WFNS grade, 1-5), s100b and ndka,
in pROC's row order.  pROC is not in Debian, so it could not be exported
with R here: the values were transcribed from a public copy of the table.
The transcription reproduces, to 1e-12, the values that pROC's own test
suite asserts on this data (tests/testthat/test-var.R: the DeLong
variances of wfns, ndka and s100b; test-ci.auc.R: the DeLong interval of
ndka; test-roc.test.R: Z and p of the paired tests wfns-s100b, wfns-ndka
and ndka-s100b; helper-deLongPlacementsCpp-expected.R: the three AUCs),
which the paired tests could not do with a value in the wrong row.
tests/core/test_delong.c checks them.
"""
import math
import os

import numpy as np
from scipy.stats import norm

HERE = os.path.dirname(os.path.abspath(__file__))


def placements(pos, neg):
    psi = (pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])
    return psi.mean(axis=1), psi.mean(axis=0)


def delong(truth, s1, s2):
    truth = np.asarray(truth, dtype=bool)
    v10_1, v01_1 = placements(s1[truth], s1[~truth])
    v10_2, v01_2 = placements(s2[truth], s2[~truth])
    m, n = truth.sum(), (~truth).sum()
    S = np.cov(np.vstack([v10_1, v10_2])) / m + np.cov(np.vstack([v01_1, v01_2])) / n
    auc1, auc2 = v10_1.mean(), v10_2.mean()
    var1, var2, cov = S[0, 0], S[1, 1], S[0, 1]
    se = math.sqrt(var1 + var2 - 2 * cov)
    z = (auc1 - auc2) / se
    out = dict(auc1=auc1, auc2=auc2, var1=var1, var2=var2, cov=cov, diff=auc1 - auc2,
               se=se, z=z, p=2 * norm.sf(abs(z)),
               corr=cov / math.sqrt(var1 * var2) if var1 > 0 and var2 > 0 else float("nan"))
    for level, tag in ((0.95, "95"), (0.90, "90")):
        q = norm.ppf(1 - (1 - level) / 2)
        out["lo" + tag] = max(0.0, auc1 - q * math.sqrt(var1))
        out["hi" + tag] = min(1.0, auc1 + q * math.sqrt(var1))
    return out


def cases():
    rng = np.random.default_rng(20240611)

    n = 200
    t = (rng.random(n) < 0.4).astype(int)
    a = np.round(0.9 * t + rng.normal(size=n), 1)
    b = np.round(0.5 * a + rng.normal(size=n), 0)
    yield "ties", t, a, b

    n = 400
    t = (rng.random(n) < 0.5).astype(int)
    a = t + rng.normal(size=n)
    b = 0.6 * a + 0.8 * rng.normal(size=n)
    a[rng.choice(n, 6, replace=False)] = np.inf
    a[rng.choice(n, 4, replace=False)] = -np.inf
    b[rng.choice(n, 5, replace=False)] = -np.inf
    b[rng.choice(n, 3, replace=False)] = np.inf
    yield "inf", t, a, b

    yield ("small", np.array([1, 0, 1, 0, 0, 1]), np.array([0.9, 0.4, 0.4, 0.1, 0.5, 0.7]),
           np.array([0.2, 0.3, 0.8, 0.1, 0.3, 0.6]))

    n = 300
    t = np.zeros(n, dtype=int)
    t[rng.choice(n, 8, replace=False)] = 1
    a = np.round(1.5 * t + rng.normal(size=n), 2)
    b = np.round(t + rng.normal(size=n), 1)
    yield "rare", t, a, b

    n = 60
    t = (rng.random(n) < 0.5).astype(int)
    a = t * 2.0 + rng.random(n)          # positives in [2, 3), negatives in [0, 1)
    b = np.round(t + rng.normal(size=n), 1)
    yield "perfect", t, a, b

    n = 120
    t = (rng.random(n) < 0.5).astype(int)
    a = np.round(t + rng.normal(size=n), 1) * 1e300
    b = np.round(0.5 * t + rng.normal(size=n), 1) * 1e-300
    yield "scale", t, a, b


def main():
    keys = ["auc1", "auc2", "var1", "var2", "cov", "diff", "se", "z", "p", "corr",
            "lo95", "hi95", "lo90", "hi90"]
    with open(os.path.join(HERE, "delong_data.csv"), "w") as data, \
            open(os.path.join(HERE, "delong_expected.csv"), "w") as exp:
        data.write("case,truth,score1,score2\n")
        exp.write("case," + ",".join(keys) + "\n")
        for name, t, a, b in cases():
            assert t.sum() >= 2 and (1 - t).sum() >= 2
            for ti, ai, bi in zip(t, a, b):
                data.write(f"{name},{ti},{float(ai)!r},{float(bi)!r}\n")
            r = delong(t, a.astype(float), b.astype(float))
            exp.write(name + "," + ",".join("" if math.isnan(r[k]) else repr(float(r[k]))
                                            for k in keys) + "\n")


if __name__ == "__main__":
    main()
