"""Means of violence: hand-built Docs for the clause reading, the bundled pipeline for the codes it gives."""

from __future__ import annotations

import pytest
from conftest import make_doc

from tocsin import knowledge
from tocsin.extractors.means import find_means

PLOVER_ASSAULT_MODES = {
    *["abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms", "explosives"],
    *["suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control", "unconventional"],
}


def means_of(doc, i):
    found = find_means(doc[i], knowledge.load())
    return (found.phrase, found.mode, found.cameo) if found else None


def test_the_subject_of_the_attack_names_its_means():
    doc = make_doc(
        [
            ("A", "a", "DET", "DT", 2, "det"),
            ("roadside", "roadside", "NOUN", "NN", 2, "compound"),
            ("bomb", "bomb", "NOUN", "NN", 3, "nsubj"),
            ("killed", "kill", "VERB", "VBD", 3, "ROOT"),
            ("three", "three", "NUM", "CD", 5, "nummod"),
            ("soldiers", "soldier", "NOUN", "NNS", 3, "obj"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]
    )
    # the more specific row wins over the bare "bomb"
    assert means_of(doc, 3) == ("roadside bomb", "explosives", "1833")


def test_a_participle_shares_the_means_of_its_clause():
    # "A suicide bomber blew himself up, killing 12": the killing has no clause of its own
    doc = make_doc(
        [
            ("A", "a", "DET", "DT", 2, "det"),
            ("suicide", "suicide", "NOUN", "NN", 2, "compound"),
            ("bomber", "bomber", "NOUN", "NN", 3, "nsubj"),
            ("blew", "blow", "VERB", "VBD", 3, "ROOT"),
            ("himself", "himself", "PRON", "PRP", 3, "obj"),
            ("up", "up", "ADP", "RP", 3, "compound:prt"),
            (",", ",", "PUNCT", ",", 7, "punct"),
            ("killing", "kill", "VERB", "VBG", 3, "advcl"),
            ("12", "12", "NUM", "CD", 7, "obj"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]
    )
    assert means_of(doc, 7) == ("suicide bomber", "suicide-attack", "1831")


def test_a_relative_clause_is_another_act():
    # "Soldiers who fired rockets killed a man": the rockets are not how the man was killed
    doc = make_doc(
        [
            ("Soldiers", "soldier", "NOUN", "NNS", 4, "nsubj"),
            ("who", "who", "PRON", "WP", 2, "nsubj"),
            ("fired", "fire", "VERB", "VBD", 0, "acl:relcl"),
            ("rockets", "rocket", "NOUN", "NNS", 2, "obj"),
            ("killed", "kill", "VERB", "VBD", 4, "ROOT"),
            ("a", "a", "DET", "DT", 6, "det"),
            ("man", "man", "NOUN", "NN", 4, "obj"),
            (".", ".", "PUNCT", ".", 4, "punct"),
        ]
    )
    assert means_of(doc, 4) is None
    assert means_of(doc, 2) == ("rocket", "heavy-weapons", "194")


def test_a_lone_adjective_is_figurative_and_the_aircraft_outranks_its_missiles():
    clash = make_doc(
        [
            ("an", "an", "DET", "DT", 2, "det"),
            ("explosive", "explosive", "ADJ", "JJ", 2, "amod"),
            ("clash", "clash", "NOUN", "NN", 2, "ROOT"),
        ]
    )
    assert means_of(clash, 2) is None
    jets = make_doc(
        [
            ("Warplanes", "warplane", "NOUN", "NNS", 1, "nsubj"),
            ("fired", "fire", "VERB", "VBD", 1, "ROOT"),
            ("missiles", "missile", "NOUN", "NNS", 1, "obj"),
            (".", ".", "PUNCT", ".", 1, "punct"),
        ]
    )
    assert means_of(jets, 1) == ("warplane", "aerial", "195")


def test_means_table_codes_and_modes_are_cameo_and_plover():
    k = knowledge.load()
    assert len(k.means) > 80
    for phrase, mode, code in k.means:
        assert mode in PLOVER_ASSAULT_MODES, phrase
        assert code is None or k.cameo[code].type in ("ASSAULT", "COERCE"), phrase
    phrases = [" ".join(p) for p, _, _ in k.means]
    # priority: each specific phrase comes before the bare word it contains
    for specific, bare in [("suicide bomber", "bomb"), ("water cannon", "cannon"), ("rubber bullet", "bullet")]:
        assert phrases.index(specific) < phrases.index(bare)


@pytest.mark.parametrize(
    ("text", "cameo", "mode"),
    [
        ("An Israeli air strike killed five people in Gaza.", "195", "aerial"),
        ("A US drone strike killed a militant commander in Somalia.", "195", "drone"),
        ("A car bomb exploded near a police station in Baghdad, killing 7.", "1832", "explosives"),
        ("Police fired tear gas at protesters in Nairobi.", "175", "crowd-control"),
        ("Militants attacked an army base with mortars in Mali.", "194", "heavy-weapons"),
        ("A man stabbed three people with a knife in London.", "180", "primitive"),
    ],
)
def test_the_code_and_mode_follow_the_means(nlp, text, cameo, mode):
    from tocsin.pipeline import extract

    events = [e for e in extract(text, published="2022-02-20", nlp=nlp).events if e.type == "ASSAULT"]
    assert (cameo, mode) in [(e.cameo, e.mode) for e in events], [(e.cameo, e.mode) for e in events]
    refined = [e for e in events if e.cameo == cameo]
    if cameo not in ("180", "194"):  # these two come from the trigger itself, not the means
        assert any("means(" in ev.rule for e in refined for ev in e.evidence)


def test_police_firing_on_a_crowd_is_repression_and_the_object_gives_the_target(nlp):
    from tocsin.pipeline import extract

    events = extract("Police opened fire on demonstrators in Srinagar.", published="2022-02-20", nlp=nlp).events
    fired = [e for e in events if e.evidence[0].trigger == "opened"]
    assert fired and fired[0].cameo == "175"
    assert [a.sector for a in fired[0].source] == ["COP"] and [a.sector for a in fired[0].target] == ["CVL"]
    assert "police-on-crowd" in fired[0].evidence[0].rule


def test_a_condemned_attack_is_the_recipient_and_a_possible_retaliation_is_hypothetical(nlp):
    from tocsin.pipeline import extract

    (accuse,) = extract("The UN condemned the attack on a school in Gaza.", nlp=nlp).events
    assert accuse.type == "ACCUSE" and [(a.kind, a.name) for a in accuse.target] == [("thing", "attack")]
    events = extract("Iran could retaliate against Israel.", nlp=nlp).events
    assert [(e.type, e.status, e.source[0].country, e.target[0].country) for e in events] == [
        ("ASSAULT", "hypothetical", "IRN", "ISR")
    ]


def test_the_object_that_typed_the_act_names_its_recipient(nlp):
    from tocsin.pipeline import extract

    events = extract("Police in Kenya opened an investigation into the crash.", nlp=nlp).events
    opened = [e for e in events if e.evidence[0].trigger == "opened"]
    assert opened and opened[0].type == "ACCUSE"
    assert [(a.kind, a.name) for a in opened[0].target] == [("thing", "crash")]
