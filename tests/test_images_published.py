"""Images as a reader, a feed reader and a search engine see them in a built site."""

from __future__ import annotations

import io
import json
from pathlib import Path

import feedparser
import pytest
from conftest import BuiltSite, MakeSite
from pictures import picture
from PIL import Image
from sitetools import find_all, meta_property, newsgen, read_page, snapshot

from newsgen.render.image_copies import THUMBNAIL_PIXELS

SIGNING = "2025/11/05/kazakhstan-i-ssha-podpisali-soglasheniya-na-17-mlrd-dollarov/"
BRIDGE = "2025/11/07/v-astane-otkrylsya-novyy-most-cherez-ishim-1a2b3c4d/"


def test_images_are_published_beside_their_articles(any_site: BuiltSite) -> None:
    build = any_site.build
    assert (build / BRIDGE / "001-1a2b3c4d5e6f7081.jpg").read_bytes() == (
        any_site.site / "seeds/001_1a2b3c4d5e6f7081.jpg"
    ).read_bytes()
    photos = any_site.site / "seeds/articles/photos"
    assert (build / SIGNING / "signing.jpg").read_bytes() == (photos / "signing.jpg").read_bytes()
    assert (build / SIGNING / "map.png").read_bytes() == (photos / "map.png").read_bytes()
    for folder, name, height in ((BRIDGE, "001-1a2b3c4d5e6f7081", 427), (SIGNING, "signing", 427)):
        with Image.open(build / folder / f"{name}.thumb.webp") as thumbnail:
            assert (thumbnail.format, thumbnail.size) == ("WEBP", THUMBNAIL_PIXELS)
        with Image.open(build / folder / f"{name}.640.webp") as narrower:
            assert (narrower.format, narrower.size) == ("WEBP", (640, height))
    # No copy is wider than the image: a 1,280 one is made of wider images only.
    assert not list(build.glob("2025/*/*/*/*.1280.webp"))


def test_the_article_page_shows_its_lead_image_sized(sample_site: BuiltSite) -> None:
    page = read_page(sample_site.build / SIGNING / "index.html")
    [figure] = find_all(page, "figure", class_="lead-image")
    [link] = figure.iter("a")
    [image] = link.iter("img")
    assert link.get("href") == "signing.jpg"  # the image itself, whole
    assert image.attrib == {
        "src": "signing.jpg",  # 900 pixels wide: offered itself beside its narrower copy
        "srcset": "signing.640.webp 640w, signing.jpg 900w",
        "sizes": "(max-width: 40rem) 100vw, 38rem",
        "width": "900",
        "height": "600",
        "alt": "Лидеры за столом с подписанными соглашениями",
        "fetchpriority": "high",
    }
    caption = "".join(figure.find("figcaption").itertext())  # type: ignore[union-attr]
    assert caption == "Подписание в\N{NO-BREAK SPACE}Вашингтоне"  # typeset as text is
    [in_body] = [img for img in page.iter("img") if img.get("src") == "map.png"]
    assert (in_body.get("width"), in_body.get("height"), in_body.get("loading")) == (
        "640",
        "400",
        "lazy",
    )


def test_link_previews_and_json_ld_name_the_image(any_site: BuiltSite) -> None:
    page = read_page(any_site.build / SIGNING / "index.html")
    address = f"{any_site.base_url}{SIGNING}signing.jpg"
    assert meta_property(page, "og:image") == address
    assert meta_property(page, "og:image:width") == "900"
    assert meta_property(page, "og:image:alt") == "Лидеры за столом с подписанными соглашениями"
    scripts = [
        json.loads(s.text or "") for s in find_all(page, "script", type="application/ld+json")
    ]
    [article] = [data for data in scripts if data["@type"] == "NewsArticle"]
    assert article["image"][0] == {
        "@type": "ImageObject",
        "url": address,
        "width": 900,
        "height": 600,
        "encodingFormat": "image/jpeg",
        "caption": "Подписание в Вашингтоне",
    }
    assert article["image"][1]["url"] == f"{any_site.base_url}{SIGNING}map.png"


def test_lists_show_thumbnails_only_of_articles_with_images(sample_site: BuiltSite) -> None:
    day = read_page(sample_site.build / "2025/11/07/index.html")  # the sample seed has none
    assert [img.get("src") for img in find_all(day, "img", class_="thumb")] == [
        f"../../../{BRIDGE}001-1a2b3c4d5e6f7081.thumb.webp"
    ]
    topic = read_page(sample_site.build / "topics/ssha/index.html")
    thumbnails = {img.get("src"): img.attrib for img in find_all(topic, "img", class_="thumb")}
    assert set(thumbnails) == {f"../../{SIGNING}signing.thumb.webp"}
    for attributes in thumbnails.values():
        assert (attributes["width"], attributes["height"]) == ("120", "80")
        assert (attributes["loading"], attributes["alt"]) == ("lazy", "")


def test_feeds_carry_the_image_as_an_enclosure(any_site: BuiltSite) -> None:
    for name in ("feed.xml", "rss.xml"):
        feed = feedparser.parse((any_site.build / name).read_bytes())
        assert not feed.bozo, name
        entry = next(e for e in feed.entries if e.link == f"{any_site.base_url}{BRIDGE}")
        [enclosure] = entry.enclosures
        size = (any_site.site / "seeds/001_1a2b3c4d5e6f7081.jpg").stat().st_size
        assert enclosure.href == f"{any_site.base_url}{BRIDGE}001-1a2b3c4d5e6f7081.jpg"
        assert (enclosure.type, int(enclosure.length)) == ("image/jpeg", size)


def test_a_feed_names_body_images_by_their_address(tmp_path: Path, make_site: MakeSite) -> None:
    site = site_with_photo(make_site, tmp_path / "site")
    (site / "seeds/a.md").write_text(
        "---\ntitle: Статья\ndate: 2025-11-06\n---\nТекст ![Карта](a.png) здесь.\n", "utf-8"
    )
    base = "https://example.org/news/"
    assert newsgen("build", "--site", site, "--no-search", "--base-url", base).code == 0
    page = "2025/11/06/statya/"
    assert 'src="a.png"' in (site / "build" / page / "index.html").read_text("utf-8")
    for name in ("feed.xml", "rss.xml"):
        feed = feedparser.parse((site / "build" / name).read_bytes())
        entry = next(e for e in feed.entries if e.link == f"{base}{page}")
        assert f'src="{base}{page}a.png"' in entry.content[0].value, name


def site_with_photo(make_site: MakeSite, folder: Path) -> Path:
    files = {
        "seeds/001_00000000000000aa.txt": " date 2025-11-07 В Астане открылся мост.\n\nТекст.",
        "seeds/001_00000000000000aa.jpg": picture(size=(600, 400)),
        "seeds/a.md": "---\ntitle: Статья\ndate: 2025-11-06\nimage: a.png\n---\nТекст.\n",
        "seeds/a.png": picture("PNG", (300, 200)),
    }
    return make_site(folder, files)


ARTICLE = "2025/11/07/v-astane-otkrylsya-most-00000000/"


def test_a_rebuild_keeps_images_and_follows_their_changes(
    tmp_path: Path, make_site: MakeSite
) -> None:
    site = site_with_photo(make_site, tmp_path / "site")
    build = site / "build"
    assert newsgen("build", "--site", site, "--no-search").code == 0
    kept = snapshot(build)
    (site / "seeds/a.md").write_text(
        "---\ntitle: Статья\ndate: 2025-11-06\nimage: a.png\n---\nДругой текст.\n", "utf-8"
    )
    assert newsgen("build", "--site", site, "--no-search").code == 0
    after = snapshot(build)
    for name in ("001-00000000000000aa.jpg", "001-00000000000000aa.thumb.webp"):
        assert after[f"{ARTICLE}{name}"] == kept[f"{ARTICLE}{name}"]  # the same file, kept
    (site / "seeds/001_00000000000000aa.jpg").write_bytes(picture(size=(800, 400)))
    assert newsgen("build", "--site", site, "--no-search").code == 0
    page = read_page(build / ARTICLE / "index.html")
    assert find_all(page, "img", src="001-00000000000000aa.jpg")[0].get("width") == "800"
    with Image.open(io.BytesIO((build / ARTICLE / "001-00000000000000aa.jpg").read_bytes())) as im:
        assert im.size == (800, 400)
    (site / "seeds/001_00000000000000aa.jpg").unlink()
    assert newsgen("build", "--site", site, "--no-search").code == 0
    assert not (build / ARTICLE / "001-00000000000000aa.jpg").exists()
    assert not (build / ARTICLE / "001-00000000000000aa.thumb.webp").exists()
    assert find_all(read_page(build / ARTICLE / "index.html"), "figure") == []


def test_a_bad_image_stops_the_build_and_keeps_the_site(
    tmp_path: Path, make_site: MakeSite
) -> None:
    site = site_with_photo(make_site, tmp_path / "site")
    assert newsgen("build", "--site", site, "--no-search").code == 0
    before = snapshot(site / "build")
    (site / "seeds/a.png").write_bytes(b"<svg onload='alert(1)'/>")
    run = newsgen("build", "--site", site, "--no-search")
    assert run.code != 0
    assert "seeds/a.md:4: image 'a.png' is SVG or markup" in run.err
    assert snapshot(site / "build") == before


@pytest.mark.parametrize("setting", ["max_image_kb: 1\n"])
def test_the_image_limit_is_a_setting(tmp_path: Path, make_site: MakeSite, setting: str) -> None:
    site = site_with_photo(make_site, tmp_path / "site")
    (site / "newsgen.yaml").write_text(setting, "utf-8")
    run = newsgen("build", "--site", site, "--no-search")
    assert run.code != 0
    assert "over the limit of 1 KB (max_image_kb in newsgen.yaml)" in run.err


def test_a_wide_photo_is_offered_in_copies_only(tmp_path: Path, make_site: MakeSite) -> None:
    """A 2,000-pixel photo is never what a page downloads: its copies are; the photo itself
    is one click away."""
    site = site_with_photo(make_site, tmp_path / "site")
    (site / "seeds/001_00000000000000aa.jpg").write_bytes(picture(size=(2000, 1000)))
    assert newsgen("build", "--site", site, "--no-search").code == 0
    [image] = read_page(site / "build" / ARTICLE / "index.html").iter("img")
    stem = "001-00000000000000aa"
    assert image.get("src") == f"{stem}.1280.webp"
    assert image.get("srcset") == f"{stem}.640.webp 640w, {stem}.1280.webp 1280w"
    with Image.open(site / "build" / ARTICLE / f"{stem}.1280.webp") as copy:
        assert copy.size == (1280, 640)
