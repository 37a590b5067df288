"""What an actor's statement about its own act amounts to: a promise, a threat or a refusal.

PLOVER codes the statement, not the act it mentions: "Portugal will support Turkey's bid" is AGREE
(CAMEO 03x), "farmers said they would blockade Paris" is THREATEN (13x), "Syria will not accept more
refugees" is REJECT (12x), and a meeting to come ("Putin will meet Erdogan in Ankara") is AGREE (036).
Each rule applies only when the act is the source's own commitment: a third party's forecast ("Russia
will invade, US officials said") stays a future event of its own type.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .actors import ActorIndex
from .factuality import Factuality
from .syntax import args, governor, subjects

# Cues by which an actor commits itself; "expected" or "scheduled" are other people's forecasts.
COMMITMENT_CUES = {"will", "'ll", "shall", "would", "wo", "plan", "intend", "prepare", "decide", "vow", "aim"}
_COMMITMENT_STEMS = ("plan", "intend", "prepar", "vow", "decid", "swor", "swear", "pledg", "promis", "threat")
_VOLITIONAL_AUX = {"will", "'ll", "shall", "would", "wo", "can", "ca", "could"}
# Acts whose plain negation is a refusal in any tense ("did not accept the proposal").
_ACCEPTING = {"accept", "agree", "allow", "approve", "recognize", "recognise", "endorse", "sign", "ratify"}

# CAMEO code of a cooperative act -> "express intent to" code (03x)
INTENT = {
    "050": "032", "051": "032", "052": "032", "054": "032", "056": "032", "057": "030",
    "060": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
    "070": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334", "075": "033",
    "080": "035", "081": "0351", "0811": "0351", "0812": "0351", "082": "0352", "083": "035", "0832": "035",
    "0831": "035", "0841": "0353", "0842": "0353", "085": "0354", "086": "0355", "0861": "0355",
    "0862": "0355", "0863": "0355", "087": "0356", "0871": "0356", "0872": "0356", "0873": "0356",
    "0874": "0356", "045": "039",
}  # fmt: skip
# CAMEO code of a meeting, visit or talks -> "express intent to meet or negotiate" (036)
MEETINGS = {"040": "036", "041": "036", "042": "036", "043": "036", "044": "036", "046": "036"}
# CAMEO code of a hostile act -> "threaten to" code (13x)
THREAT = {
    "141": "133", "142": "133", "143": "133", "144": "133", "145": "133",
    "160": "131", "161": "1313", "162": "1311", "163": "1312", "164": "134", "165": "135",
    "166": "136", "1661": "136", "1662": "136", "1663": "136",
    "170": "130", "171": "130", "1711": "130", "172": "132", "1721": "1321", "1722": "1322",
    "1723": "1323", "1724": "1324", "173": "137", "174": "137", "175": "137",
    "180": "1383", "181": "1383", "182": "1383", "183": "1383", "1831": "1383", "186": "1383",
    "190": "1384", "191": "1381", "192": "1382", "193": "1384", "194": "1384", "195": "1384",
    "196": "1384", "1712": "1384", "200": "1383", "202": "1383", "203": "1383", "204": "1385",
}  # fmt: skip
# CAMEO code of a cooperative act -> "refuse to" code (12x)
REFUSAL = {
    "030": "120", "031": "121", "032": "120", "033": "121", "035": "124", "036": "125",
    "040": "125", "041": "125", "042": "125", "043": "125", "044": "125", "045": "126", "046": "125",
    "050": "120", "051": "120", "052": "120", "054": "120", "056": "120", "057": "127",
    "060": "121", "061": "121", "062": "121", "063": "121", "064": "121",
    "070": "121", "071": "121", "072": "121", "073": "121", "074": "121", "075": "121",
    "080": "124", "081": "1241", "0811": "1241", "0812": "1241", "082": "124", "083": "124",
    "0832": "124", "0841": "1243", "0842": "1243", "085": "1244", "086": "124", "0861": "124",
    "0862": "124", "0863": "124", "087": "1246", "0871": "1246", "0872": "1246", "0873": "1246",
    "0874": "1246",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Stance:
    cameo: str
    tag: str  # appended to the evidence rule: "+intent", "+threat", "+refusal"


def restate(
    trigger: Token,
    cameo: str,
    sources: list[str],
    fact: Factuality,
    idx: ActorIndex,
    claimed: str | None,
) -> Stance | None:
    """The statement an actor makes about its own act at ``trigger``, or None when it is no such statement.

    The restated event is asserted: the promise, threat or refusal was made, whatever becomes of the act.
    """
    if not sources or not _own_word(sources, idx, claimed) or not _own_clause(trigger, sources, idx):
        return None
    said = refusal(trigger, cameo, fact)
    if said is not None:
        return said
    if fact.status == "negated" and cameo in REFUSAL and (fact.cue or "").lower().startswith("fail"):
        # "failed to reach a deal": PLOVER codes a cooperation that did not come about as REJECT
        return Stance(REFUSAL[cameo], "+failure")
    if fact.status == "future" and cameo in MEETINGS and _counterpart(trigger, idx):
        # PLOVER codes "will meet Erdogan", "will host the prince" as AGREE: a meeting to come was
        # agreed on with someone, whoever announced it and whether or not a word of commitment says so.
        # A body's own session to come ("the OSCE will hold a meeting on Monday") stays a future meeting.
        return Stance(MEETINGS[cameo], "+planned")
    if fact.status == "future" and _committed(fact.cue):
        if cameo in THREAT and not (fact.cue or "").lower().startswith("decid"):
            # "decided to ban beef" is the decision to act, not a threat; it stays a future ban
            return Stance(THREAT[cameo], "+threat")
        if cameo in INTENT:
            if _unless(trigger):  # "will withdraw its force unless ...": the condition makes it a threat
                return Stance("130", "+threat")
            return Stance(INTENT[cameo], "+intent")
    return None


def refusal(trigger: Token, cameo: str, fact: Factuality) -> Stance | None:
    """The refusal a negated decision states ("will not end the strike"), whoever makes it."""
    if fact.status == "negated" and cameo in REFUSAL and _volitional(trigger):
        return Stance(REFUSAL[cameo], "+refusal")
    return None


def _counterpart(trigger: Token, idx: ActorIndex) -> bool:
    """Whether a meeting names whom its source will meet: the object of "meet", "visit", "host", or a
    "with"/"to" phrase ("talks with Abbas", "a visit to Russia"); "a meeting of interior ministers" names
    who sit in it, not a counterpart."""
    return any(
        (r == "obj" or (r == "prep" and p in ("with", "to", "for"))) and (idx.refer(c) or c.ent_type_ in _PLACES)
        for r, c, p in args(trigger)
    )


_PLACES = ("GPE", "LOC")


def _own_clause(trigger: Token, sources: list[str], idx: ActorIndex) -> bool:
    """A noun's modality is its source's own only when the source is the subject of the clause
    ("Russia will begin a withdrawal"), not when another subject carries it ("peace would allow for
    the withdrawal of US troops")."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return True
    tok = trigger
    for _ in range(4):
        _r, head, _prep = governor(tok)
        if head.i == tok.i:
            return True
        if head.pos_ in ("VERB", "AUX"):
            subj = subjects(head)
            keys = {key for c in subj for key in idx.refer(c)}
            countries = {idx.actor(key).country for key in keys} - {None}
            same = keys & set(sources) or countries & {idx.actor(key).country for key in sources}
            return not subj or bool(same)
        tok = head
    return True


def _own_word(sources: list[str], idx: ActorIndex, claimed: str | None) -> bool:
    if claimed is None:
        return True
    speaker = idx.actor(claimed).country
    return speaker is not None and speaker in {idx.actor(key).country for key in sources}


def _committed(cue: str | None) -> bool:
    low = (cue or "").lower()
    return low in COMMITMENT_CUES or low.startswith(_COMMITMENT_STEMS)


def _clause_chain(tok: Token, hops: int = 3) -> list[Token]:
    """``tok`` and the verbs it is the object or complement of ("will not hold talks" -> talks, hold)."""
    chain = [tok]
    for _ in range(hops):
        r, head, _prep = governor(tok)
        if head.i == tok.i or r not in ("obj", "xcomp", "nsubjpass", "prep"):
            break
        chain.append(head)
        tok = head
    return chain


def _volitional(trigger: Token) -> bool:
    """ "will not meet", "cannot accept", "did not accept": a negated act that is a decision."""
    for t in _clause_chain(trigger):
        if t.lemma_.lower() in _ACCEPTING:
            return True
        if any(c.dep_.startswith("aux") and c.lower_ in _VOLITIONAL_AUX for c in t.children):
            return True
    return False


def _unless(trigger: Token) -> bool:
    for t in _clause_chain(trigger):
        for c in t.children:
            if c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children if m.dep_ == "mark"):
                return True
    return False
