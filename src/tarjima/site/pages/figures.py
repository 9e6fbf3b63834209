"""The HTML of a report's photos: a figure with its responsive picture and caption, a gallery of several (pure).

Every text reaching here is already safe: alt texts are escaped here, captions arrive rendered
and sanitized, file names are tarjima's own (``media/<slug>/<stem>-<key>-800.webp``).
"""

from __future__ import annotations

from typing import NamedTuple

from markupsafe import escape

from tarjima.images.photos import BODY_SIZES, GALLERY_SIZES, Photo


class Shown(NamedTuple):
    """One photo as a page shows it: its alt text and caption in the page's language, and where each came from."""

    src: str
    alt: str  # plain text
    alt_seg: str  # data-seg id, "" when the photo has no alt text
    alt_lang: str  # set when the alt text is the source's (not translated yet)
    caption_html: str  # rendered and sanitized inline Markdown, "" for none
    caption_seg: str
    caption_lang: str


def attrs(seg: str, lang: str) -> str:
    return (f' data-seg="{seg}"' if seg else "") + (f' lang="{escape(lang)}" class="fallback"' if lang else "")


def picture(shown: Shown, photo: Photo | None, url: str, sizes: str) -> str:
    """``<picture>``: WebP widths first, JPEG widths for the rest, the widest JPEG as ``src``."""
    alt = f' alt="{escape(shown.alt)}"'
    if photo is None:  # rendering without the photo's files (an export): the file as named
        return f'<img src="{escape(shown.src)}"{alt}{attrs(shown.alt_seg, shown.alt_lang)}>'
    src, width, height = photo.fallback(url, "")
    return (
        f'<picture><source type="image/webp" srcset="{photo.srcset(url, "", "webp")}" sizes="{sizes}">'
        f'<img src="{src}" srcset="{photo.srcset(url, "", "jpg")}" sizes="{sizes}" width="{width}" height="{height}"'
        f'{alt} loading="lazy" decoding="async"{attrs(shown.alt_seg, shown.alt_lang)}></picture>'
    )


def figure(shown: Shown, photo: Photo | None, url: str, sizes: str = BODY_SIZES) -> str:
    caption = f"<figcaption{attrs(shown.caption_seg, shown.caption_lang)}>{shown.caption_html}</figcaption>" if shown.caption_html else ""
    return f'<figure class="photo">{picture(shown, photo, url, sizes)}{caption}</figure>'


def photos_html(shown: list[Shown], media: dict[str, Photo] | None, url: str) -> str:
    """One photo as a figure; several (a gallery: one photo per line in one paragraph) as a grid of figures."""
    media = media or {}
    if len(shown) == 1:
        return figure(shown[0], media.get(shown[0].src), url) + "\n"
    inner = "".join(figure(s, media.get(s.src), url, GALLERY_SIZES) for s in shown)
    return f'<div class="gallery">{inner}</div>\n'
