"""The component list that Weblate's ``import_json`` management command reads: one component per report.

Checked against Weblate's source by the tests (5.14.3 and 2026.10.1 from PyPI): each item needs
``name`` and ``filemask``, and ``repo`` unless ``--main-component`` is given. 2026.10 validates
each item with the REST API's ``ComponentSerializer``, which takes ``source_language`` as a
language code; 5.x passes on only the editable, non-relation fields of ``Component`` and so drops
``source_language`` (a foreign key), which the second step of docs/translators.md then sets.
"""

from __future__ import annotations

import json

from tarjima.project import Project


def components(project: Project, repo: str, branch: str, weblate_project: str) -> list[dict[str, str]]:
    """One component per report, in slug order; the first holds the repository, the others share it."""
    items = []
    reports = sorted(project.reports, key=lambda r: r.slug)
    for number, report in enumerate(reports):
        item = {
            "name": report.slug,
            "slug": report.slug,
            "file_format": "po",
            "filemask": f"locales/*/LC_MESSAGES/{report.slug}.po",
            "template": "",  # bilingual PO: no monolingual base file
            "new_base": f"locales/templates/{report.slug}.pot",
            "vcs": "git",
            "repo": repo if number == 0 else f"weblate://{weblate_project}/{reports[0].slug}",
            "branch": branch,
            "source_language": project.config.language(report.lang).gettext,
        }
        if number:
            del item["branch"]  # a linked component takes its repository's branch
        items.append(item)
    return items


def to_json(items: list[dict[str, str]]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
