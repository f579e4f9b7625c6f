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
ROWS=${ROWS:-5000000}
RUNS=${RUNS:-5}
THREADS=${THREADS:-2}
PY=/usr/bin/python3
HERE=$(dirname "$0")
DATA=$HERE/../data
FACT=$DATA/mixed_$((ROWS / 1000000))m.csv
[ "$ROWS" -ge 1000000 ] || FACT=$DATA/mixed_$ROWS.csv
OUT=$DATA/plots

[ -x "$LUNETTE" ] || { echo "no lunette binary at $LUNETTE" >&2; exit 1; }
mkdir -p "$DATA" "$OUT"
[ -f "$FACT" ] || $PY "$HERE/../csv/gen.py" "$ROWS" "$FACT"
export OMP_NUM_THREADS=$THREADS OMP_WAIT_POLICY=passive

out=$(mktemp -d)
"$LUNETTE" "$HERE/plots.lua" "$FACT" "$RUNS" "$THREADS" "$OUT" >"$out/lunette"
$PY "$HERE/plots.py" "$FACT" "$RUNS" "$OUT" >"$out/python"
Rscript "$HERE/plots.R" "$FACT" "$RUNS" "$THREADS" "$OUT" >"$out/r"
for f in lunette python r; do sort -o "$out/$f" "$out/$f"; done

echo "rows: $ROWS, threads: $THREADS, runs: $RUNS (median), $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| operation | lunette s | Python s | R s | Python / lunette | R / lunette |"
echo "| --- | --- | --- | --- | --- | --- |"
join -j 1 "$out/lunette" "$out/python" | join -j 1 - "$out/r" |
    awk -v ORDER="hist density scatter_png hist_png" '
    { t[$1] = $2; py[$1] = $4; r[$1] = $6; n[$1] = $3 " " $5 " " $7
      if ($3 != $5 || $3 != $7) { print "result sizes differ for " $1 ": " n[$1] > "/dev/stderr"; bad = 1 } }
    END { k = split(ORDER, o, " ")
          for (i = 1; i <= k; i++) { v = o[i]
              printf "| %s | %.3f | %.3f | %.3f | %.2f | %.2f |\n", v, t[v], py[v], r[v], py[v] / t[v], r[v] / t[v] }
          exit bad }'
rm -rf "$out"
