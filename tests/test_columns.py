"""The cached token columns the extractors filter on agree with spaCy's own token attributes."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from tocsin.extractors.syntax import columns


def test_columns_match_token_attributes(nlp):
    doc = nlp("Russian-backed rebels shelled Zolote on Sunday, the OSCE said. Putin's troops — 30,000 — stay.")
    col = columns(doc)
    assert col.tokens == list(doc)
    assert col.text == [t.text for t in doc]
    assert col.lower == [t.lower_ for t in doc]
    assert col.lemma == [t.lemma_.lower() for t in doc]
    assert col.pos == [t.pos_ for t in doc]
    assert col.tag == [t.tag_ for t in doc]
    assert col.dep == [t.dep_ for t in doc]
    assert columns(doc) is col  # read once per Doc


def test_columns_of_an_empty_doc_and_a_bare_doc():
    assert columns(Doc(Vocab(), words=[])).tokens == []
    bare = columns(Doc(Vocab(), words=["Kyiv", "Kyiv", "said"]))
    assert bare.text == ["Kyiv", "Kyiv", "said"] and bare.pos == ["", "", ""] and bare.dep == ["", "", ""]
