"""The one error type of tarjima: bad input, named by file and line, with a fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class InputError(Exception):
    """Bad input: which file, which line, what is wrong and what to do."""

    path: str
    message: str
    hint: str = ""
    line: int | None = None

    def __reduce__(self) -> tuple[type, tuple[str, str, str, int | None]]:
        return (InputError, (self.path, self.message, self.hint, self.line))  # crosses from worker processes

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text
