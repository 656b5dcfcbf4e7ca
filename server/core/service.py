"""Evaluating user SPARQL in a pool of worker processes with a hard time limit.

Why processes: Oxigraph's own timeout lets queries run on past it, a
catastrophic REGEX holds the GIL, and a parser stack overflow aborts the
whole process. A pebble ProcessPool kills a worker that passes the limit
(and replaces it), and a crash takes down one worker, never the server.
Each worker opens the store read-only once, so it cannot write either.
Answers are serialised in the worker: evaluation is lazy, so iterating is
where the time goes, and the time limit must cover it.
"""

from __future__ import annotations

import logging
import multiprocessing
import re
import signal
import threading
from concurrent.futures import CancelledError
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from pebble import ProcessExpired, ProcessPool

from server.core.errors import CoreError, QueryFailed, QueryTimeout
from server.core.results import (
    RESULT_FORMATS,
    cap,
    serialise_boolean,
    serialise_limited,
    serialise_solutions,
    serialise_triples,
    within_cap,
)

log = logging.getLogger("carekg.server")

QUEUE_GRACE = 5.0
"""Seconds beyond the time limit a request may wait for a free worker before it gets 503."""

_STORE: ox.Store | None = None


@dataclass(frozen=True)
class QueryOutput:
    body: bytes
    mimetype: str
    truncated: bool


class QueryService:
    """A pool of worker processes answering SPARQL queries on one store, read-only."""

    def __init__(self, store_path: Path, workers: int, timeout: float, max_rows: int) -> None:
        self.store_path = str(store_path)
        self.timeout = float(timeout)
        self.max_rows = int(max_rows)
        self.workers = max(1, int(workers))
        self._lock = threading.Lock()
        self._pool = ProcessPool(
            max_workers=self.workers,
            initializer=_open_store,
            initargs=(self.store_path,),
            context=_context(),
        )

    def run(
        self,
        query: str,
        fmt: str,
        mimetype: str,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> QueryOutput:
        """Evaluate `query` (already checked by core.safety) and serialise it as `fmt`.

        With no dataset given, the default graph is the union of all graphs.
        """
        args = (query, fmt, default_graphs, named_graphs, self.max_rows)
        future = self._pool.schedule(_evaluate, args, timeout=self.timeout)
        try:
            body, truncated = future.result(timeout=2 * self.timeout + QUEUE_GRACE)
        except TimeoutError:
            if future.done():  # pebble stopped it at the time limit and killed its worker
                raise QueryTimeout(self._timeout_message()) from None
            future.cancel()  # still queued or running after the longest wait we allow
            raise QueryTimeout("server busy: no query worker came free in time") from None
        except ProcessExpired as exc:
            log.warning("query worker died (exit %s) on a query", exc.exitcode)
            raise QueryFailed("the query engine failed on this query", 500) from None
        except CancelledError:
            raise QueryTimeout("query cancelled: the server is shutting down") from None
        except CoreError:
            raise
        except (SyntaxError, ValueError, OSError) as exc:
            raise QueryFailed(_one_line(exc)) from None
        return QueryOutput(body, mimetype, truncated)

    def warm_up(self) -> None:
        """Start every worker now, so the first requests do not pay for process start-up."""
        futures = [self._pool.schedule(_ping) for _ in range(self.workers)]
        for future in futures:
            future.result(timeout=60)

    def _timeout_message(self) -> str:
        return f"query stopped: it ran past the {self.timeout:g} s time limit"

    def close(self) -> None:
        """Stop the workers (killing any query still running)."""
        with self._lock:
            if self._pool.active:
                self._pool.stop()
                self._pool.join(timeout=5)


def _context() -> multiprocessing.context.BaseContext:
    """Workers come from a fork server: never a fork of the threaded web process.

    The fork server imports this module once, so a worker killed on the time
    limit is replaced in milliseconds. As with any non-fork start method, a
    script that starts the server must guard its entry point with
    `if __name__ == "__main__":`.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def _open_store(path: str) -> None:
    """Worker initializer: one read-only store per worker process, opened once.

    pebble's SIGTERM handler is Python code, which cannot run while Oxigraph
    is busy in Rust, so pebble would wait 3 s before SIGKILL (and stall its
    other tasks meanwhile): the default action ends the worker at once.
    """
    global _STORE
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _STORE = ox.Store.read_only(path)


def _ping() -> bool:
    return _STORE is not None


def _evaluate(
    query: str,
    fmt: str,
    default_graphs: list[str] | None,
    named_graphs: list[str] | None,
    max_rows: int,
) -> tuple[bytes, bool]:
    """Run in a worker: evaluate, cap, serialise. Errors come back as QueryFailed."""
    if _STORE is None:
        raise QueryFailed("query worker has no store", 500)
    try:
        result = _STORE.query(query, **_dataset(default_graphs, named_graphs))
        return _serialise(result, fmt, max_rows)
    except (SyntaxError, ValueError, OSError) as exc:
        raise QueryFailed(_one_line(exc)) from None
    except RecursionError:
        raise QueryFailed("query too deeply nested") from None


def _dataset(default_graphs: list[str] | None, named_graphs: list[str] | None) -> dict:
    """Engine options for the dataset: the union of all graphs unless one is given."""
    if default_graphs is None and named_graphs is None:
        return {"use_default_graph_as_union": True}
    return {
        "default_graph": [ox.NamedNode(g) for g in default_graphs or []],
        "named_graphs": [ox.NamedNode(g) for g in named_graphs or []],
    }


def local_text(query: str, max_rows: int) -> str | None:
    """The text a bounded query runs as in this process: a SELECT without LIMIT or OFFSET gets
    `LIMIT max_rows + 1`, so the engine stops one row past the cap. Depends on the text only,
    so the server computes it once per distinct query."""
    if re.search(r"(?i)^\s*SELECT\b", _without_prologue(query)) and not re.search(
        r"(?i)\b(?:LIMIT|OFFSET)\b", query
    ):
        return f"{query}\nLIMIT {max_rows + 1}"
    return None


def run_here(
    store: ox.Store, query: str, limited: str | None, fmt: str, max_rows: int
) -> tuple[bytes, bool]:
    """Evaluate a bounded query (core.bounded) in this process, on the union of all graphs.

    Only for queries whose shape bounds their cost: nothing here can be stopped.
    `limited` is `local_text(query, max_rows)`.
    """
    try:
        if limited is not None:
            solutions = store.query(limited, use_default_graph_as_union=True)
            body = solutions.serialize(format=RESULT_FORMATS[fmt])
            if within_cap(body, fmt, max_rows):
                return body, False
            # the extra row came back: cut through the capping path (rare for bounded queries)
            solutions = store.query(limited, use_default_graph_as_union=True)
            return serialise_limited(solutions, fmt, max_rows)
        result = store.query(query, use_default_graph_as_union=True)
        return _serialise(result, fmt, max_rows)
    except (SyntaxError, ValueError, OSError) as exc:
        raise QueryFailed(_one_line(exc)) from None


def _without_prologue(query: str) -> str:
    return re.sub(r"(?is)^\s*(?:(?:PREFIX\s+[^:]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*", "", query)


def _serialise(result: object, fmt: str, max_rows: int) -> tuple[bytes, bool]:
    if isinstance(result, ox.QueryBoolean):
        return serialise_boolean(result, fmt), False
    if isinstance(result, ox.QuerySolutions):
        return serialise_solutions(result, fmt, max_rows)
    triples, truncated = cap(result, max_rows)
    return serialise_triples(triples, fmt), truncated


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:300] or type(exc).__name__
