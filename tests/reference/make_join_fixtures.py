#!/usr/bin/python3
"""Reference fixtures for tests/reference/test_join.lua, made by pandas' merge.

Run with Debian's Python (which has pandas), from anywhere:

    /usr/bin/python3 tests/reference/make_join_fixtures.py

The left frame is a sample of examples/data/telco_churn.csv: every tenth
row (rows 1, 11, 21, ... of the file) and every row whose total_charges is
missing, in file order, with the columns contract, payment_method, tenure,
monthly_charges, total_charges and churn.  The data are read as lunette's
read_csv reads them: only "", "NA", "N/A", "null" and "NaN" are missing, and
numbers are parsed to the nearest double (float_precision="round_trip").

Three right frames are made from the whole data and written next to this
script, so that lunette joins the very same tables:

  join_plans.csv    one row per (contract, payment_method) with plan_id,
                    customers, avg_monthly and churn (the share that left,
                    a name that clashes with the left frame's churn), without
                    ("Two year", "Mailed check") and with an extra plan
                    ("Three year", "Crypto") no customer has; rows by
                    descending avg_monthly
  join_bands.csv    months -> band (tenure bands of 12 months), without
                    months 30-35, with a second row for months 1 and 72
                    (many-to-many), a row for 100 and one with months missing
  join_charges.csv  total_charges -> tag for five values of the sample and
                    for a missing total_charges (missing keys match missing
                    keys in pandas, as in lunette)

and the joins, each as join_<right>_<how>.csv:

  plans   on (contract, payment_method): inner, left, right, full, semi, anti
  bands   left_on tenure, right_on months: left, full
  charges on total_charges: inner, left

Row order is pandas' documented order (pandas >= 2.2 gives it directly):
inner and left follow the left rows, each with its matches in right order;
right follows the right rows, each with its matches in left order; full
(outer) sorts by the keys, missing last, and within a key pairs rows
left-major.  Older pandas orders inner joins by key, so the order is made
explicit here by sorting on row numbers.  Semi and anti joins are the left
rows with / without a match (merge with indicator=True).

Integer columns that gain missing values are written as integers (pandas'
Int64), floats with repr() so they read back to the same double; missing
values are empty fields.
"""
import os

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "examples", "data", "telco_churn.csv")
NA_TOKENS = ["", "NA", "N/A", "null", "NaN"]
LEFT_COLS = ["contract", "payment_method", "tenure", "monthly_charges",
             "total_charges", "churn"]


def read(path):
    """As lunette reads: its missing tokens, correctly rounded doubles."""
    return pd.read_csv(path, keep_default_na=False, na_values=NA_TOKENS,
                       float_precision="round_trip")


def write(df, name):
    out = df.copy()
    for c in out.columns:
        s = out[c]
        if s.dtype.kind == "f" and s.notna().any() and (s.dropna() % 1 == 0).all() \
                and c not in ("monthly_charges", "total_charges", "avg_monthly", "churn_y"):
            out[c] = s.astype("Int64")
    out.to_csv(os.path.join(HERE, name), index=False, float_format=None)


def ordered_merge(left, right, how, on=None, left_on=None, right_on=None):
    """pandas' merge with the documented row order (see the module doc)."""
    lk = on if on else left_on
    rk = on if on else right_on
    l = left.assign(_l=np.arange(len(left)))
    r = right.assign(_r=np.arange(len(right)))
    m = pd.merge(l, r, how=how, on=on, left_on=left_on, right_on=right_on, sort=False)
    if how in ("inner", "left"):
        m = m.sort_values(["_l", "_r"], kind="stable", na_position="last")
    elif how == "right":
        m = m.sort_values(["_r", "_l"], kind="stable", na_position="last")
    else:   # outer: by key (either side's, missing last), then left-major
        keys = []
        for i, (a, b) in enumerate(zip(lk, rk)):
            k = "_k%d" % i
            m[k] = m[a] if a == b else m[a].where(m[a].notna(), m[b])
            keys.append(k)
        m = m.sort_values(keys + ["_l", "_r"], kind="stable", na_position="last")
        m = m.drop(columns=keys)
    return m.drop(columns=["_l", "_r"]).reset_index(drop=True)


def semi_anti(left, right, on, anti):
    m = pd.merge(left, right[on].drop_duplicates(), how="left", on=on, indicator=True)
    keep = m["_merge"] == ("left_only" if anti else "both")
    return left[keep.to_numpy()].reset_index(drop=True)


def main():
    telco = read(DATA)
    rows = (np.arange(len(telco)) % 10 == 0) | telco["total_charges"].isna().to_numpy()
    left = telco.loc[rows, LEFT_COLS].reset_index(drop=True)

    # Plans: one row per (contract, payment_method) of the whole data.
    g = telco.groupby(["contract", "payment_method"], sort=True)
    plans = pd.DataFrame({
        "customers": g.size(),
        "avg_monthly": g["monthly_charges"].mean(),
        "churn": g["churn"].apply(lambda s: (s == "Yes").mean()),
    }).reset_index()
    plans.insert(0, "plan_id", np.arange(1, len(plans) + 1))
    plans = plans[~((plans.contract == "Two year") & (plans.payment_method == "Mailed check"))]
    extra = pd.DataFrame({"plan_id": [99], "contract": ["Three year"],
                          "payment_method": ["Crypto"], "customers": [0],
                          "avg_monthly": [0.5], "churn": [0.0]})
    plans = pd.concat([plans, extra], ignore_index=True)
    plans = plans.sort_values("avg_monthly", ascending=False, kind="stable")
    plans = plans.reset_index(drop=True)
    write(plans, "join_plans.csv")
    plans = read(os.path.join(HERE, "join_plans.csv"))
    on = ["contract", "payment_method"]
    for how, ph in [("inner", "inner"), ("left", "left"), ("right", "right"),
                    ("full", "outer")]:
        write(ordered_merge(left, plans, ph, on=on), "join_plans_%s.csv" % how)
    write(semi_anti(left, plans, on, False), "join_plans_semi.csv")
    write(semi_anti(left, plans, on, True), "join_plans_anti.csv")

    # Tenure bands, keyed by "months".
    months = [m for m in range(0, 73) if not 30 <= m <= 35]
    bands = pd.DataFrame({"months": months,
                          "band": ["%d-%d" % (m // 12 * 12, m // 12 * 12 + 11) for m in months]})
    more = pd.DataFrame({"months": [1, 72, 100, None], "band": ["new", "loyal", "future", "unknown"]})
    bands = pd.concat([bands, more], ignore_index=True)
    bands["months"] = bands["months"].astype("Int64")
    write(bands, "join_bands.csv")
    bands = read(os.path.join(HERE, "join_bands.csv"))
    for how, ph in [("left", "left"), ("full", "outer")]:
        write(ordered_merge(left, bands, ph, left_on=["tenure"], right_on=["months"]),
              "join_bands_%s.csv" % how)

    # Total charges, with a missing key.
    values = left["total_charges"].dropna().unique()[:5].tolist()
    charges = pd.DataFrame({"total_charges": values + [np.nan],
                            "tag": ["t%d" % i for i in range(1, 6)] + ["no charges yet"]})
    write(charges, "join_charges.csv")
    charges = read(os.path.join(HERE, "join_charges.csv"))
    for how in ["inner", "left"]:
        write(ordered_merge(left, charges, how, on=["total_charges"]),
              "join_charges_%s.csv" % how)


if __name__ == "__main__":
    main()
