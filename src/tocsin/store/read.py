"""Read-side queries behind the HTTP API: pages of events, one event with its reports, one article with
its evidence spans, places, actors and store statistics. Parameterised SQLAlchemy Core only."""

from __future__ import annotations

import base64
import json
from typing import Any

from sqlalchemy import and_, case, func, or_, select

from ..errors import InputError
from . import EventFilter, Store, _filtered
from . import schema as S


def encode_cursor(date: str | None, event_id: str) -> str:
    return base64.urlsafe_b64encode(f"{date or ''}|{event_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        date, sep, eid = raw.partition("|")
    except (ValueError, UnicodeDecodeError):
        sep, date, eid = "", "", ""
    if not sep or not eid or len(eid) > 60:
        raise InputError("cursor is not one this server gave out; start again without it")
    return date, eid


def _loads(v: str | None) -> Any:
    return json.loads(v) if v else None


def _precision(row: dict[str, Any]) -> str | None:
    if row.get("location_precision"):
        return row["location_precision"]
    if row.get("geonames_id"):
        return "place"
    return "country" if row.get("country") else None


def event_summary(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "type": row["type"],
        "cameo": row["cameo"],
        "quad_class": row["quad_class"],
        "goldstein": row["goldstein"],
        "status": row["status"],
        "date": row["date"],
        "date_precision": row.get("date_precision"),
        "source": row["source_code"],
        "target": row["target_code"],
        "source_name": row["source_name"],
        "target_name": row["target_name"],
        "place": row["place_name"],
        "country": row["country"],
        "lat": row["lat"],
        "lon": row["lon"],
        "location_precision": _precision(row),
        "num_mentions": row["num_mentions"],
        "num_articles": row["num_articles"],
        "num_sources": row["num_sources"],
        "confidence": row["confidence"],
        "origin": row.get("origin"),
        "text": row.get("evidence_text"),
    }


def events_page(store: Store, f: EventFilter, *, limit: int, cursor: str | None = None) -> dict[str, Any]:
    """Real-world events in (date, id) order, ``limit`` at a time; ``next`` continues after the last one."""
    e = S.events
    q = _filtered(select(e), e, f).order_by(e.c.date, e.c.id).limit(limit + 1)
    if cursor:
        date, eid = decode_cursor(cursor)
        q = q.where(or_(e.c.date > date, and_(e.c.date == date, e.c.id > eid)))
        if not date:
            q = q.where(or_(e.c.date.is_(None) & (e.c.id > eid), e.c.date.is_not(None)))
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(q)]
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = encode_cursor(rows[-1]["date"], rows[-1]["id"]) if more and rows else None
    return {"events": [event_summary(r) for r in rows], "next": nxt}


def _mention(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "article_id": row["article_id"],
        "type": row["type"],
        "cameo": row["cameo"],
        "mode": row["mode"],
        "status": row["status"],
        "claimed_by": _loads(row["claimed_by"]),
        "date": row["date"],
        "date_precision": row["date_precision"],
        "date_flag": row.get("date_flag"),
        "source": _loads(row["source"]) or [],
        "target": _loads(row["target"]) or [],
        "location": _loads(row["location"]),
        "confidence": row["confidence"],
        "dead": row["dead"],
        "injured": row["injured"],
        "evidence": _loads(row["evidence"]) or [],
        "article_title": row.get("article_title"),
        "article_url": row.get("article_url") or row.get("article_path"),
        "article_source": row.get("article_source"),
        "published": row.get("published"),
    }


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """One real-world event with every report of it: sentence, trigger, status, claimant, article."""
    e, m, a = S.events, S.event_mentions, S.articles
    with store.engine.connect() as conn:
        row = conn.execute(select(e).where(e.c.id == event_id)).first()
        if row is None:
            return None
        q = (
            select(m, a.c.title.label("article_title"), a.c.url.label("article_url"),
                   a.c.path.label("article_path"), a.c.source.label("article_source"), a.c.published)
            .select_from(m.join(a, a.c.id == m.c.article_id))
            .where(m.c.event_id == event_id)
            .order_by(a.c.published, m.c.id)
        )  # fmt: skip
        reports = [_mention(dict(r._mapping)) for r in conn.execute(q)]
    out = event_summary(dict(row._mapping))
    out["reports"] = reports
    out["sources"] = sorted({r["article_source"] for r in reports if r["article_source"]})
    return out


def article_detail(store: Store, article_id: str) -> dict[str, Any] | None:
    """The article's text with the evidence spans of its events, quotes and places (character offsets)."""
    a, m, q, p, u = S.articles, S.event_mentions, S.quotes, S.places, S.unattributed
    with store.engine.connect() as conn:
        row = conn.execute(select(a).where(a.c.id == article_id)).first()
        if row is None:
            return None
        mentions = [_mention(dict(r._mapping)) | {"event_id": r.event_id}
                    for r in conn.execute(select(m).where(m.c.article_id == article_id).order_by(m.c.id))]  # fmt: skip
        loose = [{"id": r.id, "type": r.type, "status": r.status, "reason": r.reason,
                  "evidence": _loads(r.evidence) or []}
                 for r in conn.execute(select(u).where(u.c.article_id == article_id).order_by(u.c.id))]  # fmt: skip
        quotes = [_loads(r.data) for r in conn.execute(select(q.c.data).where(q.c.article_id == article_id)
                                                            .order_by(q.c.n))]  # fmt: skip
        places = [dict(r._mapping) for r in conn.execute(select(p).where(p.c.article_id == article_id).order_by(p.c.n))]
    art = dict(row._mapping)
    return {
        "id": art["id"], "title": art["title"], "url": art["url"], "path": art["path"], "source": art["source"],
        "published": art["published"], "text": art["text"], "events": mentions, "unattributed": loose,
        "quotes": quotes, "places": [{k: v for k, v in pl.items() if k != "article_id"} for pl in places],
    }  # fmt: skip


def places(store: Store, f: EventFilter, *, limit: int = 2000) -> list[dict[str, Any]]:
    """Event locations for the map: one row per place and status group, with counts by channel."""
    e = S.events
    conflict = func.sum(case((and_(e.c.status == "asserted", e.c.type.in_(("ASSAULT", "COERCE"))), 1), else_=0))
    not_yet = or_(e.c.status.in_(("future", "hypothetical")), e.c.type.in_(("THREATEN", "MOBILIZE")))
    warning = func.sum(case((and_(not_yet, e.c.status != "negated"), 1), else_=0))
    q = (
        select(e.c.place_name, e.c.country, e.c.lat, e.c.lon, e.c.geonames_id, func.count().label("events"),
               func.sum(e.c.num_articles).label("articles"), conflict.label("conflict"), warning.label("warning"),
               func.min(e.c.id).label("example"), func.max(e.c.location_precision).label("location_precision"))
        .where(e.c.lat.is_not(None))
        .group_by(e.c.place_name, e.c.country, e.c.lat, e.c.lon, e.c.geonames_id)
        .order_by(func.count().desc())
        .limit(limit)
    )  # fmt: skip
    q = _filtered(q, e, f)
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(q)]
    return [
        {**{k: v for k, v in r.items() if k != "location_precision"}, "precision": _precision(r),
         "conflict": int(r["conflict"] or 0), "warning": int(r["warning"] or 0)}
        for r in rows
    ]  # fmt: skip


def actors(store: Store, *, limit: int = 200) -> list[dict[str, Any]]:
    t = S.actors
    q = (
        select(t.c.code, func.min(t.c.name).label("name"), t.c.country, t.c.sector,
               func.count(func.distinct(t.c.article_id)).label("articles"))
        .where(t.c.code.is_not(None))
        .group_by(t.c.code, t.c.country, t.c.sector)
        .order_by(func.count(func.distinct(t.c.article_id)).desc(), t.c.code)
        .limit(limit)
    )  # fmt: skip
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def stats(store: Store) -> dict[str, Any]:
    """What is stored: totals, mentions by status and type, events by day, and a version that changes
    whenever anything new is stored (the dashboard polls it to stay live)."""
    m = S.event_mentions
    with store.engine.connect() as conn:
        totals = {
            t: int(conn.scalar(select(func.count()).select_from(S.metadata.tables[t])) or 0)
            for t in ("articles", "events", "event_mentions", "unattributed_mentions", "alerts")
        }
        by_status: dict[str, int] = {
            r[0]: r[1] for r in conn.execute(select(m.c.status, func.count()).group_by(m.c.status))
        }
        by_type: dict[str, int] = {r[0]: r[1] for r in conn.execute(select(m.c.type, func.count()).group_by(m.c.type))}
        by_day = [
            {"date": d, "mentions": n}
            for d, n in conn.execute(
                select(m.c.date, func.count()).where(func.length(m.c.date) == 10).group_by(m.c.date).order_by(m.c.date)
            )
        ]
    return {"totals": totals, "by_status": by_status, "by_type": by_type, "by_day": by_day,
            "version": version(store)}  # fmt: skip


def version(store: Store) -> str:
    """Changes whenever an article, event or alert is stored or updated (index lookups and small counts)."""
    a, t = S.articles, S.alerts
    with store.engine.connect() as conn:
        last_article = conn.scalar(select(func.max(a.c.ingested_at)))
        n_articles = conn.scalar(select(func.count()).select_from(a))
        last_alert = conn.scalar(select(func.max(t.c.updated_at)))
        n_alerts = conn.scalar(select(func.count()).select_from(t))
    return f"{n_articles}.{last_article}.{n_alerts}.{last_alert}"
