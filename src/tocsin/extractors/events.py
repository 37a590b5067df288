"""Event typing and roles: trigger lexicon + dependency patterns.

Each mention starts at a trigger from ``knowledge/data/triggers.tsv``; the CAMEO code gives its
PLOVER type, mode and context. Source and target come from the parse: subjects, objects,
passive agents, target prepositions, possessors and national modifiers of nominal triggers, light
verbs ("hold talks"), coordination, and reciprocity ("each blaming the other" -> two mentions).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from ..knowledge import NO_EVENT, Knowledge, Trigger
from .actors import ActorIndex, Proto
from .factuality import SPEECH
from .hygiene import Layout
from .means import find_means
from .syntax import (
    args,
    case_of,
    columns,
    governor,
    is_passive,
    objects,
    particles,
    possessors,
    rel,
    sentence,
    sentences,
    stray_infinitive,
    subjects,
)

LIGHT_VERBS = {
    "hold",
    # reciprocal exchanges: "traded accusations", "exchanged fire"
    "trade",
    "exchange",
    "have",
    "conduct",
    "launch",
    "tighten",
    "carry",
    "stage",
    "make",
    "give",
    "begin",
    "continue",
    "resume",
    "step",
    "intensify",
    "order",
    "announce",
    "extend",
    "mount",
    "start",
    "end",
    "impose",
    "lead",
    "join",
    "seek",
    # communication: "repeated a call", "issued a threat", "lodged a protest"
    "repeat",
    "renew",
    "issue",
    "reiterate",
    "reaffirm",
    "convey",
    # a time limit: "set a 60-day deadline"
    "set",
    "voice",
    "express",
    "deliver",
    "lodge",
    "file",
    "level",
    "send",
    # agreements and duties: "reached a deal", "sealed an accord", "slapped tariffs"
    "reach",
    "conclude",
    "clinch",
    "seal",
    "forge",
    "secure",
    "slap",
    "levy",
    "declare",
}
# Verbs whose subject suffers or perceives the event named by their object ("Ukraine faces shelling").
UNDERGO_VERBS = {"face", "suffer", "endure", "undergo", "come under", "withstand"}
_REQUESTS = {"REQUEST"}
_RELATIVE = {"who", "whom", "which", "that"}
_JOINT = {"joint", "combined", "bilateral", "multinational"}
_OWN = {"its", "their", "his", "her", "our", "own"}
_RECIP_WORDS = {"each", "both", "other", "one another", "each other"}
_AID_OBJECTS = {
    "weapon": "072",
    "arm": "072",
    "ammunition": "072",
    "tank": "072",
    "missile": "072",
    "jet": "072",
    "money": "071",
    "loan": "071",
    "fund": "071",
    "funding": "071",
    "dollar": "071",
    "grant": "071",
    "food": "073",
    "medicine": "073",
    "shelter": "073",
    "humanitarian": "073",
    # what is sent is aid of the kind its words say: "military equipment" 072, "medical supplies" 073
    "military": "072",
    "medical": "073",
    "vaccine": "073",
    "drug": "073",
    "ventilator": "073",
    "blanket": "073",
    "tent": "073",
    "peacekeeping": "074",
    "equipment": "070",
    "supplies": "070",
    "aid": "070",
    "assistance": "070",
    "troop": "074",
    "peacekeeper": "074",
    "help": "070",
    "support": "070",
}
_REQUEST_OBJECTS = {
    "talk": "106",
    "negotiation": "106",
    "dialogue": "106",
    "meeting": "106",
    "ceasefire": "1056",
    "truce": "1056",
    "de-escalation": "1056",
    "withdrawal": "1056",
    "release": "1053",
    "aid": "103",
    "help": "103",
    "assistance": "103",
    "resignation": "1041",
    "guarantee": "102",
    "solution": "106",
    "effort": "102",
}


@dataclass
class Mention:
    """One event mention before merging."""

    trigger: Token
    sense: Trigger
    cameo: str
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    rule: str = "lexicon"
    mode: str | None = None
    recip: bool = False
    score: float | None = None  # model probability, for mentions proposed by a classifier


class _Lexicon:
    def __init__(self, k: Knowledge) -> None:
        self.single: dict[str, list[Trigger]] = {}
        self.compound: dict[str, list[Trigger]] = {}  # noun compounds keyed by their head word
        for lemma, senses in k.triggers.items():
            for s in senses:
                if s.pos == "N" and s.particle and " " not in s.particle and s.particle not in ("for",):
                    self.compound.setdefault(s.particle, []).append(s)
                else:
                    self.single.setdefault(lemma, []).append(s)
        # every word a sense is looked up by: find_mentions reads only the tokens whose forms are here
        self.keys = frozenset(self.single) | frozenset(self.compound)
        # weapons named by one word, which are how an act is done, never its recipient; acts of force
        # ("attack", "blast") can be what is condemned or answered
        one_word = {phrase[0] for phrase, _, _ in k.means if len(phrase) == 1}
        self.weapons = frozenset(one_word - _FORCE_NOUNS - _FORCE_ACTS)


_LEX: dict[int, _Lexicon] = {}


def lexicon(k: Knowledge) -> _Lexicon:
    lex = _LEX.get(id(k))
    if lex is None:
        lex = _LEX[id(k)] = _Lexicon(k)
    return lex


def _verbal(tok: Token) -> bool:
    """A verb, or a participle the tagger took for an adjective although it heads a clause
    ("Britain mobilized/ADJ army reservists")."""
    if tok.pos_ == "VERB":
        return True
    return (
        tok.pos_ == "ADJ"
        and tok.lower_.endswith(("ed", "en"))
        and any(rel(c) in ("nsubj", "obj") for c in tok.children)
    )


def _pos_ok(sense: Trigger, tok: Token) -> bool:
    if _verbal(tok):
        return "V" in sense.pos or ("N" in sense.pos and _nominal_gerund(tok))
    if tok.pos_ in ("NOUN", "PROPN"):
        return "N" in sense.pos
    if tok.pos_ == "ADJ":
        return "A" in sense.pos
    return False


_TRIGGER_POS = ("VERB", "NOUN", "PROPN", "ADJ")


def match_trigger(tok: Token, k: Knowledge) -> Trigger | None:
    """The lexicon sense anchored at ``tok``, preferring multiword senses."""
    if tok.pos_ not in _TRIGGER_POS:
        return None
    lex = lexicon(k)
    doc = tok.doc
    low = tok.lower_
    keys = [tok.lemma_.lower(), low]
    if low.endswith("s"):
        keys.append(low[:-1])
    # A hyphenated word the tokenizer split ("cease - fire") is looked up whole, at its last part, which
    # heads it and holds its dependents ("a cease-fire with the Taliban"); "cease-fire" is also the
    # lexicon's "ceasefire". Its parts are no triggers of their own when the whole is one.
    joined: tuple[str, ...] = ()
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_:
        after = doc[tok.i + 2]
        whole = _joined_forms(low, after)
        if after.pos_ in _TRIGGER_POS and any(w in lex.single or w in lex.compound for w in whole):
            return None
        joined = whole  # "a sit-in", whose last part is no word that carries a trigger
        keys[:0] = joined
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_:
        joined = _joined_forms(doc[tok.i - 2].lower_, tok)
        if not any(w in lex.single or w in lex.compound for w in joined):
            return None  # second half of a hyphenated word ("Russian-backed"): no trigger of its own
        keys[:0] = joined
    if _is_month(tok):
        return None
    if not any(key in lex.compound or key in lex.single for key in keys):
        return None  # most words are no trigger: answer before reading the token's dependents
    kids: set[str] | None = None  # read from the dependents only when a sense has a particle
    for key in keys:
        for s in lex.compound.get(key, []):
            if any(c.lemma_.lower() == s.lemma for c in tok.lefts if rel(c) in ("compound", "amod")):
                return s
        senses = [s for s in lex.single.get(key, []) if _pos_ok(s, tok) or key in joined]
        if kids is None and any(s.particle for s in senses):
            kids = particles(tok)
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and nxt.lower_ in _PARTICLES and nxt.tag_ in ("RP", "RB", "IN"):
                kids.add(nxt.lower_)  # "handed over 700 kg of medicine" with "over" hung on the number
            if nxt is not None and nxt.lower_ in _RESULTS:
                kids.add(nxt.lower_)  # "let free activists", with "free" taken for the activists' adjective
        for s in senses:
            if s.particle and kids is not None and s.particle in kids:
                return None if s.cameo == NO_EVENT else s  # "signed up for a course" is no agreement
        for s in senses:
            if not s.particle:
                return None if s.cameo == NO_EVENT else s
    return None


def _joined_forms(first: str, second: Token) -> tuple[str, ...]:
    """The forms a hyphenated word is looked up by: "cease-fire", "ceasefire", "lathi-charge"."""
    low, lemma = second.lower_, second.lemma_.lower()
    return tuple(dict.fromkeys((f"{first}-{low}", f"{first}{low}", f"{first}-{lemma}", f"{first}{lemma}")))


_PARTICLES = {"over", "out", "off", "up", "down", "back", "away"}
#: Words that say what an act leaves its object as, right after the verb: "let free", "set loose".
_RESULTS = {"free", "loose", "go"}


def _is_month(tok: Token) -> bool:
    """ "by 11 March", "in March 2002": the month, not a protest march."""
    if tok.text != "March":
        return False
    doc = tok.doc
    near = [doc[i] for i in (tok.i - 1, tok.i + 1) if 0 <= i < len(doc)]
    return not tok.is_sent_start or any(t.like_num for t in near)


def find_mentions(doc: Doc, idx: ActorIndex, k: Knowledge, lay: Layout) -> list[Mention]:
    """All event mentions in body sentences of ``doc``."""
    out: list[Mention] = []
    col = columns(doc)
    lex = lexicon(k)
    # heads of "must"/"should": the only words _modal_demand can answer for
    obliged = {
        col.tokens[i].head.i for i, w in enumerate(col.lower) if w in _OBLIGATION and col.dep[i].startswith("aux")
    }
    keys = lex.keys
    words = zip(col.pos, col.lower, col.lemma, [*col.lower[1:], ""], strict=True)
    candidates = [
        i
        for i, (pos, low, lemma, nxt) in enumerate(words)
        if i in obliged
        or (
            pos in _TRIGGER_POS
            and (low in keys or lemma in keys or nxt == "-" or (low.endswith("s") and low[:-1] in keys))
        )
    ]
    for sent in sentences(doc):
        if not lay.in_body(sent.start_char, sent.end_char):
            continue
        lo = bisect.bisect_left(candidates, sent.start)
        for i in candidates[lo : bisect.bisect_left(candidates, sent.end, lo)]:
            if i in obliged:
                demand = _modal_demand(col.tokens[i], idx, k)
                if demand is not None:
                    out.append(demand)  # the demanded act is the request's content, not an event of its own
                    continue
            if col.pos[i] not in _TRIGGER_POS:
                continue
            tok = col.tokens[i]
            sense = match_trigger(tok, k)
            if sense is None or _is_content(tok, k) or _is_name_part(tok) or _is_descriptive(tok, sense, k):
                continue
            out.extend(_mentions_for(tok, sense, idx, k))
    return out


_SETTING_PREPS = {"after", "before", "during", "following", "amid", "since", "until", "despite", "in", "at"}
_OBLIGATION = {"must", "should", "ought"}
# nouns that carry a demand made by the subject of their verb: "issued a reminder that Iraq must cooperate"
_STATEMENT_NOUNS = {"reminder", "warning", "statement", "call", "message", "insistence", "demand", "appeal"}
# CAMEO root of the act demanded -> the REQUEST code (10x) for demanding it
_DEMAND_CODES = {
    "03": "106", "04": "106", "045": "108", "05": "102", "06": "101", "07": "103", "08": "105",
    "081": "1051", "0811": "1051", "0812": "1051", "082": "1052", "0831": "1041", "0841": "1053",
    "0842": "1053", "085": "1054", "086": "1055", "0861": "1055", "0862": "1055", "0863": "1055",
    "087": "1056", "0871": "1056", "0872": "1056", "0873": "1056", "0874": "1056",
}  # fmt: skip


def _modal_demand(v: Token, idx: ActorIndex, k: Knowledge) -> Mention | None:
    """ "Chirac said Iraq must cooperate with the inspectors": a speaker's "X must/should do Y" is a
    REQUEST from the speaker to X (CAMEO 10x after what is demanded), anchored at the saying."""
    if v.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    modal = next((c for c in v.children if c.dep_.startswith("aux") and c.lower_ in _OBLIGATION), None)
    if modal is None:
        return None
    addressees = [key for s in subjects(v) for key in idx.refer(s)]
    r, head, _ = governor(v)
    if not addressees or head.i == v.i or r not in ("ccomp", "acl", "parataxis", "conj"):
        return None
    if head.pos_ == "NOUN" and head.lemma_.lower() in _STATEMENT_NOUNS:
        _, head, _ = governor(head)
    if head.pos_ != "VERB" or head.lemma_.lower() not in SPEECH:
        return None
    speakers = [key for key in _verb_subject(head, idx) if key not in addressees]
    if not speakers:
        return None
    sense = match_trigger(v, k)
    wanted = _refine(v, sense, sense.cameo, _table_match(v, sense, k), k) if sense is not None else None
    code = "100"
    if wanted:
        code = _DEMAND_CODES.get(wanted) or _DEMAND_CODES.get(wanted[:3]) or _DEMAND_CODES.get(wanted[:2]) or "100"
    demand = Trigger(modal.lower_, None, "V", code, (), frozenset())
    return Mention(head, demand, code, speakers, _dedupe(addressees), "lexicon+modal-demand")


def _is_name_part(tok: Token) -> bool:
    """ "Cooperation" in "Organization for Security and Cooperation in Europe" is no event."""
    return (
        tok.ent_type_ in ("ORG", "PERSON", "GPE", "FAC", "WORK_OF_ART", "LAW", "EVENT")
        and tok.ent_iob_ in ("B", "I")
        and (tok.ent_type_ != "EVENT")
    )


def _is_descriptive(tok: Token, sense: Trigger, k: Knowledge) -> bool:
    """Participles used as adjectives ("an alleged escalation", "occupied Donetsk", "forces deployed
    in Europe") describe a state rather than report an event; violent ones still count. A participle
    with "the" and no arguments of its own names people ("arrested the accused", "the injured")."""
    if _people_named_by_participle(tok):
        return True
    if tok.pos_ in ("NOUN", "PROPN"):
        # "al-Qaeda's terror network", "aid workers": a noun modifying another noun names a kind of thing
        head = tok.head
        return (
            rel(tok) == "compound"
            and head.i > tok.i
            and head.pos_ in ("NOUN", "PROPN")
            and head.lemma_.lower() not in _CONTAINERS
            and match_trigger(head, k) is None
        )
    if tok.pos_ != "VERB" or _headless_main_verb(tok):
        return False
    r = rel(tok)
    if r == "amod":
        return True
    return r == "acl" and tok.tag_ == "VBN" and k.cameo[sense.cameo].type not in ("ASSAULT", "COERCE")


def _people_named_by_participle(tok: Token) -> bool:
    # a verb takes no article: "the" right before a participle makes it a noun, however it was parsed
    return (
        tok.lower_.endswith("ed")
        and any(rel(c) == "det" and c.lower_ == "the" and c.i == tok.i - 1 for c in tok.children)
        and not any(rel(c) in ("nsubj", "obj", "nsubjpass") for c in tok.children)
    )


def _headless_main_verb(tok: Token) -> bool:
    """ "Israeli helicopters and tanks shelled positions near Rafah" parsed as a noun phrase with
    "shelled" as a modifier: the sentence has no verbal root, and the first past-tense verb after the
    root noun, with no auxiliary of its own and a noun phrase before it, is the clause's verb."""
    sent = sentence(tok)
    root = sent.root
    if root.pos_ not in ("NOUN", "PROPN") or tok.i < root.i or tok.tag_ not in ("VBN", "VBD"):
        return False
    if any(c.dep_.startswith("aux") for c in tok.children):
        return False
    first = next((t for t in sent if t.i > root.i and t.pos_ in ("VERB", "AUX")), None)
    return first is not None and first.i == tok.i and tok.i > sent.start


def _headless_object(tok: Token) -> list[tuple[str, Token, str | None]]:
    """The noun a headless main verb was parsed as modifying is its object ("[The UN] reduced/amod
    food supplies/nmod …")."""
    if rel(tok) == "amod" and tok.head.i > tok.i and _headless_main_verb(tok):
        return [("obj", tok.head, None)]
    return []


def _headless_roles(v: Token, idx: ActorIndex) -> tuple[list[str], list[str]]:
    """Source and target of a :func:`_headless_main_verb`, read off the word order: the root noun
    phrase (with its conjuncts) before it, the first noun phrase after it that names an actor."""
    sent = sentence(v)
    sources: list[str] = []
    root = sent.root
    for t in v.doc[sent.start : v.i]:
        if t.pos_ not in ("NOUN", "PROPN") or t.ent_iob_ == "I":
            continue
        if t.i != root.i and not (t.head.i == root.i and rel(t) in ("conj", "appos")):
            continue  # "Rebels in the Ivory Coast": the place is not an agent
        # the actor named at this word itself (refer() would add its conjuncts after the verb);
        # a name the NER missed ("Archbishop Desmond Tutu") still stands for a person
        keys = idx.by_head.get(t.i) or idx.refer(t)
        if not keys and t.pos_ == "PROPN" and (t.i + 1 == v.i or v.doc[t.i + 1].pos_ != "PROPN"):
            keys = idx.named_person(t)
        sources += [key for key in keys if key not in sources]
    targets: list[str] = []
    for t in v.doc[v.i + 1 : min(sent.end, v.i + 8)]:
        if t.pos_ in ("VERB", "AUX") or t.text in (",", ";"):
            break
        if t.pos_ in ("NOUN", "PROPN"):
            targets = [key for key in idx.refer(t) if key not in sources]
            if targets:
                break
    return sources, targets


# nouns that carry the event of their modifier: "an aid convoy", "a sanctions package"
_CONTAINERS = {"package", "convoy", "shipment", "campaign", "operation", "effort", "drive", "flight", "delivery"}
_INTENT = ("ready", "willing", "agree", "promise", "pledge", "offer", "propose", "threaten", "blame")


def _is_content(tok: Token, k: Knowledge) -> bool:
    """Skip triggers that only name what another event is about ("called for a ceasefire")."""
    if rel(tok) == "compound" and match_trigger(tok.head, k):
        return True
    # "lifted the curfew", "halted aid": the object that typed its verb's event is part of that event
    r, gov, _prep = governor(tok)
    gov_sense = match_trigger(gov, k) if gov.i != tok.i else None
    if gov_sense is not None and (hit := _table_match(gov, gov_sense, k)) is not None and hit[1].i == tok.i:
        return True
    cur = tok
    for _ in range(3):
        r, gov, prep = governor(cur)
        if gov.i == cur.i or r not in ("prep", "pobj", "obj", "xcomp", "conj", "ccomp", "pcomp"):
            break
        if prep in _SETTING_PREPS:  # "after calls with Macron, Putin pressed for talks": a setting, not content
            break
        sense = match_trigger(gov, k)
        if sense is not None and k.cameo[sense.cameo].type in ("REQUEST", "REJECT"):
            return True
        if sense is not None and sense.lemma in _INTENT:
            return True
        cur = gov
    return False


def _as_verb(tok: Token) -> bool:
    """Whether ``tok``'s roles are read as a verb's (subject, object) rather than a noun's."""
    return _verbal(tok) and not _nominal_gerund(tok)


def _roles(tok: Token, sense: Trigger, idx: ActorIndex) -> tuple[list[str], list[str], bool]:
    return _verb_roles(tok, sense, idx) if _as_verb(tok) else _noun_roles(tok, sense, idx)


def _mentions_for(tok: Token, sense: Trigger, idx: ActorIndex, k: Knowledge) -> list[Mention]:
    cameo = sense.cameo
    sources, targets, recip = _roles(tok, sense, idx)
    if _as_verb(tok) and not sources and _headless_main_verb(tok):
        sources, more = _headless_roles(tok, idx)
        targets = targets or more
    if "light" in sense.flags and light_verb(tok) is None:
        return []
    hit = _table_match(tok, sense, k)
    refined = _refine(tok, sense, cameo, hit, k)
    if refined is None:
        return []
    if not targets and k.cameo[refined].type != k.cameo[cameo].type and k.cameo[refined].type in _TYPE_PREPS:
        # "opened fire on demonstrators": the object made "open" an attack, whose target takes "on"
        retyped = replace(sense, target_preps=_TYPE_PREPS[k.cameo[refined].type])
        targets = [t for t in _roles(tok, retyped, idx)[1] if t not in sources]
    cameo = refined
    if "objto" in sense.flags and hit is None:
        # "returned a pendant engraved with … to Russian authorities": whom the thing is handed to
        to = _handed_to(tok, objects(tok))
        handed = [key for c in to for key in idx.refer(c) or idx.place_as_target(c)]
        if to and not handed:
            handed = [key for key in [idx.patient(to[0])] if key is not None]  # "to its owner"
        targets = [t for t in handed if t not in sources] or targets
    if cameo == "030" and "light" in sense.flags and light_verb(tok) in _SIGNING:
        cameo = "057"  # "reached an agreement", "sealed a deal": an agreement concluded, not promised (CAMEO)
    if k.cameo[cameo].type == "MOBILIZE":
        # "sent troops to the border": the forces moved are the means, not the target
        targets = [t for t in targets if idx.actors[t].sector not in ("MIL", "POL")]
    joint = any(c.lower_ in _JOINT for c in tok.children if rel(c) == "amod")
    if joint and len({idx.actors[key].country for key in sources} - {None}) < 2:
        # "joint" says there are several parties: take the other countries' actors of the sentence
        have = {idx.actors[key].country for key in sources}
        sources = sources + [key for key in _sentence_parties(tok, idx) if idx.actors[key].country not in have]
    if cameo.startswith("15") and (joint or len({idx.actors[key].country for key in sources} - {None}) >= 2):
        cameo = "062"  # "a joint military exercise", "French and Egyptian warships held drills": cooperation
    if k.cameo[cameo].type in _JUDGING_TYPES:
        # "condemned the attack on the village by Russian forces", "rejected a UN appeal", "complained to
        # the UN over Israeli air raids": a judgement of an act is aimed at its doer, before anyone the
        # judgement is addressed to or the act's own target
        targets = [t for t in _doers_of_judged_act(tok, idx, k) if t not in sources] or targets
    elif k.cameo[cameo].type == "CONCEDE" and not targets:
        # "accepted demands from Shona rebels", "conceded to demands by UNITA": who is given way to is
        # who asked
        targets = [t for t in _doers_of_judged_act(tok, idx, k, asking=True) if t not in sources]
    if not targets and (sense.lemma in _INTENT or k.cameo[cameo].type in ("AGREE", "REQUEST", "REJECT")):
        # "promised to continue military aid to Mozambique": the promised act names the target
        targets = [t for t in _content_targets(tok, idx, k) if t not in sources]
        if not targets and _distinct_parties(sources, idx) < 2:
            # several parties agreeing are each other's targets (below), not the promised act's
            targets = [t for t in _complement_targets(tok, idx) if t not in sources]
    if not targets and k.cameo[cameo].type == "THREATEN":
        # "threatened to halt talks unless Israel rescinded the annexation": a threat is aimed at whoever
        # its condition is put to
        targets = [t for t in _condition_subjects(tok, idx) if t not in sources]
    if not targets and hit is not None and hit[0] == "103":
        # "Iraqi Kurds sought refuge in Germany": asylum is asked of the country it is sought in
        targets = [t for t in _place_target(tok, idx, done=bool(sources)) if t not in sources]
    if not targets and k.cameo[cameo].type in _PLACE_TARGET_TYPES:
        targets = [t for t in _place_target(tok, idx, done=bool(sources)) if t not in sources]
    if not targets and hit is not None and hit[1].pos_ == "NOUN":
        # "cancelled a planned visit to Haiti": the target hangs on the object that typed the event
        targets = [t for t in _noun_roles(hit[1], sense, idx)[1] if t not in sources]
    if not targets and _verbal(tok) and not (k.cameo[cameo].type in _JUDGING_TYPES and _judges_an_act(tok, k)):
        # a judged act's victim is not the judgement's target ("condemned the attack on a school")
        targets = [t for t in _object_phrase_targets(tok, sense, idx) if t not in sources]
    if not targets:
        # "began a hunger strike to protest against Sweden's decision", "summoned the ambassador to
        # complain": an act and the act it is done for share their parties
        targets = [t for t in _purpose_targets(tok, idx, k) if t not in sources]
    code = k.cameo[cameo]
    if sense.lemma in ("warn", "warning") and (not targets or _same_country(sources, targets, idx)):
        return []
    if "human" in sense.flags and not _acts_on_people(tok, targets, idx):
        return []
    if "nomilitary" in sense.flags and not _military_context(tok, sources + targets, idx):
        return []
    if "verbal" in sense.flags and _war_of_words(tok, sources + targets, idx):
        cameo, code = "111", k.cameo["111"]  # "the judge clashed with ministers over…": words, not weapons
    if _not_an_act(tok, sense, sources, targets, idx, k):
        return []
    if sources and not targets and code.type in _PATIENT_TYPES and not (recip and len(sources) >= 2):
        # no known actor is acted upon: the recipient is what is ("rejected the proposals"); only for an
        # act with a known doer, so that an uncoded patient never makes an event attributed on its own
        targets = [t for t in _patients(tok, sense, hit, idx, sources) if t not in sources]
    if not sources and cameo == "173" and _as_verb(tok) and is_passive(tok):
        # "two men were arrested, police said": only the police arrest, and the sentence names them
        sources = _police_in_sentence(tok, idx)
        how_found = "+police-in-sentence" if sources else ""
    else:
        how_found = ""
    if cameo == "143" and sense.lemma == "strike" and _armed_strike(tok, sources, idx):
        # "the air force carried out strikes against Hamas targets": a strike by arms, not a walk-out
        cameo, how_found = "190", how_found + "+armed-strike"
        if not targets:
            targets = [t for t in _roles(tok, replace(sense, target_preps=_TYPE_PREPS["ASSAULT"]), idx)[1]]
            targets = [t for t in targets if t not in sources]
    cameo, mode, how = _by_means(tok, sense, cameo, sources, targets, idx, k)
    how += how_found
    if cameo == "173" and _combatants_captured(sense, sources, targets, idx):
        # PLOVER: "Combatants captured during conflict should be coded as ASSAULT 'abduct' rather than
        # COERCE 'arrest'"
        cameo, how = "181", how + "+combatants"
    code = k.cameo[cameo]
    if len(sources) >= 2 and not targets and cameo == "057" and sense.lemma in _SIGNING:
        recip = True  # "Russia and Ukraine struck a deal": an agreement between its signatories
    if recip and len(sources) >= 2 and not targets and ("recip" in sense.flags or cameo == "057"):
        if code.type in ("CONSULT", "AGREE", "COOPERATE"):
            idx.note_pair(tok.i, sources)
            return [Mention(tok, sense, cameo, sources[:1], sources[1:], "lexicon+joint" + how, mode, True)]
        return [
            Mention(tok, sense, cameo, [a], [b], "lexicon+reciprocal" + how, mode, True)
            for a in sources
            for b in sources
            if a != b
        ]
    if code.type == "CONSULT" and len(sources) >= 2 and not targets:
        # "the US, Russia and Switzerland met": the first party meets the others, as in joint acts
        sources, targets = sources[:1], sources[1:]
    if code.type in ("AGREE", "COOPERATE") and not targets and _distinct_parties(sources, idx) >= 2:
        # "Jordan and Britain have agreed to hold exercises": parties named together agree with each
        # other; coded as PLOVER codes a joint act, the first party towards the others
        idx.note_pair(tok.i, sources)
        return [Mention(tok, sense, cameo, sources[:1], sources[1:], "lexicon+joint" + how, mode, True)]
    if code.type == "CONSULT":
        idx.note_pair(tok.i, sources + targets)
        if len(sources) >= 2 and targets:
            # "Putin and Zelensky, after separate calls with Macron": dyads, one per party, as
            # event data codes them; it does not make the two parties talk to each other
            return [Mention(tok, sense, cameo, [s], targets, "lexicon+dep" + how, mode) for s in sources]
    return [Mention(tok, sense, cameo, sources, targets, "lexicon+dep" + how, mode)]


# Acts that judge another act, whose target is that act's doer: condemning, rejecting, praising,
# protesting or demanding something done by someone.
_JUDGING_TYPES = {"ACCUSE", "REJECT", "SUPPORT", "PROTEST", "REQUEST"}


def _doers_of_judged_act(tok: Token, idx: ActorIndex, k: Knowledge, *, asking: bool = False) -> list[str]:
    """The doers of the act that ``tok`` judges, when it names one as its object or in its "of"/"for"
    phrase ("condemned Russia's invasion", "the condemnation of the killing by security forces",
    "praised the decision by the court"): the sources of that act's own roles. With ``asking``, only a
    demand, call or protest, which may also be given way "to"."""
    verb = _as_verb(tok)
    preps = ("of", "for", "over", "to") if asking else ("of", "for", "over")
    for r, c, prep in args(tok):
        if not ((verb and r == "obj") or (r == "prep" and prep in preps)):
            continue
        for act in (c, *c.conjuncts):
            if _as_verb(act) or act.lemma_.lower() in _VENUE_NAMED:
                continue  # "violated the Minsk agreements": an accord is named after a place, not made by it
            sense = match_trigger(act, k)
            if asking and (sense is None or k.cameo[sense.cameo].type not in ("REQUEST", "PROTEST", "THREATEN")):
                continue
            # an act Tocsin codes has its roles; any other thing done has its "by"/"from" maker
            # ("condemned the missile test by North Korea", "rejected the remarks from Ankara")
            if sense is not None:
                doers = _noun_roles(act, sense, idx)[0]
            else:
                # "Trump's decision": a thing done is its possessor's too
                doers = _agent_in_phrase(act, idx) or [key for p in possessors(act) for key in idx.refer(p)]
            if doers:
                return doers
    return []


def _judges_an_act(tok: Token, k: Knowledge) -> bool:
    return any(r == "obj" and match_trigger(c, k) is not None for r, c, _ in args(tok))


def _distinct_parties(keys: list[str], idx: ActorIndex) -> int:
    return len({idx.actors[k].country or idx.actors[k].org or k for k in keys})


def _object_phrase_targets(v: Token, sense: Trigger, idx: ActorIndex) -> list[str]:
    """ "suspended food supplies and flights to Armenia", "lifted sanctions on Iran": the target hangs
    on the object, by one of the prepositions the trigger takes for its target."""
    preps = set(sense.target_preps) | {"to", "on", "against", "for"}
    for obj in (c for c in v.children if rel(c) == "obj"):
        keys = _phrase_target((obj, *obj.conjuncts), preps, idx)
        if keys:
            return keys
    return []


def _phrase_target(holders: Iterable[Token], preps: set[str], idx: ActorIndex) -> list[str]:
    """The actor or acted-on place of the first phrase after one of ``holders`` that ``preps`` introduce."""
    for h in holders:
        for r, c, prep in args(h):
            if r == "prep" and prep in preps and c.i > h.i:
                # what is someone's is acted on with them: "sanctions on Russia's banks", "protest
                # against Sweden's decision"
                keys = idx.refer(c) or idx.place_as_target(c) or [key for o in possessors(c) for key in idx.refer(o)]
                if keys:
                    return keys
    return []


# Acts done to a country by acting on its territory: "Serbia lifted a curfew in Montenegro". Meetings and
# deployments happen in a place without being aimed at it.
# Protests are aimed at the government of the place they happen in unless they name a target.
_PLACE_TARGET_TYPES = {
    *["CONCEDE", "RETREAT", "COERCE", "AID", "SANCTION", "ASSAULT", "PROTEST", "CONSULT", "AGREE", "SUPPORT"],
    "MOBILIZE",
}


def _place_target(tok: Token, idx: ActorIndex, *, done: bool) -> list[str]:
    """The country named by an "in X" phrase of the trigger or of its object. For an act with a known
    doer (``done``), also a town or region of it and the places of what the object is for (CAMEO codes a
    place acted in as its country: "arrived in Amman" is a visit to Jordan, "a peace-keeping force in
    Liberia" protects Liberia); a place never makes a doerless mention an event on its own."""
    holders = [tok] + [c for c in tok.children if rel(c) == "obj"]
    if done:
        holders += [c for c in tok.children if rel(c) in ("obl", "nmod", "prep")]
        holders += [g for h in holders[1:] for g in h.children if rel(g) in ("nmod", "prep", "acl")]
        gr, gov, gprep = governor(tok)
        if light_verb(tok) is not None or (gr == "prep" and gprep == "on" and _verbal(gov)):
            # "held talks in Amman", "arrived in Amman on a visit": the place hangs on the clause's verb
            holders.append(tok.head if light_verb(tok) is not None else gov)
    preps = _PLACE_PREPS if done else _IN_PREPS
    for h in holders:
        for r, c, prep in args(h):
            if r == "prep" and prep in preps:
                keys = [key for key in idx.refer(c) if idx.actors[key].kind == "state"]
                if not keys and done:
                    keys = idx.place_as_target(c)
                if not keys and done:
                    # "in Niger's Maradi region": a place of a country is in it
                    keys = [key for o in possessors(c) for key in idx.refer(o) if idx.actors[key].kind == "state"]
                if keys:
                    return keys
    return []


_IN_PREPS = ("in", "inside", "across", "into", "throughout")
_PLACE_PREPS = (*_IN_PREPS, "to", "for", "from")


def _content_targets(tok: Token, idx: ActorIndex, k: Knowledge) -> list[str]:
    """Targets of the first event named in the complement of ``tok``, nearest the trigger first."""
    frontier = [
        c
        for c in tok.children
        if rel(c) in ("xcomp", "obj", "ccomp") or (rel(c) == "prep" and governor(c)[2] not in _SETTING_PREPS)
    ]
    for _ in range(3):
        nxt: list[Token] = []
        for c in frontier:
            sense = match_trigger(c, k)
            if sense is not None:
                roles = _verb_roles(c, sense, idx) if _verbal(c) else _noun_roles(c, sense, idx)
                if roles[1]:
                    return roles[1]
                if sense.cameo.startswith("087") and roles[0]:
                    return roles[0]  # "demanded the withdrawal of Serbian forces": aimed at those forces
            nxt.extend(c.children)
        frontier = nxt
    return []


_CONDITIONS = {"if", "unless"}


def _condition_subjects(tok: Token, idx: ActorIndex) -> list[str]:
    """The subject of an "if"/"unless" clause of ``tok``'s clause or of the act it threatens."""
    verb = _clause_verb(tok)
    if verb is None:
        return []
    clauses = [verb, *(c for c in verb.children if rel(c) in ("xcomp", "ccomp") or _is_purpose(c))]
    for v in clauses:
        for c in v.children:
            if rel(c) == "advcl" and any(rel(m) == "mark" and m.lower_ in _CONDITIONS for m in c.children):
                for r, subj, _ in args(c):
                    if r in ("nsubj", "nsubjpass"):
                        keys = idx.refer(subj)
                        if keys:
                            return keys
    return []


_ARMED = {"MIL", "REB", "UAF"}


def _combatants_captured(sense: Trigger, sources: list[str], targets: list[str], idx: ActorIndex) -> bool:
    """Fighters captured by fighters or by no one named ("rebels captured ten soldiers"). Arresting or
    detaining militants, even by an army, is told as law enforcement and stays an arrest."""
    if sense.lemma not in _CAPTURING or not targets or any(idx.actors[t].sector not in _ARMED for t in targets):
        return False
    return all(idx.actors[s].sector in _ARMED for s in sources)


_CAPTURING = {"capture", "seize", "take"}


def _clause_verb(tok: Token) -> Token | None:
    """The verb of ``tok``'s clause: itself, or the light verb a trigger noun is the object of
    ("staged a hunger strike"; not "discussed sanctions", whose act is the talk)."""
    if _verbal(tok):
        return tok
    return tok.head if light_verb(tok) is not None and _verbal(tok.head) else None


def _is_purpose(c: Token) -> bool:
    """An infinitive clause of purpose: "(in order) to protest", parsed as an adverbial clause."""
    return rel(c) == "advcl" and _verbal(c) and any(rel(m) == "mark" and m.lower_ == "to" for m in c.children)


def _purpose_targets(tok: Token, idx: ActorIndex, k: Knowledge) -> list[str]:
    """Who an act is aimed at, read from the act it is done for ("staged a hunger strike to protest
    against Sweden's decision": Sweden) or, for an act done for another ("summoned Niger's ambassador to
    complain"), from the act it serves: its object, the "to"/"with"... phrase, or the doer of the act
    that the purpose clause judges."""
    verb = _clause_verb(tok)
    if verb is None:
        return []
    for c in verb.children:
        if _is_purpose(c):
            keys = _acted_on(c, idx, k)
            if keys:
                return keys
    if _is_purpose(verb) and verb.head.i != verb.i:
        return _acted_on(verb.head, idx, k, served=True)
    return []


def _acted_on(v: Token, idx: ActorIndex, k: Knowledge, *, served: bool = False) -> list[str]:
    """The actors a verb acts on: its own coded target, an object that is an actor (not the doer's own:
    "its troops"), a "to"/"with"/"against"... phrase of it or of its object, or the doer of an act its
    object names ("to protest President Assad's failure"). Of an act that another ``served``, only
    who it is done to: its coded roles and the acts it names are its own."""
    if not served:
        sense = match_trigger(v, k)
        if sense is not None:
            keys = _verb_roles(v, sense, idx)[1]
            if keys:
                return keys
    holders = [v]
    for r, o, _ in args(v):
        if r == "iobj" or (r == "obj" and not any(rel(p) == "poss" and p.lower_ in _OWN for p in o.children)):
            keys = idx.refer(o)
            if keys:
                return keys
        if r == "obj":
            holders += [o, *o.conjuncts]
    keys = _phrase_target(holders, _TOWARD, idx)
    return keys if keys or served else _doers_of_judged_act(v, idx, k)


# Prepositions that name who an act is done to, with or from: "lend $1bn to Indonesia", "withdraw its
# troops from Iraq", "lift a ban on imports of British beef".
_TOWARD = {"to", "with", "from", "for", "on", "against", "into", "toward", "towards"}
# What these verbs act on is what they bring into being ("set up a company"), never a recipient.
_CREATING = {"set", "establish", "create", "build", "form", "found", "launch", "open", "construct", "develop"}


def _complement_targets(tok: Token, idx: ActorIndex) -> list[str]:
    """ "agreed to lend $1bn to Indonesia", "is willing to withdraw its troops from Iraq": when the promised
    act is no coded event, its recipient is who it is done to: a "to"/"from"/"on"… phrase of the act or of
    its object, else an object that is an actor (not the promiser's own: "its troops")."""
    for c in tok.children:
        if rel(c) != "xcomp" or not _verbal(c):
            continue
        for v in (c, *[g for g in c.children if rel(g) == "xcomp" and _verbal(g)]):
            holders = [v]
            creating = v.lemma_.lower() in _CREATING
            for r, o, _ in args(v):
                if r == "iobj" or (
                    r == "obj" and not creating and not any(rel(p) == "poss" and p.lower_ in _OWN for p in o.children)
                ):
                    keys = idx.refer(o)
                    if keys:
                        return keys
                if r == "obj":
                    holders += [o, *o.conjuncts]
            keys = _phrase_target(holders, _TOWARD, idx)
            if keys:
                return keys
    return []


def _verb_roles(v: Token, sense: Trigger, idx: ActorIndex) -> tuple[list[str], list[str], bool]:
    sources: list[str] = []
    targets: list[str] = []
    recip = False
    for r, c, prep in args(v):
        if c.lower_ in _RELATIVE and rel(v) == "relcl":
            c = v.head  # "Conlon, who was convicted": the relative pronoun is the noun it follows
        if r == "nsubj":
            if c.lower_ in _RECIP_WORDS:
                recip = True
            else:
                sources += idx.refer(c)
        elif r == "nsubjpass":
            targets += idx.refer(c)
        elif r == "agent":
            sources += idx.refer(c)
        elif r in ("obj", "iobj"):
            if c.lower_ in _RECIP_WORDS:
                recip = True
            elif r == "obj" and _is_theme(v):
                continue
            elif not any(rel(p) == "poss" and p.lower_ in _OWN for p in c.children):
                # "withdraw its troops from Lebanon": the actor's own forces are not its target
                targets += idx.refer(c) or _object_owner(c, idx) or idx.place_as_target(c)
        elif r == "prep" and prep == "from" and v.lemma_.lower() in _EXCLUDING:
            # "was expelled from Labour", "suspended from the Council of Europe": the body one is put
            # out of does it; in the active voice it is the subject's own ("expelled him from the party")
            if is_passive(v) and not any(r2 == "agent" for r2, _, _ in args(v)):
                sources += idx.refer(c)
        elif r == "prep" and prep and (prep in sense.target_preps or (prep == "for" and sense.particle == "for")):
            if c.lower_ in _RECIP_WORDS:
                recip = True
            targets += idx.refer(c) or _object_owner(c, idx) or idx.place_as_target(c)
        elif r in ("ccomp", "xcomp", "advcl") and sense.cameo.startswith("10"):
            found = [k for g in subjects(c) + [x for x in c.children if rel(x) == "nsubjpass"] for k in idx.refer(g)]
            if not found and r != "xcomp":
                found = _that_clause_subject(c, idx)
            targets += found
    if rel(v) == "conj" and is_passive(v) and not any(rel(c) == "nsubjpass" for c in v.children):
        # "Russia attacked Kyiv and was condemned by the EU": the shared subject suffers the second verb
        targets += [key for c in subjects(v.head) for key in idx.refer(c)]
    described = _described_by_participle(v)
    if described is not None:
        # "a soldier captured by Russian troops", "a national accused of plotting": the noun a past
        # participle describes is what was done to, never the doer
        targets += [key for key in idx.refer(described) if key not in targets]
    relative_role = rel(v) == "relcl" and any(c.lower_ in _RELATIVE for c in v.children)
    if not sources and (is_passive(v) or described is not None):
        # "was killed in police firing", "died in an Israeli air strike": the attack named as the cause
        # has the doer, as its modifier or possessor
        sources = _cause_doers(v, idx)
    if not sources and not relative_role and described is None:
        sources, inherited_recip = _inherit_subject(v, idx)
        recip = recip or inherited_recip
    if recip and sources and not targets:
        return sources, [], True
    return _dedupe(sources), _dedupe([t for t in targets if t not in sources]), recip


def _described_by_participle(v: Token) -> Token | None:
    """The noun a past participle modifies as a reduced relative ("the man arrested yesterday")."""
    if rel(v) == "acl" and v.tag_ == "VBN" and v.head.i < v.i and v.head.pos_ in ("NOUN", "PROPN"):
        return None if is_passive(v) or any(rel(c) in ("nsubj", "obj") for c in v.children) else v.head
    return None


# Nouns of force that can be the cause of a passive harm ("killed in police firing").
_FORCE_NOUNS = {
    *["firing", "fire", "attack", "strike", "airstrike", "shelling", "bombing", "raid", "assault", "clash"],
    *["crackdown", "operation", "offensive", "blast", "explosion", "gunfire", "ambush", "encounter", "action"],
}


def _cause_doers(v: Token, idx: ActorIndex) -> list[str]:
    doc = v.doc
    for r, c, prep in args(v):
        if r != "prep" or prep not in ("in", "by", "during", "after"):
            continue
        if c.lemma_.lower() in _FORCE_NOUNS:
            doers = [k for m in c.children if rel(m) in ("compound", "amod", "poss") for k in idx.refer(m)]
            # "shot dead in an encounter with the police", "killed in firing by security forces"
            doers = doers or [
                k for r2, m, p2 in args(c) if r2 in ("prep", "agent") and p2 in ("by", "with") for k in idx.refer(m)
            ]
            # ... or with the other side hung on the verb: "killed in an encounter | with security forces"
            doers = doers or [
                k for r2, m, p2 in args(v) if r2 == "prep" and p2 == "with" and m.i > c.i for k in idx.refer(m)
            ]
            if doers:
                return doers
        # the parser often ends the phrase at the doer and makes the force word a verb ("in police | firing")
        nxt = doc[c.i + 1] if c.i + 1 < len(doc) else None
        if nxt is not None and (nxt.lower_ in _FORCE_NOUNS or nxt.lemma_.lower() in _FORCE_NOUNS):
            doers = idx.refer(c)
            if doers:
                return doers
    return []


# Verbs that put someone out of a body or place: "from" names who does it, never whom it is done to.
_EXCLUDING = {"expel", "suspend", "exclude", "eject", "oust", "bar", "ban", "banish", "evict", "remove"}

# Verbs whose direct object is the thing handed over, not its recipient ("offered the Gurkhas to help",
# "sent a company of troops"); "provide Ukraine with arms" names the recipient as the object.
_GIVING = {"offer", "give", "send", "provide", "supply", "deliver", "grant", "lend", "sell", "ship", "donate"}


def _is_theme(v: Token) -> bool:
    return v.lemma_.lower() in _GIVING and not any(r == "prep" and prep == "with" for r, _, prep in args(v))


# Acts that parties do with each other when several are named ("Russia and Ukraine signed a deal"); a
# treaty ratified "by the defence secretary and the prime minister" is not a treaty between them. As
# light verbs of an agreement noun they conclude it ("reached an agreement", "clinched a deal").
_SIGNING = {"sign", "strike", "seal", "conclude", "reach", "ink", "clinch", "finalize", "finalise", "hammer"}

# Things someone puts forward: rejecting, accepting or welcoming one is aimed at whoever made it.
_PROPOSALS = {
    *["request", "call", "appeal", "offer", "proposal", "plan", "ultimatum", "demand", "invitation"],
    *["initiative", "bid", "suggestion", "overture", "peace plan", "motion", "draft", "resolution"],
    # other acts someone is answerable for: welcoming or condemning one is aimed at whoever took it
    *["decision", "move", "step", "announcement", "statement", "remark", "comment", "policy", "measure"],
    *["action", "ruling", "verdict", "vote", "referendum", "order", "law", "ban"],
}


# Accords and meetings named after the city that hosted them: "the Minsk agreements", "the Paris
# Agreement", "the Vienna talks" bind or gather other parties, not Belarus, France or Austria.
_VENUE_NAMED = {
    *["agreement", "accord", "protocol", "treaty", "convention", "declaration", "charter", "format"],
    *["process", "talks", "summit", "conference", "memorandum", "communique", "act", "ceasefire", "truce"],
}


def _object_owner(c: Token, idx: ActorIndex) -> list[str]:
    """Whom an act on a thing is aimed at: its possessor ("support Turkey's efforts"), the country
    modifying it ("shell Iraqi towns", "reject a U.S. request"), or the maker of a proposal
    ("calls by Belarus's rulers", "an offer from Afghanistan")."""
    mods = [m for m in c.children if rel(m) in ("poss", "amod", "compound", "nmod:poss") and m.i < c.i]
    if c.lemma_.lower() in _VENUE_NAMED or c.lower_ in _VENUE_NAMED:
        mods = [m for m in mods if not idx.is_city(m)]
    for m in sorted(mods, key=lambda m: rel(m) != "poss"):
        # "Palestinian and Lebanese villages": both countries
        joined = (m, *m.conjuncts)
        keys = idx.refer(m) if rel(m) == "poss" else [k for x in joined for k in idx.country_of_modifier(x)]
        if keys:
            return _dedupe(keys)
    if c.lemma_.lower() in _PROPOSALS:
        for r, g, prep in args(c):
            if r == "prep" and prep in ("by", "from"):
                keys = idx.refer(g)
                if keys:
                    return keys
        for made in (v for v in c.children if rel(v) == "acl" and v.pos_ == "VERB"):
            # "every offer made by the Taliban", "the plan put forward by Egypt"
            for r, g, prep in args(made):
                if r == "agent" or (r == "prep" and prep == "by"):
                    keys = idx.refer(g)
                    if keys:
                        return keys
    return []


def _that_clause_subject(c: Token, idx: ActorIndex) -> list[str]:
    """The addressee of "demanded that the US cancel plans" when the parser read the subjunctive verb
    as a noun ("the US cancel plans" one noun phrase) or the clause as an adverbial: the first actor
    between "that" and the clause head, outside any prepositional phrase."""
    mark = next((m for m in c.children if m.dep_ == "mark" and m.lower_ == "that"), None)
    if mark is None:
        return []
    for t in c.doc[mark.i + 1 : c.i]:
        if any(a.dep_ in ("case", "prep") for a in [t, *t.ancestors] if a.i < c.i and a.i > mark.i):
            continue
        keys = idx.as_head(t)
        if keys:
            return keys
    return []


_OBJECT_CONTROL = ("accuse", "urge", "ask", "order", "tell", "blame", "force", "call")
# Nouns whose holder does what the infinitive after them says: "Russia has no plans to attack",
# "Iran's decision to resume enrichment", "announced its readiness to talk".
_CONTROL_NOUNS = {
    *["plan", "intention", "intent", "decision", "readiness", "willingness", "desire", "aim", "attempt"],
    *["effort", "bid", "right", "ability", "threat", "promise", "pledge", "vow", "commitment", "determination"],
}


def _noun_controller(head: Token, idx: ActorIndex) -> list[str] | None:
    """Who holds the plan of "plans to attack": its possessor, else the subject of the verb taking it
    as object ("Russia has plans"); ``None`` when neither is there."""
    owners = [c for c in head.children if rel(c) == "poss"]
    if owners:
        return _dedupe([key for c in owners for key in idx.refer(c)])
    r, verb, _ = governor(head)
    if r == "obj" and verb.i != head.i and subjects(verb):
        return _dedupe([key for c in subjects(verb) for key in idx.refer(c)])
    return None


def _inherit_subject(v: Token, idx: ActorIndex) -> tuple[list[str], bool]:
    tok = v
    for _ in range(4):
        r, head, _prep = governor(tok)
        if head.i == tok.i or r not in (
            "xcomp",
            "conj",
            "advcl",
            "acl",
            "ccomp",
            "pcomp",
            "prep",
            "relcl",
            "parataxis",
        ):
            break
        # a past-tense verb labelled a noun's clause is a misparsed clause of its own, the noun its
        # subject: "as [police used force]" parsed "as police, used force"
        if r == "relcl" or (r == "acl" and tok.tag_ in ("VBN", "VBG", "VBD") and head.pos_ in ("NOUN", "PROPN")):
            keys = idx.refer(head)
            if keys:
                return keys, False
        if r == "acl" and head.pos_ == "NOUN" and head.lemma_.lower() in _CONTROL_NOUNS:
            held_by = _noun_controller(head, idx)
            if held_by is not None:
                return held_by, False
        if r in ("xcomp", "prep") and head.lemma_ in _OBJECT_CONTROL and objects(head):
            # "blamed the other for shelling": the object is the agent, even one no actor stands for
            return _dedupe([key for o in objects(head) for key in idx.refer(o)]), False
        held = [c for c in head.children if rel(c) == "nsubjpass"]
        if r == "xcomp" and held:
            # "he is prepared to lift the ban", "Iraq is expected to attack": the passive subject acts
            return _dedupe([key for c in held for key in idx.refer(c)]), False
        if stray_infinitive(tok):
            break  # "spoke with Johnson … and withdraw his troops": not Macron's withdrawal
        if r == "advcl" and head.lemma_.lower() in SPEECH:
            # "X shelled Kharkiv, killing 5 civilians, officials said": a participle the parser hung on the
            # reporting verb belongs to the reported clause before it; the speakers are never its agent
            reported = [c for c in head.children if rel(c) in ("ccomp", "parataxis") and c.i < tok.i]
            if not reported:
                break
            keys = [key for c in subjects(reported[-1]) for key in idx.refer(c)]
            return _dedupe(keys), False
        speaker = _reporting_conjunct(tok, r, head)
        if speaker is not None:
            return _dedupe([key for c in subjects(speaker) for key in idx.refer(c)]), False
        if is_passive(tok) or (r in ("ccomp", "parataxis") and head.lemma_.lower() in SPEECH):
            # "two soldiers were killed, the military said": neither the sufferer's clause nor the
            # reported one borrows the speaker as the agent
            break
        recip = any(c.lower_ in _RECIP_WORDS for c in subjects(head))
        keys = [key for c in subjects(head) if c.lower_ not in _RECIP_WORDS for key in idx.refer(c)]
        if keys or any(c.lower_ not in _RECIP_WORDS for c in subjects(head)):
            return _dedupe(keys), recip
        tok = head
    return [], False


def _sentence_parties(tok: Token, idx: ActorIndex) -> list[str]:
    """For a "joint" act that names too few parties: the actors of two or more countries in its
    sentence ("Belarus announced that Russian forces would stay after joint drills"), one per country."""
    by_country: dict[str, str] = {}
    for t in sentence(tok):
        for key in idx.by_head.get(t.i, []):
            country = idx.actors[key].country
            if country and country not in by_country:
                by_country[country] = key
    return list(by_country.values()) if len(by_country) >= 2 else []


_SAYING = SPEECH | {"promise", "pledge", "vow", "urge", "insist", "warn"}


def _reporting_conjunct(tok: Token, r: str, head: Token) -> Token | None:
    """ "Blinken said Russia remained on the brink, but promised that …": a saying verb the parser
    joined to the reported clause belongs to the reporter; returns the reporting verb."""
    if r != "conj" or tok.lemma_.lower() not in _SAYING or subjects(tok):
        return None
    hr, reporter, _ = governor(head)
    if hr in ("ccomp", "parataxis") and reporter.i != head.i and reporter.lemma_.lower() in SPEECH:
        return reporter
    return None


def _noun_roles(n: Token, sense: Trigger, idx: ActorIndex) -> tuple[list[str], list[str], bool]:
    sources: list[str] = []
    targets: list[str] = []
    recip = False
    for r, c, prep in args(n):
        if r == "poss" or (r == "nsubj" and n.pos_ == "ADJ"):
            # "Iran's offer"; "France is ready to …": the copular subject holds the stance
            sources += idx.refer(c)
        elif r in ("amod", "compound", "npmod") and c.i < n.i:
            key = _modifier_actor(c, n, idx)
            if key is None and r == "compound":
                key = next(iter(idx.refer(c)), None)  # "Syrian government shelling"
            if key is None and r == "compound":
                # "Israeli air raids", parsed with "Israeli" on "air": the compound's own modifier
                key = next((x for g in c.children if rel(g) == "amod" and (x := _modifier_actor(g, n, idx))), None)
            if key:
                sources.append(key)
        elif r in ("prep", "agent"):
            keys = idx.refer(c)
            withdrawing = sense.cameo.startswith("087")
            if withdrawing and prep in ("of", "from"):
                # "the withdrawal of Western forces from Panama": the forces withdraw, from Panama
                (sources if prep == "of" else targets).extend(keys)
            elif r == "agent" or prep in ("by", "from"):
                sources += keys
            elif prep == "between":
                sources += keys
                recip = True
            elif (
                prep in sense.target_preps
                or prep in ("on", "against", "of", "with", "to", "into")
                or (prep == "for" and sense.particle == "for")
            ):
                targets += keys
    if not sources:
        sources = _agent_in_phrase(n, idx)
    if not sources:
        r, head, prep = governor(n)
        if (r == "obj" and head.lemma_ in LIGHT_VERBS) or (
            r == "prep"
            and head.pos_ in ("VERB", "AUX")
            and prep in ("after", "during", "in", "following", "before", "amid", "on")
        ):
            # "arrived in Amman on a visit", "went on strike", "died in the attack": the clause's subject
            sources = _verb_subject(head, idx)
        elif r == "nsubjpass" and head.pos_ == "VERB":
            sources = [key for rr, c, _ in args(head) if rr == "agent" for key in idx.refer(c)]
    if not sources:
        sources = _fronted_setting_subject(n, idx)
    if not targets:
        # "Ukraine, already facing shelling from rebels": whoever faces it is the target
        r, head, _ = governor(n)
        if r == "obj" and head.lemma_ in UNDERGO_VERBS:
            targets = _verb_subject(head, idx) or _left_apposed_actor(head, idx)
        elif r == "obj" and head.lemma_ in LIGHT_VERBS:
            # "imposed sanctions on India", "held talks with Iran": the light verb carries the noun's
            # target phrase as its own
            for rr, c, prep in args(head):
                if rr == "prep" and c.i > n.i and prep in (*sense.target_preps, "on", "against", "with"):
                    targets += idx.refer(c)
    if len(sources) >= 2 and not targets and "recip" in sense.flags:
        recip = True
    return _dedupe(sources), _dedupe([t for t in targets if t not in sources]), recip


_SETTING_OPENERS = {"after", "following", "during", "before", "amid", "in"}


def _fronted_setting_subject(n: Token, idx: ActorIndex) -> list[str]:
    """ "After separate calls with Macron, Putin and Zelensky pressed for talks": an event noun in a
    sentence-opening time phrase belongs to the actors that open the main clause after the comma. Read
    off the word order, since parsers often misattach such fronted phrases."""
    sent = sentence(n)
    if sent[0].lower_ not in _SETTING_OPENERS:
        return []
    comma = next((t for t in sent if t.text == "," and t.i > n.i), None)
    if comma is None or any(t.pos_ in ("VERB", "AUX") and t.dep_ != "amod" for t in sent[0 : comma.i - sent.start]):
        return []
    keys: list[str] = []
    for t in sent[comma.i + 1 - sent.start :]:
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound"):
            break
        if t.pos_ in ("PROPN", "NOUN", "PRON"):
            keys += [key for key in idx.refer(t) if key not in keys]
    return keys


def _nominal_gerund(tok: Token) -> bool:
    """ "facing increased shelling": an -ing form used as a noun phrase takes noun roles."""
    return (
        tok.tag_ == "VBG"
        and rel(tok) in ("obj", "nsubj", "nsubjpass")
        and not any(rel(c) in ("obj", "nsubj") for c in tok.children)
    )


def _agent_in_phrase(n: Token, idx: ActorIndex) -> list[str]:
    """A "from X"/"by X" phrase anywhere inside the trigger's noun phrase, even when the parser hung it
    on a modifier ("increased shelling from Russian-backed rebels")."""
    for t in n.subtree:
        if t.i == n.i or (t.pos_ in ("VERB", "AUX") and any(rel(c) == "nsubj" for c in t.children)):
            continue
        _, head, prep = governor(t)
        # a verb's "from" inside the phrase is where something comes from ("a decision to send troops
        # home from Syria"), not who made the noun's act
        if prep in ("from", "by") and head.i != t.i and (head.i == n.i or (head.head.i == n.i and not _verbal(head))):
            keys = idx.refer(t)
            if keys:
                return keys
    r, holder, _ = governor(n)
    if r == "prep" and holder.pos_ in ("NOUN", "PROPN"):
        # "a pattern of killings by security forces": the parser hung the agent on the outer noun
        for rr, c, prep in args(holder):
            if rr == "prep" and prep in ("by", "from") and c.i > n.i:
                keys = idx.refer(c)
                if keys:
                    return keys
    if r == "obj" and holder.pos_ == "VERB" and not is_passive(holder):
        # "condemned the killing of protesters by security forces": an active verb has no agent, so
        # a "by" actor the parser hung on it right after its object's phrase is the object's
        for rr, c, prep in args(holder):
            if rr == "prep" and prep == "by" and c.left_edge.i == n.right_edge.i + 1:
                keys = idx.refer(c)
                if keys:
                    return keys
    return []


def _left_apposed_actor(v: Token, idx: ActorIndex) -> list[str]:
    """ "Ukraine, already facing increased shelling": a subjectless participle describes the actor
    just before its comma."""
    if any(rel(c) in ("nsubj", "nsubjpass") for c in v.children) or v.tag_ != "VBG":
        return []
    j = v.i - 1
    start = sentence(v).start
    while j > start and v.doc[j].pos_ == "ADV":
        j -= 1
    if j <= start or v.doc[j].text != ",":
        return []
    return idx.refer(v.doc[j - 1])


def _verb_subject(v: Token, idx: ActorIndex) -> list[str]:
    # every subject: the parser sometimes attaches coordinated subjects ("Lithuania and Belarus") as siblings
    keys = [key for r, c, _ in args(v) if r in ("nsubj", "agent") for key in idx.refer(c)]
    return _dedupe(keys) if keys else _inherit_subject(v, idx)[0]


def _modifier_actor(m: Token, n: Token, idx: ActorIndex) -> str | None:
    """Actor named by a modifier of a nominal trigger ("Russian invasion", "Russian military build-up")."""
    if m.lemma_ in ("back",) or m.lower_.endswith("backed"):
        return None
    iso, org = idx._country_org_of(m)
    if not iso and not org:
        return None
    sector = "GOV"
    if any(x.lower_ in ("military", "army", "armed") for x in n.lefts):
        sector = "MIL"
    k = idx.k
    name = k.countries[iso].name if iso and iso in k.countries else (org or "")
    proto = Proto(
        name=name, country=iso, sector=sector if iso else None, org=org, kind="state" if iso else "org", rule="modifier"
    )
    return idx._add(proto, m, (m.i, m.i + 1))


def light_verb(n: Token) -> str | None:
    """The lemma of the light verb ``n`` is the object of ("reach" of "reached a deal", "a deal was
    reached"), if any: nouns such as "deal" name an event only as what a verb of agreeing or imposing
    acts on, not in "under the deal" or "violated the agreement"."""
    r, head, _ = governor(n)
    lemma = head.lemma_.lower()
    return lemma if head.i != n.i and r in ("obj", "nsubjpass") and lemma in LIGHT_VERBS else None


_NAMED = {"ORG", "PERSON", "NORP"}


_CURRENCIES = {
    *["dollar", "euro", "pound", "yen", "yuan", "renminbi", "rupee", "rouble", "ruble", "franc", "peso"],
    *["dinar", "dirham", "riyal", "rial", "lira", "shekel", "krone", "krona", "won", "naira", "rand"],
    *["shilling", "real", "ringgit", "baht", "taka", "hryvnia", "zloty", "forint", "leu", "kwacha"],
    *["$", "€", "£", "¥", "us$", "usd", "eur", "gbp"],
}


def _table_match(tok: Token, sense: Trigger, k: Knowledge) -> tuple[str, Token] | None:
    """The ``trigger_objects.tsv`` code met by the trigger's objects, and the object that met it."""
    if "argobj" not in sense.flags:
        return None
    key = f"{sense.lemma} {sense.particle}" if sense.particle else sense.lemma
    rows = k.trigger_objects.get(key)
    if not rows:
        return None
    for r, o, _ in [*args(tok), *_headless_object(tok)]:
        if r not in ("obj", "xcomp", "prep", "nsubjpass"):
            continue
        # a compound or an adjective names the kind ("ceasefire agreement" is a ceasefire, "military
        # equipment" arms), then the head, then the rest
        kinds = [c for c in o.children if rel(c) in ("compound", "amod")]
        for x in [*kinds, o, *(x for x in o.subtree if x.i != o.i and x not in kinds)]:
            if x.ent_type_ in _NAMED:
                continue  # "the Child Trust Fund", "the World Food Programme" name a body, not a kind of object
            low = x.lemma_.lower()
            words = {low, low[:-1]} if low.endswith("s") else {low}  # the lemmatizer misses on rare plurals
            if (x.i == o.i or x in kinds) and (x.ent_type_ == "MONEY" or low in _CURRENCIES):
                words.add("money")  # "gave 352 million euros", "pledged $46 million": the amount given is money
            for wanted, code in rows:
                if wanted & words and not (code == "057" and r == "xcomp"):
                    # "agreed to start talks on a trade agreement" promises talks; only an accord that is
                    # itself what was agreed was concluded ("agreed a deal", "agreed on a treaty")
                    return code, o
    return None


def _refine(tok: Token, sense: Trigger, cameo: str, hit: tuple[str, Token] | None, k: Knowledge) -> str | None:
    """Sharpen the CAMEO code from the trigger's object ("provide weapons" -> 072, "open fire" -> 190);
    ``None`` when the object shows the word is no event ("provide a pretext", "open a shop"). ``hit`` is
    the trigger's :func:`_table_match`."""
    if "argobj" not in sense.flags and tok.lemma_ not in _FIGURATIVE:
        return cameo
    objs = [c for r, c, _ in [*args(tok), *_headless_object(tok)] if r in ("obj", "xcomp", "prep", "nsubjpass")]
    words = set()
    for o in objs:
        words.add(o.lemma_.lower())
        words.update(x.lemma_.lower() for x in o.subtree)
    words.update(w[:-1] for w in list(words) if w.endswith("s"))  # lemmatizer misses on rare plurals
    agents = {x.lemma_.lower() for r, c, _ in args(tok) if r == "agent" for x in c.subtree}
    if (words | agents) & _FIGURATIVE.get(tok.lemma_, set()):
        return None  # "objectives could be met", "withdrew the remark", "gave us food for thought"
    if "argobj" not in sense.flags:
        return cameo
    if hit is not None:
        # whom the act serves re-types it: borders opened "to refugees" grant asylum, troops sent "as a
        # peacekeeping force" protect
        if hit[0] == "0863" and any(w in k.demonyms for w in words):
            return "075"  # "opened its borders to Syrians, Iraqis and Afghans": people let in are given refuge
        # what it is for may be said in a purpose clause: "sent troops to serve as a peacekeeping force"
        served = words | {x.lemma_.lower() for c in tok.children if _is_purpose(c) for x in c.subtree}
        return next((code for code, wanted in _SERVING.get(hit[0], ()) if served & wanted), hit[0])
    if "objreq" in sense.flags:
        # "returned an ancient sculpture to Algeria's ambassador": any thing handed to someone is
        # property returned, although no list names every kind of thing
        return cameo if "objto" in sense.flags and _handed_to_someone(tok, objs) else None
    root = cameo[:2]
    if root == "10":
        for w, code in _REQUEST_OBJECTS.items():
            if w in words:
                return code
    if root == "07":
        for w, code in _AID_OBJECTS.items():
            if w in words:
                return code
        return None if tok.pos_ == "VERB" else cameo  # "provide a pretext" is no aid
    if root == "13" and words & {"attack", "force", "war", "strike", "invade", "invasion", "military"}:
        return "138"
    if root == "13" and words & {"sanction", "embargo", "boycott"}:
        return "1312"
    if cameo == "0874" and not words & {"troop", "force", "soldier", "army", "unit", "personnel"} and words:
        return "161" if words & {"embassy", "ambassador", "diplomat"} else "0874"
    if root == "19" and words & {"artillery", "mortar", "shell", "rocket"}:
        return "194"
    if root == "19" and tok.lemma_ == "attack" and _verbal_criticism(tok):
        return "111"
    if tok.lemma_ == "fire" and any(_is_person_noun(c, k) for r, c, _ in args(tok) if r == "obj"):
        return None  # "fired his defence minister": a dismissal, not shooting
    return cameo


#: CAMEO code -> (code, words of whom or what the act serves) that re-type it.
_SERVING = {
    "0863": (("075", {"refugee", "asylum", "migrant", "displaced", "displace", "asylum-seeker", "evacuee"}),),
    "154": (("074", {"peacekeeping", "peacekeeper"}),),
}


def _handed_to_someone(tok: Token, objs: list[Token]) -> bool:
    """Whether ``tok`` has a thing for its object and a "to" phrase that is no place of arrival nor state
    ("returned the sculpture to the ambassador", not "returned home", "returned to power")."""
    return bool(_handed_to(tok, objs))


def _handed_to(tok: Token, objs: list[Token]) -> list[Token]:
    """The "to" phrases naming whom ``tok`` hands a thing to (see :func:`_handed_to_someone`)."""
    things = [o for r, o, _ in args(tok) if r == "obj" and o.pos_ in ("NOUN", "PROPN", "ADJ") and not o.ent_type_]
    to = [o for r, o, p in args(tok) if r == "prep" and p == "to"]
    # the parser often hangs the recipient inside the thing's phrase: "returned [a sculpture to the
    # ambassador]", "returned [a portrait of a girl by Carte to its owner]"
    to += [
        c
        for o in things
        for c in o.subtree
        if c.i > o.i and rel(c) in ("nmod", "obl", "prep") and case_of(c) == "to" and c.pos_ in ("NOUN", "PROPN")
    ]
    if not things or any(o.lemma_.lower() in _NOT_HANDED for o in [*objs, *to]):
        return []
    return to


#: What is returned that is no handed property ("returned the favour", "returned fire", "to normal").
_NOT_HANDED = {
    *["favour", "favor", "fire", "call", "serve", "compliment", "salute", "visit", "verdict", "power"],
    *["normal", "normalcy", "normality", "office", "work", "school", "home", "action", "court", "table"],
}


# Objects that make a trigger figurative: no event at all.
_FIGURATIVE = {
    "meet": {"objective", "target", "goal", "need", "cost", "standard", "challenge", "criterion"},
    "fight": {
        *["corruption", "crime", "poverty", "terrorism", "disease", "inflation", "fire", "virus", "pandemic"],
        *["cancer", "hunger", "drug", "trafficking", "extremism", "racism", "discrimination", "climate"],
        *["election", "seat", "campaign", "charge", "case", "ruling", "decision", "bill", "law", "plan"],
        *["epidemic", "outbreak", "ebola", "malaria", "covid", "coronavirus", "famine", "drought", "flood"],
        *["wildfire", "blaze", "cause", "unemployment", "fraud", "pollution", "illiteracy", "obesity"],
    },
    "withdraw": {
        *["comment", "remark", "statement", "claim", "allegation", "question", "objection", "application"],
        *["candidacy", "nomination", "name", "lawsuit", "complaint", "motion", "amendment", "advert", "book"],
    },
    "give": {"thought", "impression", "idea", "sense", "example", "reason", "chance", "hope", "go", "value"},
    "attack": {"ignorance", "disease", "squalor", "poverty", "unemployment", "inequality", "problem"},
    "kill": {
        *["crop", "plant", "tree", "livestock", "cattle", "animal", "bill", "plan", "deal", "idea", "hope"],
        "chance",
    },
    "release": {
        *["statement", "report", "figure", "data", "output", "video", "footage", "image", "photo", "detail"],
        *["result", "document", "record", "album", "film", "book", "song", "information", "list", "budget"],
        *["tape", "recording", "transcript", "version", "product", "forecast", "estimate", "statistic"],
        *["survey", "poll", "letter", "study", "finding", "name", "update", "game", "single", "earnings"],
    },
    "rally": {"price", "share", "stock", "market", "dollar", "euro", "yen", "pound", "currency", "bond", "gold"},
    "strike": {"chord", "note", "tone", "balance", "level", "concern", "idea", "thought", "news", "sense", "fact"},
    "seize": {
        *["advantage", "opportunity", "chance", "moment", "initiative", "lead", "momentum", "headline"],
        *["limelight", "attention", "imagination", "day", "agenda", "high ground", "ground"],
    },
    "grab": {"headline", "attention", "limelight", "chance", "opportunity", "spotlight"},
    "slam": {"door", "brake", "fist", "phone", "lid"},
}


def _is_person_noun(tok: Token, k: Knowledge) -> bool:
    role = k.roles.get(tok.lemma_.lower())
    return tok.ent_type_ == "PERSON" or (role is not None and role[1] == "person") or tok.lemma_ in _STAFF


_STAFF = {"employee", "worker", "staff", "aide", "adviser", "advisor", "coach", "manager", "director", "chief"}


def _verbal_criticism(tok: Token) -> bool:
    """ "attacked the plan as too little", "attacked him for failing": words, not weapons."""
    return any(r == "prep" and prep in ("as", "for") for r, _, prep in args(tok)) or any(
        c.dep_ == "advcl" and any(m.lower_ == "as" for m in c.children) for c in tok.children
    )


# Types whose object is a recipient even when it is no actor. A meeting's or a deployment's object is
# not, nor what is endorsed or ratified ("ratified the treaty" supports no one by it).
_PATIENT_TYPES = {
    *["AID", "REJECT", "ACCUSE", "COERCE", "ASSAULT", "SANCTION", "THREATEN", "PROTEST", "CONCEDE", "RETREAT"],
}


def _patients(
    tok: Token, sense: Trigger, hit: tuple[str, Token] | None, idx: ActorIndex, sources: list[str]
) -> list[str]:
    """The recipient phrase of ``tok`` as an uncoded patient (see :meth:`ActorIndex.patient`): a verb's
    direct object or passive subject, else the object of one of its target prepositions; a noun's
    "of/on/against/into" phrase. The object that gave the event its type ("opened *fire*") is none."""
    preps = set(sense.target_preps) | {"on", "against", "into", "at", "upon"}
    if _as_verb(tok):
        heads = [c for c in tok.children if rel(c) in ("obj", "nsubjpass")]
        heads += [c for r, c, p in args(tok) if r == "prep" and p in preps and c.i > tok.i]
    else:
        heads = [c for r, c, p in args(tok) if r == "prep" and (p in preps or p == "of") and c.i > tok.i]
    if hit is not None and hit[1].pos_ == "NOUN":
        # "opened an investigation into X": the object that typed the event names the recipient
        heads += [c for r, c, p in args(hit[1]) if r == "prep" and p in _NOUN_TARGET_PREPS and c.i > hit[1].i]
    for h in heads:
        if hit is not None and h.i == hit[1].i:
            continue
        if h.lemma_.lower() in lexicon(idx.k).weapons:
            continue  # "fired tear gas shells": the weapon is how, not whom
        owners = [key for o in possessors(h) if o.pos_ != "PRON" for key in idx.refer(o) if key not in sources]
        if owners and not idx.refer(h):
            return owners  # "sanctions on Russia's banks", "attacked Israel's embassy": done to its owner
        key = idx.patient(h)
        if key is not None:
            return [key]
    return []


_NOUN_TARGET_PREPS = {"into", "of", "on", "against", "to"}


_FORCE_ACTS = {"shoot", "stab", "arson", "explosion", "blast", "shelling", "bombing"}


# Target prepositions of a type, for a trigger whose object gave it that type ("open fire on", "lay siege to").
_TYPE_PREPS = {
    "ASSAULT": ("at", "on", "against", "upon"),
    "COERCE": ("on", "against"),
    "THREATEN": ("against", "to"),
    "AID": ("to", "for"),
    "ACCUSE": ("of", "against"),
}
# Codes that say only that force was used: the means named in the clause may say which kind.
_GENERIC_FORCE = {"180", "183", "190", "193", "194", "195"}
_CROWD_WORDS = {"protester", "demonstrator", "crowd", "protest", "rally", "mob", "marcher", "demonstration"}


def _by_means(
    tok: Token, sense: Trigger, cameo: str, sources: list[str], targets: list[str], idx: ActorIndex, k: Knowledge
) -> tuple[str, str | None, str]:
    """``(cameo, mode, rule suffix)`` after the means of violence the clause names (see :mod:`.means`).

    Only codes that name no kind of force are refined ("killed" 190 by "an air strike" is 195); a
    specific one keeps its code and its own mode ("assassinated with a car bomb" stays 186, targeted).
    """
    code = k.cameo[cameo]
    if code.type not in ("ASSAULT", "COERCE"):
        return cameo, None, ""
    found = find_means(tok, k)
    crowd = _police_on_crowd(sources, targets, idx)
    if found is None:
        if crowd and cameo in _GENERIC_FORCE:
            return "175", code.mode, "+police-on-crowd"  # "police opened fire on demonstrators"
        return cameo, code.mode if code.type == "ASSAULT" else None, ""
    new = found.cameo
    if new == "183" and cameo == "195" and _state_force(sources, idx):
        new = None  # "Russia's bombing of Aleppo": a state's bombs fall from the air
    if new is not None and found.mode == "crowd-control":
        ok = cameo in _GENERIC_FORCE or cameo.startswith("17")
    else:
        ok = cameo in _GENERIC_FORCE and code.type == "ASSAULT"
    if new is None or not ok or new == cameo:
        mode = found.mode if code.type == "ASSAULT" and (cameo in _GENERIC_FORCE or not code.mode) else code.mode
        return cameo, mode, ""
    if crowd and new in ("190", "193"):
        new = "175"  # police firing live rounds on a crowd is violent repression
    return new, found.mode, f"+means({found.phrase})"


def _police_on_crowd(sources: list[str], targets: list[str], idx: ActorIndex) -> bool:
    police = any(idx.actors[key].sector == "COP" for key in sources)
    return police and any(
        {w.removesuffix("s") for w in idx.actors[key].name.lower().split()} & _CROWD_WORDS for key in targets
    )


def _state_force(sources: list[str], idx: ActorIndex) -> bool:
    return any(idx.actors[key].kind == "state" or idx.actors[key].sector in ("MIL", "GOV") for key in sources)


def _same_country(a: list[str], b: list[str], idx: ActorIndex) -> bool:
    ca = {idx.actors[key].country for key in a}
    cb = {idx.actors[key].country for key in b}
    return bool(ca & cb - {None})


# Words that put a fight, clash, raid or build-up among armed people.
_ARMED_WORDS = {
    *["police", "rebel", "militant", "gunman", "fighter", "militia", "insurgent", "protester", "rioter"],
    *["demonstrator", "weapon", "gun", "rifle", "shell", "rocket", "bomb", "grenade", "kill", "wound"],
    *["injure", "dead", "casualty", "gang", "mob", "guerrilla", "jihadist", "jihadi", "extremist"],
    *["bloody", "deadly", "violent", "armed", "tribal", "sectarian", "ethnic", "fierce", "heavy"],
    *["knife", "machete", "axe", "acid", "stab", "shoot", "beat", "assault", "assailant", "attacker"],
    "gunmen",
}
_ARMED_SECTORS = {"MIL", "REB", "UAF", "SPY", "COP"}


_MILITARY_WORDS = {
    *["military", "army", "troop", "navy", "drill", "war", "force", "soldier", "reservist", "conscript"],
    *["battalion", "brigade", "regiment", "warship", "tank", "missile", "artillery", "border"],
}


def _military_context(tok: Token, actors: list[str], idx: ActorIndex) -> bool:
    """An exercise, raid or build-up among soldiers ("a military exercise", not "specific exercises
    to encourage recruits")."""
    return _sentence_has(tok, _MILITARY_WORDS) or any(idx.actors[key].sector == "MIL" for key in actors)


# People a physical act is done to, though no actor is named: "beat a youth", "thrashed the man".
_PEOPLE = {
    *["man", "woman", "boy", "girl", "youth", "child", "teen", "teenager", "person", "people", "student"],
    *["villager", "wife", "husband", "son", "daughter", "labourer", "laborer", "vendor", "driver", "suspect"],
    *["accused", "prisoner", "inmate", "detainee", "protester", "demonstrator", "worker", "farmer", "dalit"],
    *["crowd", "mob", "gathering", "procession", "rally", "agitator"],
}


def _acts_on_people(tok: Token, targets: list[str], idx: ActorIndex) -> bool:
    """Whether a physical act is done to people: a person or group target, or a word for people as its
    object ("beat a dalit youth"); a country or team beaten is a game won."""
    if any(idx.actors[key].kind in ("person", "group") for key in targets):
        return True
    return any(rel(c) in ("obj", "nsubjpass") and c.lemma_.lower() in _PEOPLE for c in tok.children)


def _police_in_sentence(tok: Token, idx: ActorIndex) -> list[str]:
    keys = [key for t in sentence(tok) for key in idx.by_head.get(t.i, []) if idx.actors[key].sector == "COP"]
    return _dedupe(keys)[:1]


def _armed_context(tok: Token, actors: list[str], idx: ActorIndex) -> bool:
    """A fight or clash among armed people: soldiers, police, rebels, weapons, casualties."""
    return _sentence_has(tok, _ARMED_WORDS | _MILITARY_WORDS) or any(
        idx.actors[key].sector in _ARMED_SECTORS for key in actors
    )


# What makes a strike a stoppage of work: "on strike", "a general strike", a union or workers in the sentence.
_LABOUR_STRIKE = {
    *["hunger", "general", "labour", "labor", "sit-in", "sit-down", "token", "wildcat", "work", "warning"],
    *["worker", "union", "employee", "wage", "pay", "staff", "teacher", "doctor", "nurse", "lecturer"],
    *["driver", "miner", "pilot", "picket", "walkout", "salary", "pension", "bandh", "hartal", "shutdown"],
}


def _armed_strike(tok: Token, sources: list[str], idx: ActorIndex) -> bool:
    """Whether the noun "strike" is one by arms: done by soldiers or fighters, or aimed "on"/"against"
    something in a sentence of weapons or war; never one that people go "on", nor among workers."""
    r, _head, prep = governor(tok)
    if (r == "prep" and prep == "on") or _sentence_has(tok, _LABOUR_STRIKE):
        return False
    if any(idx.actors[key].sector in _ARMED for key in sources):
        return True
    aimed = any(r2 == "prep" and p2 in ("on", "against") for r2, _, p2 in args(tok))
    return aimed and _sentence_has(tok, _ARMED_WORDS | _MILITARY_WORDS | {"air", "drone", "target", "death"})


def _sentence_has(tok: Token, words: set[str]) -> bool:
    lemmas = {t.lemma_.lower() for t in sentence(tok)}
    return bool((lemmas | {w[:-1] for w in lemmas if w.endswith("s")}) & words)


_TALKERS = {"GOV", "LEG", "JUD", "OPP", "BUS", "LAB", "EDU", "MED", "JRN", "REL", "IGO"}


def _war_of_words(tok: Token, actors: list[str], idx: ActorIndex) -> bool:
    """A clash over a topic, or between people and institutions that argue rather than shoot, with
    nothing armed in the sentence ("the judge clashed with ministers", "fought over the budget")."""
    if _armed_context(tok, actors, idx):
        return False
    if any(r == "prep" and prep in ("over", "about") for r, _, prep in args(tok)):
        return True
    if tok.lemma_.lower() == "fight" and any(r == "obj" and not idx.refer(c) for r, c, _ in args(tok)):
        return True  # "airlines are fighting this (legislation)"
    parties = [idx.actors[key] for key in actors]
    # countries and their governments at odds are not "talkers": "Russia attacked Ukraine" stays an attack
    return bool(parties) and all(a.kind == "person" or (a.kind != "state" and a.sector in _TALKERS) for a in parties)


_PRESS = {
    *["reporter", "journalist", "newspaper", "paper", "radio", "television", "tv", "broadcaster", "press"],
    *["media", "channel", "programme", "program", "show", "podcast", "newsletter", "magazine", "agency"],
}


def _to_the_press(tok: Token, targets: list[str], idx: ActorIndex) -> bool:
    """Whether the partner spoken to is the news media (by its sector, or by what the phrase is)."""

    def press(keys: list[str]) -> bool:
        return bool(keys) and all(idx.actor(key).sector == "JRN" for key in keys)

    if press(targets):
        return True
    for r, c, prep in args(tok):
        if r == "prep" and prep == "to":
            owners = [x for x in c.children if rel(x) == "poss"]
            words = {c.lemma_.lower(), *(x.lemma_.lower() for x in owners)}
            if words & _PRESS or press([key for x in owners for key in idx.refer(x)]):
                return True
    return False


_MUNITIONS = {
    *["shot", "round", "rocket", "missile", "shell", "bullet", "gun", "weapon", "gas", "salvo", "mortar"],
    *["grenade", "artillery", "volley", "projectile", "drone", "torpedo", "flare", "cannon", "canister"],
}


def _not_shooting(tok: Token) -> bool:
    """ "fired up", and a fired person: the passive of fire with no munition as its subject."""
    if any(rel(c) == "prt" and c.lower_ == "up" for c in tok.children):
        return True
    if not is_passive(tok) or any(r == "prep" and prep in ("at", "on", "into") for r, _, prep in args(tok)):
        return False
    held = [c for c in tok.children if rel(c) == "nsubjpass"]
    return not any(x.lemma_.lower().rstrip("s") in _MUNITIONS for c in held for x in c.subtree)


def _insisted_act(tok: Token) -> bool:
    """ "insisted on talks", "insists that NATO withdraw" or "must withdraw" demand an act;
    "insists it is anti-Tory" or "insisted that they had acted" only claim something."""
    if any(r == "prep" and prep == "on" for r, _, prep in args(tok)):
        return True
    clause = next((c for c in tok.children if rel(c) == "ccomp"), None)
    if clause is None:
        return False
    auxes = [a.lower_ for a in clause.children if rel(a) in ("aux", "auxpass")]
    # an obligation modal, or a bare subjunctive ("that NATO withdraw")
    return bool(set(auxes) & (_OBLIGATION | {"need"})) or (clause.tag_ == "VB" and not auxes)


def _not_an_act(
    tok: Token, sense: Trigger, sources: list[str], targets: list[str], idx: ActorIndex, k: Knowledge
) -> bool:
    """Senses the parse shows to be no political act: showing rather than demonstrating, a guilty plea,
    speaking with nobody, "not ready" for nothing in particular, market demand, funding with no
    recipient, "2,000 jobs are threatened" (a passive with no agent, said of things rather than
    actors), "the election, expected to be called for 5 May". Each test names its example."""
    kids = list(tok.children)
    lemma = sense.lemma
    shown = any(rel(c) in ("obj", "ccomp") for c in kids)
    shown = shown or any(r == "agent" or prep == "to" for r, _, prep in args(tok))
    if lemma == "demonstrate" and (shown or is_passive(tok)):
        return True  # "demonstrates that the party is ready", "as demonstrated by", "to people": showing
    if tok.lower_ == "promising" and (tok.tag_ == "JJ" or (tok.head.i > tok.i and tok.head.pos_ in ("NOUN", "PROPN"))):
        return True  # "a promising hurdler"
    if lemma == "plead" and any(c.lower_ in ("guilty", "innocent") for c in tok.subtree):
        return True  # "pleaded guilty to charges": a plea in court, not an appeal to anyone
    if lemma == "hostility" and tok.lower_ == "hostility":
        return True  # "the party's hostility to Europe" is an attitude; "hostilities" are fighting
    expletive = any(rel(c) == "nsubj" and c.lower_ == "it" for c in kids)
    if tok.lower_ == "striking" and (tok.tag_ == "JJ" or expletive or any(rel(c) == "cop" for c in kids)):
        return True  # "it is striking that …": remarkable, not a strike
    if lemma in ("speak", "talk") and _verbal(tok) and len(sources) < 2 and not targets:
        return True  # "Speaking after the vote, X said", "talked about the manifesto": no partner
    if lemma in ("speak", "talk") and _to_the_press(tok, targets, idx):
        return True  # "speaking to the BBC's Westminster Hour", "told reporters": an interview
    if lemma == "fire" and _not_shooting(tok):
        return True  # "fired up about the election", "the minister was fired"
    if lemma == "insist" and not _insisted_act(tok):
        return True  # "Labour insists it is simply anti-Tory": a claim, not a demand
    if tok.lower_.startswith("aide") and lemma == "aid":
        return True  # "their aides" (the lemmatizer's "aid")
    if sense.pos == "A" and not any(rel(c) == "xcomp" for c in kids):
        # "ready to talk", "ready for talks" offer something; "the councils are not ready" does not
        return not any(r == "prep" and prep == "for" and match_trigger(c, k) for r, c, prep in args(tok))
    if lemma == "call" and sense.particle == "on" and not targets and not any(rel(c) == "xcomp" for c in kids):
        return True  # "customers calling on the move": nobody is called on to do anything
    if lemma == "fund" and not targets:
        return True  # "improvements to be funded by the council": spending, not aid to anyone
    if lemma == "demand" and tok.pos_ == "NOUN" and not sources and not targets:
        return True  # "domestic demand", "demand for energy": the market's, not a demander's
    if sources:
        return False
    if lemma in ("offer", "provide") and any(rel(c) == "nsubj" and c.pos_ != "PRON" and not idx.refer(c) for c in kids):
        return True  # "a prolonged trade war offers Trump some advantages": things offer nothing
    if sense.lemma == "threaten" and any(c.dep_ in ("auxpass", "aux:pass") for c in kids):
        patients = [c for c in kids if rel(c) == "nsubjpass"]
        return bool(patients) and not any(idx.refer(c) for c in patients)
    if sense.lemma == "call" and sense.particle == "for":
        dated = [c for r, c, prep in args(tok) if r == "prep" and prep == "for"]
        return bool(dated) and all(c.like_num or _is_month(c) or c.ent_type_ == "DATE" for c in dated)
    return False


def _dedupe(keys: list[str]) -> list[str]:
    seen: list[str] = []
    for key in keys:
        if key not in seen:
            seen.append(key)
    return seen
