"""The pandas side of bench/grid/run.sh: what the frame grid shows,
formatted by pandas (DataFrame.to_string of the same 47-row windows of
all 12 columns), timed in process (median of RUNS); loading is not timed.
    python3 bench/grid/grid.py DATA.csv POSITIONS RUNS
Prints "op seconds size" lines, as bench_grid.c does."""
import statistics
import sys
import time

import pandas as pd

SCREEN = 47   # the rows of data on a 50-line grid (header, types, status)

path, posfile, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
pos = [int(x) for x in open(posfile).read().split()]
d = pd.read_csv(path, parse_dates=["ts", "signup"])


def show(df, i=0):
    """A screen: the window's cells formatted as a table."""
    return df.iloc[i:i + SCREEN].to_string()


def open_():
    show(d)
    return len(d)


def page():
    for i in pos:
        show(d, i)
    return len(pos) * SCREEN


def sort():
    s = d.sort_values("amount", ascending=False, kind="stable", na_position="last")
    show(s)
    return int(s["id"].iloc[0])


def freq():
    vc = d["name"].value_counts(dropna=False)
    show(vc.to_frame())
    return len(vc)


def filter_():
    r = d[(d["amount"] > 100) & (d["category"] == "Grocery")]
    show(r)
    return len(r)


for name, op in [("open", open_), ("page", page), ("sort", sort), ("freq", freq),
                 ("filter", filter_)]:
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter()
        size = op()
        ts.append(time.perf_counter() - t0)
    t = statistics.median(ts)
    if name == "page":
        t /= len(pos)   # per screen
    print(f"{name} {t:.9f} {size}")
