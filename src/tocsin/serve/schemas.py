"""Typed request and response models of the HTTP API (they are also its OpenAPI description)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Problem(BaseModel):
    error: str = Field(description="What went wrong and what to do about it, in one line.")
    detail: list[dict[str, Any]] | None = None


class EventSummary(BaseModel):
    id: str
    type: str
    cameo: str | None
    quad_class: int | None
    goldstein: float | None
    status: str
    date: str | None
    date_precision: str | None
    source: str | None
    target: str | None
    source_name: str | None
    target_name: str | None
    place: str | None
    country: str | None
    lat: float | None
    lon: float | None
    location_precision: str | None = Field(
        description="place, admin2 (a county), admin1 (a state), country, area, or null when no place is known"
    )
    num_mentions: int
    num_articles: int
    num_sources: int
    confidence: float | None
    origin: str | None
    text: str | None = Field(description="the evidence sentence of its first report")


class EventPage(BaseModel):
    events: list[EventSummary]
    next: str | None = Field(description="cursor for the next page, or null at the end")


class Report(BaseModel):
    id: str
    article_id: str
    type: str
    cameo: str | None
    mode: str | None
    status: str
    claimed_by: dict[str, Any] | None
    date: str | None
    date_precision: str | None
    date_flag: str | None
    source: list[dict[str, Any]]
    target: list[dict[str, Any]]
    location: dict[str, Any] | None
    confidence: float | None
    dead: int | None
    injured: int | None
    evidence: list[dict[str, Any]]
    article_title: str | None
    article_url: str | None
    article_source: str | None
    published: str | None
    event_id: str | None = None


class EventDetail(EventSummary):
    reports: list[Report]
    sources: list[str]


class ArticleDetail(BaseModel):
    id: str
    title: str | None
    url: str | None
    path: str | None
    source: str | None
    published: str | None
    text: str
    events: list[Report]
    unattributed: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    places: list[dict[str, Any]]


class SeriesPoint(BaseModel):
    period: str
    value: float


class SeriesOut(BaseModel):
    unit: dict[str, Any]
    channel: str
    metric: str
    freq: str
    total: float
    points: list[SeriesPoint]


class AlertOut(BaseModel):
    id: str
    unit: dict[str, Any]
    channel: str
    date: str
    last_date: str
    first_seen: str
    updated_at: str
    method: str
    metric: str
    freq: str
    observed: float
    baseline: float
    severity: float
    explanation: str
    events: list[str]
    evidence: list[dict[str, Any]]
    state: str


class PlaceOut(BaseModel):
    place_name: str | None
    country: str | None
    lat: float
    lon: float
    geonames_id: int | None
    precision: str
    events: int
    articles: int | None
    conflict: int
    warning: int
    example: str


class ActorOut(BaseModel):
    code: str
    name: str | None
    country: str | None
    sector: str | None
    articles: int


class Stats(BaseModel):
    totals: dict[str, int]
    by_status: dict[str, int]
    by_type: dict[str, int]
    by_day: list[dict[str, Any]]
    version: str


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, max_length=1_000_000)
    title: str | None = Field(default=None, max_length=1000)
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}")
    url: str | None = Field(default=None, max_length=4000)
    source: str | None = Field(default=None, max_length=200)


class ArticleStored(BaseModel):
    id: str | None
    duplicate: bool
    events: int
