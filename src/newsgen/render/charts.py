"""Pictures of an archive's time, drawn when the site is built: inline SVG, no script.

A topic's articles month by month, a year's days as a calendar, the archive's volume by
month. Colours come from the page's style sheet (the accent and border colours), so a
chart follows the reader's light or dark scheme; each has a title and a description in
words, which is what a screen reader says of it, and it is read without JavaScript.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

BAR_WIDTH = 8
BAR_GAP = 2
BAR_HEIGHT = 60
LABEL_SPACE = 14
CELL = 11  # a day of the calendar, with its gap
LEVELS = 4  # shades of the calendar, from the fewest articles to the most


@dataclass(frozen=True)
class Described:
    """A chart's words: its title, and a sentence on what it shows."""

    title: str
    description: str


def month_bars(counts: Sequence[tuple[dt.date, int]], words: Described) -> Markup:
    """Bars of articles per month (first days of months, oldest first, gaps filled with
    zeros), the year written under each January and under the first bar."""
    months = _every_month(counts)
    width = len(months) * (BAR_WIDTH + BAR_GAP)
    tallest = max((count for _, count in months), default=0) or 1
    parts = []
    for index, (month, count) in enumerate(months):
        x = index * (BAR_WIDTH + BAR_GAP)
        height = round(BAR_HEIGHT * count / tallest, 1)
        if count:
            parts.append(
                f'<rect class="chart-bar" x="{x}" y="{BAR_HEIGHT - height}" '
                f'width="{BAR_WIDTH}" height="{height}"/>'
            )
        if month.month == 1 or index == 0:
            parts.append(
                f'<text class="chart-label" x="{x}" y="{BAR_HEIGHT + LABEL_SPACE - 3}">'
                f"{month.year}</text>"
            )
    parts.append(f'<path class="chart-axis" d="M0 {BAR_HEIGHT + 0.5}h{width}"/>')
    return _svg(width, BAR_HEIGHT + LABEL_SPACE, parts, words, "chart-months")


def day_calendar(year: int, counts: dict[dt.date, int], month_names: Sequence[str],
                 words: Described) -> Markup:  # fmt: skip
    """A year's days in weeks (columns, from Monday) and weekdays (rows), each shaded by
    its number of articles; the months named above their first week."""
    first = dt.date(year, 1, 1)
    start = first - dt.timedelta(days=first.weekday())
    shade = _shades(sorted(c for c in counts.values() if c))
    cells: list[list[str]] = [[] for _ in range(LEVELS + 1)]  # one path a shade: light pages
    labels = []
    day = first
    while day.year == year:
        week, weekday = divmod((day - start).days, 7)
        x, y = week * CELL, LABEL_SPACE + weekday * CELL
        cells[shade(counts.get(day, 0))].append(f"M{x} {y}h{CELL - 2}v{CELL - 2}h-{CELL - 2}z")
        if day.day == 1:
            labels.append(
                f'<text class="chart-label" x="{x}" y="{LABEL_SPACE - 4}">'
                f"{escape(month_names[day.month - 1])}</text>"
            )
        day += dt.timedelta(days=1)
    parts = [
        f'<path class="chart-day level-{level}" d="{"".join(shapes)}"/>'
        for level, shapes in enumerate(cells)
        if shapes
    ] + labels
    weeks = (dt.date(year, 12, 31) - start).days // 7 + 1
    return _svg(weeks * CELL, LABEL_SPACE + 7 * CELL, parts, words, "chart-days")


def busiest(counts: Sequence[tuple[dt.date, int]]) -> tuple[dt.date, int] | None:
    """The period with the most articles (the earliest of equals), for a description."""
    return max(counts, key=lambda item: (item[1], -item[0].toordinal()), default=None)


def _every_month(counts: Sequence[tuple[dt.date, int]]) -> list[tuple[dt.date, int]]:
    """The months from the first to the last of `counts`, those not in it with zero."""
    if not counts:
        return []
    given = dict(counts)
    month, last = min(given), max(given)
    months = []
    while month <= last:
        months.append((month, given.get(month, 0)))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def _shades(nonzero: Sequence[int]) -> Callable[[int], int]:
    """A day's shade, 0 for none and 1 to LEVELS by where its count falls among the year's
    days with articles (so a busy archive and a quiet one both show their contrasts); the
    busiest days always in the darkest (a year of one article is not drawn faint)."""
    bounds = [nonzero[max(0, len(nonzero) * step // LEVELS - 1)] for step in range(1, LEVELS)]
    most = nonzero[-1] if nonzero else 0

    def shade(count: int) -> int:
        if not count:
            return 0
        return LEVELS if count == most else 1 + sum(count > bound for bound in bounds)

    return shade


def _svg(width: int, height: int, parts: Sequence[str], words: Described, kind: str) -> Markup:
    """An SVG image of `parts`, its title and description named as its accessible text."""
    return Markup(
        f'<svg class="chart {kind}" viewBox="0 0 {width} {height}" width="{2 * width}" '
        f'height="{2 * height}" role="img" '
        f'aria-labelledby="{kind}-title {kind}-desc" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{kind}-title">{escape(words.title)}</title>'
        f'<desc id="{kind}-desc">{escape(words.description)}</desc>' + "".join(parts) + "</svg>"
    )
