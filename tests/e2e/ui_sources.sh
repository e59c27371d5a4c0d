#!/usr/bin/env bash
# ui_sources.sh: the details show each side's sources under its rationale
# (title and date, the URL where the column has room), and i lists the
# selected criterion's sources in full, URL and note included.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

# The serverless criterion cites the daily cold-start runs on both sides.
tm_start 160 50 --offline
check "dashboard starts" tm_wait "Verdict: "
tm_keys /
tm_keys -l "cold"
tm_keys Enter
check "the search selects the cold-start criterion" tm_wait "▸Serverless and microservice cold starts"
check "details show the first source's title and date" \
    tm_wait "[1] maxday/lambda-perf: daily cold-start run of 2026-08-22, 2026-08-22"
check "details show the URL where the column has room" \
    tm_wait "https://github.com/maxday/lambda-perf/blob/main/data/2026-08-22.json"
check "the Python side shows its second source" tm_wait "[2] Lambda quotas (AWS Lambda Developer Guide)"
check "and its third" tm_wait "[3] aws/aws-sdk-pandas issue 2761"

tm_keys i
check "i opens the sources of the selected criterion" tm_wait "Sources: Serverless and microservice cold starts"
check "the list gives each source's note" tm_wait "python3.12 85 ms"
check "and its title, date and URL in full" tm_wait "[2] maxday/lambda-perf: daily cold-start run of 2025-12-23, 2025-12-23"
check "with the URL on its own line" tm_wait "https://github.com/maxday/lambda-perf/blob/main/data/2025/2025-12-23.json"
tm_keys Escape
check "Esc closes the list" tm_wait_gone "Sources: Serverless"

tm_keys '?'
check "the help lists the sources key" tm_wait "The selected criterion's sources in full"
tm_keys q
tm_wait_gone "versus help" >/dev/null

# At 80 columns the URLs do not fit beside each other: titles stay, the
# list still has them in full.
tm_resize 80 24
check "narrow: the rationales still start side by side" tm_wait "Measured daily on AWS Lambda, a"
tm_keys Tab Down Down Down Down Down Down Down Down
check "narrow: scrolling the details reaches the sources, cut to one row" tm_wait "[1] maxday/lambda-perf:…, 2026-08-22"
check "narrow: no cut URL is drawn" tm_wait_gone "https://github.com/maxday/lambda-perf/blob/main/data/2026-08-22.js"
tm_keys i
check "narrow: the list still gives the URL (wrapped)" tm_wait "https://github.com/maxday/lambda-perf/blob"
tm_keys Escape
tm_quit
t_done
