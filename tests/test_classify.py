"""The sentence-classifier fallback never codes a reported quote as the speaker's act (hand-built Docs)."""

import datetime as dt

import pytest
from conftest import make_doc

from tocsin import knowledge
from tocsin.extractors.actors import ActorIndex
from tocsin.extractors.classify import classify_mentions, load_classifier
from tocsin.extractors.hygiene import layout

pytestmark = pytest.mark.skipif(load_classifier() is None, reason="the bundled classifier is not installed")


def _fallback(rows, ents):
    doc = make_doc(rows, ents=ents)
    k = knowledge.load()
    idx = ActorIndex(doc, k, dt.date(2022, 2, 20))
    # threshold 0: every candidate sentence the classifier sees comes back as a mention
    return classify_mentions(doc, idx, k, layout(doc.text), set(), threshold=0.0)


def test_a_reporting_verb_is_never_classified():
    rows = [
        ("Putin", "Putin", "PROPN", "NNP", 1, "nsubj"),
        ("said", "say", "VERB", "VBD", 1, "ROOT"),
        ("the", "the", "DET", "DT", 3, "det"),
        ("talks", "talk", "NOUN", "NNS", 4, "nsubj"),
        ("failed", "fail", "VERB", "VBD", 1, "ccomp"),
        ("badly", "badly", "ADV", "RB", 4, "advmod"),
        (".", ".", "PUNCT", ".", 1, "punct"),
    ]
    assert _fallback(rows, [(0, 1, "PERSON")]) == []


def test_an_acting_verb_with_an_actor_is_classified():
    rows = [
        ("Putin", "Putin", "PROPN", "NNP", 1, "nsubj"),
        ("visited", "visit", "VERB", "VBD", 1, "ROOT"),
        ("the", "the", "DET", "DT", 3, "det"),
        ("border", "border", "NOUN", "NN", 1, "obj"),
        ("town", "town", "NOUN", "NN", 1, "obl"),
        ("today", "today", "NOUN", "NN", 1, "obl:tmod"),
        (".", ".", "PUNCT", ".", 1, "punct"),
    ]
    assert len(_fallback(rows, [(0, 1, "PERSON")])) == 1
