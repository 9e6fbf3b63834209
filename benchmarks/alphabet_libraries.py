"""Measure three PyPI libraries for Uzbek letters against tarjima's own rules (issue 32).

    python3 -m venv /tmp/alpha-venv
    /tmp/alpha-venv/bin/pip install alifbo==0.6.0 UzTransliterator==2.0.2 alifbe==0.2.0
    . .venv/bin/activate                       # the project's environment: tarjima itself
    python benchmarks/alphabet_libraries.py    # --setup does the two lines above; --venv DIR elsewhere

It uses the tarjima beside it (src/), its tests' RULES and word list, and the project's texts at --rev
(HEAD by default). When the work tree has uncommitted changes to the rules, measure a commit instead:

    git archive HEAD | tar -x -C /tmp/tarjima-HEAD && python /tmp/tarjima-HEAD/benchmarks/alphabet_libraries.py

The candidates are installed in a throwaway virtual environment, never in the project's locked one:
this script runs in the project's environment and appends the throwaway environment's site-packages
to the end of sys.path (the three are pure Python without dependencies), so tarjima and the
candidates run in one process. A library that is not importable is skipped, with how to install it.

What is measured (all printed as Markdown):

1. the RULES table of tests/test_alphabet.py, (1995, 2026) pairs, in both directions;
2. every Uzbek Latin text of the shipped project: the msgstrs of locales/uz_Latn/LC_MESSAGES/*.po and
   the msgids of each uz-Latn source report in content/ (its template in locales/templates/), one call
   a segment as tarjima converts them:
   - 1995 -> 2026 against tarjima's to_new, the differing words listed and judged by an independent
     ten-line statement of the alphabet rules (oʻ->ö, gʻ->ğ, sh->ş, ch->ç, sʼh kept, nothing else);
   - the whole Markdown file of each uz-Latn source report, 1995 -> 2026, against tarjima;
   - 2026 -> 1995 of the library's own 2026 text: the exact source back?
   - Cyrillic from the (correct) 2026 text against tarjima's Cyrillic from the 1995 text;
   - markup probes: link destinations, code, HTML, entities, placeholders, URLs, e-mails, quotes;
3. tests/data/uz_wordlist.csv, Latin -> Cyrillic, row by row: right (silent or warned), wrong;
4. speed: the project's segments repeated to about 100,000 words, 1995 -> 2026 and Latin -> Cyrillic,
   each library and tarjima in the same process, in alternating order, median of --rounds.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import gc
import glob
import importlib.metadata
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]  # the tarjima beside this script, even if another is installed

from test_alphabet import RULES

from tarjima.derive import alphabet, latin2026
from tarjima.derive.translit import (
    ADDRESS_HINT,
    LATIN_TOKENS,
    LATIN_TOKENS_ADDRESSES,
    Transliterator,
)
from tarjima.po.read import read

PINS = {"alifbo": "0.6.0", "UzTransliterator": "2.0.2", "alifbe": "0.2.0"}
DEFAULT_VENV = "/tmp/alpha-venv"
OKINA, TUTUQ = "\u02bb", "\u02bc"


def install_hint(venv: str) -> str:
    pins = " ".join(f"{name}=={version}" for name, version in PINS.items())
    return f"python3 -m venv {venv} && {venv}/bin/pip install {pins}"


# --- the candidates, each behind the same four functions ----------------------------------------------


@dataclass
class Library:
    name: str
    version: str
    to_new: Callable[[str], str]  # 1995 Latin -> 2026 Latin
    to_old: Callable[[str], str]  # 2026 Latin -> 1995 Latin
    to_cyrillic: Callable[[str], tuple[str, int]]  # 1995 Latin -> Cyrillic, and the number of warnings
    new_to_cyrillic: Callable[[str], tuple[str, int]]  # 2026 Latin -> Cyrillic


def with_warnings(result: Any) -> tuple[str, int]:
    """alifbo's and alifbe's result: the text and how many warnings came with it."""
    return result.text, len(result.warnings)


def tarjima_library() -> Library:
    engine = Transliterator()

    def cyr(text: str) -> tuple[str, int]:
        derived = engine.to_cyrillic(text)
        return derived.text, len(derived.ambiguities)

    return Library("tarjima", importlib.metadata.version("tarjima"), lambda t: alphabet.to_new(t).text,
                   lambda t: alphabet.to_old(t).text, cyr, cyr)


def alifbo_libraries(alifbo: Any) -> list[Library]:
    """alifbo on whole texts, and alifbo on the words of tarjima's tokens only (tarjima decides what is a
    word: markup, URLs, addresses and placeholders are not), the way tarjima could use it for the letters."""
    version = importlib.metadata.version("alifbo")

    def words_only(convert: Callable[[str], Any]) -> Callable[[str], str]:
        def run(text: str) -> str:
            return "".join(convert(part).text if is_word else part for is_word, part in alphabet._tokens(text))
        return run

    def words_cyrillic(text: str) -> tuple[str, int]:
        parts = Transliterator._tokens(LATIN_TOKENS_ADDRESSES if ADDRESS_HINT.search(text) else LATIN_TOKENS, text)
        results = [with_warnings(alifbo.to_cyrillic(part)) if is_word else (part, 0) for is_word, part in parts]
        return "".join(r[0] for r in results), sum(r[1] for r in results)

    def whole_cyrillic(text: str) -> tuple[str, int]:
        return with_warnings(alifbo.to_cyrillic(text))

    return [
        Library("alifbo", version, lambda t: alifbo.to_new_latin(t).text, lambda t: alifbo.to_old_latin(t).text,
                whole_cyrillic, whole_cyrillic),
        Library("alifbo in tarjima's tokens", version, words_only(alifbo.to_new_latin), words_only(alifbo.to_old_latin),
                words_cyrillic, words_cyrillic),
    ]


def candidates(venv: str) -> tuple[list[Library], list[str]]:
    """The libraries importable from the throwaway environment, and the names of those skipped."""
    for site in sorted(glob.glob(f"{venv}/lib/python*/site-packages")):
        if site not in sys.path:
            sys.path.append(site)  # after the project's own packages: they always win
    found: list[Library] = []
    skipped: list[str] = []
    try:
        import alifbo
    except ImportError:
        skipped.append("alifbo")
    else:
        found += alifbo_libraries(alifbo)
    try:
        from UzTransliterator import UzTransliterator
    except ImportError:
        skipped.append("UzTransliterator")
    else:
        uzt = UzTransliterator()
        found.append(Library(
            "UzTransliterator", importlib.metadata.version("UzTransliterator"),
            lambda t: uzt.transliterate(t, from_="lat", to="nlt"), lambda t: uzt.transliterate(t, from_="nlt", to="lat"),
            lambda t: (uzt.transliterate(t, from_="lat", to="cyr"), 0), lambda t: (uzt.transliterate(t, from_="nlt", to="cyr"), 0),
        ))
    try:
        import alifbe
    except ImportError:
        skipped.append("alifbe")
    else:
        found.append(Library(
            "alifbe", importlib.metadata.version("alifbe"),
            lambda t: alifbe.to_new_latin(t).text, lambda t: alifbe.to_old_latin(t).text,
            lambda t: with_warnings(alifbe.latin_to_cyrillic(t)), lambda t: with_warnings(alifbe.latin_to_cyrillic(t)),
        ))
    for lib in found:
        if lib.name in PINS and lib.version != PINS[lib.name]:
            print(f"note: {lib.name} {lib.version} is installed; the figures of the results file are for {PINS[lib.name]}", file=sys.stderr)
    return found, skipped


def safely(function: Callable[[str], object], text: str) -> object:
    try:
        return function(text)
    except Exception as error:  # noqa: BLE001 -- a library that raises gets the case wrong, with the error shown
        return f"<{type(error).__name__}: {error}>"


# --- the project's texts -----------------------------------------------------------------------------


class Tree:
    """The project's files as committed (--rev, default HEAD: what ships) or as they are in the work tree (--rev worktree)."""

    rev = "HEAD"

    @classmethod
    def files(cls, folder: str) -> list[str]:
        if cls.rev == "worktree":
            return sorted(str(p.relative_to(ROOT)) for p in (ROOT / folder).rglob("*") if p.is_file())
        listing = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "-r", "--name-only", cls.rev, "--", folder],
                                 check=True, capture_output=True, text=True).stdout
        return sorted(listing.split())

    @classmethod
    def read(cls, path: str) -> bytes:
        if cls.rev == "worktree":
            return (ROOT / path).read_bytes()
        return subprocess.run(["git", "-C", str(ROOT), "show", f"{cls.rev}:{path}"], check=True, capture_output=True).stdout

    @classmethod
    def describe(cls) -> str:
        if cls.rev == "worktree":
            return "the work tree"
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", cls.rev], check=True, capture_output=True, text=True)
        return f"commit {commit.stdout.strip()}"


def uzbek_segments() -> list[str]:
    """Every Uzbek Latin text of the shipped project, as tarjima converts it: one segment a call (plural forms each one)."""
    texts: list[str] = []
    for po in Tree.files("locales/uz_Latn/LC_MESSAGES"):
        if po.endswith(".po"):
            for e in read(Tree.read(po), po).active:
                texts += [form for form in (e.msgstr, *e.msgstr_plural) if form]
    for pot in source_templates():
        texts += [e.msgid for e in read(Tree.read(pot), pot).active]
    return texts


def uzbek_sources() -> list[str]:
    return [md for md in Tree.files("content") if md.endswith(".md")
            and re.search(r"(?m)^lang: uz-Latn\s*$", Tree.read(md).decode("utf-8"))]


def source_templates() -> list[str]:
    """The template of each uz-Latn source report: named after its file, or its folder for index.md."""
    templates = []
    for md in uzbek_sources():
        path = Path(md)
        slug = path.parent.name if path.name == "index.md" else path.stem
        pot = f"locales/templates/{slug}.pot"
        if pot in Tree.files("locales/templates"):
            templates.append(pot)
    return templates


# --- the alphabet rules, stated on their own to judge a difference ------------------------------------

APOSTROPHES = "'\u2018\u2019`\u00b4" + OKINA + TUTUQ


def rule_2026(word: str) -> str:
    """One plain Uzbek word of the 1995 alphabet in the 2026 one: oʻ gʻ sh ch -> ö ğ ş ç, sʼh kept, the rest unchanged."""
    out, i = [], 0
    caps = word.isupper() and sum(ch.isalpha() for ch in word) >= 2
    while i < len(word):
        two, low = word[i : i + 2], word[i : i + 2].lower()
        if low[:1] in "og" and low[1:] in tuple(APOSTROPHES) and low[1:]:
            out.append({"o": "ö", "g": "ğ"}[low[0]].upper() if two[0].isupper() else {"o": "ö", "g": "ğ"}[low[0]])
            i += 2
        elif low in ("sh", "ch"):
            letter = "ş" if low == "sh" else "ç"
            out.append(letter.upper() if two[0].isupper() or caps else letter)
            i += 2
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


def tokens(text: str) -> list[str]:
    return text.split()


def changed_words(a: str, b: str) -> list[tuple[str, str]]:
    """The (a, b) pieces where two texts differ, word by word (whitespace differences are not words)."""
    ta, tb = tokens(a), tokens(b)
    pairs = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=ta, b=tb, autojunk=False).get_opcodes():
        if op != "equal":
            pairs.append((" ".join(ta[i1:i2]), " ".join(tb[j1:j2])))
    return pairs


def same_apart_from_apostrophes(a: str, b: str) -> bool:
    """Equal once every apostrophe look-alike is read as ʻ after o/g and ʼ elsewhere (UzTransliterator writes ‘ and ’)."""
    norm = re.compile(f"[{re.escape(APOSTROPHES)}]")

    def fold(s: str) -> str:
        return norm.sub(lambda m: OKINA if m.start() and s[m.start() - 1] in "oOgG" else TUTUQ, s)

    return fold(a) == fold(b)


# --- 1. the RULES table ------------------------------------------------------------------------------


NG_WORDS = [("yongʻoq", "yonğoq"), ("Yongʻin", "Yonğin"), ("YONGʻIN", "YONĞIN")]  # walnut, fire: n then gʻ


def rules_table(libs: list[Library]) -> list[str]:
    out = ["## 1. The RULES table of tests/test_alphabet.py", "",
           f"{len(RULES)} (1995, 2026) pairs: each letter rule, in capitals and in a word in capitals, and the separating sign.", "",
           "| library | 1995 -> 2026 right | 2026 -> 1995 right | wrong (got, expected) |", "|---|---|---|---|"]
    for lib in libs:
        wrong = []
        new_right = old_right = 0
        for old, new in RULES:
            got_new, got_old = safely(lib.to_new, old), safely(lib.to_old, new)
            new_right += got_new == new
            old_right += got_old == old
            if got_new != new:
                wrong.append(f"{old} -> `{got_new}` not `{new}`")
            if got_old != old:
                wrong.append(f"{new} -> `{got_old}` not `{old}`")
        out.append(f"| {lib.name} | {new_right}/{len(RULES)} | {old_right}/{len(RULES)} | {'; '.join(wrong) or '-'} |")
    out += ["", f"The ngʻ row in real words (not in RULES): {', '.join(old for old, _ in NG_WORDS)}, 1995 -> 2026:", ""]
    for lib in libs:
        got = [str(safely(lib.to_new, old)) for old, _ in NG_WORDS]
        right = sum(g == new for g, (_, new) in zip(got, NG_WORDS))
        out.append(f"- {lib.name}: {right}/{len(NG_WORDS)}" + ("" if right == len(NG_WORDS) else f" ({', '.join(got)})"))
    return out + [""]


# --- 2. the project's texts --------------------------------------------------------------------------

QUOTED = re.compile(r"(?:^|\s)'\w+ \w+'\s")  # 'Yangi hayot' (or 'Янги ҳаёт'): the quotation marks stay ASCII
PROBES: list[tuple[str, str, list[str | re.Pattern[str]], list[str | re.Pattern[str]]]] = [
    # (what, text, what must come out as it is in the 2026 Latin, and in Cyrillic); a link's title is prose: converted
    ("link destination", "[shahar](https://shahar.uz/chorshanba 'sarlavha')", ["](https://shahar.uz/chorshanba '"], ["](https://shahar.uz/chorshanba '"]),
    ("image destination", "![rasm](rasmlar/choʻl.jpg)", ["](rasmlar/choʻl.jpg)"], ["](rasmlar/choʻl.jpg)"]),
    ("reference label", "[matn][choʻl]", ["][choʻl]"], ["][choʻl]"]),
    ("code span", "`sh -c` kodi", ["`sh -c`"], ["`sh -c`"]),
    ("autolink", "<https://iiv.uz/choʻl>", ["<https://iiv.uz/choʻl>"], ["<https://iiv.uz/choʻl>"]),
    ("e-mail autolink", "<info@chamber.uz>", ["<info@chamber.uz>"], ["<info@chamber.uz>"]),
    ("HTML tag", '<a href="https://iiv.uz" class="shrift">shahar</a>', ['<a href="https://iiv.uz" class="shrift">', "</a>"],
     ['<a href="https://iiv.uz" class="shrift">', "</a>"]),
    ("HTML comment", "<!-- shahar -->", ["<!-- shahar -->"], ["<!-- shahar -->"]),
    ("bare URL", "https://iiv.uz/uz/choʻl-shahar. Keyin", ["https://iiv.uz/uz/choʻl-shahar"], ["https://iiv.uz/uz/choʻl-shahar"]),
    ("e-mail address", "press@chamber.uz manzili", ["press@chamber.uz"], ["press@chamber.uz"]),
    ("bare domain", "iiv.uz/shahar sayti", ["iiv.uz/shahar"], ["iiv.uz/shahar"]),
    ("placeholders", "{shahar} {{ chiqish }} %(chop)s %s", ["{shahar}", "{{ chiqish }}", "%(chop)s", "%s"], ["{shahar}", "{{ chiqish }}", "%(chop)s", "%s"]),
    ("HTML entities", "&shy; &#8212; &nbsp;", ["&shy;", "&#8212;", "&nbsp;"], ["&shy;", "&#8212;", "&nbsp;"]),
    ("foreign names", "Chicago va Washington", ["Chicago", "Washington"], []),  # foreign names keep their spelling in Latin; Cyrillic may spell them
    ("ASCII quotation marks", "'Yangi hayot' gazetasi", [QUOTED], [QUOTED]),
    ("Markdown emphasis, list, spaces", "**shahar** _choʻl_\n\n- ikki  boʻsh joy", ["**", "_", "\n\n- ", "  "], ["**", "_", "\n\n- ", "  "]),
]


def lost(kept: list[str | re.Pattern[str]], text: str) -> list[str | re.Pattern[str]]:
    return [k for k in kept if (k not in text if isinstance(k, str) else not k.search(text))]


def probe_rows(libs: list[Library]) -> list[str]:
    out = ["### Markup probes", "",
           (f"{len(PROBES)} short texts whose link destinations, reference labels, code spans, autolinks, HTML tags and "
           "comments, URLs, bare domains, e-mail addresses, placeholders, entities, foreign names (in Latin), ASCII quotation marks "
           "and Markdown spacing must come out exactly as they are (the parts listed in the script; a link's title is prose)."), "",
           "| library | 1995 -> 2026: probes intact | Latin -> Cyrillic: probes intact | changed in 2026 Latin | changed in Cyrillic |",
           "|---|---|---|---|---|"]
    shown: list[str] = []
    for lib in libs:
        broken_new, broken_cyr = [], []
        for what, text, kept_new, kept_cyr in PROBES:
            new = str(safely(lib.to_new, text))
            got = safely(lib.to_cyrillic, text)
            cyr = got[0] if isinstance(got, tuple) else str(got)
            if lost(kept_new, new):
                broken_new.append(what)
                shown.append(f"- {lib.name}, 2026: `{text!r}` -> `{new!r}`")
            if lost(kept_cyr, cyr):
                broken_cyr.append(what)
                shown.append(f"- {lib.name}, Cyrillic: `{text!r}` -> `{cyr!r}`")
        out.append(f"| {lib.name} | {len(PROBES) - len(broken_new)}/{len(PROBES)} | {len(PROBES) - len(broken_cyr)}/{len(PROBES)} "
                   f"| {', '.join(broken_new) or '-'} | {', '.join(broken_cyr) or '-'} |")
    return out + ["", "What the changed probes came out as:", ""] + shown + [""]


def project_texts(libs: list[Library], tarjima: Library, segments: list[str]) -> list[str]:
    words = sum(len(t.split()) for t in segments)
    reference_new = [tarjima.to_new(t) for t in segments]
    reference_cyr = [tarjima.to_cyrillic(t)[0] for t in segments]
    rules_new = [re.sub(r"\S+", lambda m: rule_2026(m.group()), t) for t in segments]
    agree = sum(a == b for a, b in zip(reference_new, rules_new))
    out = ["## 2. The project's Uzbek Latin texts", "",
           (f"{len(segments)} segments, {words} words: the msgstrs of locales/uz_Latn/LC_MESSAGES/*.po and the msgids of "
           f"the uz-Latn source report ({', '.join(source_templates())}), at {Tree.describe()}. "
           f"tarjima's to_new agrees with the ten-line statement of the rules (rule_2026) on {agree} of {len(segments)}."), "",
           ("| library | 1995 -> 2026 = tarjima | segments with whitespace changed | words differing from tarjima (of which the rules side with tarjima) "
           "| 2026 -> 1995 round trip exact | exact apart from the apostrophe glyph | Cyrillic from the 2026 text = tarjima's | warnings |"),
           "|---|---|---|---|---|---|---|---|"]
    details: list[str] = []
    for lib in libs:
        new = [str(safely(lib.to_new, t)) for t in segments]
        same = sum(a == b for a, b in zip(new, reference_new))
        spaces = sum(re.sub(r"\S+", "x", a) != re.sub(r"\S+", "x", t) for a, t in zip(new, segments))
        diffs: Counter[tuple[str, str, str]] = Counter()  # (library, tarjima, who the rules side with)
        for source, got, want in zip(segments, new, reference_new):
            src, ta, tb = tokens(source), tokens(got), tokens(want)  # tarjima keeps every token: src and tb align
            for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=ta, b=tb, autojunk=False).get_opcodes():
                if op == "equal":
                    continue
                a, b = " ".join(ta[i1:i2]), " ".join(tb[j1:j2])
                rule = " ".join(rule_2026(w) for w in src[j1:j2])
                side = "tarjima" if rule == b and rule != a else lib.name if rule == a else "neither"
                diffs[(a, b, side)] += 1
        on_rules = sum(n for (_, _, side), n in diffs.items() if side == "tarjima")
        back = [str(safely(lib.to_old, n)) for n in new]
        exact = sum(b == s for b, s in zip(back, segments))
        near = sum(same_apart_from_apostrophes(b, s) for b, s in zip(back, segments))
        cyr, warnings = [], 0
        for n in reference_new:
            got = safely(lib.new_to_cyrillic, n)
            text, w = got if isinstance(got, tuple) else (str(got), 0)
            cyr.append(text)
            warnings += w
        cyr_same = sum(a == b for a, b in zip(cyr, reference_cyr))
        cyr_diffs: Counter[tuple[str, str]] = Counter()
        for a, b in zip(cyr, reference_cyr):
            for pair in changed_words(a, b):
                cyr_diffs[pair] += 1
        total_diff = sum(diffs.values())
        out.append(f"| {lib.name} | {same}/{len(segments)} | {spaces} | {total_diff} ({on_rules}) | {exact}/{len(segments)} | {near}/{len(segments)} "
                   f"| {cyr_same}/{len(segments)} | {warnings} |")
        if lib is tarjima:
            continue
        details.append(f"### {lib.name}: 1995 -> 2026, where it differs from tarjima ({total_diff} places)")
        details.append("")
        for (a, b, side), n in diffs.most_common():
            details.append(f"- `{a}` where tarjima writes `{b}`" + (f" ({n}×)" if n > 1 else "") + f"; the rules: {side}")
        details.append("")
        misses = [(s, b) for s, b in zip(segments, back) if b != s]
        details.append(f"### {lib.name}: 2026 -> 1995, the segments not back to their source ({len(misses)})")
        details.append("")
        for s, b in misses[:6]:
            for x, y in changed_words(b, s)[:4]:
                details.append(f"- `{x}` for `{y}`")
        if len(misses) > 6:
            details.append(f"- ... and {len(misses) - 6} more segments")
        details.append("")
        details.append(f"### {lib.name}: Cyrillic from the 2026 text, where it differs from tarjima's ({sum(cyr_diffs.values())} places)")
        details.append("")
        for (a, b), n in cyr_diffs.most_common(40):
            details.append(f"- `{a}` where tarjima writes `{b}`" + (f" ({n}×)" if n > 1 else ""))
        if len(cyr_diffs) > 40:
            details.append(f"- ... and {len(cyr_diffs) - 40} more")
        details.append("")
    out.append("")
    for md in uzbek_sources():
        text = Tree.read(md).decode("utf-8")
        want = tarjima.to_new(text)
        out.append(f"The whole Markdown file {md} (front matter, image syntax, list; {len(text.split())} words), "
                   "1995 -> 2026 in one call, against tarjima:")
        out.append("")
        for lib in libs:
            if lib is tarjima:
                continue
            got = str(safely(lib.to_new, text))
            pairs = changed_words(got, want)
            layout = re.sub(r"\S+", "x", got) != re.sub(r"\S+", "x", text)
            shown = "; ".join(f"`{a}` for `{b}`" for a, b in pairs[:5]) + (" ..." if len(pairs) > 5 else "")
            out.append(f"- {lib.name}: {'identical' if got == want else f'{len(pairs)} places differ'}"
                       f"{', whitespace/line breaks changed' if layout else ''}{': ' + shown if pairs else ''}")
        out.append("")
    return out + probe_rows(libs) + details


# --- 3. the word list --------------------------------------------------------------------------------


def wordlist(libs: list[Library]) -> list[str]:
    rows = []
    for fields in csv.reader((ROOT / "tests/data/uz_wordlist.csv").read_text(encoding="utf-8").split("\n")):
        if fields and not fields[0].startswith("#"):
            rows.append((fields[0], fields[1], fields[2]))
    kinds = sorted({k for k, _, _ in rows})
    out = ["## 3. tests/data/uz_wordlist.csv, Latin (1995) -> Cyrillic", "",
           (f"{len(rows)} rows of standard spellings ({', '.join(f'{k} {sum(r[0] == k for r in rows)}' for k in kinds)}). "
           "Right: the text equals the Cyrillic column. Warned: the call returned a warning (alifbo, alifbe) or an "
           "undecided word (tarjima); UzTransliterator never warns."), "",
           "| library | right | right, silent | right but warned | wrong, warned | wrong, silent | " + " | ".join(kinds) + " |",
           "|---|---|---|---|---|---|" + "---|" * len(kinds)]
    wrong_lists: list[str] = []
    for lib in libs:
        counts: Counter[str] = Counter()
        by_kind: Counter[str] = Counter()
        wrong = []
        for kind, latin, cyrillic in rows:
            got = safely(lib.to_cyrillic, latin)
            text, warned = got if isinstance(got, tuple) else (str(got), 0)
            right = text == cyrillic
            counts[("right" if right else "wrong") + (", warned" if warned else ", silent")] += 1
            by_kind[kind] += right
            if not right:
                wrong.append(f"{latin} -> {text} ({cyrillic})")
        right = counts["right, silent"] + counts["right, warned"]
        share = f" ({100 * counts['right, warned'] / right:.0f}%)" if right else ""
        out.append(f"| {lib.name} | {right}/{len(rows)} | {counts['right, silent']} | {counts['right, warned']}{share} | "
                   f"{counts['wrong, warned']} | {counts['wrong, silent']} | "
                   + " | ".join(f"{by_kind[k]}/{sum(r[0] == k for r in rows)}" for k in kinds) + " |")
        wrong_lists.append(f"- {lib.name} ({len(wrong)} wrong): " + "; ".join(wrong))
    return out + ["", "Every wrong row, as got (expected):", ""] + wrong_lists + [""]


# --- 4. speed ----------------------------------------------------------------------------------------


Job = tuple[str, str, Callable[[str], object], Callable[[], Callable[[], None]]]


def no_patch() -> Callable[[], None]:
    return lambda: None


def tarjima_jobs() -> list[Job]:
    """tarjima without its text caches (the corpus repeats its texts, real archives do not), once with its
    word caches (emptied before each round: a run of `tarjima update` fills them as it goes, and the
    corpus repeats its words more than an archive does) and once with no cache at all (the floor)."""
    engine, bare = Transliterator(), Transliterator()
    bare._latin_word = bare._latin_word_uncached  # type: ignore[method-assign]
    to_new = alphabet.to_new.__wrapped__  # type: ignore[attr-defined]

    def clear() -> Callable[[], None]:
        latin2026.word_to_new.cache_clear()
        latin2026.word_to_old.cache_clear()
        engine._latin_word.cache_clear()  # type: ignore[attr-defined]
        return lambda: None

    def uncached() -> Callable[[], None]:
        alphabet.word_to_new = latin2026.word_to_new.__wrapped__  # type: ignore[attr-defined]

        def undo() -> None:
            alphabet.word_to_new = latin2026.word_to_new
        return undo

    return [("tarjima", "new", lambda t: to_new(t).text, clear), ("tarjima", "cyr", lambda t: engine._to_cyrillic(t).text, clear),
            ("tarjima, no word cache", "new", lambda t: to_new(t).text, uncached),
            ("tarjima, no word cache", "cyr", lambda t: bare._to_cyrillic(t).text, no_patch)]


def speed(libs: list[Library], segments: list[str], target: int, rounds: int) -> list[str]:
    words = sum(len(t.split()) for t in segments)
    corpus = segments * max(1, -(-target // words))
    total = sum(len(t.split()) for t in corpus)
    runs: dict[str, dict[str, list[float]]] = {}
    jobs = tarjima_jobs()
    for lib in libs:
        if lib.name != "tarjima":
            jobs += [(lib.name, "new", lib.to_new, no_patch), (lib.name, "cyr", lib.to_cyrillic, no_patch)]
    for r in range(rounds):
        order = jobs[r % len(jobs):] + jobs[: r % len(jobs)]
        for name, what, function, patch in order:
            undo = patch()
            gc.collect()
            start = time.perf_counter()
            for text in corpus:
                function(text)
            runs.setdefault(name, {}).setdefault(what, []).append(time.perf_counter() - start)
            undo()
        print(f"  speed round {r + 1}/{rounds}", file=sys.stderr)
    out = ["## 4. Speed", "",
           (f"The {len(segments)} segments repeated {len(corpus) // len(segments)} times: {len(corpus)} calls, {total} words; "
           f"each converts the whole corpus once a round, in an order that rotates each round; {rounds} rounds. "
           "Seconds: the median round; × tarjima: the median of the rounds' ratios to tarjima in the same round (lowest-highest). "
           "tarjima is called without its text cache (the corpus repeats its texts); its word caches are emptied before each "
           "round (first row) or not used at all (second row): an archive's words repeat less than this corpus's and more than never."), "",
           "| library | 1995 -> 2026 (s) | words/s | × tarjima's time | Latin -> Cyrillic (s) | words/s | × tarjima's time |",
           "|---|---|---|---|---|---|---|"]
    for name, times in runs.items():
        row = [name]
        for what in ("new", "cyr"):
            ratios = [t / b for t, b in zip(times[what], runs["tarjima"][what])]
            median = statistics.median(times[what])
            row += [f"{median:.3f}", f"{total / median:,.0f}", f"{statistics.median(ratios):.1f} ({min(ratios):.1f}-{max(ratios):.1f})"]
        out.append("| " + " | ".join(row) + " |")
    return out + [""]


def setup(venv: str) -> None:
    subprocess.run(["python3", "-m", "venv", venv], check=True)
    subprocess.run([f"{venv}/bin/pip", "install", "-q", *(f"{n}=={v}" for n, v in PINS.items())], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--venv", default=DEFAULT_VENV, help="the throwaway environment with the candidates (default %(default)s)")
    parser.add_argument("--setup", action="store_true", help="create --venv and install the pinned candidates in it first")
    parser.add_argument("--words", type=int, default=100_000, help="words in the speed corpus (default %(default)s)")
    parser.add_argument("--rev", default="HEAD" if (ROOT / ".git").exists() else "worktree",
                        help="read the project's texts at this commit, or 'worktree' (default %(default)s)")
    parser.add_argument("--rounds", type=int, default=5, help="speed rounds (default %(default)s); 0 leaves speed out")
    args = parser.parse_args()
    if args.setup:
        setup(args.venv)
    Tree.rev = args.rev
    libs, skipped = candidates(args.venv)
    if skipped:
        print(f"skipped {', '.join(skipped)}: not importable from {args.venv}; install the candidates with\n"
              f"  {install_hint(args.venv)}\nor run this script with --setup", file=sys.stderr)
    tarjima = tarjima_library()
    everyone = [tarjima, *libs]
    segments = uzbek_segments()
    if (ROOT / ".git").exists():
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no", "--", "src/tarjima/derive",
                                "tests/test_alphabet.py", "tests/test_translit.py", "tests/data/uz_wordlist.csv"],
                               check=False, capture_output=True, text=True).stdout.strip()
        rules = f"changed, not committed: {dirty.replace(chr(10), ', ')}" if dirty else "derive/ and the tests used as committed"
    else:
        rules = f"an exported tree, {ROOT}"
    lines = [f"Texts of {Tree.describe()}; tarjima's rules and tests from the work tree ({rules}); "
             f"Python {sys.version.split()[0]}; " + ", ".join(f"{lib.name} {lib.version}" for lib in everyone)
             + (f"; skipped (not importable): {', '.join(skipped)}" if skipped else ""), ""]
    lines += rules_table(everyone)
    lines += project_texts(everyone, tarjima, segments)
    lines += wordlist(everyone)
    if args.rounds:
        lines += speed(everyone, segments, args.words, args.rounds)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
