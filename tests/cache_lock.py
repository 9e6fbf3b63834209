"""One test process at a time fetches into a shared cache folder.

The suite runs in several processes (pytest-xdist, ``-n auto``) that share ``~/.cache``: two of them
may ask for the same sdist, Debian package or schema at once. Each fetcher checks and fills its
cache while it holds this lock, so no process reads a file another is still writing, and none
unpacks over another's files. The lock is re-entrant within a thread (a fetcher may call another).
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import threading
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_held: set[tuple[Path, int]] = set()  # (folder, thread) holding its lock


@contextlib.contextmanager
def cache_lock(folder: Path) -> Iterator[None]:
    """Hold ``folder/.lock`` (an exclusive ``flock``, let go when the process ends however it ends)."""
    folder = folder.resolve()
    held = (folder, threading.get_ident())
    if held in _held:
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a") as handle:  # its own open file: another thread's flock waits for it too
        fcntl.flock(handle, fcntl.LOCK_EX)
        _held.add(held)
        try:
            yield
        finally:
            _held.discard(held)


def fills(folder: Callable[[], Path]) -> Callable[[F], F]:
    """A fetcher that checks and fills the cache ``folder()`` while it holds the folder's lock."""

    def wrap(fetcher: F) -> F:
        @functools.wraps(fetcher)
        def locked(*args: Any, **kwargs: Any) -> Any:
            with cache_lock(folder()):
                return fetcher(*args, **kwargs)

        return locked  # type: ignore[return-value]

    return wrap
