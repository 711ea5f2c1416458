"""Page keys: equal keys mean equal output, so a rebuild may keep a page whose key is kept."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sitetools import make_article

from newsgen.config import load_config
from newsgen.records import Page
from newsgen.render.page_keys import PageKeys, render_salt

SALT = b"salt"


def page(**context: object) -> Page:
    return Page("2025/11/07/index.html", "day.html", context)


def test_equal_contexts_give_equal_keys_in_any_process() -> None:
    first = PageKeys(SALT).key(page(articles=[make_article(1)], title="День"))
    again = PageKeys(SALT).key(page(title="День", articles=[make_article(1)]))
    assert first == again  # a new PageKeys, and the mapping's keys in another order


@pytest.mark.parametrize(
    "changed",
    [
        {"title": "Другой день"},
        {"articles": [make_article(2)]},
        {"articles": [dataclasses.replace(make_article(1), title="Новый заголовок")]},
        {"day": dt.date(2025, 11, 8)},
        {"count": 2},
        {"count": "1"},
    ],
    ids=["text", "other-article", "edited-article", "date", "number", "number-as-text"],
)
def test_any_change_in_the_context_changes_the_key(changed: dict[str, object]) -> None:
    context: dict[str, object] = {
        "title": "День",
        "articles": [make_article(1)],
        "day": dt.date(2025, 11, 7),
        "count": 1,
    }
    keys = PageKeys(SALT)
    assert keys.key(page(**context)) != keys.key(page(**(context | changed)))


def test_the_template_and_the_salt_are_part_of_the_key() -> None:
    keys = PageKeys(SALT)
    day = page(title="День")
    assert keys.key(day) != keys.key(dataclasses.replace(day, template="month.html"))
    assert keys.key(day) != PageKeys(b"other salt").key(day)


def test_a_record_key_ignores_the_page_it_is_shown_on() -> None:
    keys = PageKeys(SALT)
    article = make_article(1)
    assert keys.record_key(article) == PageKeys(SALT).record_key(make_article(1))
    assert keys.record_key(article) != keys.record_key(make_article(2))


def test_a_value_that_cannot_be_fingerprinted_is_refused() -> None:
    with pytest.raises(TypeError, match="cannot fingerprint a object"):
        PageKeys(SALT).key(page(thing=object()))


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
