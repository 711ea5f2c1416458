"""The records' own rules: the order articles are listed in, how a body is held."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys

from sitetools import make_article

from newsgen.records import Article, Body

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


# A news item's paragraphs in Russian, none repeating another: text that packs as real
# news does, not a repeated line that any compressor makes nothing of.
NEWS = (
    "Правительство Москвы утвердило программу ремонта 340 школ до конца 2027 года.",
    "«Мы начнём с тех зданий, где не было капремонта больше сорока лет», — сказал "
    "заместитель мэра по вопросам социального развития на пресс-конференции в среду.",
    "По данным департамента образования, на работы выделят 118 млрд рублей; подрядчиков "
    "выберут на открытых торгах, а графики будут опубликованы на портале mos.ru.",
    "Родители учеников уже спрашивают, куда переведут занятия на время ремонта: в "
    "прошлом году часть классов училась во вторую смену в соседних корпусах.",
    "Эксперты напоминают, что похожая программа в Санкт-Петербурге отстала от графика "
    "почти на два года из-за роста цен на стройматериалы и нехватки рабочих.",
)


def test_a_body_gives_back_its_paragraphs_and_html_as_given() -> None:
    html = '<p>«Цитата» &amp; <a href="https://example.org/?a=1&amp;b=2">ссылка</a></p>'
    assert Body.of(NEWS).unpacked() == (NEWS, None)
    assert Body.of(NEWS, html).unpacked() == (NEWS, html)
    assert Body.of(("Строка\nс переводом", "")).unpacked() == (("Строка\nс переводом", ""), None)


def test_an_article_holds_its_body_in_far_less_memory_than_its_text() -> None:
    """The build holds every article until the last page is written: 100,000 bodies as
    strings were most of its memory."""
    article = dataclasses.replace(make_article(1, DAY), body=Body.of(NEWS))
    as_strings = sys.getsizeof(NEWS) + sum(sys.getsizeof(paragraph) for paragraph in NEWS)
    assert article.paragraphs == NEWS
    assert sys.getsizeof(article.body.packed) + sys.getsizeof(article.body.digest) < (
        as_strings / 2
    )


def test_bodies_of_other_text_have_other_digests_and_equal_text_equal_records() -> None:
    """Page keys follow the digest, not the packed bytes: an edit must change it."""
    edited = (*NEWS[:-1], NEWS[-1].replace("два года", "три года"))
    assert Body.of(NEWS) == Body.of(list(NEWS))
    assert Body.of(NEWS).digest != Body.of(edited).digest
    assert Body.of(NEWS).digest != Body.of(NEWS, "<p>x</p>").digest
