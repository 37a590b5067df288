"""Article-body extraction quality on the article-extraction-benchmark pages: mean token F1 vs ground truth.

python benchmarks/html_extraction.py ../shared/corpora/article-extraction-benchmark
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

from tocsin.errors import InputError
from tocsin.ingest.html import from_html


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def f1(pred: str, gold: str) -> float:
    p, g = Counter(tokens(pred)), Counter(tokens(gold))
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    args = ap.parse_args()
    truth = json.loads((args.folder / "ground-truth.json").read_text())
    scores = []
    refused = 0
    for key, gold in sorted(truth.items()):
        page = args.folder / "html" / f"{key}.html.gz"
        if not page.exists():
            continue
        try:
            item = from_html(gzip.decompress(page.read_bytes()), key, url=gold.get("url"))
            scores.append(f1(item.text, gold["articleBody"]))
        except InputError:
            refused += 1
            scores.append(0.0)
    print(
        json.dumps(
            {
                "pages": len(scores),
                "refused": refused,
                "mean_token_f1": round(statistics.mean(scores), 4),
                "median_token_f1": round(statistics.median(scores), 4),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
