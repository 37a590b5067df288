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


def _example(words: list[str], ents: list[tuple[int, int, str]]):
    import spacy
    from spacy.training import Example

    vocab = spacy.blank("en").vocab  # a bare Vocab() has no lower-case forms to give
    spaces = [True] * (len(words) - 1) + [False]
    ref = Doc(vocab, words=words, spaces=spaces)
    ref.ents = [Span(ref, s, e, label=lab) for s, e, lab in ents]
    return Example(Doc(vocab, words=words, spaces=spaces), ref)


def test_case_variants_keep_the_entities_on_the_changed_words():
    import spacy

    from tocsin.nlp.training.augment import case_variant

    nlp = spacy.blank("en")
    ex = _example(["Putin", "met", "Macron", "in", "Moscow", "."], [(0, 1, "PERSON"), (2, 3, "PERSON"), (4, 5, "LOC")])
    low = case_variant(nlp, ex, upper=False)
    up = case_variant(nlp, ex, upper=True)
    assert low.text == "putin met macron in moscow ."
    ents = [("putin", "PERSON"), ("macron", "PERSON"), ("moscow", "LOC")]
    assert [(e.text, e.label_) for e in low.reference.ents] == ents
    assert up.text == "PUTIN MET MACRON IN MOSCOW ."
    assert [(e.text, e.label_) for e in up.reference.ents] == [(t.upper(), lab) for t, lab in ents]
    # "ß" upper-cases to two letters: the annotation could not be aligned, so the example is left as it is
    ex2 = _example(["Straße", "in", "Berlin"], [(2, 3, "LOC")])
    assert case_variant(nlp, ex2, upper=True).text == ex2.text


def test_restored_case_variants_are_the_text_the_one_case_companion_is_given():
    import spacy

    from tocsin.nlp.training.augment import case_variant
    from tocsin.nlp.truecase import restore

    nlp = spacy.blank("en")
    words = ["Russian", "forces", "shelled", "Kharkiv", "and", "Ivan", "Petrenko", "was", "hurt", "."]
    ents = [(0, 1, "NORP"), (3, 4, "LOC"), (5, 7, "PERSON")]
    ex = _example(words, ents)
    for upper in (False, True):
        v = case_variant(nlp, ex, upper=upper, restored=True)
        # exactly what `tocsin.nlp.pipe` hands the companion for the lower- or upper-case text
        assert v.text == restore(" ".join(words).lower()) == restore(" ".join(words).upper())
        assert v.text.startswith("Russian forces shelled Kharkiv")  # known names and the sentence start
        assert "ivan petrenko" in v.text  # a name Tocsin does not know stays in lower case
        assert [(e.start, e.end, e.label_) for e in v.reference.ents] == ents
        assert [t.text for t in v.reference] == v.text.split(" ")


def test_case_augmenter_draws_each_variant_at_its_share():
    import spacy

    from tocsin.nlp.training.augment import case_augmenter

    nlp = spacy.blank("en")
    ex = _example(["Putin", "spoke", "."], [(0, 1, "PERSON")])
    augment = case_augmenter(0.3, 0.1, seed=1)
    texts = [t.text for _ in range(2000) for t in augment(nlp, ex)]
    assert len(texts) == 2000  # one example out for each in: the corpus size is unchanged
    assert 0.25 < texts.count("putin spoke .") / 2000 < 0.35
    assert 0.07 < texts.count("PUTIN SPOKE .") / 2000 < 0.13
    assert case_augmenter(0, 0)(nlp, ex).__next__().text == "Putin spoke ."


def test_case_config_names_the_augmenter_and_refuses_impossible_shares(tmp_path):
    import pytest
    from spacy.util import load_config

    from tocsin.errors import DataError
    from tocsin.nlp.training.train import CONFIG, case_config

    cfg = load_config(case_config(CONFIG, tmp_path / "c.cfg", lower=0.2, upper=0.05))
    augmenter = {"@augmenters": "tocsin.case_variants.v1", "lower": 0.2, "upper": 0.05, "restored": False}
    assert cfg["corpora"]["train"]["augmenter"] == augmenter
    assert cfg["corpora"]["dev"]["augmenter"] is None  # the dev set is scored as the text came
    with pytest.raises(DataError, match="sum to at most 1"):
        case_config(CONFIG, tmp_path / "d.cfg", lower=0.8, upper=0.3)
