"""The site templates' own strings: extracted with Babel's Jinja2 extractor, compiled to MO by Babel.

They live beside the content catalogues as ``locales/templates/_site.pot`` and
``locales/<lang>/LC_MESSAGES/_site.po`` (a leading underscore: no report slug can take it).
Templates are written in English, so English needs no catalogue.
"""

from __future__ import annotations

import gettext
import io
import importlib.util
import os
import time
from pathlib import Path
from typing import Any

from tarjima.catalog import template_headers
from tarjima.errors import InputError
from tarjima.files import read_text
from tarjima.layout import SITE_DOMAIN, TEMPLATE_LANGUAGE, TEMPLATE_SUFFIXES
from tarjima.model import Catalog, Entry
from tarjima.store import RACY_NS, Cache, key_of, stamp

# Jinja2 and Babel's extractor are imported by the functions that use them: ``update`` with
# unchanged templates takes their strings from the cache, and imports neither.

DOMAIN = SITE_DOMAIN
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "true"}


def extract_templates(folder: Path, root: Path, creation_date: str) -> Catalog:
    """Every translatable string of the templates in ``folder``, as a template catalogue.

    Extracted again only when a template file's stamp changed since the last run (the cache
    ``site-strings``, under store's key rule: this module's code, the files' stamps); a file
    changed in the last two seconds is extracted every time, as the stat index does ("racily clean")."""
    files = sorted(p for p in folder.rglob("*") if p.suffix in TEMPLATE_SUFFIXES)
    stamps = [(path.relative_to(root).as_posix(), stamp(path.stat())) for path in files]
    cache = Cache(root, "site-strings", ("tarjima.site.strings",), extractors())
    key = key_of(stamps)
    known = cache.get(key)
    if known is None:
        known = [entry_data(e) for e in template_entries(files, root)]
        if all(st[0] < time.time_ns() - RACY_NS for _, st in stamps):
            cache.put(key, known)
    cache.save()
    headers = template_headers("site templates", creation_date, TEMPLATE_LANGUAGE)
    comment = ("# Translation template of the site's own strings, extracted from templates/.",)
    return Catalog(entries=tuple(Entry(*data) for data in known), headers=headers, header_comments=comment, header_fuzzy=True)


def extractors() -> tuple[object, ...]:
    """What the extraction also depends on: Babel's version and Jinja2's installed files (their stamp, found
    without importing Jinja2; importlib.metadata would take 50 ms)."""
    import babel

    spec = importlib.util.find_spec("jinja2")
    origin = spec.origin if spec is not None else None
    return (babel.__version__, stamp(os.stat(origin)) if origin else None)


def entry_data(entry: Entry) -> tuple[Any, ...]:
    """What the cache keeps of an extracted entry: Entry's fields in order, up to its extracted comments."""
    return (entry.msgid, entry.msgstr, entry.msgctxt, entry.msgid_plural, entry.msgstr_plural, entry.flags, entry.references, entry.extracted_comments)


def template_entries(files: list[Path], root: Path) -> tuple[Entry, ...]:
    """The translatable strings of these template files, by Babel's Jinja2 extractor, in order of first use."""
    from babel.messages.extract import extract

    found: dict[tuple[str, str | None], tuple[list[str], list[str]]] = {}
    for path in files:
        rel = path.relative_to(root).as_posix()
        check_syntax(path, rel)  # Babel's Jinja2 extractor skips a broken template silently: its strings would go obsolete
        with path.open("rb") as handle:
            for lineno, message, comments, _context in extract("jinja2.ext:babel_extract", handle, KEYWORDS, comment_tags=("NOTE:",), options=JINJA_OPTIONS):
                singular, plural = (message, None) if isinstance(message, str) else (message[0], message[1])
                refs, notes = found.setdefault((singular, plural), ([], []))
                refs.append(f"{rel}:{lineno}")
                notes.extend(c for c in comments if c not in notes)
    return tuple(
        Entry(
            msgid=s,
            msgid_plural=p,
            msgstr_plural=("", "") if p else (),
            flags=("python-format",) if "%(" in s else (),
            references=tuple(refs),
            extracted_comments=tuple(notes),
        )
        for (s, p), (refs, notes) in found.items()
    )


def check_syntax(path: Path, rel: str) -> None:
    """Refuse a template Jinja2 cannot parse, naming its line."""
    import jinja2

    environment = jinja2.Environment(extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
    try:
        environment.parse(read_text(path, rel), name=rel, filename=rel)
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(rel, f"template error: {exc.message}", "fix the template; its strings are not extracted until it parses", exc.lineno) from None


def translations(catalog: Catalog | None, locale: str) -> gettext.NullTranslations:
    """Compile a catalogue to MO with Babel (fuzzy entries left out) and load it."""
    from babel.messages.catalog import Catalog as BabelCatalog
    from babel.messages.mofile import write_mo

    if catalog is None:
        return gettext.NullTranslations()
    babel = BabelCatalog(locale=locale, domain=DOMAIN)
    for entry in catalog.active:
        if entry.msgid_plural is not None:
            babel.add((entry.msgid, entry.msgid_plural), list(entry.msgstr_plural), flags=entry.flags, context=entry.msgctxt)
        else:
            babel.add(entry.msgid, entry.msgstr, flags=entry.flags, context=entry.msgctxt)
    buffer = io.BytesIO()
    write_mo(buffer, babel, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
