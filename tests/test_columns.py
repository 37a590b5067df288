"""The cached token columns the extractors filter on agree with spaCy's own token attributes."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc
from spacy.vocab import Vocab

from tocsin.extractors.syntax import columns, text_of


def test_columns_match_token_attributes(nlp):
    doc = nlp("Russian-backed rebels shelled Zolote on Sunday, the OSCE said. Putin's troops — 30,000 — stay.")
    col = columns(doc)
    assert [col.tokens[i] for i in range(len(col.tokens))] == list(doc)
    assert col.tokens[3] is col.tokens[3]  # made once, when first asked for
    assert col.text == [t.text for t in doc]
    assert col.lower == [t.lower_ for t in doc]
    assert col.lemma == [t.lemma_.lower() for t in doc]
    assert col.pos == [t.pos_ for t in doc]
    assert col.tag == [t.tag_ for t in doc]
    assert col.dep == [t.dep_ for t in doc]
    assert columns(doc) is col  # read once per Doc


def test_columns_of_an_empty_doc_and_a_bare_doc():
    assert len(columns(Doc(Vocab(), words=[])).tokens) == 0
    bare = columns(Doc(Vocab(), words=["Kyiv", "Kyiv", "said"]))
    assert bare.text == ["Kyiv", "Kyiv", "said"] and bare.pos == ["", "", ""] and bare.dep == ["", "", ""]


_BLANK = spacy.blank("en")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*"ab .,\n\t—’'-", "  ", "\r\n", "\u00a0"]), max_size=40))
def test_the_joined_text_is_spacys_text_whatever_the_whitespace(pieces):
    text = "".join(pieces)
    doc = _BLANK(text)
    assert text_of(doc) == doc.text == text
