"""Answers to bounded queries, remembered for the life of the server.

Why: the server opens its store read-only, so a query's answer cannot change
while it runs, and the queries bounded by their shape (core.bounded) are the
ones linked-data clients and the query page repeat: one node's neighbourhood.
Evaluating one costs more than Flask's whole request (a SPARQL parse, an index
scan and two hand-offs of the GIL to the engine), so a repeat is answered from
here instead. The cache is bounded in bytes, least recently used out first,
and keeps only small answers; ANSWER_CACHE_BYTES = 0 turns it off.
"""

from __future__ import annotations

import threading

from cachetools import LRUCache

Answer = tuple[bytes, bool]
"""A serialised answer and whether it was cut at the row cap."""

ENTRY_OVERHEAD = 200
"""Bytes charged per entry beyond the answer itself (key, tuple, cache bookkeeping)."""

LARGEST_SHARE = 64
"""No single answer may take more than 1/64 of the cache: a few large answers
must not push out the many small ones."""


class AnswerCache:
    """A thread-safe LRU map from (query text, format) to a serialised answer, bounded in bytes."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max(0, int(max_bytes))
        self.largest = self.max_bytes // LARGEST_SHARE
        self._entries: LRUCache[tuple[str, str], Answer] = LRUCache(
            maxsize=max(1, self.max_bytes), getsizeof=_size
        )
        self._lock = threading.Lock()

    def get(self, query: str, fmt: str) -> Answer | None:
        if not self.max_bytes:
            return None
        with self._lock:
            return self._entries.get((query, fmt))

    def put(self, query: str, fmt: str, answer: Answer) -> None:
        """Remember an answer, unless the cache is off or the answer is too large to keep."""
        if not self.max_bytes or _size(answer) > self.largest:
            return
        with self._lock:
            self._entries[query, fmt] = answer

    @property
    def bytes_used(self) -> int:
        return int(self._entries.currsize)

    def __len__(self) -> int:
        return len(self._entries)


def _size(answer: Answer) -> int:
    return len(answer[0]) + ENTRY_OVERHEAD
