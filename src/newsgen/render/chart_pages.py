"""The charts of the theme's pages, with their words in the site's language: a topic's
articles by month, a year's days, the archive's months (see `charts`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from newsgen.plan.archives import YearArchive
from newsgen.render.charts import Described, busiest, day_calendar, month_bars


@dataclass(frozen=True)
class ChartWords:
    """What the charts need of the site's language."""

    text: dict[str, str]  # the theme's words (`UI_TEXT[language]`)
    articles: Callable[[int], str]  # «5 статей»
    month_name: Callable[[dt.date], str]  # «ноябрь 2025»
    day_name: Callable[[dt.date], str]  # «7 ноября 2025»
    short_months: Sequence[str]  # «янв.», … for the calendar's columns


def topic_chart(name: str, per_month: Sequence[tuple[dt.date, int]], words: ChartWords) -> Markup:
    """A topic's articles month by month."""
    title = words.text["chart_topic_title"].format(name=name)
    return month_bars(per_month, Described(title, _months_said(per_month, words)))


def archive_chart(years: Sequence[YearArchive], words: ChartWords) -> Markup:
    """The archive's articles month by month, all years."""
    per_month = sorted((m.first_day, m.article_count) for y in years for m in y.months)
    title = words.text["chart_archive_title"]
    return month_bars(per_month, Described(title, _months_said(per_month, words)))


def year_chart(year: YearArchive, words: ChartWords) -> Markup:
    """A year's days, shaded by their articles, week by week."""
    counts = {day.date: len(day.articles) for month in year.months for day in month.days}
    most = busiest(sorted(counts.items()))
    said = words.text["chart_days_desc"].format(
        count=words.articles(sum(counts.values())),
        days=len(counts),
        busiest=words.day_name(most[0]) if most else "",
        most=words.articles(most[1]) if most else "",
    )
    title = words.text["chart_year_title"].format(year=year.year)
    return day_calendar(year.year, counts, words.short_months, Described(title, said))


def _months_said(per_month: Sequence[tuple[dt.date, int]], words: ChartWords) -> str:
    most = busiest(per_month)
    if most is None:
        return ""
    return words.text["chart_months_desc"].format(
        count=words.articles(sum(count for _, count in per_month)),
        first=words.month_name(per_month[0][0]),
        last=words.month_name(per_month[-1][0]),
        busiest=words.month_name(most[0]),
        most=words.articles(most[1]),
    )
