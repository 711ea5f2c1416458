"""The built site in a real browser: Debian's Chromium driven by Playwright.

The sample site is served by a plain static file server (as a host would serve it), and
each page type is loaded, searched, checked with axe-core and photographed at phone and
desktop widths in light and dark mode. Screenshots go to `test-artifacts/screenshots/`.

Without Chromium these tests are skipped with a message, except in CI (`CI=true`), where
a missing browser is a failure: CI cannot pass without running them.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import (
    SAMPLE_ARTICLES,
    SAMPLE_TITLE,
    SAMPLE_TOPICS,
    SAMPLE_URL,
    BuiltSite,
    MakeSite,
)
from playwright.sync_api import Browser, Page, sync_playwright
from sitetools import REPO, base_path, newsgen

CHROMIUM = os.environ.get("NEWSGEN_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Chromium's own background traffic is refused by a closed network; it is not the site's.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
PAGE_TYPES = {
    "home": "",
    "article": SAMPLE_URL,
    "day": "2025/11/07/",
    "month": "2025/11/",
    "year": "2025/",
    "archive": "archive/",
    "topic": f"topics/{SAMPLE_TOPICS['Касым-Жомарт Токаев'][1]}/",
    "search": "search/?q=Токаев",
}
WAIT_MS = 15_000


def chromium_or_skip() -> str:
    if Path(CHROMIUM).is_file():
        return CHROMIUM
    message = f"no Chromium at {CHROMIUM}: install Debian's chromium package"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI must run the browser tests)")
    pytest.skip(f"{message} to run the browser tests")


@dataclass
class HeldFiles:
    """Files the host answers only once the browser has asked for all of them (or after
    `seconds`), so that their downloads end at the same moment."""

    paths: set[str]
    seconds: float
    asked: set[str] = field(default_factory=set)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def hold(self, path: str) -> None:
        with self.changed:
            self.asked.add(path)
            self.changed.notify_all()
            self.changed.wait_for(lambda: self.asked >= self.paths, timeout=self.seconds)

    def wait_until_asked(self, path: str) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: path in self.asked, timeout=WAIT_MS / 1000)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static host serving the site under `prefix` (`/`, or a sub-path like `/news/`)."""

    prefix = "/"
    held: HeldFiles | None = None

    def do_GET(self) -> None:
        if self.held and self.path in self.held.paths:
            self.held.hold(self.path)
        super().do_GET()

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "no-such-file")
        return super().translate_path("/" + path.removeprefix(self.prefix))

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def static_host(build: Path, prefix: str = "/", held: HeldFiles | None = None) -> Iterator[str]:
    """Serve `build` at `prefix` on a free loopback port; give the site's address."""
    handler = type("SiteHandler", (QuietHandler,), {"prefix": prefix, "held": held})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(build))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def fresh_page(browser: Browser, **context_options: Any) -> Iterator[Page]:
    """A page in a new browser context (its own viewport, colour scheme, JavaScript)."""
    context = browser.new_context(**context_options)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="module")
def site_url(sample_site: BuiltSite) -> Iterator[str]:
    """The sample site on a static file server at a domain's root."""
    with static_host(sample_site.build) as url:
        yield url


@pytest.fixture(scope="module")
def parted_site(sample_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site built with its search index in three parts (2024–2025-09, 2025-10,
    2025-11); the built folder."""
    folder = tmp_path_factory.mktemp("parted")
    config = folder / "newsgen.yaml"
    settings = (sample_site.site / "newsgen.yaml").read_text("utf-8")
    config.write_text(settings + "search_part_size: 3\n", encoding="utf-8")
    output = folder / "public"
    run = newsgen(
        "build", "--site", sample_site.site, "--config", config, "--output", output, "--jobs", "1"
    )
    assert run.built.search == "indexed (3 of 3 parts)", run.err
    return output


@pytest.fixture(scope="module")
def parted_url(parted_site: Path) -> Iterator[str]:
    """The sample site with its search index in three parts, on a static file server."""
    with static_host(parted_site) as url:
        yield url


@pytest.fixture(scope="module", params=["one part", "three parts"])
def search_url(request: pytest.FixtureRequest) -> str:
    """The sample site, its search index in one part or in several."""
    url: str = request.getfixturevalue("site_url" if request.param == "one part" else "parted_url")
    return url


@pytest.fixture(scope="module")
def subpath_url(subpath_site: BuiltSite) -> Iterator[str]:
    """The sample site built for a sub-path, served under it."""
    with static_host(subpath_site.build, base_path(subpath_site.base_url)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = chromium_or_skip()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@dataclass
class Visit:
    """A page and what went wrong while it loaded: console errors, failed or outside requests."""

    page: Page
    origin: str
    problems: list[str] = field(default_factory=list)

    def watch(self) -> None:
        page = self.page
        page.on("console", lambda m: m.type == "error" and self.problems.append(m.text))
        page.on("pageerror", lambda error: self.problems.append(str(error)))
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"{r.status}"))
        page.on("request", self._outside)

    def _outside(self, request: object) -> None:
        url = str(getattr(request, "url", ""))
        if not url.startswith((self.origin, "data:")):
            self.problems.append(f"external request: {url}")


@pytest.fixture
def visit(browser: Browser, site_url: str) -> Iterator[Visit]:
    with fresh_page(browser, viewport={"width": 1280, "height": 900}) as page:
        watched = Visit(page, "http://127.0.0.1:")  # the tests' own servers
        watched.watch()
        yield watched


def seen(text: str) -> str:
    """Text as a reader reads it: the no-break spaces of typography are spaces."""
    return text.replace("\xa0", " ")


def wait_for_results(page: Page) -> list[str]:
    """The titles of the search results, once the search has answered."""
    page.wait_for_selector("#search-app[aria-busy=false]", state="attached", timeout=WAIT_MS)
    return [seen(title) for title in page.locator(".search-result h2").all_inner_texts()]


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_each_page_type_loads_cleanly(visit: Visit, site_url: str, path: str) -> None:
    visit.page.goto(site_url + path, wait_until="networkidle")
    if path.startswith("search/"):
        wait_for_results(visit.page)
    assert visit.page.locator("h1").count() >= 1
    assert visit.problems == []


@pytest.mark.parametrize("word", ["Токаев", "соглашения"])
def test_the_issues_searches_find_the_seed_article(
    visit: Visit, search_url: str, word: str
) -> None:
    visit.page.goto(f"{search_url}search/?q={word}")
    assert SAMPLE_TITLE in wait_for_results(visit.page)
    assert visit.problems == []


@pytest.mark.parametrize("form", ["соглашениях", "Токаеву"])
def test_russian_stemming_finds_forms_the_text_does_not_have(
    visit: Visit, search_url: str, sample_site: BuiltSite, form: str
) -> None:
    seed = (sample_site.build / SAMPLE_URL / "index.html").read_text("utf-8")
    assert not re.search(rf"\b{form}\b", seed)
    visit.page.goto(f"{search_url}search/?q={form}")
    assert SAMPLE_TITLE in wait_for_results(visit.page)


def test_results_show_title_date_and_excerpt(visit: Visit, search_url: str) -> None:
    visit.page.goto(f"{search_url}search/?q=Токаев")
    wait_for_results(visit.page)
    first = visit.page.locator(".search-result").first
    assert seen(first.locator("h2 a").inner_text()) == SAMPLE_TITLE
    assert first.locator(".meta").inner_text() == "7 ноября 2025"
    assert "Токаев" in first.locator("mark").first.inner_text()
    link = first.locator("h2 a").get_attribute("href")
    assert link == f"/{SAMPLE_URL}"


@pytest.mark.parametrize(
    ("word", "headline"),
    [("Авраамовым", SAMPLE_TITLE), ("присоединившейся", SAMPLE_TITLE), ("жаркая", "Лето в Астане")],
    ids=["within-the-headline", "lede-opens-with-the-headline", "written-headline"],
)
def test_an_excerpt_does_not_repeat_the_headline_above_it(
    visit: Visit, site_url: str, word: str, headline: str
) -> None:
    visit.page.goto(f"{site_url}search/?q={word}")
    titles = wait_for_results(visit.page)
    result = visit.page.locator(".search-result").nth(titles.index(headline))
    excerpt = seen(result.locator(".summary").inner_text())
    # The text around the word, or (when that was all headline) the article's summary.
    assert excerpt and not excerpt.startswith(headline[:20]), excerpt
    assert excerpt[:15] not in headline, excerpt  # nor does it start within it
    marks = result.locator(".summary mark").all_inner_texts()
    assert all(word in mark for mark in marks)


def test_search_under_a_sub_path_links_into_it(browser: Browser, subpath_url: str) -> None:
    with fresh_page(browser) as page:
        page.goto(f"{subpath_url}search/?q=Токаев")
        assert SAMPLE_TITLE in wait_for_results(page)
        link = page.locator(".search-result h2 a").first
        assert link.get_attribute("href") == base_path(subpath_url) + SAMPLE_URL
        with page.expect_navigation():
            link.click()
        assert seen(page.locator("article.article h1").inner_text()) == SAMPLE_TITLE


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_nothing_scrolls_sideways_on_a_360_px_phone(
    browser: Browser, site_url: str, path: str
) -> None:
    with fresh_page(browser, viewport={"width": 360, "height": 740}) as page:
        page.goto(site_url + path, wait_until="networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


# Stems from the Snowball project's own Russian stemmer (`snowballstemmer` on PyPI), which
# Pagefind uses too: the search page's copy of the algorithm must agree with it.
SNOWBALL_STEMS = {
    "соглашениям": "соглашен",
    "Токаевым": "токаев",
    "безопасностью": "безопасн",
    "данным": "дан",
    "стран": "стран",
    "Казахстана": "казахста",
    "красивейшими": "красив",
    "длинный": "длин",
    "подписали": "подписа",
    "встретившись": "встрет",
    "переговорах": "переговор",
}


def test_the_search_page_stems_russian_as_snowball_does(visit: Visit, site_url: str) -> None:
    visit.page.goto(f"{site_url}search/")
    stems = visit.page.evaluate(
        """async (words) => {
            const { russianStem } = await import("../static/word_match.js");
            return Object.fromEntries(words.map((word) => [word, russianStem(word)]));
        }""",
        list(SNOWBALL_STEMS),
    )
    assert stems == SNOWBALL_STEMS


@pytest.mark.parametrize("word", ["Перейти", "Найти", "абырвалг"])
def test_words_in_no_article_find_nothing(visit: Visit, search_url: str, word: str) -> None:
    """Only article text is indexed («Перейти к содержанию» and «Найти» are on every page),
    and a word the index lacks finds nothing, not the articles with some prefix of it."""
    visit.page.goto(f"{search_url}search/?q={word}")
    assert wait_for_results(visit.page) == []


def test_a_topic_filter_narrows_the_results(visit: Visit, search_url: str) -> None:
    page = visit.page
    page.goto(f"{search_url}search/?q=Казахстан")
    everything = wait_for_results(page)
    usa = [SAMPLE_ARTICLES[i][0] for i in SAMPLE_TOPICS["США"][2]]
    assert len(everything) > len(set(everything) & set(usa)) > 0
    page.get_by_role("button", name=re.compile("^США")).click()
    page.wait_for_function("location.search.includes('topic=')", timeout=WAIT_MS)
    narrowed = wait_for_results(page)
    assert 0 < len(narrowed) < len(everything)
    assert set(narrowed) <= set(usa)
    assert "topic=%D0%A1%D0%A8%D0%90" in page.url  # the filter stays in the address


def test_a_topic_chip_pressed_by_keyboard_keeps_the_focus(visit: Visit, site_url: str) -> None:
    page = visit.page
    page.goto(f"{site_url}search/?q=Казахстан")
    wait_for_results(page)
    page.get_by_role("button", name=re.compile("^США")).focus()
    page.keyboard.press("Enter")
    page.wait_for_function("location.search.includes('topic=')", timeout=WAIT_MS)
    wait_for_results(page)
    focused = page.evaluate("[document.activeElement.tagName, document.activeElement.value]")
    assert focused == ["BUTTON", "США"]


def test_opened_from_disk_the_search_page_says_it_needs_a_server(
    browser: Browser, sample_site: BuiltSite
) -> None:
    with fresh_page(browser) as page:
        page.goto((sample_site.build / "search/index.html").as_uri())
        assert "через веб-сервер" in page.locator("#search-from-disk").inner_text()


def test_a_year_filter_narrows_the_results(visit: Visit, search_url: str) -> None:
    page = visit.page
    page.goto(f"{search_url}search/?q=Астане")
    everything = wait_for_results(page)
    page.select_option("#search-year", "2024")
    page.wait_for_function("location.search.includes('year=2024')", timeout=WAIT_MS)
    in_2024 = wait_for_results(page)
    assert in_2024 == ["Лето в Астане"]
    assert len(everything) > len(in_2024)


def test_newest_first_orders_the_results_by_date(visit: Visit, search_url: str) -> None:
    page = visit.page
    page.goto(f"{search_url}search/?q=Казахстан&order=newest")
    found = wait_for_results(page)
    newest_first = [title for title, _ in SAMPLE_ARTICLES]
    assert len(found) > 2
    assert found == sorted(found, key=newest_first.index)
    assert page.locator("#search-order").input_value() == "newest"


def test_typing_and_changing_filters_quickly_ends_with_the_last_search(
    visit: Visit, search_url: str
) -> None:
    page = visit.page
    page.goto(f"{search_url}search/")
    page.wait_for_selector("#search-app[aria-busy=false]", state="attached", timeout=WAIT_MS)
    page.type("#search-query", "Астан", delay=30)
    for choice in ("2024", "2025", "", "2024"):  # each change starts a search at once
        page.select_option("#search-year", choice)
    page.wait_for_function("location.search.includes('year=2024')", timeout=WAIT_MS)
    page.wait_for_timeout(300)  # the typing pause, after which the last search runs
    found = wait_for_results(page)
    assert sorted(found) == ["Жители Астаны встретили Новый год салютом", "Лето в Астане"]
    assert visit.problems == []


def test_parts_of_the_index_loaded_at_once_spoil_no_search(
    browser: Browser, parted_site: Path
) -> None:
    # Two parts whose WebAssembly arrives at the same moment: the oldest (the only one of
    # 2024), asked first, and the newest, asked when the reader turns to 2025.
    oldest, *_, newest = sorted(path.name for path in (parted_site / "pagefind").iterdir())
    wasm = [f"/pagefind/{part}/wasm.ru.pagefind" for part in (oldest, newest)]
    held = HeldFiles(set(wasm), seconds=2)
    with static_host(parted_site, held=held) as url, fresh_page(browser) as page:
        visit = Visit(page, "http://127.0.0.1:")
        visit.watch()
        page.goto(f"{url}search/?q=Астан&year=2024")
        assert held.wait_until_asked(wasm[0]), "the search never asked for the oldest part"
        page.select_option("#search-year", "2025")
        assert wait_for_results(page) == ["В Астане открылся новый мост через Ишим"]
        assert visit.problems == []


def test_the_header_box_leads_to_results_by_keyboard(visit: Visit, site_url: str) -> None:
    page = visit.page
    page.goto(site_url)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    reached = tab_until(page, "document.activeElement.id === 'site-search-query'")
    assert reached, "Tab never reached the search box"
    page.keyboard.type("Токаев")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="), timeout=WAIT_MS)
    assert SAMPLE_TITLE in wait_for_results(page)


def test_keyboard_reaches_the_article_links(visit: Visit, site_url: str) -> None:
    page = visit.page
    page.goto(site_url)
    assert tab_until(page, "document.activeElement.matches('.teaser-title a')")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("article.article h1").count() == 1


def tab_until(page: Page, condition: str, presses: int = 40) -> bool:
    for _ in range(presses):
        if page.evaluate(condition):
            return True
        page.keyboard.press("Tab")
    return bool(page.evaluate(condition))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_serious_accessibility_violations(
    browser: Browser, site_url: str, path: str, scheme: str
) -> None:
    with fresh_page(browser, color_scheme=scheme) as page:
        page.goto(site_url + path, wait_until="networkidle")
        if path.startswith("search/"):
            wait_for_results(page)
        violations = Axe().run(page).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name", PAGE_TYPES.keys())
def test_screenshots_and_no_sideways_scrolling(
    browser: Browser, site_url: str, name: str, width: int, scheme: str
) -> None:
    with fresh_page(browser, viewport={"width": width, "height": 900}, color_scheme=scheme) as page:
        page.goto(site_url + PAGE_TYPES[name], wait_until="networkidle")
        if name == "search":
            wait_for_results(page)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}-{scheme}.png", full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
    dark = background != "rgb(253, 253, 251)"
    assert dark == (scheme == "dark")


def test_articles_read_without_javascript(browser: Browser, site_url: str) -> None:
    with fresh_page(browser, java_script_enabled=False) as page:
        page.goto(site_url + SAMPLE_URL)
        text = seen(page.locator("article.article").inner_text())
    assert SAMPLE_TITLE in text and "Касым-Жомарт Токаев" in text


def test_the_search_page_says_it_needs_javascript(browser: Browser, site_url: str) -> None:
    with fresh_page(browser, java_script_enabled=False) as page:
        page.goto(site_url + "search/?q=Токаев")
        text = page.locator("main").inner_text()
    assert "Для поиска нужен JavaScript" in text


def test_show_more_adds_the_next_results_from_every_part(
    browser: Browser, make_site: MakeSite, tmp_path: Path
) -> None:
    """13 articles on bridges, one a month, in parts of 5: ten shown, then the other three."""
    files: dict[str, str | bytes] = {
        f"seeds/{n:03d}_{n:016x}.txt": f" date 2024-{n:02d}-10 Мост номер {n} открыли."
        for n in range(1, 13)
    }
    files["seeds/013_000000000000000d.txt"] = " date 2025-01-10 Мост номер 13 открыли."
    files["newsgen.yaml"] = "search_part_size: 5\nfind_topics: false\n"
    site = make_site(tmp_path, files)
    run = newsgen("build", "--site", site, "--jobs", "1")
    assert run.built.search == "indexed (3 of 3 parts)", run.err
    with static_host(site / "build") as url, fresh_page(browser) as page:
        page.goto(f"{url}search/?q=мост&order=newest")
        first = wait_for_results(page)
        assert len(first) == 10 and first[0].startswith("Мост номер 13")
        page.click("#search-more")
        page.wait_for_function("document.querySelectorAll('.search-result').length === 13")
        titles = [seen(t) for t in page.locator(".search-result h2").all_inner_texts()]
    assert [int(title.split()[2]) for title in titles] == list(range(13, 0, -1))


DEALS_URL = "2025/11/05/kazakhstan-i-ssha-podpisali-soglasheniya-na-17-mlrd-dollarov/"
SCREEN_ONLY = ".site-nav, .site-search, .breadcrumbs, .neighbours, .related-articles"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_article_prints_black_on_white_without_navigation(
    browser: Browser, site_url: str, scheme: str
) -> None:
    """Printed (or saved as PDF), an article is its text and facts: no menus, no search,
    and each link in the text says where it leads."""
    with fresh_page(browser, viewport={"width": 1280, "height": 900}, color_scheme=scheme) as page:
        page.goto(site_url + DEALS_URL, wait_until="networkidle")
        assert page.locator(SCREEN_ONLY).first.is_visible()
        page.emulate_media(media="print")
        shown = page.evaluate(
            f"[...document.querySelectorAll({SCREEN_ONLY!r})].map(e => getComputedStyle(e).display)"
        )
        body = "getComputedStyle(document.body)"
        colours = page.evaluate(f"[{body}.color, {body}.backgroundColor]")
        link_note = page.evaluate(
            "getComputedStyle(document.querySelector('.article .body a'), '::after').content"
        )
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"article-print-{scheme}.png", full_page=True)
        page.pdf(path=SCREENSHOTS.parent / f"article-print-{scheme}.pdf")
        text = page.locator("article.article").inner_text()
    assert shown and set(shown) == {"none"}
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    assert link_note == '" (https://example.com/source)"'
    assert "Казахстан и США подписали соглашения" in seen(text)


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("2025/", "2025: статьи по дням"),
        ("archive/", "Статьи архива по месяцам"),
        ("topics/kazakhstan/", "Казахстан: статьи по месяцам"),
    ],
    ids=["year", "archive", "topic"],
)
def test_charts_are_drawn_in_the_readers_scheme_and_named(
    browser: Browser, site_url: str, path: str, name: str
) -> None:
    fills = {}
    for scheme in ("light", "dark"):
        with fresh_page(
            browser, viewport={"width": 1280, "height": 900}, color_scheme=scheme
        ) as page:
            page.goto(site_url + path, wait_until="networkidle")
            chart = page.get_by_role("img", name=name)
            box = chart.bounding_box()
            assert box is not None and box["width"] > 100 and box["height"] > 20
            marks = chart.locator(".chart-bar, .chart-day:not(.level-0)")
            assert marks.count() > 0
            fills[scheme] = marks.first.evaluate("e => getComputedStyle(e).fill")
            accent = page.evaluate(
                "getComputedStyle(document.documentElement).getPropertyValue('--accent')"
            )
            assert fills[scheme] == page.evaluate(
                "c => { const e = document.createElement('i'); e.style.color = c; "
                "document.body.append(e); return getComputedStyle(e).color; }",
                accent.strip(),
            )
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            chart.screenshot(
                path=SCREENSHOTS / f"chart-{path.strip('/').replace('/', '-')}-{scheme}.png"
            )
    assert fills["light"] != fills["dark"]


SIGNING_URL = "2025/11/05/kazakhstan-i-ssha-podpisali-soglasheniya-na-17-mlrd-dollarov/"
# A page's sum of layout shifts (CLS without its session windows), counted from the start.
COUNT_SHIFTS = """
window.shifts = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.shifts += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize(
    ("path", "images"),
    [
        (SIGNING_URL, ["signing.640.webp", "map.png"]),  # the copy that fits the column
        ("topics/ssha/", [f"{SIGNING_URL}signing.thumb.webp"]),
    ],
    ids=["article", "topic"],
)
@pytest.mark.parametrize("width", [375, 1280])
def test_images_arrive_late_and_move_nothing(
    browser: Browser, sample_site: BuiltSite, path: str, images: list[str], width: int
) -> None:
    """The images are held back by the server until the page has been laid out: sized by
    their attributes, they take their place at once, and nothing moves when they come."""
    wanted = [f"/{image}" if image.startswith("2025") else f"/{path}{image}" for image in images]
    held = HeldFiles(set(wanted), seconds=1.5)
    viewport = {"width": width, "height": 2000}  # every image in view: the lazy ones load too
    with (
        static_host(sample_site.build, held=held) as url,
        fresh_page(browser, viewport=viewport) as page,
    ):
        page.add_init_script(COUNT_SHIFTS)
        page.goto(url + path)
        page.wait_for_function(
            "[...document.images].every((image) => image.complete && image.naturalWidth > 0)",
            timeout=WAIT_MS,
        )
        shifts = page.evaluate("window.shifts")
        shown = page.evaluate(
            "[...document.images].map((i) => [i.getAttribute('src'), i.width, i.height])"
        )
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = "article" if path == SIGNING_URL else "topic"
        page.screenshot(path=SCREENSHOTS / f"images-{name}-{width}.png", full_page=True)
    assert held.asked == set(wanted)
    assert shifts == 0
    proportions = {"signing.jpg": 900 / 600, "map.png": 640 / 400}
    for src, shown_width, shown_height in shown:
        if src.endswith(".thumb.webp"):
            assert (shown_width, shown_height) == (120, 80)
        else:  # as wide as the column allows, in the image's own proportions
            assert shown_width <= width
            assert shown_width / shown_height == pytest.approx(proportions[src], rel=0.02)
