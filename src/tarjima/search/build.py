"""The build's search step: which public pages the index holds, whether they changed since the index
was last made, and the files the public site gets (the index and the search page's scripts).

Each language has an index of its own (``pagefind/<tag>/``, one Pagefind bundle), as each language's
search page searches its own pages only. Pagefind makes a whole index each time it runs, so a
language's index is made again only when one of its pages was written or removed, or its set of
pages changed; the other languages' indexes stand. The languages to be made are made at once, each
by its own Pagefind process (on the cores the build's listings leave free). What the last indexes
held is remembered beside the build's manifest (``search.json``: the pages and the indexes' files),
so that the files of an index made again and no longer made are removed.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

from tarjima.files import write_atomic
from tarjima.search import FOLDER

if TYPE_CHECKING:
    from tarjima.search.pages import Record

STATE = "search.json"
FORMAT = 2  # search.json's format: 2, an index per language (a file of another format: every index made again)
HERE = Path(__file__).parent
SCRIPTS = {"assets/search.js": HERE / "search.js", "assets/search-key.js": HERE / "key.js", "assets/search.css": HERE / "search.css"}


def scripts() -> dict[str, bytes]:
    """The search page's scripts and the search form's style, shipped with tarjima (not with a project's templates: they are code)."""
    return {path: source.read_bytes() for path, source in SCRIPTS.items()}


def bundle(tag: str) -> str:
    """The folder of a language's index, from the public folder's root (Pagefind names a language by its tag in lower case)."""
    return f"{FOLDER}/{tag.lower()}"


def indexed_pages(folders: Mapping[str, str], published: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The report page of each published version ((slug, language tag)) -> its language tag: what the index holds."""
    return {f"{folders[tag]}/{slug}/index.html": tag for slug, tag in sorted(published)}


@dataclass
class State:
    """What the last indexes held: their pages (path -> language tag) and their files."""

    pages: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    words: int = -1  # the words of each page they hold (search_words)

    @classmethod
    def load(cls, manifest: Path) -> State | None:
        try:
            data = json.loads((manifest / STATE).read_bytes())
            if data.get("format") != FORMAT:
                return cls(files=list(data["files"]))  # one index of every language (before FORMAT 2): every one made again, its files removed
            return cls(pages=dict(data["pages"]), files=list(data["files"]), words=int(data.get("words", -1)))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # no index yet, or a damaged file: made again

    def save(self, manifest: Path) -> None:
        write_atomic(manifest / STATE, json.dumps({"format": FORMAT, "pages": self.pages, "files": self.files, "words": self.words}, sort_keys=True).encode("utf-8"))

    def kept(self, remade: Iterable[str]) -> list[str]:
        """The files of the indexes that stand when the languages ``remade`` are made again."""
        gone = tuple(f"{bundle(tag)}/" for tag in remade)
        return [p for p in self.files if not p.startswith(gone)]


def by_language(pages: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """Pages (path -> language tag) grouped by their language."""
    grouped: dict[str, dict[str, str]] = {}
    for path, tag in pages.items():
        grouped.setdefault(tag, {})[path] = tag
    return grouped


def stale(last: State | None, pages: Mapping[str, str], changed: Iterable[str], words: int = 100) -> set[str]:
    """The languages whose index must be made again (a language no longer published: its index removed): all of
    them with no index yet or another depth (``words``); otherwise those with other pages, or one of theirs written or removed."""
    now = by_language(pages)
    if last is None or last.words != words:
        return set(now) | set(last.pages.values() if last else ())
    before = by_language(last.pages)
    changed = set(changed)
    return {tag for tag in {*now, *before} if now.get(tag, {}).keys() != before.get(tag, {}).keys()
            or not changed.isdisjoint({*now.get(tag, {}), *before.get(tag, {})})}


@dataclass
class Made:
    """The indexes made in this build: their languages, files (paths from the public folder), pages per language, how long it took."""

    languages: set[str]
    files: dict[str, bytes]
    pages: dict[str, int]
    seconds: float


def page_records(public: Path, pages: Mapping[str, str], words: int, fresh: Mapping[str, Record | None]) -> list[Record]:
    """The records of ``pages`` (path -> tag): those of the pages this build rendered (``fresh``, made from the bytes it wrote),
    the others read back from the public folder as written for this build (never the desk)."""
    from tarjima.search.pages import record

    found = []
    for path, tag in pages.items():
        r = fresh[path] if path in fresh else record(path, (public / path).read_text(encoding="utf-8"), tag, words)
        if r is not None:
            found.append(r)
    return found


def index_folder(public: Path, pages: Mapping[str, str], words: int = 100, languages: Iterable[str] | None = None,
                 fresh: Mapping[str, Record | None] | None = None) -> Made:
    """The indexes of the languages ``languages`` (all of ``pages`` when None), each made by its own Pagefind process at once."""
    from tarjima.search.pagefind import make_index  # (here, as the records' module: a site without search never loads either)

    start = time.perf_counter()
    wanted = set(pages.values()) if languages is None else set(languages)
    by_tag = {tag: mine for tag, mine in by_language(pages).items() if tag in wanted}
    files: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    errors: list[BaseException] = []

    def one(tag: str, mine: dict[str, str]) -> None:
        try:
            made = make_index(page_records(public, mine, words, fresh or {}), bundle(tag))
        except BaseException as exc:  # handed to the build's thread below
            errors.append(exc)
            return
        files.update(made.files)
        counts.update(made.pages)

    threads = [threading.Thread(target=one, args=item, daemon=True) for item in sorted(by_tag.items())]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return Made(languages=wanted, files=dict(sorted(files.items())), pages=counts, seconds=time.perf_counter() - start)


class Pending:
    """Indexes being made in a thread (Pagefind's work is in its own processes, on the cores the build's listings leave free)."""

    def __init__(self, public: Path, pages: Mapping[str, str], words: int = 100, languages: Iterable[str] | None = None,
                 fresh: Mapping[str, Record | None] | None = None) -> None:
        self.made: Made | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self.run, args=(public, pages, words, languages, fresh), daemon=True)
        self.thread.start()

    def run(self, public: Path, pages: Mapping[str, str], words: int, languages: Iterable[str] | None, fresh: Mapping[str, Record | None] | None) -> None:
        try:
            self.made = index_folder(public, pages, words, languages, fresh)
        except BaseException as exc:  # handed to the build's thread by result()
            self.error = exc

    def result(self) -> Made:
        self.thread.join()
        if self.error is not None:
            raise self.error
        assert self.made is not None
        return self.made
