"""Sentence boundaries: where Tocsin lets the parser start a sentence, and the constant-time lookup."""

import spacy
from conftest import make_doc

from tocsin.extractors.syntax import sentence
from tocsin.nlp import line_breaks


def test_sentences_start_only_after_final_punctuation_or_a_line_break():
    nlp = spacy.blank("en")
    doc = line_breaks(nlp("Ukraine called for talks Sunday to avert war. Russia agreed.\nNew line here"))
    starts = {t.text: t.is_sent_start for t in doc}
    assert starts["to"] is False  # no cut inside the clause
    assert starts["Russia"] is None  # after a full stop the parser decides
    assert starts["New"] is True  # a line break always starts a sentence


def test_dateline_ends_before_the_body():
    nlp = spacy.blank("en")
    doc = line_breaks(nlp("KYIV — Ukraine and Russia called for talks."))
    assert doc[2].text == "Ukraine" and doc[2].is_sent_start is True


def test_very_long_runs_without_punctuation_are_left_to_the_parser():
    nlp = spacy.blank("en")
    doc = line_breaks(nlp(" ".join(["word"] * 300)))
    assert any(t.is_sent_start is None for t in doc[1:])


def test_sentence_matches_spacy():
    doc = make_doc(
        [
            ("Russia", "Russia", "PROPN", "NNP", 1, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 1, "ROOT"),
            (".", ".", "PUNCT", ".", 1, "punct"),
            ("Kyiv", "Kyiv", "PROPN", "NNP", 4, "nsubj"),
            ("protested", "protest", "VERB", "VBD", 4, "ROOT"),
        ]
    )
    assert len(list(doc.sents)) == 2  # two roots: the parse makes two sentences
    assert [(sentence(t).start, sentence(t).end) for t in doc] == [(t.sent.start, t.sent.end) for t in doc]
