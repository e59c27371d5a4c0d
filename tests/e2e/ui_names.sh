#!/usr/bin/env bash
# ui_names.sh: names that fit, a steady header, space used by priority.
# Where a criterion's title does not fit its column the short label is
# shown instead, and a name is cut (with an ellipsis) only when neither
# form fits.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

# list_rows: the criteria rows (between the column titles and the details).
list_rows() { tm_screen | sed -n '3,12p'; }

tm_start 80 24 --offline --reset
check "80x24 starts" tm_wait "Verdict: "
rows=$(list_rows)
expect_contains "80x24: a long title gives way to its label" "$rows" "Real-time and I/O"
expect_contains "80x24: a label that fits is not cut" "$rows" "One language end to end"
expect_contains "80x24: a title that fits is kept" "$rows" "CPU-bound work"
expect_eq "80x24: no title is cut where its label fits" "" \
    "$(printf '%s\n' "$rows" | grep -E 'I/O-bound|One language acr|AI, machine')"
expect_eq "80x24: the one cut name ends in an ellipsis" "1" \
    "$(printf '%s\n' "$rows" | grep -c 'Readability and speed t…')"
check "q quits" tm_quit

tm_start 120 40 --offline --reset
check "120x40 starts" tm_wait "Verdict: "
rows=$(list_rows)
expect_contains "120x40: a title that fits is shown whole" "$rows" "Registry size and library breadth"
expect_contains "120x40: a long title gives way to its label" "$rows" "Built-in frameworks"
expect_eq "120x40: no name is cut" "0" "$(printf '%s\n' "$rows" | grep -c '…')"
check "q quits" tm_quit

# The header keeps its fields in one order whatever the preset's name, and
# says which figures show when offline.
header_shape() { tm_screen | head -n 1 | sed -E 's/│ [^│]*(defaults|custom|fintech-analytics|balanced)[^│]*│/│ W │/; s/ +/ /g'; }
tm_start 80 24 --offline --reset
check "80x24 starts again" tm_wait "Verdict: "
shape_default=$(header_shape)
expect_contains "80x24: the header names the data's date" "$shape_default" "2026-"
expect_contains "80x24: offline says which figures show" "$shape_default" "bundled, offline"
tm_keys P
check "the preset picker opens" tm_wait "Presets"
tm_keys Down Down Down Down Enter
check "a long preset name is applied" tm_wait "preset fintech-analytics:"
expect_eq "80x24: a long preset name moves no other field" "$shape_default" "$(header_shape)"
check "q quits" tm_quit

# Space by priority: at 120x40 all criteria and, with the details focused,
# every line of them, download bars included; at 80x24 more than one line
# of each rationale beside all ten criteria.
tm_start 120 40 --offline --reset
check "120x40 starts again" tm_wait "Verdict: "
expect_eq "120x40: all ten criteria show" "10" "$(tm_screen | sed -n '3,12p' | grep -cE ' [0-9]{1,2} ')"
tm_keys Tab
check "120x40: focused details show the download bars" tm_wait "all criteria, each package once"
check "120x40: down to the note under them" tm_wait "Not like for like"
check "120x40: the selected criterion's row stays" tm_wait "▸Real-time and I/O"
tm_keys Tab
check "120x40: Tab gives the list its rows back" tm_wait " Hiring and talent pool"
check "q quits" tm_quit

tm_start 80 24 --offline --reset
check "80x24 starts for the rationale" tm_wait "Verdict: "
expect_eq "80x24: three lines of each rationale" "1" \
    "$(tm_screen | grep -c 'cooperates with the event loop: one')"
check "q quits" tm_quit

# Compact (60x20): cut text ends in an ellipsis or at a whole hint.
tm_start 60 20 --offline --reset
check "60x20 starts" tm_wait "Verdict: "
check "60x20: the question cut at the details' end says it goes on" tm_wait "in flight on modest…"
expect_eq "60x20: the status line's hints are whole" " Node.js 9.0 vs Python 7.0 · weight 8 · ←→ 0-9 weigh" \
    "$(tm_screen | tail -n 2 | head -n 1 | sed 's/ *$//')"
# The key bar shortens its entries (last key, short label) and drops the
# least important (filter, sort) so that help, export and trends fit.
expect_eq "60x20: the key bar keeps the most important keys, shortened" \
    "? Help P Preset / Find u Refresh e Export q Quit T Trends" "$(tm_screen | tail -n 1 | sed 's/ *$//')"
check "q quits" tm_quit

# Narrower still, help is always in the key bar, first.
tm_start 40 10 --offline --reset
check "40x10 starts" tm_wait "Criteria"
bar=$(tm_screen | tail -n 1)
expect_eq "40x10: the key bar starts with help" "? Help" "${bar:0:6}"
check "q quits" tm_quit

# 200x60: the rows the details do not need say under each total where its
# points come from, biggest first.
top=$(py_run '
import json, sys
d = json.loads(sys.argv[1])
c = max(d["criteria"], key=lambda c: c["contribution"]["node"])
print("%.1f" % c["contribution"]["node"])' "$("$VERSUS_BIN" --offline --export - --format json)")
tm_start 200 60 --offline --reset
check "200x60 starts" tm_wait "Verdict: "
check "200x60: under each total, where its points come from" tm_wait "most from: "
expect_eq "200x60: the biggest contribution first" "$top" \
    "$(tm_screen | grep -m1 'most from: ' | sed -E 's/.*most from: [^·]* ([0-9]+\.[0-9]) ·.*/\1/')"
# Rows still to spare: where each loses most to its rival, biggest first,
# and each source's note (the figure it gives) under it in the details.
lose=$(py_run '
import json, sys
d = json.loads(sys.argv[1])
print("%.1f" % max(c["contribution"]["python"] - c["contribution"]["node"] for c in d["criteria"]))' \
    "$("$VERSUS_BIN" --offline --export - --format json)")
check "200x60: and where each loses most to the other" tm_wait "loses to Python on: "
expect_eq "200x60: the biggest loss first" "$lose" \
    "$(tm_screen | grep -m1 'loses to Python on: ' | sed -E 's/.*loses to Python on: [^·]* ([0-9]+\.[0-9]) ·.*/\1/')"
check "200x60: each source's figure under it" tm_wait "figure used: "
# The explanation of the totals outranks the notes: the area keeps the
# size the tallest details need without them, so moving through the list
# never moves the totals, each criterion shows its notes only where they
# fit, and the tallest (the serverless one, three sources on a side) shows
# its sources whole without them.
totals_row() { tm_screen | grep -n -m1 '── Totals' | cut -d: -f1; }
row0=$(totals_row)
moved=0 nobreak=0 notes=0
for i in 1 2 3 4 5 6 7 8 9 10; do
    screen=$(tm_screen)
    [ "$(totals_row)" = "$row0" ] || moved=$((moved + 1))
    grep -q 'most from: ' <<<"$screen" || nobreak=$((nobreak + 1))
    grep -q 'figure used: ' <<<"$screen" && notes=$((notes + 1))
    tm_keys Down
    t_sleep 0.2
done
expect_eq "200x60: the totals stay on their row through all ten criteria" "0" "$moved"
expect_eq "200x60: every criterion leaves the totals their breakdown" "0" "$nobreak"
check "200x60: some criteria show their notes" test "$notes" -gt 0
check "200x60: not every criterion's notes fit" test "$notes" -lt 10
tm_keys Home
check "back at the first criterion" tm_wait "▸I/O-bound"
tm_keys Down Down Down
check "200x60: the serverless criterion selected" tm_wait "── Serverless"
check "200x60: its AWS source shows, title and date" tm_wait "Lambda quotas (AWS Lambda Developer Guide), 2026-12-03"
expect_eq "200x60: without its notes, which do not fit" "0" "$(tm_screen | grep -c 'figure used: ')"
check "q quits" tm_quit

t_done
