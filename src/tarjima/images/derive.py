"""One photo in, its published derivatives out: orientation applied, every byte of metadata left behind (no I/O).

A derivative is made from the pixels alone, copied into a new image: EXIF (GPS positions,
camera serials, owner names), XMP, IPTC, comments and the ICC profile of the original never
reach the output. A photo in another colour space is converted to sRGB first, so it looks the
same without its profile. What a law-enforcement academy publishes must not say where a photo
was taken or with whose camera.

Memory: a photo over ``max_megapixels`` (default 100) is refused from its header, before any pixel
is decoded. A camera JPEG is decoded at the smallest DCT scale that still gives the widest
derivative (``draft``), and any other photo at least twice as large as that is box-reduced right
after decoding, so the work after it is on a small image. Measured peaks: docs/site.md#photos-page-bundles.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import NamedTuple, TYPE_CHECKING

if TYPE_CHECKING:  # Pillow is imported by the functions that process a photo: a build with no new photo never loads it
    from PIL import Image

FORMATS = ("webp", "jpeg")  # WebP first (smaller), JPEG for browsers and platforms without it
CENTERING = (0.5, 0.4)  # where a crop sits: centred across, a little above the middle (banners and faces are high)
Box = tuple[float, float, float, float]  # left, top, right, bottom in pixels of the upright original


@dataclass(frozen=True)
class Settings:
    """How derivatives are made; all of it is part of their cache key."""

    widths: tuple[int, ...] = (480, 800, 1200)  # a photo in the body: these widths, never wider than the original
    card: tuple[int, int] = (800, 450)  # the cover in listings (16:9), and half of it
    social: tuple[int, int] = (1200, 630)  # the cover for OpenGraph and Twitter cards
    jpeg_quality: int = 82
    webp_quality: int = 80
    max_megapixels: float = 100.0  # larger is refused (a decompression bomb); 100 takes a 61 MP professional camera's photos

    def key(self) -> tuple[object, ...]:
        return (self.widths, self.card, self.social, self.jpeg_quality, self.webp_quality, self.max_megapixels)


class BadImage(Exception):
    """An image Pillow cannot read, or one too large to process: the message says which."""


class TooLarge(BadImage):
    """An image over ``max_megapixels``: the setting is the fix, or a smaller photo."""


class Made(NamedTuple):
    """One derivative: its name within the photo's set (``800.webp``), its size and bytes."""

    name: str
    width: int
    height: int
    data: bytes


def open_image(data: bytes, settings: Settings) -> Image.Image:
    """The photo's pixels, upright (EXIF orientation applied), in sRGB, RGB; refused if broken or too large."""
    from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

    limit = int(settings.max_megapixels * 1_000_000)
    if (Image.MAX_IMAGE_PIXELS or 0) < limit:
        Image.MAX_IMAGE_PIXELS = limit  # Pillow's own guard (an error at twice it) never below tarjima's limit, which is checked below
    need = max(*settings.widths, settings.social[0], settings.card[0])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # (the limit below is the one that counts)
            image: Image.Image = Image.open(io.BytesIO(data))
            pixels = image.width * image.height
            if pixels > limit:
                raise TooLarge(f"{image.width}×{image.height} pixels ({pixels / 1e6:.0f} megapixels) is over the limit of {settings.max_megapixels:g}")
            if image.format == "JPEG":  # decode a large camera JPEG at 1/2, 1/4 or 1/8 of its size when that is still enough
                image.draft("RGB", (need, need))
            image.load()
    except BadImage:
        raise
    except Image.DecompressionBombError:
        raise TooLarge(f"over the limit of {settings.max_megapixels:g} megapixels") from None
    except UnidentifiedImageError:
        raise BadImage("not an image Pillow can read (JPEG, PNG or WebP expected)") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise BadImage(f"damaged image: {exc}") from None
    factor = min(image.width // need, image.height // need)
    if factor >= 2 and image.mode in ("L", "RGB", "CMYK"):  # (a mode with alpha would average hidden colours into the edges)
        image = image.reduce(factor)  # the rest works on an image about as large as the widest derivative, not on 300 MB of pixels
    upright = ImageOps.exif_transpose(image) or image
    icc = image.info.get("icc_profile")
    if upright.mode.startswith("I"):  # 16-bit greyscale: scaled to 8 bits (convert would clip it to white)
        upright = upright.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if upright.mode in ("LA", "La", "PA", "RGBA", "RGBa") or (upright.mode == "P" and "transparency" in upright.info):
        # Transparent parts on white, as a page shows them: dropping the alpha would show what lies under it.
        rgba = upright.convert("RGBA")
        upright = Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba).convert("RGB")
    if upright.mode not in ("RGB", "L", "CMYK"):
        upright = upright.convert("RGB")
    if icc:  # (a CMYK photo is converted by its own profile when it has one)
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            upright = ImageCms.profileToProfile(upright, source, ImageCms.createProfile("sRGB"), outputMode="RGB") or upright
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: the pixels as they are (the profile itself is never copied)
    if upright.mode != "RGB":
        upright = upright.convert("RGB")
    return bare(upright)


def bare(image: Image.Image) -> Image.Image:
    """The same pixels in a new image: no ``info`` (EXIF, XMP, ICC, comments) can travel with it."""
    from PIL import Image

    clean = Image.frombytes(image.mode, image.size, image.tobytes())
    assert not clean.info
    return clean


def encode(image: Image.Image, fmt: str, settings: Settings) -> bytes:
    """The image as WebP or JPEG, with nothing but pixels (no EXIF, XMP, ICC or comment)."""
    out = io.BytesIO()
    if fmt == "webp":
        image.save(out, "WEBP", quality=settings.webp_quality, method=4, exif=b"", icc_profile=None, xmp=b"")
    else:
        image.save(out, "JPEG", quality=settings.jpeg_quality, optimize=True, progressive=True, exif=b"", icc_profile=None, comment=b"")
    return out.getvalue()


def scaled(image: Image.Image, width: int) -> Image.Image:
    from PIL import Image

    if width >= image.width:
        return image
    return image.resize((width, max(1, round(image.height * width / image.width))), Image.Resampling.LANCZOS, reducing_gap=3.0)


def body_set(image: Image.Image, settings: Settings) -> list[Made]:
    """The widths a photo in the body is offered at (none wider than the original), each as WebP and JPEG."""
    widths = sorted({min(w, image.width) for w in settings.widths})
    made = []
    for width in widths:
        small = scaled(image, width)
        made += [Made(f"{width}.{ext(fmt)}", small.width, small.height, encode(small, fmt, settings)) for fmt in FORMATS]
    return made


def crop_box(size: tuple[int, int], target: tuple[int, int]) -> Box:
    """The part of a picture of ``size`` that its crop to ``target``'s proportions keeps (as ``ImageOps.fit`` computes it)."""
    width, height = size
    ratio = target[0] / target[1]
    kept = (ratio * height, height) if width / height >= ratio else (width, width / ratio)
    left, top = (width - kept[0]) * CENTERING[0], (height - kept[1]) * CENTERING[1]
    return (left, top, left + kept[0], top + kept[1])


def kept_by_every_crop(size: tuple[int, int], settings: Settings) -> Box:
    """The part of a cover that every crop shows (the cards', the social card's): where a mark on it must be."""
    boxes = [crop_box(size, target) for target in (settings.card, settings.social)]
    return (max(b[0] for b in boxes), max(b[1] for b in boxes), min(b[2] for b in boxes), min(b[3] for b in boxes))


def cover_set(image: Image.Image, settings: Settings) -> list[Made]:
    """The cover cropped to the listing card (two widths, WebP and JPEG) and to the social card (JPEG: every platform reads it)."""
    from PIL import Image

    made = []
    cw, ch = settings.card
    for width, height in ((cw // 2, ch // 2), (cw, ch)):
        card = image.resize((width, height), Image.Resampling.LANCZOS, box=crop_box(image.size, settings.card))
        made += [Made(f"card-{width}.{ext(fmt)}", width, height, encode(card, fmt, settings)) for fmt in FORMATS]
    social = image.resize(settings.social, Image.Resampling.LANCZOS, box=crop_box(image.size, settings.social))
    made.append(Made("social.jpg", *settings.social, encode(social, "jpeg", settings)))
    return made


def ext(fmt: str) -> str:
    return "jpg" if fmt == "jpeg" else fmt


def derive(data: bytes, role: str, settings: Settings) -> tuple[tuple[int, int], list[Made]]:
    """The upright size of a photo and its derivatives: ``role`` "body" (widths) or "cover" (crops)."""
    image = open_image(data, settings)
    return image.size, (body_set(image, settings) if role == "body" else cover_set(image, settings))
