"""Photos with a report: a page bundle's photos published as responsive derivatives with nothing of their metadata."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html
from PIL import Image

from conftest import report, run, slow_except, snapshot, write_tree
from photos_fixture import SECRETS, camera_jpeg, cmyk_profile, png_with_text
from tarjima import config as configuration
from tarjima.project import load_project
from tarjima.site.build import build

CONFIG = 'languages = ["uz-Latn", "ru", "en"]\ndefault_language = "uz-Latn"\nhold_check_errors = false\nbase_url = "https://example.org/news/"\n[title]\nru = "Академия — Новости"\n'
BODY = """First paragraph.

![A hall with a banner](hall.jpg "The *opening* of the seminar")

Second paragraph.

![A round table](table.jpg "The round table")
![A panel of five](panel.jpg)
![Portrait, turned](portrait.jpg "Taken sideways")
![A logo](logo.png "A PNG")
"""


def translate(root: Path, lang: str, prefix: str) -> None:
    """Fill every entry of every report catalogue of ``lang`` with ``prefix`` + its source text."""
    for po in (root / "locales" / lang / "LC_MESSAGES").glob("[!_]*.po"):
        text = po.read_text(encoding="utf-8")
        text = re.sub(r'msgid "(.+)"\nmsgstr ""', lambda m: f'msgid "{m.group(1)}"\nmsgstr "{prefix}{m.group(1)}"', text)
        po.write_text(text, encoding="utf-8")


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A project with one page bundle of 5 photos (camera JPEGs with GPS, one turned by EXIF, a PNG) and a plain report."""
    root = write_tree(tmp_path / "proj", {
        "tarjima.toml": CONFIG,
        "content/2024/seminar/index.md": report(title="Seminar opens", body=BODY, summary="A lead.", cover="hall.jpg", tags="[seminar, icrc]"),
        "content/2024/plain.md": report(title="Plain report", body="Text only.\n"),
        "locales/tags.csv": "tag,uz-Latn,ru,en\nseminar,Seminar,Семинар,Seminar\nicrc,XQXQ,МККК,ICRC\n",
    })
    folder = root / "content/2024/seminar"
    (folder / "hall.jpg").write_bytes(camera_jpeg(1600, 1000))
    (folder / "table.jpg").write_bytes(camera_jpeg(900, 600, colour=(90, 40, 40), seed=1))
    (folder / "panel.jpg").write_bytes(camera_jpeg(1300, 800, colour=(30, 30, 30), seed=2))
    (folder / "portrait.jpg").write_bytes(camera_jpeg(600, 400, orientation=6, seed=3))
    (folder / "logo.png").write_bytes(png_with_text())
    assert run(root, "update").code == 0
    translate(root, "ru", "RU ")
    translate(root, "uz_Latn", "UZ ")
    return root


def built(root: Path, out: Path, **options: object):  # type: ignore[no-untyped-def]
    return build(load_project(configuration.load(root)), out, **options)  # type: ignore[arg-type]


def test_a_bundle_with_five_photos_builds_derivatives_without_any_metadata(bundle: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = built(bundle, out)
    assert not result.errors and not result.refused
    assert result.images_processed == 6  # 5 photos in the body, and the cover's crops
    images = sorted((out / "media/seminar").iterdir())
    assert {p.suffix for p in images} == {".jpg", ".webp"}
    assert len(images) >= 5 * 2 + 5  # each photo in two formats at least, and the cover's card and social crops
    for path in images:
        data = path.read_bytes()
        with Image.open(path) as image:
            image.load()
            assert not image.getexif(), path  # no EXIF at all, so no GPS IFD either
            assert not {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp", "Author"} & set(image.info), (path, list(image.info))
            assert image.format in ("JPEG", "WEBP")
        for secret in SECRETS:
            assert secret not in data, (path, secret)
        assert b"Exif" not in data and b"adobe:ns:meta" not in data and b"ICC_PROFILE" not in data, path
    # The EXIF orientation is applied: the 600x400 photo marked "turned 90°" is published upright, 400 wide and 600 high.
    with Image.open(next(p for p in images if p.name.startswith("portrait-") and p.name.endswith("-400.jpg"))) as upright:
        assert upright.size == (400, 600)
        assert upright.getpixel((upright.width - 10, 10))[0] > 150  # the red corner, turned to the top right
    with Image.open(next(p for p in images if p.name.endswith("-social.jpg"))) as social:
        assert social.size == (1200, 630)


def test_alt_texts_and_captions_are_translated_segments_with_the_same_ids_in_every_language(bundle: Path, tmp_path: Path) -> None:
    pot = (bundle / "locales/templates/seminar.pot").read_text(encoding="utf-8")
    assert '#. image caption\n#: content/2024/seminar/index.md:12\nmsgid "The *opening* of the seminar"' in pot
    assert '#. image alt text' in pot and 'msgid "A round table"' in pot
    out = tmp_path / "out"
    built(bundle, out)
    shapes = {}
    for folder, prefix in (("en", ""), ("ru", "RU "), ("uz-latn", "UZ ")):
        page = lxml_html.fromstring((out / folder / "seminar/index.html").read_bytes())
        imgs = page.xpath("//div[@class='body']//img")
        assert [i.get("alt") for i in imgs] == [prefix + a for a in ("A hall with a banner", "A round table", "A panel of five", "Portrait, turned", "A logo")]
        captions = page.xpath("//div[@class='body']//figcaption")
        assert captions[0].text_content() == prefix + "The opening of the seminar" and captions[0].xpath("em")
        assert len(page.xpath("//div[@class='gallery']/figure")) == 4
        shapes[folder] = [(e.tag, e.get("data-seg")) for e in page.xpath("//*[@data-seg]")]
        for img in imgs:  # every photo offers several widths, WebP first
            source = img.xpath("ancestor::figure[1]//source")[0]
            assert source.get("type") == "image/webp" and source.get("srcset").endswith("w") and img.get("sizes")
            if img.get("alt").endswith("A hall with a banner"):
                assert source.get("srcset").count("w,") == 2  # 480, 800 and 1200 pixels wide
            assert img.get("width") and img.get("height") and (out / folder / "seminar" / img.get("src")).resolve().is_file()
    assert shapes["en"] == shapes["ru"] == shapes["uz-latn"]


def test_an_incremental_build_after_a_text_edit_processes_no_image(bundle: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert built(bundle, out).images_processed == 6
    assert built(bundle, tmp_path / "other", incremental=False).images_processed == 0  # another full build: all from the cache
    source = bundle / "content/2024/seminar/index.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Second paragraph.", "Second paragraph, edited."), encoding="utf-8")
    result = built(bundle, out)
    assert result.images_processed == 0 and not result.errors
    assert (out / "media/seminar").is_dir() and any((out / "media/seminar").iterdir())
    # A new photo is processed, and only it.
    (bundle / "content/2024/seminar/new.jpg").write_bytes(camera_jpeg(700, 500, seed=9))
    source.write_text(source.read_text(encoding="utf-8") + "\n![New](new.jpg)\n", encoding="utf-8")
    assert built(bundle, out).images_processed == 1


@pytest.mark.parametrize("damage", slow_except(["broken", "bomb", "missing"], "broken"))
def test_a_broken_huge_or_missing_photo_is_one_line_exit_2_and_the_site_is_unchanged(bundle: Path, tmp_path: Path, damage: str) -> None:
    out = tmp_path / "out"
    assert run(bundle, "build", "--out", str(out)).code == 0
    before = snapshot(out)
    photo = bundle / "content/2024/seminar/table.jpg"
    if damage == "broken":
        photo.write_bytes(photo.read_bytes()[:300])
    elif damage == "bomb":
        buffer = io.BytesIO()
        Image.new("L", (12_000, 9_000)).save(buffer, "PNG")  # 108 megapixels in a few hundred KB
        (bundle / "content/2024/seminar/logo.png").write_bytes(buffer.getvalue())
    else:
        photo.unlink()
    result = run(bundle, "build", "--out", str(out))
    assert result.code == 2
    lines = [l for l in result.err.splitlines() if l.strip()]
    assert len(lines) == 1, result.err
    assert {"broken": "damaged image", "bomb": "megapixels", "missing": "not found"}[damage] in lines[0]
    assert ("table.jpg" if damage != "bomb" else "logo.png") in lines[0]
    assert snapshot(out) == before


def test_a_photo_outside_the_content_folder_is_refused(bundle: Path, tmp_path: Path) -> None:
    (bundle / "secret.jpg").write_bytes(camera_jpeg())
    source = bundle / "content/2024/seminar/index.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n![x](../../../secret.jpg)\n", encoding="utf-8")
    run(bundle, "update")
    result = run(bundle, "build", "--out", str(tmp_path / "out"))
    assert result.code == 2 and "outside the report's folder" in result.err


def add_to_body(root: Path, markdown: str) -> None:
    source = root / "content/2024/seminar/index.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n" + markdown + "\n", encoding="utf-8")
    assert run(root, "update").code == 0


@pytest.mark.slow
def test_a_photo_of_another_report_folder_is_refused(bundle: Path, tmp_path: Path) -> None:
    """A photo is an input of its own report only: one shared with another bundle could change under it unseen."""
    (bundle / "content/2024/other").mkdir()
    (bundle / "content/2024/other/hall.jpg").write_bytes(camera_jpeg())
    add_to_body(bundle, "![x](../other/hall.jpg)")
    result = run(bundle, "build", "--out", str(tmp_path / "out"))
    assert result.code == 2 and "photo '../other/hall.jpg' is outside the report's folder" in result.err


def srcs_of(page: Path) -> list[str]:
    return [i.get("src") for i in lxml_html.fromstring(page.read_bytes()).xpath("//div[@class='body']//img")]


@pytest.mark.slow
def test_replacing_a_photo_in_a_subfolder_of_the_bundle_rebuilds_its_pages(bundle: Path, tmp_path: Path) -> None:
    (bundle / "content/2024/seminar/img").mkdir()
    sub = bundle / "content/2024/seminar/img/sub.jpg"
    sub.write_bytes(camera_jpeg(700, 500, colour=(200, 0, 0), seed=4))
    add_to_body(bundle, "![Sub](img/sub.jpg)")
    out = tmp_path / "a/out"  # and the full build in b/out: each desk sees its site as ../out/
    built(bundle, out)
    before = srcs_of(out / "en/seminar/index.html")[-1]
    sub.write_bytes(camera_jpeg(700, 500, colour=(0, 0, 200), seed=5))
    assert built(bundle, out).images_processed == 1
    after = srcs_of(out / "en/seminar/index.html")[-1]
    assert after != before and (out / "en/seminar" / after).resolve().is_file()
    with Image.open((out / "en/seminar" / after).resolve()) as image:
        assert image.convert("RGB").getpixel((image.width - 5, image.height - 5))[2] > 150  # the new, blue photo
    built(bundle, tmp_path / "b/out", incremental=False)
    assert snapshot(out) == snapshot(tmp_path / "b/out")


@pytest.mark.slow
def test_photo_file_names_in_cyrillic_or_with_spaces_are_found_and_published_under_ascii_names(bundle: Path, tmp_path: Path) -> None:
    folder = bundle / "content/2024/seminar"
    (folder / "Ўқув зали.jpg").write_bytes(camera_jpeg(700, 500, seed=6))
    (folder / "my photo.jpg").write_bytes(camera_jpeg(700, 500, seed=7))
    add_to_body(bundle, "![Hall](Ўқув%20зали.jpg)\n\n![Spaced](<my photo.jpg>)")
    out = tmp_path / "out"
    result = built(bundle, out)
    assert not result.errors
    srcs = srcs_of(out / "en/seminar/index.html")[-2:]
    assert [src.rsplit("/", 1)[1].split("-")[:2] for src in srcs] == [["oquv", "zali"], ["my", "photo"]]
    assert all((out / "en/seminar" / src).resolve().is_file() for src in srcs)


@pytest.mark.slow
def test_a_photo_sharing_its_paragraph_with_text_is_refused_in_one_line(bundle: Path, tmp_path: Path) -> None:
    """In a bundle, a local image inside a sentence or a link would be neither a figure nor a file of the site."""
    for markdown in ("Text before ![inline](hall.jpg) and after.", "[![linked](table.jpg)](https://example.org)"):
        add_to_body(bundle, markdown)
        result = run(bundle, "build", "--out", str(tmp_path / "out"))
        lines = [l for l in result.err.splitlines() if l.strip()]
        assert result.code == 2 and len(lines) == 1 and "shares its paragraph with text or a link" in lines[0], result.err
        assert lines[0].startswith("error: content/2024/seminar/index.md:")
        assert not (tmp_path / "out").exists()
        source = bundle / "content/2024/seminar/index.md"
        source.write_text(source.read_text(encoding="utf-8").replace(markdown + "\n", ""), encoding="utf-8")


def png(image: Image.Image, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", **options)
    return buffer.getvalue()


def transparent_left(mode: str) -> bytes:
    """A 600x400 PNG whose left half is transparent (over red, where the format keeps a colour) and right half green."""
    if mode == "P":
        image = Image.new("P", (600, 400), 1)
        image.putpalette([255, 0, 0, 0, 128, 0] + [0] * 762)
        image.paste(0, (0, 0, 300, 400))
        return png(image, transparency=0)
    if mode == "LA":
        image = Image.new("LA", (600, 400), (100, 255))
        image.paste((200, 0), (0, 0, 300, 400))
        return png(image)
    image = Image.new("RGBA", (600, 400), (0, 128, 0, 255))
    image.paste((255, 0, 0, 0), (0, 0, 300, 400))
    return png(image)


@pytest.mark.parametrize("mode", slow_except(["RGBA", "P", "LA", "I;16"], "RGBA"))
def test_transparent_and_16_bit_photos_are_published_as_a_page_shows_them(bundle: Path, tmp_path: Path, mode: str) -> None:
    """Transparency on white, never the colour hidden under it; 16-bit grey scaled to 8 bits, not clipped to white."""
    data = png(Image.new("I;16", (600, 400), 32768)) if mode == "I;16" else transparent_left(mode)
    (bundle / "content/2024/seminar/see-through.png").write_bytes(data)
    add_to_body(bundle, "![Transparent](see-through.png)")
    out = tmp_path / "out"
    built(bundle, out)
    for path in (out / "media/seminar").glob("see-through-*-480.*"):
        with Image.open(path) as image:
            left, right = image.convert("RGB").getpixel((20, 200)), image.convert("RGB").getpixel((460, 200))
        if mode == "I;16":
            assert all(120 <= c <= 136 for c in left + right), (path, left)
        else:
            assert min(left) >= 250, (path, left)  # white, not black and not the hidden red
            assert right[1] > max(right[0], right[2]) + 40 or mode == "LA", (path, right)


@pytest.mark.slow
def test_a_plain_source_keeps_its_images_as_links_and_the_bundle_takes_its_folder_name(bundle: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    built(bundle, out)
    assert (out / "en/seminar/index.html").is_file() and (out / "en/plain/index.html").is_file()
    assert not (out / "media/plain").exists()


def ld_of(page: str) -> dict[str, object]:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(found) == 1
    return json.loads(found[0])


@pytest.mark.slow
def test_sharing_metadata_opengraph_twitter_and_a_news_article(bundle: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    built(bundle, out)
    page = (out / "ru/seminar/index.html").read_text(encoding="utf-8")
    tree = lxml_html.fromstring(page)
    og = {m.get("property"): m.get("content") for m in tree.xpath("//meta[@property]") if m.get("property") != "og:locale:alternate"}
    for key in ("og:type", "og:title", "og:url", "og:image", "og:image:width", "og:image:height", "og:locale", "og:site_name", "og:description"):
        assert og.get(key), key
    assert og["og:title"] == "RU Seminar opens" and og["og:locale"] == "ru_RU" and og["og:type"] == "article"
    assert og["og:image"].startswith("https://example.org/news/media/seminar/") and (og["og:image:width"], og["og:image:height"]) == ("1200", "630")
    assert (out / og["og:image"].removeprefix("https://example.org/news/")).is_file()
    assert sorted(m.get("content") for m in tree.xpath("//meta[@property='og:locale:alternate']")) == ["en_US", "uz_UZ"]
    twitter = {m.get("name"): m.get("content") for m in tree.xpath("//meta[starts-with(@name, 'twitter:')]")}
    assert twitter["twitter:card"] == "summary_large_image" and twitter["twitter:image"] == og["og:image"] and twitter["twitter:title"]
    links = {l.get("hreflang"): l.get("href") for l in tree.xpath("//link[@rel='alternate'][@hreflang]")}
    assert links == {"uz-Latn": "https://example.org/news/uz-latn/seminar/", "ru": "https://example.org/news/ru/seminar/",
                     "en": "https://example.org/news/en/seminar/", "x-default": "https://example.org/news/uz-latn/seminar/"}
    assert tree.xpath("//link[@rel='canonical']/@href") == ["https://example.org/news/ru/seminar/"]
    article = ld_of(page)
    check_news_article(article)
    assert article["inLanguage"] == "ru" and article["headline"] == "RU Seminar opens"
    row = next(line.split(",") for line in (bundle / "published/record.csv").read_text(encoding="utf-8").splitlines() if line.startswith("seminar,ru,"))
    assert (article["datePublished"], article["dateModified"]) == (row[2], row[3])  # dated by the publication record, not by the event
    assert article["image"] == [og["og:image"]]
    assert article["translationOfWork"] == {"@type": "NewsArticle", "@id": "https://example.org/news/en/seminar/"}
    assert article["keywords"] == ["Семинар", "МККК"]


SCHEMA_TYPES = {"NewsArticle", "Organization", "ImageObject", "WebPage", "Place"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$")  # a date, or a moment in UTC (the publication record's)


def check_news_article(article: dict[str, object]) -> None:
    """A strict structural check against schema.org's NewsArticle and what search engines require of it."""
    assert article["@context"] == "https://schema.org" and article["@type"] == "NewsArticle"
    allowed = {"@context", "@type", "headline", "description", "url", "mainEntityOfPage", "inLanguage", "datePublished", "dateModified",
               "publisher", "author", "image", "contentLocation", "keywords", "translationOfWork"}
    assert set(article) <= allowed, set(article) - allowed
    assert isinstance(article["headline"], str) and 0 < len(article["headline"]) <= 110
    assert ISO_DATE.match(str(article["datePublished"])) and ISO_DATE.match(str(article["dateModified"]))
    assert article["dateModified"] >= article["datePublished"]  # type: ignore[operator]
    assert all(isinstance(u, str) and u.startswith("https://") for u in article["image"])  # type: ignore[union-attr]
    publisher = article["publisher"]
    assert isinstance(publisher, dict) and publisher["@type"] == "Organization" and publisher["name"]

    def types(value: object) -> None:
        if isinstance(value, dict):
            if "@type" in value:
                assert value["@type"] in SCHEMA_TYPES, value["@type"]
            for item in value.values():
                types(item)
        elif isinstance(value, list):
            for item in value:
                types(item)

    types(article)


@pytest.mark.slow
def test_a_title_with_a_closing_script_tag_cannot_break_out_of_the_json_ld(bundle: Path, tmp_path: Path) -> None:
    evil = "Evil </script><script>alert(1)</script> & <!-- title"
    source = bundle / "content/2024/seminar/index.md"
    source.write_text(source.read_text(encoding="utf-8").replace("title: Seminar opens", f"title: '{evil}'"), encoding="utf-8")
    out = tmp_path / "out"
    assert not built(bundle, out, keep_going=True).refused
    page = (out / "en/seminar/index.html").read_text(encoding="utf-8")
    assert page.count("<script") == 1 and page.count("</script>") == 1  # the JSON-LD element alone
    inside = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in inside and ">" not in inside and "&" not in inside  # written as \u003c, \u003e, \u0026
    assert ld_of(page)["headline"] == "Evil alert(1) & <!-- title"  # the title's plain text: its raw HTML never was text
    tree = lxml_html.fromstring(page)
    assert tree.xpath("//meta[@property='og:title']/@content") == ["Evil alert(1) & <!-- title"]  # escaped in the attribute, intact when read


def test_script_json_escapes_what_could_end_the_element() -> None:
    from tarjima.site.pages.social import script_json

    text = str(script_json({"a": "</script><!--&\u2028"}))
    assert text == '{"a":"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028"}' and json.loads(text) == {"a": "</script><!--&\u2028"}


@pytest.mark.slow
def test_tag_pages_per_language_with_translated_names(bundle: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    built(bundle, out)
    ru = lxml_html.fromstring((out / "ru/tags/icrc/index.html").read_bytes())
    assert ru.xpath("//h1")[0].text_content() == "МККК"
    assert [a.text_content() for a in ru.xpath("//ol[contains(@class,'reports')]//h2/a")] == ["RU Seminar opens"]
    page = lxml_html.fromstring((out / "ru/seminar/index.html").read_bytes())
    assert [a.text_content() for a in page.xpath("//ul[@class='tags']//a")] == ["Семинар", "МККК"]
    assert (out / "uz-latn/tags/seminar/index.html").is_file() and (out / "en/tags/icrc/index.html").is_file()
    index = lxml_html.fromstring((out / "ru/index.html").read_bytes())
    cover = index.xpath("//article[contains(@class,'with-cover')]//img")[0]
    assert cover.get("alt") == "" and "card-" in cover.get("src")  # the card's photo repeats the title next to it: decorative


@pytest.mark.slow
def test_a_tag_without_a_name_is_shown_as_written_and_named_by_the_build(bundle: Path, tmp_path: Path) -> None:
    (bundle / "locales/tags.csv").write_text("tag,uz-Latn,ru,en\nseminar,Seminar,Семинар,Seminar\n", encoding="utf-8")
    result = run(bundle, "build", "--out", str(tmp_path / "out"))
    assert result.code == 0
    assert "tag 'icrc' has no name in ru" in result.out


@pytest.mark.slow
def test_a_cmyk_photo_is_converted_by_its_own_profile(bundle: Path, tmp_path: Path) -> None:
    """A print-ready CMYK JPEG shows on the site in the colours its profile gives (Ghostscript's CMYK profile:
    100% cyan is (0, 175, 239) in sRGB), not in a naive conversion's (0, 255, 255); the profile itself stays behind."""
    from PIL import ImageCms

    profile = cmyk_profile()
    buffer = io.BytesIO()
    Image.new("CMYK", (600, 400), (255, 0, 0, 0)).save(buffer, "JPEG", quality=95, icc_profile=profile)
    (bundle / "content/2024/seminar/print.jpg").write_bytes(buffer.getvalue())
    with Image.open(io.BytesIO(buffer.getvalue())) as original:
        expected = ImageCms.profileToProfile(original, ImageCms.ImageCmsProfile(io.BytesIO(profile)), ImageCms.createProfile("sRGB"), outputMode="RGB").getpixel((300, 200))
    add_to_body(bundle, "![Printed](print.jpg)")
    out = tmp_path / "out"
    built(bundle, out)
    published = sorted((out / "media/seminar").glob("print-*-480.*"))
    assert len(published) == 2
    for path in published:
        with Image.open(path) as image:
            assert "icc_profile" not in image.info
            pixel = image.convert("RGB").getpixel((240, 160))
        assert all(abs(a - b) <= 12 for a, b in zip(pixel, expected)), (path, pixel, expected)
        assert pixel[1] < 215, (path, pixel)  # not the naive (0, 255, 255)


@pytest.mark.slow
def test_a_61_megapixel_camera_photo_is_published_by_default(bundle: Path, tmp_path: Path) -> None:
    """A professional full-frame camera's photo (9504×6336, 60.2 MP; here 9568×6376) is under the default limit of 100."""
    buffer = io.BytesIO()
    Image.new("RGB", (9568, 6376), (40, 90, 160)).save(buffer, "JPEG", quality=80)
    (bundle / "content/2024/seminar/full-frame.jpg").write_bytes(buffer.getvalue())
    add_to_body(bundle, "![A full-frame photo](full-frame.jpg)")
    out = tmp_path / "out"
    result = run(bundle, "build", "--out", str(out))
    assert result.code == 0, result.err
    widest = sorted((out / "media/seminar").glob("full-frame-*-1200.jpg"))
    assert len(widest) == 1
    with Image.open(widest[0]) as image:
        assert image.size == (1200, 800)


def test_a_photo_over_the_limit_names_max_megapixels_and_where_to_set_it(bundle: Path, tmp_path: Path) -> None:
    config = bundle / "tarjima.toml"
    config.write_text(config.read_text(encoding="utf-8") + "[images]\nmax_megapixels = 1.9\n", encoding="utf-8")
    (bundle / "content/2024/seminar/wide.jpg").write_bytes(camera_jpeg(2000, 1000))
    add_to_body(bundle, "![Wide](wide.jpg)")
    result = run(bundle, "build", "--out", str(tmp_path / "out"))
    assert result.code == 2
    lines = [l for l in result.err.splitlines() if l.strip()]
    assert len(lines) == 1 and "Traceback" not in result.err, result.err
    assert "wide.jpg" in lines[0] and "2000×1000 pixels (2 megapixels) is over the limit of 1.9" in lines[0], lines[0]
    assert "raise max_megapixels under [tool.tarjima.images] in pyproject.toml ([images] in tarjima.toml; now 1.9, at most 500)" in lines[0], lines[0]


@pytest.mark.slow
def test_a_large_png_is_reduced_before_its_work_and_is_published_upright_and_bare(bundle: Path, tmp_path: Path) -> None:
    """A photo more than twice the widest derivative is box-reduced right after decoding (the memory a 100 MP photo
    takes): its EXIF orientation is still applied, and nothing of its metadata is published."""
    image = Image.new("RGB", (4000, 2600), (40, 90, 160))
    image.paste((200, 40, 40), (0, 0, 1300, 1300))  # a red block top left: shows which way is up
    exif = Image.Exif()
    exif[0x0112] = 6  # turned 90°: upright it is 2600 wide, 4000 high, the red block top right
    exif[0x013B] = SECRETS[2].decode()
    buffer = io.BytesIO()
    image.save(buffer, "PNG", exif=exif.tobytes())
    (bundle / "content/2024/seminar/large.png").write_bytes(buffer.getvalue())
    add_to_body(bundle, "![A large PNG](large.png)")
    out = tmp_path / "out"
    assert run(bundle, "build", "--out", str(out)).code == 0
    (widest,) = sorted((out / "media/seminar").glob("large-*-1200.jpg"))
    data = widest.read_bytes()
    assert SECRETS[2] not in data and b"Exif" not in data
    with Image.open(widest) as upright:
        assert upright.size == (1200, 1846)
        assert upright.getpixel((upright.width - 20, 20))[0] > 150 and upright.getpixel((20, 20))[0] < 100
