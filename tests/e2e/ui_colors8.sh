#!/usr/bin/env bash
# ui_colors8.sh: on an 8-colour terminal (TERM=xterm) greys follow the
# 8-colour convention, white or black with dim or bold, instead of the
# nearest basic colour (yellow), so borders, dim text and empty slider
# cells stay apart from the sliders and the "better" highlight. The light
# theme paints its own background under every role.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

# styles_of CHARS: each distinct "fg bg dim bold" the screen gives CHARS,
# from tmux's capture with escape sequences; the header, the selected
# criterion (the first), the status line and the key bar are left out.
styles_of() {
    py_run '
import re, sys
chars = sys.argv[2]
seen = set()
lines = sys.argv[1].split("\n")
while lines and lines[-1] == "":
    lines.pop()
# the state carries from line to line: tmux writes only what changes
fg, bg, dim, bold = "default", "default", 0, 0
for n, line in enumerate(lines):
    keep = 3 <= n < len(lines) - 2
    for tok in re.split(r"(\x1b\[[0-9;]*m)", line):
        if tok.startswith("\x1b["):
            codes = [int(c) if c else 0 for c in tok[2:-1].split(";")]
            i = 0
            while i < len(codes):
                c = codes[i]
                if c == 0: fg, bg, dim, bold = "default", "default", 0, 0
                elif c == 1: bold = 1
                elif c == 2: dim = 1
                elif c == 22: dim = bold = 0
                elif 30 <= c <= 37: fg = str(c - 30)
                elif c == 39: fg = "default"
                elif 40 <= c <= 47: bg = str(c - 40)
                elif c == 49: bg = "default"
                elif 90 <= c <= 97: fg = str(c - 90 + 8)
                elif 100 <= c <= 107: bg = str(c - 100 + 8)
                elif c in (38, 48) and i + 2 < len(codes) and codes[i + 1] == 5:
                    if c == 38: fg = str(codes[i + 2])
                    else: bg = str(codes[i + 2])
                    i += 2
                i += 1
        else:
            for ch in tok:
                if keep and ch in chars:
                    seen.add("%s %s %d %d" % (fg, bg, dim, bold))
for s in sorted(seen):
    print(s)
' "$(tm capture-pane -p -e -t 0)" "$1"
}

TM_TERM=xterm tm_start 120 40 --offline --reset
check "the dashboard starts on an 8-colour terminal" tm_wait "Verdict: "
check "TERM=xterm has 8 colours" grep -q 'colors#8,' <(infocmp -1 xterm)
borders=$(styles_of "─│")
expect_eq "borders are dim white, not yellow" "7 default 1 0" "$borders"
expect_eq "empty slider cells are dim white, not yellow" "7 default 1 0" "$(styles_of "░")"
slider=$(styles_of "█")
check "the filled slider keeps its yellow ($slider)" grep -q '^3 ' <<<"$slider"
check "q quits" tm_quit

# The light theme on the same terminal: its own background under every
# cell of the list, not the terminal's.
TM_TERM=xterm tm_start 120 40 --offline --reset --theme light
check "the light theme starts" tm_wait "Verdict: "
styles=$(styles_of "─│░▄")
bgs=$(awk '{print $2}' <<<"$styles" | sort -u)
expect_eq "light: borders, sliders and bars sit on its white background" "7" "$bgs"
styles=$(styles_of "─│")
greys=$(awk '{print $1}' <<<"$styles" | sort -u)
expect_eq "light: greys darken to black on its background" "0" "$greys"
check "q quits" tm_quit

t_done
