"""Test photos made with Pillow, carrying everything a camera and an editor leave in a file: EXIF (GPS, serial, owner), XMP, a comment, an ICC profile."""

from __future__ import annotations

import io

from PIL import Image, ImageCms, ImageDraw

SECRETS = (b"SN-4417-CAMERA", b"Owner Name Secret", b"Artist Secret", b"GPSsecret-xmp", b"secret comment")
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="41,18.5N" exif:Note="GPSsecret-xmp"/></rdf:RDF></x:xmpmeta>')


def camera_jpeg(width: int = 640, height: int = 400, orientation: int = 1, colour: tuple[int, int, int] = (40, 90, 160), seed: int = 0) -> bytes:
    """A JPEG as a camera writes it: EXIF with GPS position, body serial, owner and artist, orientation; XMP; a comment; an ICC profile."""
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width // 3, height // 2), fill=(200, 40, 40))  # a red block top left: shows which way is up
    draw.ellipse((width // 2, height // 3, width // 2 + 60 + seed % 50, height // 3 + 60), fill=(240, 220, 60))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "CameraMaker"
    exif[0x0110] = "Model X"
    exif[0x013B] = SECRETS[2].decode()
    sub = exif.get_ifd(0x8769)
    sub[0xA431] = SECRETS[0].decode()  # BodySerialNumber
    sub[0xA430] = SECRETS[1].decode()  # CameraOwnerName
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (41.0, 18.0, 30.0), 3: "E", 4: (69.0, 16.0, 12.0)})
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif.tobytes(), icc_profile=icc, comment=SECRETS[4], xmp=XMP)
    return out.getvalue()


def png_with_text() -> bytes:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", SECRETS[1].decode())
    info.add_text("XML:com.adobe.xmp", XMP.decode())
    out = io.BytesIO()
    Image.new("RGBA", (500, 300), (10, 120, 60, 255)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


CMYK_PROFILE_SHA256 = "8472fa1493a024b800b67dee9424835ec0c41ab79490200ae8ec4a689fd1b9a9"


def cmyk_profile() -> bytes:
    """A real CMYK ICC profile, nobody's here: Ghostscript's default_cmyk.icc from Debian's libgs-common
    (``apt-get download``, unpacked, never installed; its bytes pinned)."""
    import hashlib

    import pytest

    from cache_lock import cache_lock
    from schemas import CACHE, _deb_members

    cached = CACHE / "default_cmyk.icc"
    with cache_lock(CACHE):  # the suite's processes share the cache
        if not cached.is_file():
            (data,) = _deb_members("libgs-common", ["./usr/share/color/icc/ghostscript/default_cmyk.icc"])
            cached.write_bytes(data)
        data = cached.read_bytes()
    if hashlib.sha256(data).hexdigest() != CMYK_PROFILE_SHA256:
        pytest.fail("default_cmyk.icc from Debian changed: compare it, then update CMYK_PROFILE_SHA256 in tests/photos_fixture.py")
    return data
