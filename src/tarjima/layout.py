"""Every path of a content project on disk: the one place that knows the folder layout.

::

    content/**/*.md                          report sources
    locales/templates/<slug>.pot             one template per report (and _site.pot: the templates' strings)
    locales/<ll>/LC_MESSAGES/<slug>.po       one catalogue per report and target language
    locales/glossary.csv                     terms and their required translations
    locales/uz-translit.csv                  the project's own latin,cyrillic word pairs for derived Uzbek
    templates/, templates/assets/            the site's Jinja2 templates and static files
    published/record.csv                     when each version was first published and last changed (written by build, committed)
    published/<ll>/<slug>.md                 each translated version's text as last published, kept online if it falls behind
    .tarjima-cache/                          caches: safe to delete, never committed

A content project without ``templates/`` uses the templates and template catalogues that ship
with tarjima (``DEFAULTS``). One with ``templates/`` uses only its own, and must have every template
tarjima ships: a missing one is refused (``missing_templates``), never taken from the package, whose
strings the project's catalogues would not hold.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from tarjima.errors import InputError

DEFAULTS = Path(__file__).resolve().parent / "defaults"
PACKAGED_TEMPLATES = DEFAULTS / "templates"
TEMPLATE_SUFFIXES = (".html", ".xml", ".j2")  # what is a template in a templates folder (the rest are its assets)
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
    @property
    def content(self) -> Path:
        """Report sources."""
        return self.root / "content"

    @property
    def locales(self) -> Path:
        """Catalogues and their templates."""
        return self.root / "locales"

    @property
    def templates(self) -> Path:
        """The site's templates."""
        return self.root / "templates"

    @property
    def glossary(self) -> Path:
        """Terms and their required translations."""
        return self.locales / "glossary.csv"

    @property
    def translit(self) -> Path:
        """The project's latin,cyrillic pairs, before tarjima's own."""
        return self.locales / "uz-translit.csv"

    @property
    def cache(self) -> Path:
        """tarjima's caches."""
        return self.root / CACHE

    @property
    def published(self) -> Path:
        """The publication record and the last published text of each version (committed)."""
        return self.root / "published"

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

    def template_folder(self) -> Path:
        """The one folder templates are looked up in: the project's own, or tarjima's when it has none."""
        return self.templates if self.own_templates else PACKAGED_TEMPLATES

    def missing_templates(self) -> InputError | None:
        """The templates tarjima renders that the project's own ``templates/`` lacks, as one error; None when none is missing."""
        if not self.own_templates:
            return None
        missing = [name for name in packaged_templates() if not (self.templates / name).is_file()]
        if not missing:
            return None
        why = "a project with its own templates/ needs every template tarjima renders, translated from there"
        undo = "or delete templates/ to use tarjima's own templates and translations"
        if len(missing) == 1:
            return InputError(f"templates/{missing[0]}", f"missing: {why}", f"copy {PACKAGED_TEMPLATES / missing[0]} into templates/ and run tarjima update, {undo}")
        return InputError("templates/", f"{len(missing)} templates missing ({', '.join(missing)}): {why}",
                          f"copy them from {PACKAGED_TEMPLATES}/ into templates/ and run tarjima update, {undo}")

    def assets(self) -> Path:
        """The site's static files: the project's ``templates/assets/``, else tarjima's (styling, no text to translate)."""
        own = self.templates / "assets"
        return own if own.is_dir() else PACKAGED_TEMPLATES / "assets"

    def build_manifest(self, out: Path) -> Path:
        """The folder of the manifest of the last build into ``out``."""
        return self.cache / f"build-{hashlib.blake2b(str(out).encode(), digest_size=16).hexdigest()[:12]}"

    def rel(self, path: Path) -> str:
        """A path as users see it: relative to the project root."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


@functools.cache
def packaged_templates() -> tuple[str, ...]:
    """The templates tarjima ships, relative to their folder, sorted (``assets/`` aside): what a project with its own must have."""
    return tuple(sorted(p.relative_to(PACKAGED_TEMPLATES).as_posix() for p in PACKAGED_TEMPLATES.rglob("*")
                        if p.suffix in TEMPLATE_SUFFIXES and p.is_file() and p.relative_to(PACKAGED_TEMPLATES).parts[0] != "assets"))
