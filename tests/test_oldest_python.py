"""tarjima on the oldest Python it allows, Debian 12's own 3.11.2, where the README's first command runs.

CPython 3.11.0 to 3.11.4 match possessive repeats (``*+``, ``++``) wrongly: a possessive repeat of a
group loses matches (gh-106052, fixed in 3.11.5). On 3.11.2 the quick catalogue reader declined an
obsolete entry with a reference line (a hypothesis example of ``test_pofile.py`` found it), and the word
pattern ended some words with a joiner (their count stayed the same). tarjima compiles the reader's
patterns greedy there (``po.quick``), and the word pattern greedy everywhere (``catalog.template``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sysconfig
from pathlib import Path

import pytest

from tarjima.po import quick

ROOT = Path(__file__).resolve().parent.parent
DEBIAN_PYTHON = Path("/usr/bin/python3")

# Entries in each layout the quick readers take, and the block that 3.11.2's possessive repeats refused.
LAYOUTS = (
    '#: content/a.md:0\n#~ msgid "0 "\n#~ msgstr ""\n',
    '# a note\n#. paragraph\n#: content/a.md:3\n#, fuzzy\n#| msgid "old"\n#| "text"\nmsgid "new"\n"text"\nmsgstr "yangi"\n"matn \\"q\\""\n',
    '#~| msgid "gone"\n#~ msgid "Gone"\n#~ "away"\n#~ msgstr "Ketdi"\n',
    '#\n#,  fuzzy, python-format\nmsgid "a\\tb"\nmsgstr ""\n',
    '# machine translation (libre), review before publishing\nmsgid "Seminar"\nmsgstr "Семинар"\n',
)
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"X-Source-Digest: ab12\\n"\n\n'

def readings(layouts: list[str], names: list[str]) -> dict[str, list[object]]:
    """What the quick readers and the word count make of each layout and file, as JSON gives it back."""
    from tarjima.catalog.template import words
    from tarjima.po import read

    files = [(name, Path(name).read_bytes()) for name in names] + [(f"layout {i}", text.encode()) for i, text in enumerate(layouts)]
    found = {}
    for name, data in files:
        texts = [t for e in read.read(data, name).entries for t in (e.msgid, e.msgstr)]
        found[name] = [repr(quick.scan(data, name)), repr(quick.tally(data, name)), [words(t) for t in texts]]
    return json.loads(json.dumps(found))  # type: ignore[no-any-return]


# The same, printed by another Python: this file's ``readings`` on argv's layouts (JSON) and files.
READ = "import json, sys; sys.path.insert(0, sys.argv[1]); from test_oldest_python import readings; print(json.dumps(readings(json.loads(sys.argv[2]), sys.argv[3:])))"


def corpus() -> list[str]:
    return [str(p) for p in sorted(ROOT.glob("locales/**/*.po"))] + [str(p) for p in sorted(ROOT.glob("tests/data/**/*.po"))]


def layouts() -> list[str]:
    return [HEADER + "\n".join(LAYOUTS)] + [HEADER + text for text in LAYOUTS]


def read_here() -> dict[str, list[object]]:
    return readings(layouts(), corpus())


def test_every_layout_is_read_by_the_quick_readers() -> None:
    """Each layout above, and every report catalogue shipped (the site's strings have plural entries: read strictly)."""
    found = {name: value for name, value in read_here().items() if not name.endswith("_site.po")}
    assert len(found) >= len(LAYOUTS) + 6
    assert [name for name, (scanned, tallied, _) in found.items() if "None" in (scanned, tallied)] == []


def test_greedy_patterns_read_as_the_possessive_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where Python matches possessive repeats right, the greedy patterns tarjima compiles on 3.11.0-3.11.4 give the same readings."""
    if not quick.POSSESSIVE:
        pytest.skip("this Python's possessive repeats are the broken ones: nothing to compare with")
    possessive = read_here()
    monkeypatch.setattr(quick, "POSSESSIVE", False)
    quick._block_patterns.cache_clear()
    quick._counter_patterns.cache_clear()
    try:
        assert "*+" not in quick._block_patterns()[0].pattern and b"*+" not in quick._counter_patterns()[0].pattern
        assert read_here() == possessive
    finally:
        quick._block_patterns.cache_clear()
        quick._counter_patterns.cache_clear()


def test_debians_own_python_reads_and_counts_as_this_one() -> None:
    if not DEBIAN_PYTHON.exists():
        pytest.skip(f"{DEBIAN_PYTHON} is not here: no system Python to compare with")
    version = subprocess.run([str(DEBIAN_PYTHON), "-c", "import sys; print(sys.version_info[:3])"], capture_output=True, text=True).stdout
    if not version.startswith("(3, 11,"):
        pytest.skip(f"{DEBIAN_PYTHON} is Python {version.strip()}: this environment's cp311 packages do not load there")
    # The same packages, from this environment (cp311 wheels: one ABI for every 3.11), and tarjima's source.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])}
    done = subprocess.run([str(DEBIAN_PYTHON), "-c", READ, str(Path(__file__).parent), json.dumps(layouts()), *corpus()], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-500:]
    assert json.loads(done.stdout) == read_here(), f"Python {version.strip()} reads otherwise"
