"""The output folder: files written inside it only, changed files replaced one by one, or a fresh folder swapped in."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Mapping

from tarjima.config import Config
from tarjima.errors import InputError
from tarjima.files import should_write, write_atomic


def inside(out: Path, rel: str) -> Path:
    """The path of a site file, refusing anything that would land outside OUT."""
    target = (out / rel).resolve()
    if out.resolve() not in target.parents:
        raise InputError(rel, "would be written outside the output folder", "use a slug of a-z, 0-9 and hyphens")
    return target


def write_files(folder: Path, files: Mapping[str, str | bytes]) -> int:
    """Write files under ``folder``; return how many."""
    for rel, content in files.items():
        path = inside(folder, rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return len(files)


def write_in_place(out: Path, files: Mapping[str, str | bytes]) -> int:
    """Write changed files into OUT, each atomically; unchanged ones are left alone."""
    written = 0
    for rel, content in files.items():
        path = inside(out, rel)
        data = content.encode("utf-8") if isinstance(content, str) else content
        if not should_write(path, data):
            continue
        write_atomic(path, data, durable=False)  # generated pages: a crash loses nothing a build cannot remake
        written += 1
    return written


def remove_files(out: Path, paths: Iterable[str]) -> None:
    """Delete files a build no longer makes, and folders left empty."""
    for rel in paths:
        path = inside(out, rel)
        path.unlink(missing_ok=True)
        for parent in path.parents:
            if parent == out or any(parent.iterdir()):
                break
            parent.rmdir()


def replace_folder(out: Path, write: Callable[[Path], int]) -> int:
    """Let ``write`` fill a fresh folder beside OUT, then swap it into place; on failure OUT is untouched."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        count = write(staging)
        swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def swap_in(staging: Path, out: Path) -> None:
    """Put the finished folder in OUT's place; the old one goes only once the new one is there."""
    os.chmod(staging, 0o755)
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
