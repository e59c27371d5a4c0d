#!/usr/bin/env bash
# ui_nocolor.sh: NO_COLOR and --no-color give a screen without any colour
# attribute that still marks the better side; colours do appear otherwise,
# so the check can fail. Also the plain ASCII look.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

# SGR parameters that set a colour: 30-37, 38;..., 39 aside, 40-47, 48;..., 90-97, 100-107.
has_colour() {
    grep -qE $'\e\\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9;]*)?m'
}

tm_start 120 40 --offline
check "coloured dashboard starts" tm_wait "Verdict: "
if tm capture-pane -e -p -t 0 | has_colour; then ok "the default theme uses colour"; else not_ok "the default theme uses colour"; fi
check "q quits" tm_quit

TM_ENV="NO_COLOR=1" tm_start 120 40 --offline
check "NO_COLOR dashboard starts" tm_wait "Verdict: "
screen=$(tm capture-pane -e -p -t 0)
if printf '%s' "$screen" | has_colour; then
    not_ok "NO_COLOR: no colour attributes"
    printf '%s' "$screen" | grep -E $'\e\\[' | head -3 | cat -v | sed 's/^/#   /'
else
    ok "NO_COLOR: no colour attributes"
fi
expect_contains "NO_COLOR: the better side is still marked" "$screen" "◆"
if printf '%s' "$screen" | grep -qE $'\e\\[([0-9;]*;)?1(;[0-9;]*)?m'; then
    ok "NO_COLOR: bold still sets things apart"
else
    not_ok "NO_COLOR: bold still sets things apart"
fi
tm_keys t
check "t still cycles themes without colour" tm_wait "colours are off"
screen=$(tm capture-pane -e -p -t 0)
if printf '%s' "$screen" | has_colour; then not_ok "NO_COLOR: a theme switch adds no colour"; else ok "NO_COLOR: a theme switch adds no colour"; fi
check "q quits" tm_quit

tm_start 120 40 --offline --no-color --ascii
check "--no-color --ascii starts" tm_wait "Verdict: "
screen=$(tm capture-pane -e -p -t 0)
if printf '%s' "$screen" | has_colour; then not_ok "--no-color: no colour attributes"; else ok "--no-color: no colour attributes"; fi
plain=$(tm_screen)
if printf '%s' "$plain" | LC_ALL=C grep -q $'[\x80-\xff]'; then
    not_ok "--ascii: only ASCII on screen"
    printf '%s' "$plain" | LC_ALL=C grep $'[\x80-\xff]' | head -3 | sed 's/^/#   /'
else
    ok "--ascii: only ASCII on screen"
fi
expect_contains "--ascii: the leader is marked with *" "$plain" "* leads"
check "q quits" tm_quit

LC_ALL=C LANG=C tm_start 100 30 --offline
check "a non-UTF-8 locale starts" tm_wait "Verdict: "
if tm_screen | LC_ALL=C grep -q $'[\x80-\xff]'; then not_ok "C locale: ASCII only"; else ok "C locale: ASCII only"; fi
check "q quits" tm_quit

t_done
