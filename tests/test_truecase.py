"""Text written all in one case is read with its capitals restored, offsets unchanged."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tocsin.nlp.truecase import case_of, restore

SENTENCES = [
    "Russian forces shelled Kharkiv on Monday, Ukrainian officials said.",
    "Police arrested 12 protesters in Nairobi on Friday.",
    "Macron spoke to Putin by telephone on Sunday.",
    "NATO condemned the attack on the convoy near Donetsk.",
    "Rebels attacked an army base near Goma, killing five soldiers.",
    "Turkey has suspended flights to Armenia.",
    "Japan sent aid to Nepal after the earthquake.",
]


def test_restored_capitals_keep_every_offset_and_normal_text_is_untouched():
    text = "russian forces shelled kharkiv on monday. nato condemned it, officials in kyiv said."
    got = restore(text)
    assert got == "Russian forces shelled Kharkiv on Monday. NATO condemned it, officials in Kyiv said."
    assert restore(SENTENCES[0]) is SENTENCES[0]  # ordinary capitals: the same object, nothing done
    assert case_of("POLICE ARRESTED 12 PROTESTERS IN NAIROBI") == "upper"
    assert restore("POLICE ARRESTED 12 PROTESTERS IN NAIROBI ON FRIDAY.") == (
        "Police arrested 12 protesters in Nairobi on Friday.")  # fmt: skip
    # a name that is also a common word stays a word: "us" is no United States here
    assert restore("they told us about it in the morning.") == "They told us about it in the morning."


@given(st.text(max_size=200))
def test_restoring_never_changes_the_length(text):
    assert len(restore(text)) == len(text)
    assert len(restore(text.upper())) == len(text.upper())


def _coded(x):
    return sorted((e.type, tuple(a.code for a in e.source), tuple(a.code for a in e.target)) for e in x.events)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_lower_and_upper_case_copies_code_like_the_original(nlp, sentence):
    import tocsin

    want = _coded(tocsin.extract(sentence, published="2022-02-20", nlp=nlp))
    assert want, "the original must code an event"
    for copy in (sentence.lower(), sentence.upper()):
        x = tocsin.extract(copy, published="2022-02-20", nlp=nlp)
        assert _coded(x) == want, copy
        assert x.article.text == copy  # the article keeps what was written
        assert any("written all in one case" in w for w in x.warnings)
        for ev in x.events:  # evidence offsets index the original text
            assert copy[ev.evidence[0].start : ev.evidence[0].end].lower() == ev.evidence[0].text.lower()


def test_one_case_text_goes_to_the_one_case_companion(nlp, monkeypatch):
    import tocsin.nlp as tn
    from tocsin.pipeline import extract

    # stand-in companion: a second load of the bundled weights from another path
    monkeypatch.setattr(tn, "ONE_CASE", tn.BUNDLED)
    monkeypatch.setitem(tn._ONE_CASE_FOR, id(nlp), True)
    lower = "russian forces shelled kharkiv on sunday, the ukrainian army said."
    assert tn.pipeline_for(nlp, lower) is not nlp
    assert tn.pipeline_for(nlp, "Russian forces shelled Kharkiv on Sunday.") is nlp
    docs = list(tn.pipe(nlp, ["Russian forces shelled Kharkiv on Sunday.", lower, "Kyiv said so."]))
    assert [d.text for d in docs] != [] and docs[1].user_data.get("tocsin_model") == "tocsin_news-0.1.0"
    assert "tocsin_model" not in docs[0].user_data and docs[2].text == "Kyiv said so."  # order kept
    x = extract(lower, published="2022-02-20", nlp=nlp)
    assert x.model == "tocsin_news-0.1.0" and any("one case" in w for w in x.warnings)


def test_without_a_companion_one_case_text_stays_with_the_pipeline(nlp, monkeypatch):
    import tocsin.nlp as tn

    monkeypatch.delitem(tn._ONE_CASE_FOR, id(nlp), raising=False)
    assert tn.pipeline_for(nlp, "russian forces shelled kharkiv on sunday, the army said.") is nlp


def test_the_shipped_one_case_pipeline_reads_lower_case_news(nlp):
    from tocsin.nlp import ONE_CASE
    from tocsin.pipeline import extract

    if not (ONE_CASE / "meta.json").exists():
        pytest.skip("this installation ships no one-case pipeline")
    x = extract("russian forces shelled kharkiv on sunday, the ukrainian army said.", nlp=nlp)
    assert x.model == "tocsin_news_one_case-0.2.0"
    assert any("tocsin_news_one_case" in w for w in x.warnings)
    assert [(e.type, e.source[0].code) for e in x.events if e.type == "ASSAULT"] == [("ASSAULT", "RUSMIL")]
    # text with its capitals keeps the bundled pipeline
    assert extract("Russian forces shelled Kharkiv on Sunday.", nlp=nlp).model == "tocsin_news-0.1.0"
