"""Draw the shipped content's illustrations with Pillow: schematic scenes, each marked ILLUSTRATION, not photos of real events.

    python tools/illustrations.py      # rewrites the files below (deterministic, no metadata)

The shipped reports are real, but no photos came with them: these drawings only show how a
report with photos is published. Their alt texts and captions say they are illustrations, and so
does the mark on each, drawn inside the part of the picture that every crop of a cover keeps (the
cards', the social card's: ``tarjima.images.derive.kept_by_every_crop``), so no crop cuts it off.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from tarjima.images.derive import Settings, kept_by_every_crop

ROOT = Path(__file__).resolve().parent.parent
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
NAVY, GOLD, PAPER = (11, 58, 91), (201, 162, 39), (236, 240, 244)


def font(size: int) -> ImageFont.ImageFont:
    try:
        return ImageFont.truetype(FONT, size)
    except OSError:
        return ImageFont.load_default(size)


def label_box(width: int, height: int) -> tuple[int, int, int, int]:
    """Where the mark goes: the bottom right corner of what every crop of the picture keeps."""
    f = font(max(18, width // 28))
    box = ImageDraw.Draw(Image.new("RGB", (1, 1))).textbbox((0, 0), "ILLUSTRATION", font=f)
    w, h = box[2] - box[0], box[3] - box[1]
    _, _, right, bottom = (int(v) for v in kept_by_every_crop((width, height), Settings()))
    return (right - w - 36, bottom - h - 34, right - 12, bottom - 12)


def label(draw: ImageDraw.ImageDraw, width: int, height: int) -> None:
    f = font(max(18, width // 28))
    left, top, _, _ = label_box(width, height)
    draw.rectangle(label_box(width, height), fill=(0, 0, 0))
    draw.text((left + 12, top + 8), "ILLUSTRATION", font=f, fill=(255, 255, 255))


def hall(seed: int, width: int = 1200, height: int = 800, stage: str = "", marked: bool = True) -> Image.Image:
    """A schematic conference hall: a stage with a banner, a table, rows of seated figures."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, int(height * 0.42)), fill=(214, 222, 231))
    draw.rectangle((int(width * 0.12), int(height * 0.06), int(width * 0.88), int(height * 0.26)), fill=NAVY)
    draw.rectangle((int(width * 0.12), int(height * 0.26), int(width * 0.88), int(height * 0.275)), fill=GOLD)
    if stage:
        f = font(width // 30)
        box = draw.textbbox((0, 0), stage, font=f)
        draw.text(((width - (box[2] - box[0])) // 2, int(height * 0.13)), stage, font=f, fill=(255, 255, 255))
    draw.rectangle((int(width * 0.2), int(height * 0.34), int(width * 0.8), int(height * 0.4)), fill=(120, 86, 56))
    for i in range(5):  # the panel behind the table
        x = int(width * (0.26 + i * 0.12))
        draw.ellipse((x - 22, int(height * 0.285), x + 22, int(height * 0.33)), fill=(90, 70, 60))
        draw.rectangle((x - 30, int(height * 0.33), x + 30, int(height * 0.36)), fill=rng.choice([NAVY, (60, 60, 70), (30, 80, 60)]))
    for row in range(5):  # the audience, seen from behind
        y = int(height * (0.52 + row * 0.1))
        size = 26 + row * 6
        for col in range(12 + row):
            x = int((col + 0.5 + (row % 2) * 0.5) * width / (12 + row))
            draw.rectangle((x - size, y + size // 2, x + size, y + size * 2), fill=rng.choice([NAVY, (52, 58, 64), (94, 64, 48), (40, 90, 70)]))
            draw.ellipse((x - size * 0.6, y - size * 0.5, x + size * 0.6, y + size * 0.7), fill=rng.choice([(60, 44, 36), (34, 30, 28), (120, 100, 90)]))
    if marked:
        label(draw, width, height)
    return image


def round_table(seed: int, width: int = 1200, height: int = 800, marked: bool = True) -> Image.Image:
    """A schematic round-table discussion, seen from above."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), (228, 232, 226))
    draw = ImageDraw.Draw(image)
    cx, cy, r = width // 2, height // 2, int(height * 0.28)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(150, 110, 70))
    import math

    for i in range(10):
        a = 2 * math.pi * i / 10
        x, y = cx + int((r + 60) * math.cos(a)), cy + int((r + 60) * math.sin(a))
        draw.ellipse((x - 40, y - 40, x + 40, y + 40), fill=rng.choice([NAVY, (52, 58, 64), (40, 90, 70)]))
        draw.ellipse((x - 20, y - 20, x + 20, y + 20), fill=(70, 52, 40))
        px, py = cx + int((r - 50) * math.cos(a)), cy + int((r - 50) * math.sin(a))
        draw.rectangle((px - 22, py - 16, px + 22, py + 16), fill=(250, 250, 250))
    if marked:
        label(draw, width, height)
    return image


def emblem(size: int = 160) -> Image.Image:
    """A placeholder emblem (not the Academy's): a shield with a star, in the site's colours."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    s = size
    shield = [(s * 0.5, s * 0.04), (s * 0.92, s * 0.18), (s * 0.86, s * 0.62), (s * 0.5, s * 0.96), (s * 0.14, s * 0.62), (s * 0.08, s * 0.18)]
    draw.polygon(shield, fill=GOLD)
    inner = [(x * 0.84 + s * 0.08, y * 0.84 + s * 0.07) for x, y in shield]
    draw.polygon(inner, fill=NAVY)
    import math

    points = []
    for i in range(10):
        radius = s * (0.22 if i % 2 == 0 else 0.09)
        a = -math.pi / 2 + i * math.pi / 5
        points.append((s * 0.5 + radius * math.cos(a), s * 0.44 + radius * math.sin(a)))
    draw.polygon(points, fill=GOLD)
    return image


def save(image: Image.Image, path: Path, quality: int = 62) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".png":
        image.save(path, optimize=True)
    else:
        image.convert("RGB").save(path, quality=quality, optimize=True, progressive=True)
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")


def drawings(marked: bool = True) -> dict[str, Image.Image]:
    """Every shipped illustration by its path in the project, with its mark or (to find the mark) without."""
    seminar, conference = "content/2024/international-standards-seminar", "content/2024/human-trafficking-conference"
    return {
        f"{seminar}/seminar-hall.jpg": hall(1, stage="INTERNATIONAL STANDARDS OF LAW ENFORCEMENT", marked=marked),
        f"{seminar}/round-table.jpg": round_table(2, marked=marked),
        f"{seminar}/panel.jpg": hall(3, stage="ICRC  ·  SEMINAR", marked=marked),
        f"{conference}/senate-hall.jpg": hall(4, stage="CONFERENCE  ·  30 JULY", marked=marked),
        f"{conference}/session.jpg": round_table(5, marked=marked),
    }


def main() -> None:
    for rel, image in drawings().items():
        save(image, ROOT / rel)
    save(emblem(), ROOT / "templates/assets/emblem.png")


if __name__ == "__main__":
    main()
