#!/bin/sh
# Frame verbs benchmark: group-by (2 keys, 3 aggregates), sort by 2 keys,
# a filter and a left join against a 100k-row dimension table, on the
# 5M-row file of bench/csv/gen.py, in lunette, pandas and data.table.
# Each tool loads the data once and times each verb in process (wall
# clock, median of RUNS); loading is not timed.
#
#   bench/verbs/run.sh [path/to/lunette]        (default build/app/lunette)
#
# Environment: ROWS (default 5000000), RUNS (default 5), THREADS (default
# 2).  Generates bench/data/mixed_5m.csv and bench/data/customers.csv when
# absent.  Prints a markdown table of seconds and the ratios to lunette;
# the result sizes must agree or the script fails.
set -eu

LUNETTE=${1:-build/app/lunette}
HERE=$(dirname "$0")
. "$HERE/../lib.sh"
DIM=$DATA/customers.csv

[ -x "$LUNETTE" ] || { echo "no lunette binary at $LUNETTE" >&2; exit 1; }
bench_data
[ -f "$DIM" ] || $PY "$HERE/gen_dim.py" "$DIM"

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$LUNETTE" "$HERE/verbs.lua" "$FACT" "$DIM" "$RUNS" "$THREADS" >"$out/lunette"
$PY "$HERE/verbs.py" "$FACT" "$DIM" "$RUNS" >"$out/pandas"
Rscript "$HERE/verbs.R" "$FACT" "$DIM" "$RUNS" "$THREADS" >"$out/datatable"
bench_table "$out" "groupby sort filter join" s verb data.table datatable pandas pandas
