#!/usr/bin/env bash
# ui_mouse.sh: clicks select criteria and set weights, a drag moves a slider,
# the wheel scrolls, key-bar entries press their key; --no-mouse turns it off.
# Mouse reports are typed into the pane as the terminal would send them.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

# mouse BUTTON X Y: one xterm mouse report (0 press, 3 release, 32 drag,
# 64/65 wheel up/down), 0-based cell coordinates.
mouse() {
    tm_keys -l "$(py_run 'import sys; b,x,y=map(int,sys.argv[1:]); sys.stdout.write("\x1b[M"+chr(32+b)+chr(33+x)+chr(33+y))' "$@")"
}
# column TEXT ROW: where TEXT starts on screen row ROW (0-based), in cells.
column() {
    py_run 'import sys; print(sys.argv[1].index(sys.argv[2]))' "$(tm_screen | sed -n "$(($2 + 1))p")" "$1"
}

tm_start 120 40 --offline
check "dashboard starts" tm_wait "Verdict: "
expect_eq "the dashboard asks for button and drag reports" "1" \
    "$(tm display-message -p -t 0 '#{mouse_button_flag}')"
second=$("$VERSUS_BIN" --list-criteria | sed -n 2p | awk '{print $1}')
title2=$(py_run 'import json,sys; print(json.loads(sys.argv[1])["criteria"][1]["title"])' \
    "$("$VERSUS_BIN" --offline --export - --format json)")
slider=$(column "Weight" 1)

mouse 0 5 3            # click the second criterion's title
mouse 3 5 3
check "a click selects the criterion" tm_wait "▸${title2:0:10}"
mouse 0 $((slider + 6)) 3  # press on the 7th slider cell
check "a click on the slider sets the weight" tm_wait "weight 7 "
mouse 32 $((slider + 2)) 3 # drag to the 3rd cell
check "dragging moves the slider" tm_wait "weight 3 "
mouse 3 $((slider + 2)) 3
expect_eq "totals follow the dragged weight" "$(engine_totals --weight "$second=3")" "$(tm_totals)"
w2=$("$VERSUS_BIN" --list-criteria | sed -n 2p | grep -oE 'default weight [0-9]+' | grep -oE '[0-9]+$')
tm_keys z
check "z undoes the press and its drag in one step" tm_wait "undone: defaults "
check "... back to the weight before the press" tm_wait "weight $w2; adds"
expect_eq "... with the totals of before, exactly" "$(engine_totals)" "$(tm_totals_settled "$(engine_totals)")"
tm_keys Z
check "Z redoes the drag" tm_wait "weight 3; adds"
expect_eq "... with its totals" "$(engine_totals --weight "$second=3")" "$(tm_totals_settled "$(engine_totals --weight "$second=3")")"
mouse 0 $((slider - 1)) 3  # just left of the slider: 0
mouse 3 $((slider - 1)) 3
check "left of the slider means 0" tm_wait "weight 0 "
check "a click replaces the last message, which it made untrue" tm_wait_gone "to redo"

mouse 65 5 5   # wheel down moves the selection
# the third criterion's row (screen line 5) has the selection mark
third_selected() { tm_screen | sed -n 5p | grep -q '^▸'; }
wait_third_selected() {
    local deadline=$((SECONDS + TM_TIMEOUT))
    until third_selected; do
        [ $SECONDS -le $deadline ] || { tm_screen | sed 's/^/#   /'; return 1; }
        t_sleep 0.05
    done
}
check "the wheel moves through the list" wait_third_selected

help=$(column "F1/? Help" 39)
mouse 0 $((help + 1)) 39
mouse 3 $((help + 1)) 39
check "clicking F1/? Help in the key bar opens the help" tm_wait "versus help"
tm_keys Escape
check "Esc closes the help" tm_wait_gone "versus help"
check "q quits" tm_quit

tm_start 120 40 --offline --no-mouse
check "--no-mouse starts" tm_wait "Verdict: "
expect_eq "--no-mouse asks for no mouse reports" "0 0 0" \
    "$(tm display-message -p -t 0 '#{mouse_standard_flag} #{mouse_button_flag} #{mouse_all_flag}')"
check "q quits" tm_quit

# SGR (1006) reports: clicks past column 223, which the old encoding
# cannot express, still land where they are.
sgr_mouse() { # BUTTON X Y FINAL(M press, m release), 0-based cells
    tm_keys -l "$(printf '\033[<%d;%d;%d%s' "$1" $(($2 + 1)) $(($3 + 1)) "$4")"
}
tm_start 250 40 --offline --reset
check "250 columns: dashboard starts" tm_wait "Verdict: "
expect_eq "the dashboard asks for SGR mouse reports" "1" \
    "$(tm display-message -p -t 0 '#{mouse_sgr_flag}')"
sgr_mouse 0 240 5 M   # on the last pane, the fourth criterion's row
sgr_mouse 0 240 5 m
# wait_row_selected LINE: until screen line LINE has the selection mark
wait_row_selected() {
    local deadline=$((SECONDS + TM_TIMEOUT))
    until tm_screen | sed -n "${1}p" | grep -q '^▸'; do
        [ $SECONDS -le $deadline ] || { tm_screen | sed 's/^/#   /'; return 1; }
        t_sleep 0.05
    done
}
check "a click at column 241 selects that row" wait_row_selected 6
sgr_mouse 65 240 5 M  # wheel down
check "the SGR wheel moves the selection" wait_row_selected 7
check "q quits" tm_quit

t_done
