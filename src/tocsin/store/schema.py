"""Tables of the event store (SQLAlchemy Core) and the named migrations that create them.

Migrations are applied in order and recorded by name in ``schema_migrations``; a new schema change is a
new entry at the end of :data:`MIGRATIONS`, never an edit of an applied one.
"""

from __future__ import annotations

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
)
from sqlalchemy.engine import Connection

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
    Index("ix_events_date", "date"),
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
    Index("ix_mentions_article", "article_id"),
    Index("ix_mentions_event", "event_id"),
    Index("ix_mentions_date", "date"),
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
    # the tables as they stood at this migration; later changes get their own migration
    tables = [articles, actors, events, event_mentions, quotes, counts, places, ingest_log, feeds, seen_links]
    metadata.create_all(conn, tables=tables)


#: (name, function) in the order they are applied.
MIGRATIONS: list[tuple[str, Callable[[Connection], None]]] = [
    ("0001_initial", _initial),
]
