"""The dictionary of loanwords and exceptions: reading latin,cyrillic pairs and matching a stem before Uzbek suffixes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from tarjima.errors import InputError
from tarjima.derive.rules import OKINA, TUTUQ, is_uzbek_latin

APOSTROPHES = "'\u2018\u2019`\u00b4" + OKINA + TUTUQ
LATIN_KEY = re.compile(f"[a-z{OKINA}{TUTUQ}]+")
CYRILLIC_KEY = re.compile("[а-яёўқғҳ]+")
# Case endings, possessives, plural and the commonest derivations, in any sequence: konferensiyada, dekabrdan.
LATIN_SUFFIXES = re.compile(
    "(?:lar|ning|ni|gacha|ga|ka|qa|dagi|dan|tan|da|ta|day|dek|cha|niki|lik|li|siz|chi|dir|mi|ku|yu|u|oq"
    "|imiz|ingiz|im|ing|i|si|miz|ngiz|m|ng|viy|iy|gi|ki)*"
)
CYRILLIC_SUFFIXES = re.compile(
    "(?:лар|нинг|ни|гача|га|ка|қа|даги|дан|тан|да|та|дай|дек|ча|ники|лик|ли|сиз|чи|дир|ми|ку|ю|у|оқ"
    "|имиз|ингиз|им|инг|и|си|миз|нгиз|м|нг|вий|ий|ги|ки)*"
)
MIN_STEM = 3
KEEP = "="  # the Cyrillic field of a word kept in Latin as written (GPS, PhD, IELTS)


def normalize_apostrophes(word: str) -> str:
    """Apostrophe look-alikes in one word: ʻ (U+02BB) after o/g, ʼ (U+02BC) elsewhere."""
    if not any(ch in APOSTROPHES for ch in word):
        return word
    return "".join(
        (OKINA if i and word[i - 1] in "oOgG" else TUTUQ) if ch in APOSTROPHES else ch for i, ch in enumerate(word)
    )


def parse_pairs(text: str, name: str) -> dict[str, str]:
    """Pairs from the text of a word list (one latin,cyrillic pair a line, cyrillic = to keep the word in Latin; # starts a comment)."""
    pairs: dict[str, str] = {}
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line or line.startswith("#") or line.replace(" ", "") == "latin,cyrillic":
            continue
        fields = [field.strip() for field in line.split(",")]
        hint = "write one word a line as latin,cyrillic, e.g. konferensiya,конференция"
        if len(fields) != 2 or not all(fields):
            raise InputError(name, f"expected two fields, latin,cyrillic, got {raw.strip()!r}", hint, number)
        latin, cyrillic = normalize_apostrophes(fields[0]).lower(), fields[1].lower()
        if cyrillic == KEEP:
            if not re.fullmatch("[a-z]+", latin):
                raise InputError(name, f"{fields[0]!r} is not one word in Latin letters", hint, number)
        elif not LATIN_KEY.fullmatch(latin) or not is_uzbek_latin(latin):
            raise InputError(name, f"{fields[0]!r} is not one word in Uzbek Latin letters", hint, number)
        elif not CYRILLIC_KEY.fullmatch(cyrillic):
            raise InputError(name, f"{fields[1]!r} is not one word in Uzbek Cyrillic letters", hint, number)
        if latin in pairs and pairs[latin] != cyrillic:
            raise InputError(
                name, f"{latin!r} is given twice, as {pairs[latin]!r} (line {seen[latin]}) and {cyrillic!r}",
                "keep one of the two lines", number,
            )  # fmt: skip
        pairs[latin] = cyrillic
        seen.setdefault(latin, number)
    return pairs


def load_pairs(path: Path) -> dict[str, str]:
    """Read a project's word list (UTF-8 CSV of latin,cyrillic pairs); a bad line raises InputError naming it."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "word list not found", "check the path in the configuration") from None
    except UnicodeDecodeError as error:
        raise InputError(str(path), f"not UTF-8 text ({error.reason})", "save the file as UTF-8") from None
    return parse_pairs(text, str(path))


def shipped_pairs(name: str = "uz_words.csv") -> dict[str, str]:
    """The pairs of a word list that ships with tarjima: uz_words.csv (curated) or uz_lexicon.csv (refreshed from packages)."""
    resource = files("tarjima.derive").joinpath(name)
    return parse_pairs(resource.read_text(encoding="utf-8"), f"tarjima/derive/{name}")


@dataclass(frozen=True)
class Stem:
    """A dictionary stem at the start of a word: where it ends and its spelling in the other script."""

    end: int
    text: str


class Lexicon:
    """Both directions of a set of pairs; the first pair given for a Cyrillic word gives its Latin spelling."""

    def __init__(self, *sources: Mapping[str, str]) -> None:
        """Pairs from sources in order of precedence: the first source that spells a word wins."""
        self.latin: dict[str, str] = {}
        self.cyrillic: dict[str, str] = {}
        for pairs in sources:
            for latin, cyrillic in pairs.items():
                self.latin.setdefault(latin, cyrillic)
        self.kept = frozenset(latin for latin, cyrillic in self.latin.items() if cyrillic == KEEP)
        for latin in self.kept:
            del self.latin[latin]
        for latin, cyrillic in self.latin.items():
            self.cyrillic.setdefault(cyrillic, latin)
        # januar-like stems drop the final ь before a suffix (январда), and so are also found without it
        self.soft = {cyr[:-1]: lat for cyr, lat in self.cyrillic.items() if cyr.endswith("ь")}

    def latin_stem(self, word: str) -> Stem | None:
        """The longest dictionary stem of a lowercase Latin word that only suffixes follow."""
        if word in self.latin:
            return Stem(len(word), self.latin[word])
        for end in range(len(word) - 1, MIN_STEM - 1, -1):
            cyrillic = self.latin.get(word[:end])
            if cyrillic is not None and LATIN_SUFFIXES.fullmatch(word, end):
                return Stem(end, cyrillic[:-1] if cyrillic.endswith("ь") else cyrillic)
        return None

    def cyrillic_stem(self, word: str) -> Stem | None:
        """The longest dictionary stem of a lowercase Cyrillic word that only suffixes follow."""
        if word in self.cyrillic:
            return Stem(len(word), self.cyrillic[word])
        for end in range(len(word) - 1, MIN_STEM - 1, -1):
            stem = word[:end]
            latin = self.cyrillic.get(stem) or self.soft.get(stem)
            if latin is not None and CYRILLIC_SUFFIXES.fullmatch(word, end):
                return Stem(end, latin)
        return None
