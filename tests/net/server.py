#!/usr/bin/env python3
"""server.py: a loopback stand-in for the npm downloads API and pypistats.

Serves recorded-shape replies on 127.0.0.1 (a free port, written to
--port-file), logs every request as one JSON line (--log), and injects faults
on demand from a JSON file (--faults) that it re-reads on every request, so a
test can change the server's behaviour between runs of versus.

Routes (one server plays every service):
  /downloads/range/last-month/NAMES       npm; NAMES = a,b,c or @scope/name
  /downloads/range/FIRST:LAST/NAMES       npm's history (YYYY-MM-DD:YYYY-MM-DD):
                                          at most 365 days in bulk (else 400);
                                          a single name's range is cut to the
                                          last 18 months, as npm does
  /api/packages/NAME/overall?mirrors=...  pypistats
  /api/v1/products/NAME/, /api/NAME.json  endoflife.date v1, v0 (fixtures/endoflife)
  /v3/systems/SYS/packages/NAME[/versions/V], /v3/projects/ID
                                          deps.dev (fixtures/depsdev, else
                                          synthesised; each parameter must
                                          be percent-encoded as one segment)
Replies come from tests/net/fixtures/{npm,pypi}/ when a fixture exists and
are synthesised (same shape, numbers derived from the name) otherwise.
Names starting with "missing-" (or "@missing/") are unknown packages.

Content types are the real services': npm answers JSON as
application/json; pypistats' bare "404" (and 429 page) is a Flask string,
so text/html; charset=utf-8, like the HTML pages of npm's firewall.

Fault rules: a JSON list of {"match": SUBSTRING, "fault": KIND, "times": N,
...}; the first rule whose match is in the request path (and, with
"match_all": [SUBSTRING...], every one of those too; and whose times, when
given, is not used up) applies. Kinds: npm404, pypi404, html404,
scoped400, 429 (optional "retry_after"), 403 (npm's firewall page: give
"match_all" to refuse only a combination of names), 500, stall ("seconds"), cut,
malformed, huge (10 MiB with a length), huge_stream (10 MiB, no length),
trickle ("seconds" to spread the real reply over), negative, html200,
wrong_shape, redirect. Kinds that alter the real reply's figures, for one
"package" of a bulk reply when given (else every one): missing_days (npm:
leaves "count" days, default 3, out of the list), future (npm: the period
shifted to end tomorrow, UTC; pypistats: a row dated tomorrow added),
implausible (a day of 10^14 downloads), sparse (pypistats: no rows for the
last "count" days, default 2, as for days without downloads). A rule with
"late": SECONDS and no "fault" answers as the real service does, but the
request is taken as arriving that much later (logged after the pause), as
one held up on a slow network or in a busy client would.

With --tls CERT KEY it speaks https (a self-signed certificate lets a test
check that versus verifies certificates).

The server exits by itself after --idle seconds without a request and
after --lifetime seconds in any case, so a test that dies never leaves it
behind.
"""
import argparse
import datetime
import functools
import hashlib
import json
import os
import re
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Both services' latest day is yesterday (UTC): replies end there, and the
# recorded fixtures are moved forward to end there too, so dates stay
# within what the real services would send today.
END_DAY = datetime.datetime.now(datetime.timezone.utc).date() - datetime.timedelta(days=1)
FIXTURE_END = datetime.date(2026, 10, 30)  # the day the recorded fixtures end
BULK_MAX = 128
HTML_429 = (b"<!DOCTYPE html><html><head><title>Access denied</title></head><body>"
            b"<h1>Access denied</h1><p>error code: 1015</p><p>429 RATE LIMIT EXCEEDED</p>"
            b"</body></html>\n")
HTML_429_PYPI = b'<a href="/api/#etiquette">429 RATE LIMIT EXCEEDED</a>'
HTML_403 = (b"<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head><body>"
            b"<h1>Sorry, you have been blocked</h1></body></html>\n")
JSON = "application/json; charset=utf-8"
FLASK_TEXT = "text/html; charset=utf-8"
HTML_404 = b"<html><body><h1>404 Not Found</h1><hr>nginx</body></html>\n"
# endoflife.date's 404 for an unknown product is the site's HTML page (issue #7922).
EOL_404 = (b"<!DOCTYPE html><html lang=\"en-US\"><head><title>404 - endoflife.date</title></head>"
           b"<body><h1>404</h1><p>Page not found.</p></body></html>\n")

state = {"lock": threading.Lock(), "last": time.time(), "used": {}, "faults": [],
         "faults_mtime": None}


# The synthesised figures are the same at every ask: computed once each
# (a test's fetches ask for the same few hundred series thousands of times).
@functools.lru_cache(maxsize=None)
def seed(name):
    return int(hashlib.sha256(name.encode()).hexdigest()[:8], 16)


@functools.lru_cache(maxsize=None)
def synth_daily(name, days):
    """Plausible daily counts: a base level from the name, quieter weekends
    ((day, count) pairs, shared: not to be changed)."""
    base = 2000 + seed(name) % 900000
    out = []
    for i in range(days):
        day = END_DAY - datetime.timedelta(days=days - 1 - i)
        factor = 0.55 if day.weekday() >= 5 else 1.0
        wobble = 1.0 + ((seed(name + str(i)) % 200) - 100) / 1000.0
        out.append((day, int(base * factor * wobble)))
    return tuple(out)


def moved(day):
    return (datetime.date.fromisoformat(day) + (END_DAY - FIXTURE_END)).isoformat()


@functools.lru_cache(maxsize=None)
def fixture_text(path):
    """A recorded reply's bytes, read once (None: no such fixture)."""
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


def fixture(kind, name):
    safe = name.replace("/", "__")
    path = os.path.join(ARGS.fixtures, kind, safe + ".json")
    text = fixture_text(path)
    if text is None:
        return None
    rec = json.loads(text)
    if kind == "npm":
        rec["start"], rec["end"] = moved(rec["start"]), moved(rec["end"])
        for row in rec["downloads"]:
            row["day"] = moved(row["day"])
    else:
        for row in rec["data"]:
            row["date"] = moved(row["date"])
    return rec


def missing(name):
    return name.startswith("missing-") or name.startswith("@missing/")


def npm_one(name):
    if missing(name):
        return None
    rec = fixture("npm", name)
    if rec is not None:
        return rec
    daily = synth_daily(name, 30)
    return {"downloads": [{"downloads": n, "day": d.isoformat()} for d, n in daily],
            "end": daily[-1][0].isoformat(), "package": name, "start": daily[0][0].isoformat()}


def npm_days(name, first, last):
    """The npm record of name for the days first..last: the last-month
    reply's figures where it has them, synthesised before."""
    if missing(name):
        return None
    month = npm_one(name)
    known = {row["day"]: row["downloads"] for row in month["downloads"]}
    # Older days at the month's own level, so a chart shows no false jump.
    base = sum(known.values()) // max(len(known), 1) or 2000 + seed(name) % 900000
    rows = []
    day = first
    while day <= last:
        iso = day.isoformat()
        if iso in known:
            n = known[iso]
        else:
            factor = 0.55 if day.weekday() >= 5 else 1.0
            n = int(base * factor * (1.0 + ((seed(name + iso) % 200) - 100) / 1000.0))
        rows.append({"downloads": n, "day": iso})
        day += datetime.timedelta(days=1)
    return {"downloads": rows, "end": last.isoformat(), "package": name, "start": first.isoformat()}


def pypi_overall(name, mirrors):
    rec = fixture("pypi", name)
    if rec is None:
        daily = synth_daily(name, 180)
        rows = [{"category": "without_mirrors", "date": d.isoformat(), "downloads": n} for d, n in daily]
        rows += [{"category": "with_mirrors", "date": d.isoformat(), "downloads": n + n // 20}
                 for d, n in daily]
        rec = {"data": rows, "package": name, "type": "overall_downloads"}
    rows = rec["data"]
    if mirrors == "false":
        rows = [r for r in rows if r["category"] == "without_mirrors"]
    elif mirrors == "true":
        rows = [r for r in rows if r["category"] == "with_mirrors"]
    return {"data": rows, "package": rec["package"], "type": rec["type"]}


def pep503(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def eol_reply(path):
    """endoflife.date: v1 /api/v1/products/NAME/ or v0 /api/NAME.json, from
    the recorded replies; an unknown product gets the site's HTML 404."""
    m = re.fullmatch(r"/api/v1/products/([a-z0-9.-]+)/?", path)
    v0 = re.fullmatch(r"/api/([a-z0-9.-]+)\.json", path)
    if not m and not v0:
        return None
    name = (m or v0).group(1) + ("" if m else ".v0")
    try:
        with open(os.path.join(ARGS.fixtures, "endoflife", name + ".json"), "rb") as f:
            return 200, f.read(), JSON
    except FileNotFoundError:
        return 404, EOL_404, "text/html; charset=utf-8"


def depsdev_fixture(kind, key):
    try:
        with open(os.path.join(ARGS.fixtures, "depsdev", "%s.%s.json" % (kind, key.replace("/", "__"))), "rb") as f:
            return json.loads(f.read())
    except FileNotFoundError:
        return None


def synth_version(system, name):
    s = seed(name)
    return "%d.%d.%d" % (1 + s % 9, s % 23, s % 7), (END_DAY - datetime.timedelta(days=s % 400)).isoformat()


def synth_repo(name):
    return "github.com/loopback-test/" + re.sub(r"[^a-z0-9.-]+", "-", name.lower()).strip("-")


def depsdev_reply(raw):
    """deps.dev v3: each path parameter must come percent-encoded as one
    segment (as the real service routes them); unknown names get its short
    plain-text 404."""
    segs = raw.split("/")
    if len(segs) < 3 or segs[1] != "v3":
        return None
    parts = [urllib.parse.unquote(x) for x in segs[2:]]
    not_found = (404, b"Package not found", "text/plain; charset=utf-8")
    if len(parts) == 4 and parts[0] == "systems" and parts[2] == "packages":
        system, name = parts[1], parts[3]
        if system not in ("NPM", "PYPI") or missing(name):
            return not_found
        rec = depsdev_fixture("package", name)
        if rec is None:
            version, day = synth_version(system, name)
            rec = {"packageKey": {"system": system, "name": name}, "versions": [
                {"versionKey": {"system": system, "name": name, "version": "0.9.0"},
                 "publishedAt": "2024-01-02T03:04:05Z", "isDefault": False, "isDeprecated": False},
                {"versionKey": {"system": system, "name": name, "version": version},
                 "publishedAt": day + "T10:00:00Z", "isDefault": True, "isDeprecated": False}]}
        return 200, json.dumps(rec, separators=(",", ":")).encode(), JSON
    if len(parts) == 6 and parts[0] == "systems" and parts[2] == "packages" and parts[4] == "versions":
        system, name, version = parts[1], parts[3], parts[5]
        if missing(name):
            return not_found
        rec = depsdev_fixture("version", name)
        if rec is None:
            want, day = synth_version(system, name)
            if version != want:
                return 404, b"Version not found", "text/plain; charset=utf-8"
            s = seed(name)
            repo = synth_repo(name)
            rec = {"versionKey": {"system": system, "name": name, "version": version},
                   "publishedAt": day + "T10:00:00Z", "isDefault": True, "isDeprecated": False,
                   "licenses": [["MIT", "Apache-2.0", "BSD-3-Clause"][s % 3]],
                   "advisoryKeys": [{"id": "GHSA-test-%04d" % (s % 10000)}] if s % 3 == 0 else [],
                   "links": [{"label": "SOURCE_REPO", "url": "https://" + repo}],
                   "slsaProvenances": [], "attestations": [], "registries": [],
                   "relatedProjects": [{"projectKey": {"id": repo}, "relationProvenance": "UNVERIFIED_METADATA",
                                        "relationType": "SOURCE_REPO"}]}
        elif rec["versionKey"]["version"] != version:
            return 404, b"Version not found", "text/plain; charset=utf-8"
        return 200, json.dumps(rec, separators=(",", ":")).encode(), JSON
    if len(parts) == 2 and parts[0] == "projects":
        pid = parts[1]
        rec = depsdev_fixture("project", pid)
        if rec is None:
            if not pid.startswith("github.com/loopback-test/"):
                return 404, b"Project not found", "text/plain; charset=utf-8"
            s = seed(pid)
            rec = {"projectKey": {"id": pid}, "openIssuesCount": s % 300, "starsCount": s % 90000,
                   "forksCount": s % 9000, "license": "MIT", "description": "", "homepage": "",
                   "scorecard": {"date": "2026-11-23T00:00:00Z", "repository": {"name": pid, "commit": "0" * 40},
                                 "scorecard": {"version": "v5.3.0", "commit": "0" * 40}, "checks": [],
                                 "overallScore": (s % 90) / 10.0, "metadata": []}}
        return 200, json.dumps(rec, separators=(",", ":")).encode(), JSON
    return 404, b"Not Found", "text/plain; charset=utf-8"


def load_faults():
    if not ARGS.faults:
        return []
    try:
        mtime = os.stat(ARGS.faults).st_mtime_ns
    except FileNotFoundError:
        state["faults"], state["faults_mtime"] = [], None
        return []
    if mtime != state["faults_mtime"]:
        with open(ARGS.faults) as f:
            text = f.read()
        state["faults"] = json.loads(text) if text.strip() else []
        state["faults_mtime"] = mtime
        state["used"] = {}
    return state["faults"]


def pick_fault(path):
    with state["lock"]:
        for i, rule in enumerate(load_faults()):
            if rule.get("match", "") not in path:
                continue
            if not all(m in path for m in rule.get("match_all", [])):
                continue
            times = rule.get("times")
            used = state["used"].get(i, 0)
            if times is not None and used >= times:
                continue
            state["used"][i] = used + 1
            return rule
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "loopback-stats/1"
    # Headers and body go out in two writes: with Nagle's algorithm the
    # second waited for the client's delayed ACK, some 40 ms a reply.
    disable_nagle_algorithm = True

    def log_message(self, fmt, *args):
        pass

    def log_request_line(self, fault):
        entry = {"t": time.time(), "path": self.path, "port": self.client_address[1],
                 "ua": self.headers.get("User-Agent", ""), "fault": fault.get("fault") if fault else None}
        with state["lock"]:
            state["last"] = time.time()
            if ARGS.log:
                with open(ARGS.log, "a") as f:
                    f.write(json.dumps(entry) + "\n")

    def send(self, status, body, ctype=JSON, extra=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def send_json(self, status, obj):
        self.send(status, json.dumps(obj, separators=(",", ":")).encode())

    def real_reply(self):
        """(status, body bytes, content type) as the real service would answer."""
        url = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(url.path)
        query = urllib.parse.parse_qs(url.query)
        m = re.fullmatch(r"/downloads/range/(\d{4}-\d\d-\d\d):(\d{4}-\d\d-\d\d)/(.+)", path)
        if m:
            first = datetime.date.fromisoformat(m.group(1))
            last = datetime.date.fromisoformat(m.group(2))
            names = m.group(3)
            if last < first or last > END_DAY:
                return 400, b'{"error":"end date > start date"}', JSON
            if "," in names:
                parts = names.split(",")
                if len(parts) > BULK_MAX:
                    return 400, b'{"error":"exceeded max bulk size of 128"}', JSON
                if any(p.startswith("@") for p in parts):
                    return (400, b'{"error":"scoped packages are not currently supported in bulk lookups"}',
                            JSON)
                if (last - first).days + 1 > 365:
                    return 400, b'{"error":"range is limited to 365 days in bulk lookups"}', JSON
                return 200, json.dumps({p: npm_days(p, first, last) for p in parts}).encode(), JSON
            first = max(first, END_DAY - datetime.timedelta(days=547))
            rec = npm_days(names, first, last)
            if rec is None:
                return 404, json.dumps({"error": "package %s not found" % names}).encode(), JSON
            return 200, json.dumps(rec).encode(), JSON
        npm_prefix = "/downloads/range/last-month/"
        if path.startswith(npm_prefix):
            names = path[len(npm_prefix):]
            if "," in names:
                parts = names.split(",")
                if len(parts) > BULK_MAX:
                    return 400, b'{"error":"exceeded max bulk size of 128"}', JSON
                if any(p.startswith("@") for p in parts):
                    return (400, b'{"error":"scoped packages are not currently supported in bulk lookups"}',
                            JSON)
                return 200, json.dumps({p: npm_one(p) for p in parts}).encode(), JSON
            rec = npm_one(names)
            if rec is None:
                return 404, json.dumps({"error": "package %s not found" % names}).encode(), JSON
            return 200, json.dumps(rec).encode(), JSON
        m = re.fullmatch(r"/api/packages/([^/]+)/overall", path)
        if m:
            name = m.group(1)
            # The real service does not normalise: only the canonical name is found.
            if missing(name) or name != pep503(name):
                return 404, b"404", FLASK_TEXT
            mirrors = query.get("mirrors", [None])[0]
            return 200, json.dumps(pypi_overall(name, mirrors), sort_keys=True).encode() + b"\n", JSON
        eol = eol_reply(path)
        if eol is not None:
            return eol
        deps = depsdev_reply(url.path)
        if deps is not None:
            return deps
        return 404, HTML_404, "text/html"

    def do_GET(self):
        fault = pick_fault(self.path)
        if fault and "late" in fault:
            time.sleep(min(float(fault["late"]), 10))
        self.log_request_line(fault)
        time.sleep(ARGS.latency)  # a far-away service, for the benchmark
        try:
            self.answer(fault)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def answer(self, fault):
        kind = fault.get("fault") if fault else None
        if kind is None:
            status, body, ctype = self.real_reply()
            self.send(status, body, ctype)
        elif kind == "npm404":
            self.send_json(404, {"error": "package not found"})
        elif kind == "pypi404":
            self.send(404, b"404", FLASK_TEXT)
        elif kind == "html404":
            self.send(404, HTML_404, "text/html")
        elif kind == "scoped400":
            self.send_json(400, {"error": "scoped packages are not currently supported in bulk lookups"})
        elif kind == "429":
            extra = {"Retry-After": str(fault["retry_after"])} if "retry_after" in fault else None
            pypi = self.path.startswith("/api/")
            self.send(429, HTML_429_PYPI if pypi else HTML_429, FLASK_TEXT if pypi else "text/html; charset=UTF-8",
                      extra)
        elif kind == "403":
            self.send(403, HTML_403, "text/html; charset=UTF-8")
        elif kind == "500":
            self.send(500, b"Internal Server Error\n", "text/plain")
        elif kind == "stall":
            # Say nothing for a while, then hang up: the client's timeout must fire first.
            time.sleep(min(float(fault.get("seconds", 5)), 30))
            self.close_connection = True
        elif kind == "cut":
            status, body, ctype = self.real_reply()
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
        elif kind == "malformed":
            status, body, ctype = self.real_reply()
            self.send(200, body[: len(body) // 2] + b"\n", JSON)
        elif kind in ("huge", "huge_stream"):
            size = 10 * 1024 * 1024
            self.send_response(200)
            self.send_header("Content-Type", JSON)
            if kind == "huge":
                self.send_header("Content-Length", str(size))
            else:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            chunk = b"[" + b"1," * 32767 + b"1"
            sent = 0
            while sent < size:
                piece = chunk[: size - sent]
                self.wfile.write(piece)
                sent += len(piece)
        elif kind == "trickle":
            status, body, ctype = self.real_reply()
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.flush()
            steps = 20
            pause = min(float(fault.get("seconds", 1)), 10) / steps
            step = max(1, -(-len(body) // steps))
            for i in range(0, len(body), step):
                self.wfile.write(body[i:i + step])
                self.wfile.flush()
                time.sleep(pause)
        elif kind == "negative":
            status, body, ctype = self.real_reply()
            text = re.sub(rb'"downloads": ?(\d+)', rb'"downloads": -\1', body, count=3)
            self.send(200, text, JSON)
        elif kind in ("missing_days", "future", "implausible", "sparse"):
            status, body, ctype = self.real_reply()
            obj = json.loads(body)
            npm = self.path.startswith("/downloads/")
            if npm and "downloads" not in obj:  # a bulk reply: one entry per name
                obj = {k: alter(kind, fault, v, True) for k, v in obj.items()}
            else:
                obj = alter(kind, fault, obj, npm)
            self.send(status, json.dumps(obj, sort_keys=not npm).encode(), ctype)
        elif kind == "html200":
            self.send(200, b"<html><body>maintenance</body></html>", "text/html")
        elif kind == "wrong_shape":
            self.send_json(200, [1, 2, 3])
        elif kind == "redirect":
            self.send(302, b"", "text/plain", {"Location": "http://example.invalid/elsewhere"})
        else:
            self.send(500, b"unknown fault kind\n", "text/plain")


def alter(kind, fault, rec, npm):
    """Changes one package's real reply (a dict) the way the fault says."""
    if rec is None or fault.get("package", rec.get("package")) != rec.get("package"):
        return rec
    tomorrow = datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=1)
    rows = rec["downloads"] if npm else [r for r in rec["data"] if r["category"] == "without_mirrors"]
    if kind == "missing_days" and npm:
        count = int(fault.get("count", 3))
        mid = len(rows) // 2
        del rows[mid:mid + count]
    elif kind == "future" and npm:
        shift = tomorrow - datetime.date.fromisoformat(rec["end"])
        for r in rows:
            r["day"] = (datetime.date.fromisoformat(r["day"]) + shift).isoformat()
        rec["start"] = (datetime.date.fromisoformat(rec["start"]) + shift).isoformat()
        rec["end"] = tomorrow.isoformat()
    elif kind == "future":
        rec["data"].append({"category": "without_mirrors", "date": tomorrow.isoformat(), "downloads": 5})
    elif kind == "implausible":
        rows[len(rows) // 2]["downloads"] = 10 ** 14
    elif kind == "sparse" and not npm:
        last = sorted({r["date"] for r in rows})[-int(fault.get("count", 2)):]
        rec["data"] = [r for r in rec["data"] if r["date"] not in last]
    return rec


def watchdog(server):
    start = time.time()
    while True:
        time.sleep(0.2)
        now = time.time()
        with state["lock"]:
            idle = now - state["last"]
        if idle > ARGS.idle or now - start > ARGS.lifetime:
            server.shutdown()
            return


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("--port-file", required=True)
    p.add_argument("--log")
    p.add_argument("--faults")
    p.add_argument("--fixtures", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures"))
    p.add_argument("--idle", type=float, default=60)
    p.add_argument("--lifetime", type=float, default=240)
    p.add_argument("--latency", type=float, default=0, help="seconds to wait before every reply")
    p.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"), help="serve https with this certificate")
    ARGS = p.parse_args()
    ThreadingHTTPServer.request_queue_size = 128  # bursts of connections must not be dropped
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if ARGS.tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(ARGS.tls[0], ARGS.tls[1])
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    tmp = ARGS.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, ARGS.port_file)
    threading.Thread(target=watchdog, args=(server,), daemon=True).start()
    server.serve_forever(poll_interval=0.1)
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
