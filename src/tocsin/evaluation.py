"""Scoring against the PLOVER gold standard records (``PLOVER_GSR_CAMEO.txt``).

Each record is one sentence with one gold event. Tocsin's answer for a sentence is its best event (highest
confidence, asserted first); a sentence with no event counts as a miss, as in the held-out evaluation.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import DataError
from .models import Event, Extraction

# The GSR predates PLOVER's final 16 types; its retired labels map onto the current ones.
LEGACY = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}


def load_gsr(path: Path) -> list[dict[str, Any]]:
    """Read the GSR file; returns records that carry a sentence and an event type."""
    try:
        records = json.loads(path.read_text(encoding="utf8"))
    except FileNotFoundError:
        raise DataError(f"{path} not found; pass --gsr pointing at PLOVER_GSR_CAMEO.txt") from None
    except json.JSONDecodeError as exc:
        raise DataError(f"{path} is not the GSR JSON file ({exc.msg} at line {exc.lineno})") from None
    return [r for r in records if r.get("text") and r.get("event") and r.get("event") != "DOCUMENT"]


def gold_type(record: dict[str, Any]) -> str:
    return LEGACY.get(record["event"], record["event"])


def best_event(extraction: Extraction) -> Event | None:
    """The event that stands for the whole sentence: asserted before other statuses, then by confidence."""
    if not extraction.events:
        return None
    return max(extraction.events, key=lambda e: (e.status == "asserted", e.confidence, -e.evidence[0].start))


def macro_f1(pairs: Iterable[tuple[str, str | None]]) -> dict[str, Any]:
    """Per-label precision/recall/F1 and their macro average over the gold labels."""
    pairs = list(pairs)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for gold, pred in pairs:
        if pred == gold:
            tp[gold] += 1
        else:
            fn[gold] += 1
            if pred is not None:
                fp[pred] += 1
    labels = sorted({g for g, _ in pairs})
    per: dict[str, dict[str, float]] = {}
    for lab in labels:
        p = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
        r = tp[lab] / (tp[lab] + fn[lab]) if tp[lab] + fn[lab] else 0.0
        per[lab] = {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}
    macro = sum(v["f1"] for v in per.values()) / len(per) if per else 0.0
    accuracy = sum(tp.values()) / len(pairs) if pairs else 0.0
    return {"n": len(pairs), "accuracy": round(accuracy, 3), "macro_f1": round(macro, 3), "per_type": per}


def _codes(actors: Any) -> set[str]:
    # The GSR writes a role as a list of actors, a single actor object, or occasionally a bare string.
    if isinstance(actors, dict):
        actors = [actors]
    if not isinstance(actors, list):
        return set()
    return {str(a.get("code"))[:3] for a in actors if isinstance(a, dict) and a.get("code")}


def score_gsr(path: Path, *, limit: int | None = None) -> dict[str, Any]:
    """Event type accuracy and macro-F1, plus source/target country agreement, on the GSR sentences."""
    from .pipeline import extract_many, make_article

    records = load_gsr(path)[:limit]
    articles = [make_article(r["text"], id=r["id"], published=r.get("date") or None) for r in records]
    pairs: list[tuple[str, str | None]] = []
    role_hits = Counter[str]()
    role_total = Counter[str]()
    errors: list[dict[str, Any]] = []
    for record, extraction in zip(records, extract_many(articles), strict=True):
        ev = best_event(extraction)
        gold = gold_type(record)
        pairs.append((gold, ev.type if ev else None))
        if ev is None or ev.type != gold:
            errors.append({"id": record["id"], "gold": gold, "predicted": ev.type if ev else None})
            continue
        for role, ours in (("source", ev.source), ("target", ev.target)):
            want = _codes(record.get(role) or [])
            if not want:
                continue
            role_total[role] += 1
            # the GSR writes organisations CAMEO-style ("IGOUNO"): compare their three-letter prefix
            got = {a.country or (a.code or "")[:3] for a in ours}
            if want & got:
                role_hits[role] += 1
    result = macro_f1(pairs)
    result["no_event"] = sum(1 for _, p in pairs if p is None)
    result["role_agreement"] = {
        k: {"matched": role_hits[k], "of": role_total[k], "rate": round(role_hits[k] / role_total[k], 3)}
        for k in role_total
    }
    result["confusions"] = Counter(f"{e['gold']}->{e['predicted']}" for e in errors).most_common(15)
    return result
