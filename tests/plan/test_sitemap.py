"""sitemap.xml and robots.txt of a built site, and the sitemap index past the URL limit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import ROOT_BASE_URL as ROOT
from conftest import SAMPLE_URL, BuiltSite, MakeSite, sample_html_pages
from sitetools import SITEMAP_NS, html_files, make_article, newsgen, sitemap_locations, url_of

from newsgen.config import SiteConfig
from newsgen.plan import site as plan
from newsgen.plan.pages import (
    NotFoundContext,
    Page,
    SiteFeedContext,
    SitemapContext,
    SitemapIndexContext,
)
from newsgen.plan.sitemap import MAX_NEWS, news_articles, sitemap_pages
from newsgen.records import Teaser
from newsgen.times import SiteTimes


def expected_locations(build: Path, base_url: str) -> list[str]:
    """The address of every HTML page of the build but 404.html and the search page."""
    unlisted = {build / "404.html", build / "search/index.html"}
    pages = [page for page in html_files(build) if page not in unlisted]
    return sorted(base_url + url_of(build, page) for page in pages)


def test_sitemap_lists_every_page_but_not_found(any_site: BuiltSite) -> None:
    locations = sitemap_locations(any_site.build / "sitemap.xml")
    assert len(locations) == len(set(locations)) == sample_html_pages() - 2  # not 404, search
    assert sorted(locations) == expected_locations(any_site.build, any_site.base_url)
    assert f"{any_site.base_url}404.html" not in locations
    assert any_site.base_url in locations  # the home page, as its folder URL


def find(element: ET.Element, path: str) -> str | None:
    return element.findtext(path, namespaces=SITEMAP_NS)


def test_sitemap_gives_articles_their_date(sample_site: BuiltSite) -> None:
    root = ET.parse(sample_site.build / "sitemap.xml").getroot()
    lastmod = {
        find(url, "sm:loc"): find(url, "sm:lastmod") for url in root.findall("sm:url", SITEMAP_NS)
    }
    assert lastmod["https://example.org/2024/06/15/astana-summer/"] == "2024-06-15"
    assert lastmod["https://example.org/2024/06/15/"] is None


def test_robots_points_at_the_sitemaps(any_site: BuiltSite) -> None:
    robots = (any_site.build / "robots.txt").read_text(encoding="utf-8")
    base = any_site.base_url
    assert robots == (
        f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\nSitemap: {base}sitemap-news.xml\n"
    )


def test_a_site_without_base_url_has_no_sitemap(unhosted_site: BuiltSite) -> None:
    """A sitemap must give absolute addresses; with no base URL there is none to give."""
    assert not list(unhosted_site.build.glob("sitemap*.xml"))
    robots = (unhosted_site.build / "robots.txt").read_text(encoding="utf-8")
    assert robots == "User-agent: *\nAllow: /\n"


def test_sitemap_past_the_limit_becomes_an_index_of_parts(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan, "sitemap_pages", functools.partial(sitemap_pages, limit=5))
    seeds = {
        f"seeds/{n:03d}_{n:016x}.txt": f" date 2025-11-{n:02d} Новость номер {n}."
        for n in range(1, 6)
    }
    site = make_site(tmp_path, seeds)
    base = "https://example.org/news/"
    assert newsgen("build", "--site", site, "--base-url", base, "--jobs", "1").code == 0
    build = site / "build"
    index = ET.parse(build / "sitemap.xml").getroot()
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = [loc.text for loc in index.findall("sm:sitemap/sm:loc", SITEMAP_NS)]
    # 5 articles, 5 days, 1 month, 1 year, home, archive, topics: 15 pages in 3 parts,
    # and the news sitemap.
    assert parts == [f"{base}sitemap-{n}.xml" for n in (1, 2, 3)] + [f"{base}sitemap-news.xml"]
    listed = []
    for n in (1, 2, 3):
        locations = sitemap_locations(build / f"sitemap-{n}.xml")
        assert 0 < len(locations) <= 5
        listed.extend(locations)
    assert not (build / "sitemap-4.xml").exists()
    assert len(listed) == len(set(listed)) == 15
    assert sorted(listed) == expected_locations(build, base)
    robots = (build / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {base}sitemap.xml\nSitemap: {base}sitemap-news.xml\n" in robots


@pytest.mark.parametrize("count", [4, 5, 6, 11], ids=["under", "at", "over", "two-over"])
def test_sitemap_pages_split_at_the_limit(count: int) -> None:
    pages = [Page(f"p{n}/index.html", NotFoundContext()) for n in range(count)]
    pages.append(Page("feed.xml", SiteFeedContext([])))
    made = sitemap_pages(pages, [], SiteConfig(base_url="https://example.org/"), limit=5)
    assert made[-1].path == "robots.txt"
    if count <= 5:
        assert [(p.path, p.template) for p in made[:-1]] == [("sitemap.xml", "sitemap.xml")]
        assert listed_urls(made[0]) == [p.url for p in pages[:-1]]
        return
    names = [f"sitemap-{n}.xml" for n in range(1, -(-count // 5) + 1)]
    assert made[0].path == "sitemap.xml"
    assert made[0].context == SitemapIndexContext(names)
    assert [p.path for p in made[1:-1]] == names
    listed = [url for part in made[1:-1] for url in listed_urls(part)]
    assert listed == [page.url for page in pages[:-1]]


def listed_urls(sitemap: Page) -> list[str]:
    assert isinstance(sitemap.context, SitemapContext)
    return [entry.url for entry in sitemap.context.pages]


def teaser(number: int, day: dt.date, published: dt.datetime | None = None) -> Teaser:
    return Teaser.of(dataclasses.replace(make_article(number, day), published=published))


def test_the_news_sitemap_holds_the_two_days_up_to_the_newest_article() -> None:
    """Counted from the newest article's time, not the clock, in the site's zone."""
    moscow = dt.timezone(dt.timedelta(hours=3))
    articles = [
        teaser(5, dt.date(2025, 11, 7), dt.datetime(2025, 11, 7, 18, 0, tzinfo=moscow)),
        teaser(4, dt.date(2025, 11, 7)),  # 00:00 in Moscow
        teaser(3, dt.date(2025, 11, 5), dt.datetime(2025, 11, 5, 23, 0, tzinfo=dt.UTC)),
        teaser(2, dt.date(2025, 11, 5), dt.datetime(2025, 11, 5, 17, 59, tzinfo=moscow)),
        teaser(1, dt.date(2025, 11, 1)),
    ]
    chosen = news_articles(articles, SiteTimes("Europe/Moscow"))
    # 18:00 on the 7th less two days is 18:00 on the 5th in Moscow: 23:00 UTC is after it
    # (02:00 on the 6th in Moscow), 17:59 is before.
    assert [t.identifier for t in chosen] == [f"{n:016x}" for n in (5, 4, 3)]


def test_the_news_sitemap_takes_the_newest_thousand_by_time() -> None:
    day = dt.date(2025, 11, 7)
    many = [teaser(n, day, dt.datetime(2025, 11, 7, n // 60 % 24, n % 60)) for n in range(1500)]
    newest_first = sorted(many, key=lambda t: (t.date, t.published or 0), reverse=True)
    chosen = news_articles(newest_first, SiteTimes("UTC"))
    assert len(chosen) == MAX_NEWS
    instants = [t.published for t in chosen]
    assert instants == sorted(instants, reverse=True)  # type: ignore[type-var]


def test_no_articles_no_news_sitemap() -> None:
    config = SiteConfig(base_url="https://example.org/")
    made = sitemap_pages([Page("index.html", NotFoundContext())], [], config)
    assert [page.path for page in made] == ["sitemap.xml", "robots.txt"]


def test_the_news_sitemap_of_the_sample_lists_its_newest_two_days(
    sample_site: BuiltSite,
) -> None:
    locations = sitemap_locations(sample_site.build / "sitemap-news.xml")
    assert [loc.removeprefix(ROOT) for loc in locations] == [
        "2025/11/06/pozdnyaya-novost-iz-kazakhstana/",  # 04:30 UTC on the 7th
        SAMPLE_URL,  # the 7th, 00:00 in Moscow
        "2025/11/07/v-astane-otkrylsya-novyy-most-cherez-ishim-1a2b3c4d/",
        "2025/11/05/kazakhstan-i-ssha-podpisali-soglasheniya-na-17-mlrd-dollarov/",
    ]
