"""The one key rule of every cache: tarjima's version, the digest of the code that made the values (its
modules and every tarjima module they import, found by reading the imports) and the caller's inputs."""

from __future__ import annotations

import hashlib
import marshal
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeAlias

from tarjima import __version__

_MODULES: dict[Path, tuple[tuple[int, int], tuple[Path, bytes, tuple[str, ...]]]] = {}  # file -> (its (mtime_ns, size), what _module found)
FORMAT = 2

# What marshal writes, so what a cache holds and a content key is made of: plain data, no objects
# (the items of a container are checked by marshal itself when it writes).
Plain: TypeAlias = None | bool | int | float | str | bytes | tuple[Any, ...] | list[Any] | dict[Any, Any] | set[Any] | frozenset[Any]


PACKAGE = Path(__file__).resolve().parent.parent


IMPORT_RE = re.compile(r"^[ \t]*(?:from[ \t]+(tarjima(?:\.\w+)*)[ \t]+import[ \t]+(\([\w\s,]+\)|[\w \t,]+)|import[ \t]+(tarjima(?:\.\w+)*))", re.M)


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


def key_of(data: Plain) -> bytes:
    """A content key of plain data. Marshal format 2: no back-references, whose bytes would
    depend on which equal objects happen to be shared, so equal data always gives one key."""
    return digest(marshal.dumps(data, 2))
