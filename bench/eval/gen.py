"""Scores of a binary classifier for bench/eval/run.sh (fixed seed):
   y      0/1 truth, prevalence about 27% (the telco churn rate)
   score  a probability from a noisy logistic model, 6 decimals (so some
          scores tie, as a real model's rounded output does)
    /usr/bin/python3 bench/eval/gen.py ROWS OUT.csv"""
import sys

import numpy as np
import pandas as pd

n, out = int(sys.argv[1]), sys.argv[2]
rng = np.random.default_rng(20261121)
y = (rng.random(n) < 0.27).astype(np.int8)
logit = -1.0 + 1.6 * y + rng.normal(0.0, 1.2, n)
score = np.round(1.0 / (1.0 + np.exp(-logit)), 6)
pd.DataFrame({"y": y, "score": score}).to_csv(out, index=False)
