"""Story-level PLOVER typing on the synthetic PLOVER stories, by the rules alone.

    python benchmarks/synthetic_events.py ../shared/training --limit 800

The statistical classifier is trained on these stories, so it is switched off here: the figure measures
the trigger lexicon, dependency roles and stance rules on text they were never tuned on. Each story
carries one document-level label; Tocsin's answer is its best event in the lead (the first two
sentences), and a lead without an event counts as a miss. The labels are noisy (a generated story
often drifts from its prompt), so the figure is a floor, not a target.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import zipfile
from collections import Counter
from pathlib import Path

from tocsin.evaluation import best_event, macro_f1
from tocsin.extractors import classify
from tocsin.pipeline import extract_many, make_article

# a full stop after a lower-case word ends a sentence; "U.S. officials" does not
_SENT_END = re.compile(r"(?<=[a-z][.!?])\s+(?=[A-Z\"“])")


def first_sentences(data: Path, limit: int, seed: int) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for arc in sorted((data / "plover_synthetic").glob("*.csv.zip")):
        with zipfile.ZipFile(arc) as z:
            for name in z.namelist():
                for row in csv.DictReader(io.TextIOWrapper(z.open(name), "utf8")):
                    text = (row.get("text") or "").strip()
                    label = (row.get("label") or "").strip().upper()
                    if text and label:
                        rows.append((" ".join(_SENT_END.split(text)[:2]), label))
    random.Random(seed).shuffle(rows)
    return rows[:limit]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path, nargs="?", default=Path("../shared/training"))
    ap.add_argument("--limit", type=int, default=800)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    classify.load_classifier = lambda *a, **k: None  # rules only: the classifier has seen these stories
    rows = first_sentences(args.data, args.limit, args.seed)
    arts = [make_article(text, id=f"s{i}") for i, (text, _) in enumerate(rows)]
    pairs = []
    for (_, gold), ex in zip(rows, extract_many(arts), strict=True):
        ev = best_event(ex)
        pairs.append((gold, ev.type if ev else None))
    result = macro_f1(pairs)
    result["no_event"] = sum(1 for _, p in pairs if p is None)
    result["confusions"] = Counter(f"{g}->{p}" for g, p in pairs if g != p).most_common(12)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
