"""The Uzbek search key, in Python and in the JavaScript the search page runs: both against one file of golden pairs."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tarjima.search.key import key_words, search_key

PAIRS = Path(__file__).parent / "data" / "search_key.tsv"
KEY_JS = Path(__file__).parents[1] / "src" / "tarjima" / "search" / "key.js"


def pairs() -> list[tuple[str, str]]:
    rows = [line.split("\t") for line in PAIRS.read_text(encoding="utf-8").split("\n") if line and not line.startswith("#")]
    assert all(len(r) == 2 for r in rows), "each line: input, one tab, key"
    return [(a, b) for a, b in rows]


def test_python_key_gives_every_golden_key() -> None:
    wrong = [(text, key, search_key(text)) for text, key in pairs() if search_key(text) != key]
    assert not wrong


def test_javascript_key_gives_every_golden_key() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed (CI installs it): the JavaScript key is not checked here")
    script = f"const key = require({json.dumps(str(KEY_JS))}); const pairs = JSON.parse(require('fs').readFileSync(0, 'utf8'));" \
             "process.stdout.write(JSON.stringify(pairs.filter(([t, k]) => key(t) !== k).map(([t, k]) => [t, k, key(t)])));"
    ran = subprocess.run([node, "-e", script], input=json.dumps(pairs()), capture_output=True, text=True, encoding="utf-8", check=True)
    assert json.loads(ran.stdout) == []


def test_the_golden_pairs_cover_every_spelling_a_reader_types() -> None:
    keys = dict(pairs())
    for same in (("Toshkent", "Тошкент", "Toşkent", "TOSHKENT"), ("oʻquv", "o'quv", "o`quv", "o’quv", "öquv", "oquv", "ўқув", "O'QUV")):
        assert all(s in keys for s in same) and len({keys[s] for s in same}) == 1, same


def test_key_words_keep_one_word_for_one() -> None:
    words = "Toshkentda ʻ oʻquv — kursi".split()
    assert key_words(words) == ["toshkentda", "ʻ", "oquv", "—", "kursi"]
