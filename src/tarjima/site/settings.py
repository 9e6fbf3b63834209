"""The site's own settings: ``[tool.tarjima.site]`` (name, emblem, contacts), ``[tool.tarjima.images]`` and the tag table.

::

    [tool.tarjima.site]
    logo = "emblem.png"                 # a PNG, JPEG or WebP file in templates/assets/: the header and JSON-LD publisher logo
    email = "press@example.org"
    phone = "+998 71 000-00-00"
    website = "https://example.org/"
    [tool.tarjima.site.name]            # the institution's name per language (default: the site title)
    en = "Law Enforcement Academy of the Republic of Uzbekistan"
    [tool.tarjima.site.address]         # the postal address per language
    en = "Tashkent"

    [tool.tarjima.images]
    widths = [480, 800, 1200]           # photo widths offered in srcset
    jpeg_quality = 82
    webp_quality = 80
    max_megapixels = 100                # larger photos are refused (a 100 MP JPEG takes about 112 MB to process)

``locales/tags.csv`` names each tag in every language (a header ``tag,uz-Latn,ru,en``, then one
row a tag, by the tag as written or its identifier); a tag without a name in a language is shown
as written and named by the build. Each tag's identifier, the address of its pages, is in
``published/tags.csv`` (site.tags).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from tarjima.config import Config
from tarjima.errors import InputError
from tarjima.files import read_text
from tarjima.images.derive import Settings
from tarjima.site.tags import derive_id

TAGS_FILE = "locales/tags.csv"
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")


@dataclass(frozen=True)
class SiteSettings:
    """What the layout shows besides the reports: the institution, its emblem, its contacts, the tag names."""

    names: Mapping[str, str] = field(default_factory=dict)  # language tag -> the institution's name
    logo: str = ""  # OUT-relative: "assets/emblem.png"
    logo_size: tuple[int, int] = (0, 0)
    email: str = ""
    phone: str = ""
    website: str = ""
    addresses: Mapping[str, str] = field(default_factory=dict)
    tags: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # tag -> language tag -> name
    parallel: bool = False  # the reader's parallel page of every report published in two languages or more (site.pages.parallel)
    search: bool = False  # a search page in every language, and its index (tarjima.search)
    search_words: int = 100  # the words of each page the index holds (its title, lead, the start of its body); 0: every word
    tag_ids: Mapping[str, str] = field(default_factory=dict)  # tag as written -> its identifier, the address of its pages (site.tags)
    tag_langs: Mapping[str, str] = field(default_factory=dict)  # tag as written in words (Семинар, not an identifier) -> the language it is written in

    def name(self, config: Config, tag: str) -> str:
        return self.names.get(tag) or config.titles.get(tag, "")

    def tag_id(self, tag: str) -> str:
        """The identifier of a tag as written: as recorded (site.tags), else by today's rule."""
        return self.tag_ids.get(tag) or derive_id(tag)

    def tag_name(self, tag: str, lang: str) -> str | None:
        """A tag's name in a language: its row in the table (by the tag as written, else by its identifier), else the tag
        itself in the language it is written in (that of its first report, unless written as an identifier); None otherwise."""
        named = self.tags.get(tag, {}).get(lang) or self.tags.get(self.tag_id(tag), {}).get(lang)
        return named or (tag if self.tag_langs.get(tag) == lang else None)

    def key(self) -> object:
        # Only the tags whose address is not their own text are part of the key (a build that records a new one renders every page again).
        moved = sorted((t, i, self.tag_langs.get(t, "")) for t, i in self.tag_ids.items() if t != i)
        return (sorted(self.names.items()), self.logo, self.logo_size, self.email, self.phone, self.website,
                sorted(self.addresses.items()), sorted((t, sorted(n.items())) for t, n in self.tags.items()), self.parallel, moved, self.search)


def text_table(value: Any, key: str) -> dict[str, str]:
    if not isinstance(value, Mapping) or not all(isinstance(v, str) for v in value.values()):
        raise InputError("[tool.tarjima.site]", f"`{key}` must be a table of texts by language", f'write [tool.tarjima.site.{key}] with lines such as en = "…"')
    return dict(value)


def site_settings(config: Config) -> SiteSettings:
    """Read and check ``[tool.tarjima.site]`` and the tag table."""
    section = config.site
    for key in ("logo", "email", "phone", "website"):
        if key in section and not isinstance(section[key], str):
            raise InputError("[tool.tarjima.site]", f"`{key}` must be text", f'write {key} = "…"')
    logo, size = str(section.get("logo", "")), (0, 0)
    if logo:
        path = config.layout.assets() / logo
        if Path(logo).suffix.lower() not in LOGO_SUFFIXES or not path.is_file() or ".." in Path(logo).parts:
            raise InputError("[tool.tarjima.site]", f"logo {logo!r} is not a PNG, JPEG or WebP file in templates/assets/", "put the emblem there and name it, e.g. logo = \"emblem.png\"")
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(path) as image:
                size = image.size
        except (OSError, UnidentifiedImageError) as exc:
            raise InputError(config.layout.rel(path), f"the logo cannot be read: {exc}", "replace it with a PNG") from None
        logo = f"assets/{logo}"
    parallel = section.get("parallel", False)
    if not isinstance(parallel, bool):
        raise InputError("[tool.tarjima.site]", "`parallel` must be true or false", "write parallel = true to publish the reader's parallel page of each report")
    search = section.get("search", False)
    if not isinstance(search, bool):
        raise InputError("[tool.tarjima.site]", "`search` must be true or false", "write search = true to give every language a search page (docs/site.md#search)")
    search_words = section.get("search_words", SiteSettings.search_words)
    if isinstance(search_words, bool) or not isinstance(search_words, int) or search_words < 0:
        raise InputError("[tool.tarjima.site]", f"`search_words` must be a whole number of words (0: every word), not {search_words!r}",
                         "write search_words = 100, or 0 to index every word (docs/site.md#search)")
    website = str(section.get("website", ""))
    if website and not website.startswith(("https://", "http://")):
        raise InputError("[tool.tarjima.site]", f"website {website!r} is not an http(s) URL", 'write website = "https://…"')
    return SiteSettings(
        names=derived_texts(config, text_table(section.get("name", {}), "name")), logo=logo, logo_size=size, email=str(section.get("email", "")),
        phone=str(section.get("phone", "")), website=website, addresses=derived_texts(config, text_table(section.get("address", {}), "address")),
        tags=tag_table(config), parallel=parallel, search=search, search_words=search_words,
    )


def derived_texts(config: Config, table: dict[str, str]) -> dict[str, str]:
    """A per-language table with each derived language (uz-Cyrl) that has no text of its own given its base's, converted."""
    missing = [(derived, base) for derived, base in config.derived.items() if derived not in table and base in table]
    if not missing:
        return table
    from tarjima.derive.plan import Derivations  # the transliteration engine, only for a project that derives a language

    derivations = Derivations(config)
    return {**table, **{derived: derivations.convert(config.language(derived))(table[base]).text for derived, base in missing}}


def tag_table(config: Config) -> dict[str, dict[str, str]]:
    """``locales/tags.csv``: tag -> language tag -> name (empty when there is no table)."""
    path = config.root / TAGS_FILE
    if not path.is_file():
        return {}
    rows = list(csv.reader(io.StringIO(read_text(path, TAGS_FILE).removeprefix("\ufeff"), newline=""), strict=True))
    if not rows or rows[0][:1] != ["tag"]:
        raise InputError(TAGS_FILE, "the first line must be the header: tag, then one column per language", "write tag," + ",".join(config.tags), 1)
    header = rows[0]
    unknown = [h for h in header[1:] if h not in config.tags]
    if unknown:
        raise InputError(TAGS_FILE, f"unknown language column {unknown[0]!r}", "use the configured tags: " + ", ".join(config.tags), 1)
    table: dict[str, dict[str, str]] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not row or not any(row):
            continue
        if len(row) != len(header):
            raise InputError(TAGS_FILE, f"{len(row)} columns where the header has {len(header)}", "give every language a column (empty if not named yet)", number)
        table[row[0]] = {lang: name.strip() for lang, name in zip(header[1:], row[1:]) if name.strip()}
    return table


def image_settings(config: Config) -> Settings:
    """``[tool.tarjima.images]``, checked."""
    section, default = config.images, Settings()
    widths = section.get("widths", list(default.widths))
    if not isinstance(widths, list) or not widths or not all(isinstance(w, int) and 16 <= w <= 4096 for w in widths):
        raise InputError("[tool.tarjima.images]", "`widths` must be a list of widths in pixels (16-4096)", "e.g. widths = [480, 800, 1200]")
    numbers = {}
    for key, low, high in (("jpeg_quality", 1, 95), ("webp_quality", 1, 100), ("max_megapixels", 1, 500)):
        value = section.get(key, getattr(default, key))
        if not isinstance(value, (int, float)) or not low <= value <= high:
            raise InputError("[tool.tarjima.images]", f"`{key}` must be a number from {low} to {high}", f"e.g. {key} = {getattr(default, key)}")
        numbers[key] = value
    return Settings(widths=tuple(sorted(set(widths))), jpeg_quality=int(numbers["jpeg_quality"]), webp_quality=int(numbers["webp_quality"]), max_megapixels=float(numbers["max_megapixels"]))
