"""Front matter read without PyYAML means what PyYAML reads: the plain subset (``front_matter.plain``) gives YAML's
mapping and lines, or steps aside; never a different answer. A source means the same whichever reader read it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tarjima import front_matter
from tarjima.errors import InputError
from tarjima.front_matter import load_front_matter, plain
from tarjima.sources import split_front_matter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402  (the benchmark archives' sources)


def yaml_reads(source: str) -> tuple[dict, dict[str, int]] | InputError:  # type: ignore[type-arg]
    """What PyYAML's loader makes of it (tarjima's: dates as text), or the error it names."""
    try:
        return front_matter._load_yaml(source, "index.md")
    except InputError as error:
        return error


def shipped_front_matter() -> list[tuple[str, str]]:
    """Every source of the shipped content and the tests' fixtures: (name, front matter)."""
    found = []
    for path in sorted([*ROOT.glob("content/**/*.md"), *ROOT.glob("tests/**/*.md")]):
        try:
            found.append((str(path.relative_to(ROOT)), split_front_matter(path.read_text(encoding="utf-8"), str(path))[0]))
        except InputError:
            continue  # a fixture of a broken source: no front matter to read
    return found


def test_the_shipped_sources_are_read_without_pyyaml_as_pyyaml_reads_them() -> None:
    shipped = shipped_front_matter()
    assert len(shipped) >= 2
    for name, source in shipped:
        found = plain(source)
        assert found is not None, name  # comments, one-line texts and "- item" lists: all in the subset
        assert found == yaml_reads(source), name


def test_the_benchmark_archives_sources_are_read_without_pyyaml_as_pyyaml_reads_them() -> None:
    vocab = generate.vocabularies(1)
    for index in range(300):
        text = generate.source_text(index, 1, vocab)[1]
        source = split_front_matter(text, "index.md")[0]
        found = plain(source)
        assert found is not None and found == yaml_reads(source), source


@pytest.mark.parametrize(
    "source, meaning",
    [
        ("title: A\ndraft: true\n", {"title": "A", "draft": True}),  # a boolean
        ("title: on\n", {"title": True}),
        ("summary: ~\n", {"summary": None}),
        ("title: 2024\n", {"title": 2024}),  # a number
        ("title: .5\n", {"title": 0.5}),
        ("title: A # a comment\n", {"title": "A"}),
        ("title: 'It''s'\n", {"title": "It's"}),
        ('title: "A \\"B\\""\n', {"title": 'A "B"'}),
        ("title: A\n  continued\n", {"title": "A continued"}),  # a text on two lines
        ("tags:\n  - a\n - b\n", None),  # items not in one column: an error
        ("tags: [a, [b]]\n", {"tags": ["a", ["b"]]}),
        ("tags:\n-  a\n", {"tags": ["a"]}),
        ("title: &x A\nsummary: *x\n", {"title": "A", "summary": "A"}),
        ("title:\tA\n", {"title": "A"}),
        ("on: A\n", {True: "A"}),
    ],
)
def test_what_the_subset_does_not_read_as_text_is_left_to_pyyaml(source: str, meaning: dict | None) -> None:  # type: ignore[type-arg]
    """Each of these YAML reads as something other than one-line texts (None: as an error); the subset steps aside."""
    assert plain(source) is None
    read = yaml_reads(source)
    assert isinstance(read, InputError) if meaning is None else read[0] == meaning


def test_an_error_is_still_pyyamls_at_its_line() -> None:
    source = "title: A\nsummary: [a, b\nlang: en\n"
    assert plain(source) is None
    with pytest.raises(InputError) as error:
        load_front_matter(source, "index.md")
    assert "invalid YAML front matter" in error.value.message and error.value == yaml_reads(source)


# Pieces of front matter lines chosen to sit on every edge of the subset: YAML's indicators, words it
# reads as booleans or null, numbers and dates, quotes, comments, blanks YAML treats apart, letters of Uzbek.
KEYS = ["title", "date", "tags", "summary", "end_date", "location", "cover", "_x", "Title"] * 3 + ["on", "No", "null", "2x", "a b"]
PIECES = ["a", "B", "ў", "oʻ", "yes", "no", "Null", "true", "~", "2024-12-10", "2024", "1.5", ".inf", "0x1", "+1", "-", "- ", "-a",
          "#", " #", "#x", ": ", ":", "a:b", "'", '"', "''", "\\", "[", "]", "{", "}", ",", ", ", "&", "*", "!", "|", ">", "%", "@", "`",
          "<<", "=", "?", " ", "  ", "\t", "\xa0", "\u2028", "\x85", "\ufeff", "\r", "http://x.uz", "“q”"]
WORDS = ["Seminar", "oʻzbek", "Академия", "human rights", "Tashkent,", "(ICRC)", "10-11", "a.b", "O'zbekiston", "“q”", "Yes!", "no-one", "a:b"]
EDGE_WORDS = ["yes", "No", "null", "true", "OFF", "~", "2024", "2024-12-10", "#1", "a: b", "x:", "[x]", "'q'", "-x", "&a", "*a", "!t", "|", ">"]


@st.composite
def values(draw: st.DrawFn) -> str:
    """Mostly text a press officer writes; sometimes with a word YAML reads otherwise, or a run of the edge pieces."""
    kind = draw(st.sampled_from(["pieces", "edge", "edge", "words", "words", "words"]))
    if kind == "pieces":
        return "".join(draw(st.lists(st.sampled_from(PIECES), max_size=5)))
    words = draw(st.lists(st.sampled_from(WORDS), max_size=3 if kind == "edge" else 4, min_size=0 if kind == "edge" else 1))
    if kind == "edge":
        words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(EDGE_WORDS)))
    return " ".join(words)


@st.composite
def front_matters(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["key"] * 8 + ["list", "items", "items", "comment", "blank", "indented"]))
        value = draw(values())
        key = draw(st.sampled_from(KEYS))
        colon = draw(st.sampled_from([": "] * 6 + [":", ":  ", " : "]))
        if kind == "key":
            quote = draw(st.sampled_from(["", "", "", "'", '"']))
            lines.append(f"{key}{colon}{quote}{value}{quote}")
        elif kind == "list":
            items = draw(st.lists(values(), max_size=4))
            lines.append(f"{key}{colon}[{draw(st.sampled_from([', ', ',', ' , '])).join(items)}]")
        elif kind == "items":
            indent = draw(st.sampled_from(["", "  ", " "]))
            lines.append(f"{key}:")
            lines += [f"{indent if draw(st.integers(0, 5)) else ' ' + indent}- {item}" for item in draw(st.lists(values(), max_size=3))]
        elif kind == "comment":
            lines.append(f"#{value}")
        elif kind == "blank":
            lines.append(draw(st.sampled_from(["", "", " "])))
        else:
            lines.append(f"{draw(st.sampled_from(['  ', ' ', '- ', '  - ']))}{value}")
    return "\n".join(lines) + draw(st.sampled_from(["\n", ""]))


@pytest.mark.slow
@settings(max_examples=3000)
@given(front_matters())
def test_whatever_the_subset_reads_pyyaml_reads_the_same(source: str) -> None:
    found = plain(source)
    if found is not None:
        assert found == yaml_reads(source)


@pytest.mark.slow
def test_the_random_front_matter_reaches_both_readers() -> None:
    """The property above is not empty: its strategy gives texts the subset reads and texts it leaves."""
    read = left = 0

    @settings(max_examples=500, database=None)
    @given(front_matters())
    def count(source: str) -> None:
        nonlocal read, left
        if plain(source) is None:
            left += 1
        else:
            read += 1

    count()
    assert read > 30 and left > 200


@pytest.mark.slow
def test_every_pair_of_edge_pieces_reads_as_pyyaml_reads_it() -> None:
    """Exhaustively, where the random texts above may miss a case: every one or two pieces and words, joined
    with or without a blank, as a value, a ``[...]`` item and a ``- item``."""
    tokens = sorted({*PIECES, *WORDS, *EDGE_WORDS})
    values = {*tokens, *(a + joint + b for a in tokens for b in tokens for joint in ("", " "))}
    read = 0
    for value in sorted(values):
        for source in (f"title: {value}\n", f"tags: [{value}, a]\n", f"tags:\n- {value}\n", f"title: '{value}'\n", f'title: "{value}"\n'):
            found = plain(source)
            if found is not None:
                read += 1
                assert found == yaml_reads(source), source
    assert read > 10_000
