"""The component list that Weblate's ``import_json`` management command reads: one component per
report, and ``_site`` for the templates' own strings when the project has templates of its own.

Checked against Weblate's source by the tests (5.14.3 and 2026.10.1 from PyPI): each item needs
``name`` and ``filemask``, and ``repo`` unless ``--main-component`` is given. 2026.10 validates
each item with the REST API's ``ComponentSerializer``, which takes ``source_language`` as a
language code; 5.x passes on only the editable, non-relation fields of ``Component`` and so drops
``source_language`` (a foreign key), which the second step of docs/translators.md then sets.

Only the languages people translate are Weblate's to edit: ``language_regex`` (matched against the
folder name the file mask finds, before any alias) lists a component's target languages minus the
derived ones (uz_Cyrl is written by ``tarjima update`` from uz_Latn), so Weblate neither shows nor
writes a derived catalogue, nor a catalogue of a language the project does not have. ``new_lang``
``none`` turns off "start new translation": a new language starts in the configuration, and
``tarjima update`` creates its catalogues.
"""

from __future__ import annotations

import json
import re

from tarjima.config import Language
from tarjima.derive.plan import derived_tags
from tarjima.errors import InputError
from tarjima.layout import SITE_DOMAIN, TEMPLATE_LANGUAGE
from tarjima.project import Project

Component = dict[str, str]
SITE_NAME = "Site strings (_site)"


def language_regex(languages: list[Language]) -> str:
    """The folder names Weblate may read and write, and no other: ``^(en|ru)$``."""
    return "^(" + "|".join(sorted(re.escape(lang.gettext) for lang in languages)) + ")$"


def component(project: Project, slug: str, name: str, source: str, targets: tuple[Language, ...]) -> Component:
    """One component: a bilingual PO catalogue per editable target language (``source``: the BCP 47 tag of the
    language its msgids are written in), its template the base of new translations."""
    derived = derived_tags(project.config, source)
    return {
        "name": name,
        "slug": slug,
        "file_format": "po",
        "filemask": f"locales/*/LC_MESSAGES/{slug}.po",
        "template": "",  # bilingual PO: no monolingual base file
        "new_base": project.layout.pot_file(slug),
        "language_regex": language_regex([lang for lang in targets if lang.tag not in derived]),
        "new_lang": "none",
        "source_language": project.config.language(source).gettext if source in project.config.tags else source,  # Weblate's codes are gettext's: uz_Latn
    }


def components(project: Project, repo: str, branch: str, weblate_project: str) -> list[Component]:
    """``_site`` first (when the project has templates of its own), then one component per report in slug order;
    the first holds the repository, the others share it (so removing a report never takes the repository away)."""
    items = []
    if project.layout.own_templates:
        site = tuple(lang for lang in project.config.languages if lang.locale.language != TEMPLATE_LANGUAGE)
        items.append(component(project, SITE_DOMAIN, SITE_NAME, TEMPLATE_LANGUAGE, site))
    for report in sorted(project.reports, key=lambda r: r.slug):
        items.append(component(project, report.slug, report.slug, report.lang, project.targets(report)))
    for number, item in enumerate(items):
        if number:
            item["repo"] = f"weblate://{weblate_project}/{items[0]['slug']}"  # a linked component takes its repository's branch
        else:
            item.update(repo=repo, branch=branch)
    return items


def missing_templates(project: Project, items: list[Component]) -> list[InputError]:
    """The templates the components name that do not exist: Weblate refuses a component whose ``new_base`` is missing."""
    return [InputError(item["new_base"], "missing: Weblate refuses a component without its template", "run tarjima update and commit, then write the list again")
            for item in items if not (project.config.root / item["new_base"]).is_file()]


def to_json(items: list[Component]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
