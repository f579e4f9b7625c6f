#!/usr/bin/python3
"""Reference fixtures for tests/reference/test_reshape.lua, made by pandas.

Run with Debian's Python (which has pandas), from anywhere:

    /usr/bin/python3 tests/reference/make_reshape_fixtures.py

From examples/data/telco_churn.csv (read as lunette's read_csv reads it:
only "", "NA", "N/A", "null" and "NaN" are missing) it writes, next to this
script:

reshape_pivot_mean.csv
    pd.pivot_table(values="monthly_charges", index="contract",
    columns="internet_service", aggfunc="mean"): one row per contract, one
    column per internet service.
reshape_pivot_sum.csv
    pd.pivot_table(values=["tenure", "monthly_charges"],
    index=["payment_method", "paperless_billing"], columns="contract",
    aggfunc="sum"), its two-level columns flattened to "<value>_<contract>"
    as lunette's pivot_wider names them; cells no row reaches are empty.
reshape_crosstab.csv
    pd.crosstab(contract, churn, margins=True): counts with the "All" row
    and column.
reshape_crosstab_index.csv
    pd.crosstab(contract, churn, margins=True, normalize="index"): row
    shares, and the "All" row of column shares.
reshape_melt.csv
    The first 1000 rows melted: id_vars contract and churn, value_vars
    tenure, monthly_charges and total_charges (total_charges has 3 missing
    values there), reordered from pandas' column-by-column order to
    tidyr's row-by-row order, which lunette's pivot_longer follows.

Floats are written with repr(), which reads back to the same double; an
empty field is a missing value.
"""
import os

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "examples", "data", "telco_churn.csv")
NA_TOKENS = ["", "NA", "N/A", "null", "NaN"]


def write(df, name):
    """df with its index as ordinary columns; floats by repr()."""
    df.to_csv(os.path.join(HERE, name), index=False, lineterminator="\n",
              float_format=None, na_rep="")


def main():
    df = pd.read_csv(DATA, keep_default_na=False, na_values=NA_TOKENS)

    mean = pd.pivot_table(df, values="monthly_charges", index="contract",
                          columns="internet_service", aggfunc="mean")
    mean.columns.name = None
    write(mean.reset_index(), "reshape_pivot_mean.csv")

    values = ["tenure", "monthly_charges"]
    total = pd.pivot_table(df, values=values,
                           index=["payment_method", "paperless_billing"],
                           columns="contract", aggfunc="sum")
    total.columns = [f"{v}_{k}" for v, k in total.columns]
    write(total.reset_index(), "reshape_pivot_sum.csv")

    counts = pd.crosstab(df["contract"], df["churn"], margins=True)
    counts.columns.name = None
    write(counts.reset_index(), "reshape_crosstab.csv")

    shares = pd.crosstab(df["contract"], df["churn"], margins=True,
                         normalize="index")
    shares.columns.name = None
    write(shares.reset_index(), "reshape_crosstab_index.csv")

    head = df.head(1000).reset_index()
    cols = ["tenure", "monthly_charges", "total_charges"]
    long = head.melt(id_vars=["index", "contract", "churn"], value_vars=cols,
                     var_name="name", value_name="value")
    long["pos"] = long["name"].map({c: i for i, c in enumerate(cols)})
    long = long.sort_values(["index", "pos"], kind="stable")
    write(long[["contract", "churn", "name", "value"]], "reshape_melt.csv")


if __name__ == "__main__":
    main()
