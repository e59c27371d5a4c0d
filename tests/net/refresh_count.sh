#!/usr/bin/env bash
# tests/net/refresh_count.sh: one refresh of the shipped data, with the
# shipped sources.yaml, against the loopback server: the requests follow the
# bulk and scoped rules (every unscoped npm name in one bulk request, each
# scoped name alone and unencoded, one pypistats request per project, names
# normalised) and stay within pypistats' limits of 5 a second and 30 a
# minute, and npm's pace of one request every 2 s on one connection; two
# endoflife.date requests and at most three deps.dev requests a package,
# names percent-encoded, at most 10 a second; a
# figure fetched after its service's daily update is not asked for again.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/netlib.bash"
# One python answers the checks (tests/lib.sh, py_run).
py_start

start_server
# The first npm request reaches the server 0.6 s after versus sends it, as
# on a slow network or a loaded machine: the next must still arrive 2 s
# after it, as the server counts.
set_faults '[{"match": "/downloads/", "times": 1, "late": 0.6}]'
run_versus --fetch --export "$T_TMP/out.json" --format json
expect_eq "refresh exits 0" "0" "$R_STATUS"

IFS= read -r -d '' report_py <<'EOF'
import json, re, sys, urllib.parse
stats = json.load(open(sys.argv[1]))["stats"]
log = [json.loads(line) for line in open(sys.argv[2])]
npm = sorted({s["package"] for s in stats if s["ecosystem"] == "npm"})
pypi = sorted({re.sub(r"[-_.]+", "-", s["package"]).lower() for s in stats if s["ecosystem"] == "pypi"})
scoped = [n for n in npm if n.startswith("@")]
unscoped = [n for n in npm if not n.startswith("@")]
prefix = "/downloads/range/last-month/"
npm_reqs = [e for e in log if e["path"].startswith(prefix)]
pypi_reqs = [e for e in log if e["path"].startswith("/api/packages/")]
bulk = [e["path"][len(prefix):].split(",") for e in npm_reqs if "," in e["path"]]
single = [e["path"][len(prefix):] for e in npm_reqs if "," not in e["path"]]
def out(key, value):
    print(f"{key}={value}")
eol_reqs = [e for e in log if e["path"].startswith("/api/v1/products/")]
deps_reqs = [e for e in log if e["path"].startswith("/v3/")]
out("other", len(log) - len(npm_reqs) - len(pypi_reqs) - len(eol_reqs) - len(deps_reqs))
health = json.load(open(sys.argv[1]))["health"]
out("eol_total", len(eol_reqs))
out("eol_products", ",".join(sorted(e["path"].split("/")[4] for e in eol_reqs)))
npackages = len({(h["ecosystem"], h["package"]) for h in health})
out("deps_total", len(deps_reqs))
out("deps_max", 3 * npackages)
out("deps_packages", len({urllib.parse.unquote(e["path"].split("/")[5]) for e in deps_reqs if e["path"].startswith("/v3/systems/")}))
out("deps_npackages", npackages)
out("deps_encoded", all("@" not in e["path"] and e["path"].count("/") in (3, 5, 7) for e in deps_reqs))
dtimes = sorted(e["t"] for e in deps_reqs)
out("deps_max_per_second", max((sum(1 for u in dtimes if t <= u < t + 1.0) for t in dtimes), default=0))
out("npm_total", len(npm_reqs))
out("npm_expected", (1 if unscoped else 0) + len(scoped))
out("bulk_requests", len(bulk))
out("bulk_names_match", sorted(sum(bulk, [])) == unscoped)
out("scoped_in_bulk", sum(1 for names in bulk for n in names if n.startswith("@")))
out("scoped_alone", sorted(single) == sorted(scoped))
out("pypi_total", len(pypi_reqs))
out("pypi_projects", len(pypi))
got = sorted(urllib.parse.urlsplit(e["path"]).path.split("/")[3] for e in pypi_reqs)
out("pypi_names_match", got == pypi)
out("pypi_mirrors_false", all(urllib.parse.urlsplit(e["path"]).query == "mirrors=false" for e in pypi_reqs))
times = sorted(e["t"] for e in pypi_reqs)
out("pypi_max_per_second", max((sum(1 for u in times if t <= u < t + 1.0) for t in times), default=0))
out("pypi_max_per_minute", max((sum(1 for u in times if t <= u < t + 60.0) for t in times), default=0))
npm_times = sorted(e["t"] for e in npm_reqs)
out("npm_min_gap", "%.3f" % min((b - a for a, b in zip(npm_times, npm_times[1:])), default=99))
out("npm_connections", len({e["port"] for e in npm_reqs}))
out("user_agents", ",".join(sorted({e["ua"] for e in log})))
out("connections", len({e["port"] for e in log}))
EOF
report=$(py_run "$report_py" "$T_TMP/out.json" "$S_LOG")
get() { sed -n "s/^$1=//p" <<<"$report"; }

expect_eq "only API requests" "0" "$(get other)"
expect_eq "npm: one bulk request for every unscoped name" "1" "$(get bulk_requests)"
expect_eq "npm: the bulk request names exactly the unscoped packages" "True" "$(get bulk_names_match)"
expect_eq "npm: no scoped name in a bulk request" "0" "$(get scoped_in_bulk)"
expect_eq "npm: each scoped name asked for alone, unencoded" "True" "$(get scoped_alone)"
expect_eq "npm: requests = 1 bulk + scoped names" "$(get npm_expected)" "$(get npm_total)"
expect_eq "endoflife.date: two requests, one a runtime" "2 nodejs,python" "$(get eol_total) $(get eol_products)"
expect_eq "deps.dev: every evidence package asked for" "$(get deps_npackages)" "$(get deps_packages)"
check "deps.dev: at most three requests a package ($(get deps_total) for $(get deps_npackages))" \
    test "$(get deps_total)" -le "$(get deps_max)"
expect_eq "deps.dev: each name and version percent-encoded as one segment" "True" "$(get deps_encoded)"
# The server sees arrivals, which bunch by a few against versus's 10 starts
# a second; unpaced, the refresh's ~140 requests would land in a second or two.
check "deps.dev: spread out, about 10 a second ($(get deps_max_per_second))" test "$(get deps_max_per_second)" -le 15
expect_eq "pypistats: one request per project" "$(get pypi_projects)" "$(get pypi_total)"
expect_eq "pypistats: PEP 503 names" "True" "$(get pypi_names_match)"
expect_eq "pypistats: overall without mirrors" "True" "$(get pypi_mirrors_false)"
check "pypistats: at most 30 requests a minute ($(get pypi_max_per_minute))" test "$(get pypi_max_per_minute)" -le 30
# Under valgrind (tests/valgrind.sh sets VERSUS_SLOW_RUN) connections open
# so slowly that requests started a second apart can reach the server
# bunched up; the spacing versus keeps is only measurable at native speed.
if [ -n "${VERSUS_SLOW_RUN:-}" ]; then
    skip "pypistats: at most 5 requests a second" "arrival times are not versus's under $VERSUS_SLOW_RUN"
else
    check "pypistats: at most 5 requests a second ($(get pypi_max_per_second))" test "$(get pypi_max_per_second)" -le 5
fi
# versus counts the 2 s from the later of a request's start and its reply's
# end, so the server sees at least 2 s between two arrivals however late a
# request reaches it; without the interval the gaps are about 1 s.
if [ -n "${VERSUS_SLOW_RUN:-}" ]; then
    skip "npm: no two requests within 2 s" "arrival times are not versus's under $VERSUS_SLOW_RUN"
else
    check "npm: no two requests within 2 s (closest $(get npm_min_gap) s apart)" \
        py_run 'import sys; sys.exit(float(sys.argv[1]) < 2.0)' "$(get npm_min_gap)"
fi
expect_eq "npm: one connection" "1" "$(get npm_connections)"
check "the shipped data fits one pypistats minute" test "$(get pypi_projects)" -le 30
expect_eq "User-Agent" "versus/$("$VERSUS_BIN" --version | awk '{print $2}')" "$(get user_agents)"
check "connections are reused ($(get connections) for $(requests) requests)" \
    test "$(get connections)" -lt "$(requests)"
echo "# requests: $(requests) ($(get npm_total) npm, $(get pypi_total) pypistats)"

# Freshness: a pypistats figure fetched after the service's latest daily
# update is not asked for again; one fetched before it is. The cache
# records are dated either side of that update (daily_update, UTC).
# redate OFFSET_SECONDS: pypistats records fetched at the last update + OFFSET
IFS= read -r -d '' redate_py <<'EOF'
import datetime, glob, json, os, re, sys, time
hh, mm = re.search(r'protocol: pypistats[\s\S]*?daily_update: "(\d\d):(\d\d)"', open(sys.argv[3]).read()).groups()
now = int(time.time())
update = now - now % 86400 + int(hh) * 3600 + int(mm) * 60
if update > now:
    update -= 86400
at = min(update + int(sys.argv[2]), now)
iso = datetime.datetime.fromtimestamp(at, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
for path in glob.glob(os.path.join(sys.argv[1], "pypi_*.json")):
    rec = json.load(open(path))
    rec["checked_at"] = iso
    rec["figures"]["fetched_at"] = iso
    with open(path + ".tmp", "w") as f:
        json.dump(rec, f)
    os.rename(path + ".tmp", path)
EOF
redate() { py_run "$redate_py" "$XDG_CACHE_HOME/versus" "$1" "$VERSUS_ROOT/data/sources.yaml"; }
redate 60
before=$(requests)
run_versus --fetch --export "$T_TMP/again.json" --format json
expect_eq "fetched after the day's update: no request at all" "0 0" "$R_STATUS $(($(requests) - before))"
redate -60
before=$(requests)
run_versus --fetch --export "$T_TMP/again.json" --format json
expect_eq "fetched before the day's update: every pypistats figure asked for again" \
    "0 $(get pypi_projects)" "$R_STATUS $(($(requests) - before))"

t_done
