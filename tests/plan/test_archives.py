"""Articles grouped by year, month and day for the date archive pages."""

from __future__ import annotations

import datetime as dt

from sitetools import make_article

from newsgen.plan.archives import DayArchive, MonthArchive, group_by_date
from newsgen.records import Article


def article(day: dt.date, number: int) -> Article:
    return make_article(number, day)


NOV_7_A = article(dt.date(2025, 11, 7), 1)
NOV_7_B = article(dt.date(2025, 11, 7), 2)
NOV_5 = article(dt.date(2025, 11, 5), 3)
OCT_30 = article(dt.date(2025, 10, 30), 4)
DEC_31_2024 = article(dt.date(2024, 12, 31), 5)
JUN_15_2024 = article(dt.date(2024, 6, 15), 6)
NEWEST_FIRST = [NOV_7_B, NOV_7_A, NOV_5, OCT_30, DEC_31_2024, JUN_15_2024]


def test_years_months_and_days_in_calendar_order() -> None:
    years = group_by_date(NEWEST_FIRST)
    assert [(y.year, y.url, y.article_count) for y in years] == [
        (2024, "2024/", 2),
        (2025, "2025/", 4),
    ]
    assert [[(m.url, m.article_count) for m in y.months] for y in years] == [
        [("2024/06/", 1), ("2024/12/", 1)],
        [("2025/10/", 1), ("2025/11/", 3)],
    ]
    november = years[1].months[1]
    assert november.first_day == dt.date(2025, 11, 1)
    assert [(d.url, d.articles) for d in november.days] == [
        ("2025/11/05/", [NOV_5]),
        ("2025/11/07/", [NOV_7_B, NOV_7_A]),  # the order given: newest first
    ]


def test_no_articles_no_years() -> None:
    assert group_by_date([]) == []


def test_month_weeks_start_on_monday() -> None:
    november = group_by_date(NEWEST_FIRST)[1].months[1]
    weeks = november.weeks()
    # 1 November 2025 is a Saturday; the month ends on Sunday the 30th.
    assert weeks[0] == [0, 0, 0, 0, 0, 1, 2]
    assert weeks[1] == [3, 4, november.days[0], 6, november.days[1], 8, 9]
    assert weeks[-1] == [24, 25, 26, 27, 28, 29, 30]
    assert len(weeks) == 5


def test_month_weeks_list_every_day_once() -> None:
    february = MonthArchive(dt.date(2024, 2, 1), [DayArchive(dt.date(2024, 2, 29), [JUN_15_2024])])
    cells = [cell for week in february.weeks() for cell in week]
    numbers = [c.date.day if isinstance(c, DayArchive) else c for c in cells if c != 0]
    assert numbers == list(range(1, 30))
    assert all(len(week) == 7 for week in february.weeks())
    assert cells.count(february.days[0]) == 1  # the 29th is its archive, not its number
