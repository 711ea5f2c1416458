"""Bodies named by the place they serve become organisations («правительство США»)."""

from __future__ import annotations

import pytest

from newsgen.topics.bodies import body_nominative, with_bodies
from newsgen.topics.span_rules import Span


def organisations(text: str, *places: str, person: str = "") -> list[str]:
    """The organisation spans `with_bodies` adds to model spans over `places` (and
    over `person`, a person named after them)."""
    spans = [Span(text.index(p), text.index(p) + len(p), "place") for p in places]
    if person:
        spans.append(Span(text.index(person), text.index(person) + len(person), "person"))
    return [text[s.start : s.stop] for s in with_bodies(text, spans) if s.kind == "organisation"]


@pytest.mark.parametrize(
    ("text", "place", "body"),
    [
        ("Правительство Японии выразило протест", "Японии", "Правительство Японии"),
        ("у здания мэрии Москвы на Тверской", "Москвы", "мэрии Москвы"),
        ("с главой администрации США", "США", "администрации США"),
        ("встреча в парламенте Чечни", "Чечни", "парламенте Чечни"),
        ("В декабре комиссия ЕС пригрозила", "ЕС", "комиссия ЕС"),
        ("Встреча с послом Италии в миде Грузии", "Грузии", "миде Грузии"),
    ],
)
def test_a_body_before_a_place_is_an_organisation(text: str, place: str, body: str) -> None:
    assert organisations(text, place) == [body]


def test_the_place_stays_named_beside_the_body() -> None:
    text = "заявили в правительстве США"
    spans = with_bodies(text, [Span(text.index("США"), len(text), "place")])
    assert [(text[s.start : s.stop], s.kind) for s in spans] == [
        ("правительстве США", "organisation"),
        ("США", "place"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "новое правительство. России нужно",  # the sentence ended
        "правительство, Россия и Казахстан",
        "работает в правительстве россии",  # not a name
        "правительственный кризис в России",  # not a body's word
    ],
)
def test_no_body_without_a_name_right_after(text: str) -> None:
    place = "России" if "России" in text else ("Россия" if "Россия" in text else "россии")
    assert organisations(text, place) == []


def test_a_body_the_model_marked_is_not_marked_again() -> None:
    text = "заявили в МИД России"
    spans = [Span(text.index("МИД"), text.index("МИД") + 3, "organisation")]
    spans.append(Span(text.index("России"), len(text), "place"))
    assert with_bodies(text, spans) == spans


def test_a_body_in_a_persons_title_is_the_person_s() -> None:
    text = "Ранее депутат парламента России Полина Воробьева посетила Алматы"
    assert organisations(text, "России", person="Полина Воробьева") == []
    assert organisations("Депутаты парламента России обсудили", "России") == ["парламента России"]


@pytest.mark.parametrize(
    ("word", "nominative"),
    [
        ("правительством", "правительство"),
        ("Мэрии", "мэрия"),
        ("администрацию", "администрация"),
        ("парламент", "парламент"),
        ("прокуратуры", "прокуратура"),
        ("МИДа", "МИД"),
        ("правительственный", None),
        ("мэр", None),
    ],
)
def test_a_bodys_word_in_any_case_gives_its_nominative(word: str, nominative: str | None) -> None:
    assert body_nominative(word) == nominative
