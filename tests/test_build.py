"""End-to-end builds through the `newsgen` command: what the pages of a built site show."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import feedparser
import pytest
from babel.dates import format_date
from conftest import (
    ROOT_BASE_URL,
    SAMPLE_ARTICLES,
    SAMPLE_IMAGE_FILES,
    SAMPLE_SEED,
    SAMPLE_TITLE,
    SAMPLE_TOPICS,
    SAMPLE_URL,
    BuiltSite,
    MakeSite,
    filed,
    sample_pages,
    write_sample_sources,
)
from sitetools import (
    REPO,
    article_pages,
    clean_env,
    find_all,
    meta_property,
    newsgen,
    newsgen_process,
    read_page,
    search_bundle,
    text_of,
    theme_static_files,
    tree_bytes,
)

from benchmarks.corpus import write_corpus
from newsgen.output.writer import WriteReport

DEALS_URL = "2025/11/05/kazakhstan-i-ssha-podpisali-soglasheniya-na-17-mlrd-dollarov/"
BRIDGE_URL = "2025/11/07/v-astane-otkrylsya-novyy-most-cherez-ishim-1a2b3c4d/"


def seed_paragraphs(path: Path) -> list[str]:
    """The paragraphs of a seed file as a reader expects them on the page."""
    text = path.read_text(encoding="utf-8")
    first, _, rest = text.partition("\n")
    lede = first.split(" ", 3)[3]  # " date 2025-11-07 Lede…"
    return [lede, *(" ".join(block.split()) for block in rest.split("\n\n") if block.strip())]


def test_repository_seeds_build_on_their_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    run = newsgen("build", "--jobs", "1")
    assert run.code == 0, run.err
    # home, article, day, month, year, archive, topics, feed, robots, 404, search: 11 (no
    # sitemap: the repository's site sets no base_url, and a sitemap needs one);
    # the 7 topics of the seed (SAMPLE_TOPICS) add a page and a feed each, and their initials
    # as the index files them (Б, И, К, Н, С, Т: people by surname) an index page each.
    seed_topics = [name for name, (_, _, found) in SAMPLE_TOPICS.items() if 0 in found]
    assert len(seed_topics) == 7
    pages = 11 + 2 * len(seed_topics) + len({filed(name)[0] for name in seed_topics})
    files = pages + theme_static_files() + len(search_bundle(tmp_path / "build"))
    report = run.built
    assert (report.articles, report.pages, report.write.written) == (1, pages, files)
    assert report.topics_extracted == 1
    assert run.out.startswith(f"built 1 article into build: {pages} pages; files written {files}, ")
    (page,) = article_pages(tmp_path / "build")
    assert page.parent.relative_to(tmp_path / "build").as_posix() + "/" == SAMPLE_URL
    assert text_of(read_page(page).find(".//h1")) == SAMPLE_TITLE


def test_sample_site_builds_every_article(sample_site: BuiltSite) -> None:
    pages = sample_pages()
    report = sample_site.run.built
    assert (report.articles, report.pages, report.drafts, report.ignored_files) == (8, pages, 1, 2)
    made = pages + theme_static_files() + len(search_bundle(sample_site.build))
    written = made + SAMPLE_IMAGE_FILES
    assert report.write == WriteReport(written=written, unchanged=0, removed=0)
    assert report.topics_extracted == 8
    titles = [text_of(read_page(path).find(".//h1")) for path in article_pages(sample_site.build)]
    assert sorted(titles) == sorted(title for title, _ in SAMPLE_ARTICLES)


def test_article_page_shows_every_paragraph_title_and_date(sample_site: BuiltSite) -> None:
    page = read_page(sample_site.build / SAMPLE_URL / "index.html")
    body = find_all(page, "div", class_="body")[0]
    shown = [text_of(p) for p in body.iter("p")]
    assert shown == seed_paragraphs(REPO / "seeds" / SAMPLE_SEED)
    assert len(shown) == 9
    assert text_of(page.find(".//h1")) == SAMPLE_TITLE
    assert text_of(page.find(".//title")) == f"{SAMPLE_TITLE} — Тестовый архив"
    time = page.find(".//article//time")
    assert text_of(time) == "7 ноября 2025"  # the source gives no time of day
    assert time.get("datetime") == "2025-11-07T00:00:00+03:00"  # the day began in Moscow


def test_article_page_has_canonical_url_opengraph_and_json_ld(sample_site: BuiltSite) -> None:
    page = read_page(sample_site.build / SAMPLE_URL / "index.html")
    address = ROOT_BASE_URL + SAMPLE_URL
    assert [link.get("href") for link in find_all(page, "link", rel="canonical")] == [address]
    assert meta_property(page, "og:type") == "article"
    assert meta_property(page, "og:title") == SAMPLE_TITLE
    assert meta_property(page, "og:url") == address
    assert meta_property(page, "og:site_name") == "Тестовый архив"
    assert meta_property(page, "article:published_time") == "2025-11-07T00:00:00+03:00"
    # The lede is the headline's one sentence: the description is the next paragraph.
    assert meta_property(page, "og:description").startswith("«Я только что провел")
    scripts = find_all(page, "script", type="application/ld+json")
    kinds = [json.loads(script.text or "")["@type"] for script in scripts]
    assert kinds == ["NewsArticle", "BreadcrumbList"]
    data = json.loads(scripts[0].text or "")
    assert data["@context"] == "https://schema.org"
    assert SAMPLE_TITLE.startswith(data["headline"].removesuffix("…"))
    assert data["datePublished"] == "2025-11-07T00:00:00+03:00"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": address}
    assert data["inLanguage"] == "ru"
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "Тестовый архив",
        "url": ROOT_BASE_URL,
        "logo": {"@type": "ImageObject", "url": f"{ROOT_BASE_URL}static/logo.png"},
    }


def test_json_ld_keeps_the_time_zone_and_topics(sample_site: BuiltSite) -> None:
    page = read_page(sample_site.build / DEALS_URL / "index.html")
    data = json.loads(find_all(page, "script", type="application/ld+json")[0].text or "")
    assert data["datePublished"] == "2025-11-05T14:30:00+03:00"
    assert [(thing["@type"], thing["name"]) for thing in data["about"]] == [
        ("Place", "Казахстан"),
        ("Place", "США"),
    ]
    assert data["description"] == "Сделки подписаны в Вашингтоне."


def test_without_base_url_pages_have_no_absolute_metadata(
    make_site: MakeSite, tmp_path: Path
) -> None:
    site = make_site(tmp_path, {"seeds/001_00000000000000aa.txt": " date 2025-11-07 Новость дня."})
    assert newsgen("build", "--site", site, "--jobs", "1").code == 0
    (page_path,) = article_pages(site / "build")
    page = read_page(page_path)
    assert find_all(page, "link", rel="canonical") == []
    assert meta_property(page, "og:url") is None
    assert find_all(page, "script") == []
    assert "https://" not in page_path.read_text(encoding="utf-8")


def test_article_filed_under_the_date_as_written(sample_site: BuiltSite) -> None:
    """23:30 in New York is the next day in UTC; the article stays on the day written."""
    page = read_page(sample_site.build / "2025/11/06/pozdnyaya-novost-iz-kazakhstana/index.html")
    time = page.find(".//article//time")
    assert time.get("datetime") == "2025-11-06T23:30:00-05:00"
    assert text_of(time) == "6 ноября 2025, 23:30 UTC−05:00"  # the time as written


def test_drafts_hidden_files_and_other_extensions_are_left_out(sample_site: BuiltSite) -> None:
    every_page = "".join(p.read_text(encoding="utf-8") for p in sample_site.build.rglob("*.html"))
    assert "Черновик" not in every_page
    assert "Скрытый файл" not in every_page
    assert not (sample_site.build / "2025/11/08").exists()
    assert not (sample_site.build / "2025/11/09").exists()


def test_home_pages_list_articles_newest_first_per_page(sample_site: BuiltSite) -> None:
    """The home page shows the newest; its further pages are numbered from the oldest."""
    build = sample_site.build
    pages = [build / "index.html", *(build / f"page/{n}/index.html" for n in (4, 3, 2, 1))]
    listed = [
        [text_of(title) for title in find_all(read_page(path), "*", class_="teaser-title")]
        for path in pages
    ]
    titles = [title for title, _ in SAMPLE_ARTICLES]
    assert listed == [titles[0:2], titles[0:2], titles[2:4], titles[4:6], titles[6:8]]
    assert not (build / "page/5").exists()
    second = read_page(build / "page/2/index.html")
    assert text_of(second.find(".//h1")) == "Все новости, страница 2"
    (period,) = find_all(second, "p", class_="meta period")  # its days, oldest first
    assert text_of(period) == "1 сентября 2025 — 30 октября 2025"
    (pager,) = find_all(second, "nav", class_="pager")
    # Newer, the numbered pages (newest first, this one marked), older.
    assert [text_of(a) for a in pager.iter("a")] == ["← Новее", "4", "3", "1", "Старше →"]
    (current,) = find_all(pager, "span", **{"aria-current": "page"})
    assert text_of(current) == "2"
    assert [a.get("href") for a in pager.iter("a")] == [
        "../../page/3/",
        "../../page/4/",
        "../../page/3/",
        "../../page/1/",
        "../../page/1/",
    ]


def test_date_pages_exist_for_every_day_month_and_year(sample_site: BuiltSite) -> None:
    build = sample_site.build
    days = {date for _, date in SAMPLE_ARTICLES}
    for day in days:
        year, month, number = day.split("-")
        for folder in (f"{year}/{month}/{number}", f"{year}/{month}", year):
            assert (build / folder / "index.html").is_file(), folder
    day_page = read_page(build / "2025/11/07/index.html")
    assert text_of(day_page.find(".//h1")) == "7 ноября 2025"
    assert [text_of(h) for h in find_all(day_page, "*", class_="teaser-title")] == [
        t for t, d in SAMPLE_ARTICLES if d == "2025-11-07"
    ]
    month = read_page(build / "2025/11/index.html")
    assert text_of(month.find(".//h1")) == "Ноябрь 2025"
    calendar_links = [a.get("href") for a in month.iterfind(".//td[@class='has-articles']/a")]
    assert calendar_links == ["../../2025/11/05/", "../../2025/11/06/", "../../2025/11/07/"]
    archive = text_of(read_page(build / "archive/index.html"))
    assert "2025 6" in archive
    assert "2024 2" in archive


def test_month_calendar_puts_each_day_under_its_weekday(sample_site: BuiltSite) -> None:
    month = read_page(sample_site.build / "2025/11/index.html")
    header = [text_of(th) for th in month.iterfind(".//table[@class='calendar']/thead/tr/th")]
    assert header == ["пн", "вт", "ср", "чт", "пт", "сб", "вс"]
    weeks = list(month.iterfind(".//table[@class='calendar']/tbody/tr"))
    columns = {
        int(next(cell.itertext())): column  # the day's number, before its article count
        for week in weeks
        for column, cell in enumerate(week.iterfind("td"))
        if text_of(cell)
    }
    assert len(columns) == 30
    assert all(column == dt.date(2025, 11, day).weekday() for day, column in columns.items())
    assert columns[7] == 4  # a Friday


def test_topic_pages_merge_spellings_and_paginate(sample_site: BuiltSite) -> None:
    build = sample_site.build
    topics = read_page(build / "topics/index.html")
    chips = [text_of(a) for a in topics.iterfind(".//ul[@class='chips']/li/a")]
    # By kind, then the most written-about first, then by name; «казахстан» counts as one.
    expected = [
        f"{name} {len(found)}"
        for kind in ("person", "place", "organisation")
        for name, (_, _, found) in sorted(
            SAMPLE_TOPICS.items(), key=lambda t: (-len(t[1][2]), t[0])
        )
        if SAMPLE_TOPICS[name][0] == kind
    ]
    assert chips == expected
    assert "Казахстан 4" in chips
    first = read_page(build / "topics/kazakhstan/index.html")
    second = read_page(build / "topics/kazakhstan/page/1/index.html")  # the oldest
    assert text_of(first.find(".//h1")) == "Казахстан"
    listed = [
        text_of(h) for page in (first, second) for h in find_all(page, "*", class_="teaser-title")
    ]
    assert listed == [
        SAMPLE_TITLE,
        "Поздняя новость из Казахстана",
        "Казахстан и США подписали соглашения на 17 млрд долларов",
        "Лето в Астане",
    ]
    assert not (build / "topics/kazakhstan/page/3").exists()
    feeds = find_all(first, "link", rel="alternate", type="application/atom+xml")
    assert [link.get("href") for link in feeds] == [
        "../../feed.xml",
        "../../topics/kazakhstan/feed.xml",
    ]
    article = read_page(build / "2024/06/15/astana-summer/index.html")
    assert [a.get("href") for a in article.iterfind(".//ul[@class='chips']/li/a")] == [
        "../../../../topics/kazakhstan/",  # from the front matter, so first
        "../../../../topics/astana/",  # found: «Лето в Астане»
    ]


def test_article_neighbours_link_older_and_newer(sample_site: BuiltSite) -> None:
    page = read_page(sample_site.build / "2025/11/06/pozdnyaya-novost-iz-kazakhstana/index.html")
    older, newer = page.iterfind(".//nav[@class='neighbours']/a")
    assert older.get("rel") == "prev"
    assert older.get("href") == f"../../../../{DEALS_URL}"
    assert newer.get("href") == f"../../../../{BRIDGE_URL}"


def test_markdown_cannot_put_scripts_on_the_page(make_site: MakeSite, tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "seeds/evil.md": (
                "---\ntitle: Проверка безопасности\ndate: 2025-11-07\n---\n"
                "Безопасный текст остается.\n\n"
                "<script>alert('script')</script>\n\n"
                '<img src="https://x.org/a.png" onerror="alert(\'onerror\')">\n\n'
                "[ссылка](javascript:alert('link'))\n\n"
                "<a href=\"javascript:alert('anchor')\" onclick=\"alert('click')\">якорь</a>\n\n"
                "<p onmouseover=\"alert('hover')\">Абзац с обработчиком.</p>\n"
            )
        },
    )
    run = newsgen("build", "--site", site, "--base-url", "https://example.org/", "--jobs", "1")
    assert run.code == 0, run.err
    (path,) = article_pages(site / "build")
    html = path.read_text(encoding="utf-8")
    shown = html.replace("\xa0", " ")  # the typography's no-break spaces
    assert "Безопасный текст остается." in shown
    assert "Абзац с обработчиком." in shown
    for dangerous in ("alert(", "onerror", "onclick", "onmouseover", "javascript:"):
        assert dangerous not in html.lower()
    page = read_page(path)
    assert {s.get("type") for s in page.iter("script")} == {"application/ld+json"}
    feed = (site / "build/feed.xml").read_text(encoding="utf-8")
    assert "alert(" not in feed
    assert "javascript:" not in feed


def test_titles_with_markup_characters_are_shown_as_written(
    make_site: MakeSite, tmp_path: Path
) -> None:
    title = 'AT&T и «Ростелеком» </script><script>alert(1)</script> "кавычки"'
    escaped = title.replace('"', '\\"')
    site = make_site(
        tmp_path,
        {"seeds/a.md": f'---\ntitle: "{escaped}"\ndate: 2025-11-07\ntopics: [R&D]\n---\nТекст.\n'},
    )
    run = newsgen("build", "--site", site, "--base-url", "https://example.org/", "--jobs", "1")
    assert run.code == 0, run.err
    (path,) = article_pages(site / "build")
    page = read_page(path)
    assert text_of(page.find(".//h1")) == title
    assert meta_property(page, "og:title") == title
    script = next(page.iter("script"))
    assert json.loads(script.text or "")["headline"] == title
    # The names found in the text keep their signs: «AT&T», not «AT T».
    about = json.loads(script.text or "")["about"]
    assert [thing["name"] for thing in about] == ["R&D", "AT&T", "Ростелеком"]
    feed = feedparser.parse((site / "build/feed.xml").read_bytes())
    assert not feed.bozo
    assert feed.entries[0].title == title
    assert text_of(read_page(site / "build/topics/r-d/index.html").find(".//h1")) == "R&D"
    assert text_of(read_page(site / "build/topics/at-t/index.html").find(".//h1")) == "AT&T"


def test_markdown_body_is_rendered(sample_site: BuiltSite) -> None:
    body = find_all(read_page(sample_site.build / DEALS_URL / "index.html"), "div", class_="body")[
        0
    ]
    assert text_of(body.find(".//strong")) == "коммерческие соглашения"
    link = body.find(".//a")
    assert link.get("href") == "https://example.com/source"
    assert link.get("rel") == "noopener noreferrer"


def test_two_markdown_articles_on_one_url_name_both_sources(
    make_site: MakeSite, tmp_path: Path
) -> None:
    article = "---\ntitle: {title}\ndate: 2025-11-07\nslug: same-news\n---\nТекст {title}.\n"
    site = make_site(
        tmp_path,
        {
            "seeds/a/first.md": article.format(title="Первая"),
            "seeds/b/second.md": article.format(title="Вторая"),
            "seeds/c/bad.md": "---\ndate: 2025-13-01\n---\nТекст.\n",
        },
    )
    run = newsgen("build", "--site", site, "--jobs", "1")
    assert run.code == 1
    assert run.err_lines == [
        "seeds/c/bad.md:2: date: date '2025-13-01' is not a date (month 13)",
        "    date: 2025-13-01",
        "seeds/a/first.md:4: the URL 2025/11/07/same-news/ is also that of seeds/b/second.md:4: "
        "give one of them another slug",
        "seeds/b/second.md:4: the URL 2025/11/07/same-news/ is also that of seeds/a/first.md:4: "
        "give one of them another slug",
        "build failed: 3 problem(s) in 3 file(s); nothing was written",
    ]
    assert not (site / "build").exists()


@pytest.mark.parametrize(
    ("first", "second"),
    [("Foo", "foo"), ("Йемен", "ЙЕМЕН"), ("Straße", "STRASSE")],
    ids=["latin", "cyrillic", "sharp-s"],
)
def test_urls_differing_only_in_case_are_an_error_on_every_system(
    make_site: MakeSite, tmp_path: Path, first: str, second: str
) -> None:
    article = "---\ndate: 2025-11-07\ntitle: Новость\nslug: {slug}\n---\nТекст.\n"
    site = make_site(
        tmp_path,
        {
            "seeds/a.md": article.format(slug=first),
            "seeds/b.md": article.format(slug=second),
            "seeds/c.md": article.format(slug="other"),
        },
    )
    run = newsgen("build", "--site", site, "--jobs", "1")
    assert run.code == 1
    assert run.err_lines == [
        f"seeds/a.md:4: the URL 2025/11/07/{first}/ and that of seeds/b.md:4 "
        f"(2025/11/07/{second}/) differ only in case or Unicode form: they would be one file "
        "on macOS or Windows; give one another slug",
        f"seeds/b.md:4: the URL 2025/11/07/{second}/ and that of seeds/a.md:4 "
        f"(2025/11/07/{first}/) differ only in case or Unicode form: they would be one file "
        "on macOS or Windows; give one another slug",
        "build failed: 2 problem(s) in 2 file(s); nothing was written",
    ]
    skipping = newsgen("build", "--site", site, "--jobs", "1", "--skip-invalid")
    assert skipping.code == 0, skipping.err
    assert sorted(p.name for p in (site / "build/2025/11/07").iterdir()) == [
        "index.html",
        "other",
    ]


def test_a_slug_written_decomposed_is_the_same_url_as_one_written_composed(
    make_site: MakeSite, tmp_path: Path
) -> None:
    article = "---\ndate: 2025-11-07\nslug: {slug}\n---\nТекст.\n"
    site = make_site(
        tmp_path,
        {
            "seeds/composed.md": article.format(slug="йемен"),
            "seeds/decomposed.md": article.format(slug="и\u0306емен"),
        },
    )
    run = newsgen("build", "--site", site, "--jobs", "1")
    assert run.code == 1
    assert run.err_lines[:2] == [
        "seeds/composed.md:3: the URL 2025/11/07/йемен/ is also that of seeds/decomposed.md:3: "
        "give one of them another slug",
        "seeds/decomposed.md:3: the URL 2025/11/07/йемен/ is also that of seeds/composed.md:3: "
        "give one of them another slug",
    ]


def test_english_site_uses_english_words_and_dates(make_site: MakeSite, tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "newsgen.yaml": "title: News Archive\nlanguage: en\nper_page: 1\n",
            "seeds/001_00000000000000aa.txt": " date 2025-11-07 Leaders met in Astana on Friday.",
            "seeds/002_00000000000000bb.txt": " date 2025-11-06 Лидеры встретились в Астане.",
        },
    )
    assert newsgen("build", "--site", site, "--jobs", "1").code == 0
    build = site / "build"
    expected_date = format_date(dt.date(2025, 11, 7), "d MMMM y", locale="en")
    assert expected_date == "7 November 2025"
    home = read_page(build / "index.html")
    assert home.get("lang") == "en"
    assert text_of(home.find(".//h1")) == "Latest news"
    assert [text_of(a) for a in home.iterfind(".//nav[@class='site-nav']/a")] == [
        "Archive",
        "Topics",
        "Atom feed",
    ]
    assert "Older →" in text_of(home)
    assert "Page 1" in text_of(read_page(build / "page/1/index.html"))
    assert expected_date in text_of(home)
    (english, russian) = sorted(article_pages(build), reverse=True)
    page = read_page(english)
    assert text_of(page.find(".//article//time")) == expected_date
    assert page.get("lang") == "en"
    assert "min read" in text_of(page)
    assert read_page(russian).get("lang") == "en"  # the site's language, around the article
    assert read_page(russian).find(".//h1").get("lang") == "ru"  # the article's own
    assert text_of(read_page(build / "2025/11/index.html").find(".//h1")) == "November 2025"
    for word in ("Главная", "Архив", "Последние", "ноября"):
        assert word not in "".join(p.read_text("utf-8") for p in build.rglob("*.html"))


def test_generated_corpus_of_2000_articles_builds(tmp_path: Path) -> None:
    write_corpus(tmp_path / "seeds", 2000)
    # A test of scale, not of topics: finding them in 2,000 texts would take most of a minute.
    (tmp_path / "newsgen.yaml").write_text("find_topics: false\n", encoding="utf-8")
    run = newsgen_process("build", "--jobs", "2", cwd=tmp_path)
    assert run.code == 0, run.err
    assert run.out.startswith("built 2000 articles into build: ")
    pages = article_pages(tmp_path / "build")
    assert len(pages) == 2000
    assert len({page.parent.name for page in pages}) == 2000


@pytest.fixture(scope="module")
def deterministic_sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = write_sample_sources(tmp_path_factory.mktemp("deterministic") / "site")
    write_corpus(site / "seeds" / "corpus", 120)
    return site


def test_two_builds_are_byte_identical_whatever_the_zone_and_hash_seed(
    deterministic_sources: Path, tmp_path: Path
) -> None:
    settings = [
        {"TZ": "UTC", "PYTHONHASHSEED": "0", "jobs": "1"},
        {"TZ": "America/New_York", "PYTHONHASHSEED": "1234", "jobs": "2"},
        # Topics found again in two worker processes, not read from the first build's cache.
        {"TZ": "Asia/Almaty", "PYTHONHASHSEED": "random", "jobs": "2", "cache": "--no-cache"},
    ]
    trees = []
    extracted = []
    for number, env in enumerate(settings):
        output = tmp_path / f"out{number}"
        flags = [env.pop("cache")] if "cache" in env else []
        jobs = env.pop("jobs")
        run = newsgen_process(
            "build", "--site", deterministic_sources, "--output", output, "--jobs", jobs, *flags,
            env=clean_env(**env),
        )  # fmt: skip
        assert run.code == 0, run.err
        trees.append(tree_bytes(output))
        extracted.append(run.out.split("topics found in ")[1].split(" ")[0])
    articles = len(SAMPLE_ARTICLES) + 120
    assert extracted == [str(articles), "0", str(articles)]
    assert len(trees[0]) > 200
    assert trees[1] == trees[0]
    assert trees[2] == trees[0]


def test_feed_time_of_an_empty_site_comes_from_source_date_epoch(
    make_site: MakeSite, tmp_path: Path
) -> None:
    site = make_site(tmp_path, {"seeds/.keep": ""})
    env = clean_env(SOURCE_DATE_EPOCH="1700000000")
    run = newsgen_process("build", "--site", site, env=env)
    assert run.code == 0, run.err
    assert "<updated>2023-11-14T22:13:20Z</updated>" in (site / "build/feed.xml").read_text()


FUTURE_SITE: dict[str, str | bytes] = {
    "seeds/typo.md": (
        "---\ntitle: Опечатка в годе\ndate: 2099-11-07\ntopics: [Казахстан]\n---\nТекст.\n"
    ),
    "seeds/today.md": (
        "---\ntitle: Новость дня\ndate: 2025-11-07\ntopics: [Астана]\n---\nТекст.\n"
    ),
}
FUTURE_NOTICE = (
    "seeds/typo.md:3: dated 2099-11-07, in the future: not published yet "
    "(--future or build_future: true publishes it)"
)


def home_titles_and_topics(build: Path) -> tuple[list[str], list[str]]:
    home = read_page(build / "index.html")
    titles = [text_of(h) for h in home.iterfind(".//article//h2")]
    (active,) = find_all(home, "section", class_="active-topics")
    return titles, [text_of(a) for a in active.iterfind(".//a")]


def test_an_article_dated_in_the_future_waits_and_is_listed(
    make_site: MakeSite, tmp_path: Path
) -> None:
    site = make_site(tmp_path, FUTURE_SITE)
    run = newsgen("build", "--site", site, "--jobs", "1", "--no-search", "--quiet")
    assert (run.code, run.out, run.err_lines) == (0, "", [FUTURE_NOTICE])
    assert home_titles_and_topics(site / "build") == (["Новость дня"], ["Астана 1"])
    assert [entry.title for entry in feedparser.parse(site / "build/feed.xml").entries] == [
        "Новость дня"
    ]
    assert not (site / "build/2099").exists()
    run = newsgen("build", "--site", site, "--jobs", "1", "--no-search")
    assert (run.built.drafts, len(run.built.waiting)) == (0, 1)
    assert "0 drafts, 1 dated in the future and 0 other files left out" in run.out


@pytest.mark.parametrize(
    ("flag", "settings"),
    [(["--future"], ""), ([], "build_future: true\n")],
    ids=["flag", "setting"],
)
def test_future_articles_are_published_when_asked(
    make_site: MakeSite, tmp_path: Path, flag: list[str], settings: str
) -> None:
    site = make_site(tmp_path, {**FUTURE_SITE, "newsgen.yaml": settings})
    run = newsgen("build", "--site", site, "--jobs", "1", "--no-search", "--quiet", *flag)
    assert (run.code, run.out, run.err) == (0, "", "")
    titles, topics = home_titles_and_topics(site / "build")
    assert (titles, topics) == (["Опечатка в годе", "Новость дня"], ["Казахстан 1"])


def test_source_date_epoch_is_now_for_future_articles(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path, FUTURE_SITE)
    # 2025-11-06 09:59 UTC: 7 November has not begun anywhere yet.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1762423140")
    run = newsgen("build", "--site", site, "--jobs", "1", "--no-search", "--quiet")
    assert run.err_lines == [
        FUTURE_NOTICE.replace("typo", "today").replace("2099", "2025"),
        FUTURE_NOTICE,
    ]
    # A minute later it has, in Kiribati (UTC+14).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1762423200")
    run = newsgen("build", "--site", site, "--jobs", "1", "--no-search", "--quiet")
    assert run.err_lines == [FUTURE_NOTICE]
    assert home_titles_and_topics(site / "build")[0] == ["Новость дня"]
