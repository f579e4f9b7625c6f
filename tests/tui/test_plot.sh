#!/usr/bin/env bash
# Figures in the line REPL (--plain) through tmux: plot() draws at once and
# the REPL does not print the figure it returns a second time; a figure
# returned without plot() is printed (drawn) once.
# Env: LUNETTE_EXE (the binary).  TAP output.
. "$(dirname "$0")/lib.sh"

# How many lines of output (not of input) show $1: is it $2?
count_is() { [ "$(screen | grep -v '^>' | grep -cF -- "$1")" = "$2" ]; }
# The command has finished when a fresh prompt follows its output.
done_after() { screen | grep -v '^$' | tail -n 1 | grep -qxF '>'; }


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

finish
