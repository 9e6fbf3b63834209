"""The Uzbek Latin pages in the alphabet the project publishes (``[tool.tarjima.alphabet]``).

The catalogues and sources are written in one Latin alphabet (``write``); the pages of uz-Latn show
``publish``'s: with ``publish = "2026"``, the reports dated from ``from`` (all of them without it,
and the earlier ones too with ``older = "2026"``) are shown in the 2026 alphabet, and the site's own
strings are from ``from`` on. The text is converted when the page is made, after the publication
record has taken the version's digest: showing a report in another alphabet is not a correction, so
it changes no publication date and re-posts nothing. Only Uzbek Latin text is converted: a segment
shown in its source language (a fallback) is left as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from types import MappingProxyType
from typing import Mapping, Sequence

from tarjima.config import Config
from tarjima.derive.latin2026 import NEW
from tarjima.languages import is_uzbek_latin, own_name
from tarjima.model import Catalog
from tarjima.project import Project
from tarjima.site.settings import SiteSettings
from tarjima.site.pages.publish import Version
from tarjima.site.pages.render import Cell


def changes(config: Config, new: bool) -> bool:
    """Whether showing the 2026 alphabet (``new``) or the 1995 one changes text written in ``write``'s."""
    return (config.alphabet.write == NEW) != new


def convert(config: Config, text: str, new: bool) -> str:
    """A text written in the project's Latin alphabet, in the 2026 one (``new``) or the 1995 one."""
    from tarjima.derive.alphabet import to_new, to_old  # (here: a site shown in one alphabet never loads the converter)

    if new:
        return text if config.alphabet.write == NEW else to_new(text, config.alphabet.words).text
    return to_old(text, config.alphabet.words).text


def shown(config: Config, versions: Sequence[Version]) -> list[Version]:
    """The versions as their pages show them: Uzbek Latin text in the alphabet published for its date."""
    out = []
    for v in versions:
        new = config.alphabet.new_letters(v.report.date)
        if is_uzbek_latin(v.lang.tag) and changes(config, new):
            if v.is_source:  # the source's own text, every segment of it
                cells = {s: Cell(convert(config, s, new), "source") for s in v.doc.msgids}
            else:
                cells = {s: Cell(convert(config, c.text, new), c.state) if c.final and c.state != "source" else c for s, c in v.cells.items()}
            v = replace(v, cells=cells)
        out.append(v)
    return out


def as_shown(project: Project, now: dt.datetime) -> Project:
    """The project as a build on ``now`` shows it: ``alphabet.showing`` set when the 2026 alphabet has
    come, and then the uz-Latn site titles in it."""
    config = project.config
    if not config.alphabet.switched(now.astimezone(config.zone).date()):
        return project
    titles = {tag: convert(config, text, True) if is_uzbek_latin(tag) else text for tag, text in config.titles.items()}
    shown_config = replace(config, alphabet=replace(config.alphabet, showing=True), titles=MappingProxyType(titles))
    return replace(project, config=shown_config)


def site_strings(config: Config, catalogs: Mapping[str, Catalog]) -> dict[str, Catalog]:
    """The site's own strings, the Uzbek Latin ones in the alphabet the site shows (the 2026 one once
    ``from`` has come, with ``publish = "2026"``; see ``as_shown``)."""
    new = config.alphabet.showing
    if not changes(config, new):
        return dict(catalogs)
    out = dict(catalogs)
    for tag, catalog in catalogs.items():
        if is_uzbek_latin(tag):
            entries = tuple(replace(e, msgstr=convert(config, e.msgstr, new)) if e.msgstr and not e.obsolete else e for e in catalog.entries)
            out[tag] = replace(catalog, entries=entries)
    return out


def shown_settings(config: Config, settings: SiteSettings) -> SiteSettings:
    """The institution's name and address in uz-Latn in the alphabet shown."""
    if not config.alphabet.showing:
        return settings
    def one(table: Mapping[str, str]) -> dict[str, str]:
        return {tag: convert(config, text, True) if is_uzbek_latin(tag) else text for tag, text in table.items()}
    return replace(settings, names=one(settings.names), addresses=one(settings.addresses))


def own_label(config: Config, tag: str) -> str:
    """A language's own name (the language menus), Oʻzbekcha in the 2026 alphabet when it is shown."""
    name = own_name(tag)
    return convert(config, name, True) if config.alphabet.showing and is_uzbek_latin(tag) else name
