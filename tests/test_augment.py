"""Name-swapped training copies keep every other layer intact (hand-built Docs, no shared data)."""

from __future__ import annotations

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from tocsin.nlp.training.augment import name_pool, swapped


def _parsed() -> Doc:
    doc = Doc(
        Vocab(),
        words=["Obama", "visited", "New", "York", "."],
        heads=[1, 1, 3, 1, 1],
        deps=["nsubj", "ROOT", "compound", "obj", "punct"],
        pos=["PROPN", "VERB", "PROPN", "PROPN", "PUNCT"],
        lemmas=["Obama", "visit", "New", "York", "."],
    )
    doc.ents = [Span(doc, 0, 1, label="PERSON"), Span(doc, 2, 4, label="LOC")]
    return doc


def test_names_are_swapped_for_names_of_the_same_label_and_length():
    doc = _parsed()
    pool = name_pool([doc], [("PERSON", "Lukashenko"), ("LOC", "Kryvyi Rih"), ("ORG", "Hamas")])
    # rate 1 and a pool holding one alternative per slot besides the original: run until both differ
    copies = [c for seed in range(20) for c in swapped([doc], pool, rate=1.0, seed=seed)]
    changed = [c for c in copies if c[0].text == "Lukashenko" and c[2:4].text == "Kryvyi Rih"]
    assert changed, [c.text for c in copies]
    copy = changed[0]
    assert [(e.text, e.label_) for e in copy.ents] == [("Lukashenko", "PERSON"), ("Kryvyi Rih", "LOC")]
    assert [t.head.i for t in copy] == [t.head.i for t in doc]
    assert [t.dep_ for t in copy] == [t.dep_ for t in doc]
    assert [t.pos_ for t in copy] == [t.pos_ for t in doc]
    assert copy[1].lemma_ == "visit" and copy[0].lemma_ == "Lukashenko"


def test_ner_only_documents_stay_without_a_parse_and_pronouns_never_spread():
    doc = Doc(Vocab(), words=["It", "met", "Hamas", "in", "Gaza"])
    doc.ents = [Span(doc, 0, 1, label="ORG"), Span(doc, 2, 3, label="ORG"), Span(doc, 4, 5, label="LOC")]
    pool = name_pool([doc])
    assert ("It",) not in pool[("ORG", 1)]
    for copy in swapped([doc], pool, rate=1.0):
        assert not copy.has_annotation("DEP")
        assert copy[0].ent_type_ == "ORG" and copy[4].text == "Gaza"  # the only LOC of its length


def test_documents_without_a_swappable_name_yield_nothing():
    doc = Doc(Vocab(), words=["Nothing", "happened"])
    doc.ents = []
    assert list(swapped([doc], {}, rate=1.0)) == []
