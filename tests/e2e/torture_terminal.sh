#!/usr/bin/env bash
# torture_terminal.sh: terminals and locales that cannot show everything.
# A terminal that cannot place the cursor (TERM=dumb) or that terminfo does
# not know gets a clear message and a non-zero exit, never a smeared screen;
# a terminal without colours gets the dashboard with no colour codes; the C
# locale gets plain ASCII in place of block and box characters.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

for term in dumb versus-no-such-terminal; do
    # (tests/lsan.supp: ncurses' own leak when newterm() fails, ASan build only)
    TM_ENV="LSAN_OPTIONS=suppressions=$VERSUS_ROOT/tests/lsan.supp" TM_TERM=$term tm_start 100 30 --offline
    check "TERM=$term: a clear message" tm_wait "cannot use this terminal (TERM=$term)"
    check "TERM=$term: and what to use instead" tm_wait "use --export"
    check "TERM=$term: a usage error exit (2)" tm_wait "[exit 2]"
    screen=$(tm_screen)
    check "TERM=$term: no dashboard drawn" test "${screen/Criteria/}" == "$screen"
    # With -e the pane's colours and attributes come back as escape codes:
    # there must be none. The bytes written are checked too, through script(1).
    screen=$(tm capture-pane -p -e -t 0)
    check "TERM=$term: no colours or attributes on screen" test "${screen/$'\e'/}" == "$screen"
    raw=$(TERM=$term script -qec "$(printf '%q ' "$VERSUS_BIN" --offline)" /dev/null </dev/null 2>&1)
    expect_contains "TERM=$term: the message on a terminal" "$raw" "cannot use this terminal"
    check "TERM=$term: no escape codes written" test "${raw/$'\e'/}" == "$raw"
done

# Without a terminal at all: the same message, not a crash.
out=$(TERM=dumb "$VERSUS_BIN" --offline </dev/null 2>&1 >/dev/null); status=$?
check "no terminal: non-zero exit" test "$status" -ne 0
check "no terminal: no crash (status below 128)" test "$status" -lt 128
check "no terminal: says why" test -n "$out"

# Terminals with no colour capability: the dashboard, and no colour codes
# (39/49, "default colour", are resets, not colours).
for term in vt100 xterm-mono; do
    TM_TERM=$term tm_start 100 30 --offline
    check "TERM=$term: the dashboard works" tm_wait "Verdict: "
    expect_eq "TERM=$term: the totals agree with the engine" "$(engine_totals)" "$(tm_totals)"
    codes=$(tm capture-pane -p -e -t 0 | grep -oE $'\e\\[[0-9;]*m' | grep -E '(^|[[;])(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;|m)' | head -3)
    expect_eq "TERM=$term: no colour escape codes on screen" "" "$codes"
    check "TERM=$term: q quits cleanly" tm_quit
done

# The C locale: no UTF-8, so ASCII stand-ins, and the same decision.
LC_ALL=C LANG=C tm_start 100 30 --offline
check "LC_ALL=C: the dashboard works" tm_wait "Verdict: "
nonascii=$(tm_screen | LC_ALL=C grep -c $'[\x80-\xff]')
expect_eq "LC_ALL=C: only ASCII on screen" 0 "$nonascii"
expect_eq "LC_ALL=C: the totals agree with the engine" "$(engine_totals | sort)" \
    "$(tm_screen | sed -nE 's/^ (Node\.js|Python) +[#. ]* ([0-9]+\.[0-9]) .*/\1=\2/p' | sort)"
tm_keys j Tab Right
check "LC_ALL=C: keys work" tm_wait "custom"
check "LC_ALL=C: q quits cleanly" tm_quit

t_done
