"""The output folder's twin: how an incremental build changes the site in one atomic step.

The twin is a second copy of the site made of hard links (no second copy of the bytes), kept
in the cache folder beside OUT (``<parent>/.tarjima-cache/twin-<name>/``, on OUT's file
system). An incremental build brings the twin level with OUT (only the files the last build
changed), writes its changes into the twin, and swaps the two folders in one
``renameat2(RENAME_EXCHANGE)``: at every moment OUT is the whole old site or the whole new
one, and the old site becomes the twin for the next build. The cost follows the change:
the files the last build and this one changed, not the archive.

Every page is written through a temporary file and renamed (``write_atomic``), never
rewritten in place, so a file the two folders share is never changed under the live site.

Each folder carries the id of the build that made it (MARKER); the manifest names the
twin's id and the files it lacks. A twin cut short has no marker, and is made again from
OUT (once, in O(archive)). Where the system cannot swap folders or link files, there is
no twin and pages are replaced one by one (each atomically).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable, Mapping

from tarjima.files import TEMP_SUFFIX, about, write_atomic
from tarjima.layout import CACHE
from tarjima.site.output.folders import Folders
from tarjima.site.output.manifest import MARKER, Manifest
from tarjima.site.output.folder import exchange, inside, remove_files


def twin_of(out: Path) -> Path:
    return out.parent / CACHE / f"twin-{out.name}"


def marker(folder: Path) -> str:
    try:
        return (folder / MARKER).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def can_swap(folder: Path) -> bool:
    """Whether two folders in ``folder`` can be exchanged in one step (tried on two empty ones)."""
    try:
        a, b = (Path(tempfile.mkdtemp(prefix=".swap-", dir=folder)) for _ in range(2))
    except OSError:
        return False
    try:
        return exchange(a, b)
    finally:
        for empty in (a, b):
            shutil.rmtree(empty, ignore_errors=True)


def mirror(out: Path, twin: Path) -> None:
    """Make ``twin`` hold exactly OUT's files, as hard links: a file already linked is left alone, the others
    linked again, files and folders OUT has not removed (O(archive): for a twin whose state is not known)."""
    twin.mkdir(parents=True, exist_ok=True)
    stack = [""]
    while stack:
        rel = stack.pop()
        here, there = os.path.join(out, rel), os.path.join(twin, rel)
        theirs = {e.name: e for e in os.scandir(there)}
        for entry in os.scandir(here):
            other = theirs.pop(entry.name, None)
            target = os.path.join(there, entry.name)
            if entry.is_dir(follow_symlinks=False):
                if other is not None and not other.is_dir(follow_symlinks=False):
                    os.unlink(target)
                    other = None
                if other is None:
                    os.mkdir(target)
                stack.append(os.path.join(rel, entry.name))
            elif other is None:  # nothing there: linked in one step (the twin is not live)
                try:
                    os.link(entry.path, target, follow_symlinks=False)
                except FileExistsError:  # made since the folder was listed
                    link_over(entry.path, target)
            elif other.is_dir(follow_symlinks=False) or other.inode() != entry.inode():
                if other.is_dir(follow_symlinks=False):
                    shutil.rmtree(target)
                link_over(entry.path, target)
        for name, entry in theirs.items():  # in the twin, not in OUT
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)


def link_over(source: str | Path, target: str | Path) -> None:
    """Put a hard link to ``source`` at ``target`` in one step (a temporary name, then a rename)."""
    folder, name = os.path.split(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=folder)
    os.close(fd)
    os.unlink(tmp)
    os.link(source, tmp, follow_symlinks=False)
    os.replace(tmp, target)


def write_into(twins: Folders, files: Mapping[str, str | bytes]) -> list[str]:
    """Write into the twins (or a build's own folders) the files whose bytes differ; return those written (logical paths)."""
    return [prefix + rel for twin, prefix, part in twins.files(files) for rel in write_into_one(twin, part)]


def write_into_one(twin: Path, files: Mapping[str, str | bytes]) -> list[str]:
    """Write into the twin the files whose bytes differ; return those written.

    The twin is not live, so a file is replaced by unlinking it (it may be a link to OUT's) and
    writing a new one, without a temporary name: a twin cut short is levelled again by inode.
    """
    written = []
    for rel, content in files.items():
        path = inside(twin, rel)
        data = content.encode("utf-8") if isinstance(content, str) else content
        try:
            if path.stat().st_size == len(data) and path.read_bytes() == data:
                continue
            path.unlink()
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(path, "xb") as handle:
                handle.write(data)
        except OSError as exc:  # a full disk: the write names no file
            raise about(exc, path) from None
        written.append(rel)
    return written


def level(out: Path, twin: Path, paths: Iterable[str]) -> None:
    """Bring ``twin`` level with OUT for ``paths`` (files the last build wrote or removed)."""
    gone = []
    for rel in paths:
        source, target = out / rel, inside(twin, rel)
        if not source.is_file():
            gone.append(rel)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        link_over(source, target)
    remove_files(twin, gone)


def ready_twins(outs: Folders, twin_id: str, behind: Iterable[str]) -> Folders | None:
    """The twins of both outputs (site.output.folders), each level with its folder; None where either can have none
    (then both are written in place). ``behind``: the logical paths the twins lack."""
    lacking = dict(outs.paths(behind))
    desk, public = [ready_twin(out, twin_id, lacking[out]) for out, _ in outs.each()]  # both made ready (desk first), then judged
    if desk is None or public is None:
        return None
    return Folders(public=public, desk=desk)


def ready_twin(out: Path, twin_id: str, behind: Iterable[str]) -> Path | None:
    """The twin of OUT, level with it, its marker removed while it is being changed; None where there can be none.

    ``twin_id`` and ``behind`` are what the manifest of OUT says of the twin: the build that
    made it, and the files it lacks (cost: those files). Any other twin is levelled by a walk
    of both folders (cost: the archive).
    """
    twin = twin_of(out)
    try:
        if twin_id and marker(twin) == twin_id and marker(out):
            (twin / MARKER).unlink()
            level(out, twin, behind)
            return twin
        if not can_swap_beside(out):
            return None
        (twin / MARKER).unlink(missing_ok=True)
        mirror(out, twin)
        (twin / MARKER).unlink(missing_ok=True)
        return twin
    except OSError:
        shutil.rmtree(twin, ignore_errors=True)
        return None


def prepare_twins(outs: Folders, manifest_folder: Path) -> bool:
    """Where the last build into OUT kept no twin (the first build into it: no previous build to roll back to),
    make both twins now, level with their folders, and say so in the manifest: the next build's cost then follows
    its change, not the archive. For ``serve``, while it waits for the first change; the caller holds the
    project's lock. Whether it made them."""
    ids = Manifest.ids(manifest_folder, outs)
    if ids is None:
        return False
    build_id, twin_id = ids
    if twin_id and all(marker(twin_of(out)) == twin_id for out, _ in outs.each()):
        return False  # a twin the next build levels at the cost of the last change (and a build to roll back to)
    twins = ready_twins(outs, "", [])
    if twins is None:
        return False
    for twin, _ in twins.each():
        write_atomic(twin / MARKER, build_id.encode("ascii"))
    return Manifest.kept_twin(manifest_folder, build_id)


def can_swap_beside(out: Path) -> bool:
    cache = twin_of(out).parent
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return can_swap(cache)


def swap(twins: Folders, outs: Folders, build_id: str) -> list[tuple[Path, Path]]:
    """Swap each twin, marked as the new build, with its folder: the desk first, then the public one
    (site.output.folders). Return the (twin, folder) pairs not swapped (after a failure, the rest are not tried)."""
    pairs = [(twins.desk, outs.desk), (twins.public, outs.public)]
    for i, (twin, out) in enumerate(pairs):
        write_atomic(twin / MARKER, build_id.encode("ascii"))
        if not exchange(twin, out):
            (twin / MARKER).unlink(missing_ok=True)
            return pairs[i:]
    return []


def extras(folders: Folders, keep: set[str]) -> list[str]:
    """The files under both folders (logical paths) that are not in ``keep``: what a full build removes."""
    found = []
    for folder, prefix in folders.each():
        for here, _, names in os.walk(folder):
            rel = os.path.relpath(here, folder)
            for name in names:
                path = prefix + (name if rel == "." else f"{rel}/{name}".replace(os.sep, "/"))
                if path not in keep:
                    found.append(path)
    return found
