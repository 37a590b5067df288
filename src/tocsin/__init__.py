"""Tocsin: structured, sourced political event data (PLOVER + CAMEO) from news text, offline.

Public API::

    tocsin.extract(text, published="2022-02-20") -> Extraction
    tocsin.load_pipeline(name=None) -> spacy.Language
    tocsin.open_store(url=None) -> Store
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from spacy.language import Language

    from .models import Extraction
    from .store import Store


def extract(text: str, **kwargs: Any) -> Extraction:
    """Extract actors, events, quotes, counts and places from one article (see :mod:`tocsin.pipeline`)."""
    from .pipeline import extract as _extract

    return _extract(text, **kwargs)


def load_pipeline(name: str | None = None, **kwargs: Any) -> Language:
    """Load the bundled spaCy pipeline (or an installed one by name); cached per process."""
    from .nlp import load_pipeline as _load

    return _load(name, **kwargs)


def open_store(url: str | None = None) -> Store:
    """Open (and migrate) the event store at ``url`` (SQLite path or PostgreSQL URL)."""
    from .store import open_store as _open

    return _open(url)


__all__ = ["__version__", "extract", "load_pipeline", "open_store"]
