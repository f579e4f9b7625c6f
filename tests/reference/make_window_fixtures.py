#!/usr/bin/python3
"""Reference fixtures for tests/core/test_window_ref.c, made by pandas.

Run with Debian's Python (which has pandas; 1.5.3 made the committed files),
from anywhere:

    /usr/bin/python3 tests/reference/make_window_fixtures.py

It writes next to this script:

window_telco.csv  window functions of examples/data/telco_churn.csv's
    monthly_charges (no missing values), total_charges (11 missing) and
    tenure (integers), grouped by contract in file order (columns g_*) and
    over the whole file (columns all_*).  They are computed over all 7043
    rows (so long groups show any drift of running sums) but, to keep the
    file small, written only for every 20th row, the rows within 3 of a
    missing total_charges, and the last 3 rows; column `row` gives the
    0-based row of the data.
window_air.csv    one row per month of examples/data/air_passengers.csv:
    rolling windows by row count and by duration on the month column
    (pandas' rolling("90D", on="month"), min_periods = 1) and an ewm mean.

Column names read <scope>_<function>_<argument>_<column>, for instance
g_rolling_mean_3_monthly_charges or all_rank_dense_tenure.  Floats are
written with repr(), which reads back to the same double; missing values
are empty fields.  The data are read as lunette's read_csv reads them: only
"", "NA", "N/A", "null" and "NaN" are missing.
"""
import os

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "examples", "data")
NA_TOKENS = ["", "NA", "N/A", "null", "NaN"]


def read(name, **kw):
    return pd.read_csv(os.path.join(DATA, name), keep_default_na=False,
                       na_values=NA_TOKENS, **kw)


def ungroup(r):
    """A groupby().rolling()/ewm() result back in the rows' order."""
    return r.reset_index(level=0, drop=True).sort_index()


def functions(s, by, names):
    """Window functions `names` of Series s, per group of `by` (None: whole)."""
    g = s.groupby(by) if by is not None else None
    # groupby shift/rank/cum* keep the rows' order; rolling/ewm need ungrouping
    grp = g if g is not None else s
    fix = ungroup if g is not None else (lambda r: r)

    def roll(w):
        return g.rolling(w) if g is not None else s.rolling(w)

    every = {
        "lag_1": lambda: grp.shift(1),
        "lead_2": lambda: grp.shift(-2),
        "diff_1": lambda: grp.diff(1),
        "cumsum": lambda: grp.cumsum(),
        "cummax": lambda: grp.cummax(),
        "cummin": lambda: grp.cummin(),
        "rank_average": lambda: grp.rank(method="average"),
        "rank_min": lambda: grp.rank(method="min"),
        "rank_max": lambda: grp.rank(method="max"),
        "rank_dense": lambda: grp.rank(method="dense"),
        "rank_first": lambda: grp.rank(method="first"),
        "rolling_sum_3": lambda: fix(roll(3).sum()),
        "rolling_mean_3": lambda: fix(roll(3).mean()),
        "rolling_std_3": lambda: fix(roll(3).std()),
        "rolling_min_3": lambda: fix(roll(3).min()),
        "rolling_max_3": lambda: fix(roll(3).max()),
        "rolling_mean_20": lambda: fix(roll(20).mean()),
        "rolling_std_20": lambda: fix(roll(20).std()),
        "ewm_mean_0.3": lambda: fix((g if g is not None else s).ewm(alpha=0.3).mean()),
    }
    return {name: every[name]() for name in names}


TELCO = [
    ("g", "monthly_charges", ["lag_1", "lead_2", "diff_1", "cumsum", "cummax", "cummin",
                              "rank_average", "rank_dense", "rank_first", "rolling_sum_3",
                              "rolling_mean_3", "rolling_std_3", "rolling_min_3",
                              "rolling_max_3", "rolling_std_20", "ewm_mean_0.3"]),
    ("g", "total_charges", ["cumsum", "rank_average", "rank_min", "rank_max",
                            "rolling_mean_3", "rolling_std_3", "rolling_max_3",
                            "ewm_mean_0.3"]),
    ("g", "tenure", ["diff_1", "cumsum", "rank_min", "rolling_sum_3", "rolling_mean_20"]),
    ("all", "monthly_charges", ["cumsum", "rank_average", "rolling_std_20", "ewm_mean_0.3"]),
]


def write(df, path):
    def fmt(v):
        if pd.isna(v):
            return ""
        if isinstance(v, float):
            return repr(v)
        return str(v)
    with open(path, "w", newline="") as f:
        f.write(",".join(df.columns) + "\n")
        for row in df.itertuples(index=False):
            f.write(",".join(fmt(v) for v in row) + "\n")


def telco():
    df = read("telco_churn.csv")
    cols = {"row": pd.Series(range(len(df))), "contract": df["contract"]}
    for scope, col, names in TELCO:
        by = df["contract"] if scope == "g" else None
        for name, r in functions(df[col], by, names).items():
            cols[f"{scope}_{name}_{col}"] = r
    out = pd.DataFrame(cols)
    n = len(df)
    missing = df.index[df["total_charges"].isna()]
    keep = [i for i in range(n)
            if i % 20 == 0 or i >= n - 3 or any(abs(i - m) <= 3 for m in missing)]
    return out.iloc[keep]


def air():
    df = read("air_passengers.csv", parse_dates=["month"])
    x = df["passengers"].astype(float)
    out = pd.DataFrame({"month": df["month"].dt.strftime("%Y-%m-%d")})
    t = pd.DataFrame({"month": df["month"], "x": x})
    for width in ["90D", "365D"]:
        r = t.rolling(width, on="month")
        w = width.lower()
        out[f"rolling_sum_{w}"] = r.sum()["x"]
        out[f"rolling_mean_{w}"] = r.mean()["x"]
        out[f"rolling_std_{w}"] = r.std()["x"]
        out[f"rolling_min_{w}"] = r.min()["x"]
        out[f"rolling_max_{w}"] = r.max()["x"]
    out["rolling_mean_12"] = x.rolling(12).mean()
    out["rolling_std_12"] = x.rolling(12).std()
    out["ewm_mean_0.2"] = x.ewm(alpha=0.2).mean()
    return out


if __name__ == "__main__":
    write(telco(), os.path.join(HERE, "window_telco.csv"))
    write(air(), os.path.join(HERE, "window_air.csv"))
