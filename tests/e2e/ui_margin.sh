#!/usr/bin/env bash
# ui_margin.sh: round once, then derive. With weights whose exact margin
# rounds otherwise than the difference of the rounded totals, the screen's
# verdict line and the runner-up's gap to the leader are the difference of
# the two totals the screen shows, and the same as every export's.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

# From the default export's scores: a weight (or two) changed from the
# defaults for which round(a - b) and round(a) - round(b) differ, as
# "--weight ID=N ..." arguments. Exact fractions, rounded half away from zero.
args=$(py_run '
import itertools, json, sys
from fractions import Fraction as F
d = json.loads(sys.argv[1])
crit = d["criteria"]
ids = [c["id"] for c in crit]
w0 = [c["weight"] for c in crit]
stacks = [s["id"] for s in d["stacks"]]
def r1(x):
    return (x * 10 + F(1, 2)).__floor__()
def tries():
    for i in range(len(ids)):
        for v in range(11):
            yield ((i, v),)
    for i, j in itertools.combinations(range(len(ids)), 2):
        for v in range(11):
            for u in range(11):
                yield ((i, v), (j, u))
for change in tries():
    w = list(w0)
    for i, v in change:
        w[i] = v
    if sum(w) == 0:
        continue
    t = sorted((F(sum(x * round(c["scores"][s] * 10) for x, c in zip(w, crit)), sum(w)) for s in stacks),
               reverse=True)
    if r1(t[0] - t[1]) != r1(t[0]) - r1(t[1]):
        print(" ".join("--weight %s=%d" % (ids[i], v) for i, v in change))
        break
' "$("$VERSUS_BIN" --offline --export - --format json)")
check "the data has weights whose margin rounds across a tenth" test -n "$args"
echo "# with $args"
# shellcheck disable=SC2086
json=$("$VERSUS_BIN" --offline --export - --format json $args)

# shellcheck disable=SC2086
tm_start 100 30 --offline --reset $args
check "the dashboard starts" tm_wait "Verdict: "
screen=$(tm_screen)
read -r lead gap verdict <<< "$(py_run '
import re, sys
totals, gap, verdict = [], None, None
lines = sys.argv[1].splitlines()
for line in lines:
    m = re.match(r"^ \S.*?\s(\d+\.\d) (\u25c6 leads|[+-]\d+\.\d)\s*$", line)
    if m:
        totals.append(m.group(1))
        if m.group(2)[0] in "+-":
            gap = m.group(2)
text = " ".join(l.strip() for l in lines)  # a long verdict takes two rows
m = re.search(r"Verdict: .*?(?:leads by |\(margin )(\d+\.\d) points", text)
if m:
    verdict = m.group(1)
print(totals[0] if totals else "-", gap or "-", verdict or "-")' "$screen")"
totals=$(tm_totals)
totals=$(cut -d= -f2 <<<"$totals" | xargs)
diff=$(py_run 'import sys; a, b = map(float, sys.argv[1:3]); print("%.1f" % (a - b))' $totals)
expect_eq "the verdict's margin is the difference of the totals shown" "$diff" "$verdict"
expect_eq "the runner-up's gap is minus that difference" "-$diff" "$gap"
expect_eq "the totals are the export's" \
    "$(py_run 'import json,sys; print(" ".join("%.1f" % s["total"] for s in sorted(json.loads(sys.argv[1])["stacks"], key=lambda s: -s["total"])))' "$json")" \
    "$totals"
expect_eq "the margin is the export's" \
    "$(py_run 'import json,sys; print("%.1f" % json.loads(sys.argv[1])["verdict"]["margin"])' "$json")" "$verdict"
tm_quit >/dev/null
t_done
