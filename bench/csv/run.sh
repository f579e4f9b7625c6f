#!/bin/sh
# CSV read/write benchmark: lunette read_csv/write_csv against pandas
# (read_csv with parse_dates on the two time columns, to_csv) and
# data.table (fread, fwrite), whole processes, same thread count.
#
#   bench/csv/run.sh [path/to/lunette]        (default build/app/lunette)
#
# Environment: SIZES (default "1m 5m"), RUNS (default 3), THREADS
# (default 2).  Builds nothing; generates bench/data/mixed_<size>.csv with
# bench/csv/gen.py when absent.  Prints a markdown table: median wall
# seconds over RUNS runs and the median peak RSS (/usr/bin/time %M, shown
# in MB = 10^6 bytes).
# "write" runs read the file and write it back; the write time shown is
# the difference of the medians (read+write minus read), the same way for
# every tool.
set -eu

LUNETTE=${1:-build/app/lunette}
SIZES=${SIZES:-"1m 5m"}
RUNS=${RUNS:-3}
THREADS=${THREADS:-2}
PY=/usr/bin/python3
HERE=$(dirname "$0")
DATA=$HERE/../data
TIME=/usr/bin/time

[ -x "$LUNETTE" ] || { echo "no lunette binary at $LUNETTE" >&2; exit 1; }
[ -x "$TIME" ] || { echo "install GNU time: apt-get install -y time" >&2; exit 1; }
mkdir -p "$DATA"
export OMP_NUM_THREADS=$THREADS OMP_WAIT_POLICY=passive

# median of the numbers on stdin
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

# run LABEL CMD...: RUNS timed runs; sets WALL (s) and RSS (MB)
run() {
    label=$1
    shift
    log=$(mktemp)
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        if ! "$TIME" -f "%e %M" -a -o "$log" "$@" >/dev/null 2>"$log.err"; then
            echo "$label failed:" >&2
            cat "$log.err" >&2
            exit 1
        fi
        i=$((i + 1))
    done
    WALL=$(awk '{print $1}' "$log" | median)
    RSS=$(awk '{print $2}' "$log" | median | awk '{printf "%.0f", $1 * 1024 / 1e6}')
    rm -f "$log" "$log.err"
}

row() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4"; }

echo "threads: $THREADS, runs: $RUNS (median), $(nproc) cores, $(date -u +%Y-%m-%d)"
for size in $SIZES; do
    case $size in
    1m) rows=1000000 ;;
    5m) rows=5000000 ;;
    *) echo "unknown size $size" >&2; exit 1 ;;
    esac
    in=$DATA/mixed_$size.csv
    out=$DATA/out_$size.csv
    [ -f "$in" ] || $PY "$HERE/gen.py" "$rows" "$in"
    mb=$(stat -c %s "$in" | awk '{printf "%.0f", $1 / 1e6}')
    echo
    echo "### $size rows ($mb MB)"
    echo
    row "tool" "read s" "read+write s (write s)" "peak RSS MB read / read+write"
    row "---" "---" "---" "---"

    run lunette "$LUNETTE" -e "df = read_csv('$in', {threads = $THREADS})"
    r=$WALL rr=$RSS
    run lunette-write "$LUNETTE" -e "write_csv(read_csv('$in', {threads = $THREADS}), '$out')"
    row "lunette read_csv / write_csv" "$r" "$WALL ($(echo "$WALL $r" | awk '{printf "%.2f", $1 - $2}'))" "$rr / $RSS"

    run pandas $PY -c "import pandas as pd; pd.read_csv('$in', parse_dates=['ts', 'signup'])"
    r=$WALL rr=$RSS
    run pandas-write $PY -c "import pandas as pd; pd.read_csv('$in', parse_dates=['ts', 'signup']).to_csv('$out', index=False)"
    row "pandas read_csv(parse_dates) / to_csv" "$r" "$WALL ($(echo "$WALL $r" | awk '{printf "%.2f", $1 - $2}'))" "$rr / $RSS"

    for t in $THREADS 1; do
        run fread Rscript -e "library(data.table); setDTthreads($t); d <- fread('$in', nThread = $t)"
        r=$WALL rr=$RSS
        run fwrite Rscript -e "library(data.table); setDTthreads($t); fwrite(fread('$in', nThread = $t), '$out', nThread = $t)"
        row "data.table fread / fwrite, nThread = $t" "$r" "$WALL ($(echo "$WALL $r" | awk '{printf "%.2f", $1 - $2}'))" "$rr / $RSS"
        [ "$THREADS" -ne 1 ] || break
    done

    # Write alone, timed inside each process around the write call (wall
    # clock, median of RUNS writes of the frame loaded once): the figure the
    # fwrite target is about, free of the noise of subtracting two reads.
    echo
    echo "write only, timed in process (median of $RUNS writes, s):"
    lw=$("$LUNETTE" -e "
        local function now() local p = io.popen('date +%s.%N'); local t = tonumber(p:read('l')); p:close(); return t end
        local d, ts = read_csv('$in', {threads = $THREADS}), {}
        for i = 1, $RUNS do local t0 = now(); write_csv(d, '$out'); ts[i] = now() - t0 end
        table.sort(ts); print(string.format('%.2f', ts[($RUNS + 1) // 2]))")
    pw=$($PY -c "
import time, statistics, pandas as pd
d = pd.read_csv('$in', parse_dates=['ts', 'signup']); ts = []
for i in range($RUNS):
    t0 = time.perf_counter(); d.to_csv('$out', index=False); ts.append(time.perf_counter() - t0)
print('%.2f' % statistics.median(ts))")
    rw=$(Rscript -e "suppressMessages(library(data.table)); setDTthreads($THREADS)
        d <- fread('$in', nThread = $THREADS)
        ts <- sapply(1:$RUNS, function(i) system.time(fwrite(d, '$out', nThread = $THREADS))[['elapsed']])
        cat(sprintf('%.2f', median(ts)))")
    echo "- lunette write_csv: $lw; pandas to_csv: $pw; data.table fwrite (nThread = $THREADS): $rw"
    rm -f "$out"
done

echo
echo "start-up alone (subtracted nowhere above):"
run lunette-start "$LUNETTE" -e "x = 1"
echo "- lunette -e: ${WALL} s"
run python-start $PY -c "import pandas"
echo "- python3 -c 'import pandas': ${WALL} s"
run r-start Rscript -e "library(data.table)"
echo "- Rscript library(data.table): ${WALL} s"
