"""Capitals restored to text that has none (or only capitals), before it is parsed.

Many feeds and outlets write all lower-case or ALL CAPS. The tagger, parser and NER learned English
from text with its capitals, and without them they lose names and roles ("russian forces shelled
kharkiv" has no Russia in it for them). A text that is all one case is parsed in a restored form:
sentence starts, "I", and the names Tocsin knows — countries, demonyms, seats of government,
organisations, office holders, regions, and districts and cities of 300,000 or more — get their usual
capitals.
Every change maps one character to one character, so every offset into the restored text is the same
offset into the original. Text with ordinary capitals is never touched.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from spacy.lang.en.stop_words import STOP_WORDS

#: Below this share of capitals among letters a text is "all lower-case"; above the second, all caps.
LOWER_SHARE, UPPER_SHARE = 0.01, 0.9
MIN_LETTERS = 20
CITY_POPULATION = 300_000
_WORD = re.compile(r"[^\W\d_](?:[\w'’.\-]*\w)?")
_SENTENCE_START = re.compile(r"(?:\A|[.!?][\"'”’)\]]*\s+|\n\s*)([^\W\d_])")


def case_of(text: str) -> str | None:
    """``"lower"`` or ``"upper"`` when ``text`` is written in one case, else None."""
    # this runs on every text the pipeline parses: count with str's own methods, not a loop per character
    upper = sum(map(str.isupper, text))
    letters = upper + sum(map(str.islower, text))
    if letters < MIN_LETTERS:
        return None
    share = upper / letters
    return "lower" if share < LOWER_SHARE else "upper" if share > UPPER_SHARE else None


def restore(text: str) -> str:
    """``text`` with its capitals restored if it is written in one case; otherwise ``text`` itself."""
    case = case_of(text)
    if case is None:
        return text
    chars = [_same_length(c, c.lower()) for c in text] if case == "upper" else list(text)
    base = "".join(chars)
    names = _names()
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(base)]
    i = 0
    while i < len(words):
        for n in (4, 3, 2, 1):  # the longest known name starting here
            if i + n > len(words):
                continue
            start, end = words[i][0], words[i + n - 1][1]
            phrase = base[start:end]
            if n > 1 and not _single_spaced(base, words[i : i + n]):
                continue
            cased = names.get(phrase)
            if cased is not None and len(cased) == len(phrase):
                chars[start:end] = list(cased)
                i += n
                break
        else:
            i += 1
    for m in _SENTENCE_START.finditer(base):
        chars[m.start(1)] = _same_length(chars[m.start(1)], chars[m.start(1)].upper())
    for m in re.finditer(r"\bi\b", base):
        chars[m.start()] = "I"
    return "".join(chars)


def _same_length(c: str, mapped: str) -> str:
    return mapped if len(mapped) == 1 else c


def _single_spaced(base: str, words: list[tuple[int, int, str]]) -> bool:
    return all(base[a[1] : b[0]] == " " for a, b in pairwise(words))


@cache
def _names() -> dict[str, str]:
    """Lower-case name → its usual capitals, for the names a restored text may contain."""
    from .. import knowledge

    k = knowledge.load()
    common = set(STOP_WORDS) | set(k.lemmas())
    out: dict[str, str] = {}

    def add(cased: str, *, trusted: bool = False) -> None:
        low = cased.lower()
        # a name that is also a common word ("chad", "turkey", "nice") stays as written unless it is
        # the name of a country or an organisation, which news mentions far more than the word
        if len(low) < 2 or (not trusted and low in common) or len(low) != len(cased):
            return
        out.setdefault(low, cased)

    for info in k.countries.values():
        add(info.name, trusted=True)
    for low in k.country_names:
        add(_title(low), trusted=" " in low or "." in low)
    for low in k.demonyms:
        add(_title(low))
    for low in k.seats:
        add(_title(low))
    for surface in k.orgs:
        if surface.isupper() and len(surface) >= 3:
            add(surface, trusted=True)  # acronyms: "nato" → "NATO"
        elif not surface.islower():
            add(surface)
    for low in k.leaders:
        add(_title(low))
    for name in _places():
        add(name)
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"):
        add(day.title(), trusted=True)
    # "may" and "march" are words far more often than months in lower-case text
    for month in ("january", "february", "april", "june", "july", "august", "september", "october",
                  "november", "december"):  # fmt: skip
        add(month.title(), trusted=True)
    return out


def _title(low: str) -> str:
    """Usual capitals of a lower-case name: each word capitalised; dotted abbreviations in capitals."""
    if re.fullmatch(r"(?:[a-z]\.)+", low):
        return low.upper()  # "u.s." → "U.S."
    return re.sub(r"(?:^|(?<=[\s\-]))([a-z])", lambda m: m.group(1).upper(), low)


@cache
def place_names() -> frozenset[str]:
    """The lower-cased place names :func:`restore` gives capitals to."""
    return frozenset(n.lower() for n in _places())


def _places() -> list[str]:
    from ..errors import DataError
    from ..extractors.places import Gazetteer

    try:
        gaz = Gazetteer.load()
    except DataError:
        return []
    rows = gaz.db.execute(
        "SELECT name FROM places WHERE (feature IN ('city', 'district') AND population >= ?)"
        " OR feature IN ('region', 'area')",
        (CITY_POPULATION,),
    ).fetchall()
    return [r[0] for r in rows if r[0].isascii()]
