"""The only place that builds spaCy pipelines.

``load_pipeline()`` returns Tocsin's bundled English pipeline (trained by ``tocsin model train``) with
the knowledge-backed entity ruler in front of the statistical NER, so the two cooperate: the ruler
fixes the spans it is sure of (countries, capitals, organisations, office holders, demonyms) and the
NER labels everything else around them. Any installed spaCy pipeline can be loaded by name instead.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelError

BUNDLED = Path(__file__).parent / "model"
#: The bundled pipeline fine-tuned on mostly lower-cased copies of its training text, for text written
#: all in one case (see :func:`pipeline_for`); optional: without it such text goes to ``BUNDLED``.
ONE_CASE = Path(__file__).parent / "model_one_case"
#: Characters per chunk when a very long text is parsed piecewise (bounded memory).
CHUNK_CHARS = 100_000
_lock = threading.Lock()


def default_model() -> str:
    """The model to load: ``TOCSIN_MODEL`` if set, else the bundled pipeline."""
    return os.environ.get("TOCSIN_MODEL") or "bundled"


def load_pipeline(name: str | None = None, *, ruler: bool = True) -> Language:
    """Load (once per process) a spaCy pipeline.

    ``name`` is ``"bundled"`` (default), a path to a pipeline directory, or an installed package
    such as ``en_core_web_trf``. ``ruler=False`` leaves out Tocsin's entity ruler (for evaluation).
    """
    with _lock:
        return _load(name or default_model(), ruler)


@cache
def _load(name: str, ruler: bool) -> Language:
    target: str | Path = BUNDLED if name == "bundled" else name
    if name == "bundled" and not (BUNDLED / "meta.json").exists():
        raise ModelError(
            "the bundled pipeline is missing from this installation; train it with "
            "`tocsin model train --data ../shared/training` or pass --model NAME"
        )
    try:
        nlp = spacy.load(target)
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy pipeline {name!r}: install it (e.g. `pip install {name}`) or pass a pipeline path"
        ) from exc
    nlp.max_length = 20_000_000
    if "parser" in nlp.pipe_names and "tocsin_lines" not in nlp.pipe_names:
        nlp.add_pipe("tocsin_lines", before="parser")
    if "tocsin_lemmas" not in nlp.pipe_names and any(
        p in nlp.pipe_names for p in ("lemmatizer", "trainable_lemmatizer")
    ):
        from . import lemmas  # noqa: F401  (registers the factory)

        nlp.add_pipe("tocsin_lemmas", last=True)
    if ruler and "ner" in nlp.pipe_names and "tocsin_ruler" not in nlp.pipe_names:
        from .ruler import add_ruler

        add_ruler(nlp)
    if not isinstance(nlp.tokenizer, RestoringTokenizer):
        nlp.tokenizer = RestoringTokenizer(nlp.tokenizer)
    if name == "bundled" and (ONE_CASE / "meta.json").exists():
        _ONE_CASE_FOR[id(nlp)] = ruler
    return nlp


# id of a loaded bundled pipeline -> its ruler setting, for the one-case companion loaded on first use
_ONE_CASE_FOR: dict[int, bool] = {}


def pipeline_for(nlp: Language, text: str) -> Language:
    """The pipeline that should parse ``text``: the one-case companion of the bundled pipeline when
    ``text`` is written all in one case and the companion is installed, else ``nlp`` itself.

    The bundled model learned names from their capitals and finds few in lower-case text (UNER-PUD F1
    0.62 as written, 0.39 lower-cased even with capitals restored); the companion, trained on mostly
    lower-cased copies of the same data, reads such text better, while text with ordinary capitals
    keeps the model its scores and golden files were measured with.
    """
    ruler = _ONE_CASE_FOR.get(id(nlp))
    if ruler is None:
        return nlp
    from .truecase import case_of

    if case_of(text) is None:
        return nlp
    with _lock:
        return _load(str(ONE_CASE), ruler)


class RestoringTokenizer:
    """The pipeline's tokenizer, given text written all in one case with its capitals restored first
    (:mod:`tocsin.nlp.truecase`): the models then see the names and sentence starts they were trained
    on. The restoration keeps every character offset, so spans still index the original text."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        from .truecase import case_of, restore

        if case_of(text) is None:
            return self.inner(text)  # what restore would give back unchanged
        doc = self.inner(restore(text))
        # the ruler reads this: here a capital comes from Tocsin's own list of names
        doc.user_data["tocsin_restored"] = True
        return doc

    def pipe(self, texts: Iterable[str], **kwargs: Any) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:  # vocab, explain, to_disk, … of the real tokenizer
        return getattr(self.inner, name)


# After these a new sentence may begin; news prose ends its sentences with punctuation.
_SENT_FINAL = {".", "!", "?", ":", ";", "”", "’", '"', "'", ")", "…", "...", "»"}
# A run this long without punctuation is not prose (a list, a transcript): let the parser cut it.
_MAX_RUN = 120


@Language.component("tocsin_lines")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break (news paragraphs and headings never share a sentence) and
    nowhere else but after sentence-final punctuation, so the parser cannot cut a clause off at
    "… diplomatic efforts Sunday | to avert all-out war"."""
    # Token.is_sent_start's setter rescans the whole Doc each time: collect the values, set them at once
    starts = numpy.zeros(len(doc), dtype="int64")  # 1 start, -1 no start, 0 parser decides
    line_start = True
    run = 0
    prev_text, prev_space = "", False
    for tok in doc:
        i = tok.i
        if i and line_start:
            starts[i] = 1
        elif i and starts[i] != 1 and prev_text not in _SENT_FINAL and not prev_space and run < _MAX_RUN:
            starts[i] = -1
        if starts[i] != -1:
            run = 0
        run += 1
        if line_start and tok.is_upper and tok.is_alpha:
            j = _close_dateline(doc, i)
            if j is not None:
                starts[j] = 1
        line_start = "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text)
        prev_text, prev_space = tok.text, tok.is_space
    if len(doc):
        starts[0] = 1
        values: Any = starts.astype("uint64").reshape(-1, 1)
        doc.from_array([SENT_START], values)
    return doc


_DASHES = {"—", "–", "--", "-"}


def _close_dateline(doc: Doc, i: int) -> int | None:
    """ "KYIV — Ukraine and Russia …": the body starts a sentence after a dateline, so the place name is
    never parsed as part of the first clause. Returns the index of the token that starts it."""
    j = i
    while j < len(doc) and j - i < 5 and (doc[j].is_upper or doc[j].text in (",", ".")):
        j += 1
    if j + 1 < len(doc) and j > i and doc[j].text in _DASHES and "\n" not in doc[j].whitespace_:
        return j + 1
    return None


def parse(nlp: Language, text: str) -> Doc:
    """Parse ``text``; texts longer than :data:`CHUNK_CHARS` are parsed in paragraph-aligned chunks.

    Chunking keeps peak memory flat for multi-megabyte inputs; offsets of the returned ``Doc`` are
    those of ``text``.
    """
    return _parse_as(nlp, pipeline_for(nlp, text), text)


def _parse_as(nlp: Language, chosen: Language, text: str) -> Doc:
    """``text`` parsed by ``chosen``, the pipeline :func:`pipeline_for` picked in place of ``nlp``."""
    doc = _parse_with(chosen, text)
    if chosen is not nlp:
        # the extraction names the model that read the text
        doc.user_data["tocsin_model"] = f"{chosen.meta.get('name', 'unknown')}-{chosen.meta.get('version', '')}"
    return doc


def _parse_with(nlp: Language, text: str) -> Doc:
    if len(text) <= CHUNK_CHARS:
        return nlp(text)
    docs = []
    for doc in nlp.pipe(_chunks(text), batch_size=1):  # one chunk's activations in memory at a time
        doc.tensor = numpy.zeros((0,), dtype="float32")  # the extractors never read the tok2vec output
        docs.append(doc)
    return Doc.from_docs(docs, ensure_whitespace=False)


def _chunks(text: str) -> Iterator[str]:
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start + CHUNK_CHARS // 2, end)
            if cut < 0:
                cut = text.rfind(" ", start + CHUNK_CHARS // 2, end)
            end = cut + 1 if cut >= 0 else end
        yield text[start:end]
        start = end


def pipe(nlp: Language, texts: Iterable[str], **kwargs: Any) -> Iterator[Doc]:
    """``nlp.pipe`` that routes over-long texts through :func:`parse`."""
    batch: list[str] = []
    for text in texts:
        chosen = pipeline_for(nlp, text)
        if len(text) > CHUNK_CHARS or chosen is not nlp:
            yield from nlp.pipe(batch, **kwargs)
            batch = []
            yield _parse_as(nlp, chosen, text)
        else:
            batch.append(text)
            if len(batch) >= 64:
                yield from nlp.pipe(batch, **kwargs)
                batch = []
    yield from nlp.pipe(batch, **kwargs)
