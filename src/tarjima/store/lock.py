"""One writer at a time in a project: an flock on its cache folder, held by every command that writes."""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from typing import Callable

from tarjima.errors import InputError
from tarjima.layout import CACHE
from tarjima.store.cache import folder

class ProjectLock:
    """One tarjima command that writes at a time per project: an flock on the cache folder.

    A second command waits for the first (``on_wait`` is told once) up to ``timeout`` seconds,
    then gives up with one line. Where the folder cannot be made (a read-only checkout),
    nothing can be written either, and no lock is taken. The lock writes no file, so it goes
    with the process that holds it, whatever kills it.
    """

    def __init__(self, root: Path, on_wait: Callable[[], None] | None = None, timeout: float = 120.0) -> None:
        self.root, self.on_wait, self.timeout = root, on_wait, timeout
        self.fd: int | None = None

    def __enter__(self) -> ProjectLock:
        try:
            self.fd = os.open(folder(self.root), os.O_RDONLY)
        except OSError:
            return self
        deadline = time.monotonic() + self.timeout
        told = False
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return self
            except BlockingIOError:
                if not told and self.on_wait is not None:
                    self.on_wait()
                    told = True
                if time.monotonic() > deadline:
                    os.close(self.fd)
                    self.fd = None
                    raise InputError(CACHE, f"another tarjima command has been writing in this project for {self.timeout:g} s",
                                     "let it finish (or stop it), then run this command again") from None
                time.sleep(0.05)

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            os.close(self.fd)  # releases the flock
            self.fd = None
