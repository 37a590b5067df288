"""Per-word cost and peak memory of one long text, at several sizes.

    python benchmarks/long_text.py ../shared/corpora/bbc-news/bbc --sizes 10k,100k,1m,5m

Each size runs in its own process (so peak memory is that size's), on a text made by joining BBC
articles until it reaches the size. Reports µs per whitespace word for the parse alone and for the
whole extraction, peak resident memory, and each size's cost relative to the smallest.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

UNITS = {"k": 1_000, "m": 1_000_000}


def size(s: str) -> int:
    s = s.strip().lower()
    return int(float(s[:-1]) * UNITS[s[-1]]) if s[-1] in UNITS else int(s)


def build_text(folder: Path, chars: int) -> str:
    parts: list[str] = []
    n = 0
    files = sorted(p for p in folder.rglob("*.txt") if p.name[0].isdigit())
    i = 0
    while n < chars:
        t = files[i % len(files)].read_text(encoding="latin-1")
        parts.append(t)
        n += len(t) + 2
        i += 1
    return "\n\n".join(parts)[:chars]


def one(folder: Path, chars: int, parse_only: bool) -> dict:
    from tocsin.nlp import load_pipeline, parse
    from tocsin.pipeline import extract_doc, make_article

    nlp = load_pipeline()
    warm = make_article("Russian troops shelled Kharkiv on Monday, officials in Kyiv said.", published="2022-02-20")
    extract_doc(warm, parse(nlp, warm.text))  # loads the gazetteer and knowledge outside the timing
    text = build_text(folder, chars)
    words = len(text.split())
    art = make_article(text)
    t0 = time.perf_counter()
    doc = parse(nlp, art.text)
    parse_s = time.perf_counter() - t0
    extract_s = 0.0
    events = 0
    if not parse_only:
        t0 = time.perf_counter()
        events = len(extract_doc(art, doc).events)
        extract_s = time.perf_counter() - t0
    return {
        "chars": chars,
        "words": words,
        "events": events,
        "parse_us_per_word": round(parse_s / words * 1e6, 1),
        "extract_us_per_word": round(extract_s / words * 1e6, 1),
        "total_us_per_word": round((parse_s + extract_s) / words * 1e6, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--sizes", default="10k,100k,1m,5m")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--parse-only", action="store_true")
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.folder, args.one, args.parse_only)))
        return 0
    rows = []
    for s in args.sizes.split(","):
        cmd = [sys.executable, __file__, str(args.folder), "--one", str(size(s))]
        if args.parse_only:
            cmd.append("--parse-only")
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        row = json.loads(out.strip().splitlines()[-1])
        rows.append(row)
        base = rows[0]["total_us_per_word"]
        row["relative_to_smallest"] = round(row["total_us_per_word"] / base, 2)
        print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
