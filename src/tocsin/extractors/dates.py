"""Temporal expressions resolved against the publication date, with tense deciding direction.

"spoke on Sunday" in a Sunday article is that Sunday; "would hold a meeting on Monday" is the next
Monday. Without a publication date nothing relative is resolved (explicit dates still are).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator

from ..models import TimeValue
from .counts import WORD_NUMS

_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_NUM_WORDS = {**WORD_NUMS, "several": 3, "few": 3}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    (
        "day-month-year",
        re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<mon>{_MONTH_RE})\.?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
    ),
    (
        "month-day-year",
        re.compile(rf"\b(?P<mon>{_MONTH_RE})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
    ),
    ("day-month", re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<mon>{_MONTH_RE})\b", re.I)),
    ("month-day", re.compile(rf"\b(?P<mon>{_MONTH_RE})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?!,?\s*\d{{4}})", re.I)),
    ("month-year", re.compile(rf"\b(?P<mon>{_MONTH_RE})\s+(?P<y>(?:19|20)\d\d)\b", re.I)),
    (
        "weekday",
        re.compile(
            r"\b(?P<mod>(?:late|early|last|next|this|on|since|by|until)\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
            re.I,
        ),
    ),
    (
        "relative-day",
        re.compile(
            r"\b(?P<rel>yesterday|today|tomorrow|tonight|overnight|the previous day|the day before"
            r"|the next day|the following day|last night)\b",
            re.I,
        ),
    ),
    (
        "relative-period",
        re.compile(
            r"\b(?P<which>last|next|this|earlier this|later this|past|coming)\s+(?P<unit>week|month|year)\b", re.I
        ),
    ),
    (
        "coming-days",
        re.compile(
            r"\b(?:in )?the (?P<which>coming|next|past|last|recent) (?P<n>few |several )?(?P<unit>days|weeks|months)\b"
            r"|\brecent (?P<unit2>days|weeks)\b",
            re.I,
        ),
    ),
    ("year", re.compile(r"\b(?P<prep>in|since|from|until|by|of)\s+(?P<y>(?:19|20)\d\d)\b", re.I)),
    (
        "ago",
        re.compile(
            r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an|several|few)\s+(?P<unit>day|week|month|year)s?\s+ago\b",
            re.I,
        ),
    ),
]


# Every pattern's match holds one of these: sentences without any (half of news prose) skip the patterns.
_CUE = re.compile(r"\d|day|night|week|month|year|ago|tomorrow", re.I)


def find(text: str, published: dt.date | None, *, future: bool = False, offset: int = 0) -> Iterator[TimeValue]:
    """Every temporal expression in ``text`` (a sentence), resolved where possible.

    ``future`` says the clause is about what will happen (tense, modal, cue), which decides whether
    a bare weekday points forward or back. ``offset`` is added to character positions.
    """
    if not _CUE.search(text):
        return
    taken: list[tuple[int, int]] = []
    for rule, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            value = _resolve(rule, m, published, future)
            if value is None:
                continue
            taken.append((m.start(), m.end()))
            date, precision, end_date = value
            yield TimeValue(date, precision, m.group(0), offset + m.start(), offset + m.end(), f"date:{rule}", end_date)


def _resolve(
    rule: str, m: re.Match[str], pub: dt.date | None, future: bool
) -> tuple[str | None, str | None, str | None] | None:
    g = m.groupdict()
    try:
        if rule == "iso":
            return dt.date(int(g["y"]), int(g["m"]), int(g["d"])).isoformat(), "day", None
        if rule in ("day-month-year", "month-day-year"):
            return dt.date(int(g["y"]), _MONTHS[g["mon"].lower().rstrip(".")], int(g["d"])).isoformat(), "day", None
        if rule in ("day-month", "month-day"):
            if pub is None:
                return None, "day", None
            mon = _MONTHS[g["mon"].lower().rstrip(".")]
            day = dt.date(pub.year, mon, int(g["d"]))
            if not future and day > pub + dt.timedelta(days=7):
                day = dt.date(pub.year - 1, mon, int(g["d"]))
            return day.isoformat(), "day", None
        if rule == "month-year":
            return f"{int(g['y']):04d}-{_MONTHS[g['mon'].lower()]:02d}", "month", None
    except ValueError:
        return None
    if rule == "year":
        prep = g["prep"].lower()
        year = int(g["y"])
        if prep == "since" and pub is not None:
            return f"{year:04d}", "range", pub.isoformat()
        return f"{year:04d}", "year", None
    if pub is None:
        return (
            (None, None, None) if rule in ("weekday", "relative-day", "relative-period", "coming-days", "ago") else None
        )
    if rule == "weekday":
        return _weekday(g, pub, future), "day", None
    if rule == "relative-day":
        rel = g["rel"].lower()
        delta = {
            "yesterday": -1,
            "tomorrow": 1,
            "the previous day": -1,
            "the day before": -1,
            "the next day": 1,
            "the following day": 1,
            "last night": -1,
            "overnight": 0,
        }.get(rel, 0)
        return (pub + dt.timedelta(days=delta)).isoformat(), "day", None
    if rule == "relative-period":
        which, unit = g["which"].lower(), g["unit"].lower()
        sign = 1 if which in ("next", "coming", "later this") else -1 if which in ("last", "past") else 0
        return _period(pub, unit, sign)
    if rule == "coming-days":
        unit = (g.get("unit") or g.get("unit2") or "days").lower()
        which = (g.get("which") or "recent").lower()
        span = {"days": 7, "weeks": 28, "months": 90}[unit]
        if which in ("coming", "next"):
            return pub.isoformat(), "range", (pub + dt.timedelta(days=span)).isoformat()
        return (pub - dt.timedelta(days=span)).isoformat(), "range", pub.isoformat()
    if rule == "ago":
        n = g["n"].lower()
        count = int(n) if n.isdigit() else _NUM_WORDS.get(n, 1)
        unit = g["unit"].lower()
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * count
        precision = {"day": "day", "week": "week", "month": "month", "year": "year"}[unit]
        return (pub - dt.timedelta(days=days)).isoformat(), precision, None
    return None


def _weekday(g: dict[str, str], pub: dt.date, future: bool) -> str:
    target = _WEEKDAYS[g["wd"].lower()]
    mod = (g.get("mod") or "").strip().lower()
    back = (pub.weekday() - target) % 7
    fwd = (target - pub.weekday()) % 7
    if mod == "next":
        return (pub + dt.timedelta(days=fwd or 7)).isoformat()
    if mod == "last":
        return (pub - dt.timedelta(days=back or 7)).isoformat()
    if future or mod in ("until", "by"):
        return (pub + dt.timedelta(days=fwd)).isoformat()
    return (pub - dt.timedelta(days=back)).isoformat()


def _period(pub: dt.date, unit: str, sign: int) -> tuple[str, str, str | None]:
    if unit == "week":
        start = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=sign)
        return start.isoformat(), "week", (start + dt.timedelta(days=6)).isoformat()
    if unit == "month":
        y, mth = pub.year, pub.month + sign
        if mth == 0:
            y, mth = y - 1, 12
        elif mth == 13:
            y, mth = y + 1, 1
        return f"{y:04d}-{mth:02d}", "month", None
    return f"{pub.year + sign:04d}", "year", None
