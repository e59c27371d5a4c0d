#!/usr/bin/env bash
# ui_redraw.sh: a weight step repaints only what it changes (its row's
# slider and number, the flip points that moved, the totals, the details'
# weight line); the screen it leaves must be exactly the one a full repaint
# (Ctrl-L) draws, characters and colours, after every kind of step.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

# raw: the screen as tmux captures it, escapes and all (into FILE);
# cells FILE: that capture as cells, each character with its attributes
# normalised (tests/tools/screen.py), so only what shows counts. Two equal
# raw captures are the same cells; only captures that differ are normalised
# to compare them, which saves a python start on most comparisons.
raw() { tm capture-pane -p -e -N -t 0 > "$1"; }
cells() { python3 "$VERSUS_ROOT/tests/tools/screen.py" cells "$1"; }
# settled FILE: the screen, raw into FILE, once two captures in a row agree.
settled() {
    local deadline=$((SECONDS + TM_TIMEOUT))
    raw "$1"
    while [ $SECONDS -le $deadline ]; do
        sleep 0.05
        raw "$T_TMP/again"
        cmp -s "$1" "$T_TMP/again" && return 0
        mv "$T_TMP/again" "$1"
    done
}
# written: how many bytes the program has written to its terminal so far
# (the pane's output is piped to a file from the start).
written() { stat -c %s "$T_TMP/pane.out" 2>/dev/null || echo 0; }
# same_after_redraw NAME: Ctrl-L repaints everything; once the program has
# written the repaint, the screen must come back as it was.
same_after_redraw() {
    local before="" after="" n deadline=$((SECONDS + TM_TIMEOUT))
    settled "$T_TMP/before"
    n=$(written)
    tm_keys C-l
    while [ "$(written)" -eq "$n" ] && [ $SECONDS -le $deadline ]; do sleep 0.02; done
    if [ "$(written)" -eq "$n" ]; then
        not_ok "$1"
        echo "#   Ctrl-L wrote nothing to the terminal"
        return
    fi
    while [ $SECONDS -le $deadline ]; do
        raw "$T_TMP/after"
        if cmp -s "$T_TMP/before" "$T_TMP/after"; then ok "$1"; return; fi
        [ -n "$before" ] || before=$(cells "$T_TMP/before")
        after=$(cells "$T_TMP/after")
        if [ "$after" == "$before" ]; then ok "$1"; return; fi
        sleep 0.05
    done
    not_ok "$1"
    before=$(cells "$T_TMP/before") after=$(cells "$T_TMP/after")
    diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") | sed 's/^/#   /' | head -n 20
}
# start ARGS...: tm_start with the pane's output piped to a file.
start() {
    tm_start "$@" || return 1
    : > "$T_TMP/pane.out"
    tm pipe-pane -t 0 "cat >> '$T_TMP/pane.out'"
}

for size in "120 40" "100 50" "80 24"; do
    # shellcheck disable=SC2086
    start $size --offline --reset
    check "dashboard starts ($size)" tm_wait "Verdict: "
    step=0
    for keys in h h l 0 ')' '>' '<' j 9 j j 1 + - k 5; do
        step=$((step + 1))
        tm_keys "$keys"
        same_after_redraw "$size: step $step ($keys) leaves the screen a full repaint draws"
    done
    tm_quit >/dev/null
done

# weights_descending: the list's weights, read off the screen, heaviest first.
weights_descending() {
    tm_screen | python3 -c '
import re, sys
w = [int(m.group(1)) for m in (re.search("[\u2588\u2591]{5,} +([0-9]+) ", l) for l in sys.stdin) if m]
sys.exit(0 if len(w) > 1 and w == sorted(w, reverse=True) else 1)'
}

# Sorted by weight, then by contribution: a step moves rows, all of them.
start 120 40 --offline --reset
check "dashboard starts (sorted)" tm_wait "Verdict: "
for sort in weight contribution; do
    tm_keys F6 # data -> weight; weight -> gap
    [ "$sort" = contribution ] && tm_keys F6 # gap -> contribution
    check "sorted by $sort" tm_wait "sorted by $sort"
    for keys in h 0 j 9 l; do
        tm_keys "$keys"
        same_after_redraw "sorted by $sort: step ($keys) leaves the screen a full repaint draws"
        [ "$sort" = weight ] && check "sorted by weight: after $keys the rows are heaviest first" \
            weights_descending
    done
done
tm_quit >/dev/null
t_done
