"""Every cache of tarjima (``.tarjima-cache/``), behind one key rule and one error policy.

The key rule: a cache's values are valid for tarjima's version, the code that made them (the
digest of its modules and of every tarjima module they import, found by reading the imports)
and the inputs the caller names; a cache made under another key starts empty. So an upgrade,
or an edit of one module, invalidates exactly the caches whose results depend on it.

The error policy: a cache is never a source of truth. A missing, unreadable or foreign file is
empty; a cache that cannot be written (a read-only checkout) is simply not saved; writes are
atomic, so a crash leaves the old file or the new one. Values must be plain data (marshal).
"""

from __future__ import annotations

import fcntl
import hashlib
import marshal
import os
import re
import time
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from tarjima import __version__
from tarjima.errors import InputError
from tarjima.files import write_atomic
from tarjima.layout import CACHE

FORMAT = 2
PACKAGE = Path(__file__).resolve().parent.parent
IMPORT_RE = re.compile(r"^[ \t]*(?:from[ \t]+(tarjima(?:\.\w+)*)[ \t]+import[ \t]+(\([\w\s,]+\)|[\w \t,]+)|import[ \t]+(tarjima(?:\.\w+)*))", re.M)


def folder(root: Path) -> Path:
    """The project's cache folder, made if need be, with a .gitignore so it is never committed."""
    path = root / CACHE
    path.mkdir(parents=True, exist_ok=True)
    ignore = path / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# tarjima's caches: safe to delete, never committed\n*\n", encoding="utf-8")
    return path


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


_MODULES: dict[Path, tuple[tuple[int, int], tuple[Path, bytes, tuple[str, ...]]]] = {}  # file -> (its (mtime_ns, size), what _module found)


def _module(name: str) -> tuple[Path, bytes, tuple[str, ...]] | None:
    """A tarjima module ("tarjima.site.build"): its file, the file's bytes and the tarjima modules it
    imports; None if it is not one. Read once per process while the file is unchanged, however many caches ask."""
    base = PACKAGE.joinpath(*name.split(".")[1:])
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        try:
            st = os.stat(path)
        except OSError:  # not this one (a package has no name.py, a module no __init__.py)
            continue
        known = _MODULES.get(path)
        if known is not None and known[0] == (st.st_mtime_ns, st.st_size):
            return known[1]
        data = path.read_bytes()
        imported: list[str] = [name.rsplit(".", 1)[0]] if name.count(".") > 1 else []  # a package's __init__ runs before its modules
        for frm, names, plain in IMPORT_RE.findall(data.decode("utf-8")):
            if plain:
                imported.append(plain)
                continue
            imported.append(frm)
            imported += [f"{frm}.{n.split()[0]}" for n in names.strip("()").split(",") if n.strip()]
        found = (path, data, tuple(imported))
        _MODULES[path] = ((st.st_mtime_ns, st.st_size), found)
        return found
    return None


def dependencies(*modules: str) -> list[Path]:
    """The files of these tarjima modules and of every tarjima module they import, transitively."""
    return sorted(path for path, _ in _closure(modules))


def _closure(modules: tuple[str, ...]) -> list[tuple[Path, bytes]]:
    seen: dict[str, tuple[Path, bytes]] = {}
    todo = list(modules)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        found = _module(name)
        if found is None:
            continue
        seen[name] = found[:2]
        todo += found[2]
    return sorted(seen.values())


@lru_cache(maxsize=16)
def code_digest(*modules: str) -> str:
    """A digest of the code behind these modules (see ``dependencies``): values made by other code are not reused."""
    hashed = hashlib.sha256()
    for path, data in _closure(modules):
        hashed.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + data + b"\0")
    return hashed.hexdigest()[:16]


def scope(modules: tuple[str, ...], inputs: object = None) -> str:
    """The key rule: tarjima's version, the code of ``modules`` and whatever else the values depend on."""
    return repr((FORMAT, __version__, code_digest(*modules), inputs))


def digest(data: bytes) -> bytes:
    """A content key: 16 bytes of BLAKE2b."""
    return hashlib.blake2b(data, digest_size=16).digest()


def key_of(data: object) -> bytes:
    """A content key of plain data. Marshal format 2: no back-references, whose bytes would
    depend on which equal objects happen to be shared, so equal data always gives one key."""
    return digest(marshal.dumps(data, 2))


def read(path: Path) -> Any:
    """A marshalled cache file's value, or None when it is missing or unreadable."""
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def write(path: Path, value: object) -> bool:
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

    def __init__(self, root: Path, name: str, modules: tuple[str, ...], inputs: object = None) -> None:
        self.path = root / CACHE / f"{name}.marshal"
        self.head = scope(modules, inputs)
        self.data: dict[bytes, Any] = load(self.path, self.head)
        self.used: set[bytes] = set()
        self.dirty = False

    def get(self, key: bytes) -> Any:
        value = self.data.get(key)
        if value is not None:
            self.used.add(key)
        return value

    def peek(self, key: bytes) -> Any:
        """The value for ``key`` without marking it used (a worker process looking up)."""
        return self.data.get(key)

    def put(self, key: bytes, value: Any) -> None:
        if self.data.get(key) == value:
            self.used.add(key)
            return
        self.data[key] = value
        self.used.add(key)
        self.dirty = True

    def save(self, partial: bool = False) -> None:
        """Write the entries used in this run (old ones are dropped; all are kept after a
        ``partial`` run, which looked at part of the project), if anything changed."""
        if not self.dirty and (partial or len(self.used) == len(self.data)):
            return
        kept = self.data if partial else {k: v for k, v in self.data.items() if k in self.used}
        write(self.path, (self.head, kept))


Stamp = tuple[int, int, int]  # (mtime_ns, size, inode) of a file
RACY_NS = 2_000_000_000  # a file changed this close to the save may change again within its timestamp's tick


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

    def remember(self, name: str, current: Stamp, value: Any) -> None:
        """Keep ``value`` for ``name``: the one known already (used), or a new one."""
        if self.get(name, current) is None:
            self.put(name, current, value)

    def put(self, name: str, current: Stamp, value: Any) -> None:
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
