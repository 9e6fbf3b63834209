"""Photo derivatives kept by content: an image whose bytes and settings are unchanged is never processed again.

``.tarjima-cache/images/<scope>/<key>/`` holds one photo's derivatives and ``info.marshal``;
``<scope>`` follows ``store``'s key rule (tarjima's version, the code of ``images.derive``, the
settings), ``<key>`` is the image's content key and its role (body widths or cover crops). A
folder is written under a temporary name and renamed when complete, so a killed build never
leaves half a set, and worker processes can fill the cache side by side.
"""

from __future__ import annotations

import marshal
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from tarjima.errors import InputError
from tarjima.images.derive import BadImage, Made, Settings, TooLarge, derive
from tarjima.images.photos import MEDIA, SUFFIXES, Photo, stem_of
from tarjima.store import digest, folder as cache_folder, scope

FIX = "replace it with a JPEG, PNG or WebP photo of at most {limit:g} megapixels"
RAISE = ("raise max_megapixels under [tool.tarjima.images] in pyproject.toml ([images] in tarjima.toml; now {limit:g}, at most 500), "
         "or publish a smaller photo")


@dataclass
class Prepared:
    """The photos of one report, ready for its pages: by (src, role), the files to publish, how many were processed now."""

    photos: dict[tuple[str, str], Photo] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    processed: int = 0
    errors: list[InputError] = field(default_factory=list)


class PhotoStore:
    """Derivatives by image content and settings, on disk (or made each time where the cache cannot be written)."""

    def __init__(self, root: Path, settings: Settings) -> None:
        self.root = root
        self.settings = settings
        name = digest(scope(("tarjima.images.derive",), settings.key()).encode()).hex()[:16]
        try:
            self.folder: Path | None = cache_folder(root) / "images" / name
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            self.folder = None  # a read-only checkout: process every time

    def resolve(self, source: str, src: str, where: int | None) -> Path:
        """The file a photo names, relative to its report's folder; it must exist inside that page bundle's folder."""
        bundle = (self.root / source).parent.resolve()
        path = (bundle / src).resolve()
        if bundle not in path.parents:
            raise InputError(source, f"photo {src!r} is outside the report's folder", "keep a report's photos in its folder, beside its index.md", where)
        if path.suffix.lower() not in SUFFIXES:
            raise InputError(source, f"photo {src!r} is not a JPEG, PNG or WebP file", "name a .jpg, .jpeg, .png or .webp file", where)
        if not path.is_file():
            raise InputError(source, f"photo {src!r} not found", "put the file beside the report's index.md, or fix the name", where)
        return path

    def get(self, data: bytes, role: str, where: str) -> tuple[tuple[int, int], list[tuple[str, int, int]], dict[str, bytes], bool]:
        """(upright size, variants, their bytes, whether it was processed now) of one image in one role."""
        key = digest(data + b"\0" + role.encode()).hex()
        if self.folder is not None:
            known = self.folder / key
            try:
                size, variants = marshal.loads((known / "info.marshal").read_bytes())
                return tuple(size), [tuple(v) for v in variants], {v[0]: (known / v[0]).read_bytes() for v in variants}, False
            except (OSError, ValueError, EOFError, TypeError):
                pass
        try:
            size, made = derive(data, role, self.settings)
        except BadImage as exc:
            fix = RAISE if isinstance(exc, TooLarge) else FIX
            raise InputError(where, f"cannot publish this image: {exc}", fix.format(limit=self.settings.max_megapixels)) from None
        self.keep(key, size, made)
        return size, [(m.name, m.width, m.height) for m in made], {m.name: m.data for m in made}, True

    def keep(self, key: str, size: tuple[int, int], made: list[Made]) -> None:
        """Write one set under a temporary name, then rename it into place (a cache: nothing happens when it cannot be written)."""
        if self.folder is None:
            return
        try:
            tmp = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=self.folder))
            for m in made:
                (tmp / m.name).write_bytes(m.data)
            (tmp / "info.marshal").write_bytes(marshal.dumps((size, [(m.name, m.width, m.height) for m in made])))
            try:
                os.rename(tmp, self.folder / key)
            except OSError:  # another worker made the same set first
                shutil.rmtree(tmp, ignore_errors=True)
        except OSError:
            pass

    def prepare(self, slug: str, source: str, wanted: list[tuple[str, str, int | None]]) -> Prepared:
        """The photos ``(src, role, line)`` of the report at ``source``: their derivatives, named for OUT/media/<slug>/."""
        prepared = Prepared()
        for src, role, line in wanted:
            if (src, role) in prepared.photos:
                continue
            try:
                if role == "mixed":
                    raise InputError(source, f"photo {src!r} shares its paragraph with text or a link", "give the photo a paragraph of its own, with a blank line before and after", line)
                name = src if role == "cover" else unquote(src)  # the body's src is a URL as markdown-it wrote it ("%D0%B7.jpg"); the cover a file name
                path = self.resolve(source, name, line)
                rel = path.relative_to(self.root).as_posix()
                try:
                    data = path.read_bytes()
                except OSError as exc:
                    raise InputError(rel, f"cannot read the photo: {exc.strerror}", "check the file's permissions") from None
                size, variants, blobs, processed = self.get(data, role, rel)
            except InputError as exc:
                if exc not in prepared.errors:  # a photo that is both the cover and in the text is named once
                    prepared.errors.append(exc)
                continue
            prepared.processed += processed
            prefix = f"{MEDIA}/{slug}/{stem_of(name)}-{digest(data).hex()[:8]}-"
            prepared.photos[(src, role)] = Photo(prefix, size[0], size[1], tuple(variants))
            prepared.files.update({prefix + name: blob for name, blob in blobs.items()})
        return prepared
