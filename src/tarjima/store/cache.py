"""The caches themselves, in ``.tarjima-cache/``: values by key (``Cache``) and by file stamp (``StatIndex``).

The error policy: a cache is never a source of truth. A missing, unreadable or foreign file is
empty; a cache that cannot be written (a read-only checkout) is simply not saved; writes are
atomic, so a crash leaves the old file or the new one. Values must be plain data (marshal).
"""

from __future__ import annotations

import marshal
import os
import time
from pathlib import Path
from typing import Any

from tarjima.files import about, write_atomic
from tarjima.layout import CACHE
from tarjima.store.keys import RACY_NS, Plain, scope

def folder(root: Path) -> Path:
    """The project's cache folder, made if need be, with a .gitignore so it is never committed."""
    path = root / CACHE
    path.mkdir(parents=True, exist_ok=True)
    ignore = path / ".gitignore"
    if not ignore.exists():
        try:
            ignore.write_text("# tarjima's caches: safe to delete, never committed\n*\n", encoding="utf-8")
        except OSError as exc:  # a full disk: the write names no file
            raise about(exc, ignore) from None
    return path


def read(path: Path) -> Any:
    """A marshalled cache file's value, or None when it is missing or unreadable."""
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


KEPT: dict[str, tuple[tuple[int, int, int], Any]] = {}  # path -> (inode, mtime, size), value: what read_kept read last


def read_kept(path: Path) -> Any:
    """``read``, kept in memory while the file stays the one read: a long-running ``serve`` decodes each unchanged manifest
    shard once. The same inode, mtime and size: ``write`` replaces a file by a rename (a new inode), so a rewrite within one
    timestamp tick still differs. Callers must not change the value."""
    try:
        st = os.stat(path)
    except OSError:
        KEPT.pop(str(path), None)
        return None
    seen = (st.st_ino, st.st_mtime_ns, st.st_size)
    kept = KEPT.get(str(path))
    if kept is not None and kept[0] == seen:
        return kept[1]
    value = read(path)
    KEPT[str(path)] = (seen, value)
    return value


def write(path: Path, value: Plain) -> bool:
    """Write a cache file atomically; False (and nothing written) when it cannot be (read-only checkout, a value that is not plain data)."""
    try:
        data = marshal.dumps(value)
        folder(next(p for p in path.parents if p.name == CACHE).parent)  # with its .gitignore
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data, durable=False)
    except (OSError, ValueError):
        return False
    return True


def load(path: Path, head: object) -> dict[Any, Any]:
    """The mapping saved in ``path`` as ``(head, mapping)``; empty if the file is missing, unreadable or another head's."""
    loaded = read(path)
    if isinstance(loaded, tuple) and len(loaded) == 2 and loaded[0] == head and isinstance(loaded[1], dict):
        return loaded[1]
    return {}


class Cache:
    """One named cache file of values by content key; ``modules`` and ``inputs``: its scope (see ``scope``)."""

    def __init__(self, root: Path, name: str, modules: tuple[str, ...], inputs: object = None, lazy: bool = False) -> None:
        self.path = root / CACHE / f"{name}.marshal"
        self.head = scope(modules, inputs)
        self._data: dict[bytes, Any] | None = None
        self.used: set[bytes] = set()
        self.dirty = False
        if not lazy:  # read now: worker processes forked later find it read
            self.read_now()

    def read_now(self) -> dict[bytes, Any]:
        """The values, read from the file if they were not yet (a lazy cache: call it before forking workers that use it)."""
        if self._data is None:
            self._data = load(self.path, self.head)
        return self._data

    @property
    def data(self) -> dict[bytes, Any]:
        """The values, read from the file when first asked for (``lazy``: a run that never asks reads nothing)."""
        return self.read_now()

    def get(self, key: bytes) -> Any:
        value = self.data.get(key)
        if value is not None:
            self.used.add(key)
        return value

    def peek(self, key: bytes) -> Any:
        """The value for ``key`` without marking it used (a worker process looking up)."""
        return self.data.get(key)

    def put(self, key: bytes, value: Plain) -> None:
        if self.data.get(key) == value:
            self.used.add(key)
            return
        self.data[key] = value
        self.used.add(key)
        self.dirty = True

    def save(self, partial: bool = False) -> None:
        """Write the entries used in this run (old ones are dropped; all are kept after a
        ``partial`` run, which looked at part of the project), if anything changed."""
        if self._data is None or (not self.dirty and (partial or len(self.used) == len(self.data))):
            return  # (never read: nothing used, nothing put)
        kept = self.data if partial else {k: v for k, v in self.data.items() if k in self.used}
        write(self.path, (self.head, kept))


Stamp = tuple[int, int, int]  # (mtime_ns, size, inode) of a file



def stamp(st: os.stat_result) -> Stamp:
    return (st.st_mtime_ns, st.st_size, st.st_ino)


class StatIndex:
    """Values remembered per file, valid while the file's stamp is unchanged (as git's index).

    A file modified within two seconds of the save is not remembered ("racily clean" in git's
    words): a later write in the same timestamp tick would not change its stamp.
    """

    def __init__(self, root: Path, name: str, modules: tuple[str, ...], inputs: object = None) -> None:
        self.path = root / CACHE / f"{name}.marshal"
        self.scope = scope(modules, inputs)
        self.old: dict[str, tuple[Stamp, Any]] = load(self.path, self.scope)
        self.new: dict[str, tuple[Stamp, Any]] = {}
        self.learnt = 0  # values put in this run that the next save keeps

    def _known(self, name: str, current: Stamp) -> tuple[Stamp, Any] | None:
        """The entry remembered for ``name`` if the file still has this stamp."""
        known = self.old.get(name)
        return known if known is not None and tuple(known[0]) == current else None

    def get(self, name: str, current: Stamp) -> Any:
        """The value remembered for ``name`` if the file still has this stamp, else None."""
        known = self._known(name, current)
        if known is None:
            return None
        self.new[name] = known
        return known[1]

    def peek(self, name: str, current: Stamp) -> Any:
        """As ``get``, without recording the use (a worker process looking up)."""
        known = self._known(name, current)
        return known[1] if known is not None else None

    def remember(self, name: str, current: Stamp, value: Plain) -> None:
        """Keep ``value`` for ``name``: the one known already (used), or a new one."""
        if self.get(name, current) is None:
            self.put(name, current, value)

    def put(self, name: str, current: Stamp, value: Plain) -> None:
        self.new[name] = (current, value)
        if current[0] < time.time_ns() - RACY_NS:  # else it is not kept (see save)
            self.learnt += 1

    def save(self, partial: bool = False) -> None:
        """Write what this run saw (files gone are forgotten; after a ``partial`` run, which
        looked at part of the project, the rest is kept), when it learnt something new."""
        # Entries left behind by edited or deleted files never match again: they are dropped
        # at the next save that adds something, or once they are a tenth of the index.
        if not self.learnt and (partial or (len(self.old) - len(self.new)) * 10 <= len(self.old)):
            return
        limit = time.time_ns() - RACY_NS
        kept = {k: v for k, v in ({**self.old, **self.new} if partial else self.new).items() if v[0][0] < limit}
        if kept != self.old:
            write(self.path, (self.scope, kept))
