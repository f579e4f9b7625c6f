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
ROWS=${ROWS:-5000000}
RUNS=${RUNS:-5}
THREADS=${THREADS:-2}
PY=/usr/bin/python3
HERE=$(dirname "$0")
DATA=$HERE/../data
FACT=$DATA/mixed_$((ROWS / 1000000))m.csv
[ "$ROWS" -ge 1000000 ] || FACT=$DATA/mixed_$ROWS.csv
DIM=$DATA/customers.csv

[ -x "$LUNETTE" ] || { echo "no lunette binary at $LUNETTE" >&2; exit 1; }
mkdir -p "$DATA"
[ -f "$FACT" ] || $PY "$HERE/../csv/gen.py" "$ROWS" "$FACT"
[ -f "$DIM" ] || $PY "$HERE/gen_dim.py" "$DIM"
export OMP_NUM_THREADS=$THREADS OMP_WAIT_POLICY=passive

out=$(mktemp -d)
"$LUNETTE" "$HERE/verbs.lua" "$FACT" "$DIM" "$RUNS" "$THREADS" >"$out/lunette"
$PY "$HERE/verbs.py" "$FACT" "$DIM" "$RUNS" >"$out/pandas"
Rscript "$HERE/verbs.R" "$FACT" "$DIM" "$RUNS" "$THREADS" >"$out/datatable"
for f in lunette pandas datatable; do sort -o "$out/$f" "$out/$f"; done

echo "rows: $ROWS, threads: $THREADS, runs: $RUNS (median), $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| verb | lunette s | data.table s | pandas s | data.table / lunette | pandas / lunette |"
echo "| --- | --- | --- | --- | --- | --- |"
join -j 1 "$out/lunette" "$out/datatable" | join -j 1 - "$out/pandas" |
    awk -v ORDER="groupby sort filter join" '
    { t[$1] = $2; dt[$1] = $4; pd[$1] = $6; n[$1] = $3 " " $5 " " $7
      if ($3 != $5 || $3 != $7) { print "result sizes differ for " $1 ": " n[$1] > "/dev/stderr"; bad = 1 } }
    END { k = split(ORDER, o, " ")
          for (i = 1; i <= k; i++) { v = o[i]
              printf "| %s | %.3f | %.3f | %.3f | %.2f | %.2f |\n", v, t[v], dt[v], pd[v], dt[v] / t[v], pd[v] / t[v] }
          exit bad }'
rm -rf "$out"
