"""Answers kept until the store changes: the dashboard asks the same aggregations again and again.

The store's version is read with two index lookups and two small counts, at most once a second; any new
article, event or alert changes it and empties the cache.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from ..store import Store
from ..store import read as R

T = TypeVar("T")


class StoreCache:
    def __init__(self, store: Store, *, max_entries: int = 256, recheck: float = 1.0) -> None:
        self.store, self.max_entries, self.recheck = store, max_entries, recheck
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._version: str | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    def version(self) -> str:
        now = time.monotonic()
        if self._version is None or now - self._checked >= self.recheck:
            v = R.version(self.store)
            with self._lock:
                if v != self._version:
                    self._entries.clear()
                    self._version = v
                self._checked = now
        assert self._version is not None
        return self._version

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        self.version()
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        value = compute()
        with self._lock:
            self._entries[key] = value
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return value
