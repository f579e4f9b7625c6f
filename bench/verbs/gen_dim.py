#!/usr/bin/python3
"""The dimension table of the verbs benchmark: one row per customer id of
bench/csv/gen.py (0..99999), so every fact row finds its customer.

    /usr/bin/python3 bench/verbs/gen_dim.py OUT.csv

Columns: customer (i64), segment (str, 6 levels), credit (f64, 2
decimals), since (date).  Fixed seed: always the same bytes.
"""
import sys

import numpy as np

N = 100_000


def main():
    rng = np.random.default_rng(20241121)
    segments = np.array(["Consumer", "Corporate", "Home Office", "Small Business",
                         "Public", "Student"])
    seg = segments[rng.integers(0, len(segments), N)]
    credit = np.round(rng.uniform(300, 850, N), 2)
    d0 = np.datetime64("2010-01-01").astype("int64")
    since = np.datetime_as_string((d0 + rng.integers(0, 12 * 365, N)).astype("datetime64[D]"))
    with open(sys.argv[1], "w", newline="\n") as f:
        f.write("customer,segment,credit,since\n")
        f.write("".join(f"{i},{s},{c},{d}\n" for i, s, c, d in
                        zip(range(N), seg.tolist(), credit.tolist(), since.tolist())))


if __name__ == "__main__":
    main()
