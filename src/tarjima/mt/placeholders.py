"""Markup the engine must not see: link URLs and brackets, inline code, emphasis markers, HTML, escapes, hard line breaks and footnote references, as numbered placeholders."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_LINK_DEST = r"(?:<[^<>\n]*>|(?:[^()\s\\]|\\.|\((?:[^()\s\\]|\\.)*\))*)"


_LINK_TITLE = r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?"


MARKUP_RE = re.compile(
    r"(?P<code>(?P<ticks>`+).+?(?<!`)(?P=ticks)(?!`))"
    r"|(?P<hardbreak>[ \t]*(?:\\| {2,})\n[ \t]*)"  # a backslash, or two spaces, at a line's end: the line break the msgid keeps
    r"|(?P<escape>\\[!-/:-@\[-`{-~])"
    r"|(?P<autolink><(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>)"
    r"|(?P<html></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)"
    r"|(?P<footnote>\[\^[^\]\s]+\](?![(\[:]))"  # a footnote reference: [^1]
    r"|(?P<link>(?P<open>!?\[)(?P<label>(?:[^\[\]\\`]|\\.|`[^`]*`|\[[^\[\]]*\])*)"
    rf"(?P<close>\]\({_LINK_DEST}{_LINK_TITLE}\s*\)|\]\[[^\[\]]*\]))"
    r"|(?P<url>(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?'\")\]*_~])"
    r"|(?P<emph>\*+|_+|~~)"
)


PLACEHOLDER_RE = re.compile(r"([ \t]*)⟦\s*(\d+)\s*⟧([ \t]*)")


@dataclass(frozen=True)
class Token:
    """A piece of markup the engine must not see: its text, and which side of a word it hugs."""

    text: str
    side: str = ""  # "open" hugs the next word, "close" the previous one, "break" both (a line break), "" neither


@dataclass(frozen=True)
class Protected:
    """A text with its markup replaced by numbered placeholders ⟦0⟧, ⟦1⟧, ..."""

    text: str  # what is sent to the engine
    tokens: tuple[Token, ...]


def _flanking(prev: str, nxt: str) -> tuple[bool, bool]:
    """CommonMark's left- and right-flanking tests for a delimiter run between two characters."""

    def space(ch: str) -> bool:
        return not ch or ch.isspace()

    def punct(ch: str) -> bool:
        return bool(ch) and not ch.isalnum() and not ch.isspace()

    left = not space(nxt) and (not punct(nxt) or space(prev) or punct(prev))
    right = not space(prev) and (not punct(prev) or space(nxt) or punct(nxt))
    return left, right


def _scan(text: str, tokens: list[Token]) -> str:
    out: list[str] = []
    last = 0

    def hold(piece: str, side: str = "") -> str:
        tokens.append(Token(piece, side))
        return f"⟦{len(tokens) - 1}⟧"

    for match in MARKUP_RE.finditer(text):
        kind = next(k for k in ("code", "hardbreak", "escape", "autolink", "html", "footnote", "link", "url", "emph") if match.group(k) is not None)
        out.append(text[last : match.start()])
        last = match.end()
        if kind == "hardbreak":  # sent between spaces, so the words on either side stay words; put back without them
            out.append(" " + hold("\\\n", "break") + " ")
        elif kind == "footnote":  # on the word it follows
            out.append(hold(match.group(0), "close"))
        elif kind == "link":
            out.append(hold(match.group("open"), "open"))
            out.append(_scan(match.group("label"), tokens))
            out.append(hold(match.group("close"), "close"))
        elif kind == "emph":
            run = match.group(0)
            prev = text[match.start() - 1] if match.start() else ""
            nxt = text[match.end()] if match.end() < len(text) else ""
            left, right = _flanking(prev, nxt)
            if run[0] == "_":
                left, right = left and (not right or not prev.isalnum()), right and (not left or not nxt.isalnum())
            if not left and not right:
                out.append(run)  # "5 * 3", snake_case: not markup
            else:
                out.append(hold(run, "open" if left and not right else "close" if right and not left else ""))
        else:
            out.append(hold(match.group(0)))
    out.append(text[last:])
    return "".join(out)


def protect(text: str) -> Protected:
    r"""Replace link URLs and brackets, inline code, emphasis markers, HTML, escapes and hard line breaks by placeholders.

    A hard line break comes back as a backslash and a line break, whichever way the msgid wrote it
    (``markdown.segment_text`` writes that form), so the draft breaks where the source does:

    >>> sent = protect("Tashkent,\\\n10 December")
    >>> sent.text
    'Tashkent, ⟦0⟧ 10 December'
    >>> restore("[ru] Ташкент, ⟦0⟧ 10 декабря", sent)
    ('[ru] Ташкент,\\\n10 декабря', [])
    """
    tokens: list[Token] = []
    sent = _scan(text, tokens)
    return Protected(sent, tuple(tokens))


def restore(translated: str, protected: Protected) -> tuple[str, list[str]]:
    """Put the markup back; return the text and what the engine lost or repeated."""
    seen: Counter[int] = Counter()
    strays: list[str] = []

    def put(match: re.Match[str]) -> str:
        before, number, after = match.group(1), int(match.group(2)), match.group(3)
        if number >= len(protected.tokens):
            strays.append(match.group(0).strip())
            return match.group(0)
        seen[number] += 1
        token = protected.tokens[number]
        if token.side == "break":
            return token.text
        if token.side == "open":
            return before + token.text
        if token.side == "close":
            return token.text + after
        return before + token.text + after

    text = PLACEHOLDER_RE.sub(put, translated)
    problems = [f"the engine dropped {t.text!r}" for i, t in enumerate(protected.tokens) if not seen[i]]
    problems += [f"the engine repeated {t.text!r}" for i, t in enumerate(protected.tokens) if seen[i] > 1]
    problems += [f"the engine invented the placeholder {s}" for s in strays]
    return text, problems
