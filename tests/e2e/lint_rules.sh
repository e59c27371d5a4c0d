#!/usr/bin/env bash
# lint_rules.sh: tests/lint.sh passes on the tree and refuses each breach
# of its rules in a copy of it: the dashboard's header included by another
# view, a member of the Dashboard declared in Ui again (alone, or beside
# another in one declaration), the Dashboard's struct gone, curses outside
# src/ui/.
source "$(dirname "$0")/../lib.sh"

LINT=$VERSUS_ROOT/tests/lint.sh
out=$(bash "$LINT" "$VERSUS_ROOT/src" 2>&1)
expect_eq "lint passes on the tree" "lint: ok" "$out"

# breach NAME EXPECTED EDIT...: a fresh copy of src/, the edit (a command
# run in it), then lint must exit 1 and print EXPECTED.
breach() {
    local name=$1 expected=$2
    shift 2
    rm -rf "$T_TMP/src"
    cp -r "$VERSUS_ROOT/src" "$T_TMP/src"
    (cd "$T_TMP/src" && "$@")
    out=$(bash "$LINT" "$T_TMP/src" 2>&1)
    local rc=$?
    expect_eq "$name: lint fails" 1 "$rc"
    expect_contains "$name: lint says where and why" "$out" "$expected"
}

breach "a view includes the dashboard's header" \
    "$T_TMP/src/ui/filter.c:" \
    sed -i 's|#include "ui/ui_internal.h"|#include "ui/dashboard.h"\n#include "ui/ui_internal.h"|' ui/filter.c
check "... and names the header" grep -q "includes ui/dashboard.h" <<<"$out"

breach "Ui gets a Dashboard member back" \
    "Ui has 'nview', a member of the Dashboard" \
    sed -i 's|^    unsigned dirty;$|    unsigned dirty;\n    size_t nview; /* the list'"'"'s length */|' ui/ui_internal.h

breach "Ui gets two Dashboard members in one declaration" \
    "Ui has 'top', a member of the Dashboard" \
    sed -i 's|^    unsigned dirty;$|    unsigned dirty;\n    size_t first, top;|' ui/ui_internal.h
check "... and not the one that is Ui's own" bash -c '! grep -q "first" <<<"$1"' _ "$out"

breach "the Dashboard's struct renamed away" \
    "the dashboard's state has no struct of its own" \
    sed -i 's/^typedef struct Dashboard {/typedef struct DashState {/' ui/dashboard.h

breach "curses outside src/ui/" \
    "<curses.h> outside src/ui/" \
    sed -i 's|^#include <stdio.h>$|#include <curses.h>\n#include <stdio.h>|' core/detail.c

t_done
