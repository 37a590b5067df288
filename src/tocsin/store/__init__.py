"""The event store: SQLite by default, PostgreSQL for shared deployments, both via SQLAlchemy Core.

Each article and everything extracted from it is written in one transaction, so a crash never leaves
half an article; articles are keyed by a hash of their text (and looked up by URL) so a re-run skips
what is stored. Real-world events group mentions across articles by type, status, actors, date and place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, create_engine, event, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError, ProgrammingError, SQLAlchemyError
from sqlalchemy.sql import Select

from ..errors import StoreError
from ..models import STATUSES, Event, Extraction, SourceItem
from . import schema as S
from .grouping import Group, close, evidence_text, group_of, side_country

DEFAULT_DB = "tocsin.db"


#: PostgreSQL's deadlock and serialisation failures: the transaction may simply be run again.
_RETRYABLE = frozenset({"40P01", "40001"})


def now() -> str:
    """The time stamped on what is written; ``SOURCE_DATE_EPOCH`` fixes it, for byte-identical re-runs."""
    fixed = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if fixed.isdigit():
        return dt.datetime.fromtimestamp(int(fixed), dt.UTC).isoformat(timespec="seconds")
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def content_hash(text_: str) -> str:
    """Hash of the text with whitespace normalised: the same article re-read is recognised."""
    return hashlib.sha256(" ".join(text_.split()).encode("utf8")).hexdigest()


def resolve_url(url: str | None = None) -> str:
    """``--db`` value, else ``TOCSIN_DB``, else ``./tocsin.db``; bare paths become SQLite URLs."""
    url = url or os.environ.get("TOCSIN_DB") or DEFAULT_DB
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if not url.startswith(("sqlite:", "postgresql+")):
        scheme = url.split("://", 1)[0]
        raise StoreError(f"unsupported database URL scheme {scheme!r}: use a SQLite file path or a postgresql:// URL")
    return url


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters shared by ``tocsin events`` and ``tocsin export``."""

    since: str | None = None
    until: str | None = None
    country: str | None = None
    actor: str | None = None
    type: str | None = None
    status: str | tuple[str, ...] | None = None  # one status, several, or None for all
    min_confidence: float | None = None

    @property
    def statuses(self) -> tuple[str, ...]:
        if self.status is None:
            return ()
        return (self.status,) if isinstance(self.status, str) else tuple(self.status)


def _sqlite_path(url: str) -> str:
    """The file of a SQLite URL, also of the URI form (``sqlite:///file:/data/t.db?mode=ro&uri=true``)."""
    path = url.split("///", 1)[-1]
    return path.removeprefix("file:").split("?", 1)[0] if path.startswith("file:") else path


def open_store(url: str | None = None, *, create: bool = True) -> Store:
    """Open the store at ``url`` and apply pending migrations.

    With ``create=False`` a SQLite file that does not exist is an error rather than a new empty store
    (a mistyped ``--db`` of a reading command).
    """
    resolved = resolve_url(url)
    if not create and resolved.startswith("sqlite:///"):
        path = _sqlite_path(resolved)
        if path and path != ":memory:" and not Path(path).exists():
            raise StoreError(
                f"no store at {path}; check --db (or TOCSIN_DB), or create one with `tocsin ingest SOURCE --db {path}`"
            )
    return Store(resolved)


class Store:
    """Connection to one database; safe to use from one process while others read."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.engine: Engine = create_engine(url, future=True)
        except ModuleNotFoundError as exc:
            raise StoreError(
                f"the database driver for {url.split(':', 1)[0]} is not installed ({exc.name}); "
                "install it with `pip install 'tocsin[postgres]'`"
            ) from None
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot use database URL {url!r}: {exc}") from None
        if self.engine.dialect.name == "sqlite":
            path = _sqlite_path(url)
            if path and path != ":memory:" and not Path(path).parent.is_dir():
                raise StoreError(f"cannot create database {path}: directory {Path(path).parent} does not exist")
            event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            self._migrate_when_free()
        except OperationalError as exc:
            raise StoreError(f"cannot open database {self.display_url}: {exc.orig}") from None
        except DatabaseError as exc:  # "file is not a database": a corrupt file, or not a store at all
            raise StoreError(
                f"cannot open database {self.display_url}: {exc.orig}; it is corrupt or not a Tocsin store "
                "(restore it from a copy, or give another --db)"
            ) from None

    @property
    def display_url(self) -> str:
        return re.sub(r"//([^:/@]+):[^@]+@", r"//\1:***@", self.url)

    def files(self) -> frozenset[Path]:
        """The SQLite database file and its journals (so ingesting a folder never reads the store)."""
        if self.engine.dialect.name != "sqlite" or not self.engine.url.database:
            return frozenset()
        db = Path(self.engine.url.database).resolve()
        return frozenset({db, *(db.with_name(db.name + suffix) for suffix in ("-wal", "-shm", "-journal"))})

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------------------------
    def _migrate_when_free(self, attempts: int = 6) -> None:
        """:meth:`migrate`, tried again while SQLite reports the new file locked.

        Some of SQLite's locks are refused at once rather than waited for (a read turning into a write
        while another process commits, the switch of a new file to WAL): under load, 1 of 10 processes
        creating one store at the same moment was refused so. The state is brief, so waiting and trying
        again is enough; every migration runs in its own transaction and is recorded, so a retry never
        applies one twice.
        """
        for attempt in range(attempts):
            try:
                self.migrate()
                return
            except OperationalError as exc:
                locked = self.engine.dialect.name == "sqlite" and "locked" in str(exc.orig)
                if not locked or attempt == attempts - 1:
                    raise
                self.engine.dispose()
                time.sleep(0.1 * 2**attempt)

    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded; returns their names."""
        applied: list[str] = []
        if self._up_to_date():
            return applied  # nothing to write: a read-only store opens for reading
        try:
            with self.engine.begin() as conn:
                S.migrations_table.create(conn, checkfirst=True)
        except (OperationalError, IntegrityError, ProgrammingError):
            pass  # another process created it at the same moment; the locked block below checks again
        with self.engine.begin() as conn:
            # one process migrates at a time: SQLite takes the write lock now, PostgreSQL an advisory lock
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            elif conn.dialect.name == "postgresql":
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7340561)")
            done = set(conn.scalars(select(S.migrations_table.c.name)))
            for name, fn in S.MIGRATIONS:
                if name in done:
                    continue
                fn(conn)
                conn.execute(S.migrations_table.insert().values(name=name, applied_at=now()))
                applied.append(name)
        return applied

    def _up_to_date(self) -> bool:
        from sqlalchemy import inspect

        with self.engine.connect() as conn:
            if not inspect(conn).has_table(S.migrations_table.name):
                return False
            done = set(conn.scalars(select(S.migrations_table.c.name)))
        return all(name in done for name, _ in S.MIGRATIONS)

    def migrations(self) -> list[tuple[str, str]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(S.migrations_table).order_by(S.migrations_table.c.name))
            return [(r.name, r.applied_at) for r in rows]

    @property
    def many_writers(self) -> bool:
        """Whether processes on other machines may write to this store at once (PostgreSQL, not SQLite)."""
        return self.engine.dialect.name != "sqlite"

    def ingested_by(self, article_id: str) -> str | None:
        """The run that stored ``article_id``, if it is stored."""
        log = S.ingest_log.c
        with self.engine.connect() as conn:
            return conn.scalar(
                select(log.run_id).where(log.article_id == article_id, log.status == "ingested").limit(1)
            )

    # -- writing --------------------------------------------------------------------------------------
    def find_duplicate(self, item: SourceItem) -> str | None:
        """The id of a stored article with the same text or URL, if any."""
        h = content_hash(item.text)
        cond = S.articles.c.content_hash == h
        if item.url:
            cond = or_(cond, S.articles.c.url == item.url)
        with self.engine.connect() as conn:
            return conn.scalar(select(S.articles.c.id).where(cond).limit(1))

    def add(self, item: SourceItem, extraction: Extraction, *, run_id: str | None = None) -> str | None:
        """Store one article and its extraction atomically; returns its id, or None if already stored.

        With ``run_id`` the ingest-log row is written in the same transaction (one commit per article).
        """
        for attempt in range(4):
            try:
                return self._add(item, extraction, run_id)
            except OperationalError as exc:
                # PostgreSQL ends one of two transactions that wait on each other; the article is then
                # simply written again (nothing of it was committed)
                if getattr(exc.orig, "sqlstate", None) not in _RETRYABLE or attempt == 3:
                    raise StoreError(f"cannot store article {item.name}: {exc.orig}") from None
        return None

    def _add(self, item: SourceItem, extraction: Extraction, run_id: str | None) -> str | None:
        art = extraction.article
        h = content_hash(item.text)
        try:
            with self.engine.begin() as conn:
                # statements built once and given their values at execution: SQLAlchemy's cost of
                # building a statement per row was most of the time an article took to store
                conn.execute(
                    S.articles.insert(),
                    {
                        "id": art.id,
                        "content_hash": h,
                        "external_id": item.external_id,
                        "url": item.url,
                        "path": item.path,
                        "title": item.title,
                        "published": item.published.isoformat() if item.published else None,
                        "published_offset": item.published_offset,
                        "source": item.source,
                        "language": art.language,
                        "text": item.text,
                        "meta": json.dumps(item.meta, default=str) if item.meta else None,
                        "model": extraction.model,
                        "n_events": len(extraction.events),
                        "ingested_at": now(),
                    },
                )
                self._write_children(conn, art.id, extraction, item)
                if run_id is not None:
                    conn.execute(
                        S.ingest_log.insert(),
                        {"run_id": run_id, "at": now(), "item": item.name, "status": "ingested", "article_id": art.id},
                    )
        except IntegrityError as exc:
            if self.find_duplicate(item):
                return None  # another process stored the same text first
            raise StoreError(f"cannot store article {item.name}: {exc.orig}") from None
        return art.id

    def _write_children(self, conn: Connection, aid: str, x: Extraction, item: SourceItem) -> None:
        if x.actors:
            conn.execute(
                S.actors.insert(),
                [
                    {
                        "article_id": aid,
                        "actor_id": a.id,
                        "text": a.text,
                        "name": a.name,
                        "country": a.country,
                        "sector": a.sector,
                        "org": a.org,
                        "code": a.code,
                        "kind": a.kind,
                        "mentions": json.dumps(a.mentions),
                    }
                    for a in x.actors
                ],
            )
        touched: list[str] = []
        first: dict[str, tuple[Group, Event]] = {}
        rows, loose = [], []
        origin = str(item.meta.get("origin") or "tocsin")
        groups = [(ev, group_of(ev, aid, origin)) for ev in x.events]
        stored = self._evidence_of(conn, [g.key_id for _, g in groups if g.shareable and g.key_id])
        for ev, g in groups:
            if g.key_id is None:  # no actor: kept apart, with the reason
                loose.append(_unattributed_row(ev, aid, g.reason or ""))
                continue
            if g.shareable and g.key_id not in touched:
                g = self._joinable(g, ev, aid, stored)
            key_id: str = g.key_id or ""
            if key_id not in touched:
                touched.append(key_id)
                first[key_id] = (g, ev)
            rows.append(_mention_row(ev, aid, g, origin))
        # many writers (PostgreSQL) touch shared events in one order, so two articles grouping into the
        # same two events wait for each other instead of deadlocking
        if first:
            conn.execute(
                _insert(conn, S.events).on_conflict_do_nothing(index_elements=["id"]),
                [_event_row(*first[key_id], item, origin) for key_id in sorted(first)],
            )
        if rows:
            conn.execute(S.event_mentions.insert(), rows)
        if loose:
            conn.execute(S.unattributed.insert(), loose)
        if touched:
            self._refresh_events(conn, sorted(touched))
        if x.quotes:
            conn.execute(
                S.quotes.insert(),
                [
                    {
                        "article_id": aid,
                        "n": n,
                        "kind": q.kind,
                        "speaker_code": q.speaker.code if q.speaker else None,
                        "speaker_name": q.speaker.name if q.speaker else q.speaker_text,
                        "text": q.text,
                        "data": json.dumps(q.to_dict()),
                    }
                    for n, q in enumerate(x.quotes)
                ],
            )
        if x.counts:
            conn.execute(
                S.counts.insert(),
                [
                    {
                        "article_id": aid,
                        "n": n,
                        "value": c.value,
                        "qualifier": c.qualifier,
                        "unit": c.unit,
                        "category": c.category,
                        "data": json.dumps(c.to_dict()),
                    }
                    for n, c in enumerate(x.counts)
                ],
            )
        if x.places:
            conn.execute(
                S.places.insert(),
                [
                    {
                        "article_id": aid,
                        "n": n,
                        "text": p.text,
                        "name": p.name,
                        "country": p.country,
                        "admin1": p.admin1,
                        "lat": p.lat,
                        "lon": p.lon,
                        "geonames_id": p.geonames_id,
                        "feature": p.feature,
                        "start": p.start,
                        "end": p.end,
                    }
                    for n, p in enumerate(x.places)
                ],
            )

    @staticmethod
    def _evidence_of(conn: Connection, ids: list[str]) -> dict[str, str]:
        """The evidence text of the stored events among ``ids``."""
        if not ids:
            return {}
        found = conn.execute(select(S.events.c.id, S.events.c.evidence_text).where(S.events.c.id.in_(sorted(set(ids)))))
        return {r.id: r.evidence_text or "" for r in found}

    @staticmethod
    def _joinable(g: Group, ev: Event, aid: str, stored: dict[str, str]) -> Group:
        """``g`` if the event it names is new or reads close to ``ev``; else the same group kept local."""
        told = stored.get(g.key_id or "")
        if told is None or close(told, evidence_text(ev), ev.source + ev.target):
            return g
        return g.local(aid)

    @staticmethod
    def _refresh_events(conn: Connection, key_ids: list[str]) -> None:
        """Recount the mentions, articles and sources of the events ``key_ids`` (sorted)."""
        e, m, a = S.events, S.event_mentions, S.articles
        # lock the event rows first, in order: a concurrent writer's mentions are then committed and
        # counted, and its totals cannot overwrite ours (SQLite has one writer and leaves FOR UPDATE out)
        conn.execute(select(e.c.id).where(e.c.id.in_(key_ids)).order_by(e.c.id).with_for_update())
        of_event = m.c.event_id == e.c.id
        conn.execute(
            e.update()
            .where(e.c.id.in_(key_ids))
            .values(
                num_mentions=func.coalesce(select(func.sum(m.c.n_evidence)).where(of_event).scalar_subquery(), 0),
                num_articles=select(func.count(func.distinct(m.c.article_id))).where(of_event).scalar_subquery(),
                num_sources=select(func.count(func.distinct(func.coalesce(a.c.source, ""))))
                .select_from(m.join(a, a.c.id == m.c.article_id))
                .where(of_event)
                .scalar_subquery(),
                confidence=select(func.max(m.c.confidence)).where(of_event).scalar_subquery(),
            )
        )

    def log(
        self, run_id: str, item: str, status: str, reason: str | None = None, article_id: str | None = None
    ) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                S.ingest_log.insert().values(
                    run_id=run_id, at=now(), item=item, status=status, reason=reason, article_id=article_id
                )
            )

    # -- feeds (watch mode) ---------------------------------------------------------------------------
    def feed_state(self, url: str) -> tuple[str | None, str | None]:
        with self.engine.connect() as conn:
            row = conn.execute(select(S.feeds.c.etag, S.feeds.c.last_modified).where(S.feeds.c.url == url)).first()
        return (row.etag, row.last_modified) if row else (None, None)

    def save_feed_state(self, url: str, etag: str | None, last_modified: str | None) -> None:
        with self.engine.begin() as conn:
            done = conn.execute(
                S.feeds.update()
                .where(S.feeds.c.url == url)
                .values(etag=etag, last_modified=last_modified, last_polled=now())
            )
            if not done.rowcount:
                conn.execute(
                    S.feeds.insert().values(url=url, etag=etag, last_modified=last_modified, last_polled=now())
                )

    def unseen(self, links: list[str]) -> list[str]:
        if not links:
            return []
        with self.engine.connect() as conn:
            seen = set(conn.scalars(select(S.seen_links.c.url).where(S.seen_links.c.url.in_(links))))
        return [u for u in dict.fromkeys(links) if u not in seen]

    def mark_seen(self, links: list[str], feed_url: str) -> None:
        fresh = self.unseen(links)
        if fresh:
            with self.engine.begin() as conn:
                conn.execute(
                    S.seen_links.insert(), [{"url": u, "feed_url": feed_url, "first_seen": now()} for u in fresh]
                )

    # -- reading --------------------------------------------------------------------------------------
    def count(self, table: str) -> int:
        with self.engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(S.metadata.tables[table])) or 0)

    def articles(self, *, with_text: bool = True) -> Iterator[dict[str, Any]]:
        cols = [c for c in S.articles.c if with_text or c.name != "text"]
        yield from self._stream(select(*cols).order_by(S.articles.c.ingested_at, S.articles.c.id))

    def mentions(self, f: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Article-level event mentions joined with their article's URL/title, filtered, in date order."""
        m, a = S.event_mentions, S.articles
        q = (
            select(m, a.c.url.label("article_url"), a.c.path.label("article_path"), a.c.title.label("article_title"))
            .select_from(m.join(a, a.c.id == m.c.article_id))
            .order_by(m.c.date, m.c.id)
        )
        yield from self._stream(_filtered(q, m, f))

    def events(self, f: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Real-world events (mentions grouped across articles), filtered, in date order."""
        e = S.events
        yield from self._stream(_filtered(select(e).order_by(e.c.date, e.c.id), e, f))

    def unattributed(self, f: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Mentions no actor could be attached to, with the reason: kept, never grouped or exported."""
        u, a = S.unattributed, S.articles
        q = (
            select(u, a.c.url.label("article_url"), a.c.title.label("article_title"))
            .select_from(u.join(a, a.c.id == u.c.article_id))
            .order_by(u.c.date, u.c.id)
        )
        if f is not None:
            q = _filtered(q, u, EventFilter(f.since, f.until, None, None, f.type, f.status, f.min_confidence))
        yield from self._stream(q)

    def log_entries(self, run_id: str | None = None) -> list[dict[str, Any]]:
        q = select(S.ingest_log).order_by(S.ingest_log.c.id)
        if run_id:
            q = q.where(S.ingest_log.c.run_id == run_id)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def _stream(self, q: Select[Any]) -> Iterator[dict[str, Any]]:
        # server-side cursor in batches: exports of millions of rows run in constant memory
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=500).execute(q)
            for row in result:
                yield dict(row._mapping)


def _insert(conn: Connection, table: Any) -> Any:
    """The dialect's INSERT, which offers ON CONFLICT DO NOTHING on both SQLite and PostgreSQL."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # the wait first: switching a new file to WAL needs its lock, which a process starting at the same
    # moment may hold, and without a wait that is an immediate "database is locked"
    cur.execute("PRAGMA busy_timeout=60000")
    cur.execute("PRAGMA journal_mode=WAL")  # readers keep working while an ingest writes
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _event_row(g: Group, ev: Event, item: SourceItem, origin: str) -> dict[str, Any]:
    """A new event's row, from the first mention of it: counts are filled in by the refresh."""
    loc = ev.location
    return {
        "id": g.key_id,
        "type": ev.type,
        "cameo": ev.cameo,
        "quad_class": ev.quad_class,
        "goldstein": ev.goldstein,
        "status": ev.status,
        "source_code": g.source_code,
        "target_code": g.target_code,
        "source_name": g.source_name,
        "target_name": g.target_name,
        "date": ev.date,
        "date_precision": ev.date_precision,
        "place_key": g.place_key,
        "place_name": loc.name if loc else None,
        "country": loc.country if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "geonames_id": loc.geonames_id if loc else None,
        "location_precision": ev.location_precision,
        "num_mentions": 0,
        "num_articles": 0,
        "num_sources": 0,
        "confidence": ev.confidence,
        "first_added": now(),
        "source_url": item.url or item.path,
        "evidence_text": evidence_text(ev),
        "origin": origin,
    }


def _mention_row(ev: Event, aid: str, g: Group, origin: str) -> dict[str, Any]:
    loc = ev.location
    return {
        "id": ev.id,
        "article_id": aid,
        "event_id": g.key_id,
        "type": ev.type,
        "mode": ev.mode,
        "context": json.dumps(list(ev.context)),
        "cameo": ev.cameo,
        "quad_class": ev.quad_class,
        "goldstein": ev.goldstein,
        "source_code": g.source_code,
        "target_code": g.target_code,
        "source": json.dumps([a.to_dict() for a in ev.source]),
        "target": json.dumps([a.to_dict() for a in ev.target]),
        "status": ev.status,
        "claimed_by": json.dumps(ev.claimed_by.to_dict()) if ev.claimed_by else None,
        "date": ev.date,
        "date_precision": ev.date_precision,
        "location": json.dumps(loc.to_dict()) if loc else None,
        "location_reason": ev.location_reason,
        "country": loc.country if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "confidence": ev.confidence,
        "dead": ev.dead,
        "injured": ev.injured,
        "n_evidence": len(ev.evidence),
        "evidence": json.dumps([e.to_dict() for e in ev.evidence]),
        "source_country": side_country(ev.source),
        "target_country": side_country(ev.target),
        "origin": origin,
        "date_flag": ev.date_flag,
    }


def _unattributed_row(ev: Event, aid: str, reason: str) -> dict[str, Any]:
    return {
        "id": ev.id,
        "article_id": aid,
        "type": ev.type,
        "cameo": ev.cameo,
        "quad_class": ev.quad_class,
        "status": ev.status,
        "date": ev.date,
        "date_precision": ev.date_precision,
        "confidence": ev.confidence,
        "reason": reason,
        "n_evidence": len(ev.evidence),
        "evidence": json.dumps([e.to_dict() for e in ev.evidence]),
    }


def _like_escape(text_: str) -> str:
    return text_.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _code_match(col: Any, code: str) -> ColumnElement[bool]:
    code = _like_escape(code)
    return or_(col.like(f"{code}%", escape="\\"), col.like(f"%+{code}%", escape="\\"))


def _filtered(q: Select[Any], t: Any, f: EventFilter | None) -> Select[Any]:
    if f is None:
        return q
    conds: list[ColumnElement[bool]] = []
    if f.since:
        conds.append(t.c.date >= f.since)
    if f.until:
        conds.append(t.c.date <= f.until)
    if f.type:
        conds.append(t.c.type == f.type.upper())
    if f.statuses:
        conds.append(t.c.status.in_([st.lower() for st in f.statuses]))
    if f.min_confidence is not None:
        conds.append(t.c.confidence >= f.min_confidence)
    if f.country:
        c = f.country.upper()
        conds.append(or_(_code_match(t.c.source_code, c), _code_match(t.c.target_code, c)))
    if f.actor:
        needle = f"%{_like_escape(f.actor)}%"
        cols = [t.c.source_code, t.c.target_code]
        if t is S.event_mentions:
            cols += [t.c.source, t.c.target]  # actor JSON: names and surface forms
        else:
            cols += [t.c.source_name, t.c.target_name]
        conds.append(or_(*[col.like(needle, escape="\\") for col in cols]))
    return q.where(and_(*conds)) if conds else q


__all__ = ["STATUSES", "EventFilter", "Store", "content_hash", "open_store", "resolve_url"]
