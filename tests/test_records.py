"""The records' own rules: the order articles are listed in."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sitetools import make_article

from newsgen.records import Article

DAY = dt.date(2025, 11, 7)
MOSCOW = dt.timezone(dt.timedelta(hours=3))


def published(number: int, moment: dt.datetime | None) -> Article:
    return dataclasses.replace(make_article(number, DAY), published=moment)


def test_same_day_articles_are_in_the_order_they_were_published_whatever_the_zone() -> None:
    in_moscow = published(1, dt.datetime(2025, 11, 7, 10, 0, tzinfo=MOSCOW))  # 07:00 UTC
    in_london = published(2, dt.datetime(2025, 11, 7, 9, 0, tzinfo=dt.UTC))
    no_time = published(3, None)
    ordered = sorted([in_london, no_time, in_moscow], key=lambda a: a.sort_key)
    assert ordered == [no_time, in_moscow, in_london]


def test_a_time_without_a_zone_counts_as_utc() -> None:
    naive = published(1, dt.datetime(2025, 11, 7, 8, 0))
    in_moscow = published(2, dt.datetime(2025, 11, 7, 10, 0, tzinfo=MOSCOW))  # 07:00 UTC
    ordered = sorted([naive, in_moscow], key=lambda a: a.sort_key)
    assert ordered == [in_moscow, naive]
