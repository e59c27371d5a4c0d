#!/usr/bin/env python3
"""paced_curl.py: the fetch floor at the shipped limits. Sends each
source's requests with one curl per request, as early as that source's
limits in sources.yaml allow: at most `connections` in flight, at most
`per_second` started in any 1 s and `per_minute` in any 60 s (exact
windows), and at least `interval` before each start, counted from the
later of the previous request's start and the end of the last reply (npm's
2 s pace, as sources.yaml defines it), each source alongside the others,
as versus runs them. Prints the wall time in microseconds.

  paced_curl.py SOURCES_YAML SOURCE_ID=URL_FILE ...

A source without a limit in the file is unlimited on that count."""
import re
import subprocess
import sys
import threading
import time
from collections import deque


UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def limits(path):
    """{source id: {connections, per_second, per_minute, interval}} from
    sources.yaml; interval in seconds, from a duration such as 2s or 500ms."""
    out, cur = {}, None
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].rstrip()
        m = re.match(r"\s*-\s*id:\s*(\S+)", line)
        if m:
            cur = out.setdefault(m.group(1).strip("\"'"), {})
            continue
        if cur is None:
            continue
        m = re.match(r"\s+(connections|per_second|per_minute):\s*([0-9]+)\s*$", line)
        if m:
            cur[m.group(1)] = int(m.group(2))
            continue
        m = re.match(r"\s+interval:\s*\"?([0-9]+)(ms|s|m|h|d)\"?\s*$", line)
        if m:
            cur["interval"] = int(m.group(1)) * UNITS[m.group(2)]
        elif re.match(r"\s+interval:", line):
            sys.exit("paced_curl.py: %s: cannot read %r" % (path, line.strip()))
    return out


def run_source(urls, lim):
    conns = threading.Semaphore(lim.get("connections", 1 << 20))
    starts = deque()
    ends = [0.0]  # the last reply's end
    workers = []
    for url in urls:
        conns.acquire()
        while True:
            now = time.monotonic()
            wait = 0.0
            for window, n in ((1.0, lim.get("per_second")), (60.0, lim.get("per_minute"))):
                if n:
                    recent = [t for t in starts if t > now - window]
                    if len(recent) >= n:
                        wait = max(wait, recent[-n] + window - now)
            if lim.get("interval") and starts:
                wait = max(wait, max(starts[-1], ends[0]) + lim["interval"] - now)
            if wait <= 0:
                break
            time.sleep(wait)
        starts.append(time.monotonic())
        while len(starts) > 1000:
            starts.popleft()

        def one(u=url):
            subprocess.run(["curl", "-s", "-o", "/dev/null", u], check=False)
            ends[0] = max(ends[0], time.monotonic())
            conns.release()

        t = threading.Thread(target=one)
        t.start()
        workers.append(t)
    for t in workers:
        t.join()


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    lims = limits(sys.argv[1])
    jobs = []
    for arg in sys.argv[2:]:
        sid, path = arg.split("=", 1)
        urls = [l.strip() for l in open(path) if l.strip()]
        jobs.append(threading.Thread(target=run_source, args=(urls, lims.get(sid, {}))))
    t0 = time.monotonic()
    for j in jobs:
        j.start()
    for j in jobs:
        j.join()
    print(int((time.monotonic() - t0) * 1e6))


if __name__ == "__main__":
    main()
