#!/usr/bin/env bash
# cli.sh: the headless command line on the bundled data — options, exit
# codes, exports in each format, the formula behind the totals (recomputed
# here from the exported scores and weights), --load round trips, and that a
# failed export leaves an existing file alone.
source "$(dirname "$0")/../lib.sh"

DATA="$VERSUS_ROOT/data"
OUT="$T_TMP/out"
mkdir -p "$OUT"

# py SCRIPT ARGS...: a python3 snippet; the JSON files are its arguments.
# One python runs them all (tests/lib.sh, py_run).
py_start
py() { py_run "$@"; }

# matches STRING REGEX (for check, which runs a command, not [[ ]])
matches() { [[ $1 =~ $2 ]]; }

# One line on stderr, starting "versus: ".
one_error_line() {
    [ "$(printf '%s\n' "$R_ERR" | wc -l)" -eq 1 ] && [[ "$R_ERR" == "versus: "* ]]
}

# ---- help, version, lists ----

run_versus --help
expect_eq "--help exits 0" 0 "$R_STATUS"
for opt in --data --preset --weight --load --export --format --offline --list-presets \
           --list-criteria --list-keys --list-sources --theme --no-color --ascii --no-mouse --reset --version --help; do
    expect_contains "--help documents $opt" "$R_OUT" "$opt"
done

run_versus --version
expect_eq "--version exits 0" 0 "$R_STATUS"
check "--version prints the name and a version" matches "$R_OUT" '^versus [0-9]+\.[0-9]+\.[0-9]+$'

run_versus --data "$DATA" --list-presets
expect_eq "--list-presets exits 0" 0 "$R_STATUS"
presets=$(printf '%s\n' "$R_OUT" | awk '{print $1}')
for p in balanced realtime-gaming social-app spa-fullstack fintech-analytics healthcare-ai \
         cms-rapid hybrid; do
    check "--list-presets names $p" grep -qx "$p" <<<"$presets"
done
check "--list-presets puts a description after each name" \
    bash -c '! grep -qvE "^[a-z0-9-]+ +[^ ].+$" <<<"$1"' _ "$R_OUT"

run_versus --data "$DATA" --list-criteria
expect_eq "--list-criteria exits 0" 0 "$R_STATUS"
ncriteria=$(printf '%s\n' "$R_OUT" | wc -l)
check "--list-criteria lists at least ten criteria" [ "$ncriteria" -ge 10 ]
criteria_list=$R_OUT

# --list-sources: one tab-separated line per source of the shipped data:
# criterion, stack, title, date, https URL; every assessment cites one.
run_versus --data "$DATA" --list-sources
expect_eq "--list-sources exits 0" 0 "$R_STATUS"
check "--list-sources lines are criterion, stack, title, date, URL" \
    bash -c '! grep -qvP "^[a-z0-9-]+\t(node|python)\t[^\t]{8,}\t\d{4}-\d\d-\d\d\thttps://[^\t ]+$" <<<"$1"' _ "$R_OUT"
check "--list-sources covers every criterion for both stacks" \
    [ "$(printf '%s\n' "$R_OUT" | cut -f1,2 | sort -u | wc -l)" -eq "$((2 * ncriteria))" ]
expect_contains "--list-sources gives the cold-start measurements" "$R_OUT" \
    "$(printf 'serverless\tnode\tmaxday/lambda-perf: daily cold-start run of 2026-08-22\t2026-08-22\thttps://github.com/maxday/lambda-perf/blob/main/data/2026-08-22.json')"
run_versus --data "$DATA" --export - --format md --offline
expect_contains "the Markdown export numbers each assessment's references" "$R_OUT" \
    "   1. maxday/lambda-perf: daily cold-start run of 2026-08-22, 2026-08-22. <https://github.com/maxday/lambda-perf/blob/main/data/2026-08-22.json>"
run_versus --data "$DATA" --export - --format json --offline
check "the JSON export carries every source --list-sources prints" py '
import json, sys
d = json.loads(sys.argv[1])
n = sum(len(v) for c in d["criteria"] for v in c["sources"].values())
assert n == int(sys.argv[2]), (n, sys.argv[2])
' "$R_OUT" "$(run_versus --data "$DATA" --list-sources; printf '%s\n' "$R_OUT" | wc -l)"

# ---- the JSON export and the formula ----

# check_formula FILE: every total and contribution in the snapshot equals
# 100 * sum(w * score) / (10 * sum(w)) computed from its own weights and
# scores, and the winner is the stack with the highest total.
check_formula() {
    py '
import json, sys
d = json.load(open(sys.argv[1]))
crit = d["criteria"]
wsum = sum(c["weight"] for c in crit)
assert wsum > 0, "no weight"
best = None
for s in d["stacks"]:
    num = sum(c["weight"] * c["scores"][s["id"]] for c in crit)
    total = 100.0 * num / (10.0 * wsum)
    # printed once, to one decimal, half away from zero, from the exact total
    tenths = sum(c["weight"] * round(c["scores"][s["id"]] * 10) for c in crit)
    shown = (tenths * 10 * 2 // wsum + 1) // 2 / 10
    assert s["total"] == shown, (s["id"], s["total"], total)
    for c in crit:
        want = 100.0 * c["weight"] * c["scores"][s["id"]] / (10.0 * wsum)
        assert abs(c["contribution"][s["id"]] - want) <= 0.005 + 1e-9, (c["id"], want)
    if best is None or total > best[1]:
        best = (s["id"], total)
totals = sorted((s["total"] for s in d["stacks"]), reverse=True)
margin = totals[0] - totals[1]
assert abs(d["verdict"]["margin"] - margin) <= 0.011, (d["verdict"]["margin"], margin)
hybrid = margin < d["verdict"]["hybrid_threshold"] - 0.01
if not hybrid and margin > d["verdict"]["hybrid_threshold"] + 0.01:
    assert d["verdict"]["winner"] == best[0], d["verdict"]
if hybrid:
    assert d["verdict"]["winner"] == "hybrid", d["verdict"]
' "$1"
}

run_versus --data "$DATA" --offline --export - --format json
expect_eq "--offline --export - --format json exits 0" 0 "$R_STATUS"
printf '%s\n' "$R_OUT" > "$OUT/default.json"
check "the default snapshot's totals follow the formula" check_formula "$OUT/default.json"
check "the default snapshot has version 1, a timestamp and the data version" py '
import json, re, sys
d = json.load(open(sys.argv[1]))
assert d["versus_snapshot"] == 1
assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", d["generated_at"])
assert d["data_version"]
' "$OUT/default.json"
# The exported weights are the defaults --list-criteria states.
check "the default weights are those --list-criteria shows" py '
import json, re, sys
d = json.load(open(sys.argv[1]))
listed = {}
for line in sys.argv[2].splitlines():
    m = re.match(r"(\S+) .*\(default weight (\d+)\)$", line)
    listed[m.group(1)] = int(m.group(2))
assert listed == {c["id"]: c["weight"] for c in d["criteria"]}, listed
' "$OUT/default.json" "$criteria_list"
check "every evidence package has a bundled monthly figure" py '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["stats"], "no stats"
for s in d["stats"]:
    assert s["source"] == "bundled" and s["status"] == "ok", s
    assert isinstance(s["last_month"], int) and s["last_month"] > 0, s
    assert s["last_week"] is None and s["fetched_at"] is None and s["period"], s
    assert s["ecosystem"] in ("npm", "pypi"), s
' "$OUT/default.json"

# Each preset: its own weights, the formula, and the winner its scenario calls for.
declare -A winner=(
    [realtime-gaming]=node [social-app]=node [spa-fullstack]=node
    [fintech-analytics]=python [healthcare-ai]=python [cms-rapid]=python [hybrid]=hybrid
)
for p in balanced "${!winner[@]}"; do
    run_versus --data "$DATA" --offline --preset "$p" --export "$OUT/$p.json"
    expect_eq "--preset $p exits 0" 0 "$R_STATUS"
    check "--preset $p: totals follow the formula" check_formula "$OUT/$p.json"
    check "--preset $p is named in the snapshot" py '
import json, sys
assert json.load(open(sys.argv[1]))["preset"] == sys.argv[2]' "$OUT/$p.json" "$p"
    if [ -n "${winner[$p]:-}" ]; then
        got=$(py 'import json,sys; print(json.load(open(sys.argv[1]))["verdict"]["winner"])' \
              "$OUT/$p.json")
        expect_eq "--preset $p: the winner is ${winner[$p]}" "${winner[$p]}" "$got"
    fi
done

# --weight: the new totals are the formula over the default scores with the
# changed weights, computed here from the default snapshot alone.
run_versus --data "$DATA" --offline --weight ai-data=10 --weight full-stack=0 \
    --weight ai-data=9 --export - --format json
expect_eq "--weight exits 0" 0 "$R_STATUS"
printf '%s\n' "$R_OUT" > "$OUT/weighted.json"
check "--weight changes the totals as the formula says" py '
import json, sys
base = json.load(open(sys.argv[1]))
new = json.load(open(sys.argv[2]))
w = {c["id"]: c["weight"] for c in base["criteria"]}
w["full-stack"] = 0
w["ai-data"] = 9           # the last --weight for a criterion wins
assert {c["id"]: c["weight"] for c in new["criteria"]} == w
wsum = sum(w.values())
for s in base["stacks"]:
    tenths = sum(w[c["id"]] * round(c["scores"][s["id"]] * 10) for c in base["criteria"])
    total = (tenths * 10 * 2 // wsum + 1) // 2 / 10  # rounded once, half away from zero
    got = [t["total"] for t in new["stacks"] if t["id"] == s["id"]][0]
    assert got == total, (s["id"], got, total)
    assert abs(got - s["total"]) > 0.1, "totals did not move"
assert new["preset"] is None
' "$OUT/default.json" "$OUT/weighted.json"

run_versus --data "$DATA" --offline --preset balanced --weight ai-data=9 --export - --format json
check "--weight applies after --preset" py '
import json, sys
d = json.loads(sys.argv[1])
w = {c["id"]: c["weight"] for c in d["criteria"]}
assert w.pop("ai-data") == 9 and set(w.values()) == {5}, w
assert d["preset"] is None
' "$R_OUT"

# ---- --load round trip ----

run_versus --data "$DATA" --offline --preset fintech-analytics --weight hiring=2 --export "$OUT/a.json"
expect_eq "export for the round trip exits 0" 0 "$R_STATUS"
run_versus --data "$DATA" --offline --load "$OUT/a.json" --export "$OUT/b.json"
expect_eq "--load exits 0" 0 "$R_STATUS"
check "--load reproduces weights, totals and verdict" py '
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for d in (a, b):
    del d["generated_at"]
assert a == b, "snapshots differ"
' "$OUT/a.json" "$OUT/b.json"
run_versus --data "$DATA" --offline --preset cms-rapid --export "$OUT/c.json"
run_versus --data "$DATA" --offline --load "$OUT/c.json" --export - --format json
check "--load keeps the preset of a preset snapshot" py '
import json, sys
assert json.loads(sys.argv[1])["preset"] == "cms-rapid"' "$R_OUT"
run_versus --data "$DATA" --offline --load "$OUT/c.json" --weight hiring=0 --export - --format json
check "--weight applies after --load" py '
import json, sys
d = json.loads(sys.argv[1])
c = json.load(open(sys.argv[2]))
w = {x["id"]: x["weight"] for x in c["criteria"]}
w["hiring"] = 0
assert {x["id"]: x["weight"] for x in d["criteria"]} == w
' "$R_OUT" "$OUT/c.json"

# ---- formats ----

run_versus --data "$DATA" --offline --export "$OUT/snap.csv"
check "a .csv path gets CSV with CRLF line ends" \
    bash -c 'head -c 200 "$1" | grep -q "^criterion,title,weight," && grep -q $'"'"'\r$'"'"' "$1"' _ "$OUT/snap.csv"
npackages=$(py 'import json,sys; print(len(json.loads(sys.argv[1])["health"]))' "$("$VERSUS_BIN" --data "$DATA" --offline --export - --format json)")
check "the CSV has a row per criterion, totals, the verdict, its robustness, the weights, each runtime and each package's health" \
    [ "$(grep -c $'\r$' "$OUT/snap.csv")" -eq $((ncriteria + 5 + 2 + npackages)) ]
run_versus --data "$DATA" --offline --export "$OUT/snap.md"
check "a .md path gets Markdown" grep -q '^# versus: Node.js vs Python' "$OUT/snap.md"
check "the export file is mode 0644" [ "$(stat -c %a "$OUT/snap.md")" = 644 ]
run_versus --data "$DATA" --offline --export "$OUT/report"
check "a path without an extension gets Markdown" grep -q '^## Verdict' "$OUT/report"
run_versus --data "$DATA" --offline --export -
expect_contains "stdout gets Markdown by default" "$R_OUT" "## Criteria"
expect_contains "the Markdown export notes npm and PyPI are not like for like" "$R_OUT" \
    "Not like for like"
run_versus --data "$DATA" --offline --export "$OUT/forced.md" --format json
check "--format wins over the extension" py 'import json,sys; json.load(open(sys.argv[1]))' \
    "$OUT/forced.md"

# ---- usage errors: exit 2, one line on stderr ----

expect_usage() { # NAME ARGS...
    local name=$1; shift
    run_versus --data "$DATA" --offline "$@"
    expect_eq "$name exits 2" 2 "$R_STATUS"
    check "$name: one error line on stderr" one_error_line
}
expect_usage "an unknown option" --bogus
expect_usage "an unknown short option" -x
expect_usage "an option without its argument" --preset
expect_usage "an unknown preset" --preset nope --export -
expect_contains "the unknown preset is named" "$R_ERR" "'nope'"
expect_usage "an unknown criterion" --weight nope=3 --export -
expect_contains "the unknown criterion is named" "$R_ERR" "'nope'"
for bad in ai-data=11 ai-data=-1 ai-data=5.5 ai-data=x ai-data= ai-data =4 ai-data=+5; do
    expect_usage "--weight $bad" --weight "$bad" --export -
done
expect_usage "an unknown format" --export - --format xml
expect_usage "--format without --export" --format json
expect_usage "a stray argument" --export - extra
expect_usage "--preset with --load" --preset balanced --load "$OUT/a.json" --export -
check "a usage error writes nothing to stdout" [ -z "$R_OUT" ]

# ---- bad data: exit 65 with FILE:LINE:COLUMN ----

cp -r "$DATA" "$T_TMP/bad-data"
# the first criterion's default weight out of range
sed -i '0,/^    weight: [0-9]*$/s//    weight: 11/' "$T_TMP/bad-data/criteria.yaml"
line=$(grep -n '^    weight: 11$' "$T_TMP/bad-data/criteria.yaml" | head -1 | cut -d: -f1)
run_versus --data "$T_TMP/bad-data" --offline --export -
expect_eq "a bad data file exits 65" 65 "$R_STATUS"
check "bad data: one error line" one_error_line
check "bad data names the file, line and column" \
    matches "$R_ERR" "criteria\\.yaml:$line:[0-9]+: "
run_versus --data "$T_TMP/no-such-dir" --offline --export -
expect_eq "a missing data directory exits 65" 65 "$R_STATUS"
check "a missing data directory: one error line" one_error_line

printf '{"versus_snapshot": 1,\n  "criteria": [\n    {"id": "ai-data", "weight": 12}\n  ]\n}\n' \
    > "$OUT/bad-snapshot.json"
run_versus --data "$DATA" --offline --load "$OUT/bad-snapshot.json" --export -
expect_eq "a bad snapshot exits 65" 65 "$R_STATUS"
expect_contains "a bad snapshot is reported at its line and column" "$R_ERR" \
    "bad-snapshot.json:3:33: weight of 'ai-data' must be an integer from 0 to 10"
printf '{"versus_snapshot": 2}' > "$OUT/v2.json"
run_versus --data "$DATA" --offline --load "$OUT/v2.json" --export -
expect_eq "a snapshot of another format version exits 65" 65 "$R_STATUS"

# ---- I/O errors: exit 74, the path named ----

run_versus --data "$DATA" --offline --export "$T_TMP/no/such/dir/x.json"
expect_eq "an export into a missing directory exits 74" 74 "$R_STATUS"
expect_contains "the unwritable path is named" "$R_ERR" "$T_TMP/no/such/dir/x.json"
check "an I/O error: one error line" one_error_line
run_versus --data "$DATA" --offline --load "$T_TMP/missing.json" --export -
expect_eq "an unreadable --load file exits 74" 74 "$R_STATUS"
expect_contains "the unreadable snapshot is named" "$R_ERR" "$T_TMP/missing.json"
run_versus --data "$DATA" --offline --export "$OUT"
expect_eq "a directory as the export path exits 74" 74 "$R_STATUS"
if [ -w /dev/full ]; then
    "$VERSUS_BIN" --data "$DATA" --offline --export - > /dev/full 2>"$T_TMP/err"
    expect_eq "a full stdout exits 74" 74 "$?"
fi

# A failed export over an existing file keeps the old file whole. A write
# that fails half-way: the file size limit stops the new content (root
# cannot be kept out of a directory by its mode, but not past this limit).
printf 'the old snapshot\n' > "$OUT/keep.json"
(trap '' XFSZ; ulimit -f 0; exec "$VERSUS_BIN" --data "$DATA" --offline --export "$OUT/keep.json") \
    2>"$T_TMP/err"
expect_eq "an export cut short exits 74" 74 "$?"
expect_eq "an export cut short keeps the old file" "the old snapshot" "$(cat "$OUT/keep.json")"
check "an export cut short leaves no temporary file" \
    [ "$(find "$OUT" -name '*keep.json*' | wc -l)" -eq 1 ]
# And a directory the user may not write to, where permissions apply.
mkdir "$T_TMP/ro"
printf 'the old snapshot\n' > "$T_TMP/ro/keep.md"
chmod 0555 "$T_TMP/ro"
T_CLEANUP+=("chmod 0755 '$T_TMP/ro'")
if [ "$(id -u)" -ne 0 ]; then
    run_versus --data "$DATA" --offline --export "$T_TMP/ro/keep.md"
    expect_eq "an export into a read-only directory exits 74" 74 "$R_STATUS"
    expect_eq "a read-only directory keeps the old file" "the old snapshot" "$(cat "$T_TMP/ro/keep.md")"
else
    skip "an export into a read-only directory exits 74" "root ignores directory modes"
fi

# ---- where the data comes from ----

cp -r "$DATA" "$T_TMP/env-data"
sed -i 's/^data_version: .*/data_version: "env-test"/' "$T_TMP/env-data/settings.yaml"
VERSUS_DATA_DIR="$T_TMP/env-data" run_versus --offline --export - --format json
check "\$VERSUS_DATA_DIR is read" py '
import json, sys; assert json.loads(sys.argv[1])["data_version"] == "env-test"' "$R_OUT"
VERSUS_DATA_DIR="$T_TMP/env-data" run_versus --data "$DATA" --offline --export - --format json
check "--data wins over \$VERSUS_DATA_DIR" py '
import json, sys; assert json.loads(sys.argv[1])["data_version"] != "env-test"' "$R_OUT"
installed=$(strings "$VERSUS_BIN" 2>/dev/null | grep -m1 '^/.*/versus/data$' ||
            echo /usr/local/share/versus/data)
if [ -n "$installed" ] && [ -e "$installed/stacks.yaml" ]; then
    skip "the source tree's data is found beside the program" "an installed copy ($installed) comes first"
else
    run_versus --offline --export - --format json
    expect_eq "with no --data, the source tree's data is found from the build directory" 0 "$R_STATUS"
    check "... and it is the bundled data" py '
import json, sys; assert json.loads(sys.argv[1])["data_version"] != "env-test"' "$R_OUT"
fi

# ---- the manual page ----

man_page="$VERSUS_ROOT/versus.1"
help_options=$("$VERSUS_BIN" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u)
for opt in $help_options; do
    check "the man page documents $opt" grep -qF -- "${opt//-/\\-}" "$man_page"
done
for section in 'EXIT STATUS' ENVIRONMENT FILES; do
    check "the man page has $section" grep -q "^\.SH $section" "$man_page"
done
if command -v groff >/dev/null; then
    warnings=$(groff -man -Tutf8 -ww -z "$man_page" 2>&1)
    expect_eq "the man page renders without warnings" "" "$warnings"
else
    skip "the man page renders without warnings" "groff is not installed"
fi

t_done
