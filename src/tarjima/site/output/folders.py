"""The two outputs of an HTML build: the public site, and the editors' desk beside it.

The public folder holds only what readers may see: published versions, listings, feeds,
sitemap and assets. The desk holds the editors' pages: the aligned view of every report
(entry states, translators' comments, reviewers' names, machine drafts, held versions) and
the translation dashboard. They are two folders, never one folder with hidden corners: a
copy of the public folder to a web server cannot carry the desk.

Inside a build, every file has one *logical* path: a public file its path in the site, a
desk file ``_desk/`` and its path in the desk. ``Folders`` says where a logical path lands;
the manifest, the twins and the write paths all speak logical paths, so one build makes both
folders with one set of rules. Desk pages link to the public site (its stylesheet, its
language pages) through ``site_href``: the public folder as seen from the desk's own folder.

Order of the swaps: the desk first, then the public folder. A failure between the two leaves
the new desk beside the old public site, never the reverse: the public site never shows a
state the desk has not seen. Each folder on its own is all or nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping, TypeVar

from tarjima.errors import InputError

V = TypeVar("V")

DESK = "_desk/"  # the logical prefix of the desk's files


@dataclass(frozen=True)
class Folders:
    """The public folder and the desk of one build (or their staging folders, or their twins)."""

    public: Path
    desk: Path

    def each(self) -> tuple[tuple[Path, str], ...]:
        """Each folder with the logical prefix of its files, the desk first (the order of the swaps)."""
        return ((self.desk, DESK), (self.public, ""))

    def is_dir(self) -> bool:
        return self.public.is_dir() and self.desk.is_dir()

    def split(self, rels: Iterable[str]) -> dict[str, list[str]]:
        """The logical paths by prefix (DESK or ""), each as its path in its folder."""
        local: dict[str, list[str]] = {DESK: [], "": []}
        for rel in rels:
            desk = rel.startswith(DESK)
            local[DESK if desk else ""].append(rel[len(DESK):] if desk else rel)
        return local

    def files(self, files: Mapping[str, V]) -> Iterator[tuple[Path, str, Mapping[str, V]]]:
        """Each folder, its prefix, and the files (by logical path) that land in it, by their path there;
        the contents are taken from ``files`` only when asked for (a page is rendered as it is written)."""
        local = self.split(files)
        for folder, prefix in self.each():
            yield folder, prefix, Part(files, prefix, local[prefix])

    def paths(self, rels: Iterable[str]) -> Iterator[tuple[Path, list[str]]]:
        """Each folder and the paths there of the logical paths that land in it."""
        local = self.split(rels)
        for folder, prefix in self.each():
            yield folder, local[prefix]


class Part(Mapping[str, V]):
    """The files of one folder, by their path there, read from the build's mapping by logical path."""

    def __init__(self, files: Mapping[str, V], prefix: str, keys: list[str]) -> None:
        self._files, self._prefix, self._keys = files, prefix, keys

    def __getitem__(self, rel: str) -> V:
        return self._files[self._prefix + rel]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def desk_for(out: Path) -> Path:
    """The desk of an output folder when none is named, beside it: ``desk`` for the usual ``site``, else ``<OUT>-desk``
    (two outputs in one folder never share a desk)."""
    return out.parent / ("desk" if out.name == "site" else f"{out.name}-desk")


def site_href(folders: Folders) -> str:
    """The public folder as seen from the desk's own folder, for the desk pages' links ("../site/")."""
    return os.path.relpath(folders.public, folders.desk).replace(os.sep, "/") + "/"


def check_apart(folders: Folders) -> None:
    """Refuse a desk that is the public folder, inside it or around it: the public output must hold no copy of the desk."""
    public, desk = folders.public.resolve(), folders.desk.resolve()
    if public == desk or public in desk.parents or desk in public.parents:
        raise InputError(str(folders.desk), f"the editors' desk must be a folder apart from the public output {folders.public}",
                         "pass --desk with a folder beside the output, e.g. --out site --desk desk")
