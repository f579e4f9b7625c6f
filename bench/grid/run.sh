#!/bin/sh
# Grid benchmark: the frame grid of view(df) (widgets/grid.h) on the 5M-row
# file of bench/csv/gen.py, driven by keys and drawn onto a 200 x 50 cell
# canvas (47 rows of data), against pandas (DataFrame.to_string) and
# data.table (print, captured) formatting the same rows:
#   open    a new grid and its first screen | the first 47 rows formatted
#   page    one screen at each of 200 random row positions (multiples of
#           47, fixed seed, the same file for the three), per screen
#   sort    ']' on amount + the redraw | sort descending (stable, missing
#           last) + the first 47 rows formatted
#   freq    'F' on name (~100k values) + the redraw | value counts, most
#           frequent first + the first 47 formatted
#   filter  'f', "amount > 100 and category == 'Grocery'" typed, Enter +
#           the redraw | boolean filter + the first 47 rows formatted
# Each tool loads the data once and times each operation in process (wall
# clock, median of RUNS); loading is not timed.
#
#   bench/grid/run.sh [path/to/build]        (default build)
#
# Builds the bench_grid target of that meson build directory (set up with
# --werror when absent).  Environment: ROWS (default 5000000), RUNS
# (default 5), THREADS (default 2).  Prints a markdown table of
# milliseconds and the ratios to lunette; the result sizes (rows, the
# sorted first id, distinct values, rows kept) must agree or the script
# fails.
set -eu

BUILD=${1:-build}
ROWS=${ROWS:-5000000}
RUNS=${RUNS:-5}
THREADS=${THREADS:-2}
PY=/usr/bin/python3
HERE=$(dirname "$0")
DATA=$HERE/../data
FACT=$DATA/mixed_$((ROWS / 1000000))m.csv
[ "$ROWS" -ge 1000000 ] || FACT=$DATA/mixed_$ROWS.csv
SCREEN=47

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# the build's output only when it fails
[ -f "$BUILD/build.ninja" ] || meson setup "$BUILD" "$HERE/../.." --werror >"$out/build" ||
    { cat "$out/build" >&2; exit 1; }
meson compile -C "$BUILD" bench_grid >"$out/build" || { cat "$out/build" >&2; exit 1; }
mkdir -p "$DATA"
[ -f "$FACT" ] || $PY "$HERE/../csv/gen.py" "$ROWS" "$FACT"
export OMP_NUM_THREADS=$THREADS OMP_WAIT_POLICY=passive

# 200 screens starting at random multiples of SCREEN (fixed seed)
$PY -c "import numpy as np, sys
n, s = int(sys.argv[1]), int(sys.argv[2])
for k in np.random.default_rng(20240601).integers(0, (n - s) // s + 1, 200): print(k * s)" \
    "$ROWS" "$SCREEN" >"$out/positions"

"$BUILD/bench/bench_grid" "$FACT" "$out/positions" "$RUNS" "$THREADS" >"$out/lunette"
$PY "$HERE/grid.py" "$FACT" "$out/positions" "$RUNS" >"$out/pandas"
Rscript "$HERE/grid.R" "$FACT" "$out/positions" "$RUNS" "$THREADS" >"$out/datatable"
for f in lunette pandas datatable; do sort -o "$out/$f" "$out/$f"; done

echo "rows: $ROWS, threads: $THREADS, runs: $RUNS (median), $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| operation | lunette ms | pandas ms | data.table ms | pandas / lunette | data.table / lunette |"
echo "| --- | --- | --- | --- | --- | --- |"
join -j 1 "$out/lunette" "$out/pandas" | join -j 1 - "$out/datatable" |
    awk -v ORDER="open page sort freq filter" '
    function ms(s) { return s < 0.01 ? sprintf("%.3f", 1000 * s) : sprintf("%.1f", 1000 * s) }
    BEGIN { label["open"] = "open: new grid + first screen"
            label["page"] = "page: one screen at a random row"
            label["sort"] = "sort: ] on amount + redraw"
            label["freq"] = "freq: F on name + redraw"
            label["filter"] = "filter: f, condition, Enter + redraw" }
    { t[$1] = $2; pd[$1] = $4; dt[$1] = $6; n[$1] = $3 " " $5 " " $7
      if ($3 != $5 || $3 != $7) { print "result sizes differ for " $1 ": " n[$1] > "/dev/stderr"; bad = 1 } }
    END { k = split(ORDER, o, " ")
          for (i = 1; i <= k; i++) { v = o[i]
              printf "| %s | %s | %s | %s | %.1f | %.1f |\n", label[v], ms(t[v]), ms(pd[v]), ms(dt[v]),
                     pd[v] / t[v], dt[v] / t[v] }
          exit bad }'
