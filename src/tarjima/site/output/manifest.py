"""The manifest of the last build of an output folder: what an incremental build compares with."""

from __future__ import annotations

import datetime as dt
import marshal
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from tarjima.config import Config
from tarjima.model import Report
from tarjima.site.output.folders import Folders
from tarjima.site.pages.dashboard import DashRow, Sums
from tarjima.site.pages.listings import Row
from tarjima.site.pages.report import Listed
from tarjima.store import read, read_kept, stamp, write

SHARDS = 16


MANIFEST_FORMAT = 13  # bump when what the manifest holds changes


MARKER = ".tarjima-build"  # in OUT, in its desk and in their twins (site.output.twin): the id of the build that made the folder


HEAD = "head.marshal"  # the manifest's head (build id, twin id, ...): without it, there is no manifest


NO_ENTRY = ((),)  # the manifest entry of a report never built: its key matches none


Skip = tuple[str, str, str]  # a version not published, or published from an earlier source text: (slug, tag, why)
Note = tuple[str, int, str]  # text of a source shown untranslated in every language: (source path, line, what)
Stub = tuple[tuple[Row, ...], tuple[Skip, ...], tuple[Skip, ...], tuple[Note, ...]]  # what every build needs of a report (see Manifest.reports)


@dataclass
class Manifest:
    """What the last build wrote into OUT, and from which inputs: what an incremental build compares.

    Kept in ``.tarjima-cache/build-<OUT>/``: a head (build id, renderer key, listing keys, and
    the version of each shard) and the reports in SHARDS shards by slug, so a build that
    changed a few reports rewrites a few small files. A shard whose version is not the one
    the head names (a build cut short) makes the manifest unusable: the next build is full.
    """

    build_id: str = ""
    renderer: bytes = b""
    # slug -> (report key, stub, blob). The stub is what every build needs: (the Row of each
    # published version, (slug, tag, why) of each skipped one, and of each published from an
    # earlier source text). The blob, marshalled apart, is
    # read only for reports whose files go or whose listing pages are rendered again: (files,
    # Listed tuples, the dashboard row and the same as HTML).
    reports: dict[str, tuple[tuple[object, ...], Stub, bytes]] = field(default_factory=dict)
    listings: dict[str, bytes] = field(default_factory=dict)  # path -> key
    versions: list[str] = field(default_factory=lambda: [""] * SHARDS)  # the build id each shard was written by
    twin: str = ""  # the build id of OUT's twin (site.output.twin), "" when there is none
    behind: list[str] = field(default_factory=list)  # the files the twin lacks: those the last build wrote or removed
    years: dict[str, tuple[bytes, Sums]] = field(default_factory=dict)  # the dashboard's sums of each year: year -> (key, sums)


    @staticmethod
    def shard(slug: str) -> int:
        return zlib.crc32(slug.encode("utf-8")) % SHARDS

    @classmethod
    def load(cls, folder: Path, outs: Folders) -> Manifest | None:
        """The manifest kept in ``folder`` of the build in ``outs``, if it is the one both folders say it is."""
        head = read(folder / HEAD)
        try:
            form, build_id, renderer, listings, versions, twin, behind, years = head
            if form != MANIFEST_FORMAT or not made_by(outs, build_id):
                return None
        except (OSError, ValueError, TypeError):
            return None
        manifest = cls(build_id, renderer, {}, listings, list(versions), twin, list(behind), dict(years))
        for i, version in enumerate(versions):
            shard = read_kept(folder / f"shard-{i:02d}.marshal")  # (copied into ``reports`` below: the kept value stays as read)
            if not isinstance(shard, tuple) or len(shard) != 2 or shard[0] != version:
                return None
            manifest.reports.update(shard[1])
        return manifest

    @staticmethod
    def twin_state(folder: Path, outs: Folders) -> tuple[str, list[str]]:
        """What the last build of OUT said of its twins (their build id, the files they lack), whatever else changed since."""
        head = read(folder / HEAD)
        try:
            form, build_id, _, _, _, twin, behind, _ = head
            if form == MANIFEST_FORMAT and made_by(outs, build_id):
                return twin, list(behind)
        except (OSError, ValueError, TypeError):
            pass
        return "", []

    @staticmethod
    def ids(folder: Path, outs: Folders) -> tuple[str, str] | None:
        """The last build's id and its twins' (site.output.twin), when both folders are that build's; else None."""
        head = read(folder / HEAD)
        try:
            form, build_id, _, _, _, twin, _, _ = head
            if form == MANIFEST_FORMAT and made_by(outs, build_id):
                return build_id, twin
        except (OSError, ValueError, TypeError):
            pass
        return None

    @staticmethod
    def kept_twin(folder: Path, build_id: str) -> bool:
        """Record that OUT's twins now hold this very build, whole (site.output.twin.prepare_twins); whether it could be."""
        head = read(folder / HEAD)
        try:
            form, built, renderer, listings, versions, _, _, years = head
        except (ValueError, TypeError):
            return False
        if form != MANIFEST_FORMAT or built != build_id:
            return False
        return write(folder / HEAD, (form, built, renderer, listings, versions, build_id, [], years))

    @staticmethod
    def forget(folder: Path) -> None:
        """Make the manifest unusable (its head gone): the next build is a full one."""
        (folder / HEAD).unlink(missing_ok=True)

    def save(self, folder: Path, changed: Iterable[str] | None = None) -> None:
        """Write the shards holding the ``changed`` slugs (all when None), then the head (a cache: not saved when it cannot be)."""
        dirty = set(range(SHARDS)) if changed is None else {self.shard(slug) for slug in changed}
        shards: dict[int, dict[str, object]] = {i: {} for i in dirty}
        for slug, entry in self.reports.items():
            part = shards.get(self.shard(slug))
            if part is not None:
                part[slug] = entry
        for i, part in shards.items():
            self.versions[i] = self.build_id
            if not write(folder / f"shard-{i:02d}.marshal", (self.build_id, part)):
                return  # no cache: the next build is a full one
        write(folder / HEAD, (MANIFEST_FORMAT, self.build_id, self.renderer, self.listings, self.versions, self.twin, self.behind, self.years))

    def files(self, slug: str) -> list[str]:
        return list(marshal.loads(self.reports[slug][2])[0])

    def dash_row(self, slug: str) -> tuple[DashRow, str]:
        """The report's row of the editors' dashboard, and as HTML (site.dashboard.report_html)."""
        blob = marshal.loads(self.reports[slug][2])
        return blob[2], blob[3]

    def listed(self, slug: str) -> list[Listed]:
        return [Listed._make(t) for t in marshal.loads(self.reports[slug][2])[1]]


def made_by(outs: Folders, build_id: str) -> bool:
    """Whether both folders carry the marker of this build (a desk moved or left behind by a failed swap does not)."""
    return all((out / MARKER).read_text(encoding="utf-8").strip() == build_id for out, _ in outs.each())


def report_keys(config: Config, reports: Sequence[Report], now: dt.datetime) -> dict[str, tuple[object, ...]]:
    """What each report's pages depend on besides the renderer: its text, its catalogues as they stand on disk, and
    whether it may be published at ``now`` (``publication_key``)."""
    root = f"{config.root}/"
    languages = config.languages
    layout = config.layout
    keys: dict[str, tuple[object, ...]] = {}
    for report in reports:
        parts: list[object] = [report.digest, report.path, publication_key(report, now)]
        for lang in languages:
            if lang.tag == report.lang:  # (project.targets, without a tuple per report: 10,000 of them)
                continue
            try:
                st = os.stat(root + layout.po_file(lang, report.slug))
                parts.append((lang.tag, st.st_mtime_ns, st.st_size, st.st_ino))
            except FileNotFoundError:
                parts.append((lang.tag, None))
        if report.path.endswith("/index.md"):  # a page bundle: its photos are inputs too
            parts.append(bundle_stamps(root + report.path.rsplit("/", 1)[0]))
        keys[report.slug] = tuple(parts)
    return keys


def publication_key(report: Report, now: dt.datetime) -> tuple[object, ...]:
    """A report's clearance (its line is not in the digest) and whether its ``publish_at`` has come, not ``now`` itself:
    a scheduled report is built again once, at the first build after its moment."""
    cleared = (c.by, c.day.isoformat(), c.digest, c.holds) if (c := report.cleared) is not None else ()
    return (cleared, report.publish_at.isoformat() if report.publish_at else "", report.publish_at is not None and now >= report.publish_at)


def bundle_stamps(folder: str, prefix: str = "") -> tuple[tuple[str, int, int, int], ...]:
    """Every file in a bundle's folder and its subfolders but index.md (its photos), with its stamp: an edited or replaced photo builds the report again."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return ()
    found = [(prefix + e.name, *stamp(e.stat())) for e in entries if e.is_file() and (prefix or e.name != "index.md")]
    for e in entries:
        if e.is_dir(follow_symlinks=False):
            found += bundle_stamps(e.path, f"{prefix}{e.name}/")
    return tuple(sorted(found))
