"""Which parts of an article are body text: datelines, sub-headings and trailing link blocks.

Works on character ranges so that every offset stays an offset into the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

# "KYIV —", "MOSCOW, Feb 20 (Reuters) -", "Washington (AFP) -"
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z .'\-]{1,40}?)"
    # the state or country after the town: "ALEXANDRIA, Va.", "CHARLESTON, W.Va.", "ARLINGTON, Texas"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z]{0,12}\.?(?:\s?[A-Z][a-z]{0,5}\.)?))?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"(?:\s*\((?:AFP|Reuters|AP|dpa|UPI)\))?\s*(?:—|–|--|-|\x97)\s+"
)
_DATELINE_AT = re.compile(_DATELINE.pattern.removeprefix("^"))
_TRAILER = re.compile(
    r"^\s*(related (stories|articles|content|coverage|news|links)|read more|more on this( story)?|see also|"
    r"more from|recommended|you may also like|most read|trending)\s*:?\s*$",
    re.IGNORECASE,
)
_END_PUNCT = (".", "!", "?", "”", '"', "’", "'", ":", ")")


@dataclass(frozen=True, slots=True)
class Layout:
    """Character ranges of body text, the dateline place, and what was set aside."""

    body: tuple[tuple[int, int], ...]
    dateline: tuple[int, int] | None
    headings: tuple[tuple[int, int], ...]
    trailer_start: int | None
    dateline_region: tuple[int, int] | None = None  # "Va." in "ALEXANDRIA, Va. —"
    # body ranges are disjoint and in text order, so their starts are sorted: look-ups bisect them
    # instead of scanning every line, which kept long documents quadratic
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(s for s, _ in self.body))

    @property
    def dateline_block(self) -> tuple[int, int] | None:
        """The whole dateline, from its town to where the story starts: "KYIV, Feb. 20 (AFP) — "."""
        if self.dateline is None:
            return None
        i = bisect_right(self._starts, self.dateline[0])
        return (self.dateline[0], self.body[i][0] if i < len(self.body) else self.dateline[1])

    def starts_in_body(self, pos: int) -> bool:
        """True when the character at ``pos`` lies in body text."""
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self.body[i][1]

    def in_body(self, start: int, end: int) -> bool:
        """True when most of ``[start, end)`` lies in body text (a dateline sentence still counts)."""
        if end <= start:
            return self.starts_in_body(start)
        i = max(0, bisect_right(self._starts, start) - 1)
        inside = 0
        while i < len(self.body) and self.body[i][0] < end:
            s, e = self.body[i]
            inside += max(0, min(end, e) - max(start, s))
            i += 1
        return inside * 2 > end - start


def layout(text: str) -> Layout:
    """Split ``text`` into body lines, headings and a trailing link block."""
    body: list[tuple[int, int]] = []
    headings: list[tuple[int, int]] = []
    trailer: int | None = None
    dateline: tuple[int, int] | None = None
    dateline_region: tuple[int, int] | None = None
    pos = 0
    first = True
    # a text of one line is a sentence or a paragraph, never a heading
    single = sum(1 for line in text.splitlines() if line.strip()) <= 1
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)
        stripped = line.strip()
        if not stripped:
            continue
        if trailer is not None:
            continue
        if _TRAILER.match(stripped):
            trailer = start
            continue
        if first:
            first = False
            m = _DATELINE.match(line)
            headline_end = 0
            if not (m and m.group("place").strip().isupper()):
                # a feed that runs its headline into the story: "Man held. CHARLESTON, W.Va. -- A man …"
                m, headline_end = _dateline_after_headline(line)
            if m and m.group("place").strip().isupper():
                p0 = start + m.start("place")
                dateline = (p0, p0 + len(m.group("place").rstrip()))
                if m.group("region"):
                    dateline_region = (start + m.start("region"), start + m.end("region"))
                if headline_end:
                    headings.append((start, start + headline_end))
                body.append((start + m.end(), end))
                continue
        if not single and _is_heading(stripped):
            headings.append((start, end))
            continue
        body.append((start, end))
    return Layout(tuple(body), dateline, tuple(headings), trailer, dateline_region)


_HEADLINE_END = re.compile(r"[.!?]\s+")


def _dateline_after_headline(line: str) -> tuple[re.Match[str] | None, int]:
    """A dateline that follows a short headline sentence on the same line, and where the headline ends."""
    h = _HEADLINE_END.search(line, 0, 160)  # the first sentence only
    if h is None or len(line[: h.start()].split()) > 16 or not line[h.end() : h.end() + 2].isupper():
        return None, 0
    m = _DATELINE_AT.match(line, h.end())  # in place: the groups' positions are those of the line
    return (m, h.end()) if m is not None else (None, 0)


def _is_heading(line: str) -> bool:
    """Short line without sentence punctuation: a sub-heading such as "Frontline tension"."""
    words = line.split()
    return len(words) <= 8 and not line.endswith(_END_PUNCT) and line[:1].isupper()
