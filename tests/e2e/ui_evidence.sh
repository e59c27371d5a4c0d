#!/usr/bin/env bash
# ui_evidence.sh: the evidence view (F8) against the loopback stats server,
# with one package made to fail: the header's "N failed" leads to it by a
# key and by a click; the table shows every package with its figures,
# source, status and age; it sorts by any column (F6, I, a click on a
# title), filters by text, and narrows to what failed or is stale.
source "$(dirname "$0")/../lib.sh"
source "$VERSUS_ROOT/tests/net/netlib.bash"
source "$(dirname "$0")/tmux_lib.sh"

serve_fast_data
set_faults '[{"match":"flask","fault":"500"}]'

# mouse BUTTON X Y: an SGR (1006) report, 0-based cells; 0 presses, 3 releases.
mouse() {
    if [ "$1" = 3 ]; then
        tm_keys -l "$(printf '\033[<0;%d;%dm' $(($2 + 1)) $(($3 + 1)))"
    else
        tm_keys -l "$(printf '\033[<%d;%d;%dM' "$1" $(($2 + 1)) $(($3 + 1)))"
    fi
}
column() {
    py_run 'import sys; print(sys.argv[1].index(sys.argv[2]))' "$(tm_screen | sed -n "$(($2 + 1))p")" "$1"
}
# table_col N: the Nth word (1-based) of every table row, top to bottom
# (rows 4 to 36 at 40 rows; the selected package's health is under them).
table_col() {
    tm_screen | sed -n '4,36p' | awk -v n="$1" 'NF >= 8 { print $n }'
}
lacks() { ! grep -qF -- "$2" <<< "$1"; }
has_re() { grep -qE -- "$2" <<< "$1"; }
is_sorted() { # is_sorted LINES [-r]: LINES in (reverse) case-insensitive order
    py_run 'import sys; v=[l.strip() for l in sys.argv[1].split("\n") if l.strip()]; r="-r" in sys.argv[2:]; s=sorted(v,key=str.lower,reverse=r); sys.exit(0 if v==s and len(v)>1 else 1)' "$@"
}
counts_sorted_desc() { # counts_sorted_desc LINES: the Month column, largest first (950, 1.20k, 42.1M, 4.21B)
    py_run '
import sys
u={"k":1e3,"M":1e6,"B":1e9}
v=[]
for l in sys.argv[1].split("\n"):
    l=l.strip()
    if not l or l=="-": continue
    v.append(float(l[:-1])*u[l[-1]] if l[-1] in u else float(l))
sys.exit(0 if len(v)>1 and v==sorted(v,reverse=True) else 1)' "$1"
}

TM_ENV="VERSUS_NPM_API=$VERSUS_NPM_API VERSUS_PYPI_API=$VERSUS_PYPI_API"
tm_start 120 40 --data "$DATA"
check "dashboard starts" tm_wait "Verdict: "
TM_TIMEOUT=30 check "the header counts the failed package" tm_wait "1 failed"
check "the key bar offers the evidence view" tm_wait "F8/E Evidence"

tm_keys E
check "E opens the evidence view on what failed" tm_wait "only failed or stale"
screen=$(tm_screen)
expect_contains "the failed package is listed" "$screen" "flask"
expect_contains "with its status and detail" "$screen" "error: HTTP 500"
check "and nothing that is fine" lacks "$screen" " express "
expect_contains "the table has its column titles" "$screen" "Stack"
expect_contains "... all of them" "$screen" "W/w"

tm_keys f
check "f shows every package" tm_wait "every package"
check "express is there now" tm_wait " express "
screen=$(tm_screen)
expect_contains "with a live source" "$screen" "live"
check "and a week-over-week change" has_re "$screen" " express .* [+-]?[0-9]+% "

# Sort: F6 steps through the columns; the status column came first.
tm_keys F6
check "F6 sorts by the next column" tm_wait "sorted by Age"
tm_keys F6 F6
check "... then Stack, then Package" tm_wait "sorted by Package"
check "the packages are in order" is_sorted "$(table_col 2)"
tm_keys I
check "I inverts" tm_wait "descending"
check "the packages are in reverse order" is_sorted "$(table_col 2)" -r
tm_keys F6
check "F6 sorts by Month, largest first" tm_wait "sorted by Month, largest first"
check "the monthly figures fall down the table" counts_sorted_desc "$(table_col 3)"
# A click on a column's title sorts by it.
x=$(column "Package" 2)
mouse 0 "$x" 2
mouse 3 "$x" 2
check "a click on a title sorts by that column" tm_wait "sorted by Package, ascending"

tm_keys /
check "/ starts a filter" tm_wait "type to filter"
tm_keys -l "fast"
tm_keys Enter
check "Enter keeps the filter" tm_wait "filter kept"
screen=$(tm_screen)
expect_contains "the filter keeps fastify" "$screen" " fastify "
expect_contains "and fastapi" "$screen" " fastapi "
check "and hides the rest" lacks "$screen" " express "
expect_contains "the title counts what is shown" "$screen" "Evidence: 2 of"
tm_keys Escape
check "Esc clears the filter" tm_wait "filter cleared"
check "every package again" tm_wait " express "
tm_keys Escape
check "Esc again goes back to the dashboard" tm_wait "Verdict: "

# The header's "1 failed" is a way in too, for the mouse.
x=$(column "1 failed" 0)
mouse 0 "$((x + 2))" 0
mouse 3 "$((x + 2))" 0
check "a click on the header's '1 failed' opens the table on it" tm_wait "only failed or stale"
check "flask is found from the header" tm_wait "error: HTTP 500"
tm_keys F8
check "F8 goes back" tm_wait "Verdict: "
tm_quit

t_done
