"""Publication timestamps from sources: timezone-aware UTC, with the source's own offset kept."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any


def _offset(value: dt.timedelta | None) -> str | None:
    if value is None:
        return None
    minutes = int(value.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def parse_published(value: Any) -> tuple[dt.datetime | None, str | None]:
    """(UTC datetime, original offset) from an ISO string, RFC 822 string, date, datetime or struct_time.

    A bare date or a naive time is taken as UTC and its offset recorded as None (the source gave none).
    Unparseable values give (None, None) rather than a guess.
    """
    if value is None or value == "":
        return None, None
    if isinstance(value, time.struct_time):
        return dt.datetime(*value[:6], tzinfo=dt.UTC), "+00:00"
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC), None
    else:
        s = str(value).strip()
        try:
            parsed = dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
        except ValueError:
            from email.utils import parsedate_to_datetime

            try:
                parsed = parsedate_to_datetime(s)
            except (TypeError, ValueError, IndexError):
                import dateparser

                found = dateparser.parse(s, settings={"RETURN_AS_TIMEZONE_AWARE": False})
                if found is None:
                    return None, None
                parsed = found
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=dt.UTC), None
    return parsed.astimezone(dt.UTC), _offset(parsed.utcoffset())
