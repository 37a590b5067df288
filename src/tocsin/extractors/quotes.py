"""Direct, partial and indirect quotes with their speakers.

Quote spans come from the characters (straight and curly quotes, possibly across sentences); the
speaker is the subject of the reporting verb in the sentence that carries the quote (or the next
one for a quote that ends a sentence without attribution), or the X of "according to X"; pronouns
and institutions resolve through the article's actors.
"""

from __future__ import annotations

import bisect
import re
from itertools import islice

from spacy.tokens import Doc, Span, Token

from ..models import Evidence, Quote
from .actors import ActorIndex
from .factuality import SPEECH, according_to
from .hygiene import Layout
from .syntax import columns, sentences, span_text, subjects, text_of

_QUOTE = re.compile(r"“([^”]{2,})”|\"([^\"]{2,})\"|‘([^’]{6,}?)’(?![a-z])")
_CUES = SPEECH | {"ask", "reply", "respond", "explain", "stress", "underscore", "emphasise", "emphasize", "dub", "call"}


def find_quotes(doc: Doc, idx: ActorIndex, lay: Layout) -> list[Quote]:
    text = text_of(doc)
    quotes: list[Quote] = []
    covered: list[tuple[int, int]] = []
    sents = sentences(doc)
    sent_no = {s.start: n for n, s in enumerate(sents)}
    for m in _QUOTE.finditer(text):
        start, end = m.span()
        if not lay.in_body(start, end) and not lay.starts_in_body(start):
            continue
        inner = next(g for g in m.groups() if g is not None)
        sent = _sentence_at(sents, start)
        if sent is None:
            continue
        last = _sentence_at(sents, end - 1) or sent
        cue, speaker_tok = _surface_attribution(doc, end)
        if cue is None:
            cue, speaker_tok = _attribution(last, start, end)
        if cue is None and last is not sent:
            cue, speaker_tok = _attribution(sent, start, end)
        kind = "direct" if _is_whole_clause(sent, start, end) else "partial"
        speaker_keys = idx.refer(speaker_tok) if speaker_tok is not None else []
        if not speaker_keys and speaker_tok is not None:
            speaker_keys = idx.named_person(speaker_tok)
        speaker = idx.actor(speaker_keys[0]) if speaker_keys else None
        quotes.append(
            Quote(
                text=inner,
                kind=kind,
                start=start + 1,
                end=end - 1,
                speaker=speaker,
                speaker_text=_phrase(speaker_tok) if speaker_tok is not None else None,
                cue=cue.lemma_ if cue is not None else None,
                evidence=Evidence(
                    sentence=sent_no[sent.start],
                    start=sent.start_char,
                    end=last.end_char,
                    text=text[sent.start_char : last.end_char].strip(),
                    trigger=cue.text if cue is not None else "",
                    rule="quote:" + ("cue-subject" if speaker_tok is not None else "no-speaker"),
                ),
            )
        )
        covered.append((start, end))
    quotes.extend(_indirect(doc, sents, idx, lay, covered))
    return sorted(quotes, key=lambda q: q.start)


def _sentence_at(sents: list[Span], char: int) -> Span | None:
    j = bisect.bisect_right(sents, char, key=lambda s: s.start_char) - 1  # sentences are in text order
    if j >= 0 and sents[j].start_char <= char < sents[j].end_char:
        return sents[j]
    return None


def _is_whole_clause(sent: Span, start: int, end: int) -> bool:
    """A quote that is (nearly) all of the sentence outside its attribution is direct."""
    before = span_text(sent)[: start - sent.start_char].strip()
    return before == "" or (before.endswith((":", ",")) and len(before.split()) <= 12)


_NP_POS = {"DET", "ADJ", "NUM", "NOUN", "PROPN", "PART"}


def _surface_attribution(doc: Doc, qend: int) -> tuple[Token | None, Token | None]:
    """ "…,” said 33-year-old handyman Oleksiy Kovalenko." / "…” Anna Tikhonova told AFP": the speech
    verb right after the closing quote and the name phrase beside it, read off the word order (the
    parser often misreads these inverted attributions)."""
    # the attribution follows within a few words; never scan the rest of a long document
    doc_end = doc[-1].idx + len(doc[-1].text_with_ws)  # len(doc.text) without re-joining every token
    span = doc.char_span(qend, min(doc_end, qend + 300), alignment_mode="expand")
    if span is None:
        return None, None
    toks = list(islice((t for t in span if not (t.is_punct and t.text in ",”\"'’")), 12))
    if not toks:
        return None, None

    def np_head(run: list[Token]) -> Token | None:
        names = [t for t in run if t.pos_ == "PROPN"]
        nouns = [t for t in run if t.pos_ in ("NOUN", "PRON")]
        return names[-1] if names else nouns[-1] if nouns else None

    first = toks[0]
    if first.lemma_.lower() in _CUES and first.pos_ in ("VERB", "AUX"):
        run = []
        for t in toks[1:]:
            if t.pos_ not in _NP_POS and t.text != "-":
                break
            run.append(t)
        return (first, np_head(run)) if run else (None, None)
    run = []
    for t in toks:
        if t.lemma_.lower() in _CUES and t.pos_ in ("VERB", "AUX"):
            return (t, np_head(run)) if run else (None, None)
        if t.pos_ not in _NP_POS and t.text != "-" and t.pos_ != "PRON":
            break
        run.append(t)
    return None, None


def _attribution(sent: Span, qstart: int, qend: int) -> tuple[Token | None, Token | None]:
    """Reporting verb outside the quote and its subject, nearest to the quote."""
    best: tuple[int, Token, Token | None] | None = None
    col = columns(sent.doc)
    for i in range(sent.start, sent.end):
        if col.pos[i] != "VERB" or col.lemma[i] not in _CUES:
            continue
        tok = col.tokens[i]
        if qstart <= tok.idx < qend:
            continue
        subj = next(iter(subjects(tok)), None)
        if subj is not None and qstart <= subj.idx < qend:
            subj = None
        if subj is None and tok.dep_ in ("advcl", "conj", "xcomp"):
            subj = next(iter(subjects(tok.head)), None)
        dist = min(abs(tok.idx - qstart), abs(tok.idx - qend))
        if best is None or dist < best[0]:
            best = (dist, tok, subj)
    if best is not None:
        return best[1], best[2]
    for i in range(sent.start, sent.end):
        if col.lower[i] == "according":
            return col.tokens[i], according_to(col.tokens[i])
    return None, None


def _indirect(doc: Doc, sents: list[Span], idx: ActorIndex, lay: Layout, covered: list[tuple[int, int]]) -> list[Quote]:
    """Reported speech: a speech verb with a clausal complement outside quotation marks."""
    out: list[Quote] = []
    text = text_of(doc)
    col = columns(doc)
    for n, sent in enumerate(sents):
        if not lay.starts_in_body(sent.start_char):
            continue
        for i in range(sent.start, sent.end):
            if col.pos[i] != "VERB" or col.lemma[i] not in _CUES:
                continue
            tok = col.tokens[i]
            comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
            subj = next(iter(subjects(tok)), None)
            if comp is None or subj is None:
                continue
            start, end = comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge)
            if _overlaps_covered(covered, start, end):
                continue
            keys = idx.refer(subj)
            out.append(
                Quote(
                    text=text[start:end],
                    kind="indirect",
                    start=start,
                    end=end,
                    speaker=idx.actor(keys[0]) if keys else None,
                    speaker_text=_phrase(subj),
                    cue=tok.lemma_,
                    evidence=Evidence(
                        n, sent.start_char, sent.end_char, span_text(sent).strip(), tok.text, "quote:indirect"
                    ),
                )
            )
    return out


def _overlaps_covered(covered: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start`` or ``end`` falls inside a quoted span; ``covered`` is disjoint and in text order."""
    j = bisect.bisect_right(covered, start, key=lambda c: c[0]) - 1  # the span starting at or before start
    if j >= 0 and start < covered[j][1]:
        return True
    k = bisect.bisect_left(covered, end, key=lambda c: c[0]) - 1  # the span starting before end
    return k >= 0 and end <= covered[k][1]


def _phrase(tok: Token) -> str:
    return tok.doc[tok.left_edge.i : tok.right_edge.i + 1].text if tok.pos_ != "PRON" else tok.text
