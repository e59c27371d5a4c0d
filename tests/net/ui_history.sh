#!/usr/bin/env bash
# tests/net/ui_history.sh: the trends view asks npm for a longer history
# only when a range needs it, against the loopback server: range requests
# of the missing days only (YYYY-MM-DD:YYYY-MM-DD), at most 365 days in
# bulk and 18 months for a single name, the latest days first, through the
# same fetcher; the days are put behind the month a refresh brought, cached,
# and read back from the cache by the next start without a request. PyPI is
# never asked for more (pypistats keeps 180 days).
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/netlib.bash"
source "$VERSUS_ROOT/tests/e2e/tmux_lib.sh"

serve_fast_data
CACHE="$XDG_CACHE_HOME/versus"
TM_ENV="VERSUS_NPM_API=$VERSUS_NPM_API VERSUS_PYPI_API=$VERSUS_PYPI_API"

history_requests() { grep -cE '"path": "/downloads/range/[0-9]{4}-[0-9]{2}-[0-9]{2}:' "$S_LOG"; }
pypi_requests() { grep -c '"path": "/api/' "$S_LOG"; }
cached_days() { py_run 'import json,sys; print(len(json.load(open(sys.argv[1]))["figures"]["daily"]))' "$CACHE/npm_$1.json"; }
# wait_cached PACKAGE DAYS: until the cache record holds DAYS days (30 s).
wait_cached() {
    local deadline=$((SECONDS + 30))
    until [ "$(cached_days "$1")" = "$2" ]; do
        [ $SECONDS -le $deadline ] || { echo "# $1: $(cached_days "$1") days cached"; tm_screen | tail -4 | sed 's/^/#   /'; return 1; }
        t_sleep 0.1
    done
}
# check_windows: every history request's period is a real range within
# npm's limits, and they end on the day before the days already held.
IFS= read -r -d '' check_windows_py <<'PY'
import datetime as d, json, sys
rows = [json.loads(l)["path"] for l in open(sys.argv[1])]
hist = [p for p in rows if p.startswith("/downloads/range/") and ":" in p.split("/")[3]]
first_wanted, last_wanted = d.date.fromisoformat(sys.argv[2]), d.date.fromisoformat(sys.argv[3])
covered = {}
for p in hist:
    period, names = p.split("/")[3], p.split("/", 4)[4]
    a, b = (d.date.fromisoformat(x) for x in period.split(":"))
    days = (b - a).days + 1
    bulk = "," in names
    assert days <= (365 if bulk else 548), (p, days)
    assert not (bulk and "@" in names), p
    assert a >= first_wanted and b <= last_wanted, (p, first_wanted, last_wanted)
    for n in names.split(",") if bulk else [names]:
        covered.setdefault(n, set()).update(a + d.timedelta(days=k) for k in range(days))
want = {first_wanted + d.timedelta(days=k) for k in range((last_wanted - first_wanted).days + 1)}
for n, days in covered.items():
    assert days == want, (n, len(days), len(want))
assert "express" in covered, covered.keys()
print("# %d history requests, %d packages" % (len(hist), len(covered)))
PY
check_windows() { py_run "$check_windows_py" "$S_LOG" "$1" "$2"; }

tm_start 120 40 --data "$DATA"
check "dashboard starts" tm_wait "Verdict: "
TM_TIMEOUT=30 check "the first refresh ends" tm_wait "stats: live"
month_end=$(py_run 'import json,sys; print(json.load(open(sys.argv[1]))["figures"]["series_end"])' "$CACHE/npm_express.json")
expect_eq "a refresh brings a month" 30 "$(cached_days express)"
refresh_pypi=$(pypi_requests)
tm_keys F7
check "F7 opens the trends view" tm_wait "Trends: I/O-bound"
tm_keys r
check "r: 90 days" tm_wait "90 days · linear"
check "the npm lines get their 90 days, cached" wait_cached express 90
check "... with no note left about them" tm_wait_gone "other lines"
first90=$(py_run 'import datetime as d,sys; e=d.date.fromisoformat(sys.argv[1]); print(e-d.timedelta(days=89), e-d.timedelta(days=30))' "$month_end")
check "the requests asked for the 60 missing days only, within npm's limits" check_windows $first90
n90=$(history_requests)

tm_keys r r r
check "r r r: 18 months" tm_wait "18 months · linear"
check "the npm lines get their 18 months, cached" wait_cached express 540
check "... PyPI's 180 days are said" tm_wait "pypistats keeps 180 days."
check "... and nothing more" tm_wait_gone "other lines"
first540=$(py_run 'import datetime as d,sys; e=d.date.fromisoformat(sys.argv[1]); print(e-d.timedelta(days=539), e-d.timedelta(days=30))' "$month_end")
check "the requests cover the missing days once, in bulk windows of at most 365 days" check_windows $first540
n540=$(history_requests)
check "more than one window was needed for 450 more days" test $((n540 - n90)) -ge 2
expect_eq "PyPI was not asked for more" "$refresh_pypi" "$(pypi_requests)"
tm_keys R
check "a shorter range asks nothing" tm_wait "12 months · linear"
expect_eq "... no request" "$n540" "$(history_requests)"
tm_keys F7
tm_quit

# The next start reads the 18 months from the cache, offline.
before=$(wc -l < "$S_LOG")
tm_start 120 40 --data "$DATA" --offline
check "offline start" tm_wait "Verdict: "
tm_keys F7 r r r r
check "18 months from the cache" tm_wait "18 months · linear"
check "... the npm lines whole" tm_wait "pypistats keeps 180 days."
check "... no note about npm" tm_wait_gone "other lines"
tm_quit
expect_eq "offline: no request at all" "$before" "$(wc -l < "$S_LOG")"

t_done
