"""Throughput of ``tocsin ingest --workers N`` against ``--workers 1``, and whether the stores agree.

    python benchmarks/parallel_ingest.py ../shared/corpora/bbc-news/bbc --limit 300 --workers 2

Copies ``limit`` BBC articles (spread over the sections) into a temporary folder, ingests them once per
worker count into a fresh SQLite store (the wall time includes process start-up and pipeline loading),
then compares the stores: article rows, event rows and the PLOVER and GDELT exports, byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def pick(folder: Path, limit: int) -> list[Path]:
    files = sorted(p for p in folder.rglob("*.txt") if p.name[0].isdigit())
    step = max(1, len(files) // limit)
    return files[::step][:limit]


def digest_rows(db: Path, sql: str) -> str:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(sql).fetchall()
    return hashlib.sha256(json.dumps(rows, default=str).encode()).hexdigest()[:16]


def run(folder: Path, db: Path, workers: int) -> float:
    t0 = time.perf_counter()
    # one fixed clock for what the store stamps (DATEADDED and the like), so stores can be compared byte for byte
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    subprocess.run(
        ["tocsin", "ingest", str(folder), "--db", str(db), "--published", "2005-03-01", "--workers", str(workers)],
        check=True,
        capture_output=True,
        env=env,
    )
    return time.perf_counter() - t0


def export(db: Path, fmt: str, out: Path) -> str:
    subprocess.run(
        ["tocsin", "export", "--db", str(db), "--format", fmt, "-o", str(out)], check=True, capture_output=True
    )
    return hashlib.sha256(out.read_bytes()).hexdigest()[:16]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "articles"
        src.mkdir()
        paths = pick(args.folder, args.limit)
        for i, p in enumerate(paths):
            shutil.copy(p, src / f"{i:04d}_{p.parent.name}_{p.name}")
        words = sum(len(p.read_text(encoding="latin-1").split()) for p in paths)
        report: dict[str, object] = {"articles": len(paths), "words": words}
        digests = {}
        for w in (1, args.workers):
            db = Path(tmp) / f"w{w}.db"
            secs = run(src, db, w)
            report[f"workers_{w}_s"] = round(secs, 1)
            report[f"workers_{w}_words_per_s"] = round(words / secs)
            digests[w] = {
                "articles": digest_rows(db, "SELECT * FROM articles ORDER BY rowid"),
                "events": digest_rows(db, "SELECT * FROM events ORDER BY rowid"),
                "mentions": digest_rows(db, "SELECT * FROM event_mentions ORDER BY rowid"),
                "plover": export(db, "plover", Path(tmp) / f"w{w}.jsonl"),
                "gdelt": export(db, "gdelt", Path(tmp) / f"w{w}.tsv"),
            }
        report["speed_up"] = round(report["workers_1_s"] / report[f"workers_{args.workers}_s"], 2)  # type: ignore[operator]
        report["identical"] = {k: digests[1][k] == digests[args.workers][k] for k in digests[1]}
        print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
