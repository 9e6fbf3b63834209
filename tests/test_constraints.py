"""constraints.txt is requirements.txt's pins, without the hashes: a fresh machine that installs with -c gets the tested versions."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pins(text: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"^([A-Za-z0-9._-]+==[^\s\\;]+)", text, re.M)]


def test_the_constraints_pin_exactly_what_the_lock_pins() -> None:
    locked = pins((ROOT / "requirements.txt").read_text(encoding="utf-8"))
    assert locked and pins((ROOT / "constraints.txt").read_text(encoding="utf-8")) == locked
