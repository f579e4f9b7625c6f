#!/bin/sh
# Plot benchmark: the statistics behind plots and whole figures written to
# PNG, on the 5M-row file of bench/csv/gen.py, in lunette, numpy /
# statsmodels / matplotlib and base R:
#   hist         50 equal bins over 5M values
#   density      Gaussian KDE at 512 points, R's default bandwidth
#                (lunette and statsmodels bin the data and use the exact
#                kernel or an FFT; R's density() bins and uses an FFT)
#   scatter_png  1M points to a 1200 x 750 PNG
#   hist_png     the 5M-value histogram to a 1200 x 750 PNG
# Each tool loads the data once and times each operation in process (wall
# clock, median of RUNS); loading is not timed.
#
#   bench/plots/run.sh [path/to/lunette]        (default build/app/lunette)
#
# Environment: ROWS (default 5000000), RUNS (default 5), THREADS (default
# 2).  The PNGs are left in bench/data/plots/ to compare by eye.  Prints a
# markdown table of seconds and the ratios to lunette; the result sizes
# must agree or the script fails.
set -eu

LUNETTE=${1:-build/app/lunette}
HERE=$(dirname "$0")
. "$HERE/../lib.sh"
OUT=$DATA/plots

[ -x "$LUNETTE" ] || { echo "no lunette binary at $LUNETTE" >&2; exit 1; }
bench_data
mkdir -p "$OUT"

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$LUNETTE" "$HERE/plots.lua" "$FACT" "$RUNS" "$THREADS" "$OUT" >"$out/lunette"
$PY "$HERE/plots.py" "$FACT" "$RUNS" "$OUT" >"$out/python"
Rscript "$HERE/plots.R" "$FACT" "$RUNS" "$THREADS" "$OUT" >"$out/r"
bench_table "$out" "hist density scatter_png hist_png" s operation Python python R r
