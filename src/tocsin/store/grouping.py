"""Which stored mentions are reports of one real-world event (GDELT's NumMentions/NumArticles).

The rule, in order:

1. A mention with neither a source nor a target is never an event: it is kept as an *unattributed
   mention* with its reason and grouped with nothing.
2. Mentions group when their type, status, actors (as codes; CONSULT/AGREE/COOPERATE are symmetric),
   date and place agree. Across articles only when the date is known **to the day** and the place is
   known (a GeoNames id, or a country); otherwise a mention groups only within its own article.
3. A report from another article joins a group only when its evidence sentence is *close* to the group's
   first report: the overlap coefficient of their content words (``|A ∩ B| / min(|A|, |B|)``, words of
   three or more letters, stop words and the actors' names removed) is at least :data:`CLOSE_OVERLAP`.
   A report that agrees on every field but reads differently starts a group of its own.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Actor, Event

SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
#: Least overlap coefficient of content words for two reports from different articles to be one event.
CLOSE_OVERLAP = 0.34

_WORD = re.compile(r"[a-z][a-z'’-]{2,}")
_STOP_WORDS = (
    "the and for that with from this was were are has have had been will would could should said says "
    "its their his her they them than then also into over after before about against while which who "
    "whom what when where there here not but all any one two more most other some such only very on in "
    "of to by at as an a is it be or if no new last first"
)
_STOP = frozenset(_STOP_WORDS.split(" "))


@dataclass(frozen=True, slots=True)
class Group:
    """The real-world event a mention belongs to, or why it belongs to none."""

    key_id: str | None  # None: unattributed
    shareable: bool  # may reports from other articles join it?
    source_code: str | None
    target_code: str | None
    source_name: str | None
    target_name: str | None
    place_key: str | None
    reason: str | None = None  # why unattributed

    def local(self, article_id: str) -> Group:
        """The same group kept to one article (a report that did not read close to the shared one)."""
        key = hashlib.sha1(f"{self.key_id}|{article_id}".encode()).hexdigest()[:20]
        return Group(key, False, self.source_code, self.target_code, self.source_name, self.target_name,
                     self.place_key)  # fmt: skip


def group_of(ev: Event, article_id: str, origin: str = "tocsin") -> Group:
    """The group of ``ev``; rows imported from a human-coded table (``origin`` not ``tocsin``) are each
    their own event."""
    src, tgt = list(ev.source), list(ev.target)
    if not src and not tgt:
        return Group(None, False, None, None, None, None, None, reason="no source or target actor")
    if ev.type in SYMMETRIC:
        src, tgt = src + tgt, []
    src_codes = sorted({a.code for a in src})
    tgt_codes = sorted({a.code for a in tgt})
    loc = ev.location
    place_key = str(loc.geonames_id) if loc and loc.geonames_id else (loc.country if loc and loc.country else "")
    shareable = bool(ev.date and ev.date_precision == "day" and place_key) and origin == "tocsin"
    parts = [ev.type, ev.status, "+".join(src_codes), "+".join(tgt_codes), ev.date or "", place_key]
    if origin != "tocsin":
        parts = [origin, ev.id]
    elif not shareable:
        parts.append(article_id)
    key_id = hashlib.sha1("|".join(parts).encode("utf8")).hexdigest()[:20]
    return Group(
        key_id,
        shareable,
        "+".join(src_codes) or None,
        "+".join(tgt_codes) or None,
        _names(src),
        _names(tgt),
        place_key or None,
    )


def _names(actors: list[Actor]) -> str | None:
    return "; ".join(sorted({a.name for a in actors})) or None


def content_words(text: str, actors: tuple[Actor, ...] = ()) -> set[str]:
    names = {w for a in actors for w in _WORD.findall(f"{a.name} {a.text}".lower())}
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and w not in names}


def close(a: str, b: str, actors: tuple[Actor, ...] = ()) -> bool:
    """Do two evidence sentences read as reports of one happening? (see the module docstring)"""
    wa, wb = content_words(a, actors), content_words(b, actors)
    if not wa or not wb:
        return wa == wb
    return len(wa & wb) / min(len(wa), len(wb)) >= CLOSE_OVERLAP


def first_country(countries: Iterable[str | None]) -> str | None:
    """The country a side stands for in series: the first of its actors' countries in code order."""
    return min((c for c in countries if c), default=None)


def side_country(actors: tuple[Actor, ...]) -> str | None:
    return first_country(a.country for a in actors)


def evidence_text(ev: Event) -> str:
    return ev.evidence[0].text if ev.evidence else ""


__all__ = ["CLOSE_OVERLAP", "SYMMETRIC", "Group", "close", "content_words", "group_of", "side_country"]
