"""Charts drawn at build time: what they show, and the words that describe them."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from newsgen.render.charts import BAR_HEIGHT, Described, busiest, day_calendar, month_bars

SVG = "{http://www.w3.org/2000/svg}"
WORDS = Described("Тема: статьи по месяцам", "12 статей.")
MONTHS = ["янв.", "февр.", "март", "апр.", "май", "июнь", "июль", "авг.", "сент.", "окт.",
          "нояб.", "дек."]  # fmt: skip


def parsed(markup: str) -> ET.Element:
    return ET.fromstring(
        str(markup).replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    )


def test_bars_give_every_month_from_the_first_to_the_last() -> None:
    counts = [(dt.date(2024, 11, 1), 2), (dt.date(2025, 2, 1), 4)]
    svg = parsed(month_bars(counts, WORDS))
    bars = svg.findall(f"{SVG}rect")
    assert [float(bar.get("height", 0)) for bar in bars] == [BAR_HEIGHT / 2, BAR_HEIGHT]
    # November, December, January, February: the empty months keep their place.
    assert [bar.get("x") for bar in bars] == ["0", "30"]
    assert [label.text for label in svg.findall(f"{SVG}text")] == ["2024", "2025"]


def test_a_chart_says_what_it_shows_to_whoever_cannot_see_it() -> None:
    svg = parsed(month_bars([(dt.date(2025, 1, 1), 1)], WORDS))
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert (title.text, desc.text) == (WORDS.title, WORDS.description)


def test_words_are_escaped() -> None:
    svg = month_bars([(dt.date(2025, 1, 1), 1)], Described("<b>&", "</desc><script>"))
    assert "<script>" not in svg and "&lt;b&gt;&amp;" in svg


def cells(path: ET.Element) -> int:
    return len(re.findall(r"M", path.get("d", "")))


def test_the_calendar_has_a_cell_for_every_day_shaded_by_its_articles() -> None:
    counts = {dt.date(2024, 3, day): day for day in range(1, 9)}  # 1 to 8 articles
    svg = parsed(day_calendar(2024, counts, MONTHS, WORDS))
    paths = {path.get("class"): cells(path) for path in svg.findall(f"{SVG}path")}
    assert sum(paths.values()) == 366  # a leap year
    assert paths["chart-day level-0"] == 366 - 8
    assert [paths[f"chart-day level-{n}"] for n in (1, 2, 3, 4)] == [2, 2, 2, 2]
    assert [label.text for label in svg.findall(f"{SVG}text")] == MONTHS


def test_the_calendar_starts_its_weeks_on_monday() -> None:
    svg = parsed(day_calendar(2025, {dt.date(2025, 1, 1): 1}, MONTHS, WORDS))
    (busy,) = [p for p in svg.findall(f"{SVG}path") if p.get("class") != "chart-day level-0"]
    # 1 January 2025 was a Wednesday: the third row of the first week.
    assert busy.get("d", "").startswith("M0 36h")


def test_the_busiest_period_is_the_earliest_of_equals() -> None:
    counts = [(dt.date(2025, 1, 1), 3), (dt.date(2025, 2, 1), 5), (dt.date(2025, 3, 1), 5)]
    assert busiest(counts) == (dt.date(2025, 2, 1), 5)
    assert busiest([]) is None


def test_the_busiest_days_are_drawn_darkest_however_few() -> None:
    svg = parsed(day_calendar(2025, {dt.date(2025, 11, 7): 1}, MONTHS, WORDS))
    shades = {path.get("class"): cells(path) for path in svg.findall(f"{SVG}path")}
    assert shades == {"chart-day level-0": 364, "chart-day level-4": 1}
