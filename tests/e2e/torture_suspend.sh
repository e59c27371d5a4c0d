#!/usr/bin/env bash
# torture_suspend.sh: job control from a real interactive shell. Ctrl-Z
# gives the shell its terminal back exactly as it was (stty -g, normal
# screen, no mouse reports, keypad mode off, cursor shown), the job stops,
# and `fg` brings the dashboard back, redrawn, with its state. Ctrl-\
# (SIGQUIT) ends the session like SIGTERM: terminal restored, state saved,
# exit 131.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

state="$XDG_CONFIG_HOME/versus/state.yaml"
real_bin=$VERSUS_BIN
third=$("$real_bin" --list-criteria | sed -n 3p | awk '{print $1}')
default3=$(py_run 'import json,sys; print(json.loads(sys.argv[1])["criteria"][2]["weight"])' \
    "$("$real_bin" --offline --export - --format json)")

# The pane runs an interactive job-control shell (dash); commands are typed.
VERSUS_BIN=/usr/bin/dash tm_start 100 30 -i
# `echo DO""NE` prints DONE while the typed line itself does not hold it.
n=0
shell() { # shell COMMAND: types COMMAND and waits until the shell is back
    n=$((n + 1))
    tm_keys -l "$1; echo MARK\"\"$n"
    tm_keys Enter
    tm_wait "MARK$n"
}
flags() { tm display-message -p -t 0 '#{alternate_on} #{mouse_any_flag} #{keypad_cursor_flag} #{keypad_flag} #{cursor_flag}'; }
sgr() { tm display-message -p -t 0 '#{mouse_sgr_flag}'; }

check "the shell starts" shell "stty -g > '$T_TMP/stty.before'"
shell_flags=$(flags)
expect_eq "the shell's terminal: normal screen, no mouse, no keypad mode, cursor on" "0 0 0 0 1" "$shell_flags"

tm_keys -l "$(printf '%q ' "$real_bin" --offline)"
tm_keys Enter
check "Ctrl-Z: the dashboard starts" tm_wait "Verdict: "
expect_eq "during use: alternate screen, mouse, keypad mode, hidden cursor" "1 1 1 1 0" "$(flags)"
pick=$(( (default3 + 3) % 10 ))
tm_keys Down Down "$pick"
check "Ctrl-Z: weight set" tm_wait "weight $pick "

tm_keys C-z
check "Ctrl-Z: the job is stopped" tm_wait "Stopped"
check "Ctrl-Z: the dashboard is off the screen" tm_wait_gone "Verdict: "
expect_eq "Ctrl-Z: the terminal is the shell's again" "$shell_flags" "$(flags)"
expect_eq "Ctrl-Z: no SGR mouse reports left on" 0 "$(sgr)"
check "Ctrl-Z: the shell answers" shell "stty -g > '$T_TMP/stty.stopped'"
expect_eq "Ctrl-Z: stty -g is as before the start" "$(cat "$T_TMP/stty.before")" "$(cat "$T_TMP/stty.stopped" 2>/dev/null)"

tm_keys -l "fg"
tm_keys Enter
check "fg: the dashboard is back" tm_wait "Verdict: "
check "fg: redrawn with the weight set before" tm_wait "weight $pick "
expect_eq "fg: alternate screen, mouse, keypad mode and hidden cursor again" "1 1 1 1 0" "$(flags)"
tm_keys Up
check "fg: keys work" tm_wait_gone "weight $pick "
tm_keys Down
check "fg: keys move the selection back" tm_wait "weight $pick "

# Ctrl-\ ends it: like SIGTERM, not like a core dump.
rm -f "$state"
tm_keys 'C-\'
# Type nothing until the dashboard has given the terminal back: keys typed
# before would be read by it, not by the shell.
alt_off() {
    local deadline=$((SECONDS + TM_TIMEOUT))
    until [ "$(tm display-message -p -t 0 '#{alternate_on}')" = 0 ]; do
        [ $SECONDS -le $deadline ] || return 1
        t_sleep 0.05
    done
}
check "Ctrl-\\: the dashboard leaves the alternate screen" alt_off
check "Ctrl-\\: the shell is back" shell "echo \"[exit \$?]\"; stty -g > '$T_TMP/stty.after'"
check "Ctrl-\\: exits with 128+3" tm_wait "[exit 131]"
expect_eq "Ctrl-\\: the terminal is the shell's again" "$shell_flags" "$(flags)"
expect_eq "Ctrl-\\: no SGR mouse reports left on" 0 "$(sgr)"
expect_eq "Ctrl-\\: stty -g is as before the start" "$(cat "$T_TMP/stty.before")" "$(cat "$T_TMP/stty.after" 2>/dev/null)"
check "Ctrl-\\: no core file" test ! -e "$T_TMP/core"
expect_contains "Ctrl-\\: the state was saved" "$(cat "$state" 2>/dev/null)" "\"$third\": $pick"

t_done
