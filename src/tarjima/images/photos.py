"""What a page needs of a photo: its published files, their sizes, ``srcset`` and ``sizes`` (values, no I/O)."""

from __future__ import annotations

from typing import NamedTuple

from tarjima.markdown import is_local_src, photo_images
from tarjima.scaffold import ascii_words
from tarjima.sources import Document

MEDIA = "media"  # OUT/media/<slug>/: the photos of a report, shared by all its languages
SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
# A photo in the body takes the text column on a phone and at most the measure on a wide screen.
BODY_SIZES = "(max-width: 44rem) 100vw, 42rem"
GALLERY_SIZES = "(max-width: 30rem) 100vw, (max-width: 64rem) 50vw, 21rem"
CARD_SIZES = "(max-width: 40rem) 100vw, 22rem"
Variant = tuple[str, int, int]  # (name within the set: "800.webp", width, height)


class Photo(NamedTuple):
    """One photo (or cover crop set) as published: where its files are in OUT and their sizes."""

    prefix: str  # OUT-relative start of every file name: "media/<slug>/<stem>-<key>-"
    width: int  # of the original, upright
    height: int
    variants: tuple[Variant, ...]

    def files(self, kind: str, ext: str) -> list[Variant]:
        """The variants of one kind ("" for body widths, "card") in one format, narrowest first."""
        return sorted((v for v in self.variants if v[0].endswith("." + ext) and v[0].startswith("card-") == (kind == "card") and not v[0].startswith("social")), key=lambda v: v[1])

    def srcset(self, url: str, kind: str, ext: str) -> str:
        return ", ".join(f"{url}{self.prefix}{name} {w}w" for name, w, _ in self.files(kind, ext))

    def fallback(self, url: str, kind: str) -> tuple[str, int, int]:
        """The JPEG for ``src``: the widest one (a browser without srcset gets the best), with its size."""
        name, w, h = self.files(kind, "jpg")[-1]
        return url + self.prefix + name, w, h

    def social(self) -> tuple[str, int, int] | None:
        found = [v for v in self.variants if v[0] == "social.jpg"]
        return (self.prefix + found[0][0], found[0][1], found[0][2]) if found else None


def stem_of(src: str) -> str:
    """A photo's name in OUT: its file stem, transliterated, in a-z, 0-9 and hyphens ("Зал 1.jpg": zal-1)."""
    return "-".join(ascii_words(src.rsplit("/", 1)[-1].rsplit(".", 1)[0])) or "photo"


def photo_refs(doc: Document) -> list[tuple[str, str, int | None]]:
    """The photos a report shows, ``(src, role, source line)``: its cover ("cover": the crops) and, in a page bundle, each photo of its body ("body": the widths).

    In a bundle, a local image that shares its paragraph with text or a link is listed as
    "mixed": it would be neither a figure nor a file of the site, and is refused as bad input.
    """
    report = doc.report
    refs: list[tuple[str, str, int | None]] = []
    cover = doc.front.meta.get("cover")
    if isinstance(cover, str) and cover:
        refs.append((cover, "cover", None))
    if doc.photos:
        for i, token in enumerate(doc.tokens):
            if token.type != "inline":
                continue
            opening = doc.tokens[i - 1].map  # the paragraph's lines, of which the inline token has none
            line = opening[0] + report.body_line if opening else None
            found = photo_images(token)
            if found is not None:
                refs += [(str(image.attrs.get("src") or ""), "body", line) for image in found]
                continue
            for child in token.children or ():
                src = str(child.attrs.get("src") or "") if child.type == "image" else ""
                if is_local_src(src):
                    refs.append((src, "mixed", line))
    return refs
