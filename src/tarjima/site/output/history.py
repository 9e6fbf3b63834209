"""The record of builds of one output folder: when each build still on disk was made, and what it published.

Kept as ``builds.json`` in the folder of the build manifest (``.tarjima-cache/build-<OUT>/``),
readable with ordinary tools. It names only the builds a rollback can speak of: the one in
OUT and the one its twin keeps (site.output.twin), and after a rollback the build it replaced. A
record that is missing or unreadable is empty: a rollback then names a build by its id alone.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, NamedTuple

from tarjima.files import write_atomic

RECORD = "builds.json"
FORMAT = 1


class BuildRecord(NamedTuple):
    """One build: its id (the folders' ``.tarjima-build``), when it finished, and what it published."""

    build_id: str
    built: dt.datetime | None = None  # None: not recorded
    summary: str = ""

    def describe(self) -> str:
        """"3f2a9c1b0d4e (built 2026-05-01 09:14 UTC; versions en 5, ru 4; 0 skipped)", as much of it as is known."""
        when = f"built {self.built.astimezone(dt.timezone.utc):%Y-%m-%d %H:%M} UTC" if self.built else "build time not recorded"
        return f"{self.build_id[:12]} ({when}{'; ' + self.summary if self.summary else ''})"


@dataclass(frozen=True)
class History:
    """What the record holds: the builds by id, and the rollback done since the last build (from, to), if any."""

    builds: Mapping[str, BuildRecord]
    rolled_back: tuple[str, str] | None = None

    def of(self, build_id: str) -> BuildRecord:
        return self.builds.get(build_id) or BuildRecord(build_id)


def summary(pages: Mapping[str, int], skipped: int) -> str:
    """What a build published, as its own summary line says it: "versions en 5, ru 4; 2 skipped"."""
    return f"versions {', '.join(f'{tag} {n}' for tag, n in pages.items()) or 'none'}; {skipped} skipped"


def read_history(folder: Path) -> History:
    """The record kept in ``folder``; empty when there is none or it cannot be read."""
    try:
        data = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return History({})
        builds = {i: BuildRecord(i, dt.datetime.fromisoformat(b["built"]), b["summary"]) for i, b in data["builds"].items()}
        back = data.get("rolled_back")
        return History(builds, (back["from"], back["to"]) if back else None)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return History({})


def record_build(folder: Path, build_id: str, twin_id: str, published: str, now: dt.datetime | None = None) -> None:
    """Record a finished build (the time of its first finish: a build that changed nothing keeps it), forgetting
    every build but it and its twin's. A record that cannot be written is not (it names builds, nothing depends on it)."""
    known = read_history(folder).builds
    kept = {i: known[i] for i in (twin_id,) if i in known and i != build_id}
    kept[build_id] = known.get(build_id) or BuildRecord(build_id, now or dt.datetime.now(dt.timezone.utc), published)
    save(folder, kept, None)


def record_rollback(folder: Path, history: History, replaced: str, restored: str) -> None:
    """Record that OUT was rolled back from ``replaced`` to ``restored`` (a second rollback is then refused)."""
    save(folder, {i: history.of(i) for i in (restored, replaced)}, (replaced, restored))


def save(folder: Path, builds: Mapping[str, BuildRecord], rolled_back: tuple[str, str] | None) -> None:
    data: dict[str, object] = {"format": FORMAT, "builds": {
        i: {"built": b.built.isoformat(timespec="seconds"), "summary": b.summary} for i, b in builds.items() if b.built is not None}}
    if rolled_back is not None:
        data["rolled_back"] = {"from": rolled_back[0], "to": rolled_back[1]}
    try:
        if folder.is_dir():  # (no manifest was saved: no build to record either)
            write_atomic(folder / RECORD, (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8"), durable=False)
    except OSError:
        pass  # a read-only cache: the manifest is not saved either, and a rollback will refuse
