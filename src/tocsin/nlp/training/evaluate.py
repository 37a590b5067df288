"""Score a pipeline on held-out treebanks and NER sets, and time it.

Parsing is scored with gold tokens and gold sentences (each sentence parsed on its own),
punctuation excluded, labels compared on their universal part (``nmod:poss`` -> ``nmod``), as in
CoNLL 2018. NER is scored per sentence on gold tokens with labels reduced to PER / ORG / LOC
(PERSON -> PER; GPE, LOC, FAC -> LOC; NORP and the rest ignored), exact span match.
"""

from __future__ import annotations

import glob
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .corpora import UNER_LABELS, iob_to_spans, read_conllu, read_iob

_NER_MAP = {"PERSON": "PER", "PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def _annotate(nlp: Language, words: list[str], spaces: list[bool] | None = None) -> Doc:
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def score_treebank(nlp: Language, path: Path) -> dict[str, float]:
    """UPOS accuracy, UAS and LAS (punctuation excluded) on a CoNLL-U file."""
    total = pos_ok = uas_ok = las_ok = 0
    for sent in read_conllu(path):
        doc = _annotate(nlp, sent.words, sent.spaces)
        for i, tok in enumerate(doc):
            if sent.pos[i] == "PUNCT":
                continue
            total += 1
            pos_ok += tok.pos_ == sent.pos[i]
            if tok.head.i == sent.heads[i]:
                uas_ok += 1
                las_ok += tok.dep_.split(":")[0].lower() == sent.deps[i].split(":")[0].lower()
    return {
        "tokens": total,
        "pos_acc": round(100 * pos_ok / max(total, 1), 2),
        "uas": round(100 * uas_ok / max(total, 1), 2),
        "las": round(100 * las_ok / max(total, 1), 2),
    }


def score_ner(nlp: Language, path: Path) -> dict[str, Any]:
    """Exact-match precision, recall and F1 over PER/ORG/LOC spans of a UNER ``.iob2`` file."""
    tp = fp = fn = 0
    per_label: dict[str, list[int]] = {}
    for rows in read_iob(path).values():
        words = [w for w, _ in rows]
        gold = {
            (s, e, _NER_MAP[lab]) for s, e, lab in iob_to_spans([t for _, t in rows], UNER_LABELS) if lab in _NER_MAP
        }
        doc = _annotate(nlp, words)
        pred = {(e.start, e.end, _NER_MAP[e.label_]) for e in doc.ents if e.label_ in _NER_MAP}
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        for lab in ("PER", "ORG", "LOC"):
            c = per_label.setdefault(lab, [0, 0, 0])
            g = {x for x in gold if x[2] == lab}
            p = {x for x in pred if x[2] == lab}
            c[0] += len(g & p)
            c[1] += len(p - g)
            c[2] += len(g - p)
    return {**_prf(tp, fp, fn), "per_label": {k: _prf(*v) for k, v in per_label.items()}}


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(100 * p, 2), "r": round(100 * r, 2), "f": round(100 * f, 2)}


def news_texts(corpora: Path, limit: int = 300) -> list[str]:
    """BBC articles for timing (Latin-1 tolerant)."""
    files = sorted(glob.glob(str(corpora / "bbc-news" / "bbc" / "*" / "*.txt")))[:limit]
    return [Path(f).read_bytes().decode("utf8", errors="replace") for f in files]


def words_per_second(nlp: Language, texts: Iterable[str], *, batch_size: int = 64) -> dict[str, float]:
    """Throughput of ``nlp.pipe`` in whitespace words and in spaCy tokens per second."""
    texts = list(texts)
    list(nlp.pipe(texts[:10]))  # warm-up
    start = time.perf_counter()
    ntok = sum(len(d) for d in nlp.pipe(texts, batch_size=batch_size))
    dt = time.perf_counter() - start
    words = sum(len(t.split()) for t in texts)
    return {"words": words, "seconds": round(dt, 2), "words_per_s": round(words / dt), "tokens_per_s": round(ntok / dt)}
