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
HERE=$(dirname "$0")
. "$HERE/../lib.sh"
SCREEN=47

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# the build's output only when it fails
[ -f "$BUILD/build.ninja" ] || meson setup "$BUILD" "$HERE/../.." --werror >"$out/build" ||
    { cat "$out/build" >&2; exit 1; }
meson compile -C "$BUILD" bench_grid >"$out/build" || { cat "$out/build" >&2; exit 1; }
bench_data

# 200 screens starting at random multiples of SCREEN (fixed seed)
$PY -c "import numpy as np, sys
n, s = int(sys.argv[1]), int(sys.argv[2])
for k in np.random.default_rng(20240601).integers(0, (n - s) // s + 1, 200): print(k * s)" \
    "$ROWS" "$SCREEN" >"$out/positions"

"$BUILD/bench/bench_grid" "$FACT" "$out/positions" "$RUNS" "$THREADS" >"$out/lunette"
$PY "$HERE/grid.py" "$FACT" "$out/positions" "$RUNS" >"$out/pandas"
Rscript "$HERE/grid.R" "$FACT" "$out/positions" "$RUNS" "$THREADS" >"$out/datatable"
bench_table "$out" "open page sort freq filter" ms operation pandas pandas data.table datatable \
    "open=open: new grid + first screen;page=page: one screen at a random row;sort=sort: ] on amount + redraw;freq=freq: F on name + redraw;filter=filter: f, condition, Enter + redraw"
