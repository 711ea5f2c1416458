"""Page keys: equal keys mean equal output, so a rebuild may keep a page whose key is kept."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sitetools import make_article

from newsgen.config import load_config
from newsgen.plan.archives import DayArchive
from newsgen.plan.pages import DayContext, NotFoundContext, Page, RobotsContext, TopicsContext
from newsgen.records import Article, Teaser
from newsgen.render.page_keys import PageKeys, render_salt

SALT = b"salt"


def day_page(*articles: Article, day: dt.date = dt.date(2025, 11, 7)) -> Page:
    archive = DayArchive(day, [Teaser.of(article) for article in articles])
    return Page(f"{day:%Y/%m/%d}/index.html", DayContext(archive, None, None))


def test_equal_contexts_give_equal_keys_in_any_process() -> None:
    first = PageKeys(SALT).key(day_page(make_article(1)))
    assert first == PageKeys(SALT).key(day_page(make_article(1)))  # made again, a new PageKeys


def test_a_mapping_in_a_context_is_keyed_whatever_its_order() -> None:
    in_order = TopicsContext({"person": [], "place": []}, [], 60)
    reversed_order = TopicsContext({"place": [], "person": []}, [], 60)
    keys = PageKeys(SALT)
    assert keys.key(Page("topics/index.html", in_order)) == keys.key(
        Page("topics/index.html", reversed_order)
    )


@pytest.mark.parametrize(
    "changed",
    [
        day_page(make_article(2)),
        day_page(dataclasses.replace(make_article(1), title="Новый заголовок")),
        day_page(make_article(1), make_article(2)),
        day_page(make_article(1), day=dt.date(2025, 11, 8)),
    ],
    ids=["other-article", "edited-title", "one-more-article", "date"],
)
def test_any_change_in_the_context_changes_the_key(changed: Page) -> None:
    keys = PageKeys(SALT)
    assert keys.key(day_page(make_article(1))) != keys.key(changed)


def test_a_number_and_its_text_differ() -> None:
    keys = PageKeys(SALT)
    assert keys.record_key(1) != keys.record_key("1")
    assert keys.record_key(1) != keys.record_key(True)


def test_the_kind_of_context_and_the_salt_are_part_of_the_key() -> None:
    keys = PageKeys(SALT)
    robots, not_found = Page("x", RobotsContext()), Page("x", NotFoundContext())
    assert keys.key(robots) != keys.key(not_found)  # no fields either, other templates
    assert keys.key(robots) != PageKeys(b"other salt").key(robots)


def test_a_record_key_ignores_the_page_it_is_shown_on() -> None:
    keys = PageKeys(SALT)
    article = make_article(1)
    assert keys.record_key(article) == PageKeys(SALT).record_key(make_article(1))
    assert keys.record_key(article) != keys.record_key(make_article(2))


def test_a_value_that_cannot_be_fingerprinted_is_refused() -> None:
    with pytest.raises(TypeError, match="cannot fingerprint a object"):
        PageKeys(SALT).record_key([object()])


def test_the_salt_changes_with_settings_templates_and_the_fallback_time(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    config = load_config(None)
    salt = render_salt(config, [templates], "1970-01-01T00:00:00Z")
    assert salt == render_salt(config, [templates], "1970-01-01T00:00:00Z")
    assert salt != render_salt(config, [templates], "2025-01-01T00:00:00Z")
    other = dataclasses.replace(config, title="Другой архив")
    assert salt != render_salt(other, [templates], "1970-01-01T00:00:00Z")
    (templates / "day.html").write_text("{{ title }}", encoding="utf-8")
    assert salt != render_salt(config, [templates], "1970-01-01T00:00:00Z")


def test_where_an_article_s_source_lies_is_not_part_of_its_key() -> None:
    keys = PageKeys(SALT)
    moved = dataclasses.replace(
        make_article(1), source_path="elsewhere/a.md", date_line=7, slug_line=9
    )
    assert keys.key(day_page(moved)) == PageKeys(SALT).key(day_page(make_article(1)))
    assert keys.record_key(moved) == keys.record_key(make_article(1))
