#!/usr/bin/env bash
# ui_resize.sh: the layout follows the terminal — compact below 80x24, a
# "too small" message below the minimum, and the full screen back again.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

# pane_title: the stack pane's title (the column titles' row, after the
# list's border), spaces squeezed.
pane_title() { tm_screen | sed -n 2p | sed -E 's/^[^│]*│ //; s/ +$//'; }
# title_is NAME ERE: the pane's title matches ERE (whole line).
title_is() {
    local name=$1 re=$2 t
    t=$(pane_title)
    if [[ "$t" =~ $re ]]; then ok "$name"; else not_ok "$name"; echo "#   title: '$t'"; echo "#   want:  $re"; fi
}

tm_start 120 40 --offline
check "dashboard starts" tm_wait "Verdict: "
full_totals=$(tm_totals)
check "full layout shows both stacks side by side" tm_wait "│ Python"

# 80x24: each pane's title is the stack's name and its runtime line.
tm_resize 80 24
check "80x24 shows both panes" tm_wait "│ Python"
title_is "80x24: the runtime line follows each stack's name, no Tab hint" \
    '^Node\.js [0-9]+( LTS)?[^│]* │ Python 3\.[0-9]+[^│]*$'

tm_resize 60 20
check "60x20 is compact: one stack's bars at a time" tm_wait "│ Node.js "
# The runtime line next to the name, then the Tab hint clear of it, at the
# end of the pane's title, before the other stack's score column.
title_is "60x20: name, runtime line, then Tab apart" \
    '^Node\.js [0-9]+[^ ]*( [^ ]+)*  +Tab Pyth…$'
check "60x20: the other stack's score beside" tm_wait "9.0 ◆  7.0"
check "60x20 still shows the verdict" tm_wait "Verdict: "
expect_eq "60x20 totals unchanged" "$full_totals" "$(tm_totals_settled "$full_totals")"
tm_keys Tab
check "Tab shows the other stack" tm_wait "│ Python "
title_is "60x20: Python's runtime line next to its name, Tab apart" \
    '^Python 3\.[0-9]+( [^ ]+)*  +Tab Node…$'
check "with the first one's score beside" tm_wait "7.0    9.0◆"
tm_keys s
check "s swaps back" tm_wait "│ Node.js "
tm_keys Right
check "keys still work in compact mode" tm_wait "custom"
tm_keys Left

tm_resize 20 6
check "20x6 says the terminal is too small" tm_wait "terminal too small:"
check "and what it needs" tm_wait "40x10"
tm_keys j k Right   # keys on a tiny screen must not crash or change anything
tm_resize 1 1
tm_resize 3 2
tm_resize 120 40
check "back at 120x40 the full layout returns" tm_wait "│ Python"
check "the verdict is back" tm_wait "Verdict: "
expect_eq "totals survived the resizes" "$full_totals" "$(tm_totals_settled "$full_totals")"
check "no leftover of the small screens" tm_wait_gone "too small"

# Rapid resizes while keys arrive.
for size in "81 25" "79 23" "200 60" "40 10" "39 9" "100 30" "120 40"; do
    tm_resize ${size% *} ${size#* }
    tm_keys j
done
tm_keys g
check "alive and drawing after rapid resizes" tm_wait "Verdict: "
expect_eq "totals unchanged after rapid resizes" "$full_totals" "$(tm_totals_settled "$full_totals")"
check "q quits" tm_quit
check "exit status 0" tm_wait "[exit 0]"

t_done
