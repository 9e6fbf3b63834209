"""Work on every core gives what one core gives: parsing, counting, rendering; bad input still named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import report, run, snapshot
from tarjima.errors import InputError
from tarjima.parallel import fork_map


def test_fork_map_keeps_order_runs_closures_and_brings_back_errors() -> None:
    offset = 1000

    def work(n: int) -> int | InputError:
        return InputError(f"item{n}", "bad") if n == 37 else n + offset

    results = fork_map(work, list(range(100)), least=1, jobs=2)
    assert results[:37] == [n + offset for n in range(37)] and results[38:] == [n + offset for n in range(38, 100)]
    assert isinstance(results[37], InputError) and str(results[37]) == "item37: bad"


@pytest.fixture
def archive(project) -> Path:
    files = {f"content/r{i:02d}.md": report(title=f"Report {i}", body=f"Paragraph {i}.\n\nMore about {i}.\n") for i in range(30)}
    files["content/broken.md"] = "---\ntitle: [unclosed\n---\n"
    root = project(files)
    assert run(root, "update").code == 2  # the broken source is named; the others are extracted
    po = root / "locales/ru/LC_MESSAGES/r05.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgid "Report 5"\nmsgstr ""', 'msgid "Report 5"\nmsgstr "Отчёт 5"'), encoding="utf-8")
    (root / "locales/ru/LC_MESSAGES/r07.po").write_text('msgid "x"\nmsgstr "y\n', encoding="utf-8")
    return root


def test_on_every_core_status_check_and_build_equal_one_core(archive: Path, tmp_path: Path, monkeypatch) -> None:
    from tarjima import catalogues, project
    from tarjima.checks import project as checking
    from tarjima.site import reports as site  # where the build forks its workers

    def outputs(tag: str) -> tuple[str, str, str, str, dict[str, str]]:
        for cache in archive.glob(".tarjima-cache"):
            shutil.rmtree(cache)
        shown = run(archive, "status", "--format", "json")
        checked = run(archive, "check", "--format", "json")
        built = run(archive, "build", "--out", str(tmp_path / tag))
        return shown.out, shown.err, checked.out + checked.err, (built.out + built.err).replace(str(tmp_path / tag), "OUT"), snapshot(tmp_path / tag)

    one = outputs("one")
    for module in (project, checking, site, catalogues):
        monkeypatch.setattr(module, "PARALLEL_FROM", 2)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    many = outputs("many")
    assert many == one
    assert "content/broken.md:2" in one[1] and "locales/ru/LC_MESSAGES/r07.po:2" in one[1]  # bad input named either way
    assert '"findings"' in one[2] and "locales/ru/LC_MESSAGES/r07.po:2" in one[2]

