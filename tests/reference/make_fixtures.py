#!/usr/bin/python3
"""Reference fixtures for tests/reference/test_describe.lua, made by pandas.

Run with Debian's Python (which has pandas), from anywhere:

    /usr/bin/python3 tests/reference/make_fixtures.py

For examples/data/telco_churn.csv and penguins.csv it writes
describe_telco.csv and describe_penguins.csv next to this script: one row per
column of the data with what pandas' DataFrame.describe() reports, in the
columns of lunette's describe():

    column, count, missing, mean, std, min, q25, median, q75, max,
    unique, top, freq

Numeric columns fill mean..max (std with ddof = 1, quartiles by numpy's
"linear" method = R's type 7) and leave unique/top/freq empty; text columns
the other way round.  Floats are written with repr(), which reads back to
the same double.

The data are read as lunette's read_csv reads them: only "", "NA", "N/A",
"null" and "NaN" are missing (pandas' longer default list is switched off).

`top` among values of equal frequency: pandas picks one arbitrarily; the
fixture, like lunette, takes the value that appears first in the file.
"""
import csv
import os

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "examples", "data")
NA_TOKENS = ["", "NA", "N/A", "null", "NaN"]
FIELDS = ["column", "count", "missing", "mean", "std", "min", "q25", "median",
          "q75", "max", "unique", "top", "freq"]


def top_first_seen(s):
    """Most frequent value; ties go to the one seen first in s."""
    values = s.dropna()
    counts = values.value_counts()
    best = counts.max()
    tied = set(counts[counts == best].index)
    for v in values:        # file order
        if v in tied:
            return v, int(best)
    raise AssertionError("no value in a non-empty column")


def describe(df):
    rows = []
    for name in df.columns:
        s = df[name]
        row = {"column": name, "count": int(s.count()),
               "missing": int(s.isna().sum())}
        if pd.api.types.is_numeric_dtype(s):
            d = s.describe()   # count mean std min 25% 50% 75% max
            for key, field in [("mean", "mean"), ("std", "std"), ("min", "min"),
                               ("25%", "q25"), ("50%", "median"),
                               ("75%", "q75"), ("max", "max")]:
                row[field] = repr(float(d[key]))
        else:
            d = s.describe()   # count unique top freq (top: arbitrary on ties)
            top, freq = top_first_seen(s)
            assert freq == d["freq"] and int(d["unique"]) == s.nunique()
            assert "," not in top and '"' not in top, "fixture values stay unquoted"
            row.update(unique=int(d["unique"]), top=top, freq=freq)
        rows.append(row)
    return rows


def main():
    for data, out in [("telco_churn.csv", "describe_telco.csv"),
                      ("penguins.csv", "describe_penguins.csv")]:
        df = pd.read_csv(os.path.join(DATA, data), keep_default_na=False,
                         na_values=NA_TOKENS)
        with open(os.path.join(HERE, out), "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=FIELDS, lineterminator="\n")
            w.writeheader()
            w.writerows(describe(df))


if __name__ == "__main__":
    main()
