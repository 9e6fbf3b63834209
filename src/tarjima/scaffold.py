"""``tarjima new``: a report's first file, front matter filled (pure text functions)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяўқғҳ",
    ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t",
     "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "o", "q", "g", "h"],
))


def ascii_words(text: str) -> list[str]:
    """The words of a text in Uzbek (Latin or Cyrillic), Russian or English, lower-case ASCII (a-z, 0-9)."""
    text = "".join(CYRILLIC.get(ch, ch) for ch in text.lower())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.findall(r"[a-z0-9]+", text)


def slugify(title: str, limit: int = 60) -> str:
    """An ASCII slug from a title in Uzbek (Latin or Cyrillic), Russian or English."""
    slug = ""
    for word in ascii_words(title):
        if len(slug) + len(word) + 1 > limit and slug:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug or "report"


def report_text(title: str, lang: str, date: dt.date, bundle: bool = False) -> str:
    """The text of a new report: front matter filled, a reminder where the body goes (and, in a page bundle, its photos)."""
    import yaml  # here: the modules that import this one (the photos') seldom write a report

    meta = {"title": title, "date": date, "lang": lang, "location": "", "summary": "", "tags": []}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    photos = ("     Put its photos beside this file: ![What the photo shows](hall.jpg \"Caption\") on a line of its own;\n"
              "     add 'cover: hall.jpg' to the front matter to show that photo on the listings' cards.\n") if bundle else ""
    return (
        f"---\n{front}---\n\n"
        "<!-- Write the report below in Markdown: one paragraph per block, separated by blank lines.\n"
        f"{photos}"
        "     Fill in location and summary above (they are translated too); this comment is not. -->\n"
    )
