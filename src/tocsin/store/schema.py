"""Tables of the event store (SQLAlchemy Core) and the named migrations that create them.

Migrations are applied in order and recorded by name in ``schema_migrations``; a new schema change is a
new entry at the end of :data:`MIGRATIONS`, never an edit of an applied one.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    exists,
    inspect,
    literal,
    select,
    text,
)
from sqlalchemy.engine import Connection

from .grouping import first_country

metadata = MetaData()

migrations_table = Table(
    "schema_migrations",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("applied_at", String(40), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(40), primary_key=True),  # content hash prefix: stable across re-runs
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("external_id", Text),
    Column("url", Text),
    Column("path", Text),
    Column("title", Text),
    Column("published", String(40)),  # ISO 8601 UTC
    Column("published_offset", String(8)),  # the source's own offset, e.g. +02:00
    Column("source", Text),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("meta", Text),  # JSON: raw metadata from the source
    Column("model", Text),
    Column("n_events", Integer, nullable=False, default=0),
    Column("ingested_at", String(40), nullable=False),
    Index("ix_articles_url", "url"),
    Index("ix_articles_published", "published"),
    Index("ix_articles_ingested", "ingested_at"),
)

actors = Table(
    "actors",
    metadata,
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("actor_id", String(60), primary_key=True),
    Column("text", Text),
    Column("name", Text),
    Column("country", String(3)),
    Column("sector", String(8)),
    Column("org", String(40)),
    Column("code", String(12)),
    Column("kind", String(12)),
    Column("mentions", Text),  # JSON [[start, end], ...]
)

events = Table(
    "events",
    metadata,
    Column("id", String(40), primary_key=True),  # hash of the grouping key
    Column("type", String(12), nullable=False),
    Column("cameo", String(6)),
    Column("quad_class", Integer),
    Column("goldstein", Float),
    Column("status", String(16), nullable=False),
    Column("source_code", String(80)),
    Column("target_code", String(80)),
    Column("source_name", Text),
    Column("target_name", Text),
    Column("date", String(10)),
    Column("place_key", String(40)),
    Column("place_name", Text),
    Column("country", String(3)),
    Column("lat", Float),
    Column("lon", Float),
    Column("geonames_id", Integer),
    Column("num_mentions", Integer, nullable=False, default=0),
    Column("num_articles", Integer, nullable=False, default=0),
    Column("num_sources", Integer, nullable=False, default=0),
    Column("confidence", Float),
    Column("first_added", String(40)),
    Column("source_url", Text),
    # 0002: what the grouping rule compares a new report against, and where the event came from
    Column("date_precision", String(10)),
    Column("evidence_text", Text),
    Column("origin", String(12)),
    # 0004: how precisely the place locates the event (place, admin2, admin1, country, area)
    Column("location_precision", String(10)),
    Index("ix_events_date", "date"),
    # the map's aggregation by place reads this index in group order
    Index(
        "ix_events_places", "place_name", "country", "lat", "lon", "geonames_id", "status", "type", "num_articles", "id"
    ),
)

event_mentions = Table(
    "event_mentions",
    metadata,
    Column("id", String(60), primary_key=True),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("event_id", String(40), ForeignKey("events.id"), nullable=False),
    Column("type", String(12), nullable=False),
    Column("mode", String(40)),
    Column("context", Text),  # JSON list
    Column("cameo", String(6)),
    Column("quad_class", Integer),
    Column("goldstein", Float),
    Column("source_code", String(80)),
    Column("target_code", String(80)),
    Column("source", Text),  # JSON list of actors
    Column("target", Text),
    Column("status", String(16), nullable=False),
    Column("claimed_by", Text),  # JSON actor or null
    Column("date", String(10)),
    Column("date_precision", String(10)),
    Column("location", Text),  # JSON place or null
    Column("location_reason", Text),
    Column("country", String(3)),
    Column("lat", Float),
    Column("lon", Float),
    Column("confidence", Float),
    Column("dead", Integer),
    Column("injured", Integer),
    Column("n_evidence", Integer, nullable=False),
    Column("evidence", Text, nullable=False),  # JSON list
    # 0002: one country per side for series (the first actor with a country, by code), the origin of
    # the row (``tocsin`` or an imported table) and why its date is implausible, if it is
    Column("source_country", String(3)),
    Column("target_country", String(3)),
    Column("origin", String(12)),
    Column("date_flag", Text),
    Index("ix_mentions_article", "article_id"),
    Index("ix_mentions_event", "event_id"),
    Index("ix_mentions_date", "date"),
    Index("ix_mentions_dyad", "source_country", "target_country", "date"),
    # covers the series aggregations: they read these columns only, never the rows
    Index(
        "ix_mentions_series",
        "status",
        "type",
        "date",
        "source_country",
        "target_country",
        "country",
        "date_flag",
        "origin",
        "article_id",
        "event_id",
    ),
)

unattributed = Table(
    "unattributed_mentions",
    metadata,
    Column("id", String(60), primary_key=True),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("type", String(12), nullable=False),
    Column("cameo", String(6)),
    Column("quad_class", Integer),
    Column("status", String(16), nullable=False),
    Column("date", String(10)),
    Column("date_precision", String(10)),
    Column("confidence", Float),
    Column("reason", Text, nullable=False),
    Column("n_evidence", Integer, nullable=False),
    Column("evidence", Text, nullable=False),
    Index("ix_unattributed_article", "article_id"),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", String(40), primary_key=True),  # hash of unit, channel, method and first period
    Column("unit_kind", String(12), nullable=False),
    Column("unit_key", String(40), nullable=False),  # "RUS-UKR", "UKR"
    Column("unit", Text, nullable=False),  # JSON
    Column("channel", String(12), nullable=False),
    Column("metric", String(12), nullable=False),
    Column("freq", String(8), nullable=False),
    Column("method", String(20), nullable=False),
    Column("date", String(10), nullable=False),  # the period in which it first fired
    Column("last_date", String(10), nullable=False),  # the last period in which it still fired
    Column("first_seen", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
    Column("observed", Float, nullable=False),
    Column("baseline", Float, nullable=False),
    Column("severity", Float, nullable=False),
    Column("explanation", Text, nullable=False),
    Column("events", Text, nullable=False),  # JSON list of event ids
    Column("evidence", Text, nullable=False),  # JSON list of {text, url, article_id}
    Column("notified", Integer, nullable=False, default=0),
    # active, or withdrawn when a recomputation over the stored events no longer finds it
    Column("state", String(10), nullable=False, default="active"),
    Index("ix_alerts_date", "date"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("n", Integer, primary_key=True),
    Column("kind", String(10)),
    Column("speaker_code", String(12)),
    Column("speaker_name", Text),
    Column("text", Text),
    Column("data", Text),  # JSON: the whole record with evidence
)

counts = Table(
    "counts",
    metadata,
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("n", Integer, primary_key=True),
    Column("value", Float),
    Column("qualifier", String(12)),
    Column("unit", Text),
    Column("category", String(20)),
    Column("data", Text),
)

places = Table(
    "places",
    metadata,
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("n", Integer, primary_key=True),
    Column("text", Text),
    Column("name", Text),
    Column("country", String(3)),
    Column("admin1", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("geonames_id", Integer),
    Column("feature", String(12)),
    Column("start", Integer),
    Column("end", Integer),
)

ingest_log = Table(
    "ingest_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", String(40), nullable=False),
    Column("at", String(40), nullable=False),
    Column("item", Text, nullable=False),
    Column("status", String(12), nullable=False),  # ingested | duplicate | refused
    Column("reason", Text),
    Column("article_id", String(40)),
    Index("ix_ingest_log_run", "run_id"),
)

feeds = Table(
    "feeds",
    metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_polled", String(40)),
)

seen_links = Table(
    "seen_links",
    metadata,
    Column("url", Text, primary_key=True),
    Column("feed_url", Text),
    Column("first_seen", String(40)),
    UniqueConstraint("url", name="uq_seen_links_url"),
)


def _initial(conn: Connection) -> None:
    # a new store gets today's columns at once; 0002 adds the ones it introduced to older stores only
    tables = [articles, actors, events, event_mentions, quotes, counts, places, ingest_log, feeds, seen_links]
    metadata.create_all(conn, tables=tables)


_LATER_INDEXES = {"ix_mentions_dyad", "ix_mentions_series", "ix_articles_ingested", "ix_events_places"}
_INITIAL_COLUMNS = {
    "events": {"date_precision", "evidence_text", "origin", "location_precision"},
    "event_mentions": {"source_country", "target_country", "origin", "date_flag"},
}


def _add_columns(conn: Connection, table: Table, names: set[str]) -> None:
    have = {c["name"] for c in inspect(conn).get_columns(table.name)}
    for name in sorted(names - have):
        col = table.c[name]
        conn.execute(text(f'ALTER TABLE {table.name} ADD COLUMN "{name}" {col.type.compile(conn.dialect)}'))


def _units_and_unattributed(conn: Connection) -> None:
    """Unattributed mentions move out of the events; each mention gets its side countries and origin."""
    _add_columns(conn, events, _INITIAL_COLUMNS["events"])
    _add_columns(conn, event_mentions, _INITIAL_COLUMNS["event_mentions"])
    unattributed.create(conn, checkfirst=True)
    m = event_mentions
    actorless = (m.c.source_code.is_(None)) & (m.c.target_code.is_(None))
    moved = select(
        m.c.id, m.c.article_id, m.c.type, m.c.cameo, m.c.quad_class, m.c.status, m.c.date, m.c.date_precision,
        m.c.confidence, literal("no source or target actor").label("reason"), m.c.n_evidence, m.c.evidence,
    ).where(actorless)  # fmt: skip
    conn.execute(unattributed.insert().from_select(
        ["id", "article_id", "type", "cameo", "quad_class", "status", "date", "date_precision", "confidence",
         "reason", "n_evidence", "evidence"], moved))  # fmt: skip
    conn.execute(m.delete().where(actorless))
    conn.execute(events.delete().where(~exists().where(m.c.event_id == events.c.id)))
    conn.execute(m.update().where(m.c.origin.is_(None)).values(origin="tocsin"))
    conn.execute(events.update().where(events.c.origin.is_(None)).values(origin="tocsin"))
    rows = conn.execute(select(m.c.id, m.c.source, m.c.target)).all()
    for mid, src, tgt in rows:
        conn.execute(
            m.update()
            .where(m.c.id == mid)
            .values(source_country=first_country(a.get("country") for a in json.loads(src or "[]")),
                    target_country=first_country(a.get("country") for a in json.loads(tgt or "[]")))
        )  # fmt: skip
    for ix in m.indexes:
        if ix.name in _LATER_INDEXES:
            ix.create(conn, checkfirst=True)


def _alerts(conn: Connection) -> None:
    alerts.create(conn, checkfirst=True)
    _add_columns(conn, alerts, {"state"})  # a store made by a development build of this migration
    # the HTTP layer asks "is anything new stored?" by the latest ingest time, and maps events by place
    for ix in [*articles.indexes, *events.indexes]:
        if ix.name in _LATER_INDEXES:
            ix.create(conn, checkfirst=True)


def _location_precision(conn: Connection) -> None:
    """Events say how precisely their place locates them. Older rows keep NULL, which readers take as
    "place" when the place has a GeoNames id and "country" otherwise, as they did before."""
    _add_columns(conn, events, {"location_precision"})


#: (name, function) in the order they are applied.
MIGRATIONS: list[tuple[str, Callable[[Connection], None]]] = [
    ("0001_initial", _initial),
    ("0002_units_and_unattributed", _units_and_unattributed),
    ("0003_alerts", _alerts),
    ("0004_location_precision", _location_precision),
]
