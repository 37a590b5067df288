"""Readers that turn the shared treebanks and NER sets into spaCy ``Doc`` objects.

Named-entity labels are reduced to PERSON / ORG / LOC for the statistical model: UNER and GUM do
not tell countries from mountains, so GPE and NORP come from the knowledge-backed ruler instead.
Tokens of a sentence whose NER layer is unknown stay *missing* (not ``O``) so that the NER learns
nothing false from them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

#: Label maps from each source scheme to ours; anything unmapped becomes ``O``.
UNER_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
GUM_LABELS = {"person": "PERSON", "organization": "ORG", "place": "LOC"}
CROSSNER_LABELS = {
    "politician": "PERSON",
    "person": "PERSON",
    "organisation": "ORG",
    "politicalparty": "ORG",
    "country": "LOC",
    "location": "LOC",
}
RE3D_LABELS = {"Person": "PERSON", "Organisation": "ORG", "Location": "LOC"}

# Tokens allowed inside a proper name between proper nouns ("University of Chicago").
_NAME_GLUE = {"ADP", "CCONJ", "DET", "NUM", "PUNCT", "PART"}


@dataclass
class Sentence:
    """One CoNLL-U sentence reduced to syntactic words."""

    sent_id: str
    doc_id: str
    words: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    pos: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    morphs: list[str] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)  # 0-based within sentence
    deps: list[str] = field(default_factory=list)
    misc: list[str] = field(default_factory=list)
    # BILUO-free span list: (start_word, end_word_exclusive, label); None = NER unknown
    ents: list[tuple[int, int, str]] | None = None


def read_conllu(path: Path) -> Iterator[Sentence]:
    """Yield sentences of a CoNLL-U file; multi-word tokens become their syntactic words."""
    doc_id = ""
    sent: Sentence | None = None
    mwt_end = 0
    mwt_space = True
    with path.open(encoding="utf8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if line.startswith("# newdoc id"):
                doc_id = line.split("=", 1)[1].strip()
                continue
            if line.startswith("# sent_id"):
                sent = Sentence(sent_id=line.split("=", 1)[1].strip(), doc_id=doc_id)
                mwt_end = 0
                continue
            if line.startswith("#"):
                continue
            if not line:
                if sent is not None and sent.words:
                    yield sent
                sent = None
                mwt_end = 0
                continue
            if sent is None:
                sent = Sentence(sent_id=f"{doc_id}-{id(line)}", doc_id=doc_id)
            cols = line.split("\t")
            tid = cols[0]
            if "." in tid:
                continue
            if "-" in tid:
                mwt_end = int(tid.split("-")[1])
                mwt_space = "SpaceAfter=No" not in cols[9]
                continue
            idx = int(tid)
            space = "SpaceAfter=No" not in cols[9]
            if idx < mwt_end:
                space = False
            elif idx == mwt_end:
                space = mwt_space
            sent.words.append(cols[1])
            sent.spaces.append(space)
            sent.lemmas.append(cols[2] if cols[2] != "_" else cols[1])
            sent.pos.append(cols[3])
            sent.tags.append(cols[4])
            sent.morphs.append("" if cols[5] == "_" else cols[5])
            sent.heads.append(int(cols[6]) - 1 if cols[6] != "0" else idx - 1)
            sent.deps.append("ROOT" if cols[7] == "root" else cols[7])
            sent.misc.append(cols[9])
    if sent is not None and sent.words:
        yield sent


def read_iob(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Read a UNER ``.iob2`` file into ``sent_id -> [(word, tag)]``."""
    out: dict[str, list[tuple[str, str]]] = {}
    sid = None
    rows: list[tuple[str, str]] = []
    with path.open(encoding="utf8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if line.startswith("# sent_id"):
                sid = line.split("=", 1)[1].strip()
            elif line.startswith("#"):
                continue
            elif not line:
                if sid is not None:
                    out[sid] = rows
                sid, rows = None, []
            else:
                cols = line.split("\t")
                rows.append((cols[1], cols[2] if len(cols) > 2 else "O"))
    if sid is not None:
        out[sid] = rows
    return out


def iob_to_spans(tags: list[str], labels: dict[str, str]) -> list[tuple[int, int, str]]:
    """Convert IOB2 tags to ``(start, end, label)`` spans using ``labels`` to rename."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, name = tag.partition("-")
        if prefix == "I" and start >= 0 and name == label:
            continue
        if start >= 0 and label in labels:
            spans.append((start, i, labels[label]))
        start, label = (i, name) if prefix in ("B", "I") else (-1, "")
    return spans


_ENTITY_TOKEN = re.compile(r"\((\d+)-([a-z]+)[^()]*(\))?|(\d+)\)")


def gum_entities(sent: Sentence) -> list[tuple[int, int, str]]:
    """Named entities from GUM's ``Entity=`` bracket annotation.

    GUM marks every mention ("the preacher" too); a mention counts as named when, after trimming
    determiners and punctuation at its edges, it starts and ends with a proper noun and holds only
    proper nouns and name glue in between.
    """
    open_: dict[str, tuple[int, str]] = {}
    mentions: list[tuple[int, int, str]] = []
    for i, misc in enumerate(sent.misc):
        m = re.search(r"Entity=([^|]*)", misc)
        if not m:
            continue
        for mo in _ENTITY_TOKEN.finditer(m.group(1)):
            if mo.group(1):
                if mo.group(3):
                    mentions.append((i, i + 1, mo.group(2)))
                else:
                    open_[mo.group(1)] = (i, mo.group(2))
            elif mo.group(4) in open_:
                start, etype = open_.pop(mo.group(4))
                mentions.append((start, i + 1, etype))
    named: list[tuple[int, int, str]] = []
    for start, end, etype in sorted(mentions, key=lambda s: (s[0], -(s[1] - s[0]))):
        if etype not in GUM_LABELS:
            continue
        while start < end and sent.pos[start] in ("DET", "PUNCT"):
            start += 1
        while end > start and sent.pos[end - 1] in ("PUNCT", "PART"):
            end -= 1
        if end <= start or sent.pos[start] != "PROPN" or sent.pos[end - 1] != "PROPN":
            continue
        if any(p != "PROPN" and p not in _NAME_GLUE for p in sent.pos[start:end]):
            continue
        if any(not (end <= s or start >= e) for s, e, _ in named):
            continue
        named.append((start, end, GUM_LABELS[etype]))
    return strip_person_titles(sent.words, sorted(named))


def strip_person_titles(words: list[str], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Leave leading titles outside PERSON spans ("President Trump" -> "Trump"), as UNER does.

    GUM and re3d put titles inside the name, UNER and OntoNotes outside; mixing the two taught the
    NER both, and the UNER scores and the actor stage (which reads titles before the name) want one.
    """
    from ..ruler import name_start

    return [
        (start + name_start(words[start:end]) if label == "PERSON" else start, end, label)
        for start, end, label in spans
    ]


def sentences_to_doc(vocab: Vocab, sents: list[Sentence]) -> Doc:
    """Join sentences into one multi-sentence ``Doc`` so the parser learns boundaries."""
    words: list[str] = []
    spaces: list[bool] = []
    lemmas: list[str] = []
    pos: list[str] = []
    tags: list[str] = []
    morphs: list[str] = []
    heads: list[int] = []
    deps: list[str] = []
    sent_starts: list[bool | int | None] = []
    ents: list[str] = []
    for s in sents:
        off = len(words)
        words += s.words
        sp = list(s.spaces)
        sp[-1] = True
        spaces += sp
        lemmas += s.lemmas
        pos += s.pos
        tags += s.tags
        morphs += s.morphs
        heads += [h + off for h in s.heads]
        deps += s.deps
        sent_starts += [True] + [False] * (len(s.words) - 1)
        ents += _biluo_or_missing(len(s.words), s.ents)
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        lemmas=lemmas,
        pos=pos,
        tags=tags,
        morphs=morphs,
        heads=heads,
        deps=deps,
        sent_starts=sent_starts,
        ents=ents,
    )


def _biluo_or_missing(n: int, spans: list[tuple[int, int, str]] | None) -> list[str]:
    if spans is None:
        return [""] * n
    out = ["O"] * n
    for start, end, label in spans:
        out[start] = f"B-{label}"
        for j in range(start + 1, end):
            out[j] = f"I-{label}"
    return out


def chunk_by_doc(sents: Iterable[Sentence], size: int) -> Iterator[list[Sentence]]:
    """Group consecutive sentences of the same source document, at most ``size`` at a time."""
    group: list[Sentence] = []
    for s in sents:
        if group and (s.doc_id != group[-1].doc_id or len(group) >= size):
            yield group
            group = []
        group.append(s)
    if group:
        yield group


def treebank_docs(
    vocab: Vocab,
    conllu: Path,
    *,
    uner: Path | None = None,
    gum_ner: bool = False,
    sents_per_doc: int = 10,
) -> Iterator[Doc]:
    """Docs from a UD treebank, with entities from a parallel UNER file or from GUM's MISC."""
    ner = read_iob(uner) if uner else {}
    sents = []
    for s in read_conllu(conllu):
        if uner is not None:
            rows = ner.get(s.sent_id)
            if rows is not None and [w for w, _ in rows] == s.words:
                s.ents = iob_to_spans([t for _, t in rows], UNER_LABELS)
        elif gum_ner:
            s.ents = gum_entities(s)
        sents.append(s)
    for group in chunk_by_doc(sents, sents_per_doc):
        yield sentences_to_doc(vocab, group)


def iob_docs(vocab: Vocab, path: Path, labels: dict[str, str], *, columns: str = "uner") -> Iterator[Doc]:
    """NER-only docs from an IOB file (``uner``: CoNLL-like with ids; ``crossner``: word TAB tag)."""
    if columns == "uner":
        for rows in read_iob(path).values():
            words = [w for w, _ in rows]
            yield _ner_doc(vocab, words, iob_to_spans([t for _, t in rows], labels))
        return
    rows = []
    with path.open(encoding="utf8") as fh:
        for raw in [*fh, ""]:
            line = raw.strip()
            if not line:
                if rows:
                    yield _ner_doc(vocab, [w for w, _ in rows], iob_to_spans([t for _, t in rows], labels))
                rows = []
                continue
            word, _, tag = line.partition("\t")
            rows.append((word, tag or "O"))


def _ner_doc(vocab: Vocab, words: list[str], spans: list[tuple[int, int, str]]) -> Doc:
    return Doc(vocab, words=words, ents=_biluo_or_missing(len(words), strip_person_titles(words, spans)))


def re3d_docs(vocab: Vocab, root: Path) -> Iterator[Doc]:
    """re3d documents with only their *named* person/organisation/location spans.

    re3d also marks descriptions ("U.S. service members"); a span counts as named when every
    alphabetic word after a leading "the" is capitalised.
    """
    from spacy.lang.en import English

    tokenizer = English().tokenizer
    for part in sorted(p for p in root.iterdir() if (p / "documents.json").exists()):
        texts = {}
        for line in (part / "documents.json").read_text(encoding="utf8").splitlines():
            if line.strip():
                d = json.loads(line)
                texts[d["_id"]] = d["text"]
        spans: dict[str, list[tuple[int, int, str]]] = {}
        for line in (part / "entities.json").read_text(encoding="utf8").splitlines():
            if not line.strip():
                continue
            e = json.loads(line)
            label = RE3D_LABELS.get(e["type"])
            value = str(e["value"])
            words = [w for w in re.split(r"\s+", re.sub(r"^(the|The)\s+", "", value)) if w[:1].isalpha()]
            if label and words and all(w[0].isupper() for w in words):
                lead = len(value) - len(re.sub(r"^(the|The)\s+", "", value))
                spans.setdefault(e["documentId"], []).append((e["begin"] + lead, e["end"], label))
        for doc_id, text in texts.items():
            doc = tokenizer(text)
            ents: list[Span] = []
            words = [t.text for t in doc]
            for start, end, label in sorted(spans.get(doc_id, [])):
                span = doc.char_span(start, end, label=label, alignment_mode="contract")
                if span is not None and not any(span.start < e.end and e.start < span.end for e in ents):
                    ((s, e, _),) = strip_person_titles(words, [(span.start, span.end, label)])
                    ents.append(Span(doc, s, e, label=label))
            doc.set_ents(ents, default="outside")
            yield doc
