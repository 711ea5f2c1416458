"""The topics of a built site: found in the text, and shown on topic, index and article pages."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import feedparser
import pytest
from babel.dates import format_date
from conftest import (
    SAMPLE_ARTICLES,
    SAMPLE_FEED_SIZE,
    SAMPLE_PER_PAGE,
    SAMPLE_TOPICS,
    BuiltSite,
    MakeSite,
    filed,
    pages_for,
)
from sitetools import article_pages, find_all, newsgen, read_page, text_of

from newsgen.plan import site as plan

SAMPLE_URL = "2025/11/07/kazakhstan-stal-pervoy-stranoy-prisoedinivsheysya-k-f2c8b144/"
KINDS = {"person": "Люди", "place": "Места", "organisation": "Организации"}
KIND_ONE = {"person": "Человек", "place": "Место", "organisation": "Организация"}
# People are filed by surname: Трамп under Т, not Д.
LETTER_SLUGS = {"А": "a", "Б": "b", "И": "i", "К": "k", "Н": "n", "С": "s", "Т": "t"}


def titles_of(name: str) -> list[str]:
    """The titles of a sample topic's articles, newest first."""
    return [SAMPLE_ARTICLES[index][0] for index in SAMPLE_TOPICS[name][2]]


def by_popularity(names: list[str]) -> list[str]:
    """Topic names the most written-about first, then alphabetically."""
    return sorted(names, key=lambda name: (-len(SAMPLE_TOPICS[name][2]), name))


def topics_of_article(index: int) -> set[str]:
    return {name for name, (_, _, found) in SAMPLE_TOPICS.items() if index in found}


def chips(element: object) -> list[tuple[str, str]]:
    """(text, href) of each chip link under `element`."""
    return [(text_of(a), a.get("href", "")) for a in element.iterfind(".//ul[@class='chips']/li/a")]


def day(date: dt.date) -> str:
    return format_date(date, "d MMMM y", locale="ru")


def test_the_seed_article_gets_its_people_and_places_once_each(sample_site: BuiltSite) -> None:
    page = read_page(sample_site.build / SAMPLE_URL / "index.html")
    (section,) = find_all(page, "section", class_="article-topics")
    names = [text for text, _ in chips(section)]
    for name in [
        "Казахстан",
        "США",  # also written «Соединенными Штатами»
        "Израиль",
        "Дональд Трамп",
        "Касым-Жомарт Токаев",
        "Биньямин Нетаньяху",
    ]:
        assert name in names
    assert len(names) == len(set(names))
    assert set(names) == topics_of_article(0)
    for lone in ["Трамп", "Токаев", "Нетаньяху", "Соединенные Штаты", "Соединённые Штаты"]:
        assert lone not in names
    every_topic = [text for text, _ in chips(read_page(sample_site.build / "topics/index.html"))]
    assert not any(text.startswith(("Трамп ", "Токаев ", "Нетаньяху ")) for text in every_topic)


def test_topics_index_groups_topics_by_kind_with_counts(sample_site: BuiltSite) -> None:
    page = read_page(sample_site.build / "topics/index.html")
    sections = find_all(page, "section", class_="topic-kind")
    expected = {
        kind: by_popularity([name for name, (k, _, _) in SAMPLE_TOPICS.items() if k == kind])
        for kind in KINDS
    }
    assert [text_of(section.find("h2")) for section in sections] == [
        f"{KINDS[kind]} {len(names)}" for kind, names in expected.items()
    ]
    for section, names in zip(sections, expected.values(), strict=True):
        assert chips(section) == [
            (f"{name} {len(SAMPLE_TOPICS[name][2])}", f"../topics/{SAMPLE_TOPICS[name][1]}/")
            for name in names
        ]


def test_letter_pages_link_every_topic_under_its_initial(sample_site: BuiltSite) -> None:
    build = sample_site.build
    index = read_page(build / "topics/index.html")
    (bar,) = find_all(index, "nav", class_="letters")
    assert [(text_of(a), a.get("href")) for a in bar.iter("a")] == [
        (letter, f"../topics/letter/{slug}/") for letter, slug in LETTER_SLUGS.items()
    ]
    linked = []
    for letter, slug in LETTER_SLUGS.items():
        page = read_page(build / f"topics/letter/{slug}/index.html")
        assert text_of(page.find(".//h1")) == f"Темы: {letter}"
        (bar,) = find_all(page, "nav", class_="letters")
        assert [text_of(span) for span in bar.iter("span")] == [letter]  # the current one
        names = [name for name in SAMPLE_TOPICS if filed(name)[0] == letter]
        in_order = [
            name
            for kind in KINDS
            for name in sorted(names, key=filed)
            if SAMPLE_TOPICS[name][0] == kind
        ]
        assert chips(page) == [
            (
                f"{filed(name)} {len(SAMPLE_TOPICS[name][2])}",
                f"../../../topics/{SAMPLE_TOPICS[name][1]}/",
            )
            for name in in_order
        ]
        linked.extend(in_order)
    assert sorted(linked) == sorted(SAMPLE_TOPICS)
    assert sorted(p.name for p in (build / "topics/letter").iterdir()) == sorted(
        LETTER_SLUGS.values()
    )


# The count agrees with its noun: «1 статья», «2 статьи», «5 статей».
ARTICLES_RU = {1: "1 статья", 2: "2 статьи", 3: "3 статьи", 4: "4 статьи", 5: "5 статей"}


@pytest.mark.parametrize("name", ["Казахстан", "Дональд Трамп"], ids=["place", "person"])
def test_topic_page_shows_kind_count_dates_and_feed(sample_site: BuiltSite, name: str) -> None:
    kind, slug, found = SAMPLE_TOPICS[name]
    page = read_page(sample_site.build / f"topics/{slug}/index.html")
    assert text_of(page.find(".//h1")) == name
    dates = [dt.date.fromisoformat(SAMPLE_ARTICLES[index][1]) for index in found]
    meta = find_all(page, "p", class_="meta")[0]  # under the heading, before the teasers
    period = (
        day(min(dates)) if min(dates) == max(dates) else f"{day(min(dates))} — {day(max(dates))}"
    )
    assert text_of(meta) == (
        f"{KIND_ONE[kind]} · {ARTICLES_RU[len(found)]} · {period} · Лента темы"
    )
    assert [a.get("href") for a in meta.iter("a")] == [f"../../topics/{slug}/feed.xml"]


# The count agrees with its noun: «1 статья», «2 статьи», «5 статей».
ARTICLES_RU = {1: "1 статья", 2: "2 статьи", 3: "3 статьи", 4: "4 статьи", 5: "5 статей"}


@pytest.mark.parametrize("name", ["Казахстан", "Дональд Трамп"], ids=["place", "person"])
def test_topic_page_lists_the_topics_named_with_it_most(sample_site: BuiltSite, name: str) -> None:
    together: Counter[str] = Counter()
    for index in SAMPLE_TOPICS[name][2]:
        together.update(topics_of_article(index) - {name})
    ranked = sorted(together.items(), key=lambda item: (-item[1], item[0]))
    page = read_page(sample_site.build / f"topics/{SAMPLE_TOPICS[name][1]}/index.html")
    (section,) = find_all(page, "section", class_="related-topics")
    assert chips(section) == [
        (f"{other} {count}", f"../../topics/{SAMPLE_TOPICS[other][1]}/") for other, count in ranked
    ]
    if name == "Казахстан":
        assert ranked[0] == ("США", 2)


def test_topic_pages_list_their_articles_newest_first(sample_site: BuiltSite) -> None:
    for name, (_, slug, found) in SAMPLE_TOPICS.items():
        # The front page shows the newest; the numbered pages hold them all, from the oldest.
        folders = [f"topics/{slug}/"]
        folders += [f"topics/{slug}/page/{n}/" for n in range(pages_for(len(found)) - 1, 0, -1)]
        listed = []
        for folder in folders:
            page = read_page(sample_site.build / folder / "index.html")
            titles = [text_of(h) for h in find_all(page, "*", class_="teaser-title")]
            assert 0 < len(titles) <= SAMPLE_PER_PAGE
            listed.append(titles)
        assert listed[0] == titles_of(name)[:SAMPLE_PER_PAGE], name
        numbered = [title for titles in listed[1:] for title in titles]
        assert numbered == (titles_of(name) if len(folders) > 1 else []), name


def test_topic_feeds_carry_their_topics_newest_articles(sample_site: BuiltSite) -> None:
    for name, (_, slug, _) in SAMPLE_TOPICS.items():
        feed = feedparser.parse((sample_site.build / f"topics/{slug}/feed.xml").read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.feed.title == f"{name} — Тестовый архив"
        assert [entry.title for entry in feed.entries] == titles_of(name)[:SAMPLE_FEED_SIZE]
        for entry in feed.entries:
            assert name in [tag.label for tag in entry.tags]


def test_article_page_links_its_topics(sample_site: BuiltSite) -> None:
    page = read_page(sample_site.build / "2024/06/15/astana-summer/index.html")
    (section,) = find_all(page, "section", class_="article-topics")
    assert chips(section) == [
        ("Казахстан", "../../../../topics/kazakhstan/"),  # from the front matter
        ("Астана", "../../../../topics/astana/"),  # found: «Лето в Астане»
    ]


def test_article_pages_list_the_articles_sharing_most_topics(sample_site: BuiltSite) -> None:
    """Related: most topics in common, then the newest; only articles sharing one."""
    urls = {}
    for path in article_pages(sample_site.build):
        title = text_of(read_page(path).find(".//h1"))
        urls[title] = path
    assert len(urls) == len(SAMPLE_ARTICLES)
    for index, (title, _) in enumerate(SAMPLE_ARTICLES):
        mine = topics_of_article(index)
        shared = {
            other: len(mine & topics_of_article(other))
            for other in range(len(SAMPLE_ARTICLES))
            if other != index and mine & topics_of_article(other)
        }
        nearest = sorted(shared, key=lambda other: (-shared[other], abs(other - index), other))
        expected = nearest[:5]
        sections = find_all(read_page(urls[title]), "section", class_="related-articles")
        listed = [text_of(a) for section in sections for a in section.iter("a")]
        assert listed == [SAMPLE_ARTICLES[other][0] for other in expected], title
    seed = find_all(read_page(urls[SAMPLE_ARTICLES[0][0]]), "section", class_="related-articles")
    assert [text_of(a) for a in seed[0].iter("a")][:2] == [
        "Казахстан и США подписали соглашения на 17 млрд долларов",  # Казахстан and США
        "Израиль и США провели переговоры о торговле",  # Израиль and США
    ]


def test_an_english_article_gets_topics(make_site: MakeSite, tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "seeds/001_00000000000000aa.txt": (
                " date 2025-11-07 John Harris arrived in Kazakhstan on Monday for talks.\n\n"
                "Harris met officials of the World Bank. Kazakhstan expects new investment, "
                "Harris said."
            ),
        },
    )
    run = newsgen("build", "--site", site, "--jobs", "1")
    assert run.code == 0, run.err
    (path,) = article_pages(site / "build")
    page = read_page(path)
    assert page.get("lang") == "ru"  # the page around the article is in the site's language
    assert page.find(".//h1").get("lang") == "en"
    assert find_all(page, "div", class_="body")[0].get("lang") == "en"
    (section,) = find_all(page, "section", class_="article-topics")
    # The World Bank is named once, in passing: no topic. Kazakhstan is the site's
    # Казахстан: one country, one topic, whatever the language of the article.
    assert [text for text, _ in chips(section)] == ["John Harris", "Казахстан"]
    index = read_page(site / "build/topics/index.html")
    assert [text_of(h) for h in index.iterfind(".//section/h2")] == ["Люди 1", "Места 1"]
    person = read_page(site / "build/topics/john-harris/index.html")
    assert text_of(find_all(person, "p", class_="meta")[0]).startswith("Человек · 1 статья · ")


def test_an_article_in_another_language_keeps_its_given_topics(
    make_site: MakeSite, tmp_path: Path
) -> None:
    site = make_site(
        tmp_path,
        {
            "seeds/berlin.md": (
                "---\ntitle: Treffen in Berlin\ndate: 2025-11-06\nlang: de\n"
                "topics: [Deutschland]\n---\n"
                "Angela Merkel traf Olaf Scholz in Berlin. Angela Merkel sagte, "
                "Olaf Scholz habe Recht.\n"
            ),
        },
    )
    run = newsgen("build", "--site", site, "--jobs", "1")
    assert run.code == 0, run.err
    (path,) = article_pages(site / "build")
    page = read_page(path)
    assert page.get("lang") == "ru"  # the page around the article is in the site's language
    assert page.find(".//h1").get("lang") == "de"
    assert find_all(page, "div", class_="body")[0].get("lang") == "de"
    (section,) = find_all(page, "section", class_="article-topics")
    assert chips(section) == [("Deutschland", "../../../../topics/deutschland/")]
    index = read_page(site / "build/topics/index.html")
    assert [text_of(h) for h in index.iterfind(".//section/h2")] == ["Другое 1"]
    assert sorted(p.name for p in (site / "build/topics").iterdir()) == [
        "deutschland",
        "index.html",
        "letter",
    ]


def test_a_letter_with_many_topics_is_split_into_pages(
    sample_site: BuiltSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan, "TOPICS_PER_LETTER_PAGE", 1)
    output = tmp_path / "out"
    run = newsgen("build", "--site", sample_site.site, "--output", output, "--jobs", "1")
    assert run.code == 0, run.err
    names = [name for name in SAMPLE_TOPICS if name[0] == "А"]
    assert len(names) == 2
    first = read_page(output / "topics/letter/a/index.html")
    second = read_page(output / "topics/letter/a/page/2/index.html")
    assert not (output / "topics/letter/a/page/3").exists()
    listed = [text for page in (first, second) for text, _ in chips(page)]
    assert sorted(listed) == sorted(f"{n} {len(SAMPLE_TOPICS[n][2])}" for n in names)
    (pager,) = find_all(first, "nav", class_="pager")
    # Page 2 by its number, then as the next page.
    assert [a.get("href") for a in pager.iter("a")] == ["../../../topics/letter/a/page/2/"] * 2


def test_letters_of_two_scripts_that_look_alike_get_a_page_each(
    make_site: MakeSite, tmp_path: Path
) -> None:
    site = make_site(
        tmp_path,
        {
            "seeds/egypt.md": "---\ndate: 2025-11-01\ntopics: [Египет]\n---\nТекст.\n",
            "seeds/paris.md": (
                "---\ndate: 2025-11-02\nlang: en\ntopics: [Élysée Palace, Österreich]\n---\nText.\n"
            ),
            "seeds/oman.md": "---\ndate: 2025-11-03\ntopics: [Оман]\n---\nТекст.\n",
        },
    )
    run = newsgen("build", "--site", site, "--no-search", "--jobs", "1")
    assert run.code == 0, run.err
    letters = site / "build/topics/letter"
    assert sorted(p.name for p in letters.iterdir()) == ["e", "latin-e", "latin-o", "o"]
    for slug, heading, names in [
        ("e", "Темы: Е", ["Египет 1"]),
        ("latin-e", "Темы: E", ["Élysée Palace 1"]),
        ("latin-o", "Темы: O", ["Österreich 1"]),
        ("o", "Темы: О", ["Оман 1"]),
    ]:
        page = read_page(letters / slug / "index.html")
        assert text_of(page.find(".//h1")) == heading
        assert [text for text, _ in chips(page)] == names
