#!/usr/bin/env bash
# ui_redraw.sh: a weight step repaints only what it changes (its row's
# slider and number, the flip points that moved, the totals, the details'
# weight line); the screen it leaves must be exactly the one a full repaint
# (Ctrl-L) draws, characters and colours, after every kind of step.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

# cap: the screen as cells, each character with its attributes normalised
# (tests/tools/screen.py), so only what shows counts.
cap() {
    tm capture-pane -p -e -N -t 0 > "$T_TMP/cap"
    python3 "$VERSUS_ROOT/tests/tools/screen.py" cells "$T_TMP/cap"
}
# settled: the screen once two captures in a row agree.
settled() {
    local a b deadline=$((SECONDS + TM_TIMEOUT))
    a=$(cap)
    while [ $SECONDS -le $deadline ]; do
        sleep 0.05
        b=$(cap)
        [ "$a" == "$b" ] && { printf '%s' "$b"; return 0; }
        a=$b
    done
    printf '%s' "$b"
}
# same_after_redraw NAME: Ctrl-L repaints everything; the screen must come
# back as it was.
same_after_redraw() {
    local before after deadline=$((SECONDS + TM_TIMEOUT))
    before=$(settled)
    tm_keys C-l
    while [ $SECONDS -le $deadline ]; do
        after=$(cap)
        if [ "$after" == "$before" ]; then ok "$1"; return; fi
        sleep 0.05
    done
    not_ok "$1"
    diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") | sed 's/^/#   /' | head -n 20
}

for size in "120 40" "100 50" "80 24"; do
    # shellcheck disable=SC2086
    tm_start $size --offline --reset
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
tm_start 120 40 --offline --reset
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
