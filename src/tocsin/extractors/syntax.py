"""Dependency access that reads both label schemes Tocsin meets.

The bundled pipeline is trained on Universal Dependencies (``obj``, ``obl`` + ``case``,
``nmod:poss``, ``nsubj:pass``, copula as a dependent); spaCy's packaged English pipelines use
ClearNLP labels (``dobj``, ``prep`` -> ``pobj``, ``poss``, ``nsubjpass``, ``agent``). Extractors ask
these helpers instead of reading ``dep_`` directly, so either model works.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from spacy.tokens import Doc, Span, Token

_REL = {
    "dobj": "obj",
    "obj": "obj",
    "iobj": "iobj",
    "nsubj": "nsubj",
    "nsubjpass": "nsubjpass",
    "nsubj:pass": "nsubjpass",
    "csubj": "csubj",
    "poss": "poss",
    "nmod:poss": "poss",
    "prt": "prt",
    "compound:prt": "prt",
    "relcl": "relcl",
    "acl:relcl": "relcl",
    "auxpass": "auxpass",
    "aux:pass": "auxpass",
    "neg": "neg",
    "appos": "appos",
    "amod": "amod",
    "compound": "compound",
    # GUM's descriptive modifier: "Defence Secretary" in "British Defence Secretary Tom King"
    "nmod:desc": "compound",
    "nmod:unmarked": "npmod",
    "obl:unmarked": "npmod",
    "advcl:relcl": "relcl",
    "det:predet": "det",
    "nummod": "nummod",
    "det": "det",
    "npadvmod": "npmod",
    "obl:npmod": "npmod",
    "nmod:npmod": "npmod",
    "xcomp": "xcomp",
    "ccomp": "ccomp",
    "advcl": "advcl",
    "acl": "acl",
    "conj": "conj",
    "parataxis": "parataxis",
    "aux": "aux",
    "cop": "cop",
    "mark": "mark",
    "case": "case",
    "advmod": "advmod",
    "acomp": "acomp",
    "attr": "attr",
    "ROOT": "root",
    "root": "root",
    "flat": "flat",
    "fixed": "fixed",
}
_OBLIQUE = {"obl", "nmod", "obl:tmod", "nmod:tmod", "obl:agent", "obl:arg"}
_NEG_WORDS = {"not", "n't", "never", "no"}


def rel(tok: Token) -> str:
    """Scheme-neutral relation of ``tok`` to its syntactic head, with the parser's impossible labels
    read as what English allows (see :func:`_repaired`)."""
    dep = tok.dep_
    if dep in _REPAIRABLE:
        dep = _repaired(tok, dep)
    if dep in _OBLIQUE:
        return "agent" if dep == "obl:agent" else "prep"
    if dep == "pobj":
        return "pobj"
    if dep == "advmod" and tok.lower_ in _NEG_WORDS:
        return "neg"
    return _REL.get(dep, dep)


_REPAIRABLE = {"obj", "dobj", "iobj", "appos", "nsubj:pass", "nsubjpass"}
_PASSIVE_MARKS = {"aux:pass", "auxpass"}


def _repaired(tok: Token, dep: str) -> str:
    """Labels the parser gives that no English clause has, read as the relation they stand for:

    - an object with a preposition of its own is an oblique ("held talks [with the Irish premier]"
      parsed with the premier as the object of "held");
    - an apposition of a verb is its object ("Duterte meets [Chinese President Xi]");
    - a passive subject of a participle with neither a passive auxiliary nor the passive's lack of an
      object is the subject of an active past tense ("a suicide bomber killed six people" read as
      "bomber [was] killed"); headlines ("Six killed in blast") have no object and stay passive;
    - a second object after an -ing word is that word's, not the verb's (:func:`_gerunds_object`).
    """
    if dep in ("obj", "dobj", "iobj"):
        if tok.n_lefts and _stray_case(tok) is not None:
            return "obl"
        if dep != "iobj" and _gerunds_object(tok):
            return "dep"
        return dep
    head = tok.head
    if dep == "appos":
        if head.pos_ == "VERB" and head.i < tok.i and not any(c.dep_ in ("obj", "dobj") for c in head.children):
            return "obj"
        return dep
    deps = [(c.dep_, c.i) for c in head.children] if head.tag_ in ("VBD", "VBN") else []
    active = any(d in ("obj", "dobj") and i > head.i for d, i in deps)
    if active and not any(d in _PASSIVE_MARKS for d, _ in deps):
        return "nsubj"
    return dep


def _once_per_token(tok: Token, key: str, read: Callable[[Token], Any]) -> Any:
    """``read(tok)``, computed once per token and kept on the Doc (dropped by :func:`release`)."""
    doc = tok.doc
    cache = doc.user_data.get(key)
    if cache is None or cache[0] != len(doc):
        cache = (len(doc), {})
        doc.user_data[key] = cache
    known: dict[int, Any] = cache[1]
    found = known.get(tok.i)
    if found is None:
        found = known[tok.i] = read(tok)
    return found


def kids(tok: Token) -> list[Token]:
    """``list(tok.children)``, read once per token: spaCy makes new ``Token`` objects for the children
    on every access, and the role rules ask for the same token's children many times."""
    return _once_per_token(tok, "tocsin_kids", lambda t: list(t.children))


def case_of(tok: Token) -> str | None:
    """The preposition marking a UD oblique/nominal modifier (``case`` or ``mark`` child)."""
    for c in kids(tok):
        if c.dep_ in ("case", "mark") and c.pos_ in ("ADP", "SCONJ", "PART") and c.lower_ not in ("'s", "’s", "'"):
            return c.lower_
    if tok.dep_ in ("obj", "dobj", "iobj"):
        stray = _stray_case(tok)
        return stray.lower_ if stray is not None else None
    return None


def _gerunds_object(tok: Token) -> bool:
    """A second object of one verb that follows an -ing word is that word's object ("accused Vilnius of
    mistreating [the migrants]", with "mistreating" read as a noun): a verb has one direct object."""
    doc = tok.doc
    before = tok.left_edge.i - 1
    if before <= tok.head.i or not doc[before].lower_.endswith("ing"):
        return False
    return any(c.dep_ in ("obj", "dobj") and c.i < tok.i for c in tok.head.children)


def _stray_case(tok: Token) -> Token | None:
    """A preposition opening the phrase of ``tok`` but hung on one of its modifiers ("with" in "[with
    the Irish premier] Leo Varadkar", where the parser made "premier" carry it)."""
    first = tok.left_edge
    if first.i == tok.i or first.tag_ not in ("IN", "TO") or first.dep_ != "case":
        return None
    return first if first.head.i == tok.i or first.head.head.i == tok.i else None


def args(tok: Token) -> list[tuple[str, Token, str | None]]:
    """Arguments of ``tok`` as ``(relation, head of argument, preposition)``.

    Prepositional arguments come out as ``("prep", noun, "with")`` in both schemes; passive
    agents as ``("agent", noun, "by")``; clauses introduced by a preposition ("accused X of
    planning") as ``("prep", verb, "of")``. Read once per token: the role rules ask for the same
    token's arguments many times.
    """
    return _once_per_token(tok, "tocsin_args", lambda t: list(_read_args(t)))


def _read_args(tok: Token) -> Iterator[tuple[str, Token, str | None]]:
    passive = is_passive(tok)
    for c in kids(tok):
        dep = c.dep_
        if dep in _REPAIRABLE:
            dep = _repaired(c, dep)
        if dep == "prep":
            for g in kids(c):
                if g.dep_ in ("pobj", "pcomp"):
                    yield "prep", g, c.lower_
        elif dep == "agent":
            for g in kids(c):
                if g.dep_ == "pobj":
                    yield "agent", g, "by"
        elif dep in _OBLIQUE:
            prep = case_of(c)
            if dep == "obl:agent" or (passive and prep == "by"):
                yield "agent", c, "by"
            else:
                yield "prep", c, prep
        elif (
            dep in ("advcl", "acl")
            and (m := case_of(c))
            and m not in ("to", "that", "if", "unless", "because", "as", "while", "when")
        ):
            yield "prep", c, m
        else:
            yield rel(c), c, None


def governor(tok: Token) -> tuple[str, Token, str | None]:
    """The semantic head of ``tok``, skipping ClearNLP preposition nodes: ``(relation, head, prep)``."""
    dep = tok.dep_
    if dep in _REPAIRABLE:
        dep = _repaired(tok, dep)
    head = tok.head
    if dep in ("pobj", "pcomp") and head.dep_ in ("prep", "agent") and head.head.i != head.i:
        return ("agent" if head.dep_ == "agent" else "prep"), head.head, head.lower_
    if dep in _OBLIQUE:
        return ("agent" if dep == "obl:agent" else "prep"), head, case_of(tok)
    if (
        dep in ("advcl", "acl")
        and (m := case_of(tok))
        and m not in ("to", "that", "if", "unless", "because", "as", "while", "when")
    ):
        return "prep", head, m
    return rel(tok), head, None


def subjects(tok: Token) -> list[Token]:
    return [c for c in kids(tok) if rel(c) in ("nsubj", "csubj")]


def objects(tok: Token) -> list[Token]:
    return [c for c in kids(tok) if rel(c) in ("obj", "iobj")]


def possessors(tok: Token) -> list[Token]:
    return [c for c in kids(tok) if rel(c) == "poss"]


def is_passive(tok: Token) -> bool:
    return any(rel(c) in ("nsubjpass", "auxpass") for c in kids(tok))


def negated(tok: Token) -> Token | None:
    """The negator of ``tok``: "not", "no talks", or "no" on a passive subject ("no shots were fired")."""
    for c in kids(tok):
        if rel(c) == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
            return c
        if rel(c) == "nsubjpass":
            no = next((d for d in kids(c) if d.dep_ == "det" and d.lower_ == "no"), None)
            if no is not None:
                return no
    return None


#: Day and month names, lower-cased: time words that are never a name, a place or an actor.
WEEKDAYS = frozenset(d.lower() for d in calendar.day_name)
MONTHS = frozenset(m.lower() for m in calendar.month_name if m)


def particles(tok: Token) -> set[str]:
    """Particles and prepositions attached to ``tok`` ("call *for*", "pull *out*")."""
    out = {c.lower_ for c in kids(tok) if rel(c) in ("prt",) or c.dep_ == "prep"}
    # a time is no particle: "called Erdogan on Friday to convey support" is no "call on"
    out.update(p for _, c, p in args(tok) if p and not (c.ent_type_ in ("DATE", "TIME") or c.lower_ in WEEKDAYS))
    out.update(c.lower_ for c in kids(tok) if rel(c) == "obj")
    return out


def predicate_of_copula(tok: Token) -> Token | None:
    """For a subject of "X is imminent": the predicate ("imminent") in either scheme."""
    head = tok.head
    if rel(tok) != "nsubj":
        return None
    if head.lemma_ == "be":
        return next((c for c in kids(head) if rel(c) in ("acomp", "attr")), None)
    if any(c.dep_ == "cop" for c in kids(head)):
        return head
    return None


def sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, computed once per Doc: every extractor walks the sentences, and spaCy
    rebuilds them from the token flags on each ``doc.sents``."""
    cache = doc.user_data.get("tocsin_sents")
    if cache is None or (cache and cache[-1].end != len(doc)):
        cache = list(doc.sents)
        doc.user_data["tocsin_sents"] = cache
    return cache


class Columns(NamedTuple):
    """A Doc's tokens and the attributes the extractors filter on, read once per Doc.

    spaCy makes a new ``Token`` object on every ``doc[i]`` and every step through a ``Span``, and each
    attribute read goes back through the string store; the extractors scan every token several times
    to find the few that matter (triggers, numbers, reporting verbs). Filtering on these lists first
    and touching ``Token`` objects only for the candidates is what keeps extraction cheap beside the
    parse.
    """

    tokens: Tokens
    text: list[str]
    lower: list[str]
    lemma: list[str]  # lower-cased
    pos: list[str]
    tag: list[str]
    dep: list[str]


class Tokens:
    """``doc[i]`` made once and only when asked for: the extractors touch a few candidates, not all."""

    __slots__ = ("_doc", "_made")

    def __init__(self, doc: Doc) -> None:
        self._doc = doc
        self._made: dict[int, Token] = {}

    def __len__(self) -> int:
        return len(self._doc)

    def __getitem__(self, i: int) -> Token:
        tok = self._made.get(i)
        if tok is None:
            tok = self._made[i] = self._doc[i]
        return tok


def columns(doc: Doc) -> Columns:
    """The cached :class:`Columns` of ``doc``."""
    cache = doc.user_data.get("tocsin_columns")
    if cache is None or len(cache.tokens) != len(doc):
        cache = _read_columns(doc)
        doc.user_data["tocsin_columns"] = cache
    return cache


def _read_columns(doc: Doc) -> Columns:
    if not len(doc):
        return Columns(Tokens(doc), [], [], [], [], [], [])
    import numpy as np
    from spacy.attrs import DEP, LEMMA, LOWER, ORTH, POS, TAG

    # one array read and one string look-up per distinct value: a news article has a few hundred
    # distinct values per column, and reading them token by token cost twice as much
    table = doc.to_array([ORTH, LOWER, LEMMA, POS, TAG, DEP])
    distinct, inverse = np.unique(table, return_inverse=True)
    strings = doc.vocab.strings
    names = [strings[int(h)] for h in distinct]
    rows = inverse.reshape(table.shape).T
    text, lower, _, pos, tag, dep = np.array(names, dtype=object)[rows].tolist()
    lemma = np.array([n.lower() for n in names], dtype=object)[rows[2]].tolist()
    return Columns(Tokens(doc), text, lower, lemma, pos, tag, dep)


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy joins every token again on each access."""
    cache = doc.user_data.get("tocsin_text")
    if cache is None or len(cache) != (doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0):
        cache = _joined(doc)
        doc.user_data["tocsin_text"] = cache
    return cache


def entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, made once per Doc: spaCy builds every entity span again on each access. The
    extractors only read the entities the pipeline set."""
    cache = doc.user_data.get("tocsin_ents")
    if cache is None or cache[0] != len(doc):
        cache = (len(doc), tuple(doc.ents))
        doc.user_data["tocsin_ents"] = cache
    return cache[1]


def entity_at(tok: Token) -> Span | None:
    """The entity ``tok`` is part of, from a per-Doc index of :func:`entities`."""
    doc = tok.doc
    index = doc.user_data.get("tocsin_entity_at")
    if index is None or len(index) != len(doc):
        index = [None] * len(doc)
        for ent in entities(doc):
            index[ent.start : ent.end] = [ent] * len(ent)
        doc.user_data["tocsin_entity_at"] = index
    return index[tok.i]


#: The per-Doc caches that hold ``Token`` and ``Span`` objects, each of which holds its Doc.
_DOC_CACHES = ("tocsin_columns", "tocsin_kids", "tocsin_args", "tocsin_entity_at", "tocsin_ents", "tocsin_sents")


def release(doc: Doc) -> None:
    """Drop the caches that tie a Doc to itself: left in place they make every Doc a reference cycle,
    freed only by the cyclic garbage collector, which then walks all of them again and again."""
    for key in _DOC_CACHES:
        doc.user_data.pop(key, None)


def span_text(span: Span) -> str:
    """``span.text`` as a slice of the Doc's cached text: spaCy joins the span's tokens on each access."""
    return text_of(span.doc)[span.start_char : span.end_char]


def _joined(doc: Doc) -> str:
    """``doc.text`` from the word and trailing-space arrays: spaCy's makes a ``Token`` per word."""
    from spacy.attrs import ORTH, SPACY

    if not len(doc):
        return ""
    strings = doc.vocab.strings
    table = doc.to_array([ORTH, SPACY]).tolist()
    return "".join([strings[w] + " " if s else strings[w] for w, s in table])


def sentence(tok: Token) -> Span:
    """``tok.sent`` in constant time: spaCy's ``Token.sent`` rescans the document on every call, which
    makes per-token lookups quadratic on long texts. The boundaries are cached on the Doc."""
    doc = tok.doc
    cache = doc.user_data.get("tocsin_sent_bounds")
    if cache is None or len(cache) != len(doc):
        cache = [(0, 0)] * len(doc)
        for sent in sentences(doc):
            for i in range(sent.start, sent.end):
                cache[i] = (sent.start, sent.end)
        doc.user_data["tocsin_sent_bounds"] = cache
    start, end = cache[tok.i]
    return doc[start:end]


def stray_infinitive(tok: Token) -> bool:
    """A bare infinitive the parser joined to a past or third-person verb ("spoke with Johnson … and
    withdraw his troops"): the two cannot share a subject, and it reports no past act. VBP is left out:
    "ridicule … and accuse" is a plural present the tagger may call VB."""
    return (
        rel(tok) == "conj"
        and tok.tag_ == "VB"
        and tok.head.tag_ in ("VBD", "VBZ")
        and not any(c.dep_.startswith("aux") or rel(c) in ("nsubj", "mark") for c in kids(tok))
    )
