"""Watching a project's inputs for ``tarjima serve``: file events (inotify, through watchfiles) or, failing that, polling.

The folders (content, locales, templates) are watched by events, recursively (watchfiles: the
Rust ``notify`` crate, inotify on Linux). The few single
paths (the configuration files, and each watched folder's own existence) are stat'ed every
STAT_EVERY milliseconds: a handful of stats, and an editor that saves ``pyproject.toml`` by
renaming a new file over it cannot leave a dead watch behind. A folder that appears or vanishes
restarts the event watcher on the folders that exist.

Without watchfiles, or when the system refuses the watches (inotify's limit of watches
reached, a file system without events), the whole tree is polled as before: one scandir per
folder and one stat per file, at most a tenth of the time.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generator, Iterator

from tarjima.config import Config

if TYPE_CHECKING:
    from watchfiles import Change

LOOK_SHARE = 10  # the poller spends at most a tenth of its time looking at the files
STEP = 10  # milliseconds: watchfiles looks for new events every step and yields a burst at the first look that finds none, two steps after a save's last event (20 ms; 40 ms with 20)
DEBOUNCE = 1600  # milliseconds: a longer burst (a git checkout) is cut there, and the rest is the next change
STAT_EVERY = 250  # milliseconds between two looks at the single paths

Fingerprint = tuple[tuple[str, int, int], ...]
# One burst of changes: the files the events name, as (kind, path) with kind "added", "modified" or "deleted";
# None when what changed is not known file by file (polling, a configuration file, a watched folder come or gone).
Changes = frozenset[tuple[str, str]] | None


def watched(config: Config) -> list[Path]:
    """What a change to rebuilds: the three folders and the two configuration files."""
    layout = config.layout
    return [layout.content, layout.locales, layout.templates, config.root / "pyproject.toml", config.root / "tarjima.toml"]


def ignored(path: str) -> bool:
    """A file no build reads: hidden (a dot first), an editor's backup or swap file, or anything in a hidden folder."""
    name = os.path.basename(path)
    return (name.startswith(".") or name.endswith("~") or name.startswith("#")
            or any(part.startswith(".") for part in Path(path).parts[1:-1]))


def fingerprint(paths: list[Path]) -> Fingerprint:
    """Every watched file with its modification time and size, sorted (one scandir per folder, one stat per file)."""
    seen: list[tuple[str, int, int]] = []

    def walk(folder: str) -> None:
        try:
            entries = os.scandir(folder)
        except (FileNotFoundError, NotADirectoryError):
            return
        with entries:
            for entry in entries:
                if entry.is_dir():
                    walk(entry.path)
                elif not entry.name.startswith(".") and entry.is_file():
                    stat = entry.stat()
                    seen.append((entry.path, stat.st_mtime_ns, stat.st_size))

    for base in paths:
        if base.is_file():
            stat = base.stat()
            seen.append((str(base), stat.st_mtime_ns, stat.st_size))
        else:
            walk(str(base))
    return tuple(sorted(seen))


def poll(paths: list[Path], interval: float = 0.25) -> Iterator[Changes]:
    """Yield each time a watched file is added, removed or changed, by looking at every file.

    Looks every ``interval`` seconds, or less often on a tree so large that looking would take
    more than a tenth of the time (about 30 ms for 8,000 files: every 0.3 s).
    """
    started = time.perf_counter()
    last = fingerprint(paths)
    cost = time.perf_counter() - started
    while True:
        time.sleep(max(interval, LOOK_SHARE * cost))
        started = time.perf_counter()
        now = fingerprint(paths)
        cost = time.perf_counter() - started
        if now != last:
            last = now
            yield None


def singles(paths: list[Path]) -> tuple[tuple[str, int, int, bool], ...]:
    """Each watched path's own state: modification time and size of a file, whether a folder exists."""
    states = []
    for path in paths:
        try:
            stat = path.stat()
        except (FileNotFoundError, NotADirectoryError):
            states.append((str(path), -1, -1, False))
            continue
        folder = path.is_dir()
        states.append((str(path), 0 if folder else stat.st_mtime_ns, 0 if folder else stat.st_size, folder))
    return tuple(states)


@dataclass(frozen=True)
class Watcher:
    """How the inputs are watched (one line for the terminal) and the changes: each item is one burst of them."""

    how: str
    changes: Iterator[Changes]


Events = Generator[set[tuple["Change", str]], None, None]


def folders(paths: list[Path]) -> list[str]:
    return [str(p) for p in paths if p.is_dir()]


def stream(where: list[str]) -> Events:
    """watchfiles' events under these folders: a set per burst, an empty set every STAT_EVERY ms without one."""
    import watchfiles

    return watchfiles.watch(*where, watch_filter=lambda _kind, path: not ignored(path), debounce=DEBOUNCE, step=STEP,
                            rust_timeout=STAT_EVERY, yield_on_timeout=True, raise_interrupt=True)


def follow(paths: list[Path], last: tuple[tuple[str, int, int, bool], ...], where: list[str], burst: Events,
           first: set[tuple[Change, str]]) -> Iterator[Changes]:
    """Yield after each burst of changes to the watched paths: events for the folders (the files they name), a stat
    for the single paths (``last``: as they were; a change there, or to the folders themselves, yields None)."""
    got = first
    while True:
        now = singles(paths)
        changed: Changes = frozenset((kind.name, path) for kind, path in got) if now == last else None
        last = now
        if folders(paths) != where:  # a watched folder appeared or vanished: watch what exists now
            burst.close()
            where = folders(paths)
            if not where:
                yield None
                yield from poll(paths)
                return
            burst = stream(where)
            changed = None
        if changed is None or changed:
            yield changed
        got = next(burst)


def watcher(paths: list[Path], force_polling: bool = False) -> Watcher:
    """File events when watchfiles is installed and the system grants the watches; polling otherwise (``how`` says which and why)."""
    if force_polling:
        return Watcher("watching the files by polling (asked for)", poll(paths))
    last = singles(paths)
    where = folders(paths)
    if not where:
        return Watcher("watching the files by polling: none of the watched folders exists yet", poll(paths))
    try:
        burst = stream(where)
    except ImportError as exc:
        return Watcher(f"watching the files by polling: watchfiles is not installed ({exc})", poll(paths))
    try:  # the first look sets the watches; the system may refuse them (inotify's limit, no inotify at all)
        first = next(burst)
    except (OSError, RuntimeError) as exc:
        return Watcher(f"watching the files by polling: the system refused file events ({exc})", poll(paths))
    return Watcher("watching the files by file events (watchfiles, inotify)", follow(paths, last, where, burst, first))
