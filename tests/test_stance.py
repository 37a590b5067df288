"""Promises, threats, refusals, demands and terminated cooperation, on hand-built Docs (UD labels)."""

import datetime as dt

from conftest import make_doc

from tocsin.nlp.lemmas import candidates, repair
from tocsin.pipeline import extract_doc, make_article

DAY = dt.date(2022, 2, 20)


def coded(doc):
    """(type, CAMEO, sources, targets, status, trigger) per event, through the whole event stage."""
    x = extract_doc(make_article(doc.text, id="t", published=DAY), doc)
    return [
        (
            e.type,
            e.cameo,
            tuple(a.code for a in e.source),
            tuple(a.code for a in e.target),
            e.status,
            e.evidence[0].trigger,
        )
        for e in x.events
    ]


def test_own_future_attack_is_a_threat():
    # Iran said it will attack Israel .
    doc = make_doc(
        [
            ("Iran", "Iran", "PROPN", "NNP", 1, "nsubj"),
            ("said", "say", "VERB", "VBD", 1, "ROOT"),
            ("it", "it", "PRON", "PRP", 4, "nsubj"),
            ("will", "will", "AUX", "MD", 4, "aux"),
            ("attack", "attack", "VERB", "VB", 1, "ccomp"),
            ("Israel", "Israel", "PROPN", "NNP", 4, "obj"),
            (".", ".", "PUNCT", ".", 1, "punct"),
        ],
        ents=[(0, 1, "GPE"), (5, 6, "GPE")],
    )
    assert coded(doc) == [("THREATEN", "1384", ("IRNGOV",), ("ISRGOV",), "asserted", "attack")]


def test_third_party_forecast_stays_future():
    # Britain said Russia will attack Ukraine .
    doc = make_doc(
        [
            ("Britain", "Britain", "PROPN", "NNP", 1, "nsubj"),
            ("said", "say", "VERB", "VBD", 1, "ROOT"),
            ("Russia", "Russia", "PROPN", "NNP", 4, "nsubj"),
            ("will", "will", "AUX", "MD", 4, "aux"),
            ("attack", "attack", "VERB", "VB", 1, "ccomp"),
            ("Ukraine", "Ukraine", "PROPN", "NNP", 4, "obj"),
            (".", ".", "PUNCT", ".", 1, "punct"),
        ],
        ents=[(0, 1, "GPE"), (2, 3, "GPE"), (5, 6, "GPE")],
    )
    assert coded(doc) == [("ASSAULT", "190", ("RUSGOV",), ("UKRGOV",), "future", "attack")]


def test_will_not_accept_is_a_refusal():
    # Syria will not accept refugees .
    doc = make_doc(
        [
            ("Syria", "Syria", "PROPN", "NNP", 3, "nsubj"),
            ("will", "will", "AUX", "MD", 3, "aux"),
            ("not", "not", "PART", "RB", 3, "advmod"),
            ("accept", "accept", "VERB", "VB", 3, "ROOT"),
            ("refugees", "refugee", "NOUN", "NNS", 3, "obj"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ],
        ents=[(0, 1, "GPE")],
    )
    assert coded(doc) == [("REJECT", "121", ("SYRGOV",), ("---REF",), "asserted", "accept")]


def test_did_not_meet_is_no_refusal():
    # Putin did not meet Macron . (a fact about a meeting, not a decision)
    doc = make_doc(
        [
            ("Putin", "Putin", "PROPN", "NNP", 3, "nsubj"),
            ("did", "do", "AUX", "VBD", 3, "aux"),
            ("not", "not", "PART", "RB", 3, "advmod"),
            ("meet", "meet", "VERB", "VB", 3, "ROOT"),
            ("Macron", "Macron", "PROPN", "NNP", 3, "obj"),
        ],
        ents=[(0, 1, "PERSON"), (4, 5, "PERSON")],
    )
    assert [(t, s) for t, _, _, _, s, _ in coded(doc)] == [("CONSULT", "negated")]


def test_must_clause_is_a_demand_from_the_speaker():
    # France said Iran must release the prisoners .
    doc = make_doc(
        [
            ("France", "France", "PROPN", "NNP", 1, "nsubj"),
            ("said", "say", "VERB", "VBD", 1, "ROOT"),
            ("Iran", "Iran", "PROPN", "NNP", 4, "nsubj"),
            ("must", "must", "AUX", "MD", 4, "aux"),
            ("release", "release", "VERB", "VB", 1, "ccomp"),
            ("the", "the", "DET", "DT", 6, "det"),
            ("prisoners", "prisoner", "NOUN", "NNS", 4, "obj"),
            (".", ".", "PUNCT", ".", 1, "punct"),
        ],
        ents=[(0, 1, "GPE"), (2, 3, "GPE")],
    )
    # one event, anchored at the saying; the demanded release is its content, not an event of its own
    assert coded(doc) == [("REQUEST", "1053", ("FRAGOV",), ("IRNGOV",), "asserted", "said")]


def test_halted_aid_is_a_sanction_with_the_aid_recipient_as_target():
    # Japan halted aid to Serbia .
    doc = make_doc(
        [
            ("Japan", "Japan", "PROPN", "NNP", 1, "nsubj"),
            ("halted", "halt", "VERB", "VBD", 1, "ROOT"),
            ("aid", "aid", "NOUN", "NN", 1, "obj"),
            ("to", "to", "ADP", "IN", 4, "case"),
            ("Serbia", "Serbia", "PROPN", "NNP", 2, "nmod"),
            (".", ".", "PUNCT", ".", 1, "punct"),
        ],
        ents=[(0, 1, "GPE"), (4, 5, "GPE")],
    )
    assert coded(doc) == [("SANCTION", "162", ("JPNGOV",), ("SRBGOV",), "asserted", "halted")]


def test_unless_clause_is_hypothetical():
    # Greece will boycott the talks unless Turkey agrees .
    doc = make_doc(
        [
            ("Greece", "Greece", "PROPN", "NNP", 2, "nsubj"),
            ("will", "will", "AUX", "MD", 2, "aux"),
            ("boycott", "boycott", "VERB", "VB", 2, "ROOT"),
            ("the", "the", "DET", "DT", 4, "det"),
            ("talks", "talk", "NOUN", "NNS", 2, "obj"),
            ("unless", "unless", "SCONJ", "IN", 7, "mark"),
            ("Turkey", "Turkey", "PROPN", "NNP", 7, "nsubj"),
            ("agrees", "agree", "VERB", "VBZ", 2, "advcl"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ],
        ents=[(0, 1, "GPE"), (6, 7, "GPE")],
    )
    out = {(t, st) for t, _, _, _, st, _ in coded(doc)}
    assert ("THREATEN", "asserted") in out
    assert ("AGREE", "hypothetical") in out


def test_lemma_candidates_follow_english_inflection():
    assert "cancel" in candidates("cancelled")
    assert "halt" in candidates("halted")
    assert "blame" in candidates("blamed")
    assert "deny" in candidates("denied")
    assert "stop" in candidates("stopping")
    assert "sue" in candidates("suing") and "sue" in candidates("sued")  # short verbs too
    assert candidates("red") == []


def test_repair_only_replaces_with_known_lemmas():
    doc = make_doc(
        [
            ("He", "he", "PRON", "PRP", 1, "nsubj"),
            ("insisted", "insiste", "VERB", "VBD", 1, "ROOT"),
            ("and", "and", "CCONJ", "CC", 3, "cc"),
            ("frobbed", "frobbe", "VERB", "VBD", 1, "conj"),
        ]
    )
    repair(doc, frozenset({"insist"}))
    assert [t.lemma_ for t in doc] == ["he", "insist", "and", "frobbe"]


def test_a_withdrawal_another_subject_would_allow_is_no_promise_of_the_troops():
    # Peace would allow a withdrawal of US troops .
    doc = make_doc(
        [
            ("Peace", "peace", "NOUN", "NN", 2, "nsubj"),
            ("would", "would", "AUX", "MD", 2, "aux"),
            ("allow", "allow", "VERB", "VB", 2, "ROOT"),
            ("a", "a", "DET", "DT", 4, "det"),
            ("withdrawal", "withdrawal", "NOUN", "NN", 2, "obj"),
            ("of", "of", "ADP", "IN", 7, "case"),
            ("US", "US", "PROPN", "NNP", 7, "compound"),
            ("troops", "troop", "NOUN", "NNS", 4, "nmod"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ],
        ents=[(6, 7, "GPE")],
    )
    assert [(e[0], e[2], e[4]) for e in coded(doc)] == [("RETREAT", ("USAMIL",), "future")]


def test_a_meeting_to_come_is_an_agreement_to_meet():
    # Putin will meet Erdogan in Ankara .   (PLOVER: future meetings, summits and visits are AGREE)
    rows = [
        ("Putin", "Putin", "PROPN", "NNP", 2, "nsubj"),
        ("will", "will", "AUX", "MD", 2, "aux"),
        ("meet", "meet", "VERB", "VB", 2, "ROOT"),
        ("Erdogan", "Erdogan", "PROPN", "NNP", 2, "obj"),
        ("in", "in", "ADP", "IN", 5, "case"),
        ("Ankara", "Ankara", "PROPN", "NNP", 2, "obl"),
        (".", ".", "PUNCT", ".", 2, "punct"),
    ]
    ents = [(0, 1, "PERSON"), (3, 4, "PERSON"), (5, 6, "GPE")]
    assert coded(make_doc(rows, ents=ents)) == [("AGREE", "036", ("RUSGOV",), ("TURGOV",), "asserted", "meet")]
    # Putin met Erdogan in Ankara .   (a meeting that happened is one)
    rows[1:3] = [("met", "meet", "VERB", "VBD", 1, "ROOT")]
    rows = [(w, lem, pos, tag, h - 1 if h > 1 else h, dep) for w, lem, pos, tag, h, dep in rows]
    assert [e[0] for e in coded(make_doc(rows, ents=[(0, 1, "PERSON"), (2, 3, "PERSON"), (4, 5, "GPE")]))] == [
        "CONSULT"
    ]


def _negotiators(verb: str, lemma: str, obj: str = "deal", failed: bool = False):
    # Britain and France [failed to] <verb> a <obj> .
    rows = [
        ("Britain", "Britain", "PROPN", "NNP", 3, "nsubj"),
        ("and", "and", "CCONJ", "CC", 2, "cc"),
        ("France", "France", "PROPN", "NNP", 0, "conj"),
    ]
    if failed:
        rows += [("failed", "fail", "VERB", "VBD", 3, "ROOT"), ("to", "to", "PART", "TO", 5, "mark")]
        rows += [(verb, lemma, "VERB", "VB", 3, "xcomp")]
    else:
        rows += [(verb, lemma, "VERB", "VBD", 3, "ROOT")]
    v = len(rows) - 1
    rows += [
        ("a", "a", "DET", "DT", v + 2, "det"),
        (obj, obj, "NOUN", "NN", v, "obj"),
        (".", ".", "PUNCT", ".", 3, "punct"),
    ]
    return {(e[0], e[1], e[4]) for e in coded(make_doc(rows, ents=[(0, 1, "GPE"), (2, 3, "GPE")]))}


def test_an_agreement_concluded_is_cooperation_and_one_that_failed_is_a_rejection():
    # CAMEO 057: an agreement concluded, whether reached as a noun or agreed as an object
    assert _negotiators("reached", "reach") == {("SUPPORT", "057", "asserted")}
    assert _negotiators("agreed", "agree", obj="treaty") == {("SUPPORT", "057", "asserted")}
    # PLOVER: a cooperation that did not come about is REJECT
    assert {(t, s) for t, _, s in _negotiators("reach", "reach", failed=True)} == {("REJECT", "asserted")}


def test_pledged_support_is_support():
    # Hungary pledged support .
    doc = make_doc(
        [
            ("Hungary", "Hungary", "PROPN", "NNP", 1, "nsubj"),
            ("pledged", "pledge", "VERB", "VBD", 1, "ROOT"),
            ("support", "support", "NOUN", "NN", 1, "obj"),
            (".", ".", "PUNCT", ".", 1, "punct"),
        ],
        ents=[(0, 1, "GPE")],
    )
    assert [(e[0], e[1]) for e in coded(doc)] == [("SUPPORT", "051")]


def test_a_town_an_act_is_done_in_is_its_countrys_target_when_no_actor_is():
    # Iraq held talks in Amman .   (CAMEO codes the place as its country: Jordan)
    doc = make_doc(
        [
            ("Iraq", "Iraq", "PROPN", "NNP", 1, "nsubj"),
            ("held", "hold", "VERB", "VBD", 1, "ROOT"),
            ("talks", "talk", "NOUN", "NNS", 1, "obj"),
            ("in", "in", "ADP", "IN", 4, "case"),
            ("Amman", "Amman", "PROPN", "NNP", 1, "obl"),
            (".", ".", "PUNCT", ".", 1, "punct"),
        ],
        ents=[(0, 1, "GPE"), (4, 5, "GPE")],
    )
    assert [(e[0], e[2], e[3]) for e in coded(doc)] == [("CONSULT", ("IRQGOV",), ("JORGOV",))]


def test_the_main_act_outranks_the_act_it_answers_but_not_an_act_beside_it():
    # Britain condemned the attack by Iran on Iraq and sent aid to Kuwait .
    rows = [
        ("Britain", "Britain", "PROPN", "NNP", 1, "nsubj"),
        ("condemned", "condemn", "VERB", "VBD", 1, "ROOT"),
        ("the", "the", "DET", "DT", 3, "det"),
        ("attack", "attack", "NOUN", "NN", 1, "obj"),
        ("by", "by", "ADP", "IN", 5, "case"),
        ("Iran", "Iran", "PROPN", "NNP", 3, "nmod"),
        ("on", "on", "ADP", "IN", 7, "case"),
        ("Iraq", "Iraq", "PROPN", "NNP", 3, "nmod"),
        ("and", "and", "CCONJ", "CC", 9, "cc"),
        ("sent", "send", "VERB", "VBD", 1, "conj"),
        ("aid", "aid", "NOUN", "NN", 9, "obj"),
        ("to", "to", "ADP", "IN", 12, "case"),
        ("Kuwait", "Kuwait", "PROPN", "NNP", 9, "obl"),
        (".", ".", "PUNCT", ".", 1, "punct"),
    ]
    doc = make_doc(rows, ents=[(0, 1, "GPE"), (5, 6, "GPE"), (7, 8, "GPE"), (12, 13, "GPE")])
    x = extract_doc(make_article(doc.text, id="t", published=DAY), doc)
    conf = {e.type: e.confidence for e in x.events}
    assert conf["ACCUSE"] > conf["ASSAULT"]  # the attack is what is condemned: the condemnation is the news
    assert conf["AID"] >= conf["ACCUSE"]  # a coordinated act is news of its own, not content


def test_a_speakers_unnamed_they_refuse_through_the_speaker():
    # Ali said they will not end the strike .   ("they" cannot be Ali, one person: the speaker's side)
    rows = [
        ("Ali", "Ali", "PROPN", "NNP", 1, "nsubj"),
        ("said", "say", "VERB", "VBD", 1, "ROOT"),
        ("they", "they", "PRON", "PRP", 5, "nsubj"),
        ("will", "will", "AUX", "MD", 5, "aux"),
        ("not", "not", "PART", "RB", 5, "advmod"),
        ("end", "end", "VERB", "VB", 1, "ccomp"),
        ("the", "the", "DET", "DT", 7, "det"),
        ("strike", "strike", "NOUN", "NN", 5, "obj"),
        (".", ".", "PUNCT", ".", 1, "punct"),
    ]
    got = coded(make_doc(rows, ents=[(0, 1, "PERSON")]))
    assert [(e[0], e[4]) for e in got] == [("REJECT", "asserted")] and got[0][2] != ()


def test_a_promise_is_dated_when_it_was_made_not_when_the_act_is_to_be():
    # Putin will meet Erdogan on Thursday .   (published Sunday 2022-02-20: the meeting was agreed by then)
    rows = [
        ("Putin", "Putin", "PROPN", "NNP", 2, "nsubj"),
        ("will", "will", "AUX", "MD", 2, "aux"),
        ("meet", "meet", "VERB", "VB", 2, "ROOT"),
        ("Erdogan", "Erdogan", "PROPN", "NNP", 2, "obj"),
        ("on", "on", "ADP", "IN", 5, "case"),
        ("Thursday", "Thursday", "PROPN", "NNP", 2, "obl"),
        (".", ".", "PUNCT", ".", 2, "punct"),
    ]
    doc = make_doc(rows, ents=[(0, 1, "PERSON"), (3, 4, "PERSON"), (5, 6, "DATE")])
    (ev,) = extract_doc(make_article(doc.text, id="t", published=DAY), doc).events
    assert (ev.type, ev.status, ev.date) == ("AGREE", "asserted", "2022-02-20")  # not the Thursday before
    assert "'on Thursday' is when the act is to be" in ev.date_reason


def test_an_unnamed_they_refuse_whoever_they_are():
    # They will not end the strike .   (no one named: a refusal all the same, attributed to no one)
    rows = [
        ("They", "they", "PRON", "PRP", 3, "nsubj"),
        ("will", "will", "AUX", "MD", 3, "aux"),
        ("not", "not", "PART", "RB", 3, "advmod"),
        ("end", "end", "VERB", "VB", 3, "ROOT"),
        ("the", "the", "DET", "DT", 5, "det"),
        ("strike", "strike", "NOUN", "NN", 3, "obj"),
        (".", ".", "PUNCT", ".", 3, "punct"),
    ]
    x = extract_doc(make_article("They will not end the strike .", id="t", published=DAY), make_doc(rows))
    assert [(e.type, e.cameo, e.status) for e in x.events] == [("REJECT", "124", "asserted")]
    # a named third party's negated act stays what it is: "Strikers did not end the strike"
    rows = [
        ("Strikers", "striker", "NOUN", "NNS", 3, "nsubj"),
        ("did", "do", "AUX", "VBD", 3, "aux"),
        ("not", "not", "PART", "RB", 3, "advmod"),
        ("end", "end", "VERB", "VB", 3, "ROOT"),
        ("the", "the", "DET", "DT", 5, "det"),
        ("strike", "strike", "NOUN", "NN", 3, "obj"),
        (".", ".", "PUNCT", ".", 3, "punct"),
    ]
    assert [e[0] for e in coded(make_doc(rows))] != ["REJECT"]


def test_agreeing_to_talk_about_an_accord_concludes_none():
    # Canada agreed to start talks on an agreement .
    rows = [
        ("Canada", "Canada", "PROPN", "NNP", 1, "nsubj"),
        ("agreed", "agree", "VERB", "VBD", 1, "ROOT"),
        ("to", "to", "PART", "TO", 3, "mark"),
        ("start", "start", "VERB", "VB", 1, "xcomp"),
        ("talks", "talk", "NOUN", "NNS", 3, "obj"),
        ("on", "on", "ADP", "IN", 7, "case"),
        ("an", "a", "DET", "DT", 7, "det"),
        ("agreement", "agreement", "NOUN", "NN", 4, "nmod"),
        (".", ".", "PUNCT", ".", 1, "punct"),
    ]
    agreed = [e for e in coded(make_doc(rows, ents=[(0, 1, "GPE")])) if e[5] == "agreed"]
    assert [(e[0], e[1]) for e in agreed] == [("AGREE", "030")]
