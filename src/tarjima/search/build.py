"""The build's search step: which public pages the index holds, whether they changed since the index
was last made, and the files the public site gets (the index and the search page's scripts).

Pagefind makes the whole index each time it runs, so it runs only when an indexed page was
written or removed, or the set of indexed pages changed; otherwise the index on disk is kept. What the
last index held is remembered beside the build's manifest (``search.json``: the pages and the
index's files), so that the files of an index made again and no longer made are removed.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from tarjima.files import write_atomic
from tarjima.search import FOLDER
from tarjima.search.pagefind import make_index
from tarjima.search.pages import records

STATE = "search.json"
HERE = Path(__file__).parent
SCRIPTS = {"assets/search.js": HERE / "search.js", "assets/search-key.js": HERE / "key.js", "assets/search.css": HERE / "search.css"}


def scripts() -> dict[str, bytes]:
    """The search page's scripts and the search form's style, shipped with tarjima (not with a project's templates: they are code)."""
    return {path: source.read_bytes() for path, source in SCRIPTS.items()}


def indexed_pages(folders: Mapping[str, str], published: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The report page of each published version ((slug, language tag)) -> its language tag: what the index holds."""
    return {f"{folders[tag]}/{slug}/index.html": tag for slug, tag in sorted(published)}


@dataclass
class State:
    """What the last index held: its pages (path -> language tag) and its files."""

    pages: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    words: int = -1  # the words of each page it holds (search_words)

    @classmethod
    def load(cls, manifest: Path) -> State | None:
        try:
            data = json.loads((manifest / STATE).read_bytes())
            return cls(pages=dict(data["pages"]), files=list(data["files"]), words=int(data.get("words", -1)))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # no index yet, or a file of another version: made again

    def save(self, manifest: Path) -> None:
        write_atomic(manifest / STATE, json.dumps({"pages": self.pages, "files": self.files, "words": self.words}, sort_keys=True).encode("utf-8"))


def stale(last: State | None, pages: Mapping[str, str], changed: Iterable[str], words: int = 100) -> bool:
    """Whether the index must be made again: none yet, other pages or another depth (``words``), or one of its pages written or removed."""
    return last is None or last.pages != dict(pages) or last.words != words or any(p in pages or p in last.pages for p in changed)


@dataclass
class Made:
    """An index made in this build: its files (paths from the public folder), the pages per language, how long it took."""

    files: dict[str, bytes]
    pages: dict[str, int]
    seconds: float


def index_folder(public: Path, pages: Mapping[str, str], words: int = 100) -> Made:
    """The index of the report pages ``pages`` of the public folder as written for this build (never the desk), ``words`` of each."""
    start = time.perf_counter()
    made = make_index(records(public, pages.items(), words), FOLDER)
    return Made(files=made.files, pages=made.pages, seconds=time.perf_counter() - start)


class Pending:
    """An index being made in a thread (Pagefind's work is in its own process, on a core the build's listings leave free)."""

    def __init__(self, public: Path, pages: Mapping[str, str], words: int = 100) -> None:
        self.made: Made | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self.run, args=(public, pages, words), daemon=True)
        self.thread.start()

    def run(self, public: Path, pages: Mapping[str, str], words: int) -> None:
        try:
            self.made = index_folder(public, pages, words)
        except BaseException as exc:  # handed to the build's thread by result()
            self.error = exc

    def result(self) -> Made:
        self.thread.join()
        if self.error is not None:
            raise self.error
        assert self.made is not None
        return self.made
