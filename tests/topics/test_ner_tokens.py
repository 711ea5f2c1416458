"""newsgen's tokens for the NER model are razdel's, offsets and all."""

from __future__ import annotations

import random

import pytest
from razdel import tokenize

from newsgen.topics.ner_tokens import token_offsets

CASES = {
    "empty": "",
    "spaces only": "  \n\t ",
    "words and punctuation": "Москва, 5 мая (ТАСС). «Газпром» — крупнейшая компания!",
    "numbers": "Курс 1,5 и 2.75, доля 1/2 и 3\\4, счёт 2:1",
    "dashes": "из-за Ростов-на-Дону а -б в- г 5-6 -- — – ‑ −",
    "dash at either end": "- слово слово -",
    "underscores": "snake_case _x y_ a_-b",
    "smileys and endings": "Да :-) нет ;(( ну =) ?! ... !!! ?.. ** ***",
    "yahoo": "Yahoo! и yahoo!! и YAHOO !",
    "other characters": "ΔP mβж € 5€ ✓да 😀😀 °C",
    "Latin and mixed": "AT&T, Procter & Gamble, iPhone15, COVID-19, e-mail.",
    "a very long word": "а" * 10_000 + " б",
}
# What razdel's rules look at, one piece at a time: letters, digits, signs, spaces.
ALPHABET = [*"аБёЁaZ09 \n.,!?…-–—−‑_/\\:;=()«»\"'„“*#%&+<>@|~№Δσ€😀", "yahoo", ":-)", "...", "1.5"]


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_the_tokens_are_razdels(text: str) -> None:
    assert token_offsets(text) == [(t.start, t.stop) for t in tokenize(text)]


def test_the_tokens_are_razdels_in_random_mixtures_of_what_its_rules_read() -> None:
    rng = random.Random(11)
    texts = ["".join(rng.choices(ALPHABET, k=rng.randint(1, 10))) for _ in range(20_000)]
    differing = [t for t in texts if token_offsets(t) != [(s.start, s.stop) for s in tokenize(t)]]
    assert differing == []
