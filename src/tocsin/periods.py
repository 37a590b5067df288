"""Calendar periods of the store's dates: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` strings, and the day,
ISO week (Monday) and month periods that series count in. One place for the arithmetic, no dependencies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

PER_YEAR = {"day": 365.25, "week": 52.18, "month": 12.0}


def period_start(date: str | None) -> dt.date | None:
    """``2022``, ``2022-02`` or ``2022-02-20`` as the first day of that period (ValueError if it is no date)."""
    if not date:
        return None
    parts = [int(p) for p in date.split("-")[:3]]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def start_of(day: str, freq: str) -> str:
    """The first day of the ``freq`` period that holds ``day``."""
    d = dt.date.fromisoformat(day[:10] if len(day) >= 10 else day[:7] + "-01")
    if freq == "week":
        d -= dt.timedelta(days=d.weekday())
    elif freq == "month":
        d = d.replace(day=1)
    return d.isoformat()


def _next(d: dt.date, freq: str) -> dt.date:
    if freq == "day":
        return d + dt.timedelta(days=1)
    if freq == "week":
        return d + dt.timedelta(days=7)
    return (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def period_range(first: str, last: str, freq: str) -> Iterator[str]:
    """Every period start from ``first`` to ``last``, inclusive."""
    d, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    while d <= end:
        yield d.isoformat()
        d = _next(d, freq)


def period_end(start: str, freq: str) -> str:
    """The last day of the period that begins on ``start``."""
    return (_next(dt.date.fromisoformat(start), freq) - dt.timedelta(days=1)).isoformat()
