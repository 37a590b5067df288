"""The sentence-level PLOVER classifier: a bag-of-n-grams ``textcat`` trained on the synthetic PLOVER stories.

It is a recall fallback: the rule-based coder decides when a trigger matches; the classifier proposes an
event type for sentences with actors but no matched trigger (rule ``model:plover-textcat``).
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import zipfile
from pathlib import Path
from typing import Any

from ...errors import DataError

TYPES = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]

_FILLERS = {
    "country": ["France", "Nigeria", "India", "Brazil", "Kenya", "Germany", "Peru", "Iran", "Japan", "Turkey"],
    "city": ["Lagos", "Paris", "Lima", "Kabul", "Aleppo", "Nairobi", "Karachi", "Manila"],
    "leader": ["the president", "the prime minister"],
}
_SENT_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def _fill(template: str, rng: random.Random) -> str:
    def repl(m: re.Match[str]) -> str:
        kind = re.sub(r"_?\d+$", "", m.group(1)).lower()
        return rng.choice(_FILLERS.get(kind, _FILLERS["country"]))

    return re.sub(r"\{([^}]+)\}", repl, template)


def load_examples(data: Path, *, seed: int = 0) -> list[tuple[str, str]]:
    """(text, label) pairs: each synthetic story's headline and first two sentences, and the headline file."""
    rng = random.Random(seed)
    folder = data / "plover_synthetic"
    archives = sorted(folder.glob("*.csv.zip"))
    if not archives:
        raise DataError(f"no synthetic PLOVER stories (*.csv.zip) in {folder}; pass --data pointing at shared/training")
    out: list[tuple[str, str]] = []
    for arc in archives:
        with zipfile.ZipFile(arc) as z:
            for name in z.namelist():
                with z.open(name) as fh:
                    for row in csv.DictReader(io.TextIOWrapper(fh, "utf8")):
                        label = (row.get("label") or "").strip().upper()
                        if label not in TYPES:
                            continue
                        sents = _SENT_END.split((row.get("text") or "").strip())
                        for s in sents[:2]:
                            if len(s.split()) >= 4:
                                out.append((s, label))
                        if row.get("title"):
                            out.append((_fill(row["title"], rng), label))
    headlines = folder / "synthetic_headlines.csv"
    if headlines.exists():
        with headlines.open(encoding="utf8") as fh:
            for row in csv.DictReader(fh):
                label = (row.get("event") or "").strip().upper()
                if label in TYPES and row.get("title"):
                    out.append((_fill(row["title"], rng), label))
    rng.shuffle(out)
    return out


def train_textcat(data: Path, output: Path, *, epochs: int = 8, seed: int = 0) -> dict[str, Any]:
    """Train the classifier into ``output``; returns held-out (10%) accuracy and macro-F1."""
    import spacy
    from spacy.training import Example
    from spacy.util import minibatch

    examples = load_examples(data, seed=seed)
    cut = len(examples) // 10
    dev, train = examples[:cut], examples[cut:]
    nlp = spacy.blank("en")
    nlp.add_pipe(
        "textcat",
        config={
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": True,
                "ngram_size": 2,
                "no_output_layer": False,
                "length": 2**17,
            }
        },
    )
    textcat: Any = nlp.get_pipe("textcat")
    for t in TYPES:
        textcat.add_label(t)

    def make(pairs: list[tuple[str, str]]) -> list[Example]:
        return [Example.from_dict(nlp.make_doc(t), {"cats": {k: float(k == y) for k in TYPES}}) for t, y in pairs]

    train_ex = make(train)
    optimizer = nlp.initialize(lambda: train_ex)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(train_ex)
        for batch in minibatch(train_ex, size=32):
            nlp.update(batch, sgd=optimizer, drop=0.2)
    from ...evaluation import macro_f1

    pairs = []
    for doc, (_, gold) in zip(nlp.pipe(t for t, _ in dev), dev, strict=True):
        pairs.append((gold, max(doc.cats, key=doc.cats.__getitem__)))
    scores = macro_f1(pairs)
    output.mkdir(parents=True, exist_ok=True)
    nlp.meta.update({"name": "tocsin_plover_textcat", "version": "0.1.0", "license": "see MODEL_CARD.md"})
    nlp.to_disk(output)
    summary = {"train": len(train), "dev": len(dev), "accuracy": scores["accuracy"], "macro_f1": scores["macro_f1"]}
    (output / "scores.json").write_text(json.dumps(summary, indent=2))
    return summary
