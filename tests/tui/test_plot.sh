#!/usr/bin/env bash
# Figures in the line REPL (--plain) through tmux: plot() draws at once and
# the REPL does not print the figure it returns a second time; a figure
# returned without plot() is printed (drawn) once.
# Env: LUNETTE_EXE (the binary).  TAP output; "1..0 # SKIP" without tmux.
set -u

: "${LUNETTE_EXE:?LUNETTE_EXE must name the lunette binary}"
if ! command -v tmux >/dev/null 2>&1; then
    echo "1..0 # SKIP tmux is not installed"
    exit 0
fi

tmp=$(mktemp -d)
sock=$tmp/tmux.sock
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
export HOME=$tmp/home XDG_STATE_HOME=$tmp/state INPUTRC=/dev/null NO_COLOR=1
mkdir -p "$HOME"

tm() { tmux -S "$sock" -f /dev/null "$@"; }
screen() { tm capture-pane -p -t repl; }
keys() { tm send-keys -t repl "$@"; }
type_line() { keys -l "$1"; keys Enter; }
wait_until() {
    for _ in $(seq 300); do
        "$@" && return 0
        sleep 0.05
    done
    return 1
}
has_line() { screen | grep -qxF -- "$1"; }
# How many lines of output (not of input) show $1: is it $2?
count_is() { [ "$(screen | grep -v '^>' | grep -cF -- "$1")" = "$2" ]; }
only_prompt() { [ "$(screen | grep -c .)" = 1 ] && has_line '>'; }
clear_screen() {
    keys C-l
    wait_until only_prompt
}
# The command has finished when a fresh prompt follows its output.
done_after() { screen | grep -v '^$' | tail -n 1 | grep -qxF '>'; }

n=0
failed=0
check() {
    local name=$1
    shift
    n=$((n + 1))
    if "$@"; then
        echo "ok $n - $name"
    else
        failed=$((failed + 1))
        echo "not ok $n - $name"
        screen | sed 's/^/#   /'
    fi
}

tm new-session -d -s repl -x 100 -y 50 "'$LUNETTE_EXE' --plain"
wait_until has_line ">"
type_line "x = frame{ v = { 1, 2, 2, 3, 3, 3 } }.v"
clear_screen

type_line "plot(plot.hist(x, { title = 'Drawn once' }))"
wait_until done_after
check "plot() draws the figure and the REPL does not print it again" \
    count_is "Drawn once" 1
clear_screen

type_line "fig = _"
type_line "fig"
wait_until has_line "> fig"
wait_until done_after
check "the same figure returned by a later command is printed" \
    count_is "Drawn once" 1
clear_screen

type_line "plot.hist(x, { title = 'Returned' })"
wait_until done_after
check "a figure returned without plot() is printed once" count_is "Returned" 1
clear_screen

type_line "plot(fig) return 42"
wait_until has_line "42"
check "a command that draws and returns something else prints that" \
    count_is "Drawn once" 1
clear_screen

type_line "fig:show()"
wait_until done_after
check "fig:show() draws once" count_is "Drawn once" 1

echo "1..$n"
[ "$failed" -eq 0 ]
