"""A generated store of many event mentions, then the time of series, alerts and API answers over it.

python benchmarks/big_store.py --mentions 1000000 --db /tmp/big.db          # build (once) and measure
python benchmarks/big_store.py --db /tmp/big.db --load 2000 --concurrency 8  # also a loopback load test

Rows are written straight through SQLAlchemy Core (the extractor is not what is measured here):
countries and dyads drawn from a Zipf-like law, three years of days, PLOVER types and statuses in
news-like proportions, five mentions per article, mentions of one happening grouped as the store does.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import json
import random
import statistics
import sys
import time
from pathlib import Path

COUNTRIES = [
    "UKR",
    "RUS",
    "USA",
    "CHN",
    "ISR",
    "PSE",
    "SYR",
    "IRN",
    "TUR",
    "FRA",
    "DEU",
    "GBR",
    "IND",
    "PAK",
    "AFG",
    "IRQ",
    "YEM",
    "SAU",
    "EGY",
    "LBY",
    "SDN",
    "ETH",
    "SOM",
    "NGA",
    "MLI",
    "COD",
    "VEN",
    "COL",
    "MEX",
    "BRA",
    "PRK",
    "KOR",
    "JPN",
    "TWN",
    "MMR",
    "BLR",
    "POL",
    "GEO",
    "ARM",
    "AZE",
]
TYPES = [
    ("ASSAULT", "190", 4, 0.18), ("CONSULT", "040", 1, 0.2), ("ACCUSE", "112", 3, 0.14), ("REQUEST", "100", 3, 0.1),
    ("THREATEN", "130", 3, 0.05), ("MOBILIZE", "150", 4, 0.03), ("COERCE", "173", 4, 0.06), ("AGREE", "030", 1, 0.08),
    ("AID", "070", 2, 0.05), ("COOPERATE", "062", 2, 0.05), ("PROTEST", "141", 4, 0.04), ("SANCTION", "163", 4, 0.02),
]  # fmt: skip
STATUSES = [("asserted", 0.72), ("future", 0.1), ("hypothetical", 0.1), ("negated", 0.05), ("historical", 0.03)]


def _pick(rng: random.Random, weighted):
    return rng.choices(weighted, weights=[w[-1] for w in weighted])[0]


def build(url: str, n_mentions: int, seed: int = 1) -> None:
    from tocsin.store import open_store
    from tocsin.store import schema as S

    rng = random.Random(seed)
    zipf = [1 / (i + 1) for i in range(len(COUNTRIES))]
    start = dt.date(2020, 1, 1)
    store = open_store(url)
    per_article = 5
    t0 = time.perf_counter()
    with store.engine.begin() as conn:
        arts, mentions, events = [], [], {}
        written: set[str] = set()  # events already inserted by an earlier batch
        for n in range(n_mentions):
            if n % per_article == 0:
                aid = f"a{n // per_article:09d}"
                day = start + dt.timedelta(days=rng.randrange(3 * 365))
                digest = hashlib.sha256(aid.encode()).hexdigest()
                arts.append({"id": aid, "content_hash": digest, "text": "generated",
                             "published": day.isoformat(), "source": f"outlet{rng.randrange(300)}", "n_events": 5,
                             "ingested_at": f"2026-01-01T00:00:{n % 60:02d}",
                             "url": f"https://x.example/{aid}"})  # fmt: skip
            etype, cameo, quad, _ = _pick(rng, TYPES)
            status = _pick(rng, STATUSES)[0]
            src, tgt = rng.choices(COUNTRIES, weights=zipf, k=2)
            eday = (day - dt.timedelta(days=rng.randrange(2))).isoformat()
            key = hashlib.sha1(f"{etype}|{status}|{src}|{tgt}|{eday}|{rng.randrange(20)}".encode()).hexdigest()[:20]
            if key not in events and key not in written:
                events[key] = {"id": key, "type": etype, "cameo": cameo, "quad_class": quad, "goldstein": -5.0,
                               "status": status, "source_code": f"{src}GOV", "target_code": f"{tgt}GOV", "date": eday,
                               "date_precision": "day", "country": tgt, "lat": rng.uniform(-40, 60),
                               "lon": rng.uniform(-120, 140), "geonames_id": rng.randrange(1, 5000), "num_mentions": 0,
                               "num_articles": 0, "num_sources": 0, "confidence": 0.8, "origin": "tocsin",
                               "place_name": f"place{rng.randrange(5000)}", "evidence_text": "generated"}  # fmt: skip
            if key in events:
                for k in ("num_mentions", "num_articles", "num_sources"):
                    events[key][k] += 1
            ev = [{"sentence": 0, "start": 0, "end": 9, "text": "generated", "trigger": "generated", "rule": "bench"}]
            mentions.append({"id": f"{aid}-e{n % per_article}", "article_id": aid, "event_id": key, "type": etype,
                             "cameo": cameo, "quad_class": quad, "goldstein": -5.0, "source_code": f"{src}GOV",
                             "target_code": f"{tgt}GOV", "source": "[]", "target": "[]", "status": status,
                             "date": eday, "date_precision": "day", "country": tgt, "confidence": 0.8,
                             "dead": rng.choice([None, None, None, 1, 3]), "n_evidence": 1, "evidence": json.dumps(ev),
                             "source_country": src, "target_country": tgt, "origin": "tocsin"})  # fmt: skip
            if len(mentions) >= 50_000 or n == n_mentions - 1:
                conn.execute(S.articles.insert(), arts)
                if events:
                    conn.execute(S.events.insert(), list(events.values()))
                conn.execute(S.event_mentions.insert(), mentions)
                written.update(events)
                arts, mentions, events = [], [], {}
    print(f"built {n_mentions:,} mentions in {time.perf_counter() - t0:.1f} s", flush=True)
    store.close()


def timed(label: str, fn, repeat: int = 3):
    """The first (cold) call and the median of the repeats (warm: the HTTP layer caches until the store changes)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    warm = statistics.median(times[1:]) if len(times) > 1 else times[0]
    print(f"{label:58} first {times[0] * 1000:8.0f} ms  then {warm * 1000:8.0f} ms", flush=True)
    return out


async def load_test(base: str, paths: list[str], total: int, concurrency: int) -> None:
    import httpx

    lat: list[float] = []
    errors = 0

    async def worker(client: httpx.AsyncClient, n: int) -> None:
        nonlocal errors
        for i in range(n):
            t0 = time.perf_counter()
            r = await client.get(paths[i % len(paths)])
            lat.append(time.perf_counter() - t0)
            errors += r.status_code >= 400

    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        t0 = time.perf_counter()
        await asyncio.gather(*(worker(client, total // concurrency) for _ in range(concurrency)))
        wall = time.perf_counter() - t0
    lat.sort()
    p50, p95 = lat[len(lat) // 2] * 1000, lat[int(len(lat) * 0.95)] * 1000
    print(f"load: {len(lat)} requests, {concurrency} at a time: {len(lat) / wall:.0f} req/s, "
          f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, errors {errors}")  # fmt: skip


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--mentions", type=int, default=0, help="build a store of this many mentions first")
    ap.add_argument("--load", type=int, default=0, help="requests for a loopback load test (0: none)")
    ap.add_argument("--concurrency", type=int, default=8)
    args = ap.parse_args()
    if args.mentions:
        path = Path(args.db)
        if path.exists():
            sys.exit(f"{path} exists; remove it to build a new store")
        build(args.db, args.mentions)
    from fastapi.testclient import TestClient

    from tocsin.analyze.alerts import compute_alerts
    from tocsin.analyze.series import SeriesQuery, compute_series
    from tocsin.serve.app import create_app
    from tocsin.store import open_store

    store = open_store(args.db, create=False)
    print(f"store: {store.count('event_mentions'):,} mentions, {store.count('events'):,} events", flush=True)
    timed("series dyad/day/conflict (all dyads)", lambda: compute_series(store, SeriesQuery(by="dyad")))
    timed("series country(either)/week/warning", lambda: compute_series(
        store, SeriesQuery(by="country", role="either", freq="week", channel="warning")))  # fmt: skip
    timed("series dyad/day/conflict, one country", lambda: compute_series(
        store, SeriesQuery(by="dyad", countries=("UKR",))))  # fmt: skip
    alerts = timed("alerts: all dyads and countries, 2 channels", lambda: compute_alerts(store), repeat=1)
    print(f"  {len(alerts)} alerts", flush=True)
    client = TestClient(create_app(store))
    api = [
        "/api/v1/events?limit=100",
        "/api/v1/events?limit=100&country=UKR&type=ASSAULT&status=asserted",
        "/api/v1/events?limit=100&since=2021-06-01&until=2021-06-30&min_confidence=0.5",
        "/api/v1/series?by=dyad&country=UKR&top=5",
        "/api/v1/series?by=dyad&unit=UKR-RUS",
        "/api/v1/series?by=dyad&channel=warning&top=50",
        "/api/v1/stats",
        "/api/v1/places?limit=500",
    ]
    for path in api:
        timed(f"GET {path}"[:58], lambda p=path: client.get(p).raise_for_status())
    if args.load:
        import threading

        import uvicorn

        srv = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=8799, log_level="warning"))
        threading.Thread(target=srv.run, daemon=True).start()
        while not srv.started:
            time.sleep(0.05)
        asyncio.run(load_test("http://127.0.0.1:8799", api[:3] + api[5:6], args.load, args.concurrency))
        srv.should_exit = True
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
