"""Images beside articles, as the loader takes them: found, checked, named, remembered."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pytest
from conftest import MakeSite
from pictures import picture

from newsgen.records import Article
from newsgen.sources.load import LoadResult, load_sources
from newsgen.sources.load_memo import Limits, LoadMemo
from newsgen.sources.load_store import read_load_memo, write_load_memo

SEED = "seeds/001_00000000000000aa.txt"
SEED_TEXT = " date 2025-11-07 В Астане открылся мост через Ишим.\n\nЕго длина — 500 метров."


def markdown(front: str, body: str = "Текст статьи.") -> str:
    return f"---\ntitle: Статья\ndate: 2025-11-07\n{front}---\n{body}\n"


def load(
    tmp_path: Path, make_site: MakeSite, files: Mapping[str, str | bytes], **limits: int
) -> LoadResult:
    site = make_site(tmp_path / "site", files)
    return load_sources(site / "seeds", **limits)


def only_article(result: LoadResult) -> Article:
    assert result.problems == ()
    [article] = result.articles
    return article


def messages(result: LoadResult) -> list[str]:
    return [f"{p.path}:{p.line}: {p.message}" for p in result.problems]


@pytest.mark.parametrize(
    ("kind", "written", "published", "media_type"),
    [
        ("JPEG", "photo.jpg", "photo.jpg", "image/jpeg"),
        ("JPEG", "Photo.JPEG", "photo.jpg", "image/jpeg"),
        ("PNG", "map.png", "map.png", "image/png"),
        ("WEBP", "pic.webp", "pic.webp", "image/webp"),
        ("GIF", "anim.gif", "anim.gif", "image/gif"),
        # Told by its bytes: a PNG named .jpg is published as the PNG it is.
        ("PNG", "named-wrong.jpg", "named-wrong.png", "image/png"),
    ],
)
def test_each_allowed_type_is_a_lead_image(
    tmp_path: Path, make_site: MakeSite, kind: str, written: str, published: str, media_type: str
) -> None:
    data = picture(kind, (300, 200))
    files = {"seeds/a.md": markdown(f"image: {written}\n"), f"seeds/{written}": data}
    article = only_article(load(tmp_path, make_site, files))
    assert article.image is not None
    assert (article.image.name, article.image.media_type) == (published, media_type)
    assert (article.image.width, article.image.height, article.image.size) == (300, 200, len(data))
    assert article.images == (article.image,)


def test_a_seed_shows_the_image_of_its_name(tmp_path: Path, make_site: MakeSite) -> None:
    files = {SEED: SEED_TEXT, SEED.replace(".txt", ".jpg"): picture(size=(640, 480))}
    article = only_article(load(tmp_path, make_site, files))
    assert article.image is not None
    assert (article.image.name, article.image.width) == ("001-00000000000000aa.jpg", 640)
    assert article.image.alt == ""  # a seed says nothing of it: no words are made up


def test_an_image_of_another_name_is_no_seeds(tmp_path: Path, make_site: MakeSite) -> None:
    files = {SEED: SEED_TEXT, "seeds/001_00000000000000bb.jpg": picture()}
    result = load(tmp_path, make_site, files)
    assert only_article(result).image is None
    assert result.ignored_files == 0  # an image is no stray file, shown or not


def test_markdown_lead_with_words_and_body_images(tmp_path: Path, make_site: MakeSite) -> None:
    front = "image:\n  src: photos/lead.jpg\n  alt: Мост\n  caption: Фото пресс-службы\n"
    body = (
        "Текст ![Карта города](photos/%D0%9A%D0%B0%D1%80%D1%82%D0%B0.png) "
        "и [снимок](photos/lead.jpg)."
    )
    files = {
        "seeds/2025/a.md": markdown(front, body),
        "seeds/2025/photos/lead.jpg": picture(size=(800, 600)),
        "seeds/2025/photos/Карта.png": picture("PNG", (400, 300)),
    }
    article = only_article(load(tmp_path, make_site, files))
    assert article.image is not None
    assert (article.image.alt, article.image.caption) == ("Мост", "Фото пресс-службы")
    assert [image.name for image in article.images] == ["lead.jpg", "karta.png"]
    assert article.body_html is not None
    assert (
        '<img alt="Карта города" src="karta.png" width="400" height="300" loading="lazy"'
        ' decoding="async">' in article.body_html
    )
    assert '<a href="lead.jpg"' in article.body_html


def test_same_names_from_two_folders_stay_apart(tmp_path: Path, make_site: MakeSite) -> None:
    body = "Два снимка: ![a](one/photo.jpg) ![b](two/photo.jpg)"
    files = {
        "seeds/a.md": markdown("", body),
        "seeds/one/photo.jpg": picture(colour=(10, 10, 10)),
        "seeds/two/photo.jpg": picture(colour=(200, 200, 200)),
    }
    article = only_article(load(tmp_path, make_site, files))
    first, second = article.images
    assert first.name == "photo.jpg"
    assert second.name == f"photo-{second.digest[:8]}.jpg"
    assert article.body_html is not None
    assert f'src="{second.name}"' in article.body_html


def test_addresses_and_site_paths_are_left_as_written(tmp_path: Path, make_site: MakeSite) -> None:
    body = "Снимки: ![a](https://example.org/a.jpg) ![b](/static/b.png)"
    article = only_article(load(tmp_path, make_site, {"seeds/a.md": markdown("", body)}))
    assert article.images == ()
    assert article.body_html is not None
    assert 'src="https://example.org/a.jpg"' in article.body_html
    assert 'src="/static/b.png"' in article.body_html


def test_every_bad_image_is_reported_at_its_line(tmp_path: Path, make_site: MakeSite) -> None:
    body = (
        "Первый абзац.\n\n"
        "![нет](missing.png)\n\n"
        "![вне](../../outside.jpg)\n\n"
        "![svg](logo.svg)\n\n"
        "![bmp](old.bmp)\n\n"
        "![html](page.jpg)\n\n"
        "![обрезан](cut.jpg)\n"
    )
    whole = picture(size=(1200, 800))
    files = {
        "seeds/a.md": markdown("image: http://example.org/lead.jpg\n", body),
        "seeds/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "seeds/old.bmp": picture("BMP", (20, 20)),
        "seeds/page.jpg": "<html><script>alert(1)</script></html>",
        "seeds/cut.jpg": whole[: len(whole) // 2],
        "outside.jpg": picture(),
    }
    found = messages(load(tmp_path, make_site, files))
    assert found[-1].startswith(
        "seeds/a.md:18: image 'cut.jpg' is damaged: image file is truncated"
    )
    assert found[:-1] == [
        "seeds/a.md:4: image 'http://example.org/lead.jpg' must be a file in the source "
        "folder, named by its path from the article's file",
        "seeds/a.md:8: image 'missing.png' is missing: there is no file seeds/missing.png",
        "seeds/a.md:10: image '../../outside.jpg' is outside the source folder",
        "seeds/a.md:12: image 'logo.svg' is SVG or markup: it could run script, use PNG, JPEG, "
        "WebP or GIF",
        "seeds/a.md:14: image 'old.bmp' is BMP: use PNG, JPEG, WebP or GIF",
        "seeds/a.md:16: image 'page.jpg' is SVG or markup: it could run script, use PNG, JPEG, "
        "WebP or GIF",
    ]


def test_a_missing_image_written_percent_encoded_is_found_at_its_line(
    tmp_path: Path, make_site: MakeSite
) -> None:
    body = "Первый абзац.\n\n![Карта](img/%D0%9A%D0%B0%D1%80%D1%82%D0%B0.png)\n"
    result = load(tmp_path, make_site, {"seeds/a.md": markdown("", body)})
    assert messages(result) == [
        "seeds/a.md:7: image 'img/Карта.png' is missing: there is no file seeds/img/Карта.png"
    ]


def test_a_link_out_of_the_source_folder_is_refused(tmp_path: Path, make_site: MakeSite) -> None:
    site = make_site(tmp_path / "site", {"seeds/a.md": markdown("image: photo.jpg\n")})
    (tmp_path / "secret.jpg").write_bytes(picture())
    os.symlink(tmp_path / "secret.jpg", site / "seeds" / "photo.jpg")
    result = load_sources(site / "seeds")
    assert messages(result) == ["seeds/a.md:4: image 'photo.jpg' is outside the source folder"]


def test_size_and_pixel_limits(tmp_path: Path, make_site: MakeSite) -> None:
    files = {
        "seeds/a.md": markdown("image: big.jpg\n"),
        "seeds/big.jpg": picture() + bytes(400 * 1024),  # the size is checked before reading
        "seeds/b.md": markdown("image: huge.png\n").replace("Статья", "Другая"),
        # 8,000 × 7,000 pixels in 227 KB: decoded, 56 million of them.
        "seeds/huge.png": picture("PNG", (8000, 7000)),
    }
    result = load(tmp_path, make_site, files, max_image_bytes=300 * 1024)
    big = len(picture()) + 400 * 1024
    assert messages(result) == [
        f"seeds/a.md:4: image 'big.jpg' is {-(-big // 1024):,} KB, over the limit of 300 KB "
        "(max_image_kb in newsgen.yaml)",
        "seeds/b.md:4: image 'huge.png' is 8,000×7,000 pixels: at most 50 megapixels",
    ]


def test_a_turned_photo_is_sized_as_it_is_shown(tmp_path: Path, make_site: MakeSite) -> None:
    files = {
        "seeds/a.md": markdown("image: phone.jpg\n"),
        "seeds/phone.jpg": picture(size=(400, 300), orientation=6),  # held upright
    }
    image = only_article(load(tmp_path, make_site, files)).image
    assert image is not None
    assert (image.width, image.height) == (300, 400)


def test_a_bad_seed_image_is_reported_by_its_own_path(tmp_path: Path, make_site: MakeSite) -> None:
    files = {SEED: SEED_TEXT, SEED.replace(".txt", ".png"): b"\x89PNG\r\n\x1a\n broken"}
    result = load(tmp_path, make_site, files)
    assert result.articles == ()
    [problem] = result.problems
    assert problem.path == "seeds/001_00000000000000aa.png"
    assert problem.message.startswith("the image of 001_00000000000000aa.txt is ")


def reload(site: Path, memo: LoadMemo) -> LoadResult:
    return load_sources(site / "seeds", memo=memo)


def test_the_memo_reads_an_article_again_when_its_images_change(
    tmp_path: Path, make_site: MakeSite
) -> None:
    files = {SEED: SEED_TEXT, "seeds/a.md": markdown("image: photo.jpg\n")}
    site = make_site(tmp_path / "site", files)
    memo = LoadMemo()
    first = reload(site, memo)
    assert [p.line for p in first.problems] == [4]  # photo.jpg is not there yet
    seeds = site / "seeds"
    (seeds / "photo.jpg").write_bytes(picture(size=(300, 200)))
    second = reload(site, memo)
    assert (second.problems, second.files_read) == ((), 1)
    (seeds / "001_00000000000000aa.webp").write_bytes(picture("WEBP", (50, 40)))
    third = reload(site, memo)
    assert third.files_read == 1
    by_kind = {a.source_path: a.image for a in third.articles}
    assert by_kind["seeds/001_00000000000000aa.txt"] is not None
    (seeds / "photo.jpg").write_bytes(picture(size=(500, 200)))
    fourth = reload(site, memo)
    widths = {a.source_path: a.image.width for a in fourth.articles if a.image}
    assert (fourth.files_read, widths["seeds/a.md"]) == (1, 500)
    (seeds / "001_00000000000000aa.webp").unlink()
    fifth = reload(site, memo)
    assert fifth.files_read == 1
    assert [a.source_path for a in fifth.articles if a.image is None] == [SEED]
    assert reload(site, memo).files_read == 0


def test_the_kept_memo_remembers_images(tmp_path: Path, make_site: MakeSite) -> None:
    files = {SEED: SEED_TEXT, SEED.replace(".txt", ".jpg"): picture()}
    site = make_site(tmp_path / "site", files)
    seeds, kept, limits = site / "seeds", tmp_path / "sources.sqlite", Limits()
    memo = LoadMemo()
    first = load_sources(seeds, memo=memo)
    write_load_memo(memo, kept, seeds, limits)
    again = read_load_memo(kept, seeds, limits)
    second = load_sources(seeds, memo=again)
    assert (second.files_read, second.articles) == (0, first.articles)
    (seeds / "001_00000000000000aa.jpg").unlink()
    third = load_sources(seeds, memo=read_load_memo(kept, seeds, limits))
    assert third.files_read == 1
    assert third.articles[0].image is None
