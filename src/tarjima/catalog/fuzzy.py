"""msgmerge's fuzzy search: which old translation an edited or new msgid is offered (GNU's similarity on UTF-8 bytes, its threshold and order)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Sequence

from tarjima.model import Entry

FUZZY_THRESHOLD = 0.6  # GNU msgmerge's threshold for a fuzzy match

def lcs_length(a: bytes, masks: dict[int, int], b_length: int) -> int:
    """Length of a longest common subsequence of ``a`` and a string ``b`` given by its bit masks
    (bit i of ``masks[c]`` set where ``b[i] == c``): Hyyrö's bit-parallel algorithm, a few
    big-integer operations per byte of ``a``."""
    v = (1 << b_length) - 1
    for byte in a:
        u = v & masks.get(byte, 0)
        v = (v + u) | (v - u)
    return b_length - (v & ((1 << b_length) - 1)).bit_count()


def lcs(x: bytes, y: bytes) -> int:
    """Length of a longest common subsequence of two byte strings: the common prefix and suffix
    (found by halving, in C), then the bit-parallel LCS of what is left between them."""
    def common(size: int, same: Callable[[int], bool]) -> int:
        low, high = 0, size
        while low < high:
            mid = (low + high + 1) // 2
            if same(mid):
                low = mid
            else:
                high = mid - 1
        return low

    shortest = min(len(x), len(y))
    head = common(shortest, lambda n: x[:n] == y[:n])
    tail = common(shortest - head, lambda n: x[len(x) - n :] == y[len(y) - n :])
    x, y = x[head : len(x) - tail], y[head : len(y) - tail]
    if not x or not y:
        return head + tail
    if len(x) > len(y):
        x, y = y, x
    return head + tail + lcs_length(x, _masks(y), len(y))


def similarity(a: str, b: str) -> float:
    """GNU's fstrcmp: 2 * LCS / (len a + len b) over the UTF-8 bytes, 0 to 1."""
    x, y = a.encode("utf-8"), b.encode("utf-8")
    if not x or not y:
        return 1.0 if x == y else 0.0
    return 2 * lcs(x, y) / (len(x) + len(y))


_ONE_BYTE = [b"0" * b + b"1" + b"0" * (255 - b) for b in range(256)]  # b -> "1", any other byte -> "0" (made at import: a table, not a loop)


def _masks(data: bytes) -> dict[int, int]:
    """Per byte value, the bit mask of its positions in ``data`` (bit i for data[i])."""
    backwards = data[::-1]
    return {b: int(backwards.translate(_ONE_BYTE[b]), 2) for b in set(data)}


SHORT_MAX = 12 * (2 / FUZZY_THRESHOLD - 1)  # GNU: strings under 4 characters (12 bytes) meet candidates up to this many bytes
SAME_CONTEXT_BONUS = 0.00001  # GNU's small advantage for a candidate without context or with the same one


class FuzzyIndex:
    """GNU msgmerge's fuzzy search over the old entries with a translation (msgl-fsearch.c).

    msgmerge's candidates share a character 4-gram with the text sought (a text under 4
    characters meets every short candidate of a fitting length); of those, it takes the first
    with the highest score in order of shared 4-grams, then file order; the score is fstrcmp
    on UTF-8 bytes plus a tiny bonus for the same (or no) context, and must pass 0.6. Contexts
    are crossed, obsolete entries are candidates. The same choice is made here faster for
    small catalogues: candidates are tried most-shared-words first, upper bounds (lengths,
    byte counts) skip the exact bit-parallel LCS where it cannot reach the best so far, and
    the 4-gram rules are applied only to candidates that would win.
    """

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = [e for e in entries if (e.msgstr_plural[0] if e.msgid_plural is not None and e.msgstr_plural else e.msgstr)]
        self.data = [e.msgid.encode("utf-8") for e in self.entries]
        self.words = [frozenset(e.msgid.split()) for e in self.entries]
        self._counts: dict[int, Counter[int]] = {}

    def _counts_of(self, index: int) -> Counter[int]:
        found = self._counts.get(index)
        if found is None:
            found = self._counts[index] = Counter(self.data[index])
        return found

    def closest(self, msgid: str, msgctxt: str | None = None) -> Entry | None:
        """The old entry msgmerge would offer for ``msgid``, or None."""
        if not msgid or not self.entries:
            return None
        data = msgid.encode("utf-8")
        short = len(msgid) < 4
        low, high = -(-len(data) // (2 / FUZZY_THRESHOLD - 1)), int(len(data) * (2 / FUZZY_THRESHOLD - 1))
        query_words = frozenset(msgid.split())
        order = sorted(range(len(self.entries)), key=lambda i: -len(query_words & self.words[i]))
        counts: Counter[int] | None = None
        best_weight = FUZZY_THRESHOLD
        tied: list[int] = []
        for index in order:
            entry, other = self.entries[index], self.data[index]
            if short and not (len(other) <= SHORT_MAX and low <= len(other) <= high):
                continue
            bonus = SAME_CONTEXT_BONUS if entry.msgctxt is None or entry.msgctxt == msgctxt else 0.0
            total = len(data) + len(other)
            if 2 * min(len(data), len(other)) / total + bonus < best_weight:
                continue
            counts = counts or Counter(data)
            if 2 * sum((counts & self._counts_of(index)).values()) / total + bonus < best_weight:
                continue
            weight = 2 * lcs(data, other) / total + bonus
            if weight < best_weight or (weight == best_weight and not tied):
                continue  # msgmerge takes only a score above the threshold
            theirs = entry.msgid
            if not short and not any(theirs[i : i + 4] in msgid for i in range(len(theirs) - 3)):
                continue  # msgmerge never looks at a candidate with no 4-gram in common
            if weight > best_weight:
                best_weight, tied = weight, []
            tied.append(index)
        if len(tied) > 1:  # msgmerge takes the first in its order: most shared 4-grams, then (short texts) length, then file order
            grams = [msgid[i : i + 4] for i in range(len(msgid) - 3)]
            shared = {i: sum(1 for gram in grams if gram in self.entries[i].msgid) for i in tied}
            tied.sort(key=lambda i: (-shared[i], len(self.data[i]) if short else 0, i))
        return self.entries[tied[0]] if tied else None
