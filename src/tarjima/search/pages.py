"""The search records of the public site: one per published report page, made from the bytes the build
writes into the public folder (never the desk), its text as the reader sees it, and for Uzbek its search key.

A record's content is what the index holds: the page's title, lead and body, word for word, up to
``[tool.tarjima.site] search_words`` words (100 unless set; 0: every word; docs/site.md#search says
what each costs). For an Uzbek version the content is
the words' keys (tarjima.search.key), and the words themselves go with the record (meta ``text``)
so that the snippet a reader sees is the text as written, at the places the keys matched.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from tarjima.search.key import key_words

READ = 40  # characters of a page's article read per word wanted (a word and its markup are far fewer)
MARK = re.compile(r"<article\b[^>]*\bdata-pagefind-body\b[^>]*>")
TITLE = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
DATE = re.compile(r'<time\b[^>]*\bdatetime="([^"]*)"[^>]*>(.*?)</time>', re.S)
HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1>|<!--.*?-->", re.S)
BLOCK = re.compile(r"</?(?:p|div|li|ul|ol|h[1-6]|br|hr|td|th|tr|table|thead|tbody|blockquote|figure|figcaption|header|footer|section|pre|dt|dd|dl|img|picture|aside|nav)\b[^>]*>")
TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Record:
    """One page as the index holds it: its address (from the site's root), language, content and what a result shows."""

    url: str
    language: str  # the page's language tag, lower case (Pagefind's index of the pages of <html lang>)
    content: str
    meta: dict[str, str]


def text_of(fragment: str) -> str:
    """The words of an HTML fragment, one space between them (a block's end separates words, an inline tag does not)."""
    return " ".join(html.unescape(TAG.sub("", BLOCK.sub(" ", HIDDEN.sub(" ", fragment)))).split())


def record(path: str, page: str, tag: str, words_wanted: int = 100) -> Record | None:
    """The record of one report page (``path`` from the site's root): its first ``words_wanted`` words (0: all of them);
    None for a page without a ``data-pagefind-body`` article (a template that does not mark its report)."""
    found = MARK.search(page)
    if found is None:
        return None
    end = page.find("</article>", found.end())
    article = page[found.end():end if end >= 0 else len(page)]
    if words_wanted:
        article = article[:READ * words_wanted]
    if article.rfind("<") > article.rfind(">"):
        article = article[:article.rfind("<")]  # a tag cut short
    title = TITLE.search(article)
    date = DATE.search(article)
    words = text_of(article).split()
    if words_wanted:
        words = words[:words_wanted]
    meta = {"title": text_of(title.group(1)) if title else "", "date": text_of(date.group(2)) if date else "", "datetime": date.group(1) if date else ""}
    if tag.split("-")[0].lower() == "uz":
        meta["text"] = " ".join(words)
        words = key_words(words)
    return Record(url=path.removesuffix("index.html"), language=tag.lower(), content=" ".join(words), meta=meta)

