"""Peak memory of one large photo, as tarjima processes it and as Pillow decodes it whole: the figures behind
the default ``max_megapixels`` (docs/site.md#photos-page-bundles).

    python benchmarks/photo_memory.py --work /tmp/photo-memory

Each measure runs in a process of its own under GNU time (``/usr/bin/time -v``, "Maximum resident set
size"); the photos are drawn with Pillow (random rectangles, so the JPEG is not trivially small).
Prints a Markdown table (not run by CI).
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
from pathlib import Path

SIZES = {"100mp": (12240, 8160), "61mp": (9568, 6376)}  # 99.9 MP; a 61 MP full-frame camera's 9504×6336, rounded up
MEASURE = """
import sys
from PIL import Image
mode, path = sys.argv[1], sys.argv[2]
if mode == "decode":  # Pillow alone, the whole image, no draft
    Image.MAX_IMAGE_PIXELS = None
    with Image.open(path) as image:
        image.load()
elif mode != "python":
    from tarjima.images.derive import Settings, derive
    derive(open(path, "rb").read(), mode, Settings())
"""


def draw(path: Path, size: tuple[int, int]) -> None:
    from PIL import Image, ImageDraw

    rng = random.Random(1)
    image = Image.new("RGB", size, (40, 90, 160))
    pen = ImageDraw.Draw(image)
    for _ in range(3000):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        pen.rectangle((x, y, x + rng.randrange(50, 400), y + rng.randrange(50, 400)), fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    image.save(path, quality=90) if path.suffix == ".jpg" else image.save(path, compress_level=1)


def peak(mode: str, path: Path) -> tuple[int, float]:
    """(peak resident set in MB, seconds) of one measure in a fresh process."""
    done = subprocess.run(["/usr/bin/time", "-v", sys.executable, "-c", MEASURE, mode, str(path)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{mode} {path} failed:\n{done.stderr[-800:]}")
    kb = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    clock = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    assert kb and clock, done.stderr
    return int(kb.group(1)) // 1024, int(clock.group(1) or 0) * 3600 + int(clock.group(2)) * 60 + float(clock.group(3))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, required=True, help="a folder for the photos")
    work = parser.parse_args().work
    work.mkdir(parents=True, exist_ok=True)
    files = {name: work / name for name in ("100mp.jpg", "100mp.png", "61mp.jpg")}
    for name, path in files.items():
        if not path.exists():
            draw(path, SIZES[name.split(".")[0]])
    rows = [("Python and Pillow, nothing decoded", "python", files["61mp.jpg"]),
            ("100 MP JPEG, decoded whole by Pillow (no draft)", "decode", files["100mp.jpg"]),
            ("100 MP JPEG, tarjima's body widths", "body", files["100mp.jpg"]),
            ("100 MP JPEG, tarjima's cover crops", "cover", files["100mp.jpg"]),
            ("61 MP JPEG, tarjima's body widths", "body", files["61mp.jpg"]),
            ("100 MP PNG, decoded whole by Pillow", "decode", files["100mp.png"]),
            ("100 MP PNG, tarjima's body widths", "body", files["100mp.png"])]
    print("| measure | peak RSS | time |\n|---|---|---|")
    for label, mode, path in rows:
        mb, seconds = peak(mode, path)
        print(f"| {label} | {mb} MB | {seconds:.2f} s |")


if __name__ == "__main__":
    main()
