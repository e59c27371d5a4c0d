#!/usr/bin/env bash
# ui_evidence_health.sh: the evidence view (F8) lists each package's health
# beside its downloads, as much of it as the width holds, and the selected
# package's health in full with where it came from under the table; offline
# from the bundled snapshot (dated), live from the loopback deps.dev, at
# 80x24 and at 200x60, without a line wider than the screen.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

days_since() { echo $(( ($(date -u +%s) - $(date -u -d "$1" +%s)) / 86400 )); }
express_days=$(days_since 2026-10-09)
# wait_re REGEX: until a line of the screen matches (a redraw after a key
# or a resize may take a moment, longer under ASan).
wait_re() {
    local deadline=$((SECONDS + TM_TIMEOUT))
    until tm_screen | grep -qE -- "$1"; do
        [ $SECONDS -le $deadline ] || { tm_screen | sed 's/^/#   /'; return 1; }
        t_sleep 0.05
    done
}
fits() { # fits WIDTH: no line of the screen is wider than WIDTH
    py_run '
import sys
w = int(sys.argv[1])
assert all(len(l) <= w for l in sys.argv[2].split("\n")), sys.argv[2]
' "$1" "$(tm_screen)"
}
last_row_is_keybar() {
    bash -c 'l=$(tmux -L "$1" capture-pane -p -t 0 | sed -n "$2p"); [[ "$l" == *Back* && "$l" == *Quit* ]]' _ "$TM_SOCK" "$1"
}
# select PACKAGE: filter the table down to PACKAGE (the only row).
select_package() {
    tm_keys /
    tm_wait "type to filter" >/dev/null
    tm_keys -l "$1"
    tm_keys Enter
    tm_wait "filter kept" >/dev/null
}

# Offline: the bundled snapshot (npm figures as of 2026-12-02; none for PyPI).
tm_start 80 24 --offline --reset
check "80x24 starts" tm_wait "Verdict: "
tm_keys E
check "80x24: E opens the evidence view" tm_wait "Evidence: 48 of 48"
check "80x24: the table has a Health column beside the downloads" wait_re "^ Stack.* W/w +Health +Source"
check "80x24: express's latest version and its days since release, beside its month" \
    wait_re " express +[0-9.]+[kMB]? +- +n/a +5\.3\.0 ${express_days}d "
check "80x24: no line is wider than the screen" fits 80
check "80x24: the key bar stays on the last row" last_row_is_keybar 24
select_package express
check "80x24: the pane names the selected package's health" tm_wait "Health of express: 5.3.0, ${express_days} days"
check "80x24: with where it came from and its date" tm_wait "health from bundled, as of 2026-12-02; not scored"
check "80x24: still no line wider than the screen" fits 80
tm_keys Escape
tm_wait "filter cleared" >/dev/null

tm_resize 200 60
check "200x60: the figures the snapshot holds, and their source, in the row" \
    tm_wait "n/a 5.3.0 · ${express_days}d · MIT (bundled) "
select_package express
check "200x60: the pane gives them in full, and what the snapshot lacks" \
    tm_wait "Health of express: 5.3.0, ${express_days} days old · MIT · github.com/expressjs/express · not in the snapshot: advisories, stars, scorecard"
tm_keys Escape
tm_wait "filter cleared" >/dev/null
check "200x60: a package with no health known says so" wait_re " django +[0-9.]+[kMB]? +- +n/a +- +bundled "
check "200x60: no line is wider than the screen" fits 200
check "200x60: the key bar stays on the last row" last_row_is_keybar 60
tm_quit

# Live: the loopback server's deps.dev replies (advisories, stars and the
# Scorecard score the snapshot lacks) replace the bundled figures.
source "$VERSUS_ROOT/tests/net/netlib.bash"
serve_fast_data
tm_start 200 60 --data "$DATA" --reset
check "live 200x60 starts" tm_wait "Verdict: "
tm_keys E
check "live 200x60: E opens the evidence view" tm_wait "Evidence: "
TM_TIMEOUT=30 check "live 200x60: express's served figures in the row, live" \
    tm_wait "% 5.3.0 · ${express_days}d · MIT · 0 adv · 68.4k stars · sc 8.1 (live) "
check "live 200x60: @nestjs/core's advisory and its repository's figures" \
    tm_wait "MIT · 1 adv · 73.1k stars · sc 6.4 (live)"
select_package express
check "live 200x60: the pane gives them in full" \
    tm_wait "Health of express: 5.3.0, ${express_days} days old · MIT · 0 advisories · github.com/expressjs/express 68.4k stars, scorecard 8.1"
check "live 200x60: and says when they were fetched" tm_wait "health from live, fetched "
check "live 200x60: no line is wider than the screen" fits 200
tm_keys Escape
tm_wait "filter cleared" >/dev/null
tm_resize 80 24
check "live 80x24: the row keeps the version and days" \
    wait_re " express +[0-9.]+[kMB]? +.* 5\.3\.0 ${express_days}d "
check "live 80x24: no line is wider than the screen" fits 80
check "live 80x24: the key bar stays on the last row" last_row_is_keybar 24
tm_quit

t_done
