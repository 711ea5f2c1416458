"""Entities per article: long texts are read in slices, so memory and time stay bounded."""

from __future__ import annotations

import dataclasses
import pickle
import sys
from collections.abc import Iterator, Sequence

import pytest
from sitetools import make_article

from newsgen.records import Article, Body
from newsgen.topics import extract as extraction
from newsgen.topics.entities import FoundEntity, Mention
from newsgen.topics.extract import SLICE_CHARS, article_text
from newsgen.topics.find import TextBatch, find_entities
from newsgen.topics.russian_ner import RussianNer

TOKAYEV = "Касым-Жомарт Токаев"
TOKAYEV_CAME = f"Президент {TOKAYEV} прибыл утром."


class RecordingNer:
    """The Russian model, and a record of the texts it was given and how they were batched."""

    def __init__(self, model: RussianNer) -> None:
        self.model = model
        self.texts: list[str] = []
        self.batches: list[list[str]] = []

    def mentions(self, texts: Sequence[str]) -> Iterator[list[Mention]]:
        self.batches.append(list(texts))
        self.texts.extend(texts)
        return self.model.mentions(texts)


@pytest.fixture(scope="module")
def russian_model() -> RussianNer:
    return RussianNer()


@pytest.fixture
def model(monkeypatch: pytest.MonkeyPatch, russian_model: RussianNer) -> RecordingNer:
    recording = RecordingNer(russian_model)
    monkeypatch.setattr(extraction, "_russian", recording)
    return recording


def article(paragraphs: Sequence[str], lang: str = "ru") -> Article:
    return dataclasses.replace(make_article(1), body=Body.of(paragraphs), lang=lang)


def entities(article: Article) -> list[FoundEntity]:
    [found] = find_entities([article], None, jobs=1).entities
    return found


def test_a_long_article_reaches_the_model_in_slices(model: RecordingNer) -> None:
    # 100 KB of text (a 1 MB text, whole, made the model hold about 1.5 GB).
    long = article([TOKAYEV_CAME] + ["Переговоры шли весь день."] * 4_000)
    assert entities(long) == [FoundEntity("person", TOKAYEV, 1, True)]
    assert max(map(len, model.texts)) <= SLICE_CHARS
    assert "".join(model.texts) == extraction.article_text(long).text


def test_the_model_reads_slices_in_batches_of_bounded_padded_length(model: RecordingNer) -> None:
    # The model pads a batch to its longest text: 16 slices of 20,000 characters of
    # initials («А. А. …», a token every 1.5 characters) took 2 GB.
    short = [article([f"{TOKAYEV_CAME} Было {number} часов."]) for number in range(40)]
    long = article(["А. " * 30_000])
    found = find_entities([*short, long], None, jobs=1).entities
    assert found[:40] == [[FoundEntity("person", TOKAYEV, 1, True)]] * 40
    assert all(len(batch) * max(map(len, batch)) <= 40_000 for batch in model.batches)
    assert len(model.texts) >= 40 + 90_000 / SLICE_CHARS


def test_names_in_later_slices_are_counted_where_they_stand(model: RecordingNer) -> None:
    long = article(["Статья 1.", *["Переговоры шли весь день."] * 1_000, TOKAYEV_CAME])
    assert entities(long) == [FoundEntity("person", TOKAYEV, 1, False)]


def test_an_article_within_one_slice_reaches_the_model_whole(model: RecordingNer) -> None:
    short = article([TOKAYEV_CAME, "Переговоры шли весь день."])
    assert entities(short) == [FoundEntity("person", TOKAYEV, 1, True)]
    assert model.texts == [f"Статья 1\n\n{TOKAYEV_CAME}\n\nПереговоры шли весь день."]


def test_a_long_english_article_takes_time_in_proportion_to_its_length() -> None:
    # Each sentence's first word is looked for in the rest of the text: on 400 KB whole,
    # that took minutes; slice by slice it costs the slices' length.
    sentence = "Officials in Astana met John Harris on Monday. "
    long = article(["John Harris arrived.", sentence * 8_500], lang="en")
    assert entities(long) == [
        FoundEntity("person", "John Harris", 8_501, True),
        FoundEntity("other", "Astana", 8_500, False),
    ]


def test_a_batch_sent_to_a_worker_leaves_its_articles_as_they_were() -> None:
    # Pickling a str keeps its UTF-8 form in the object: sent as records, every body sent
    # to a worker stayed in this process twice over.
    sent = [article([f"{TOKAYEV_CAME} Астана и Москва договорились.", "Второй абзац."])]
    sizes = [sys.getsizeof(text) for text in sent[0].paragraphs]
    received = pickle.loads(pickle.dumps(TextBatch(sent)))
    assert [sys.getsizeof(text) for text in sent[0].paragraphs] == sizes
    assert received.texts() == TextBatch(sent).texts() == [article_text(sent[0])]
