"""The pandas side of bench/verbs/run.sh (same operations as verbs.lua).
    /usr/bin/python3 bench/verbs/verbs.py FACT.csv DIM.csv RUNS"""
import statistics
import sys
import time

import pandas as pd

fact, dim, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
d = pd.read_csv(fact, parse_dates=["ts", "signup"])
cust = pd.read_csv(dim, parse_dates=["since"])

ops = [
    ("groupby", lambda: d.groupby(["category", "region"], sort=True)
        .agg(total=("amount", "sum"), avg_price=("price", "mean"), top=("score", "max"))
        .reset_index()),
    ("sort", lambda: d.sort_values(["category", "amount"], kind="stable")),
    ("filter", lambda: d[(d["amount"] > 100) & (d["category"] == "Grocery")]),
    ("join", lambda: d.merge(cust, on="customer", how="left")),
]
for name, fn in ops:
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter()
        r = fn()
        ts.append(time.perf_counter() - t0)
    print(f"{name} {statistics.median(ts):.3f} {len(r)}")
