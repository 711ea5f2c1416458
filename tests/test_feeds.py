"""The Atom feeds of a built site, as a real feed reader (feedparser) sees them."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from conftest import SAMPLE_ARTICLES, SAMPLE_FEED_SIZE, SAMPLE_TOPICS, BuiltSite, MakeSite
from sitetools import article_pages, newsgen, parse_html, resolve_internal, url_of


def parse_feed(path: Path) -> feedparser.FeedParserDict:
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_site_feed_lists_the_newest_articles_first(any_site: BuiltSite) -> None:
    feed = parse_feed(any_site.build / "feed.xml")
    assert feed.feed.title == "Тестовый архив"
    assert feed.feed.subtitle == "Архив для проверки сборки."
    assert feed.feed.language == "ru"
    assert feed.feed.id == f"{any_site.base_url}feed.xml"
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links == [f"{any_site.base_url}feed.xml"]
    assert [entry.title for entry in feed.entries] == [t for t, _ in SAMPLE_ARTICLES[:3]]
    published = [entry.published[:10] for entry in feed.entries]
    assert published == ["2025-11-07", "2025-11-07", "2025-11-06"]


def test_feed_updated_is_its_newest_entry_time(any_site: BuiltSite) -> None:
    """23:30 in New York on 6 November is later than midnight UTC on 7 November."""
    feed = parse_feed(any_site.build / "feed.xml")
    newest = max(feed.entries, key=lambda entry: moment(entry.updated))
    assert newest.title == "Поздняя новость из Казахстана"
    assert feed.feed.updated == newest.updated == "2025-11-06T23:30:00-05:00"
    assert all(moment(entry.updated) <= moment(feed.feed.updated) for entry in feed.entries)


def test_topic_feed_lists_its_articles_newest_first(any_site: BuiltSite) -> None:
    feed = parse_feed(any_site.build / "topics/kazakhstan/feed.xml")
    assert feed.feed.title == "Казахстан — Тестовый архив"
    alternate = [link.href for link in feed.feed.links if link.rel == "alternate"]
    assert alternate == [f"{any_site.base_url}topics/kazakhstan/"]
    assert [entry.title for entry in feed.entries] == [
        SAMPLE_ARTICLES[0][0],  # the seed article names Казахстан in its text
        "Поздняя новость из Казахстана",
        "Казахстан и США подписали соглашения на 17 млрд долларов",
    ]  # «Лето в Астане» is the fourth: feed_size is 3
    # 23:30 in New York on 6 November is later than midnight UTC on 7 November.
    assert feed.feed.updated == feed.entries[1].updated == "2025-11-06T23:30:00-05:00"
    deals = feed.entries[2]
    assert deals.summary == "Сделки подписаны в Вашингтоне."
    assert [tag.term for tag in deals.tags] == ["kazakhstan", "ssha"]
    assert [tag.label for tag in deals.tags] == ["Казахстан", "США"]
    # Topic feeds carry summaries: full text for every topic would triple the site's size.
    assert "content" not in deals


def test_feed_size_limits_the_entries(any_site: BuiltSite) -> None:
    sizes = {"feed.xml": SAMPLE_FEED_SIZE}  # 8 articles, feed_size: 3
    for _, slug, found in SAMPLE_TOPICS.values():
        sizes[f"topics/{slug}/feed.xml"] = min(len(found), SAMPLE_FEED_SIZE)
    assert sorted(sizes.values()) == [1] * 7 + [2] + [3] * 4  # both sides of the limit
    for path, size in sizes.items():
        assert len(parse_feed(any_site.build / path).entries) == size, path
    feeds = {p.relative_to(any_site.build).as_posix() for p in any_site.build.rglob("feed.xml")}
    assert feeds == set(sizes)


def test_feed_entries_link_to_built_pages_with_stable_ids(any_site: BuiltSite) -> None:
    ids = set()
    for path in sorted(any_site.build.rglob("feed.xml")):
        for entry in parse_feed(path).entries:
            assert entry.link.startswith(any_site.base_url)
            target = resolve_internal(any_site.build, path, entry.link, any_site.base_url)
            assert target is not None
            assert target.is_file(), entry.link
            assert entry.id.startswith("urn:uuid:")
            ids.add((entry.id, entry.title))
    # Every article is in some feed: the newest three in the site's, the others in a topic's.
    assert len({entry_id for entry_id, _ in ids}) == len(ids) == len(SAMPLE_ARTICLES)


def test_entry_ids_do_not_depend_on_the_base_url(
    sample_site: BuiltSite, subpath_site: BuiltSite
) -> None:
    root = [entry.id for entry in parse_feed(sample_site.build / "feed.xml").entries]
    sub = [entry.id for entry in parse_feed(subpath_site.build / "feed.xml").entries]
    assert root == sub


def test_feed_without_articles_is_valid(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    site = make_site(tmp_path, {"seeds/.gitkeep": ""})
    run = newsgen("build", "--site", site, "--jobs", "1")
    assert run.code == 0, run.err
    feed = parse_feed(site / "build/feed.xml")
    assert feed.entries == []
    assert feed.feed.updated == "1970-01-01T00:00:00Z"


def test_feeds_without_base_url_link_relative_to_themselves(unhosted_site: BuiltSite) -> None:
    for path in sorted(unhosted_site.build.rglob("feed.xml")):
        feed = parse_feed(path)
        assert feed.feed.id.startswith("urn:uuid:")
        for entry in feed.entries:
            assert not entry.link.startswith(("/", "http")), entry.link
            target = resolve_internal(unhosted_site.build, path, entry.link, "")
            assert target is not None
            assert target.is_file(), f"{path}: {entry.link}"


def test_references_to_control_characters_leave_feed_and_page_well_formed(
    make_site: MakeSite, tmp_path: Path
) -> None:
    body = "Текст &#x10; и &#1 и &#x1B; и &#xFFFE; и &#0; и &#xD800; и &#x110000; и &#xFDD0;.\n"
    files = {
        "newsgen.yaml": "find_topics: false\n",
        "seeds/a.md": f"---\ntitle: Заголовок\ndate: 2025-11-07\n---\n{body}",
    }
    site = make_site(tmp_path, files)
    run = newsgen("build", "--site", site, "--jobs", "1", "--no-search")
    assert run.code == 0, run.err
    ET.parse(site / "build/feed.xml")  # raised `not well-formed (invalid token)`
    [entry] = parse_feed(site / "build/feed.xml").entries
    assert (
        entry.content[0].value
        == "<p>Текст \ufffd и \ufffd и \ufffd и \ufffd и \ufffd и \ufffd и \ufffd и \ufffd.</p>"
    )
    [page] = article_pages(site / "build")
    parse_html(page.read_bytes(), strict=True)


def parse_rss(path: Path) -> feedparser.FeedParserDict:
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    return feed


def test_every_atom_feed_has_an_rss_twin_with_the_same_entries(any_site: BuiltSite) -> None:
    """Many aggregators read only RSS 2.0: each feed comes in both, with the same items."""
    atom_feeds = sorted(any_site.build.rglob("feed.xml"))
    assert len(atom_feeds) == 1 + len(SAMPLE_TOPICS)
    for atom_path in atom_feeds:
        atom, rss = parse_feed(atom_path), parse_rss(atom_path.with_name("rss.xml"))
        assert rss.feed.title == atom.feed.title
        assert rss.feed.link == next(
            link.href for link in atom.feed.links if link.rel == "alternate"
        )
        self_links = [link.href for link in rss.feed.links if link.rel == "self"]
        rss_path = url_of(any_site.build, atom_path).removesuffix("feed.xml") + "rss.xml"
        assert self_links == [any_site.base_url + rss_path]
        assert [(e.title, e.link, e.id) for e in rss.entries] == [
            (e.title, e.link, e.id) for e in atom.entries
        ]
        for item, entry in zip(rss.entries, atom.entries, strict=True):
            assert item.published_parsed == entry.published_parsed  # the same instant
            assert item.summary == entry.summary
            assert [tag.term for tag in item.tags] == [tag.label for tag in entry.tags]
        wholes = [e.content[0].value for e in rss.entries if "content" in e]
        assert wholes == [e.content[0].value for e in atom.entries if "content" in e]


def test_rss_dates_a_date_only_article_in_the_site_zone(sample_site: BuiltSite) -> None:
    rss = (sample_site.build / "rss.xml").read_text(encoding="utf-8")
    assert "<pubDate>Fri, 07 Nov 2025 00:00:00 +0300</pubDate>" in rss
    assert "<lastBuildDate>Thu, 06 Nov 2025 23:30:00 -0500</lastBuildDate>" in rss


def test_pages_name_their_rss_feed_beside_the_atom_one(any_site: BuiltSite) -> None:
    for url, feed in (("", "rss.xml"), ("topics/kazakhstan/", "topics/kazakhstan/rss.xml")):
        page = parse_html((any_site.build / url / "index.html").read_bytes())
        alternates = {
            link.get("type"): resolve_internal(
                any_site.build, any_site.build / url / "index.html", link.get("href", ""), ""
            )
            for link in page.iter("link")
            if link.get("rel") == "alternate"
        }
        assert alternates["application/rss+xml"] == any_site.build / feed


def test_without_base_url_there_is_no_rss(unhosted_site: BuiltSite) -> None:
    """RSS 2.0 has no relative links: a site without an address has Atom feeds only."""
    assert list(unhosted_site.build.rglob("rss.xml")) == []
    home = parse_html((unhosted_site.build / "index.html").read_bytes())
    assert not [link for link in home.iter("link") if link.get("type") == "application/rss+xml"]


def test_topic_feeds_carry_whole_articles_when_asked(make_site: MakeSite, tmp_path: Path) -> None:
    files = {
        "newsgen.yaml": "base_url: https://example.org/\ntopic_feed_content: true\n",
        "seeds/a.md": "---\ndate: 2025-11-07\ntopics: [Мосты]\n---\nПервый абзац.\n\n**Второй**.\n",
    }
    site = make_site(tmp_path, files)
    assert newsgen("build", "--site", site, "--jobs", "1").code == 0
    for name in ("feed.xml", "rss.xml"):
        (entry,) = feedparser.parse((site / "build/topics/mosty" / name).read_bytes()).entries
        assert "<strong>Второй</strong>" in entry.content[0].value
