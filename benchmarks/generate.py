"""Generate a synthetic tarjima content project of N reports, deterministic for a seed.

    python benchmarks/generate.py --reports 2000 --seed 1 --out /tmp/archive-2000

Sources are Markdown with YAML front matter in all three languages (pseudo-words from a
per-language syllable set: Latin with U+02BB in Uzbek, Cyrillic for Russian), 6-10
paragraphs of 40-120 words, a heading and a list in some, numbers, links and emphasis.
Catalogues are made by tarjima's own pipeline (``update.plan_report``, the planning
half of ``tarjima update``), then filled to mixed states: about 70% complete, 20%
partial (translated, fuzzy with ``#| msgid`` and empty entries), 10% not started, some
with obsolete entries; the filled catalogue is merged with its template once more and
written with ``po.write.dumps``, so the archive is a fixed point of ``tarjima update``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import multiprocessing
import os
import random
import re
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from tarjima import catalog as cat
from tarjima import config, project, update
from tarjima.po.read import read as po_read
from tarjima.po.write import dumps as po_dumps
from tarjima.model import Catalog, Entry, Report


LANGUAGES = ("uz-Latn", "ru", "en")
SOURCE_SHARE = (0.5, 0.3, 0.2)  # how many reports are written in each language
STATE_SHARE = (0.7, 0.2, 0.1)  # complete, partial, not started (per catalogue)
OBSOLETE_SHARE = 0.2  # started catalogues that carry 1-3 obsolete entries
STAMP = "2025-01-15 09:30+0000"  # POT-Creation-Date of every template: the archive is reproducible
FIRST_DAY = dt.date(2016, 1, 1)
DAYS = 3650

CONFIG = """\
languages = ["uz-Latn", "ru", "en"]
default_language = "uz-Latn"
base_url = "https://example.org/news/"

[title]
uz-Latn = "Huquqni muhofaza qilish akademiyasi — Yangiliklar"
ru = "Правоохранительная академия — Новости"
en = "Law Enforcement Academy — News"
"""

# Syllable parts per language: (onsets, vowels, codas). Uzbek oʻ and gʻ with U+02BB, the
# separating sign with U+02BC; Russian in Cyrillic; English in plain ASCII (it also feeds slugs).
PARTS = {
    "uz-Latn": (
        ["b", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x", "y", "z", "sh", "ch", "g\u02bb", "", "", "", "ma\u02bc"],
        ["a", "a", "a", "i", "i", "o", "u", "e", "o\u02bb", "o\u02bb"],
        ["", "", "", "n", "r", "l", "sh", "t", "m", "ng", "q", "k", "y"],
    ),
    "ru": (
        ["б", "в", "г", "д", "ж", "з", "к", "л", "м", "н", "п", "р", "с", "т", "ф", "х", "ц", "ч", "ш", "щ", "пр", "ст", "тр", "", ""],
        ["а", "а", "о", "о", "о", "е", "е", "и", "и", "у", "ы", "я", "ю", "ё"],
        ["", "", "", "", "н", "р", "л", "с", "т", "й", "м", "ь", "ст", "в"],
    ),
    "en": (
        ["b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v", "w", "st", "tr", "pr", "ch", "th", "sh", "", ""],
        ["a", "e", "e", "i", "o", "u", "ea", "ou", "io"],
        ["", "", "", "n", "r", "s", "t", "l", "nd", "st", "ng", "ct", "m"],
    ),
}
FUNCTION_WORDS = {
    "uz-Latn": ["va", "bilan", "uchun", "bo\u02bbyicha", "ham", "bu", "har", "bir", "esa", "hamda"],
    "ru": ["и", "в", "на", "с", "по", "для", "от", "к", "о", "что", "не", "а"],
    "en": ["the", "of", "and", "to", "in", "for", "with", "on", "at", "by", "a", "was"],
}
PLACES = {
    "uz-Latn": ["Toshkent", "Samarqand", "Buxoro", "Namangan", "Nukus", "Farg\u02bbona"],
    "ru": ["Ташкент", "Самарканд", "Бухара", "Наманган", "Нукус", "Фергана"],
    "en": ["Tashkent", "Samarkand", "Bukhara", "Namangan", "Nukus", "Fergana"],
}
TAGS = ["seminar", "conference", "training", "visit", "icrc", "unodc", "osce", "cooperation", "education", "law"]
VOCABULARY_SIZE = 4000
WORD_RE = re.compile(r"^([\[*_(]*)([^\W\d_][\w\u02bb\u02bc-]*)(.*)$", re.S)


class Vocabulary:
    """Pseudo-words of one language with Zipf-like frequencies, short function words first."""

    def __init__(self, lang: str, rng: random.Random) -> None:
        onsets, vowels, codas = PARTS[lang]
        words = list(FUNCTION_WORDS[lang])
        seen = set(words)
        while len(words) < VOCABULARY_SIZE:
            syllables = rng.choices((1, 2, 3, 4, 5), weights=(12, 35, 32, 16, 5))[0]
            word = "".join(rng.choice(onsets) + rng.choice(vowels) + (rng.choice(codas) if rng.random() < 0.4 else "") for _ in range(syllables))
            if len(word) >= 2 and word not in seen:
                seen.add(word)
                words.append(word)
        self.words = words
        total = 0.0
        self.cumulative = []
        for rank in range(1, len(words) + 1):
            total += 1.0 / rank**0.9
            self.cumulative.append(total)

    def pick(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=k)


def vocabularies(seed: int) -> dict[str, Vocabulary]:
    rng = random.Random(f"vocabulary-{seed}")
    return {lang: Vocabulary(lang, rng) for lang in LANGUAGES}


def number(rng: random.Random) -> str:
    """A count, a year or a date: never "1", which could open a list inside a paragraph."""
    kind = rng.random()
    if kind < 0.5:
        return str(rng.randint(2, 850))
    if kind < 0.8:
        return str(rng.randint(1995, 2025))
    return f"{rng.randint(10, 28)}.{rng.randint(1, 12):02d}.{rng.randint(2016, 2025)}"


def sentence_words(vocab: Vocabulary, rng: random.Random, n: int) -> list[str]:
    """n words forming sentences of 6-18 words: capitals, commas, full stops, a number now and then."""
    words = vocab.pick(rng, n)
    start = 0
    while start < n:
        end = min(n, start + rng.randint(6, 18))
        if n - end < 4:
            end = n
        words[start] = words[start][:1].upper() + words[start][1:]
        if end - start > 8 and rng.random() < 0.5:
            middle = rng.randint(start + 3, end - 3)
            words[middle] += ","
        if end - start > 4 and rng.random() < 0.25:
            words[rng.randint(start + 1, end - 2)] = number(rng)
        words[end - 1] += "."
        start = end
    return words


def decorate(words: list[str], rng: random.Random, serial: int) -> None:
    """A link, emphasis or strong emphasis around some plain words of a paragraph."""
    plain = [i for i, w in enumerate(words) if i > 0 and w.isalpha()]
    if len(plain) < 6:
        return
    roll = rng.random()
    if roll < 0.12:
        i = rng.choice(plain[:-2])
        j = i + 1 if words[i + 1].isalpha() else i
        words[i] = "[" + words[i]
        words[j] += f"](https://example.org/docs/{serial}/{rng.randint(10, 999)})"
    elif roll < 0.24:
        i = rng.choice(plain)
        words[i] = f"*{words[i]}*"
    elif roll < 0.30:
        i = rng.choice(plain)
        words[i] = f"**{words[i]}**"


def paragraph(vocab: Vocabulary, rng: random.Random, serial: int) -> str:
    words = sentence_words(vocab, rng, rng.randint(40, 120))
    decorate(words, rng, serial)
    if rng.random() < 0.3:  # hard-wrapped, as some editors save it; tarjima folds it back
        return "\n".join(" ".join(words[i : i + 12]) for i in range(0, len(words), 12))
    return " ".join(words)


def phrase(vocab: Vocabulary, rng: random.Random, low: int, high: int) -> str:
    words = vocab.pick(rng, rng.randint(low, high))
    return " ".join([words[0][:1].upper() + words[0][1:], *words[1:]])


def slug_of(index: int, english: Vocabulary, rng: random.Random) -> str:
    first, second = english.pick(rng, 2)
    return f"{first}-{second}-{index:05d}"


def source_text(index: int, seed: int, vocab: dict[str, Vocabulary], images: int = 0) -> tuple[str, str]:
    """(relative path, text) of report ``index``; with ``images``, a page bundle showing that many photos (``photo-1.jpg`` …)."""
    rng = random.Random(f"report-{seed}-{index}")
    lang = rng.choices(LANGUAGES, weights=SOURCE_SHARE)[0]
    words = vocab[lang]
    day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    slug = slug_of(index, vocab["en"], rng)
    front = [f"title: {phrase(words, rng, 5, 12)}", f"date: {day.isoformat()}", f"lang: {lang}"]
    if rng.random() < 0.2:
        front.append(f"end_date: {(day + dt.timedelta(days=rng.randint(1, 3))).isoformat()}")
    if rng.random() < 0.5:
        front.append(f"location: {rng.choice(PLACES[lang])}")
    if rng.random() < 0.7:
        front.append(f"summary: {' '.join(sentence_words(words, rng, rng.randint(15, 30)))}")
    if rng.random() < 0.8:
        front.append(f"tags: [{', '.join(rng.sample(TAGS, rng.randint(1, 3)))}]")
    blocks = [paragraph(words, rng, index) for _ in range(rng.randint(6, 10))]
    if rng.random() < 0.4:
        blocks.insert(rng.randint(2, len(blocks) - 1), "## " + phrase(words, rng, 3, 7))
    if rng.random() < 0.35:
        items = [" ".join(sentence_words(words, rng, rng.randint(5, 15))) for _ in range(rng.randint(3, 6))]
        blocks.insert(rng.randint(1, len(blocks) - 1), "\n".join(f"- {item}" for item in items))
    if images:
        front.append("cover: photo-1.jpg")
        photos = [f'![{phrase(words, rng, 4, 9)}](photo-{k}.jpg "{phrase(words, rng, 3, 8)}")' for k in range(1, images + 1)]
        blocks.insert(min(2, len(blocks)), photos[0])  # one photo in the text, the others as a gallery near the end
        if len(photos) > 1:
            blocks.insert(len(blocks) - 1, "\n".join(photos[1:]))
    text = "---\n" + "\n".join(front) + "\n---\n\n" + "\n\n".join(blocks) + "\n"
    return (f"content/{day.year}/{slug}/index.md" if images else f"content/{day.year}/{slug}.md"), text


PHOTO_SIZE = (1280, 853)


def photo_bytes(key: str) -> bytes:
    """A small random JPEG as a camera writes it: shapes on a gradient, EXIF with a GPS position, a camera serial and an owner."""
    from PIL import Image, ImageDraw

    rng = random.Random(key)
    width, height = PHOTO_SIZE
    top, bottom = [rng.randrange(256) for _ in range(3)], [rng.randrange(256) for _ in range(3)]
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    image = Image.merge("RGB", [band.point(lambda v, a=a, b=b: a + (b - a) * v // 255) for band, a, b in zip(image.split(), top, bottom)])
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randint(20, 160)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
    exif = Image.Exif()
    exif[0x0112] = rng.choice((1, 1, 1, 6, 8))  # some taken sideways
    exif[0x0110] = "Model X"
    exif.get_ifd(0x8769)[0xA431] = f"SN{rng.randrange(10**8):08d}"
    exif.get_ifd(0x8769)[0xA430] = "Press Office Camera 3"
    exif.get_ifd(0x8825).update({1: "N", 2: (41.0, 18.0, float(rng.randrange(60))), 3: "E", 4: (69.0, 16.0, float(rng.randrange(60)))})
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, exif=exif.tobytes())
    return out.getvalue()


def write_photo(job: tuple[str, str]) -> int:
    Path(job[0]).write_bytes(photo_bytes(job[1]))
    return 1


def translate(text: str, vocab: Vocabulary, rng: random.Random) -> str:
    """A pseudo-translation: every word replaced by one of the target language, markup, numbers and URLs kept."""
    tokens = text.split(" ")
    fresh = vocab.pick(rng, len(tokens))
    out = []
    for token, word in zip(tokens, fresh):
        match = WORD_RE.match(token)
        if match is None:
            out.append(token)
            continue
        lead, core, tail = match.groups()
        if core[:1].isupper():
            word = word[:1].upper() + word[1:]
        out.append(lead + word + tail)
    return " ".join(out)


def reworded(text: str, vocab: Vocabulary, rng: random.Random) -> str:
    """The text as it was before an edit: one or two words different."""
    words = text.split(" ")
    for _ in range(rng.randint(1, 2)):
        i = rng.randrange(len(words))
        if words[i].isalpha():
            words[i] = vocab.pick(rng, 1)[0]
    changed = " ".join(words)
    return changed if changed != text else text + " " + vocab.pick(rng, 1)[0]


def fill(po: Catalog, pot: Catalog, report: Report, target: str, vocab: dict[str, Vocabulary], seed: int) -> Catalog:
    """A catalogue as tarjima created it, brought to a random state of translation."""
    rng = random.Random(f"catalogue-{seed}-{report.slug}-{target}")
    state = rng.choices(("complete", "partial", "new"), weights=STATE_SHARE)[0]
    if state == "new":
        return po
    words = vocab[target]
    entries = list(po.entries)
    for i, entry in enumerate(entries):
        roll = rng.random() if state == "partial" else 0.0
        if state == "partial" and i == 0:
            roll = 0.9  # a partial catalogue always has some work left
        if roll < 0.6:
            entries[i] = replace(entry, msgstr=translate(entry.msgid, words, rng))
        elif roll < 0.8:
            entries[i] = replace(entry, msgstr=translate(entry.msgid, words, rng), flags=("fuzzy",), previous_msgid=reworded(entry.msgid, vocab[report.lang], rng))
    if rng.random() < OBSOLETE_SHARE:
        for _ in range(rng.randint(1, 3)):
            old = " ".join(sentence_words(vocab[report.lang], rng, rng.randint(20, 60)))
            entries.append(Entry(msgid=old, msgstr=translate(old, words, rng), extracted_comments=("paragraph",), obsolete=True))
    translator = f"Translator {rng.randint(1, 12)} <translator{rng.randint(1, 12)}@example.org>"
    filled = replace(po, entries=tuple(entries)).with_headers(PO_Revision_Date=STAMP, Last_Translator=translator)
    return cat.merge(filled, pot)  # once more through tarjima's merge: the file is what `update` keeps


def verify(paths: Sequence[Path]) -> None:
    """Read files back with tarjima's reader and write them again: the bytes must not change."""
    for path in paths:
        data = path.read_bytes()
        if po_dumps(po_read(data, str(path))).encode("utf-8") != data:
            raise SystemExit(f"{path} is not as tarjima writes it")


_WORK: tuple[project.Project, dict[str, Vocabulary], int] | None = None


def write_catalogues(indexes: Sequence[int]) -> int:
    """Plan, fill and write the template and catalogues of some reports (runs in a worker)."""
    assert _WORK is not None
    proj, vocab, seed = _WORK
    written = 0
    for i in indexes:
        report = proj.reports[i]
        plan = update.plan_report(proj, report, STAMP)
        pot = plan[0][3]
        targets = (None, *proj.targets(report))
        for (path, _display, _old, new), lang in zip(plan, targets, strict=True):
            if lang is not None:
                new = fill(new, pot, report, lang.tag, vocab, seed)
            path.write_text(po_dumps(new), encoding="utf-8")
            written += 1
    return written


def generate(out: Path, reports: int, seed: int, jobs: int | None = None, sample: int = 6, images: int = 0) -> dict[str, int]:
    """Write the whole project at ``out`` (which must not exist or be empty); return counts.

    Catalogues are written with tarjima's own writer; ``sample`` of them are read back and checked.
    """
    global _WORK
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise SystemExit(f"{out} is not empty")
    (out / "tarjima.toml").write_text(CONFIG, encoding="utf-8")
    vocab = vocabularies(seed)
    folders: set[Path] = set()
    photos: list[tuple[str, str]] = []
    for index in range(1, reports + 1):
        rel, text = source_text(index, seed, vocab, images)
        path = out / rel
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        path.write_text(text, encoding="utf-8")
        photos += [(str(path.parent / f"photo-{k}.jpg"), f"photo-{seed}-{index}-{k}") for k in range(1, images + 1)]
    if photos:
        with multiprocessing.get_context("fork").Pool(jobs or os.cpu_count() or 1) as pool:
            pool.map(write_photo, photos, chunksize=16)
    proj = project.load_project(config.load(out))
    if proj.errors:
        raise SystemExit(f"generated sources do not parse: {proj.errors[0]}")
    for lang in proj.config.languages:
        proj.layout.po(lang, "x").parent.mkdir(parents=True, exist_ok=True)
    proj.layout.pot("x").parent.mkdir(parents=True, exist_ok=True)
    _WORK = (proj, vocab, seed)
    indexes = list(range(len(proj.reports)))
    jobs = jobs or min(os.cpu_count() or 1, 8)
    try:
        if jobs > 1 and len(indexes) >= 200 and "fork" in multiprocessing.get_all_start_methods():
            chunks = [indexes[k::jobs] for k in range(jobs)]
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                files = sum(pool.map(write_catalogues, chunks))
        else:
            files = write_catalogues(indexes)
        if sample:
            step = max(1, len(proj.reports) // sample)
            chosen = proj.reports[::step][:sample]
            verify([proj.layout.po(lang, r.slug) for r in chosen for lang in proj.targets(r)] + [proj.layout.pot(r.slug) for r in chosen])
    finally:
        _WORK = None
    return {"reports": len(proj.reports), "catalogue_files": files, "photos": len(photos)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, required=True, help="number of reports (N)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="a new or empty folder")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: the CPU count)")
    parser.add_argument("--images", type=int, default=0, metavar="N", help="make each report a page bundle with N photos (random JPEGs with EXIF and GPS)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = generate(args.out, args.reports, args.seed, args.jobs, images=args.images)
    print(f"generated {counts['reports']} report(s), {counts['catalogue_files']} template/catalogue file(s) in {args.out} ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
