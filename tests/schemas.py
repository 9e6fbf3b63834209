"""Validation schemas from a package registry, never hand-written: fetched once into a cache folder.

- TMX 1.4: ``schemas/tmx14.dtd`` inside ``OmegaT.jar`` of Debian's ``omegat`` package (OmegaT,
  the CAT tool, validates TMX with it), fetched with ``apt-get download``.
- XLIFF 2.1: the OASIS core schema, ``xliff-core-2.0.xsd`` with the W3C ``xml.xsd`` it imports, from
  Debian's ``php-symfony-translation`` package (Symfony validates XLIFF with it). Its header reads
  "XLIFF Version 2.0, OASIS Standard, 05 August 2014". XLIFF 2.1 keeps the core namespace and the
  schema's file name (its conformance clause points at ``v2.1/os/schemas/xliff_core_2.0.xsd``) and
  is backwards compatible, so a document valid against the 2.0 core schema is valid 2.1 core;
  ``version`` is an unconstrained attribute in both. No registry package we found ships the 2.1
  copy itself (PyPI, npm and Debian searched; docs.oasis-open.org is not reachable from CI).
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


def _deb(package: str) -> Path:
    """The newest .deb of a Debian package in the cache, fetched with ``apt-get download`` if missing."""
    CACHE.mkdir(parents=True, exist_ok=True)
    debs = sorted(CACHE.glob(f"{package}_*.deb"))
    if not debs:
        for attempt in range(2):
            done = subprocess.run(["apt-get", "download", "-qq", package], cwd=CACHE, capture_output=True, text=True)
            if done.returncode == 0:
                break
            if attempt == 0:
                subprocess.run(["apt-get", "update", "-qq"], capture_output=True)
        debs = sorted(CACHE.glob(f"{package}_*.deb"))
        if not debs:
            pytest.fail(f"cannot fetch Debian's {package} package for a schema: {done.stderr.strip()}")
    return debs[-1]


def _deb_members(package: str, names: list[str]) -> list[bytes]:
    tar = subprocess.run(["dpkg-deb", "--fsys-tarfile", str(_deb(package))], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        found = []
        for name in names:
            member = archive.extractfile(name)
            assert member is not None, f"{package} has no {name}"
            found.append(member.read())
    return found


def tmx_dtd() -> Path:
    """The TMX 1.4 DTD from Debian's omegat package."""
    target = CACHE / "tmx14.dtd"
    if target.is_file():
        return target
    (jar,) = _deb_members("omegat", ["./usr/share/omegat/OmegaT.jar"])
    with zipfile.ZipFile(io.BytesIO(jar)) as classes:
        data = classes.read("schemas/tmx14.dtd")
    target.write_bytes(data)
    return target


def xliff_xsd() -> Path:
    """The OASIS XLIFF core schema from Debian's php-symfony-translation, laid out as OASIS ships it."""
    folder = CACHE / "xliff-core"
    target = folder / "xliff_core_2.0.xsd"
    if target.is_file():
        return target
    where = "./usr/share/php/Symfony/Component/Translation/Resources/schemas/"
    core, xml = _deb_members("php-symfony-translation", [where + "xliff-core-2.0.xsd", where + "xml.xsd"])
    assert b"OASIS Standard" in core and b'schemaLocation="informativeCopiesOf3rdPartySchemas/w3c/xml.xsd"' in core
    imported = folder / "informativeCopiesOf3rdPartySchemas" / "w3c" / "xml.xsd"
    imported.parent.mkdir(parents=True, exist_ok=True)
    imported.write_bytes(xml)
    target.write_bytes(core)
    return target
