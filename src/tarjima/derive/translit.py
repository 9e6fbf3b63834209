"""Uzbek Latin <-> Uzbek Cyrillic for PO texts holding inline Markdown, with a report of undecided words.

Only words are converted: code spans, link destinations and reference labels, autolinks, raw HTML,
URLs, bare domains, e-mail addresses, placeholders and HTML entities are copied as they are, and so
are digits and punctuation (Markdown's ``*``, ``_``, ``[``, ``]`` among them).

Each word goes through, in order: the dictionary (a stem followed only by Uzbek suffixes, see
words.py: the project's word list, uz_words.csv, then the refreshed uz_lexicon.csv), the acronym
rule, then the letter rules (rules.py), with the Russian-style readings of a word that looks foreign
(foreign.py) settled by news text or reported. The acronym rule: a word of two or more
capitals is an acronym kept in Latin (ICRC, UNICEF, XXI) unless the dictionary lists it (BMT -> БМТ,
IIV -> ИИВ); it is a word in capitals, converted, when it stands next to another word in capitals
(a headline: TOSHKENT SHAHAR) or reads as a word (four letters or more, two vowels or more: SHAHAR,
NATO). A kept acronym is reported (it may be Uzbek) unless the word list keeps it (GPS,=) or it has letters
the Uzbek alphabet lacks (ICRC, UNICEF).
A word with letters the Uzbek alphabet lacks (c outside ch, w, letters with accents) is foreign: kept
and reported, unless it is an acronym.

tarjima owns these rules rather than depend on alifbo 0.6: on tests/data/uz_wordlist.csv alifbo's
to_cyrillic gets 348 of 410 rows right and warns on 54% of those (nearly every e), writes ц for t+s at
a suffix (aytsa -> айца), ъ in Isʼhoq, converts HTML tags and placeholders, and its from_cyrillic gives
the 2026 alphabet.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from tarjima.derive.foreign import MIN_SEEN, attested_forms, loan_readings, named, native_stems, settled, uzbek_stem
from tarjima.derive.latin2026 import NEW_LETTERS, word_to_old
from tarjima.derive.rules import LATIN_VOWELS, OKINA, TUTUQ, Piece, cyrillic_pieces, is_uzbek_latin, latin_pieces
from tarjima.derive.words import APOSTROPHES, LATIN_SUFFIXES, Lexicon, Stem, normalize_apostrophes, shipped_pairs

DOMAINS = "uz|ru|com|org|net|int|gov|edu|info|io"
LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
APOS = re.escape(APOSTROPHES)
PROTECTED = "|".join(
    (
        r"(?P<ticks>`+)[\s\S]*?(?P=ticks)",  # code span; a backtick inside a word is an apostrophe: o`zbek
        r"\]\(\s*(?:<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))*)",  # link or image destination
        r"\]\[[^\[\]]*\]",  # reference label
        r"\[\^[^\]\s]+\]",  # footnote reference: [^note]
        r"(?m:^ {0,3}\[[^\]]+\]:[ \t]*\S+)",  # reference definition
        r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*>|<[^<>\s@]+@[^<>\s]+>",  # autolinks
        r"<!--[\s\S]*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>",  # raw HTML
        r"(?:https?://|ftp://|www\.)[^\s<>\"`]*[^\s<>\"`.,;:!?)\]'\u2019]",  # bare URL
        r"\{\{[\s\S]*?\}\}|\{[^{}\n]*\}|%(?:\([A-Za-z_]\w*\))?[sdifr](?![A-Za-z])|%%",  # placeholders
        r"&(?:[A-Za-z]+|#[0-9]+|#x[0-9A-Fa-f]+);",  # HTML entity
    )
)
LATIN_WORD = rf"[{LETTERS}]+(?:[{APOS}][{LETTERS}]+)*(?:(?<=[oOgG])[{APOS}]|{TUTUQ})?"
CYRILLIC_WORD = "[А-Яа-яЁёЎўҚқҒғҲҳ]+"
ADDRESSES = "|".join(  # tried only where the text has an @ or a domain ending: they start at any letter
    (
        r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+",  # e-mail address
        rf"\b[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:{DOMAINS})\b(?:/[^\s<>\"`)]*)?",  # bare domain: iiv.uz
    )
)
ADDRESS_HINT = re.compile(rf"@|\.(?:{DOMAINS})\b")
LATIN_TOKENS = re.compile(f"(?P<protected>{PROTECTED})|(?P<word>{LATIN_WORD})")
LATIN_TOKENS_ADDRESSES = re.compile(f"(?P<protected>{PROTECTED}|{ADDRESSES})|(?P<word>{LATIN_WORD})")
CYRILLIC_TOKENS = re.compile(f"(?P<protected>{PROTECTED}|{ADDRESSES})|(?P<word>{CYRILLIC_WORD})")
ROMAN = re.compile("[IVXLCDM]+")
NEW_LETTER = re.compile(f"[{NEW_LETTERS}\u0219\u0218]")  # ö ğ ş ç (and ș): a word of the 2026 Latin alphabet
INSIDE, LABEL = 2, 1  # where a capitalised word stands: see _latin_word_uncached
HYPHEN_NAME = re.compile(r"-[A-Z]")
SENTENCE_END = re.compile(r"[.!?…]")
SENTENCE_ENDS = (".", "!", "?", ":", "…")
LABEL_WORDS = 5  # a text of at most this many words and no full stop is a label (a name, a title): its first word may be a name
OPENING = " \t\n\"'“”«»„‘’([*_#>-"  # what may stand between a sentence's end and its first word
NAME_OR_WORD = "a word of the dictionary, or a name spelled by the letter rules"
UNCONFIRMED = "spelled as uz_lexicon.csv (from a package's list) has it, which news text does not confirm, or by the letter rules"
MIN_SETTLED_STEM = 4  # the shortest stem that news text may settle before Uzbek suffixes
CAPS_PREFIX = re.compile("([A-Z]{2,})([a-z" + OKINA + TUTUQ + "]+)")


def tokenize(pattern: re.Pattern[str], text: str) -> list[tuple[bool, str]]:
    """The text cut into (is a word, text) pieces; protected spans and the rest are not words."""
    tokens: list[tuple[bool, str]] = []
    position = 0
    for match in pattern.finditer(text):
        tokens.append((False, text[position : match.start()]))
        tokens.append((match.group("word") is not None, match.group()))
        position = match.end()
    tokens.append((False, text[position:]))
    return tokens


@dataclass(frozen=True)
class Ambiguity:
    """A word the rules and dictionaries cannot decide: the spelling chosen first, then the others."""

    word: str
    alternatives: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Derived:
    """A converted text and the words in it that a person should look at."""

    text: str
    ambiguities: tuple[Ambiguity, ...]


@dataclass(frozen=True)
class _Word:
    text: str
    ambiguity: Ambiguity | None = None


def _is_caps(word: str) -> bool:
    return word.isupper() and len(word) - word.count(OKINA) - word.count(TUTUQ) >= 2


def _cased(source: str, pieces: list[Piece], caps: bool) -> list[str]:
    """Piece texts in the case of the source letters they come from (Sh -> Ш, SH in SHAHAR -> Ш)."""
    out = []
    for piece in pieces:
        text = piece.text
        if caps:
            text = text.upper()
        elif text and source[piece.start].isupper():
            text = text.upper() if source[piece.start + 1 : piece.end].isupper() else text[0].upper() + text[1:]
        out.append(text)
    return out


def _in_case_of(source: str, text: str) -> str:
    """A dictionary spelling in the case of the source word: all capitals, first capital, or as listed."""
    if _is_caps(source):
        return text.upper()
    return text[:1].upper() + text[1:] if source[:1].isupper() else text


def _places(tokens: list[tuple[bool, str]], label: bool) -> dict[int, int]:
    """Where each word token stands: INSIDE a sentence (or before -Name), the first word of a LABEL, or 0 at
    the start of a sentence, where a capital says nothing about a name."""
    places: dict[int, int] = {}
    at_start, first = True, True
    for i, (is_word, text) in enumerate(tokens):
        if not is_word:
            stripped = text.rstrip(OPENING)
            at_start = stripped.endswith(SENTENCE_ENDS) if stripped else at_start
            continue
        hyphened = bool(HYPHEN_NAME.match("".join(t for _, t in tokens[i + 1 : i + 3])))
        places[i] = INSIDE if not at_start or hyphened else LABEL if label and first else 0
        at_start, first = False, False
    return places


def _spell(source: str, pieces: list[Piece], prefix: str = "") -> _Word:
    """Join pieces (after a prefix already spelled) and report the undecided ones with their alternatives."""
    caps = _is_caps(source)
    texts = _cased(source, pieces, caps)
    text = prefix + "".join(texts)
    doubts = [(i, p) for i, p in enumerate(pieces) if p.others]
    if not doubts:
        return _Word(text)
    alternatives = [text]
    for i, piece in doubts:
        for other in piece.others:
            variant = _cased(source, [Piece(piece.start, piece.end, other)], caps)[0]
            alternatives.append(prefix + "".join(texts[:i] + [variant] + texts[i + 1 :]))
    reason = "; ".join(dict.fromkeys(p.reason for _, p in doubts))
    return _Word(text, Ambiguity(source, tuple(dict.fromkeys(alternatives)), reason))


class Transliterator:
    """Uzbek Latin <-> Cyrillic with tarjima's shipped dictionary and a project's own pairs before it."""

    def __init__(self, project_pairs: Mapping[str, str] | None = None, cache_size: int = 4096) -> None:
        """Build from the shipped dictionary; project_pairs (see load_pairs) take precedence."""
        curated, refreshed = dict(project_pairs or {}), shipped_pairs("uz_lexicon.csv")
        curated.update({k: v for k, v in shipped_pairs().items() if k not in curated})
        self.lexicon = Lexicon(curated, refreshed)
        self.refreshed = frozenset(refreshed.keys() - curated.keys())
        self.native = native_stems()
        self.attested = attested_forms()
        self.to_cyrillic: Callable[[str], Derived] = lru_cache(cache_size)(self._to_cyrillic)
        self.to_latin: Callable[[str], Derived] = lru_cache(cache_size)(self._to_latin)
        self._latin_word = lru_cache(65536)(self._latin_word_uncached)
        self._cyrillic_word = lru_cache(65536)(self._cyrillic_word_uncached)

    def _to_cyrillic(self, latin: str) -> Derived:
        """Uzbek Cyrillic for an Uzbek Latin text (a PO msgid or msgstr with inline Markdown)."""
        tokens = tokenize(LATIN_TOKENS_ADDRESSES if ADDRESS_HINT.search(latin) else LATIN_TOKENS, latin)
        words = [i for i, (is_word, _) in enumerate(tokens) if is_word]
        caps = {i for i in words if _is_caps(tokens[i][1])}
        found: dict[str, Ambiguity] = {}
        places = _places(tokens, len(words) <= LABEL_WORDS and not SENTENCE_END.search(latin))
        for n, i in enumerate(words):
            near = (n > 0 and words[n - 1] in caps) or (n + 1 < len(words) and words[n + 1] in caps)
            word = self._latin_word(tokens[i][1], i in caps and near, places[i])
            tokens[i] = (True, word.text)
            if word.ambiguity is not None:
                found.setdefault(word.ambiguity.word, word.ambiguity)
        return Derived("".join(text for _, text in tokens), tuple(found.values()))

    def _to_latin(self, cyrillic: str) -> Derived:
        """Uzbek Latin (ʻ U+02BB, ʼ U+02BC) for an Uzbek Cyrillic text; the 1995 rules decide every letter."""
        tokens = tokenize(CYRILLIC_TOKENS, cyrillic)
        return Derived("".join(self._cyrillic_word(t) if w else t for w, t in tokens), ())

    def _latin_word_uncached(self, source: str, in_caps_run: bool, place: int) -> _Word:
        """One Latin word in Cyrillic, with its ambiguity if it has one (a word in the 2026 Latin alphabet
        is read through its 1995 spelling: the letter rules below are the 1995 alphabet's). place: where a
        capital marks a name: INSIDE a sentence or a hyphened name (Sent-Kits), the first word of a short
        LABEL (Men oroli: perhaps), or 0."""
        if NEW_LETTER.search(source):
            source = word_to_old(source)
        word = normalize_apostrophes(source)
        lower = word.lower()
        split = CAPS_PREFIX.fullmatch(word)
        if split and LATIN_SUFFIXES.fullmatch(split.group(2)):  # BMTning, ICRCga
            head = self._latin_word(split.group(1), False, 0)
            tail = latin_pieces(lower, len(split.group(1)))
            return _Word(_spell(word, tail, head.text).text, head.ambiguity)
        if lower in self.lexicon.kept:
            return _Word(source)
        stem = self.lexicon.latin_stem(lower)
        if stem is not None and lower[: stem.end] in self.refreshed and self.attested.get(stem.text, (0, 0))[0] < MIN_SEEN:
            if uzbek_stem(lower, self.native) is not None:  # tilda: til+da, not тильда (a package's loan)
                stem = None
        if stem is not None:
            spelled = _spell(word, latin_pieces(lower, stem.end), _in_case_of(word[: stem.end], stem.text))
            if _is_caps(word) or spelled.ambiguity:
                return spelled
            rules = _spell(word, latin_pieces(lower)).text
            if rules == spelled.text:
                return spelled
            if place == INSIDE and word[:1].isupper() and self._maybe_a_name(lower, stem):
                return _Word(spelled.text, Ambiguity(source, (spelled.text, rules), NAME_OR_WORD))
            if lower[: stem.end] in self.refreshed and stem.text not in self.attested:
                return _Word(spelled.text, Ambiguity(source, (spelled.text, rules), UNCONFIRMED))
            return spelled
        if _is_caps(word) and ROMAN.fullmatch(word):
            return _Word(source)
        if not is_uzbek_latin(lower):
            if _is_caps(word):
                return _Word(source)
            return _Word(source, Ambiguity(source, (source,), "not Uzbek Latin spelling: kept as written"))
        vowels = sum(ch in LATIN_VOWELS for ch in lower)
        wordlike = len(lower) >= 4 and vowels >= 2
        spelled = self._spell_by_rules(word, lower, wordlike or not _is_caps(word), place if word[:1].isupper() or place == LABEL else 0)
        if not _is_caps(word):
            return spelled
        if in_caps_run or wordlike:
            if wordlike or spelled.ambiguity:
                return spelled
            reason = "short word in capitals: a word or an acronym kept in Latin"
            return _Word(spelled.text, Ambiguity(source, (spelled.text, source), reason))
        reason = "acronym kept in Latin; list it in the word list, in Cyrillic or as kept (=)"
        return _Word(source, Ambiguity(source, (source, spelled.text), reason))

    def _maybe_a_name(self, lower: str, stem: Stem) -> bool:
        """A capitalised word inside a sentence that the dictionary spells otherwise than the rules may be a name:
        a listed word and a one-letter ending (Prinsipi: принцип + и, or Принсипи), or a word of the refreshed
        lexicon that news text never writes as a name (Sent: цент, or Сент)."""
        return len(lower) - stem.end == 1 or lower[: stem.end] in self.refreshed and not self.attested.get(stem.text, (0, 0))[1]

    def _spell_by_rules(self, word: str, lower: str, loanlike: bool, place: int) -> _Word:
        """The letter rules' spelling; for a word that may be a loan, the Russian-style readings too (foreign.py),
        settled by how news text spells the word or its stem, or else reported. An Uzbek word standing as a
        name whose other reading is attested as a name (Men: мен, or Мэн) is reported."""
        pieces = latin_pieces(lower)
        if not loanlike:
            return _spell(word, pieces)
        end = uzbek_stem(lower, self.native)
        if end is not None:
            spelled = _spell(word, pieces)
            readings = _spell(word[:end], loan_readings(lower[:end], latin_pieces(lower[:end]), True)).ambiguity if place else None
            if readings is None or not named(readings.alternatives[1:], self.attested):
                return spelled
            tail = spelled.text[len(readings.alternatives[0]) :]  # the suffixes, spelled by the rules
            others = tuple(f"{other}{tail}" for other in readings.alternatives[1:])
            return _Word(spelled.text, Ambiguity(word, (spelled.text, *others), f"a word or a name: {readings.reason}"))
        capital = bool(place)  # standing as a name: э after a consonant is then a reading (Мэн)
        spelled = _spell(word, loan_readings(lower, pieces, capital))
        if spelled.ambiguity is None:
            return spelled
        stems = [n for n in range(len(lower) - 1, MIN_SETTLED_STEM - 1, -1) if LATIN_SUFFIXES.fullmatch(lower, n)]
        for end in [len(lower), *stems]:
            stem = _spell(word[:end], loan_readings(lower[:end], latin_pieces(lower[:end]), capital))
            chosen = settled(stem.ambiguity.alternatives, self.attested, place == INSIDE) if stem.ambiguity else None
            if chosen is not None:
                return _spell(word, latin_pieces(lower, end), chosen)
        return spelled

    def _cyrillic_word_uncached(self, source: str) -> str:
        """One Cyrillic word in Latin."""
        lower = source.lower()
        stem = self.lexicon.cyrillic_stem(lower)
        if stem is None:
            return "".join(_cased(source, cyrillic_pieces(lower), _is_caps(source)))
        head = _in_case_of(source[: stem.end], stem.text)
        return head + "".join(_cased(source, cyrillic_pieces(lower, stem.end), _is_caps(source)))

