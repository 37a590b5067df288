"""Repair the lemmas Tocsin's rules look up when the statistical lemmatizer garbles them.

The trained edit-tree lemmatizer is right on ~96% of tokens but its misses cluster on regular
inflections it has seen rarely: "insisted" -> "insiste", "halted" -> "halte", "blamed" -> "blam".
Those are exactly the verbs the event lexicon keys on. For a token whose lemma is not a word Tocsin
knows, the regular English inflection rules propose candidates; one that Tocsin does know replaces it.
Lemmas outside Tocsin's vocabulary are left alone, so the repair can only help a lookup.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

_DOUBLED = set("bdgklmnprtz")


def candidates(word: str) -> list[str]:
    """Base forms a regularly inflected ``word`` may come from, most likely first."""
    w = word.lower()
    out: list[str] = []
    for suffix in ("ed", "ing"):
        if w.endswith(suffix) and len(w) > len(suffix) + 1:  # "suing", "sued" come from "sue"
            stem = w[: -len(suffix)]
            if stem.endswith("i") and suffix == "ed":
                out.append(stem[:-1] + "y")  # "denied"
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] in _DOUBLED:
                out.append(stem[:-1])  # "cancelled", "stopping"
            out += [stem, stem + "e"]  # "halted", "blamed"
    if w.endswith("ies") and len(w) > 4:
        out.append(w[:-3] + "y")
    if w.endswith("es") and len(w) > 4:
        out.append(w[:-2])
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        out.append(w[:-1])
    return out


def repair(doc: Doc, known: frozenset[str]) -> Doc:
    """Replace unknown lemmas of verbs and nouns by a known base form of the same word."""
    for tok in doc:
        if tok.pos_ not in ("VERB", "NOUN", "ADJ", "AUX") or not tok.is_alpha:
            continue
        lemma = tok.lemma_.lower()
        if lemma in known:
            continue
        for cand in candidates(tok.text):
            if cand in known:
                tok.lemma_ = cand
                break
    return doc


@Language.factory("tocsin_lemmas", default_config={})
def make_repair(nlp: Language, name: str) -> LemmaRepair:
    return LemmaRepair()


class LemmaRepair:
    """Pipeline component wrapping :func:`repair` with the lemmas Tocsin's knowledge files use."""

    def __init__(self, known: Iterable[str] | None = None) -> None:
        self._known = frozenset(known) if known is not None else None

    @property
    def known(self) -> frozenset[str]:
        if self._known is None:
            self._known = tocsin_vocabulary()
        return self._known

    def __call__(self, doc: Doc) -> Doc:
        return repair(doc, self.known)


def tocsin_vocabulary() -> frozenset[str]:
    """Every lemma a Tocsin rule or knowledge file looks up."""
    from .. import knowledge
    from ..extractors import events, factuality

    words = set(knowledge.load().lemmas())
    words |= factuality.SPEECH | factuality.FUTURE_GOV | factuality.HYPO_GOV
    words |= events.LIGHT_VERBS | {w.split()[0] for w in events.UNDERGO_VERBS}
    return frozenset(words)
