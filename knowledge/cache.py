"""Small bounded caches owned by one knowledge base (never shared between versions).

A bot hears the same few questions again and again ("营收多少", "你好"); analysing one costs a
jieba pass, a part-of-speech pass and a typo check, ranking it a few hundred microseconds more.
Each ``KnowledgeBase`` keeps its own caches, so a reload starts empty and two versions never
see each other's entries. Values must be immutable (or copied by the caller), because one
instance serves many threads.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

DEFAULT_SIZE = 4096


class LRU(Generic[K, V]):
    """A least-recently-used mapping with a size bound; safe for concurrent readers and writers."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self.size = size
        self._data: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: K) -> V | None:
        """The cached value (marking it recently used), or None."""
        with self._lock:
            value = self._data.get(key)
            if value is None:
                self.misses += 1
                return None
            self._data.move_to_end(key)
            self.hits += 1
            return value

    def put(self, key: K, value: V) -> None:
        """Store ``value``; the least recently used entry goes when the cache is full."""
        if self.size <= 0:
            return
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def clear(self) -> None:
        """Forget everything (used after the build, whose answers had no example questions)."""
        with self._lock:
            self._data.clear()
            self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._data)
