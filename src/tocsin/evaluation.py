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


# plv_dev names PLOVER's CONCEDE and RETREAT together YIELD
PLV_LABELS = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}


def load_plv(path: Path) -> list[dict[str, Any]]:
    """Read a plv_dev JSONL file: ``{"id", "text", "label", "source", "target", "context"}`` a line."""
    try:
        lines = path.read_text(encoding="utf8").splitlines()
    except FileNotFoundError:
        raise DataError(f"{path} not found; pass --plv pointing at plv_train.jsonl") from None
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{path}:{n} is not JSON ({exc.msg})") from None
        if isinstance(rec, dict) and rec.get("text") and rec.get("label"):
            out.append(rec)
    return out


def _role_found(gold: str, actors: Iterable[Any], text: str) -> bool:
    """Whether one of ``actors`` is the gold role, written as text: a mention of the actor inside the
    gold phrase, or the gold phrase inside the mention ("Zarif" in "Iranian Foreign Minister … Zarif")."""
    gold_low = gold.lower()
    for a in actors:
        for start, end in a.mentions or ():
            said = text[start:end].lower()
            if said and (said in gold_low or gold_low in said):
                return True
        if a.name and (a.name.lower() in gold_low or gold_low in a.name.lower()):
            return True
    return False


def score_plv(path: Path, *, limit: int | None = None) -> dict[str, Any]:
    """PLOVER type per label and macro-F1, and how often source and target are found, on plv_dev sentences.

    A sentence's answer is its best event (as for the GSR). Roles are scored on the sentences whose type is
    right and whose gold role is given: found when an actor of that role is the gold phrase.
    """
    from .pipeline import extract_many, make_article

    records = load_plv(path)[:limit]
    articles = [make_article(r["text"], id=str(r.get("id") or n)) for n, r in enumerate(records)]
    pairs: list[tuple[str, str | None]] = []
    hits: Counter[str] = Counter()
    total: Counter[str] = Counter()
    by_label: dict[str, Counter[str]] = {}
    errors: list[tuple[str, str | None]] = []
    for rec, x in zip(records, extract_many(articles), strict=True):
        ev = best_event(x)
        gold = rec["label"]
        got = PLV_LABELS.get(ev.type, ev.type) if ev else None
        pairs.append((gold, got))
        if got != gold or ev is None:
            errors.append((gold, got))
            continue
        for role, ours in (("source", ev.source), ("target", ev.target)):
            want = (rec.get(role) or "").strip()
            if not want:
                continue
            total[role] += 1
            c = by_label.setdefault(gold, Counter())
            c[f"{role}_of"] += 1
            if _role_found(want, ours, x.article.text):
                hits[role] += 1
                c[f"{role}_found"] += 1
    result = macro_f1(pairs)
    result["no_event"] = sum(1 for _, p in pairs if p is None)
    result["roles"] = {r: {"found": hits[r], "of": total[r], "rate": round(hits[r] / total[r], 3)} for r in total}
    result["roles_by_type"] = {
        lab: {r: round(c[f"{r}_found"] / c[f"{r}_of"], 3) for r in ("source", "target") if c[f"{r}_of"]}
        for lab, c in sorted(by_label.items())
    }
    result["confusions"] = Counter(f"{g}->{p}" for g, p in errors).most_common(15)
    return result
