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
- XLIFF 1.2: the OASIS strict schema, ``xliff-core-1.2-strict.xsd`` (namespace
  ``urn:oasis:names:tc:xliff:document:1.2``; its header's change log ends "Jan-10-2006"), from the
  same Debian package. It imports the W3C ``xml.xsd`` from www.w3.org: that import is pointed at the
  package's own copy. Strict, not transitional: nothing deprecated passes. Its ``anyAttribute`` is
  ``processContents="strict"``, so tarjima's one extension attribute (``tj:base``) is declared in
  ``TARJIMA_XSD`` below, the only schema text written here.
"""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from cache_lock import fills  # the suite's processes share the cache

CACHE = Path(os.environ.get("TARJIMA_SCHEMA_CACHE", Path.home() / ".cache" / "tarjima-ci"))

# The schemas' own bytes, pinned: the Debian packages are fetched at whatever version the mirror
# has, so a changed schema stops the tests with its name instead of changing what they check.
SCHEMA_SHA256 = {
    "tmx14.dtd": "b55b69432676c1a330c1d4acf2db5f61d276ea83cda0180b7b3bc7018c459063",
    "xliff-core-1.2-strict.xsd": "be380cd73e632f358f8082b4304d435282494e5a01a3432639610568b323d552",
    "xliff-core-2.0.xsd": "86869fdd384cc4c0bfda9097ded6b2058ccdc027973d5ce6177fceac17e96f89",
    "xml.xsd": "4811c301144dd763dca0cd9f8d0b4029c0a4ad1d84c73132c2531ec5f06ac340",
}


def _pinned(name: str, data: bytes) -> bytes:
    found = hashlib.sha256(data).hexdigest()
    if found != SCHEMA_SHA256[name]:
        pytest.fail(f"{name} from Debian changed (sha256 {found}): compare it, then update SCHEMA_SHA256 in tests/schemas.py")
    return data


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


@fills(lambda: CACHE)
def tmx_dtd() -> Path:
    """The TMX 1.4 DTD from Debian's omegat package."""
    target = CACHE / "tmx14.dtd"
    if target.is_file():
        return target
    (jar,) = _deb_members("omegat", ["./usr/share/omegat/OmegaT.jar"])
    with zipfile.ZipFile(io.BytesIO(jar)) as classes:
        data = _pinned("tmx14.dtd", classes.read("schemas/tmx14.dtd"))
    target.write_bytes(data)
    return target


@fills(lambda: CACHE)
def xliff_xsd() -> Path:
    """The OASIS XLIFF core schema from Debian's php-symfony-translation, laid out as OASIS ships it."""
    folder = CACHE / "xliff-core"
    target = folder / "xliff_core_2.0.xsd"
    if target.is_file():
        return target
    where = "./usr/share/php/Symfony/Component/Translation/Resources/schemas/"
    core, xml = _deb_members("php-symfony-translation", [where + "xliff-core-2.0.xsd", where + "xml.xsd"])
    core, xml = _pinned("xliff-core-2.0.xsd", core), _pinned("xml.xsd", xml)
    imported = folder / "informativeCopiesOf3rdPartySchemas" / "w3c" / "xml.xsd"
    imported.parent.mkdir(parents=True, exist_ok=True)
    imported.write_bytes(xml)
    target.write_bytes(core)
    return target


# tarjima's own namespace: the one attribute it writes on a unit, declared for XLIFF 1.2's strict extension point.
TARJIMA_XSD = """<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:tarjima:xliff">
  <xs:attribute name="base" type="xs:token"/>
</xs:schema>
"""


@fills(lambda: CACHE)
def xliff12_xsd() -> Path:
    """A schema of XLIFF 1.2 strict (OASIS, from Debian's php-symfony-translation) and tarjima's attribute, offline."""
    folder = CACHE / "xliff-1.2"
    target = folder / "xliff-1.2-tarjima.xsd"
    if target.is_file():
        return target
    where = "./usr/share/php/Symfony/Component/Translation/Resources/schemas/"
    core, xml = _deb_members("php-symfony-translation", [where + "xliff-core-1.2-strict.xsd", where + "xml.xsd"])
    core, xml = _pinned("xliff-core-1.2-strict.xsd", core), _pinned("xml.xsd", xml)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "xml.xsd").write_bytes(xml)
    remote = b'schemaLocation="http://www.w3.org/2001/xml.xsd"'
    assert core.count(remote) == 1
    (folder / "xliff-core-1.2-strict.xsd").write_bytes(core.replace(remote, b'schemaLocation="xml.xsd"'))
    (folder / "tarjima.xsd").write_text(TARJIMA_XSD, encoding="utf-8")
    target.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n'
        '  <xs:import namespace="urn:oasis:names:tc:xliff:document:1.2" schemaLocation="xliff-core-1.2-strict.xsd"/>\n'
        '  <xs:import namespace="urn:tarjima:xliff" schemaLocation="tarjima.xsd"/>\n</xs:schema>\n', encoding="utf-8")
    return target


# Weblate's own source, from PyPI with pinned hashes: two releases, because import_json changed
# between them (5.14.3 copies the Component model's own fields; 2026.10.1 validates each item with
# the REST API's ComponentSerializer), and weblate-language-data for the language codes.
WEBLATE_WHEELS = {
    "weblate==5.14.3": "0bc2c5a49ebc496758e89f08d5ec9d1b226e8aba2cff7744a18ab9f235dca816",
    "weblate==2026.10.1": "27a779ceb05fec3665081df0d3f46f4b6ac0e3f499160a1c3cb145e8e35853d2",
    "weblate-language-data==2026.11": "f7171c792fdbadd80221636bddd15777b2823e7664f04c841f17f7f0ea78e7f2",
}


@fills(lambda: CACHE)
def weblate_wheel(requirement: str) -> zipfile.ZipFile:
    """One of WEBLATE_WHEELS, downloaded once (checked against its hash) and opened as a zip."""
    name, version = requirement.split("==")
    folder = CACHE / "weblate"
    wheel = folder / f"{name.replace('-', '_')}-{version}-py3-none-any.whl"
    if not wheel.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        pinned = folder / f"{name}.txt"
        pinned.write_text(f"{requirement} --hash=sha256:{WEBLATE_WHEELS[requirement]}\n", encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
                               "--python-version", "3.12", "--require-hashes", "-r", str(pinned), "-d", str(folder)],
                              capture_output=True, text=True)
        if done.returncode != 0 or not wheel.is_file():
            pytest.fail(f"cannot fetch {requirement} from PyPI: {done.stderr.strip()[-300:]}")
    return zipfile.ZipFile(wheel)
