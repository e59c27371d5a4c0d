#!/usr/bin/env bash
# lint_rules.sh: tests/lint.sh passes on the tree and refuses each breach
# of its rules in a copy of it: the dashboard's header included by another
# view, a member of the Dashboard declared in Ui again (alone, or beside
# another in one declaration), the Dashboard's struct gone, curses outside
# src/ui/.
# Runs once: it lints copies of the sources, which no build changes.
source "$(dirname "$0")/../lib.sh"

# Each case lints a copy of only the directory it breaks (src/ui or
# src/core): the rules are per file, and the whole tree is `make lint`'s.
LINT=$VERSUS_ROOT/tests/lint.sh
for dir in ui core; do
    rm -rf "$T_TMP/src" && mkdir -p "$T_TMP/src" && cp -r "$VERSUS_ROOT/src/$dir" "$T_TMP/src/"
    out=$(bash "$LINT" "$T_TMP/src" 2>&1)
    expect_eq "lint passes on src/$dir as it is" "lint: ok" "$out"
done

# breach NAME DIR EXPECTED EDIT...: a fresh copy of src/DIR, the edit (a
# command run in src/), then lint must exit 1 and print EXPECTED.
breach() {
    local name=$1 dir=$2 expected=$3
    shift 3
    rm -rf "$T_TMP/src" && mkdir -p "$T_TMP/src" && cp -r "$VERSUS_ROOT/src/$dir" "$T_TMP/src/"
    (cd "$T_TMP/src" && "$@")
    out=$(bash "$LINT" "$T_TMP/src" 2>&1)
    local rc=$?
    expect_eq "$name: lint fails" 1 "$rc"
    expect_contains "$name: lint says where and why" "$out" "$expected"
}

breach "a view includes the dashboard's header" ui \
    "$T_TMP/src/ui/filter.c:" \
    sed -i 's|#include "ui/ui_internal.h"|#include "ui/dashboard.h"\n#include "ui/ui_internal.h"|' ui/filter.c
check "... and names the header" grep -q "includes ui/dashboard.h" <<<"$out"

breach "Ui gets a Dashboard member back" ui \
    "Ui has 'nview', a member of the Dashboard" \
    sed -i 's|^    unsigned dirty;$|    unsigned dirty;\n    size_t nview; /* the list'"'"'s length */|' ui/ui_internal.h

breach "Ui gets two Dashboard members in one declaration" ui \
    "Ui has 'top', a member of the Dashboard" \
    sed -i 's|^    unsigned dirty;$|    unsigned dirty;\n    size_t first, top;|' ui/ui_internal.h
check "... and not the one that is Ui's own" bash -c '! grep -q "first" <<<"$1"' _ "$out"

breach "the Dashboard's struct renamed away" ui \
    "the dashboard's state has no struct of its own" \
    sed -i 's/^typedef struct Dashboard {/typedef struct DashState {/' ui/dashboard.h

breach "curses outside src/ui/" core \
    "<curses.h> outside src/ui/" \
    sed -i 's|^#include <stdio.h>$|#include <curses.h>\n#include <stdio.h>|' core/detail.c

t_done
