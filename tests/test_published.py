"""What a published page tells search engines and link previews: its description,
OpenGraph, and schema.org data (a NewsArticle per article, the breadcrumbs of every page)."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import feedparser
import pytest
from conftest import SAMPLE_URL, BuiltSite, MakeSite
from sitetools import (
    article_pages,
    find_all,
    html_files,
    meta_property,
    newsgen,
    read_page,
    resolve_internal,
    text_of,
    tree_bytes,
    url_of,
)

RFC3339_WITH_ZONE = "%Y-%m-%dT%H:%M:%S%z"


def description(page: ET.Element) -> str | None:
    found = [m.get("content") for m in page.iter("meta") if m.get("name") == "description"]
    assert len(found) <= 1
    return found[0] if found else None


def structured_data(page: ET.Element, kind: str) -> list[dict[str, Any]]:
    scripts = find_all(page, "script", type="application/ld+json")
    data = [json.loads(script.text or "") for script in scripts]
    return [item for item in data if item["@type"] == kind]


def test_every_page_has_a_description_of_its_own(every_site: BuiltSite) -> None:
    """Search engines show it under the link: present, one line, short, and not the same
    on pages that show different things."""
    pages = html_files(every_site.build)
    said = {path: description(read_page(path)) for path in pages}
    for path, text in said.items():
        assert text, f"{path} has no description"
        assert len(text) <= 161 and "\n" not in text, (path, text)
    articles = [said[path] for path in article_pages(every_site.build)]
    assert len(set(articles)) == len(articles)
    assert len(set(said.values())) > len(pages) * 0.9


def test_an_article_is_described_by_its_summary(sample_site: BuiltSite) -> None:
    page = read_page(sample_site.build / SAMPLE_URL / "index.html")
    text = description(page)
    assert text and text.startswith("«Я только что провел")  # what follows the headline
    assert meta_property(page, "og:description") == text


def test_a_day_is_described_by_its_count_and_headlines(sample_site: BuiltSite) -> None:
    text = description(read_page(sample_site.build / "2025/11/07/index.html"))
    assert text and text.startswith("Новости за 7 ноября 2025: 2 статьи. ")
    assert "Казахстан стал первой страной" in text  # the day's headlines, newest first


def test_every_hosted_page_has_opengraph_with_its_locale(any_site: BuiltSite) -> None:
    for path in html_files(any_site.build):
        if path.name == "404.html":
            continue
        page = read_page(path)
        address = any_site.base_url + url_of(any_site.build, path)
        assert meta_property(page, "og:url") == address, path
        assert meta_property(page, "og:locale") == "ru_RU"
        assert meta_property(page, "og:site_name") == "Тестовый архив"
        assert meta_property(page, "og:title")
        assert meta_property(page, "og:description") == description(page)
        expected = "article" if path in article_pages(any_site.build) else "website"
        assert meta_property(page, "og:type") == expected, path


def test_every_article_has_a_complete_news_article(any_site: BuiltSite) -> None:
    build, base = any_site.build, any_site.base_url
    for path in article_pages(build):
        page = read_page(path)
        (data,) = structured_data(page, "NewsArticle")
        address = base + url_of(build, path)
        assert data["@context"] == "https://schema.org"
        assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": address}
        title = text_of(page.find(".//h1"))  # type: ignore[arg-type]
        assert len(data["headline"]) <= 110
        assert title.startswith(data["headline"].removesuffix("…"))
        for field in ("datePublished", "dateModified"):
            assert dt.datetime.strptime(data[field], RFC3339_WITH_ZONE).tzinfo is not None
        assert data["author"]["name"] == data["publisher"]["name"] == "Тестовый архив"
        logo = data["publisher"]["logo"]
        assert logo["@type"] == "ImageObject"
        logo_file = resolve_internal(build, path, logo["url"], base)
        assert logo_file is not None and logo_file.read_bytes().startswith(b"\x89PNG")
        assert data["description"] == description(page)
        for thing in data["about"]:
            assert thing["@type"] in ("Person", "Place", "Organization", "Thing")
            topic_page = resolve_internal(build, path, thing["url"], base)
            assert topic_page is not None and topic_page.is_file()


def test_a_long_headline_is_cut_at_a_word_for_search_engines(sample_site: BuiltSite) -> None:
    page = read_page(sample_site.build / SAMPLE_URL / "index.html")
    (data,) = structured_data(page, "NewsArticle")
    assert data["headline"] == (
        "Казахстан стал первой страной, присоединившейся к Авраамовым соглашениям в период "
        "второго президентского…"
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (SAMPLE_URL, "2025-11-07T00:00:00+03:00"),  # a date alone: the day began in Moscow
        (
            "2025/11/05/kazakhstan-i-ssha-podpisali-soglasheniya-na-17-mlrd-dollarov/",
            "2025-11-05T14:30:00+03:00",
        ),
        (
            "2024/12/31/zhiteli-astany-vstretili-novyy-god-salyutom-3c4d5e6f/",
            "2024-12-31T23:30:00+05:00",
        ),
    ],
    ids=["date-only", "zoned", "seed-with-zone"],
)
def test_dates_are_given_in_the_site_zone_or_their_own(
    sample_site: BuiltSite, url: str, expected: str
) -> None:
    page = read_page(sample_site.build / url / "index.html")
    (data,) = structured_data(page, "NewsArticle")
    assert data["datePublished"] == data["dateModified"] == expected
    assert meta_property(page, "article:published_time") == expected
    assert page.find(".//article//time").get("datetime") == expected  # type: ignore[union-attr]


def test_the_time_of_day_is_shown_where_the_source_gives_it(sample_site: BuiltSite) -> None:
    shown = {
        text_of(time)
        for path in article_pages(sample_site.build)
        for time in [read_page(path).find(".//article//time")]
        if time is not None
    }
    assert "5 ноября 2025, 14:30" in shown  # Moscow's own offset: no zone said
    assert "6 ноября 2025, 23:30 UTC−05:00" in shown  # as written, with its zone
    assert "7 ноября 2025" in shown  # a date alone: no time made up


def test_breadcrumbs_are_given_as_schema_org_data_matching_the_links(
    any_site: BuiltSite,
) -> None:
    build, base = any_site.build, any_site.base_url
    checked = 0
    for path in html_files(build):
        page = read_page(path)
        navs = find_all(page, "nav", class_="breadcrumbs")
        lists = structured_data(page, "BreadcrumbList")
        assert len(lists) == len(navs) <= 1, path
        if not navs:
            continue
        shown = [(text_of(a), a.get("href")) for a in navs[0].iter("a")]
        current = navs[0].find(".//span[@aria-current='page']")
        items = lists[0]["itemListElement"]
        assert [item["position"] for item in items] == list(range(1, len(items) + 1))
        linked = [(item["name"], item["item"]) for item in items if "item" in item]
        assert [name for name, _ in linked] == [name for name, _ in shown]
        for (_, absolute), (_, href) in zip(linked, shown, strict=True):
            assert resolve_internal(build, path, absolute, base) == resolve_internal(
                build, path, href or "", base
            )
        if current is not None:
            assert items[-1] == {
                "@type": "ListItem",
                "position": len(items),
                "name": text_of(current),
            }
        checked += 1
    assert checked > 20


def test_without_base_url_nothing_absolute_is_claimed(unhosted_site: BuiltSite) -> None:
    for path in html_files(unhosted_site.build):
        page = read_page(path)
        assert description(page)
        assert find_all(page, "script", type="application/ld+json") == []
        assert meta_property(page, "og:url") is None
        assert find_all(page, "link", rel="canonical") == []


def test_a_site_time_zone_dates_date_only_articles_there(
    make_site: MakeSite, tmp_path: Path
) -> None:
    site = make_site(
        tmp_path,
        {
            "newsgen.yaml": "time_zone: Asia/Almaty\nbase_url: https://example.org/\n",
            "seeds/001_00000000000000aa.txt": " date 2023-11-07 Новость дня в Алматы.",
            "seeds/002_00000000000000bb.txt": " date 2024-11-07 Новость через год.",
        },
    )
    run = newsgen("build", "--site", site, "--jobs", "1")
    assert run.code == 0, run.err
    published = sorted(
        structured_data(read_page(path), "NewsArticle")[0]["datePublished"]
        for path in article_pages(site / "build")
    )
    # Almaty kept UTC+6 until March 2024, then UTC+5.
    assert published == ["2023-11-07T00:00:00+06:00", "2024-11-07T00:00:00+05:00"]


BYLINE_SITE = {
    "newsgen.yaml": "base_url: https://example.org/\nauthor: Редакция\nsearch: false\n",
    "seeds/full.md": (
        "---\n"
        "title: Полная статья\n"
        "date: 2025-11-06\n"
        "updated: 2025-11-07T10:15+03:00\n"
        "author: [Иван Петров, Анна Смирнова]\n"
        "tags: [Экономика]\n"
        "extra:\n"
        "  source: https://example.com/original\n"
        "---\n"
        "Текст статьи.\n"
    ),
    "seeds/001_00000000000000aa.txt": " date 2025-11-05 Новость без автора.",
}


def built_pages(site: Path) -> dict[str, ET.Element]:
    return {
        text_of(read_page(p).find(".//h1")): read_page(p) for p in article_pages(site / "build")
    }  # type: ignore[arg-type]


def test_authors_and_corrections_are_shown_and_told(make_site: MakeSite, tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", BYLINE_SITE)
    run = newsgen("build", "--site", site, "--jobs", "1")
    assert run.code == 0, run.err
    pages = built_pages(site)
    full, plain = pages["Полная статья"], pages["Новость без автора"]
    meta = text_of(full.find(".//article//p[@class='meta']"))  # type: ignore[arg-type]
    assert (
        meta
        == "Иван Петров, Анна Смирнова · 6 ноября 2025 · обновлено 7 ноября 2025 · 1 мин чтения"
    )
    (data,) = structured_data(full, "NewsArticle")
    assert [(person["@type"], person["name"]) for person in data["author"]] == [
        ("Person", "Иван Петров"),
        ("Person", "Анна Смирнова"),
    ]
    assert data["dateModified"] == "2025-11-07T10:15:00+03:00"
    assert data["datePublished"] == "2025-11-06T00:00:00+03:00"
    assert meta_property(full, "article:modified_time") == "2025-11-07T10:15:00+03:00"
    assert structured_data(plain, "NewsArticle")[0]["author"] == [
        {"@type": "Person", "name": "Редакция"}  # the site's `author`
    ]
    topic_feed = feedparser.parse((site / "build/topics/ekonomika/feed.xml").read_bytes())
    (entry,) = topic_feed.entries
    assert [a.name for a in entry.authors] == ["Иван Петров", "Анна Смирнова"]
    assert entry.updated == "2025-11-07T10:15:00+03:00"
    assert topic_feed.feed.updated == "2025-11-07T10:15:00+03:00"
    rss = (site / "build/topics/ekonomika/rss.xml").read_text(encoding="utf-8")
    assert "<dc:creator>Иван Петров</dc:creator>" in rss
    lastmod = sitemap_lastmods(site / "build/sitemap.xml")
    assert lastmod["https://example.org/2025/11/06/polnaya-statya/"] == "2025-11-07"


def sitemap_lastmods(path: Path) -> dict[str | None, str | None]:
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(path).getroot()
    return {u.findtext("sm:loc", namespaces=ns): u.findtext("sm:lastmod", namespaces=ns)
            for u in root.findall("sm:url", ns)}  # fmt: skip


def test_a_theme_reads_extra_and_the_load_memo_keeps_the_new_fields(
    make_site: MakeSite, tmp_path: Path
) -> None:
    files = {
        **BYLINE_SITE,
        "templates/article.html": "<p>{{ article.extra.get('source', '') }} "
        "{{ article.authors|join('+') }}"
        " {{ article.updated.isoformat() if article.updated else '' }}</p>\n",
    }
    site = make_site(tmp_path / "site", files)
    assert newsgen("build", "--site", site, "--jobs", "1").code == 0
    page = site / "build/2025/11/06/polnaya-statya/index.html"
    expected = (
        "<p>https://example.com/original Иван Петров+Анна Смирнова 2025-11-07T10:15:00+03:00</p>"
    )
    assert page.read_text(encoding="utf-8") == expected
    # Rebuilt with the article read back from the load memo: the same site, byte for byte.
    other = site / "seeds/001_00000000000000aa.txt"
    other.write_text(other.read_text(encoding="utf-8") + " Дополнение.", encoding="utf-8")
    again = newsgen("build", "--site", site, "--jobs", "1")
    assert again.code == 0 and again.built.sources_read == 1, again.err
    fresh = make_site(
        tmp_path / "fresh",
        {**files, other.relative_to(site).as_posix(): other.read_text(encoding="utf-8")},
    )
    assert newsgen("build", "--site", fresh, "--jobs", "1").code == 0
    assert tree_bytes(site / "build") == tree_bytes(fresh / "build")


def test_each_named_author_has_a_page_linked_from_the_byline(
    make_site: MakeSite, tmp_path: Path
) -> None:
    site = make_site(tmp_path / "site", BYLINE_SITE)
    assert newsgen("build", "--site", site, "--jobs", "1").code == 0
    build = site / "build"
    article = build / "2025/11/06/polnaya-statya/index.html"
    byline = read_page(article).find(".//span[@class='byline']")
    assert byline is not None
    links = {
        text_of(a): resolve_internal(build, article, a.get("href", ""), "")
        for a in byline.iter("a")
    }
    assert set(links) == {"Иван Петров", "Анна Смирнова"}
    for name, page in links.items():
        assert page is not None and page.is_file()
        shown = read_page(page)
        assert text_of(shown.find(".//h1")) == name  # type: ignore[arg-type]
        titles = [text_of(h) for h in shown.iter("h2") if h.get("class") == "teaser-title"]
        assert titles == ["Полная статья"]
    (data,) = structured_data(read_page(article), "NewsArticle")
    assert [person["url"] for person in data["author"]] == [
        "https://example.org/authors/ivan-petrov/",
        "https://example.org/authors/anna-smirnova/",
    ]
    index = read_page(build / "authors/index.html")
    assert [text_of(a) for a in index.iter("a") if "authors/" in a.get("href", "")] == [
        "Анна Смирнова 1",
        "Иван Петров 1",
    ]
    # The site's own author (for articles that name none) has no page.
    assert not (build / "authors/redaktsiya").exists()


def test_a_site_whose_articles_name_no_author_has_no_authors_pages(
    sample_site: BuiltSite,
) -> None:
    assert not (sample_site.build / "authors").exists()
