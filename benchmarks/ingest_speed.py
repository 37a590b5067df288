"""Ingest throughput against plain extraction on the same articles (is storage the bottleneck?).

python benchmarks/ingest_speed.py ../shared/corpora/bbc-news/bbc --limit 300
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from extract_speed import articles


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    args = ap.parse_args()
    from tocsin.ingest import read_path
    from tocsin.ingest.run import ingest
    from tocsin.nlp import load_pipeline
    from tocsin.pipeline import extract_many, make_article
    from tocsin.store import open_store

    paths = articles(args.folder, args.limit)
    items = [it for p in paths for it in read_path(p)]
    nlp = load_pipeline()
    list(extract_many([make_article("Warm up the caches in Kyiv.")], nlp=nlp))
    t0 = time.perf_counter()
    for _ in extract_many([make_article(it.text) for it in items], nlp=nlp, batch_size=16):  # type: ignore[union-attr]
        pass
    extract_s = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(args.db or str(Path(tmp) / "bench.db"))
        t0 = time.perf_counter()
        summary = ingest(store, items)
        ingest_s = time.perf_counter() - t0
        store.close()
    print(
        json.dumps(
            {
                "articles": len(items),
                "ingested": summary.ingested,
                "extract_s": round(extract_s, 2),
                "ingest_s": round(ingest_s, 2),
                "ingest_over_extract": round(ingest_s / extract_s, 3),
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
