"""End-to-end extraction speed and peak memory on news articles, one core.

    python benchmarks/extract_speed.py ../shared/corpora/bbc-news/bbc --limit 300

Reports whitespace words per second for ``extract_many`` (parse + all extractors), the parse-only rate
(``nlp.pipe``), peak resident memory, pipeline load time, and the wall time of one ``tocsin extract``
process (start-up included).

The two rates are measured batch by batch in turn (parse a batch, then code the same batch end to end),
so that a shared machine whose speed drifts during the run moves both alike and their ratio — the share
of the time the extractors add — stays meaningful.
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


def articles(folder: Path, limit: int) -> list[Path]:
    files = sorted(p for p in folder.rglob("*.txt") if p.name[0].isdigit())
    # spread over the sections rather than taking the first folder only
    step = max(1, len(files) // limit)
    return files[::step][:limit]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=1, help="repeat the interleaved pass; report the median share")
    args = ap.parse_args()
    from tocsin.ingest.text import decode
    from tocsin.nlp import load_pipeline
    from tocsin.pipeline import extract_many, make_article

    paths = articles(args.folder, args.limit)
    texts = [decode(p.read_bytes(), str(p)) for p in paths]
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    nlp = load_pipeline()
    load = time.perf_counter() - t0
    list(extract_many([make_article(texts[0])], nlp=nlp))  # warm caches (gazetteer, knowledge)
    shares = []
    for _ in range(args.rounds):
        parse_s = full_s = 0.0
        n_events = 0
        for b in range(0, len(texts), 32):
            batch = texts[b : b + 32]
            t0 = time.perf_counter()
            for _ in nlp.pipe(batch, batch_size=32):
                pass
            parse_s += time.perf_counter() - t0
            t0 = time.perf_counter()
            n_events += sum(len(x.events) for x in extract_many([make_article(t) for t in batch], nlp=nlp))
            full_s += time.perf_counter() - t0
        shares.append(parse_s / full_s)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tocsin", "extract", str(paths[0])], check=True, capture_output=True)
    cli_s = time.perf_counter() - t0
    print(
        json.dumps(
            {
                "articles": len(texts),
                "words": words,
                "events": n_events,
                "pipeline_load_s": round(load, 2),
                "parse_only_words_per_s": round(words / parse_s),
                "end_to_end_words_per_s": round(words / full_s),
                "end_to_end_share_of_parse_only": round(sorted(shares)[len(shares) // 2], 3),
                "shares_by_round": [round(s, 3) for s in shares],
                "peak_rss_mb": round(peak_mb),
                "single_article_cli_s": round(cli_s, 2),
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
