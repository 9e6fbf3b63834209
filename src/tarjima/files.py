"""File access at the edges: strict reads, atomic writes, writing only what changed."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path
from typing import Iterable, Sequence

from tarjima.errors import InputError


def read_bytes(path: Path | str, display: str) -> bytes:
    """A file's bytes, or an InputError naming it (the one place an OSError of a read becomes bad input)."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise InputError(display, f"cannot read: {exc.strerror}") from None


def read_text(path: Path | str, display: str) -> str:
    """Read a UTF-8 text file (a byte-order mark accepted and dropped), or raise an InputError naming it."""
    data = read_bytes(path, display)
    try:
        return data.decode("utf-8").removeprefix("\ufeff")  # a byte-order mark (Windows editors) is not text
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(display, "not valid UTF-8", "save the file as UTF-8", line) from None


def leads_out(root: Path, path: str) -> bool:
    """Whether a path under ``root`` (a resolved folder) resolves outside it: a symbolic link, of the file
    or of a folder on its way, leads out of the project."""
    return not os.path.realpath(path).startswith(f"{root}{os.sep}")


def linked_out(display: str, folder: bool = False) -> InputError:
    """The refusal of a source, catalogue or folder that resolves outside the project (as a photo outside its report's folder is refused)."""
    what = "folder" if folder else "file"
    return InputError(display, f"this {what} resolves outside the project through a symbolic link: tarjima reads nothing from there",
                      f"put the {what} itself in the project in place of the link")


TEMP_SUFFIX = ".tarjima.tmp"  # a write in progress; one left behind was killed, and ``sweep`` removes it


def about(exc: OSError, path: Path | str) -> OSError:
    """The same error, of the same kind, naming ``path``: the file being written, not a temporary name beside it,
    nor nothing (a full disk's ENOSPC comes from a write, which names no file)."""
    named = type(exc)(exc.errno, exc.strerror, str(path))
    named.__traceback__ = exc.__traceback__
    return named


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Write through a temporary file in the same folder, then rename over the target.

    ``durable`` also flushes the data to the disk before the rename (a translator's catalogue);
    generated output that a build can make again skips it. An OSError names ``path``, never the temporary file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:  # a read-only folder: the error would name the temporary file
        raise about(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise about(exc, path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def should_write(path: Path, data: bytes) -> bool:
    """Whether writing ``data`` would change the file (it is missing or holds other bytes)."""
    try:
        return path.read_bytes() != data
    except FileNotFoundError:
        return True


def write_if_changed(path: Path, data: str | bytes, durable: bool = True) -> bool:
    """Write atomically unless the file already holds exactly this (text as UTF-8); say whether it wrote."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if not should_write(path, raw):
        return False
    write_atomic(path, raw, durable)
    return True


def sweep(folder: Path) -> None:
    """Remove the temporary files a killed write left in ``folder`` (call with the project's lock held)."""
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in entries:
        if entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX) and entry.is_file(follow_symlinks=False):
            Path(entry.path).unlink(missing_ok=True)


def read_csv(path: Path, display: str, header: Sequence[str], what: str) -> list[list[str]] | None:
    """The rows after the header of a CSV file tarjima writes and the project commits (``published/``), None when
    there is none; a damaged file (malformed CSV, another header) is bad input. ``what`` names it in the error."""
    if not path.is_file():
        return None
    return csv_rows(read_text(path, display), display, header, what)


def csv_rows(text: str, display: str, header: Sequence[str], what: str) -> list[list[str]]:
    """The rows after the header of such a file's text (read_csv)."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        raise InputError(display, f"malformed CSV: {exc}", "restore it from git: tarjima writes it") from None
    if not rows or tuple(rows[0]) != tuple(header):
        raise InputError(display, f"the first line is not {what}'s header", "restore it from git: " + ",".join(header), 1)
    return rows[1:]


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A CSV file as tarjima writes its records: the header, then the rows, lines ended by LF."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()
