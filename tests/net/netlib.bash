# tests/net/netlib.bash: helpers for the network tests (source it after
# tests/lib.sh). Starts the loopback stats server on a free port, points
# versus at it, writes fault rules, and runs the fetch probe.
# Not named *.sh: the runner runs every tests/net/*.sh as a test.

NET_SERVER="$VERSUS_ROOT/tests/net/server.py"
NET_PROBE="$VERSUS_BUILD/tools/fetch_probe"
if [ ! -x "$NET_PROBE" ]; then
    not_ok "fetch_probe is built ($NET_PROBE)"
    exit 1
fi

# start_server [SERVER ARGS...]: sets S_DIR, S_PORT, S_LOG (one JSON line per request) and
# S_FAULTS, exports VERSUS_NPM_API / VERSUS_PYPI_API / VERSUS_EOL_API /
# VERSUS_DEPSDEV_API. The last two say localhost: libcurl then keeps their
# connections apart from the download services' (as the real, distinct
# hosts are), and "npm: one connection" still measures npm's own. The server stops
# itself when idle, and the test's cleanup kills it in any case.
start_server() {
    S_DIR=$(mktemp -d "$T_TMP/server.XXXXXX")
    S_LOG="$S_DIR/requests.log"
    S_FAULTS="$S_DIR/faults.json"
    : > "$S_LOG"
    echo '[]' > "$S_FAULTS"
    # The interpreter itself, not tests/lib.sh's python3 function: $! must
    # be the server's pid, for the cleanup to stop it.
    "$VERSUS_PYTHON" -S "$NET_SERVER" --port-file "$S_DIR/port" --log "$S_LOG" --faults "$S_FAULTS" \
        --idle 60 --lifetime 280 "$@" &
    S_PID=$!
    T_CLEANUP+=("kill $S_PID")
    local i
    for i in $(seq 100); do
        [ -s "$S_DIR/port" ] && break
        t_sleep 0.1
    done
    S_PORT=$(cat "$S_DIR/port" 2>/dev/null)
    if [ -z "$S_PORT" ]; then
        not_ok "the loopback server started"
        exit 1
    fi
    export VERSUS_NPM_API="http://127.0.0.1:$S_PORT" VERSUS_PYPI_API="http://127.0.0.1:$S_PORT/api" \
        VERSUS_EOL_API="http://localhost:$S_PORT/api" VERSUS_DEPSDEV_API="http://localhost:$S_PORT"
}

# set_faults JSON: replaces the server's fault rules (atomically, so the
# server never reads half a file).
set_faults() {
    printf '%s\n' "$1" > "$S_FAULTS.tmp" && mv "$S_FAULTS.tmp" "$S_FAULTS"
}

# requests: the number of requests the server has seen; requests_matching TEXT
requests() { local lines; mapfile -t lines < "$S_LOG"; echo "${#lines[@]}"; }
requests_matching() { grep -cF -- "$1" "$S_LOG"; }
# wait_requests N: true once the server has logged at least N requests
# (a request versus has sent may still be on its way), false after 30 s.
wait_requests() {
    local deadline=$((SECONDS + 30))
    while [ "$(requests)" -lt "$1" ]; do
        [ $SECONDS -gt "$deadline" ] && return 1
        t_sleep 0.05
    done
}

# free_port: a port nobody listens on (bound, then released).
free_port() {
    py_run 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# fast_data DIR: a data directory whose sources.yaml has short timeouts and
# lifted rate limits, so fault tests stay quick; and a headless --fetch
# waits out what limits remain on a clock that skips (VERSUS_TEST_CLOCK,
# honoured only while every source is on loopback).
fast_data() {
    export VERSUS_TEST_CLOCK=skip
    mkdir -p "$1"
    sed -e 's/connect_timeout: .*/connect_timeout: 1s/' -e 's/    timeout: .*/    timeout: 2s/' \
        -e 's/per_second: .*/per_second: 100/' -e 's/per_minute: .*/per_minute: 6000/' \
        -e 's/connections: .*/connections: 4/' -e 's/interval: .*/interval: 0ms/' \
        "$VERSUS_ROOT/data/sources.yaml" > "$1/sources.yaml"
}

# serve_fast_data: the loopback server started and a copy of the shipped
# data, with fast_data's limits, in $DATA; TM_ENV passes every source's
# override to a dashboard started in tmux.
serve_fast_data() {
    start_server
    DATA="$T_TMP/data"
    cp -r "$VERSUS_ROOT/data" "$DATA"
    fast_data "$DATA"
    TM_ENV="VERSUS_NPM_API=$VERSUS_NPM_API VERSUS_PYPI_API=$VERSUS_PYPI_API VERSUS_EOL_API=$VERSUS_EOL_API VERSUS_DEPSDEV_API=$VERSUS_DEPSDEV_API"
}

# probe ARGS...: runs the fetch probe; its output goes to P_OUT. A failed or
# leaking run (ASan exits 99) is a test failure of its own.
probe() {
    P_OUT=$("$NET_PROBE" "$@" 2>"$T_TMP/probe.err")
    local status=$?
    if [ $status -ne 0 ]; then
        not_ok "fetch_probe $* exited $status"
        sed 's/^/#   /' "$T_TMP/probe.err" | head -n 30
    fi
}

# field ECO NAME KEY: the value of KEY on the probe's line for ECO NAME
# (the first line that has "ECO NAME status="). In the shell: the tests ask
# it hundreds of times.
FIELD_KEYS=(status source week month days end period detail retry_in first last origin)
field() {
    local line found="" v k cut
    while IFS= read -r line; do
        if [[ $line == *"$1 $2 status="* ]]; then found=1 && break; fi
    done <<<"$P_OUT"
    [ -n "$found" ] || return 0
    line="status=${line#* status=}"
    # the last " KEY=" (or KEY= at the start) ...
    if [[ $line == *" $3="* ]]; then
        v=${line##* "$3"=}
    elif [[ $line == "$3="* ]]; then
        v=${line#"$3"=}
    else
        v=$line
    fi
    # ... to the next " key=" (details hold spaces)
    for k in "${FIELD_KEYS[@]}"; do
        cut=${v%% "$k"=*}
        [ ${#cut} -lt ${#v} ] && v=$cut
    done
    printf '%s\n' "$v"
}

# status_line: the probe's final header line.
status_line() {
    local line
    while IFS= read -r line; do
        [[ $line == "line "* ]] && printf '%s\n' "${line#line }"
    done <<<"$P_OUT"
    return 0
}
