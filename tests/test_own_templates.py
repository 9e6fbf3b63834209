"""A project with its own templates/ is built from them only: a missing one is refused, never taken from tarjima; its fields are looked up as Jinja2 does."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import jinja2
import pytest

from conftest import run, slow_except, snapshot
from tarjima import layout
from tarjima.layout import DEFAULTS
from tarjima.site.renderer import SiteEnvironment

PACKAGED = DEFAULTS / "templates"
# What tarjima renders: every template it ships, found in its folder (its assets aside), so a new one is covered too.
TEMPLATES = sorted(p.relative_to(PACKAGED).as_posix() for p in PACKAGED.rglob("*") if p.is_file() and p.relative_to(PACKAGED).parts[0] != "assets")


def refusal(result, name: str) -> str:  # type: ignore[no-untyped-def]
    """The one error line of a refused run that names templates/NAME, checked; returned for more."""
    assert result.code == 2, (result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith(f"error: templates/{name}: missing: "), lines[0]
    assert "Traceback" not in result.out + result.err
    return lines[0]


def site_strings(root: Path) -> dict[str, str]:
    return {path: sha for path, sha in snapshot(root / "locales").items() if "_site." in path}


def test_the_packaged_templates_are_the_ones_a_site_is_rendered_with() -> None:
    assert {"report.html", "base.html", "index.html", "feed.xml"} <= set(TEMPLATES)
    assert not any(name.startswith("assets/") for name in TEMPLATES)


@pytest.mark.parametrize("name", slow_except(TEMPLATES, "report.html"))
def test_build_refuses_a_missing_template_and_leaves_the_site_as_it_was(shipped: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / "site"
    assert run(shipped, "build", "--out", str(out)).code == 0
    before = snapshot(out)
    (shipped / "templates" / name).unlink()
    line = refusal(run(shipped, "build", "--out", str(out)), name)
    source = re.search(r"\(copy (\S+) into templates/ and run tarjima update, or delete templates/", line)
    assert source and Path(source.group(1)) == PACKAGED / name and Path(source.group(1)).is_file(), line
    assert snapshot(out) == before
    fresh = tmp_path / "fresh"
    refusal(run(shipped, "build", "--out", str(fresh)), name)
    assert not fresh.exists()


@pytest.mark.parametrize("name", TEMPLATES)
def test_update_refuses_a_missing_template_and_keeps_the_site_strings(shipped: Path, name: str) -> None:
    before = site_strings(shipped)
    (shipped / "templates" / name).unlink()
    refusal(run(shipped, "update"), name)  # its strings would otherwise have gone obsolete in every _site.po
    assert site_strings(shipped) == before
    refusal(run(shipped, "update", "--check"), name)


@pytest.mark.parametrize("command", [("status",), ("status", "--fail-under", "0"), ("check",)])
def test_status_and_check_fail_with_the_build_they_gate(shipped: Path, command: tuple[str, ...]) -> None:
    (shipped / "templates/report.html").unlink()
    refusal(run(shipped, *command), "report.html")


def test_several_missing_templates_are_named_in_one_line(shipped: Path, tmp_path: Path) -> None:
    for name in ("tag.html", "month.html"):
        (shipped / "templates" / name).unlink()
    result = run(shipped, "build", "--out", str(tmp_path / "site"))
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1, result.err
    assert result.err.startswith("error: templates/: 2 templates missing (month.html, tag.html): "), result.err
    assert f"copy them from {PACKAGED}/ into templates/" in result.err


@pytest.mark.slow
def test_following_the_hint_publishes_translated_labels(shipped: Path, tmp_path: Path) -> None:
    (shipped / "templates/report.html").unlink()
    line = refusal(run(shipped, "build", "--out", str(tmp_path / "site")), "report.html")
    shutil.copy(re.search(r"\(copy (\S+) into templates/", line).group(1), shipped / "templates")  # type: ignore[union-attr]
    assert run(shipped, "update").code == 0
    assert run(shipped, "build", "--out", str(tmp_path / "site")).code == 0
    page = (tmp_path / "site/ru/human-trafficking-conference/index.html").read_text(encoding="utf-8")
    assert "Дата мероприятия" in page and "Event date" not in page


@pytest.mark.slow
def test_deleting_templates_uses_tarjimas_own_and_their_translations(shipped: Path, tmp_path: Path) -> None:
    shutil.rmtree(shipped / "templates")
    for path in (shipped / "locales").rglob("_site.po*"):
        path.unlink()
    assert run(shipped, "update").code == 0
    assert run(shipped, "status").code == 0 and run(shipped, "check").code == 0
    assert run(shipped, "build", "--out", str(tmp_path / "site")).code == 0
    page = (tmp_path / "site/ru/human-trafficking-conference/index.html").read_text(encoding="utf-8")
    assert "Дата мероприятия" in page and "Event date" not in page


def test_a_template_tarjima_ships_later_is_required_too(shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The required set is tarjima's folder as it is: a template added to it in an upgrade is asked for by name."""
    packaged = tmp_path / "packaged"
    shutil.copytree(PACKAGED, packaged)
    (packaged / "calendar.html").write_text("{% extends 'base.html' %}{% block main %}{{ _('Calendar') }}{% endblock %}", encoding="utf-8")
    monkeypatch.setattr(layout, "PACKAGED_TEMPLATES", packaged)
    layout.packaged_templates.cache_clear()
    try:
        line = refusal(run(shipped, "build", "--out", str(tmp_path / "site")), "calendar.html")
        assert f"(copy {packaged / 'calendar.html'} into templates/" in line
        refusal(run(shipped, "update"), "calendar.html")
    finally:
        layout.packaged_templates.cache_clear()


class Fields(dict):  # type: ignore[type-arg]
    """A dict of another type, with an attribute of its own."""

    title = "the attribute"


@pytest.mark.parametrize("template", [
    "{{ x.title }}", "{{ x.items }}", "{{ x.items()|list }}", "{{ x.get('title') }}", "{{ x['items'] }}", "{{ x.missing is defined }}",
    "{{ x.missing }}", "{{ x.missing.deeper }}", "{{ y.title }}", "{{ y.other }}", "{{ s.upper() }}", "{{ s.title }}",
])
def test_a_templates_fields_are_looked_up_as_jinja2_looks_them_up(template: str) -> None:
    """The site's environment looks a dict's field up without Jinja2's failed attribute lookup first: the same answer, or the same error."""
    context = {"x": {"title": "T", "items": "a key named like a method"}, "y": Fields(title="T", other="O"), "s": "text"}

    def outcome(kind: type[jinja2.Environment]) -> str:
        try:
            return kind(undefined=jinja2.StrictUndefined).from_string(template).render(**context)
        except jinja2.UndefinedError as error:
            return f"error: {error}"

    assert outcome(SiteEnvironment) == outcome(jinja2.Environment)
