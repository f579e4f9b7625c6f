# Shared by the tmux tests (sourced): the lunette binary in a private tmux
# server, keys in, screen out, TAP lines out.
# Env: LUNETTE_EXE (the binary).  Without tmux the plan is "1..0 # SKIP"
# with status 0: under protocol 'tap' meson (1.0) counts that as skipped,
# but exit status 77 as an error.
set -u

: "${LUNETTE_EXE:?LUNETTE_EXE must name the lunette binary}"
if ! command -v tmux >/dev/null 2>&1; then
    echo "1..0 # SKIP tmux is not installed"
    exit 0
fi

tmp=$(mktemp -d)
sock=$tmp/tmux.sock
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
# A private home, history and readline set-up.
export HOME=$tmp/home XDG_STATE_HOME=$tmp/state INPUTRC=/dev/null NO_COLOR=1
mkdir -p "$HOME"

tm() { tmux -S "$sock" -f /dev/null "$@"; }
screen() { tm capture-pane -p -t repl; }
keys() { tm send-keys -t repl "$@"; }
type_line() { keys -l "$1"; keys Enter; }

# Poll the screen (up to ~15 s) until the command succeeds.
wait_until() {
    for _ in $(seq 300); do
        "$@" && return 0
        sleep 0.05
    done
    return 1
}
has_line() { screen | grep -qxF -- "$1"; }
has_text() { screen | grep -qF -- "$1"; }
lacks_text() { ! screen | grep -qF -- "$1"; }

# The line REPL: a blank screen with a fresh prompt, so that each check
# sees only its output.
only_prompt() { [ "$(screen | grep -c .)" = 1 ] && has_line '>'; }
clear_screen() {
    keys C-l
    wait_until only_prompt
}

# Run lunette, then show its exit status and keep the pane open.  The
# shell traps Ctrl-C so that the keys sent to lunette do not end it too.
cat >"$tmp/run.sh" <<'EOS'
trap : INT
"$LUNETTE_EXE" "$@"
echo "[exit $?]"
exec sleep 3600
EOS
# start_repl [-x W -y H] [VAR=value ...] -- lunette arguments (120 x 40).
start_repl() {
    local w=120 h=40 env=()
    [ "$1" = -x ] && { w=$2; shift 2; }
    [ "$1" = -y ] && { h=$2; shift 2; }
    while [ "$1" != "--" ]; do env+=("$1"); shift; done
    shift
    tm kill-session -t repl 2>/dev/null
    tm new-session -d -s repl -c "$tmp" -x "$w" -y "$h" "${env[*]} sh '$tmp/run.sh' $*"
}

n=0
failed=0
check() {   # check NAME COMMAND...: one TAP line
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

# The plan, last (TAP allows it at the end), and the status.
finish() {
    echo "1..$n"
    [ "$failed" -eq 0 ]
}
