"""Validation schemas from a package registry, never hand-written: fetched once into a cache folder.

- TMX 1.4: ``schemas/tmx14.dtd`` inside ``OmegaT.jar`` of Debian's ``omegat`` package (OmegaT,
  the CAT tool, validates TMX with it), fetched with ``apt-get download``.
- XLIFF 2.1: no package on PyPI, npm or Debian that we found ships the OASIS core XSD
  (translate-toolkit ships none; npm xliff, ilib-xliff, ngx-i18nsupport-lib and
  xliff-simple-merge neither; Debian's omegat only TMX, SRX and TBX). The XLIFF tests check the
  structure the specification requires with lxml instead (see test_exchange.py).
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import zipfile
from pathlib import Path

import pytest

CACHE = Path(os.environ.get("TARJIMA_SCHEMA_CACHE", Path.home() / ".cache" / "tarjima-ci"))


def tmx_dtd() -> Path:
    """The TMX 1.4 DTD from Debian's omegat package."""
    target = CACHE / "tmx14.dtd"
    if target.is_file():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    debs = sorted(CACHE.glob("omegat_*.deb"))
    if not debs:
        for attempt in range(2):
            done = subprocess.run(["apt-get", "download", "-qq", "omegat"], cwd=CACHE, capture_output=True, text=True)
            if done.returncode == 0:
                break
            if attempt == 0:
                subprocess.run(["apt-get", "update", "-qq"], capture_output=True)
        debs = sorted(CACHE.glob("omegat_*.deb"))
        if not debs:
            pytest.fail(f"cannot fetch Debian's omegat package for the TMX DTD: {done.stderr.strip()}")
    tar = subprocess.run(["dpkg-deb", "--fsys-tarfile", str(debs[-1])], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        jar = archive.extractfile("./usr/share/omegat/OmegaT.jar")
        assert jar is not None
        with zipfile.ZipFile(io.BytesIO(jar.read())) as classes:
            data = classes.read("schemas/tmx14.dtd")
    target.write_bytes(data)
    return target
