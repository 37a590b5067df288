"""Every error Tocsin raises on purpose.

    TocsinError
     ├── InputError      the article, file or flag given cannot be used
     ├── DataError       a data file (training set, knowledge, gazetteer) is missing or malformed
     ├── ModelError      a spaCy pipeline cannot be found or loaded
     └── StoreError      the database cannot be opened, migrated or written

Messages say what went wrong *and* what to do about it, in one line.
"""

from __future__ import annotations


class TocsinError(Exception):
    """Base class: the CLI prints ``str(error)`` on one line and exits non-zero."""

    exit_code = 2


class InputError(TocsinError):
    """The input (text, file, flag value) cannot be processed."""


class DataError(TocsinError):
    """A data file Tocsin needs is missing or malformed."""


class ModelError(TocsinError):
    """A spaCy pipeline cannot be loaded."""


class StoreError(TocsinError):
    """The store cannot be opened or written."""
