"""Alerts: detector signals over the stored series, raised once, updated while they last, explained.

An alert is one run of periods in which a method fires for a unit and a channel. Its id is a hash of
the unit, channel, method and first period, so recomputing after every ingest finds the same alert
again and updates it (its last period, peak observed value, severity, events) instead of raising a
new one. Each alert carries its explanation: the method, observed against baseline, and the events
and evidence sentences of the periods it covers.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import and_, or_, select

from ..periods import period_end
from ..store import Store, now
from ..store import schema as S
from .detect import Params, Signal, episodes, method
from .series import Series, SeriesQuery, Unit, channel_condition, compute_series, coverage, role_columns

#: What ``ingest``, ``import`` and ``watch`` recompute: directed dyads and affected countries, daily.
DEFAULT_METHODS = ("nbsurprise",)
DEFAULT_CHANNELS = ("conflict", "warning")
ALERT_UNITS = (("dyad", "either"), ("country", "affected"))


@dataclass(frozen=True, slots=True)
class Alert:
    id: str
    unit: Unit
    channel: str
    metric: str
    freq: str
    method: str
    date: str
    last_date: str
    observed: float
    baseline: float
    severity: float
    explanation: str
    events: tuple[str, ...]
    evidence: tuple[dict[str, Any], ...]
    first_seen: str = ""
    updated_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "unit": self.unit.to_dict(),
            "channel": self.channel,
            "date": self.date,
            "last_date": self.last_date,
            "first_seen": self.first_seen,
            "updated_at": self.updated_at,
            "method": self.method,
            "metric": self.metric,
            "freq": self.freq,
            "observed": self.observed,
            "baseline": self.baseline,
            "severity": self.severity,
            "explanation": self.explanation,
            "events": list(self.events),
            "evidence": list(self.evidence),
            "state": "active",
        }


def alert_id(unit: Unit, channel: str, method_name: str, first: str) -> str:
    key = f"{unit.kind}|{unit.role}|{unit.key}|{channel}|{method_name}|{first}"
    return hashlib.sha1(key.encode()).hexdigest()[:20]


#: Share of a baseline window the store must have watched for a signal in it to count.
MIN_WATCHED = 0.5


def detect(
    series: Series,
    method_name: str,
    params: Params | None = None,
    *,
    gap: int = 2,
    watched: list[bool] | None = None,
) -> list[tuple[list[Signal], str, str]]:
    """Runs of signals of one method on one series, each with its first and last period.

    With ``watched`` (see :func:`~tocsin.analyze.series.coverage`), a signal counts only when the store
    watched at least half of the 28 days before it: a store's first days, or the background dates of
    articles all published on one day, are no baseline.
    """
    params = params or Params(freq=series.freq)
    signals = method(method_name).fn(series.values, params)
    if watched is not None:
        w = params.periods(28)
        signals = [s for s in signals if sum(watched[max(0, s.index - w) : s.index]) >= MIN_WATCHED * w]
    return [(run, series.periods[run[0].index], series.periods[run[-1].index]) for run in episodes(signals, gap=gap)]


def _contributing(
    store: Store, unit: Unit, channel: str, first: str, last_period: str, freq: str
) -> tuple[tuple[str, ...], tuple[dict[str, Any], ...]]:
    """The events behind an alert and one evidence sentence for each of the first few, with its article
    URL, surest first (a second report of the same event would be listed as another event)."""
    m, a = S.event_mentions, S.articles
    conds = [channel_condition(m, channel), m.c.date >= first, m.c.date_flag.is_(None)]
    conds.append(m.c.date <= (last_period if freq == "day" else period_end(last_period, freq)))
    if unit.kind == "dyad":
        src, _, tgt = unit.key.partition("-")
        conds += [m.c.source_country == src, m.c.target_country == tgt]
    elif unit.kind == "country":
        cols = role_columns(m, unit.role or "either")
        conds.append(or_(*[c == unit.key for c in cols]))
    q = (
        select(m.c.event_id, m.c.evidence, m.c.article_id, a.c.url, a.c.path)
        .select_from(m.join(a, a.c.id == m.c.article_id))
        .where(and_(*conds))
        .order_by(m.c.confidence.desc(), m.c.id)
        .limit(200)
    )
    ids: list[str] = []
    evidence: list[dict[str, Any]] = []
    with store.engine.connect() as conn:
        for row in conn.execute(q):
            if row.event_id in ids:
                continue
            ids.append(row.event_id)
            if len(evidence) < 5:
                ev = (json.loads(row.evidence or "[]") or [{}])[0]
                evidence.append({"text": ev.get("text"), "trigger": ev.get("trigger"), "url": row.url or row.path,
                                 "article_id": row.article_id, "event_id": row.event_id})  # fmt: skip
    return tuple(ids), tuple(evidence)


def compute_alerts(
    store: Store,
    *,
    methods: tuple[str, ...] = DEFAULT_METHODS,
    channels: tuple[str, ...] = DEFAULT_CHANNELS,
    freq: str = "day",
    metric: str = "reports",
    units: tuple[tuple[str, str], ...] = ALERT_UNITS,
    params: Params | None = None,
) -> list[Alert]:
    """Every alert the stored history gives (not yet written)."""
    params = params or Params(freq=freq)
    out = []
    for m_name in methods:
        method(m_name)
    watched: dict[tuple[str, ...], list[bool]] = {}
    for by, role in units:
        for channel in channels:
            for s in compute_series(store, SeriesQuery(by=by, role=role, freq=freq, channel=channel, metric=metric)):
                if s.periods not in watched:
                    watched[s.periods] = coverage(store, s.periods, freq)
                for m_name in methods:
                    for run, first, last in detect(s, m_name, params, watched=watched[s.periods]):
                        peak = max(run, key=lambda x: x.severity)
                        ids, evidence = _contributing(store, s.unit, channel, first, last, freq)
                        text = (
                            f"{m_name} on the {channel} channel of {s.unit.key} ({metric} per {freq}): {peak.detail}"
                            f"; fired in {len(run)} period(s) from {first} to {last}"
                        )
                        out.append(Alert(alert_id(s.unit, channel, m_name, first), s.unit, channel, metric, freq,
                                         m_name, first, last, peak.observed, peak.baseline, peak.severity, text,
                                         ids, evidence))  # fmt: skip
    return out


def refresh_alerts(store: Store, **kw: Any) -> list[Alert]:
    """Recompute and store alerts: new ones inserted, lasting ones updated, and those of the same methods
    and channels that the stored events no longer support marked ``withdrawn``. Returns the new ones."""
    fresh = compute_alerts(store, **kw)
    new: list[Alert] = []
    stamp = now()
    t = S.alerts
    methods = kw.get("methods", DEFAULT_METHODS)
    channels = kw.get("channels", DEFAULT_CHANNELS)
    with store.engine.begin() as conn:
        known = {r.id: r for r in conn.execute(select(t.c.id, t.c.last_date, t.c.severity, t.c.state))}
        fresh_ids = {al.id for al in fresh}
        mine = select(t.c.id).where(t.c.method.in_(methods), t.c.channel.in_(channels), t.c.state == "active")
        gone = [r.id for r in conn.execute(mine) if r.id not in fresh_ids]
        if gone:
            conn.execute(t.update().where(t.c.id.in_(gone)).values(state="withdrawn", updated_at=stamp))
        for al in fresh:
            values = {
                "last_date": al.last_date, "observed": al.observed, "baseline": al.baseline,
                "severity": al.severity, "explanation": al.explanation, "events": json.dumps(list(al.events)),
                "evidence": json.dumps(list(al.evidence)),
            }  # fmt: skip
            if al.id in known:
                row = known[al.id]
                if row.last_date != al.last_date or row.severity != al.severity or row.state != "active":
                    conn.execute(t.update().where(t.c.id == al.id).values(updated_at=stamp, state="active", **values))
                continue
            conn.execute(t.insert().values(
                id=al.id, unit_kind=al.unit.kind, unit_key=al.unit.key, unit=json.dumps(al.unit.to_dict()),
                channel=al.channel, metric=al.metric, freq=al.freq, method=al.method, date=al.date,
                first_seen=stamp, updated_at=stamp, notified=0, state="active", **values))  # fmt: skip
            new.append(al)
    return new


def stored_alerts(
    store: Store,
    *,
    since: str | None = None,
    channel: str | None = None,
    pending: bool = False,
    withdrawn: bool = False,
) -> list[dict[str, Any]]:
    """Stored alerts as the JSON records ``tocsin alerts --format jsonl`` prints, newest period first
    (active ones; ``withdrawn`` adds those a recomputation no longer supports)."""
    t = S.alerts
    q = select(t).order_by(t.c.date.desc(), t.c.severity.desc())
    if not withdrawn:
        q = q.where(t.c.state == "active")
    if since:
        q = q.where(t.c.last_date >= since)
    if channel:
        q = q.where(t.c.channel == channel)
    if pending:
        q = q.where(t.c.notified == 0)
    with store.engine.connect() as conn:
        return [_record(dict(r._mapping)) for r in conn.execute(q)]


def _record(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": r["id"], "unit": json.loads(r["unit"]), "channel": r["channel"], "date": r["date"],
        "last_date": r["last_date"], "first_seen": r["first_seen"], "updated_at": r["updated_at"],
        "method": r["method"], "metric": r["metric"], "freq": r["freq"], "observed": r["observed"],
        "baseline": r["baseline"], "severity": r["severity"], "explanation": r["explanation"],
        "events": json.loads(r["events"]), "evidence": json.loads(r["evidence"]), "state": r["state"],
    }  # fmt: skip


def mark_notified(store: Store, ids: list[str]) -> None:
    if ids:
        with store.engine.begin() as conn:
            conn.execute(S.alerts.update().where(S.alerts.c.id.in_(ids)).values(notified=1))


class Notifier:
    """After each poll: recompute alerts and deliver the undelivered ones (POST JSON, append JSONL).

    A receiver that is down costs one line and the alert stays pending for the next poll; nothing is lost.
    """

    def __init__(self, *, url: str | None, file: Path | None, echo: Callable[[str], None]) -> None:
        self.url, self.file, self.echo = url, file, echo

    def poll(self, store: Store) -> None:
        new = refresh_alerts(store)
        if new:
            self.echo(f"{len(new)} new alert(s)")
        if not self.url and not self.file:
            return
        done = []
        for rec in stored_alerts(store, pending=True):
            if self.deliver(rec):
                done.append(rec["id"])
        mark_notified(store, done)

    def deliver(self, rec: dict[str, Any]) -> bool:
        # the URL first: an alert the receiver refused is retried later, and must not reach the file twice
        if self.url:
            import httpx

            try:
                httpx.post(self.url, json=rec, timeout=10.0).raise_for_status()
            except httpx.HTTPError as exc:
                self.echo(f"notify {self.url}: {exc.__class__.__name__}: {exc}; alert {rec['id']} kept for next poll")
                return False
        if self.file is not None:
            with self.file.open("a", encoding="utf8") as fh:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return True
