"""The lean path through natasha's NER model finds exactly the spans slovnet finds."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from slovnet.exec.model import CRF, Weight

from newsgen.topics.ner_model import NerModel, best_paths, news_tagger
from newsgen.topics.russian_ner import natasha_data_folder


@pytest.fixture(scope="module")
def tagger() -> Any:
    """slovnet's NER with natasha's news model, in batches small enough that a few texts
    make several, most of them padded (do not modify)."""
    return news_tagger(natasha_data_folder(), batch_size=4)


LONG = " ".join(["Президент Казахстана Касым-Жомарт Токаев провёл переговоры в Астане."] * 300)
CASES = {
    "names": ["Глава Банка России встретился в Ростове-на-Дону с Касым-Жомартом Токаевым."],
    "empty text": ["", "Владимир Путин прилетел в Москву.", ""],
    "only punctuation": ["?!… «» — ,,, :-) -- ** ... (№)", "Путин в Москве."],
    "a very long word": ["Слово" + "о" * 5_000 + " в Москве сказал Иван Петров."],
    "Latin words": ["Компании AT&T и Procter & Gamble открыли офисы в New York, пишет Reuters."],
    "hyphenated names": ["Анна-Мария Петрова-Водкина и Жан-Поль Сартр приехали в Сен-Жан-де-Люз."],
    "quotes": ["Компания «Газпром нефть» и газета «Коммерсантъ» сообщили о сделке с «Роснефтью»."],
    "lengths far apart": [
        "Мэр Москвы Сергей Собянин.",
        LONG,
        "",
        "В Берлине Ангела Меркель встретилась с Эммануэлем Макроном. " * 5,
        "Токаев.",
        "ООН",
    ],
}


def slovnet_spans(tagger: Any, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    return [[(s.start, s.stop, s.type) for s in markup.spans] for markup in tagger.map(texts)]


@pytest.mark.parametrize("texts", CASES.values(), ids=CASES.keys())
def test_the_spans_are_slovnets(tagger: Any, texts: list[str]) -> None:
    assert list(NerModel(tagger).spans(texts)) == slovnet_spans(tagger, texts)


def test_the_spans_mark_the_names_with_their_type(tagger: Any) -> None:
    text = "Глава Банка России встретился в Ростове-на-Дону с Касым-Жомартом Токаевым."
    (spans,) = NerModel(tagger).spans([text])
    assert [(text[s.start : s.stop], s.type) for s in spans] == [
        ("Банка России", "ORG"),
        ("Ростове-на-Дону", "LOC"),
        ("Касым-Жомартом Токаевым", "PER"),
    ]


def test_a_batch_without_a_single_word_has_no_spans(tagger: Any) -> None:
    """slovnet fails on such a batch (IndexError); it has nothing to find."""
    assert list(NerModel(tagger).spans(["", "   \n\n  ", ""])) == [[], [], []]


def test_no_text_gives_nothing(tagger: Any) -> None:
    assert list(NerModel(tagger).spans([])) == []


@pytest.mark.parametrize("integers", [False, True], ids=["model's transitions", "many ties"])
def test_best_paths_are_slovnets_with_ties_broken_alike(tagger: Any, integers: bool) -> None:
    crf = tagger.infer.model.head.crf
    rng = np.random.default_rng(7)
    if integers:  # whole scores from a few values: equal sums everywhere
        transitions = rng.integers(-2, 3, size=crf.transitions.shape).astype(np.float32)
        crf = CRF(Weight(crf.transitions.shape, "float32", transitions))
    emissions = rng.integers(-3, 4, size=(6, 40, 8)).astype(np.float32)
    if not integers:
        emissions += rng.standard_normal(emissions.shape).astype(np.float32)
    lengths = np.array([40, 17, 1, 2, 39, 40])
    mask = np.arange(40) < lengths[:, None]
    expected = [path.tolist() for path in crf.decode(emissions, mask)]
    assert best_paths(emissions, mask, crf.transitions.array) == expected
