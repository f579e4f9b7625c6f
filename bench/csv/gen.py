#!/usr/bin/python3
"""Deterministic mixed-type CSV for the read_csv/write_csv benchmark.

    /usr/bin/python3 bench/csv/gen.py ROWS OUT.csv

Columns (about 122 bytes per row: 122 MB for 1M rows, 613 MB for 5M):
  id        i64   1..ROWS
  customer  i64   uniform 0..99999
  amount    f64   2 decimals, 5% missing (empty field)
  price     f64   up to 3 decimals
  score     f64   4 decimals, 2% "NA"
  qty       i64   1..9
  category  str   12 levels
  region    str   50 levels
  ts        datetime "YYYY-MM-DD HH:MM:SS" over 2022-2024
  signup    date  "YYYY-MM-DD" over 2015-2021, 1% missing
  name      str   quoted "Last, First" (high cardinality, ~100k levels)
  note      str   quoted four words joined by ", " (~146M combinations,
                  so nearly every value is distinct)

Fixed seed: the same ROWS give the same bytes.  Written in blocks of
200k rows, so 5M rows take well under a minute and little memory.
"""
import sys

import numpy as np

SEED = 20240601
BLOCK = 200_000


def syllable_words(rng, n, parts):
    cons = list("bcdfghjklmnprstvz")
    vows = list("aeiou")
    words = set()
    while len(words) < n:
        k = rng.integers(parts[0], parts[1] + 1)
        w = "".join(rng.choice(cons) + rng.choice(vows) for _ in range(k))
        words.add(w.capitalize())
    return sorted(words)


def main():
    rows = int(sys.argv[1])
    out = sys.argv[2]
    rng = np.random.default_rng(SEED)
    categories = np.array(["Electronics", "Grocery", "Clothing", "Home", "Garden", "Toys",
                           "Sports", "Books", "Beauty", "Automotive", "Health", "Office"])
    regions = np.array(syllable_words(rng, 50, (2, 3)))
    last = np.array(syllable_words(rng, 1000, (2, 4)))
    first = np.array(syllable_words(rng, 100, (2, 3)))
    vocab = np.array([w.lower() for w in syllable_words(rng, 110, (1, 3))])
    t0 = np.datetime64("2022-01-01T00:00:00").astype("int64")
    span = 3 * 365 * 86400
    with open(out, "w", newline="\n") as f:
        f.write("id,customer,amount,price,score,qty,category,region,ts,signup,name,note\n")
        for start in range(0, rows, BLOCK):
            n = min(BLOCK, rows - start)
            ids = np.arange(start + 1, start + n + 1)
            customer = rng.integers(0, 100000, n)
            amount = np.round(rng.gamma(2.0, 40.0, n), 2)
            amount_na = rng.random(n) < 0.05
            price = np.round(rng.uniform(0.5, 500, n), 3)
            score = np.round(rng.normal(0, 1, n), 4)
            score_na = rng.random(n) < 0.02
            qty = rng.integers(1, 10, n)
            cat = categories[rng.integers(0, len(categories), n)]
            reg = regions[rng.integers(0, len(regions), n)]
            ts = np.datetime_as_string((t0 + rng.integers(0, span, n)).astype("datetime64[s]"))
            d0 = np.datetime64("2015-01-01").astype("int64")
            signup = np.datetime_as_string((d0 + rng.integers(0, 7 * 365, n)).astype("datetime64[D]"))
            signup = np.where(rng.random(n) < 0.01, "", signup)
            name = np.char.add(np.char.add(last[rng.integers(0, len(last), n)], ", "),
                               first[rng.integers(0, len(first), n)])
            w = [vocab[rng.integers(0, len(vocab), n)] for _ in range(4)]
            note = w[0]
            for x in w[1:]:
                note = np.char.add(np.char.add(note, ", "), x)
            amount_s = np.where(amount_na, "", amount.astype(str))
            score_s = np.where(score_na, "NA", score.astype(str))
            lines = [
                f'{a},{b},{c},{d},{e},{g},{h},{i},{j[:10]} {j[11:]},{s},"{k}","{m}"\n'
                for a, b, c, d, e, g, h, i, j, s, k, m in zip(
                    ids.tolist(), customer.tolist(), amount_s.tolist(), price.tolist(),
                    score_s.tolist(), qty.tolist(), cat.tolist(), reg.tolist(), ts.tolist(),
                    signup.tolist(), name.tolist(), note.tolist())
            ]
            f.write("".join(lines))


if __name__ == "__main__":
    main()
