"""The cache of machine-translation answers (``.tarjima-cache/mt.sqlite``): what was paid for once is never paid again.

Keyed by (engine, source, target, text sent): an answer depends on the engine, not on tarjima's
code, so this cache is outside the key rule of ``tarjima.store``; each answer is committed at once.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tarjima.errors import InputError
from tarjima.layout import CACHE
from tarjima.store import folder

ANSWERS = f"{CACHE}/mt.sqlite"


class Answers:
    """(engine, source, target, text sent) -> the engine's answer, in SQLite; each answer committed at once."""

    def __init__(self, path: Path, display: str, readonly: bool = False) -> None:
        self.display = display
        self._db: sqlite3.Connection | None = None
        try:
            if readonly:
                if path.exists():
                    self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            else:
                folder(path.parent.parent)
                self._db = sqlite3.connect(path, timeout=30)
                with self._db:
                    self._db.execute(
                        "CREATE TABLE IF NOT EXISTS mt (engine TEXT, source TEXT, target TEXT, text TEXT, translation TEXT,"
                        " PRIMARY KEY (engine, source, target, text))"
                    )
            if self._db is not None:
                self._db.execute("SELECT count(*) FROM mt").fetchone()
        except sqlite3.Error as exc:
            raise InputError(display, f"unusable translation cache ({exc})", "delete it: it only spares repeated requests") from None

    def get(self, engine: str, source: str, target: str, text: str) -> str | None:
        if self._db is None:
            return None
        row = self._db.execute("SELECT translation FROM mt WHERE engine=? AND source=? AND target=? AND text=?", (engine, source, target, text)).fetchone()
        return row[0] if row else None

    def put(self, engine: str, source: str, target: str, text: str, translation: str) -> None:
        assert self._db is not None, "a read-only cache"
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO mt VALUES (?, ?, ?, ?, ?)", (engine, source, target, text, translation))

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def open_answers(root: Path, readonly: bool = False) -> Answers:
    """The project's answer cache, ``.tarjima-cache/mt.sqlite``."""
    return Answers(root / ANSWERS, ANSWERS, readonly)
