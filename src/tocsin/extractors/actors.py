"""Actor recognition and coding: who is who in an article.

A noun phrase is an actor when it is a person, a country or seat of power, a known organisation,
a demonym used as a noun, or a role noun ("rebels", "the French presidency", "Ukraine's army").
Country, sector and organisation come from the phrase itself (modifiers, possessors, "from X"),
from the leaders knowledge valid at the publication date, and from earlier mentions. Pronouns and
descriptions ("he", "the French leader", "the two leaders", "both countries") link back to actors
already seen.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from ..knowledge import Knowledge
from ..models import Actor, Place
from .syntax import MONTHS, WEEKDAYS, args, columns, entities, entity_at, rel, sentence, subjects, text_of

ACTOR_ENTS = {"PERSON", "GPE", "ORG", "NORP", "LOC"}
_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
_PLURAL = {"they", "them", "their", "theirs", "themselves"}
_NEUTER = {"it", "its", "itself"}
_PAIR_WORDS = {"pair", "two", "both", "duo"}
# Objects that are no recipient: time, amounts, and the empty heads of phrases ("took part", "a lot").
_NOT_PATIENTS = {
    *["day", "week", "month", "year", "time", "hour", "minute", "moment", "period", "decade", "weekend"],
    *["percent", "per", "cent", "%", "lot", "number", "part", "place", "way", "step", "move", "thing"],
    *["effort", "attempt", "action", "measure", "decision", "bid", "plan", "statement", "note", "one"],
    # times the NER left unlabelled: "shelled Zolote on Sunday" was not done to Sunday
    *WEEKDAYS,
    *MONTHS,
    *["today", "tonight", "yesterday", "tomorrow", "morning", "afternoon", "evening", "night", "overnight"],
}
_NOMINAL_POS = {"NOUN", "PROPN", "ADJ", "NUM"}
# "the president", "his counterpart": a singular title alone points at a person already named
_POINTER_TITLES = {"leader", "counterpart", "president", "premier", "chancellor"}
# Words that qualify a title without naming whose it is: "Iraqi former Prime Minister …"
_TITLE_QUALIFIERS = {
    *["former", "ousted", "acting", "deputy", "vice", "then", "late", "new", "outgoing", "interim", "incoming"],
    *["exiled", "jailed", "senior", "top", "chief", "junior", "general", "-", "first", "de", "facto"],
}
_TALK_VERBS = {"speak", "talk", "meet", "call", "phone", "telephone", "discuss", "negotiate"}
_COLLECTIVE = {
    "region",
    "group",
    "side",
    "camp",
    "leadership",
    "movement",
    "faction",
    "unit",
    "republic",
    "coalition",
    "bloc",
    "wing",
    "supporter",
    "member",
}
_LOOKBACK = 400  # tokens, about three paragraphs of news
_MOD_DEPS = {"amod", "compound", "nmod:desc", "poss", "nmod", "nmod:poss", "npadvmod", "nummod", "det"}


@dataclass
class _Builder:
    key: str
    text: str
    name: str
    country: str | None
    sector: str | None
    org: str | None
    kind: str
    backed_by: str | None
    rule: str
    mentions: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Proto:
    """What a phrase says about an actor, before linking."""

    name: str
    country: str | None = None
    sector: str | None = None
    org: str | None = None
    kind: str = "group"
    backed_by: str | None = None
    rule: str = ""

    def key(self) -> str:
        if self.kind == "person":
            return f"P|{self.name}"
        if self.kind == "thing":
            return f"T|{self.name.lower()}"
        if self.country or self.org:
            return f"G|{self.country}|{self.org}|{self.sector}"
        return f"N|{self.name.lower()}|{self.sector}"


def _head_form(h: Token, known: dict[str, tuple[str, str]]) -> str:
    """The head's lemma, or a plain singular when the lemmatizer left a plural ("troops") unknown."""
    return _head_form_of(h.lemma_.lower(), h.tag_, known)


def _head_form_of(lemma: str, tag: str, known: dict[str, tuple[str, str]]) -> str:
    if lemma in known or tag not in ("NNS", "NNPS", "") or not lemma.endswith("s"):
        return lemma
    for cut, add in (("ies", "y"), ("es", ""), ("s", "")):
        if lemma.endswith(cut) and lemma[: -len(cut)] + add in known:
            return lemma[: -len(cut)] + add
    return lemma


_QUOTED = re.compile(r"“[^”\n]{2,}”|\"[^\"\n]{2,}\"")
_THIRD_PERSON = {"they", "them", "their", "he", "him", "his", "she", "her", "it", "its"}
_BACKING = {"backed", "supported", "sponsored", "funded", "armed", "controlled", "allied", "aligned"}


def _backer(m: Token) -> bool:
    doc = m.doc
    return m.i + 2 < len(doc) and doc[m.i + 1].text == "-" and doc[m.i + 2].lower_ in _BACKING


def _stance_prefix(m: Token) -> str | None:
    """ "pro" or "anti" for a modifier written "pro-Russian" / "anti-Syria": a stance, not a nationality."""
    doc = m.doc
    if m.i >= 2 and doc[m.i - 1].text == "-" and not doc[m.i - 2].whitespace_:
        low = doc[m.i - 2].lower_
        return low if low in ("pro", "anti") else None
    return None


_FORCE_MANNER = {
    *["lethal", "excessive", "deadly", "reasonable", "brute", "disproportionate", "minimal", "necessary"],
    *["physical", "unnecessary", "maximum", "minimum", "full", "overwhelming", "sufficient", "military"],
}


def _force_as_means(h: Token) -> bool:
    """ "used lethal force", "by force": force as a means, not a body of troops ("a UN force")."""
    if h.lower_ != "force":
        return False
    kids = list(h.children)
    if any(c.lower_ in _FORCE_MANNER for c in kids if rel(c) == "amod"):
        return True
    # "a force", "Israel's air force", "the security force": a body, with its determiner, owner or kind
    return not any(rel(c) in ("det", "poss") or (rel(c) == "compound" and c.pos_ == "NOUN") for c in kids)


_OWNING_VERBS = {"have", "keep", "station", "deploy", "mass", "send", "maintain", "command"}


class ActorIndex:
    """Actors of one article, and the token heads that refer to them."""

    def __init__(
        self,
        doc: Doc,
        k: Knowledge,
        published: dt.date | None,
        *,
        outside: Iterable[tuple[int, int]] = (),
        places: Iterable[Place] = (),
    ) -> None:
        """``outside``: character ranges that name no actor (a dateline's "ALEXANDRIA, Va." says where
        the story is told from, not who acted). ``places``: the text's resolved places, whose countries
        the groups named after them belong to ("Darfur rebels")."""
        self.doc = doc
        self._outside = {
            t.i for s, e in outside if (sp := doc.char_span(s, e, alignment_mode="expand")) is not None for t in sp
        }
        self.quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text_of(doc))]
        self.k = k
        self.published = published
        self.actors: dict[str, _Builder] = {}
        self.by_head: dict[int, list[str]] = {}
        self._actor_cache: dict[str, tuple[int, Actor]] = {}
        self._order: list[tuple[int, str]] = []  # (token index, key) in text order
        self._pairs: list[tuple[int, list[str]]] = []  # (token index, two person keys)
        self._places: dict[int, Place] = {}  # head token of a resolved town or region -> the place
        # the last word of every role phrase: a noun that is none of them heads no role
        self._role_heads = frozenset(phrase.split()[-1] for phrase in k.roles)
        self._title_words = frozenset(w for phrase in k.roles for w in phrase.split()) | _TITLE_QUALIFIERS
        self.know_places(places)
        self._build()

    # ---- public -------------------------------------------------------------------------
    def know_places(self, places: Iterable[Place]) -> None:
        """The article's resolved places, so a town that is acted upon can stand for its country."""
        for p in places:
            span = self.doc.char_span(p.start, p.end, alignment_mode="expand")
            if span is not None and p.country and p.feature in ("city", "region"):
                self._places[span.root.i] = p

    def place_as_target(self, tok: Token) -> list[str]:
        """ "shelled Kharkiv and Donetsk": a town or region on the receiving end of an act is coded as its
        country (CAMEO's convention for places), so the act has a target and not only a location."""
        out: list[str] = []
        for t in (tok, *tok.conjuncts):
            p = self._places.get(t.i)
            if p is None or not p.country:
                continue
            name = self.k.countries[p.country].name if p.country in self.k.countries else p.country
            proto = Proto(name=name, country=p.country, kind="group", rule=f"place-as-target:{p.name}")
            out.append(self._add(proto, t, (t.i, t.i + 1)))
        return out

    def refer(self, tok: Token) -> list[str]:
        """Actor keys the nominal headed by ``tok`` refers to (with its conjuncts)."""
        keys = self._own_keys(tok)
        for conj in tok.conjuncts:
            if conj.i > tok.i:
                for key in self._own_keys(conj):
                    if key not in keys:
                        keys.append(key)
        for key in self._flattened_persons(tok):
            if key not in keys:
                keys.append(key)
        return keys

    def _flattened_persons(self, tok: Token) -> list[str]:
        """People the parser folded into one name: "Vladimir Putin and Ukraine's Volodymyr Zelensky"
        read as a single flat name whose parts include the second person."""
        if not any(rel(c) == "flat" for c in tok.children):
            return []
        sub = list(tok.subtree)
        ands = [t.i for t in sub if t.lower_ == "and" and rel(t) == "cc"]
        if not ands:
            return []
        hi = sub[-1].i
        out: list[str] = []
        # the entities starting after the "and", found from the tokens (doc.ents would scan the whole text)
        for t in self.doc[ands[0] + 1 : hi + 1]:
            ent = entity_at(t) if t.ent_iob_ == "B" and t.ent_type_ == "PERSON" else None
            if ent is not None and ent.end - 1 <= hi and ent.root.i != tok.i:
                found = self.by_head.get(ent.root.i) or self._described(ent.root)
                out += [key for key in found if self.actors[key].kind == "person"]
        return out

    def as_head(self, tok: Token) -> list[str]:
        """Actor keys for ``tok`` read as the head of its own phrase, for rules that know the parser
        folded a clause into a noun phrase ("demanded that [the US cancel plans]")."""
        return self.refer(tok) or self._described(tok)

    def _described(self, tok: Token) -> list[str]:
        proto = self.describe(tok)
        if proto is None or proto.name == "__pair_countries__":
            return []
        ent = entity_at(tok)
        key = self._add(proto, tok, (ent.start, ent.end) if ent is not None else (tok.i, tok.i + 1))
        self._record(tok, [key])
        return [key]

    def country_of_modifier(self, m: Token) -> list[str]:
        """The country a modifier names ("Iraqi towns", "a U.S. request", "Germany's goods") as a
        country-level actor, for objects that are things rather than actors."""
        keys = self.refer(m)
        if keys:
            return keys
        iso, org = self._country_org_of(m)
        if iso is None or org is not None:
            return []
        name = self.k.countries[iso].name if iso in self.k.countries else m.text
        ent = entity_at(m)
        span = (ent.start, ent.end) if ent is not None else (m.i, m.i + 1)
        return [self._add(Proto(name=name, country=iso, kind="state", rule="modifier-country"), m, span)]

    def is_city(self, m: Token) -> bool:
        """Whether ``m`` names a capital or seat of government and not a country ("Minsk", "Paris")."""
        ent = entity_at(m)
        key = _norm(ent.text if ent is not None else m.text)
        return key in self.k.seats and key not in self.k.country_names and m.ent_type_ != "ORG"

    def _own_keys(self, tok: Token) -> list[str]:
        keys = self.by_head.get(tok.i)
        if keys:
            return list(keys)
        if tok.lower_ in _QUANTITY_HEADS or (tok.pos_ == "NUM" and tok.dep_ != "nummod"):
            # "thousands of students", "dozens of soldiers": the people counted are the actor
            for r, pobj, prep in args(tok):
                if r == "prep" and prep == "of":
                    return self.refer(pobj)
        # a title or generic head ("US Secretary of State Antony Blinken", "the Nato alliance"):
        # the actor named inside the same noun phrase, a person first
        found: list[str] = []
        for c in tok.children:
            if rel(c) in ("compound", "flat", "appos", "amod", "npmod") or (
                c.dep_ in ("flat", "nmod") and c.i > tok.i and c.ent_type_ == "PERSON"
            ):
                for t in c.subtree:
                    found.extend(self.by_head.get(t.i, []))
        persons = [k for k in found if self.actors[k].kind == "person"]
        return persons[:1] or found[:1]

    def actor(self, key: str) -> Actor:
        b = self.actors[key]
        cached = self._actor_cache.get(key)
        if cached is not None and cached[0] == len(b.mentions):
            return cached[1]  # sorting a much-mentioned actor's spans on every call is quadratic
        made = Actor(
            id=b.key,
            text=b.text,
            name=b.name,
            country=b.country,
            sector=b.sector,
            org=b.org,
            kind=b.kind,
            backed_by=b.backed_by,
            mentions=tuple(sorted(set(b.mentions))),
            rule=b.rule,
        )
        self._actor_cache[key] = (len(b.mentions), made)
        return made

    def all(self) -> list[Actor]:
        return [self.actor(key) for key in self.actors]

    def persons_in(self, sent: Span) -> list[str]:
        return [k for i, k in self._order if sent.start <= i < sent.end and self.actors[k].kind == "person"]

    # ---- building -----------------------------------------------------------------------
    def _build(self) -> None:
        """Two passes: names and roles first, then words that point back at them."""
        doc = self.doc
        col = columns(doc)
        in_ent = {i for ent in entities(doc) if ent.label_ in ACTOR_ENTS for i in range(ent.start, ent.end)}
        # words a "both"/"two" hangs on, directly or through a possessive: the only pointers by their dependents
        pointing: set[int] = set()
        for j, low in enumerate(col.lower):
            if low in ("both", "two"):
                head = col.tokens[j].head
                pointing.add(head.i)
                if head.dep_ in ("poss", "nmod:poss"):
                    pointing.add(head.head.i)
        later: list[Token] = []
        # only these can name or point at an actor: decided on the columns, without Token objects
        candidates = [
            i
            for i, (pos, low, tag) in enumerate(zip(col.pos, col.lower, col.tag, strict=True))
            if (pos in _NOMINAL_POS or pos == "PRON" or low in _PAIR_WORDS or tag == "PRP$" or i in in_ent)
            and i not in self._outside
        ]
        for i in candidates:
            pos = col.pos[i]
            pronoun = pos == "PRON" or col.lower[i] in _PAIR_WORDS or col.tag[i] == "PRP$"
            tok = col.tokens[i]
            if tok.is_space or tok.is_punct:
                continue
            if pronoun or (
                pos == "NOUN" and (i in pointing or col.lemma[i] in _POINTER_TITLES) and self._is_pointer(tok)
            ):
                later.append(tok)
            elif i in in_ent or self._may_head(col.lemma[i], col.tag[i]):
                # describe() answers None for any other word, so _resolve_nominal need not be asked
                self._record(tok, self._resolve_nominal(tok))
        talk = [
            i
            for i, (dep, pos, lemma) in enumerate(zip(col.dep, col.pos, col.lemma, strict=True))
            if dep.startswith("nsubj") or (pos == "VERB" and lemma in _TALK_VERBS)
        ]
        for i in talk:
            if col.dep[i].startswith("nsubj"):
                self._note_pair(col.tokens[i])
            elif col.tokens[i].lemma_ in _TALK_VERBS:
                tok = col.tokens[i]
                # "Macron spoke to Biden": the two are "they" / "the pair" afterwards
                subj = [k for c in subjects(tok) for k in self.refer(c)]
                other = [k for r, c, p in args(tok) if r == "prep" and p in ("with", "to") for k in self.refer(c)]
                if len(subj) == 1 and len(other) == 1:
                    self.note_pair(tok.i, subj + other)
        self._pairs.sort()
        for tok in later:
            if tok.pos_ == "PRON" or tok.lower_ in _PAIR_WORDS or tok.tag_ == "PRP$":
                self._record(tok, self._resolve_pronoun(tok))
            else:
                self._record(tok, self._resolve_pointer(tok))

    def _record(self, tok: Token, keys: list[str]) -> None:
        if keys:
            self.by_head[tok.i] = keys
            for key in keys:
                # kept in token order; insort, not a full re-sort per record (quadratic on long texts)
                bisect.insort(self._order, (tok.i, key), key=lambda x: x[0])

    def _is_pointer(self, tok: Token) -> bool:
        """Descriptions resolved against earlier actors: "the two leaders", "both countries'", "the French leader"."""
        if tok.pos_ != "NOUN":
            return False
        kids = {c.lower_ for c in tok.children}
        if _points_back(kids):
            return True
        if tok.lemma_ in _POINTER_TITLES and tok.tag_ == "NN":
            return not _title_of_name(tok)
        return any(
            c.dep_ in ("poss", "nmod:poss") and {g.lower_ for g in c.children} & {"both", "two"} for c in tok.children
        )

    def _resolve_pointer(self, tok: Token) -> list[str]:
        kids = {c.lower_ for c in tok.children}
        role = self.k.roles.get(tok.lemma_.lower())
        if _points_back(kids):
            if tok.lemma_ in ("country", "nation", "state", "side"):
                return self._pair_countries(tok)
            if (role and role[1] == "person") or tok.lemma_ in ("leader", "man", "pair"):
                return self._last_pair(tok)
            return []
        for c in tok.children:
            if c.dep_ in ("poss", "nmod:poss") and {g.lower_ for g in c.children} & {"both", "two"}:
                sector = role[0] if role else "GOV"
                out = []
                for key in self._pair_countries(c):
                    b = self.actors[key]
                    proto = Proto(
                        name=f"{b.name} {tok.text}",
                        country=b.country,
                        sector=sector,
                        kind="group",
                        rule="pair-countries:" + tok.lemma_,
                    )
                    out.append(self._add(proto, tok, (tok.i, tok.i + 1)))
                return out
        country = None
        for m in _modifiers(tok):
            country = country or self._country_org_of(m)[0]
        if country is None:
            # "the president of Armenia" is Armenia's president, whoever was named last
            named = [self._country_org_of(c) for r, c, prep in args(tok) if r == "prep" and prep in ("of", "from")]
            if any(c or o for c, o in named):
                return self._resolve_nominal(tok)
        linked = self._last_person(tok, country=country)
        if linked:
            return [linked]
        return self._resolve_nominal(tok)

    def patient(self, h: Token) -> str | None:
        """An uncoded recipient for the noun phrase headed by ``h`` when it names no actor: what an
        event is done to ("rejected the proposals", "closed the crossing points", "attacked a base").

        PLOVER records the recipient whatever it is; it gets no country or sector (code ``---``), since
        nothing in the phrase says whose it is, and ``rule`` says it is a patient, not a known actor.
        """
        keys = self.refer(h)
        if keys:
            return keys[0]
        if h.pos_ not in ("NOUN", "PROPN") or h.ent_type_ in ("DATE", "TIME", "PERCENT", "MONEY", "CARDINAL"):
            return None
        if h.lemma_.lower() in _NOT_PATIENTS:
            return None
        proto = Proto(name=_phrase_text(h), kind="thing", rule="patient:" + h.lemma_.lower())
        return self._add(proto, h, _phrase_span(h))

    def _add(self, proto: Proto, tok: Token, span: tuple[int, int]) -> str:
        key = proto.key()
        b = self.actors.get(key)
        if b is None:
            b = _Builder(
                key=f"a{len(self.actors) + 1}",
                text=span_text(self.doc, span),
                name=proto.name,
                country=proto.country,
                sector=proto.sector,
                org=proto.org,
                kind=proto.kind,
                backed_by=proto.backed_by,
                rule=proto.rule,
            )
            self.actors[key] = b
        elif proto.backed_by and not b.backed_by:
            b.backed_by = proto.backed_by
        b.mentions.append((self.doc[span[0]].idx, self.doc[span[1] - 1].idx + len(self.doc[span[1] - 1])))
        return key

    def _resolve_nominal(self, tok: Token) -> list[str]:
        # only phrase heads: a token modifying another noun is described by its head
        if (
            rel(tok) in ("compound", "amod", "flat", "nummod")
            and tok.head.i != tok.i
            and tok.head.pos_
            in (
                "NOUN",
                "PROPN",
            )
        ) and not (tok.ent_type_ == "PERSON" and tok.head.ent_type_ != "PERSON"):
            return []
        if tok.ent_type_ != "PERSON" and _title_of_name(tok):
            return []
        if tok.ent_iob_ == "I" and tok.head.i != tok.i and tok.head.ent_type_ == tok.ent_type_:
            ent = entity_at(tok)
            if ent is not None and tok.head.i in range(ent.start, ent.end):
                return []
        proto = self.describe(tok)
        if proto is None:
            return []
        if proto.kind == "person" and proto.rule == "description" and (proto.country or not proto.org):
            linked = self._last_person(tok, country=proto.country)
            if linked:
                return [linked]
        if proto.name == "__pair_countries__":
            return self._pair_countries(tok)
        span = _phrase_span(tok)
        others = self._joined_countries(tok, proto) if proto.kind == "group" and proto.country else []
        if others:
            proto = replace(proto, name=f"{others[0][0].text} {tok.text}")
        keys = [self._add(proto, tok, span)]
        for cj, iso in others[1:]:
            keys.append(self._add(replace(proto, country=iso, name=f"{cj.text} {tok.text}"), tok, span))
        return keys

    def _joined_countries(self, tok: Token, proto: Proto) -> list[tuple[Token, str]]:
        """("Russian", RUS), ("Ukrainian", UKR) for "Russian and Ukrainian officials"; empty unless
        the modifier that gave ``proto`` its country is joined to another country's."""
        for m in tok.children:
            own = self._country_org_of(m)[0]
            if rel(m) not in ("amod", "compound") or m.i > tok.i or own is None or own != proto.country:
                continue
            joined = [(m, own)]
            for cj in m.conjuncts:
                iso = self._country_org_of(cj)[0]
                if iso and all(iso != x for _, x in joined):
                    joined.append((cj, iso))
            if len(joined) > 1:
                return joined
        return []

    def describe(self, h: Token) -> Proto | None:
        """Code the noun phrase headed by ``h``; ``None`` when it is not an actor."""
        k = self.k
        ent = entity_at(h)
        if ent is not None and ent.label_ == "PERSON":
            return self._person(h, ent)
        if (ent is None or ent.label_ not in _NAMED) and not self._may_head_a_role(h):
            return None  # most nouns ("plan", "week") head no actor: decided before their modifiers are read
        mods = _modifiers(h)
        country = None
        org = None
        backed = None
        possessor: str | None = None
        for m in mods:
            mc, mo = self._country_org_of(m)
            stance = _stance_prefix(m)
            if _backer(m) or stance == "pro":
                # "Russian-backed rebels" are backed by Russia, not Russian: the backer is recorded apart;
                # "pro-Russian separatists" side with it
                backed = backed or mc
                continue
            if stance == "anti":
                continue  # "an anti-Syria journalist" is no Syrian
            if m.lemma_ == "back" or m.lower_.endswith("-backed"):
                for c in m.subtree:
                    bc, _ = self._country_org_of(c)
                    if bc:
                        backed = bc
                continue
            if m.dep_ in ("poss", "nmod:poss") and m.pos_ in ("PRON", "PROPN"):
                possessor = self._possessor_country(m)
                country = country or possessor
            country = country or mc
            org = org or mo
        for r, pobj, prep in args(h):
            if r == "prep" and prep in ("from", "of") and pobj.i > h.i:
                pc, po = self._country_org_of(pobj)
                org = org or po
                country = country or (pc if not po else None)
        if country is None and not org:
            country = self._relative_owner(h)
        role = self._role(h, mods)
        if country is None and not org and role is not None:
            # "Darfur rebels", "Gaza militants": a group named after a town or region is of its country
            country = next((self._places[m.i].country for m in mods if m.i in self._places), None)
        if country is None and not org and role is not None and role[0] in _LOCAL_SECTORS:
            # "authorities in Croatia", "police in Nairobi", "rebels in Darfur": these bodies belong where
            # they serve or fight (troops, aid workers, refugees and migrants are often from elsewhere)
            for r, pobj, prep in args(h):
                if r == "prep" and prep == "in" and pobj.i > h.i:
                    country = self._country_org_of(pobj)[0] or (p.country if (p := self._places.get(pobj.i)) else None)
                    break
        if ent is not None and ent.label_ in ("GPE", "LOC", "ORG", "NORP") and h.i == ent.root.i:
            text = ent.text
            if ent.label_ in ("GPE", "LOC"):
                seat = k.seats.get(_norm(text))
                iso = k.country_names.get(_norm(text))
                if iso:
                    return Proto(
                        name=k.countries[iso].name if iso in k.countries else text,
                        country=iso,
                        sector="GOV",
                        kind="state",
                        rule="country",
                    )
                if seat:
                    return Proto(
                        name=k.countries[seat.iso3].name if seat.iso3 in k.countries else seat.name,
                        country=seat.iso3,
                        sector=seat.sector,
                        kind="state",
                        rule=f"seat:{seat.name}",
                    )
                return None
            if ent.label_ == "ORG":
                o = k.org(text)
                seat = k.seats.get(_norm(text))
                if seat:
                    return Proto(
                        name=k.countries[seat.iso3].name if seat.iso3 in k.countries else seat.name,
                        country=seat.iso3,
                        sector=seat.sector,
                        kind="state",
                        rule=f"seat:{seat.name}",
                    )
                if o:
                    return Proto(
                        name=o.short, country=o.country, sector=o.sector, org=o.short, kind="org", rule="organization"
                    )
                sector = role[0] if role else None
                return Proto(name=text, country=country, sector=sector, org=None, kind="org", rule="ner-org")
            if ent.label_ == "NORP" and h.pos_ in ("PROPN", "NOUN") and rel(h) not in ("amod", "compound"):
                iso = k.demonyms.get(_norm(text))
                if iso:
                    return Proto(
                        name=k.countries[iso].name if iso in k.countries else text,
                        country=iso,
                        sector=None,
                        kind="group",
                        rule="demonym",
                    )
        if role is None:
            if h.pos_ == "NOUN" and h.lemma_ in ("leader", "counterpart") and country:
                return Proto(name=h.text, country=country, sector="GOV", kind="person", rule="description")
            return None
        sector, kind = role
        if h.lemma_ in _PAIR_WORDS:
            return None
        if kind == "person" and h.pos_ == "NOUN" and h.tag_ not in ("NNS",):
            # "the French leader", "the president": a description of a known person
            return Proto(
                name=_phrase_text(h), country=country, sector=sector, org=org, kind="person", rule="description"
            )
        if h.lemma_ in ("country", "nation", "state") and any(c.lower_ == "both" for c in h.children):
            return Proto(name="__pair_countries__")
        if (
            sector == "GOV"
            and not country
            and not org
            and h.lemma_ in ("state", "country", "nation", "office", "authority", "government")
            and possessor is None
        ):
            return None
        name = _phrase_text(h)
        if org and not country:
            o = next((x for x in k.orgs.values() if x.short == org), None)
            country = o.country if o else None
        return Proto(
            name=name, country=country, sector=sector, org=org, kind="group", backed_by=backed, rule="role:" + h.lemma_
        )

    def _person(self, h: Token, ent: Span) -> Proto | None:
        if h.i != ent.root.i and ent.root.ent_type_ == "PERSON":
            return None
        k = self.k
        name = ent.text.strip()
        for prefix in ("President ", "Prime Minister ", "Minister ", "General ", "Gen. ", "Mr ", "Mr. ", "Mrs ", "Ms "):
            if name.startswith(prefix):
                name = name[len(prefix) :]
        leader = k.leader(name, self.published)
        outside_term = False
        terms = k.terms(name) if leader is None and self.published is not None else []
        if terms and self.published is not None:
            # a known office holder before or after office ("former President Trump") is still
            # of that country; after office they are an elite (ELI), before it their sector is unknown
            day = self.published
            leader = max((t for t in terms if t.start <= day), key=lambda t: t.start, default=terms[0])
            outside_term = True
        mods = [m for m in _modifiers(h) if m.i < ent.start]
        for c in h.children:
            if c.dep_ == "appos":
                mods.extend(c.subtree)
        title = h.head
        if rel(h) == "appos" and title.i < ent.start and title.pos_ == "NOUN" and self._may_head_a_role(title):
            # "Palestinian leader Yasser Arafat" parsed as the title with the name in apposition
            mods += [title, *(m for m in _modifiers(title) if m.i < title.i)]
        country = None
        for m in mods:
            mc, _ = self._country_org_of(m)
            if m.dep_ in ("poss", "nmod:poss") and m.pos_ == "PRON":
                continue
            country = country or mc
        if country is None:
            country = self._country_before_title(ent)
        role = self._role(h, mods, person=True)
        if leader is not None:
            if leader.country in self.k.countries or (
                len(leader.country) == 3 and leader.country.isupper() and leader.country not in ("IGO",)
            ):
                iso = leader.country if leader.country in self.k.countries else None
                org = None if iso else leader.country
            else:
                iso, org = None, leader.country
            if outside_term:
                after = leader.end is not None and self.published is not None and self.published > leader.end
                return Proto(
                    name=leader.name,
                    country=iso,
                    sector="ELI" if after else (role[0] if role else None),
                    org=org,
                    kind="person",
                    rule=f"leader-{'former' if after else 'future'}:{leader.role}",
                )
            return Proto(
                name=leader.name,
                country=iso,
                sector=leader.sector,
                org=org,
                kind="person",
                rule=f"leader:{leader.role}",
            )
        # later bare mention of someone named earlier ("Kovalenko")
        for b in self.actors.values():
            if b.kind == "person" and (b.name == name or b.name.split()[-1] == name):
                return Proto(name=b.name, country=b.country, sector=b.sector, org=b.org, kind="person", rule=b.rule)
        sector = role[0] if role else None
        if sector is None and any(m.pos_ == "NOUN" and m.i < ent.start and m.dep_ != "poss" for m in mods):
            # an occupation that is no political role ("31-year-old nurse Anna Tikhonova"): a civilian
            sector = "CVL"
        return Proto(
            name=name, country=country, sector=sector, kind="person", rule="person:title" if role else "person"
        )

    def _country_before_title(self, ent: Span) -> str | None:
        """The country written just before a name's title, read in word order: the parser often
        breaks "Iraqi President Saddam Hussein's proposal" apart, but the words say whose president."""
        words = self._title_words
        j = ent.start - 1
        start = sentence(ent.root).start
        while j >= start:
            t = self.doc[j]
            if t.ent_type_ in ("NORP", "GPE"):
                return self._country_org_of(t)[0]
            if t.lower_ in ("'s", "’s") and j > start and self.doc[j - 1].ent_type_ == "GPE":
                return self._country_org_of(self.doc[j - 1])[0]
            if t.lemma_.lower() not in words and t.lower_ not in words:
                return None
            j -= 1
        return None

    def _may_head_a_role(self, h: Token) -> bool:
        """Whether ``h`` can end a role phrase of the lexicon, or lead a description ("the leader")."""
        return self._may_head(h.lemma_.lower(), h.tag_)

    def _may_head(self, lemma: str, tag: str) -> bool:
        if lemma in ("leader", "counterpart") or lemma in _COLLECTIVE:
            return True
        return _head_form_of(lemma, tag, self.k.roles) in self._role_heads

    def _role(self, h: Token, mods: list[Token], *, person: bool = False) -> tuple[str, str] | None:
        if not person and _force_as_means(h):
            return None
        lemmas = [
            m.lemma_.lower() for m in sorted(mods, key=lambda t: t.i) if m.pos_ in ("NOUN", "PROPN", "ADJ", "ADP")
        ]
        if not person:
            lemmas.append(_head_form(h, self.k.roles))
        n = len(lemmas)
        # a role must end at the head ("military activity" is no actor), except for collective
        # heads that take their sector from a modifier ("rebel regions", "opposition groups")
        ends = range(n, 0, -1) if person or h.lemma_.lower() in _COLLECTIVE else [n]
        for j in ends:
            for i in range(0, j):
                phrase = " ".join(lemmas[i:j])
                if phrase in self.k.roles:
                    return self.k.roles[phrase]
        return None

    def _country_org_of(self, m: Token) -> tuple[str | None, str | None]:
        k = self.k
        ent = entity_at(m)
        text = ent.text if ent is not None else m.text
        key = _norm(text)
        if (ent is not None and ent.label_ == "ORG") or m.ent_type_ == "ORG":
            o = k.org(text)
            if o:
                return o.country, o.short
        if not text[:1].isupper():
            return None, None  # "a suicide car bombing" names no Central African Republic (CAR)
        iso = k.country_names.get(key) or k.demonyms.get(key)
        if iso:
            return iso, None
        seat = k.seats.get(key)
        if seat:
            return seat.iso3, None
        o = k.orgs.get(text)
        if o:
            return o.country, o.short
        if ent is not None and m.i < ent.end - 1:
            # a national body the knowledge does not list: "US Congress", "Iraqi National Congress",
            # "South African Airways" are their country's, named by their leading words
            for end in range(ent.end - 1, ent.start, -1):
                if m.i < end:
                    lead = _norm(self.doc[ent.start : end].text)
                    iso = k.country_names.get(lead) or k.demonyms.get(lead)
                    if iso:
                        return iso, None
        return None, None

    def named_person(self, tok: Token) -> list[str]:
        """An unknown person named by a run of proper nouns ("33-year-old handyman Oleksiy Kovalenko"),
        for speakers the NER missed: sector from a role word before the name, else civilian when an
        occupation is given, else unknown."""
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            return []
        start = end = tok.i
        while (
            start > sentence(tok).start
            and self.doc[start - 1].pos_ == "PROPN"
            and self.doc[start - 1].text[:1].isupper()
        ):
            start -= 1
        while (
            end + 1 < sentence(tok).end and self.doc[end + 1].pos_ == "PROPN" and self.doc[end + 1].text[:1].isupper()
        ):
            end += 1
        name = self.doc[start : end + 1].text
        if self.k.country_names.get(_norm(name)) or self.k.org(name) or self.k.seats.get(_norm(name)):
            return []
        before = [
            t for t in self.doc[max(sentence(tok).start, start - 4) : start] if t.pos_ in ("NOUN", "ADJ", "PROPN")
        ]
        role = self._role(self.doc[start], before, person=True)
        country = next((c for c in (self._country_org_of(t)[0] for t in before) if c), None)
        occupation = any(t.pos_ == "NOUN" for t in before)
        sector = role[0] if role else ("CVL" if occupation else None)
        proto = Proto(name=name, country=country, sector=sector, kind="person", rule="named-person")
        return [self._add(proto, tok, (start, end + 1))]

    def _relative_owner(self, h: Token) -> str | None:
        """ "the 30,000 troops it has in Belarus": the owner named in a relative clause is the country."""
        for c in h.children:
            if rel(c) in ("relcl", "acl:relcl") and c.lemma_.lower() in _OWNING_VERBS:
                for s in c.children:
                    if rel(s) == "nsubj" and s.pos_ in ("PRON", "PROPN"):
                        return self._possessor_country(s)
        return None

    def _possessor_country(self, m: Token) -> str | None:
        keys = self.by_head.get(m.i) or (self._resolve_pronoun(m) if m.pos_ == "PRON" else [])
        for key in keys:
            b = self.actors.get(key)
            if b and b.country:
                return b.country
        if m.pos_ == "PROPN":
            proto = self.describe(m)
            return proto.country if proto else None
        return None

    def _in_quote(self, char: int) -> bool:
        j = bisect.bisect_right(self.quoted, (char, float("inf"))) - 1  # quotes are in text order
        return j >= 0 and self.quoted[j][0] <= char < self.quoted[j][1]

    def _resolve_pronoun(self, tok: Token) -> list[str]:
        low = tok.lower_
        if low in _THIRD_PERSON and self._in_quote(tok.idx):
            # inside a quotation "they" is whoever the speaker means, not the article's last actor
            return []
        if low in _PAIR_WORDS:
            if tok.dep_.startswith("nsubj") or tok.head.lemma_ in ("leader", "country") or low == "pair":
                if tok.head.lemma_ == "country" and low == "both":
                    return []
                pair = self._last_pair(tok)
                if pair and (low != "two" or tok.pos_ in ("NUM", "PRON", "NOUN")):
                    return pair
            return []
        if tok.pos_ == "NOUN":
            return []
        bound = self._reporter(tok)
        if bound:
            return bound
        if low in _MALE or low in _FEMALE:
            cata = self._cataphor(tok)
            return [cata] if cata else ([p] if (p := self._last_person(tok)) else [])
        if low in _PLURAL:
            pair_at = max((i for i, _ in self._pairs if i < tok.i), default=-1)
            for i, key in self._preceding(tok.i):
                # "they" stands for people, rarely one country or body ("it"): "They were jailed" after
                # "the UK's biggest miscarriage of justice" is not the UK
                if i <= pair_at:
                    break
                if self.actors[key].kind == "group":
                    return [key]
            return self._last_pair(tok)
        if low in _NEUTER:
            for i, key in self._preceding(tok.i):
                if self.actors[key].kind in ("state", "org") or self._singular_group(key, tok.doc[i]):
                    return [key]
        return []

    def _singular_group(self, key: str, head: Token) -> bool:
        """A body named by a singular noun is "it": "the military said it had launched strikes"."""
        return self.actors[key].kind == "group" and head.tag_ == "NN"

    def _reporter(self, tok: Token) -> list[str]:
        """The subject of the verb whose complement ``tok`` opens: "the Lib Dems argue they were
        honest", "Russia says it has no plans" mean the speaker, not the last actor mentioned."""
        if not tok.dep_.startswith("nsubj") or rel(tok.head) != "ccomp":
            return []
        verb = tok.head.head
        subj = [c for c in subjects(verb) if c.i < tok.i and c.pos_ != "PRON"]
        if not subj or tok.head.i == verb.i:
            return []
        keys = self.refer(subj[0])
        kinds = {self.actors[key].kind for key in keys}
        low = tok.lower_
        if low in _MALE or low in _FEMALE:
            fits = kinds == {"person"} and len(keys) == 1
        elif low in _NEUTER:
            fits = len(keys) == 1 and (bool(kinds & {"state", "org"}) or self._singular_group(keys[0], subj[0]))
        else:
            fits = len(keys) > 1 or bool(kinds & {"group", "org"})
        return keys if fits else []

    def _cataphor(self, tok: Token) -> str | None:
        """ "During his first discussion ..., Putin said": a fronted possessive points forward."""
        sent = sentence(tok)
        root = sent.root
        if tok.i >= root.i:
            return None
        for c in root.children:
            if c.dep_.startswith("nsubj") and c.i > tok.i and c.ent_type_ == "PERSON":
                proto = self.describe(c)
                if proto and proto.kind == "person":
                    return self._add(proto, c, _phrase_span(c))
        return None

    def _last_person(self, tok: Token, country: str | None = None) -> str | None:
        for _i, key in self._preceding(tok.i):
            b = self.actors[key]
            if b.kind == "person" and (country is None or b.country == country):
                return key
        return None

    def _preceding(self, i: int) -> Iterator[tuple[int, str]]:
        """Actor mentions before token ``i``, nearest first, within :data:`_LOOKBACK` tokens: an antecedent
        further back is rarely meant, and the bound keeps long documents linear."""
        j = bisect.bisect_left(self._order, i, key=lambda x: x[0])
        while j > 0:
            j -= 1
            at, key = self._order[j]
            if i - at > _LOOKBACK:
                return
            yield at, key

    def _note_pair(self, subj: Token) -> None:
        keys = self.refer(subj)
        persons = [k for k in keys if self.actors[k].kind == "person"]
        if len(persons) == 2:
            self._pairs.append((subj.i, persons))

    def note_pair(self, i: int, keys: list[str]) -> None:
        """Record two persons acting together (e.g. a phone call) for later "the two"."""
        persons = [k for k in keys if self.actors[k].kind == "person"]
        if len(persons) == 2:
            self._pairs.append((i, persons))

    def _last_pair(self, tok: Token) -> list[str]:
        for i, keys in reversed(self._pairs):
            if i < tok.i:
                return list(keys)
        return []

    def _pair_countries(self, tok: Token) -> list[str]:
        out = []
        for key in self._last_pair(tok):
            b = self.actors[key]
            if b.country:
                name = self.k.countries[b.country].name if b.country in self.k.countries else b.country
                proto = Proto(name=name, country=b.country, sector="GOV", kind="state", rule="pair-countries")
                out.append(self._add(proto, tok, _phrase_span(tok)))
        return out


_QUANTITY_HEADS = {"thousands", "hundreds", "dozens", "scores", "millions", "tens", "hundred", "thousand", "dozen"}
# Sectors whose members serve where they are ("police in Nairobi"); troops abroad do not.
_DOMESTIC_SECTORS = {"GOV", "COP", "JUD", "LEG"}
_LOCAL_SECTORS = _DOMESTIC_SECTORS | {"REB", "OPP", "LAB", "PTY", "UAF"}


def _points_back(kids: set[str]) -> bool:
    """ "both leaders", "the two sides" point back at a pair; "two Polish diplomats" introduces new people."""
    return "both" in kids or ("two" in kids and bool(kids & {"the", "these", "those"}))


def _title_of_name(tok: Token) -> bool:
    """True for "President" in "President Joe Biden" or "leader" in "Belarus leader Alexander Lukashenko"."""
    doc = tok.doc
    j = tok.i + 1
    while j < len(doc) and j <= tok.i + 4:
        nxt = doc[j]
        if nxt.ent_type_ == "PERSON":
            return True
        if not ((nxt.pos_ in ("PROPN", "NOUN", "ADP") and nxt.text[:1].isupper()) or nxt.lower_ in ("of", "general")):
            return False
        j += 1
    return False


def _modifiers(h: Token) -> list[Token]:
    out: list[Token] = []
    for c in h.lefts:
        if c.dep_ in _MOD_DEPS or c.dep_ == "appos":
            out.extend(c.subtree)
    return [t for t in out if not t.is_punct]


def _phrase_span(h: Token) -> tuple[int, int]:
    start = h.i
    for c in h.lefts:
        if c.dep_ in _MOD_DEPS and c.dep_ != "det":
            start = min(start, c.left_edge.i)
    end = h.i + 1
    ent = entity_at(h)
    if ent is not None:
        start, end = min(start, ent.start), max(end, ent.end)
    doc = h.doc
    while start < h.i and (doc[start].pos_ in ("ADP", "PUNCT", "CCONJ", "ADV") or doc[start].dep_ == "case"):
        start += 1  # a misattached preposition ("to war-torn Mozambique") is not part of the name
    return start, end


def _phrase_text(h: Token) -> str:
    s, e = _phrase_span(h)
    return h.doc[s:e].text


def span_text(doc: Doc, span: tuple[int, int]) -> str:
    return doc[span[0] : span[1]].text


def _norm(text: str) -> str:
    text = " ".join(text.replace("’", "'").split()).lower()
    return text[4:] if text.startswith("the ") else text


#: Entity labels ``describe`` codes from the name itself.
_NAMED = ("GPE", "LOC", "ORG", "NORP")
