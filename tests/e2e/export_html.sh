#!/usr/bin/env bash
# export_html.sh: the HTML report. Guessed from .html and asked for with
# --format html; it parses as HTML5 (strict checks: one doctype, known
# elements, every element closed in order, unique ids, quoted attributes);
# every SVG in it is well-formed XML (xmllint --noout); it references
# nothing outside itself (no script, link, img, src, url(), @import, and
# no href but #fragments); its totals and verdict match the JSON export;
# every piece of text is escaped (a hostile title stays text); the trend
# charts have axes and a legend when daily series are known. Where Debian's
# chromium is installed, a headless screenshot of it is checked to be far
# from blank; elsewhere that check is skipped, saying so.
source "$(dirname "$0")/../lib.sh"
# One python answers every check (tests/lib.sh, py_run); tmux_lib.sh,
# sourced further down, finds it started.
py_start

CACHE="$XDG_CACHE_HOME/versus"
IFS= read -r -d '' seed_py < "$VERSUS_ROOT/tests/tools/seed_cache.py"
py_run "$seed_py" "$CACHE" \
    npm:express:540:1000000:0.5 npm:fastify:540:200000:1.0 npm:undici:30:300000:0.1 \
    pypi:uvicorn:181:400000:0.3 pypi:aiohttp:181:900000:-0.2

OUT="$T_TMP/report.html"
run_versus --offline --export "$OUT"
expect_eq "a .html path exports" 0 "$R_STATUS"
check "the format is guessed from .html" grep -q '^<!DOCTYPE html>' "$OUT"
run_versus --offline --export - --format html
expect_eq "--format html to stdout" 0 "$R_STATUS"
# The two runs may straddle a second: compare with the snapshot times blanked.
no_times() { sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/TIME/g'; }
expect_eq "stdout gets the same report" "$(no_times < "$OUT")" "$(printf '%s\n' "$R_OUT" | no_times)"
run_versus --offline --export - --format json
JSON="$T_TMP/report.json"
printf '%s\n' "$R_OUT" > "$JSON"

# strict_html FILE: an HTML5 check on Python's tokenizer.
IFS= read -r -d '' strict_html_py <<'PY'
import sys
from html.parser import HTMLParser
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
HTML5 = VOID | {"html", "head", "title", "style", "body", "header", "main", "footer", "section", "h1", "h2",
    "h3", "p", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption",
    "strong", "em", "span", "a", "code", "div"}
SVG = {"svg", "g", "rect", "line", "polyline", "text", "title"}
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.ids, self.doctype = [], [], set(), 0
    def handle_decl(self, decl):
        self.doctype += 1
        if decl.lower() != "doctype html":
            self.errors.append("doctype " + decl)
    def handle_starttag(self, tag, attrs):
        in_svg = "svg" in self.stack
        if tag not in (SVG if in_svg or tag == "svg" else HTML5):
            self.errors.append("unknown element <%s>" % tag)
        for k, v in attrs:
            if v is None:
                self.errors.append("attribute %s without a value on <%s>" % (k, tag))
            if k == "id":
                if v in self.ids:
                    self.errors.append("duplicate id " + v)
                self.ids.add(v)
        if tag not in VOID:
            self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        if "svg" not in self.stack and tag not in VOID:
            self.errors.append("self-closed <%s/> outside SVG" % tag)
        for k, v in attrs:
            if v is None:
                self.errors.append("attribute %s without a value" % k)
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("</%s> closes <%s>" % (tag, self.stack[-1] if self.stack else "nothing"))
        else:
            self.stack.pop()
text = open(sys.argv[1], encoding="utf-8").read()
p = P()
p.feed(text)
p.close()
if p.doctype != 1 or not text.startswith("<!DOCTYPE html>"):
    p.errors.append("not exactly one leading doctype")
if p.stack:
    p.errors.append("unclosed: " + " ".join(p.stack))
for e in p.errors[:10]:
    print("#   " + e)
sys.exit(1 if p.errors else 0)
PY
strict_html() { py_run "$strict_html_py" "$1"; }
check "the report parses as strict HTML5" strict_html "$OUT"

# every_svg_is_xml FILE: each <svg>...</svg> alone through xmllint --noout.
IFS= read -r -d '' split_svgs_py <<'PY'
import re, sys
svgs = re.findall(r"<svg\b.*?</svg>", open(sys.argv[1], encoding="utf-8").read(), re.S)
for i, s in enumerate(svgs):
    with open("%s/%d.svg" % (sys.argv[2], i), "w", encoding="utf-8") as f:
        f.write(s)
print(len(svgs))
PY
every_svg_is_xml() {
    local dir="$T_TMP/svgs" n f
    rm -rf "$dir"; mkdir -p "$dir"
    n=$(py_run "$split_svgs_py" "$1" "$dir")
    echo "# $n SVG figures"
    [ "$n" -ge 4 ] || return 1
    for f in "$dir"/*.svg; do
        xmllint --noout "$f" || return 1
    done
}
if command -v xmllint >/dev/null; then
    check "every SVG passes xmllint --noout (totals, contributions, one trend per stack)" every_svg_is_xml "$OUT"
else
    skip "every SVG passes xmllint --noout" "xmllint is not installed (Debian: libxml2-utils)"
fi

IFS= read -r -d '' self_contained_py <<'PY'
import re, sys
from html.parser import HTMLParser
bad = []
class P(HTMLParser):
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "link", "img", "iframe", "object", "embed", "base", "image", "use"):
            bad.append("<%s>" % tag)
        for k, v in attrs:
            if k in ("src", "srcset", "xlink:href", "action", "formaction", "poster", "background"):
                bad.append("%s=%s" % (k, v))
            if k == "href" and not (v or "").startswith("#"):
                bad.append("href=%s" % v)
            if k.startswith("on"):
                bad.append("handler " + k)
    handle_startendtag = handle_starttag
text = open(sys.argv[1], encoding="utf-8").read()
P().feed(text)
for m in re.findall(r"url\(|@import|javascript:", text, re.I):
    bad.append(m)
for b in bad[:10]:
    print("#   outside reference: " + b)
sys.exit(1 if bad else 0)
PY
self_contained() { py_run "$self_contained_py" "$1"; }
check "the report references nothing outside itself" self_contained "$OUT"

IFS= read -r -d '' totals_match_json_py <<'PY'
import html, json, re, sys
doc = open(sys.argv[1], encoding="utf-8").read()
js = json.load(open(sys.argv[2]))
got = dict(re.findall(r'<g data-stack="([^"]+)" data-total="([^"]+)"', doc))
want = {s["id"]: "%.1f" % s["total"] for s in js["stacks"]}
ok = got == want
m = re.search(r'<p class="verdict" id="verdict"(?: data-winner="([^"]*)")?>(.*?)</p>', doc, re.S)
summary = html.unescape(m.group(2)) if m else None
ok = ok and m and summary == js["verdict"]["summary"] and m.group(1) == js["verdict"]["winner"]
if not ok:
    print("#   html totals %s, json %s" % (got, want))
    print("#   html verdict %r (%r), json %r (%r)" % (summary, m and m.group(1), js["verdict"]["summary"], js["verdict"]["winner"]))
sys.exit(0 if ok else 1)
PY
totals_match_json() { py_run "$totals_match_json_py" "$1" "$2"; }
check "totals and verdict match the JSON export" totals_match_json "$OUT" "$JSON"
report=$(cat "$OUT")
expect_contains "the criteria table is there" "$report" '<section id="criteria">'
expect_contains "the robustness is there" "$report" '<p id="robustness">Of '
expect_contains "the diverging contributions chart" "$report" 'What each criterion adds'
expect_contains "a trend chart per stack, with a legend naming its packages" "$report" '>express +'
expect_contains "the trend's dates on its axis" "$report" '>2026-10-30</text>'
expect_contains "pypistats' 180 days are said" "$report" 'pypistats keeps 180 days'
expect_contains "the provenance of each figure" "$report" 'cache: fetched '
expect_contains "and the sources, numbered" "$report" '<li id="S1">S1: '
expect_contains "the note on like for like" "$report" 'Not like for like.'
expect_contains "a print-friendly light theme" "$report" '@media print'
# the same figure in the JSON and the HTML's evidence table
month=$(py_run 'import json,sys; st=[s for s in json.load(open(sys.argv[1]))["stats"] if s["package"]=="express"][0]; print("{:,}".format(st["last_month"]))' "$JSON")
expect_contains "express's month as in the JSON" "$report" "<td class=\"n\">$month</td>"

# A hostile title: markup and quotes stay text, in the HTML and in the SVG.
DATA="$T_TMP/data"
cp -r "$VERSUS_ROOT/data" "$DATA"
IFS= read -r -d '' hostile_py <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
hostile = "\"<script>alert(1)</script> & \\\"q\\\" 'x'\""
s = re.sub(r"(\n    title: )[^\n]*", lambda m: m.group(1) + hostile, s, count=1)
with open(p, "w", encoding="utf-8") as f:
    f.write(s)
PY
py_run "$hostile_py" "$DATA/criteria.yaml"
HOSTILE="$T_TMP/hostile.html"
run_versus --offline --data "$DATA" --export "$HOSTILE"
expect_eq "the hostile data exports" 0 "$R_STATUS"
check "no script element comes of it" bash -c "! grep -qi '<script' '$HOSTILE'"
expect_contains "the title is escaped" "$(cat "$HOSTILE")" '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;x&#39;'
check "the hostile report is still strict HTML5" strict_html "$HOSTILE"
if command -v xmllint >/dev/null; then
    check "and its SVGs still XML" every_svg_is_xml "$HOSTILE"
fi

# The export dialog offers HTML (its format list comes from the same table).
check "--help names html" grep -q "html" <<<"$("$VERSUS_BIN" --help)"
source "$(dirname "$0")/tmux_lib.sh"
tm_start 120 40 --offline
check "dashboard starts" tm_wait "Verdict: "
tm_keys e
check "e opens the export dialog" tm_wait "Export a snapshot"
tm_keys Down Down Down Down   # Markdown -> JSON, CSV, ADR, HTML
check "the dialog offers HTML" tm_wait "[HTML]"
check "and the path's extension follows" tm_wait ".html"
tm_keys C-u
tm_keys -l "$T_TMP/from-dialog.html"
tm_keys Enter
check "the dialog writes the report" tm_wait "exported HTML to $T_TMP/from-dialog.html"
check "the dialog's report is strict HTML5" strict_html "$T_TMP/from-dialog.html"
tm_quit

# A headless Chromium screenshot: far from blank. Debian's chromium only.
chromium_bin=$(command -v chromium || true)
if [ -z "$chromium_bin" ]; then
    skip "a headless Chromium screenshot of the report is not blank" \
        "chromium is not installed (Debian package chromium)"
else
    shot="$T_TMP/shot.png"
    # Headless, as root (no sandbox), with a fresh profile, and none of the
    # background connections a closed network refuses or stalls on. The
    # page is laid out 1024 pixels wide and drawn at half scale: a quarter
    # of the pixels to decode below, the same page on them.
    timeout 90 "$chromium_bin" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --disable-quic --no-first-run --disable-background-networking --disable-component-update \
        --disable-sync --user-data-dir="$T_TMP/chromium" --window-size=1024,2000 \
        --force-device-scale-factor=0.5 --screenshot="$shot" "file://$OUT" >/dev/null 2>&1
    IFS= read -r -d '' nonblank_py <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
pos, idat, w, h, ctype = 8, b"", 0, 0, 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
bpp = {2: 3, 6: 4}[ctype]
stride = w * bpp + 1
n = stride - 1
# Rows unfiltered whole as big integers where the filter allows (None, Sub,
# Up: byte-wise sums mod 256, carries kept apart by alternating masks);
# Average and Paeth byte by byte.
ODD = int.from_bytes((b"\xff\x00" * (n // 2 + 1))[:n], "big")
EVEN = ((1 << (8 * n)) - 1) ^ ODD
def add(x, y):
    return (((x & ODD) + (y & ODD)) & ODD) | (((x & EVEN) + (y & EVEN)) & EVEN)
prev = bytearray(n)
dark = colours = 0
seen = set()
for y in range(h):
    f, line = raw[y * stride], bytearray(raw[y * stride + 1:(y + 1) * stride])
    if f == 1:
        v, k = int.from_bytes(line, "big"), bpp
        while k < n:
            v = add(v, v >> (8 * k))
            k *= 2
        line = bytearray(v.to_bytes(n, "big"))
    elif f == 2:
        line = bytearray(add(int.from_bytes(line, "big"), int.from_bytes(prev, "big")).to_bytes(n, "big"))
    elif f == 3:
        for i in range(n):
            a = line[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + (a + prev[i]) // 2) & 255
    elif f == 4:
        for i in range(bpp):  # a = c = 0: Paeth predicts b
            line[i] = (line[i] + prev[i]) & 255
        for i in range(bpp, n):
            a, b, c = line[i - bpp], prev[i], prev[i - bpp]
            pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - c - c)  # |p-a|, |p-b|, |p-c|, p = a+b-c
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = line
    if y % 2:
        continue
    for x in range(0, w, 2):
        px = tuple(line[x * bpp:x * bpp + 3])
        if sum(px) < 600:
            dark += 1
        seen.add(px)
print("# %dx%d, %d non-white samples, %d colours" % (w, h, dark, len(seen)))
sys.exit(0 if dark > 2000 and len(seen) > 20 else 1)
PY
    nonblank() { py_run "$nonblank_py" "$1"; }
    check "a headless Chromium screenshot of the report is not blank" nonblank "$shot"
fi

t_done
