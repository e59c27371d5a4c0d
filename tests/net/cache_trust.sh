#!/usr/bin/env bash
# tests/net/cache_trust.sh: the cache's own word on when to ask again is not
# trusted blindly. A rate-limit hold written with a retry_at decades ahead (a
# clock that was once wrong) lasts at most the source's longest backoff after
# the answer that set it, a hold dated in the future holds nothing, and a
# real, recent hold is still honoured.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/netlib.bash"
# One python answers the checks (tests/lib.sh, py_run).
py_start

start_server
DATA="$T_TMP/data"
mkdir -p "$DATA"
cp "$VERSUS_ROOT"/tests/data/minimal/*.yaml "$DATA"/
fast_data "$DATA"
CACHE="$XDG_CACHE_HOME/versus"
mkdir -p "$CACHE"
chmod 700 "$CACHE"

# held RETRY_AT CHECKED_AT: a rate-limited record of npm express (times as
# seconds from now), with figures fetched when it was checked.
IFS= read -r -d '' held_py <<'PY'
import datetime, json, os, sys, time
def iso(offset):
    t = int(time.time()) + int(offset)
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
rec = {"versus_cache": 1, "ecosystem": "npm", "package": "express", "status": "rate-limited",
       "detail": "HTTP 429", "checked_at": iso(sys.argv[3]), "retry_at": iso(sys.argv[2]),
       "figures": {"last_week": 100, "last_month": 400, "daily": [], "series_end": None,
                   "period": None, "url": None, "fetched_at": iso(sys.argv[3])}}
with open(sys.argv[1] + ".tmp", "w") as f:
    json.dump(rec, f)
os.chmod(sys.argv[1] + ".tmp", 0o600)
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
PY
held() { py_run "$held_py" "$CACHE/npm_express.json" "$1" "$2"; }
express_status() {
    py_run '
import json, sys
for s in json.load(open(sys.argv[1]))["stats"]:
    if s["package"] == "express":
        print(s["status"], s["source"])' "$T_TMP/out.json"
}
asked() { grep -c '"/downloads/[^"]*express' "$S_LOG"; }

# A hold until 2100, set two days ago: over after the longest backoff (a day).
held $((4102444800 - $(date +%s))) -172800
run_versus --data "$DATA" --fetch --export "$T_TMP/out.json" --format json
expect_eq "a hold until 2100: the export works" 0 "$R_STATUS"
expect_eq "a hold until 2100 set two days ago: asked again" 1 "$(asked)"
expect_eq "a hold until 2100 set two days ago: a live figure" "ok live" "$(express_status)"

# A hold until 2100 set an hour ago: capped to a day, so still held.
held $((4102444800 - $(date +%s))) -3600
: > "$S_LOG"
run_versus --data "$DATA" --fetch --export "$T_TMP/out.json" --format json
expect_eq "a hold set an hour ago: not asked" 0 "$(asked)"
expect_eq "a hold set an hour ago: still rate-limited" "rate-limited cache" "$(express_status)"

# The answer that set the hold is dated a year ahead: no hold at all.
held $((4102444800 - $(date +%s))) 31536000
: > "$S_LOG"
run_versus --data "$DATA" --fetch --export "$T_TMP/out.json" --format json
expect_eq "a hold dated in the future: asked again" 1 "$(asked)"
expect_eq "a hold dated in the future: a live figure" "ok live" "$(express_status)"

# A real hold: ten minutes, set a minute ago, is honoured.
held 600 -60
: > "$S_LOG"
run_versus --data "$DATA" --fetch --export "$T_TMP/out.json" --format json
expect_eq "a recent ten-minute hold: not asked" 0 "$(asked)"

t_done
