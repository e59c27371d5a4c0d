#!/usr/bin/env bash
# ui_keys.sh: the keys of the help overlay do what it says — help itself,
# reset with its question, filter, details, focus, steps of 5, refresh when
# offline, redraw — and SIGINT/SIGHUP leave cleanly with the state saved.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

state="$XDG_CONFIG_HOME/versus/state.yaml"
tm_start 100 50 --offline
check "dashboard starts" tm_wait "Verdict: "

tm_keys '?'
check "? opens the help" tm_wait "versus help"
for k in "F1  ?" "PgDn  Ctrl-F" "Shift-Right  >" "0 .. 9  )" "F2  P" "Ctrl-L" "F10  q" "Esc"; do
    check "help lists $k" tm_wait "$k"
done
tm_keys G
check "the help scrolls to its end" tm_wait "State is saved on quit to"
tm_keys q
check "q closes the help (and does not quit)" tm_wait_gone "versus help"
check "still running" tm_wait "Verdict: "

# Steps of 5 and the clamp at 0..10.
first_default=$(py_run 'import json,sys; print(json.loads(sys.argv[1])["criteria"][0]["weight"])' \
    "$("$VERSUS_BIN" --offline --export - --format json)")
tm_keys '>'
up=$(( first_default + 5 > 10 ? 10 : first_default + 5 ))
check "> raises by 5 (at most 10)" tm_wait "weight $up "
tm_keys '<' '<' '<'
check "< lowers by 5 down to 0" tm_wait "weight 0 "
tm_keys S-Right
check "Shift-Right raises by 5" tm_wait "weight 5 "
tm_keys -
check "- lowers by 1" tm_wait "weight 4 "
tm_keys +
check "+ raises by 1" tm_wait "weight 5 "

# r asks first when the weights are custom.
tm_keys r
check "r asks before dropping custom weights" tm_wait "Reset the custom weights"
tm_keys n
check "n keeps them" tm_wait "reset cancelled"
check "still custom" tm_wait "custom"
tm_keys r
check "asks again" tm_wait "Reset the custom weights"
tm_keys y
check "y resets" tm_wait "weights reset to the data's defaults"
expect_eq "reset totals are the defaults" "$(engine_totals)" "$(tm_totals)"

# Filter: typing narrows the list, Enter keeps it, Esc clears it.
tm_keys F4
check "F4 opens the filter" tm_wait "Filter: "
tm_keys -l "zzzz"
check "a filter matching nothing says so" tm_wait "no criterion matches"
tm_keys BSpace BSpace BSpace BSpace
tm_keys -l "cpu"
check "the filter narrows the list" tm_wait "\\cpu: 1 of"
tm_keys Enter
check "Enter keeps the filter" tm_wait "criteria match; Esc clears the filter"
tm_keys Escape
check "Esc clears it" tm_wait "filter cleared"
check "all criteria are back" tm_wait "Criteria ("
# The filter reads questions and rationales too, and marks what matched.
want=$(py_run '
import json, sys
print(sum(1 for c in json.loads(sys.argv[1])["criteria"]))' "$("$VERSUS_BIN" --offline --export - --format json)")
tm_keys '\'
check "\\ opens the filter" tm_wait "Filter: "
tm_keys -l "uvicorn"   # only in a rationale
check "a word from a rationale finds its criterion" tm_wait "\\uvicorn: 1 of $want"
check "the one criterion left, its details take the rows the others had" tm_wait "─ I/O-bound concurrency"
one_row() { tm_screen | sed -n 4p | grep -q '^──'; }
check "a one-row list above them" one_row
check "the match is shown in the details" tm_wait "asyncio with uvicorn"
marked() {
    py_run '
import re, sys
sys.exit(0 if re.search(r"with (\x1b\[[0-9;]*m)+uvicorn", sys.argv[1]) else 1)' "$(tm capture-pane -p -e -t 0)"
}
check "the match is marked (drawn in its own colour)" marked
tagged() { tm_screen | grep -qE "^▸Real-time and I/O +in rationale ██"; }
check "the list says where the row matched" tagged
tag_marked() {
    py_run '
import re, sys
sys.exit(0 if re.search(r"I/O(\x1b\[[0-9;]*m| )+(\x1b\[[0-9;]*m)+in rationale", sys.argv[1]) else 1)' \
        "$(tm capture-pane -p -e -t 0 | sed -n 3p)"
}
check "in the match's colour" tag_marked
tm_keys Enter Escape
check "Esc clears the filter again" tm_wait "filter cleared"

# Search (F3, /): the first match is selected as it is typed, n and N go
# on and back, Esc returns to where it started.
tm_keys Home
tm_keys /
check "/ opens the search" tm_wait "Search: "
tm_keys -l "front end"
check "typing selects the first match" tm_wait "▸One language end to end"
check "and says how many there are" tm_wait "1 of 1"
tm_keys Escape
check "Esc goes back to where the search started" tm_wait "▸Real-time and I/O"
tm_keys F3
tm_keys -l "python"
tm_keys Enter
check "Enter stays on the match and says n goes on" tm_wait "n next, N previous"
first=$(tm_screen | grep -a '^▸')
first=${first#▸}
first=${first:0:15}
tm_keys n
check "n selects the next match" tm_wait_gone "▸$first"
tm_keys N
check "N goes back" tm_wait "▸$first"
tm_keys Escape
check "Esc clears the search marks" tm_wait "search marks cleared"

# Sort (F6): by weight, by gap, by contribution, and back to data order.
heaviest=$(py_run '
import json, sys
cs = json.loads(sys.argv[1])["criteria"]
best = max(cs, key=lambda c: c["weight"])
print(best["id"])' "$("$VERSUS_BIN" --offline --export - --format json)")
tm_keys F6
check "F6 sorts by weight" tm_wait "criteria sorted by weight"
check "the list head says so" tm_wait "by weight"
weights=$(tm_screen | sed -n '3,12p' | grep -oE '[░█] +[0-9]+ ' | grep -oE '[0-9]+')
expect_eq "heaviest first" "$(sort -rn <<<"$weights")" "$weights"
tm_keys F6
check "then by the gap between the stacks" tm_wait "criteria sorted by gap between the stacks"
gaps=$(py_run '
import io, re, sys
for line in io.StringIO(sys.argv[1]):
    n = re.findall(r"(\d+\.\d) ", line + " ")
    if len(n) >= 2: print("%.1f" % abs(float(n[0]) - float(n[1])))' "$(tm_screen | sed -n '3,12p')"$'\n')
expect_eq "widest gap first" "$(sort -rn <<<"$gaps")" "$gaps"
tm_keys F6
check "then by contribution" tm_wait "criteria sorted by contribution"
tm_keys o
check "o too, back to the data's order" tm_wait "criteria sorted by data order"
first_row() { tm_screen | sed -n 3p | grep -q "Real-time and I/O"; }
check "and the list is back in order" first_row

# Details: Enter expands, Tab moves focus there, Tab comes back.
tm_keys Enter
check "Enter expands the details" tm_wait "details expanded"
tm_keys Tab
check "Tab focuses the details" tm_wait "focus: details"
tm_keys Tab
check "Tab returns to the list" tm_wait "focus: criteria list"
tm_keys Enter
check "Enter collapses them" tm_wait "details collapsed"

tm_keys u
check "u when offline says why nothing is fetched" tm_wait "offline (--offline)"
# Ctrl-L: text written to the terminal behind the program's back stays
# until a full redraw repaints every cell.
printf '\e7\e[20;5HSCRIBBLED-OVER\e8' > "$(tm display-message -p -t 0 '#{pane_tty}')"
check "text written behind the program's back shows" tm_wait "SCRIBBLED-OVER"
tm_keys C-l
check "Ctrl-L repaints the whole screen" tm_wait_gone "SCRIBBLED-OVER"
check "Ctrl-L redraws the same screen" tm_wait "Verdict: "
tm_keys x
check "an unbound key points at the help" tm_wait "press ? for the keys"

# SIGINT (Ctrl-C) quits cleanly and saves.
# The first criterion, set to a weight that is not its default.
first=$("$VERSUS_BIN" --list-criteria | sed -n 1p | awk '{print $1}')
pick=$(( first_default == 7 ? 6 : 7 ))
tm_keys g "$pick"
check "weight $pick" tm_wait "weight $pick "
tm_keys C-c
check "Ctrl-C exits with 130" tm_wait "[exit 130]"
check "Ctrl-C saved the state" grep -qxF "  \"$first\": $pick" "$state"

# A list longer than the screen: its title says which ways it goes on.
"$VERSUS_BUILD/tools/gen_data" "$T_TMP/many" 30 2 >/dev/null
tm_start 100 30 --offline --data "$T_TMP/many"
check "a long list starts at the top, more below" tm_wait "Criteria 1/30 ↓ "
tm_keys PgDn
check "mid-list: more above and below" tm_wait "/30 ↑↓ "
tm_keys G
check "at the end: more above only" tm_wait "Criteria 30/30 ↑ "
check "q quits the long list" tm_quit

tm_start 100 50 --offline
check "restarts" tm_wait "Verdict: "
pid=$(pgrep -P "$(tm display-message -p -t 0 '#{pane_pid}')" -f versus | head -1)
kill -HUP "$pid"
check "SIGHUP exits with 129" tm_wait "[exit 129]"

t_done
