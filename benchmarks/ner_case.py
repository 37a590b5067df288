"""NER on raw sentences as written, lower-cased and upper-cased (UNER IOB2 files), through the pipeline.

    python benchmarks/ner_case.py ../shared/training/uner_pud/en_pud-ud-test.iob2

Each sentence's ``# text`` is run through ``load_pipeline()`` and ``tocsin.nlp.pipe`` exactly as a user's
text would be (so the capital restoration and the one-case companion pipeline apply to one-case text).
Gold spans are found by locating the gold tokens in the text; a prediction counts when its character
span and label (PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC) match a gold entity. Reports P/R/F1 per variant
and the ratio of the lower-case F1 to the original's.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import json
import sys
from pathlib import Path

LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def sentences(path: Path) -> list[tuple[str, set[tuple[int, int, str]]]]:
    out = []
    text, toks = None, []
    for line in [*path.read_text(encoding="utf8").splitlines(), ""]:
        if line.startswith("# text = "):
            text = line[len("# text = ") :]
        elif line.startswith("#"):
            continue
        elif line.strip():
            cols = line.split("\t")
            toks.append((cols[1], cols[2]))
        elif text is not None:
            out.append((text, _gold_spans(text, toks)))
            text, toks = None, []
    return out


def _gold_spans(text: str, toks: list[tuple[str, str]]) -> set[tuple[int, int, str]]:
    spans, pos, cur = set(), 0, None
    for word, tag in toks:
        i = text.find(word, pos)
        if i < 0:
            continue
        pos = i + len(word)
        if tag.startswith("B-"):
            if cur:
                spans.add(tuple(cur))
            cur = [i, pos, tag[2:]]
        elif tag.startswith("I-") and cur:
            cur[1] = pos
        else:
            if cur:
                spans.add(tuple(cur))
            cur = None
    if cur:
        spans.add(tuple(cur))
    return {s for s in spans if s[2] in ("PER", "ORG", "LOC")}


def score(nlp, data, transform) -> dict[str, float]:
    from tocsin.nlp import pipe

    tp = fp = fn = 0
    texts = [transform(t) for t, _ in data]
    # tocsin's pipe, as a user's text takes: one-case text goes to the one-case companion when installed
    for doc, (_, gold) in zip(pipe(nlp, texts, batch_size=64), data, strict=True):
        pred = {(e.start_char, e.end_char, LABELS[e.label_]) for e in doc.ents if e.label_ in LABELS}
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / max(1e-9, p + r), 3)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("iob2", type=Path)
    ap.add_argument("--model", default=None, help="a pipeline directory (default: the bundled one)")
    ap.add_argument("--no-restore", action="store_true", help="parse one-case text as written, capitals not restored")
    args = ap.parse_args()
    from tocsin.nlp import RestoringTokenizer, load_pipeline

    nlp = load_pipeline(args.model)
    if args.no_restore and isinstance(nlp.tokenizer, RestoringTokenizer):
        nlp.tokenizer = nlp.tokenizer.inner
    data = sentences(args.iob2)
    report = {
        "sentences": len(data),
        "original": score(nlp, data, lambda t: t),
        "lowercased": score(nlp, data, str.lower),
        "uppercased": score(nlp, data, str.upper),
    }
    report["lower_to_original"] = round(report["lowercased"]["f1"] / max(1e-9, report["original"]["f1"]), 3)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
