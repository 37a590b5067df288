"""Means of violence: the weapon, vehicle or method an attack's clause names, and what it makes the code.

"An Israeli air strike killed five people", "a roadside bomb killed three soldiers", "police fired tear
gas at protesters": the verb says only that someone was attacked; the means say how, which is what
CAMEO's codes 175, 183x, 190-195 and 204x and PLOVER's ASSAULT modes record. The words are read from
the attack's own clause — the trigger's dependents (subject, objects, instruments, compounds), not
those of relative or reported clauses — and, for a participle or a noun that has no clause of its
own ("…, killing 12", "carried out air strikes"), from the clause it belongs to. The table of words
is knowledge data (``means.tsv``), in priority order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from ..knowledge import Knowledge
from .syntax import rel, subjects

# Dependents that open another clause: their words describe something else ("troops who fired rockets").
_OTHER_CLAUSE = {"relcl", "acl:relcl", "ccomp", "parataxis", "csubj", "advcl:relcl"}
# How a word without a clause of its own hangs on the clause whose means it shares.
_SHARED = {"advcl", "xcomp", "conj", "obj", "nsubj", "nsubjpass", "prep", "pobj", "acl"}
_VERBS = ("VERB", "AUX")


@dataclass(frozen=True, slots=True)
class Means:
    phrase: str  # as the table writes it: "air strike"
    mode: str  # PLOVER ASSAULT mode
    cameo: str | None  # the code a generic attack becomes, None to keep it
    start: int  # the first word's token index
    end: int


def find_means(trigger: Token, k: Knowledge) -> Means | None:
    """The highest-priority means named in ``trigger``'s clause, or ``None``."""
    if not k.means:
        return None
    words = _clause_words(trigger)
    if not words:
        return None
    # a lone adjective is figurative ("an explosive clash"); in a phrase it is the means ("chemical weapons")
    forms = [_forms(t) for t in words]
    nominal = [t.pos_ != "ADJ" for t in words]
    present = set().union(*forms)
    for phrase, mode, cameo in k.means:
        parts = _parts(phrase)
        if parts[0] not in present:
            continue
        n = len(parts)
        for j in range(len(words) - n + 1):
            if n == 1 and not nominal[j]:
                continue
            if all(parts[m] in forms[j + m] for m in range(n)) and words[j + n - 1].i - words[j].i <= 2 * (n - 1):
                return Means(" ".join(phrase), mode, cameo, words[j].i, words[j + n - 1].i + 1)
    return None


@cache
def _parts(phrase: tuple[str, ...]) -> tuple[str, ...]:
    # "small-arm" is written as one word in the table and is three tokens in the text; hyphens are skipped
    return tuple(w for word in phrase for w in word.split("-") if w)


def _forms(t: Token) -> set[str]:
    low = t.lower_
    out = {t.lemma_.lower(), low}
    if low.endswith("s") and len(low) > 3:
        out.add(low[:-1])  # a plural the lemmatizer left alone ("IEDs", "UAVs")
    return out


def _clause_words(trigger: Token) -> list[Token]:
    """The words of ``trigger``'s clause (and of the clause it shares, see the module text), in order."""
    heads = [trigger]
    t = trigger
    for _ in range(2):
        r = rel(t)
        own_subject = bool(subjects(t)) if t.pos_ in _VERBS else False
        if t.head.i == t.i or r not in _SHARED or (own_subject and r not in ("obj", "prep", "pobj")):
            break
        if t.pos_ in _VERBS and r in ("obj", "nsubj", "nsubjpass"):
            break  # a clause as an argument ("ordered to fire") is its own act
        t = t.head
        heads.append(t)
        if t.pos_ in _VERBS:
            break
    seen: dict[int, Token] = {}
    for h in heads:
        stack = [h]
        while stack:
            x = stack.pop()
            if x.i in seen:
                continue
            seen[x.i] = x
            for c in x.children:
                other_act = c.dep_ in _OTHER_CLAUSE or (rel(c) in ("conj", "advcl") and c.pos_ in _VERBS)
                if other_act and all(c.i != y.i for y in heads):
                    continue
                stack.append(c)
    return [seen[i] for i in sorted(seen) if seen[i].text != "-" and not seen[i].is_space]
