"""Fixtures for the end-to-end tests: small inline sites and session builds of the sample site.

`sample_site` is the repository's own `seeds/` plus a few hand-written articles (Markdown
with topics, seed files on other days, one with a time and zone, a draft, ignored files),
built once per session at a domain's root; `subpath_site` is the same sources built once
under a sub-path. Tests read those builds and must not change them.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from pictures import picture
from sitetools import REPO, Run, newsgen, write_files

MakeSite = Callable[[Path, Mapping[str, str | bytes]], Path]

SAMPLE_SEED = "000_f2c8b14476094b1d.txt"
SAMPLE_TITLE = (
    "Казахстан стал первой страной, присоединившейся к Авраамовым соглашениям в период "
    "второго президентского срока лидера США Дональда Трампа"
)
SAMPLE_URL = "2025/11/07/kazakhstan-stal-pervoy-stranoy-prisoedinivsheysya-k-f2c8b144/"
ROOT_BASE_URL = "https://example.org/"
SUBPATH_BASE_URL = "https://example.org/news/archive/"
SAMPLE_PER_PAGE = 2
SAMPLE_FEED_SIZE = 3

EXTRA_SOURCES: dict[str, str | bytes] = {
    "newsgen.yaml": (
        "title: Тестовый архив\n"
        "description: Архив для проверки сборки.\n"
        f"base_url: {ROOT_BASE_URL}\n"
        f"per_page: {SAMPLE_PER_PAGE}\n"
        f"feed_size: {SAMPLE_FEED_SIZE}\n"
    ),
    "seeds/001_1a2b3c4d5e6f7081.txt": (
        " date 2025-11-07 В Астане открылся новый мост через Ишим. Его длина — 500 метров.\n"
        "\n"
        "Мост соединил левый и правый берег города."
    ),
    "seeds/002_2b3c4d5e6f708192.txt": (
        "\ufeff date 2025-10-30\r\n"
        "Цены на жилье в Алматы выросли за месяц на два процента.\r\n"
        "\r\n"
        "Аналитики ждут замедления роста к зиме.\r\n"
    ),
    "seeds/2024/003_3c4d5e6f708192a3.txt": (
        " date 2024-12-31 23:30 +05:00 Жители Астаны встретили Новый год салютом.\n\n"
        "Праздник прошел спокойно."
    ),
    "seeds/articles/kazakhstan-usa.md": (
        "---\n"
        "title: Казахстан и США подписали соглашения на 17 млрд долларов\n"
        "date: 2025-11-05T14:30+03:00\n"
        "topics: [Казахстан, США]\n"
        "summary: Сделки подписаны в Вашингтоне.\n"
        "image:\n"
        "  src: photos/signing.jpg\n"
        "  alt: Лидеры за столом с подписанными соглашениями\n"
        "  caption: Подписание в Вашингтоне\n"
        "---\n"
        "Лидеры двух стран подписали **коммерческие соглашения**.\n"
        "\n"
        "![Карта поставок](photos/map.png)\n"
        "\n"
        "Подробности — в [архиве](https://example.com/source).\n"
    ),
    # Images: a seed's of its name, a Markdown article's lead and one in its body.
    "seeds/001_1a2b3c4d5e6f7081.jpg": picture("JPEG", (1200, 800), (40, 90, 160)),
    "seeds/articles/photos/signing.jpg": picture("JPEG", (900, 600), (150, 110, 40)),
    "seeds/articles/photos/map.png": picture("PNG", (640, 400), (30, 140, 90)),
    "seeds/articles/late.md": (
        "---\n"
        "title: Поздняя новость из Казахстана\n"
        "date: 2025-11-06T23:30-05:00\n"
        "topics: [казахстан]\n"
        "---\n"
        "Новость, отправленная поздно вечером по времени Нью-Йорка.\n"
    ),
    "seeds/articles/israel.md": (
        "---\n"
        "date: 2025-09-01\n"
        "topics:\n"
        "  - Израиль\n"
        "  - США\n"
        "---\n"
        "Израиль и США провели переговоры о торговле. Стороны договорились продолжить.\n"
    ),
    "seeds/articles/astana.md": (
        "---\n"
        "title: Лето в Астане\n"
        "date: 2024-06-15\n"
        "slug: astana-summer\n"
        "lang: ru\n"
        "topics: Казахстан\n"
        "---\n"
        "В Астане стоит жаркая погода.\n"
    ),
    "seeds/articles/draft.md": (
        "---\ntitle: Черновик\ndate: 2025-11-08\ndraft: true\n---\nЕще не готово.\n"
    ),
    "seeds/.hidden.txt": " date 2025-11-09 Скрытый файл не публикуется.",
    "seeds/notes.docx": b"PK\x03\x04 not a source",
}

# The image files the sample site publishes: its three images, and the two leads' thumbnails
# and copies 640 pixels wide (both are wider).
SAMPLE_IMAGE_FILES = 7

# The sample site's articles, newest first: (title, date as written in the source).
SAMPLE_ARTICLES = [
    (SAMPLE_TITLE, "2025-11-07"),
    ("В Астане открылся новый мост через Ишим", "2025-11-07"),
    ("Поздняя новость из Казахстана", "2025-11-06"),
    ("Казахстан и США подписали соглашения на 17 млрд долларов", "2025-11-05"),
    ("Цены на жилье в Алматы выросли за месяц на два процента", "2025-10-30"),
    ("Израиль и США провели переговоры о торговле", "2025-09-01"),
    ("Жители Астаны встретили Новый год салютом", "2024-12-31"),
    ("Лето в Астане", "2024-06-15"),
]

# The sample site's topics, worked out by hand from its texts: kind, slug, and the indexes
# in SAMPLE_ARTICLES of its articles (newest first). Front matter gives Казахстан (also
# written «казахстан»), США and Израиль; the rest are found in the text, each named in a
# lede (the seed article's people, «Белого дома», «В Астане», «Жители Астаны», «Лето в
# Астане», «в Алматы», «через Ишим», «времени Нью-Йорка»). Passing mentions outside the
# seed article's lede (Египет, Судан, Kazinform…) are not topics, and a surname alone
# («Трампа») joins its full name.
SAMPLE_TOPICS: dict[str, tuple[str, str, list[int]]] = {
    "Казахстан": ("place", "kazakhstan", [0, 2, 3, 7]),
    "США": ("place", "ssha", [0, 3, 5]),
    "Астана": ("place", "astana", [1, 6, 7]),
    "Израиль": ("place", "izrail", [0, 5]),
    "Алматы": ("place", "almaty", [4]),
    "Ишим": ("place", "ishim", [1]),
    "Нью-Йорк": ("place", "nyu-york", [2]),
    "Дональд Трамп": ("person", "donald-tramp", [0]),
    "Касым-Жомарт Токаев": ("person", "kasym-zhomart-tokaev", [0]),
    "Биньямин Нетаньяху": ("person", "binyamin-netanyakhu", [0]),
    "Белый дом": ("organisation", "belyy-dom", [0]),
}


# How the A–Я index files the sample's people: by surname.
SAMPLE_FILED = {
    "Дональд Трамп": "Трамп, Дональд",
    "Касым-Жомарт Токаев": "Токаев, Касым-Жомарт",
    "Биньямин Нетаньяху": "Нетаньяху, Биньямин",
}


def filed(name: str) -> str:
    """A sample topic's name as the A–Я index shows and files it."""
    return SAMPLE_FILED.get(name, name)


def pages_for(count: int, per_page: int = SAMPLE_PER_PAGE) -> int:
    """How many pages list `count` articles, `per_page` to a page: the front page, and when
    there are more, the pages numbered from the oldest that hold them all."""
    return 1 if count <= per_page else 1 + -(-count // per_page)


def sample_html_pages() -> int:
    """The HTML pages the sample site should have, counted from its articles and topics."""
    dates = [date for _, date in SAMPLE_ARTICLES]
    letters = {filed(name)[0] for name in SAMPLE_TOPICS}
    topic_pages = sum(pages_for(len(found)) for _, _, found in SAMPLE_TOPICS.values())
    return (
        pages_for(len(SAMPLE_ARTICLES))  # home
        + len(SAMPLE_ARTICLES)
        + len(set(dates))  # days
        + len({date[:7] for date in dates})  # months
        + len({date[:4] for date in dates})  # years
        + 1  # archive
        + 1  # topics by kind
        + len(letters)  # an A–Я index page per initial letter
        + topic_pages
        + 1  # search
        + 1  # 404
    )


def sample_pages() -> int:
    """Every page of the sample site (with its base URL): the HTML, a feed per topic and the
    site's, each in Atom and RSS, the sitemap and the news sitemap, robots.txt."""
    return sample_html_pages() + 2 * (1 + len(SAMPLE_TOPICS)) + 3


@dataclass(frozen=True)
class BuiltSite:
    """A site folder, the folder it was built into, its base URL and the build's output."""

    site: Path
    build: Path
    base_url: str
    run: Run


def _make_site(folder: Path, files: Mapping[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return write_files(folder, files)


@pytest.fixture
def make_site() -> MakeSite:
    """`make_site(tmp_path, {"seeds/x.txt": "..."})` writes a site inline, gives its folder."""
    return _make_site


def build_in_place(
    make_site: MakeSite,
    folder: Path,
    files: Mapping[str, str | bytes],
    monkeypatch: pytest.MonkeyPatch,
    times: int = 1,
) -> Path:
    """Write a site, make it the current folder and build it `times` times; give its folder.

    Before each build after the first, the sources are saved again unchanged, so that each
    build writes a site (one with nothing changed leaves the site as it is): the last but
    one is left as the staging folder.
    """
    site = make_site(folder, files)
    monkeypatch.chdir(site)
    for number in range(times):
        if number:
            for source in (site / "seeds").iterdir():
                source.write_bytes(source.read_bytes())
        run = newsgen("build", "--jobs", "1")
        assert run.code == 0, run.err
    return site


def write_sample_sources(folder: Path) -> Path:
    """Write the sample site (the repository's seeds and the extra articles) into `folder`."""
    shutil.copytree(REPO / "seeds", folder / "seeds")
    return write_files(folder, EXTRA_SOURCES)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The sample site built once at the root of https://example.org/ (do not modify)."""
    site = write_sample_sources(tmp_path_factory.mktemp("sample") / "site")
    run = newsgen("build", "--site", site, "--jobs", "1")
    assert run.code == 0, run.err
    return BuiltSite(site, site / "build", ROOT_BASE_URL, run)


@pytest.fixture(scope="session")
def subpath_site(sample_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The sample site's sources built once under https://example.org/news/archive/."""
    output = tmp_path_factory.mktemp("subpath") / "public"
    run = newsgen(
        "build", "--site", sample_site.site, "--output", output,
        "--base-url", SUBPATH_BASE_URL.rstrip("/"), "--jobs", "1",
    )  # fmt: skip
    assert run.code == 0, run.err
    return BuiltSite(sample_site.site, output, SUBPATH_BASE_URL, run)


@pytest.fixture(scope="session")
def unhosted_site(sample_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The sample site's sources built once with no base URL (`--base-url ""`)."""
    output = tmp_path_factory.mktemp("unhosted") / "public"
    run = newsgen(
        "build", "--site", sample_site.site, "--output", output, "--base-url", "", "--jobs", "1"
    )
    assert run.code == 0, run.err
    return BuiltSite(sample_site.site, output, "", run)


SESSION_BUILDS = {"root": "sample_site", "subpath": "subpath_site", "unhosted": "unhosted_site"}


@pytest.fixture(params=["root", "subpath"])
def any_site(request: pytest.FixtureRequest) -> BuiltSite:
    """Each hosted session build in turn: at a domain's root and under a sub-path."""
    built: BuiltSite = request.getfixturevalue(SESSION_BUILDS[request.param])
    return built


@pytest.fixture(params=["root", "subpath", "unhosted"])
def every_site(request: pytest.FixtureRequest) -> BuiltSite:
    """Each session build in turn, the one without a base URL too."""
    built: BuiltSite = request.getfixturevalue(SESSION_BUILDS[request.param])
    return built
