"""A rebuild that changes no teaser plans only the pages that show whole articles
(`newsgen.remembered_plan`), and its site is still the one a fresh build makes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

from conftest import write_sample_sources
from dateutil import tz
from sitetools import make_article, newsgen, tree_bytes

from newsgen.config import SiteConfig
from newsgen.plan import plan_site
from newsgen.plan.pages import ArticleContext, SearchContext, SiteFeedContext
from newsgen.records import Article, Body, Teaser, Topic
from newsgen.remembered_plan import (
    Plan,
    PlanMade,
    plan_made,
    read_plan_made,
    replan,
    whole_plan,
    write_plan_made,
)
from newsgen.render import PageKeys

KAZAN = Topic("place", "Казань", "kazan")
ARTICLES = [make_article(n, topics=(KAZAN,) if n % 2 else ()) for n in range(1, 8)]
CONFIG = SiteConfig()
SITE = "1700000000000000000 4096 77"  # the live marker's stamp


def remembered(articles: list[Article], salt: bytes = b"salt") -> tuple[PageKeys, PlanMade]:
    keys = PageKeys(salt)
    return keys, plan_made(Plan(plan_site(articles, CONFIG)), SITE, keys, search=True)


def test_a_corrected_body_plans_its_page_the_feed_and_the_search_page() -> None:
    keys, last = remembered(ARTICLES)
    corrected = dataclasses.replace(ARTICLES[3], body=Body.of(("Текст.", "Поправка.")))
    articles = [*ARTICLES[:3], corrected, *ARTICLES[4:]]
    plan = replan(
        last, SITE, articles, frozenset({corrected.source_path}), CONFIG, PageKeys(b"salt")
    )
    assert plan is not None
    kinds = [type(page.context) for page in plan.pages]
    assert kinds == [ArticleContext, SiteFeedContext, SearchContext]
    assert plan.pages[0].context.article is corrected
    whole = plan_site(articles, CONFIG)
    assert {page.path for page in plan.pages} | set(plan.kept) == {page.path for page in whole}
    assert len(plan) == len(whole)
    assert keys.key(plan.pages[0]) == keys.key(next(p for p in whole if p == plan.pages[0]))


def test_a_changed_teaser_salt_or_set_of_articles_plans_in_full() -> None:
    _, last = remembered(ARTICLES)
    retitled = dataclasses.replace(ARTICLES[3], title="Новый заголовок")
    read = frozenset({retitled.source_path})
    retitled_all = [*ARTICLES[:3], retitled, *ARTICLES[4:]]
    assert replan(last, SITE, retitled_all, read, CONFIG, PageKeys(b"salt")) is None
    assert replan(last, SITE, ARTICLES[1:], frozenset(), CONFIG, PageKeys(b"salt")) is None
    assert replan(last, SITE, ARTICLES, frozenset(), CONFIG, PageKeys(b"other salt")) is None
    assert replan(None, SITE, ARTICLES, frozenset(), CONFIG, PageKeys(b"salt")) is None
    assert replan(last, SITE, ARTICLES, frozenset(), CONFIG, PageKeys(b"salt"))  # all holds


def test_a_plan_holds_only_for_the_site_it_was_made_for() -> None:
    _, last = remembered(ARTICLES)
    for site in ("1700000000000000001 4096 77", None):  # another site swapped in; none
        assert replan(last, site, ARTICLES, frozenset(), CONFIG, PageKeys(b"salt")) is None


def build(site: Path) -> str:
    run = newsgen("build", "--site", site, "--jobs", "1")
    assert run.code == 0, run.err
    return run.out


def corrected_body(site: Path) -> Path:
    """Add a sentence at the end of one article (its teaser stays as it was); give the
    site's folder."""
    source = site / "seeds/000_f2c8b14476094b1d.txt"  # of many paragraphs
    source.write_text(source.read_text("utf-8") + " Материал обновлен.", "utf-8")
    return site


def pages_said(out: str) -> str:
    return out.split(": ", 1)[1].split(";", 1)[0]  # "NN pages"


def pages_of(out: str) -> int:
    return int(pages_said(out).removesuffix(" pages"))


def test_a_corrected_body_gives_a_fresh_builds_site(tmp_path: Path) -> None:
    site = write_sample_sources(tmp_path / "site")
    build(site)
    out = build(corrected_body(site))
    assert "1 source read" in out
    # The article's page, and the feeds it is new enough for (Atom and RSS).
    assert "; 3 pages rendered" in out
    # Planned again: those three and the search page (unchanged, so not rendered).
    assert f"the last build, {pages_of(out) - 4} of them not planned again); " in out
    fresh = corrected_body(write_sample_sources(tmp_path / "fresh"))
    assert pages_said(out) == pages_said(build(fresh))
    assert tree_bytes(site / "build") == tree_bytes(fresh / "build")


def test_a_page_gone_from_the_live_site_is_made_again(tmp_path: Path) -> None:
    site = write_sample_sources(tmp_path / "site")
    build(site)
    (site / "build/topics/index.html").unlink()
    assert "not planned again" not in build(corrected_body(site))
    fresh = corrected_body(write_sample_sources(tmp_path / "fresh"))
    build(fresh)
    assert tree_bytes(site / "build") == tree_bytes(fresh / "build")


def test_a_plan_kept_from_before_the_live_site_is_not_used(tmp_path: Path) -> None:
    """A build stopped after its swap, before it kept its plan, leaves the plan of the
    site before it: the next build must not keep pages by that plan."""
    site = write_sample_sources(tmp_path / "site")
    build(site)
    plan = site / ".newsgen-cache/last-plan.json"
    before = plan.read_bytes()
    other = site / "seeds/002_2b3c4d5e6f708192.txt"
    kept = other.read_text("utf-8")
    other.write_text(kept + "\n\nВ Самаре прошел митинг. Самара ждет гостей.", "utf-8")  # a topic
    build(site)
    plan.write_bytes(before)  # as if that build had stopped before keeping its plan
    other.write_text(kept, "utf-8")
    assert "not planned again" not in build(corrected_body(site))
    fresh = corrected_body(write_sample_sources(tmp_path / "fresh"))
    build(fresh)
    assert tree_bytes(site / "build") == tree_bytes(fresh / "build")


def test_an_unreadable_plan_means_a_whole_plan(tmp_path: Path) -> None:
    site = write_sample_sources(tmp_path / "site")
    build(site)
    (site / ".newsgen-cache/last-plan.json").write_text('{"pages": 3}', "utf-8")
    assert "not planned again" not in build(corrected_body(site))
    fresh = corrected_body(write_sample_sources(tmp_path / "fresh"))
    build(fresh)
    assert tree_bytes(site / "build") == tree_bytes(fresh / "build")


def test_a_kept_plan_reads_back_as_written_or_not_at_all(tmp_path: Path) -> None:
    _, made = remembered(ARTICLES)
    path = tmp_path / "last-plan.json"
    write_plan_made(path, made)
    assert read_plan_made(path) == made
    for damaged in (
        dataclasses.replace(made, related=((len(ARTICLES),), *made.related[1:])),
        dataclasses.replace(made, teasers=made.teasers[1:]),
    ):
        write_plan_made(path, damaged)
        assert read_plan_made(path) is None
    old_form = dict(json.loads(path.read_bytes()), related={"2025/11/07/x/index.html": ["a"]})
    for garbage in (b"\xff", json.dumps(old_form).encode()):
        path.write_bytes(garbage)
        assert read_plan_made(path) is None


def test_a_teaser_read_back_from_the_load_memo_has_the_same_key() -> None:
    """A time read from a file carries dateutil's zone; read back from the memo, the
    standard library's: they show the same, so the teaser's key is the same."""
    teaser = Teaser.of(make_article(1))
    moscow = dt.datetime(2025, 11, 7, 10, 30, tzinfo=tz.tzoffset(None, 10800))
    read = dataclasses.replace(teaser, published=moscow)
    again = dataclasses.replace(teaser, published=dt.datetime.fromisoformat(moscow.isoformat()))
    digest = PageKeys(b"salt").record_digest
    assert digest(read) == digest(again) != digest(teaser)
    assert digest(read) != digest(dataclasses.replace(read, summary="Иначе."))


def test_a_correction_in_a_build_that_failed_is_published_by_the_next(tmp_path: Path) -> None:
    """A build that read a corrected article and failed before its swap (here: a file of
    root/ where newsgen makes a page) leaves the old page live: the next build must read
    the article again, not take the failed build's reading for what the site shows."""
    site = write_sample_sources(tmp_path / "site")
    build(site)
    corrected_body(site)
    clash = site / "root/index.html"
    clash.parent.mkdir()
    clash.write_text("<p>mine</p>", "utf-8")
    failed = newsgen("build", "--site", site, "--jobs", "1")
    assert failed.code != 0 and "root/index.html" in failed.err
    clash.unlink()
    build(site)
    fresh = corrected_body(write_sample_sources(tmp_path / "fresh"))
    build(fresh)
    assert tree_bytes(site / "build") == tree_bytes(fresh / "build")


def test_a_whole_plan_tells_apart_the_article_pages_that_show_what_they_showed() -> None:
    keys, last = remembered(ARTICLES)
    before = {page.path: keys.key(page) for page in plan_site(ARTICLES, CONFIG)}
    added = make_article(8, topics=(KAZAN,))
    retitled = dataclasses.replace(ARTICLES[1], title="Статья 2, исправленная")
    articles = [ARTICLES[0], retitled, *ARTICLES[2:], added]
    pages = plan_site(articles, CONFIG)
    read = frozenset({added.source_path, retitled.source_path})
    plan = whole_plan(last, SITE, pages, read, PageKeys(b"salt"))
    again = PageKeys(b"salt")
    shown = {page.path: again.key(page) for page in pages}
    assert plan.unchanged and set(plan.record_keys) == plan.unchanged
    assert all(shown[path] == before[path] for path in plan.unchanged)
    article_pages = {p.path for p in pages if isinstance(p.context, ArticleContext)}
    same = {path for path in article_pages if shown[path] == before.get(path)}
    assert plan.unchanged == same  # here each is told apart: none is missed
    assert whole_plan(last, "another site", pages, read, again).unchanged == frozenset()


def appended_and_retitled(site: Path) -> Path:
    """A new article on a new day, and another article's headline corrected."""
    (site / "seeds/900_0123456789abcdef.txt").write_text(
        " date 2025-11-12 Новый мост в Казани открыли для машин.\n\nМост строили два года.",
        "utf-8",
    )
    source = site / "seeds/002_2b3c4d5e6f708192.txt"
    source.write_text(source.read_text("utf-8").replace("два процента", "три процента"), "utf-8")
    return site


def test_an_append_and_a_new_headline_give_a_fresh_builds_site(tmp_path: Path) -> None:
    site = write_sample_sources(tmp_path / "site")
    build(site)
    out = build(appended_and_retitled(site))
    assert "2 sources read" in out and "search index indexed" in out
    fresh = appended_and_retitled(write_sample_sources(tmp_path / "fresh"))
    build(fresh)
    assert tree_bytes(site / "build") == tree_bytes(fresh / "build")
