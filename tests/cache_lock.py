"""One test process at a time fetches into a shared cache folder.

The suite runs in several processes (pytest-xdist, ``-n auto``) that share ``~/.cache``: two of them
may ask for the same sdist, Debian package or schema at once. Each fetcher checks and fills its
cache while it holds this lock, so no process reads a file another is still writing, and none
unpacks over another's files. The lock is re-entrant within a process (a fetcher may call another).
"""

from __future__ import annotations

import contextlib
import fcntl
from pathlib import Path
from typing import Iterator

_held: set[Path] = set()


@contextlib.contextmanager
def cache_lock(folder: Path) -> Iterator[None]:
    """Hold ``folder/.lock`` (an exclusive ``flock``, let go when the process ends however it ends)."""
    folder = folder.resolve()
    if folder in _held:
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        _held.add(folder)
        try:
            yield
        finally:
            _held.discard(folder)
