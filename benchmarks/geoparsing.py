"""Toponym recall, precision, accuracy within 161 km and exact-id rate on a gold geoparsing set (LGL).

    python benchmarks/geoparsing.py ../shared/corpora/lgl-geoparsing/lgl.xml --limit 588

A found place matches a gold toponym when their character spans overlap. Recall and precision count
spans; of the matched ones, "within 161 km" compares coordinates (great-circle distance) and "exact id"
the GeoNames ids. F1@161km is the F1 of precision and recall where a match only counts when it is
within 161 km. Also reports the gazetteer's load time and the extraction rate.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import json
import math
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (la1, lo1), (la2, lo2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def gold(path: Path, limit: int) -> list[dict]:
    out = []
    for art in list(ET.parse(path).getroot().iter("article"))[:limit]:
        tops = []
        for t in art.iter("toponym"):
            tag = t.find("gaztag")
            if tag is None or tag.findtext("lat") is None:
                continue
            tops.append(
                {
                    "start": int(t.findtext("start") or 0),
                    "end": int(t.findtext("end") or 0),
                    "phrase": t.findtext("phrase"),
                    "id": int(tag.get("geonameid") or 0),
                    "lat": float(tag.findtext("lat") or 0),
                    "lon": float(tag.findtext("lon") or 0),
                    "fclass": tag.findtext("fclass"),
                }
            )
        out.append({"id": art.get("docid"), "text": art.findtext("text") or "", "toponyms": tops})
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("lgl", type=Path)
    ap.add_argument("--limit", type=int, default=588)
    ap.add_argument("--misses", type=int, default=0, help="print this many wrong resolutions")
    args = ap.parse_args()
    from tocsin.extractors.places import Gazetteer
    from tocsin.nlp import load_pipeline
    from tocsin.pipeline import extract_many, make_article

    t0 = time.perf_counter()
    Gazetteer.load()
    gaz_s = time.perf_counter() - t0
    docs = gold(args.lgl, args.limit)
    nlp = load_pipeline()
    words = sum(len(d["text"].split()) for d in docs)
    t0 = time.perf_counter()
    found_all = [x.places for x in extract_many([make_article(d["text"], id=d["id"]) for d in docs], nlp=nlp)]
    secs = time.perf_counter() - t0
    n_gold = n_found = matched = near = exact = 0
    misses: list[str] = []
    by_class: Counter[str] = Counter()
    by_class_found: Counter[str] = Counter()
    for d, places in zip(docs, found_all, strict=True):
        n_gold += len(d["toponyms"])
        n_found += len(places)
        for g in d["toponyms"]:
            by_class[g["fclass"]] += 1
            p = next((p for p in places if p.start < g["end"] and g["start"] < p.end), None)
            if p is None:
                continue
            matched += 1
            by_class_found[g["fclass"]] += 1
            if p.lat is not None and haversine_km((p.lat, p.lon), (g["lat"], g["lon"])) <= 161:
                near += 1
            elif len(misses) < args.misses:
                misses.append(
                    f"{g['phrase']!r}: gold ({g['lat']:.2f},{g['lon']:.2f}) got {p.name}, {p.country} ({p.rule})"
                )
            exact += p.geonames_id == g["id"]
    recall, precision = matched / max(1, n_gold), matched / max(1, n_found)
    p161, r161 = near / max(1, n_found), near / max(1, n_gold)
    report = {
        "articles": len(docs),
        "gold_toponyms": n_gold,
        "found_places": n_found,
        "recall": round(recall, 3),
        "precision": round(precision, 3),
        "within_161km_of_found": round(near / max(1, matched), 3),
        "exact_id_of_found": round(exact / max(1, matched), 3),
        "f1_at_161km": round(2 * p161 * r161 / max(1e-9, p161 + r161), 3),
        "recall_by_feature_class": {k: round(by_class_found[k] / v, 3) for k, v in by_class.most_common()},
        "gazetteer_load_s": round(gaz_s, 3),
        "extraction_words_per_s": round(words / secs),
    }
    print(json.dumps(report, indent=1))
    for m in misses:
        print(m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
