"""Weblate as a door: the component list of the shipped project read as Weblate's own source reads it,
and a catalogue that Weblate's "start new translation" would make named by update, status and check.

A real round trip (Weblate 5.14.3 with PostgreSQL and Redis) is tools/weblate-roundtrip.sh, not run here.
"""

from __future__ import annotations

import ast
import json
import re
import zipfile
from pathlib import Path

from conftest import CONFIG, report, run, snapshot, write_tree
from schemas import weblate_wheel

RELEASES = ("weblate==5.14.3", "weblate==2026.10.1")


def source(wheel: zipfile.ZipFile, name: str) -> str:
    return wheel.read(name).decode("utf-8")


def model_field(wheel: zipfile.ZipFile, name: str) -> str:
    """The class that makes one field of Weblate's Component model: "RegexField", "models.CharField"."""
    tree = ast.parse(source(wheel, "weblate/trans/models/component.py"))
    model = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Component")
    for node in model.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return ast.unparse(node.value.func)
    raise AssertionError(f"no field {name}")


def serializer_fields(text: str) -> set[str]:
    """ComponentSerializer.Meta.fields of a release's weblate/api/serializers.py."""
    tree = ast.parse(text)
    serializer = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "ComponentSerializer")
    meta = next(n for n in serializer.body if isinstance(n, ast.ClassDef) and n.name == "Meta")
    node = next(n for n in meta.body if isinstance(n, ast.AnnAssign | ast.Assign) and "fields" in ast.unparse(n).split("=")[0].split(":")[0])
    assert node.value is not None
    return set(ast.literal_eval(node.value))


def new_lang_choices(wheel: zipfile.ZipFile) -> set[str]:
    """The values of ``new_lang`` a release accepts (its NEW_LANG_CHOICES, wherever the release keeps them)."""
    for name in ("weblate/trans/models/component.py", "weblate/trans/inherited_settings.py"):
        text = source(wheel, name) if name in wheel.namelist() else ""
        match = re.search(r"^NEW_LANG_CHOICES = \((.*?)^\)", text, re.S | re.M)
        if match:
            return set(re.findall(r'^\s*\(?\s*"(\w+)",', match.group(1), re.M))
    raise AssertionError("no NEW_LANG_CHOICES")


def test_the_component_list_leaves_derived_languages_to_tarjima_and_holds_the_site_strings(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "components.json"
    result = run(shipped, "weblate", "--repo", "https://git.example.org/press.git", "--out", str(out))
    assert result.code == 0 and "3 component(s); derived, written by tarjima update, not in Weblate: uz_Cyrl" in result.out
    items = json.loads(out.read_text(encoding="utf-8"))
    assert [i["slug"] for i in items] == ["_site", "human-trafficking-conference", "international-standards-seminar"]
    site = items[0]
    assert site["filemask"] == "locales/*/LC_MESSAGES/_site.po" and site["new_base"] == "locales/templates/_site.pot"
    assert site["source_language"] == "en" and site["repo"] == "https://git.example.org/press.git"  # _site holds the repository: it outlives any report
    assert all(i["repo"] == "weblate://academy/_site" and "branch" not in i for i in items[1:])
    assert {i["slug"]: i["source_language"] for i in items[1:]} == {"human-trafficking-conference": "uz_Latn", "international-standards-seminar": "en"}
    for item in items:
        assert (shipped / item["new_base"]).is_file() and item["new_lang"] == "none"
        # What Weblate finds: the file mask's matches whose folder name the component's language_regex matches
        # (5.14.3 and 2026.10: get_mask_matches, the code from get_lang_code, before any alias).
        folders = {p.parent.parent.name for p in shipped.glob(item["filemask"])}
        seen = {code for code in folders if re.match(item["language_regex"], code)}
        assert "uz_Cyrl" in folders and "uz_Cyrl" not in seen  # the derived catalogue is there, and Weblate never reads or writes it
        assert seen == folders - {"uz_Cyrl"} and seen
        assert not re.match(item["language_regex"], "de") and not re.match(item["language_regex"], "uz")  # nor a language the project lacks

    for requirement in RELEASES:
        wheel = weblate_wheel(requirement)
        component = source(wheel, "weblate/trans/models/component.py")
        assert model_field(wheel, "language_regex") == "RegexField", requirement
        assert model_field(wheel, "new_lang") == "models.CharField" and "none" in new_lang_choices(wheel), requirement
        assert re.search(r"code = self\.get_lang_code\(path\)\n\s+(try:\n\s+language_match = regex_match\(language_re, code\)|if re\.match\(self\.language_regex, code\))", component), requirement
        assert "The given language is filtered by the language filter." in component, requirement  # adding one is refused too
        loadpo = source(wheel, "weblate/trans/management/commands/loadpo.py")
        assert '"--force"' in loadpo, requirement  # docs/translators.md's step after setting the source language on 5.x
    # 5.14.3's import_json copies only the editable, non-relation model fields: the regex and new_lang are such fields.
    old = source(weblate_wheel(RELEASES[0]), "weblate/trans/management/commands/import_json.py")
    assert "if field.editable and not field.is_relation" in old and "params = {key: item[key] for key in allfields if key in item}" in old
    # 2026.10 validates with the API's serializer, and a new_lang given explicitly turns off its inheritance from the project.
    new = weblate_wheel(RELEASES[1])
    serializer = source(new, "weblate/api/serializers.py")
    assert set().union(*items) <= serializer_fields(serializer)
    inherited = source(new, "weblate/trans/inherited_settings.py")
    assert '"new_lang",' in inherited and "values[inherit_field] = field not in explicit_fields" in inherited
    assert "apply_create_inheritance_defaults(" in serializer


def test_the_component_list_needs_every_template_and_says_when_there_is_nothing_to_list(project, tmp_path: Path) -> None:
    root = project({"content/x.md": report()})
    out = tmp_path / "w.json"
    result = run(root, "weblate", "--repo", "r", "--out", str(out))
    assert result.code == 2 and "error: locales/templates/x.pot: missing: Weblate refuses a component without its template (run tarjima update" in result.err
    assert not out.exists()
    assert run(root, "update").code == 0 and run(root, "weblate", "--repo", "r", "--out", str(out)).code == 0
    items = json.loads(out.read_text(encoding="utf-8"))
    assert [i["slug"] for i in items] == ["x"] and items[0]["language_regex"] == "^(ru|uz_Latn)$"  # no templates/ of its own: no _site
    empty = write_tree(tmp_path / "empty", {"tarjima.toml": CONFIG})
    result = run(empty, "weblate", "--repo", "r", "--out", str(tmp_path / "none.json"))
    assert result.code == 0 and "nothing written: no report in content/" in result.out and not (tmp_path / "none.json").exists()


def test_a_catalogue_of_a_language_the_project_does_not_have_is_named_by_update_status_and_check(project) -> None:
    root = project({"content/x.md": report()})
    run(root, "update")
    stray = {"de": "locales/de/LC_MESSAGES/x.po", "uz": "locales/uz/LC_MESSAGES/x.po"}
    for folder, rel in stray.items():  # what Weblate's "start new translation" writes: a copy of the template
        (root / rel).parent.mkdir(parents=True)
        (root / rel).write_bytes((root / "locales/templates/x.pot").read_bytes())
    before = snapshot(root)
    for args in (("update",), ("status",), ("check",)):
        result = run(root, *args)
        assert result.code == 0, (args, result.err)
        lines = [line for line in result.err.splitlines() if "a language the project does not have" in line]
        assert lines == [
            "warning: locales/de/LC_MESSAGES/x.po: catalogue of 'de', a language the project does not have: never updated or published"
            ' (add "de" to languages in the configuration to translate into it, or delete this file)',
            "warning: locales/uz/LC_MESSAGES/x.po: catalogue of 'uz', a language the project does not have: never updated or published"
            " (tarjima translates this language in locales/uz_Latn/LC_MESSAGES/x.po: move the translations there, then delete this file)",
        ], args
    assert snapshot(root) == before  # named, and left as they are
    strict = run(root, "check", "--strict")
    assert strict.code == 2 and strict.err.count("error: locales/") == 2
