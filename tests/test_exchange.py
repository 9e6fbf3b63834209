"""TMX out and back in, the Weblate component list, the pseudo-translated copy (XLIFF: test_xliff.py)."""

from __future__ import annotations

import ast
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import gnu, read_po, report, run, snapshot, translate_po
from schemas import tmx_dtd, weblate_wheel

CONFIG = 'languages = ["uz-Latn", "ru", "en"]\ndefault_language = "uz-Latn"\n'
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def archive(project) -> Path:  # type: ignore[no-untyped-def]
    """An English report translated into Russian (one entry fuzzy) and Uzbek, an Uzbek report into Russian."""
    root = project({
        "content/seminar.md": report("Seminar", "en", "The seminar opened in *Tashkent* on 10 December.\n\nIt lasted two days & ended well.\n"),
        "content/konferensiya.md": report("Konferensiya", "uz-Latn", "Konferensiya Senatda boʻlib oʻtdi.\n"),
    }, config=CONFIG)
    assert run(root, "update").code == 0
    translate_po(root / "locales/ru/LC_MESSAGES/seminar.po", {"Seminar": "Семинар", "The seminar opened in *Tashkent* on 10 December.": "Семинар открылся в *Ташкенте* 10 декабря."},
         fuzzy={"It lasted two days & ended well.": "Он длился два дня."})
    translate_po(root / "locales/uz_Latn/LC_MESSAGES/seminar.po", {"Seminar": "Seminar"})
    translate_po(root / "locales/ru/LC_MESSAGES/konferensiya.po", {"Konferensiya": "Конференция", "Konferensiya Senatda boʻlib oʻtdi.": "Конференция прошла в Сенате."})
    return root


def tmx_units(path: Path) -> set[tuple[str, frozenset[tuple[str, str]]]]:
    """Every unit as translate-toolkit's TMX reader (the independent oracle) reads it: (srclang, {(lang, text)})."""
    from translate.storage import tmx

    store = tmx.tmxfile.parsestring(path.read_bytes())
    units = set()
    for unit in store.units:
        nodes = unit.getlanguageNodes()
        units.add((unit.xmlelement.get("srclang"), frozenset((n.get(XML_LANG), unit.getNodeText(n)) for n in nodes)))
    return units


def test_tmx_export_validates_and_reads_back_the_same_segments(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "archive.tmx"
    before = snapshot(archive)
    result = run(archive, "export", "--format", "tmx", "--out", str(out))
    assert result.code == 0, result.err
    assert snapshot(archive) == before
    dtd = etree.DTD(str(tmx_dtd()))
    document = etree.parse(str(out))
    assert dtd.validate(document), dtd.error_log.filter_from_errors()
    assert tmx_units(out) == {
        ("en", frozenset({("en", "Seminar"), ("ru", "Семинар"), ("uz-Latn", "Seminar")})),
        ("en", frozenset({("en", "The seminar opened in *Tashkent* on 10 December."), ("ru", "Семинар открылся в *Ташкенте* 10 декабря.")})),
        ("uz-Latn", frozenset({("uz-Latn", "Konferensiya"), ("ru", "Конференция")})),
        ("uz-Latn", frozenset({("uz-Latn", "Konferensiya Senatda boʻlib oʻtdi."), ("ru", "Конференция прошла в Сенате.")})),
    }
    tu = document.getroot().find("body/tu")
    assert tu.get("creationdate", "").endswith("Z") and tu.find("tuv[2]").get("changedate", "").endswith("Z")
    # Drafts only when asked for, marked.
    assert run(archive, "export", "--format", "tmx", "--out", str(out), "--include-drafts").code == 0
    assert dtd.validate(etree.parse(str(out)))
    units = tmx_units(out)
    assert ("en", frozenset({("en", "It lasted two days & ended well."), ("ru", "Он длился два дня.")})) in units
    assert b'<prop type="x-tarjima-state">fuzzy</prop>' in out.read_bytes()


def test_tmx_import_fills_empty_entries_as_fuzzy_and_never_overwrites(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "archive.tmx"
    run(archive, "export", "--format", "tmx", "--out", str(out))
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(archive / "tarjima.toml", other)
    shutil.copytree(archive / "content", other / "content")
    run(other, "update")
    translate_po(other / "locales/ru/LC_MESSAGES/seminar.po", {"Seminar": "Семинар (наш)"})
    result = run(other, "import", str(out))
    assert result.code == 0, result.err
    ru = read_po(other / "locales/ru/LC_MESSAGES/seminar.po").messages()
    assert ru["Seminar"].msgstr == "Семинар (наш)" and not ru["Seminar"].fuzzy  # never overwritten
    opened = ru["The seminar opened in *Tashkent* on 10 December."]
    assert opened.msgstr == "Семинар открылся в *Ташкенте* 10 декабря." and opened.fuzzy
    assert opened.translator_comments == ("from TMX archive.tmx",)
    assert not ru["It lasted two days & ended well."].msgstr  # a draft was not exported
    assert read_po(other / "locales/uz_Latn/LC_MESSAGES/seminar.po").messages()["Seminar"].fuzzy
    konf = read_po(other / "locales/ru/LC_MESSAGES/konferensiya.po").messages()
    assert konf["Konferensiya"].msgstr == "Конференция"
    for po in (other / "locales").glob("*/LC_MESSAGES/*.po"):
        assert gnu("msgfmt", "-c", "-o", "/dev/null", str(po)).returncode == 0
    again = snapshot(other)
    assert run(other, "import", str(out)).code == 0
    assert snapshot(other) == again  # nothing left to fill: nothing written


def test_tmx_import_refuses_what_is_not_tmx(archive: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx><body><tu>", encoding="utf-8")
    result = run(archive, "import", str(bad))
    assert result.code == 2 and "not well-formed XML" in result.err and result.err.count("\n") == 1


def weblate_component_fields(wheel: zipfile.ZipFile) -> dict[str, str]:
    """The Component model's fields in a Weblate release, by name: the class that makes each."""
    tree = ast.parse(wheel.read("weblate/trans/models/component.py"))
    component = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Component")
    fields = {}
    for node in component.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Call):
            func = node.value.func
            maker = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                if isinstance(target, ast.Name) and maker.endswith(("Field", "Key")):
                    fields[target.id] = maker
    return fields


def weblate_serializer_fields(wheel: zipfile.ZipFile) -> tuple[str, ...]:
    """ComponentSerializer.Meta.fields of a Weblate release: what its import_json reads of an item."""
    tree = ast.parse(wheel.read("weblate/api/serializers.py"))
    serializer = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "ComponentSerializer")
    meta = next(n for n in serializer.body if isinstance(n, ast.ClassDef) and n.name == "Meta")
    node = next(n for n in meta.body if isinstance(n, (ast.Assign, ast.AnnAssign))
                and (n.targets[0] if isinstance(n, ast.Assign) else n.target).id == "fields")
    return tuple(ast.literal_eval(node.value))


def weblate_required_keys(wheel: zipfile.ZipFile) -> set[str]:
    """The keys import_json refuses an item without (its `"key" not in item` tests)."""
    source = wheel.read("weblate/trans/management/commands/import_json.py").decode()
    (line,) = [line for line in source.splitlines() if "not in item or" in line]
    return set(re.findall(r'"(\w+)" not in item', line))


def test_weblate_component_list(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "components.json"
    result = run(archive, "weblate", "--repo", "https://git.example.org/press.git", "--project", "academy", "--out", str(out))
    assert result.code == 0 and "2 component(s)" in result.out
    items = json.loads(out.read_text(encoding="utf-8"))
    assert [i["slug"] for i in items] == ["konferensiya", "seminar"]
    for item in items:
        assert item["filemask"] == f"locales/*/LC_MESSAGES/{item['slug']}.po"
        assert item["new_base"] == f"locales/templates/{item['slug']}.pot" and (archive / item["new_base"]).is_file()
        assert item["template"] == "" and item["file_format"] == "po"
    assert items[0]["repo"] == "https://git.example.org/press.git" and items[1]["repo"] == "weblate://academy/konferensiya"
    assert {i["slug"]: i["source_language"] for i in items} == {"konferensiya": "uz_Latn", "seminar": "en"}

    # Against Weblate's own source (PyPI wheels, pinned by hash; see schemas.py).
    old, new = weblate_wheel("weblate==5.14.3"), weblate_wheel("weblate==2026.10.1")
    for wheel in (old, new):
        required = weblate_required_keys(wheel)
        assert required == {"filemask", "name"}
        model = weblate_component_fields(wheel)
        for item in items:
            assert required <= item.keys()
            assert set(item) <= model.keys(), set(item) - model.keys()  # a misspelt key would be dropped unseen
        assert model["source_language"] == "ForeignKey"
        assert re.search(rb'format_id(: str)? = "po"', wheel.read("weblate/formats/ttkit.py"))
    # 5.14.3 copies only the editable, non-relation fields: source_language needs the README's second step.
    assert b"if field.editable and not field.is_relation" in old.read("weblate/trans/management/commands/import_json.py")
    # 2026.10.1 validates with the API's serializer, which reads every key tarjima writes, source_language too.
    assert set().union(*items) <= set(weblate_serializer_fields(new))
    assert b"ComponentSerializer" in new.read("weblate/trans/management/commands/import_json.py")
    # Every source language, and every catalogue folder the file mask finds, is a language Weblate knows.
    language_data = weblate_wheel("weblate-language-data==2026.11")
    languages = language_data.read("weblate_language_data/languages.py").decode()
    known = set(re.findall(r'^\s*\(\s*"([^"]+)",', languages, re.M))
    aliases = language_data.read("weblate_language_data/aliases.py").decode()
    known |= set(re.findall(r'^\s*"([^"]+)":', aliases, re.M))
    assert {"en", "ru", "uz_Latn"} <= known and len(known) > 500
    assert {i["source_language"] for i in items} <= known
    folders = {p.parent.parent.name for p in (archive / "locales").glob("*/LC_MESSAGES/*.po")}
    assert folders == {"en", "ru", "uz_Latn"} and folders <= known
    # uz_Cyrl is not a Weblate code: Weblate's `uz` is Uzbek in Cyrillic (uz@cyrillic is its alias),
    # hence the project's language alias `uz_Cyrl:uz` the README asks for.
    assert "uz_Cyrl" not in known and re.search(r'"uz@cyrillic":\s*"uz"', aliases)


def test_pseudo_translation_is_a_separate_copy_that_keeps_markup_numbers_and_urls(archive: Path) -> None:
    (archive / "content/link.md").write_text(report("Links", "en", "See [the programme](https://example.org/p?id=42) for 25 talks.\n"), encoding="utf-8")
    run(archive, "update")
    before = snapshot(archive)
    result = run(archive, "pseudo")
    assert result.code == 0, result.out + result.err
    assert snapshot(archive) == before  # the project's files are never written
    copy = archive / ".tarjima-cache/pseudo"
    po = read_po(copy / "locales/ru/LC_MESSAGES/link.po").messages()
    text = po["See [the programme](https://example.org/p?id=42) for 25 talks."].msgstr
    assert text.startswith("⁅Šéé [ţĥé þŕöĝŕåɱɱé](https://example.org/p?id=42) ƒöŕ 25 ţåļķš. ") and text.endswith("·⁆")
    assert gnu("msgfmt", "-c", "-o", "/dev/null", str(copy / "locales/ru/LC_MESSAGES/link.po")).returncode == 0
    page = (copy / "site/ru/link/index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/p?id=42"' in page and "ţĥé þŕöĝŕåɱɱé" in page
    site_po = read_po(copy / "locales/ru/LC_MESSAGES/_site.po")
    assert all(e.msgstr.startswith("⁅") or e.msgstr_plural for e in site_po.active)


def test_pseudo_refuses_to_write_over_the_project(archive: Path) -> None:
    result = run(archive, "pseudo", "--out", str(archive / "locales"))
    assert result.code == 2 and "would overwrite the project's own files" in result.err


def test_exports_write_nothing_when_a_source_is_refused(archive: Path, tmp_path: Path) -> None:
    (archive / "content/broken.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    for args in (("export", "--format", "tmx", "--out", str(tmp_path / "x.tmx")), ("weblate", "--repo", "r", "--out", str(tmp_path / "w.json"))):
        result = run(archive, *args)
        assert result.code == 2 and "content/broken.md" in result.err
    assert not (tmp_path / "x.tmx").exists() and not (tmp_path / "w.json").exists()
