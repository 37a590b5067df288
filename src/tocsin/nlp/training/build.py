"""Build spaCy ``DocBin`` training and development sets from ``shared/training``."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from ...errors import DataError
from .corpora import CROSSNER_LABELS, iob_docs, re3d_docs, treebank_docs


def _require(path: Path) -> Path:
    if not path.exists():
        raise DataError(f"training file {path} is missing; pass --data pointing at shared/training")
    return path


def build_corpus(data: Path, out: Path, *, augment: bool = False, with_dev: bool = False) -> dict[str, dict[str, int]]:
    """Write ``train.spacy`` and ``dev.spacy`` under ``out``; return per-source doc/entity counts.

    ``augment`` adds one copy of every training document with names swapped (see :mod:`.augment`).
    ``with_dev`` also trains on the EWT and GUM dev documents (a final fit: ``dev.spacy`` is then
    no longer held out, so only the test sets can judge the result).
    """
    out.mkdir(parents=True, exist_ok=True)
    vocab = Vocab()
    ewt, gum, uner = data / "ud_ewt", data / "ud_gum", data / "uner_ewt"
    sets: dict[str, list[tuple[str, list[Doc]]]] = {
        "train": [
            (
                "ud_ewt+uner",
                list(
                    treebank_docs(
                        vocab,
                        _require(ewt / "en_ewt-ud-train.conllu"),
                        uner=_require(uner / "en_ewt-ud-train.iob2.2022-12-02"),
                    )
                ),
            ),
            ("ud_gum", list(treebank_docs(vocab, _require(gum / "en_gum-ud-train.conllu"), gum_ner=True))),
        ],
        "dev": [
            (
                "ud_ewt+uner",
                list(
                    treebank_docs(
                        vocab,
                        _require(ewt / "en_ewt-ud-dev.conllu"),
                        uner=_require(uner / "en_ewt-ud-dev.iob2"),
                    )
                ),
            ),
            ("ud_gum", list(treebank_docs(vocab, _require(gum / "en_gum-ud-dev.conllu"), gum_ner=True))),
        ],
    }
    cross = data / "crossner_politics"
    if cross.exists():
        # CrossNER's own split gives only 200 training sentences; its dev and test add ~1,200 more. We never
        # score on CrossNER, and its Wikipedia prose is the register of UNER-PUD that EWT lacks.
        docs = [
            d
            for f in ("train.txt", "dev.txt", "test.txt")
            for d in iob_docs(vocab, cross / f, CROSSNER_LABELS, columns="crossner")
        ]
        sets["train"].append(("crossner_politics", docs))
    if (data / "re3d").exists():
        sets["train"].append(("re3d", list(re3d_docs(vocab, data / "re3d"))))
    if with_dev:
        sets["train"] += [(f"{source} (dev)", docs) for source, docs in sets["dev"]]
    if augment:
        from .augment import knowledge_names, name_pool, swapped

        originals = [d for _, docs in sets["train"] for d in docs]
        pool = name_pool(originals, knowledge_names())
        sets["train"].append(("names_swapped", list(swapped(originals, pool))))
    stats: dict[str, dict[str, int]] = {}
    for name, parts in sets.items():
        db = DocBin(store_user_data=False)
        for source, docs in parts:
            labels: Counter[str] = Counter()
            for d in docs:
                db.add(d)
                labels.update(e.label_ for e in d.ents)
            stats[f"{name}:{source}"] = {"docs": len(docs), "tokens": sum(len(d) for d in docs), **labels}
        db.to_disk(out / f"{name}.spacy")
    return stats
