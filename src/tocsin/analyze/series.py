"""Event series: counts per period for a unit and a channel, aggregated in SQL (SQLite and PostgreSQL).

Channels keep happenings and warnings apart, which is what the status field is for:

- ``conflict``: **asserted** ASSAULT and COERCE events (material violence and force).
- ``warning``: THREATEN and MOBILIZE events that are asserted, future or hypothetical, and ASSAULT or
  COERCE events that are only future or hypothetical ("Russia could invade", "troops massed").
- ``cooperation``: asserted events of CAMEO QuadClass 1 and 2.
- ``all``: every event of every status.

Metrics: ``reports`` (distinct articles reporting it; for an imported table, its rows), ``events``
(real-world events after grouping), ``mentions``, ``articles``, ``sources`` (distinct outlets),
``goldstein`` (sum), ``dead`` and ``injured`` (sums). Alerts count reports: many outlets reporting attacks
on one day is the signal, and one long article repeating an attack is not.

Mentions whose date is flagged as implausible for their publication never count. Day and week series
use mentions dated to the day; month series also those dated to the month. Gaps are explicit zeros.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Date, String, and_, case, cast, func, literal, or_, select, union
from sqlalchemy.sql import Select

from ..errors import InputError
from ..periods import period_range, start_of
from ..store import Store
from ..store import schema as S

FREQS = ("day", "week", "month")
UNIT_KINDS = ("dyad", "pair", "country", "actor", "type", "quad")
COUNTRY_ROLES = ("source", "target", "place", "either", "affected")
METRICS = ("reports", "events", "mentions", "articles", "sources", "goldstein", "dead", "injured")
CHANNELS = ("conflict", "warning", "cooperation", "all")

_VIOLENT = ("ASSAULT", "COERCE")
_WARNING_TYPES = ("THREATEN", "MOBILIZE")
_NOT_YET = ("future", "hypothetical")


@dataclass(frozen=True, slots=True)
class Unit:
    """What a series counts: a directed dyad, an undirected pair, a country, an actor code, a type, a QuadClass."""

    kind: str
    key: str  # "RUS-UKR", "UKR", "RUSMIL", "ASSAULT", "4"
    role: str | None = None  # countries: source | target | place | either | affected

    def to_dict(self) -> dict[str, Any]:
        if self.kind in ("dyad", "pair"):
            a, _, b = self.key.partition("-")
            return {"kind": self.kind, "source": a, "target": b} if self.kind == "dyad" else {
                "kind": "pair", "countries": [a, b]}  # fmt: skip
        if self.kind == "country":
            return {"kind": "country", "country": self.key, "role": self.role}
        return {"kind": self.kind, self.kind: self.key}


@dataclass(frozen=True, slots=True)
class Series:
    unit: Unit
    channel: str
    metric: str
    freq: str
    periods: tuple[str, ...]
    values: tuple[float, ...]

    @property
    def total(self) -> float:
        return float(sum(self.values))

    def records(self) -> Iterator[dict[str, Any]]:
        for p, v in zip(self.periods, self.values, strict=True):
            yield {"unit": self.unit.to_dict(), "period": p, "channel": self.channel, "metric": self.metric,
                   "value": v}  # fmt: skip


@dataclass(frozen=True, slots=True)
class SeriesQuery:
    """What to count. ``countries`` keeps units that involve one of them; ``types`` narrows the channel."""

    by: str = "dyad"
    freq: str = "day"
    channel: str = "conflict"
    metric: str = "events"
    role: str = "either"
    since: str | None = None
    until: str | None = None
    types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    min_confidence: float | None = None
    origin: str | None = None
    statuses: tuple[str, ...] = field(default=())  # overrides the channel's statuses when given
    unit: str | None = None  # only this unit ("RUS-UKR", "UKR", "ASSAULT"): answered from the indexes

    def check(self) -> SeriesQuery:
        for name, value, allowed in (
            ("--by", self.by, UNIT_KINDS),
            ("--freq", self.freq, FREQS),
            ("--channel", self.channel, CHANNELS),
            ("--metric", self.metric, METRICS),
            ("--role", self.role, COUNTRY_ROLES),
        ):
            if value not in allowed:
                raise InputError(f"{name} {value!r} is not known; use one of {', '.join(allowed)}")
        return self


def channel_condition(m: Any, channel: str) -> ColumnElement[bool]:
    if channel == "conflict":
        return and_(m.c.status == "asserted", m.c.type.in_(_VIOLENT))
    if channel == "warning":
        return or_(
            and_(m.c.type.in_(_WARNING_TYPES), m.c.status.in_(("asserted", *_NOT_YET))),
            and_(m.c.type.in_(_VIOLENT), m.c.status.in_(_NOT_YET)),
        )
    if channel == "cooperation":
        return and_(m.c.status == "asserted", m.c.quad_class.in_((1, 2)))
    return literal(True)


def period_expr(dialect: str, freq: str, date_col: Any) -> Any:
    if freq == "day":
        return date_col
    if freq == "month":
        return func.substr(date_col, 1, 7) + literal("-01")
    if dialect == "postgresql":
        return func.to_char(func.date_trunc("week", cast(date_col, Date())), "YYYY-MM-DD")
    return func.date(date_col, "weekday 0", "-6 days")  # the Monday of the ISO week


def role_columns(m: Any, role: str) -> list[Any]:
    """The mention columns a country fills in a role: source, target, place, either, affected."""
    return {
        "source": [m.c.source_country],
        "target": [m.c.target_country],
        "place": [m.c.country],
        "either": [m.c.source_country, m.c.target_country, m.c.country],
        "affected": [m.c.target_country, m.c.country],
    }[role]


def _unit_rows(q: SeriesQuery, m: Any) -> tuple[Any, list[ColumnElement[bool]]]:
    """(a selectable of ``mention_id, unit`` pairs, or None for a column of the mention; conditions)."""
    if q.by == "dyad":
        return (m.c.source_country + literal("-") + m.c.target_country), [
            m.c.source_country.is_not(None), m.c.target_country.is_not(None)]  # fmt: skip
    if q.by == "pair":
        lo = case((m.c.source_country < m.c.target_country, m.c.source_country), else_=m.c.target_country)
        hi = case((m.c.source_country < m.c.target_country, m.c.target_country), else_=m.c.source_country)
        return (lo + literal("-") + hi), [m.c.source_country.is_not(None), m.c.target_country.is_not(None)]
    if q.by == "type":
        return m.c.type, []
    if q.by == "quad":
        return cast(m.c.quad_class, String()), [m.c.quad_class.is_not(None)]
    if q.by == "actor":
        parts = [
            select(m.c.id.label("mid"), m.c.source_code.label("unit")).where(m.c.source_code.is_not(None)),
            select(m.c.id.label("mid"), m.c.target_code.label("unit")).where(m.c.target_code.is_not(None)),
        ]
        return union(*parts).subquery("units"), []  # fmt: skip
    cols = role_columns(m, q.role)
    if len(cols) == 1:
        return cols[0], [cols[0].is_not(None)]
    parts = [select(m.c.id.label("mid"), c.label("unit")).where(c.is_not(None)) for c in cols]
    return union(*parts).subquery("units"), []


def _one_unit(q: SeriesQuery, m: Any, key: str) -> ColumnElement[bool]:
    a, _, b = key.partition("-")
    if q.by == "dyad":
        return and_(m.c.source_country == a, m.c.target_country == b)
    if q.by == "pair":
        return or_(and_(m.c.source_country == a, m.c.target_country == b),
                   and_(m.c.source_country == b, m.c.target_country == a))  # fmt: skip
    if q.by == "type":
        return m.c.type == key
    if q.by == "quad":
        return m.c.quad_class == int(key) if key.isdigit() else literal(False)
    if q.by == "actor":
        return or_(m.c.source_code == key, m.c.target_code == key)
    cols = role_columns(m, q.role)
    return or_(*[c == key for c in cols])


def series_select(store: Store, q: SeriesQuery) -> Select[Any]:
    """The aggregation: one row per (unit, period) with the metric's value."""
    m, a = S.event_mentions, S.articles
    dialect = store.engine.dialect.name
    unit, conds = _unit_rows(q, m)
    period = period_expr(dialect, q.freq, m.c.date).label("period")
    metric = {
        # articles for extracted news, rows for imported tables (each row is one report)
        "reports": func.count(
            func.distinct(
                case((m.c.origin == "tocsin", literal("a:") + m.c.article_id), else_=literal("e:") + m.c.event_id)
            )
        ),
        "events": func.count(func.distinct(m.c.event_id)),
        "mentions": func.count(func.distinct(m.c.id)),
        "articles": func.count(func.distinct(m.c.article_id)),
        "sources": func.count(func.distinct(func.coalesce(a.c.source, a.c.id))),
        "goldstein": func.coalesce(func.sum(m.c.goldstein), 0),
        "dead": func.coalesce(func.sum(m.c.dead), 0),
        "injured": func.coalesce(func.sum(m.c.injured), 0),
    }[q.metric].label("value")
    joined: Any = m
    if q.metric == "sources":
        joined = joined.join(a, a.c.id == m.c.article_id)
    if isinstance(unit, ColumnElement):
        unit_col = unit.label("unit")
    else:
        joined = joined.join(unit, unit.c.mid == m.c.id)
        unit_col = unit.c.unit.label("unit")
    conds = [*conds, m.c.date.is_not(None), m.c.date_flag.is_(None)]
    if q.statuses:
        conds.append(m.c.status.in_(q.statuses))
    if not q.statuses or q.channel != "all":
        conds.append(channel_condition(m, q.channel))
    if q.freq in ("day", "week"):
        conds.append(func.length(m.c.date) == 10)
    else:
        conds.append(func.length(m.c.date) >= 7)
    if q.since:
        conds.append(m.c.date >= q.since)
    if q.until:
        conds.append(m.c.date <= q.until + "~")  # "2022-02" ≤ "2022-02~": a month counts in its own month
    if q.types:
        conds.append(m.c.type.in_(q.types))
    if q.min_confidence is not None:
        conds.append(m.c.confidence >= q.min_confidence)
    if q.origin:
        conds.append(m.c.origin == q.origin)
    if q.countries:
        conds.append(or_(m.c.source_country.in_(q.countries), m.c.target_country.in_(q.countries),
                         m.c.country.in_(q.countries)))  # fmt: skip
    if q.unit:
        conds.append(_one_unit(q, m, q.unit.upper() if q.by not in ("actor",) else q.unit))
    return select(unit_col, period, metric).select_from(joined).where(and_(*conds)).group_by(unit_col, period)


def compute_series(store: Store, q: SeriesQuery, *, top: int | None = None) -> list[Series]:
    """Every unit's series, gaps filled with zeros over the common period range; largest totals first."""
    q.check()
    with store.engine.connect() as conn:
        rows = conn.execute(series_select(store, q)).all()
    by_unit: dict[str, dict[str, float]] = {}
    for unit, period, value in rows:
        if unit is None or period is None:
            continue
        by_unit.setdefault(str(unit), {})[str(period)] = float(value or 0)
    if not by_unit:
        return []
    # the store's whole dated span, not this channel's: a unit silent for a month has a month of zeros
    lo, hi = store_span(store)
    first = start_of(q.since or lo or min(p for d in by_unit.values() for p in d), q.freq)
    last = start_of(q.until or hi or max(p for d in by_unit.values() for p in d), q.freq)
    periods = tuple(period_range(first, last, q.freq))
    role = q.role if q.by == "country" else None
    wanted = q.unit.upper() if q.unit and q.by != "actor" else q.unit
    keys = [k for k in by_unit if not wanted or k == wanted]
    # rank on the sparse totals and fill the gaps of the kept units only
    keys.sort(key=lambda k: (-sum(by_unit[k].values()), k))
    if top:
        keys = keys[:top]
    return [
        Series(
            Unit(q.by, k, role), q.channel, q.metric, q.freq, periods, tuple(by_unit[k].get(p, 0.0) for p in periods)
        )
        for k in keys
    ]


def store_span(store: Store) -> tuple[str | None, str | None]:
    """First and last day of the mentions dated to the day (a cheap index lookup)."""
    m = S.event_mentions
    day = and_(func.length(m.c.date) == 10, m.c.date_flag.is_(None))
    with store.engine.connect() as conn:
        lo = conn.scalar(select(func.min(m.c.date)).where(day))
        hi = conn.scalar(select(func.max(m.c.date)).where(day))
    return lo, hi


def coverage(store: Store, periods: tuple[str, ...], freq: str) -> list[bool]:
    """Which periods the store *watched*: some article was published in it, or it lies within the dated
    span of an imported table. A quiet period the store did not watch is no evidence of calm."""
    a, m = S.articles, S.event_mentions
    watched: set[str] = set()
    with store.engine.connect() as conn:
        days = select(func.substr(a.c.published, 1, 10)).where(a.c.published.is_not(None)).distinct()
        for (day,) in conn.execute(days):
            watched.add(start_of(day, freq))
        spans = conn.execute(
            select(func.min(m.c.date), func.max(m.c.date))
            .where(m.c.origin != "tocsin", func.length(m.c.date) == 10)
            .group_by(m.c.origin)
        ).all()
    out = []
    for p in periods:
        out.append(p in watched or any(lo and hi and start_of(lo, freq) <= p <= start_of(hi, freq) for lo, hi in spans))
    return out
