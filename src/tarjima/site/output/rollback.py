"""``tarjima rollback``: bring back the build before the last one, in one atomic step per folder.

A build that swapped its folders with their twins (site.output.twin) leaves in each twin exactly the
build it replaced, its marker included. A rollback swaps them back, the desk first, then the
public folder (site.output.folders), so OUT is at every moment the one build or the other.

It goes one step back, once. The manifest describes the build rolled away from, so it is
forgotten: the next build renders everything again, into the twins (which then keep the build
rolled back to). A second rollback is refused rather than rolling forward again: a press
officer repeating the command must not put the bad publish back online; ``tarjima build``
publishes the sources as they are now.

Nothing to roll back to, and nothing is touched, when: OUT holds no build, the desk and OUT are
of different builds, the manifest is gone, the last build kept no twin (the first build into
OUT, or a system that cannot swap folders), the twin is the build online (the last build changed
nothing, or ``serve`` made the twins of a first build), or a twin is not whole (a full build refused
or cut short while filling it).
A build refused before it began to write (bad input found by an incremental build) leaves the
twins as they were: a rollback then brings back the build before the last good one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tarjima.config import Config
from tarjima.errors import InputError
from tarjima.site.output.folders import Folders, desk_for
from tarjima.site.output.history import BuildRecord, read_history, record_rollback
from tarjima.site.output.manifest import Manifest
from tarjima.site.output.folder import exchange
from tarjima.site.output.twin import marker, twin_of


LATER = "nothing to roll back to until a build replaces the one online now"


@dataclass(frozen=True)
class RollbackResult:
    """What a rollback did: the folders, the build they hold again, and the build it replaced."""

    out: Path
    desk: Path
    restored: BuildRecord
    replaced: BuildRecord


def roll_back(config: Config, out: Path, desk: Path | None = None) -> RollbackResult:
    """Swap the desk and the public folder of the last build into ``out`` with their twins, which hold the build before it;
    raise InputError, touching nothing, when there is no whole previous build to bring back."""
    outs = Folders(public=out.resolve(), desk=(desk or desk_for(out.resolve())).resolve())
    shown = config.layout.rel(outs.public)
    folder = config.layout.build_manifest(outs.public)
    current = marker(outs.public)
    history = read_history(folder)
    if not current:
        raise InputError(shown, "holds no build of tarjima to roll back from", "roll back the folder tarjima build wrote: pass --out (and --desk) as given to the build")
    ids = Manifest.ids(folder, outs)
    if history.rolled_back is not None and history.rolled_back[1] == current and ids is None:
        raise InputError(shown, f"already rolled back to build {history.of(current).describe()}; no earlier build is kept",
                         "run tarjima build to publish the sources as they are now")
    if marker(outs.desk) != current:
        raise InputError(config.layout.rel(outs.desk), f"the desk is not of the build in {shown} (a build cut short between its two swaps, or another --desk)",
                         "pass the --desk the build used, or run tarjima build to make both folders whole again")
    if ids is None:
        raise InputError(shown, "the record of its last build is gone (tarjima's cache was deleted or could not be written)",
                         LATER)
    build_id, twin_id = ids
    if not twin_id:
        raise InputError(shown, "its last build kept no previous build (the first build into this folder, or a system that cannot swap folders)",
                         LATER)
    if twin_id == build_id:
        raise InputError(shown, f"the build kept beside it is the one online, {build_id[:12]} (its last build changed nothing, or was the first into this folder)",
                         "nothing to roll back to: to take something down, change the sources and run tarjima build")
    twins = Folders(public=twin_of(outs.public), desk=twin_of(outs.desk))
    if marker(twins.public) != twin_id or marker(twins.desk) != twin_id:
        raise InputError(shown, f"the previous build {twin_id[:12]} is no longer kept whole (a full build was refused or cut short while writing over it)",
                         LATER)
    if not exchange(twins.desk, outs.desk):
        raise InputError(shown, "this system cannot swap two folders in one step, so no previous build can be brought back", "nothing was changed")
    if not exchange(twins.public, outs.public):
        if exchange(twins.desk, outs.desk):  # the desk back: both folders stay of one build
            raise InputError(shown, "could not swap the public folder with the previous build", "nothing was changed; check that the folder is writable")
        raise InputError(shown, "the desk was rolled back but the public folder could not be", "run tarjima build --full to make both folders whole again")
    Manifest.forget(folder)  # (the folders' markers already disagree with it; this says so to whoever reads the cache)
    record_rollback(folder, history, build_id, twin_id)
    return RollbackResult(outs.public, outs.desk, history.of(twin_id), history.of(build_id))
