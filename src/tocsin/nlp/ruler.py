"""Entity ruler built from Tocsin's knowledge files, placed before the statistical NER.

Labels: GPE (countries, capitals), ORG (organisations, seats of power such as the Kremlin),
NORP (demonyms), PERSON (office holders). The NER then labels the rest of the text around these
fixed spans, and a small relabeller turns the NER's LOC into GPE when the name is a known country.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import knowledge

# Aliases that name a person in leaders.tsv but are more often something else.
_AMBIGUOUS_ALIASES = {"austin", "lee", "kim", "bibi", "harris", "cooper", "wallace", "michel", "khan", "tamim", "xi"}
# Demonym forms that are also words with other uses.
_AMBIGUOUS_DEMONYMS = {"us", "u.s.", "english", "myanmar", "vatican", "dominican", "saudi"}


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

    for name, iso3 in k.country_names.items():
        for form in _surface_forms(name):
            add("GPE", form, iso3)
    for c in k.countries.values():
        add("GPE", c.name, c.iso3)
    for surface, seat in k.seats.items():
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
    small = {"of", "and", "the", "de", "da", "del", "von", "der", "bin", "al", "el", "le"}
    words = lowered.split(" ")
    titled = " ".join(
        w if (i and w in small) else "-".join(p[:1].upper() + p[1:] for p in w.split("-")) for i, w in enumerate(words)
    )
    forms = {titled}
    if len(lowered) <= 5 and "." not in lowered and " " not in lowered:
        forms.add(lowered.upper())
    if "." in lowered:
        forms.add(lowered.upper())
    return forms


def add_ruler(nlp: Language) -> None:
    """Insert the knowledge ruler before ``ner`` and the LOC→GPE relabeller after it."""
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="tocsin_ruler",
        before="ner",
        config={"phrase_matcher_attr": "ORTH", "overwrite_ents": False, "validate": False},
    )
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(patterns())  # type: ignore[attr-defined]
    nlp.add_pipe("tocsin_gpe", after="ner")


_HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord", "lady", "prof", "prof."}


@Language.component("tocsin_gpe")
def relabel_gpe(doc: Doc) -> Doc:
    """Relabel NER ``LOC`` spans naming a country or capital as ``GPE``; drop honorifics from
    ``PERSON`` spans ("Mr Osborne" -> "Osborne"), as news NER conventions do."""
    k = knowledge.load()
    changed = False
    ents = list(doc.ents)
    for i, ent in enumerate(ents):
        if ent.label_ == "LOC":
            key = ent.text.lower()
            if key in k.country_names or key in k.seats:
                ents[i] = Span(doc, ent.start, ent.end, label="GPE", kb_id=ent.kb_id)
                changed = True
        elif ent.label_ == "PERSON" and len(ent) > 1 and ent[0].lower_ in _HONORIFICS:
            ents[i] = Span(doc, ent.start + 1, ent.end, label="PERSON", kb_id=ent.kb_id)
            changed = True
    if changed:
        doc.ents = ents
    return doc
