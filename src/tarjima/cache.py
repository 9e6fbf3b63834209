"""A small on-disk cache keyed by content digests (``.tarjima-cache/``): never a source of truth.

A missing, unreadable or foreign cache is simply empty; it is written atomically, so a crash
leaves the old one or the new one. Values must be plain data (marshal-able).
"""

from __future__ import annotations

import hashlib
import marshal
from pathlib import Path
from typing import Any

from tarjima.files import write_atomic

FOLDER = ".tarjima-cache"
FORMAT = 1


def digest(data: bytes) -> bytes:
    """A content key: 16 bytes of BLAKE2b."""
    return hashlib.blake2b(data, digest_size=16).digest()


class Cache:
    """One named cache file; ``dirty`` tells whether it must be saved."""

    def __init__(self, root: Path, name: str) -> None:
        self.path = root / FOLDER / f"{name}.marshal"
        self.data: dict[bytes, Any] = {}
        self.used: set[bytes] = set()
        self.dirty = False
        try:
            loaded = marshal.loads(self.path.read_bytes())
            if isinstance(loaded, tuple) and len(loaded) == 2 and loaded[0] == FORMAT and isinstance(loaded[1], dict):
                self.data = loaded[1]
        except (OSError, ValueError, EOFError, TypeError):
            self.data = {}

    def get(self, key: bytes) -> Any:
        value = self.data.get(key)
        if value is not None:
            self.used.add(key)
        return value

    def put(self, key: bytes, value: Any) -> None:
        self.data[key] = value
        self.used.add(key)
        self.dirty = True

    def save(self) -> None:
        """Write the entries used in this run (old ones are dropped), if anything changed."""
        if not self.dirty and len(self.used) == len(self.data):
            return
        kept = {k: v for k, v in self.data.items() if k in self.used}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        ignore = self.path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n", encoding="utf-8")
        write_atomic(self.path, marshal.dumps((FORMAT, kept)))


class TextMemo:
    """A Cache seen as a mapping from text to value (keyed by the text's digest)."""

    def __init__(self, cache: Cache) -> None:
        self.cache = cache

    def get(self, text: str) -> Any:
        return self.cache.get(digest(text.encode("utf-8")))

    def __setitem__(self, text: str, value: Any) -> None:
        try:
            marshal.dumps(value)
        except ValueError:
            return  # not plain data: not cached
        self.cache.put(digest(text.encode("utf-8")), value)
