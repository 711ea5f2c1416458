"""Grouping articles by year, month and day, for the date archive pages."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsgen.records import Teaser
from newsgen.urls import day_url, month_url, year_url


@dataclass(frozen=True)
class DayArchive:
    """The articles of one day, newest first."""

    date: dt.date
    articles: Sequence[Teaser]

    @property
    def url(self) -> str:
        return day_url(self.date)


@dataclass(frozen=True)
class MonthArchive:
    """The days of one month that have articles, in calendar order."""

    first_day: dt.date
    days: Sequence[DayArchive]

    @property
    def url(self) -> str:
        return month_url(self.first_day)

    @property
    def article_count(self) -> int:
        return sum(len(day.articles) for day in self.days)

    def weeks(self) -> list[list[DayArchive | int]]:
        """Give the month as calendar weeks from Monday: a day's archive, its number, or 0."""
        by_number = {day.date.day: day for day in self.days}
        grid = calendar.Calendar().monthdayscalendar(self.first_day.year, self.first_day.month)
        return [[by_number.get(n, n) for n in week] for week in grid]


@dataclass(frozen=True)
class YearArchive:
    """The months of one year that have articles, in calendar order."""

    year: int
    months: Sequence[MonthArchive]

    @property
    def url(self) -> str:
        return year_url(self.year)

    @property
    def article_count(self) -> int:
        return sum(month.article_count for month in self.months)


def group_by_date(newest_first: Sequence[Teaser]) -> list[YearArchive]:
    """Give the years (oldest first) holding the articles, with their months and days."""
    by_day: dict[dt.date, list[Teaser]] = defaultdict(list)
    for article in newest_first:
        by_day[article.date].append(article)
    by_month: dict[dt.date, list[DayArchive]] = defaultdict(list)
    for day in sorted(by_day):
        by_month[day.replace(day=1)].append(DayArchive(day, by_day[day]))
    by_year: dict[int, list[MonthArchive]] = defaultdict(list)
    for first_day in sorted(by_month):
        by_year[first_day.year].append(MonthArchive(first_day, by_month[first_day]))
    return [YearArchive(year, by_year[year]) for year in sorted(by_year)]
