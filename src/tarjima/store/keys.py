"""The one key rule of every cache: tarjima's version, the digest of the code that made the values (its
modules and every tarjima module they import, found by reading the imports) and the caller's inputs."""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import time
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeAlias

from tarjima import __version__

_MODULES: dict[str, tuple[tuple[int, int, int], tuple[str, bytes, tuple[str, ...]]]] = {}  # file -> (its stamp, what _module found)
FORMAT = 3

# What marshal writes, so what a cache holds and a content key is made of: plain data, no objects
# (the items of a container are checked by marshal itself when it writes).
Plain: TypeAlias = None | bool | int | float | str | bytes | tuple[Any, ...] | list[Any] | dict[Any, Any] | set[Any] | frozenset[Any]


PACKAGE = Path(__file__).resolve().parent.parent


IMPORT_RE = re.compile(r"^[ \t]*(?:from[ \t]+(tarjima(?:\.\w+)*)[ \t]+import[ \t]+(\([\w\s,]+\)|[\w \t,]+)|import[ \t]+(tarjima(?:\.\w+)*))", re.M)


# What ``_module`` found, kept between processes as Python keeps its bytecode: in the package's
# ``__pycache__``, by each file's stamp (mtime, size, inode), the rule by which Python itself decides
# that a compiled module is the source's. A file changed within RACY_NS of the save is not kept (its
# next change may keep its stamp); a package that cannot be written to is read afresh every time.
MEMO = "tarjima-code.marshal"
MEMO_FORMAT = 1
RACY_NS = 2_000_000_000  # a file changed this close to a save may change again within its timestamp's tick
_MEMOS: dict[Path, dict[str, Any]] = {}  # package -> its memo, as read and added to
_LEARNT: set[Path] = set()  # the packages whose memo this process added to since it was read or written


def _memo(package: Path) -> dict[str, Any]:
    """The package's memo: relative path -> (mtime_ns, size, inode, digest of the bytes, imported modules)."""
    if package not in _MEMOS:
        try:
            loaded = marshal.loads((package / "__pycache__" / MEMO).read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            loaded = None
        ok = isinstance(loaded, tuple) and len(loaded) == 2 and loaded[0] == (MEMO_FORMAT, __version__) and isinstance(loaded[1], dict)
        _MEMOS[package] = loaded[1] if ok else {}
    return _MEMOS[package]


def _save_memo(package: Path) -> None:
    """Write the memo if this process learnt something (atomically; not at all where it cannot be written)."""
    if package not in _LEARNT:
        return
    _LEARNT.discard(package)
    from tarjima.files import write_atomic  # (here: files is not needed by a process that learns nothing)

    try:
        write_atomic(package / "__pycache__" / MEMO, marshal.dumps(((MEMO_FORMAT, __version__), _MEMOS[package])), durable=False)
    except OSError:
        pass


_FILES: dict[Path, dict[str, str]] = {}  # package -> {module name: its file's path relative to the package}


def _files(package: Path) -> dict[str, str]:
    """Every module of the package by name ("tarjima.site.build": "site/build.py"), listed once per process."""
    if package not in _FILES:
        found: dict[str, str] = {}
        todo = [""]
        while todo:
            folder = todo.pop()
            with os.scandir(package / folder if folder else package) as entries:
                for entry in entries:
                    relative = f"{folder}{entry.name}"
                    if entry.name.endswith(".py"):
                        dotted = relative[:-3].replace("/", ".").removesuffix("__init__").rstrip(".")
                        found[f"tarjima.{dotted}" if dotted else "tarjima"] = relative
                    elif entry.name != "__pycache__" and entry.is_dir():
                        todo.append(relative + "/")
        _FILES[package] = found
    return _FILES[package]


def _module(name: str) -> tuple[str, bytes, tuple[str, ...]] | None:
    """A tarjima module ("tarjima.site.build"): its file (relative to the package), a digest of the file's bytes
    and the tarjima names it imports; None if it is not a module. Read once while the file is unchanged,
    however many caches ask, and in later processes from the memo."""
    relative = _files(PACKAGE).get(name)
    if relative is None:  # a name imported from a module, not a module
        return None
    path = f"{PACKAGE}/{relative}"
    try:
        st = os.stat(path)
    except OSError:  # gone since the package was listed
        return None
    current = (st.st_mtime_ns, st.st_size, st.st_ino)
    known = _MODULES.get(path)
    if known is not None and known[0] == current:
        return known[1]
    memo = _memo(PACKAGE)
    kept = memo.get(relative)
    if kept is not None and tuple(kept[:3]) == current:
        found = (relative, kept[3], tuple(kept[4]))
    else:
        with open(path, "rb") as handle:
            data = handle.read()
        imported: list[str] = [name.rsplit(".", 1)[0]] if name.count(".") > 1 else []  # a package's __init__ runs before its modules
        for frm, names, plain in IMPORT_RE.findall(data.decode("utf-8")):
            if plain:
                imported.append(plain)
                continue
            imported.append(frm)
            imported += [f"{frm}.{n.split()[0]}" for n in names.strip("()").split(",") if n.strip()]
        found = (relative, digest(data), tuple(imported))
        if current[0] < time.time_ns() - RACY_NS:
            memo[relative] = (*current, found[1], found[2])
            _LEARNT.add(PACKAGE)
    _MODULES[path] = (current, found)
    return found


def dependencies(*modules: str) -> list[Path]:
    """The files of these tarjima modules and of every tarjima module they import, transitively."""
    return sorted(PACKAGE / relative for relative, _ in _closure(modules))


def _closure(modules: tuple[str, ...]) -> list[tuple[str, bytes]]:
    """(file relative to the package, digest of its bytes) of these modules and every tarjima module they import."""
    seen: dict[str, tuple[str, bytes]] = {}
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
    for relative, content in _closure(modules):
        hashed.update(relative.encode() + b"\0" + content + b"\0")
    _save_memo(PACKAGE)
    return hashed.hexdigest()[:16]


def scope(modules: tuple[str, ...], inputs: object = None) -> str:
    """The key rule: tarjima's version, the code of ``modules`` and whatever else the values depend on."""
    return repr((FORMAT, __version__, code_digest(*modules), inputs))


def digest(data: bytes) -> bytes:
    """A content key: 16 bytes of BLAKE2b."""
    return hashlib.blake2b(data, digest_size=16).digest()


def key_of(data: Plain) -> bytes:
    """A content key of plain data. Marshal format 2: no back-references, whose bytes would
    depend on which equal objects happen to be shared, so equal data always gives one key."""
    return digest(marshal.dumps(data, 2))
