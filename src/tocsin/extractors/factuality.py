"""Factuality of an event mention: PLOVER's auxiliary modes and who merely claims it.

``status`` is one of asserted, negated, future, hypothetical, historical; it comes from the trigger's
own modifiers and from the clauses that govern it, stopping at the first reporting verb (what a
speaker says is judged inside the speaker's own clause). ``claimed_by`` is the reporting verb's
subject, or the X of "according to X", when the event is only that speaker's claim.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Token

from .syntax import args, governor, negated, predicate_of_copula, sentence, stray_infinitive, subjects

SPEECH = {
    "say",
    "claim",
    "allege",
    "tell",
    "report",
    "tweet",
    "announce",
    "state",
    "insist",
    "warn",
    "believe",
    "cite",
    "accuse",
    "add",
    "write",
    "confirm",
    "deny",
    "argue",
    "suggest",
    "assert",
    "declare",
    "note",
    "show",
    "indicate",
    "quote",
    "post",
    "repeat",
}
# Verbs that judge an act they name ("condemned the attack", "denounced the arrests"): the act is the
# judge's account of it, as with a reporting verb.
JUDGING = {"condemn", "denounce", "criticise", "criticize", "decry", "deplore", "blame", "slam", "praise", "hail"}
_FUTURE_AUX = {"will", "'ll", "shall", "would", "wo"}
_MODAL = {"could", "may", "might", "can", "should", "must", "ought", "ca"}
FUTURE_GOV = {
    "plan",
    "intend",
    "prepare",
    "schedule",
    "expect",
    "set",
    "aim",
    "decide",
    "agree",
    "vow",
    "swear",
    "promise",
    "pledge",
}
HYPO_GOV = {
    "want",
    "seek",
    "try",
    "attempt",
    "hope",
    "wish",
    "threaten",
    "risk",
    "consider",
    "propose",
    "fear",
    "avert",
    "avoid",
    "prevent",
    "deter",
    "plot",
    "ready",
    "willing",
    "able",
    "need",
    "urge",
    "call",
    "demand",
    "ask",
}
_FUTURE_MOD = {"imminent", "planned", "upcoming", "future", "forthcoming", "expected", "scheduled", "impending"}
_HYPO_MOD = {"potential", "possible", "looming", "threatened", "likely", "feared", "alleged", "hypothetical", "any"}
_HYPO_FRAME = {
    "brink",
    "verge",
    "threat",
    "risk",
    "fear",
    "danger",
    "prospect",
    "pretext",
    "excuse",
    "possibility",
    "guise",
    "idea",
}
_NEG = {"not", "n't", "never", "no", "without"}


@dataclass(frozen=True, slots=True)
class Factuality:
    status: str
    cue: str | None
    speaker: Token | None  # head of the claimant phrase, resolved to an actor by the caller


def assess(trigger: Token, published: dt.date | None) -> Factuality:
    """Status of the event anchored at ``trigger`` and the token of whoever reports it."""
    status, cue = _own(trigger, published)
    speaker: Token | None = None
    tok = trigger
    climbing = True  # modality flows down complements, not into adverbial side clauses
    for _ in range(8):
        r, head, prep = governor(tok)
        if head.i == tok.i:
            break
        if (
            (head.lemma_ in SPEECH or (head.lemma_ in JUDGING and r in ("obj", "prep")))
            and head.pos_ == "VERB"
            and r in ("ccomp", "xcomp", "parataxis", "prep", "obj", "advcl")
        ):
            subj = subjects(head)
            speaker = subj[0] if subj else _inherited_subject(head)
            break
        if status == "asserted" and climbing:
            s, c = _governor(tok, r, head, prep, published)
            if s != "asserted":
                status, cue = s, c
            elif r in ("advcl", "parataxis") and not any(x.lower_ == "to" for x in tok.children):
                climbing = False
        tok = head
    if speaker is None:
        speaker = according_to(trigger)
    return Factuality(status, cue, speaker)


def _own(t: Token, published: dt.date | None) -> tuple[str, str | None]:
    neg = negated(t)
    if neg is not None:
        return "negated", neg.text
    condition = next((c for c in t.children if c.dep_ == "mark" and c.lower_ in ("if", "unless")), None)
    if condition is not None:
        return "hypothetical", condition.text  # "If Russia invades, …" whatever the parser hung it on
    if stray_infinitive(t):
        return "hypothetical", t.text  # "… and withdraw his troops" reports no past act
    for r, c, prep in args(t):
        low = c.lower_
        if r in ("aux", "auxpass"):
            if low in _FUTURE_AUX:
                return "future", c.text
            if low in _MODAL:
                return "hypothetical", c.text
        elif r in ("amod", "advmod"):
            if low in _FUTURE_MOD:
                return "future", c.text
            if low in _HYPO_MOD:
                return "hypothetical", c.text
        elif (
            r == "prep"
            and prep in ("since", "in")
            and published is not None
            and c.text.isdigit()
            and len(c.text) == 4
            and int(c.text) < published.year - 1
        ):
            return "historical", f"{prep} {c.text}"
    pred = predicate_of_copula(t)
    if pred is not None:
        if pred.lower_ in _FUTURE_MOD:
            return "future", pred.text
        if pred.lower_ in _HYPO_MOD:
            return "hypothetical", pred.text
    return "asserted", None


# Verbs whose complement did not happen ("failed to reach a deal", "neglected to inform").
_FAILING = {"fail", "neglect"}

# Predicates that say an event happens: its subject is the event, with the predicate's modality.
_OCCUR = {
    *["take", "hold", "begin", "start", "resume", "come", "happen", "occur", "go", "open", "convene"],
    *["commence", "proceed", "unfold", "break", "erupt", "follow", "continue", "be"],
}


def _governor(tok: Token, r: str, head: Token, prep: str | None, published: dt.date | None) -> tuple[str, str | None]:
    lemma = head.lemma_.lower()
    complement = r in ("xcomp", "ccomp", "pcomp", "pobj", "acl", "obj", "prep")
    if r == "acl" and head.pos_ == "NOUN" and (no := negated(head)) is not None:
        return "negated", no.text  # "has no plans to attack", "no intention to withdraw"
    if r == "xcomp" and lemma in _FAILING:
        return "negated", head.text  # "failed to reach a deal": it did not happen
    if complement and lemma in FUTURE_GOV and not (lemma == "set" and r == "obj"):
        return "future", head.text  # "is set to meet" is to come; "set a deadline" has been done
    if complement and lemma in HYPO_GOV:
        return "hypothetical", head.text
    if r == "prep" and lemma in _HYPO_FRAME:
        return "hypothetical", head.text
    # condition: "unless the president agrees to step down"
    mark = next((c for c in tok.children if c.dep_ == "mark" and c.lower_ in ("if", "unless")), None)
    if r == "advcl" and mark is not None:
        return "hypothetical", mark.text
    # purpose clause: "to seek ways to de-escalate"
    to_clause = any(c.lower_ == "to" and c.dep_ in ("aux", "mark") for c in tok.children)
    if r in ("advcl", "xcomp", "acl") and to_clause and lemma != "be":
        return "hypothetical", "to"
    # "were to hold calls"
    if r == "xcomp" and lemma == "be":
        return "future", "be to"
    s, c = _own(head, published)
    # "would allow for the withdrawal", "could lead to war"; causes and settings ("could face
    # sanctions over the invasion") keep their own status; an event said to take place, begin or come
    # takes the status of that saying ("an invasion could come at any moment", "talks will be held")
    governed = r in ("xcomp", "ccomp", "conj", "obj") or (r == "prep" and prep in ("for", "to", "with", "into"))
    governed = governed or (r in ("nsubj", "nsubjpass") and lemma in _OCCUR)
    if s in ("negated", "future", "hypothetical") and governed and head.pos_ in ("VERB", "AUX", "ADJ"):
        return s, c
    return "asserted", None


def _inherited_subject(verb: Token) -> Token | None:
    r, head, _ = governor(verb)
    if head.i != verb.i and r in ("conj", "xcomp", "advcl"):
        subj = subjects(head)
        return subj[0] if subj else None
    return None


def according_to(t: Token) -> Token | None:
    """X of "according to X" in the sentence of ``t`` (both dependency schemes)."""
    doc = t.doc
    for tok in sentence(t):
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        if tok.dep_ == "case":
            return tok.head
        for c in doc[tok.i + 1].children:
            if c.dep_ == "pobj":
                return c
        for c in tok.children:
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None
