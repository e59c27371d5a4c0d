#!/usr/bin/env bash
# ui_flip.sh: the flip column shows every flip weight in full, 10 included
# (a one-digit column once showed 10 as "1"), and where the list has room it
# names the stack that would lead there. Each row's flip is checked against
# the engine's (the JSON export) at 80x24 ("at 10"), 120x40 ("flips at 10")
# and 160x40 ("at 10 → Node.js").
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

# flips ARGS...: "WEIGHT FLIP_WEIGHT FLIP_LEADER_NAME" per criterion, in data
# order, from the JSON export ("-" where no weight flips the leader).
flips() {
    py_run '
import json, sys
d = json.loads(sys.argv[1])
names = {s["id"]: s["name"] for s in d["stacks"]}
for c in d["criteria"]:
    f = c["flip_weight"]
    print(c["weight"], "-" if f is None else f, names.get(c["flip_leader"], "-"))' \
        "$("$VERSUS_BIN" --offline "$@" --export - --format json)"
}

# A preset with a criterion that flips at 10; else one weight moved from
# the defaults until one does.
args=()
for p in $("$VERSUS_BIN" --list-presets | awk '{print $1}'); do
    if awk '$2 == 10 { found = 1 } END { exit !found }' <<<"$(flips --preset "$p")"; then
        args=(--preset "$p"); break
    fi
done
if [ ${#args[@]} -eq 0 ]; then
    for id in $("$VERSUS_BIN" --list-criteria | awk '{print $1}'); do
        for w in 0 1 2 3 4 5 6 7 8 9 10; do
            if awk '$2 == 10 { found = 1 } END { exit !found }' <<<"$(flips --weight "$id=$w")"; then
                args=(--weight "$id=$w"); break 2
            fi
        done
    done
fi
check "the data has a criterion that flips at 10" test ${#args[@]} -gt 0
echo "# with ${args[*]}"
want_flips=$(flips "${args[@]}")

# screen_flips: "WEIGHT FLIP" per criterion row on screen, FLIP as shown
# ("-" for an empty column).
screen_flips() {
    py_run '
import re, sys
for line in sys.argv[1].splitlines()[2:]:
    m = re.match(r"^.(.*?) [\u2588\u2591]{10} +(\d+) (.*?)\s*\u2502", line)
    if m:
        print(m.group(2), m.group(3).strip() or "-")' "$(tm_screen)"
}

# expected FORM: the flips the screen should show in FORM (short or named).
expected() {
    py_run '
import sys
form = sys.argv[2]
for line in sys.argv[1].split("\n"):
    w, f, name = line.rstrip("\n").split(" ", 2)
    if f == "-":
        print(w, "-")
    elif form == "short":
        print(w, "at " + f)
    elif form == "long":
        print(w, "flips at " + f)
    else:
        print(w, "at %s \u2192 %s" % (f, name))' "$want_flips" "$1"
}

tm_start 80 24 --offline --reset "${args[@]}"
check "80x24: the dashboard starts" tm_wait "Verdict: "
check "80x24: a flip weight of 10 reads 10" tm_wait " at 10 "
expect_eq "80x24: every row's flip is the engine's, in full" "$(expected short)" "$(screen_flips)"
tm_quit >/dev/null

tm_start 120 40 --offline --reset "${args[@]}"
check "120x40: the dashboard starts" tm_wait "Verdict: "
check "120x40: the flip at 10 is spelt out" tm_wait " flips at 10 "
expect_eq "120x40: every row's flip is the engine's, in full" "$(expected long)" "$(screen_flips)"
tm_quit >/dev/null

tm_start 160 40 --offline --reset "${args[@]}"
check "160x40: the dashboard starts" tm_wait "Verdict: "
name10=$(printf '%s\n' "$want_flips" | awk '$2 == 10 { $1 = $2 = ""; sub(/^  /, ""); print; exit }')
check "160x40: the flip at 10 names who would lead" tm_wait "at 10 → $name10"
expect_eq "160x40: every row's flip and its stack are the engine's" "$(expected named)" "$(screen_flips)"

# A weight step that moves a flip repaints it: the flip at 10 goes once its
# own weight reaches 10 (then no weight of it alone changes the leader, or
# another does).
row=$(printf '%s\n' "$want_flips" | awk '$2 == 10 { print NR; exit }')
tm_keys Home
for ((i = 1; i < row; i++)); do tm_keys Down; done
tm_keys ')'
check "the ) key sets that criterion to 10" tm_wait "weight 10 "
after=$(flips "${args[@]}" --weight "$("$VERSUS_BIN" --list-criteria | sed -n "${row}p" | awk '{print $1}')=10")
want_flips=$after
expect_eq "after the change every row's flip is the engine's" "$(expected named)" "$(screen_flips)"
tm_quit >/dev/null
t_done
