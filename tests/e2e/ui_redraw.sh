#!/usr/bin/env bash
# ui_redraw.sh: a weight step repaints only what it changes (its row's
# slider and number, the flip points that moved, the totals, the details'
# weight line); the screen it leaves must be exactly the one a full repaint
# (Ctrl-L) draws, characters and colours, after every kind of step.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

# raw VAR: the screen as tmux captures it, escapes and all, into VAR.
# cells FILE OUT: a capture (in FILE) as cells, each character with its
# attributes normalised, into OUT, so only what shows counts:
# tests/tools/screen.py, started once and asked for each capture. Two equal
# raw captures are the same cells; only captures that differ are written
# out and normalised to compare them.
raw() { tm_capture "$1" -e -N; }
coproc SCREEN { exec "$VERSUS_PYTHON" -S "$VERSUS_ROOT/tests/tools/screen.py" serve; }
T_CLEANUP+=("kill $SCREEN_PID")
cells() {
    local reply=""
    printf '%s\t%s\n' "$1" "$2" >&"${SCREEN[1]}"
    read -r -t 30 -u "${SCREEN[0]}" reply
    [ "$reply" = done ] || { echo "# screen.py did not answer for $1"; exit 1; }
}
# same_cells A B: the raw captures A and B (text) show the same cells.
same_cells() {
    printf '%s\n' "$1" > "$T_TMP/a.raw"
    printf '%s\n' "$2" > "$T_TMP/b.raw"
    cells "$T_TMP/a.raw" "$T_TMP/a.cells"
    cells "$T_TMP/b.raw" "$T_TMP/b.cells"
    local a b
    IFS= read -r -d '' a < "$T_TMP/a.cells"
    IFS= read -r -d '' b < "$T_TMP/b.cells"
    [ "$a" == "$b" ]
}
# estimating: the robustness estimate is still under way (it starts once
# the keys have been quiet for a moment and repaints its lines when done):
# its mark, "(updating)" or in the brief form an ellipsis after the flip.
ESTIMATING='\(updating\)|weighing the odds|(flip (<=)?[0-9]+|no flip( found)?)…'
estimating() { local s; tm_capture s; [[ $s =~ $ESTIMATING ]]; }
# settled VAR: the screen, raw into VAR, once no estimate is under way and
# two captures in a row, either side of that look, agree.
settled() {
    local deadline=$((SECONDS + TM_TIMEOUT)) again
    raw "$1"
    while [ $SECONDS -le $deadline ]; do
        t_sleep 0.05
        if estimating; then raw "$1"; continue; fi
        raw again
        [ "${!1}" == "$again" ] && return 0
        printf -v "$1" '%s' "$again"
    done
}
# The pane's output is appended to a file the test holds open (start,
# below): drained reads what the program has written so far; wrote [TRIES]
# waits until it writes something more, false after TRIES looks 20 ms
# apart (default: TM_TIMEOUT seconds). No process either way: the test
# waits on its output at every step. (A file, not a pipe: the shell reads
# a pipe a byte at a time, a file in blocks.)
drained() {
    local chunk
    while chunk="" && read -r -N 65536 -u "$PANE_FD" chunk; [ -n "$chunk" ]; do :; done
    return 0
}
wrote() {
    local i c
    for ((i = 0; i < ${1:-$((TM_TIMEOUT * 50))}; i++)); do
        c=""
        read -r -N 1 -u "$PANE_FD" c
        [ -n "$c" ] && return 0
        t_sleep 0.02
    done
    return 1
}
# press KEYS: sends KEYS and waits until the program has answered them on
# the screen, so that the screen settled after it is the step's. A key
# that changes nothing on the screen (> with every stack shown, j on the
# last row) writes nothing: after a second the screen is taken as it is.
press() {
    drained
    tm_keys "$1"
    wrote 50 || echo "# $1 wrote nothing to the terminal"
}
# same_after_redraw NAME: Ctrl-L repaints everything; once the program has
# written the repaint, the screen must come back as it was.
same_after_redraw() {
    local before after deadline
    settled before
    drained
    tm_keys C-l
    if ! wrote; then
        not_ok "$1"
        echo "#   Ctrl-L wrote nothing to the terminal"
        return
    fi
    deadline=$((SECONDS + TM_TIMEOUT))
    while [ $SECONDS -le $deadline ]; do
        raw after
        if [ "$before" == "$after" ]; then ok "$1"; return; fi
        if same_cells "$before" "$after"; then ok "$1"; return; fi
        t_sleep 0.05
    done
    not_ok "$1"
    same_cells "$before" "$after"
    diff "$T_TMP/a.cells" "$T_TMP/b.cells" | sed 's/^/#   /' | head -n 20
}
# start ARGS...: tm_start with the pane's output appended to the file.
: > "$T_TMP/pane.out"
exec {PANE_FD}< "$T_TMP/pane.out"
start() {
    tm_start "$@" || return 1
    tm pipe-pane -t 0 "cat >> '$T_TMP/pane.out'"
}

for size in "120 40" "100 50" "80 24"; do
    # shellcheck disable=SC2086
    start $size --offline --reset
    check "dashboard starts ($size)" tm_wait "Verdict: "
    step=0
    for keys in h h l 0 ')' '>' '<' j 9 j j 1 + - k 5; do
        step=$((step + 1))
        press "$keys"
        same_after_redraw "$size: step $step ($keys) leaves the screen a full repaint draws"
    done
    tm_quit >/dev/null
done

# weights_descending: the list's weights, read off the screen, heaviest first.
weights_descending() {
    py_run '
import re, sys
w = [int(m.group(1)) for m in (re.search("[\u2588\u2591]{5,} +([0-9]+) ", l) for l in sys.argv[1].split("\n")) if m]
sys.exit(0 if len(w) > 1 and w == sorted(w, reverse=True) else 1)' "$(tm_screen)"
}

# Sorted by weight, then by contribution: a step moves rows, all of them.
start 120 40 --offline --reset
check "dashboard starts (sorted)" tm_wait "Verdict: "
for sort in weight contribution; do
    tm_keys F6 # data -> weight; weight -> gap
    [ "$sort" = contribution ] && tm_keys F6 # gap -> contribution
    check "sorted by $sort" tm_wait "sorted by $sort"
    for keys in h 0 j 9 l; do
        press "$keys"
        same_after_redraw "sorted by $sort: step ($keys) leaves the screen a full repaint draws"
        [ "$sort" = weight ] && check "sorted by weight: after $keys the rows are heaviest first" \
            weights_descending
    done
done
tm_quit >/dev/null
t_done
