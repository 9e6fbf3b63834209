"""Report sources: front matter, segments, roles, lines."""

from __future__ import annotations

import pytest

from tarjima.errors import InputError
from tarjima.sources import parse_document, parse_report

LANGS = ("uz-Latn", "ru", "en")

SOURCE = """---
title: Seminar on *standards*
date: 2024-12-10
end_date: 2024-12-11
lang: en
location: Tashkent
summary: >
  Two days
  of talks.
tags: [seminar]
---
## Opening

The seminar opened
with a [talk](https://example.org/t) and `code`.

- First point
- Second point

> Quoted words.

| Name | Role |
|------|------|
| Aliyev | Chair |

![A hall full of people](hall.jpg)

```
print("not translated")
```

<div class="raw">Raw HTML, translated too</div>

Closing.

Closing.
"""


def test_segments_cover_every_block_with_role_and_line() -> None:
    doc = parse_document(SOURCE, "content/2024/x.md", LANGS)
    got = [(s.id, s.role, s.text, s.line) for s in doc.segments]
    assert got == [
        ("title", "title", "Seminar on *standards*", 2),
        ("summary", "summary", "Two days of talks.", 7),
        ("location", "location", "Tashkent", 6),
        ("b1", "heading 2", "Opening", 12),
        ("b2", "paragraph", "The seminar opened with a [talk](https://example.org/t) and `code`.", 14),
        ("b3", "list item", "First point", 17),
        ("b4", "list item", "Second point", 18),
        ("b5", "blockquote paragraph", "Quoted words.", 20),
        ("b6", "table header cell", "Name", 22),
        ("b7", "table header cell", "Role", 22),
        ("b8", "table cell", "Aliyev", 24),
        ("b9", "table cell", "Chair", 24),
        ("b10", "image alt text", "A hall full of people", 26),
        ("b11", "HTML text", "Raw HTML, translated too", 32),
        ("b12", "paragraph", "Closing.", 34),
        ("b13", "paragraph", "Closing.", 36),
    ]
    report = doc.report
    assert report.slug == "x" and report.lang == "en" and str(report.end_date) == "2024-12-11"
    assert doc.msgids.count("Closing.") == 1


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("no front matter\n", "no YAML front matter", 1),
        ("---\ntitle: [unclosed\ndate: 2024-01-01\n---\n", "invalid YAML", 3),
        ("---\ntitle: T\nlang: en\n---\n", "required field `date` is missing", 2),
        ("---\ntitle: T\ndate: 2024-13-01\nlang: en\n---\n", "`date` is not a date", 3),
        ("---\ntitle: T\ndate: 2024-01-01\nlang: de\n---\n", "unknown language 'de'", 4),
        ("---\ntitle: T\ndate: 2024-01-01\nlang: en\nslug: ../../etc\n---\n", "would reach outside the project", 5),
        ("---\ntitle: T\ndate: 2024-01-01\nlang: en\nslug: Big Slug\n---\n", "is not a valid slug", 5),
    ],
)
def test_bad_front_matter_names_file_and_line(text: str, message: str, line: int) -> None:
    with pytest.raises(InputError) as caught:
        parse_report(text, "content/bad.md", LANGS)
    assert message in caught.value.message
    assert caught.value.line == line
    assert str(caught.value).startswith(f"content/bad.md:{line}: ")


def test_language_tag_is_case_insensitive_and_canonical() -> None:
    report = parse_report("---\ntitle: T\ndate: 2024-01-01\nlang: UZ-latn\n---\nMatn.\n", "content/t.md", LANGS)
    assert report.lang == "uz-Latn"


