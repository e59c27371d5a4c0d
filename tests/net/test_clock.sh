#!/usr/bin/env bash
# tests/net/test_clock.sh: VERSUS_TEST_CLOCK=skip, the clock the network
# tests run a headless --fetch on. Against the loopback server, with the
# shipped limits, npm's 2 s pace passes at once (the server sees both
# requests together) while the dates written stay true; with any source
# off loopback the clock is refused and the pace is real again.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/netlib.bash"

start_server
# Two npm requests (a scoped name goes alone), limits as shipped.
DATA="$T_TMP/data"
cp -r "$VERSUS_ROOT/tests/data/minimal" "$DATA"
cp "$VERSUS_ROOT/data/sources.yaml" "$DATA/"

# npm_gap: seconds between the server's first two npm requests.
py_start
npm_gap() {
    py_run '
import json, sys
t = [r["t"] for r in map(json.loads, open(sys.argv[1])) if r["path"].startswith("/downloads/")]
print("%.2f" % (t[1] - t[0]) if len(t) == 2 else "requests: %d" % len(t))
' "$S_LOG"
}
# gap_is OP SECONDS: the gap printed by npm_gap compares so (< or >=).
gap_is() { py_run 'import sys; g, op, x = sys.argv[1:]; sys.exit(0 if eval(g + op + x) else 1)' "$gap" "$1" "$2"; }

export VERSUS_TEST_CLOCK=skip XDG_CACHE_HOME="$T_TMP/cache.skip"
before=$(date +%s)
run_versus --data "$DATA" --fetch --export - --format json
after=$(date +%s)
expect_eq "on loopback: --fetch exits 0" 0 "$R_STATUS"
gap=$(npm_gap)
check "on loopback: npm's 2 s pace passes at once ($gap s apart)" gap_is '<' 1.0
dates=$(py_json '' '" ".join(sorted({s["fetched_at"] for s in d["stats"] if s["source"] == "live"}))')
check "on loopback: the figures are dated in real time ($dates)" py_run '
import datetime, sys
lo, hi = int(sys.argv[1]), int(sys.argv[2])
ts = [datetime.datetime.strptime(x, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc).timestamp()
      for x in sys.argv[3].split()]
sys.exit(0 if ts and all(lo <= t <= hi for t in ts) else 1)
' "$before" "$after" "$dates"

# One source off loopback (https, even to this machine): the clock is
# refused, the pace is the shipped one.
: > "$S_LOG"
export XDG_CACHE_HOME="$T_TMP/cache.real" VERSUS_EOL_API="https://localhost:9/api"
run_versus --data "$DATA" --fetch --export - --format json
expect_eq "off loopback: --fetch exits 0" 0 "$R_STATUS"
gap=$(npm_gap)
check "off loopback: the clock is refused, npm's requests 2 s apart ($gap s)" gap_is '>=' 1.9

t_done
