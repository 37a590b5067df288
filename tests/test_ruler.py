"""How the knowledge ruler's matches and the statistical NER's entities are merged (hand-built Docs)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from tocsin.nlp.ruler import merge_ents

_VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower_, is_punct)


def _doc(text: str) -> Doc:
    return Doc(_VOCAB, words=text.split())


def _merged(doc: Doc, ner: list[tuple[int, int, str]], ruler: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    out = merge_ents(
        [Span(doc, s, e, label=lab) for s, e, lab in ner], [Span(doc, s, e, label=lab) for s, e, lab in ruler]
    )
    return [(span.text, span.label_) for span in out]


def test_longer_statistical_name_keeps_its_demonym():
    doc = _doc("The Canadian Blood Services said so")
    assert _merged(doc, [(1, 4, "ORG")], [(1, 2, "NORP")]) == [("Canadian Blood Services", "ORG")]


def test_knowledge_wins_when_the_extra_words_are_not_a_name():
    doc = _doc("He was in Moscow on Sunday .")
    assert _merged(doc, [(3, 6, "LOC")], [(3, 4, "GPE")]) == [("Moscow", "GPE")]


def test_identical_span_takes_the_knowledge_label():
    doc = _doc("Russia said no")
    assert _merged(doc, [(0, 1, "PERSON")], [(0, 1, "GPE")]) == [("Russia", "GPE")]


def test_title_and_demonym_are_cut_from_a_person():
    doc = _doc("Lithuanian President Gitanas Nauseda spoke")
    assert _merged(doc, [(0, 4, "PERSON")], [(0, 1, "NORP")]) == [("Lithuanian", "NORP"), ("Gitanas Nauseda", "PERSON")]


def test_two_countries_joined_by_and_stay_two():
    doc = _doc("Russia and Ukraine met")
    assert _merged(doc, [(0, 3, "LOC")], [(0, 1, "GPE"), (2, 3, "GPE")]) == [("Russia", "GPE"), ("Ukraine", "GPE")]


def test_unrelated_entities_are_all_kept():
    doc = _doc("John Smith visited Paris")
    assert _merged(doc, [(0, 2, "PERSON")], [(3, 4, "GPE")]) == [("John Smith", "PERSON"), ("Paris", "GPE")]


def test_crossing_spans_go_to_the_knowledge():
    doc = _doc("Vladimir Putin Monday said")
    assert _merged(doc, [(1, 3, "PERSON")], [(0, 2, "PERSON")]) == [("Vladimir Putin", "PERSON")]
