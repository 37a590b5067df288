"""Typed records that cross stage boundaries: article in, extraction out.

All are frozen dataclasses; ``to_dict()`` gives the JSON shape documented in the README. Character
offsets are into ``Article.text``, end exclusive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

#: PLOVER auxiliary modes, used as ``Event.status``.
STATUSES = ("asserted", "negated", "future", "hypothetical", "historical")


@dataclass(frozen=True, slots=True)
class Article:
    """One news report as it enters the pipeline."""

    text: str
    id: str = ""
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None
    path: str | None = None
    language: str = "en"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "url": self.url,
            "language": self.language,
        }


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a value was extracted: the sentence, the exact span, the trigger and the rule."""

    sentence: int
    start: int
    end: int
    text: str
    trigger: str
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "trigger": self.trigger,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Actor:
    """A distinct actor of the article, with all the places it is mentioned."""

    id: str
    text: str
    name: str
    country: str | None = None
    sector: str | None = None
    org: str | None = None
    kind: str = "group"  # person | state | org | group
    backed_by: str | None = None
    mentions: tuple[tuple[int, int], ...] = ()
    rule: str = ""

    @property
    def code(self) -> str:
        """CAMEO-style composite: ``UKRGOV``, ``RUSMIL``, ``IGONATO``, ``---REB``."""
        head = self.country or ("IGO" if self.org else "---")
        tail = self.org if self.org and not self.country else (self.sector or "")
        return f"{head}{tail}"

    def brief(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "org": self.org,
            "code": self.code,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.brief(),
            "kind": self.kind,
            "backed_by": self.backed_by,
            "mentions": [list(m) for m in self.mentions],
            "rule": self.rule,
        }


_PRECISION = {"city": "place", "district": "admin2", "region": "admin1", "country": "country", "area": "area"}


@dataclass(frozen=True, slots=True)
class Place:
    """A toponym resolved against the gazetteer (or left unresolved with a reason)."""

    text: str
    name: str
    start: int
    end: int
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    feature: str | None = None  # country | region (admin-1) | district (admin-2) | city | area | place
    confidence: float = 0.0
    rule: str = ""

    @property
    def precision(self) -> str:
        """How precisely this place locates an event: ``place`` (a town or a site), ``admin2`` (a county,
        a raion), ``admin1`` (a state, an oblast), ``country``, or ``area`` (a continent, "the Sahel")."""
        return _PRECISION.get(self.feature or "", "place")

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "geonames_id": self.geonames_id,
            "feature": self.feature,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A resolved temporal expression: ISO date, its precision, and where it came from."""

    date: str | None
    precision: str | None  # day | week | month | year | range
    text: str = ""
    start: int = -1
    end: int = -1
    rule: str = ""
    end_date: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One coded happening (possibly reported several times in the article)."""

    id: str
    type: str
    cameo: str
    quad_class: int
    goldstein: float
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    evidence: tuple[Evidence, ...]
    mode: str | None = None
    context: tuple[str, ...] = ()
    status: str = "asserted"
    claimed_by: Actor | None = None
    date: str | None = None
    date_precision: str | None = None
    date_reason: str | None = None
    date_flag: str | None = None  # why the date is implausible for the publication date, if it is
    location: Place | None = None
    location_precision: str | None = None
    location_reason: str | None = None
    confidence: float = 0.5
    dead: int | None = None
    injured: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "source": [a.brief() for a in self.source],
            "target": [a.brief() for a in self.target],
            "status": self.status,
            "claimed_by": self.claimed_by.brief() if self.claimed_by else None,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_reason": self.date_reason,
            "date_flag": self.date_flag,
            "location": self.location.to_dict() if self.location else None,
            "location_precision": self.location_precision,
            "location_reason": self.location_reason,
            "confidence": round(self.confidence, 3),
            "dead": self.dead,
            "injured": self.injured,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class Quote:
    """Direct, partial or indirect speech with its resolved speaker."""

    text: str
    kind: str  # direct | partial | indirect
    start: int
    end: int
    speaker: Actor | None
    speaker_text: str | None
    cue: str | None
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker.brief() if self.speaker else None,
            "speaker_text": self.speaker_text,
            "cue": self.cue,
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Count:
    """A number with what it counts and how sure the text is about it."""

    value: float
    qualifier: str  # exact | more_than | less_than | about | range | approximate
    unit: str | None
    category: str
    text: str
    start: int
    end: int
    evidence: Evidence
    value_max: float | None = None
    actor: Actor | None = None
    place: Place | None = None

    def to_dict(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {
            "value": value,
            "value_max": self.value_max,
            "qualifier": self.qualifier,
            "unit": self.unit,
            "category": self.category,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "actor": self.actor.brief() if self.actor else None,
            "place": self.place.to_dict() if self.place else None,
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything Tocsin read out of one article."""

    article: Article
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    counts: tuple[Count, ...] = ()
    places: tuple[Place, ...] = ()
    dateline: Place | None = None
    model: str = ""
    warnings: tuple[str, ...] = field(default=())

    @property
    def attributed(self) -> int:
        """Events with an actor: what the store keeps as events (the rest are unattributed mentions)."""
        return sum(1 for e in self.events if e.source or e.target)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "actors": [a.to_dict() for a in self.actors],
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "counts": [c.to_dict() for c in self.counts],
            "places": [p.to_dict() for p in self.places],
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "model": self.model,
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True, slots=True)
class SourceItem:
    """One article as read from a source, before extraction: the text and where it came from.

    ``published`` is timezone-aware UTC; ``published_offset`` keeps the offset the source gave
    (``"+02:00"``), or None when the source gave a bare date or no zone.
    """

    name: str  # how reports refer to it: a path, ``path:line``, ``path#record``, or a URL
    text: str
    title: str | None = None
    published: dt.datetime | None = None
    published_offset: str | None = None
    url: str | None = None
    path: str | None = None
    source: str | None = None
    external_id: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def local_date(self) -> dt.date | None:
        """The publication date in the source's own time zone (what "Sunday" in the text refers to)."""
        if self.published is None:
            return None
        if self.published_offset:
            sign = -1 if self.published_offset.startswith("-") else 1
            hh, _, mm = self.published_offset.lstrip("+-").partition(":")
            delta = dt.timedelta(hours=int(hh or 0), minutes=int(mm or 0)) * sign
            return (self.published + delta).date()
        return self.published.date()


@dataclass(frozen=True, slots=True)
class Refusal:
    """An input that could not be read as an article, with the reason (kept in the ingest log)."""

    name: str
    reason: str
