"""The output folder: files written inside it only, changed files replaced one by one, or a fresh folder swapped in."""

from __future__ import annotations

import ctypes
import os
import posixpath
import shutil
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Mapping

from tarjima.config import Config
from tarjima.errors import InputError
from tarjima.files import about, should_write, sweep, write_atomic
from tarjima.site.output.folders import Folders


def inside(out: Path, rel: str) -> Path:
    """The path of a site file, refusing anything that would land outside OUT."""
    target = (out / rel).resolve()
    if out.resolve() not in target.parents:
        raise outside(rel)
    return target


def outside(rel: str) -> InputError:
    return InputError(rel, "would be written outside the output folder", "use a slug of a-z, 0-9 and hyphens")


def inside_new(folder: Path, rel: str) -> Path:
    """As ``inside``, for a folder this build made and fills itself, where no link can be: by the path's text alone
    (no ``resolve``, which asks the system about every folder on the way, for every file)."""
    norm = posixpath.normpath(rel)
    if norm in (".", "..") or norm.startswith(("../", "/")) or "\0" in norm:
        raise outside(rel)
    return folder / norm


def write_files(folder: Path, files: Mapping[str, str | bytes]) -> int:
    """Write files under ``folder``, a new folder of this build's own; return how many."""
    for rel, content in files.items():
        path = inside_new(folder, rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        except OSError as exc:  # a full disk: the write names no file
            raise about(exc, path) from None
    return len(files)


def write_new(folders: Folders, files: Mapping[str, str | bytes]) -> int:
    """``write_files`` for both outputs of a build: each file into its folder (site.output.folders)."""
    return sum(write_files(folder, part) for folder, _, part in folders.files(files))


def write_in_place(out: Path, files: Mapping[str, str | bytes]) -> list[str]:
    """Write changed files into OUT, each atomically; unchanged ones are left alone. Return those written.

    A build killed while writing leaves temporary files in the folders it was writing; the next
    build writes the same files (the manifest was not saved) and sweeps those folders first.
    """
    written = []
    for folder in {inside(out, rel).parent for rel in files}:
        sweep(folder)
    for rel, content in files.items():
        path = inside(out, rel)
        data = content.encode("utf-8") if isinstance(content, str) else content
        if not should_write(path, data):
            continue
        write_atomic(path, data, durable=False)  # generated pages: a crash loses nothing a build cannot remake
        written.append(rel)
    return written


def write_in_places(outs: Folders, files: Mapping[str, str | bytes]) -> list[str]:
    """``write_in_place`` for both outputs; the logical paths of the files written."""
    return [prefix + rel for folder, prefix, part in outs.files(files) for rel in write_in_place(folder, part)]


def remove_from(outs: Folders, paths: Iterable[str]) -> None:
    """``remove_files`` for both outputs, by logical path."""
    for folder, local in outs.paths(paths):
        remove_files(folder, local)


def remove_files(out: Path, paths: Iterable[str]) -> None:
    """Delete files a build no longer makes, and folders left empty (a file or folder already gone is fine)."""
    for rel in paths:
        path = inside(out, rel)
        path.unlink(missing_ok=True)
        for parent in path.parents:
            if parent == out or not parent.is_dir() or any(parent.iterdir()):
                break
            parent.rmdir()


def replace_folder(out: Path, write: Callable[[Path], int]) -> int:
    """Let ``write`` fill a fresh folder beside OUT, then swap it into place; on failure OUT is untouched."""
    out.parent.mkdir(parents=True, exist_ok=True)
    for kind in ("new", "old"):  # the folders of a build killed before it could clean up
        for left in out.parent.glob(f".{out.name}.{kind}-*"):
            shutil.rmtree(left, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        count = write(staging)
        swap_in(staging, out)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise in_place_of(exc, ((staging, out),)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def replace_folders(outs: Folders, write: Callable[[Folders], int]) -> int:
    """``replace_folder`` for both outputs: ``write`` fills a fresh folder beside each, then the desk is swapped
    into place, then the public folder (site.output.folders: the public site never shows a state the desk has not seen)."""
    for out in (outs.desk, outs.public):
        out.parent.mkdir(parents=True, exist_ok=True)
        for kind in ("new", "old"):
            for left in out.parent.glob(f".{out.name}.{kind}-*"):
                shutil.rmtree(left, ignore_errors=True)
    staging = Folders(*(Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent)) for out in (outs.public, outs.desk)))
    try:
        count = write(staging)
        swap_in(staging.desk, outs.desk)
        swap_in(staging.public, outs.public)
    except BaseException as exc:
        for folder in staging.each():
            shutil.rmtree(folder[0], ignore_errors=True)
        if isinstance(exc, OSError):
            raise in_place_of(exc, ((staging.public, outs.public), (staging.desk, outs.desk))) from None
        raise
    return count


def in_place_of(exc: OSError, folders: tuple[tuple[Path, Path], ...]) -> OSError:
    """An error about a file of a fresh folder (a full disk while writing ``.site.new-…/en/index.html``), named
    as the file of the output it was made for (``site/en/index.html``); any other error as it is."""
    name = str(exc.filename or "")
    for staging, out in folders:
        if name.startswith(f"{staging}{os.sep}"):
            return about(exc, out / name[len(str(staging)) + 1 :])
    return exc


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``); False where the system cannot."""
    rename = getattr(_libc(), "renameat2", None) if sys.platform.startswith("linux") else None
    if rename is None:
        return False
    status: int = rename(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return status == 0


@lru_cache(maxsize=1)
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


AT_FDCWD, RENAME_EXCHANGE = -100, 2


def swap_in(staging: Path, out: Path) -> None:
    """Put the finished folder in OUT's place: in one atomic step where the system can (OUT is at
    every moment the old site or the new one), else the old one goes only once the new one is there."""
    os.chmod(staging, 0o755)
    if out.is_dir() and exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the old site
        return
    if out.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        os.replace(out, retired / out.name)
        os.replace(staging, out)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(staging, out)


def assets(config: Config) -> dict[str, bytes]:
    """Static files shipped with the templates (templates/assets/ -> OUT/assets/)."""
    folder = config.layout.assets()
    return {f"assets/{p.relative_to(folder).as_posix()}": p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
