"""Entity ruler built from Tocsin's knowledge files, merged with the statistical NER's spans.

Labels: GPE (countries, capitals), ORG (organisations, seats of power such as the Kremlin),
NORP (demonyms), PERSON (office holders). The ruler runs after the NER and the two are merged by
:func:`merge_ents`: a longer statistical name that contains a ruler match wins ("Canadian Blood
Services" over "Canadian"), otherwise the knowledge wins. A small relabeller then turns the NER's
LOC into GPE when the name is a known country.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry

from .. import knowledge
from ..extractors.syntax import MONTHS, WEEKDAYS
from .lemmas import candidates

# Aliases that name a person in leaders.tsv but are more often something else.
_AMBIGUOUS_ALIASES = {"austin", "lee", "kim", "bibi", "harris", "cooper", "wallace", "michel", "khan", "tamim", "xi"}
# Demonym forms that are also words with other uses.
_AMBIGUOUS_DEMONYMS = {"us", "u.s.", "english", "myanmar", "vatican", "dominican", "saudi"}
# Seats of government whose capitalised name is mostly an English word ("Male voters", "Victoria").
_AMBIGUOUS_SEATS = {"male", "victoria", "kingston", "hamilton", "douglas", "stanley", "georgetown"}
_SMALL_WORDS = {"of", "and", "the", "de", "da", "del", "von", "der", "bin", "al", "el", "le"}


def _acronyms(names: Iterable[str]) -> set[str]:
    """Keys that are the initials of another name of the same country ("car" for "central african
    republic", "uk"): only their capitalised forms name it, never "Car" or "Us" opening a sentence."""
    names = list(names)
    initials = {"".join(w[0] for w in n.replace("-", " ").split() if w not in _SMALL_WORDS) for n in names}
    return {n for n in names if " " not in n and "." not in n and n in initials and len(n) < max(map(len, names))}


def patterns() -> list[dict[str, Any]]:
    """All ruler patterns, longest forms included (the ruler prefers longer matches)."""
    k = knowledge.load()
    out: dict[tuple[str, str], dict[str, Any]] = {}

    def add(label: str, text: str, ent_id: str) -> None:
        text = text.strip()
        if text[:4].lower() == "the ":
            text = text[4:]
        if not text or len(text) < 2:
            return
        out.setdefault((label, text), {"label": label, "pattern": text, "id": ent_id})

    names_of: dict[str, list[str]] = {}
    for name, iso3 in k.country_names.items():
        names_of.setdefault(iso3, []).append(name)
    for iso3, names in names_of.items():
        acronyms = _acronyms(names)
        for name in names:
            for form in {name.upper()} if name in acronyms else _surface_forms(name):
                add("GPE", form, iso3)
    for c in k.countries.values():
        add("GPE", c.name, c.iso3)
    for surface, seat in k.seats.items():
        if surface in _AMBIGUOUS_SEATS:
            continue
        label = "GPE" if seat.name.lower() == surface or (seat.name[0].isupper() and " " not in seat.name) else "ORG"
        if seat.name in {"Kremlin", "White House", "Pentagon", "State Department", "Downing Street", "Elysee"}:
            label = "ORG"
        for form in _surface_forms(surface):
            add(label, form, seat.iso3)
    for surface, org in k.orgs.items():
        if surface[:1].isupper() or surface.isupper():
            add("ORG", surface, org.short)
    for surface, terms in k.leaders.items():
        if surface in _AMBIGUOUS_ALIASES:
            continue
        for form in _surface_forms(surface):
            add("PERSON", form, terms[0].name)
    for demonym, iso3 in k.demonyms.items():
        if demonym in _AMBIGUOUS_DEMONYMS:
            continue
        for form in _surface_forms(demonym):
            add("NORP", form, iso3)
    return list(out.values())


def _surface_forms(lowered: str) -> set[str]:
    """Capitalised forms of a lowercased knowledge key ("ivory coast" -> "Ivory Coast")."""
    words = lowered.split(" ")
    cap = ["-".join(p[:1].upper() + p[1:] for p in w.split("-")) for w in words]
    titled = " ".join(w if (i and w in _SMALL_WORDS) else cap[i] for i, w in enumerate(words))
    forms = {titled}
    if len(lowered) <= 5 and "." not in lowered and " " not in lowered:
        forms.add(lowered.upper())
    if "." in lowered:
        forms.add(lowered.upper())
    return forms


def add_ruler(nlp: Language) -> None:
    """Add the knowledge ruler after ``ner`` (merging with :func:`merge_ents`) and the LOC→GPE relabeller."""
    ruler = nlp.add_pipe(
        "span_ruler",
        name="tocsin_ruler",
        after="ner",
        config={
            "spans_key": None,
            "annotate_ents": True,
            "ents_filter": {"@misc": "tocsin.merge_ents.v1"},
            "overwrite": False,  # hand the NER's entities to merge_ents instead of dropping them
            "phrase_matcher_attr": "ORTH",
            "validate": False,
        },
    )
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(patterns())  # type: ignore[attr-defined]
    nlp.add_pipe("tocsin_gpe", after="tocsin_ruler")


# Tokens that may join two ruler matches inside one statistical span without making it a new name.
_JOINERS = {"and", "&", ",", "-", "–", "/", "or", "the", "of"}
# Capitalised words that extend a statistical span without being part of a name ("Moscow on Sunday").
_NOT_NAME = WEEKDAYS | MONTHS
# Titles the NER sometimes folds into a person's name ("President Gitanas Nauseda").
_TITLES = {
    *[
        "president",
        "prime",
        "minister",
        "foreign",
        "defence",
        "defense",
        "interior",
        "secretary",
        "chancellor",
        "premier",
        "leader",
    ],
    *[
        "king",
        "queen",
        "prince",
        "princess",
        "emir",
        "sheikh",
        "sultan",
        "pope",
        "general",
        "gen.",
        "lt.",
        "col.",
        "colonel",
        "commander",
        "chief",
    ],
    *[
        "ambassador",
        "envoy",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "senator",
        "governor",
        "mayor",
        "deputy",
        "vice",
        "state",
    ],
    *["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "lord", "lady", "top", "former", "acting"],
}


def merge_ents(entities: Iterable[Span], spans: Iterable[Span]) -> list[Span]:
    """Merge statistical ``entities`` with ruler ``spans`` so that neither blindly overwrites the other.

    Ruler matches are taken longest first. A statistical entity survives when it overlaps no match,
    or when it strictly contains its matches and adds words of its own beyond joiners ("Bank of
    Scotland", "U.S. Supreme Court"); any other overlap goes to the knowledge, which also fixes
    the label of an identical span ("Delaware" PERSON -> the ruler's GPE).
    """
    chosen: list[Span] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (s.end - s.start, -s.start), reverse=True):
        if taken.isdisjoint(range(span.start, span.end)):
            chosen.append(span)
            taken.update(range(span.start, span.end))
    at: dict[int, Span] = {i: span for span in chosen for i in range(span.start, span.end)}
    kept: list[Span] = []
    for ent in entities:
        # the chosen spans overlapping ent, by token lookup (a scan of all spans is quadratic on long texts)
        inside = list({id(at[i]): at[i] for i in range(ent.start, ent.end) if i in at}.values())
        if not inside:
            kept.append(ent)
            continue
        if not all(ent.start <= s.start and s.end <= ent.end for s in inside):
            continue
        if ent.label_ == "PERSON" and all(s.label_ != "PERSON" for s in inside):
            first = min(s.start for s in inside)
            if (
                first > ent.start
                and _name_words(ent.doc[ent.start : first])
                and not any(t.lower_ in PERSON_TITLES for t in ent.doc[ent.start : first])
            ):
                # "Jack London", "Margaret Douglas": the place is a surname after a given name
                kept.append(ent)
                chosen = [s for s in chosen if s not in inside]
                continue
            # "Lithuanian President Gitanas Nauseda": the knowledge keeps "Lithuanian", the person is the tail
            start = max(s.end for s in inside)
            while start < ent.end and (ent.doc[start].lower_ in _TITLES or ent.doc[start].is_punct):
                start += 1
            if start < ent.end and _name_words(ent.doc[start : ent.end]):
                kept.append(Span(ent.doc, start, ent.end, label="PERSON"))
            continue
        covered = {i for s in inside for i in range(s.start, s.end)}
        own = [t for t in ent if t.i not in covered and t.lower_ not in _JOINERS and not t.is_punct]
        if own and _name_words(own) and not any(t.lower_ in _TITLES for t in own):
            kept.append(ent)
            chosen = [s for s in chosen if s not in inside]
    return sorted(kept + chosen, key=lambda s: s.start)


def _name_words(tokens: Iterable[Any]) -> bool:
    return all(t.text[:1].isupper() and t.lower_ not in _NOT_NAME for t in tokens)


@registry.misc("tocsin.merge_ents.v1")
def make_merge_ents() -> Any:
    return merge_ents


_HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord", "lady", "prof", "prof."}
# Words that open a person's title, not their name; UNER and OntoNotes both leave them outside PERSON.
PERSON_TITLES = (
    _TITLES
    | _HONORIFICS
    | {
        *["emperor", "empress", "tsar", "czar", "tsarina", "kaiser", "shah", "khan", "pharaoh", "duke", "duchess"],
        *["count", "countess", "baron", "baroness", "saint", "st.", "st", "miss", "pope", "cardinal", "bishop"],
        *["archbishop", "rabbi", "imam", "ayatollah", "father", "brother", "sister", "reverend", "rev.", "captain"],
        *["capt.", "major", "maj.", "sergeant", "sgt.", "lieutenant", "admiral", "adm.", "marshal", "field"],
        *["judge", "justice", "professor", "coach", "congressman", "congresswoman", "rep.", "sen.", "gov."],
        *["chairman", "chairwoman", "ceo", "director", "spokesman", "minister", "officer", "agent", "detective"],
    }
)


def name_start(words: list[str]) -> int:
    """Index of the first name word of a person's words after leading titles and punctuation
    ("President Joe Biden" -> 1); 0 when only a title would remain ("Mr. President")."""
    s = 0
    while s < len(words) - 1 and (words[s].lower() in PERSON_TITLES or not any(c.isalnum() for c in words[s])):
        s += 1
    return 0 if words[s].lower() in PERSON_TITLES else s


# Prepositions after which an unrecognised proper name is usually a place ("fighting near Zolote").
# ("to" and "from" are left out: "forward to Brant", "a note from Karen").
_LOCATIVE = {"in", "at", "near", "outside", "into", "across", "around", "towards", "toward", "via"}
# A back-off place must be a settlement at least this big, or a country or first-level region.
_BACKOFF_POPULATION = 15000


@Language.component("tocsin_gpe")
def relabel_gpe(doc: Doc) -> Doc:
    """Tidy the merged entities to news NER conventions.

    - ``LOC`` spans naming a country or capital become ``GPE``;
    - leading titles leave ``PERSON`` spans ("Emperor Meiji" -> "Meiji", "Mr Osborne" -> "Osborne");
      the actor stage reads titles from the words before the name;
    - entities made only of pronouns are dropped (a quoted "We" is nobody's name);
    - a capitalised proper-noun run that no one labelled (or that the NER took for a person), right
      after a locative preposition, that the gazetteer knows as a sizeable settlement or region,
      becomes ``GPE`` ("shelling in Zolote", "positions near Donetsk");
    - unlabelled capitalised words right after a personal title become ``PERSON``
      ("President Boris Yeltsin");
    - a capitalised name ending in an organisation word ("Rodale Press", "Huber Corporation") or
      built on one ("University of Texas", "National Union of Journalists") becomes ``ORG``, taking
      in shorter entities inside it.
    """
    k = knowledge.load()
    changed = False
    ents: list[Span] = []
    for ent in doc.ents:
        if ent.label_ == "LOC":
            key = ent.text.lower()
            if key in k.country_names or key in k.seats:
                ent = Span(doc, ent.start, ent.end, label="GPE", kb_id=ent.kb_id)
                changed = True
        elif ent.label_ == "PERSON" and (_misread_place(ent, k) or _place_object(ent, k) or _restored_place(ent, k)):
            ent = Span(doc, ent.start, ent.end, label="GPE")
            changed = True
        elif ent.label_ == "PERSON" and len(ent) > 1:
            start = ent.start + name_start([t.text for t in ent])
            if start > ent.start and _name_words(doc[start : ent.end]):
                ent = Span(doc, start, ent.end, label="PERSON", kb_id=ent.kb_id)
                changed = True
        if all(t.pos_ == "PRON" or t.is_punct for t in ent):
            changed = True
            continue
        ents.append(ent)
    found = _backoff_places(doc) + _titled_names(doc, k) + _suffixed_orgs(doc)
    if found:
        ents = filter_spans([*ents, *found])
        changed = True
    if changed:
        doc.set_ents(ents, default="outside")
    return doc


def _backoff_places(doc: Doc) -> list[Span]:
    """Proper-noun runs after a locative preposition that the gazetteer knows (see :func:`relabel_gpe`)."""
    out: list[Span] = []
    for tok in doc:
        if tok.lower_ not in _LOCATIVE or tok.i + 1 >= len(doc):
            continue
        start = tok.i + 1
        if start < len(doc) and doc[start].lower_ == "the":
            start += 1
        end = start
        while end < len(doc) and end - start < 4 and _bare_proper(doc[end]):
            end += 1
        # a run that continues into a labelled or lower-case name is not a bare place name
        if end == start or (end < len(doc) and (doc[end].ent_type or doc[end].pos_ in ("PROPN", "NOUN"))):
            continue
        if any(doc[i].lower_ in PERSON_TITLES for i in range(start, end)):
            continue
        if _gazetteer_place(doc[start:end].text):
            out.append(Span(doc, start, end, label="GPE"))
    taken = {i for sp in out for i in range(sp.start, sp.end)}
    for tok in doc:
        # "Rebels shelled Zolote": an unlabelled name that a verb taking places acts on (the parser may
        # call it the verb's object or, wrongly, its complement)
        if tok.i in taken or not _bare_proper(tok) or tok.dep_ not in ("obj", "dobj", "xcomp"):
            continue
        verb = tok.head
        forms = {verb.lemma_.lower(), verb.lower_, *candidates(verb.text)}
        if verb.pos_ != "VERB" or not forms & _PLACE_OBJECT_VERBS:
            continue
        start = tok.i
        while start > 0 and start - 1 not in taken and _bare_proper(doc[start - 1]) and tok.i - start < 3:
            start -= 1
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and (nxt.ent_type or nxt.pos_ in ("PROPN", "NOUN")):
            continue
        # the verb is evidence enough for a town of some thousands ("shelled Zolote")
        if _gazetteer_place(doc[start : tok.i + 1].text, min_population=1000):
            out.append(Span(doc, start, tok.i + 1, label="GPE"))
    return out


# Titles that are followed by a person's name and by little else ("General Motors" is why "general"
# is not here).
_NAME_TITLES = {
    *["president", "minister", "chancellor", "premier", "king", "queen", "prince", "princess", "emir"],
    *["sheikh", "sultan", "pope", "senator", "governor", "mayor", "secretary", "ambassador", "envoy"],
    *["spokesman", "spokeswoman", "spokesperson", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."],
    *["sir", "dame", "emperor", "tsar", "ayatollah", "imam", "rabbi", "cardinal", "archbishop", "bishop"],
    *["gen.", "lt.", "col.", "colonel", "commander", "lieutenant", "sergeant", "admiral", "marshal"],
    *["rep.", "sen.", "gov.", "congressman", "congresswoman", "professor", "prof."],
}


def _titled_names(doc: Doc, k: knowledge.Knowledge) -> list[Span]:
    """Unlabelled capitalised words right after a personal title: "President Boris Yeltsin",
    "Prime Minister Ryutaro Hashimoto" (news names the NER has never seen)."""
    out: list[Span] = []
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if not (tok.lower_ in _NAME_TITLES and tok.text[:1].isupper()):
            i += 1
            continue
        start = i + 1
        while start < n and doc[start].lower_ in PERSON_TITLES and doc[start].text[:1].isupper():
            start += 1
        end = start
        while end < n and end - start < 4 and _name_word(doc[end]):
            end += 1
        name = doc[start:end].text
        if (
            end > start
            and not (end < n and doc[end].ent_type)
            and not any(doc[j].ent_type for j in range(start, end))
            and not k.country_of(name)
            and not k.org(name)
        ):
            out.append(Span(doc, start, end, label="PERSON"))
        i = max(end, i + 1)
    return out


# Words that end (or head, before "of X") the name of a company or institution. Buildings (museum,
# hospital, church) are left out: UNER calls them places as often as organisations.
_ORG_WORDS = {
    *["University", "College", "Institute", "Academy", "Press", "Corporation", "Corp.", "Inc.", "Inc"],
    *["Ltd", "Ltd.", "LLC", "Co.", "Company", "Group", "Bank", "Airlines", "Airways", "Foundation"],
    *["Association", "Society", "Federation", "League", "Union", "Club", "Committee", "Commission"],
    *["Agency", "Organization", "Organisation", "Party", "Times", "Post", "Journal", "Herald", "Tribune"],
    *["Network", "Television", "Broadcasting", "Systems", "Technologies", "Holdings", "Partners"],
    *["Industries", "Motors", "Pharmaceuticals", "Council", "Court", "Trust", "Fund", "Alliance"],
}
# Capitalised words that begin sentences or phrases without being part of a name.
_NOT_ORG_WORD = {"The", "A", "An", "This", "That", "These", "Those", "In", "On", "At", "For", "By", "With"}


def _org_word(tok: Any) -> bool:
    text = tok.text
    return (
        text[:1].isupper()
        and (tok.is_alpha or text.replace(".", "").replace("&", "").replace("-", "").isalpha())
        and text not in _NOT_ORG_WORD
        and tok.lower_ not in _NOT_NAME
    )


def _suffixed_orgs(doc: Doc) -> list[Span]:
    """Organisation names recognised by their last or head word (see :func:`relabel_gpe`)."""
    out: list[Span] = []
    n = len(doc)
    bounded = doc.has_annotation("SENT_START")
    for tok in doc:
        if tok.text not in _ORG_WORDS:
            continue
        start = tok.i
        first = tok.sent.start if bounded else 0
        while start > first and tok.i - start < 5 and _org_word(doc[start - 1]):
            start -= 1
        end = tok.i + 1
        if end + 1 < n and doc[end].lower_ in ("of", "for") and _org_word(doc[end + 1]):
            end += 2
            while end < n and end - tok.i < 7 and (_org_word(doc[end]) or doc[end].text in ("and", "&")):
                end += 1
            while doc[end - 1].text in ("and", "&"):
                end -= 1
        if end - start < 2:
            continue  # "Press" or "Union" alone names nothing
        out.append(Span(doc, start, end, label="ORG"))
    return out


def _name_word(tok: Any) -> bool:
    text = tok.text
    return (
        text[:1].isupper()
        and (tok.is_alpha or "-" in text or text.endswith("."))
        and tok.lower_ not in _NOT_NAME
        and tok.lower_ not in PERSON_TITLES
    )


def _restored_place(ent: Span, k: knowledge.Knowledge) -> bool:
    """In text written in one case, a "person" whose capitals Tocsin restored because it is a large
    place ("washington", "brisbane") and no office holder: the capitals, the model's main cue, are
    Tocsin's own, and its list restores no person's name but an office holder's."""
    from .truecase import place_names

    return (
        bool(ent.doc.user_data.get("tocsin_restored")) and ent.text.lower() in place_names() and not k.terms(ent.text)
    )


def _misread_place(ent: Span, k: knowledge.Knowledge) -> bool:
    """A "person" right after "in/near/…" that is no known office holder but a sizeable GeoNames
    place ("positions near Donetsk" tagged PERSON)."""
    i = ent.start
    return (
        i > 0
        and ent.doc[i - 1].lower_ in _LOCATIVE
        and len(ent) <= 2
        and not k.terms(ent.text)
        and _gazetteer_place(ent.text)
    )


#: Verbs whose object is a place far more often than a person: one shells, captures or besieges a
#: town. A "person" that is their object (or joined to it) and a sizeable place is the place.
_PLACE_OBJECT_VERBS = {
    *["shell", "bomb", "bombard", "strike", "hit", "pound", "raid", "storm", "besiege", "encircle"],
    *["surround", "capture", "seize", "retake", "recapture", "liberate", "occupy", "overrun", "enter"],
    *["evacuate", "flee", "leave", "visit", "reach", "invade", "blockade", "annex"],
}


def _place_object(ent: Span, k: knowledge.Knowledge) -> bool:
    """ "Russian forces shelled Kharkiv and Donetsk", both tagged PERSON: the object of a verb that
    takes places, no office holder, nobody's surname in the same text, and a sizeable GeoNames place."""
    if len(ent) > 2 or k.terms(ent.text):
        return False
    head = ent.root
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    verb = head.head
    # the lemma repair runs after this component: read the verb's regular inflections as well
    forms = {verb.lemma_.lower(), verb.lower_, *candidates(verb.text)}
    if head.dep_ not in ("obj", "dobj") or verb.pos_ != "VERB" or not forms & _PLACE_OBJECT_VERBS:
        return False
    last = ent[-1].lower_
    surname = any(e.label_ == "PERSON" and len(e) > len(ent) and e[-1].lower_ == last for e in ent.doc.ents if e != ent)
    return not surname and _gazetteer_place(ent.text)


def _bare_proper(tok: Any) -> bool:
    # months and weekdays are not places, whatever GeoNames says about March, Cambridgeshire
    return (
        tok.pos_ == "PROPN"
        and tok.text[:1].isupper()
        and not tok.ent_type
        and tok.is_alpha
        and tok.lower_ not in _NOT_NAME
    )


def _gazetteer_place(name: str, min_population: int = _BACKOFF_POPULATION) -> bool:
    from ..errors import DataError
    from ..extractors.places import Gazetteer

    try:
        cands = Gazetteer.load().lookup(name)
    except DataError:
        return False
    return any(c.feature != "city" or c.population >= min_population for c in cands)
