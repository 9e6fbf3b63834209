"""Work shared out to forked worker processes: tarjima's few large loops (parse, count, render).

The function and the items reach the workers by fork, not by pickling, so a closure over a
project or a renderer is fine; only the results travel back (pickled). Below ``least`` items,
on one core, or where fork does not exist, the loop simply runs here.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Callable, Iterable, Protocol, Sequence, TypeVar

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

T = TypeVar("T")
R = TypeVar("R")

# What a forked worker maps: set just before the fork, for any function and items (so their types are erased here).
_WORK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


class Progress(Protocol):
    """Wraps what a loop iterates (for a progress bar) and yields the same items."""

    def __call__(self, items: Sequence[T], /) -> Iterable[T]: ...


def _run(bounds: tuple[int, int]) -> list[Any]:
    assert _WORK is not None
    function, items = _WORK
    return [function(item) for item in items[bounds[0] : bounds[1]]]


def fork_map(
    function: Callable[[T], R],
    items: Sequence[T],
    least: int,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> list[R]:
    """``[function(item) for item in items]``, on ``jobs`` processes (default: every core) when there are at least ``least`` items.

    ``progress`` wraps what is iterated here (the items, or the chunks the workers finish), for
    a progress bar.
    """
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1 and len(items) >= least:
        import multiprocessing  # here: a command whose loops stay small never pays for its import

        if "fork" in multiprocessing.get_all_start_methods():
            return _forked(multiprocessing.get_context("fork"), function, items, jobs, progress)
    return [function(item) for item in (progress(items) if progress else items)]


def _ignore_interrupt() -> None:
    """In a worker: Ctrl-C is the parent's to handle (it stops the pool); a worker would print a traceback."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked by the parent across the fork (see _forked)


def _forked(context: BaseContext, function: Callable[[T], R], items: Sequence[T], jobs: int, progress: Progress | None) -> list[R]:
    """The items in chunks, to ``jobs`` forked workers; the results in order."""
    global _WORK
    _WORK = (function, items)
    try:
        size = max(1, -(-len(items) // (jobs * 8)))
        chunks = [(i, i + size) for i in range(0, len(items), size)]
        results: list[R] = []
        # A Ctrl-C between a worker's fork and its initializer would print "Exception ignored" from the
        # child: SIGINT stays blocked while the workers are forked, and is delivered to the parent after.
        import signal

        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            pool = context.Pool(jobs, initializer=_ignore_interrupt)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        with pool:
            done = pool.imap(_run, chunks)
            for _ in progress(chunks) if progress else chunks:  # in order, as each chunk is done
                results += next(done)
        return results
    finally:
        _WORK = None
