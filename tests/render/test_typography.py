"""Russian typography at render time: no-break spaces where a line must not break."""

from __future__ import annotations

import pytest

from newsgen.render.typography import NO_BREAK, typeset, typeset_html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("к инициативе", "к_инициативе"),
        ("и в Москве", "и_в_Москве"),
        ("на днях в Казани", "на_днях в_Казани"),
        ("«Я только что", "«Я_только что"),
        ("мощностью 395 МВт", "мощностью 395_МВт"),
        ("на 17 млрд долларов", "на_17_млрд долларов"),
        ("более 30 лет", "более 30_лет"),
        ("в 2020 году", "в_2020_году"),
        ("рост на 2 %", "рост на_2_%"),
        ("указ № 5", "указ №_5"),
        ("президент В. В. Путин", "президент В._В._Путин"),
        ("Казахстан — первая страна", "Казахстан_— первая страна"),
        ("т. е. так", "т. е. так"),  # abbreviations: nothing glued to what follows
        ("Нью-Йорк", "Нью-Йорк"),
        ("тест-драйв по трассе", "тест-драйв по_трассе"),
        ("дом 1000 метров", "дом 1000 метров"),  # a number before a plain word: may break
    ],
)
def test_no_break_spaces_where_a_line_must_not_break(text: str, expected: str) -> None:
    assert typeset(text) == expected.replace("_", NO_BREAK)


def test_other_languages_are_left_as_written() -> None:
    assert typeset("a cat in a hat", "en") == "a cat in a hat"


def test_nothing_but_spaces_changes() -> None:
    text = "В. В. Путин и К. Токаев — на 17 млрд в 2025 году, «за» и «против» № 3."
    assert typeset(text).replace(NO_BREAK, " ") == text


def test_in_html_only_the_text_changes() -> None:
    body = (
        '<p>Мэр <a href="https://example.org/?a=1&amp;b=2" title="в доме">в доме</a> '
        "и &laquo;на&raquo; месте &amp; <code>a = в b</code> 5 км.</p>"
        '<pre>и в коде</pre><p>ок <img alt="и я" src="x.jpg"> и</p>'
    )
    typeset_body = typeset_html(body)
    assert typeset_body == (
        '<p>Мэр <a href="https://example.org/?a=1&amp;b=2" title="в доме">в_доме</a> '
        "и_«на» месте &amp; <code>a = в b</code> 5_км.</p>"
        '<pre>и в коде</pre><p>ок <img alt="и я" src="x.jpg"> и</p>'
    ).replace("_", NO_BREAK)
    assert typeset_html(body, "en") == body
