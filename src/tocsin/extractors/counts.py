"""Numbers with what they count and how sure the text is: "more than 150,000 Russian personnel"."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from ..models import Count, Evidence, Place
from .actors import ActorIndex
from .hygiene import Layout
from .syntax import args, columns, sentences, span_text, text_of

#: Number words, shared with the date resolver ("two weeks ago").
WORD_NUMS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "dozen": 12,
    "dozens": 24,
    "hundreds": 200,
    "thousands": 2000,
    "scores": 40,
    "a": 1,
    "an": 1,
}
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "k": 1e3, "m": 1e6, "bn": 1e9}
_QUALIFIERS = [
    ("more_than", ("more than", "over", "at least", "upwards of", "in excess of", "no fewer than", "no less than")),
    ("less_than", ("less than", "fewer than", "under", "up to", "at most", "nearly", "almost", "just under")),
    (
        "about",
        ("about", "around", "roughly", "approximately", "some", "an estimated", "estimated", "nearly", "close to"),
    ),
]
_CATEGORIES = {
    "troops": {"troop", "soldier", "personnel", "serviceman", "servicemen", "force", "reservist", "fighter"},
    "killed": {"dead", "death", "killed", "life", "lives", "fatality", "body", "casualty"},
    "injured": {"injured", "wounded", "injury", "hurt"},
    "arrested": {"arrested", "detained", "arrest", "detainee", "prisoner"},
    "displaced": {"refugee", "displaced", "evacuee", "fled", "evacuated"},
    "attacks": {
        "attack",
        "strike",
        "shelling",
        "explosion",
        "violation",
        "bombardment",
        "airstrike",
        "raid",
        "incident",
    },
    "weapons": {"tank", "missile", "rocket", "shell", "drone", "jet", "aircraft", "gun", "vehicle"},
    "duration": {"minute", "hour", "day", "week", "month", "year"},
    "money": {"dollar", "euro", "pound", "rouble", "ruble", "$", "€", "£"},
    "people": {
        "people",
        "person",
        "civilian",
        "resident",
        "protester",
        "demonstrator",
        "child",
        "woman",
        "man",
        "worker",
    },
}
_KILL_VERBS = {"kill", "claim", "die", "lose", "cost"}
_AGE = re.compile(r"\b(\d{1,3})-year-old\b")
_DURATION = re.compile(r"\b(\d+)-(minute|hour|day|week|month|year)\b")


def parse_number(text: str) -> float | None:
    """``"30,000"`` -> 30000, ``"1.5 million"`` -> 1.5e6, ``"hundreds"`` -> 200; ``None`` if not a number."""
    t = text.strip().lower().replace(",", "")
    if not t:
        return None
    parts = t.split()
    value: float | None = None
    scale = 1.0
    for p in parts:
        if p in _SCALE:
            scale *= _SCALE[p]
            continue
        m = re.fullmatch(r"[$€£]?(\d+(?:\.\d+)?)(k|m|bn)?", p)
        if m:
            value = float(m.group(1))
            if m.group(2):
                scale *= _SCALE[m.group(2)]
        elif p in WORD_NUMS:
            value = float(WORD_NUMS[p]) if value is None else value * WORD_NUMS[p]
        else:
            return None
    if value is None:
        return None
    result = value * scale
    return result if result == result and result < 1e15 else None


_MULTITUDES = ("hundreds", "thousands", "dozens", "scores")


def find_counts(doc: Doc, idx: ActorIndex, lay: Layout, places: list[Place]) -> list[Count]:
    out: list[Count] = []
    sents = sentences(doc)
    text = text_of(doc)
    place_starts = [p.start for p in places]  # places come in text order
    col = columns(doc)
    numbers = [
        i
        for i, (dep, low) in enumerate(zip(col.dep, col.lower, strict=True))
        if dep == "nummod" or (low in _MULTITUDES and dep in ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "ROOT"))
    ]
    for n, sent in enumerate(sents):
        if not lay.starts_in_body(sent.start_char):
            continue
        sent_text = text[sent.start_char : sent.end_char]
        for m in _AGE.finditer(sent_text):
            s = sent.start_char + m.start()
            out.append(
                _count(
                    float(m.group(1)), "exact", "year", "age", text[s : s + len(m.group(0))], s, n, sent, "count:age"
                )
            )
        for m in _DURATION.finditer(sent_text):
            s = sent.start_char + m.start()
            out.append(
                _count(float(m.group(1)), "exact", m.group(2), "duration", m.group(0), s, n, sent, "count:duration")
            )
        lo = bisect.bisect_left(numbers, sent.start)
        for i in numbers[lo : bisect.bisect_left(numbers, sent.end, lo)]:
            tok = col.tokens[i]
            if "-" in tok.text or (i + 1 < len(doc) and col.lower[i + 1] == "-"):
                continue
            num_toks = [t for t in tok.subtree if t.like_num or t.lower_ in _SCALE or t.lower_ in WORD_NUMS] or [tok]
            num_toks = [t for t in num_toks if t.i <= tok.i + 1]
            value = parse_number(" ".join(t.text for t in num_toks))
            if value is None:
                continue
            if tok.dep_ == "nummod":
                noun = tok.head
            else:
                pobj = next((c for r, c, prep in args(tok) if r == "prep" and prep == "of"), None)
                if pobj is None:
                    continue
                noun = pobj
            qual = _qualifier(doc, min(t.i for t in num_toks))
            if tok.lower_ in _MULTITUDES:
                qual = "approximate"
            category = _category(noun)
            start = doc[min(t.i for t in num_toks)].idx
            end = noun.idx + len(noun)
            actor_keys = _actor_for(noun, idx)
            place = _first_place_in(places, place_starts, sent.start_char, sent.end_char)
            c = _count(value, qual, noun.lemma_.lower(), category, text[start:end], start, n, sent, "count:nummod")
            out.append(
                Count(
                    **{
                        **{f: getattr(c, f) for f in Count.__slots__},
                        "actor": idx.actor(actor_keys[0]) if actor_keys else None,
                        "place": place if category in ("troops", "killed", "injured", "displaced", "attacks") else None,
                    }
                )
            )
    return out


def _count(
    value: float, qual: str, unit: str | None, category: str, text: str, start: int, n: int, sent, rule: str
) -> Count:
    return Count(
        value=value,
        qualifier=qual,
        unit=unit,
        category=category,
        text=text,
        start=start,
        end=start + len(text),
        evidence=Evidence(n, sent.start_char, sent.end_char, span_text(sent).strip(), text, rule),
    )


def _qualifier(doc: Doc, i: int) -> str:
    before = doc[max(0, i - 4) : i].text.lower()
    for name, cues in _QUALIFIERS:
        if any(before.endswith(c) for c in cues):
            return name
    return "exact"


def _category(noun: Token) -> str:
    lemma = noun.lemma_.lower()
    low = noun.lower_
    if (lemma in ("life",) or low == "lives") and noun.head.lemma_ in _KILL_VERBS:
        return "killed"
    # the lemmatizer sometimes leaves plurals ("troops") as they are: try the plain singular too
    forms = {lemma, low, low[:-1] if low.endswith("s") else low, low[:-2] if low.endswith("es") else low}
    for cat, words in _CATEGORIES.items():
        if forms & words:
            if cat in ("people", "troops"):
                # "killed 5 soldiers": what happened to them, not who they are, is the count's category
                verbs = {a.lemma_ for a in noun.ancestors}
                if verbs & {"kill", "die"}:
                    return "killed"
                if verbs & {"injure", "wound"}:
                    return "injured"
                if verbs & {"arrest", "detain"}:
                    return "arrested"
                if verbs & {"flee", "displace", "evacuate"}:
                    return "displaced"
            return cat
    return "other"


def _actor_for(noun: Token, idx: ActorIndex) -> list[str]:
    keys = idx.refer(noun)
    if keys:
        return keys
    for c in noun.children:
        if c.dep_ in ("amod", "compound", "nmod:desc", "poss"):
            iso, org = idx._country_org_of(c)
            if iso or org:
                for key, b in idx.actors.items():
                    if b.country == iso and (org is None or b.org == org):
                        return [key]
    return []


def _first_place_in(places: list[Place], starts: list[int], lo: int, hi: int) -> Place | None:
    i = bisect.bisect_left(starts, lo)
    return places[i] if i < len(places) and starts[i] < hi else None
