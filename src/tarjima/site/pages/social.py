"""Sharing and search metadata of a report page: OpenGraph, Twitter card, JSON-LD ``NewsArticle`` (pure).

Every value is text for the templates to escape, except the JSON-LD, which is built with
``json.dumps`` and made safe inside ``<script type="application/ld+json">``: ``<``, ``>`` and
``&`` (and the JavaScript line separators) are written as ``\\u`` escapes, so no title can
close the script element or open a comment.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Mapping, Sequence

from babel import Locale
from babel.core import get_global
from markupsafe import Markup

SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@lru_cache(maxsize=64)
def og_locale(tag: str) -> str:
    """OpenGraph's ``language_TERRITORY`` for a BCP 47 tag: "ru" -> "ru_RU", "uz-Latn" -> "uz_UZ" (CLDR's likely subtags)."""
    locale = Locale.parse(tag, sep="-")
    if locale.territory:
        return f"{locale.language}_{locale.territory}"
    likely = get_global("likely_subtags")
    full = likely.get(str(locale)) or likely.get(locale.language) or ""
    territory = Locale.parse(full).territory if full else None
    return f"{locale.language}_{territory}" if territory else locale.language


def script_json(data: Mapping[str, Any]) -> Markup:
    """JSON for a ``<script type="application/ld+json">`` element: nothing in it can end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in SAFE.items():
        text = text.replace(char, escaped)
    return Markup(text)


def news_article(*, headline: str, description: str, url: str, lang: str, date: str, modified: str, images: Sequence[str],
                 publisher: str, logo: tuple[str, int, int] | None, location: str, keywords: Sequence[str], source_url: str) -> dict[str, Any]:
    """A schema.org ``NewsArticle``: headline, dates, image, inLanguage, publisher (an Organization with its logo)."""
    organization: dict[str, Any] = {"@type": "Organization", "name": publisher}
    if logo is not None:
        organization["logo"] = {"@type": "ImageObject", "url": logo[0], "width": logo[1], "height": logo[2]}
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "inLanguage": lang,
        "datePublished": date,
        "dateModified": modified,
        "publisher": organization,
        "author": {"@type": "Organization", "name": publisher},
    }
    if description:
        article["description"] = description
    if images:
        article["image"] = list(images)
    if location:
        article["contentLocation"] = {"@type": "Place", "name": location}
    if keywords:
        article["keywords"] = list(keywords)
    if source_url and source_url != url:
        article["translationOfWork"] = {"@type": "NewsArticle", "@id": source_url}
    return article
