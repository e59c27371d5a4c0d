# tests/e2e/tmux_lib.sh: drive the real dashboard in a private tmux server.
# Source after tests/lib.sh. Each test gets its own server (-L) with no
# config, a fixed size, and the private HOME/XDG dirs lib.sh made; the server
# is killed when the test exits. Waits poll the screen with a timeout.
# The python helpers below (screen parsing, the engine's figures) run in one
# python for the test (tests/lib.sh, py_run).
py_start
TM_SOCK=""
TM_RUNS=0
TM_TIMEOUT=${TM_TIMEOUT:-10}

# tm ARGS...: `tmux ARGS...` on the test's server (its output, errors and
# status). Once tm_start has made a session, the commands go through one
# control-mode client (tmux -C) that stays attached to it, not a tmux
# process each: the tests talk to tmux thousands of times a run. The
# client reads commands from one pipe and answers on another, each command
# between a "%begin" and an "%end" (or "%error") line; a screen capture
# comes back through a file, which the shell reads in blocks (a pipe it
# reads a byte at a time).
tm() {
    if tmc_live; then
        tmc "$@"
    else
        tmux -L "$TM_SOCK" -f /dev/null "$@"
    fi
}

# tmc_live: the session has its control client, and it is running.
tmc_live() { [ -n "${TMC_PID:-}" ] && kill -0 "$TMC_PID" 2>/dev/null; }

# tmc_begin: starts the control client for the session tm_start made.
tmc_begin() {
    local line
    TMC_FILES="$T_TMP/tmc.$TM_RUNS"
    mkfifo "$TMC_FILES.in" "$TMC_FILES.out" || return 1
    tmux -L "$TM_SOCK" -f /dev/null -C attach-session -f no-output -t 0 \
        < "$TMC_FILES.in" > "$TMC_FILES.out" 2>/dev/null &
    TMC_PID=$!
    # held open for reading and writing: neither end waits for the other
    exec {TMC_IN}<> "$TMC_FILES.in" {TMC_OUT}<> "$TMC_FILES.out"
    # the attach's own answer comes first
    while IFS= read -r -t 10 -u "$TMC_OUT" line; do
        case $line in "%end "* | "%error "*) return 0 ;; esac
    done
    tmc_end
    return 1
}

# tmc_end: the control client stopped, its pipes closed (before the
# server it talks to goes).
tmc_end() {
    [ -n "${TMC_PID:-}" ] || return 0
    kill "$TMC_PID" 2>/dev/null
    wait "$TMC_PID" 2>/dev/null
    exec {TMC_IN}>&- {TMC_OUT}<&-
    rm -f "$TMC_FILES.in" "$TMC_FILES.out"
    TMC_PID=""
}

# tmc ARGS...: tm's commands through the control client. Each argument is
# quoted for tmux's parser; a ";" argument separates commands, each of
# which answers in its own block. (TMC_QUIET set: a capture is left in
# $TMC_FILES.screen, not printed.)
tmc() {
    local a line="" n=0 next=1 out="" status=0 got inside="" capture=""
    if [ "$1" = capture-pane ]; then
        # capture-pane -p ...: into a buffer, saved to a file
        for a in "$@"; do [ "$a" = ";" ] && break; [ "$a" = -p ] && capture=1; done
    fi
    for a in "$@"; do
        if [ "$a" = ";" ]; then
            line+=" ;"
            next=1
            continue
        fi
        # a command's first word: one more answer (a ";" at the end, or
        # two in a row, separate no command)
        [ "$next" = 1 ] && n=$((n + 1)) && next=0
        if [ -n "$capture" ] && [ "$a" = -p ]; then
            line+=" -b versus-capture"
        else
            line+=" '${a//\'/\'\\\'\'}'"
        fi
    done
    if [ -n "$capture" ]; then
        line+=" ; save-buffer -b versus-capture '$TMC_FILES.screen'"
        n=$((n + 1))
    fi
    printf '%s\n' "$line" >&"$TMC_IN"
    while [ "$n" -gt 0 ]; do
        if ! IFS= read -r -t 30 -u "$TMC_OUT" got; then
            echo "tm: no answer from tmux's control client to:$line" >&2
            return 1
        fi
        case $got in
            "%begin "*) inside=1 ;;
            "%end "*) inside="" && n=$((n - 1)) ;;
            "%error "*) inside="" && n=$((n - 1)) && status=1 ;;
            *) [ -n "$inside" ] && out+=$got$'\n' ;;
        esac
    done
    if [ "$status" -ne 0 ]; then
        printf '%s' "$out" >&2
        return "$status"
    fi
    printf '%s' "$out"
    if [ -n "$capture" ] && [ -z "${TMC_QUIET:-}" ]; then
        out=""
        IFS= read -r -d '' out < "$TMC_FILES.screen"
        printf '%s' "$out"
    fi
    return 0
}

# tm_start WIDTH HEIGHT ARGS...: starts versus with ARGS in a WIDTHxHEIGHT pane.
# Environment for versus goes in TM_ENV (e.g. TM_ENV="NO_COLOR=1").
tm_start() {
    local w=$1 h=$2; shift 2
    local cmd env_args=""
    cmd=$(printf '%q ' "$VERSUS_BIN" "$@")
    env_args="HOME=$HOME XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_CACHE_HOME=$XDG_CACHE_HOME"
    env_args+=" LANG=${LANG:-C.UTF-8} LC_ALL=${LC_ALL:-C.UTF-8} TZ=UTC TERM=${TM_TERM:-tmux-256color}"
    env_args+=" ASAN_OPTIONS=${ASAN_OPTIONS:-} UBSAN_OPTIONS=${UBSAN_OPTIONS:-}"
    # A new server for every start: reusing a socket races with the old
    # server's shutdown.
    tmc_end
    [ -n "$TM_SOCK" ] && tm kill-server 2>/dev/null
    TM_RUNS=$((TM_RUNS + 1))
    TM_SOCK="versus-$$-$TM_RUNS-$RANDOM"
    T_CLEANUP+=("tmux -L $TM_SOCK kill-server")
    # remain-on-exit keeps the pane so the exit status and last screen can
    # be read (set by the same client, before the pane can have exited)
    tm new-session -d -x "$w" -y "$h" -c "$T_TMP" \
        "env $env_args ${TM_ENV:-} $cmd; echo \"[exit \$?]\"; sleep 30" \; \
        set-option -g remain-on-exit on >/dev/null || return 1
    tmc_begin
}

tm_keys() { tm send-keys -t 0 "$@"; }

# tm_screen: the visible screen as text.
tm_screen() { tm capture-pane -p -t 0; }
# tm_capture VAR [ARGS...]: the same into VAR (with capture-pane's ARGS,
# -e -N say), as $(tm_screen) gives it, without the subshell.
tm_capture() {
    if tmc_live && TMC_QUIET=1 tmc capture-pane -p -t 0 "${@:2}"; then
        read_file "$1" "$TMC_FILES.screen"
    else
        printf -v "$1" '%s' "$(tm capture-pane -p -t 0 "${@:2}")"
    fi
}

# tm_poll SHOWN TEXT: polls the screen until TEXT is on it (SHOWN 1) or no
# longer on it (SHOWN 0); false after TM_TIMEOUT seconds. Each look is one
# command to the control client and a match in the shell: the waits look
# thousands of times a run.
tm_poll() {
    local shown=$1 want=$2 deadline=$((SECONDS + TM_TIMEOUT)) s now
    while [ $SECONDS -le $deadline ]; do
        tm_capture s
        now=0
        [[ $s == *"$want"* ]] && now=1
        [ "$now" = "$shown" ] && return 0
        t_sleep 0.05
    done
    return 1
}

# tm_wait TEXT: waits until TEXT is on screen; false after TM_TIMEOUT seconds.
tm_wait() {
    tm_poll 1 "$1" && return 0
    echo "# timed out waiting for: $1"
    tm_screen | sed 's/^/#   /'
    return 1
}

# tm_wait_gone TEXT: waits until TEXT is no longer on screen.
tm_wait_gone() {
    tm_poll 0 "$1" && return 0
    echo "# still on screen: $1"
    return 1
}

# tm_resize W H: resizes the window (and so the pane and the program's terminal).
tm_resize() { tm resize-window -t 0 -x "$1" -y "$2"; }

# tm_quit: presses q and waits for a clean exit (status 0: no sanitizer report).
tm_quit() { tm_keys q; tm_wait "[exit 0]"; }

# tm_totals: the totals rows on screen as "NAME=TOTAL" lines, in screen order.
tm_totals() {
    py_run '
import re, sys
for line in sys.argv[1].split("\n"):
    m = re.match(r"^ (\S.*?)\s+[\u2584\u2596\u2591#. ]*\s(\d+\.\d) (\u25c6 leads|\* leads|[+-]\d+\.\d)\s*$", line)
    if m:
        print(f"{m.group(1).strip()}={m.group(2)}")
' "$(tm_screen)"
}

# tm_totals_settled EXPECTED: tm_totals once it reads EXPECTED, or its last
# reading after TM_TIMEOUT seconds. After resizes the screen may still be
# mid-redraw when the verdict first shows; a right answer must not need luck.
tm_totals_settled() {
    local got deadline=$((SECONDS + TM_TIMEOUT))
    while :; do
        got=$(tm_totals)
        [ "$got" == "$1" ] || [ $SECONDS -gt "$deadline" ] && break
        t_sleep 0.1
    done
    printf '%s\n' "$got"
}

# tm_verdict_line: the text after "Verdict: ", with its indented second row
# if any: the verdict, then how sure it is after " · ".
tm_verdict_line() {
    py_run '
import sys
lines = sys.argv[1].split("\n")
for i, line in enumerate(lines):
    if line.startswith(" Verdict: "):
        text = line[len(" Verdict: "):].rstrip()
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if nxt.startswith(" " * len(" Verdict: ")) and nxt.strip():
            text += " " + nxt.strip()
        print(text)
        break
' "$(tm_screen)"
}

# tm_verdict: the verdict alone, as the engine's summary words it.
tm_verdict() {
    sed -E 's/ (\xc2\xb7|-) (wins|leads in|weighing) .*//' <<<"$(tm_verdict_line)"
}

# engine_totals ARGS...: the same "NAME=TOTAL" lines from a headless JSON
# export with ARGS, rounded as the screen rounds.
engine_totals() {
    py_run '
import json, sys
d = json.loads(sys.argv[1])
# From the weights and scores (the formula, in tenths as the engine works),
# rounded once to one decimal, half away from zero, as every total is
# printed; the total in the export is that same figure.
wsum = sum(c["weight"] for c in d["criteria"])
for s in d["stacks"]:
    tenths = sum(c["weight"] * round(c["scores"][s["id"]] * 10) for c in d["criteria"])
    shown = (tenths * 10 * 2 // wsum + 1) // 2
    assert shown / 10 == s["total"], "export total disagrees with the formula"
    print("%s=%d.%d" % (s["name"], shown // 10, shown % 10))
' "$("$VERSUS_BIN" --offline --export - --format json "$@")"
}

# engine_verdict ARGS...: the verdict summary of a headless JSON export.
engine_verdict() {
    py_run 'import json, sys; print(json.loads(sys.argv[1])["verdict"]["summary"])' \
        "$("$VERSUS_BIN" --offline --export - --format json "$@")"
}
