#!/usr/bin/env bash
# ui_state.sh: weights, theme and stacks survive a restart; --reset and
# command-line weights win; a corrupt state file is reported and set aside;
# SIGTERM still restores the terminal and saves.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

state="$XDG_CONFIG_HOME/versus/state.yaml"
third=$("$VERSUS_BIN" --list-criteria | sed -n 3p | awk '{print $1}')
default3=$(py_run 'import json,sys; print(json.loads(sys.argv[1])["criteria"][2]["weight"])' \
    "$("$VERSUS_BIN" --offline --export - --format json)")
pick=$(( default3 == 9 ? 8 : 9 ))

tm_start 120 40 --offline
check "dashboard starts" tm_wait "Verdict: "
tm_keys Down Down "$pick"
check "third weight set" tm_wait "weight $pick "
tm_keys t
check "t switches theme" tm_wait "theme "
theme=$(tm_screen | sed -n 's/^ theme \([^:]*\):.*/\1/p' | head -1)
check "the theme has a name" test -n "$theme"
expected_totals=$(tm_totals)
check "q quits" tm_quit
check "state file written" test -f "$state"
expect_eq "state file is private" "600" "$(stat -c %a "$state")"
expect_eq "state directory is private" "700" "$(stat -c %a "$(dirname "$state")")"
expect_contains "state holds the weight" "$(cat "$state")" "\"$third\": $pick"
expect_contains "state holds the theme" "$(cat "$state")" "theme: \"$theme\""

tm_start 120 40 --offline
check "restarts" tm_wait "Verdict: "
check "restored weights are custom" tm_wait "custom"
expect_eq "restored totals are the ones saved" "$expected_totals" "$(tm_totals)"
tm_keys Down Down
check "restored weight on the third criterion" tm_wait "weight $pick "
check "q quits" tm_quit

tm_start 120 40 --offline --reset
check "--reset starts" tm_wait "Verdict: "
expect_eq "--reset shows the engine's default totals" "$(engine_totals)" "$(tm_totals)"
check "q quits" tm_quit
expect_contains "quitting after --reset saves the defaults" "$(cat "$state")" "\"$third\": $default3"

# Put the custom weight back, then let the command line win.
tm_start 120 40 --offline
check "starts" tm_wait "Verdict: "
tm_keys Down Down "$pick"
check "weight set again" tm_wait "weight $pick "
check "q quits" tm_quit
first=$("$VERSUS_BIN" --list-criteria | sed -n 1p | awk '{print $1}')
tm_start 120 40 --offline --weight "$first=2"
check "starts with --weight" tm_wait "Verdict: "
expect_eq "--weight wins over the saved weights" "$(engine_totals --weight "$first=2")" "$(tm_totals)"
check "q quits" tm_quit

# A corrupt file: one-line warning, defaults, kept aside, never lost.
printf 'version: 1\nweights: {%s: 99}\n' "$third" > "$state"
corrupt=$(cat "$state")
tm_start 120 40 --offline
check "starts despite a corrupt state" tm_wait "Verdict: "
check "warns about the state file" tm_wait "saved state ignored"
check "names the position" tm_wait "state.yaml:2:"
expect_eq "defaults are used" "$(engine_totals)" "$(tm_totals)"
expect_eq "the corrupt file is kept as state.yaml.bad" "$corrupt" "$(cat "$state.bad" 2>/dev/null)"
check "q quits" tm_quit
check "a fresh state replaces it" grep -q "^version: 1" "$state"

# SIGTERM mid-session: saved, terminal given back, 128+15.
tm_start 120 40 --offline
check "starts" tm_wait "Verdict: "
tm_keys Down Down "$pick"
check "weight set" tm_wait "weight $pick "
pid=$(pgrep -P "$(tm display-message -p -t 0 '#{pane_pid}')" -f versus | head -1)
check "found the process" test -n "$pid"
kill -TERM "$pid"
check "SIGTERM exits with 143" tm_wait "[exit 143]"
expect_contains "SIGTERM saved the state" "$(cat "$state")" "\"$third\": $pick"
check "the alternate screen was left" tm_wait_gone "Verdict: "

t_done
