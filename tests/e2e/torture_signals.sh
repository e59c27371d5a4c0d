#!/usr/bin/env bash
# torture_signals.sh: SIGTERM, SIGINT and SIGHUP in the middle of use give
# the terminal back exactly as it was (stty -a before == after, the alternate
# screen left) and save the state; SIGPIPE is ignored and the session goes on.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

state="$XDG_CONFIG_HOME/versus/state.yaml"
third=$("$VERSUS_BIN" --list-criteria | sed -n 3p | awk '{print $1}')
default3=$(py_run 'import json,sys; print(json.loads(sys.argv[1])["criteria"][2]["weight"])' \
    "$("$VERSUS_BIN" --offline --export - --format json)")

# A wrapper records the terminal settings right before and right after the
# program, inside the same pane, so both are read from the same terminal.
real_bin=$VERSUS_BIN
VERSUS_BIN="$T_TMP/versus-stty"
cat > "$VERSUS_BIN" <<WRAP
#!/bin/sh
stty -a > "$T_TMP/stty.before"
"$real_bin" "\$@"
rc=\$?
stty -a > "$T_TMP/stty.after"
exit \$rc
WRAP
chmod +x "$VERSUS_BIN"

# The wrapper is the pane's child; versus is the wrapper's child.
versus_pid() {
    local wrapper
    wrapper=$(pgrep -P "$(tm display-message -p -t 0 '#{pane_pid}')" -f versus-stty | head -1)
    [ -n "$wrapper" ] && pgrep -P "$wrapper" | head -1
}

n=0
for sig in TERM INT HUP; do
    n=$((n + 1))
    pick=$(( (default3 + n) % 10 ))
    rm -f "$state" "$T_TMP/stty.before" "$T_TMP/stty.after"
    tm_start 100 30 --offline
    check "SIG$sig: starts" tm_wait "Verdict: "
    tm_keys Down Down "$pick"
    check "SIG$sig: weight set" tm_wait "weight $pick "
    expect_eq "SIG$sig: the alternate screen is on during use" 1 "$(tm display-message -p -t 0 '#{alternate_on}')"
    pid=$(versus_pid)
    check "SIG$sig: found the process" test -n "$pid"
    kill -"$sig" "$pid"
    num=$(kill -l "$sig")
    check "SIG$sig: exits with 128+$num" tm_wait "[exit $((128 + num))]"
    expect_eq "SIG$sig: the alternate screen was left" 0 "$(tm display-message -p -t 0 '#{alternate_on}')"
    check "SIG$sig: the dashboard is gone from the screen" tm_wait_gone "Verdict: "
    expect_eq "SIG$sig: stty -a is as it was before" "$(cat "$T_TMP/stty.before")" "$(cat "$T_TMP/stty.after" 2>/dev/null)"
    expect_contains "SIG$sig: the state was saved" "$(cat "$state" 2>/dev/null)" "\"$third\": $pick"
done

# SIGPIPE (a closed pipe somewhere) must not end or disturb the session.
rm -f "$state"
tm_start 100 30 --offline
check "SIGPIPE: starts" tm_wait "Verdict: "
kill -PIPE "$(versus_pid)"
pick=$(( default3 == 4 ? 3 : 4 ))
tm_keys Down Down "$pick"
check "SIGPIPE: still answers keys" tm_wait "weight $pick "
check "SIGPIPE: q quits with status 0" tm_quit
expect_eq "SIGPIPE: stty -a is as it was before" "$(cat "$T_TMP/stty.before")" "$(cat "$T_TMP/stty.after" 2>/dev/null)"
expect_contains "SIGPIPE: the state was saved" "$(cat "$state" 2>/dev/null)" "\"$third\": $pick"

t_done
