#!/usr/bin/env bash
# tests/net/ui_refresh.sh: a refresh's message on the status line lasts as
# long as its work. One where every package fails ends saying so
# ("98 look-ups failed: offline": downloads, support windows and package
# health),
# and a refresh held back by the rate limit says it is waiting and until
# when. The start-up refresh reports its end too.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/netlib.bash"
source "$VERSUS_ROOT/tests/e2e/tmux_lib.sh"

# status_row: the status line (second row from the bottom).
status_row() { tm_screen | tail -n 2 | head -n 1; }
# wait_status REGEX: until the status line matches.
wait_status() {
    local deadline=$((SECONDS + ${2:-$TM_TIMEOUT}))
    until status_row | grep -qE -- "$1"; do
        [ $SECONDS -le $deadline ] || { echo "# status line: $(status_row)"; return 1; }
        t_sleep 0.1
    done
}

# A first refresh also asks for each runtime's support window and each
# package's health: every one of those fails too.
njobs=$(py_run 'import json,sys; d = json.loads(sys.argv[1]); print(len(d["stats"]) + len(d["runtimes"]) + len(d["health"]))' \
    "$("$VERSUS_BIN" --offline --export - --format json)")

# Nothing listens on the port: every package fails, offline.
DATA="$T_TMP/data"
cp -r "$VERSUS_ROOT/data" "$DATA"
fast_data "$DATA"
port=$(free_port)
TM_ENV="VERSUS_NPM_API=http://127.0.0.1:$port VERSUS_PYPI_API=http://127.0.0.1:$port/api"
tm_start 120 40 --data "$DATA"
check "dashboard starts" tm_wait "Verdict: "
check "the start-up refresh ends saying what happened" wait_status "^ $njobs look-ups failed: offline *\$"
check "the header says offline and which figures show" tm_wait "bundled, offline"
tm_keys u
check "an all-failed refresh ends saying what happened" wait_status "^ $njobs look-ups failed: offline *\$"
check "and no longer says it is refreshing" tm_wait_gone "refreshing"
tm_quit

# A second refresh inside the minute: pypistats allows 30 requests a minute
# here, the first refresh took 24 of them, so the second (u asks for every
# download again; the support windows and package health are still fresh
# and are not asked) has to wait.
start_server
ndownloads=$(py_run 'import json,sys; print(len(json.loads(sys.argv[1])["stats"]))' \
    "$("$VERSUS_BIN" --offline --export - --format json)")
npypi=$(py_run 'import json,sys; print(len({s["package"] for s in json.loads(sys.argv[1])["stats"] if s["ecosystem"] == "pypi"}))' \
    "$("$VERSUS_BIN" --offline --export - --format json)")
sed -i -e "/id: pypistats/,/id: endoflife/ s/per_minute: .*/per_minute: $((npypi + 4))/" \
    -e "/id: pypistats/,/id: endoflife/ s/per_second: .*/per_second: 10/" "$DATA/sources.yaml"
rm -rf "$XDG_CACHE_HOME"
TM_ENV="VERSUS_NPM_API=$VERSUS_NPM_API VERSUS_PYPI_API=$VERSUS_PYPI_API"
tm_start 120 40 --data "$DATA"
check "dashboard starts with a server" tm_wait "Verdict: "
check "the first refresh ends" tm_wait "stats: live"
check "the start-up refresh says it ended and what it did" wait_status "^ refreshed $njobs look-ups *\$"
tm_keys u
check "the second refresh waits for the rate limit and says until when" \
    wait_status "refreshing $ndownloads look-ups: [0-9]+ done; waiting for the rate limit until [0-9]{2}:[0-9]{2}:[0-9]{2}"
tm_quit

t_done
