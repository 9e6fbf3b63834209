"""The shipped illustrations say ILLUSTRATION in every picture a reader or a platform gets: the body's widths, the
cards' crops and the social card's crop. The mark is found as the difference between a crop of the shipped file
and the same crop of the same drawing without it (tools/illustrations.py draws both)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from conftest import ROOT, run
from tarjima.images.derive import Settings, crop_box, derive, kept_by_every_crop

sys.path.insert(0, str(ROOT / "tools"))
import illustrations  # noqa: E402

COVERS = {"content/2024/international-standards-seminar/seminar-hall.jpg": "international-standards-seminar",
          "content/2024/human-trafficking-conference/senate-hall.jpg": "human-trafficking-conference"}
MARGIN = 2  # pixels: the mark's box keeps clear of every edge of a crop
WHOLE = 0.8  # of the letters' width, scaled: a resized crop softens the letters' outer pixels, never cuts a letter off


def jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=62)  # as tools/illustrations.py saves them
    return out.getvalue()


def mark_in(shown: Image.Image, bare: Image.Image) -> tuple[int, int, int, int] | None:
    """The box of what differs strongly between a picture and the same without its mark (the white letters, the black box)."""
    diff = ImageChops.difference(shown.convert("L"), bare.convert("L")).point(lambda v: 255 if v > 90 else 0)
    return diff.getbbox()


def assert_whole_mark(name: str, shown: Image.Image, bare: Image.Image, scale: float) -> None:
    box = mark_in(shown, bare)
    assert box is not None, f"{name}: no ILLUSTRATION mark in it"
    left, top, right, bottom = box
    inner = (MARGIN, MARGIN, shown.width - MARGIN, shown.height - MARGIN)  # the picture less its margin, in pixels
    assert left >= inner[0] and top >= inner[1] and right <= inner[2] and bottom <= inner[3], f"{name}: the mark {box} touches an edge of {shown.size}"
    expected = illustrations.label_box(1200, 800)
    letters = (expected[2] - expected[0] - 24) * scale  # the letters' width in this picture
    shown_width = right - left  # pixels of the mark found in the picture
    assert shown_width / letters >= WHOLE, f"{name}: only part of the mark ({box})"


def test_the_mark_is_drawn_where_every_crop_of_a_cover_keeps_it() -> None:
    left, top, right, bottom = kept_by_every_crop((1200, 800), Settings())
    box = illustrations.label_box(1200, 800)
    assert left <= box[0] and top <= box[1] and box[2] <= right and box[3] <= bottom, (box, (left, top, right, bottom))


@pytest.mark.parametrize("rel", sorted(illustrations.drawings(marked=False)))
def test_every_crop_of_every_illustration_shows_the_whole_mark(rel: str) -> None:
    shipped = (ROOT / rel).read_bytes()
    bare = jpeg(illustrations.drawings(marked=False)[rel])
    settings = Settings()
    size, shown = derive(shipped, "cover", settings)
    _, without = derive(bare, "cover", settings)
    for made, reference in zip(shown, without):
        if not made.name.endswith(".jpg"):
            continue
        scale = made.width / (crop_box(size, (made.width, made.height))[2] - crop_box(size, (made.width, made.height))[0])
        assert_whole_mark(f"{rel} {made.name}", Image.open(io.BytesIO(made.data)), Image.open(io.BytesIO(reference.data)), scale)
    with Image.open(ROOT / rel) as image, Image.open(io.BytesIO(jpeg(illustrations.drawings()[rel]))) as drawn:  # the shipped file is what the tool draws now
        assert ImageChops.difference(image.convert("L"), drawn.convert("L")).point(lambda v: 255 if v > 16 else 0).getbbox() is None, f"{rel}: run python tools/illustrations.py"


@pytest.mark.slow
def test_the_published_cards_and_social_images_show_the_mark(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(shipped, "build", "--out", str(out)).code == 0
    for rel, slug in COVERS.items():
        stem = Path(rel).stem
        _, without = derive(jpeg(illustrations.drawings(marked=False)[rel]), "cover", Settings())
        references = {m.name: m for m in without}
        published = sorted((out / "media" / slug).glob(f"{stem}-*-card-*.jpg")) + sorted((out / "media" / slug).glob(f"{stem}-*-social.jpg"))
        assert len(published) == 3, published
        for path in published:
            kind = path.name.split("-", 2)[-1].split("-", 1)[-1] if "card" in path.name else "social.jpg"
            reference = references[kind]
            with Image.open(path) as shown:
                assert_whole_mark(path.name, shown, Image.open(io.BytesIO(reference.data)), reference.width / 1200)
