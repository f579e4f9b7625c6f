# Shared by the benchmark scripts (sourced after HERE=$(dirname "$0")):
# the settings, the generated data file and the result table.
#
# Environment: ROWS (default 5000000), RUNS (default 5), THREADS (default 2).
ROWS=${ROWS:-5000000}
RUNS=${RUNS:-5}
THREADS=${THREADS:-2}
PY=/usr/bin/python3
DATA=$HERE/../data
FACT=$DATA/mixed_$((ROWS / 1000000))m.csv
[ "$ROWS" -ge 1000000 ] || FACT=$DATA/mixed_$ROWS.csv

# The fact file of bench/csv/gen.py (made once), and passive OpenMP threads.
bench_data() {
    mkdir -p "$DATA"
    [ -f "$FACT" ] || $PY "$HERE/../csv/gen.py" "$ROWS" "$FACT"
    export OMP_NUM_THREADS=$THREADS OMP_WAIT_POLICY=passive
}

# bench_table DIR ORDER UNIT FIRST HEAD_A A HEAD_B B [LABELS]
# Each of DIR/lunette, DIR/A, DIR/B holds lines "op seconds size".  Prints
# a markdown table of the ops in ORDER (space-separated) in UNIT (s or
# ms): lunette, A, B and the ratios A / lunette, B / lunette; fails when
# the sizes of an op differ.  With one peer, HEAD_B and B are "".  LABELS
# ("op=text;op=text") names the rows.
bench_table() {
    dir=$1 order=$2 unit=$3 first=$4 ha=$5 a=$6 hb=$7 b=$8 labels=${9:-}
    for f in lunette "$a" ${b:+"$b"}; do sort -o "$dir/$f" "$dir/$f"; done
    echo "rows: $ROWS, threads: $THREADS, runs: $RUNS (median), $(nproc) cores, $(date -u +%Y-%m-%d)"
    echo
    if [ -n "$b" ]; then
        echo "| $first | lunette $unit | $ha $unit | $hb $unit | $ha / lunette | $hb / lunette |"
        echo "| --- | --- | --- | --- | --- | --- |"
    else
        echo "| $first | lunette $unit | $ha $unit | $ha / lunette |"
        echo "| --- | --- | --- | --- |"
    fi
    join -j 1 "$dir/lunette" "$dir/$a" | join -j 1 - "$dir/${b:-$a}" |
        awk -v ORDER="$order" -v UNIT="$unit" -v LABELS="$labels" -v TWO="${b:+1}" '
        function fmt(s) {
            if (UNIT == "s") return sprintf("%.3f", s)
            return s < 0.01 ? sprintf("%.3f", 1000 * s) : sprintf("%.1f", 1000 * s) }
        BEGIN { k = split(LABELS, l, ";")
                for (i = 1; i <= k; i++) { split(l[i], kv, "="); label[kv[1]] = kv[2] } }
        { t[$1] = $2; x[$1] = $4; y[$1] = $6
          if ($3 != $5 || $3 != $7) {
              print "result sizes differ for " $1 ": " $3 " " $5 " " $7 > "/dev/stderr"; bad = 1 } }
        END { k = split(ORDER, o, " ")
              for (i = 1; i <= k; i++) { v = o[i]
                  name = (v in label) ? label[v] : v
                  if (TWO)
                      printf "| %s | %s | %s | %s | %.2f | %.2f |\n", name,
                             fmt(t[v]), fmt(x[v]), fmt(y[v]), x[v] / t[v], y[v] / t[v]
                  else
                      printf "| %s | %s | %s | %.2f |\n", name, fmt(t[v]), fmt(x[v]), x[v] / t[v] }
              exit bad }'
}
