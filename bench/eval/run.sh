#!/bin/sh
# Evaluation benchmark: a binary classifier's 10M scores (bench/eval/gen.py)
# judged by lunette's evaluate() against scikit-learn and base R, each
# loading the file once and timing in process (wall clock, median of
# RUNS; loading is not timed):
#   auc   the AUC from the raw columns (labels, sort, trapezoid)
#   pr    the precision-recall curve
#   boot  a 1000-resample stratified bootstrap percentile CI of the AUC;
#         the peers run BOOT resamples (default 10) and their time is
#         scaled to 1000
# The AUCs must agree to 6 places and the PR curves in length, or the
# script fails.
#
#   bench/eval/run.sh [path/to/lunette]        (default build/app/lunette)
#
# Environment: ROWS (default 10000000), RUNS (default 5), THREADS
# (default 2), BOOT (default 10).
set -eu
LUNETTE=${1:-build/app/lunette}
HERE=$(dirname "$0")
ROWS=${ROWS:-10000000}
BOOT=${BOOT:-10}
. "$HERE/../lib.sh"
SCORES=$DATA/scores_$ROWS.csv

[ -x "$LUNETTE" ] || { echo "no lunette binary at $LUNETTE" >&2; exit 1; }
mkdir -p "$DATA"
[ -f "$SCORES" ] || $PY "$HERE/gen.py" "$ROWS" "$SCORES"
export OMP_NUM_THREADS=$THREADS OMP_WAIT_POLICY=passive

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$LUNETTE" "$HERE/eval.lua" "$SCORES" "$RUNS" "$THREADS" >"$out/lunette"
$PY "$HERE/eval.py" "$SCORES" "$RUNS" "$BOOT" >"$out/sklearn"
Rscript "$HERE/eval.R" "$SCORES" "$RUNS" "$BOOT" >"$out/r"
bench_table "$out" "auc pr boot" s operation scikit-learn sklearn "base R" r \
    "auc=AUC of 10M scores;pr=precision-recall curve;boot=bootstrap CI of the AUC, 1000 resamples"
