#!/usr/bin/env bash
# ui_export.sh: the export dialog writes the snapshot the screen shows,
# asks before overwriting, and reports a failure without leaving.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

out="$T_TMP/snap.json"
tm_start 120 40 --offline
check "dashboard starts" tm_wait "Verdict: "
tm_keys Down Right Right   # make the screen differ from the defaults
check "weight changed" tm_wait "custom"
screen_totals=$(tm_totals)

tm_keys e
check "e opens the export dialog" tm_wait "Export a snapshot"
check "the default path is versus-YYYYMMDD-HHMMSS.md" tm_wait "versus-$(date +%Y%m%d)-"
tm_keys Down
check "Down picks JSON and the extension follows" tm_wait ".json"
tm_keys C-u
tm_keys -l "$out"
tm_keys Enter
check "success is reported in the status line" tm_wait "exported JSON to $out"
check "the dialog closed" tm_wait_gone "Export a snapshot"
check "the file exists" test -s "$out"
# file_totals FILE: the "NAME=TOTAL" lines of an exported JSON file.
file_totals() {
    py_run '
import json, sys
d = json.load(open(sys.argv[1]))
wsum = sum(c["weight"] for c in d["criteria"])
for s in d["stacks"]:
    tenths = sum(c["weight"] * round(c["scores"][s["id"]] * 10) for c in d["criteria"])
    print("%s=%.1f" % (s["name"], tenths / wsum))
' "$1"
}
file_totals=$(file_totals "$out")
expect_eq "the exported totals are the screen's" "$screen_totals" "$file_totals"
expect_eq "the exported verdict is the screen's" "$(tm_verdict)" \
    "$(py_run 'import json,sys; print(json.load(open(sys.argv[1]))["verdict"]["summary"])' "$out")"

# Same path again, with other weights: asks first; n keeps the old file,
# y replaces it with the screen as it is now.
before=$(cat "$out")
first_default=$(py_run 'import json,sys; print(json.loads(sys.argv[1])["criteria"][0]["weight"])' \
    "$("$VERSUS_BIN" --offline --export - --format json)")
tm_keys Up Left Left Left
check "weights changed again" tm_wait "weight $((first_default - 3)) "
new_totals=$(tm_totals)
check "and so did the totals" test "$new_totals" != "$screen_totals"
tm_keys e
check "e opens the dialog again" tm_wait "Export a snapshot"
tm_keys Down Down Down Down Down   # back round to JSON, past CSV, ADR and HTML
tm_keys C-u
tm_keys -l "$out"
tm_keys Enter
check "overwriting asks first" tm_wait "exists: overwrite it? (y/n)"
tm_keys n
check "n leaves it alone" tm_wait "not overwritten"
expect_eq "the old file is untouched" "$before" "$(cat "$out")"
tm_keys Enter
check "asks again" tm_wait "overwrite it? (y/n)"
tm_keys y
check "y overwrites" tm_wait "exported JSON to $out"
expect_eq "the file now holds the new totals" "$new_totals" "$(file_totals "$out")"
check "and differs from the old file" test "$before" != "$(cat "$out")"

# An unwritable place: the exact error, and the dashboard carries on.
tm_keys e
check "dialog opens" tm_wait "Export a snapshot"
tm_keys C-u
tm_keys -l "/nonexistent-dir/x.md"
tm_keys Enter
check "the error names the path" tm_wait "export failed: /nonexistent-dir/x.md"
tm_keys Escape
check "Esc cancels the dialog" tm_wait_gone "Export a snapshot"
check "still running after a failed export" tm_wait "Verdict: "

# The path is edited anywhere in it, as in a shell; ~ is the home folder.
tm_keys e
check "the dialog opens to edit" tm_wait "Export a snapshot"
tm_keys C-u
tm_keys -l "ab.md"
tm_keys Home
tm_keys -l "~/"
tm_keys End Left Left Left   # before ".md"
tm_keys -l "c"
check "typing lands at the cursor" tm_wait "~/abc.md"
tm_keys BSpace
tm_keys -l "x"
check "Backspace deletes before the cursor" tm_wait "~/abx.md"
tm_keys Home Right DC   # the "/" after "~"
check "Delete removes the character under the cursor" tm_wait "~abx.md"
tm_keys -l "/"
check "and the cursor stays where it was" tm_wait "~/abx.md"
check "the dialog shows where ~ leads" tm_wait "$HOME/abx.md"
tm_keys Enter
check "~/ writes into the home folder" tm_wait "to $HOME/abx.md"
check "the file is there" test -s "$HOME/abx.md"

# Ctrl-W cuts a folder name, Ctrl-U what is before the cursor, Tab completes.
mkdir -p "$T_TMP/reports-2026" "$T_TMP/other"
tm_keys e
check "the dialog opens for completion" tm_wait "Export a snapshot"
tm_keys C-u
tm_keys -l "$T_TMP/other/x"
tm_keys C-w
check "Ctrl-W cuts the word before the cursor" tm_wait "$T_TMP/other/ "
tm_keys C-w
tm_keys -l "rep"
tm_keys Tab
check "Tab completes a folder name, with its /" tm_wait "$T_TMP/reports-2026/ "
tm_keys -l "q.md"
tm_keys Enter
check "the completed path is written" tm_wait "to $T_TMP/reports-2026/q.md"
check "the completed file exists" test -s "$T_TMP/reports-2026/q.md"
# Several matches: the first Tab lists them, each further Tab puts the next
# in, round and round, as a shell's menu completion.
: >"$T_TMP/reports-2026/q1.md"
: >"$T_TMP/reports-2026/q2.md"
tm_keys e
check "the dialog opens for cycling" tm_wait "Export a snapshot"
tm_keys C-u
tm_keys -l "$T_TMP/reports-2026/q"
tm_keys Tab
check "the first Tab lists the matches" tm_wait "3 matches (Tab again puts each in): q.md q1.md q2.md"
tm_keys Tab
check "Tab again puts the first match in" tm_wait "$T_TMP/reports-2026/q.md "
check "and says which it is" tm_wait "match 1 of 3: q.md"
tm_keys Tab
check "Tab again: the second" tm_wait "$T_TMP/reports-2026/q1.md "
tm_keys Tab Tab
check "after the last, the first again" tm_wait "$T_TMP/reports-2026/q.md "
tm_keys BSpace BSpace BSpace Tab
check "an edit ends the cycle: Tab completes afresh" tm_wait "3 matches (Tab again"
tm_keys -l ".md"
tm_keys Escape
tm_keys e
check "the dialog opens for Ctrl-U" tm_wait "Export a snapshot"
tm_keys Left Left Left Left C-u   # keeps "q.md" after the cursor
check "Ctrl-U cuts only what is before the cursor" tm_wait "Path:    q.md "
tm_keys Escape
check "q quits" tm_quit

t_done
