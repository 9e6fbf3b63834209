"""Every path of a content project on disk: the one place that knows the folder layout.

::

    content/**/*.md                          report sources
    locales/templates/<slug>.pot             one template per report (and _site.pot: the templates' strings)
    locales/<ll>/LC_MESSAGES/<slug>.po       one catalogue per report and target language
    locales/glossary.csv                     terms and their required translations
    locales/uz-translit.csv                  the project's own latin,cyrillic word pairs for derived Uzbek
    templates/, templates/assets/            the site's Jinja2 templates and static files
    .tarjima-cache/                          caches: safe to delete, never committed

A content project without ``templates/`` uses the templates and template catalogues that ship
with tarjima (``DEFAULTS``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

DEFAULTS = Path(__file__).resolve().parent / "defaults"
CACHE = ".tarjima-cache"
SITE_DOMAIN = "_site"  # the templates' own catalogues: a leading underscore, so no report slug can take it
TEMPLATE_LANGUAGE = "en"  # the templates are written in English: English needs no site catalogue


class Gettext(Protocol):
    @property
    def gettext(self) -> str: ...  # a language's catalogue folder name: "uz_Latn"


@dataclass(frozen=True)
class Layout:
    """Where each file of the project at ``root`` lives."""

    root: Path

    # The folders and files of the layout above.
    content = property(lambda self: self.root / "content", doc="report sources")
    locales = property(lambda self: self.root / "locales", doc="catalogues and their templates")
    templates = property(lambda self: self.root / "templates", doc="the site's templates")
    glossary = property(lambda self: self.locales / "glossary.csv", doc="terms and their required translations")
    translit = property(lambda self: self.locales / "uz-translit.csv", doc="the project's latin,cyrillic pairs, before tarjima's own")
    cache = property(lambda self: self.root / CACHE, doc="tarjima's caches")

    @property
    def own_templates(self) -> bool:
        """Whether the project has templates of its own (else tarjima's are used)."""
        return self.templates.is_dir()

    @property
    def pot_folder(self) -> Path:
        return self.locales / "templates"

    def pot(self, domain: str) -> Path:
        return self.root / self.pot_file(domain)

    def pot_file(self, domain: str) -> str:
        """A template's path relative to the root, as text (see ``po_file``)."""
        return f"locales/templates/{domain}.pot"

    def po_file(self, lang: Gettext, domain: str) -> str:
        """A catalogue's path relative to the root, as text: for loops over thousands of
        catalogues, where building pathlib paths costs more than the work itself."""
        return f"locales/{lang.gettext}/LC_MESSAGES/{domain}.po"

    def po(self, lang: Gettext, domain: str) -> Path:
        return self.root / self.po_file(lang, domain)

    def site_po(self, lang: Gettext) -> Path:
        """The catalogue of the templates' strings in ``lang``: the project's, or tarjima's own."""
        if self.own_templates:
            return self.po(lang, SITE_DOMAIN)
        return DEFAULTS / "locales" / lang.gettext / "LC_MESSAGES" / f"{SITE_DOMAIN}.po"

    def site_pot(self) -> Path:
        """The template of the templates' strings: the project's, or tarjima's own."""
        if self.own_templates:
            return self.pot(SITE_DOMAIN)
        return DEFAULTS / "locales" / "templates" / f"{SITE_DOMAIN}.pot"

    def template_folders(self) -> tuple[Path, ...]:
        """Where templates are looked up, in order: the project's, then tarjima's."""
        return (self.templates, DEFAULTS / "templates")

    def assets(self) -> Path:
        own = self.templates / "assets"
        return own if own.is_dir() else DEFAULTS / "templates" / "assets"

    def build_manifest(self, out: Path) -> Path:
        """The folder of the manifest of the last build into ``out``."""
        return self.cache / f"build-{hashlib.blake2b(str(out).encode(), digest_size=16).hexdigest()[:12]}"

    def rel(self, path: Path) -> str:
        """A path as users see it: relative to the project root."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)
