"""Articles dated in the future wait until their date comes, unless told otherwise."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sitetools import make_article

from newsgen.errors import UsageError
from newsgen.sources.future import build_now, hold_future, is_future

UTC = dt.UTC
MSK = dt.timezone(dt.timedelta(hours=3))


@pytest.mark.parametrize(
    ("now", "waits"),
    [
        (dt.datetime(2025, 11, 6, 9, 59, tzinfo=UTC), True),  # 23:59 on the 6th at UTC+14
        (dt.datetime(2025, 11, 6, 10, 0, tzinfo=UTC), False),  # the 7th begins at UTC+14
        (dt.datetime(2025, 11, 7, 12, 0, tzinfo=UTC), False),
    ],
    ids=["day-not-begun-anywhere", "day-begun-in-kiribati", "day-come"],
)
def test_an_untimed_article_waits_until_its_day_begins_somewhere(
    now: dt.datetime, waits: bool
) -> None:
    assert is_future(make_article(1, dt.date(2025, 11, 7)), now) is waits


AT_TEN_MSK = dt.datetime(2025, 11, 7, 10, 0, tzinfo=MSK)
AT_TEN_NO_ZONE = dt.datetime(2025, 11, 7, 10, 0)


@pytest.mark.parametrize(
    ("published", "now", "waits"),
    [
        (AT_TEN_MSK, dt.datetime(2025, 11, 7, 6, 59, tzinfo=UTC), True),
        (AT_TEN_MSK, dt.datetime(2025, 11, 7, 7, 0, tzinfo=UTC), False),
        (AT_TEN_NO_ZONE, dt.datetime(2025, 11, 6, 19, 59, tzinfo=UTC), True),
        (AT_TEN_NO_ZONE, dt.datetime(2025, 11, 6, 20, 0, tzinfo=UTC), False),
    ],
    ids=["a-minute-early", "on-the-minute", "no-zone-early-everywhere", "no-zone-come-at-utc+14"],
)
def test_a_timed_article_waits_until_its_moment(
    published: dt.datetime, now: dt.datetime, waits: bool
) -> None:
    article = dataclasses.replace(make_article(1, published.date()), published=published)
    assert is_future(article, now) is waits


def test_waiting_articles_are_held_back_with_a_notice_on_their_date_line() -> None:
    typo = dataclasses.replace(make_article(1, dt.date(2099, 1, 1)), date_line=3)
    today = make_article(2, dt.date(2025, 11, 7))
    now = dt.datetime(2025, 11, 7, 12, 0, tzinfo=UTC)
    published, waiting = hold_future([typo, today], now)
    assert published == [today]
    assert [str(notice) for notice in waiting] == [
        "seeds/1.txt:3: dated 2099-01-01, in the future: not published yet "
        "(--future or build_future: true publishes it)"
    ]
    assert hold_future([typo, today], None) == ([typo, today], [])


def test_now_is_source_date_epoch_when_set_else_the_clock() -> None:
    assert build_now({"SOURCE_DATE_EPOCH": "1700000000"}) == dt.datetime(
        2023, 11, 14, 22, 13, 20, tzinfo=UTC
    )
    before = dt.datetime.now(UTC)
    now = build_now({})
    assert before <= now <= dt.datetime.now(UTC)
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH='soon' is not a number of seconds"):
        build_now({"SOURCE_DATE_EPOCH": "soon"})
