#!/bin/sh
# Drift benchmark: a full drift report of 20 numeric and 5 categorical
# columns, ROWS reference rows against ROWS current rows (bench/drift/
# gen.py), by lunette's drift() and by scipy computing the same
# statistics, each loading the files once and timing in process (wall
# clock, median of RUNS; loading is not timed):
#   auto   the default report (wasserstein / sd and Jensen-Shannon)
#   tests  ks per numeric column, chi2 per categorical one
#   psi    psi on every column
# The sums of the statistics must agree to 6 significant digits, or the
# script fails.
#
#   bench/drift/run.sh [path/to/lunette]        (default build/app/lunette)
#
# Environment: ROWS (default 1000000), RUNS (default 5), THREADS (default 2).
set -eu
LUNETTE=${1:-build/app/lunette}
HERE=$(dirname "$0")
ROWS=${ROWS:-1000000}
. "$HERE/../lib.sh"
REF=$DATA/drift_ref_$ROWS.csv
CUR=$DATA/drift_cur_$ROWS.csv

[ -x "$LUNETTE" ] || { echo "no lunette binary at $LUNETTE" >&2; exit 1; }
mkdir -p "$DATA"
[ -f "$REF" ] && [ -f "$CUR" ] || $PY "$HERE/gen.py" "$ROWS" "$REF" "$CUR"
export OMP_NUM_THREADS=$THREADS OMP_WAIT_POLICY=passive

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$LUNETTE" "$HERE/drift.lua" "$REF" "$CUR" "$RUNS" "$THREADS" >"$out/lunette"
$PY "$HERE/drift.py" "$REF" "$CUR" "$RUNS" >"$out/scipy"
bench_table "$out" "auto tests psi" s report scipy scipy "" "" \
    "auto=default report (wasserstein, JS);tests=KS and chi-square;psi=PSI, 10 quantile bins"
