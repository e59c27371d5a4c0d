#!/usr/bin/env python3
"""seed_cache.py: writes versus cache records with long daily series, so
the trend chart can be tested offline on known figures.

  seed_cache.py CACHE_DIR ECO:PACKAGE:DAYS:BASE:GROWTH[:STATUS] ...

Each record ends its series on --end (default 2026-10-30) and holds DAYS
daily values: BASE rising (or falling) linearly by GROWTH (a fraction, e.g.
0.5 = +50% over the series), with weekends at 60%. STATUS (default ok)
sets the record's last answer (ok, not found, rate-limited). Fetched now,
so the figures are fresh. File names follow src/cache/cache.c."""
import argparse
import datetime
import json
import os
import time


def encode(s):
    out = []
    for i, ch in enumerate(s.encode()):
        c = chr(ch)
        plain = c.isascii() and (c.isalnum() or c == "-" or (c == "." and i > 0 and s[i - 1] != "."))
        out.append(c if plain else "%%%02X" % ch)
    return "".join(out)


def series(days, base, growth, end):
    out = []
    for i in range(days):
        day = end - datetime.timedelta(days=days - 1 - i)
        level = base * (1 + growth * i / max(days - 1, 1))
        if day.weekday() >= 5:
            level *= 0.6
        out.append(int(level))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cache_dir")
    ap.add_argument("specs", nargs="+")
    ap.add_argument("--end", default="2026-10-30")
    args = ap.parse_args()
    end = datetime.date.fromisoformat(args.end)
    os.makedirs(args.cache_dir, mode=0o700, exist_ok=True)
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    for spec in args.specs:
        parts = spec.split(":")
        eco, pkg, days, base, growth = parts[0], parts[1], int(parts[2]), float(parts[3]), float(parts[4])
        status = parts[5] if len(parts) > 5 else "ok"
        daily = series(days, base, growth, end)
        first = end - datetime.timedelta(days=29)
        rec = {
            "versus_cache": 1, "ecosystem": eco, "package": pkg, "status": status,
            "detail": None if status == "ok" else status, "checked_at": now, "retry_at": None,
            "figures": {
                "last_week": sum(daily[-7:]), "last_month": sum(daily[-30:]), "daily": daily,
                "series_end": end.isoformat(), "period": "%s..%s" % (first.isoformat(), end.isoformat()),
                "url": "http://127.0.0.1/seeded/%s" % pkg, "fetched_at": now,
            },
        }
        path = os.path.join(args.cache_dir, "%s_%s.json" % (encode(eco), encode(pkg)))
        with open(path + ".tmp", "w") as f:
            json.dump(rec, f, indent=1)
            f.write("\n")
        os.chmod(path + ".tmp", 0o600)
        os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
