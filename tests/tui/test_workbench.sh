#!/usr/bin/env bash
# The workbench (the TUI) driven through tmux: start with a data file,
# run commands, draw a figure, view and sort a frame in the grid, survive
# errors and Ctrl-C, adapt to resizes, save the session, restore the
# terminal on quit and on SIGTERM.
# Env: LUNETTE_EXE (the binary), LUNETTE_EXAMPLES (examples/).  TAP output.
. "$(dirname "$0")/lib.sh"
examples=${LUNETTE_EXAMPLES:?LUNETTE_EXAMPLES must name the examples directory}
cp "$examples/data/telco_churn.csv" "$tmp/telco_churn.csv"

# Line k (1-based) of the screen.
row() { screen | sed -n "${1}p"; }
last_row() { screen | tail -n 1; }
row_has() { row "$1" | grep -qF -- "$2"; }
# The lower part of a 100 x 30 screen: plot pane and inspector.
bottom_has() { screen | sed -n '19,29p' | grep -qF -- "$1"; }
alternate_off() { [ "$(tm display -p -t repl '#{alternate_on}')" = 0 ]; }
# The lunette process on the pane's terminal.
lunette_pid() { pgrep -x lunette -t "$(tm display -p -t repl '#{pane_tty}' | sed 's|^/dev/||')"; }

start_repl -x 100 -y 30 -- telco_churn.csv
check "the data file loads as a command shown in the console" \
    wait_until has_text '> telco_churn = read_csv("telco_churn.csv")'
check "the inspector lists the frame with its shape" \
    wait_until bottom_has "7043 x 20"
check "the status bar names the data set and the keys" \
    wait_until eval 'last_row | grep -q telco_churn && last_row | grep -q "F1 help"'

type_line "1 + 1"
check "an expression's value shows in the console" wait_until has_line "2"
type_line "tenure_mean = telco_churn.tenure:mean()"
check "a new variable appears in the inspector" wait_until bottom_has "tenure_mean"

type_line 'error("boom")'
check "an error shows in the console with its traceback" \
    wait_until has_text "boom"
check "... and the traceback" has_text "stack traceback"
type_line "#telco_churn"
check "the workspace survives the error" wait_until has_line "7043"

type_line "plot(telco_churn.tenure)"
check "plot() draws into the plot pane" wait_until bottom_has "figure 1/1"
check "... the figure's axis label shows there" bottom_has "tenure"

type_line "view(telco_churn)"
check "view() opens the grid: the header row" wait_until row_has 1 "senior_citizen"
check "... the type row" row_has 2 "<str>"
check "... the first row: tenure 1" eval 'row 3 | grep -qE "^ *1 +No +1 +0 +1 +0 +1 "'
keys l l l l l
keys ]
check "] sorts by the current column, descending: tenure 72 first" \
    wait_until row_has 3 " 72 "
keys q
check "q returns to the console, which shows the grid's action as Lua" \
    wait_until has_text 'view(telco_churn:sort(desc"tenure"))'

type_line "for i = 1, 1e12 do end"
sleep 1
keys C-c
check "Ctrl-C interrupts a long job" wait_until has_text "interrupted!"
type_line "#telco_churn + 1"
check "the variables are intact after Ctrl-C" wait_until has_line "7044"

tm resize-window -t repl -x 80 -y 24
check "after a resize to 80x24 the status bar is on the last row" \
    wait_until eval '[ "$(screen | wc -l)" -le 24 ] && last_row | grep -q "F1 help"'
check "... and the inspector still lists the frame" wait_until has_text "7043 x 20"
tm resize-window -t repl -x 140 -y 40
check "at 140 columns the panes sit side by side" \
    wait_until eval 'row 1 | grep -q "│"'
type_line 'd = drift(telco_churn:filter"tenure > 12":drop("tenure"), telco_churn:filter"tenure <= 12":drop("tenure"))'
check "a Drift says its shape in the inspector (its __shape)" \
    wait_until eval 'screen | grep -qE "│ d +Drift +19 cols, 14 drifted"'
type_line 'ev = evaluate(telco_churn.churn, telco_churn.monthly_charges / 120)'
check "... an Evaluation too" \
    wait_until eval 'screen | grep -qE "│ ev +Evaluation +binary, 7,043 rows"'

keys F10
check "F10 asks where to save the session" wait_until has_text "save session to: analysis.lua"
keys Enter
check "... and saves it" wait_until test -s "$tmp/analysis.lua"
check "the saved session holds the load, the commands and the grid's action" \
    eval 'grep -qF "telco_churn = read_csv(\"telco_churn.csv\")" "$tmp/analysis.lua" &&
          grep -qF "tenure_mean = telco_churn.tenure:mean()" "$tmp/analysis.lua" &&
          grep -qF "view(telco_churn:sort(desc\"tenure\"))" "$tmp/analysis.lua" &&
          ! grep -qF "error(\"boom\")" "$tmp/analysis.lua"'
check "the saved session replays as a script" \
    eval '(cd "$tmp" && "$LUNETTE_EXE" analysis.lua >/dev/null)'

keys F1
check "F1 shows the help screen" wait_until has_text "The workbench"
keys q
check "q closes it" wait_until lacks_text "The workbench"

keys C-d
check "Ctrl-D quits with status 0" wait_until has_line "[exit 0]"
check "... and the terminal is back from the alternate screen" alternate_off

start_repl -x 100 -y 30 --
wait_until has_text "F1 help"
kill -TERM "$(lunette_pid)"
check "SIGTERM ends the workbench" wait_until has_line "[exit 143]"
check "... and restores the terminal" alternate_off

start_repl -x 100 -y 30 --
wait_until has_text "F1 help"
kill -SEGV "$(lunette_pid)"
# 139 (killed by SIGSEGV), or the sanitizer's report and its status.
check "a crash signal ends the workbench" \
    wait_until eval 'screen | grep -qE "^\[exit [1-9][0-9]*\]$"'
check "... and restores the terminal" alternate_off

start_repl -x 100 -y 30 -- --plain
check "--plain keeps the line REPL" wait_until has_text "?name shows help"
check "... not the workbench" lacks_text "F1 help"

finish
