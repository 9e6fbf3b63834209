"""constraints.txt is requirements.txt's pins, without the hashes: a fresh machine that installs with -c gets the tested versions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pins(text: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"^([A-Za-z0-9._-]+==[^\s\\;]+)", text, re.M)]


def test_the_constraints_pin_exactly_what_the_lock_pins() -> None:
    locked = pins((ROOT / "requirements.txt").read_text(encoding="utf-8"))
    assert locked and pins((ROOT / "constraints.txt").read_text(encoding="utf-8")) == locked


@pytest.mark.slow
def test_the_lock_installs_on_the_oldest_python_that_pyproject_allows(tmp_path: Path) -> None:
    """Debian 12's own Python is 3.11.2: a pin that needs 3.11.5 (soupsieve 3.0.2 and later) breaks the README's first command there."""
    import subprocess
    import sys
    import tomllib

    floor = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    oldest = re.fullmatch(r">=\s*(\d+\.\d+(?:\.\d+)?)", floor)
    assert oldest, f"requires-python {floor!r}: give its lowest version as >=X.Y"
    version = oldest.group(1) if oldest.group(1).count(".") == 2 else oldest.group(1) + ".0"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--dry-run", "--ignore-installed", "--python-version", version,
                           "--only-binary=:all:", "--target", str(tmp_path), "--require-hashes", "--no-deps", "-r", str(ROOT / "requirements.txt")],
                          capture_output=True, text=True)
    errors = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
    assert done.returncode == 0, f"requirements.txt does not install on Python {version}: {errors[-1:] or done.stderr[-300:]}; refresh it with .ci/lock on that Python"
