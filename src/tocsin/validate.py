"""Checks of user-given filter values, with a did-you-mean: a wrong value is an error, never an empty result."""

from __future__ import annotations

import datetime as dt
import difflib

from .errors import InputError
from .models import STATUSES

#: The 16 PLOVER event types.
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


# words users reach for, and PLOVER's legacy labels, with the type that covers them
_ALIASES = {
    "ATTACK": "ASSAULT", "FIGHT": "ASSAULT", "KILL": "ASSAULT", "BOMB": "ASSAULT", "DEMAND": "REQUEST",
    "APPEAL": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "CRITICIZE": "ACCUSE",
    "MEET": "CONSULT", "YIELD": "CONCEDE", "ARREST": "COERCE", "DEMONSTRATE": "PROTEST", "THREAT": "THREATEN",
}  # fmt: skip


def _suggest(value: str, choices: list[str] | tuple[str, ...]) -> str:
    if value.upper() in _ALIASES and _ALIASES[value.upper()] in choices:
        return f"; did you mean {_ALIASES[value.upper()]}?"
    close = difflib.get_close_matches(value.upper(), [c.upper() for c in choices], n=1, cutoff=0.5)
    return f"; did you mean {close[0]}?" if close else ""


def event_type(value: str | None) -> str | None:
    if value is None:
        return None
    v = value.strip().upper()
    if v not in PLOVER_TYPES:
        hint = _suggest(v, PLOVER_TYPES)
        raise InputError(f"--type {value!r} is not a PLOVER type{hint} (one of {', '.join(PLOVER_TYPES)})")
    return v


def statuses(values: tuple[str, ...] | list[str], *, default: tuple[str, ...] = ()) -> tuple[str, ...]:
    """``--status`` values (repeatable, comma lists allowed, ``all``) → a tuple; ``()`` means every status."""
    out: list[str] = []
    for raw in values:
        for v in (p.strip().lower() for p in raw.split(",")):
            if not v:
                continue
            if v == "all":
                return ()
            if v not in STATUSES:
                hint = _suggest(v, STATUSES)
                raise InputError(f"--status {v!r} is not a status{hint} (one of {', '.join(STATUSES)}, all)")
            out.append(v)
    return tuple(dict.fromkeys(out)) if out else default


def country(value: str | None) -> str | None:
    """An ISO alpha-3 code; a country name or alpha-2 code is refused with the code to use."""
    if value is None:
        return None
    import pycountry

    v = value.strip()
    if len(v) == 3 and v.isalpha() and (pycountry.countries.get(alpha_3=v.upper()) or v.upper() in _EXTRA_CODES):
        return v.upper()
    hit = None
    try:
        hit = pycountry.countries.lookup(v)
    except LookupError:
        from . import knowledge

        iso = knowledge.load().country_of(v)
        if iso:
            raise InputError(f"--country wants an ISO alpha-3 code: use {iso} for {value!r}") from None
        raise InputError(f"--country {value!r} is not an ISO alpha-3 country code (e.g. RUS, UKR, USA)") from None
    raise InputError(f"--country wants an ISO alpha-3 code: use {hit.alpha_3} for {value!r}")


_EXTRA_CODES = {"XKX"}  # Kosovo, as GeoNames and most event data code it


def iso_date(name: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(f"{name} {value!r} is not a date; use YYYY-MM-DD") from None
