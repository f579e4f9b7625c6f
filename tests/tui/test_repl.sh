#!/usr/bin/env bash
# The line REPL (--plain) driven through tmux: keys in, screen out.
# Env: LUNETTE_EXE (the binary), LUNETTE_EXAMPLES (examples/).  TAP output.
. "$(dirname "$0")/lib.sh"
examples=${LUNETTE_EXAMPLES:?LUNETTE_EXAMPLES must name the examples directory}
history_file=$XDG_STATE_HOME/lunette/history
air=$examples/data/air_passengers.csv


start_repl -- --plain "'$air'"
check "banner and a summary line for the data file" \
    wait_until has_line "air_passengers: 144 rows x 2 cols"
clear_screen

type_line "1+1"
check "an expression's value is printed" wait_until has_line "2"
type_line "_ * 21"
check "_ holds the last result" wait_until has_line "42"
clear_screen

type_line "function f()"
check "continuation prompt after an unfinished statement" wait_until has_line ">>"
type_line "return 43"
type_line "end"
type_line "f()"
check "a multi-line function runs" wait_until has_line "43"
clear_screen

keys -l "prin"
keys Tab
check "Tab completes a global" wait_until has_line "> print"
type_line "(6*7)"
check "the completed name runs" wait_until has_line "42"
clear_screen

keys -l "air_passengers:he"
keys Tab
check "Tab completes a frame method after ':'" \
    wait_until has_line "> air_passengers:head"
type_line "(1)"
check "the completed method runs" wait_until has_text "1949-01-01"
clear_screen

keys -l "air_passengers.pas"
keys Tab
check "Tab completes a column after '.'" \
    wait_until has_line "> air_passengers.passengers"
keys C-u
# A frame of many columns (regression: the names once came out empty).
type_line "telco = read_csv('$examples/data/telco_churn.csv')"
clear_screen
keys -l "telco.te"
keys Tab Tab
check "double Tab lists the matching columns of a 20-column frame" \
    wait_until has_text "tech_support  tenure"
keys C-u
clear_screen
keys -l 'air_passengers["mo'
keys Tab
check "Tab completes a column inside [\"" \
    wait_until has_line '> air_passengers["month"]'
keys C-u
keys -l "string.up"
keys Tab
check "Tab completes a table field" wait_until has_line "> string.upper"
keys C-u
type_line "nest = { inner = { deep_field = 1 }, word = 'abc' }"
keys -l "nest.inner.de"
keys Tab
check "Tab completes a nested path" wait_until has_line "> nest.inner.deep_field"
keys C-u
keys -l "nest.word:up"
keys Tab
check "Tab completes a string method" wait_until has_line "> nest.word:upper"
keys C-u
clear_screen

keys -l "cancelled_text"
keys C-c
check "Ctrl-C at the prompt shows a fresh prompt" \
    wait_until has_line "> cancelled_text^C"
type_line "40+4"
check "the cancelled text is gone" wait_until has_line "44"
check "... and was not run" lacks_text "cancelled_text40"
clear_screen

type_line "keep = 7"
type_line "while true do end"
# Ctrl-C until the loop reports it: a key that lands before the loop starts
# only clears the prompt line.
interrupt_loop() {
    wait_until has_line "> while true do end" || return 1
    for _ in 1 2 3 4 5; do
        keys C-c
        for _ in $(seq 20); do
            has_text "interrupted!" && return 0
            sleep 0.05
        done
    done
    return 1
}
check "Ctrl-C interrupts running code" interrupt_loop
clear_screen
type_line "keep"
check "variables survive the interruption" wait_until has_line "7"
clear_screen

type_line "?read_csv"
check "?name shows help" wait_until has_line "read_csv(path [, opts])"
clear_screen
type_line "?reed_csv"
check "an unknown topic suggests names" wait_until has_text "read_csv"
clear_screen

type_line "?"
check "? alone runs help()" wait_until has_text "help([topic])"
clear_screen
type_line "?air_passengers:head"
check "?df:method shows the help of Frame:method" wait_until has_text "df:head("
clear_screen

# The library prints for the terminal's width, read again before each input.
type_line "churn = read_csv('$examples/data/telco_churn.csv')"
type_line 'first_line = function(x) return tostring(x):match("[^\n]+") end'
type_line '#first_line(churn) > 70'
check "a frame prints wider than 70 columns on a 120-column terminal" \
    wait_until has_line "true"
tm resize-window -t repl -x 70
clear_screen
type_line '#first_line(churn) <= 70 and #first_line(churn) > 40'
check "... and within 70 columns once the terminal is resized" \
    wait_until has_line "true"
tm resize-window -t repl -x 120
clear_screen

type_line 'error("oops")'
check "an error shows its message" wait_until has_line "stdin:1: oops"
check "... and a traceback" has_line "stack traceback:"
type_line "keep + 1"
check "the REPL continues after an error" wait_until has_line "8"
clear_screen

type_line "history_probe = 99"
keys C-d
check "Ctrl-D quits with status 0" wait_until has_line "[exit 0]"
check "the history file is written" test -s "$history_file"

start_repl -- --plain
wait_until has_text "?name shows help"
clear_screen
keys Up
check "Up recalls the previous session's last line" \
    wait_until has_line "> history_probe = 99"
keys Enter
type_line "history_probe"
check "the recalled line runs" wait_until has_line "99"
type_line "os.exit(3)"
check "os.exit ends the REPL with its status" wait_until has_line "[exit 3]"

# A history file that cannot be written: one warning, and the REPL goes on.
start_repl XDG_STATE_HOME=/dev/null/state -- --plain
check "an unwritable history gives a warning" \
    wait_until has_text "(history is not saved)"
type_line "6*7"
type_line "6*8"
check "the REPL works without a history file" wait_until has_line "48"
check "... and warns only once" \
    test "$(screen | grep -c 'history is not saved')" = 1

finish
